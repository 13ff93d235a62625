import Foundation

/// Reading the bytes of an input named on the command line.
enum InputFile {
  /// The bytes of `path`: standard input for `-`; a regular file mapped when it can be;
  /// a pipe, FIFO, device or process substitution read to its end.
  ///
  /// - Throws: ``CLIError`` naming the path, in plain words, when it does not exist, is a
  ///   folder, or cannot be read.
  static func read(_ path: String) throws -> Data {
    if path == "-" { return try readToEnd(FileHandle.standardInput, path: path) }
    var info = stat()
    guard stat(path, &info) == 0 else { throw failure(path) }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      throw CLIError.badInput(path, "is a folder, not a file; give the path of a file inside it")
    case S_IFREG:
      do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
      } catch {
        throw failure(path)
      }
    default:
      guard let handle = FileHandle(forReadingAtPath: path) else { throw failure(path) }
      defer { try? handle.close() }
      return try readToEnd(handle, path: path)
    }
  }

  private static func readToEnd(_ handle: FileHandle, path: String) throws -> Data {
    do {
      return try handle.readToEnd() ?? Data()
    } catch {
      throw CLIError.badInput(path, "cannot read: \(error.localizedDescription)")
    }
  }

  /// The error for the last failed call on `path`, from `errno`.
  private static func failure(_ path: String) -> CLIError {
    switch errno {
    case ENOENT: CLIError.badInput(path, "cannot read: no such file")
    case EACCES: CLIError.badInput(path, "cannot read: permission denied")
    default: CLIError.badInput(path, "cannot read: \(String(cString: strerror(errno)))")
    }
  }
}
