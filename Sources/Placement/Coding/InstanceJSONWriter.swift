extension Instance {
  /// The instance as JSON in the instance format, one applicant, position, group,
  /// quota or score per line.
  ///
  /// - Complexity: O(size of the output).
  public func jsonBytes() -> [UInt8] {
    var writer = JSONWriter(reservingCapacity: applicants.count * 160 + positions.count * 200 + 4096)
    writer.raw("{\n")
    writer.key("format")
    writer.string(Instance.format)
    writer.raw(",\n")
    writer.key("version")
    writer.integer(Instance.version)
    writer.raw(",\n")
    writer.key("name")
    writer.string(name)
    writer.raw(",\n")
    writer.key("applicants")
    writeLines(applicants, to: &writer) { writer, applicant in
      writer.raw("{")
      writer.key("id")
      writer.string(applicant.id)
      writer.raw(",")
      writer.key("preferences")
      writer.preferences(applicant.preferences)
      if let type = applicant.type {
        writer.raw(",")
        writer.key("type")
        writer.string(type)
      }
      if !applicant.attributes.isEmpty {
        writer.raw(",")
        writer.key("attributes")
        writer.value(.object(applicant.attributes))
      }
      writer.raw("}")
    }
    writer.raw(",\n")
    writer.key("positions")
    writeLines(positions, to: &writer) { writer, position in
      writer.raw("{")
      writer.key("id")
      writer.string(position.id)
      writer.raw(",")
      writer.key("capacity")
      writer.integer(position.capacity)
      if position.minimum != 0 {
        writer.raw(",")
        writer.key("minimum")
        writer.integer(position.minimum)
      }
      if position.closable {
        writer.raw(",")
        writer.key("closable")
        writer.raw("true")
      }
      if !position.groups.isEmpty {
        writer.raw(",")
        writer.key("group")
        if position.groups.count == 1 {
          writer.string(position.groups[0])
        } else {
          writer.value(.array(position.groups.map(JSONValue.string)))
        }
      }
      if let preferences = position.preferences {
        writer.raw(",")
        writer.key("preferences")
        writer.preferences(preferences)
      }
      writer.raw("}")
    }
    if !groups.isEmpty {
      writer.raw(",\n")
      writer.key("groups")
      writeLines(groups, to: &writer) { writer, group in
        writer.raw("{")
        writer.key("id")
        writer.string(group.id)
        writer.raw(",")
        writer.key("capacity")
        writer.integer(group.capacity)
        if group.minimum != 0 {
          writer.raw(",")
          writer.key("minimum")
          writer.integer(group.minimum)
        }
        if let preferences = group.preferences {
          writer.raw(",")
          writer.key("preferences")
          writer.preferences(preferences)
        }
        writer.raw("}")
      }
    }
    if !typeQuotas.isEmpty {
      writer.raw(",\n")
      writer.key("typeQuotas")
      writeLines(typeQuotas, to: &writer) { writer, quota in
        writer.raw("{")
        if let position = quota.position {
          writer.key("position")
          writer.string(position)
        } else {
          writer.key("group")
          writer.string(quota.group ?? "")
        }
        writer.raw(",")
        writer.key("type")
        writer.string(quota.type)
        writer.optionalField("capacity", quota.capacity)
        writer.optionalField("minimum", quota.minimum)
        writer.optionalField("maximumShare", quota.maximumShare)
        writer.optionalField("minimumShare", quota.minimumShare)
        writer.raw("}")
      }
    }
    if !scores.isEmpty {
      writer.raw(",\n")
      writer.key("scores")
      writeLines(scores, to: &writer) { writer, score in
        writer.raw("{")
        writer.key("applicant")
        writer.string(score.applicant)
        writer.raw(",")
        writer.key("position")
        writer.string(score.position)
        writer.raw(",")
        writer.key("value")
        writer.number(score.value)
        writer.raw("}")
      }
    }
    let overrides: [(field: StaticString, pairs: [PairOverride])] = [("locked", locked), ("forbidden", forbidden)]
    for (field, pairs) in overrides where !pairs.isEmpty {
      writer.raw(",\n")
      writer.key(field)
      writeLines(pairs, to: &writer) { writer, pair in
        writer.raw("{")
        writer.key("applicant")
        writer.string(pair.applicant)
        writer.raw(",")
        writer.key("position")
        writer.string(pair.position)
        writer.raw("}")
      }
    }
    writer.raw("\n}\n")
    return writer.bytes
  }

  private func writeLines<Element>(
    _ elements: [Element], to writer: inout JSONWriter, _ write: (inout JSONWriter, Element) -> Void
  ) {
    writer.raw("[")
    for (i, element) in elements.enumerated() {
      writer.raw(i == 0 ? "\n" : ",\n")
      write(&writer, element)
    }
    writer.raw(elements.isEmpty ? "]" : "\n]")
  }
}

extension JSONWriter {
  /// Appends a preference list: ids, with ties as arrays.
  mutating func preferences(_ list: PreferenceList) {
    raw("[")
    var index = 0
    while index < list.count {
      if index > 0 { raw(",") }
      let tier = list.tier(at: index)
      var end = index + 1
      while end < list.count, list.tier(at: end) == tier { end += 1 }
      if end - index == 1 {
        string(list.ids[index])
      } else {
        raw("[")
        for k in index..<end {
          if k > index { raw(",") }
          string(list.ids[k])
        }
        raw("]")
      }
      index = end
    }
    raw("]")
  }
}

extension JSONWriter {
  /// `,"name":value` when `value` is present; nothing otherwise.
  fileprivate mutating func optionalField(_ name: StaticString, _ value: Int?) {
    guard let value else { return }
    raw(",")
    key(name)
    integer(value)
  }

  /// `,"name":value` when `value` is present; nothing otherwise.
  fileprivate mutating func optionalField(_ name: StaticString, _ value: Double?) {
    guard let value else { return }
    raw(",")
    key(name)
    number(value)
  }
}
