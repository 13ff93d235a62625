// swift-tools-version: 6.1
// A nested package, so the root package never resolves the benchmark tool.
// Run: swift package --package-path Benchmarks benchmark
import PackageDescription

let package = Package(
  name: "PlacementBenchmarks",
  dependencies: [
    .package(name: "Placement", path: ".."),
    // The default trait pulls a package this machine's mirror lacks; malloc counting needs only this one.
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "MarketBenchmarks",
      dependencies: [
        .product(name: "Placement", package: "Placement"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/MarketBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "StrategyBenchmarks",
      dependencies: [
        .product(name: "Placement", package: "Placement"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/StrategyBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "WelfareBenchmarks",
      dependencies: [
        .product(name: "Placement", package: "Placement"),
        .product(name: "PlacementGLPK", package: "Placement"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/WelfareBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ]
)
