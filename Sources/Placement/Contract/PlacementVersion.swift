/// The library's version, as `placement --version` and bench records state it.
public enum PlacementVersion {
  /// The version, `major.minor.patch`.
  public static let string = "0.1.0"
}
