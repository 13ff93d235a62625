/// An applicant and a position of a ``Market``, by index.
public struct MarketPair: Sendable, Hashable {
  /// The applicant's index.
  public var applicant: Int
  /// The position's index.
  public var position: Int

  /// Creates the pair.
  public init(applicant: Int, position: Int) {
    self.applicant = applicant
    self.position = position
  }
}
