/// Computes lump sums by rule (`docs/programme-rules.md`, "Money"; `docs/interfaces.md`, "Quote").
public struct LumpSumCalculator: Sendable {
    public let countries: CountryRegistry
    public let calendar: HolidayCalendar

    public init(countries: CountryRegistry = .cosme, calendar: HolidayCalendar) {
        self.countries = countries
        self.calendar = calendar
    }

    /// The lump sum a visitor at `from` would receive for a stay with a host at `to`. Refused when
    /// either country does not take part on the stay's dates or the stay is too short or too long.
    public func quote(from: Place, to: Place, stay: Stay, rates: RateTable, greenTravel: Bool = false) throws(QuoteRefusal)
        -> LumpSumQuote
    {
        let rules = EligibilityRules(countries: countries, calendar: calendar, limits: rates.limits)
        let (durationViolations, counted) = rules.durationViolations(stay: stay, hostCountry: to.country)
        let violations = rules.countryViolations(visitor: from.country, host: to.country, stay: stay) + durationViolations
        guard violations.isEmpty, let counted else { throw QuoteRefusal(violations: violations) }

        let distance = from.coordinate.distanceKm(to: to.coordinate)
        let roundedDistance = (distance * 10).rounded() / 10
        let money = { (cents: Int) in Money.format(cents: cents, currency: rates.currency) }
        var reasons = [
            "\(format(roundedDistance)) km great-circle distance from \(from.label) to \(to.label).",
            "\(counted.explanation) in \(countries.name(of: to.country)).",
        ]
        if from.country == to.country {
            reasons.append("Both places are in \(countries.name(of: to.country)): an exchange must cross a border to be funded.")
        }

        let base: Int
        let hostCountry = countries.name(of: to.country)
        // What the amount is, in one sentence a visitor understands; it comes first.
        var what: String
        switch rates.basis {
        case .hostCountryThreshold(let defaultCents, let byCountry):
            if let threshold = byCountry[to.country] {
                base = threshold
                what = "the amount for a stay in \(hostCountry)"
                reasons.append("Threshold for stays in \(hostCountry): \(money(threshold)).")
            } else {
                base = defaultCents
                what = "the programme's general amount for a stay in \(hostCountry), which has no amount of its own"
                reasons.append(
                    "\(hostCountry) has no amount of its own in the rate table: the programme's general amount, "
                        + "\(money(defaultCents)), applies.")
            }
        case .distanceBands(let bands):
            if let band = bands.last(where: { $0.fromKm <= distance }) {
                let green = greenTravel ? band.greenCents : nil
                base = green ?? band.standardCents
                let travel = green != nil ? "green travel" : (greenTravel ? "travel (this band has no green rate)" : "travel")
                reasons.append("Distance band from \(format(band.fromKm)) km, \(travel): \(money(base)) per round trip.")
                what = "the \(travel) amount for \(format(roundedDistance)) km, there and back"
            } else {
                base = 0
                what = "no travel support below \(format(bands.first?.fromKm ?? 0)) km"
                reasons.append("Below \(format(bands.first?.fromKm ?? 0)) km no travel support is due.")
            }
        }

        var amount = base
        if let cap = rates.capCents {
            if base > cap {
                amount = cap
                what += ", capped at \(money(cap)) per visiting organisation"
                reasons.append("Capped at \(money(cap)) per visiting organisation.")
            } else {
                reasons.append("Within the cap of \(money(cap)) per visiting organisation.")
            }
        }

        var halvedBecause: [String] = []
        if let minimum = rates.halveBelowWorkingDays, counted.workingDays < minimum {
            halvedBecause.append(
                "the stay has \(counted.workingDays) working \(plural(counted.workingDays, "day")), fewer than \(minimum)")
        }
        if let minimum = rates.halveBelowDistanceKm, distance < minimum {
            halvedBecause.append("the organisations are \(format(roundedDistance)) km apart, less than \(format(minimum)) km")
        }
        let halved = !halvedBecause.isEmpty
        var sentence = "\(money(amount)): \(what)"
        if halved {
            let whole = amount
            amount /= 2
            sentence = "\(money(amount)): half of \(what) (\(money(whole))), because " + halvedBecause.joined(separator: " and ")
            reasons.append("Halved to \(money(amount)) because " + halvedBecause.joined(separator: " and ") + ".")
        } else {
            let minimums = [
                rates.halveBelowWorkingDays.map { "\($0) working days" }, rates.halveBelowDistanceKm.map { "\(format($0)) km" },
            ]
            .compactMap { $0 }
            if !minimums.isEmpty {
                reasons.append("Not halved: at least " + minimums.joined(separator: " and ") + ".")
            }
        }
        if !halved, rates.halveBelowWorkingDays != nil || rates.halveBelowDistanceKm != nil {
            sentence += ", for \(counted.workingDays) working \(plural(counted.workingDays, "day"))"
        }
        reasons.insert(sentence + ".", at: 0)
        let fingerprint = rates.fingerprint
        reasons.append("Rate table \(rates.name), version \(rates.version): \(money(amount)).")

        return LumpSumQuote(
            distanceKm: roundedDistance, workingDays: counted.workingDays, calendarDays: counted.calendarDays,
            amountCents: amount, currency: rates.currency, halved: halved, reasons: reasons, baseCents: base,
            rates: RateTableReference(name: rates.name, version: rates.version, fingerprint: fingerprint),
            from: from.label, to: to.label, start: stay.start, end: stay.end)
    }

    /// "812.4", "200": kilometres without a trailing ".0".
    private func format(_ km: Double) -> String {
        let tenths = Int((km * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }
}
