import ProgrammeRules

/// Options under a heading (`<optgroup>`).
struct ChoiceGroup: Encodable, Sendable {
    let label: String
    let options: [Choice]

    /// The NACE divisions by section, in words ("C26 Computer, electronic and optical products").
    static func sectors(selected: String?) -> [ChoiceGroup] {
        Dictionary(grouping: NACECode.all, by: \.section).sorted { $0.key < $1.key }.map { section, codes in
            let title = NACECode.sectionTitle(section)
            return ChoiceGroup(
                label: "\(section) \(title.prefix(1).uppercased())\(title.dropFirst())",
                options: codes.map { Choice(value: $0.description, label: $0.label, selected: $0.description == selected) })
        }
    }
}
