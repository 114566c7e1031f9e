import Testing

@testable import Matching

@Suite struct TextAnalyzerTests {
    let analyzer = TextAnalyzer()

    @Test func foldsCaseAndAccentsAndSplitsOnPunctuation() {
        #expect(analyzer.terms("Énergie SOLAIRE, Wärme-Pumpen; Łódź") == ["energie", "solaire", "warme", "pumpen", "lodz"])
    }

    @Test(arguments: [
        ("the photonics of the future", ["photonics", "future"]),
        ("la photonique et les lasers", ["photonique", "lasers"]),
        ("die Photonik und der Laser", ["photonik", "laser"]),
        ("la fotonica e il laser", ["fotonica", "laser"]),
        ("la fotónica y los láseres", ["fotonica", "laseres"]),
    ])
    func dropsStopWordsOfFiveLanguages(_ text: String, _ expected: [String]) {
        #expect(analyzer.terms(text) == expected)
    }

    @Test func dropsSingleLettersButKeepsCodes() {
        #expect(analyzer.terms("C26 a b 3D-printing") == ["c26", "3d", "printing"])
    }
}
