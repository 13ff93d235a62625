/// A sweep that cannot be planned or merged: a bad spec, an unreadable file, mixed sweeps.
public struct BenchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, naming the value.
  public var description: String

  /// Creates the error.
  public init(_ description: String) {
    self.description = description
  }
}
