import Matching
import ProgrammeRules

/// The lump sum a suggested stay would bring its visitor, under the rate table in force: shared by
/// suggestion lists and matching rounds, so a pair's figure is the same wherever it is shown.
enum LumpSums {
    /// Nil when either organisation has left the index or the quote is refused.
    static func quote(_ suggestion: Suggestion, _ matcher: Matcher, rates: RateTable = .cxcDefault) -> LumpSumQuote? {
        guard let visitor = matcher.organisations[suggestion.visitor], let host = matcher.organisations[suggestion.host] else {
            return nil
        }
        let calculator = LumpSumCalculator(countries: matcher.rules.countries, calendar: matcher.rules.calendar)
        return try? calculator.quote(
            from: Place(label: visitor.name, country: visitor.country, coordinate: visitor.coordinate),
            to: Place(label: host.name, country: host.country, coordinate: host.coordinate),
            stay: suggestion.stay, rates: rates)
    }
}
