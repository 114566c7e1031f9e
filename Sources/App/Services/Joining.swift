import Fluent
import ProgrammeRules

/// What a newcomer asks before signing up, answered by the programme's rules and open to anyone:
/// may my organisation take part, and what would a stay pay?
struct Joining {
    let context: ServiceContext

    /// The eligibility check's answer, in people's words.
    struct Eligibility: Encodable, Equatable {
        let mayVisit: Bool
        let mayHost: Bool
        /// One sentence for the answer, then the reasons.
        let summary: String
        let reasons: [String]
    }

    /// "A technology centre in Czechia": may it visit, may it host, and why not.
    func eligibility(kind kindText: String?, country countryText: String?, clusterMember: Bool) throws(AppError) -> Eligibility {
        var problems = InputChecker()
        let kind = kindText.flatMap(OrganisationKind.init(rawValue:))
        if kind == nil { problems.fail("kind", "one-of", "choose the kind of organisation") }
        let country = countryText.flatMap(Validation.country(nameOrCode:))
        if country == nil { problems.fail("country", "participating-country", "choose the country where it is registered") }
        if !problems.problems.isEmpty { throw AppError.invalid(problems.problems, status: .badRequest) }
        guard let kind, let country else { throw AppError.invalid("kind", "one-of", "choose the kind of organisation") }
        let rules = context.matching.rules
        let participant = Participant(kind: kind, country: country, isClusterMember: clusterMember)
        let today = context.clock.today
        let countryName = rules.countries.name(of: country)
        let noun = kind == .sme ? "SME" : kind.displayName.lowercased()
        let what = "\(Self.article(noun)) \(noun) in \(countryName)"
        guard rules.countries.isParticipating(country, on: today) else {
            return Eligibility(
                mayVisit: false, mayHost: false, summary: "\(countryName) does not take part in the programme today.",
                reasons: ["Organisations of the 27 member states and the other COSME countries take part."])
        }
        let visit = rules.visitorViolations(participant).map(\.message)
        let host = rules.hostViolations(participant).map(\.message)
        let summary: String
        switch (visit.isEmpty, host.isEmpty) {
        case (true, true): summary = "Yes: \(what) may visit a host abroad and may host visitors."
        case (false, true): summary = "\(what.capitalizedFirst) may host visitors, but may not visit."
        case (true, false): summary = "\(what.capitalizedFirst) may visit a host abroad; hosting needs the programme's approval."
        case (false, false): summary = "Not yet: \(what) may neither visit nor host as things stand."
        }
        var reasons = visit + host
        if visit.isEmpty {
            reasons.append(
                "A visitor organisation is funded once: one stay of 3 working days to 1 month, in another participating country.")
        }
        return Eligibility(mayVisit: visit.isEmpty, mayHost: host.isEmpty, summary: summary, reasons: reasons)
    }

    /// The calculator's answer: the amount, the sentence that explains it, and the steps.
    struct Quote: Encodable, Equatable {
        let amount: String
        let sentence: String
        let steps: [String]
    }

    /// What a stay from one city to another would pay under the rate table in force.
    func quote(
        fromCity: String?, fromCountry: String?, toCity: String?, toCountry: String?, start: String?, end: String?
    ) async throws -> Quote {
        var problems = InputChecker()
        let gazetteer = try Gazetteer.bundled()
        func place(_ city: String?, _ countryText: String?, _ field: String) -> City? {
            guard let country = countryText.flatMap(Validation.country(nameOrCode:)) else {
                problems.fail("\(field)Country", "participating-country", "choose a participating country")
                return nil
            }
            let name = (city ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.utf8.count <= 200 else {
                problems.fail("\(field)City", "required", "write the city, e.g. Lyon")
                return nil
            }
            do {
                return try gazetteer.resolve("\(name), \(country.rawValue)")
            } catch {
                problems.fail("\(field)City", "unknown-city", "\(error)")
                return nil
            }
        }
        let visitor = place(fromCity, fromCountry, "from")
        let host = place(toCity, toCountry, "to")
        let first = start.flatMap(CalendarDate.init(iso:))
        let last = end.flatMap(CalendarDate.init(iso:))
        if first == nil { problems.fail("start", "date", "choose the first day of the stay") }
        if last == nil { problems.fail("end", "date", "choose the last day of the stay") }
        if let first, let last, last < first { problems.fail("end", "after-start", "the last day comes after the first") }
        if !problems.problems.isEmpty { throw AppError.invalid(problems.problems, status: .badRequest) }
        guard let visitor, let host, let first, let last else { return Quote(amount: "", sentence: "", steps: []) }
        let rules = context.matching.rules
        let settings = try await context.settings.current()
        do {
            let quote = try LumpSumCalculator(countries: rules.countries, calendar: rules.calendar)
                .quote(from: visitor.place, to: host.place, stay: Stay(start: first, end: last), rates: settings.rateTable)
            let amount = Money.format(cents: quote.amountCents, currency: "EUR")
            return Quote(amount: amount, sentence: quote.reasons.first ?? amount, steps: Array(quote.reasons.dropFirst()))
        } catch {
            throw AppError.ruleBroken(
                rule: error.violations.first?.rule.rawValue ?? "quote-refused", field: "start", message: error.description)
        }
    }

    private static func article(_ words: String) -> String {
        guard let first = words.lowercased().first else { return "a" }
        // "An SME": the letter is read, not the word.
        return "aeiou".contains(first) || words.hasPrefix("SME") ? "an" : "a"
    }
}

extension String {
    /// "an SME in Czechia" → "An SME in Czechia".
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension ServiceContext {
    var joining: Joining { Joining(context: self) }
}
