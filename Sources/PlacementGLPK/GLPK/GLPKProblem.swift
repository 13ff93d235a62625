internal import CGLPK

/// Owns one GLPK problem object from creation to deletion.
///
/// GLPK keeps its environment per thread, so a problem must be created, solved and
/// deleted on one thread: use it only inside one synchronous call, never across an
/// `await`. It is deliberately not `Sendable`.
final class GLPKProblem {
  let pointer: OpaquePointer

  init() {
    pointer = glp_create_prob()
  }

  deinit {
    glp_delete_prob(pointer)
  }
}
