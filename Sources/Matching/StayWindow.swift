import ProgrammeRules

/// Where a request's window and an offer's availability meet, and the first stay inside it that
/// gives the visitor the working days asked for (counted in the host country).
public enum StayWindow: Sendable, Equatable {
    /// `stay` is the earliest stay with the requested working days; `workingDaysAvailable` counts
    /// every working day the two windows share, a measure of how much room there is.
    case fits(stay: Stay, workingDaysAvailable: Int)
    case noOverlap
    case tooFewWorkingDays(available: Int)
    /// The shared days hold enough working days, but never within the longest stay allowed.
    case tooSpread(maxCalendarDays: Int)
    case outsideCalendar
    /// The windows meet, but only before `earliestStart`, the first day the programme's notice allows.
    case tooSoon(earliestStart: CalendarDate)

    /// `notBefore`: the first day a stay may start (`StayNotice`); nil for any day of the windows.
    public static func find(
        workingDays needed: Int, earliest: CalendarDate, latest: CalendarDate, availableFrom: CalendarDate,
        availableTo: CalendarDate, hostCountry: CountryCode, calendar: HolidayCalendar, maxCalendarDays: Int,
        notBefore: CalendarDate? = nil
    ) -> StayWindow {
        let shared = max(earliest, availableFrom)
        let last = min(latest, availableTo)
        guard shared <= last else { return .noOverlap }
        let first = max(shared, notBefore ?? shared)
        guard first <= last else { return .tooSoon(earliestStart: first) }
        guard calendar.coveredYears.contains(first.year), calendar.coveredYears.contains(last.year) else {
            return .outsideCalendar
        }
        let days = (first.dayNumber...last.dayNumber).map(CalendarDate.init(dayNumber:))
        let working = days.map { !$0.isWeekend && calendar.holiday(on: $0, in: hostCountry) == nil }
        let available = working.lazy.filter { $0 }.count
        guard needed > 0, available >= needed else { return .tooFewWorkingDays(available: available) }
        // Two pointers: for each start on a working day, the end moves forward to the needed-th
        // working day; the first start whose stay is short enough wins.
        var end = -1
        var counted = 0
        for start in days.indices where working[start] {
            while counted < needed && end + 1 < days.count {
                end += 1
                if working[end] { counted += 1 }
            }
            guard counted == needed else { break }
            if end - start + 1 <= maxCalendarDays {
                return .fits(stay: Stay(start: days[start], end: days[end]), workingDaysAvailable: available)
            }
            counted -= 1  // the start leaves the window
        }
        return .tooSpread(maxCalendarDays: maxCalendarDays)
    }
}
