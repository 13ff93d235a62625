extension Duration {
  /// A `--time-limit` in seconds as a duration, rounded up to the millisecond.
  static func timeLimit(seconds: Double) -> Duration {
    .milliseconds(Int64((seconds * 1000).rounded(.up)))
  }
}
