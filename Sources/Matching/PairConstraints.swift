import ProgrammeRules

/// The hard constraints of a suggestion, each asked of the rules library: both organisations
/// eligible in their roles, in different participating countries on the dates, a stay with the
/// requested working days inside both windows, a place left, the visitor not yet funded.
struct PairConstraints: Sendable {
    let rules: EligibilityRules
    /// How soon a stay may start; nil: any day of the windows.
    var notice: StayNotice? = nil

    /// Every obstacle at once (empty when the pair may be suggested), and the first stay that fits.
    func check(request: RequestProfile, visitor: OrganisationProfile, offer: OfferProfile, host: OrganisationProfile)
        -> (obstacles: [Obstacle], window: StayWindow)
    {
        let window = StayWindow.find(
            workingDays: request.workingDays, earliest: request.earliest, latest: request.latest,
            availableFrom: offer.availableFrom, availableTo: offer.availableTo, hostCountry: host.country,
            calendar: rules.calendar, maxCalendarDays: rules.limits.maxCalendarDays,
            notBefore: notice?.earliestStart(in: host.country, calendar: rules.calendar))
        var obstacles: [Obstacle] = []
        let stay: Stay
        switch window {
        case .fits(let found, _):
            stay = found
        default:
            obstacles.append(Obstacle(id: Obstacle.noStayWindowID, message: Self.explain(window, request: request, offer: offer)))
            // The remaining rules are still checked, over the request's whole window.
            stay = Stay(start: request.earliest, end: request.latest)
        }
        let proposal = ExchangeProposal(
            visitor: visitor.participant, host: host.participant, stay: stay, isVirtual: offer.isVirtual,
            visitorFundedExchanges: visitor.fundedExchanges)
        if case .fits = window {
            obstacles += rules.evaluate(proposal).violations.map(Obstacle.init)
        } else {
            obstacles += rules.organisationViolations(visitor: proposal.visitor, host: proposal.host).map(Obstacle.init)
            obstacles += rules.countryViolations(visitor: visitor.country, host: host.country, stay: stay).map(Obstacle.init)
            if visitor.fundedExchanges > 0 {
                obstacles.append(
                    Obstacle(
                        id: RuleID.alreadyFunded.rawValue,
                        message: "The visitor organisation has already had a funded exchange; "
                            + "each visitor organisation is funded once."))
            }
        }
        if offer.capacityLeft <= 0 {
            obstacles.append(
                Obstacle(
                    id: Obstacle.capacityExhaustedID,
                    message: "The offer has no place left: every place is taken by an agreed exchange."))
        }
        return (obstacles, window)
    }

    static func explain(_ window: StayWindow, request: RequestProfile, offer: OfferProfile) -> String {
        let asked = "\(request.workingDays) working \(request.workingDays == 1 ? "day" : "days")"
        switch window {
        case .fits(let stay, _):
            return "\(asked) fit from \(stay.start) to \(stay.end)."
        case .noOverlap:
            return "The request's window (\(request.earliest) to \(request.latest)) and "
                + "the offer's availability (\(offer.availableFrom) to \(offer.availableTo)) do not overlap."
        case .tooFewWorkingDays(let available):
            return "The windows share \(available) working \(available == 1 ? "day" : "days") in the host country; "
                + "the request asks for \(asked)."
        case .tooSpread(let maxDays):
            return "The shared days never hold \(asked) within \(maxDays) calendar days, the longest stay allowed."
        case .outsideCalendar:
            return "The windows fall outside the years the holiday calendar covers, so working days cannot be counted."
        case .tooSoon(let earliestStart):
            return "The windows end before \(earliestStart.words), the earliest a stay can start now: the programme asks for "
                + "time to sign and fund it."
        }
    }
}
