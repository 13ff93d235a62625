import Foundation
import Placement

/// The market every fuzzed result is read against: the corpus's small instance, with
/// groups, ties, a type and a score.
let market: Market = {
  let text = """
    {"format": "placement-instance", "version": 1, "name": "corpus",
     "applicants": [{"id": "a1", "preferences": ["p1", "p2"], "type": "x"},
                    {"id": "a2", "preferences": [["p1", "p2"]]}, {"id": "a3", "preferences": ["p2"]}],
     "positions": [{"id": "p1", "capacity": 1, "group": "g", "preferences": ["a2", "a1"]},
                   {"id": "p2", "capacity": 2, "group": "g"}],
     "groups": [{"id": "g", "capacity": 2}],
     "scores": [{"applicant": "a1", "position": "p1", "value": 2.5}]}
    """
  guard let instance = try? Instance(json: Data(text.utf8)), let market = try? Market(compiling: instance) else {
    fatalError("the fuzz target's own instance does not compile")
  }
  return market
}()

/// libFuzzer's entry: every input must end in a clean `ValidationError` or an audit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResultReader(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  checkResult(Data(bytes: start, count: count))
  return 0
}

func checkResult(_ data: Data) {
  guard let audit = try? ResultAudit(market, resultJSON: data) else { return }
  guard audit.assignment.count == market.applicantCount else { fatalError("the audit lost applicants") }
}

#if !FUZZING
  /// Without libFuzzer: runs the target over the files named, to replay a crash.
  @main struct ReplayResultReader {
    static func main() throws {
      for path in CommandLine.arguments.dropFirst() {
        checkResult(try Data(contentsOf: URL(fileURLWithPath: path)))
        print("\(path): ok")
      }
    }
  }
#endif
