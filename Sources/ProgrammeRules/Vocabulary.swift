import Foundation

/// The leaflet's four purposes of an exchange, by their wire names.
public enum Purpose: String, CaseIterable, Codable, Sendable {
    case learn
    case markets
    case technology
    case collaboration

    public var displayName: String {
        switch self {
        case .learn: "Learn from actors in another cluster"
        case .markets: "Explore growth opportunities in new markets"
        case .technology: "Take up new technologies, digitalisation and green low-carbon solutions"
        case .collaboration: "Invest in strategic interregional collaboration"
        }
    }
}

/// A NACE Rev. 2 code as the platform writes it: the section letter and the two-digit division
/// ("C26"). Divisions belong to exactly one section, so the letter is the section.
public struct NACECode: Hashable, Sendable, CustomStringConvertible {
    public let section: Character
    public let division: Int

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard trimmed.count == 3, let letter = trimmed.first, ("A"..."U").contains(letter),
            let division = Int(trimmed.dropFirst()), (1...99).contains(division),
            NACECode.divisions[letter]?.contains(division) == true
        else { return nil }
        self.section = letter
        self.division = division
    }

    public var description: String { "\(section)\(String(division).leftPadded(to: 2))" }

    /// The divisions of each NACE Rev. 2 section.
    static let divisions: [Character: ClosedRange<Int>] = [
        "A": 1...3, "B": 5...9, "C": 10...33, "D": 35...35, "E": 36...39, "F": 41...43, "G": 45...47,
        "H": 49...53, "I": 55...56, "J": 58...63, "K": 64...66, "L": 68...68, "M": 69...75, "N": 77...82,
        "O": 84...84, "P": 85...85, "Q": 86...88, "R": 90...93, "S": 94...96, "T": 97...98, "U": 99...99,
    ]
}


/// An ISO 639-1 language code, lower case ("de").
public enum LanguageCode {
    public static func isValid(_ code: String) -> Bool {
        code.count == 2 && code.allSatisfy { $0.isASCII && $0.isLowercase }
            && Locale(identifier: "en").localizedString(forLanguageCode: code).map { $0.lowercased() != code } == true
    }

    public static func name(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forLanguageCode: code) ?? code
    }

    /// The code of a language named in English or in itself ("German", "Deutsch"), ignoring case.
    public static func code(named name: String) -> String? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard wanted.count >= 3 else { return nil }
        return byName[wanted]
    }

    /// Every two-letter code by its English and native names, lower case.
    private static let byName: [String: String] = {
        var names: [String: String] = [:]
        let english = Locale(identifier: "en")
        for code in Locale.LanguageCode.isoLanguageCodes.map(\.identifier) where code.count == 2 {
            if let name = english.localizedString(forLanguageCode: code)?.lowercased(), names[name] == nil { names[name] = code }
            if let native = Locale(identifier: code).localizedString(forLanguageCode: code)?.lowercased(), names[native] == nil {
                names[native] = code
            }
        }
        return names
    }()
}
