import Foundation
import Vapor

/// The support office's mail room (`/support/mail`): the outbox's messages with where each stands,
/// the text of those kept here when no mail server is set (links and all), and "Send again".
struct MailroomController: Controller {
    func boot(_ routes: Surfaces) {
        let pages = routes.pages.access(.admin)
        pages.get("support", "mail", use: listPage)
        pages.get("support", "mail", ":id", use: letterPage)
        pages.post("support", "mail", ":id", "again", use: sendAgain)
    }

    struct ListView: Encodable {
        struct Filter: Encodable {
            let value: String
            let label: String
            let selected: Bool
        }
        let letters: [Mailroom.Letter]
        let counts: Mailroom.Counts
        let filters: [Filter]
        let keptHere: Bool
        let filtered: Bool
    }

    @Sendable func listPage(req: Request) async throws -> Response {
        let asked = req.query[String.self, at: "state"] ?? ""
        let state = Mailroom.State(rawValue: asked)
        if !asked.isEmpty && state == nil {
            throw AppError.badQuery(
                "state", "one-of", "choose one of " + Mailroom.State.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let mailroom = req.context.mailroom
        let view = ListView(
            letters: try await mailroom.list(state), counts: try await mailroom.counts(),
            filters: [.init(value: "", label: "all", selected: state == nil)]
                + Mailroom.State.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == state) },
            keptHere: req.application.mailTransport.keepsReadableCopy, filtered: state != nil)
        return try await req.page("support-mail", title: "E-mails", view)
    }

    struct LetterView: Encodable {
        let letter: Mailroom.Letter
        /// The text in paragraphs of lines, each line split so that its web addresses are links.
        let lines: [[Piece]]

        struct Piece: Encodable {
            let text: String
            let link: Bool
        }
    }

    @Sendable func letterPage(req: Request) async throws -> Response {
        let letter = try await req.context.mailroom.letter(try req.uuid("id", "e-mail"))
        let lines = (letter.text ?? "").split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ", omittingEmptySubsequences: false).map { word in
                LetterView.Piece(text: String(word), link: word.hasPrefix("http://") || word.hasPrefix("https://"))
            }
        }
        return try await req.page("support-mail-letter", title: letter.subject, LetterView(letter: letter, lines: lines))
    }

    @Sendable func sendAgain(req: Request) async throws -> Response {
        let again = try await req.context.mailroom.sendAgain(try req.uuid("id", "e-mail"))
        return req.redirect(
            to: "/support/mail/\(again.id)",
            flash: "It goes again to \(again.recipientName ?? again.recipient) within a few seconds; this page shows how it went."
        )
    }
}
