import Fluent
import ProgrammeRules
import Vapor

/// Exchanges in every phase for the demo, so a newcomer sees the whole programme at once. Each is
/// written through the same services as a person would (proposal, acceptance, the commitment, six
/// signatures, funding from the ledger, the stay, the report, the payment), as its parties, with
/// the platform's clock stopped at the moment of each step: the history and the ledger read as if
/// the weeks had passed. Stays are placed around the platform's date, with listings of their own
/// whose windows cover them. The visitors are members of the demo coordinator's partnership, and
/// the demo participant's organisation visits in two of them (one to accept, one to sign).
struct DemoExchanges {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let visitorPartnership = "photonics-4x"
    static let participantOrganisation = "member-0000"

    /// The phases shown, each with the visitor who takes part (nil: the next member in line).
    static let plan: [(phase: ExchangePhase, visitor: String?)] = [
        (.proposed, participantOrganisation), (.accepted, nil), (.signing, participantOrganisation), (.fundingApproved, nil),
        (.underWay, nil), (.reportSubmitted, nil), (.reportReturned, nil), (.reportValidated, nil), (.paid, nil), (.paid, nil),
        (.declined, nil), (.withdrawn, nil), (.cancelled, nil),
    ]

    static let names = [
        "Anna Schmidt", "Luca Rossi", "Marie Dubois", "Jan de Vries", "Eva Novak", "Pablo García", "Sofia Nikolaidou",
        "Piotr Kowalski", "Inês Costa", "Mikael Lind", "Katalin Szabó", "Tomás Byrne", "Elena Popescu", "Jonas Petrauskas",
    ]

    /// Writes the demo exchanges; returns how many.
    func seed(progress: ProgressLine? = nil) async throws -> Int {
        let today = context.clock.today
        guard let partnership = try await Partnership.query(on: db).filter(\.$key == Self.visitorPartnership).first(),
            let coordinator = try await User.find(email: "coordinator@clusterxchange.example", on: db).flatMap(Caller.init)
        else { return 0 }
        let partnershipID = try partnership.requireID()
        let visitors = try await Organisation.query(on: db).filter(\.$partnership.$id == partnershipID)
            .filter(\.$validationStatus == .validated).filter(\.$kind ~~ OrganisationKind.allCases.filter(\.mayVisit))
            .sort(\.$key).all()
        let hosts = try await Organisation.query(on: db).filter(\.$partnership.$id != partnershipID)
            .filter(\.$validationStatus == .validated).filter(
                \.$kind ~~ [.clusterOrganisation, .technologyCentre, .researchInstitute]
            )
            .sort(\.$key).all()
        let people = People(context: context, hash: try await context.passwords.hash(DemoDataset.password))
        var made = 0
        var nextVisitor = visitors.filter { $0.key != Self.participantOrganisation }.makeIterator()
        var nextHost = 0
        for (number, step) in Self.plan.enumerated() {
            progress?.update(number, of: Self.plan.count)
            let visitor: Organisation?
            if let key = step.visitor { visitor = visitors.first { $0.key == key } } else { visitor = nextVisitor.next() }
            guard let visitor else { continue }
            // The first host abroad whose pair the programme's rules allow.
            for _ in 0..<20 where nextHost < hosts.count {
                let host = hosts[nextHost]
                nextHost += 1
                guard host.country != visitor.country else { continue }
                let walk = Walk(
                    context: context, people: people, coordinator: coordinator, visitor: visitor, host: host, number: number,
                    today: today)
                if try await walk.run(to: step.phase) {
                    made += 1
                    break
                }
            }
        }
        progress?.update(Self.plan.count, of: Self.plan.count)
        return made
    }

    /// The demo's people: one contact per organisation and one coordinator per other partnership,
    /// created on first use with the demo password (hashed once).
    final class People: @unchecked Sendable {
        let context: ServiceContext
        let hash: String
        private var count = 0

        init(context: ServiceContext, hash: String) {
            self.context = context
            self.hash = hash
        }

        func contact(of organisation: Organisation) async throws -> Caller {
            let email = "contact.\(organisation.key)@clusterxchange.example"
            if let user = try await User.find(email: email, on: context.db), let caller = Caller(user) { return caller }
            let caller = try await create(email, role: .participant)
            let member = try await User.find(email: email, on: context.db)
            if let member, let userID = member.id {
                try await Membership(organisationID: try organisation.requireID(), userID: userID, isAdmin: true).create(
                    on: context.db)
            }
            return caller
        }

        func coordinator(of partnershipID: UUID, key: String) async throws -> Caller {
            let email = "coordinator.\(key)@clusterxchange.example"
            if let user = try await User.find(email: email, on: context.db), let caller = Caller(user) { return caller }
            let caller = try await create(email, role: .coordinator)
            try await PartnershipCoordinator(partnershipID: partnershipID, userID: caller.id).create(on: context.db)
            return caller
        }

        private func create(_ email: String, role: User.Role) async throws -> Caller {
            let name = DemoExchanges.names[count % DemoExchanges.names.count]
            count += 1
            let user = User(email: email, passwordHash: hash, name: name, role: role)
            user.emailConfirmedAt = context.clock.now
            try await user.create(on: context.db)
            guard let caller = Caller(user) else { throw AppError.notFound("The demo account \(email) was not created.") }
            return caller
        }
    }
}
