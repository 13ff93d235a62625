import Logging
import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

/// What a solve logs through its control's logger: every strategy logs how it ended and
/// never above `debug`; GLPK's programmes log the model, the root bound and each better
/// incumbent, and at `trace` GLPK's own output, in whole lines.
@Suite struct SolveLogTests {
  @Test(arguments: 1...20)
  func everyStrategyLogsHowItEndedAndNothingAboveDebug(seed: UInt64) async throws {
    let instance = OverridesTests.instance(seed: seed, features: seed % 2 == 0)
    let market = Fixtures.market(instance)
    for entry in StrategyRegistry.all.entries where entry.refusals(of: market).isEmpty {
      let log = RecordingLog()
      let arguments = try StrategyRegistry.all.arguments(for: entry.name, from: [])
      let control = SolveControl(logger: log.logger(level: .trace))
      let solution = try await entry.make(arguments).solve(market, control: control)
      let records = log.records
      let loud = records.filter { $0.level > .debug }
      #expect(loud.isEmpty, "seed \(seed) \(entry.name): \(loud.map(\.message))")
      let ending = "\(entry.name): \(solution.status.rawValue)"
      let last = records.last { $0.level == .debug }?.message ?? ""
      #expect(last.hasPrefix(ending), "seed \(seed) \(entry.name): \(records.map(\.message))")
    }
  }

  @Test func aProgrammeLogsItsModelRootBoundIncumbentAndEnd() async throws {
    var shape = RandomMarket(applicants: 40, positions: 8, listLength: 3)
    shape.capacity = 1...3
    let market = Fixtures.market(shape.instance(seed: 7))
    let log = RecordingLog()
    let solution = try await WelfareProgram(objective: .rankSum, method: .glpk).solve(
      market, control: SolveControl(logger: log.logger(level: .debug)))
    #expect(solution.status == .optimal)
    let messages = log.records.map(\.message)
    #expect(messages.contains { $0.contains(": model of ") && $0.contains(" rows, ") }, "\(messages)")
    #expect(messages.contains { $0.contains(": root LP bound ") }, "\(messages)")
    #expect(messages.contains { $0.contains(": incumbent ") }, "\(messages)")
    let objective = Int(solution.objective ?? -1)
    #expect(messages.last == messages.last { $0.hasPrefix("welfare: optimal, rank sum \(objective),") }, "\(messages)")
    #expect(!messages.contains { $0.hasPrefix("glpk: ") })
  }

  @Test func traceAddsGLPKsOwnOutputInWholeLines() async throws {
    var shape = RandomMarket(applicants: 40, positions: 8, listLength: 3)
    shape.capacity = 1...3
    let market = Fixtures.market(shape.instance(seed: 8))
    let log = RecordingLog()
    _ = try await WelfareProgram(objective: .rankSum, method: .glpk).solve(
      market, control: SolveControl(logger: log.logger(level: .trace)))
    let glpk = log.records.filter { $0.message.hasPrefix("glpk: ") }
    #expect(!glpk.isEmpty)
    #expect(glpk.allSatisfy { $0.level == .trace && !$0.message.contains("\n") })
    #expect(glpk.contains { $0.message.contains("obj =") }, "\(glpk.map(\.message))")
  }

  @Test func aControlWithoutALoggerOrBelowItsLevelLogsNothing() async throws {
    let market = Fixtures.market(RandomMarket(applicants: 20, positions: 5, listLength: 3).instance(seed: 3))
    let log = RecordingLog()
    _ = try await WelfareProgram(objective: .rankSum).solve(
      market, control: SolveControl(logger: log.logger(level: .info)))
    #expect(log.records.isEmpty)
    #expect(SolveControl().logger.handler is SwiftLogNoOpLogHandler)
  }

  @Test func theRepairLogsItsRounds() async throws {
    let (before, previous, after) = ResolveTests.season(seed: 5)
    let start = ResolveTests.carried(previous, from: before, to: after)
    let log = RecordingLog()
    _ = try StableRepair().solve(after, from: start, control: SolveControl(logger: log.logger(level: .debug)))
    #expect(log.records.contains { $0.message.hasPrefix("repair: stable after ") }, "\(log.records.map(\.message))")
  }
}
