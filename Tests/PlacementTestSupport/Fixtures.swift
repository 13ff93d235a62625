import Foundation
import Placement

/// Files and markets shared by the test targets.
public enum Fixtures {
  /// The package root, found by walking up from this file.
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    fatalError("no Package.swift above \(#filePath)")
  }()

  /// A file in `instances/`.
  public static func instance(_ name: String) -> URL {
    packageRoot.appendingPathComponent("instances").appendingPathComponent(name)
  }

  /// Compiles an instance that is known to be valid.
  public static func market(_ instance: Instance) -> Market {
    do {
      return try Market(compiling: instance)
    } catch {
      fatalError("fixture does not compile: \(error)")
    }
  }

  /// A tiny random market for property tests.
  public static func tinyMarket(
    seed: UInt64, applicants: Int = 5, positions: Int = 3, listLength: Int = 3,
    configure: (inout RandomMarket) -> Void = { _ in }
  ) -> Market {
    var shape = RandomMarket(applicants: applicants, positions: positions, listLength: listLength)
    shape.capacity = 1...2
    shape.correlation = 0.3
    configure(&shape)
    return market(shape.instance(seed: seed))
  }

  /// A random shape that uses every feature of the format: ties, ranking groups, types
  /// with quotas, minimums, closable positions and scores. `configure` adjusts it.
  public static func everyFeatureShape(
    applicants: Int, positions: Int, listLength: Int, configure: (inout RandomMarket) -> Void = { _ in }
  ) -> RandomMarket {
    var shape = RandomMarket(applicants: applicants, positions: positions, listLength: listLength)
    shape.tieDensity = 0.4
    shape.groups = 2
    shape.groupPreferences = true
    shape.typeNames = ["u", "v"]
    shape.typeQuotaShare = 0.5
    shape.minimumShare = 0.3
    shape.closableShare = 0.5
    shape.scoreShare = 0.4
    configure(&shape)
    return shape
  }
}
