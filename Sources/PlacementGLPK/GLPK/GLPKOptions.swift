/// How GLPK's branch-and-bound searches and where its log goes. How long it may run and
/// whom it tells are the ``Placement/SolveControl``'s.
///
/// The defaults are GLPK's own (Driebeck–Tomlin branching, best-local-bound backtracking, no
/// cuts), with an exact optimum (`relativeGap` 0).
public struct GLPKOptions: Sendable {
  /// Which fractional variable branch-and-bound branches on.
  public enum Branching: String, Sendable, CaseIterable {
    /// The first fractional variable (`GLP_BR_FFV`).
    case firstFractional = "first-fractional"
    /// The last fractional variable (`GLP_BR_LFV`).
    case lastFractional = "last-fractional"
    /// The most fractional variable (`GLP_BR_MFV`).
    case mostFractional = "most-fractional"
    /// Driebeck and Tomlin's heuristic (`GLP_BR_DTH`), GLPK's default.
    case driebeckTomlin = "driebeck-tomlin"
    /// Hybrid pseudocost branching (`GLP_BR_PCH`): pseudocosts from strong branching on
    /// variables without a history yet.
    case hybridPseudocost = "hybrid-pseudocost"
  }

  /// Which open node branch-and-bound takes next.
  public enum Backtracking: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Depth first (`GLP_BT_DFS`): finds incumbents early.
    case depthFirst
    /// Breadth first (`GLP_BT_BFS`).
    case breadthFirst
    /// The node with the best local bound (`GLP_BT_BLB`), GLPK's default.
    case bestLocalBound
    /// Best projection (`GLP_BT_BPH`).
    case bestProjection

    /// The rule in words ("best local bound").
    public var description: String {
      switch self {
      case .depthFirst: "depth first"
      case .breadthFirst: "breadth first"
      case .bestLocalBound: "best local bound"
      case .bestProjection: "best projection"
      }
    }
  }

  /// Cutting-plane families GLPK may add.
  public struct Cuts: OptionSet, Sendable, Hashable {
    /// The raw bit set, in GLPK shim order.
    public let rawValue: Int32
    /// Creates a set from its raw bits.
    public init(rawValue: Int32) { self.rawValue = rawValue }
    /// Gomory's mixed-integer cuts (`gmi_cuts`).
    public static let gomory = Cuts(rawValue: 1)
    /// Mixed-integer rounding cuts (`mir_cuts`).
    public static let mixedIntegerRounding = Cuts(rawValue: 2)
    /// Mixed cover cuts (`cov_cuts`).
    public static let cover = Cuts(rawValue: 4)
    /// Clique cuts (`clq_cuts`).
    public static let clique = Cuts(rawValue: 8)
    /// Every family of cuts.
    public static let all: Cuts = [.gomory, .mixedIntegerRounding, .cover, .clique]
  }

  /// Stop when the relative gap between incumbent and bound is at most this (GLPK's
  /// `mip_gap`); 0 proves optimality.
  public var relativeGap: Double = 0
  /// The branching rule.
  public var branching: Branching = .driebeckTomlin
  /// The node selection rule.
  public var backtracking: Backtracking = .bestLocalBound
  /// The cuts GLPK generates.
  public var cuts: Cuts = []
  /// Whether GLPK runs its feasibility pump heuristic at the root.
  public var feasibilityPump = false
  /// Whether GLPK runs its proximity search heuristic at the root.
  public var proximitySearch = false
  /// Receives GLPK's terminal output, piece by piece; `nil` keeps GLPK silent.
  public var log: (@Sendable (String) -> Void)?

  /// Creates options with GLPK's defaults and an exact optimum.
  public init(relativeGap: Double = 0) {
    self.relativeGap = relativeGap
  }

  /// Every reason GLPK would reject these options; empty when they are usable.
  func problems() -> [String] {
    var problems: [String] = []
    if !(relativeGap >= 0) || !relativeGap.isFinite {
      problems.append("relative gap \(relativeGap) is not a finite number ≥ 0")
    }
    return problems
  }
}
