import Foundation
import Placement

/// libFuzzer's entry: every input must end in a clean `ValidationError` or in a market on
/// which the native strategies run and `Evaluation` finds their placements valid.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInstanceReader(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  checkInstance(Data(bytes: start, count: count))
  return 0
}

func checkInstance(_ data: Data) {
  guard let instance = try? Instance(json: data), let market = try? Market(compiling: instance) else { return }
  // What the writer writes, the reader reads back to the same instance.
  guard (try? Instance(json: Data(instance.jsonBytes()))) == instance else {
    fatalError("round trip changed the instance")
  }
  // Each strategy runs where the registry says it can honour the market's features;
  // a placement it does not call infeasible must be valid.
  var solutions: [Solution?] = []
  if StrategyEntry.deferredAcceptance.refusals(of: market).isEmpty {
    solutions.append(try? DeferredAcceptance().solve(market))
  }
  if StrategyEntry.stableApproximation.refusals(of: market).isEmpty {
    solutions.append(try? StableApproximation().solve(market))
  }
  if StrategyEntry.networkWelfare.refusals(of: market).isEmpty, market.welfareNetworkObstacles.isEmpty {
    // Scores at the bounds the format allows must not overflow the flow: it solves or
    // throws `WelfareError.costsTooLarge`.
    for objective in market.hasScores ? [nil, WelfareObjective.scores] : [nil] {
      solutions.append(try? NetworkWelfare(objective: objective).solve(market))
    }
  }
  for case let solution? in solutions where solution.status != .infeasible {
    let evaluation = Evaluation(market, solution.assignment)
    guard evaluation.isValid else { fatalError("a strategy's placement is invalid: \(evaluation.violations)") }
  }
}

#if !FUZZING
  /// Without libFuzzer: runs the target over the files named, to replay a crash.
  @main struct ReplayInstanceReader {
    static func main() throws {
      for path in CommandLine.arguments.dropFirst() {
        checkInstance(try Data(contentsOf: URL(fileURLWithPath: path)))
        print("\(path): ok")
      }
    }
  }
#endif
