import Foundation

/// Where a command writes its output, checked before any work starts, so that nothing
/// there is destroyed and an unwritable place fails at once.
///
/// - A regular file (or a new one) is replaced atomically: a temporary file beside it,
///   given the old file's mode, then renamed over it; the temporary file is removed on
///   any failure.
/// - `-`, standard output or error (`/dev/stdout`, `/dev/fd/N`), a FIFO, a character
///   device or a socket is written in place, as a stream.
/// - A folder, or a symbolic link to a regular file, is refused: replacing the link
///   would destroy it, and writing through it would surprise.
struct OutputTarget {
  private enum Kind {
    /// A descriptor this process already has open: standard output for `-`.
    case descriptor(Int32)
    /// A FIFO, device or socket, opened for writing without creating or truncating.
    case stream
    /// A regular file to replace, with the mode to keep.
    case file(mode: mode_t?)
  }

  /// The path as the user gave it, for messages.
  let path: String
  private let kind: Kind

  /// Checks `path` and decides how to write it.
  ///
  /// - Throws: ``CLIError`` naming the path when it is an input, a folder, a symbolic
  ///   link to a file, or in a folder that does not exist or cannot be written.
  init(_ path: String, notOver inputs: [String]) throws {
    self.path = path
    if path == "-" {
      kind = .descriptor(STDOUT_FILENO)
      return
    }
    let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    for input in inputs where input != "-" {
      if URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == resolved {
        throw CLIError.badInput(path, "refusing to write the output over an input file")
      }
    }
    var link = stat()
    guard lstat(path, &link) == 0 else {
      guard errno == ENOENT else { throw CLIError.badInput(path, "cannot write: \(String(cString: strerror(errno)))") }
      try Self.checkFolder(of: path)
      kind = .file(mode: nil)
      return
    }
    var target = link
    if link.st_mode & S_IFMT == S_IFLNK, stat(path, &target) != 0 {
      throw CLIError.badInput(path, "is a symbolic link to nothing; give the path of a file to write")
    }
    if target.st_mode & S_IFMT == S_IFDIR {
      throw CLIError.badInput(path, "is a folder; give the path of a file inside it")
    }
    if let descriptor = Self.openDescriptor(path) {
      kind = .descriptor(descriptor)
    } else if target.st_mode & S_IFMT != S_IFREG {
      kind = .stream
    } else if link.st_mode & S_IFMT == S_IFLNK {
      throw CLIError.badInput(
        path, "is a symbolic link to \(resolved.path); give that path to replace the file, or remove the link")
    } else {
      try Self.checkFolder(of: path)
      kind = .file(mode: target.st_mode & 0o7777)
    }
  }

  /// The descriptor `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` names:
  /// one the caller opened for this process, written where it stands even when it is a
  /// regular file (a shell's `>>` keeps appending).
  private static func openDescriptor(_ path: String) -> Int32? {
    switch path {
    case "/dev/stdout": return STDOUT_FILENO
    case "/dev/stderr": return STDERR_FILENO
    default:
      for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
        return Int32(path.dropFirst(prefix.count))
      }
      return nil
    }
  }

  private static func checkFolder(of path: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var info = stat()
    guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      throw CLIError.badInput(path, "cannot write: the folder \(folder) does not exist")
    }
    guard access(folder, W_OK) == 0 else {
      throw CLIError.badInput(path, "cannot write: the folder \(folder) is not writable")
    }
  }

  /// Writes `bytes` to the target.
  func write(_ bytes: [UInt8]) async throws {
    if case .descriptor(let descriptor) = kind { return try writeAll(bytes, to: descriptor) }
    try await write(producing: { file in
      // A new or temporary file is created; a FIFO or device exists, and is not truncated.
      let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
      guard descriptor >= 0 else { throw CLIError.badInput(path, "cannot write: \(String(cString: strerror(errno)))") }
      defer { close(descriptor) }
      try writeAll(bytes, to: descriptor)
    })
  }

  private func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { throw CLIError.badInput(path, "cannot write: \(String(cString: strerror(errno)))") }
      written += count
    }
  }

  /// Lets `produce` write a file at the path it is given: a temporary file beside the
  /// target (keeping its extension, which may select compression) that is then renamed
  /// over it, or the stream itself.
  func write(producing produce: (String) async throws -> Void) async throws {
    switch kind {
    case .descriptor(let descriptor):
      try await produce("/dev/fd/\(descriptor)")
    case .stream:
      try await produce(path)
    case .file(let mode):
      let temporary = temporaryPath
      do {
        try await produce(temporary)
        try moveIntoPlace(temporary, mode: mode)
      } catch {
        unlink(temporary)
        throw error
      }
    }
  }

  private var temporaryPath: String {
    let url = URL(fileURLWithPath: path)
    return url.deletingLastPathComponent()
      .appendingPathComponent(".\(ProcessInfo.processInfo.processIdentifier).tmp.\(url.lastPathComponent)").path
  }

  private func moveIntoPlace(_ temporary: String, mode: mode_t?) throws {
    if let mode, chmod(temporary, mode) != 0 {
      throw CLIError.badInput(path, "cannot keep the file's mode: \(String(cString: strerror(errno)))")
    }
    guard rename(temporary, path) == 0 else {
      throw CLIError.badInput(path, "cannot write: \(String(cString: strerror(errno)))")
    }
  }
}
