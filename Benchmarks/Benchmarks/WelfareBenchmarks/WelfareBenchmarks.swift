import Benchmark
import Placement
import PlacementGLPK

/// `applicants` × 20 choices over applicants / 50 positions of capacity 1…70, positions
/// indifferent; `closures` gives 30% of positions a minimum they may close instead.
func market(applicants: Int, closures: Bool = false) -> Market {
  var shape = RandomMarket(applicants: applicants, positions: max(applicants / 50, 20), listLength: 20)
  shape.capacity = 1...70
  shape.positionPreferences = false
  if closures {
    shape.minimumShare = 0.3
    shape.closableShare = 1
  }
  // The generated instance is valid by construction.
  return try! Market(compiling: shape.instance(seed: 1))  // swift-format-ignore: NeverUseForceTry
}

/// `applicants` applicants and as many positions of capacity 1, three choices each, ties
/// 0.7 on both sides: the one-to-one shape whose max-stable model is rebuilt every solve.
func oneToOneMarket(applicants: Int) -> Market {
  var shape = RandomMarket(applicants: applicants, positions: applicants, listLength: 3)
  shape.capacity = 1...1
  shape.tieDensity = 0.7
  shape.correlation = 0
  // The generated instance is valid by construction.
  return try! Market(compiling: shape.instance(seed: 1))  // swift-format-ignore: NeverUseForceTry
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(20), maxIterations: 10)

  // The hot loops of MinCostFlow (cost scaling) through the public strategy.
  for (label, count) in [("10k", 10_000), ("100k", 100_000)] {
    for objective in [WelfareObjective.rankSum, .rankMaximal] {
      Benchmark("Welfare/flow/applicants:\(label)/list:20/objective:\(objective.rawValue)") { benchmark, market in
        for _ in benchmark.scaledIterations {
          blackHole(try await WelfareProgram(objective: objective, method: .minCostFlow).solve(market))
        }
      } setup: {
        market(applicants: count)
      }
    }
  }
  // GLPK branch-and-bound on a model with closures (not a network).
  Benchmark("Welfare/glpk/applicants:1k/list:20/closures") { benchmark, market in
    for _ in benchmark.scaledIterations {
      blackHole(try await WelfareProgram(method: .glpk).solve(market))
    }
  } setup: {
    market(applicants: 1_000, closures: true)
  }
  // What max-stable does before GLPK sees its model: preprocessing and the stability rows.
  Benchmark("MaxStable/model/applicants:3k/list:3/ties:70%/one-to-one") { benchmark, market in
    for _ in benchmark.scaledIterations {
      blackHole(MaxStableProgram().model(of: market))
    }
  } setup: {
    oneToOneMarket(applicants: 3_000)
  }
}
