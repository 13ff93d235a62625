/// A rule on how many applicants of one type a position or a group takes: an upper
/// quota, a minimum, and shares of everyone it takes, each optional (at least one given).
///
/// Shares count the holder's placed applicants: `maximumShare: 0.7` means at most 70% of
/// the people a network takes are of `type`; `minimumShare: 0.3` at least 30%. They are
/// read to four decimal places. A closable position that closes owes none of its minimums.
public struct TypeQuota: Sendable, Hashable, Codable {
  /// The id of the position the rule holds at, or `nil` when it holds at a group.
  public var position: String?
  /// The id of the group the rule holds at, or `nil` when it holds at a position.
  public var group: String?
  /// The applicant type the rule counts.
  public var type: String
  /// The most applicants of `type` the holder takes, at least 0.
  public var capacity: Int?
  /// The fewest applicants of `type` the holder takes, at least 0.
  public var minimum: Int?
  /// The largest share of the holder's placed applicants that may be of `type`, in 0…1.
  public var maximumShare: Double?
  /// The smallest share of the holder's placed applicants that must be of `type`, in 0…1.
  public var minimumShare: Double?

  /// Creates a rule; give exactly one of `position` and `group`.
  public init(
    position: String? = nil, group: String? = nil, type: String, capacity: Int? = nil, minimum: Int? = nil,
    maximumShare: Double? = nil, minimumShare: Double? = nil
  ) {
    self.position = position
    self.group = group
    self.type = type
    self.capacity = capacity
    self.minimum = minimum
    self.maximumShare = maximumShare
    self.minimumShare = minimumShare
  }

  /// The rule's holder as the instance names it: `position "p"` or `group "g"`.
  public var holderDescription: String {
    if let group { return "group \(quoted(group))" }
    return "position \(quoted(position ?? ""))"
  }
}
