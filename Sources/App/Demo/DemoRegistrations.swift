import Fluent
import ProgrammeRules
import Vapor

/// A registration waiting in the demo coordinator's validation queue, so a newcomer sees one to
/// decide: a Polish photonics SME, member of one of the partnership's clusters, registered by its
/// own contact through the same services as in the pages.
struct DemoRegistrations {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let email = "ewa.kowalska@clusterxchange.example"

    /// Writes it once; returns how many were written.
    func seed() async throws -> Int {
        guard try await User.find(email: Self.email, on: db) == nil,
            let partnership = try await Partnership.query(on: db).filter(\.$key == DemoExchanges.visitorPartnership).first(),
            let cluster = try await Organisation.query(on: db).filter(\.$partnership.$id == (try partnership.requireID()))
                .filter(\.$kind == .clusterOrganisation).filter(\.$validationStatus == .validated).sort(\.$key).first()
        else { return 0 }
        let user = User(
            email: Self.email, passwordHash: try await context.passwords.hash(DemoDataset.password), name: "Ewa Kowalska",
            role: .participant)
        user.emailConfirmedAt = context.clock.now
        try await user.create(on: db)
        guard let caller = Caller(user) else { return 0 }
        let contact = context.acting(as: caller)
        let organisation = try await contact.organisations.create(
            OrganisationInput(
                name: "Wrocław Laser Works", kind: OrganisationKind.sme.rawValue, country: "PL", city: "Wrocław",
                sectors: ["C26"], topics: ["laser", "photonics", "optical sensors"],
                description: "An SME of twelve people making fibre laser sources and optical sensors for welding lines.",
                languages: ["pl", "en", "de"], website: "https://laser-works.clusterxchange.example", cluster: cluster.key))
        _ = try await contact.registrations.submit(
            RegistrationInput(
                asVisitor: true, asHost: false,
                motivation: "We want to see how German photonics clusters take laser welding from the lab to SME production "
                    + "lines, and to meet integrators for our sensors.",
                preferences: "Germany or Austria, spring 2027, one week.", partnership: partnership.key),
            for: organisation.key, cv: nil)
        return 1
    }
}
