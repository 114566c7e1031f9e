import Foundation
import ProgrammeRules
import Vapor

/// The quote command's input, checked field by field, so that each mistake gets one clear line.
struct QuoteRequest {
    let from: String
    let to: String
    let stay: Stay
    let rates: RateTable
    let greenTravel: Bool

    init(from: String?, to: String?, start: String?, end: String?, ratesPath: String?, greenTravel: Bool) throws {
        self.from = try Self.required(from, "--from", example: "\"Lyon, FR\"")
        self.to = try Self.required(to, "--to", example: "\"Munich, DE\"")
        let start = try Self.date(Self.required(start, "--start", example: "2026-03-02"), "--start")
        let end = try Self.date(Self.required(end, "--end", example: "2026-03-06"), "--end")
        guard start <= end else {
            throw CommandFailure("--end (\(end)) is before --start (\(start))")
        }
        self.stay = Stay(start: start, end: end)
        self.rates = try ratesPath.map(RateTableFile.load) ?? .cxcDefault
        self.greenTravel = greenTravel
    }

    func quote() throws -> LumpSumQuote {
        let gazetteer = try Gazetteer.bundled()
        let visitor: City
        let host: City
        do {
            visitor = try gazetteer.resolve(from)
        } catch {
            throw CommandFailure("--from: \(error)")
        }
        do {
            host = try gazetteer.resolve(to)
        } catch {
            throw CommandFailure("--to: \(error)")
        }
        let calculator = LumpSumCalculator(calendar: try HolidayCalendar.bundled())
        do {
            return try calculator.quote(from: visitor.place, to: host.place, stay: stay, rates: rates, greenTravel: greenTravel)
        } catch {
            let rules = error.violations.map(\.rule.rawValue).joined(separator: ", ")
            throw CommandFailure("refused (\(rules)): \(error)")
        }
    }

    private static func required(_ value: String?, _ option: String, example: String) throws -> String {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandFailure("\(option) is required, e.g. \(option) \(example)")
        }
        return value
    }

    private static func date(_ text: String, _ option: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw CommandFailure("\(option): expected a calendar date as YYYY-MM-DD, got \"\(text)\"")
        }
        return date
    }
}
