import Testing

@testable import ProgrammeRules

@Suite struct HolidayCalendarTests {
    let calendar: HolidayCalendar

    init() throws { calendar = try HolidayCalendar.bundled() }

    @Test(arguments: [
        ("DE", "2025-04-21", "Easter Monday"), ("FR", "2025-04-21", "Easter Monday"), ("PL", "2025-04-21", "Easter"),
        ("DE", "2025-10-03", "German Unity Day"), ("FR", "2025-07-14", "National Day"), ("IT", "2025-06-02", "Republic Day"),
        ("ES", "2026-10-12", "National Day"), ("PL", "2025-11-11", "Independence Day"), ("PL", "2025-05-03", "Third of May"),
        ("GB", "2019-12-25", "Christmas"), ("XK", "2025-02-17", "Independence Day"), ("GR", "2024-05-06", "Easter Monday"),
        ("IE", "2026-03-17", "Patrick"), ("AT", "2014-10-26", "National Day"), ("TR", "2035-04-23", "Sovereignty"),
        ("BE", "2030-07-21", "National Day"), ("UA", "2021-08-24", "Independence Day"),
    ])
    func knownHolidays(_ country: String, _ date: String, _ namePart: String) throws {
        let name = calendar.holiday(on: day(date), in: code(country)) ?? "none"
        #expect(name.contains(namePart), "\(country) \(date): \(name)")
    }

    @Test func orthodoxAndWesternEasterDifferInGreece() {
        // 2024: western Easter Monday 1 April, Orthodox Easter Monday 6 May.
        #expect(calendar.holiday(on: day("2024-04-01"), in: code("GR")) == nil)
        #expect(calendar.holiday(on: day("2024-04-01"), in: code("DE")) != nil)
    }

    @Test func workingDaysAreAddedSkippingWeekendsAndHolidays() {
        // Monday 11 January 2027 plus five working days in Germany: Monday the 18th.
        #expect(calendar.adding(workingDays: 5, to: day("2027-01-11"), in: code("DE")) == day("2027-01-18"))
        // Thursday 30 September 2027 plus two in Germany: Friday 1 October, then Monday the 4th (3 October is a Sunday).
        #expect(calendar.adding(workingDays: 2, to: day("2027-09-30"), in: code("DE")) == day("2027-10-04"))
        // Wednesday 24 December 2025 plus one in Germany skips Christmas and Boxing Day: Monday the 29th.
        #expect(calendar.adding(workingDays: 1, to: day("2025-12-24"), in: code("DE")) == day("2025-12-29"))
        #expect(calendar.adding(workingDays: 0, to: day("2027-01-11"), in: code("DE")) == day("2027-01-11"))
    }

    @Test func ordinaryDaysAreNotHolidays() {
        #expect(calendar.holiday(on: day("2025-03-12"), in: code("DE")) == nil)
        #expect(calendar.holiday(on: day("2025-10-03"), in: code("FR")) == nil)
    }

    @Test func everyParticipatingCountryHasHolidaysEveryCoveredYear() {
        for country in CountryRegistry.cosme.everParticipating {
            for year in calendar.coveredYears {
                let count = calendar.holidays(in: country.code, year: year).count
                if country.code.rawValue == "UA" && year >= 2023 {
                    // Suspended under martial law from 24 February 2022.
                    #expect(count == 0)
                } else {
                    #expect(count >= 5, "\(country.code) \(year): \(count) holidays")
                }
            }
        }
    }

    @Test func workingDaysLeaveOutWeekendsAndHolidays() throws {
        // Easter week 2025 in Germany: Mon 21 April is Easter Monday.
        let easterWeek = try calendar.workingDays(in: stay("2025-04-18", "2025-04-25"), country: code("DE"))
        #expect(easterWeek.calendarDays == 8)
        #expect(easterWeek.weekendDays == 2)
        #expect(easterWeek.holidays.map(\.date) == [day("2025-04-18"), day("2025-04-21")])
        #expect(easterWeek.workingDays == 4)
        #expect(easterWeek.explanation.hasPrefix("4 working days: 8 calendar days less 2 weekend days and 2 public holidays"))
        // The same dates in Poland: Good Friday is not a public holiday there.
        let polish = try calendar.workingDays(in: stay("2025-04-18", "2025-04-25"), country: code("PL"))
        #expect(polish.workingDays == 5)
    }

    @Test func aHolidayOnASundayIsCountedOnce() throws {
        // 2026-11-01, All Saints' Day in Belgium, is a Sunday.
        let count = try calendar.workingDays(in: stay("2026-10-30", "2026-11-02"), country: code("BE"))
        #expect(count.weekendDays == 2)
        #expect(count.holidays.isEmpty)
        #expect(count.workingDays == 2)
    }

    @Test func refusesWhatItCannotCount() {
        #expect(throws: CalendarError.outsideCoveredYears(stay("2036-01-05", "2036-01-09"), 2014...2035)) {
            try calendar.workingDays(in: stay("2036-01-05", "2036-01-09"), country: code("DE"))
        }
        #expect(throws: CalendarError.unknownCountry(code("NO"))) {
            try calendar.workingDays(in: stay("2026-01-05", "2026-01-09"), country: code("NO"))
        }
        #expect(throws: CalendarError.endBeforeStart(stay("2026-01-09", "2026-01-05"))) {
            try calendar.workingDays(in: stay("2026-01-09", "2026-01-05"), country: code("DE"))
        }
    }

    @Test func saysWhichPackageMadeIt() {
        #expect(calendar.provenance.contains { $0.contains("holidays==0.108") })
    }

    @Test func malformedLinesAreReportedWithTheirNumber() {
        #expect(throws: DataFileError.malformedLine(file: "holidays.tsv", line: 2)) {
            try HolidayCalendar.parse(tsv: "# header\nDE\t2025-02-30\tNope\n", coveredYears: 2025...2025)
        }
    }
}
