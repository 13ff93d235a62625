/// A ranked list of ids, best first, in which consecutive entries may be tied.
///
/// Entries are stored flat, with each entry's tier (0 = best). Entries in one
/// tier are equally good; in JSON a tier of several ids is written as an array:
/// `["p07", ["p02", "p11"], "p03"]` has tiers 0, 1, 1, 2.
public struct PreferenceList: Sendable, Hashable {
  /// The ids in list order.
  public private(set) var ids: [String]
  /// The tier of each entry, or empty when the list is strict (entry i is in tier i).
  private var tierOfEntry: [Int32]

  /// Creates a list from its tiers, best first; each inner array is one tie.
  public init(tiers: [[String]]) {
    ids = tiers.flatMap { $0 }
    if tiers.allSatisfy({ $0.count == 1 }) {
      tierOfEntry = []
    } else {
      tierOfEntry = []
      tierOfEntry.reserveCapacity(ids.count)
      for (tier, members) in tiers.enumerated() {
        tierOfEntry.append(contentsOf: repeatElement(Int32(tier), count: members.count))
      }
    }
  }

  /// Creates a strict list: no two entries tied.
  public init(strict ids: [String]) {
    self.ids = ids
    tierOfEntry = []
  }

  /// Creates a list from ids and the tier of each entry (non-decreasing, starting at 0).
  init(ids: [String], tierOfEntry: [Int32]) {
    self.ids = ids
    // Tiers are dense, so the list is strict exactly when the last tier is count - 1.
    let isStrict = tierOfEntry.last.map { Int($0) + 1 == ids.count } ?? true
    self.tierOfEntry = isStrict ? [] : tierOfEntry
  }

  /// The number of entries.
  public var count: Int { ids.count }

  /// Whether any two entries are tied.
  public var hasTies: Bool { !tierOfEntry.isEmpty }

  /// The tier (0 = best) of the entry at `index`.
  public func tier(at index: Int) -> Int {
    tierOfEntry.isEmpty ? index : Int(tierOfEntry[index])
  }

  /// The entries grouped by tier, best first.
  public var tiers: [[String]] {
    var result: [[String]] = []
    for index in ids.indices {
      if index == 0 || tier(at: index) != tier(at: index - 1) {
        result.append([ids[index]])
      } else {
        result[result.count - 1].append(ids[index])
      }
    }
    return result
  }
}
