/// A light stemmer for the five languages the analyser knows (English, French, German, Italian,
/// Spanish), for folded words: it removes a plural "s" (lasers, láseres, robots), the German
/// plural "-ungen", and up to two final vowels (tecnologia and tecnologie, technology and
/// technologies, sensore and sensori all meet). It only ever removes an ending, so a stem is the
/// start of every word it came from: the database still finds it with `LIKE '%stem%'`. Applied
/// twice it gives the same stem, so stems can be fed back as queries.
public enum Stemmer {
    /// Stems keep at least this many letters.
    static let shortest = 5

    public static func stem(_ word: String) -> String {
        guard word.utf8.count >= 4, word.utf8.allSatisfy({ (0x61...0x7A).contains($0) }) else { return word }
        var current = Array(word.utf8)
        while true {
            let next = step(current)
            if next == current { return String(decoding: current, as: UTF8.self) }
            current = next
        }
    }

    private static func step(_ word: [UInt8]) -> [UInt8] {
        var w = word
        let s = UInt8(ascii: "s")
        if w.count >= 4, w.last == s,
            !(w[w.count - 2] == s || w[w.count - 2] == UInt8(ascii: "u") || w[w.count - 2] == UInt8(ascii: "i"))
        {
            w.removeLast()
        }
        if w.count >= 8, w.suffix(5).elementsEqual("ungen".utf8) { w.removeLast(2) }
        var vowels = 0
        while vowels < 2, w.count > shortest, let last = w.last, "aeioy".utf8.contains(last) {
            w.removeLast()
            vowels += 1
        }
        return w
    }
}
