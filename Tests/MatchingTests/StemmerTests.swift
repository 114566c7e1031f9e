import Testing

@testable import Matching

@Suite struct StemmerTests {
    /// Forms people type for one idea, in the five languages, meet at one stem.
    @Test(arguments: [
        ["laser", "lasers", "láseres"], ["technology", "technologies"], ["tecnologia", "tecnologie"],
        ["sensore", "sensori", "sensores"],
        ["robot", "robots"], ["textile", "textiles"], ["Lösung", "Lösungen"], ["photonic", "photonics"],
        ["material", "materiales"],
        ["process", "processes"],
    ])
    func formsOfOneWordMeet(_ forms: [String]) {
        let analyzer = TextAnalyzer(stemming: true)
        let stems = Set(forms.flatMap(analyzer.terms))
        #expect(stems.count == 1, "\(forms) → \(stems)")
    }

    @Test func aStemIsTheStartOfItsWordAndStemmingTwiceChangesNothing() {
        let words = [
            "technologies", "lasers", "processes", "analysis", "campus", "business", "energy", "photonique", "c26", "data",
        ]
        for word in words {
            let stem = Stemmer.stem(word)
            #expect(word.hasPrefix(stem), "\(word) → \(stem)")
            #expect(Stemmer.stem(stem) == stem, "\(word) → \(stem)")
        }
        #expect(Stemmer.stem("analysis") == "analysis")
        #expect(Stemmer.stem("c26") == "c26")
    }

    @Test func oneTypoIsCorrectedToTheWordDocumentsUse() {
        var index = InvertedIndex()
        index.upsert(IndexedDocument(key: "a", title: "Laser welding", description: "", topics: ["photonics"]))
        index.upsert(IndexedDocument(key: "b", title: "Lasers for food", description: "", topics: ["photonics"]))
        #expect(index.search("lasers").map(\.key).sorted() == ["a", "b"])
        #expect(index.correction(for: "lazer", within: 1)?.surface == "laser")
        #expect(index.correction(for: "photnics", within: 1)?.surface == "photonics")
        // Known words and far ones are not corrected.
        #expect(index.correction(for: "laser", within: 1) == nil)
        #expect(index.correction(for: "hydrogen", within: 1) == nil)
        #expect(index.correction(for: "lasre", within: 2)?.surface == "laser")
    }
}
