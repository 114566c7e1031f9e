import ProgrammeRules
import Vapor

/// Who acts next (roles), what, and by when.
struct NextStepDTO: Content {
    let who: [String]
    let what: String
    let by: CalendarDate?
}
