import Foundation

@testable import Matching

/// BM25F-lite written the plain way: every document scored, then sorted.
struct ReferenceBM25 {
    let documents: [IndexedDocument]
    let analyzer = TextAnalyzer(stemming: true)

    init(_ documents: [IndexedDocument]) { self.documents = documents }

    func frequencies(_ d: IndexedDocument) -> [String: Double] {
        var f: [String: Double] = [:]
        for t in analyzer.terms(d.title) { f[t, default: 0] += 2 }
        for t in d.topics.flatMap(analyzer.terms) { f[t, default: 0] += 3 }
        for t in analyzer.terms(d.description) { f[t, default: 0] += 1 }
        return f
    }

    func ranking(_ query: String) -> [SearchHit] {
        let all = documents.map(frequencies)
        let lengths = all.map { $0.values.reduce(0, +) }
        let average = max(lengths.reduce(0, +) / Double(documents.count), 1)
        let terms = Set(analyzer.terms(query))
        var hits: [(SearchHit, Int)] = []
        for (i, d) in documents.enumerated() {
            var score = 0.0
            var matched = false
            for t in terms {
                guard let tf = all[i][t] else { continue }
                matched = true
                let df = Double(all.filter { $0[t] != nil }.count)
                let idf = log(1 + (Double(documents.count) - df + 0.5) / (df + 0.5))
                score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[i] / average))
            }
            if matched { hits.append((SearchHit(key: d.key, score: score), i)) }
        }
        // Equal scores: the document indexed first wins.
        return hits.sorted { $0.0.score != $1.0.score ? $0.0.score > $1.0.score : $0.1 < $1.1 }.map(\.0)
    }
}
