import CSV
import Foundation
import Placement

/// A sweep's records as files: JSON lines (the raw records, one per line, the form
/// `bench merge` reads back) and CSV (one row per run, for spreadsheets and data frames).
public enum RecordFiles {
  /// One compact JSON object per record, each on its own line, keys sorted.
  public static func jsonLines(_ records: [BenchRecord]) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = Data()
    for record in records {
      data += try encoder.encode(record)
      data.append(UInt8(ascii: "\n"))
    }
    return data
  }

  /// Reads JSON lines written by ``jsonLines(_:)``; `name` names the file in errors.
  ///
  /// - Throws: ``BenchError`` naming the file and line of the first record that does not read.
  public static func records(jsonLines data: Data, name: String) throws(BenchError) -> [BenchRecord] {
    let decoder = JSONDecoder()
    var records: [BenchRecord] = []
    for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
      do {
        records.append(try decoder.decode(BenchRecord.self, from: Data(line)))
      } catch {
        throw BenchError("\(name):\(index + 1): not a bench record (\(error))")
      }
    }
    return records
  }

  /// The CSV columns, in order.
  static let columns: [(name: String, value: @Sendable (BenchRecord) -> String)] = [
    ("sweep", \.sweep), ("run", { "\($0.run)" }), ("runs", { "\($0.runs)" }), ("repeat", { "\($0.repeat)" }),
    ("instance", \.instance.source), ("name", \.instance.name), ("applicants", { "\($0.instance.applicants)" }),
    ("positions", { "\($0.instance.positions)" }), ("groups", { "\($0.instance.groups)" }),
    ("pairs", { "\($0.instance.pairs)" }), ("seats", { "\($0.instance.seats)" }),
    ("applicantTies", { "\($0.instance.applicantTies)" }), ("positionTies", { "\($0.instance.positionTies)" }),
    ("features", { $0.instance.features.joined(separator: " ") }), ("strategy", \.strategy),
    ("parameters", { $0.parameters.flatMap(compactJSON) ?? "" }),
    ("status", \.status), ("failure", { $0.failure ?? "" }), ("objectiveName", { $0.objectiveName ?? "" }),
    ("objective", { text($0.objective) }), ("bound", { text($0.bound) }), ("gap", { text($0.gap) }),
    ("matched", { text($0.matched) }), ("rankSum", { text($0.rankSum) }),
    ("rankProfile", { $0.rankProfile.map { $0.map(String.init).joined(separator: " ") } ?? "" }),
    ("blockingPairs", { text($0.blockingPairs) }), ("solveSeconds", { text($0.solveSeconds) }),
    ("rootSeconds", { text($0.rootSeconds) }), ("rootBound", { text($0.rootBound) }), ("nodes", { text($0.nodes) }),
    ("incumbentSeconds", { text($0.incumbentSeconds) }),
    ("wallSeconds", { text($0.wallSeconds) }), ("cpuSeconds", { text($0.cpuSeconds) }),
    ("peakBytes", { text($0.peakBytes) }), ("placementVersion", \.versions.placement),
    ("glpkVersion", \.versions.glpk), ("swiftVersion", \.versions.swift), ("cores", { "\($0.machine.cores)" }),
    ("cpuModel", \.machine.model), ("memoryBytes", { "\($0.machine.memoryBytes)" }), ("system", \.machine.system),
  ]

  private static func compactJSON(_ parameters: [String: JSONValue]) -> String? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(parameters)).map { String(decoding: $0, as: UTF8.self) }
  }

  private static func text<Value>(_ value: Value?) -> String { value.map { "\($0)" } ?? "" }

  /// One header row and one row per record; an absent value is an empty field, a rank
  /// profile is its counts separated by spaces, parameters are compact JSON.
  public static func csv(_ records: [BenchRecord]) throws -> Data {
    let writer = try CSVWriter(stream: .toMemory())
    try writer.write(row: columns.map(\.name))
    for record in records { try writer.write(row: columns.map { $0.value(record) }) }
    writer.stream.close()
    var data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    data.append(UInt8(ascii: "\n"))
    return data
  }
}
