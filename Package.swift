// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "Placement",
  products: [
    .library(name: "Placement", targets: ["Placement"]),
    .library(name: "PlacementGLPK", targets: ["PlacementGLPK"]),
    .library(name: "PlacementBench", targets: ["PlacementBench"]),
    .executable(name: "placement", targets: ["PlacementCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    // MARK: - Public API
    // swift-log's API only: a service routes the solve's log through the handler it bootstraps.
    .target(
      name: "Placement", dependencies: [.product(name: "Logging", package: "swift-log")],
      swiftSettings: swiftSettings),
    .target(
      name: "PlacementGLPK",
      dependencies: ["Placement", "CGLPK", "CGLPKShims"],
      swiftSettings: swiftSettings),
    // The bench harness's records, sweeps, tables and reports: what `placement bench`
    // writes, as a library so that its statistics and files are tested directly.
    .target(
      name: "PlacementBench",
      dependencies: ["Placement", .product(name: "CSV", package: "CSV.swift")],
      swiftSettings: swiftSettings),
    // Spreadsheets in and out: an instance from an operator's CSV sheets, results as
    // CSV placements and rosters.
    .target(
      name: "PlacementSheets",
      dependencies: ["Placement", .product(name: "CSV", package: "CSV.swift")],
      swiftSettings: swiftSettings),
    // The season report: one self-contained HTML page for the people a placement concerns.
    .target(
      name: "PlacementReport",
      dependencies: ["Placement"],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "PlacementCLI",
      dependencies: [
        "Placement", "PlacementGLPK", "PlacementBench", "PlacementSheets", "PlacementReport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Subprocess", package: "swift-subprocess"),
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),

    // MARK: - Implementation details
    // Debian's libglpk-dev ships no glpk.pc, so no pkgConfig: the modulemap links "glpk".
    .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
    // The only C in the products: GLPK calls wrapped in setjmp so that glp_error returns
    // instead of aborting, and the branch-and-bound callback's trampolines to Swift.
    .target(name: "CGLPKShims", dependencies: ["CGLPK"], linkerSettings: [.linkedLibrary("glpk")]),

    // MARK: - Fuzz targets
    // libFuzzer entries for the two readers; without -DFUZZING each replays the files it
    // is given. See "Fuzzing" in the README for the command that runs them.
    .executableTarget(
      name: "fuzz-instance-reader", dependencies: ["Placement"], path: "Fuzz/InstanceReader",
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "fuzz-result-reader", dependencies: ["Placement"], path: "Fuzz/ResultReader",
      swiftSettings: swiftSettings),

    // MARK: - Tests
    .target(
      name: "PlacementTestSupport",
      dependencies: ["Placement", .product(name: "Logging", package: "swift-log")],
      path: "Tests/PlacementTestSupport",
      swiftSettings: swiftSettings),
    .testTarget(
      name: "PlacementTests",
      dependencies: ["Placement", "PlacementTestSupport"],
      swiftSettings: swiftSettings),
    // GLPK misused on purpose, for the tests of the guard; never in a product.
    .target(name: "CGLPKTestShims", dependencies: ["CGLPKShims"], path: "Tests/CGLPKTestShims"),
    .testTarget(
      name: "PlacementGLPKTests",
      dependencies: [
        "PlacementGLPK", "Placement", "PlacementTestSupport", "CGLPKShims", "CGLPKTestShims",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "PlacementBenchTests",
      dependencies: ["PlacementBench", "Placement", "PlacementTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "PlacementSheetsTests",
      dependencies: ["PlacementSheets", "Placement", "PlacementTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "PlacementCLITests",
      dependencies: [
        "PlacementCLI", "Placement", "PlacementBench", "PlacementTestSupport",
        .product(name: "CSV", package: "CSV.swift"),
      ],
      swiftSettings: swiftSettings),
  ]
)
