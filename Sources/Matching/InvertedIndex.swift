import Foundation
import ProgrammeRules

/// An inverted index with BM25 ranking that updates in place: adding a document with a key it
/// already holds replaces it; removing drops its postings. No full rebuild is ever needed.
public struct InvertedIndex: Sendable {
    public struct Weights: Sendable, Equatable {
        public var title: Double = 2
        public var topics: Double = 3
        public var description: Double = 1
        public init() {}
    }

    /// BM25's saturation and length normalisation.
    public var k1: Double = 1.2
    public var b: Double = 0.75
    public let weights: Weights
    public let analyzer: TextAnalyzer

    struct Posting: Sendable {
        let document: Int32
        let frequency: Float
    }

    /// Terms are numbered once; postings, bounds and each document's terms use the numbers, which
    /// keeps the index compact (no string per posting) and its look-ups array-fast.
    private var termNumbers: [String: Int32] = [:]
    /// Per term, the word it stands for as written (the shortest seen).
    private var surfaces: [String] = []
    private var postings: [[Posting]] = []
    /// Per term, the largest frequency and the shortest document ever seen with it: enough for an
    /// upper bound of the term's score (removals can only make the bound looser, never wrong).
    private var maxFrequency: [Float] = []
    private var minLength: [Float] = []
    private var keys: [String?] = []
    private var lengths: [Float] = []
    private var numbers: [String: Int32] = [:]
    private var termsOfDocument: [[Int32]] = []
    private var totalLength: Double = 0

    public init(analyzer: TextAnalyzer = TextAnalyzer(stemming: true), weights: Weights = Weights()) {
        self.analyzer = analyzer
        self.weights = weights
    }

    public var count: Int { numbers.count }

    /// Adds or replaces a document.
    public mutating func upsert(_ document: IndexedDocument) {
        remove(key: document.key)
        // Each token is hashed once, to its term number; frequencies add up by number.
        var frequencies: [Int32: Float] = [:]
        frequencies.reserveCapacity(64)
        func add(_ text: String, _ weight: Double) {
            for word in analyzer.folded(text) {
                let term = analyzer.stemming ? Stemmer.stem(word) : word
                frequencies[termNumber(term, surface: word), default: 0] += Float(weight)
            }
        }
        add(document.title, weights.title)
        for topic in document.topics { add(topic, weights.topics) }
        add(document.description, weights.description)
        let number = Int32(keys.count)
        keys.append(document.key)
        let length = frequencies.values.reduce(0, +)
        lengths.append(length)
        totalLength += Double(length)
        numbers[document.key] = number
        // Document numbers only grow, so appending keeps every posting list sorted.
        for (id, frequency) in frequencies {
            postings[Int(id)].append(Posting(document: number, frequency: frequency))
            maxFrequency[Int(id)] = max(maxFrequency[Int(id)], frequency)
            minLength[Int(id)] = min(minLength[Int(id)], length)
        }
        termsOfDocument.append(Array(frequencies.keys))
    }

    private mutating func termNumber(_ term: String, surface: String) -> Int32 {
        if let id = termNumbers[term] {
            // The shortest word seen for a stem is how people write it: "laser", not "lasers".
            if surface.utf8.count < surfaces[Int(id)].utf8.count { surfaces[Int(id)] = surface }
            return id
        }
        let id = Int32(postings.count)
        termNumbers[term] = id
        surfaces.append(surface)
        postings.append([])
        maxFrequency.append(0)
        minLength.append(.greatestFiniteMagnitude)
        return id
    }

    public mutating func remove(key: String) {
        guard let number = numbers.removeValue(forKey: key) else { return }
        for id in termsOfDocument[Int(number)] {
            if let position = postings[Int(id)].binarySearch(number) { postings[Int(id)].remove(at: position) }
            if postings[Int(id)].isEmpty {
                maxFrequency[Int(id)] = 0
                minLength[Int(id)] = .greatestFiniteMagnitude
            }
        }
        termsOfDocument[Int(number)] = []
        totalLength -= Double(lengths[Int(number)])
        keys[Int(number)] = nil
    }

    /// How many documents hold the term.
    func documentFrequency(_ term: String) -> Int {
        termNumbers[term].map { postings[Int($0)].count } ?? 0
    }

    /// Inverse document frequency, BM25's (always positive) form.
    func idf(_ term: String) -> Double { idf(documentFrequency: documentFrequency(term)) }

    private func idf(documentFrequency df: Int) -> Double {
        log(1 + (Double(count) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// The query's distinct terms the index knows, with their numbers.
    private func knownTerms(_ query: String) -> [(term: String, id: Int32)] {
        var seen = Set<String>()
        return analyzer.terms(query).compactMap { term in
            guard seen.insert(term).inserted, let id = termNumbers[term], !postings[Int(id)].isEmpty else { return nil }
            return (term, id)
        }
    }

    /// The most telling terms of a long text, rarest first, at most `limit`: a "more like this"
    /// query. A request's description holds dozens of words; the rare ones carry the match, and
    /// a short query ranks in a fraction of the time.
    public func keyTerms(_ text: String, limit: Int) -> [String] {
        let counted: [(term: String, documents: Int)] = knownTerms(text).map { ($0.term, postings[Int($0.id)].count) }
        let rarestFirst = counted.sorted { a, b in a.documents != b.documents ? a.documents < b.documents : a.term < b.term }
        return rarestFirst.prefix(limit).map(\.term)
    }

    /// The most any document could score for the query: each of its terms at an unbounded
    /// frequency. Dividing by it puts scores of different queries on one scale.
    public func scoreCeiling(_ query: String) -> Double {
        knownTerms(query).reduce(0) { $0 + idf(documentFrequency: postings[Int($1.id)].count) * (k1 + 1) }
    }

    /// The BM25 score of one document for the query (0 when it shares no term or is unknown).
    public func score(_ query: String, key: String) -> Double { scorer(query).score(key: key) }

    /// The query analysed once, to score many documents (a ranked page of the catalogue scores
    /// every record the database found; analysing the query for each was most of the ranking).
    public func scorer(_ query: String) -> Scorer { Scorer(index: self, terms: knownTerms(query).map(\.id)) }

    public struct Scorer: Sendable {
        let index: InvertedIndex
        let terms: [Int32]

        /// The BM25 score of one document (0 when it shares no term or is unknown).
        public func score(key: String) -> Double {
            guard let number = index.numbers[key], index.count > 0 else { return 0 }
            let averageLength = max(index.totalLength / Double(index.count), 1)
            let norm = index.k1 * (1 - index.b + index.b * Double(index.lengths[Int(number)]) / averageLength)
            return terms.reduce(0) { total, term in
                let list = index.postings[Int(term)]
                guard let found = list.binarySearch(number) else { return total }
                let tf = Double(list[found].frequency)
                return total + index.idf(documentFrequency: list.count) * tf * (index.k1 + 1) / (tf + norm)
            }
        }
    }

    /// The query's terms the document holds, rarest first: what a match is "about". Words found in
    /// more than `maxShare` of the documents say little and are left out.
    public func sharedTerms(_ query: String, key: String, limit: Int, maxShare: Double = 0.05) -> [String] {
        guard let number = numbers[key] else { return [] }
        let held = Set(termsOfDocument[Int(number)])
        let most = max(1, Int(Double(count) * maxShare))
        let shared: [(term: String, documents: Int)] = knownTerms(query).compactMap { term in
            let documents = postings[Int(term.id)].count
            return held.contains(term.id) && documents <= most ? (term.term, documents) : nil
        }
        let rarestFirst = shared.sorted { a, b in a.documents != b.documents ? a.documents < b.documents : a.term < b.term }
        return rarestFirst.prefix(limit).map { termNumbers[$0.term].map { surfaces[Int($0)] } ?? $0.term }
    }

    /// The index term for a word as a query would use it (folded and stemmed), and whether any
    /// document holds it.
    public func term(for word: String) -> (term: String, known: Bool)? {
        guard let term = analyzer.terms(word).first else { return nil }
        return (term, termNumbers[term].map { !postings[Int($0)].isEmpty } ?? false)
    }

    /// For a word no document holds, the nearest known term at most `bound` edits away (a swap of
    /// neighbouring letters is one edit), the one most documents hold among equals, with the word
    /// as documents write it. Words of three letters or fewer have too many neighbours to guess.
    public func correction(for word: String, within bound: Int) -> (term: String, surface: String)? {
        guard let (term, known) = term(for: word), !known, term.utf8.count > 3 else { return nil }
        var best: (term: String, id: Int32, distance: Int, documents: Int)?
        for (candidate, id) in termNumbers {
            let documents = postings[Int(id)].count
            guard documents > 0, abs(candidate.utf8.count - term.utf8.count) <= bound,
                let distance = EditDistance.within(term, candidate, bound: bound)
            else { continue }
            if let current = best,
                (current.distance, -current.documents, current.term) <= (distance, -documents, candidate)
            {
                continue
            }
            best = (candidate, id, distance, documents)
        }
        return best.map { ($0.term, surfaces[Int($0.id)]) }
    }

    /// The `limit` best documents for the query, best first; among equal scores the document indexed
    /// first wins, so results are stable and pruning can be exact.
    ///
    /// MaxScore: terms are ordered by the most they can add to a score; once the heap is full, the
    /// terms whose bounds together cannot lift a document above the k-th score only refine the
    /// documents the other terms find, so most postings of common terms are never scored.
    public func search(_ query: String, limit: Int = 10) -> [SearchHit] {
        var scored = 0
        return search(query, limit: limit, scoredPostings: &scored)
    }

    /// The same, counting the postings scored (for tests and benchmarks of the pruning).
    func search(_ query: String, limit: Int, scoredPostings: inout Int) -> [SearchHit] {
        guard limit > 0, count > 0 else { return [] }
        let averageLength = max(totalLength / Double(count), 1)
        let k1 = self.k1
        let b = self.b
        struct Term {
            let list: [Posting]
            let idf: Double
            let bound: Double
        }
        var terms: [Term] = knownTerms(query).map { term in
            let list = postings[Int(term.id)]
            let idf = idf(documentFrequency: list.count)
            let tf = Double(maxFrequency[Int(term.id)])
            let norm = k1 * (1 - b + b * Double(minLength[Int(term.id)]) / averageLength)
            return Term(list: list, idf: idf, bound: idf * tf * (k1 + 1) / (tf + norm))
        }
        guard !terms.isEmpty else { return [] }
        terms.sort { $0.bound < $1.bound }
        // prefixBound[i]: the most the terms before i can add together.
        var prefixBound: [Double] = [0]
        for term in terms { prefixBound.append((prefixBound.last ?? 0) + term.bound) }
        var positions = [Int](repeating: 0, count: terms.count)
        var heap = TopK<Int32>(capacity: limit)
        var firstEssential = 0
        var scoredCount = 0
        lengths.withUnsafeBufferPointer { lengths in
            func termScore(_ term: Term, _ posting: Posting) -> Double {
                let tf = Double(posting.frequency)
                let norm = k1 * (1 - b + b * Double(lengths[Int(posting.document)]) / averageLength)
                return term.idf * tf * (k1 + 1) / (tf + norm)
            }
            while true {
                // The next document any essential term holds.
                var document = Int32.max
                for index in firstEssential..<terms.count where positions[index] < terms[index].list.count {
                    document = min(document, terms[index].list[positions[index]].document)
                }
                if document == .max { break }
                var score = 0.0
                for index in firstEssential..<terms.count where positions[index] < terms[index].list.count {
                    let posting = terms[index].list[positions[index]]
                    if posting.document == document {
                        score += termScore(terms[index], posting)
                        scoredCount += 1
                        positions[index] += 1
                    }
                }
                // Non-essential terms, most promising first, while the document can still get in.
                var index = firstEssential - 1
                while index >= 0 {
                    // Documents come in indexing order, so one that can only tie the k-th score loses.
                    if heap.isFull && score + prefixBound[index + 1] <= heap.threshold { break }
                    if let found = terms[index].list.binarySearch(document, from: positions[index]) {
                        positions[index] = found + 1
                        score += termScore(terms[index], terms[index].list[found])
                        scoredCount += 1
                    }
                    index -= 1
                }
                heap.insert(document, score: score)
                if heap.isFull {
                    while firstEssential < terms.count && prefixBound[firstEssential + 1] <= heap.threshold {
                        firstEssential += 1
                    }
                    if firstEssential == terms.count { break }
                }
            }
        }
        scoredPostings += scoredCount
        return heap.sorted().compactMap { entry in keys[Int(entry.item)].map { SearchHit(key: $0, score: entry.score) } }
    }
}
