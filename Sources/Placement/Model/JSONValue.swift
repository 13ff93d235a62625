/// A JSON value kept as read, for free-form `attributes`.
public enum JSONValue: Sendable, Hashable {
  /// A string.
  case string(String)
  /// A number.
  case number(Double)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null
  /// An array.
  case array([JSONValue])
  /// An object; keys are unique.
  case object([String: JSONValue])
}
