import Foundation
import ProgrammeRules

/// The platform's date: every rule that depends on "today" (a report only after the stay, the
/// payment clock, participation dates, reminders) asks this one clock. `CLUSTERXCHANGE_TODAY`
/// fixes the date for demonstrations and tests; unset, today is the system clock's date in
/// Brussels (docs/interfaces.md, "The platform's date").
struct PlatformClock: Sendable {
    static let programmeTimeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt

    /// The fixed date, when one is set.
    let fixedToday: CalendarDate?
    /// A fixed instant, for the demo's history written as if over past weeks; nil everywhere else.
    let fixedNow: Date?

    init(fixedToday: CalendarDate? = nil, fixedNow: Date? = nil) {
        self.fixedToday = fixedToday
        self.fixedNow = fixedNow
    }

    /// The clock stopped at `instant`, its date in Brussels.
    static func stopped(at instant: Date) -> PlatformClock {
        PlatformClock(fixedToday: CalendarDate.today(in: programmeTimeZone, now: instant), fixedNow: instant)
    }

    /// Today as a calendar date.
    var today: CalendarDate { fixedToday ?? CalendarDate.today(in: Self.programmeTimeZone) }

    /// The instant now, for timestamps (history, sessions, tokens): the real clock unless stopped.
    var now: Date { fixedNow ?? Date() }
}
