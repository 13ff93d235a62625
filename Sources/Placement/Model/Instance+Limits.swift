extension Instance {
  /// The most entries a preference list may hold. Readers refuse a longer list at the
  /// entry that exceeds it, without keeping the rest, so hostile input stays cheap.
  public static let maximumListLength = 1_000_000
  /// The most elements `applicants`, `positions`, `groups`, `typeQuotas` or `scores`
  /// may hold; indices then fit the compiled market's 32-bit arrays with room to spare.
  public static let maximumElementCount = 100_000_000
  /// The largest capacity or minimum of a position, group or type quota.
  public static let maximumQuota = Int(Int32.max)
  /// The largest magnitude of a score. Totals over a placement of a million applicants
  /// then stay below 2^53, where doubles still count whole units exactly.
  public static let maximumScoreMagnitude = 1e9
}
