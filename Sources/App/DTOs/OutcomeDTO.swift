import Vapor

/// One organisation's side of "what came of it?", six months after its exchange was paid.
struct OutcomeDTO: Content, Sendable {
    let exchange: UUID
    /// The caller's organisation, which answers for its side, and the other one.
    let organisationName: String
    let otherName: String
    /// "no-further-contact", "negotiation-started" or "cooperation-agreement"; absent before an answer.
    let answer: String?
    let note: String
    /// The answers one may give.
    let choices: [String]

    init(_ form: Outcomes.Form) {
        exchange = form.exchange
        organisationName = form.organisationName
        otherName = form.otherName
        answer = form.answer
        note = form.note
        choices = form.choices.map(\.value)
    }
}

/// `PUT /api/v1/exchanges/{id}/outcome`.
struct OutcomeInput: Content, Sendable {
    var answer: String?
    var note: String?
}
