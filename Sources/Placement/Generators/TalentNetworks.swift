/// The shape of Vietnam's networks of technology talent-training centres to 2030:
/// experts (overseas Vietnamese or foreign) placed in networks of training centres, each
/// network in one priority sector and one region, each needing at least a minimum of
/// experts.
///
/// How the market maps onto the instance format (see `docs/expert-networks.md`):
/// - each **network** is a position (`ai-north`), with `minimum` experts it must
///   attract and a `capacity`; it ranks the experts who apply by fit, in steps of 0.1
///   (so close fits tie);
/// - each **sector** and each **region** is a group (`sector-ai`, `region-centre`),
///   with a capacity and, where the board sets one, a minimum; sectors and regions cross;
/// - an expert's **origin** is the applicant `type`; a type quota per network keeps at
///   most `originShareCap` of its capacity from one origin, and optionally a type rule
///   per region asks that at least `regionOriginMinimumShare` of its experts be overseas
///   Vietnamese;
/// - an expert's **fit** for a network is a `scores` entry in 0…1, correlated with the
///   expert's sectors;
/// - an expert lists the networks of the sectors they fit, their preferred region first;
///   other regions are acceptable to an expert with a chance that follows their popularity.
///
/// Popularity is skewed as the mission describes: many experts want AI or
/// semiconductors in the north, few want hydrogen energy in the centre.
///
/// ```swift
/// let instance = TalentNetworks(experts: 2_400).instance(seed: 2030)
/// ```
public struct TalentNetworks: Sendable {
  /// One network: its sector, its region, and how popular it is relative to the others.
  public struct Network: Sendable, Hashable {
    /// The network's sector (`ai`, `semiconductors`, …).
    public var sector: String
    /// The network's region (`north`, `centre`, `south`).
    public var region: String

    /// Creates a network.
    public init(sector: String, region: String) {
      self.sector = sector
      self.region = region
    }

    /// `sector-region`, the network's id.
    public var id: String { "\(sector)-\(region)" }
  }

  /// The seven priority sectors, with how many experts name each first (relative).
  public static let sectors: [(name: String, popularity: Double)] = [
    ("ai", 0.30), ("semiconductors", 0.20), ("biotech", 0.14), ("networking-cybersecurity", 0.12),
    ("edtech", 0.08), ("materials-transport", 0.08), ("hydrogen-energy", 0.08),
  ]
  /// The three regions, with how many experts prefer each (relative).
  public static let regions: [(name: String, popularity: Double)] = [
    ("north", 0.52), ("centre", 0.16), ("south", 0.32),
  ]
  /// Sixteen networks: networks of excellence in all three regions for AI,
  /// semiconductors and biotech, one or two for each other sector.
  public static let standardNetworks: [Network] =
    ["ai", "semiconductors", "biotech"].flatMap { sector in
      ["north", "centre", "south"].map { Network(sector: sector, region: $0) }
    } + [
      Network(sector: "networking-cybersecurity", region: "north"),
      Network(sector: "networking-cybersecurity", region: "south"),
      Network(sector: "edtech", region: "north"),
      Network(sector: "materials-transport", region: "north"),
      Network(sector: "materials-transport", region: "south"),
      Network(sector: "hydrogen-energy", region: "centre"),
      Network(sector: "hydrogen-energy", region: "south"),
    ]

  /// The instance's name.
  public var name = "talent-networks-2030"
  /// How many experts apply.
  public var experts: Int
  /// The networks.
  public var networks = standardNetworks
  /// Every network's minimum: the experts it must attract.
  public var networkMinimum = 100
  /// Seats over all networks per expert; each network's capacity is its share of these
  /// by demand (each listing counting 1/rank), and at least 1.5 times its minimum.
  public var seatsPerExpert = 1.1
  /// The origins (applicant types), with their shares of the experts.
  public var origins: [(name: String, share: Double)] = [("overseas-vietnamese", 0.62), ("foreign", 0.38)]
  /// The largest share of a network's capacity one origin may take (a type quota per
  /// network and origin); 1 for none.
  public var originShareCap = 0.7
  /// The minimum of each region's group, as a share of its networks' minimums summed
  /// (more than 1 asks a region for more than its networks' minimums); 0 for none.
  public var regionMinimumFactor = 1.1
  /// The minimum of each sector's group, as a share of its networks' minimums summed; 0
  /// (the default) for none.
  public var sectorMinimumFactor = 0.0
  /// The smallest share of each region's placed experts that must be of the first origin
  /// (overseas Vietnamese): a type rule per region group; 0 (the default) for none.
  public var regionOriginMinimumShare = 0.0
  /// The chance that an expert also fits a second sector.
  public var secondSectorChance = 0.45
  /// The most networks an expert lists.
  public var listLength = 5

  /// Creates the shape for `experts` experts, with every other setting as documented.
  public init(experts: Int) {
    self.experts = experts
  }

  /// The instance for `seed`; the same shape and seed give the same instance.
  public func instance(seed: UInt64) -> Instance {
    var random = SplitMix64(seed: seed)
    let sectorNames = Self.sectors.map(\.name)
    let regionNames = Self.regions.map(\.name)
    let sectorSampler = WeightedSampler(Self.sectors.map(\.popularity))
    let regionSampler = WeightedSampler(Self.regions.map(\.popularity))
    let originSampler = WeightedSampler(origins.map(\.share))
    let width = String(experts).count
    func expertID(_ e: Int) -> String {
      let digits = String(e + 1)
      return "e" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // Experts: one or two sectors, a preferred region, an origin, and a fit per sector.
    var applicants: [Applicant] = []
    var listersOf = [[Int]](repeating: [], count: networks.count)
    // Each listing counts 1/rank towards its network's demand, which sets its capacity.
    var demand = [Double](repeating: 0, count: networks.count)
    var fitOf: [[Double]] = []
    for e in 0..<experts {
      let primary = sectorSampler.sample(&random)
      var sectors = [primary]
      if random.unit() < secondSectorChance {
        let second = sectorSampler.sample(&random)
        if second != primary { sectors.append(second) }
      }
      let home = regionSampler.sample(&random)
      let strength = 0.45 + 0.5 * random.unit()
      // Each acceptable network: the sector's rank first, then the region's distance from home, with noise.
      // Other regions are acceptable with their popularity's chance (home always is).
      let accepts = regionNames.indices.map { $0 == home || random.unit() < Self.regions[$0].popularity * 2 }
      var candidates: [(network: Int, key: Double, fit: Double)] = []
      for (n, network) in networks.enumerated() {
        guard let sectorRank = sectors.firstIndex(where: { sectorNames[$0] == network.sector }) else { continue }
        let region = regionNames.firstIndex(of: network.region) ?? 0
        guard accepts[region] else { continue }
        let distance = Double(abs(region - home))
        let key = Double(sectorRank) * 1.2 + distance * 0.8 + random.unit() * 0.9
        let fit = min(1, max(0, strength - 0.2 * Double(sectorRank) + 0.25 * (random.unit() - 0.5)))
        candidates.append((n, key, (fit * 100).rounded() / 100))
      }
      candidates.sort { ($0.key, $0.network) < ($1.key, $1.network) }
      let listed = candidates.prefix(listLength)
      var fitRow = [Double](repeating: -1, count: networks.count)
      for (rank, candidate) in listed.enumerated() {
        demand[candidate.network] += 1 / Double(rank + 1)
        listersOf[candidate.network].append(e)
        fitRow[candidate.network] = candidate.fit
      }
      fitOf.append(fitRow)
      applicants.append(
        Applicant(
          id: expertID(e), preferences: PreferenceList(strict: listed.map { networks[$0.network].id }),
          type: origins[originSampler.sample(&random)].name))
    }

    // Networks: capacity by popularity, ranking by fit in steps of 0.1.
    let totalSeats = Double(experts) * seatsPerExpert
    let totalDemand = max(1, demand.reduce(0, +))
    var positions: [Position] = []
    var typeQuotas: [TypeQuota] = []
    var scores: [Score] = []
    for (n, network) in networks.enumerated() {
      let byPopularity = totalSeats * demand[n] / totalDemand
      let capacity = max(Int((Double(networkMinimum) * 1.5).rounded(.up)), Int(byPopularity.rounded()))
      let ranked = listersOf[n].sorted { (-fitOf[$0][n], $0) < (-fitOf[$1][n], $1) }
      var tiers: [[String]] = []
      var lastStep = Int.min
      for e in ranked {
        let step = Int((fitOf[e][n] * 10).rounded(.down))
        if step != lastStep { tiers.append([]) }
        tiers[tiers.count - 1].append(expertID(e))
        lastStep = step
      }
      positions.append(
        Position(
          id: network.id, capacity: capacity, minimum: networkMinimum,
          groups: ["sector-\(network.sector)", "region-\(network.region)"],
          preferences: PreferenceList(tiers: tiers)))
      if originShareCap < 1 {
        for origin in origins {
          typeQuotas.append(
            TypeQuota(
              position: network.id, type: origin.name, capacity: Int((Double(capacity) * originShareCap).rounded(.down))
            ))
        }
      }
      for e in listersOf[n] { scores.append(Score(applicant: expertID(e), position: network.id, value: fitOf[e][n])) }
    }

    // Sectors and regions: capacities are their networks' seats; either may ask for more
    // than their networks' minimums.
    func group(_ id: String, of members: [Position], minimumFactor: Double) -> Group? {
      guard !members.isEmpty else { return nil }
      let minimums = members.reduce(0) { $0 + $1.minimum }
      let capacity = members.reduce(0) { $0 + $1.capacity }
      return Group(
        id: id, capacity: capacity, minimum: min(capacity, Int((Double(minimums) * minimumFactor).rounded(.up))))
    }
    let sectorGroups = sectorNames.compactMap { sector in
      group(
        "sector-\(sector)", of: positions.filter { $0.groups.first == "sector-\(sector)" },
        minimumFactor: sectorMinimumFactor)
    }
    let regionGroups = regionNames.compactMap { region in
      group(
        "region-\(region)", of: positions.filter { $0.groups.last == "region-\(region)" },
        minimumFactor: regionMinimumFactor)
    }
    let groups = sectorGroups + regionGroups
    if regionOriginMinimumShare > 0, let origin = origins.first {
      let share = (regionOriginMinimumShare * 10_000).rounded() / 10_000
      for region in regionGroups {
        typeQuotas.append(TypeQuota(group: region.id, type: origin.name, minimumShare: share))
      }
    }
    return Instance(
      name: name, applicants: applicants, positions: positions, groups: groups, typeQuotas: typeQuotas,
      scores: scores)
  }
}
