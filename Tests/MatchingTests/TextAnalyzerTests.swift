import ProgrammeRules
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

    /// The one-pass ASCII path gives what folding then splitting gives.
    @Test func theASCIIPathMatchesFoldingThenSplitting() {
        var random = SystemRandomNumberGeneratorWithSeed(seed: 7)
        let pieces = ["Laser", "the", "C26", "3D", "-", " ", ",", "a", "PHOTONICS", "und", "x", "42", "\t", "(", "Hydrogen's"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }
                .joined()
            let expected = NameFolding.fold(text).split(separator: " ").map(String.init)
                .filter { $0.count >= 2 && !StopWords.all.contains($0) }
            #expect(analyzer.terms(text) == expected, "\(text)")
        }
    }
}
