/// Where a value sits in an instance or result file, as `applicants[17].preferences[3]`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
  /// One step of a path.
  public enum Component: Sendable, Hashable {
    /// An object member.
    case key(String)
    /// An array element, 0-based.
    case index(Int)
  }

  /// The steps from the document root.
  public var components: [Component]

  /// Creates a path from its steps.
  public init(_ components: [Component] = []) {
    self.components = components
  }

  /// The document root.
  public static let root = FieldPath()

  /// This path extended by an object member.
  public func key(_ name: String) -> FieldPath {
    FieldPath(components + [.key(name)])
  }

  /// This path extended by an array element.
  public func index(_ index: Int) -> FieldPath {
    FieldPath(components + [.index(index)])
  }

  /// `applicants[17].preferences[3]`; the root is `$`.
  public var description: String {
    if components.isEmpty { return "$" }
    var text = ""
    for component in components {
      switch component {
      case .key(let name):
        if !text.isEmpty { text += "." }
        text += name
      case .index(let index):
        text += "[\(index)]"
      }
    }
    return text
  }
}
