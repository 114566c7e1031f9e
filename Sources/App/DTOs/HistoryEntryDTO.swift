import ProgrammeRules
import Vapor

/// One line of an exchange's history.
struct HistoryEntryDTO: Content {
    let action: String
    let from: ExchangePhase
    let to: ExchangePhase
    /// The person's e-mail.
    let by: String
    /// The person's name, for pages (`by` is their e-mail).
    let name: String
    let at: Date
    let role: String
    let detail: String

    init(_ event: ExchangeEvent, name: String?) {
        action = event.action
        from = event.fromPhase
        to = event.toPhase
        by = event.by
        self.name = name ?? event.by
        at = event.at
        role = event.role
        detail = event.detail
    }
}
