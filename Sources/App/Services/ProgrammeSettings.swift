import Fluent
import Foundation
import ProgrammeRules
import Vapor

/// The programme's settings, in the database so every instance reads the same: whether virtual
/// exchanges are open, how many open proposals a visitor may have, how much notice a stay needs,
/// and the rate table in force.
/// The support office changes them; a new rate table re-quotes the exchanges not yet funded.
struct ProgrammeSettings {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let virtualExchangesKey = "virtual-exchanges"
    static let maximumOpenProposalsKey = "maximum-open-proposals"
    static let rateTableKey = "rate-table"
    static let noticeWorkingDaysKey = "notice-working-days"
    static let defaultMaximumOpenProposals = 5

    /// All settings at once (one query).
    func current() async throws -> ProgrammeSettingsDTO {
        let rows = try await ProgrammeSetting.query(on: db).all()
        let values = Dictionary(
            rows.compactMap { row in row.id.map { ($0, row.value) } }, uniquingKeysWith: { first, _ in first })
        var rates = RateTable.cxcDefault
        if let json = values[Self.rateTableKey], let table = try? JSONDecoder().decode(RateTable.self, from: Data(json.utf8)) {
            rates = table
        }
        return ProgrammeSettingsDTO(
            virtualExchanges: values[Self.virtualExchangesKey] == "true",
            maximumOpenProposals: values[Self.maximumOpenProposalsKey].flatMap(Int.init) ?? Self.defaultMaximumOpenProposals,
            noticeWorkingDays: values[Self.noticeWorkingDaysKey].flatMap(Int.init) ?? StayNotice.defaultWorkingDays,
            rateTable: rates)
    }

    /// Changes the settings given (the support office only); a new rate table re-quotes every
    /// exchange not yet funded and tells its partnership's coordinators of each difference.
    func update(_ input: ProgrammeSettingsInput) async throws -> ProgrammeSettingsDTO {
        let caller = try context.signedIn()
        guard caller.isAdmin else { throw AppError.forbidden("Only the support office changes the programme's settings.") }
        var c = InputChecker()
        let maximum = input.maximumOpenProposals.flatMap { c.number($0, "maximumOpenProposals", in: 1...100) }
        let notice = input.noticeWorkingDays.flatMap {
            c.number($0, "noticeWorkingDays", in: 1...StayNotice.maximumWorkingDays)
        }
        if let table = input.rateTable { Self.check(table, &c) }
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let before = try await current()
        try await db.transaction { tx in
            if let virtual = input.virtualExchanges {
                try await Self.set(Self.virtualExchangesKey, virtual ? "true" : "false", on: tx)
            }
            if let maximum { try await Self.set(Self.maximumOpenProposalsKey, String(maximum), on: tx) }
            if let notice { try await Self.set(Self.noticeWorkingDaysKey, String(notice), on: tx) }
            if let table = input.rateTable {
                let json = String(decoding: try JSONEncoder().encode(table), as: UTF8.self)
                try await Self.set(Self.rateTableKey, json, on: tx)
            }
        }
        let after = try await current()
        if after.rateTable != before.rateTable || after.virtualExchanges != before.virtualExchanges {
            try await context.exchanges.requoteOpenExchanges(settings: after)
        }
        return after
    }

    /// The most a rate table may name: one lump sum is at most 100,000 euros, a stay at most a year.
    static let maximumCents = 10_000_000
    static let maximumDays = 366

    /// A rate table the programme can use: named, amounts and durations within bounds, so no sum of
    /// lump sums can overflow and no stay limit is absurd.
    private static func check(_ table: RateTable, _ c: inout InputChecker) {
        func fail(_ message: String) { c.fail("rateTable", "rate-table", message) }
        if table.name.count > 100 || table.version.count > 40 || table.version.isEmpty {
            fail("name the table (100 characters at most) and its version")
        }
        if table.currency != "EUR" { fail("the programme pays in EUR") }
        let limits = table.limits
        if limits.minWorkingDays < 1 || limits.maxCalendarDays < limits.minWorkingDays || limits.maxCalendarDays > maximumDays {
            fail("the duration limits must satisfy 1 ≤ minWorkingDays ≤ maxCalendarDays ≤ \(maximumDays)")
        }
        if let days = table.halveBelowWorkingDays, !(0...maximumDays).contains(days) {
            fail("halveBelowWorkingDays must be 0 to \(maximumDays)")
        }
        if let km = table.halveBelowDistanceKm, !(km.isFinite && (0...40_000).contains(km)) {
            fail("halveBelowDistanceKm must be 0 to 40,000")
        }
        var amounts = table.capCents.map { [$0] } ?? []
        switch table.basis {
        case .hostCountryThreshold(let defaultCents, let byCountry): amounts += [defaultCents] + Array(byCountry.values)
        case .distanceBands(let bands):
            amounts += bands.flatMap { [$0.standardCents] + ($0.greenCents.map { [$0] } ?? []) }
            if bands.contains(where: { !$0.fromKm.isFinite || $0.fromKm > 40_000 }) {
                fail("distance bands start between 0 and 40,000 km")
            }
        }
        if amounts.contains(where: { !(0...maximumCents).contains($0) }) { fail("amounts must be 0 to \(maximumCents) cents") }
    }

    private static func set(_ name: String, _ value: String, on db: any Database) async throws {
        if let row = try await ProgrammeSetting.find(name, on: db) {
            row.value = value
            try await row.update(on: db)
        } else {
            try await ProgrammeSetting(name: name, value: value).create(on: db)
        }
    }
}

extension ServiceContext {
    var settings: ProgrammeSettings { ProgrammeSettings(context: self) }
}

extension ServiceContext {
    /// How soon a stay may start from the platform's date, as the programme's setting says.
    func stayNotice() async throws -> StayNotice {
        StayNotice(today: clock.today, workingDays: try await settings.current().noticeWorkingDays)
    }
}
