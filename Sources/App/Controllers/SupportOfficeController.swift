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
        /// The rate table as the form shows it: JSON, as `quote --rates` reads it.
        let rateTableJSON: String
        let errors: [String: String]
    }

    struct SettingsForm: Content {
        var virtualExchanges: String?
        var maximumOpenProposals: String?
        var noticeWorkingDays: String?
        var rateTable: String?
    }

    @Sendable func settingsPage(req: Request) async throws -> Response {
        let settings = try await req.context.settings.current()
        return try await renderSettings(req, settings: settings, rateTableJSON: try Self.json(settings.rateTable), errors: [:])
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        let form = try req.content.decode(SettingsForm.self)
        let context = req.context
        do {
            let saved = try await context.settings.update(try Self.input(form))
            return req.redirect(
                to: "/support/settings",
                flash: "Saved. The rate table in force is \(saved.rateTable.name), version \(saved.rateTable.version); "
                    + "exchanges not yet funded are quoted by it.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderSettings(
                req, settings: try await context.settings.current(), rateTableJSON: form.rateTable ?? "",
                errors: error.fieldMessages, status: error.status)
        }
    }

    /// The form as the service's input: a checkbox, a whole number, the table's JSON.
    static func input(_ form: SettingsForm) throws(AppError) -> ProgrammeSettingsInput {
        var problems: [FieldProblem] = []
        var input = ProgrammeSettingsInput(virtualExchanges: form.virtualExchanges == "on")
        let maximum = form.maximumOpenProposals?.trimmingCharacters(in: .whitespaces) ?? ""
        if let number = Int(maximum), (1...100).contains(number) {
            input.maximumOpenProposals = number
        } else {
            problems.append(FieldProblem("maximumOpenProposals", "range", "give a whole number from 1 to 100"))
        }
        let notice = form.noticeWorkingDays?.trimmingCharacters(in: .whitespaces) ?? ""
        if let number = Int(notice), (1...StayNotice.maximumWorkingDays).contains(number) {
            input.noticeWorkingDays = number
        } else {
            problems.append(
                FieldProblem(
                    "noticeWorkingDays", "range", "give a whole number of working days from 1 to \(StayNotice.maximumWorkingDays)"
                ))
        }
        let text = form.rateTable?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if text.utf8.count > 100_000 {
            problems.append(FieldProblem("rateTable", "too-long", "the rate table is at most 100,000 characters"))
        } else if let table = try? JSONDecoder().decode(RateTable.self, from: Data(text.utf8)) {
            input.rateTable = table
        } else {
            problems.append(
                FieldProblem("rateTable", "json", "write the rate table as JSON in the form shown (every field is needed)"))
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return input
    }

    private func renderSettings(
        _ req: Request, settings: ProgrammeSettingsDTO, rateTableJSON: String, errors: [String: String],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        try await req.page(
            "support-settings", title: "Programme settings",
            SettingsView(settings: settings, rateTableJSON: rateTableJSON, errors: errors), status: status)
    }

    static func json(_ table: RateTable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(table), as: UTF8.self)
    }
}
