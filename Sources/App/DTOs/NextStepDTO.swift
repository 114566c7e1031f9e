import ProgrammeRules
import Vapor

/// Who acts next (roles), what, and by when.
struct NextStepDTO: Content {
    let who: [String]
    let what: String
    let by: CalendarDate?
    /// The exchange's page where the step is taken, when it is not a button of its own
    /// (`commitment`: `/exchanges/{id}/commitment`).
    var page: String? = nil
    /// The day `by` has passed.
    var late = false
}
