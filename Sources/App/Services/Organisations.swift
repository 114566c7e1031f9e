import Fluent
import Matching
import ProgrammeRules
import Vapor

/// Organisations' profiles: adding one, changing it, and the partnerships that fit it.
struct Organisations {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// The profile checked, and the cluster it names resolved: a validated cluster organisation.
    private func check(_ input: OrganisationInput) async throws -> (OrganisationFields, clusterID: UUID?) {
        let fields = try OrganisationChecks.fields(input, gazetteer: try Gazetteer.bundled())
        guard let clusterKey = fields.cluster else { return (fields, nil) }
        guard let cluster = try await Organisation.query(on: db).filter(\.$key == clusterKey).first(),
            cluster.kind == .clusterOrganisation, cluster.validationStatus == .validated
        else {
            throw AppError.invalid("cluster", "unknown-cluster", "choose a validated cluster organisation from the list")
        }
        return (fields, cluster.id)
    }

    /// Adds a pending organisation with the caller as its admin.
    func create(_ input: OrganisationInput) async throws -> OrganisationDTO {
        let caller = try context.signedIn()
        let (fields, clusterID) = try await check(input)
        let organisation = Organisation()
        organisation.apply(fields)
        organisation.$cluster.id = clusterID
        organisation.namedInNews = input.namedInNews ?? false
        organisation.validationStatus = .pending
        let callerID = caller.id
        try await UniqueKeys.insert(
            base: UniqueKeys.slug(fields.name, words: 6, fallback: "organisation"), \Organisation.$key, on: db
        ) {
            key, tx in
            organisation.id = nil
            organisation.$id.exists = false
            organisation.key = key
            try await organisation.create(on: tx)
            try await Membership(organisationID: try organisation.requireID(), userID: callerID, isAdmin: true).create(on: tx)
        }
        return try await editable(organisation.key)
    }

    /// Changes the profile: its admins and the support office may. A change of kind or country
    /// of a validated organisation goes back to its partnership for validation, whether it was
    /// registered through the form or imported: eligibility depends on both.
    func update(_ key: String, _ input: OrganisationInput) async throws -> OrganisationDTO {
        let caller = try context.signedIn()
        let organisation = try await administered(key)
        let (fields, clusterID) = try await check(input)
        let revalidate =
            organisation.validationStatus == .validated
            && (organisation.kind != fields.kind || organisation.country != fields.city.country)
        organisation.apply(fields)
        organisation.$cluster.id = clusterID
        if let named = input.namedInNews { organisation.namedInNews = named }
        let organisationID = try organisation.requireID()
        let linkBase = context.linkBase
        try await db.transaction { tx in
            if revalidate {
                organisation.validationStatus = .pending
                organisation.validationReason = "The kind or the country changed: the partnership validates it again."
                let registration = try await Self.registrationToValidateAgain(organisation, by: caller.id, on: tx)
                let coordinators = try await PartnershipCoordinator.query(on: tx).filter(
                    \.$partnership.$id == registration.$partnership.id
                )
                .with(\.$user).all()
                for coordinator in coordinators {
                    try await Mailer.enqueue(
                        to: coordinator.user.email, subject: "To validate again: \(organisation.name)",
                        body:
                            "\(organisation.name) changed its kind or country and needs your validation again: "
                            + "\(linkBase)/validation\n",
                        on: tx)
                }
            }
            try await organisation.save(on: tx)
        }
        return try await editable(organisation.key)
    }

    /// The organisation's registration, submitted again; an imported organisation, which has none,
    /// gets one for its partnership (as visitor and host where it has requests and offers).
    private static func registrationToValidateAgain(
        _ organisation: Organisation, by userID: UUID, on tx: any Database
    ) async throws -> Registration {
        let organisationID = try organisation.requireID()
        if let registration = try await Registration.query(on: tx).filter(\.$organisation.$id == organisationID).first() {
            registration.status = .submitted
            try await registration.save(on: tx)
            return registration
        }
        guard let partnershipID = organisation.$partnership.id else {
            throw AppError.conflict(
                "kind", "no-partnership",
                "\(organisation.name) has no partnership to validate the change: choose one by registering it first")
        }
        let visits = try await VisitRequest.query(on: tx).filter(\.$visitor.$id == organisationID).count() > 0
        let hosts = try await Offer.query(on: tx).filter(\.$host.$id == organisationID).count() > 0
        let registration = Registration()
        registration.$organisation.id = organisationID
        registration.$user.id = userID
        registration.$partnership.id = partnershipID
        registration.asVisitor = visits || !hosts
        registration.asHost = hosts || !visits
        registration.motivation = "Imported with the programme's data; its kind or country changed since."
        registration.preferences = ""
        registration.status = .submitted
        try await registration.create(on: tx)
        return registration
    }

    /// The organisation, if the caller administers it (the support office administers all); 404 otherwise.
    func administered(_ key: String) async throws -> Organisation {
        let caller = try context.signedIn()
        guard
            let organisation = try await Organisation.query(on: db).filter(\.$key == key).with(\.$partnership).with(\.$cluster)
                .first(),
            let organisationID = organisation.id
        else { throw AppError.noSuch("organisation", key: key) }
        if caller.isAdmin { return organisation }
        guard try await context.permissions.isMember(of: organisationID, admin: true) else {
            throw AppError.forbiddenAsNotFound("No organisation you administer has the key \"\(key)\".")
        }
        return organisation
    }

    /// The organisation, if the caller is an approved member of it (or the support office); 404 otherwise.
    func own(_ key: String) async throws -> Organisation {
        let caller = try context.signedIn()
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == key).first(), let id = organisation.id
        else {
            throw AppError.notFound("No organisation of yours has the key \"\(key)\".")
        }
        if caller.isAdmin { return organisation }
        guard try await context.permissions.isMember(of: id) else {
            throw AppError.forbiddenAsNotFound("No organisation of yours has the key \"\(key)\".")
        }
        return organisation
    }

    /// One of the caller's organisations, for the heading of a form.
    func summary(ofOwn key: String) async throws -> OrganisationSummary {
        OrganisationSummary(try await own(key))
    }

    /// The organisation's profile as a form shows it.
    func editable(_ key: String) async throws -> OrganisationDTO {
        let organisation = try await administered(key)
        return OrganisationDTO(organisation, partnership: organisation.partnership, cluster: organisation.cluster)
    }

    /// Validated cluster organisations, for the "member of" picker; remembered per state of the
    /// matching index (decision 0028), since every organisation's change moves it on.
    func clusters() async throws -> [OrganisationSummary] {
        try await context.matching.catalogueAnswer("clusters", on: db) {
            try await Organisation.query(on: db).filter(\.$kind == .clusterOrganisation)
                .filter(\.$validationStatus == .validated).sort(\.$name).all().map(OrganisationSummary.init)
        }
    }

    /// Partnerships that fit the organisation, best first, with the reasons. The programme lets an
    /// organisation choose "by sector or geography"; what fits best is, in this order: the
    /// partnership its cluster (or itself) already belongs to, the same NACE division (then the same
    /// section), the topics its members work on, and last its country among the partnership's.
    func partnershipSuggestions(_ key: String) async throws -> [PartnershipSuggestion] {
        let organisation = try await Organisation.query(on: db).filter(\.$key == key).first()
        guard let organisation, try await context.permissions.mayManage(organisation) else {
            throw AppError.forbiddenAsNotFound("No organisation of yours has the key \"\(key)\".")
        }
        return try await partnershipSuggestions(for: organisation)
    }

    func partnershipSuggestions(for organisation: Organisation) async throws -> [PartnershipSuggestion] {
        let partnerships = try await Partnership.query(on: db).all()
        var cluster: Organisation?
        if let clusterID = organisation.$cluster.id { cluster = try await Organisation.find(clusterID, on: db) }
        let topicsByPartnership = try await memberTopics()
        let analyzer = TextAnalyzer()
        let ownTopics = Set(organisation.topics.flatMap { analyzer.terms($0) })
        let sectors = organisation.sectors.compactMap(NACECode.init)
        let suggestions = partnerships.map { partnership -> PartnershipSuggestion in
            var score = 0
            var reasons: [String] = []
            if let cluster, cluster.$partnership.id == partnership.id, partnership.id != nil {
                score += 8
                reasons.append("your cluster, \(cluster.name), is a member")
            } else if organisation.$partnership.id == partnership.id, partnership.id != nil {
                score += 8
                reasons.append("already validated you")
            }
            let theirs = partnership.sectors.compactMap(NACECode.init)
            let sameDivision = sectors.filter { theirs.contains($0) }
            let sameSection = sectors.filter { s in !theirs.contains(s) && theirs.contains { $0.section == s.section } }
            if !sameDivision.isEmpty {
                score += 4 * sameDivision.count
                reasons.append("works in " + sameDivision.map { $0.title }.joined(separator: ", "))
            }
            if !sameSection.isEmpty {
                score += sameSection.count
                let sections = Set(sameSection.map(\.section)).sorted().map { NACECode.sectionTitle($0) }
                reasons.append("works in the same field: " + sections.joined(separator: ", "))
            }
            let shared = ownTopics.intersection(partnership.id.flatMap { topicsByPartnership[$0] } ?? [])
            if !shared.isEmpty {
                score += 2 * min(shared.count, 3)
                reasons.append("its members work on " + shared.sorted().joined(separator: ", "))
            }
            if partnership.countries.contains(organisation.country.rawValue) {
                score += 1
                reasons.append("has cluster members in \(CountryRegistry.cosme.name(of: organisation.country))")
            }
            return PartnershipSuggestion(key: partnership.key, name: partnership.name, score: score, reasons: reasons)
        }
        return suggestions.filter { $0.score > 0 }.sorted { ($0.score, $1.name) > ($1.score, $0.name) }
    }

    /// The words of the topics each partnership's validated members work on.
    private func memberTopics() async throws -> [UUID: Set<String>] {
        // Only organisations' columns: remembered per state of the matching index (decision 0028).
        try await context.matching.catalogueAnswer("partnership-member-topics", on: db) { try await readMemberTopics() }
    }

    private func readMemberTopics() async throws -> [UUID: Set<String>] {
        // Every validated organisation's row: read as plain columns, not models.
        let rows = try await Organisation.query(on: db).filter(\.$validationStatus == .validated)
            .filter(\.$partnership.$id != nil).field(\.$partnership.$id).field(\.$topicList).rows { output in
                let row = output.of(Organisation.self)
                return (
                    try row.decode("partnership_id", as: UUID.self), StringList.decode(try row.decode("topics", as: String.self))
                )
            }
        let analyzer = TextAnalyzer()
        var topics: [UUID: Set<String>] = [:]
        for (id, list) in rows {
            for topic in list { topics[id, default: []].formUnion(analyzer.terms(topic)) }
        }
        return topics
    }
}

extension ServiceContext {
    var organisations: Organisations { Organisations(context: self) }
}
