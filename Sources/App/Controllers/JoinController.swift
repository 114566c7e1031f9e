import ProgrammeRules
import Vapor

/// "How to take part", open to anyone: who may take part, the steps, a check of one's own
/// organisation, a lump-sum calculator and each partnership's contact. Both forms are GET forms
/// whose answers appear on the same page, so an answer can be bookmarked and shared.
struct JoinController: Controller {
    func boot(_ routes: Surfaces) {
        routes.pages.access(.anyone).get("join", use: page)
    }

    struct Query: Content {
        var check: String?
        var kind: String?
        var country: String?
        var clusterMember: String?
        var fromCity: String?
        var fromCountry: String?
        var toCity: String?
        var toCountry: String?
        var start: String?
        var end: String?
    }

    struct PartnershipContacts: Encodable {
        let name: String
        let key: String
        let contacts: [Catalogue.Contact]
    }

    struct View: Encodable {
        let query: Query
        let eligibility: Joining.Eligibility?
        let quote: Joining.Quote?
        /// The forms' problems by field ("kind", "fromCity", …).
        let errors: [String: String]
        let kindOptions: String
        let countryOptions: String
        let fromCountryOptions: String
        let toCountryOptions: String
        let visitorKinds: [String]
        let hostOnlyKinds: [String]
        let partnerships: [PartnershipContacts]
        /// The calculator's example dates: the first working week after the programme's notice.
        let exampleStart: String
        let exampleEnd: String
    }

    @Sendable func page(req: Request) async throws -> Response {
        let context = req.context
        var query = try req.query.decode(Query.self)
        var eligibility: Joining.Eligibility?
        var quote: Joining.Quote?
        var errors: [String: String] = [:]
        // Dates a stay proposed today could have, until the person chooses others.
        let today = context.clock.today
        let first = Self.exampleStart(today: today, noticeDays: try await context.settings.current().noticeWorkingDays)
        if (query.start ?? "").isEmpty { query.start = first.description }
        if (query.end ?? "").isEmpty { query.end = first.adding(days: 4).description }
        do {
            switch query.check {
            case "eligibility":
                eligibility = try context.joining.eligibility(
                    kind: query.kind, country: query.country, clusterMember: query.clusterMember == "yes")
            case "quote":
                quote = try await context.joining.quote(
                    fromCity: query.fromCity, fromCountry: query.fromCountry, toCity: query.toCity, toCountry: query.toCountry,
                    start: query.start, end: query.end)
            default: break
            }
        } catch let error as AppError {
            for problem in error.problems where errors[problem.field] == nil { errors[problem.field] = problem.message }
            if errors.isEmpty { errors["form"] = error.detail }
        }
        let country = { (text: String?) in text.flatMap(Validation.country(nameOrCode:)) }
        let kinds = OrganisationKind.allCases
        let view = View(
            query: query, eligibility: eligibility, quote: quote, errors: errors,
            kindOptions: FilterOptions.kinds(selected: query.kind.flatMap(OrganisationKind.init(rawValue:))),
            countryOptions: FilterOptions.countries(on: today, selected: country(query.country)),
            fromCountryOptions: FilterOptions.countries(on: today, selected: country(query.fromCountry)),
            toCountryOptions: FilterOptions.countries(on: today, selected: country(query.toCountry)),
            visitorKinds: kinds.filter(\.mayVisit).map(\.displayName),
            hostOnlyKinds: kinds.filter(\.isHostOnly).map(\.displayName),
            partnerships: try await context.catalogue.partnershipContacts().map {
                PartnershipContacts(name: $0.partnership, key: $0.key, contacts: $0.contacts)
            },
            exampleStart: first.description, exampleEnd: first.adding(days: 4).description)
        return try await req.page(
            "join", title: "How to take part", view, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// The Monday after the programme's notice from today: a stay proposed now could start then.
    /// The weeks around the new year are skipped, so a sample week has its five working days.
    static func exampleStart(today: CalendarDate, noticeDays: Int) -> CalendarDate {
        var day = today.adding(days: max(1, noticeDays) * 7 / 5 + 1)
        while day.weekday != .monday || (day.month == 12 && day.day >= 18) || (day.month == 1 && day.day <= 6) {
            day = day.adding(days: 1)
        }
        return day
    }
}
