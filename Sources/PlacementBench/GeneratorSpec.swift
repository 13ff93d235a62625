import Foundation

/// Instances from `placement generate`, as a sweep names them:
/// `gen:preset=internship-season,applicants=1000..100000*10,ties=0.2,seed=1..10`.
///
/// Each `key=value` is one of `placement generate`'s options without its dashes (`ties`
/// and `list` stand for `tie-density` and `list-length`); a key without a value is a flag.
/// A value may name several: `a|b|c`, `a..b` (whole numbers, step 1), `a..b+s` (step s)
/// or `a..b*f` (times f, while at most b); `key/n` or `key*n` is an earlier key's value
/// divided or multiplied (`positions=applicants/50`); a flag's value `true` or `false`
/// gives it or leaves it out. The instances are every combination, the first key varying
/// slowest.
public struct GeneratorSpec: Sendable {
  /// One instance: its source text (every key with one value) and the `generate` arguments.
  public struct Member: Sendable, Hashable {
    /// The instance as records name it: `gen:` and each key with its one value.
    public var source: String
    /// `placement generate`'s arguments for it.
    public var arguments: [String]
  }

  /// Every instance the spec names, in order.
  public let members: [Member]

  /// The most instances one spec may name.
  public static let memberLimit = 10_000

  private static let aliases = ["ties": "tie-density", "list": "list-length"]

  /// Reads a spec, with or without its `gen:` prefix.
  ///
  /// - Throws: ``BenchError`` naming the spec and the part that is wrong.
  public init(parsing text: String) throws(BenchError) {
    let body = text.hasPrefix("gen:") ? String(text.dropFirst(4)) : text
    var keys: [(name: String, values: [String]?)] = []
    for part in body.split(separator: ",").map(String.init) {
      let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard !pair[0].isEmpty else { throw BenchError("\(text): an empty key") }
      keys.append((pair[0], pair.count == 2 ? try Self.values(pair[1], key: pair[0], spec: text) : nil))
    }
    guard !keys.isEmpty else { throw BenchError("\(text): no generator options") }
    var combinations: [[(name: String, value: String?)]] = [[]]
    for key in keys {
      let values: [String?] = key.values ?? [nil]
      guard combinations.count * values.count <= Self.memberLimit else {
        throw BenchError("\(text): more than \(Self.memberLimit) instances")
      }
      var extended: [[(name: String, value: String?)]] = []
      for earlier in combinations {
        for value in values {
          extended.append(
            earlier + [
              (key.name, try value.map { (value) throws(BenchError) in try Self.resolve(value, earlier, spec: text) })
            ])
        }
      }
      combinations = extended
    }
    members = combinations.map { pairs in
      var arguments: [String] = []
      for (name, value) in pairs where value != "false" {
        arguments.append("--" + (Self.aliases[name] ?? name))
        if let value, value != "true" { arguments.append(value) }
      }
      let source = pairs.map { name, value in value.map { "\(name)=\($0)" } ?? name }.joined(separator: ",")
      return Member(source: "gen:" + source, arguments: arguments)
    }
  }

  /// `value`, or for `key/n` and `key*n` an earlier key's value divided or multiplied
  /// (whole numbers divide without remainder: `positions=applicants/50`).
  static func resolve(_ value: String, _ earlier: [(name: String, value: String?)], spec: String) throws(BenchError)
    -> String
  {
    guard let operation = value.firstIndex(where: { $0 == "/" || $0 == "*" }),
      let named = earlier.last(where: { $0.name == String(value[..<operation]) })
    else { return value }
    let operand = String(value[value.index(after: operation)...])
    guard let base = named.value.flatMap(Double.init), let by = Double(operand), by > 0 else {
      throw BenchError("\(spec): \(value) needs a number before it and after it")
    }
    let divides = value[operation] == "/"
    if let whole = Int(named.value ?? ""), let factor = Int(operand) {
      return String(divides ? whole / factor : whole * factor)
    }
    let result = divides ? base / by : base * by
    return result == result.rounded() ? String(Int(result)) : String(result)
  }

  /// The values one `value` names.
  static func values(_ value: String, key: String, spec: String) throws(BenchError) -> [String] {
    if value.contains("|") { return value.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    guard let dots = value.range(of: "..") else { return [value] }
    let first = String(value[..<dots.lowerBound])
    var rest = String(value[dots.upperBound...])
    var step = "1"
    var multiplies = false
    if let sign = rest.firstIndex(where: { $0 == "+" || $0 == "*" }) {
      multiplies = rest[sign] == "*"
      step = String(rest[rest.index(after: sign)...])
      rest = String(rest[..<sign])
    }
    guard let low = Double(first), let high = Double(rest), let by = Double(step), low <= high,
      multiplies ? (low > 0 && by > 1) : by > 0
    else {
      throw BenchError(
        "\(spec): \(key)=\(value) is not a range a..b, a..b+step or a..b*factor (with a ≤ b, step > 0, factor > 1)")
    }
    let decimals = [first, rest, step].map { $0.split(separator: ".").dropFirst().first?.count ?? 0 }.max()!
    var values: [String] = []
    var index = 0
    while values.count <= GeneratorSpec.memberLimit {
      let next = multiplies ? low * pow(by, Double(index)) : low + by * Double(index)
      guard next <= high * (1 + 1e-9) else { break }
      values.append(decimals == 0 ? String(Int(next.rounded())) : String(format: "%.\(decimals)f", next))
      index += 1
    }
    return values
  }
}
