/// A set of positions sharing a quota: a host with several posts, a region, a sector.
public struct Group: Sendable, Hashable {
  /// A non-empty id, unique among groups.
  public var id: String
  /// The shared upper quota over all member positions, at least 1.
  public var capacity: Int
  /// The shared lower quota, between 0 and `capacity`.
  public var minimum: Int
  /// The group's own ranking of applicants across its positions, if any.
  /// Applicants it does not list rank below every listed one.
  public var preferences: PreferenceList?

  /// Creates a group.
  public init(id: String, capacity: Int, minimum: Int = 0, preferences: PreferenceList? = nil) {
    self.id = id
    self.capacity = capacity
    self.minimum = minimum
    self.preferences = preferences
  }
}
