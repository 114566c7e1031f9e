import Foundation

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
