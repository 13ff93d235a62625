/// A seeded generator of random placement markets, for tests, benchmarks and anyone
/// who needs instances of a given shape.
///
/// Applicants pick `listLength` distinct positions, more often popular ones when
/// `correlation` is high, and rank them by a mix of common popularity and their own
/// taste; positions rank the applicants who listed them by a mix of common merit and
/// their own taste. `tieDensity` merges neighbouring entries into ties.
///
/// ```swift
/// var shape = RandomMarket(applicants: 1_000, positions: 50, listLength: 10)
/// shape.tieDensity = 0.2
/// let instance = shape.instance(seed: 42)
/// ```
///
/// - Complexity: O(L log L) for L = applicants × listLength.
public struct RandomMarket: Sendable, Hashable {
  /// The instance name.
  public var name = "random"
  /// The number of applicants.
  public var applicants: Int
  /// The number of positions.
  public var positions: Int
  /// How many positions each applicant lists (at most `positions`).
  public var listLength: Int
  /// The range position capacities are drawn from.
  public var capacity: ClosedRange<Int> = 1...3
  /// The chance that an entry is tied with the one before it, on the sides `tiedSides` names.
  public var tieDensity = 0.0
  /// Whose lists have ties: both sides' (the default), or only the applicants' or the
  /// positions' (the other side's lists are strict).
  public var tiedSides = TiedSides.both
  /// From 0 (everyone's lists independent) to 1 (everyone agrees on popularity and merit).
  public var correlation = 0.5
  /// Whether positions rank applicants (else each is indifferent).
  public var positionPreferences = true
  /// The number of groups; positions are spread over them at random.
  public var groups = 0
  /// A group's capacity as a share of its members' seats.
  public var groupCapacityShare = 0.8
  /// Whether groups rank applicants; positions in such groups then follow the group's ranking.
  public var groupPreferences = false
  /// The number of groups in a second family that crosses the first (regions across
  /// sectors): every position also joins one of them at random. Such groups have no
  /// ranking of their own.
  public var crossingGroups = 0
  /// The share of groups (of both families) with a minimum, of 1 up to a third of their
  /// capacity.
  public var groupMinimumShare = 0.0
  /// Applicant type names; empty for no types.
  public var typeNames: [String] = []
  /// The share of positions with a quota for each type.
  public var typeQuotaShare = 0.0
  /// A type quota's capacity as a share of the position's capacity (at least 1).
  public var typeQuotaFraction = 0.5
  /// The share of positions with a minimum (1 up to half their capacity).
  public var minimumShare = 0.0
  /// The share of positions with a minimum that may close instead.
  public var closableShare = 0.0
  /// The share of applicant–position pairs with a score (0 to 1), values in 0..<1.
  public var scoreShare = 0.0

  /// Creates a shape with the given sizes and defaults for the rest.
  public init(applicants: Int, positions: Int, listLength: Int) {
    self.applicants = applicants
    self.positions = positions
    self.listLength = listLength
  }

  /// The instance of this shape for `seed`; the same seed gives the same instance.
  public func instance(seed: UInt64) -> Instance {
    var random = SplitMix64(seed: seed)
    let positionCount = max(positions, 1)
    let length = min(listLength, positionCount)
    let popularity = (0..<positionCount).map { _ in random.unit() }
    let merit = (0..<applicants).map { _ in random.unit() }
    // Heavier weight on popular positions as correlation grows.
    let weights = popularity.map { 1 + 8 * correlation * $0 * $0 }
    let sampler = WeightedSampler(weights)

    let positionIDs = (0..<positionCount).map { "p" + padded($0, positionCount) }
    let applicantIDs = (0..<applicants).map { "a" + padded($0, applicants) }
    let groupIDs = (0..<groups).map { "g" + padded($0, groups) }

    // Applicant lists.
    var lists: [[Int32]] = []
    lists.reserveCapacity(applicants)
    var chosen = [Bool](repeating: false, count: positionCount)
    for _ in 0..<applicants {
      var list: [Int32] = []
      list.reserveCapacity(length)
      while list.count < length {
        let p = list.count * 4 < positionCount ? sampler.sample(&random) : Int(random.next() % UInt64(positionCount))
        if !chosen[p] {
          chosen[p] = true
          list.append(Int32(p))
        }
      }
      for p in list { chosen[Int(p)] = false }
      let utility = list.map { correlation * popularity[Int($0)] + (1 - correlation) * random.unit() }
      let order = list.indices.sorted { utility[$0] > utility[$1] }
      lists.append(order.map { list[$0] })
    }

    var instance = Instance(
      name: name,
      applicants: lists.enumerated().map { a, list in
        Applicant(
          id: applicantIDs[a],
          preferences: tiedList(list.map { positionIDs[Int($0)] }, tied: tiedSides != .positions, &random),
          type: typeNames.isEmpty ? nil : typeNames[Int(random.next() % UInt64(typeNames.count))])
      },
      positions: [])

    // Positions, their groups and their rankings of those who listed them.
    let membership = (0..<positionCount).map { _ in groups > 0 ? Int(random.next() % UInt64(groups)) : -1 }
    let crossing = (0..<positionCount).map { _ in crossingGroups > 0 ? Int(random.next() % UInt64(crossingGroups)) : -1
    }
    var listers = [[Int32]](repeating: [], count: positionCount)
    for (a, list) in lists.enumerated() {
      for p in list { listers[Int(p)].append(Int32(a)) }
    }
    func ranking(_ members: [Int32], _ random: inout SplitMix64) -> PreferenceList {
      let score = members.map { correlation * merit[Int($0)] + (1 - correlation) * random.unit() }
      let order = members.indices.sorted { score[$0] > score[$1] }
      return tiedList(order.map { applicantIDs[Int(members[$0])] }, tied: tiedSides != .applicants, &random)
    }
    for p in 0..<positionCount {
      let capacity = self.capacity.lowerBound + Int(random.next() % UInt64(self.capacity.count))
      var position = Position(id: positionIDs[p], capacity: capacity)
      if membership[p] >= 0 { position.groups = [groupIDs[membership[p]]] }
      if crossingGroups > 0 { position.groups.append("r" + padded(crossing[p], crossingGroups)) }
      let followsGroup = groupPreferences && membership[p] >= 0
      if positionPreferences && !followsGroup { position.preferences = ranking(listers[p], &random) }
      if random.unit() < minimumShare {
        // Never above what the applicants who list it could meet.
        let minimum = 1 + Int(random.next() % UInt64(max(1, capacity / 2)))
        position.minimum = min(minimum, listers[p].count)
        position.closable = random.unit() < closableShare
      }
      instance.positions.append(position)
      if !typeNames.isEmpty, random.unit() < typeQuotaShare {
        let quota = max(1, Int((Double(capacity) * typeQuotaFraction).rounded(.down)))
        for type in typeNames {
          instance.typeQuotas.append(TypeQuota(position: positionIDs[p], type: type, capacity: quota))
        }
      }
    }

    // Groups share a fraction of their members' seats.
    var seats = [Int](repeating: 0, count: groups)
    var groupListers = [[Int32]](repeating: [], count: groups)
    for p in 0..<positionCount where membership[p] >= 0 {
      seats[membership[p]] += instance.positions[p].capacity
      groupListers[membership[p]].append(contentsOf: listers[p])
    }
    for g in 0..<groups {
      var group = Group(id: groupIDs[g], capacity: max(1, Int((Double(seats[g]) * groupCapacityShare).rounded())))
      if groupPreferences {
        group.preferences = ranking(Array(Set(groupListers[g])).sorted(), &random)
      }
      instance.groups.append(group)
    }
    if crossingGroups > 0 {
      var seats = [Int](repeating: 0, count: crossingGroups)
      for p in 0..<positionCount { seats[crossing[p]] += instance.positions[p].capacity }
      for r in 0..<crossingGroups {
        let capacity = max(1, Int((Double(seats[r]) * groupCapacityShare).rounded()))
        instance.groups.append(Group(id: "r" + padded(r, crossingGroups), capacity: capacity))
      }
    }
    if groupMinimumShare > 0 {
      for g in instance.groups.indices where random.unit() < groupMinimumShare {
        let id = instance.groups[g].id
        let seats = instance.positions.reduce(0) { $0 + ($1.groups.contains(id) ? $1.capacity : 0) }
        guard seats > 0 else { continue }
        let reach = min(seats, instance.groups[g].capacity)
        instance.groups[g].minimum = 1 + Int(random.next() % UInt64(max(1, reach / 3)))
      }
    }

    if scoreShare > 0 {
      for (a, list) in lists.enumerated() {
        for p in list where random.unit() < scoreShare {
          let value = (random.unit() * 1000).rounded() / 1000
          instance.scores.append(Score(applicant: applicantIDs[a], position: positionIDs[Int(p)], value: value))
        }
      }
    }
    return instance
  }

  /// A strict list turned into tiers: each entry joins the previous tier with chance
  /// `tieDensity` when `tied`, else it stays strict.
  private func tiedList(_ ids: [String], tied: Bool, _ random: inout SplitMix64) -> PreferenceList {
    guard tieDensity > 0, tied else { return PreferenceList(strict: ids) }
    var tiers: [Int32] = []
    tiers.reserveCapacity(ids.count)
    var tier: Int32 = 0
    for index in ids.indices {
      if index > 0, random.unit() >= tieDensity { tier += 1 }
      tiers.append(tier)
    }
    return PreferenceList(ids: ids, tierOfEntry: tiers)
  }

  private func padded(_ value: Int, _ count: Int) -> String {
    let width = String(max(count - 1, 0)).count
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

extension SplitMix64 {
  /// A uniform value in 0 ..< 1 with 53 random bits.
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }
}

/// Draws indices with probability proportional to fixed weights, by binary search over
/// cumulative weights.
struct WeightedSampler {
  private let cumulative: [Double]

  init(_ weights: [Double]) {
    var total = 0.0
    cumulative = weights.map {
      total += $0
      return total
    }
  }

  func sample(_ random: inout SplitMix64) -> Int {
    let target = random.unit() * (cumulative.last ?? 0)
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] > target { high = middle } else { low = middle + 1 }
    }
    return low
  }
}

/// Whose lists a ``RandomMarket`` ties.
public enum TiedSides: String, CaseIterable, Sendable {
  /// Applicants' and positions' lists.
  case both
  /// Only applicants' lists.
  case applicants
  /// Only positions' lists.
  case positions
}
