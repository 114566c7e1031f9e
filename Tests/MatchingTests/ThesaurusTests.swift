import Matching
import Testing

@Suite struct ThesaurusTests {
    let thesaurus = Thesaurus([["artificial intelligence", "AI", "KI", "künstliche Intelligenz"], ["hydrogen", "Wasserstoff"]])

    @Test func theLongestPhraseWinsAndOtherWordsAreLeft() {
        let matches = thesaurus.matches(in: ["kunstliche", "intelligenz", "lab", "wasserstoff"])
        #expect(matches.map(\.start) == [0, 3])
        #expect(matches.map(\.count) == [2, 1])
        #expect(matches.first?.phrases == ["artificial intelligence", "ai", "ki", "kunstliche intelligenz"])
        #expect(thesaurus.matches(in: ["intelligenz", "artificial"]).isEmpty)
    }

    @Test func synonymsAreFoldedAndIncludeThePhrase() {
        #expect(thesaurus.synonyms(of: "WASSERSTOFF") == ["hydrogen", "wasserstoff"])
        #expect(thesaurus.synonyms(of: "helium") == nil)
    }

    @Test func everyPhraseOfTheProgrammeBelongsToOneConcept() {
        // A phrase listed under two concepts would search the first one only: each names one.
        for phrase in ["ai", "3d printing", "wasserstoff", "fotonica", "iot", "kreislaufwirtschaft", "ev"] {
            let concept = Thesaurus.programme.synonyms(of: phrase)
            #expect(concept?.contains(phrase) == true, "\(phrase)")
        }
    }
}
