import Placement

/// Comb inequalities for the stability rows: valid for every weakly stable placement,
/// much tighter than the rows' LP relaxation, and too many to write down, so they are
/// found where a fractional point violates them (separated).
///
/// Take a position p whose only refusal is being full (no groups, type quotas or
/// closure), a tier t of p's list and any set S of c(p) applicants that p ranks in its
/// tiers 1…t. Either p is full of its tiers 1…t, and then `filled(p, t) = c(p)`, or
/// every b in S would block with p unless b holds a position it likes at least as much
/// as p, so `atLeast(b, p) = 1` for all c(p) of them. Counting the members of S placed at
/// p once, both cases give
///
///     Σ_{b ∈ S} atLeast(b, p) + Σ_{b ∉ S, tier ≤ t} x(b, p) ≥ c(p),
///
/// the many-to-one comb of Baïou and Balinski's stable admissions polytope, with ties.
/// The LP relaxation of the cover rows lets p be "a little full" of applicants who sit
/// there fractionally for lack of better; a comb over those applicants cuts that off.
/// The most violated comb of (p, t) takes as S the c(p) applicants with the least
/// `atLeast(b, p) − x(b, p)` (placements strictly away from p at positions b likes as
/// much), which one sort finds.
struct StabilityCombs {
  /// One tier of a position eligible for combs: its entries and `filled(p, t)`'s column.
  struct Tier {
    var entries: [Int]
    var filled: Int
  }

  /// The eligible positions' capacities and tiers, best first.
  private var positions: [(capacity: Int, tiers: [Tier])] = []
  /// The columns summing to `atLeast(a, p)`, for each entry (a, p).
  private let atLeast: [[Int]]

  /// Collects the positions of `market` that refuse only when full, given the `atLeast`
  /// and `filled` prefix columns of every entry.
  init(market: Market, atLeast: [[Int]], filled: [Int]) {
    self.atLeast = atLeast
    for p in 0..<market.positionCount where market.refusesOnlyWhenFull(position: p) {
      let capacity = Int(market.positionCapacity[p])
      let tiers = market.entryTiers(ofPosition: p)
      guard tiers.reduce(0, { $0 + $1.count }) > capacity else { continue }
      positions.append((capacity, tiers.map { Tier(entries: $0, filled: filled[$0[0]]) }))
    }
  }

  /// A separator that hands GLPK the violated combs at every node.
  func separator() -> CutSeparator {
    CutSeparator { violated(by: $0) }
  }

  /// The combs that `values` violates by more than `margin`, the most violated one per
  /// position, as cuts.
  func violated(by values: [Double], margin: Double = 0.05) -> [Cut] {
    var cuts: [Cut] = []
    var away: [(value: Double, entry: Int)] = []
    for (capacity, tiers) in positions {
      away.removeAll(keepingCapacity: true)
      var best: (slack: Double, tier: Int, members: [Int])?
      for (t, tier) in tiers.enumerated() {
        for e in tier.entries { away.append((atLeast[e].reduce(-values[e]) { $0 + values[$1] }, e)) }
        guard away.count > capacity else { continue }
        away.sort { $0.value < $1.value }
        let slack = away[0..<capacity].reduce(values[tier.filled]) { $0 + $1.value } - Double(capacity)
        if slack < -margin && slack < best?.slack ?? 0 {
          best = (slack, t, away[0..<capacity].map(\.entry))
        }
      }
      guard let best else { continue }
      var terms: [(column: Int, coefficient: Double)] = [(tiers[best.tier].filled, 1)]
      // `atLeast(b, p) − x(b, p)`: an inlined count holds x(b, p) itself, which cancels.
      for e in best.members {
        terms += atLeast[e].lazy.filter { $0 != e }.map { ($0, 1) }
        if !atLeast[e].contains(e) { terms.append((e, -1)) }
      }
      cuts.append(Cut(terms: terms, lower: Double(capacity)))
    }
    return cuts
  }
}
