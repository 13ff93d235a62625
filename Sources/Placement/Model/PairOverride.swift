/// One applicant–position pair that an operator decides by hand, outside any strategy:
/// a promise already made (``Instance/locked``) or a pair that must never happen
/// (``Instance/forbidden``: a conflict of interest, a ban).
public struct PairOverride: Sendable, Hashable, Codable {
  /// The id of the applicant.
  public var applicant: String
  /// The id of the position.
  public var position: String

  /// Creates an override of the pair.
  public init(applicant: String, position: String) {
    self.applicant = applicant
    self.position = position
  }
}
