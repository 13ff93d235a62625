/// A small, fast, seedable random number generator (Steele, Lea and Flood, 2014).
///
/// Every seeded choice in this library uses it, so a seed gives the same result on
/// every platform and release.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator from a seed.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension MutableCollection where Self: RandomAccessCollection, Index == Int {
  /// Shuffles in place with Fisher–Yates driven by `generator` alone, so a seed gives
  /// the same order whatever the standard library's own shuffle does.
  mutating func seededShuffle(using generator: inout SplitMix64) {
    var i = endIndex - 1
    while i > startIndex {
      let j = startIndex + Int(generator.next() % UInt64(i - startIndex + 1))
      swapAt(i, j)
      i -= 1
    }
  }
}
