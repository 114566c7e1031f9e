import Fluent
import Matching
import ProgrammeRules
import Vapor

/// The programme's rules for a pair and a stay, asked at the proposal, at every change of dates
/// and again when funding is approved: the rules library's eligibility on the dates (countries,
/// kinds, the visitor funded once, 3 working days to a month in the host's calendar, virtual
/// stays), a stay that starts after today, inside both windows, and a place left in the offer.
struct ExchangeChecks {
    let db: any Database
    let rules: EligibilityRules

    /// Phases that take one of the offer's places.
    static let placeTaking: [ExchangePhase] = [
        .accepted, .signing, .fundingApproved, .underWay, .reportSubmitted, .reportReturned, .reportValidated, .paid,
    ]
    /// Phases of a funded exchange: a visitor organisation is funded once.
    static let funded: [ExchangePhase] = [
        .fundingApproved, .underWay, .reportSubmitted, .reportReturned, .reportValidated, .paid,
    ]

    /// Every rule the exchange would break, with the rules' stable ids; `exchangeID` is left out
    /// of the counts (the exchange being checked again).
    /// `notice`: how soon a new stay may start (a proposal, new dates); nil when the stay was
    /// agreed already (acceptance, funding), which needs only to start after today.
    func violations(
        visitor: Organisation, host: Organisation, request: VisitRequest?, offer: Offer?, stay: Stay, isVirtual: Bool,
        virtualAllowed: Bool, today: CalendarDate, notice: StayNotice? = nil, exchangeID: UUID? = nil
    ) async throws -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if stay.start <= today {
            problems.append(FieldProblem("start", "start-not-future", "The stay must start after today, \(today.words)."))
        } else if let notice {
            let earliest = notice.earliestStart(in: host.country, calendar: rules.calendar)
            if stay.start < earliest {
                problems.append(
                    FieldProblem(
                        "start", "start-too-soon",
                        "The stay can start on \(earliest.words) at the earliest: the programme asks for \(notice.workingDays) "
                            + "working days to sign the commitment and approve the funding."))
            }
        }
        let funded = try await count(\.$visitor.$id == (try visitor.requireID()), in: Self.funded, except: exchangeID)
        let rules = EligibilityRules(
            countries: rules.countries, calendar: rules.calendar, limits: rules.limits, virtualExchangesAllowed: virtualAllowed)
        let decision = rules.evaluate(
            ExchangeProposal(
                visitor: visitor.participant, host: host.participant, stay: stay, isVirtual: isVirtual,
                visitorFundedExchanges: funded))
        problems += decision.violations.map { FieldProblem(Self.field(of: $0.rule), $0.rule.rawValue, $0.message) }
        if let request, stay.start < request.earliest || stay.end > request.latest {
            problems.append(
                FieldProblem(
                    "start", "outside-request-window",
                    "The stay must fall within the request's window, \(request.earliest) to \(request.latest)."))
        }
        if let offer {
            if stay.start < offer.availableFrom || stay.end > offer.availableTo {
                problems.append(
                    FieldProblem(
                        "start", "outside-offer-window",
                        "The stay must fall within the offer's availability, \(offer.availableFrom) to \(offer.availableTo)."))
            }
            let taken = try await count(\.$offer.$id == (try offer.requireID()), in: Self.placeTaking, except: exchangeID)
            if taken >= offer.capacity {
                problems.append(
                    FieldProblem(
                        "offer", Obstacle.capacityExhaustedID,
                        "The offer has no place left: its \(offer.capacity) \(offer.capacity == 1 ? "place is" : "places are") "
                            + "taken."
                    ))
            }
        }
        guard visitor.$partnership.id != nil, host.$partnership.id != nil else {
            return problems + [
                FieldProblem(
                    visitor.$partnership.id == nil ? "request" : "offer", "no-partnership",
                    "Both organisations need a partnership, which co-signs and funds the exchange: "
                        + "\(visitor.$partnership.id == nil ? visitor.name : host.name) has none yet."
                )
            ]
        }
        return problems
    }

    private func count(_ filter: ModelValueFilter<Exchange>, in phases: [ExchangePhase], except id: UUID?) async throws -> Int {
        let query = Exchange.query(on: db).filter(filter).filter(\.$phase ~~ phases)
        if let id { query.filter(\.$id != id) }
        return try await query.count()
    }

    private static func field(of rule: RuleID) -> String {
        switch rule {
        case .endBeforeStart, .tooLong: "end"
        case .tooShort, .datesOutsideCalendar: "start"
        case .virtualNotAllowed: "virtual"
        case .sameCountry, .smeHostWithoutApproval: "offer"
        default: "request"
        }
    }
}
