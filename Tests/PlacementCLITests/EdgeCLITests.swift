import Foundation
import Placement
import PlacementTestSupport
import Testing

/// Files, streams, numbers and results at the edges: nothing destroyed, nothing left
/// half-written, every refusal a message that names the path.
@Suite struct EdgeCLITests {
  let tiny = Fixtures.packageRoot.appendingPathComponent("Tests/Corpus/results/instance.json").path
  let corpus = Fixtures.packageRoot.appendingPathComponent("Tests/Corpus")

  func files(in directory: URL) throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
  }

  @Test func outputOntoAFIFOAndOntoStandardOutputThroughAPipeDeliversTheBytes() throws {
    let directory = try temporaryDirectory()
    let run = try shell(
      """
      set -e; cd '\(directory.path)'; mkfifo fifo
      cat fifo > from-fifo.json 2> /dev/null & reader=$!
      trap 'kill $reader 2> /dev/null || true' EXIT
      "$PLACEMENT" solve '\(tiny)' -o fifo --quiet; wait $reader
      "$PLACEMENT" solve '\(tiny)' -o /dev/stdout --quiet | cat > from-stdout.json
      "$PLACEMENT" solve '\(tiny)' -o - --quiet | cat > from-dash.json
      """)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(try files(in: directory) == ["fifo", "from-fifo.json", "from-stdout.json", "from-dash.json"])
    for name in ["from-fifo.json", "from-stdout.json", "from-dash.json"] {
      let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
      #expect(text.hasPrefix("{\n\"format\":\"placement-result\"") && text.hasSuffix("}\n"), "\(name): \(text)")
    }
    var info = stat()
    #expect(lstat(directory.appendingPathComponent("fifo").path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
  }

  @Test func aReplacedResultKeepsItsModeAndNothingElseIsLeft() throws {
    let directory = try temporaryDirectory()
    let result = directory.appendingPathComponent("result.json").path
    #expect(try placement("solve", tiny, "-o", result, "--quiet").status == 0)
    #expect(chmod(result, 0o600) == 0)
    #expect(try placement("solve", tiny, "-o", result, "--quiet", "--strategy", "welfare").status == 0)
    var info = stat()
    #expect(stat(result, &info) == 0 && info.st_mode & 0o777 == 0o600)
    #expect(try String(contentsOfFile: result, encoding: .utf8).contains("\"strategy\":\"welfare\""))
    #expect(try files(in: directory) == ["result.json"])
  }

  @Test func foldersLinksAndMissingFoldersAreRefusedBeforeAnySolve() throws {
    let directory = try temporaryDirectory()
    let target = directory.appendingPathComponent("kept.json")
    try Data("keep me".utf8).write(to: target)
    let link = directory.appendingPathComponent("link.json")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    let season = Fixtures.instance("hoa-lac-internships-2026.json").path
    for (output, message) in [
      (directory.path, "\(directory.path): is a folder; give the path of a file inside it"),
      (
        link.path,
        "\(link.path): is a symbolic link to \(target.path); give that path to replace the file, or remove the link"
      ),
      (
        "/nonexistent-folder/result.json",
        "/nonexistent-folder/result.json: cannot write: the folder "
          + "/nonexistent-folder does not exist"
      ),
    ] {
      // A search of minutes: refused before it starts, so the run is short and prints no summary.
      let run = try placement("solve", season, "--strategy", "max-stable", "-o", output)
      #expect(run.status == 2)
      #expect(run.standardError == message + "\n")
    }
    #expect(try String(contentsOf: target, encoding: .utf8) == "keep me")
    #expect(try files(in: directory) == ["kept.json", "link.json"])
    let export = try placement("export", season, "-o", "/nonexistent-folder/model.lp")
    #expect(export.status == 2)
    #expect(export.standardError.contains("/nonexistent-folder/model.lp: cannot write: the folder /nonexistent-folder"))
  }

  @Test func instancesStreamInFromStandardInputPipesAndFIFOs() throws {
    let directory = try temporaryDirectory()
    let run = try shell(
      """
      set -e; cd '\(directory.path)'
      "$PLACEMENT" solve - --quiet < '\(tiny)' > stdin.json
      cat '\(tiny)' | "$PLACEMENT" solve - --quiet > pipe.json
      "$PLACEMENT" solve <(cat '\(tiny)') --quiet > substitution.json
      mkfifo fifo; cat '\(tiny)' > fifo 2> /dev/null & writer=$!
      trap 'kill $writer 2> /dev/null || true' EXIT
      "$PLACEMENT" solve fifo --quiet > fifo.json; wait $writer
      "$PLACEMENT" check '\(tiny)' - < stdin.json 2> check.txt > /dev/null
      """)
    #expect(run.status == 0, "\(run.standardError)")
    let expected = try String(contentsOf: directory.appendingPathComponent("stdin.json"), encoding: .utf8)
      .replacing(/"solveSeconds":[0-9.e-]+/, with: "")
    for name in ["pipe.json", "substitution.json", "fifo.json"] {
      let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
      #expect(text.replacing(/"solveSeconds":[0-9.e-]+/, with: "") == expected, "\(name)")
    }
    let folder = try placement("solve", directory.path)
    #expect(folder.status == 2)
    #expect(folder.standardError == "\(directory.path): is a folder, not a file; give the path of a file inside it\n")
  }

  @Test func flagsOutOfRangeSayWhatWouldBeAccepted() throws {
    for (arguments, message) in [
      (["--seed", "-1"], "--seed must be a whole number from 0 to 2^53, not -1"),
      (["--time-limit", "-5"], "--time-limit must be a positive number of seconds, at most 1000000000, not -5"),
      (["--time-limit", "1e300"], "--time-limit must be a positive number of seconds, at most 1000000000, not 1e300"),
    ] {
      let run = try placementArguments(["solve", tiny] + arguments)
      #expect(run.status == 2)
      #expect(run.standardError.hasPrefix("Error: \(message)\n"), "\(run.standardError)")
    }
  }

  /// Every corrupted or extreme instance of the corpus ends in exit 2 with one line per
  /// problem, each naming the file, and leaves nothing in the output folder.
  @Test func everyCorruptedInstanceEndsInACleanErrorAndLeavesNothing() throws {
    let folder = corpus.appendingPathComponent("instances")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names.count >= 30)
    let directory = try temporaryDirectory()
    for name in names {
      let path = folder.appendingPathComponent(name).path
      let run = try placement("solve", path, "--strategy", "welfare", "-o", directory.appendingPathComponent("o").path)
      #expect(run.status == 2 && !run.signalled, "\(name): \(run.status) \(run.standardError)")
      let lines = run.standardError.split(separator: "\n")
      #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("\(path): ") }, "\(name): \(run.standardError)")
      #expect(try files(in: directory).isEmpty, "\(name) left output")
    }
  }

  /// `valid-*` results pass `check`; `claims-*` fail it with exit 1 naming the false
  /// claim; `broken-*` are refused with exit 2.
  @Test func everyResultOfTheCorpusGetsItsVerdict() throws {
    let folder = corpus.appendingPathComponent("results")
    let instance = folder.appendingPathComponent("instance.json").path
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter {
      $0 != "instance.json"
    }
    #expect(names.count >= 30)
    for name in names {
      let path = folder.appendingPathComponent(name).path
      let run = try placement("check", instance, path)
      let expected: Int32 = name.hasPrefix("valid-") ? 0 : name.hasPrefix("claims-") ? 1 : 2
      #expect(run.status == expected && !run.signalled, "\(name): \(run.status) \(run.standardError)")
      let lines = run.standardError.split(separator: "\n")
      #expect(lines.allSatisfy { $0.hasPrefix("\(path): ") }, "\(name): \(run.standardError)")
      if expected == 1 { #expect(run.standardError.contains("FALSE CLAIMS"), "\(name)") }
    }
  }

  /// A 50 MB file whose one list has 10 million entries is refused in bounded memory:
  /// under a 1 GB address-space limit, and in a few seconds.
  @Test func aTenMillionEntryListIsRefusedInBoundedMemory() throws {
    let directory = try temporaryDirectory()
    let file = directory.appendingPathComponent("huge.json")
    var text = Array(#"{"format":"placement-instance","version":1,"applicants":[{"id":"a","preferences":["#.utf8)
    text.reserveCapacity(50_000_100)
    for k in 0..<10_000_000 { text += k == 0 ? Array(#""p""#.utf8) : Array(#","p""#.utf8) }
    text += Array(#"]}],"positions":[{"id":"p","capacity":1}]}"#.utf8)
    try Data(text).write(to: file)
    let run = try shell("ulimit -v 1000000; \"$PLACEMENT\" solve '\(file.path)' --quiet")
    #expect(run.status == 2 && !run.signalled, "\(run.standardError)")
    #expect(
      run.standardError
        == "\(file.path): applicants[0].preferences[1000000]: a preference list may hold at most 1000000 "
        + "entries; this one holds more\n")
  }

  /// Random mutations of a valid instance never crash the CLI or leave output behind a
  /// refusal.
  @Test func mutatedInstancesNeverCrashOrLeaveOutput() throws {
    let valid = Array(try Data(contentsOf: URL(fileURLWithPath: tiny)))
    let alphabet = Array(#"{}[]",:-0123456789eE.\u"#.utf8) + [0x00, 0x07, 0x7F, 0xC0, 0xED, 0xFF, 0x0A]
    var random = SplitMix64(seed: 16)
    let directory = try temporaryDirectory()
    let input = directory.appendingPathComponent("in.json")
    let output = directory.appendingPathComponent("out.json")
    var outcomes: [Int32: Int] = [:]
    for _ in 0..<60 {
      var bytes = valid
      for _ in 0..<(1 + Int(random.next() % 3)) {
        let at = Int(random.next() % UInt64(bytes.count))
        let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
        if random.next() % 2 == 0 { bytes[at] = byte } else { bytes.insert(byte, at: at) }
      }
      try Data(bytes).write(to: input)
      try? FileManager.default.removeItem(at: output)
      let run = try placement("solve", input.path, "--strategy", "welfare", "-o", output.path, "--quiet")
      #expect([0, 1, 2].contains(run.status) && !run.signalled, "\(String(decoding: bytes, as: UTF8.self))")
      #expect(FileManager.default.fileExists(atPath: output.path) == (run.status != 2))
      #expect(try files(in: directory).isSubset(of: ["in.json", "out.json"]))
      outcomes[run.status, default: 0] += 1
    }
    #expect(outcomes[2, default: 0] > 20)
  }

  @Test func likelyTyposAreWarnedOnStandardErrorAndInTheNotes() throws {
    let directory = try temporaryDirectory()
    let instance = directory.appendingPathComponent("typos.json")
    try Data(
      #"""
      {"format":"placement-instance","version":1,
       "applicants":[{"id":"a","preferences":["p"],"type":"hust"}],
       "positions":[{"id":"p","capacity":1},{"id":"q","capacity":1}],
       "groups":[{"id":"empty","capacity":2}],
       "typeQuotas":[{"position":"p","type":"husst","capacity":1}],
       "scores":[{"applicant":"a","position":"q","value":1}]}
      """#.utf8
    ).write(to: instance)
    let run = try placement("solve", instance.path, "--quiet")
    #expect(run.status == 0)
    #expect(
      run.standardError == """
        \(instance.path): warning: typeQuotas[0].type: no applicant has type "husst", so this quota limits nobody
        \(instance.path): warning: scores[0]: "a" and "q" are not mutually acceptable, so this score is never used
        \(instance.path): warning: groups[0]: no position names group "empty", so its quota limits nothing

        """)
    #expect(run.standardOutput.contains(#""warning: groups[0]: no position names group \"empty\""#))
  }

  /// The GLPK strategies' results pass the audit too.
  @Test func glpkStrategiesResultsHoldAllTheirClaims() throws {
    let directory = try temporaryDirectory()
    let instance = directory.appendingPathComponent("market.json").path
    #expect(
      try placement(
        "generate", "--applicants", "60", "--positions", "8", "--tie-density", "0.3", "--groups", "2", "-o", instance
      ).status == 0)
    for arguments in [
      ["--strategy", "welfare", "--method", "glpk"], ["--strategy", "welfare", "--stable"],
      ["--strategy", "max-stable", "--time-limit", "20"],
    ] {
      let result = directory.appendingPathComponent("result.json").path
      let run = try placementArguments(["solve", instance, "-o", result, "--quiet"] + arguments)
      #expect(run.status == 0, "\(arguments): \(run.standardError)")
      let check = try placement("check", instance, result)
      #expect(check.status == 0, "\(arguments): \(check.standardError)")
    }
  }
}
