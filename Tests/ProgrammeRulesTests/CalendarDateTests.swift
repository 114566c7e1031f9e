import Foundation
import PropertyBased
import Testing

@testable import ProgrammeRules

@Suite struct CalendarDateTests {
    @Test(arguments: [
        "2026-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-4-1", "20250401", "2025-04-01x", "", "abcd-ef-gh",
        "2025-04-0١",
    ])
    func rejectsWhatIsNotADate(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func parsesLeapDayAndPrintsBack() throws {
        let date = try #require(CalendarDate(iso: "2024-02-29"))
        #expect(date.year == 2024 && date.month == 2 && date.day == 29)
        #expect(date.description == "2024-02-29")
    }

    @Test func knowsTheWeekday() throws {
        #expect(try #require(CalendarDate(iso: "2026-11-25")).weekday == .wednesday)
        #expect(try #require(CalendarDate(iso: "1970-01-01")).weekday == .thursday)
        #expect(try #require(CalendarDate(iso: "2000-02-29")).weekday == .tuesday)
        #expect(try #require(CalendarDate(iso: "2025-04-19")).isWeekend)
    }

    @Test func dayNumbersRoundTrip() async {
        await propertyCheck(input: Gen.int(in: -719_162...2_932_896)) { number in
            let date = CalendarDate(dayNumber: number)
            #expect(date.dayNumber == number)
            #expect(CalendarDate(iso: date.description) == date)
            #expect(date.adding(days: 1).dayNumber == number + 1)
            #expect((1...9999).contains(date.year))
        }
    }

    /// JSON reads a date with `init(iso:)`: what that refuses, JSON refuses, saying what it expected.
    @Test func jsonReadsAndWritesDatesAsISOText() throws {
        let dates = try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2024-02-29"]"#.utf8))
        #expect(dates == [try #require(CalendarDate(iso: "2024-02-29"))])
        #expect(String(decoding: try JSONEncoder().encode(dates), as: UTF8.self) == #"["2024-02-29"]"#)
        do {
            _ = try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2025-02-29"]"#.utf8))
            Issue.record("2025-02-29 was read as a date")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == #"expected a date as YYYY-MM-DD, got "2025-02-29""#)
            #expect(context.codingPath.map(\.intValue) == [0])
        }
    }

    @Test func staysCountBothEnds() throws {
        let stay = Stay(start: try #require(CalendarDate(iso: "2025-12-29")), end: try #require(CalendarDate(iso: "2026-01-04")))
        #expect(stay.calendarDays == 7)
        #expect(stay.days.count == 7)
        #expect(Stay(start: stay.end, end: stay.start).days.isEmpty)
    }
}
