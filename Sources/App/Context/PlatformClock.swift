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

    init(fixedToday: CalendarDate? = nil) {
        self.fixedToday = fixedToday
    }

    /// Today as a calendar date.
    var today: CalendarDate { fixedToday ?? CalendarDate.today(in: Self.programmeTimeZone) }

    /// The instant now, for timestamps (history, sessions, tokens): always the real clock.
    var now: Date { Date() }
}
