import Foundation
import Placement

/// Reads the sheets of ``InstanceSheets`` into an instance, collecting every problem and
/// where each entity came from.
struct SheetInstanceReader {
  var instance = Instance(applicants: [], positions: [])
  var issues: [SheetIssue] = []
  var warnings: [String] = []
  /// The file and line of each entity, by the field of the instance it is in.
  private var origins: [String: [(file: String, line: Int)]] = [:]

  mutating func read(_ sheets: [InstanceSheets.Role: (file: String, text: String)]) {
    for role in [InstanceSheets.Role.applicants, .positions] where sheets[role] == nil {
      issues.append(
        SheetIssue(
          file: "\(role.rawValue).csv", line: 1, column: 1,
          message:
            "missing: the \(role.rawValue) sheet (or \(role.names.dropFirst().joined(separator: ", "))) is required"
        ))
    }
    var parsed: [InstanceSheets.Role: Sheet] = [:]
    for (role, source) in sheets {
      do {
        parsed[role] = try Sheet(file: source.file, text: source.text)
      } catch {
        issues.append(error)
      }
    }
    if let sheet = parsed[.applicants] { readApplicants(sheet) }
    if let sheet = parsed[.positions] { readPositions(sheet) }
    if let sheet = parsed[.groups] { readGroups(sheet) }
    if let sheet = parsed[.rankings] { readRankings(sheet) }
    if let sheet = parsed[.quotas] { readQuotas(sheet) }
    if let sheet = parsed[.scores] { readScores(sheet) }
    if let sheet = parsed[.overrides] { readOverrides(sheet) }
    issues.sort { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
  }

  /// A compiling issue at the row its entity came from.
  func locate(_ issue: ValidationIssue) -> SheetIssue {
    if case .key(let field)? = issue.path.components.first, issue.path.components.count > 1,
      case .index(let index) = issue.path.components[1], let rows = origins[field], index < rows.count
    {
      return SheetIssue(file: rows[index].file, line: rows[index].line, column: 1, message: issue.description)
    }
    let file = origins["applicants"]?.first?.file ?? "applicants.csv"
    return SheetIssue(file: file, line: 1, column: 1, message: issue.description)
  }

  private mutating func note(_ field: String, _ sheet: Sheet, _ row: Sheet.Row) {
    origins[field, default: []].append((sheet.file, row.line))
  }

  /// The required column, or an issue naming it.
  private mutating func required(_ sheet: Sheet, _ names: String...) -> Int? {
    if let column = sheet.header.firstIndex(where: { names.contains(Sheet.normalized($0)) }) { return column }
    issues.append(sheet.headerIssue("no \(quoted(names[0])) column; the columns are \(sheet.header.map(quoted))"))
    return nil
  }

  private mutating func ignoreOthers(_ sheet: Sheet, read: [Int?]) {
    let used = Set(read.compactMap { $0 })
    let others = sheet.header.indices.filter { !used.contains($0) && !sheet.header[$0].isEmpty }
    if !others.isEmpty {
      warnings.append(
        "\(sheet.file): columns not read: \(others.map { quoted(sheet.header[$0]) }.joined(separator: ", "))")
    }
  }

  private mutating func id(_ sheet: Sheet, _ row: Sheet.Row, _ column: Int) -> String? {
    let value = sheet.cell(row, column)
    if value.isEmpty { issues.append(sheet.issue(row, column, "\(quoted(sheet.header[column])) is empty")) }
    return value.isEmpty ? nil : value
  }

  private mutating func integer(_ sheet: Sheet, _ row: Sheet.Row, _ column: Int?) -> Int? {
    let value = sheet.cell(row, column)
    guard let column, !value.isEmpty else { return nil }
    guard let number = Int(value) else {
      issues.append(sheet.issue(row, column, "\(sheet.header[column]) \(quoted(value)) is not a whole number"))
      return nil
    }
    return number
  }

  private mutating func number(_ sheet: Sheet, _ row: Sheet.Row, _ column: Int?) -> Double? {
    let value = sheet.cell(row, column)
    guard let column, !value.isEmpty else { return nil }
    guard let number = Double(value.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
      issues.append(sheet.issue(row, column, "\(sheet.header[column]) \(quoted(value)) is not a number"))
      return nil
    }
    return number
  }

  private mutating func preferences(_ sheet: Sheet, _ row: Sheet.Row, _ column: Int) -> [[String]]? {
    let value = sheet.cell(row, column)
    guard let tiers = InstanceSheets.preferences(inCell: value) else {
      issues.append(
        sheet.issue(row, column, "preferences \(quoted(value)) has an empty place; write ids like p7 > p2 = p11"))
      return nil
    }
    return tiers
  }

  private mutating func readApplicants(_ sheet: Sheet) {
    guard let idColumn = required(sheet, "id") else { return }
    let typeColumn = sheet.column("type", "university", "origin")
    let listColumn = sheet.column("preferences")
    var ranked: [(rank: Int, column: Int)] = []
    for (column, header) in sheet.header.enumerated() {
      let words = Sheet.normalized(header).split(separator: " ")
      if words.count == 2, ["choice", "preference", "pref", "option", "rank"].contains(words[0]), let n = Int(words[1])
      {
        ranked.append((n, column))
      }
    }
    ranked.sort { $0.rank < $1.rank }
    if listColumn == nil && ranked.isEmpty {
      issues.append(sheet.headerIssue("no \"preferences\" column and no ranked columns (\"choice 1\", \"choice 2\" …)"))
      return
    }
    let used = Set([idColumn, typeColumn, listColumn].compactMap { $0 } + ranked.map(\.column))
    let attributeColumns = sheet.header.indices.filter { !used.contains($0) && !sheet.header[$0].isEmpty }
    for row in sheet.rows {
      guard let id = id(sheet, row, idColumn) else { continue }
      var tiers: [[String]] = []
      if let listColumn { tiers = preferences(sheet, row, listColumn) ?? [] }
      for (_, column) in ranked where !sheet.cell(row, column).isEmpty {
        tiers += preferences(sheet, row, column) ?? []
      }
      let type = sheet.cell(row, typeColumn)
      var attributes: [String: JSONValue] = [:]
      for column in attributeColumns where !sheet.cell(row, column).isEmpty {
        attributes[sheet.header[column].trimmingCharacters(in: .whitespaces)] = .string(sheet.cell(row, column))
      }
      instance.applicants.append(
        Applicant(
          id: id, preferences: PreferenceList(tiers: tiers), type: type.isEmpty ? nil : type, attributes: attributes))
      note("applicants", sheet, row)
    }
  }

  private mutating func readPositions(_ sheet: Sheet) {
    guard let idColumn = required(sheet, "id"), let capacityColumn = required(sheet, "capacity") else { return }
    let minimumColumn = sheet.column("minimum")
    let closableColumn = sheet.column("closable")
    let listColumn = sheet.column("preferences")
    let groupColumns = sheet.header.indices.filter {
      ["group", "groups", "host", "network", "sector", "region"].contains(Sheet.normalized(sheet.header[$0]))
    }
    ignoreOthers(sheet, read: [idColumn, capacityColumn, minimumColumn, closableColumn, listColumn] + groupColumns)
    for row in sheet.rows {
      guard let id = id(sheet, row, idColumn) else { continue }
      var position = Position(id: id, capacity: integer(sheet, row, capacityColumn) ?? 1)
      position.minimum = integer(sheet, row, minimumColumn) ?? 0
      if let closableColumn {
        switch sheet.cell(row, closableColumn).lowercased() {
        case "", "no", "false", "0", "n": break
        case "yes", "true", "1", "y": position.closable = true
        case let value:
          issues.append(sheet.issue(row, closableColumn, "closable \(quoted(value)) is not yes or no"))
        }
      }
      position.groups = groupColumns.flatMap { column in
        sheet.cell(row, column).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
          .filter { !$0.isEmpty }
      }
      if let listColumn, !sheet.cell(row, listColumn).isEmpty {
        position.preferences = preferences(sheet, row, listColumn).map(PreferenceList.init(tiers:))
      }
      instance.positions.append(position)
      note("positions", sheet, row)
    }
  }

  private mutating func readGroups(_ sheet: Sheet) {
    guard let idColumn = required(sheet, "id"), let capacityColumn = required(sheet, "capacity") else { return }
    let minimumColumn = sheet.column("minimum")
    let listColumn = sheet.column("preferences")
    ignoreOthers(sheet, read: [idColumn, capacityColumn, minimumColumn, listColumn])
    for row in sheet.rows {
      guard let id = id(sheet, row, idColumn) else { continue }
      var group = Group(
        id: id, capacity: integer(sheet, row, capacityColumn) ?? 1, minimum: integer(sheet, row, minimumColumn) ?? 0)
      if let listColumn, !sheet.cell(row, listColumn).isEmpty {
        group.preferences = preferences(sheet, row, listColumn).map(PreferenceList.init(tiers:))
      }
      instance.groups.append(group)
      note("groups", sheet, row)
    }
  }

  /// Rankings in long form: each ranker's applicants by rank, equal ranks tied, in the
  /// order rankers first appear.
  private mutating func readRankings(_ sheet: Sheet) {
    guard let rankerColumn = required(sheet, "ranker", "position", "group", "host"),
      let applicantColumn = required(sheet, "applicant", "student", "expert"),
      let rankColumn = required(sheet, "rank")
    else { return }
    ignoreOthers(sheet, read: [rankerColumn, applicantColumn, rankColumn])
    var order: [String] = []
    var entries: [String: [(rank: Int, applicant: String)]] = [:]
    var firstRow: [String: Sheet.Row] = [:]
    for row in sheet.rows {
      guard let ranker = id(sheet, row, rankerColumn), let applicant = id(sheet, row, applicantColumn) else { continue }
      guard let rank = integer(sheet, row, rankColumn), rank >= 1 else {
        if sheet.cell(row, rankColumn).isEmpty || Int(sheet.cell(row, rankColumn)) != nil {
          issues.append(sheet.issue(row, rankColumn, "rank \(quoted(sheet.cell(row, rankColumn))) must be 1 or more"))
        }
        continue
      }
      if entries[ranker] == nil {
        order.append(ranker)
        firstRow[ranker] = row
      }
      entries[ranker, default: []].append((rank, applicant))
    }
    let positionIndex = Dictionary(instance.positions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let groupIndex = Dictionary(instance.groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    for ranker in order {
      let sorted = entries[ranker]!.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
      var tiers: [[String]] = []
      var lastRank: Int?
      for (_, entry) in sorted {
        if entry.rank == lastRank {
          tiers[tiers.count - 1].append(entry.applicant)
        } else {
          tiers.append([entry.applicant])
        }
        lastRank = entry.rank
      }
      let list = PreferenceList(tiers: tiers)
      let row = firstRow[ranker]!
      if let p = positionIndex[ranker] {
        if instance.positions[p].preferences != nil {
          issues.append(sheet.issue(row, rankerColumn, "\(quoted(ranker)) is ranked here and in its positions sheet"))
        }
        instance.positions[p].preferences = list
      } else if let g = groupIndex[ranker] {
        if instance.groups[g].preferences != nil {
          issues.append(sheet.issue(row, rankerColumn, "\(quoted(ranker)) is ranked here and in its groups sheet"))
        }
        instance.groups[g].preferences = list
      } else {
        issues.append(sheet.issue(row, rankerColumn, "unknown position or group \(quoted(ranker))"))
      }
    }
  }

  private mutating func readQuotas(_ sheet: Sheet) {
    guard let typeColumn = required(sheet, "type", "university", "origin") else { return }
    let positionColumn = sheet.column("position", "post", "network")
    let groupColumn = sheet.column("group", "host")
    let columns = [
      sheet.column("capacity"), sheet.column("minimum"), sheet.column("maximum share"), sheet.column("minimum share"),
    ]
    ignoreOthers(sheet, read: [typeColumn, positionColumn, groupColumn] + columns)
    for row in sheet.rows {
      guard let type = id(sheet, row, typeColumn) else { continue }
      let position = sheet.cell(row, positionColumn)
      let group = sheet.cell(row, groupColumn)
      instance.typeQuotas.append(
        TypeQuota(
          position: position.isEmpty ? nil : position, group: group.isEmpty ? nil : group, type: type,
          capacity: integer(sheet, row, columns[0]), minimum: integer(sheet, row, columns[1]),
          maximumShare: number(sheet, row, columns[2]), minimumShare: number(sheet, row, columns[3])))
      note("typeQuotas", sheet, row)
    }
  }

  private mutating func readScores(_ sheet: Sheet) {
    guard let applicantColumn = required(sheet, "applicant", "student", "expert"),
      let positionColumn = required(sheet, "position", "post", "network"),
      let valueColumn = required(sheet, "value", "score")
    else { return }
    ignoreOthers(sheet, read: [applicantColumn, positionColumn, valueColumn])
    for row in sheet.rows {
      guard let applicant = id(sheet, row, applicantColumn), let position = id(sheet, row, positionColumn) else {
        continue
      }
      guard let value = number(sheet, row, valueColumn) else {
        if sheet.cell(row, valueColumn).isEmpty { issues.append(sheet.issue(row, valueColumn, "value is empty")) }
        continue
      }
      instance.scores.append(Score(applicant: applicant, position: position, value: value))
      note("scores", sheet, row)
    }
  }

  private mutating func readOverrides(_ sheet: Sheet) {
    guard let applicantColumn = required(sheet, "applicant", "student", "expert"),
      let positionColumn = required(sheet, "position", "post", "network"),
      let kindColumn = required(sheet, "kind")
    else { return }
    ignoreOthers(sheet, read: [applicantColumn, positionColumn, kindColumn])
    for row in sheet.rows {
      guard let applicant = id(sheet, row, applicantColumn), let position = id(sheet, row, positionColumn) else {
        continue
      }
      let pair = PairOverride(applicant: applicant, position: position)
      switch sheet.cell(row, kindColumn).lowercased() {
      case "locked":
        instance.locked.append(pair)
        note("locked", sheet, row)
      case "forbidden":
        instance.forbidden.append(pair)
        note("forbidden", sheet, row)
      case let kind:
        issues.append(sheet.issue(row, kindColumn, "kind \(quoted(kind)) is not locked or forbidden"))
      }
    }
  }
}

/// `"text"`, as messages quote values.
func quoted(_ text: String) -> String {
  "\"\(text)\""
}
