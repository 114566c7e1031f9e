/// The programme's eligibility rules (`docs/programme-rules.md`, "Who may take part" and "Exchanges").
public struct EligibilityRules: Sendable {
    public let countries: CountryRegistry
    public let calendar: HolidayCalendar
    public let limits: DurationLimits
    public let virtualExchangesAllowed: Bool

    public init(
        countries: CountryRegistry = .cosme, calendar: HolidayCalendar, limits: DurationLimits = DurationLimits(),
        virtualExchangesAllowed: Bool = false
    ) {
        self.countries = countries
        self.calendar = calendar
        self.limits = limits
        self.virtualExchangesAllowed = virtualExchangesAllowed
    }

    /// Checks every rule and reports all that fail, not just the first.
    public func evaluate(_ proposal: ExchangeProposal) -> EligibilityDecision {
        var violations = organisationViolations(visitor: proposal.visitor, host: proposal.host)
        violations += countryViolations(visitor: proposal.visitor.country, host: proposal.host.country, stay: proposal.stay)
        if proposal.visitorFundedExchanges > 0 {
            violations.append(
                RuleViolation(
                    .alreadyFunded, party: .visitor,
                    "The visitor organisation has already had a funded exchange; each visitor organisation is funded once."))
        }
        if proposal.isVirtual && !virtualExchangesAllowed {
            violations.append(RuleViolation(.virtualNotAllowed, "Virtual exchanges are not open in the programme at present."))
        }
        let (durationViolations, workingDays) = durationViolations(stay: proposal.stay, hostCountry: proposal.host.country)
        return EligibilityDecision(violations: violations + durationViolations, workingDays: workingDays)
    }

    /// The rules about who the two organisations are, independent of dates.
    public func organisationViolations(visitor: Participant, host: Participant) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        if visitor.country == host.country {
            violations.append(
                RuleViolation(
                    .sameCountry,
                    "Both organisations are in \(countries.name(of: host.country)); an exchange must cross a border."))
        }
        return violations + visitorViolations(visitor) + hostViolations(host)
    }

    /// Whether the organisation may visit at all: not a host-only kind, and an SME only as a
    /// member of a cluster. Registration, listings and imports ask this one question.
    public func visitorViolations(_ visitor: Participant) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        if visitor.kind.isHostOnly {
            violations.append(
                RuleViolation(
                    .hostOnlyKind, party: .visitor,
                    "A \(visitor.kind.displayName.lowercased()) may host exchanges but may not visit."))
        }
        if visitor.kind.needsClusterMembership && !visitor.isClusterMember {
            violations.append(
                RuleViolation(
                    .smeWithoutCluster, party: .visitor,
                    "An SME may visit only as a member of a cluster organisation profiled on the platform: "
                        + "name your cluster in the profile."))
        }
        return violations
    }

    /// Whether the organisation may host: an SME outside any cluster only with the programme's approval.
    public func hostViolations(_ host: Participant) -> [RuleViolation] {
        guard host.kind.needsClusterMembership && !host.isClusterMember && !host.hasProgrammeApproval else { return [] }
        return [
            RuleViolation(
                .smeHostWithoutApproval, party: .host,
                "An SME that is not a cluster member may host only with the programme's prior approval.")
        ]
    }

    /// Both countries must take part in the programme on every day of the stay.
    public func countryViolations(visitor: CountryCode, host: CountryCode, stay: Stay) -> [RuleViolation] {
        participationViolations(.visitor, country: visitor, during: stay)
            + participationViolations(.host, country: host, during: stay)
    }

    /// Whether a party's country takes part in the programme on every day of `stay` (a
    /// registration is checked on the platform's date alone).
    public func participationViolations(_ party: Party, country code: CountryCode, during stay: Stay) -> [RuleViolation] {
        let country = countries.country(code)
        if country?.isParticipating(throughout: stay) == true { return [] }
        let label = countries.label(of: code)
        let days = stay.start == stay.end ? "on \(stay.start.words)" : "throughout \(CalendarDate.span(stay.start, stay.end))"
        let message: String
        if let country, !country.participation.isEmpty {
            let periods = country.participation.map(\.description).joined(separator: " and ")
            message = "\(label), the \(party.rawValue)'s country, takes part in the programme \(periods), not \(days)."
        } else {
            message = "\(label), the \(party.rawValue)'s country, is not a participating country of the programme."
        }
        return [RuleViolation(.countryNotParticipating, party: party, message)]
    }

    /// The stay must last at least `minWorkingDays` working days in the host country and at most
    /// `maxCalendarDays` calendar days.
    public func durationViolations(stay: Stay, hostCountry: CountryCode) -> ([RuleViolation], WorkingDayCount?) {
        guard stay.isOrdered else {
            return (
                [RuleViolation(.endBeforeStart, "The stay ends on \(stay.end.words), before it starts on \(stay.start.words).")],
                nil
            )
        }
        var violations: [RuleViolation] = []
        if stay.calendarDays > limits.maxCalendarDays {
            violations.append(
                RuleViolation(
                    .tooLong,
                    "The stay lasts \(stay.calendarDays) calendar days; at most \(limits.maxCalendarDays) are allowed."))
        }
        let count: WorkingDayCount
        do {
            count = try calendar.workingDays(in: stay, country: hostCountry)
        } catch .unknownCountry {
            // The country rule already says why: a country without a calendar is not participating.
            return (violations, nil)
        } catch {
            violations.append(
                RuleViolation(
                    .datesOutsideCalendar,
                    "Working days can be counted from \(calendar.coveredYears.lowerBound) "
                        + "to \(calendar.coveredYears.upperBound); the stay "
                        + "\(CalendarDate.span(stay.start, stay.end)) is outside."
                ))
            return (violations, nil)
        }
        if count.workingDays < limits.minWorkingDays {
            violations.append(
                RuleViolation(
                    .tooShort,
                    "The stay has \(count.workingDays) working \(plural(count.workingDays, "day")) in the host country; "
                        + "at least \(limits.minWorkingDays) are required (\(count.explanation))."))
        }
        return (violations, count)
    }
}
