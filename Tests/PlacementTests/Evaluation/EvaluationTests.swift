import Foundation
import Placement
import PlacementTestSupport
import Testing

/// Compiles a version-1 instance document from its members.
func market(_ members: String) throws -> Market {
  try Market(compiling: Instance(json: Data(document(members).utf8)))
}

@Suite struct EvaluationTests {
  @Test func freeSeatBlocksAndTiesNeverDo() throws {
    let m = try market(
      #""applicants":[{"id":"a","preferences":[["p","q"],"r"]}],"positions":[{"id":"p","capacity":1},{"id":"q","capacity":1},{"id":"r","capacity":1}]"#
    )
    #expect(Evaluation(m, [2]).blockingPairs == [.init(applicant: 0, position: 0), .init(applicant: 0, position: 1)])
    #expect(Evaluation(m, [0]).blockingPairCount == 0)  // q is tied with p: no block
    #expect(Evaluation(m, [-1]).blockingPairCount == 3)
  }

  @Test func fullPositionBlocksOnlyWhenItStrictlyPrefersTheApplicant() throws {
    let m = try market(
      #""applicants":[{"id":"a","preferences":["p","q"]},{"id":"b","preferences":["p"]},{"id":"c","preferences":["p"]}],"positions":[{"id":"p","capacity":1,"preferences":["a",["b","c"]]},{"id":"q","capacity":1}]"#
    )
    #expect(Evaluation(m, [1, 0, -1]).blockingPairs == [.init(applicant: 0, position: 0)])
    #expect(Evaluation(m, [0, -1, -1]).blockingPairCount == 0)
    #expect(Evaluation(m, [1, 1, -1]).isValid == false)
    // b holds p; c is tied with b, so c does not block.
    #expect(Evaluation(m, [1, 0, -1]).blockingPairs.contains(.init(applicant: 2, position: 0)) == false)
  }

  @Test func fullTypeQuotaComparesWithTheWorstOfThatType() throws {
    let m = try market(
      #"""
      "applicants":[{"id":"a","preferences":["p"],"type":"t"},{"id":"b","preferences":["p"],"type":"t"},
                    {"id":"c","preferences":["p"],"type":"u"}],
      "positions":[{"id":"p","capacity":3,"preferences":["c","a","b"]}],
      "typeQuotas":[{"position":"p","type":"t","capacity":1}]
      """#)
    // b (type t) holds the one t seat; a is better than b: blocks although p has a free seat.
    #expect(Evaluation(m, [-1, 0, 0]).blockingPairs == [.init(applicant: 0, position: 0)])
    #expect(Evaluation(m, [0, -1, 0]).blockingPairCount == 0)
    #expect(Evaluation(m, [0, 0, 0]).violations == ["position \"p\" takes 2 of type \"t\", above its quota 1"])
  }

  @Test func typeRulesBreakValidityAndReachedOnesRefuseFromOutside() throws {
    let m = try market(
      #"""
      "applicants":[{"id":"a","preferences":["p","q"],"type":"t"},{"id":"b","preferences":["q"],"type":"t"},
                    {"id":"c","preferences":["q","p"],"type":"u"},{"id":"d","preferences":["p"],"type":"u"}],
      "positions":[{"id":"p","capacity":2,"group":"g"},{"id":"q","capacity":2,"group":"g"}],
      "groups":[{"id":"g","capacity":4}],
      "typeQuotas":[{"group":"g","type":"t","capacity":1},{"position":"p","type":"u","minimumShare":0.5},
                    {"position":"q","type":"u","maximumShare":0.5}]
      """#)
    // b holds g's one seat of type t: a (outside g) is refused by the reached rule.
    let placed = Evaluation(m, [-1, 1, 1, 0])
    #expect(placed.isValid, "\(placed.violations)")
    #expect(!placed.blockingPairs.contains(.init(applicant: 0, position: 0)))
    #expect(!placed.blockingPairs.contains(.init(applicant: 0, position: 1)))
    // Two of type t in g, and p all type t, q all type u.
    #expect(
      Evaluation(m, [0, 1, 1, -1]).violations == [
        "group \"g\" takes 2 of type \"t\" among 3, above its quota 1",
        "position \"p\" takes 0 of type \"u\" among 1, below its minimum 50% (1 needed)",
      ])
    #expect(
      Evaluation(m, [-1, -1, 1, -1]).violations == [
        "position \"q\" takes 1 of type \"u\" among 1, above its quota 50%"
      ])
    #expect(placed.blockingPairCount == 0)
    // Once b leaves, g's rule has room again and a blocks at p, which has a free seat.
    #expect(Evaluation(m, [-1, -1, 1, 0]).blockingPairs.contains(.init(applicant: 0, position: 0)))
  }

  @Test func fullGroupBlocksOnlyForMovesInsideItOrWhenItPrefersTheApplicant() throws {
    let m = try market(
      #"""
      "applicants":[{"id":"a","preferences":["p","q"]},{"id":"b","preferences":["q"]},{"id":"c","preferences":["p"]}],
      "positions":[{"id":"p","capacity":1,"group":"g"},{"id":"q","capacity":1,"group":["g","h"]}],
      "groups":[{"id":"g","capacity":1},{"id":"h","capacity":1,"preferences":["a","b"]}]
      """#)
    // g is full with a at q: a may move to p inside g, so (a, p) blocks; c cannot enter g.
    #expect(Evaluation(m, [1, -1, -1]).blockingPairs == [.init(applicant: 0, position: 0)])
    // g full with c at p: b wants q, but g has no preferences, so b does not block.
    #expect(Evaluation(m, [-1, -1, 0]).blockingPairCount == 0)
    #expect(Evaluation(m, [0, 1, -1]).violations == ["group \"g\" takes 2, above its capacity 1"])
  }

  @Test func rankingGroupBlocksWhenItPrefersTheApplicantToItsWorst() throws {
    let m = try market(
      #"""
      "applicants":[{"id":"a","preferences":["p"]},{"id":"b","preferences":["q"]}],
      "positions":[{"id":"p","capacity":1,"group":"g"},{"id":"q","capacity":1,"group":"g"}],
      "groups":[{"id":"g","capacity":1,"preferences":["a","b"]}]
      """#)
    #expect(Evaluation(m, [-1, 1]).blockingPairs == [.init(applicant: 0, position: 0)])
    #expect(Evaluation(m, [0, -1]).blockingPairCount == 0)
  }

  @Test func closedPositionsBlockOnlyWhenOneApplicantCouldReopenThem() throws {
    let m = try market(
      #"""
      "applicants":[{"id":"a","preferences":["lab","fab"]}],
      "positions":[{"id":"lab","capacity":2,"minimum":2,"closable":true},{"id":"fab","capacity":1},
                   {"id":"desk","capacity":1,"minimum":1,"closable":true}]
      """#)
    #expect(Evaluation(m, [1]).isStable)
    let n = try market(
      #"""
      "applicants":[{"id":"a","preferences":["desk","fab"]}],
      "positions":[{"id":"fab","capacity":1},{"id":"desk","capacity":1,"minimum":1,"closable":true}]
      """#)
    #expect(Evaluation(n, [0]).blockingPairs == [.init(applicant: 0, position: 1)])
  }

  @Test func reportsInvalidAssignments() throws {
    let m = try market(
      #""applicants":[{"id":"a","preferences":["p"]},{"id":"b","preferences":[]}],"positions":[{"id":"p","capacity":1,"minimum":1},{"id":"q","capacity":1}]"#
    )
    #expect(Evaluation(m, [-1, -1]).violations == ["position \"p\" takes 0, below its minimum 1"])
    #expect(
      Evaluation(m, [0, 1]).violations == ["applicant \"b\" and position \"q\" are not mutually acceptable"])
    #expect(Evaluation(m, [7, -1]).violations.first == "applicant \"a\" has no position 7")
    #expect(Evaluation(m, [0]).violations == ["assignment has 1 applicants; the market has 2"])
  }

  @Test func profileCountsTiersAndScores() throws {
    let m = try market(
      #"""
      "applicants":[{"id":"a","preferences":[["p","q"],"r"]},{"id":"b","preferences":["p","r"]},{"id":"c","preferences":["q"]}],
      "positions":[{"id":"p","capacity":1},{"id":"q","capacity":1},{"id":"r","capacity":1}],
      "scores":[{"applicant":"b","position":"r","value":2.5}]
      """#)
    let evaluation = Evaluation(m, [1, 2, -1])
    #expect(evaluation.matched == 2)
    #expect(evaluation.rankProfile == [1, 1])
    #expect(evaluation.rankSum == 3)
    #expect(evaluation.scoreTotal == 2.5)
    #expect(evaluation.positionFill == [0, 1, 1])
  }
}
