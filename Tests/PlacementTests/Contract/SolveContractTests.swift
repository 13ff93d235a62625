import Foundation
import Placement
import PlacementTestSupport
import Testing

/// The solve contract with `Placement` alone (no GLPK): every native strategy on the
/// bundled season, under a deadline and under cancellation.
@Suite struct SolveContractTests {
  /// The bundled season, regenerated from its seed (a test checks the file is exactly this).
  static let season = Fixtures.market(RandomMarket.internshipSeasonInstance(seed: 2026))

  /// The native strategies, by their registry entries' default arguments.
  static let strategies: [any Strategy] = StrategyRegistry.native.entries.map {
    $0.make(StrategyArguments($0.allOptions))
  }

  @Test func everyNativeStrategySolvesTheSeasonWithinADeadline() async throws {
    for strategy in Self.strategies {
      let unlimited = try await strategy.solve(Self.season, control: SolveControl())
      let limited = try await strategy.solve(Self.season, timeLimit: .seconds(600))
      #expect(limited.assignment == unlimited.assignment, "\(strategy.name)")
      #expect(limited.status == unlimited.status && limited.status != .timeLimit, "\(strategy.name)")
      let evaluation = Evaluation(Self.season, limited.assignment)
      #expect(evaluation.isValid && evaluation.matched == 2050, "\(strategy.name): \(evaluation.violations)")
    }
  }

  @Test func aCancelledControlStopsEveryNativeStrategy() async throws {
    for strategy in Self.strategies {
      let control = SolveControl()
      control.cancel()
      await #expect(throws: CancellationError.self, "\(strategy.name)") {
        try await strategy.solve(Self.season, control: control)
      }
    }
  }

  @Test func aCancelledTaskStopsEveryNativeStrategy() async throws {
    for strategy in Self.strategies {
      let task = Task {
        withUnsafeCurrentTask { $0?.cancel() }
        return try await strategy.solve(Self.season, control: SolveControl())
      }
      await #expect(throws: CancellationError.self, "\(strategy.name)") { try await task.value }
    }
  }

  @Test func aPassedDeadlineGivesTimeLimitWithNoPlacement() async throws {
    for strategy in Self.strategies {
      let solution = try await strategy.solve(Self.season, timeLimit: .zero)
      #expect(solution.status == .timeLimit && solution.stop == .timeLimit, "\(strategy.name)")
      #expect(solution.assignment.allSatisfy { $0 < 0 }, "\(strategy.name)")
    }
  }
}
