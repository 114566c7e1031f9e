import Fluent
import Foundation
import ProgrammeRules
import SQLKit
import Vapor

/// The open statistics (`StatisticsDTO`): two queries, the exchanges with their organisations and
/// the partnerships' ledgers, counted in Swift.
struct Statistics {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// Groups smaller than this are merged so that no organisation can be picked out.
    static let smallestGroup = 3

    /// Travel estimate: rail below 500 km one way, air above; kg CO2e per passenger-km from the UK
    /// government's conversion factors for company reporting (DESNZ, 2023): national rail, and a
    /// short-haul flight in economy with radiative forcing (decision 0026).
    static let railBelowKm = 500
    static let railGramsPerKm = 35
    static let airGramsPerKm = 151
    static let source =
        "UK Department for Energy Security and Net Zero, Greenhouse gas reporting: conversion factors 2023 "
        + "(national rail; short-haul flight, economy, with radiative forcing)"

    struct Row: Decodable {
        let phase: ExchangePhase
        let proposed_on: CalendarDate
        let is_virtual: Bool
        let funded_cents: Int?
        let visitor_partnership_id: UUID
        let visitor_country: String
        let visitor_kind: String
        let visitor_sectors: String
        let visitor_latitude: Double
        let visitor_longitude: Double
        let host_country: String
        let host_latitude: Double
        let host_longitude: Double
        let purposes: String?
    }

    func figures() async throws -> StatisticsDTO {
        let rows = try await db.sql().raw(
            """
            SELECT e.phase, e.proposed_on, e.\(ident: "virtual") AS is_virtual, e.funded_cents, e.visitor_partnership_id,
                v.country AS visitor_country, v.kind AS visitor_kind, v.sectors AS visitor_sectors,
                v.latitude AS visitor_latitude, v.longitude AS visitor_longitude,
                h.country AS host_country, h.latitude AS host_latitude, h.longitude AS host_longitude, r.purposes
            FROM \(ident: Exchange.schema) e
            JOIN \(ident: Organisation.schema) v ON v.id = e.visitor_id
            JOIN \(ident: Organisation.schema) h ON h.id = e.host_id
            LEFT JOIN \(ident: VisitRequest.schema) r ON r.id = e.request_id
            """
        ).all(decoding: Row.self)
        let funded = rows.filter { ExchangeChecks.funded.contains($0.phase) }
        let partnerships = try await Partnership.query(on: db).sort(\.$name).all()
        let balances = try await Ledger.balances(of: partnerships, on: db)
        let fundedBy = Dictionary(grouping: funded, by: \.visitor_partnership_id).mapValues(\.count)
        let countries = CountryRegistry.cosme
        let countryName = { (code: String) in CountryCode(code).map { countries.name(of: $0) } ?? code }

        return StatisticsDTO(
            asOf: context.clock.today.description, exchanges: rows.count, fundedExchanges: funded.count,
            phasesByMonth: Self.phasesByMonth(rows),
            flows: Self.flows(funded, name: countryName),
            byKind: Self.merged(funded.map { OrganisationKind(rawValue: $0.visitor_kind)?.displayName ?? $0.visitor_kind }),
            bySector: Self.merged(
                funded.map { row in
                    StringList.decode(row.visitor_sectors).first.map { NACECode($0)?.label ?? $0 } ?? "No sector given"
                }),
            byPurpose: Self.merged(
                funded.flatMap { row in
                    StringList.decode(row.purposes ?? "").map { Purpose(rawValue: $0)?.displayName ?? $0 }
                }),
            budgets: partnerships.compactMap { partnership in
                guard let id = partnership.id, let balance = balances[id] else { return nil }
                return .init(
                    partnership: partnership.key, name: partnership.name, budgetCents: balance.budgetCents,
                    reservedCents: balance.reservedCents, paidCents: balance.paidCents, availableCents: balance.availableCents,
                    targetExchanges: partnership.targetExchanges, fundedExchanges: fundedBy[id] ?? 0)
            },
            lumpSums: Self.bands(funded), travel: Self.travel(funded),
            outcomes: Self.merged(
                try await ExchangeOutcome.query(on: db).filter(\.$answer != nil).all().compactMap { $0.answer?.words }))
    }

    /// The map: every validated organisation's place, and the flows between countries with at
    /// least three funded exchanges (by code, for the countries' centres).
    func map() async throws -> StatisticsMap {
        struct Place: Decodable {
            let latitude: Double
            let longitude: Double
            let country: String
        }
        struct Pair: Decodable {
            let visitor_country: String
            let host_country: String
        }
        let sql = try db.sql()
        let places = try await sql.raw(
            """
            SELECT latitude, longitude, country FROM \(ident: Organisation.schema)
            WHERE validation_status = \(bind: Organisation.ValidationStatus.validated.rawValue)
            """
        ).all(decoding: Place.self)
        let funded = ExchangeChecks.funded.map(\.rawValue)
        let pairs = try await sql.raw(
            """
            SELECT v.country AS visitor_country, h.country AS host_country FROM \(ident: Exchange.schema) e
            JOIN \(ident: Organisation.schema) v ON v.id = e.visitor_id JOIN \(ident: Organisation.schema) h ON h.id = e.host_id
            WHERE e.phase IN (\(binds: funded))
            """
        ).all(decoding: Pair.self)
        let counts = Dictionary(grouping: pairs, by: { "\($0.visitor_country)>\($0.host_country)" }).mapValues(\.count)
        return StatisticsMap(
            organisations: places.map { .init(latitude: $0.latitude, longitude: $0.longitude, country: $0.country) },
            flows: counts.filter { $0.value >= Self.smallestGroup }.sorted { $0.key < $1.key }.map {
                let parts = $0.key.split(separator: ">").map(String.init)
                return (parts.first ?? "", parts.last ?? "", $0.value)
            })
    }

    /// Exchanges by the month they were proposed and the phase they are in, in the lifecycle's order.
    static func phasesByMonth(_ rows: [Row]) -> [StatisticsDTO.PhaseMonth] {
        var counts: [String: [ExchangePhase: Int]] = [:]
        for row in rows {
            counts[String(row.proposed_on.description.prefix(7)), default: [:]][row.phase, default: 0] += 1
        }
        return counts.keys.sorted().flatMap { month in
            ExchangePhase.allCases.compactMap { phase in
                counts[month]?[phase].map { .init(month: month, phase: phase.rawValue, phaseWords: phase.words, count: $0) }
            }
        }
    }

    /// Visitor country to host country; pairs with fewer than three exchanges merged.
    static func flows(_ rows: [Row], name: (String) -> String) -> [StatisticsDTO.Flow] {
        var counts: [String: (from: String, to: String, count: Int)] = [:]
        for row in rows {
            let key = "\(row.visitor_country)>\(row.host_country)"
            counts[key, default: (name(row.visitor_country), name(row.host_country), 0)].count += 1
        }
        var flows = counts.values.filter { $0.count >= smallestGroup }
            .sorted { $0.count != $1.count ? $0.count > $1.count : ($0.from, $0.to) < ($1.from, $1.to) }
            .map { StatisticsDTO.Flow(from: $0.from, to: $0.to, count: $0.count) }
        let rest = counts.values.filter { $0.count < smallestGroup }.reduce(0) { $0 + $1.count }
        if rest >= smallestGroup { flows.append(.init(from: "Other countries", to: "Other countries", count: rest)) }
        return flows
    }

    /// Counts by label, largest first; labels with fewer than three merged into "Other".
    static func merged(_ labels: [String]) -> [StatisticsDTO.Cell] {
        let counts = Dictionary(grouping: labels, by: { $0 }).mapValues(\.count)
        var cells = counts.filter { $0.value >= smallestGroup }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { StatisticsDTO.Cell(label: $0.key, count: $0.value) }
        let rest = counts.values.filter { $0 < smallestGroup }.reduce(0, +)
        if rest >= smallestGroup { cells.append(.init(label: "Other", count: rest)) }
        return cells
    }

    /// The one-way distance bands of the Erasmus+ travel table, with the lump sums granted.
    static let bandStarts = [0, 100, 500, 2_000, 3_000, 4_000, 8_000]

    static func bandLabel(_ start: Int) -> String {
        guard let index = bandStarts.firstIndex(of: start) else { return "" }
        return index + 1 < bandStarts.count
            ? "\(start.formatted(.number.grouping(.automatic))) to \((bandStarts[index + 1] - 1).formatted()) km"
            : "\(start.formatted()) km and more"
    }

    static func bands(_ rows: [Row]) -> [StatisticsDTO.Band] {
        var counts: [Int: (count: Int, cents: Int)] = [:]
        for row in rows where !row.is_virtual {
            let km = Int(distanceKm(row))
            let start = bandStarts.last { $0 <= km } ?? 0
            counts[start, default: (0, 0)].count += 1
            counts[start, default: (0, 0)].cents += row.funded_cents ?? 0
        }
        var bands: [StatisticsDTO.Band] = []
        var rest = (count: 0, cents: 0)
        for start in bandStarts {
            guard let entry = counts[start] else { continue }
            if entry.count >= smallestGroup {
                bands.append(.init(label: bandLabel(start), count: entry.count, totalCents: entry.cents))
            } else {
                rest.count += entry.count
                rest.cents += entry.cents
            }
        }
        if rest.count >= smallestGroup {
            bands.append(.init(label: "Other distances", count: rest.count, totalCents: rest.cents))
        }
        return bands
    }

    static func distanceKm(_ row: Row) -> Double {
        Coordinate(latitude: row.visitor_latitude, longitude: row.visitor_longitude)
            .distanceKm(to: Coordinate(latitude: row.host_latitude, longitude: row.host_longitude))
    }

    static func travel(_ rows: [Row]) -> StatisticsDTO.Travel {
        var rail = 0
        var air = 0
        for row in rows where !row.is_virtual {
            let km = Int(distanceKm(row).rounded())
            if km < railBelowKm { rail += 2 * km } else { air += 2 * km }
        }
        let grams = rail * railGramsPerKm + air * airGramsPerKm
        return .init(
            exchanges: rows.filter { !$0.is_virtual }.count, railKm: rail, airKm: air, co2Kg: (grams + 500) / 1_000,
            railBelowKm: railBelowKm, railGramsPerKm: railGramsPerKm, airGramsPerKm: airGramsPerKm, source: source)
    }
}

extension ServiceContext {
    var statistics: Statistics { Statistics(context: self) }
}
