extension Optional {
  /// Runs `body` with a pointer to the array's elements, or with `nil` when there is no
  /// array: how optional arrays reach C parameters that may be NULL.
  func withOptionalPointer<Element, Result, Failure: Error>(
    _ body: (UnsafePointer<Element>?) throws(Failure) -> Result
  ) throws(Failure) -> Result where Wrapped == [Element] {
    switch self {
    case .none: return try body(nil)
    case .some(let array):
      let outcome = array.withUnsafeBufferPointer { buffer in
        Swift.Result { () throws(Failure) in try body(buffer.baseAddress) }
      }
      return try outcome.get()
    }
  }
}
