import Placement

/// Whether every minimum of a market can be met at once, and when not, why and by how
/// much, in terms an operator acts on.
///
/// Two kinds of evidence: ``certificates``, counts anyone can re-derive from the instance
/// (a network whose minimum exceeds the applicants who accept it, see
/// ``Placement/Market/minimumsCertificates``; a set of networks that need more experts
/// between them than accept any of them, from a maximum flow's minimum cut, see
/// ``Placement/Market/hallCertificate``), and the *least total shortfall*: the placement
/// that meets every other constraint and minimises the total shortfall over all minimums
/// of non-closable positions and of groups. Its optimum is 0 exactly when the minimums can
/// all be met; otherwise ``shortfalls`` says, per position and group, how far one placement
/// with the least total shortfall falls short (which minimums to lower, and by how much,
/// to make the market feasible). A min-cost flow on the market's network relaxation finds
/// it (``Placement/Market/leastShortfall(control:)``), exactly on a network market and
/// whenever its placement keeps what the relaxation drops; when the dropped groups'
/// minimums are all that its placement misses, a second flow through the dropped family
/// may meet every minimum, which proves the market feasible; otherwise the elastic
/// integer programme decides, and closable positions may close.
public struct MinimumsDiagnosis: Sendable {
  /// Whether the minimums can all be met.
  public enum Verdict: String, Sendable {
    /// A placement meets every minimum (``placement`` is one).
    case feasible
    /// No placement meets every minimum.
    case infeasible
    /// The search stopped before deciding.
    case unknown
  }

  /// The verdict.
  public var verdict: Verdict
  /// Counts that prove infeasibility on their own; may be empty when the market is
  /// infeasible for subtler reasons.
  public var certificates: [MinimumsCertificate]
  /// The least total shortfall: 0 when feasible; proven when the verdict is decided.
  public var totalShortfall: Int?
  /// A lower bound on the least total shortfall (equal to it when proven).
  public var shortfallBound: Int
  /// Each minimum the closest placement misses, with by how much.
  public var shortfalls: [MinimumShortfall]
  /// A placement with the least total shortfall found (meeting every minimum when feasible).
  public var placement: [Int32]?
  /// The quotas the locked pairs alone exceed (``Placement/Market/lockConflicts``); the
  /// verdict is then `infeasible` without a search.
  public var lockConflicts: [String] = []

  /// The explanation, one line each, for an operator: the verdict, the certificates, the
  /// least total shortfall and where it falls.
  public var lines: [String] {
    switch verdict {
    case .feasible:
      return ["every minimum can be met"]
    case .unknown:
      return ["undecided: the search stopped; the least total shortfall is at least \(shortfallBound)"]
        + certificates.map(\.description) + shortfalls.map { "one placement leaves \($0)" }
    case .infeasible where !lockConflicts.isEmpty:
      return ["the locked pairs cannot all be kept"] + lockConflicts
    case .infeasible:
      var lines = ["the minimums cannot all be met"]
      lines += certificates.map(\.description)
      if let totalShortfall {
        lines.append(
          "the least total shortfall is \(totalShortfall); a placement that comes closest leaves "
            + shortfalls.map(\.description).joined(separator: ", "))
      } else if !shortfalls.isEmpty {
        let found = shortfalls.reduce(0) { $0 + $1.minimum - $1.reached }
        lines.append(
          "the least total shortfall is between \(shortfallBound) and \(found); the closest placement found leaves "
            + shortfalls.map(\.description).joined(separator: ", "))
      } else if shortfallBound > 1 {
        lines.append("the least total shortfall is at least \(shortfallBound)")
      }
      return lines
    }
  }

  /// Diagnoses `market`'s minimums under `control` (its deadline stops the search).
  ///
  /// - Throws: ``GLPKError`` when GLPK fails.
  public static func diagnose(_ market: Market, control: SolveControl = SolveControl()) async throws(GLPKError)
    -> MinimumsDiagnosis
  {
    let conflicts = market.lockConflicts
    guard conflicts.isEmpty else {
      return MinimumsDiagnosis(
        verdict: .infeasible, certificates: [], totalShortfall: nil, shortfallBound: 1, shortfalls: [],
        placement: nil, lockConflicts: conflicts)
    }
    // Without type rules, the locks are seats taken: the rest of the market decides.
    if !market.lockedPairs.isEmpty && market.typeRules.isEmpty {
      var diagnosis = try await diagnose(market.releasingLocks(), control: control)
      diagnosis.placement = diagnosis.placement.map(market.addingLocks(to:))
      return diagnosis
    }
    // The flows and counts do not hold locks; with type rules, the elastic programme decides.
    guard market.lockedPairs.isEmpty else { return try await elasticDiagnosis(market, control: control) }
    var certificates = market.minimumsCertificates
    if let hall = market.hallCertificate,
      !certificates.contains(where: { $0.limit == .applicants && Set($0.names) == Set(hall.names) })
    {
      certificates.append(hall)
    }
    // The network relaxation's least shortfall is a flow's optimum; GLPK is needed only
    // when its placement breaks a constraint the relaxation drops.
    let relaxed: LeastShortfall
    do {
      relaxed = try market.leastShortfall(control: control)
    } catch {
      return MinimumsDiagnosis(
        verdict: certificates.isEmpty ? .unknown : .infeasible, certificates: certificates, totalShortfall: nil,
        shortfallBound: certificates.isEmpty ? 0 : 1, shortfalls: [], placement: nil)
    }
    if relaxed.isExact {
      return MinimumsDiagnosis(
        verdict: relaxed.total == 0 ? .feasible : .infeasible, certificates: relaxed.total == 0 ? [] : certificates,
        totalShortfall: relaxed.total, shortfallBound: relaxed.total, shortfalls: relaxed.shortfalls,
        placement: relaxed.placement)
    }
    // With crossing minimums, a second flow through the dropped family may meet them all,
    // which decides the market, or come close; a count may show they cannot all hold.
    var closest: [Int32]?
    var bound = relaxed.total
    let fullest =
      NetworkRelaxation(market).dropsGroup.contains(true) ? try? market.fullestRelaxedPlacement(control: control) : nil
    if let fullest {
      if relaxed.total == 0, let crossing = try? market.crossingMinimumsPlacement(from: fullest, control: control) {
        if Evaluation(market, crossing, blockingPairLimit: 0).isValid {
          return MinimumsDiagnosis(
            verdict: .feasible, certificates: [], totalShortfall: 0, shortfallBound: 0, shortfalls: [],
            placement: crossing)
        }
        closest = crossing
      }
      if let placeable = market.placeableCertificate(fullest: fullest) {
        certificates.append(placeable)
        bound = max(bound, placeable.need - placeable.available)
      }
    }
    return try await elasticDiagnosis(
      market, control: control, certificates: certificates, bound: bound, closest: closest)
  }

  /// The diagnosis by the elastic integer programme, with what the flows and counts found
  /// before it: `certificates`, a lower `bound` on the least total shortfall and the
  /// `closest` placement found.
  private static func elasticDiagnosis(
    _ market: Market, control: SolveControl, certificates: [MinimumsCertificate] = [], bound: Int = 0,
    closest: [Int32]? = nil
  ) async throws(GLPKError) -> MinimumsDiagnosis {
    var bound = bound
    let elastic = ElasticMinimums(market)
    guard !elastic.shortfallColumns.isEmpty || !elastic.ruleShortfallColumns.isEmpty else {
      return MinimumsDiagnosis(
        verdict: .feasible, certificates: [], totalShortfall: 0, shortfallBound: 0, shortfalls: [],
        placement: market.addingLocks(to: [Int32](repeating: -1, count: market.applicantCount)))
    }
    let solution = try await GLPKSolver().solve(elastic.program, control: control)
    // Shortfalls are whole, so the bound rounds up (less GLPK's tolerance); the
    // relaxation's shortfall bounds it too.
    bound = max(bound, Int(((solution.bound ?? 0) - 1e-6).rounded(.up)))
    guard let objective = solution.objective, !solution.values.isEmpty else {
      let shortfalls = closest.map(market.minimumShortfalls(of:)) ?? []
      let closestTotal = shortfalls.reduce(0) { $0 + $1.minimum - $1.reached }
      let proven = closest != nil && closestTotal == bound
      return MinimumsDiagnosis(
        verdict: certificates.isEmpty && bound == 0 ? .unknown : .infeasible, certificates: certificates,
        totalShortfall: proven ? closestTotal : nil, shortfallBound: max(bound, certificates.isEmpty ? 0 : 1),
        shortfalls: shortfalls, placement: closest)
    }
    var total = Int(objective.rounded())
    var placement = elastic.model.assignment(from: solution.values)
    var shortfalls = elastic.shortfalls(in: solution.values)
    shortfalls.sort { ($0.minimum - $0.reached, $0.name) > ($1.minimum - $1.reached, $1.name) }
    // The second flow's placement may come closer than a search stopped early.
    if let closest {
      let closestShortfalls = market.minimumShortfalls(of: closest)
      let closestTotal = closestShortfalls.reduce(0) { $0 + $1.minimum - $1.reached }
      if closestTotal < total {
        (total, placement, shortfalls) = (closestTotal, closest, closestShortfalls)
      }
    }
    let proven = solution.status == .optimal || total == bound
    let verdict: Verdict =
      total == 0 ? .feasible : (proven || !certificates.isEmpty || bound > 0 ? .infeasible : .unknown)
    return MinimumsDiagnosis(
      verdict: verdict, certificates: verdict == .feasible ? [] : certificates,
      totalShortfall: proven ? total : (total == 0 ? 0 : nil), shortfallBound: proven ? total : bound,
      shortfalls: shortfalls, placement: placement)
  }
}

/// The elastic programme of a market's minimums: its welfare constraints, with each
/// minimum of a non-closable position or of a group, and each type rule's minimum and
/// minimum share (one column per rule), given a shortfall column that the objective
/// minimises.
struct ElasticMinimums {
  let model: WelfareModel
  var program: LinearProgram
  /// Per shortfall column: the column, the position or group (by index), and its minimum.
  var shortfallColumns: [(column: Int, index: Int, isGroup: Bool, minimum: Int)] = []
  /// The shortfall column of each type rule with a minimum or minimum share.
  var ruleShortfallColumns: [Int] = []

  init(_ market: Market) {
    model = WelfareModel(market)
    var program = model.constraints
    program.direction = .minimize
    for index in 0..<program.objective.count { program.objective[index] = 0 }
    for (row, index, isGroup) in model.minimumRows {
      let minimum = program.rowLower[row]
      program.rowLower[row] = -.infinity
      let column = program.addColumn(objective: 1, lower: 0, upper: minimum, integer: true)
      program.columnNames.append("short_\(program.rowNames[row])")
      for k in program.rowStart[row]..<program.rowStart[row + 1] {
        program.appendTerm(column: Int(program.rowColumn[k]), coefficient: program.rowValue[k])
      }
      program.appendTerm(column: column, coefficient: 1)
      program.closeRow(lower: minimum, upper: .infinity)
      program.rowNames.append("elastic_\(program.rowNames[row])")
      shortfallColumns.append((column, index, isGroup, Int(minimum)))
    }
    // One shortfall per type rule, shared by its minimum and minimum-share rows: the
    // applicants of the type the placement lacks.
    for (rows, r) in model.typeMinimumRows {
      let reach = market.positions(ofTypeRule: r).reduce(0) { $0 + market.entries(ofPosition: Int($1)).count }
      let most = max(reach, Int(market.typeRules[r].minimum))
      let column = program.addColumn(objective: 1, lower: 0, upper: Double(most), integer: true)
      program.columnNames.append("short_rule_\(r)")
      for row in rows {
        let lower = program.rowLower[row]
        program.rowLower[row] = -.infinity
        for k in program.rowStart[row]..<program.rowStart[row + 1] {
          program.appendTerm(column: Int(program.rowColumn[k]), coefficient: program.rowValue[k])
        }
        program.appendTerm(column: column, coefficient: 1)
        program.closeRow(lower: lower, upper: .infinity)
        program.rowNames.append("elastic_\(program.rowNames[row])")
      }
      ruleShortfallColumns.append(column)
    }
    program.name = "\(market.name) minimums, elastic"
    self.program = program
  }

  /// The minimums a solution's values leave short.
  func shortfalls(in values: [Double]) -> [MinimumShortfall] {
    let market = model.market
    var shortfalls = shortfallColumns.compactMap { entry -> MinimumShortfall? in
      let short = Int(values[entry.column].rounded())
      guard short > 0 else { return nil }
      let name = entry.isGroup ? market.groupIDs[entry.index] : market.positionIDs[entry.index]
      return MinimumShortfall(
        name: name, isGroup: entry.isGroup, minimum: entry.minimum, reached: entry.minimum - short)
    }
    let assignment = model.assignment(from: values)
    shortfalls += market.typeRuleShortfalls(in: assignment)
    return shortfalls
  }
}
