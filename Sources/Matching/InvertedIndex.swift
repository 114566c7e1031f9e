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
        }
    }

    public mutating func remove(key: String) {
        guard let number = numbers.removeValue(forKey: key) else { return }
        for term in termsOfDocument.removeValue(forKey: number) ?? [] {
            postings[term]?.removeAll { $0.document == number }
            if postings[term]?.isEmpty == true { postings[term] = nil }
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

    /// The `limit` best documents for the query, best first; ties by key, so results are stable.
    public func search(_ query: String, limit: Int = 10) -> [SearchHit] {
        guard limit > 0, count > 0 else { return [] }
        let terms = Set(analyzer.terms(query))
        let averageLength = max(totalLength / Double(count), 1)
        var scores: [Int32: Double] = [:]
        for term in terms {
            guard let list = postings[term] else { continue }
            let weight = idf(term)
            for posting in list {
                let tf = Double(posting.frequency)
                let norm = k1 * (1 - b + b * Double(lengths[Int(posting.document)]) / averageLength)
                scores[posting.document, default: 0] += weight * tf * (k1 + 1) / (tf + norm)
            }
        }
        var heap = TopK<Int32>(capacity: limit)
        for (document, score) in scores {
            heap.insert(document, score: score, tieBreak: keys[Int(document)] ?? "")
        }
        return heap.sorted().compactMap { entry in keys[Int(entry.item)].map { SearchHit(key: $0, score: entry.score) } }
    }
}

/// The best `capacity` items seen, in a min-heap on score: each insert is O(log k).
struct TopK<Item> {
    struct Entry {
        let item: Item
        let score: Double
        let tieBreak: String
    }

    let capacity: Int
    private var heap: [Entry] = []

    init(capacity: Int) { self.capacity = capacity }

    /// "Worse" means a lower score, or the same score and a later key.
    private static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score != b.score ? a.score < b.score : a.tieBreak > b.tieBreak
    }

    mutating func insert(_ item: Item, score: Double, tieBreak: String) {
        let entry = Entry(item: item, score: score, tieBreak: tieBreak)
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
