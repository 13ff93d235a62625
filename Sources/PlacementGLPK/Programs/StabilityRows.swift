import Placement

/// The weak-stability constraints of a market, appended to its ``WelfareModel``
/// programme: one row per acceptable pair (a, p) saying that a holds a position at least
/// as good as p, or p's side refuses a, exactly as the instance format defines it
/// (one-to-one, rows that every stable placement meets by a bound are bounds instead).
///
/// p's side refuses a when one of these holds, each a 0/1 column that may be 1 only when
/// its condition does:
/// - p is full of applicants it ranks at least as high as a: `full(p, t) = 1` only if
///   `filled(p, t) ≥ c(p)`, where `filled(p, t)` counts p's placements of its tiers 1…t
///   (needed only when more than c(p) applicants, a included, rank that high: otherwise
///   p is full of them only with a inside); in a one-to-one market `filled(p, t)` itself,
///   binary, with no no-room rows;
/// - a's type quota at p is full of applicants p ranks at least as high as a:
///   `full(s, t) = 1` only if `slotFilled(s, t) ≥ q(s)`;
/// - p and a's type quota have room (`room(p)`, `room(s)`), and some group g of p is
///   full of applicants it ranks at least as high as a (`full(g, t)`, every placement
///   counts when g does not rank) while a is not inside g: `refused(a, g) ≤ full(g, t)`,
///   `refused(a, g) ≤ 1 − Σ_{q ∈ g} x(a, q)`, and `groupRefuses(a, p) ≤ refused(a, g)`
///   summed over p's groups, `≤ room(p)`, `≤ room(s)`;
/// - a type rule over p with an upper limit (``Placement/TypeRule``) has reached a's type
///   while a is not under the rule's holder: `ruleFull(r) = 1` only if
///   `count(r) ≥ capacity(r)`, or only if `count(r) − s·fill(r) ≥ s − 1 + 1/10,000` for
///   its maximum share s (one more of the type, the fill one larger, would break it);
///   `refusedByRule(a, r) ≤ Σ ruleFull(r)`, `≤ 1 − Σ_{q under r} x(a, q)`, and
///   `ruleRefuses(a, p) ≤ Σ refusedByRule(a, r)` over p's rules of a's type;
/// - p is closable with a minimum above 1 and closed: `1 − open(p)`.
///
/// With `atLeast(a, t)` counting a's placements at its tiers 1…t, the row is the cover
/// `atLeast(a, t_a) + full(p, t_p) + full(s, t_p) + groupRefuses(a, p) + ruleRefuses(a, p)
/// + (1 − open(p)) ≥ 1`,
/// the terms present only where they can matter. Projected onto the placements it is
/// Kwanashie and Manlove's (2014) weak-stability row `c(p)·atLeast + filled ≥ c(p)`, with
/// the same LP bound, but branching can then decide whether a position is full of whom.
/// One-to-one, where `filled(p, t)` is the refusal column and counts a's own placement at
/// p, x(a, p) is left out of a written-out `atLeast(a, t_a)` in (a, p)'s row: the comb of
/// ``StabilityCombs`` with S = {a}, a tighter relaxation (a half placement is no longer
/// counted twice), which on one-to-one markets often has a whole optimum;
/// the prefix-count dummies are Delorme et al.'s (2019), which keep the size O(pairs)
/// (one-to-one, an applicant's counts over at most three entries are written out where
/// they are used).
/// No-room rows (`Builder.appendNoRoomRows`) strengthen the relaxation: a position full
/// of its tiers 1…t seats nobody from a later tier.
/// Every helper column is either a prefix count, fixed by an equality row, or as large
/// as its rows allow, which is how ``completing(_:in:)`` extends a placement to the whole
/// column vector.
struct StabilityRows {
  /// Helper columns defined as the largest value their rows allow, with those rows, in
  /// dependency order. Each row reads `k · column + Σ others ≤ upper` with k > 0.
  private var largestAllowed: [(column: Int, rows: [Int])] = []
  /// The comb inequalities of the positions whose only refusal is being full; `nil` for
  /// elastic rows, which they would cut (they hold for stable placements only), and for
  /// one-to-one markets, whose rows imply them.
  private(set) var combs: StabilityCombs?
  /// With elastic rows, each pair's `block_a<i>_p<j>` column: a binary that may be 1 only
  /// when no other term of the pair's row holds, so that, minimised, it is 1 exactly when
  /// the pair blocks. Empty otherwise.
  private(set) var blockingColumn: [Int] = []
  /// The row each blocking column excuses, in pair order.
  private var blockingRow: [Int] = []

  /// Appends the stability constraints of `market` to `program`, which holds the welfare
  /// model's columns (pairs, then the closable positions' `openColumn`s) and rows.
  ///
  /// With `elastic`, each pair's row gets a blocking column (see ``blockingColumn``)
  /// instead of having to hold, and no combs are built; the no-room rows stay, since they
  /// follow from the capacities alone.
  init(appendingTo program: inout LinearProgram, market: Market, openColumn: [Int], elastic: Bool = false) {
    var builder = Builder(program: program)
    defer { program = builder.program }

    let oneToOne = market.isOneToOne
    // atLeast(a, t), per applicant entry: a first choice alone in its tier is its own
    // count, and so, below, is a position's first-ranked applicant (no full column is
    // made for either: with one rival at most, p is full of its tier 1 only with a).
    // One-to-one, the counts of an applicant with at most three entries are written out
    // in the rows that use them: the same programme with a row and a column fewer each,
    // and a faster root LP (measured in the README). Longer lists and many-to-one models
    // keep their columns: written out, their searches were slower.
    // The tier closures capture these arrays: capturing `market` copied it at every call.
    let applicantTier = market.entryApplicantTier
    let positionTier = market.entryPositionTier
    var atLeast = [[Int]](repeating: [], count: market.pairCount)
    for a in 0..<market.applicantCount {
      let entries = Array(market.entries(ofApplicant: a))
      let chain = builder.prefixChain(
        entries: entries, tier: { applicantTier[$0] }, upper: 1,
        name: "atleast_a\(a)", inlineUpTo: Self.writesOutCounts(ofListOf: entries.count, oneToOne: oneToOne) ? 3 : 1)
      for (e, terms) in chain { atLeast[e] = terms }
    }
    // filled(p, t), per pair.
    var filled = [Int](repeating: -1, count: market.pairCount)
    for p in 0..<market.positionCount {
      let entries = market.entries(ofPosition: p).map { Int(market.positionListEntry[$0]) }
      let chain = builder.prefixColumns(
        entries: entries, tier: { positionTier[$0] }, upper: Double(market.positionCapacity[p]),
        name: "filled_p\(p)", ownFirst: true)
      for (e, column) in chain { filled[e] = column }
    }
    // full(s, t) for type quotas that can fill, per pair.
    var slotEntries = [[Int]](repeating: [], count: market.quotaCapacity.count)
    for e in 0..<market.pairCount where market.entryQuotaSlot[e] >= 0 {
      slotEntries[Int(market.entryQuotaSlot[e])].append(e)
    }
    var slotFull = [Int](repeating: -1, count: market.pairCount)
    for (s, entries) in slotEntries.enumerated() where entries.count >= Int(market.quotaCapacity[s]) {
      let chain = builder.prefixColumns(
        entries: entries, tier: { positionTier[$0] }, upper: Double(market.quotaCapacity[s]),
        name: "slotfilled_q\(s)")
      for (e, prefix) in chain {
        slotFull[e] = builder.full(of: prefix, atLeast: Double(market.quotaCapacity[s]), name: "full_q\(s)")
      }
    }
    // Groups: full(g, t) by the group's tiers, refused(a, g), room(p), room(s), groupRefuses(a, p).
    var groupRefuses = [Int](repeating: -1, count: market.pairCount)
    if market.groupCount > 0 {
      var refused: [Int: Int] = [:]  // key a * groupCount + g
      for g in 0..<market.groupCount {
        let entries = market.positions(ofGroup: g).flatMap { p in
          market.entries(ofPosition: Int(p)).map { Int(market.positionListEntry[$0]) }
        }
        guard entries.count >= Int(market.groupCapacity[g]) else { continue }
        let chain = builder.prefixColumns(
          entries: entries, tier: { market.groupTier(g, applicant: Int(market.entryApplicant[$0])) },
          upper: Double(market.groupCapacity[g]), name: "groupfilled_g\(g)")
        for (e, prefix) in chain {
          let full = builder.full(of: prefix, atLeast: Double(market.groupCapacity[g]), name: "full_g\(g)")
          let a = Int(market.entryApplicant[e])
          guard refused[a * market.groupCount + g] == nil else { continue }
          let inside = market.entries(ofApplicant: a).filter { f in
            market.groups(ofPosition: Int(market.entryPosition[f])).contains(Int32(g))
          }
          refused[a * market.groupCount + g] = builder.largest(
            upper: 1, name: "refused_a\(a)_g\(g)",
            rows: [[(full, -1)], inside.map { ($0, 1.0) }], uppers: [0, 1])
        }
      }
      var room: [Int: Int] = [:]  // positions p, slots −1 − s
      func roomColumn(_ key: Int, entries: [Int], capacity: Int32, name: String) -> Int {
        if let column = room[key] { return column }
        let column = builder.largest(
          upper: 1, integer: true, name: name, rows: [entries.map { ($0, 1.0) }], uppers: [Double(capacity)])
        room[key] = column
        return column
      }
      for e in 0..<market.pairCount {
        let p = Int(market.entryPosition[e])
        let a = Int(market.entryApplicant[e])
        let groups = market.groups(ofPosition: p).compactMap { refused[a * market.groupCount + Int($0)] }
        guard !groups.isEmpty else { continue }
        let positionEntries = market.entries(ofPosition: p).map { Int(market.positionListEntry[$0]) }
        var limits: [[(Int, Double)]] = [groups.map { ($0, -1.0) }]
        limits.append([
          (roomColumn(p, entries: positionEntries, capacity: market.positionCapacity[p], name: "room_p\(p)"), -1)
        ])
        let s = Int(market.entryQuotaSlot[e])
        if s >= 0 {
          let column = roomColumn(
            -1 - s, entries: slotEntries[s], capacity: market.quotaCapacity[s], name: "room_q\(s)")
          limits.append([(column, -1)])
        }
        groupRefuses[e] = builder.largest(
          upper: 1, name: "grouprefuses_a\(a)_p\(p)", rows: limits, uppers: [Double](repeating: 0, count: limits.count))
      }
    }
    let ruleRefuses = builder.typeRuleRefusals(market: market)
    // Applicants p ranks at least as high as each pair's applicant, a included.
    var rivals = [Int](repeating: 0, count: market.pairCount)
    for p in 0..<market.positionCount {
      let list = market.entries(ofPosition: p)
      var start = list.lowerBound
      while start < list.upperBound {
        let tier = positionTier[Int(market.positionListEntry[start])]
        var end = start + 1
        while end < list.upperBound && positionTier[Int(market.positionListEntry[end])] == tier { end += 1 }
        for k in start..<end { rivals[Int(market.positionListEntry[k])] = end - list.lowerBound }
        start = end
      }
    }
    // full(p, t): a binary that may be 1 only when p is full of its tiers 1…t, for the
    // pairs where that can happen without a inside: more than c(p) rivals. (When at most
    // c(p) applicants, a included, rank as high as a, p is full of them only with a
    // inside, so one of the other terms must hold.)
    //
    // One-to-one, p is full of its tiers 1…t exactly when `filled(p, t) = 1`, so that
    // prefix count, made binary, is the refusal column itself, and the no-room rows follow
    // from the capacities: the same LP bound from a smaller model. Many-to-one markets
    // keep a `full` column for their one-seat positions too, where the substitution
    // changed the search for the worse (both measured in the README).
    var positionFull = [Int](repeating: -1, count: market.pairCount)
    for e in 0..<market.pairCount where rivals[e] > Int(market.positionCapacity[Int(market.entryPosition[e])]) {
      let p = Int(market.entryPosition[e])
      if oneToOne {
        positionFull[e] = filled[e]
        builder.program.isInteger[filled[e]] = true
      } else {
        positionFull[e] = builder.full(of: filled[e], atLeast: Double(market.positionCapacity[p]), name: "full_p\(p)")
      }
    }
    // One-to-one, when p is the only best choice left to an applicant a that p ranks in
    // its tier t behind a rival, a's row is `filled(p, t) ≥ 1` (a's own placement at p
    // counts there, see below): p is full of its tiers 1…t in every stable placement. So
    // that count and every later one are fixed at 1 and the rows they cover are left
    // out, which GLPK's presolver would do but the root LP's start at the placement skips
    // (elastic rows admit unstable placements, so they keep everything).
    func refusedOnlyWhenFull(_ e: Int) -> Bool {
      let p = Int(market.entryPosition[e])
      return slotFull[e] < 0 && groupRefuses[e] < 0 && ruleRefuses[e] < 0
        && !(market.positionClosable[p] && market.positionMinimum[p] > 1 && openColumn[p] >= 0)
    }
    var fullFromTier = [Int32](repeating: .max, count: market.positionCount)
    if oneToOne && !elastic {
      for e in 0..<market.pairCount where positionFull[e] >= 0 && atLeast[e] == [e] && refusedOnlyWhenFull(e) {
        let p = Int(market.entryPosition[e])
        fullFromTier[p] = min(fullFromTier[p], market.entryPositionTier[e])
      }
      for e in 0..<market.pairCount
      where positionFull[e] >= 0 && market.entryPositionTier[e] >= fullFromTier[Int(market.entryPosition[e])] {
        builder.program.columnLower[positionFull[e]] = 1
      }
    }
    largestAllowed = builder.definitions
    // One-to-one, every comb is a stability row without x(a, p) on its at-least side (see
    // below), or implied by one, so there are none to separate.
    combs = elastic || oneToOne ? nil : StabilityCombs(market: market, atLeast: atLeast, filled: filled)
    if !oneToOne { builder.appendNoRoomRows(market: market, positionFull: positionFull) }

    // Every refusal is a 0/1 column, so each row is a plain cover: at least one holds.
    for e in 0..<market.pairCount {
      let p = Int(market.entryPosition[e])
      if positionFull[e] >= 0 && market.entryPositionTier[e] >= fullFromTier[p] { continue }
      // A pair p takes whatever happens, at a's only best choice: placed in every stable
      // placement, a bound rather than a row.
      if oneToOne && !elastic && positionFull[e] < 0 && atLeast[e] == [e] && refusedOnlyWhenFull(e) {
        builder.program.columnLower[e] = 1
        continue
      }
      if elastic {
        blockingColumn.append(builder.program.addColumn(objective: 0, lower: 0, upper: 1, integer: true))
        builder.program.columnNames.append("block_a\(market.entryApplicant[e])_p\(p)")
        builder.program.appendTerm(column: blockingColumn[e], coefficient: 1)
      }
      // One-to-one, a placed at p fills p with its tiers 1…t (a among them), so
      // `filled(p, t)` covers that case alone and x(a, p) leaves a written-out at-least
      // count (the comb of S = {a}): valid for every placement and tighter, since the
      // relaxation no longer counts a half placement twice. Where the count is a column
      // (longer lists), taking x(a, p) out again (coefficient −1) is as valid, but the
      // root LP from the placement took 9.9 s against 2.6 s at five choices (README).
      let withoutOwn = oneToOne && positionFull[e] >= 0
      for column in atLeast[e] where !(withoutOwn && column == e) {
        builder.program.appendTerm(column: column, coefficient: 1)
      }
      for column in [positionFull[e], slotFull[e], groupRefuses[e], ruleRefuses[e]] where column >= 0 {
        builder.program.appendTerm(column: column, coefficient: 1)
      }
      var lower = 1.0
      if market.positionClosable[p], market.positionMinimum[p] > 1, openColumn[p] >= 0 {
        builder.program.appendTerm(column: openColumn[p], coefficient: -1)
        lower = 0
      }
      builder.program.closeRow(lower: lower, upper: .infinity)
      builder.program.rowNames.append("stable_a\(market.entryApplicant[e])_p\(p)")
      if elastic { blockingRow.append(builder.program.rowCount - 1) }
    }
  }

  /// Whether an applicant's at-least counts over a list of `length` entries are written
  /// out where they are used rather than made columns. Otherwise the count of the whole
  /// list is a column bounded by 1, which makes the applicant's own row redundant.
  static func writesOutCounts(ofListOf length: Int, oneToOne: Bool) -> Bool {
    oneToOne && length <= 3
  }

  /// `values` of the welfare model's columns (a placement), extended with every helper
  /// column: prefix counts from their equality rows, the rest as large as their rows allow,
  /// and each blocking column 1 exactly where its pair blocks.
  func completing(_ values: [Double], in program: LinearProgram) -> [Double] {
    var complete = values + [Double](repeating: 0, count: program.columnCount - values.count)
    // Prefix counts: each is the first term of its defining equality row.
    for i in 0..<program.rowCount where program.rowLower[i] == 0 && program.rowUpper[i] == 0 {
      let start = program.rowStart[i]
      let column = Int(program.rowColumn[start])
      guard column >= values.count else { continue }
      var rest = 0.0
      for k in (start + 1)..<program.rowStart[i + 1] {
        rest += program.rowValue[k] * complete[Int(program.rowColumn[k])]
      }
      complete[column] = -rest
    }
    for (column, rows) in largestAllowed {
      var value = program.columnUpper[column]
      for i in rows {
        var coefficient = 0.0
        var others = 0.0
        for k in program.rowStart[i]..<program.rowStart[i + 1] {
          let c = Int(program.rowColumn[k])
          if c == column { coefficient += program.rowValue[k] } else { others += program.rowValue[k] * complete[c] }
        }
        guard coefficient > 0 else { continue }
        value = min(value, (program.rowUpper[i] - others) / coefficient)
      }
      value = max(0, value)
      complete[column] = program.isInteger[column] ? (value + 1e-9).rounded(.down) : value
    }
    // A blocking column is 1 exactly where the rest of its row leaves it unmet.
    for (column, row) in zip(blockingColumn, blockingRow) {
      var covered = 0.0
      for k in program.rowStart[row]..<program.rowStart[row + 1] where Int(program.rowColumn[k]) != column {
        covered += program.rowValue[k] * complete[Int(program.rowColumn[k])]
      }
      complete[column] = covered >= program.rowLower[row] - 1e-9 ? 0 : 1
    }
    return complete
  }
}

/// Appends helper columns and rows, remembering which columns are "as large as allowed".
private struct Builder {
  var program: LinearProgram
  /// The "as large as allowed" columns, in the order they were made.
  private(set) var definitions: [(column: Int, rows: [Int])] = []
  /// The `full` column of each prefix column that has one.
  private var fullColumn: [Int: Int] = [:]

  init(program: LinearProgram) {
    self.program = program
  }

  /// Prefix counts over `entries` grouped by `tier` (ascending), `prefix(t) = prefix(t − 1)
  /// + Σ x` over tier t: each entry's count as the columns that sum to it. A prefix of at
  /// most `inlineUpTo` entries is those entries' own columns (no column, no row); a longer
  /// one is one column per tier, defined by an equality row.
  mutating func prefixChain(
    entries: [Int], tier: (Int) -> Int32, upper: Double, name: @autoclosure () -> String, inlineUpTo: Int = 0
  ) -> [(entry: Int, terms: [Int])] {
    // Lists come in rank order, so their tiers usually ascend already: sorting (stable,
    // and the tier looked up twice a comparison) took a fifth of building a model.
    let sorted =
      zip(entries, entries.dropFirst()).allSatisfy { tier($0) <= tier($1) }
      ? entries : entries.sorted { tier($0) < tier($1) }
    var result: [(entry: Int, terms: [Int])] = []
    result.reserveCapacity(sorted.count)
    var previous: [Int] = []
    var index = 0
    while index < sorted.count {
      let current = tier(sorted[index])
      var end = index
      while end < sorted.count && tier(sorted[end]) == current { end += 1 }
      var terms = previous + sorted[index..<end]
      if terms.count > inlineUpTo {
        let column = program.addColumn(objective: 0, lower: 0, upper: upper)
        program.columnNames.append("\(name())_t\(current == Int32.max ? "last" : String(current + 1))")
        program.appendTerm(column: column, coefficient: 1)
        for e in terms { program.appendTerm(column: e, coefficient: -1) }
        program.closeRow(lower: 0, upper: 0)
        program.rowNames.append(program.columnNames[column])
        terms = [column]
      }
      for e in sorted[index..<end] { result.append((e, terms)) }
      previous = terms
      index = end
    }
    return result
  }

  /// ``prefixChain(entries:tier:upper:name:inlineUpTo:)`` with every count one column: a
  /// new column per tier, or with `ownFirst` a first tier of one entry that entry's own.
  mutating func prefixColumns(
    entries: [Int], tier: (Int) -> Int32, upper: Double, name: @autoclosure () -> String, ownFirst: Bool = false
  ) -> [(entry: Int, column: Int)] {
    prefixChain(entries: entries, tier: tier, upper: upper, name: name(), inlineUpTo: ownFirst ? 1 : 0).map {
      ($0.entry, $0.terms[0])
    }
  }

  /// The binary that may be 1 only when the prefix count `prefix` is at least
  /// `threshold` (`threshold · b − prefix ≤ 0`), named `<name>_c<prefix>`; made once per
  /// prefix column, whichever pairs ask for it.
  mutating func full(of prefix: Int, atLeast threshold: Double, name: String) -> Int {
    if let column = fullColumn[prefix] { return column }
    let column = largest(
      upper: 1, integer: true, name: "\(name)_c\(prefix)", rows: [[(prefix, -1)]], uppers: [0], coefficient: threshold)
    fullColumn[prefix] = column
    return column
  }

  /// Rows saying that a position full of its tiers 1…t has no seat left for a later tier:
  /// `x(b, p) + full(p, t) ≤ 1` for each b that p ranks below tier t, with t the last
  /// tier before b's that has a `full` column, and `full(p, t) ≤ full(p, t′)` for
  /// consecutive such tiers t < t′.
  ///
  /// Both hold for every placement completed by ``StabilityRows/completing(_:in:)``, where
  /// `full(p, t) = 1` exactly when p's tiers 1…t fill its c(p) seats (so none is left
  /// for later tiers, and every later tier's `full` is 1 as well), so they remove no
  /// stable placement. The LP relaxation has only `c(p) · full(p, t) ≤ filled(p, t)` and
  /// p's capacity, which leave `x(b, p)` up to `c(p) · (1 − full(p, t))`: a position 99%
  /// full could still seat a later applicant whole. At 5,000 applicants with 20% ties
  /// the rows take the LP bound from 4,635.7 to 4,592.1 (the optimum is 4,575).
  mutating func appendNoRoomRows(market: Market, positionFull: [Int]) {
    for p in 0..<market.positionCount {
      var lastFull = -1
      for tier in market.entryTiers(ofPosition: p) {
        if lastFull >= 0 {
          for e in tier {
            program.addRow([(e, 1), (lastFull, 1)], lower: -.infinity, upper: 1)
            program.rowNames.append("noroom_a\(market.entryApplicant[e])_p\(p)")
          }
        }
        // A tier's entries share one `full` column (or none): it belongs to the tier's prefix.
        let full = positionFull[tier[0]]
        guard full >= 0 else { continue }
        if lastFull >= 0 {
          program.addRow([(lastFull, 1), (full, -1)], lower: -.infinity, upper: 0)
          program.rowNames.append("fullorder_p\(p)_c\(full)")
        }
        lastFull = full
      }
    }
  }

  /// Each pair's `ruleRefuses(a, p)` column (see ``StabilityRows``), or −1 where no type
  /// rule with an upper limit covers p for a's type.
  mutating func typeRuleRefusals(market: Market) -> [Int] {
    var ruleRefuses = [Int](repeating: -1, count: market.pairCount)
    guard market.typeRules.contains(where: \.hasUpperLimit) else { return ruleRefuses }
    var refusedByRule: [Int64: Int] = [:]  // key a << 32 | r
    for (r, rule) in market.typeRules.enumerated() where rule.hasUpperLimit {
      let entries = market.positions(ofTypeRule: r).flatMap { p in
        market.entries(ofPosition: Int(p)).map { Int(market.positionListEntry[$0]) }
      }
      let typed = entries.filter { market.applicantType[Int(market.entryApplicant[$0])] == rule.type }
      guard !typed.isEmpty else { continue }
      var fulls: [Int] = []
      if rule.capacity < .max {
        fulls.append(
          largest(
            upper: 1, integer: true, name: "rulefull_r\(r)_cap", rows: [typed.map { ($0, -1.0) }], uppers: [0],
            coefficient: Double(rule.capacity)))
      }
      if rule.maximumShare < TypeRule.wholeShare {
        let whole = Double(TypeRule.wholeShare)
        let share = Double(rule.maximumShare) / whole
        let holderCapacity =
          rule.position >= 0 ? market.positionCapacity[Int(rule.position)] : market.groupCapacity[Int(rule.group)]
        let largestFill = Double(min(Int(holderCapacity), entries.count))
        // s·fill − count ≤ s·F always; with ruleFull = 1 it must be ≤ −(s − 1 + 1/W).
        let big = share * largestFill + share - 1 + 1 / whole
        let terms = entries.map { e in
          (e, share - (market.applicantType[Int(market.entryApplicant[e])] == rule.type ? 1 : 0))
        }
        fulls.append(
          big <= 0
            ? largest(upper: 1, integer: true, name: "rulefull_r\(r)_share", rows: [], uppers: [])
            : largest(
              upper: 1, integer: true, name: "rulefull_r\(r)_share", rows: [terms], uppers: [share * largestFill],
              coefficient: big))
      }
      var insideOf: [Int32: [Int]] = [:]
      for e in typed { insideOf[market.entryApplicant[e], default: []].append(e) }
      for (a, inside) in insideOf.sorted(by: { $0.key < $1.key }) {
        refusedByRule[Int64(a) << 32 | Int64(r)] = largest(
          upper: 1, name: "refused_a\(a)_r\(r)", rows: [fulls.map { ($0, -1.0) }, inside.map { ($0, 1.0) }],
          uppers: [0, 1])
      }
    }
    for e in 0..<market.pairCount {
      let a = Int(market.entryApplicant[e])
      let refusals = market.typeRules(coveringPosition: Int(market.entryPosition[e])).compactMap {
        refusedByRule[Int64(a) << 32 | Int64($0)]
      }
      guard !refusals.isEmpty else { continue }
      ruleRefuses[e] =
        refusals.count == 1
        ? refusals[0]
        : largest(
          upper: 1, name: "rulerefuses_a\(a)_p\(market.entryPosition[e])", rows: [refusals.map { ($0, -1.0) }],
          uppers: [0])
    }
    return ruleRefuses
  }

  /// A column at most `upper` with rows `coefficient · column + Σ terms ≤ uppers[i]`.
  mutating func largest(
    upper: Double, integer: Bool = false, name: String, rows: [[(Int, Double)]], uppers: [Double],
    coefficient: Double = 1
  ) -> Int {
    let column = program.addColumn(objective: 0, lower: 0, upper: upper, integer: integer)
    program.columnNames.append(name)
    var rowIndices: [Int] = []
    for (terms, bound) in zip(rows, uppers) {
      program.appendTerm(column: column, coefficient: coefficient)
      for (c, value) in terms { program.appendTerm(column: c, coefficient: value) }
      program.closeRow(lower: -.infinity, upper: bound)
      program.rowNames.append("\(name)_\(rowIndices.count + 1)")
      rowIndices.append(program.rowCount - 1)
    }
    definitions.append((column, rowIndices))
    return column
  }
}
