/// One applicant: a student seeking an internship, an expert seeking a network.
public struct Applicant: Sendable, Hashable {
  /// A non-empty id, unique among applicants.
  public var id: String
  /// The positions this applicant accepts, best first; positions not listed are unacceptable.
  public var preferences: PreferenceList
  /// An optional type (home university, expert origin, region) that type quotas refer to.
  public var type: String?
  /// Free-form values carried through untouched, for reports.
  public var attributes: [String: JSONValue]

  /// Creates an applicant.
  public init(
    id: String, preferences: PreferenceList, type: String? = nil,
    attributes: [String: JSONValue] = [:]
  ) {
    self.id = id
    self.preferences = preferences
    self.type = type
    self.attributes = attributes
  }
}
