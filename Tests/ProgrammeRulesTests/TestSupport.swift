@testable import ProgrammeRules

/// A date from a literal the test knows is valid.
func day(_ text: String) -> CalendarDate {
    guard let date = CalendarDate(iso: text) else { fatalError("not a date: \(text)") }
    return date
}

func code(_ text: String) -> CountryCode {
    guard let code = CountryCode(text) else { fatalError("not a country code: \(text)") }
    return code
}

func stay(_ start: String, _ end: String) -> Stay { Stay(start: day(start), end: day(end)) }
