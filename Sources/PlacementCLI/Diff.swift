import ArgumentParser
import Foundation
import Placement

extension PlacementCommand {
  /// `placement diff`: who moved between two results, between which posts, and each one's
  /// rank change.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List who moved between two results, between which posts, and each one's rank change.",
      discussion: "One line per applicant whose post differs, then a count, on stdout.")

    @Argument(help: "The earlier result file.")
    var old: String

    @Argument(help: "The later result file.")
    var new: String

    @Option(help: "The instance (of the later result) whose lists give each applicant's rank of a post.")
    var instance: String?

    func run() throws {
      let earlier = try Files.pairs(old)
      let later = try Files.pairs(new)
      var rank: (String, String) -> Int? = { _, _ in nil }
      if let instance { rank = PlacementDiff.ranks(in: try Files.market(instance).1) }
      let inLater = Set(later.applicants)
      let diff = PlacementDiff(
        old: earlier.positionOf, new: later.positionOf,
        applicants: later.applicants + earlier.applicants.filter { !inLater.contains($0) }, rank: rank,
        withdrawn: Set(earlier.applicants).subtracting(inLater),
        added: Set(later.applicants).subtracting(earlier.applicants))
      for line in diff.lines { print(line) }
      print("\(diff.moves.count) moved, \(diff.kept) kept the same post")
    }
  }
}
