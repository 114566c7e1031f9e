import Testing

@testable import App

/// A refusal said in a notice names its field in words (issue 20: "is required" alone).
@Suite struct FieldProblemTests {
    @Test func aPredicateGetsItsFieldsNameAndASentenceStays() {
        #expect(FieldProblem("objectives", "required", "is required").sentence == "Objectives is required")
        #expect(FieldProblem("hostRating", "range", "must be from 1 to 5").sentence == "Host rating must be from 1 to 5")
        #expect(FieldProblem("agenda_items[2]", "invalid", "is too long").sentence == "Agenda items is too long")
        #expect(FieldProblem("start", "notice", "The stay starts too soon.").sentence == "The stay starts too soon.")
        let refusal = AppError.invalid([
            FieldProblem("body", "required", "is required"), FieldProblem("about", "path", "must be a page here"),
        ])
        #expect(refusal.inWords == "Body is required; About must be a page here")
    }
}
