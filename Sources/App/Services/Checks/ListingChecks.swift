import ProgrammeRules

/// The checks of offers and requests, one place for the API, the forms and the import: every
/// field at once, text in UTF-8 bytes, dates inside the programme's calendar, numbers in range.
enum ListingChecks {
    static let maximumCapacity = 1_000

    static func text(
        title: String?, description: String?, purposes: [String]?, topics: [String]?, languages: [String]?,
        _ c: inout InputChecker
    ) -> ListingText {
        ListingText(
            title: c.text(title, "title", required: true, max: 200),
            description: c.text(description, "description", required: false, max: 5_000),
            purposes: c.list(purposes, "purposes", required: true, check: Validation.purposeProblem).compactMap(
                Purpose.init(rawValue:)),
            topics: c.list(topics, "topics"),
            languages: c.list(
                languages?.map { Validation.languageCode($0) ?? $0 }, "languages", check: Validation.languageProblem))
    }

    static func offer(_ input: OfferInput, virtualAllowed: Bool) throws(AppError) -> OfferFields {
        var c = InputChecker()
        let text = text(
            title: input.title, description: input.description, purposes: input.purposes, topics: input.topics,
            languages: input.languages, &c)
        let from = c.date(input.availableFrom, "availableFrom")
        let to = c.date(input.availableTo, "availableTo")
        if let from, let to, to < from { c.fail("availableTo", "date-order", "is before the first day available (\(from))") }
        let capacity = c.number(input.capacity, "capacity", in: 1...maximumCapacity, default: 1)
        if input.virtual == true && !virtualAllowed {
            c.fail("virtual", RuleID.virtualNotAllowed.rawValue, "virtual exchanges are not open in the programme at present")
        }
        guard c.problems.isEmpty, let from, let to, let capacity else { throw .invalid(c.problems) }
        return OfferFields(text: text, availableFrom: from, availableTo: to, capacity: capacity, isVirtual: input.virtual == true)
    }

    static func request(_ input: RequestInput, visitorCountry: CountryCode?) throws(AppError) -> RequestFields {
        var c = InputChecker()
        let text = text(
            title: input.title, description: input.description, purposes: input.purposes, topics: input.topics,
            languages: input.languages, &c)
        // Names or codes: "Germany", "Deutschland", "de".
        let preferred = c.list(input.preferredCountries, "preferredCountries") { text in
            Validation.countryNameOrCodeProblem(text)
                ?? (Validation.country(nameOrCode: text) == visitorCountry
                    ? "an exchange crosses a border: not your own country" : nil)
        }
        let earliest = c.date(input.earliest, "earliest")
        let latest = c.date(input.latest, "latest")
        if let earliest, let latest, latest < earliest {
            c.fail("latest", "date-order", "is before the earliest start (\(earliest))")
        }
        let limits = RateTable.cxcDefault.limits
        let workingDays = c.number(input.workingDays, "workingDays", in: limits.minWorkingDays...limits.maxCalendarDays)
        if let workingDays, let earliest, let latest, latest.dayNumber - earliest.dayNumber + 1 < workingDays {
            c.fail("workingDays", "window", "\(workingDays) working days do not fit between \(earliest) and \(latest)")
        }
        guard c.problems.isEmpty, let earliest, let latest, let workingDays else { throw .invalid(c.problems) }
        return RequestFields(
            text: text, earliest: earliest, latest: latest, workingDays: workingDays,
            preferredCountries: preferred.compactMap { Validation.country(nameOrCode: $0) })
    }
}
