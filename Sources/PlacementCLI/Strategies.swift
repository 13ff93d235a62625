import ArgumentParser
import Placement
import PlacementGLPK

extension PlacementCommand {
  /// `placement strategies`: prints the strategy registry.
  struct Strategies: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the strategies, their options and the market features each takes.")

    func run() {
      print(StrategyHelp.text(StrategyRegistry.all, features: true), terminator: "")
    }
  }
}

/// The registry in words, for `placement strategies` and `placement solve --help`.
enum StrategyHelp {
  /// Each strategy with its summary and options (name, values, default, help), and with
  /// `features`, how it treats each market feature.
  static func text(_ registry: StrategyRegistry, features: Bool) -> String {
    var text = ""
    for entry in registry.entries {
      text += "\(entry.name): \(entry.summary)\n"
      for option in entry.allOptions {
        let values = option.kind == .flag ? "" : " <\(option.valuesText)>"
        let fallback = option.kind == .flag ? "" : " (default: \(option.defaultText))"
        text += "  --\(option.name)\(values)\(fallback)\n      \(option.help)\n"
      }
      guard features else { continue }
      for feature in MarketFeature.allCases {
        let support =
          switch entry.features[feature] ?? .honoured {
          case .honoured: "honoured"
          case .limited(let caveat): caveat
          case .refused(let reason): "refused: \(reason)"
          }
        text += "  [\(feature.rawValue)] \(support)\n"
      }
    }
    return text
  }
}
