// Codable conformances, so services can embed instances in their own Codable payloads.
// They follow the instance format field for field; decoding checks shapes only (as
// `Instance(json:)` does, but stopping at the first problem and without field paths),
// and `Market(compiling:)` validates the rest. Files should go through
// `Instance(contentsOf:)`, which is several times faster and reports every problem.

extension PreferenceList: Codable {
  /// Decodes `["p07", ["p02", "p11"], "p03"]`.
  public init(from decoder: any Decoder) throws {
    var container = try decoder.unkeyedContainer()
    var tiers: [[String]] = []
    while !container.isAtEnd {
      if let id = try? container.decode(String.self) {
        tiers.append([id])
      } else {
        let tie = try container.decode([String].self)
        guard !tie.isEmpty else {
          throw DecodingError.dataCorruptedError(in: container, debugDescription: "empty tie")
        }
        tiers.append(tie)
      }
    }
    self.init(tiers: tiers)
  }

  /// Encodes ties as arrays, single entries as strings.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    for tier in tiers {
      if tier.count == 1 { try container.encode(tier[0]) } else { try container.encode(tier) }
    }
  }
}

extension JSONValue: Codable {
  /// Decodes any JSON value.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let elements = try? container.decode([JSONValue].self) {
      self = .array(elements)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// Encodes the value as it is.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .number(let number): try container.encode(number)
    case .bool(let flag): try container.encode(flag)
    case .null: try container.encodeNil()
    case .array(let elements): try container.encode(elements)
    case .object(let members): try container.encode(members)
    }
  }
}

extension Applicant: Codable {
  private enum CodingKeys: String, CodingKey {
    case id, preferences, type, attributes
  }

  /// Decodes an applicant; `type` and `attributes` are optional.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try container.decode(String.self, forKey: .id),
      preferences: try container.decode(PreferenceList.self, forKey: .preferences),
      type: try container.decodeIfPresent(String.self, forKey: .type),
      attributes: try container.decodeIfPresent([String: JSONValue].self, forKey: .attributes) ?? [:])
  }

  /// Encodes the applicant, leaving out empty optional fields.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(preferences, forKey: .preferences)
    try container.encodeIfPresent(type, forKey: .type)
    if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
  }
}

extension Position: Codable {
  private enum CodingKeys: String, CodingKey {
    case id, capacity, minimum, closable, group, preferences
  }

  /// Decodes a position; `group` is one id or an array of ids.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    var groups: [String] = []
    if let group = try? container.decodeIfPresent(String.self, forKey: .group) {
      groups = [group]
    } else {
      groups = try container.decodeIfPresent([String].self, forKey: .group) ?? []
    }
    self.init(
      id: try container.decode(String.self, forKey: .id),
      capacity: try container.decode(Int.self, forKey: .capacity),
      minimum: try container.decodeIfPresent(Int.self, forKey: .minimum) ?? 0,
      closable: try container.decodeIfPresent(Bool.self, forKey: .closable) ?? false,
      groups: groups,
      preferences: try container.decodeIfPresent(PreferenceList.self, forKey: .preferences))
  }

  /// Encodes the position, leaving out defaults.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(capacity, forKey: .capacity)
    if minimum != 0 { try container.encode(minimum, forKey: .minimum) }
    if closable { try container.encode(closable, forKey: .closable) }
    if groups.count == 1 {
      try container.encode(groups[0], forKey: .group)
    } else if !groups.isEmpty {
      try container.encode(groups, forKey: .group)
    }
    try container.encodeIfPresent(preferences, forKey: .preferences)
  }
}

extension Group: Codable {
  private enum CodingKeys: String, CodingKey {
    case id, capacity, minimum, preferences
  }

  /// Decodes a group; `minimum` defaults to 0.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try container.decode(String.self, forKey: .id),
      capacity: try container.decode(Int.self, forKey: .capacity),
      minimum: try container.decodeIfPresent(Int.self, forKey: .minimum) ?? 0,
      preferences: try container.decodeIfPresent(PreferenceList.self, forKey: .preferences))
  }

  /// Encodes the group, leaving out defaults.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(capacity, forKey: .capacity)
    if minimum != 0 { try container.encode(minimum, forKey: .minimum) }
    try container.encodeIfPresent(preferences, forKey: .preferences)
  }
}

extension Instance: Codable {
  private enum CodingKeys: String, CodingKey {
    case format, version, name, applicants, positions, groups, typeQuotas, scores, locked, forbidden
  }

  /// Decodes an instance, checking `format` and `version`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let format = try container.decode(String.self, forKey: .format)
    guard format == Instance.format else {
      throw DecodingError.dataCorruptedError(
        forKey: .format, in: container, debugDescription: "expected \(quoted(Instance.format)), found \(quoted(format))"
      )
    }
    let version = try container.decode(Int.self, forKey: .version)
    guard version == Instance.version else {
      throw DecodingError.dataCorruptedError(
        forKey: .version, in: container, debugDescription: "unsupported version \(version)")
    }
    self.init(
      name: try container.decodeIfPresent(String.self, forKey: .name) ?? "",
      applicants: try container.decode([Applicant].self, forKey: .applicants),
      positions: try container.decode([Position].self, forKey: .positions),
      groups: try container.decodeIfPresent([Group].self, forKey: .groups) ?? [],
      typeQuotas: try container.decodeIfPresent([TypeQuota].self, forKey: .typeQuotas) ?? [],
      scores: try container.decodeIfPresent([Score].self, forKey: .scores) ?? [],
      locked: try container.decodeIfPresent([PairOverride].self, forKey: .locked) ?? [],
      forbidden: try container.decodeIfPresent([PairOverride].self, forKey: .forbidden) ?? [])
  }

  /// Encodes the instance with `format` and `version`, leaving out empty optional lists.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Instance.format, forKey: .format)
    try container.encode(Instance.version, forKey: .version)
    try container.encode(name, forKey: .name)
    try container.encode(applicants, forKey: .applicants)
    try container.encode(positions, forKey: .positions)
    if !groups.isEmpty { try container.encode(groups, forKey: .groups) }
    if !typeQuotas.isEmpty { try container.encode(typeQuotas, forKey: .typeQuotas) }
    if !scores.isEmpty { try container.encode(scores, forKey: .scores) }
    if !locked.isEmpty { try container.encode(locked, forKey: .locked) }
    if !forbidden.isEmpty { try container.encode(forbidden, forKey: .forbidden) }
  }
}
