import Benchmark
import Foundation
import Placement

/// The benchmark market of a size: `applicants` × 20 choices over applicants / 50
/// positions of capacity 1…70, indifferent positions (the ~200 MB-per-million file
/// shape of issue 2).
func benchmarkShape(applicants: Int) -> RandomMarket {
  var shape = RandomMarket(applicants: applicants, positions: max(applicants / 50, 20), listLength: 20)
  shape.capacity = 1...70
  shape.positionPreferences = false
  return shape
}

let sizes = [(label: "10k", count: 10_000), (label: "100k", count: 100_000), (label: "1M", count: 1_000_000)]

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(10), maxIterations: 20)

  for size in sizes {
    Benchmark(
      "Reader/applicants:\(size.label)/list:20",
      configuration: .init(maxIterations: size.count >= 1_000_000 ? 3 : 20)
    ) { benchmark, json in
      for _ in benchmark.scaledIterations {
        blackHole(try? Instance(json: json))
      }
    } setup: {
      Data(benchmarkShape(applicants: size.count).instance(seed: 1).jsonBytes())
    }

    Benchmark(
      "Compile/applicants:\(size.label)/list:20",
      configuration: .init(maxIterations: size.count >= 1_000_000 ? 3 : 20)
    ) { benchmark, instance in
      for _ in benchmark.scaledIterations {
        blackHole(try? Market(compiling: instance))
      }
    } setup: {
      benchmarkShape(applicants: size.count).instance(seed: 1)
    }
  }
}
