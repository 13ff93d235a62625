/// What a sweep's records say, per strategy on each instance and per strategy overall:
/// the numbers of the markdown table, the CSV's companions and the report's figures.
///
/// The *best known* size of an instance is the most applicants placed by any run of the
/// sweep whose result has no blocking pair, or by any run when none is stable; so
/// "placed ÷ best" compares stable strategies with the largest stable placement found,
/// and shows by how much an unstable one (welfare) exceeds it.
public struct SweepSummary: Sendable {
  /// One strategy on one instance, over its repeats.
  public struct Cell: Sendable {
    /// The instance.
    public var instance: InstanceFacts
    /// The strategy as the sweep names it.
    public var strategy: String
    /// Every repeat's record, in order.
    public var records: [BenchRecord]
    /// The best known size of the instance.
    public var best: Int?

    /// The repeats with a checked result.
    public var succeeded: [BenchRecord] { records.filter(\.succeeded) }
    /// The solve seconds of those repeats.
    public var seconds: [Double] { succeeded.compactMap(\.solveSeconds) }
    /// The median solve seconds.
    public var medianSeconds: Double? { Statistics.median(seconds) }
    /// The median applicants placed.
    public var medianMatched: Double? { Statistics.median(succeeded.compactMap(\.matched).map(Double.init)) }
  }

  /// One strategy over the whole sweep.
  public struct StrategyRow: Sendable {
    /// The strategy as the sweep names it.
    public var strategy: String
    /// Runs in all.
    public var runs = 0
    /// Runs with a checked result.
    public var succeeded = 0
    /// Runs that failed (no checked result).
    public var failed = 0
    /// Runs whose strategy refused the market.
    public var refused = 0
    /// The mean of placed ÷ best known over the runs with a checked result (as are the
    /// next four).
    public var meanRatio: Double?
    /// The share of those runs at the best known.
    public var atBest: Double?
    /// The share at 98% of the best known or more.
    public var nearBest: Double?
    /// The share the strategy itself proved optimal.
    public var proven: Double?
    /// The mean solve seconds.
    public var meanSeconds: Double?
    /// The exponent k of solve seconds ≈ c·applicants^k fitted to the median of each
    /// instance; `nil` without two sizes.
    public var exponent: Double?
    /// The factor c of that fit.
    public var factor: Double?
    /// Applicants placed at each rank (from 1), summed over the runs with a checked result.
    public var rankProfile: [Int] = []
    /// Applicants placed in all, over those runs.
    public var placed = 0
  }

  /// One strategy on the instances of one family (``InstanceFacts/family``: the seeds of
  /// one generator spec, or one folder's files of one size).
  public struct FamilyRow: Sendable {
    /// The family.
    public var family: String
    /// The mean number of applicants of its instances.
    public var applicants: Double
    /// The strategy as the sweep names it.
    public var strategy: String
    /// Its cells, one per instance.
    public var cells: [Cell]

    /// The runs with a checked result.
    public var succeeded: [BenchRecord] { cells.flatMap(\.succeeded) }
    /// The runs without one (failed or refused).
    public var unchecked: Int { cells.reduce(0) { $0 + $1.records.count } - succeeded.count }
    /// The mean applicants placed over those runs.
    public var meanMatched: Double? { Statistics.mean(succeeded.compactMap(\.matched).map(Double.init)) }
    /// Placed ÷ best known of each of those runs.
    public var ratios: [Double] {
      cells.flatMap { cell in
        cell.succeeded.compactMap { record in
          record.matched.flatMap { matched in cell.best.map { $0 == 0 ? 1 : Double(matched) / Double($0) } }
        }
      }
    }
    /// The share of those runs at the best known.
    public var atBest: Double? {
      ratios.isEmpty ? nil : Double(ratios.count { $0 >= 1 - 1e-12 }) / Double(ratios.count)
    }
    /// The share of those runs the strategy proved optimal.
    public var proven: Double? {
      succeeded.isEmpty ? nil : Double(succeeded.count { $0.status == "optimal" }) / Double(succeeded.count)
    }
  }

  /// Every strategy on every instance, instance by instance, in sweep order.
  public let cells: [Cell]
  /// Every strategy on every family, family by family, in sweep order.
  public let families: [FamilyRow]
  /// Every strategy, in sweep order.
  public let strategies: [StrategyRow]

  /// Summarizes records (of one sweep, in any order).
  public init(_ records: [BenchRecord]) {
    let ordered = records.sorted { $0.run < $1.run }
    var cellIndex: [String: Int] = [:]
    var cells: [Cell] = []
    var bestStable: [String: Int] = [:]
    var bestAny: [String: Int] = [:]
    for record in ordered {
      let key = record.instance.source + "\u{0}" + record.strategy
      if let index = cellIndex[key] {
        cells[index].records.append(record)
      } else {
        cellIndex[key] = cells.count
        cells.append(Cell(instance: record.instance, strategy: record.strategy, records: [record]))
      }
      guard record.succeeded, let matched = record.matched else { continue }
      bestAny[record.instance.source] = max(bestAny[record.instance.source] ?? 0, matched)
      if record.blockingPairs == 0 {
        bestStable[record.instance.source] = max(bestStable[record.instance.source] ?? 0, matched)
      }
    }
    for index in cells.indices {
      let source = cells[index].instance.source
      cells[index].best = bestStable[source] ?? bestAny[source]
    }
    self.cells = cells
    var familyIndex: [String: Int] = [:]
    var families: [FamilyRow] = []
    for cell in cells {
      let key = cell.instance.family + "\u{0}" + cell.strategy
      if let index = familyIndex[key] {
        families[index].cells.append(cell)
      } else {
        familyIndex[key] = families.count
        families.append(FamilyRow(family: cell.instance.family, applicants: 0, strategy: cell.strategy, cells: [cell]))
      }
    }
    for index in families.indices {
      families[index].applicants = Statistics.mean(families[index].cells.map { Double($0.instance.applicants) }) ?? 0
    }
    self.families = families
    var order: [String] = []
    for cell in cells where !order.contains(cell.strategy) { order.append(cell.strategy) }
    strategies = order.map { strategy in Self.row(strategy, cells.filter { $0.strategy == strategy }) }
  }

  private static func row(_ strategy: String, _ cells: [Cell]) -> StrategyRow {
    var row = StrategyRow(strategy: strategy)
    var ratios: [Double] = []
    var seconds: [Double] = []
    var provenCount = 0
    var points: [(x: Double, y: Double)] = []
    for cell in cells {
      row.runs += cell.records.count
      row.failed += cell.records.count { $0.status == BenchRecord.failed }
      row.refused += cell.records.count { $0.status == BenchRecord.refused }
      for record in cell.succeeded {
        row.succeeded += 1
        if record.status == "optimal" { provenCount += 1 }
        if let time = record.solveSeconds { seconds.append(time) }
        if let matched = record.matched, let best = cell.best {
          ratios.append(best == 0 ? 1 : Double(matched) / Double(best))
          row.placed += matched
        }
        for (rank, count) in (record.rankProfile ?? []).enumerated() {
          if row.rankProfile.count <= rank { row.rankProfile.append(0) }
          row.rankProfile[rank] += count
        }
      }
      if let median = cell.medianSeconds { points.append((Double(cell.instance.applicants), median)) }
    }
    if row.succeeded > 0 {
      let total = Double(row.succeeded)
      row.meanRatio = Statistics.mean(ratios)
      row.atBest = ratios.isEmpty ? nil : Double(ratios.count { $0 >= 1 - 1e-12 }) / Double(ratios.count)
      row.nearBest = ratios.isEmpty ? nil : Double(ratios.count { $0 >= 0.98 }) / Double(ratios.count)
      row.proven = Double(provenCount) / total
      row.meanSeconds = Statistics.mean(seconds)
    }
    if let fit = Statistics.powerLaw(points) {
      row.exponent = fit.exponent
      row.factor = fit.factor
    }
    return row
  }
}
