import Foundation
import Matching
import ProgrammeRules

/// `clusterxchange-bench`: the matching engine's and the gazetteer's benchmarks, run by
/// `Benchmarks/run` on a release build. Figures go to standard output as one JSON object per benchmark; progress to stderr.
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, _ fallback: String) -> String {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("clusterxchange-bench: \(message)\n".utf8))
    exit(1)
}

func progress(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

switch arguments.first {
case "search":
    guard let hosts = Int(option("hosts", "100000")), let requests = Int(option("requests", "1000")),
        let seed = UInt64(option("seed", "1"))
    else { fail("--hosts, --requests and --seed take whole numbers") }
    SearchBenchmark(hosts: hosts, requests: requests, seed: seed, output: option("out", "")).run()
case "gazetteer":
    guard let runs = Int(option("runs", "5")), runs > 0, let lookups = Int(option("lookups", "100000")),
        let misses = Int(option("misses", "2000")), let seed = UInt64(option("seed", "1"))
    else { fail("--runs, --lookups, --misses and --seed take whole numbers") }
    GazetteerBenchmark(
        file: option("file", GazetteerBenchmark.defaultFile), runs: runs, lookups: lookups, misses: misses, seed: seed
    ).run()
default:
    fail(
        "usage: clusterxchange-bench search [--hosts N] [--requests N] [--seed S] [--out DIR]\n"
            + "       clusterxchange-bench gazetteer [--file PATH] [--runs N] [--lookups N] [--misses N] [--seed S]")
}
