import Foundation
import Matching
import ProgrammeRules

/// Builds the matcher over a synthetic corpus and measures what the issue asks: the index's size
/// and build time, top-10 latency (raw BM25 and full suggestions with rules and scoring), and
/// how often the planted host makes the top 10.
struct SearchBenchmark {
    let hosts: Int
    let requests: Int
    let seed: UInt64
    /// Where to write the corpus and queries for the SQLite FTS5 reference (empty: nowhere).
    let output: String

    func run() {
        progress("generating \(hosts) hosts' offers and \(requests) requests with planted hosts (seed \(seed))")
        let corpus = SyntheticCorpus(hosts: hosts, requests: requests, seed: seed)
        let rules: EligibilityRules
        do {
            rules = EligibilityRules(calendar: try HolidayCalendar.bundled())
        } catch {
            fail("the bundled calendar: \(error)")
        }

        // The text index alone, as the issue's size and build-time targets mean it.
        let before = residentBytes()
        var clock = ContinuousClock.now
        var index = InvertedIndex()
        for offer in corpus.offers {
            index.upsert(
                IndexedDocument(key: offer.key, title: offer.title, description: offer.description, topics: offer.topics))
        }
        let indexSeconds = seconds(since: clock)
        let indexBytes = residentBytes() - before
        progress(
            "offer index: \(index.count) documents in \(String(format: "%.2f", indexSeconds)) s, \(indexBytes / 1_048_576) MB")

        // The whole matcher: organisations, offers and requests with their three indexes.
        clock = ContinuousClock.now
        var matcher = Matcher(rules: rules)
        for organisation in corpus.organisations { matcher.upsert(organisation) }
        for offer in corpus.offers { matcher.upsert(offer) }
        for request in corpus.requests { matcher.upsert(request) }
        let matcherSeconds = seconds(since: clock)
        progress(
            "matcher: \(corpus.organisations.count) organisations, \(corpus.offers.count) offers, "
                + "\(corpus.requests.count) requests in \(String(format: "%.2f", matcherSeconds)) s")

        var rawLatencies: [Double] = []
        var suggestionLatencies: [Double] = []
        var found = 0
        var queries: [String] = []
        for (number, request) in corpus.requests.enumerated() {
            // The query the matcher itself sends: the request's telling words (Matcher.query).
            let query = Matcher.query(
                title: request.title, description: request.description, topics: request.topics, in: matcher.offerIndex)
            queries.append(query)
            clock = ContinuousClock.now
            _ = matcher.offerIndex.search(query, limit: 10)
            rawLatencies.append(seconds(since: clock) * 1000)
            clock = ContinuousClock.now
            let suggestions = matcher.hosts(forRequest: request.key, limit: 10) ?? []
            suggestionLatencies.append(seconds(since: clock) * 1000)
            if suggestions.contains(where: { $0.offer == corpus.planted[request.key] }) { found += 1 }
            if (number + 1) % 200 == 0 { progress("queries: \(number + 1) of \(corpus.requests.count)") }
        }
        if !output.isEmpty { write(corpus, queries) }
        let summary: [String: Any] = [
            "benchmark": "suggestions", "offers": corpus.offers.count, "requests": corpus.requests.count, "seed": seed,
            "indexBuildSeconds": round3(indexSeconds), "indexMegabytes": round3(Double(indexBytes) / 1_048_576),
            "matcherBuildSeconds": round3(matcherSeconds),
            "bm25Top10P50Ms": round3(percentile(rawLatencies, 0.5)), "bm25Top10P99Ms": round3(percentile(rawLatencies, 0.99)),
            "suggestTop10P50Ms": round3(percentile(suggestionLatencies, 0.5)),
            "suggestTop10P99Ms": round3(percentile(suggestionLatencies, 0.99)),
            "plantedInTop10": round3(Double(found) / Double(max(1, corpus.requests.count))),
        ]
        if let data = try? JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// offers.jsonl and queries.jsonl in the format `Benchmarks/references/fts5_search.py` reads.
    private func write(_ corpus: SyntheticCorpus, _ queries: [String]) {
        let directory = URL(fileURLWithPath: output)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func lines(_ objects: [[String: Any]]) -> Data {
            var data = Data()
            for object in objects {
                if let line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                    data.append(line)
                    data.append(0x0A)
                }
            }
            return data
        }
        let offers = corpus.offers.map {
            ["key": $0.key, "title": $0.title, "description": $0.description, "topics": $0.topics] as [String: Any]
        }
        do {
            try lines(offers).write(to: directory.appendingPathComponent("offers.jsonl"))
            try lines(queries.map { ["text": $0] }).write(to: directory.appendingPathComponent("queries.jsonl"))
        } catch {
            fail("cannot write to \(output): \(error)")
        }
        progress("wrote offers.jsonl and queries.jsonl to \(output)")
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

/// The process's resident memory, from /proc (Linux).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
