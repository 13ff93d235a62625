/// The value of one applicant–position pair for weight-based objectives.
public struct Score: Sendable, Hashable, Codable {
  /// The id of the applicant.
  public var applicant: String
  /// The id of the position.
  public var position: String
  /// The pair's value; finite.
  public var value: Double

  /// Creates a score.
  public init(applicant: String, position: String, value: Double) {
    self.applicant = applicant
    self.position = position
    self.value = value
  }
}
