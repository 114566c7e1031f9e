import Foundation
import ProgrammeRules

/// Measures the gazetteer on a cities file: parse and index time, the memory the loaded
/// gazetteer holds, look-ups of names it knows, and the unknown-name path that builds the "did
/// you mean" suggestions. Only public API is used, so the same file measures any version of
/// `Gazetteer` (the figures before and after a change come from the same code).
struct GazetteerBenchmark {
    let file: String
    /// Parses timed; the median is reported.
    let runs: Int
    let lookups: Int
    let misses: Int
    let seed: UInt64

    /// The bundled file in the source tree this binary was built from.
    static var defaultFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/ProgrammeRules/Resources/cities.tsv").path
    }

    func run() {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            fail("cannot read \(file): \(error)")
        }
        let fileBytes = text.utf8.count

        // Memory first, on a fresh heap: later parses reuse the pages freed by earlier ones. The
        // resident size added also counts what the parse freed but the allocator kept.
        let residentBefore = residentBytes()
        let gazetteer: Gazetteer
        do {
            gazetteer = try Gazetteer.parse(tsv: text)
        } catch {
            fail("cannot parse \(file): \(error)")
        }
        let residentAdded = residentBytes() - residentBefore
        progress("\(gazetteer.cities.count) places; \(residentAdded / 1_048_576) MB resident added")

        var parseSeconds: [Double] = []
        for _ in 0..<runs {
            let clock = ContinuousClock.now
            let again = try? Gazetteer.parse(tsv: text)
            parseSeconds.append(seconds(since: clock))
            precondition(again?.cities.count == gazetteer.cities.count)
        }
        progress("parse and index: \(parseSeconds.map { String(format: "%.3f", $0) }.joined(separator: ", ")) s")

        var random = SplitMix64(seed: seed)
        let hits = knownPlaces(gazetteer, count: lookups, random: &random)
        var hitLatencies: [Double] = []
        hitLatencies.reserveCapacity(hits.count)
        var unresolved = 0
        for place in hits {
            let clock = ContinuousClock.now
            let city = try? gazetteer.resolve(place)
            hitLatencies.append(seconds(since: clock) * 1_000_000)
            if city == nil { unresolved += 1 }
        }
        progress("\(hits.count) look-ups of known names, \(unresolved) unresolved")

        let typos = misspelledPlaces(gazetteer, count: misses, random: &random)
        var missLatencies: [Double] = []
        var suggested = 0
        for (place, intended) in typos {
            let clock = ContinuousClock.now
            let outcome = Result { () throws(GazetteerError) -> City in try gazetteer.resolve(place) }
            missLatencies.append(seconds(since: clock) * 1_000_000)
            guard case .failure(.unknownCity(_, let country, let suggestions)) = outcome else {
                fail("\(place) did not fail as unknown: \(outcome)")
            }
            // A hit when one of the suggestions resolves to the place the typo was made from.
            if suggestions.contains(where: { gazetteer.city(named: $0, in: country)?.geonameID == intended }) {
                suggested += 1
            }
        }
        progress("\(typos.count) misspelled names, \(suggested) with the intended place among the suggestions")

        let summary: [String: Any] = [
            "benchmark": "gazetteer", "file": URL(fileURLWithPath: file).lastPathComponent, "fileBytes": fileBytes,
            "places": gazetteer.cities.count, "seed": seed, "parseRuns": runs,
            "parseIndexSeconds": round3(percentile(parseSeconds, 0.5)),
            "residentMegabytes": round3(Double(residentAdded) / 1_048_576),
            "lookups": hits.count, "unresolved": unresolved,
            "lookupP50Us": round3(percentile(hitLatencies, 0.5)), "lookupP99Us": round3(percentile(hitLatencies, 0.99)),
            "misses": typos.count,
            "missP50Us": round3(percentile(missLatencies, 0.5)), "missP99Us": round3(percentile(missLatencies, 0.99)),
            "intendedSuggested": round3(Double(suggested) / Double(max(1, typos.count))),
        ]
        if let data = try? JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// "Name, CC" for places drawn uniformly, each under its name or one of its alternates, so
    /// small towns and foreign spellings weigh as much as they do in the file.
    private func knownPlaces(_ gazetteer: Gazetteer, count: Int, random: inout SplitMix64) -> [String] {
        (0..<count).compactMap { _ in
            guard let city = gazetteer.cities.randomElement(using: &random),
                let spelling = ([city.name] + city.alternateNames).randomElement(using: &random)
            else { return nil }
            return "\(spelling), \(city.country)"
        }
    }

    /// One typing mistake (a letter dropped, doubled, swapped with the next or replaced) in the
    /// name of a place drawn uniformly, kept only when no place answers to the result; with the
    /// geonameid of the place meant.
    private func misspelledPlaces(_ gazetteer: Gazetteer, count: Int, random: inout SplitMix64) -> [(String, Int)] {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var typos: [(String, Int)] = []
        var attempts = 0
        while typos.count < count, attempts < count * 20 {
            attempts += 1
            guard let city = gazetteer.cities.randomElement(using: &random) else { break }
            var name = Array(city.name)
            guard name.count >= 4 else { continue }
            let at = Int.random(in: 1..<(name.count - 1), using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: name.remove(at: at)
            case 1: name.insert(name[at], at: at)
            case 2: name.swapAt(at, at + 1)
            default: name[at] = letters[Int.random(in: 0..<letters.count, using: &random)]
            }
            let typo = String(name)
            guard gazetteer.city(named: typo, in: city.country) == nil else { continue }
            typos.append(("\(typo), \(city.country)", city.geonameID))
        }
        return typos
    }
}
