import Fluent
import ProgrammeRules
import Vapor

extension DemoExchanges {
    /// One demo exchange, walked from its proposal to its phase, each step as its party and on its
    /// day.
    struct Walk {
        let context: ServiceContext
        let people: People
        let coordinator: Caller
        let visitor: Organisation
        let host: Organisation
        let number: Int
        let today: CalendarDate

        /// Phases whose stay is still to come; the others' stays are over (or, under way, begun).
        static let upcoming: Set<ExchangePhase> = [
            .proposed, .accepted, .signing, .fundingApproved, .declined, .withdrawn, .cancelled,
        ]

        /// Walks the exchange to `phase`; false when the programme's rules refuse the pair.
        func run(to phase: ExchangePhase) async throws -> Bool {
            let start: CalendarDate
            if Self.upcoming.contains(phase) {
                start = Self.monday(onOrBefore: today.adding(days: 42 + 7 * (number % 4)))
            } else if phase == .underWay {
                start = Self.monday(onOrBefore: today.adding(days: -1))
            } else {
                start = Self.monday(onOrBefore: today.adding(days: -40 - 7 * (number % 3)))
            }
            let end = start.adding(days: 4)
            // The open proposal is two days old; the other upcoming ones took their steps over the last nine days.
            let proposedOn =
                phase == .proposed
                ? today.adding(days: -2) : Self.upcoming.contains(phase) ? today.adding(days: -9) : start.adding(days: -40)
            let (requestKey, offerKey) = try await listings(around: start)
            let visitorContact = try await people.contact(of: visitor)
            let hostContact = try await people.contact(of: host)
            guard let hostPartnershipID = host.$partnership.id,
                let hostPartnership = try await Partnership.find(hostPartnershipID, on: context.db)
            else { return false }
            let hostCoordinator = try await people.coordinator(of: hostPartnershipID, key: hostPartnership.key)
            var input = ExchangeInput()
            input.request = requestKey
            input.offer = offerKey
            input.start = start.description
            input.end = end.description
            input.goals =
                "Learn how \(host.name) runs its \(host.topics.first ?? "projects") and bring back one joint project idea."
            // The demo participant's organisation receives a proposal from its host, to answer.
            let proposer = phase == .proposed ? hostContact : visitorContact
            let exchange: ExchangeDTO
            do {
                exchange = try await on(proposedOn, 0, as: proposer).exchanges.propose(input)
            } catch let error as AppError where [.unprocessableEntity, .conflict].contains(error.status) {
                try await VisitRequest.query(on: context.db).filter(\.$key == requestKey).delete()
                try await Offer.query(on: context.db).filter(\.$key == offerKey).delete()
                return false
            }
            let id = exchange.id
            func act(_ day: CalendarDate, _ order: Int, _ caller: Caller, _ action: String, _ input: ActionInput = ActionInput())
                async throws
            {
                _ = try await on(day, order, as: caller).exchanges.act(id, action: action, input)
            }
            func reason(_ text: String) -> ActionInput { ActionInput(reason: text, paidOn: nil, reference: nil) }
            switch phase {
            case .proposed: return true
            case .declined:
                try await act(
                    proposedOn.adding(days: 2), 1, hostContact, "decline", reason("Our lab is closed for maintenance that week."))
                return true
            case .withdrawn:
                try await act(
                    proposedOn.adding(days: 1), 1, visitorContact, "withdraw", reason("We found a host nearer to our region."))
                return true
            default: break
            }
            try await act(proposedOn.adding(days: 2), 1, hostContact, "accept")
            if phase == .accepted { return true }
            _ = try await on(proposedOn.adding(days: 3), 2, as: visitorContact).exchanges.editCommitment(
                id,
                CommitmentInput(
                    goals: input.goals,
                    objectives: "One joint project idea; two contacts for our members; a visit back within a year.",
                    agenda: "Day 1: welcome and tour.\nDay 2: the labs.\nDay 3: meetings with member companies.\n"
                        + "Day 4: joint workshop.\nDay 5: conclusions and next steps.", start: nil, end: nil))
            let signDay = proposedOn.adding(days: 4)
            try await act(signDay, 3, hostContact, "sign-as-host")
            try await act(signDay, 4, hostCoordinator, "sign-as-host-partnership")
            // The demo participant and coordinator sign this one themselves.
            if phase == .signing { return true }
            try await act(signDay, 5, visitorContact, "sign-as-visitor")
            try await act(signDay, 6, coordinator, "sign-as-visitor-partnership")
            try await act(signDay, 7, visitorContact, "sign-financial-agreement-as-visitor")
            try await act(signDay, 8, coordinator, "sign-financial-agreement-as-visitor-partnership")
            try await act(proposedOn.adding(days: 6), 9, coordinator, "approve-funding")
            if phase == .fundingApproved { return true }
            if phase == .cancelled {
                try await act(
                    proposedOn.adding(days: 8), 10, coordinator, "cancel",
                    reason("The visitor's expert left the company; the exchange will not take place."))
                return true
            }
            try await act(start, 10, visitorContact, "start")
            if phase == .underWay { return true }
            let visitorOnDay = { (day: Int, order: Int) in on(end.adding(days: day), order, as: visitorContact) }
            _ = try await visitorOnDay(2, 11).exchanges.writeReport(
                id,
                ReportInput(
                    outcomes: "We met six teams and agreed a joint proposal for the next call.",
                    followUp: "Their engineers visit us in spring.", learned: "How they run a shared pilot line for SMEs."))
            _ = try await visitorOnDay(2, 12).exchanges.uploadEvidence(id, filename: "signed-agenda.pdf", data: Self.evidence)
            try await act(end.adding(days: 3), 13, visitorContact, "submit-report")
            if phase == .reportSubmitted { return true }
            if phase == .reportReturned || number % 2 == 1 {
                try await act(end.adding(days: 5), 14, coordinator, "return-report", reason("Please add the boarding passes."))
                if phase == .reportReturned { return true }
                _ = try await visitorOnDay(6, 15).exchanges.uploadEvidence(
                    id, filename: "boarding-passes.pdf", data: Self.evidence)
                try await act(end.adding(days: 7), 16, visitorContact, "submit-report")
            }
            try await act(end.adding(days: 9), 17, coordinator, "validate-report")
            if phase == .reportValidated { return true }
            let paidOn = end.adding(days: 14)
            try await act(
                paidOn, 18, coordinator, "pay",
                ActionInput(reason: nil, paidOn: paidOn.description, reference: "PH4X-\(paidOn.year)-\(100 + number)"))
            return true
        }

        /// A request of the visitor and an offer of the host whose windows hold the stay.
        private func listings(around start: CalendarDate) async throws -> (String, String) {
            let requestKey = "demo-request-\(number)"
            let offerKey = "demo-offer-\(number)"
            let topic = host.topics.first ?? "innovation"
            let request = RequestRecord(
                line: 1, key: requestKey, visitor: visitor.key,
                fields: RequestFields(
                    text: ListingText(
                        title: "A week with a \(topic) cluster abroad",
                        description: "We want to see how others work on \(topic) and find partners for a joint project.",
                        purposes: [.learn, .collaboration], topics: [topic], languages: ["en"]),
                    earliest: start.adding(days: -60), latest: start.adding(days: 60), workingDays: 5,
                    preferredCountries: [host.country]))
            let offer = OfferRecord(
                line: 2, key: offerKey, host: host.key,
                fields: OfferFields(
                    text: ListingText(
                        title: "\(topic.prefix(1).uppercased() + topic.dropFirst()) at \(host.name)",
                        description: "A week in our labs and with our member companies working on \(topic).",
                        purposes: [.learn, .technology, .collaboration], topics: [topic], languages: ["en"]),
                    availableFrom: start.adding(days: -60), availableTo: start.adding(days: 60), capacity: 2, isVirtual: false))
            _ = try await Importer(database: context.db).run([.request(request), .offer(offer)])
            return (requestKey, offerKey)
        }

        /// The context of `caller` on `day`, the clock stopped at nine o'clock (UTC) plus ten
        /// minutes per step, so the history keeps its order.
        private func on(_ day: CalendarDate, _ order: Int, as caller: Caller) -> ServiceContext {
            let instant = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 9 * 3_600 + Double(order) * 600)
            return context.at(.stopped(at: instant)).acting(as: caller)
        }

        static func monday(onOrBefore date: CalendarDate) -> CalendarDate {
            date.adding(days: -((date.dayNumber % 7 + 7 + 3) % 7))
        }

        /// A one-page PDF, enough to be recognised as one.
        static let evidence = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    }
}
