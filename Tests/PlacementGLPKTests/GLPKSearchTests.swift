import Foundation
import Placement
import PlacementGLPK
import PlacementTestSupport
import Synchronization
import Testing

/// A multi-dimensional knapsack: maximise Σ value·x subject to `rows` weight limits of half
/// the total weight, x binary. 150 × 15 solves in 0.2 s; 250 × 25 is not solved in 20 s.
func knapsack(items: Int, rows: Int, seed: UInt64) -> LinearProgram {
  var generator = SplitMix64(seed: seed)
  var program = LinearProgram(direction: .maximize)
  for _ in 0..<items {
    program.addColumn(objective: Double(Int.random(in: 1...1000, using: &generator)), upper: 1, integer: true)
  }
  for _ in 0..<rows {
    let weights = (0..<items).map { _ in Double(Int.random(in: 1...1000, using: &generator)) }
    program.addRow(
      weights.enumerated().map { ($0.offset, $0.element) }, lower: -.infinity, upper: weights.reduce(0, +) / 2)
  }
  return program
}

/// The resident set size of this process, in bytes (Linux).
func residentBytes() -> Int {
  guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
    let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
  else { return 0 }
  return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Branch-and-bound under limits, cancellation, progress and concurrency.
@Suite struct GLPKSearchTests {
  static let hard = knapsack(items: 250, rows: 25, seed: 7)

  @Test func aTimedOutSearchReturnsItsIncumbentWithABound() async throws {
    let solution = try await GLPKSolver()
      .solve(
        Self.hard, startingFrom: [Double](repeating: 0, count: 250),
        control: SolveControl(timeLimit: .milliseconds(300)))
    #expect(solution.status == .feasible)
    #expect(solution.stop == .timeLimit)
    // GLPK stops within a millisecond before its limit.
    #expect(solution.elapsed >= .milliseconds(290) && solution.elapsed < .seconds(3), "\(solution.elapsed)")
    let objective = try #require(solution.objective)
    let bound = try #require(solution.bound)
    #expect(objective > 0 && bound >= objective)
    #expect(Self.hard.violations(of: solution.values).isEmpty)
  }

  @Test func aCancelledSearchReturnsItsIncumbent() async throws {
    // Cancel from the progress report itself, on the solving thread: a test waiting for
    // the report may not be scheduled for many seconds while other suites keep both
    // cores' tasks busy.
    let running = Mutex<Task<LinearProgramSolution, any Error>?>(nil)
    let task = Task {
      // The clock starts when the task runs, not while it waits for a thread.
      let control = SolveControl(
        progress: { _ in running.withLock { $0?.cancel() } }, progressInterval: .milliseconds(10))
      return try await GLPKSolver().solve(
        Self.hard, startingFrom: [Double](repeating: 0, count: 250), control: control)
    }
    running.withLock { $0 = task }
    let solution = try await task.value
    // Uncancelled, this search runs far past 20 s; the margin absorbs a busy machine.
    #expect(solution.elapsed < .seconds(15))
    #expect(solution.status == .feasible)
    #expect(solution.stop == .cancelled)
    #expect(Self.hard.violations(of: solution.values).isEmpty)
  }

  @Test func progressReportsIncumbentBoundAndNodes() async throws {
    let reports = Mutex<[SolveProgress]>([])
    let control = SolveControl(
      timeLimit: .milliseconds(400), progress: { progress in reports.withLock { $0.append(progress) } },
      progressInterval: .milliseconds(50))
    _ = try await GLPKSolver().solve(Self.hard, control: control)
    let seen = reports.withLock { $0 }
    #expect(seen.count >= 2)
    #expect(seen.contains { $0.incumbent != nil && $0.bound != nil && $0.gap != nil })
    #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.nodes <= $1.nodes })
  }

  @Test func terminalOutputGoesToTheLogNotStdout() async throws {
    let text = Mutex("")
    var options = GLPKOptions()
    options.log = { piece in text.withLock { $0 += piece } }
    _ = try await GLPKSolver(options: options).solve(knapsack(items: 20, rows: 3, seed: 1))
    let log = text.withLock { $0 }
    #expect(log.contains("mip =") && log.contains("obj ="), "\(log)")
  }

  @Test func concurrentMixedSolvesGiveTheSequentialResults() async throws {
    let programs = (0..<24).map { seed in
      seed.isMultiple(of: 3)
        ? chvatalProgram(integer: seed.isMultiple(of: 2)) : knapsack(items: 25 + seed, rows: 4, seed: UInt64(seed))
    }
    var sequential: [Double?] = []
    for program in programs { sequential.append(try await GLPKSolver().solve(program).objective) }
    for _ in 0..<4 {
      let concurrent = try await withThrowingTaskGroup(of: (Int, Double?).self) { group in
        for (index, program) in programs.enumerated() {
          group.addTask { (index, try await GLPKSolver().solve(program).objective) }
        }
        var results = [Double?](repeating: nil, count: programs.count)
        for try await (index, objective) in group { results[index] = objective }
        return results
      }
      #expect(concurrent == sequential)
    }
  }

  @Test func aLoopOfInterruptedSolvesKeepsMemoryFlat() async throws {
    let start = [Double](repeating: 0, count: 250)
    func interruptedSolves(_ count: Int) async throws {
      for round in 0..<count {
        if round.isMultiple(of: 2) {
          let solution = try await GLPKSolver().solve(
            Self.hard, startingFrom: start, control: SolveControl(timeLimit: .milliseconds(15)))
          #expect(solution.status == .feasible)
        } else {
          let task = Task { try await GLPKSolver().solve(Self.hard, startingFrom: start) }
          try await Task.sleep(for: .milliseconds(15))
          task.cancel()
          #expect(try await task.value.status == .feasible)
        }
      }
    }
    try await interruptedSolves(20)
    let before = residentBytes()
    try await interruptedSolves(120)
    let growth = residentBytes() - before
    #expect(growth < 24 << 20, "resident memory grew by \(growth >> 20) MiB over 120 interrupted solves")
  }
}
