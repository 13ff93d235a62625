import Placement

extension Market {
  /// Whether every position has one seat: the stability programme and its root LP take
  /// a one-to-one shape of their own there.
  var isOneToOne: Bool { positionCapacity.allSatisfy { $0 == 1 } }
}
