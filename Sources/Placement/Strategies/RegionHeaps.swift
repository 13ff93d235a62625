/// Max-heaps of items by key, one per owner, in flat arrays: the worst assignee of
/// each position (or type-quota slot) in O(1), insert and remove in O(log capacity).
///
/// Each item (an applicant–position entry) is in at most one heap at a time.
struct RegionHeaps {
  /// Where each owner's region starts; an owner's heap holds at most its capacity.
  private let regionStart: [Int]
  /// The number of items in each owner's heap.
  private(set) var size: [Int32]
  private var items: [Int32]
  /// Where each item sits in `items`, or −1.
  private var slotOfItem: [Int32]

  /// Creates empty heaps with the given capacities for items `0 ..< itemCount`.
  init(capacities: [Int32], itemCount: Int) {
    var starts = [Int](repeating: 0, count: capacities.count + 1)
    for (owner, capacity) in capacities.enumerated() { starts[owner + 1] = starts[owner] + Int(capacity) }
    regionStart = starts
    size = [Int32](repeating: 0, count: capacities.count)
    items = [Int32](repeating: -1, count: starts[capacities.count])
    slotOfItem = [Int32](repeating: -1, count: itemCount)
  }

  /// The item with the largest key in `owner`'s heap; the heap must not be empty.
  func top(_ owner: Int) -> Int {
    Int(items[regionStart[owner]])
  }

  /// Adds `item` to `owner`'s heap, which must have room.
  mutating func insert(_ item: Int, owner: Int, keys: [Int64]) {
    let base = regionStart[owner]
    let index = Int(size[owner])
    size[owner] += 1
    siftUp(item, from: index, base: base, keys: keys)
  }

  /// Removes `item`, which must be in `owner`'s heap.
  mutating func remove(_ item: Int, owner: Int, keys: [Int64]) {
    let base = regionStart[owner]
    let index = Int(slotOfItem[item]) - base
    slotOfItem[item] = -1
    size[owner] -= 1
    let lastIndex = Int(size[owner])
    guard index != lastIndex else { return }
    let last = Int(items[base + lastIndex])
    if index > 0, keys[last] > keys[Int(items[base + (index - 1) / 2])] {
      siftUp(last, from: index, base: base, keys: keys)
    } else {
      siftDown(last, from: index, count: lastIndex, base: base, keys: keys)
    }
  }

  /// The items in `owner`'s heap, in heap order.
  func members(_ owner: Int) -> ArraySlice<Int32> {
    items[regionStart[owner]..<regionStart[owner] + Int(size[owner])]
  }

  private mutating func siftUp(_ item: Int, from start: Int, base: Int, keys: [Int64]) {
    var index = start
    let key = keys[item]
    while index > 0 {
      let parentIndex = (index - 1) / 2
      let parent = Int(items[base + parentIndex])
      guard keys[parent] < key else { break }
      items[base + index] = Int32(parent)
      slotOfItem[parent] = Int32(base + index)
      index = parentIndex
    }
    items[base + index] = Int32(item)
    slotOfItem[item] = Int32(base + index)
  }

  private mutating func siftDown(_ item: Int, from start: Int, count: Int, base: Int, keys: [Int64]) {
    var index = start
    let key = keys[item]
    while true {
      var child = 2 * index + 1
      guard child < count else { break }
      if child + 1 < count, keys[Int(items[base + child + 1])] > keys[Int(items[base + child])] {
        child += 1
      }
      let childItem = Int(items[base + child])
      guard keys[childItem] > key else { break }
      items[base + index] = Int32(childItem)
      slotOfItem[childItem] = Int32(base + index)
      index = child
    }
    items[base + index] = Int32(item)
    slotOfItem[item] = Int32(base + index)
  }
}
