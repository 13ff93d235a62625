import Foundation
import Placement
import PlacementTestSupport
import Testing

/// Seeds for mutating a valid instance file into malformed ones.
let mutationSeeds = Array(UInt64(1)...1500)

@Suite struct MalformedInputTests {
  /// A small valid instance with every feature of the format.
  static let valid: [UInt8] = {
    Fixtures.everyFeatureShape(applicants: 6, positions: 3, listLength: 2) {
      $0.typeQuotaShare = 1
      $0.minimumShare = 0.5
    }.instance(seed: 3).jsonBytes()
  }()

  /// Replacement bytes that make interesting JSON: structure, quotes, digits, signs.
  static let alphabet = Array(#"{}[]",:-0123456789eE.tfnul\ "#.utf8) + [0x00, 0xFF, 0x0A]

  @Test(arguments: mutationSeeds)
  func mutatedFilesAreReportedNeverCrash(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var bytes = Self.valid
    for _ in 0..<(1 + Int(random.next() % 4)) {
      let position = Int(random.next() % UInt64(bytes.count))
      switch random.next() % 4 {
      case 0: bytes[position] = Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))]
      case 1: bytes.remove(at: position)
      case 2: bytes.insert(Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))], at: position)
      default: bytes.removeSubrange(position...)
      }
      if bytes.isEmpty { break }
    }
    // Whatever the bytes, reading and compiling either succeed or throw with issues;
    // a market that compiles solves and evaluates.
    do {
      let instance = try Instance(json: Data(bytes))
      let market = try Market(compiling: instance)
      for proposer in DeferredAcceptance.Proposer.allCases {
        let solution = try DeferredAcceptance(proposing: proposer).solve(market)
        _ = Evaluation(market, solution.assignment)
      }
    } catch let error as ValidationError {
      #expect(!error.issues.isEmpty)
      #expect(error.issues.allSatisfy { !$0.message.isEmpty })
    } catch {
      Issue.record(error)
    }
  }

  @Test func hugeQuotasAreRejectedOrHandledWithoutExhaustingMemory() throws {
    let text = document(
      #"""
      "applicants":[{"id":"a","preferences":["p"]}],
      "positions":[{"id":"p","capacity":2147483647,"group":"g"},{"id":"q","capacity":99999999999}],
      "groups":[{"id":"g","capacity":2147483647}],
      "typeQuotas":[{"position":"p","type":"t","capacity":2147483647}]
      """#)
    let instance = try Instance(json: Data(text.utf8))
    #expect(
      instance.validationIssues().map(\.description) == [
        "positions[1].capacity: capacity 99999999999 is above the largest, 2147483647"
      ])
    var fixed = instance
    fixed.positions.removeLast()
    let market = try Market(compiling: fixed)
    #expect(try DeferredAcceptance().solve(market).assignment == [0])
    #expect(try DeferredAcceptance(proposing: .positions).solve(market).assignment == [0])
  }
}
