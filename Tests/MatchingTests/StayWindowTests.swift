import ProgrammeRules
import Testing

@testable import Matching

@Suite struct StayWindowTests {
    func find(_ workingDays: Int, _ earliest: String, _ latest: String, _ from: String, _ to: String, in country: String = "DE")
        -> StayWindow
    {
        StayWindow.find(
            workingDays: workingDays, earliest: Fixture.date(earliest), latest: Fixture.date(latest),
            availableFrom: Fixture.date(from), availableTo: Fixture.date(to), hostCountry: Fixture.country(country),
            calendar: Fixture.calendar, maxCalendarDays: 31)
    }

    @Test func theEarliestStaySkipsWeekendsAndTheHostsHolidays() {
        // Good Friday 2026-04-03 and Easter Monday 2026-04-06 are German public holidays.
        let window = find(5, "2026-04-01", "2026-04-30", "2026-01-01", "2026-12-31")
        guard case .fits(let stay, let available) = window else {
            Issue.record("expected a stay, got \(window)")
            return
        }
        #expect(stay == Stay(start: Fixture.date("2026-04-01"), end: Fixture.date("2026-04-09")))
        #expect(available == 20)  // 22 weekdays in April 2026, less the two holidays
    }

    @Test func theStayStartsWhereBothWindowsOpen() {
        guard case .fits(let stay, _) = find(3, "2026-03-02", "2026-06-30", "2026-05-11", "2026-12-18") else {
            Issue.record("expected a stay")
            return
        }
        #expect(stay.start == Fixture.date("2026-05-11"))
        #expect(stay.end == Fixture.date("2026-05-13"))
    }

    @Test func windowsThatDoNotMeetOrAreTooShortAreNamed() {
        #expect(find(5, "2026-03-02", "2026-03-31", "2026-04-01", "2026-04-30") == .noOverlap)
        #expect(find(5, "2026-03-02", "2026-03-31", "2026-03-26", "2026-04-30") == .tooFewWorkingDays(available: 4))
        #expect(find(25, "2026-01-05", "2026-12-18", "2026-01-05", "2026-12-18") == .tooSpread(maxCalendarDays: 31))
        #expect(find(5, "2040-03-01", "2040-03-31", "2040-03-01", "2040-03-31") == .outsideCalendar)
    }

    @Test func noStayStartsBeforeTheProgrammesNotice() {
        // Monday 7 December 2026 plus ten working days in Germany: Monday 21 December.
        let notice = StayNotice(today: Fixture.date("2026-12-07"))
        let earliest = notice.earliestStart(in: Fixture.country("DE"), calendar: Fixture.calendar)
        #expect(earliest == Fixture.date("2026-12-21"))
        let window = StayWindow.find(
            workingDays: 3, earliest: Fixture.date("2026-11-19"), latest: Fixture.date("2027-01-29"),
            availableFrom: Fixture.date("2026-11-01"), availableTo: Fixture.date("2027-06-30"),
            hostCountry: Fixture.country("DE"),
            calendar: Fixture.calendar, maxCalendarDays: 31, notBefore: earliest)
        guard case .fits(let stay, _) = window else {
            Issue.record("expected a stay, got \(window)")
            return
        }
        #expect(stay.start == earliest)
        // Windows that close before it are too soon, not merely too short.
        let closed = StayWindow.find(
            workingDays: 3, earliest: Fixture.date("2026-11-19"), latest: Fixture.date("2026-12-09"),
            availableFrom: Fixture.date("2026-11-01"), availableTo: Fixture.date("2027-06-30"),
            hostCountry: Fixture.country("DE"),
            calendar: Fixture.calendar, maxCalendarDays: 31, notBefore: earliest)
        #expect(closed == .tooSoon(earliestStart: earliest))
        // A notice of none still starts after today.
        #expect(
            StayNotice(today: Fixture.date("2026-12-07"), workingDays: 0).earliestStart(
                in: Fixture.country("DE"), calendar: Fixture.calendar) == Fixture.date("2026-12-08"))
    }
}
