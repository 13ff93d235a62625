extension Duration {
  /// The duration in seconds.
  package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

extension Duration {
  /// The duration as a log writes it: `1.234 s`.
  package var logText: String { "\((seconds * 1000).rounded() / 1000) s" }
}
