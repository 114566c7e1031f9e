import NIOConcurrencyHelpers
import ProgrammeRules

/// The catalogue's filter options as markup. Most searches choose none, so the options with
/// nothing selected are written once (the countries once a day, as participation has dates) and
/// reused; a chosen value is written afresh.
enum FilterOptions {
    static func countries(on day: CalendarDate, selected: CountryCode?) -> String {
        if selected == nil, let known = unselectedCountries.withLockedValue({ $0?.day == day ? $0?.html : nil }) {
            return known
        }
        let html = HTML.options(
            CountryRegistry.cosme.participating(on: day).sorted { $0.name < $1.name }.map {
                Choice(value: $0.code.rawValue, label: $0.name, selected: selected == $0.code)
            })
        if selected == nil { unselectedCountries.withLockedValue { $0 = (day, html) } }
        return html
    }

    static func sectors(selected: String?) -> String {
        selected == nil ? unselectedSectors : HTML.options(ChoiceGroup.sectors(selected: selected))
    }

    static func kinds(selected: OrganisationKind?) -> String {
        selected == nil ? unselectedKinds : kindOptions(selected)
    }

    static func purposes(selected: Purpose?) -> String {
        selected == nil ? unselectedPurposes : purposeOptions(selected)
    }

    private static let unselectedCountries = NIOLockedValueBox<(day: CalendarDate, html: String)?>(nil)
    private static let unselectedSectors = HTML.options(ChoiceGroup.sectors(selected: nil))
    private static let unselectedKinds = kindOptions(nil)
    private static let unselectedPurposes = purposeOptions(nil)

    private static func kindOptions(_ selected: OrganisationKind?) -> String {
        HTML.options(
            OrganisationKind.allCases.map { Choice(value: $0.rawValue, label: $0.displayName, selected: selected == $0) })
    }

    private static func purposeOptions(_ selected: Purpose?) -> String {
        HTML.options(Purpose.allCases.map { Choice(value: $0.rawValue, label: $0.displayName, selected: selected == $0) })
    }
}
