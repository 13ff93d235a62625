import Foundation
import Placement
import PlacementTestSupport
import Synchronization
import Testing

/// Deadlines and cancellation stop the native strategies within about a second on a
/// market of a million applicants, far from the end of their work.
@Suite(.serialized) struct DeadlineTests {
  /// 1,000,000 applicants × 5 choices over 20,000 positions of capacity 1…70, positions
  /// indifferent: a network, so welfare runs by min-cost flow.
  static let million: Market = {
    var shape = RandomMarket(applicants: 1_000_000, positions: 20_000, listLength: 5)
    shape.capacity = 1...70
    shape.positionPreferences = false
    return Fixtures.market(shape.instance(seed: 1))
  }()

  /// The strategies, each solving `million` synchronously on the calling thread, so that
  /// its CPU clock counts their work.
  static var solves: [(name: String, solve: (SolveControl) throws -> Solution)] {
    let market = million  // built here, before any clock starts
    let proposing = DeferredAcceptance()
    let welfare = NetworkWelfare(objective: .rankSum)
    return [
      (proposing.name, { try proposing.solve(market, control: $0) }),
      (welfare.name, { try welfare.solve(market, control: $0) }),
    ]
  }

  /// How much work may follow a stop's request. Counted in the solving thread's CPU time,
  /// which is what a strategy controls: on the wall clock, CI runs measured 6.1 s after a
  /// deadline and 2.8 s after a cancellation for well under a second of work, while the
  /// other suites kept both cores busy. Unstopped, the debug build's welfare takes about
  /// 31 s and deferred acceptance about 4 s, so a missed stop still fails.
  static let slack: Duration = .seconds(2)

  /// The CPU time the thread with CPU clock `clock` has used.
  static func cpuTime(_ clock: clockid_t = CLOCK_THREAD_CPUTIME_ID) -> Duration {
    var now = timespec()
    clock_gettime(clock, &now)
    return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
  }

  @Test func aDeadlineStopsEachStrategyWithinASecond() throws {
    let limit: Duration = .milliseconds(300)
    for (name, solve) in Self.solves {
      let started = Self.cpuTime()
      let solution = try solve(SolveControl(timeLimit: limit))
      let spent = Self.cpuTime() - started
      #expect(spent < limit + Self.slack, "\(name) stopped after \(spent) of CPU time")
      // Stopped mid-way: nothing half-done is offered as a placement.
      #expect(solution.stop == .timeLimit, "\(name): \(solution.status)")
      #expect(solution.status == .timeLimit || solution.status == .feasible, "\(name)")
    }
  }

  /// The network relaxation's bound, which GLPK's searches compute on their own thread
  /// once stopped, honours its control too.
  @Test func theRelaxationBoundHonoursItsControl() {
    let market = Self.million
    let placed = WelfareLevel(name: "placed", sense: .maximize, weight: .one)
    let started = Self.cpuTime()
    let bound = NetworkRelaxation.bound(
      of: market, levels: [placed], level: 0, holding: [], control: SolveControl(timeLimit: .milliseconds(300)))
    let spent = Self.cpuTime() - started
    #expect(bound == nil && spent < .milliseconds(300) + Self.slack, "\(spent) of CPU time")
  }

  /// Cancelled from another thread 300 ms into the solve; the work after it is the
  /// solving thread's CPU time from the cancellation, read through that thread's clock.
  @Test func cancellingTheControlStopsEachStrategyWithinASecond() throws {
    var clock = clockid_t()
    #expect(pthread_getcpuclockid(pthread_self(), &clock) == 0)
    let solvingClock = clock
    for (name, solve) in Self.solves {
      let control = SolveControl()
      let cancelled = Mutex<Duration?>(nil)
      DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
        cancelled.withLock { $0 = Self.cpuTime(solvingClock) }
        control.cancel()
      }
      #expect(throws: CancellationError.self, "\(name)") { try solve(control) }
      let returned = Self.cpuTime()
      let late = try #require(cancelled.withLock { $0 }.map { returned - $0 }, "\(name) ended before 300 ms")
      #expect(late < Self.slack, "\(name) stopped after \(late) of CPU time from the cancellation")
    }
  }
}
