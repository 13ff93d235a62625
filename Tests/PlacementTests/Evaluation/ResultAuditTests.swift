import Foundation
import Placement
import PlacementTestSupport
import Testing

@Suite struct ResultAuditTests {
  /// Every native strategy's result file, on random markets with every feature, passes
  /// its own audit; so a discrepancy always means a file was changed.
  @Test(arguments: 1...40)
  func everyStrategysOwnResultHoldsAllItsClaims(seed: UInt64) async throws {
    let market = Fixtures.market(
      Fixtures.everyFeatureShape(applicants: 12, positions: 4, listLength: 3).instance(seed: seed))
    let registry = StrategyRegistry.native
    for entry in registry.entries where entry.refusals(of: market).isEmpty {
      let arguments = try registry.arguments(for: entry.name, from: [])
      let solution = try await entry.make(arguments).solve(market, control: SolveControl())
      let evaluation = Evaluation(market, solution.assignment)
      let bytes = solution.resultJSON(
        market: market, strategy: entry.name, parameters: arguments.parameters(for: market), evaluation: evaluation)
      let audit = try ResultAudit(market, resultJSON: Data(bytes))
      #expect(audit.discrepancies.isEmpty, "\(entry.name), seed \(seed): \(audit.discrepancies)")
      #expect(audit.assignment == solution.assignment)
    }
  }

  /// A market with every feature and minimums on a share `minimumShare` of positions,
  /// deferred acceptance's solution of it, its evaluation and its result file.
  static func resultOfDeferredAcceptance(minimumShare: Double) throws -> (
    market: Market, solution: Solution, evaluation: Evaluation, text: String
  ) {
    let market = Fixtures.market(
      Fixtures.everyFeatureShape(applicants: 12, positions: 4, listLength: 3) { $0.minimumShare = minimumShare }
        .instance(seed: 5))
    let solution = try DeferredAcceptance().solve(market)
    let evaluation = Evaluation(market, solution.assignment)
    let text = String(
      decoding: solution.resultJSON(market: market, strategy: "deferred-acceptance", evaluation: evaluation),
      as: UTF8.self)
    return (market, solution, evaluation, text)
  }

  /// A result whose claims were edited names each edited claim, and only those.
  @Test func editedClaimsAreNamedByFieldPath() throws {
    let (market, solution, evaluation, text) = try Self.resultOfDeferredAcceptance(minimumShare: 0)
    let unplaced = market.applicantIDs[solution.assignment.firstIndex(of: -1)!]
    let edited =
      text
      .replacingOccurrences(of: #""version":1"#, with: #""version":3"#)
      .replacingOccurrences(of: #""status":"optimal""#, with: #""status":"perfect""#)
      .replacingOccurrences(of: #""matched":\#(evaluation.matched)"#, with: #""matched":\#(evaluation.matched + 1)"#)
      .replacingOccurrences(of: #""unassigned":["#, with: #""unassigned":["ghost","\#(unplaced)","#)
    let audit = try ResultAudit(market, resultJSON: Data(edited.utf8))
    #expect(
      audit.discrepancies.map(\.path.description).sorted() == [
        "metrics.matched", "status", "unassigned[0]", "unassigned[2]", "version",
      ])
  }

  /// The fill of every minimum and the placed count of every type are claims too: the
  /// result writes them from the assignment and an edited one is named.
  @Test func minimumsAndTypeFillAreWrittenAndAudited() throws {
    let (market, _, evaluation, text) = try Self.resultOfDeferredAcceptance(minimumShare: 1)
    let p = try #require((0..<market.positionCount).first { market.positionMinimum[$0] > 0 })
    let entry =
      #"{"id":"\#(market.positionIDs[p])","kind":"position","minimum":\#(market.positionMinimum[p]),"#
      + #""placed":\#(evaluation.positionFill[p])}"#
    let type = #""\#(market.typeNames[0])":\#(evaluation.typeFill[0].placed)"#
    #expect(text.contains(entry) && text.contains(type), "\(text)")
    let edited =
      text
      .replacingOccurrences(of: entry, with: entry.replacingOccurrences(of: #""placed":"#, with: #""placed":9"#))
      .replacingOccurrences(of: type, with: #""\#(market.typeNames[0])":99"#)
    let audit = try ResultAudit(market, resultJSON: Data(edited.utf8))
    #expect(audit.discrepancies.map(\.path.description).sorted() == ["metrics.minimums", "metrics.placedByType"])
  }

  /// A type rule's minimum is written with its type and the count the fill needs, and a
  /// false count is named.
  @Test func typeMinimumsAreWrittenAndAudited() throws {
    var instance = Fixtures.everyFeatureShape(applicants: 12, positions: 4, listLength: 3).instance(seed: 5)
    instance.typeQuotas.append(TypeQuota(group: instance.groups[0].id, type: "u", minimumShare: 0.5))
    let market = Fixtures.market(instance)
    let solution = Solution(assignment: [Int32](repeating: -1, count: market.applicantCount), status: .feasible)
    let evaluation = Evaluation(market, solution.assignment)
    let text = String(
      decoding: solution.resultJSON(market: market, strategy: "welfare", evaluation: evaluation), as: UTF8.self)
    let entry = #"{"id":"\#(instance.groups[0].id)","kind":"group","minimum":0,"placed":0,"type":"u"}"#
    #expect(text.contains(entry), "\(text)")
    let edited = text.replacingOccurrences(
      of: entry, with: entry.replacingOccurrences(of: #""placed":0"#, with: #""placed":2"#))
    let audit = try ResultAudit(market, resultJSON: Data(edited.utf8))
    #expect(audit.discrepancies.map(\.path.description) == ["metrics.minimums"])
  }
}

/// The `seed` field: a whole number, checked by type.
@Suite struct ResultSeedTests {
  @Test func aSeedIsRecordedAndAudited() throws {
    let market = Fixtures.market(RandomMarket(applicants: 6, positions: 3, listLength: 2).instance(seed: 1))
    let solution = try DeferredAcceptance().solve(market)
    let bytes = solution.resultJSON(
      market: market, strategy: "deferred-acceptance", evaluation: Evaluation(market, solution.assignment), seed: 42)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("\n\"seed\":42,\n"))
    #expect(try ResultAudit(market, resultJSON: Data(bytes)).discrepancies.isEmpty)
    let bad = Data(text.replacingOccurrences(of: "\"seed\":42", with: "\"seed\":-1.5").utf8)
    #expect(try ResultAudit(market, resultJSON: bad).discrepancies.map(\.path.description) == ["seed"])
  }
}
