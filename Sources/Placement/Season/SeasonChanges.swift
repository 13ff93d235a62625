import Foundation

/// What changed in a market since a placement was made, as an operator writes it in a
/// changes file: `{"withdrawn": [ids], "added": [applicants], "capacities": {"p3": 2},
/// "closed": [ids]}`, every field optional.
public struct SeasonChanges: Sendable, Hashable {
  /// Applicants who left: removed from the instance and from every ranking, lock,
  /// forbidden pair and score.
  public var withdrawn: [String]
  /// New applicants, as in the instance; each is appended, as one tie at the bottom, to
  /// the ranking of every position it lists that ranks applicants and does not rank it.
  public var added: [Applicant]
  /// New capacities of positions or groups, by id (at least 1; close a position instead).
  public var capacities: [String: Int]
  /// Positions that no longer run: removed from every list, group, quota and score.
  public var closed: [String]

  /// Creates the changes.
  public init(
    withdrawn: [String] = [], added: [Applicant] = [], capacities: [String: Int] = [:], closed: [String] = []
  ) {
    self.withdrawn = withdrawn
    self.added = added
    self.capacities = capacities
    self.closed = closed
  }

  /// Whether nothing changes.
  public var isEmpty: Bool { withdrawn.isEmpty && added.isEmpty && capacities.isEmpty && closed.isEmpty }
}

extension SeasonChanges: Codable {
  private enum CodingKeys: String, CodingKey, CaseIterable {
    case withdrawn, added, capacities, closed
  }

  private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Decodes the changes; an unknown field is an error, so a misspelt one is not ignored.
  public init(from decoder: any Decoder) throws {
    let all = try decoder.container(keyedBy: AnyKey.self)
    for key in all.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: all, debugDescription: "unknown field; the fields are withdrawn, added, capacities, closed")
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      withdrawn: try container.decodeIfPresent([String].self, forKey: .withdrawn) ?? [],
      added: try container.decodeIfPresent([Applicant].self, forKey: .added) ?? [],
      capacities: try container.decodeIfPresent([String: Int].self, forKey: .capacities) ?? [:],
      closed: try container.decodeIfPresent([String].self, forKey: .closed) ?? [])
  }

  /// Encodes the fields that are not empty.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    if !withdrawn.isEmpty { try container.encode(withdrawn, forKey: .withdrawn) }
    if !added.isEmpty { try container.encode(added, forKey: .added) }
    if !capacities.isEmpty { try container.encode(capacities, forKey: .capacities) }
    if !closed.isEmpty { try container.encode(closed, forKey: .closed) }
  }
}

extension SeasonChanges {
  /// Reads a changes file.
  ///
  /// - Throws: ``ValidationError`` naming the field path of the first problem (`added[0].id:
  ///   expected a string`, `closed: unknown field`).
  public init(json: Data) throws(ValidationError) {
    do {
      self = try JSONDecoder().decode(SeasonChanges.self, from: json)
    } catch let error as DecodingError {
      throw ValidationError(issues: [Self.issue(error)])
    } catch {
      throw ValidationError(issues: [ValidationIssue(.root, "\(error)")])
    }
  }

  private static func issue(_ error: DecodingError) -> ValidationIssue {
    func path(_ keys: [any CodingKey]) -> FieldPath {
      keys.reduce(FieldPath.root) { path, key in key.intValue.map { path.index($0) } ?? path.key(key.stringValue) }
    }
    switch error {
    case .typeMismatch(let type, let context):
      return ValidationIssue(path(context.codingPath), "expected \(Self.name(of: type))")
    case .valueNotFound(let type, let context):
      return ValidationIssue(path(context.codingPath), "expected \(Self.name(of: type)), found null")
    case .keyNotFound(let key, let context):
      return ValidationIssue(path(context.codingPath + [key]), "missing")
    case .dataCorrupted(let context):
      let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
      return ValidationIssue(path(context.codingPath), detail ?? context.debugDescription)
    @unknown default:
      return ValidationIssue(.root, "\(error)")
    }
  }

  private static func name(of type: Any.Type) -> String {
    let name = "\(type)"
    return switch type {
    case is String.Type: "a string"
    case is Int.Type: "an integer"
    default: name.hasPrefix("Array") ? "an array" : name.hasPrefix("Dictionary") ? "an object" : name
    }
  }
}
