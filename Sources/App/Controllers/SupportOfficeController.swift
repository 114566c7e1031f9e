import Foundation
import ProgrammeRules
import Vapor

/// The support office's pages beside its dashboard: people and their roles, and the programme's
/// settings with the rate table in force.
struct SupportOfficeController: Controller {
    func boot(_ routes: Surfaces) {
        let pages = routes.pages.access(.admin)
        pages.get("support", "people", use: peoplePage)
        pages.post("support", "people", ":id", "role", use: changeRole)
        pages.post("support", "people", ":id", "erase", use: erasePerson)
        pages.get("support", "settings", use: settingsPage)
        pages.post("support", "settings", use: saveSettings)
    }

    // MARK: People

    struct PeopleView: Encodable {
        let q: String
        /// The search, encoded for the forms' addresses ("?q=…"), so a change returns to the same list.
        let search: String
        let people: [People.Person]
        let total: Int
        let partnerships: String
        /// Why the last change was refused, beside the person it was for.
        let error: String?
        let failedID: String?
    }

    struct RoleForm: Content {
        var role: String?
        var partnership: String?
    }

    @Sendable func peoplePage(req: Request) async throws -> Response {
        try await renderPeople(req, q: req.query["q"], errors: [:], failedID: nil)
    }

    @Sendable func changeRole(req: Request) async throws -> Response {
        let id = try req.uuid("id", "person")
        let form = try req.content.decode(RoleForm.self)
        let q: String? = req.query["q"]
        do {
            let said = try await req.context.people.changeRole(of: id, to: form.role, partnership: form.partnership)
            return req.redirect(to: "/support/people" + Self.search(q), flash: said)
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderPeople(req, q: q, errors: error.fieldMessages, failedID: id.uuidString, status: error.status)
        }
    }

    /// Erasure on a person's request, the address typed to confirm.
    @Sendable func erasePerson(req: Request) async throws -> Response {
        let id = try req.uuid("id", "person")
        struct Form: Content { var email: String? }
        let q: String? = req.query["q"]
        do {
            try await req.context.personalData.eraseOnRequest(id, confirmedBy: try req.content.decode(Form.self).email)
            return req.redirect(
                to: "/support/people" + Self.search(q),
                flash: "Erased: the person's name and address are gone; "
                    + "their exchanges stay with a former member of their organisation.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderPeople(req, q: q, errors: error.fieldMessages, failedID: id.uuidString, status: error.status)
        }
    }

    private func renderPeople(
        _ req: Request, q: String?, errors: [String: String], failedID: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let context = req.context
        let found = try await context.people.list(q)
        let partnerships = HTML.options(
            [Choice(value: "", label: "none", selected: true)]
                + (try await context.catalogue.partnershipNames()).map { Choice(value: $0.key, label: $0.name, selected: false) })
        let view = PeopleView(
            q: q ?? "", search: Self.search(q), people: found.people, total: found.total, partnerships: partnerships,
            error: errors.sorted { $0.key < $1.key }.map(\.value).first, failedID: failedID)
        return try await req.page("support-people", title: "People and roles", view, status: status)
    }

    /// "?q=…" with the words encoded, or nothing without a search.
    static func search(_ q: String?) -> String {
        guard let q, !q.isEmpty else { return "" }
        return "?q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    // MARK: Settings

    struct SettingsView: Encodable {
        let settings: ProgrammeSettingsDTO
        /// The rate table as the form shows it: rows of countries and amounts in euros.
        let rates: RateTableForm
        let countryNames: [String]
        /// Three sample quotes by the table in the form, before it is saved.
        let preview: [SampleQuote]?
        let errors: [String: String]
        /// The rows' problems, each naming its row and field.
        let rowErrors: [String]
        /// Typed values of the other fields, kept on a refusal.
        let typedMaximum: String?
        let typedNotice: String?
    }

    struct SampleQuote: Encodable {
        let stay: String
        let amount: String
        let why: String
    }

    @Sendable func settingsPage(req: Request) async throws -> Response {
        let settings = try await req.context.settings.current()
        return try await renderSettings(req, settings: settings, rates: RateTableForm(settings.rateTable))
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let context = req.context
        let rates = RateTableForm(fields: fields)
        let current = try await context.settings.current()
        do {
            if fields["action"] == "preview" {
                let table = try rates.table()
                return try await renderSettings(
                    req, settings: current, rates: rates, preview: try await Self.samples(table, context),
                    typed: (fields["maximumOpenProposals"], fields["noticeWorkingDays"]))
            }
            let saved = try await context.settings.update(try Self.input(fields, rates))
            return req.redirect(
                to: "/support/settings",
                flash: "Saved. The rate table in force is \(saved.rateTable.name), version \(saved.rateTable.version); "
                    + "exchanges not yet funded are quoted by it.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderSettings(
                req, settings: current, rates: rates, errors: error.problems,
                typed: (fields["maximumOpenProposals"], fields["noticeWorkingDays"]), status: error.status)
        }
    }

    /// The form as the service's input: a checkbox, two whole numbers, the rate table's fields.
    static func input(_ fields: [String: String], _ rates: RateTableForm) throws(AppError) -> ProgrammeSettingsInput {
        var problems: [FieldProblem] = []
        var input = ProgrammeSettingsInput(virtualExchanges: fields["virtualExchanges"] == "on")
        let maximum = fields["maximumOpenProposals"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if let number = Int(maximum), (1...100).contains(number) {
            input.maximumOpenProposals = number
        } else {
            problems.append(FieldProblem("maximumOpenProposals", "range", "give a whole number from 1 to 100"))
        }
        let notice = fields["noticeWorkingDays"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if let number = Int(notice), (1...StayNotice.maximumWorkingDays).contains(number) {
            input.noticeWorkingDays = number
        } else {
            problems.append(
                FieldProblem(
                    "noticeWorkingDays", "range", "give a whole number of working days from 1 to \(StayNotice.maximumWorkingDays)"
                ))
        }
        do {
            input.rateTable = try rates.table()
        } catch {
            problems += error.problems
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return input
    }

    /// Three stays quoted by `table`: a long trip, one to a country without an amount of its own, and
    /// a short hop (halved where the table halves), from the first week the notice allows.
    static func samples(_ table: RateTable, _ context: ServiceContext) async throws -> [SampleQuote] {
        let gazetteer = try Gazetteer.bundled()
        let rules = context.matching.rules
        let notice = try await context.settings.current().noticeWorkingDays
        let first = JoinController.exampleStart(today: context.clock.today, noticeDays: notice)
        let trips: [(String, String, Int)] = [
            ("Lyon, FR", "Munich, DE", 5), ("Giżycko, PL", "Děčín, CZ", 5), ("Graz, AT", "Maribor, SI", 3),
        ]
        return trips.compactMap { from, to, days -> SampleQuote? in
            guard let visitor = try? gazetteer.resolve(from), let host = try? gazetteer.resolve(to) else { return nil }
            let stay = Stay(start: first, end: first.adding(days: days - 1))
            let words = "\(visitor.name) to \(host.name), \(CalendarDate.span(stay.start, stay.end))"
            do {
                let quote = try LumpSumCalculator(countries: rules.countries, calendar: rules.calendar)
                    .quote(from: visitor.place, to: host.place, stay: stay, rates: table)
                return SampleQuote(
                    stay: words, amount: Money.format(cents: quote.amountCents, currency: "EUR"), why: quote.reasons.first ?? "")
            } catch {
                return SampleQuote(stay: words, amount: "no lump sum", why: "\(error)")
            }
        }
    }

    private func renderSettings(
        _ req: Request, settings: ProgrammeSettingsDTO, rates: RateTableForm, preview: [SampleQuote]? = nil,
        errors: [FieldProblem] = [], typed: (String?, String?) = (nil, nil), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        var byField: [String: String] = [:]
        for problem in errors where !problem.field.hasPrefix("row") && byField[problem.field] == nil {
            byField[problem.field] = problem.message
        }
        let view = SettingsView(
            settings: settings, rates: rates,
            countryNames: CountryRegistry.cosme.participating(on: req.context.clock.today).map(\.name).sorted(),
            preview: preview, errors: byField, rowErrors: errors.filter { $0.field.hasPrefix("row") }.map(\.message),
            typedMaximum: typed.0, typedNotice: typed.1)
        return try await req.page("support-settings", title: "Programme settings", view, status: status)
    }
}
