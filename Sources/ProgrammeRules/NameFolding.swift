import Foundation

/// Folds a name for look-up: accents and case removed, letters such as ł, ø, ß, đ spelled in
/// plain Latin, punctuation read as spaces. "Wrocław" and "WROCLAW" fold to "wroclaw",
/// "Saint-Étienne" to "saint etienne".
public enum NameFolding {
    public static func fold(_ text: String) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? foldASCII(text) : foldUnicode(text)
    }

    static func foldUnicode(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .nonspacingMark || category == .enclosingMark || category == .spacingMark { continue }
            let replacement: String?
            if let special = specialLetters[scalar] {
                replacement = special
            } else if scalar.properties.isAlphabetic || category == .decimalNumber {
                replacement = nil
            } else {
                // Spaces, hyphens, apostrophes, dots and every other separator.
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace {
                folded.append(" ")
                pendingSpace = false
            }
            if let replacement {
                folded.append(contentsOf: replacement.unicodeScalars)
            } else {
                folded.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(folded)
    }

    /// The same folding for plain ASCII text, byte by byte: most text is ASCII, and the index
    /// folds every offer's words.
    static func foldASCII(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            let kept: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): kept = byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept = byte + 32
            default:
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(UInt8(ascii: " "))
                pendingSpace = false
            }
            bytes.append(kept)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Letters that canonical decomposition leaves alone.
    private static let specialLetters: [Unicode.Scalar: String] = [
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "ẞ": "ss", "đ": "d", "Đ": "d",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t",
    ]
}
