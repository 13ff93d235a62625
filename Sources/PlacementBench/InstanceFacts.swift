import Placement

/// What a table or a plot says about an instance: where it came from and its sizes.
public struct InstanceFacts: Codable, Sendable, Equatable {
  /// The instance as the sweep names it: a file's path, or a generator spec with one
  /// value per key (`gen:preset=internship-season,seed=3`).
  public var source: String
  /// The instance's own name.
  public var name: String
  /// The applicants.
  public var applicants: Int
  /// The positions.
  public var positions: Int
  /// The groups.
  public var groups: Int
  /// The acceptable pairs (entries of applicants' lists).
  public var pairs: Int
  /// The positions' capacities summed.
  public var seats: Int
  /// The share of entries in applicants' lists tied with the entry before them (0 without ties).
  public var applicantTies: Double
  /// The share of entries in positions' lists tied with the entry before them.
  public var positionTies: Double
  /// The market's features (`ties`, `groups`, `minimums`, …), sorted.
  public var features: [String]

  /// Creates the facts by hand.
  public init(
    source: String, name: String, applicants: Int, positions: Int, groups: Int, pairs: Int, seats: Int,
    applicantTies: Double, positionTies: Double, features: [String]
  ) {
    self.source = source
    self.name = name
    self.applicants = applicants
    self.positions = positions
    self.groups = groups
    self.pairs = pairs
    self.seats = seats
    self.applicantTies = applicantTies
    self.positionTies = positionTies
    self.features = features
  }

  /// The facts of an instance and its compiled market.
  public init(source: String, instance: Instance, market: Market) {
    self.init(
      source: source, name: market.name, applicants: market.applicantCount, positions: market.positionCount,
      groups: market.groupCount, pairs: market.pairCount, seats: instance.positions.reduce(0) { $0 + $1.capacity },
      applicantTies: Self.tieShare(instance.applicants.map(\.preferences)),
      positionTies: Self.tieShare(instance.positions.compactMap(\.preferences)),
      features: market.features.sorted().map(\.rawValue))
  }

  /// The share of entries in `lists` tied with the entry before them.
  private static func tieShare(_ lists: [PreferenceList]) -> Double {
    var entries = 0
    var tied = 0
    for list in lists {
      entries += list.count
      guard list.hasTies else { continue }
      for index in 1..<max(list.count, 1) where list.tier(at: index) == list.tier(at: index - 1) { tied += 1 }
    }
    return entries == 0 ? 0 : Double(tied) / Double(entries)
  }

  /// The instances this one is a sample of, for tables over seeds: a generator spec
  /// without its `seed`, or a file's folder and the number of applicants.
  public var family: String {
    if source.hasPrefix("gen:") {
      let kept = label.split(separator: ",").filter { !$0.hasPrefix("seed=") && $0 != "seed" }
      return kept.isEmpty ? "generated" : kept.joined(separator: ",")
    }
    var path = source
    var layout = ""
    if let colon = path.firstIndex(of: ":"), GlasgowFormat(rawValue: String(path[..<colon])) != nil {
      layout = String(path[...colon])
      path = String(path[path.index(after: colon)...])
    }
    let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    return "\(layout)\(folder.isEmpty ? "." : folder)/ · \(applicants) applicants"
  }

  /// The source without its `gen:` prefix, for tables.
  public var label: String { source.hasPrefix("gen:") ? String(source.dropFirst(4)) : source }
}
