import Foundation

/// Folds a name for look-up: accents and case removed, letters such as ł, ø, ß, đ spelled in
/// plain Latin, punctuation read as spaces. "Wrocław" and "WROCLAW" fold to "wroclaw",
/// "Saint-Étienne" to "saint etienne".
public enum NameFolding {
    public static func fold(_ text: String) -> String {
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

    /// Letters that canonical decomposition leaves alone.
    private static let specialLetters: [Unicode.Scalar: String] = [
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "ẞ": "ss", "đ": "d", "Đ": "d",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t",
    ]
}
