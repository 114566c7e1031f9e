import Foundation

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
