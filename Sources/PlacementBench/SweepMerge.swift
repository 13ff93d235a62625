/// Shards of one sweep joined into one set of records.
///
/// Merging is idempotent (merging a result with itself, or with a shard already in it,
/// changes nothing) and refuses records of different sweeps.
public struct SweepMerge: Sendable {
  /// The records, one per run, in run order.
  public let records: [BenchRecord]
  /// The runs of the sweep that no input holds.
  public let missingRuns: [Int]

  /// Joins the records of several outputs, each named for errors; where two hold the
  /// same run, the first given is kept.
  ///
  /// - Throws: ``BenchError`` when the records belong to different sweeps, naming both.
  public init(_ inputs: [(name: String, records: [BenchRecord])]) throws(BenchError) {
    var sweep: (identity: String, runs: Int, name: String)?
    var byRun: [Int: BenchRecord] = [:]
    for input in inputs {
      for record in input.records {
        if let sweep, sweep.identity != record.sweep || sweep.runs != record.runs {
          throw BenchError(
            "\(input.name): run \(record.run) belongs to sweep \(record.sweep), \(sweep.name) to sweep "
              + "\(sweep.identity): these are different sweeps (other strategies, instances, repeats or time "
              + "limit) and are not merged")
        }
        if sweep == nil { sweep = (record.sweep, record.runs, input.name) }
        if byRun[record.run] == nil { byRun[record.run] = record }
      }
    }
    records = byRun.keys.sorted().map { byRun[$0]! }
    missingRuns = sweep.map { sweep in (0..<sweep.runs).filter { byRun[$0] == nil } } ?? []
  }
}
