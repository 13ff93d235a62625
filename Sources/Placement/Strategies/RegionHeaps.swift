/// Max-heaps of items by key, one per owner, in flat arrays: the worst holder of each
/// position (or type-quota slot) in O(1), insert, replace-top and remove in O(log capacity).
///
/// Each item (an id below `itemCount`, such as an entry) is stored with its applicant,
/// so a caller evicting the top needs no lookup. Keys are stored beside the items, so a sift touches one contiguous region. Removing
/// an arbitrary item needs to know where it sits; that bookkeeping (one `Int32` per
/// possible item) is kept only when `tracksItems` is set.
struct RegionHeaps {
  /// Where each owner's region starts; an owner's heap holds at most its capacity.
  private let regionStart: [Int]
  /// The number of items in each owner's heap.
  private(set) var size: [Int32]
  /// Item (low half) and applicant (high half) of each heap node.
  private var items: [UInt64]
  private var keys: [Int64]
  /// Where each item sits in `items`, or −1; empty unless items are tracked.
  private var slotOfItem: [Int32]

  /// Creates empty heaps with the given capacities for items `0 ..< itemCount`.
  init(capacities: [Int32], itemCount: Int, tracksItems: Bool) {
    var starts = [Int](repeating: 0, count: capacities.count + 1)
    for (owner, capacity) in capacities.enumerated() { starts[owner + 1] = starts[owner] + Int(capacity) }
    regionStart = starts
    size = [Int32](repeating: 0, count: capacities.count)
    items = [UInt64](repeating: 0, count: starts[capacities.count])
    keys = [Int64](repeating: 0, count: starts[capacities.count])
    slotOfItem = tracksItems ? [Int32](repeating: -1, count: itemCount) : []
  }

  /// The most items `owner`'s heap holds.
  func capacity(_ owner: Int) -> Int32 {
    Int32(regionStart[owner + 1] - regionStart[owner])
  }

  /// The item with the largest key in `owner`'s heap, and its applicant; the heap must
  /// not be empty.
  func top(_ owner: Int) -> (item: Int, applicant: Int) {
    let item = items[regionStart[owner]]
    return (Int(item & 0xFFFF_FFFF), Int(item >> 32))
  }

  /// The largest key in `owner`'s heap; the heap must not be empty.
  func topKey(_ owner: Int) -> Int64 {
    keys[regionStart[owner]]
  }

  /// Adds `item` of `applicant` with `key` to `owner`'s heap, which must have room.
  mutating func insert(_ item: Int, applicant: Int, key: Int64, owner: Int) {
    let index = Int(size[owner])
    size[owner] += 1
    siftUp(UInt64(item) | UInt64(applicant) << 32, key, from: index, base: regionStart[owner])
  }

  /// Replaces the top of `owner`'s heap by `item` of `applicant` with `key`.
  mutating func replaceTop(_ item: Int, applicant: Int, key: Int64, owner: Int) {
    let base = regionStart[owner]
    if !slotOfItem.isEmpty { slotOfItem[Int(items[base] & 0xFFFF_FFFF)] = -1 }
    siftDown(UInt64(item) | UInt64(applicant) << 32, key, from: 0, count: Int(size[owner]), base: base)
  }

  /// Removes `item`, which must be in `owner`'s heap; needs `tracksItems`.
  mutating func remove(_ item: Int, owner: Int) {
    let base = regionStart[owner]
    let index = Int(slotOfItem[item]) - base
    slotOfItem[item] = -1
    size[owner] -= 1
    let lastIndex = Int(size[owner])
    guard index != lastIndex else { return }
    let last = items[base + lastIndex]
    let lastKey = keys[base + lastIndex]
    if index > 0, lastKey > keys[base + (index - 1) / 2] {
      siftUp(last, lastKey, from: index, base: base)
    } else {
      siftDown(last, lastKey, from: index, count: lastIndex, base: base)
    }
  }

  /// The items and applicants in `owner`'s heap, in heap order.
  func members(_ owner: Int) -> LazyMapSequence<ArraySlice<UInt64>, (item: Int, applicant: Int)> {
    items[regionStart[owner]..<regionStart[owner] + Int(size[owner])].lazy.map {
      (Int($0 & 0xFFFF_FFFF), Int($0 >> 32))
    }
  }

  /// Each of `applicants` applicants' owner (for position heaps, its position), or −1 when
  /// no heap holds it.
  func ownerOfEachApplicant(_ applicants: Int) -> [Int32] {
    var owner = [Int32](repeating: -1, count: applicants)
    for heap in size.indices {
      for holder in members(heap) { owner[holder.applicant] = Int32(heap) }
    }
    return owner
  }

  private mutating func siftUp(_ item: UInt64, _ key: Int64, from start: Int, base: Int) {
    var index = start
    while index > 0 {
      let parentIndex = (index - 1) / 2
      let parentKey = keys[base + parentIndex]
      guard parentKey < key else { break }
      move(from: base + parentIndex, to: base + index)
      index = parentIndex
    }
    place(item, key, at: base + index)
  }

  private mutating func siftDown(_ item: UInt64, _ key: Int64, from start: Int, count: Int, base: Int) {
    var index = start
    while true {
      var child = 2 * index + 1
      guard child < count else { break }
      if child + 1 < count, keys[base + child + 1] > keys[base + child] { child += 1 }
      guard keys[base + child] > key else { break }
      move(from: base + child, to: base + index)
      index = child
    }
    place(item, key, at: base + index)
  }

  private mutating func move(from source: Int, to target: Int) {
    items[target] = items[source]
    keys[target] = keys[source]
    if !slotOfItem.isEmpty { slotOfItem[Int(items[target] & 0xFFFF_FFFF)] = Int32(target) }
  }

  private mutating func place(_ item: UInt64, _ key: Int64, at target: Int) {
    items[target] = item
    keys[target] = key
    if !slotOfItem.isEmpty { slotOfItem[Int(item & 0xFFFF_FFFF)] = Int32(target) }
  }
}
