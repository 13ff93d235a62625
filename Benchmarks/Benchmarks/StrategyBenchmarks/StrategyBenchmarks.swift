import Benchmark
import Placement

/// `applicants` × 20 choices over applicants / 50 positions of capacity 1…70; positions
/// rank their applicants (strict) or are indifferent (`ranked: false`).
/// With `ties`, that share of entries on both sides is tied with the one before.
func market(applicants: Int, ranked: Bool, ties: Double = 0) -> Market {
  var shape = RandomMarket(applicants: applicants, positions: max(applicants / 50, 20), listLength: 20)
  shape.capacity = 1...70
  shape.positionPreferences = ranked
  shape.tieDensity = ties
  // The generated instance is valid by construction.
  return try! Market(compiling: shape.instance(seed: 1))  // swift-format-ignore: NeverUseForceTry
}

/// A market with an assignment to evaluate.
struct Solved {
  var market: Market
  var assignment: [Int32]
}

let sizes = [(label: "10k", count: 10_000), (label: "100k", count: 100_000), (label: "1M", count: 1_000_000)]

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(10), maxIterations: 30)

  for size in sizes {
    for ranked in [false, true] {
      let positions = ranked ? "ranked" : "indifferent"
      Benchmark("DeferredAcceptance/applicants:\(size.label)/list:20/positions:\(positions)") { benchmark, market in
        for _ in benchmark.scaledIterations {
          blackHole(try DeferredAcceptance().solve(market))
        }
      } setup: {
        market(applicants: size.count, ranked: ranked)
      }
    }
    Benchmark("DeferredAcceptance/applicants:\(size.label)/list:20/positions:ranked/proposer:positions") {
      benchmark, market in
      for _ in benchmark.scaledIterations {
        blackHole(try DeferredAcceptance(proposing: .positions).solve(market))
      }
    } setup: {
      market(applicants: size.count, ranked: true)
    }
    Benchmark("StableApproximation/applicants:\(size.label)/list:20/ties:20%") { benchmark, market in
      for _ in benchmark.scaledIterations {
        blackHole(try StableApproximation().solve(market))
      }
    } setup: {
      market(applicants: size.count, ranked: true, ties: 0.2)
    }
    Benchmark("DeferredAcceptance/applicants:\(size.label)/list:20/ties:20%/tie-break:single") { benchmark, market in
      for _ in benchmark.scaledIterations {
        blackHole(try DeferredAcceptance(tieBreaking: .single).solve(market, control: SolveControl(seed: 1)))
      }
    } setup: {
      market(applicants: size.count, ranked: true, ties: 0.2)
    }
    Benchmark("Evaluation/applicants:\(size.label)/list:20") { benchmark, input in
      for _ in benchmark.scaledIterations {
        blackHole(Evaluation(input.market, input.assignment))
      }
    } setup: { () -> Solved in
      let market = market(applicants: size.count, ranked: true)
      return Solved(market: market, assignment: try DeferredAcceptance().solve(market).assignment)
    }
  }
}
