import CSV
import Foundation
import Placement

/// CSV text for spreadsheets: quoting (separators, quotes and line breaks inside cells) is
/// CSV.swift's; rows end in a line feed.
struct SheetWriter {
  private var rows: [[String]] = []

  init(header: [String]) {
    rows = [header]
  }

  mutating func append(_ row: [String]) {
    rows.append(row)
  }

  /// The sheet's text.
  func text() throws -> String {
    let writer = try CSVWriter(stream: .toMemory())
    for row in rows { try writer.write(row: row) }
    writer.stream.close()
    let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

extension InstanceSheets {
  /// The sheets of `instance`, by file name (`applicants.csv` …), each only when it has
  /// rows (applicants and positions always): what ``read(_:name:)`` reads back into the
  /// same instance. Position and group rankings go to `rankings.csv`, one row per ranked
  /// applicant.
  ///
  /// - Throws: only when the CSV writer cannot write to memory.
  public static func sheets(of instance: Instance) throws -> [(name: String, text: String)] {
    var out: [(String, String)] = []
    let attributeNames = Array(Set(instance.applicants.flatMap(\.attributes.keys))).sorted()
    var applicants = SheetWriter(header: ["id", "type", "preferences"] + attributeNames)
    for applicant in instance.applicants {
      applicants.append(
        [applicant.id, applicant.type ?? "", cell(applicant.preferences)]
          + attributeNames.map { name in
            switch applicant.attributes[name] {
            case .string(let text)?: text
            case .number(let number)?: number.rounded() == number ? String(Int(number)) : String(number)
            case .bool(let flag)?: flag ? "true" : "false"
            default: ""
            }
          })
    }
    out.append(("applicants.csv", try applicants.text()))

    var positions = SheetWriter(header: ["id", "capacity", "minimum", "closable", "groups"])
    var rankings = SheetWriter(header: ["ranker", "applicant", "rank"])
    var ranked = false
    func rank(_ ranker: String, _ list: PreferenceList?) {
      guard let list else { return }
      ranked = true
      for (tier, ids) in list.tiers.enumerated() {
        for id in ids { rankings.append([ranker, id, String(tier + 1)]) }
      }
    }
    for position in instance.positions {
      positions.append([
        position.id, String(position.capacity), position.minimum > 0 ? String(position.minimum) : "",
        position.closable ? "yes" : "", position.groups.joined(separator: " | "),
      ])
      rank(position.id, position.preferences)
    }
    out.append(("positions.csv", try positions.text()))
    if !instance.groups.isEmpty {
      var groups = SheetWriter(header: ["id", "capacity", "minimum"])
      for group in instance.groups {
        groups.append([group.id, String(group.capacity), group.minimum > 0 ? String(group.minimum) : ""])
        rank(group.id, group.preferences)
      }
      out.append(("groups.csv", try groups.text()))
    }
    if ranked { out.append(("rankings.csv", try rankings.text())) }
    if !instance.typeQuotas.isEmpty {
      var quotas = SheetWriter(
        header: ["position", "group", "type", "capacity", "minimum", "maximum share", "minimum share"])
      func text<Value>(_ value: Value?) -> String { value.map { "\($0)" } ?? "" }
      for quota in instance.typeQuotas {
        quotas.append([
          quota.position ?? "", quota.group ?? "", quota.type, text(quota.capacity), text(quota.minimum),
          text(quota.maximumShare), text(quota.minimumShare),
        ])
      }
      out.append(("quotas.csv", try quotas.text()))
    }
    if !instance.scores.isEmpty {
      var scores = SheetWriter(header: ["applicant", "position", "value"])
      for score in instance.scores { scores.append([score.applicant, score.position, "\(score.value)"]) }
      out.append(("scores.csv", try scores.text()))
    }
    if !instance.locked.isEmpty || !instance.forbidden.isEmpty {
      var overrides = SheetWriter(header: ["applicant", "position", "kind"])
      for pair in instance.locked { overrides.append([pair.applicant, pair.position, "locked"]) }
      for pair in instance.forbidden { overrides.append([pair.applicant, pair.position, "forbidden"]) }
      out.append(("overrides.csv", try overrides.text()))
    }
    return out
  }
}
