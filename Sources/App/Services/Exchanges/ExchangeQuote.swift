import ProgrammeRules

/// The lump sum of an exchange as quoted now: the amount, why, and from which table.
struct ExchangeQuote: Sendable, Equatable {
    let amountCents: Int
    let reasons: [String]
    /// "cxc-default 1".
    let table: String

    /// A quote by the rate table in force; a virtual stay, when the programme allows them, has none.
    static func quote(
        visitor: Organisation, host: Organisation, stay: Stay, isVirtual: Bool, settings: ProgrammeSettingsDTO,
        rules: EligibilityRules
    ) throws(AppError) -> ExchangeQuote {
        let rates = settings.rateTable
        let table = "\(rates.name) \(rates.version)"
        if isVirtual {
            return ExchangeQuote(
                amountCents: 0, reasons: ["A virtual stay has no lump sum for travel and accommodation."], table: table)
        }
        do {
            let quote = try LumpSumCalculator(countries: rules.countries, calendar: rules.calendar)
                .quote(from: visitor.place, to: host.place, stay: stay, rates: rates)
            return ExchangeQuote(amountCents: quote.amountCents, reasons: quote.reasons, table: table)
        } catch {
            let first = error.violations.first
            throw .ruleBroken(rule: first?.rule.rawValue ?? "quote-refused", field: "start", message: error.description)
        }
    }

    func write(to exchange: Exchange) {
        exchange.quoteCents = amountCents
        exchange.quoteReasons = reasons.joined(separator: "\n")
        exchange.quoteTable = table
    }
}
