enum CountryTable {
    static let programmeStart = date(2014, 1, 1)

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        // Only called with literal, valid dates below.
        CalendarDate(year: year, month: month, day: day) ?? CalendarDate(dayNumber: 0)
    }

    static func member(_ code: String, _ name: String) -> Country {
        country(code, name, eu: true, from: programmeStart)
    }

    static func country(
        _ code: String, _ name: String, eu: Bool = false, from: CalendarDate, until: CalendarDate? = nil
    ) -> Country {
        Country(
            code: CountryCode(literal: code), name: name, isEUMember: eu,
            participation: [ParticipationPeriod(from: from, until: until)])
    }

    static func never(_ code: String, _ name: String) -> Country {
        Country(code: CountryCode(literal: code), name: name, isEUMember: false, participation: [])
    }

    static let all: [Country] = [
        member("AT", "Austria"), member("BE", "Belgium"), member("BG", "Bulgaria"),
        member("HR", "Croatia"), member("CY", "Cyprus"), member("CZ", "Czechia"),
        member("DK", "Denmark"), member("EE", "Estonia"), member("FI", "Finland"),
        member("FR", "France"), member("DE", "Germany"), member("GR", "Greece"),
        member("HU", "Hungary"), member("IE", "Ireland"), member("IT", "Italy"),
        member("LV", "Latvia"), member("LT", "Lithuania"), member("LU", "Luxembourg"),
        member("MT", "Malta"), member("NL", "Netherlands"), member("PL", "Poland"),
        member("PT", "Portugal"), member("RO", "Romania"), member("SK", "Slovakia"),
        member("SI", "Slovenia"), member("ES", "Spain"), member("SE", "Sweden"),
        // Withdrew from the EU on 2020-01-31; took part until the end of the transition period.
        country("GB", "United Kingdom", from: programmeStart, until: date(2020, 12, 31)),
        country("AL", "Albania", from: programmeStart),
        country("AM", "Armenia", from: programmeStart),
        country("BA", "Bosnia and Herzegovina", from: programmeStart),
        country("IS", "Iceland", from: programmeStart),
        // This designation is without prejudice to positions on status.
        country("XK", "Kosovo", from: programmeStart),
        country("MD", "Moldova", from: date(2015, 4, 7)),
        country("ME", "Montenegro", from: date(2014, 10, 29)),
        country("MK", "North Macedonia", from: date(2015, 1, 16)),
        country("RS", "Serbia", from: programmeStart),
        country("TR", "Turkey", from: date(2014, 12, 22)),
        country("UA", "Ukraine", from: programmeStart),
        // Often confused with COSME participants (Horizon associates and others): never took part.
        never("NO", "Norway"), never("CH", "Switzerland"), never("IL", "Israel"),
        never("GE", "Georgia"), never("TN", "Tunisia"), never("FO", "Faroe Islands"),
        never("LI", "Liechtenstein"),
    ]
}
