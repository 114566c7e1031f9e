import Foundation
import Testing

@testable import Matching

/// The round file reader is written by hand over bytes, so it is fed damaged files: every one
/// must either read or be refused with a RoundFileError, never crash or hang.
@Suite struct RoundFileFuzzTests {
    static let valid = Data(
        #"""
        {"partnerships":[{"id":"P1","budget":25000.0},{"id":"P2"}],
         "hosts":[{"id":"H1","capacity":3},{"id":"H\u00e9","capacity":1}],
         "visitors":[{"id":"V1","partnership":"P1"},{"id":"V2","partnership":null},{"id":"V3"}],
         "candidates":[{"visitor":"V1","host":"H1","score":0.82,"cost":780.0},\#
        {"visitor":"V2","host":"H\u00e9","score":1e-3,"cost":1.1e3},
                       {"visitor":"V3","host":"H1","score":-0.5,"cost":0}], "extra":{"nested":[1,2,{"a":"b"}]}}
        """#.utf8)

    @Test func theValidFileReadsAndSolves() throws {
        let instance = try RoundFile.readInstance(Self.valid)
        #expect(instance.candidates.count == 3)
        let result = try RoundOptimiser().solve(instance)
        #expect(result.objective <= result.bound + 1e-9)
    }

    @Test func damagedFilesAreReadOrRefusedNeverCrash() {
        var random = SystemRandomNumberGeneratorWithSeed(seed: 2026)
        let alphabet = Array(#"{}[]":,.-+eE0123456789 \ntruefalsnul"#.utf8) + [0xC3, 0xA9, 0xFF, 0x00]
        var refused = 0
        for _ in 0..<3_000 {
            var bytes = [UInt8](Self.valid)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0...3, using: &random) {
                case 0: bytes[position] = alphabet.randomElement(using: &random) ?? 0
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(alphabet.randomElement(using: &random) ?? 0, at: position)
                default: bytes = Array(bytes.prefix(position))
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            do {
                let instance = try RoundFile.readInstance(Data(bytes))
                _ = try RoundOptimiser().solve(instance)
            } catch {
                refused += 1
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
            }
        }
        #expect(refused > 1_000)
    }
}
