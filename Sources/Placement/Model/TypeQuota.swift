/// An upper quota on how many applicants of one type one position takes.
public struct TypeQuota: Sendable, Hashable, Codable {
  /// The id of the position.
  public var position: String
  /// The applicant type the quota counts.
  public var type: String
  /// The most applicants of `type` the position takes, at least 0.
  public var capacity: Int

  /// Creates a type quota.
  public init(position: String, type: String, capacity: Int) {
    self.position = position
    self.type = type
    self.capacity = capacity
  }
}
