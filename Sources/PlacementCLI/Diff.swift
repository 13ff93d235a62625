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
      let earlier = try Self.pairs(old)
      let later = try Self.pairs(new)
      var rank: (String, String) -> Int? = { _, _ in nil }
      if let instance {
        let (_, market) = try Files.market(instance)
        let applicants = Dictionary(market.applicantIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let positions = Dictionary(market.positionIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        rank = { applicant, position in
          guard let a = applicants[applicant], let p = positions[position] else { return nil }
          return market.tier(ofApplicant: a, for: p).map { $0 + 1 }
        }
      }
      let inLater = Set(later.applicants)
      let diff = PlacementDiff(
        old: earlier.positionOf, new: later.positionOf,
        applicants: later.applicants + earlier.applicants.filter { !inLater.contains($0) }, rank: rank,
        withdrawn: Set(earlier.applicants).subtracting(inLater),
        added: Set(later.applicants).subtracting(earlier.applicants))
      for line in diff.lines { print(line) }
      print("\(diff.moves.count) moved, \(diff.kept) kept the same post")
    }

    private static func pairs(_ path: String) throws -> ResultPairs {
      do {
        return try ResultPairs(resultJSON: Data(InputFile.read(path)))
      } catch let error as Placement.ValidationError {
        throw CLIError.invalid(path, error)
      }
    }
  }
}
