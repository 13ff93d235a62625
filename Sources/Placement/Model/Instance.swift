/// A placement market as the instance format describes it: applicants who rank
/// positions, positions with quotas that may rank applicants, groups of positions
/// sharing quotas, per-type quotas and optional pair scores.
///
/// Building or reading an `Instance` does not validate it; ``Market/init(compiling:)``
/// and ``validationIssues()`` report every problem, each with its field path.
///
/// ```swift
/// let instance = try Instance(contentsOf: url)
/// let market = try Market(compiling: instance)
/// ```
public struct Instance: Sendable, Hashable {
  /// The value of the `format` field.
  public static let format = "placement-instance"
  /// The format version this library reads and writes.
  public static let version = 1

  /// A name for reports; may be empty.
  public var name: String
  /// The applicants, in file order.
  public var applicants: [Applicant]
  /// The positions, in file order.
  public var positions: [Position]
  /// The groups, in file order.
  public var groups: [Group]
  /// Per-position, per-type upper quotas.
  public var typeQuotas: [TypeQuota]
  /// Pair values for weight-based objectives.
  public var scores: [Score]
  /// Pairs every placement must contain: each applicant here is placed at its position,
  /// which it must list and which must not rank it out; the pair holds one of the
  /// position's seats, and no applicant can displace it.
  public var locked: [PairOverride]
  /// Pairs no placement may contain, as if neither side listed the other.
  public var forbidden: [PairOverride]

  /// Creates an instance.
  public init(
    name: String = "", applicants: [Applicant], positions: [Position], groups: [Group] = [],
    typeQuotas: [TypeQuota] = [], scores: [Score] = [], locked: [PairOverride] = [],
    forbidden: [PairOverride] = []
  ) {
    self.name = name
    self.applicants = applicants
    self.positions = positions
    self.groups = groups
    self.typeQuotas = typeQuotas
    self.scores = scores
    self.locked = locked
    self.forbidden = forbidden
  }
}
