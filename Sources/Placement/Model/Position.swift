/// One position: an internship post, a network's expert seats.
public struct Position: Sendable, Hashable {
  /// A non-empty id, unique among positions.
  public var id: String
  /// The upper quota, at least 1.
  public var capacity: Int
  /// The lower quota, between 0 and `capacity`.
  public var minimum: Int
  /// Whether the position may instead be closed and take nobody.
  public var closable: Bool
  /// The ids of the groups this position belongs to.
  public var groups: [String]
  /// The position's ranking of applicants, or `nil` when it is indifferent among
  /// every applicant who lists it. When present, acceptability is mutual.
  public var preferences: PreferenceList?

  /// Creates a position.
  public init(
    id: String, capacity: Int, minimum: Int = 0, closable: Bool = false,
    groups: [String] = [], preferences: PreferenceList? = nil
  ) {
    self.id = id
    self.capacity = capacity
    self.minimum = minimum
    self.closable = closable
    self.groups = groups
    self.preferences = preferences
  }
}
