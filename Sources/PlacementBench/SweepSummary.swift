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
    /// Each repeat with a checked result and a count placed, with placed ÷ best known.
    public var ratios: [(record: BenchRecord, ratio: Double)] {
      guard let best else { return [] }
      return succeeded.compactMap { record in
        record.matched.map { (record, best == 0 ? 1 : Double($0) / Double(best)) }
      }
    }
  }

  /// The share of `ratios` at the best known or above.
  static func shareAtBest(_ ratios: [Double]) -> Double? { share(ratios) { $0 >= 1 - 1e-12 } }

  /// The share of `values` that meet `condition`; `nil` for none.
  static func share(_ values: [Double], _ condition: (Double) -> Bool) -> Double? {
    values.isEmpty ? nil : Double(values.count(where: condition)) / Double(values.count)
  }

  /// `items` grouped by `key`, groups in the order of their first item.
  static func grouped<Item>(_ items: [Item], by key: (Item) -> String) -> [[Item]] {
    var index: [String: Int] = [:]
    var groups: [[Item]] = []
    for item in items {
      if let existing = index[key(item)] {
        groups[existing].append(item)
      } else {
        index[key(item)] = groups.count
        groups.append([item])
      }
    }
    return groups
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
    public var ratios: [Double] { cells.flatMap { $0.ratios.map(\.ratio) } }
    /// The share of those runs at the best known.
    public var atBest: Double? { SweepSummary.shareAtBest(ratios) }
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
    var bestStable: [String: Int] = [:]
    var bestAny: [String: Int] = [:]
    for record in records where record.succeeded {
      guard let matched = record.matched else { continue }
      bestAny[record.instance.source] = max(bestAny[record.instance.source] ?? 0, matched)
      if record.blockingPairs == 0 {
        bestStable[record.instance.source] = max(bestStable[record.instance.source] ?? 0, matched)
      }
    }
    let ordered = records.sorted { $0.run < $1.run }
    cells = Self.grouped(ordered) { $0.instance.source + "\u{0}" + $0.strategy }.map { records in
      let source = records[0].instance.source
      return Cell(
        instance: records[0].instance, strategy: records[0].strategy, records: records,
        best: bestStable[source] ?? bestAny[source])
    }
    families = Self.grouped(cells) { $0.instance.family + "\u{0}" + $0.strategy }.map { cells in
      FamilyRow(
        family: cells[0].instance.family,
        applicants: Statistics.mean(cells.map { Double($0.instance.applicants) }) ?? 0, strategy: cells[0].strategy,
        cells: cells)
    }
    strategies = Self.grouped(cells, by: \.strategy).map { Self.row($0[0].strategy, $0) }
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
        if cell.best != nil { row.placed += record.matched ?? 0 }
        for (rank, count) in (record.rankProfile ?? []).enumerated() {
          if row.rankProfile.count <= rank { row.rankProfile.append(0) }
          row.rankProfile[rank] += count
        }
      }
      ratios += cell.ratios.map(\.ratio)
      if let median = cell.medianSeconds { points.append((Double(cell.instance.applicants), median)) }
    }
    if row.succeeded > 0 {
      let total = Double(row.succeeded)
      row.meanRatio = Statistics.mean(ratios)
      row.atBest = shareAtBest(ratios)
      row.nearBest = share(ratios) { $0 >= 0.98 }
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
