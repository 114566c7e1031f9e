import Foundation

/// A document to index: its key and its fields. Field weights follow BM25F's idea: a word in the
/// topics or the title says more about a document than one in its description.
public struct IndexedDocument: Sendable, Equatable {
    public let key: String
    public let title: String
    public let description: String
    public let topics: [String]

    public init(key: String, title: String, description: String, topics: [String]) {
        self.key = key
        self.title = title
        self.description = description
        self.topics = topics
    }
}

public struct SearchHit: Sendable, Equatable {
    public let key: String
    public let score: Double
}

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

    private var postings: [String: [Posting]] = [:]
    /// Per term, the largest frequency and the shortest document ever seen with it: enough for an
    /// upper bound of the term's score (removals can only make the bound looser, never wrong).
    private var bounds: [String: (maxFrequency: Float, minLength: Float)] = [:]
    private var keys: [String?] = []
    private var lengths: [Float] = []
    private var numbers: [String: Int32] = [:]
    private var termsOfDocument: [Int32: [String]] = [:]
    private var totalLength: Double = 0

    public init(analyzer: TextAnalyzer = TextAnalyzer(), weights: Weights = Weights()) {
        self.analyzer = analyzer
        self.weights = weights
    }

    public var count: Int { numbers.count }

    /// Adds or replaces a document.
    public mutating func upsert(_ document: IndexedDocument) {
        remove(key: document.key)
        var frequencies: [String: Float] = [:]
        for term in analyzer.terms(document.title) { frequencies[term, default: 0] += Float(weights.title) }
        for term in document.topics.flatMap(analyzer.terms) { frequencies[term, default: 0] += Float(weights.topics) }
        for term in analyzer.terms(document.description) { frequencies[term, default: 0] += Float(weights.description) }
        let number = Int32(keys.count)
        keys.append(document.key)
        let length = frequencies.values.reduce(0, +)
        lengths.append(length)
        totalLength += Double(length)
        numbers[document.key] = number
        termsOfDocument[number] = Array(frequencies.keys)
        // Document numbers only grow, so appending keeps every posting list sorted.
        for (term, frequency) in frequencies {
            postings[term, default: []].append(Posting(document: number, frequency: frequency))
            let bound = bounds[term] ?? (0, .greatestFiniteMagnitude)
            bounds[term] = (max(bound.maxFrequency, frequency), min(bound.minLength, length))
        }
    }

    public mutating func remove(key: String) {
        guard let number = numbers.removeValue(forKey: key) else { return }
        for term in termsOfDocument.removeValue(forKey: number) ?? [] {
            postings[term]?.removeAll { $0.document == number }
            if postings[term]?.isEmpty == true {
                postings[term] = nil
                bounds[term] = nil
            }
        }
        totalLength -= Double(lengths[Int(number)])
        keys[Int(number)] = nil
    }

    /// Inverse document frequency, BM25's (always positive) form.
    func idf(_ term: String) -> Double {
        let n = Double(count)
        let df = Double(postings[term]?.count ?? 0)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// The most any document could score for the query: each of its terms at an unbounded
    /// frequency. Dividing by it puts scores of different queries on one scale.
    public func scoreCeiling(_ query: String) -> Double {
        Set(analyzer.terms(query)).reduce(0) { total, term in
            postings[term] == nil ? total : total + idf(term) * (k1 + 1)
        }
    }

    /// The BM25 score of one document for the query (0 when it shares no term or is unknown).
    public func score(_ query: String, key: String) -> Double {
        guard let number = numbers[key], count > 0 else { return 0 }
        let averageLength = max(totalLength / Double(count), 1)
        let norm = k1 * (1 - b + b * Double(lengths[Int(number)]) / averageLength)
        return Set(analyzer.terms(query)).reduce(0) { total, term in
            guard let list = postings[term], let found = list.binarySearch(number) else { return total }
            let tf = Double(list[found].frequency)
            return total + idf(term) * tf * (k1 + 1) / (tf + norm)
        }
    }

    /// The query's terms the document holds, rarest first: what a match is "about". Words found in
    /// more than `maxShare` of the documents say little and are left out.
    public func sharedTerms(_ query: String, key: String, limit: Int, maxShare: Double = 0.05) -> [String] {
        guard let number = numbers[key], let terms = termsOfDocument[number] else { return [] }
        let held = Set(terms)
        let most = max(1, Int(Double(count) * maxShare))
        return Set(analyzer.terms(query)).filter { held.contains($0) && (postings[$0]?.count ?? 0) <= most }
            .sorted { (idf($0), $1) > (idf($1), $0) }
            .prefix(limit).map { $0 }
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
        struct Cursor {
            let list: [Posting]
            let idf: Double
            let bound: Double
            var position = 0
            var current: Int32? { position < list.count ? list[position].document : nil }
        }
        var cursors: [Cursor] = Set(analyzer.terms(query)).compactMap { term in
            guard let list = postings[term], let bound = bounds[term] else { return nil }
            let idf = idf(term)
            let tf = Double(bound.maxFrequency)
            let norm = k1 * (1 - b + b * Double(bound.minLength) / averageLength)
            return Cursor(list: list, idf: idf, bound: idf * tf * (k1 + 1) / (tf + norm))
        }
        cursors.sort { $0.bound < $1.bound }
        // prefixBound[i]: the most the terms before i can add together.
        var prefixBound = [0.0]
        for cursor in cursors { prefixBound.append((prefixBound.last ?? 0) + cursor.bound) }

        func termScore(_ cursor: Cursor, _ posting: Posting) -> Double {
            scoredPostings += 1
            let tf = Double(posting.frequency)
            let norm = k1 * (1 - b + b * Double(lengths[Int(posting.document)]) / averageLength)
            return cursor.idf * tf * (k1 + 1) / (tf + norm)
        }

        var heap = TopK<Int32>(capacity: limit)
        var firstEssential = 0
        while true {
            // The next document any essential term holds.
            guard let document = cursors[firstEssential...].compactMap(\.current).min() else { break }
            var score = 0.0
            for index in firstEssential..<cursors.count where cursors[index].current == document {
                score += termScore(cursors[index], cursors[index].list[cursors[index].position])
                cursors[index].position += 1
            }
            // Non-essential terms, most promising first, while the document can still get in.
            var index = firstEssential - 1
            while index >= 0 {
                // Documents come in indexing order, so one that can only tie the k-th score loses.
                if heap.isFull && score + prefixBound[index + 1] <= heap.threshold { break }
                if let found = cursors[index].list.binarySearch(document) {
                    score += termScore(cursors[index], cursors[index].list[found])
                }
                index -= 1
            }
            heap.insert(document, score: score)
            if heap.isFull {
                while firstEssential < cursors.count && prefixBound[firstEssential + 1] <= heap.threshold { firstEssential += 1 }
                if firstEssential == cursors.count { break }
            }
        }
        return heap.sorted().compactMap { entry in keys[Int(entry.item)].map { SearchHit(key: $0, score: entry.score) } }
    }
}

extension Array where Element == InvertedIndex.Posting {
    /// The position of `document` in a list sorted by document number.
    func binarySearch(_ document: Int32) -> Int? {
        var low = 0
        var high = count - 1
        while low <= high {
            let middle = (low + high) / 2
            let value = self[middle].document
            if value == document { return middle }
            if value < document { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}

/// The best `capacity` items seen, in a min-heap on score: each insert is O(log k).
struct TopK<Item: Comparable> {
    struct Entry {
        let item: Item
        let score: Double
    }

    let capacity: Int
    private var heap: [Entry] = []

    init(capacity: Int) { self.capacity = capacity }

    var isFull: Bool { heap.count >= capacity }
    /// The k-th best score so far: a document must beat it to get in.
    var threshold: Double { heap.first?.score ?? -.infinity }

    /// "Worse" means a lower score, or the same score and a later item.
    private static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score != b.score ? a.score < b.score : a.item > b.item
    }

    mutating func insert(_ item: Item, score: Double) {
        let entry = Entry(item: item, score: score)
        if heap.count < capacity {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if let root = heap.first, Self.worse(root, entry) {
            heap[0] = entry
            siftDown(0)
        }
    }

    func sorted() -> [Entry] { heap.sorted { Self.worse($1, $0) } }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.worse(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && Self.worse(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && Self.worse(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
