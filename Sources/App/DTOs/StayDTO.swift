import ProgrammeRules
import Vapor

/// A stay's first and last day at the host.
struct StayDTO: Content {
    let start: CalendarDate
    let end: CalendarDate

    init(start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
    }

    init(_ stay: Stay) { self.init(start: stay.start, end: stay.end) }
}
