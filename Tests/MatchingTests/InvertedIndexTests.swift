import Foundation
import PropertyBased
import Testing

@testable import Matching

@Suite struct InvertedIndexTests {
    func index(_ documents: [IndexedDocument]) -> InvertedIndex {
        var index = InvertedIndex()
        for document in documents { index.upsert(document) }
        return index
    }

    @Test func aWordInTheTopicsOrTitleCountsMoreThanInTheDescription() {
        let index = index([
            IndexedDocument(
                key: "described", title: "A week in Lyon", description: "We also do some photonics work.", topics: ["textiles"]),
            IndexedDocument(key: "titled", title: "Photonics week", description: "A week with our team.", topics: ["textiles"]),
            IndexedDocument(key: "topical", title: "A week in Jena", description: "A week with our team.", topics: ["photonics"]),
            IndexedDocument(key: "unrelated", title: "Food safety", description: "Cold chain.", topics: ["food"]),
        ])
        #expect(index.search("photonics").map(\.key) == ["topical", "titled", "described"])
    }

    @Test func rareWordsWeighMore() {
        var documents = (0..<20).map { IndexedDocument(key: "common-\($0)", title: "laser", description: "", topics: []) }
        documents.append(IndexedDocument(key: "rare", title: "hydrogen", description: "", topics: []))
        let index = index(documents)
        #expect(index.idf("hydrogen") > index.idf("laser"))
        #expect(index.search("laser hydrogen", limit: 1).map(\.key) == ["rare"])
    }

    @Test func updatesAndRemovalsNeedNoRebuild() {
        var index = index([
            IndexedDocument(key: "a", title: "robotics", description: "", topics: []),
            IndexedDocument(key: "b", title: "textiles", description: "", topics: []),
        ])
        index.upsert(IndexedDocument(key: "a", title: "aquaculture", description: "", topics: []))
        #expect(index.count == 2)
        #expect(index.search("robotics").isEmpty)
        #expect(index.search("aquaculture").map(\.key) == ["a"])
        index.remove(key: "b")
        #expect(index.search("textiles").isEmpty)
        #expect(index.count == 1)
    }

    @Test func noMatchNoQueryNoDocumentsGiveNothing() {
        let empty = InvertedIndex()
        #expect(empty.search("anything").isEmpty)
        let one = index([IndexedDocument(key: "a", title: "robotics", description: "", topics: [])])
        #expect(one.search("the of and").isEmpty)
        #expect(one.search("robotics", limit: 0).isEmpty)
    }

    @Test func maxScoreSkipsMostPostingsOfCommonTerms() {
        var documents = (0..<2_000).map {
            IndexedDocument(key: String(format: "common-%04d", $0), title: "laser", description: "", topics: [])
        }
        documents += (0..<3).map {
            IndexedDocument(key: "rare-\($0)", title: "laser hydrogen", description: "", topics: ["hydrogen"])
        }
        let index = index(documents)
        var scored = 0
        let hits = index.search("laser hydrogen", limit: 3, scoredPostings: &scored)
        #expect(hits.map(\.key) == ["rare-0", "rare-1", "rare-2"])
        #expect(scored < 100, "scored \(scored) of 2,006 postings")
    }

    @Test func tiesAreBrokenByKeyEvenWhenPruning() {
        var documents = (0..<30).map { IndexedDocument(key: "d\($0)", title: "laser", description: "", topics: []) }
        documents += (0..<30).map { IndexedDocument(key: "e\($0)", title: "laser", description: "welding laser", topics: []) }
        let index = index(documents)
        let expected = ReferenceBM25(documents).ranking("laser welding").prefix(5).map(\.key)
        #expect(index.search("laser welding", limit: 5).map(\.key) == expected)
        #expect(index.search("laser", limit: 3).map(\.key) == ReferenceBM25(documents).ranking("laser").prefix(3).map(\.key))
    }

    /// The index's top k equal a plain BM25 computed from scratch over random corpora.
    @Test func topKEqualsAReferenceBM25() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int(Int32.max)), Gen.int(in: 1...60)) { seed, size in
            agreesWithTheReference(seed: seed, size: size)
        }
    }

    /// A corpus where d4 and d25 hold the same terms: summed in another order, their scores differed in
    /// the last bit and the reference and the index broke the tie differently (CI, 2026-11-30).
    @Test func documentsWithTheSameTermsTieUpToRounding() {
        agreesWithTheReference(seed: 614_549_653, size: 27)
    }

    func agreesWithTheReference(seed: Int, size: Int) {
        let vocabulary = ["laser", "photonics", "hydrogen", "robotics", "textile", "food", "solar", "battery", "design", "wood"]
        var generator = SystemRandomNumberGeneratorWithSeed(seed: UInt64(seed))
        func words(_ count: ClosedRange<Int>) -> [String] {
            (0..<Int.random(in: count, using: &generator)).map { _ in vocabulary.randomElement(using: &generator) ?? "" }
        }
        let documents = (0..<size).map { n in
            IndexedDocument(
                key: "d\(n)", title: words(0...3).joined(separator: " "), description: words(0...12).joined(separator: " "),
                topics: words(0...2))
        }
        let query = words(1...3).joined(separator: " ")
        let index = index(documents)
        let k = 1 + seed % 7
        let reference = ReferenceBM25(documents).ranking(query)
        let expected = reference.prefix(k)
        let actual = index.search(query, limit: k)
        #expect(actual.count == expected.count, "query \(query)")
        // Position by position the scores agree; the keys too, except among scores equal up to
        // rounding: the index adds a document's terms in another order than the reference, so two
        // documents with the same terms may differ in the last bit and swap.
        for (a, e) in zip(actual, expected) {
            #expect(abs(a.score - e.score) < 1e-9, "query \(query)")
            let tied = reference.filter { abs($0.score - e.score) < 1e-9 }.map(\.key)
            #expect(tied.contains(a.key), "query \(query): \(a.key) is not among \(tied)")
        }
        #expect(Set(actual.map(\.key)).count == actual.count)
    }
}
