import Foundation
import PlacementBench
import Testing

@Suite("Sweep plans: generator specs, strategy specs, shards")
struct SweepPlanTests {
  @Test("a generator spec names every combination, the first key slowest, aliases expanded")
  func generatorSpecExpands() throws {
    let spec = try GeneratorSpec(
      parsing: "gen:applicants=1000..100000*10,ties=0.5..0.9+0.2,seed=1..2,indifferent-positions")
    #expect(spec.members.count == 3 * 3 * 2)
    #expect(spec.members[0].source == "gen:applicants=1000,ties=0.5,seed=1,indifferent-positions")
    #expect(
      spec.members[0].arguments == [
        "--applicants", "1000", "--tie-density", "0.5", "--seed", "1", "--indifferent-positions",
      ])
    #expect(spec.members.last?.source == "gen:applicants=100000,ties=0.9,seed=2,indifferent-positions")
    #expect(
      spec.members.map { $0.arguments[3] }
        == Array(repeating: ["0.5", "0.5", "0.7", "0.7", "0.9", "0.9"], count: 3).flatMap { $0 })
    let alternatives = try GeneratorSpec(parsing: "gen:preset=internship-season|expert-network,seed=3")
    #expect(
      alternatives.members.map(\.source) == ["gen:preset=internship-season,seed=3", "gen:preset=expert-network,seed=3"])
  }

  @Test("a value may be an earlier key's divided or multiplied; a flag is given by true and left out by false")
  func expressionsAndFlags() throws {
    let spec = try GeneratorSpec(
      parsing: "gen:indifferent-positions=true|false,applicants=1000..100000*10,positions=applicants/50,ties=0.2")
    #expect(spec.members.count == 6)
    #expect(
      spec.members[2].arguments == [
        "--indifferent-positions", "--applicants", "100000", "--positions", "2000", "--tie-density", "0.2",
      ])
    #expect(spec.members[3].arguments == ["--applicants", "1000", "--positions", "20", "--tie-density", "0.2"])
    #expect(spec.members[3].source == "gen:indifferent-positions=false,applicants=1000,positions=20,ties=0.2")
  }

  @Test("a family is a generator spec without its seed, or a folder's files of one size")
  func families() {
    func facts(_ source: String, _ applicants: Int = 10) -> InstanceFacts {
      InstanceFacts(
        source: source, name: "", applicants: applicants, positions: 1, groups: 0, pairs: 0, seats: 0, applicantTies: 0,
        positionTies: 0, features: [])
    }
    #expect(facts("gen:applicants=1000,seed=3,ties=0.5").family == "applicants=1000,ties=0.5")
    #expect(facts("gen:seed=3").family == "generated")
    #expect(facts("data/smti/i-17.txt", 100).family == "data/smti/ · 100 applicants")
    #expect(facts("glasgow-smti:data/i-3.txt", 50).family == "glasgow-smti:data/ · 50 applicants")
    #expect(facts("season.json", 3000).family == "./ · 3000 applicants")
  }

  @Test(
    "a bad range names the spec and the value",
    arguments: ["gen:seed=5..1", "gen:applicants=10..100*1", "gen:seed=1..x", "gen:=3"])
  func badRangesAreRefused(_ text: String) {
    #expect(throws: BenchError.self) { try GeneratorSpec(parsing: text) }
    do {
      _ = try GeneratorSpec(parsing: text)
    } catch {
      #expect(error.description.hasPrefix(text))
    }
  }

  @Test("a strategy spec gives solve's options, and a list refuses a strategy named twice")
  func strategySpecs() throws {
    let spec = try StrategySpec(parsing: "max-stable:time-limit=60:no-preprocessing")
    #expect(spec.name == "max-stable")
    #expect(spec.arguments == ["--time-limit", "60", "--no-preprocessing"])
    #expect(spec.timeLimit == 60)
    #expect(spec.sets("time-limit") && !spec.sets("gap"))
    #expect(
      try StrategySpec.list(parsing: "deferred-acceptance,welfare:objective=generous").map(\.name) == [
        "deferred-acceptance", "welfare",
      ])
    #expect(throws: BenchError.self) { try StrategySpec.list(parsing: "welfare,welfare") }
    #expect(throws: BenchError.self) { try StrategySpec(parsing: ":gap=1") }
  }

  @Test("the shards of a sweep hold every run exactly once, for every shard count")
  func shardsPartitionTheRuns() throws {
    let plan = try Self.plan(repeats: 3)
    #expect(plan.runs.count == 3 * 2 * 3)
    for count in 1...7 {
      let shards = try (1...count).map { try plan.runs(in: Shard(parsing: "\($0)/\(count)")).map(\.index) }
      #expect(shards.flatMap { $0 }.sorted() == Array(0..<plan.runs.count))
      #expect(shards.map(\.count).max()! - shards.map(\.count).min()! <= 1)
    }
    for bad in ["0/2", "3/2", "1/0", "a/b", "1"] {
      #expect(throws: BenchError.self) { try Shard(parsing: bad) }
    }
  }

  @Test("a sweep's identity depends on what decides its outcomes, and on nothing else")
  func identity() throws {
    let base = try Self.plan(repeats: 2).identity
    #expect(try Self.plan(repeats: 2).identity == base)
    #expect(try Self.plan(repeats: 3).identity != base)
    #expect(try Self.plan(repeats: 2, timeLimit: 5).identity != base)
    #expect(try Self.plan(repeats: 2, strategies: "deferred-acceptance").identity != base)
  }

  static func plan(repeats: Int, timeLimit: Double? = nil, strategies: String = "deferred-acceptance,stable-approx")
    throws -> SweepPlan
  {
    try SweepPlan(
      strategies: StrategySpec.list(parsing: strategies),
      instances: InstanceSource.resolve("gen:applicants=10,seed=1..3"), repeats: repeats, timeLimit: timeLimit)
  }

  @Test("an external solver is named solver/model and takes only a time limit")
  func externalSolvers() throws {
    let highs = try #require(try ExternalSolver(StrategySpec(parsing: "highs/max-stable:time-limit=60")))
    #expect(highs.solver == "highs" && highs.model == "max-stable" && highs.timeLimit == 60)
    #expect(try ExternalSolver(StrategySpec(parsing: "max-stable:time-limit=60")) == nil)
    let glpsol = try #require(try ExternalSolver(StrategySpec(parsing: "glpsol/max-stable")))
    #expect(glpsol.solver == "glpsol" && glpsol.model == "max-stable" && glpsol.timeLimit == nil)
    #expect(
      glpsol.script(besides: "/x/bin/placement", environment: ["PLACEMENT_SCRIPTS": "/s"]) == "/s/glpsol-solve.py")
    #expect(
      highs.arguments(script: "s.py", placement: "bin", instance: "i.json", timeLimit: 5, output: "r", usage: "u")
        == [
          "s.py", "--placement", "bin", "--instance", "i.json", "--model", "max-stable", "--time-limit", "60.0",
          "--output", "r", "--usage-output", "u",
        ])
    for (text, message) in [
      ("cplex/max-stable", "unknown external solver \"cplex\""), ("highs/fastest", "unknown model \"fastest\""),
      ("glpsol/welfare", "unknown model \"welfare\" for glpsol; its models are max-stable"),
      ("highs/max-stable:gap=0.1", "takes only time-limit"),
    ] {
      #expect(throws: BenchError.self, "\(text)") { try ExternalSolver(StrategySpec(parsing: text)) }
      do {
        _ = try ExternalSolver(StrategySpec(parsing: text))
      } catch {
        #expect(error.description.contains(message), "\(error.description)")
      }
    }
  }
}
