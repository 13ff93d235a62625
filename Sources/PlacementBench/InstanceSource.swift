import Foundation
import Placement

/// Where one instance of a sweep comes from: a file, or `placement generate`'s arguments.
public enum InstanceSource: Sendable, Hashable {
  /// An instance file, with a checksum of its bytes so that shards of one sweep are
  /// known to read the same file, and its layout when it is not Placement's JSON.
  case file(path: String, checksum: String, format: GlasgowFormat?)
  /// A generated instance: its spec (one value per key) and `generate`'s arguments.
  case generated(GeneratorSpec.Member)

  /// The source as records and tables name it.
  public var text: String {
    switch self {
    case .file(let path, _, let format): format.map { "\($0.rawValue):\(path)" } ?? path
    case .generated(let member): member.source
    }
  }

  /// The instances one `--instances` argument names: a `gen:` spec, a folder (its
  /// `.json` files), a glob pattern, or a file; files in name order. A Glasgow layout's
  /// name in front (`glasgow-smti:data/*.txt`) reads the files in that layout (a folder's
  /// every file).
  ///
  /// - Throws: ``BenchError`` when nothing matches or a file cannot be read.
  public static func resolve(_ argument: String) throws(BenchError) -> [InstanceSource] {
    if argument.hasPrefix("gen:") { return try GeneratorSpec(parsing: argument).members.map(InstanceSource.generated) }
    var argument = argument
    var format: GlasgowFormat?
    if let colon = argument.firstIndex(of: ":"), let named = GlasgowFormat(rawValue: String(argument[..<colon])) {
      format = named
      argument = String(argument[argument.index(after: colon)...])
    }
    var isFolder: ObjCBool = false
    let paths: [String]
    if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) {
      if isFolder.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
        paths = names.filter { format == nil ? $0.hasSuffix(".json") : !$0.hasPrefix(".") }.sorted()
          .map { (argument as NSString).appendingPathComponent($0) }
      } else {
        paths = [argument]
      }
    } else {
      paths = glob(argument)
    }
    guard !paths.isEmpty else { throw BenchError("--instances \(argument): no such file, folder or match") }
    return try paths.map { (path) throws(BenchError) in
      guard let bytes = FileManager.default.contents(atPath: path) else {
        throw BenchError("\(path): cannot be read")
      }
      return .file(path: path, checksum: FNV1a.hex(bytes), format: format)
    }
  }

  /// The files matching a shell pattern, sorted.
  private static func glob(_ pattern: String) -> [String] {
    var matches = glob_t()
    defer { globfree(&matches) }
    guard Foundation.glob(pattern, 0, nil, &matches) == 0 else { return [] }
    return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }.sorted()
  }
}

/// The 64-bit FNV-1a hash, in hex: a sweep's identity and a file's checksum, to tell
/// sweeps and files apart (not to resist tampering).
enum FNV1a {
  static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
