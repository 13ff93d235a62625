/// Memory that holds a copy of an array until the next copy or the end of its owner.
final class OwnedBuffer<Element> {
  private var pointer: UnsafeMutablePointer<Element>?
  private var count = 0

  func holding(_ elements: [Element]) -> UnsafePointer<Element> {
    pointer?.deinitialize(count: count)
    pointer?.deallocate()
    count = elements.count
    let memory = UnsafeMutablePointer<Element>.allocate(capacity: max(1, count))
    memory.initialize(from: elements, count: count)
    pointer = memory
    return UnsafePointer(memory)
  }

  deinit {
    pointer?.deinitialize(count: count)
    pointer?.deallocate()
  }
}
