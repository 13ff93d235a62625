import Foundation

/// The machine a run ran on, as a paper's methods section states it.
public struct Machine: Codable, Sendable, Equatable {
  /// Processors available to the process.
  public var cores: Int
  /// The processor's model name (empty where the system does not say).
  public var model: String
  /// Physical memory, in bytes.
  public var memoryBytes: Int
  /// The operating system and its version.
  public var system: String

  /// Creates the facts.
  public init(cores: Int, model: String, memoryBytes: Int, system: String) {
    self.cores = cores
    self.model = model
    self.memoryBytes = memoryBytes
    self.system = system
  }

  /// This machine: the model from `/proc/cpuinfo` on Linux (empty where it is not there).
  public static var current: Machine {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let modelLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
    let model = modelLine?.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? ""
    return Machine(
      cores: ProcessInfo.processInfo.activeProcessorCount, model: model,
      memoryBytes: Int(clamping: ProcessInfo.processInfo.physicalMemory),
      system: ProcessInfo.processInfo.operatingSystemVersionString)
  }

  /// "2 cores, Intel(R) Xeon(R) …, 24 GB".
  public var description: String {
    let gigabytes = (Double(memoryBytes) / 1_073_741_824).rounded()
    return "\(cores) cores, \(model.isEmpty ? "unknown processor" : model), \(Int(gigabytes)) GB"
  }
}
