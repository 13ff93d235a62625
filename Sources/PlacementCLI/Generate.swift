import ArgumentParser
import Foundation
import Placement

extension PlacementCommand {
  /// `placement generate`: writes a seeded random instance.
  struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a seeded random instance; the same options and seed give the same file.",
      discussion: """
        --preset internship-season makes the shape of the bundled Hoa Lac season \
        (3,000 students, 8 universities, 60 hosts, about 400 posts); --preset \
        expert-network makes the shape of the bundled talent networks (--experts experts, \
        16 networks in 7 sectors and 3 regions, minimums of 100, origin caps, fit scores). \
        With a preset, other options are ignored except --seed, --experts, --network-minimum, \
        --sector-minimum-factor, --region-overseas-share and --output.
        """)

    /// Ready-made shapes.
    enum Preset: String, ExpressibleByArgument, CaseIterable {
      case internshipSeason = "internship-season"
      case expertNetwork = "expert-network"
    }

    @Option(help: "A ready-made shape.")
    var preset: Preset?

    @Option(help: "The number of applicants.")
    var applicants = 100

    @Option(help: "The number of experts, for --preset expert-network.")
    var experts = 2_400

    @Option(help: "Every network's minimum, for --preset expert-network.")
    var networkMinimum = 100

    @Option(
      help: "Each sector's minimum as a multiple of its networks' minimums, for --preset expert-network (0: none).")
    var sectorMinimumFactor = 0.0

    @Option(
      help:
        "The smallest share of each region's experts that are overseas Vietnamese, for --preset expert-network (0: none)."
    )
    var regionOverseasShare = 0.0

    @Option(help: "The number of positions.")
    var positions = 10

    @Option(help: "How many positions each applicant lists.")
    var listLength = 5

    @Option(help: "The smallest position capacity.")
    var minCapacity = 1

    @Option(help: "The largest position capacity.")
    var maxCapacity = 3

    @Option(help: "The chance (0–1) that an entry is tied with the one before it.")
    var tieDensity = 0.0

    @Option(help: "Whose lists have ties: both, applicants or positions.")
    var tiedSides = TiedSides.both

    @Option(help: "How much lists agree, from 0 (independent) to 1 (one common ranking).")
    var correlation = 0.5

    @Flag(help: "Positions are indifferent (write no position preferences).")
    var indifferentPositions = false

    @Option(help: "The number of groups positions are spread over.")
    var groups = 0

    @Option(help: "A group's capacity as a share of its members' seats.")
    var groupCapacityShare = 0.8

    @Flag(help: "Groups rank applicants (positions in them follow the group's ranking).")
    var groupPreferences = false

    @Option(help: "The number of groups in a second family crossing the first (regions across sectors).")
    var crossingGroups = 0

    @Option(help: "The share of groups with a minimum.")
    var groupMinimumShare = 0.0

    @Option(help: "The number of applicant types (named t0, t1, …).")
    var types = 0

    @Option(help: "The share of positions with a quota per type.")
    var typeQuotaShare = 0.0

    @Option(help: "The share of positions with a minimum.")
    var minimumShare = 0.0

    @Option(help: "The share of positions with a minimum that may close.")
    var closableShare = 0.0

    @Option(help: "The share of pairs given a score.")
    var scoreShare = 0.0

    @Option(help: "The instance name.")
    var name = "random"

    @Option(help: "The seed.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Where to write the instance (stdout without it).")
    var output: String?

    func validate() throws {
      guard applicants >= 0, positions >= 1, listLength >= 0 else {
        throw ValidationError("--applicants and --list-length must be at least 0, --positions at least 1")
      }
      guard minCapacity >= 1, maxCapacity >= minCapacity else {
        throw ValidationError("capacities need 1 <= --min-capacity <= --max-capacity")
      }
      for (flag, value) in [
        ("--tie-density", tieDensity), ("--correlation", correlation), ("--group-capacity-share", groupCapacityShare),
        ("--type-quota-share", typeQuotaShare), ("--minimum-share", minimumShare),
        ("--closable-share", closableShare), ("--score-share", scoreShare),
        ("--group-minimum-share", groupMinimumShare), ("--region-overseas-share", regionOverseasShare),
      ] where !(0...1).contains(value) {
        throw ValidationError("\(flag) must be between 0 and 1, not \(value)")
      }
      guard (0...1_000_000).contains(networkMinimum) else {
        throw ValidationError("--network-minimum must be from 0 to 1000000, not \(networkMinimum)")
      }
      guard (0...10).contains(sectorMinimumFactor) else {
        throw ValidationError("--sector-minimum-factor must be from 0 to 10, not \(sectorMinimumFactor)")
      }
      guard (1...10_000_000).contains(experts) else {
        throw ValidationError("--experts must be from 1 to 10000000, not \(experts)")
      }
      guard groups >= 0, types >= 0, crossingGroups >= 0 else {
        throw ValidationError("--groups, --crossing-groups and --types must be at least 0")
      }
    }

    func run() async throws {
      let target = try OutputTarget(output ?? "-", notOver: [])
      let instance = makeInstance()
      let bytes = instance.jsonBytes()
      try await target.write(bytes)
      if let output {
        report("wrote \(output): \(instance.applicants.count) applicants, \(instance.positions.count) positions")
      }
    }

    /// The instance these options and seed describe (the same each time).
    func makeInstance() -> Instance {
      if preset == .internshipSeason {
        return RandomMarket.internshipSeasonInstance(seed: seed)
      } else if preset == .expertNetwork {
        var shape = TalentNetworks(experts: experts)
        shape.networkMinimum = networkMinimum
        shape.sectorMinimumFactor = sectorMinimumFactor
        shape.regionOriginMinimumShare = regionOverseasShare
        if experts != 2_400 { shape.name = "talent-networks-\(experts)" }
        if networkMinimum != 100 { shape.name += "-minimum-\(networkMinimum)" }
        if sectorMinimumFactor > 0 { shape.name += "-sectors-\(sectorMinimumFactor)" }
        if regionOverseasShare > 0 { shape.name += "-overseas-\(regionOverseasShare)" }
        return shape.instance(seed: seed)
      } else {
        var shape = RandomMarket(applicants: applicants, positions: positions, listLength: listLength)
        shape.name = name
        shape.capacity = minCapacity...maxCapacity
        shape.tieDensity = tieDensity
        shape.tiedSides = tiedSides
        shape.correlation = correlation
        shape.positionPreferences = !indifferentPositions
        shape.groups = groups
        shape.groupCapacityShare = groupCapacityShare
        shape.groupPreferences = groupPreferences
        shape.crossingGroups = crossingGroups
        shape.groupMinimumShare = groupMinimumShare
        shape.typeNames = (0..<types).map { "t\($0)" }
        shape.typeQuotaShare = typeQuotaShare
        shape.minimumShare = minimumShare
        shape.closableShare = closableShare
        shape.scoreShare = scoreShare
        return shape.instance(seed: seed)
      }
    }
  }
}

extension TiedSides: ExpressibleByArgument {}
