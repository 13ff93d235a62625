import ArgumentParser
import Foundation
import Placement
import PlacementGLPK

extension PlacementCommand {
  /// `placement export`: writes the integer programme of an instance for other solvers.
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the integer programme Placement solves, as CPLEX LP or MPS.",
      discussion: """
        Columns x_a<i>_p<j> place applicant i at position j (indices in instance order); \
        open_p<j> opens a closable position. Lexicographic objectives have one programme per \
        level: --level N holds levels 1 … N−1 at their optima (solved first) in rows level_<k>. \
        max-stable and welfare-stable add a row stable_a<i>_p<j> per pair kept by preprocessing, \
        with helper columns (atleast_, filled_, full_, refused_, room_, grouprefuses_); \
        one-to-one, a pair every stable placement uses is a bound instead, and so is a count \
        that stability fills, whose pairs then have no row. \
        A file name ending in .gz is compressed.
        """)

    /// The models the CLI can export.
    enum ModelName: String, ExpressibleByArgument, CaseIterable {
      case welfare
      case welfareStable = "welfare-stable"
      case maxStable = "max-stable"
    }

    @Argument(help: "The instance file.")
    var instance: String

    @Option(help: "The model.")
    var model: ModelName = .welfare

    @Option(
      help:
        "The welfare objective (welfare and welfare-stable) (default scores when the instance has scores, else rank-sum)."
    )
    var objective: WelfareObjective?

    @Option(help: "Which level of a lexicographic objective (1 = the first).")
    var level = 1

    @Option(help: "lp (CPLEX LP) or mps (free MPS).")
    var format: ModelFormat = .lp

    @Option(name: .shortAndLong, help: "Where to write the model (written atomically; never over the input).")
    var output: String

    func validate() throws {
      guard level >= 1 else { throw ValidationError("--level must be 1 or more, not \(level)") }
      if model == .maxStable, objective != nil || level != 1 {
        throw ValidationError("--objective and --level apply to the welfare models only")
      }
    }

    func run() async throws {
      let target = try OutputTarget(output, notOver: [instance])
      let (_, market) = try Files.market(instance)
      let program: LinearProgram
      do {
        switch model {
        case .welfare, .welfareStable:
          program = try await WelfareProgram(objective: objective, stable: model == .welfareStable)
            .model(of: market, level: level)
        case .maxStable:
          program = MaxStableProgram().model(of: market)
        }
      } catch let error as WelfareError {
        throw CLIError.badInput(instance, error.description)
      } catch let error as GLPKError {
        throw CLIError.badInput(instance, error.description)
      }
      try await target.write(producing: { file in
        do {
          try await GLPKSolver.write(program, as: format, to: file)
        } catch {
          throw CLIError.badInput(output, "cannot write: \(error)")
        }
      })
      report(
        "wrote \(output): \(program.rowCount) rows, \(program.columnCount) columns, "
          + "\(program.rowColumn.count) nonzeros (\(format.rawValue))")
    }
  }
}

extension ModelFormat: ExpressibleByArgument {}
