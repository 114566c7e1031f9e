import Fluent
import Foundation
import ProgrammeRules
import SQLKit
import Vapor

/// The statistics (`StatisticsDTO`): the exchanges with their organisations, the partnerships'
/// ledgers and the outcomes, read in three queries and counted in Swift (`Statistics+Breakdowns`).
/// Open to everyone without names, or for one partnership's coordinators with them.
struct Statistics {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// Groups smaller than this are merged so that no organisation can be picked out.
    static let smallestGroup = 3

    /// Travel estimate: rail below 500 km one way, air above (`TravelAssumption`, the same on every
    /// page); kg CO2e per passenger-km from the UK government's conversion factors for company
    /// reporting (DESNZ, 2023): national rail, and a short-haul flight in economy with radiative
    /// forcing (decision 0026).
    static let railBelowKm = TravelAssumption.railBelowKm
    static let railGramsPerKm = 35
    static let airGramsPerKm = 151
    static let source =
        "UK Department for Energy Security and Net Zero, Greenhouse gas reporting: conversion factors 2023 "
        + "(national rail; short-haul flight, economy, with radiative forcing)"

    struct Row: Decodable {
        let id: UUID
        let phase: ExchangePhase
        let proposed_on: CalendarDate
        let is_virtual: Bool
        let funded_cents: Int?
        let visitor_partnership_id: UUID
        let visitor_id: UUID
        let visitor_key: String
        let visitor_name: String
        let visitor_country: String
        let visitor_kind: String
        let visitor_sectors: String
        let visitor_latitude: Double
        let visitor_longitude: Double
        let host_id: UUID
        let host_key: String
        let host_name: String
        let host_country: String
        let host_latitude: Double
        let host_longitude: Double
        let purposes: String?
    }

    /// The open statistics: every exchange, small groups merged, no names.
    func figures() async throws -> StatisticsDTO { try await figures(of: nil) }

    /// A partnership's statistics for its coordinators and the support office: the exchanges its
    /// budget funds (its visitors'), every group shown, and the exchanges by name.
    func figures(ofPartnership key: String) async throws -> StatisticsDTO {
        guard let partnership = try await Partnership.query(on: db).filter(\.$key == key).first() else {
            throw AppError.noSuch("partnership", key: key)
        }
        _ = try context.signedIn()
        guard try await context.permissions.coordinates(partnership.id) else {
            throw AppError.forbidden(
                "Only the coordinators of \(partnership.name) and the support office see its statistics with names; "
                    + "the open statistics are at /statistics.")
        }
        return try await figures(of: partnership)
    }

    /// The partnerships whose statistics with names the caller may see, by name: the ones they
    /// coordinate, or every one for the support office; none for anyone else.
    func partnershipsWithNames() async throws -> [(key: String, name: String)] {
        guard let caller = context.caller, caller.isAdmin || caller.isCoordinator else { return [] }
        let ids = try await context.permissions.coordinatedPartnerships()
        var query = Partnership.query(on: db).sort(\.$name)
        if let ids { query = query.filter(\.$id ~~ ids) }
        return try await query.all().map { (key: $0.key, name: $0.name) }
    }

    private func figures(of scope: Partnership?) async throws -> StatisticsDTO {
        let smallest = scope == nil ? Self.smallestGroup : 1
        let all = try await db.sql().raw(
            """
            SELECT e.id, e.phase, e.proposed_on, e.\(ident: "virtual") AS is_virtual, e.funded_cents, e.visitor_partnership_id,
                v.id AS visitor_id, v.key AS visitor_key, v.name AS visitor_name,
                v.country AS visitor_country, v.kind AS visitor_kind, v.sectors AS visitor_sectors,
                v.latitude AS visitor_latitude, v.longitude AS visitor_longitude,
                h.id AS host_id, h.key AS host_key, h.name AS host_name,
                h.country AS host_country, h.latitude AS host_latitude, h.longitude AS host_longitude, r.purposes
            FROM \(ident: Exchange.schema) e
            JOIN \(ident: Organisation.schema) v ON v.id = e.visitor_id
            JOIN \(ident: Organisation.schema) h ON h.id = e.host_id
            LEFT JOIN \(ident: VisitRequest.schema) r ON r.id = e.request_id
            """
        ).all(decoding: Row.self)
        let rows = scope.map { partnership in all.filter { $0.visitor_partnership_id == partnership.id } } ?? all
        let funded = rows.filter { ExchangeChecks.funded.contains($0.phase) }
        var partnerships = scope.map { [$0] } ?? []
        if scope == nil { partnerships = try await Partnership.query(on: db).sort(\.$name).all() }
        let balances = try await Ledger.balances(of: partnerships, on: db)
        let fundedBy = Dictionary(grouping: funded, by: \.visitor_partnership_id).mapValues(\.count)
        let countries = CountryRegistry.cosme
        let countryName = { (code: String) in CountryCode(code).map { countries.name(of: $0) } ?? code }
        let answers = try await ExchangeOutcome.query(on: db).filter(\.$answer != nil).all()
        let exchangeIDs = Set(rows.map(\.id))
        let outcomes = scope == nil ? answers : answers.filter { exchangeIDs.contains($0.$exchange.id) }

        return StatisticsDTO(
            asOf: context.clock.today.description, exchanges: rows.count, fundedExchanges: funded.count,
            phasesByMonth: Self.phasesByMonth(rows),
            flows: Self.flows(funded, smallest: smallest, name: countryName),
            byKind: Self.merged(
                funded.map { OrganisationKind(rawValue: $0.visitor_kind)?.displayName ?? $0.visitor_kind }, smallest: smallest),
            bySector: Self.merged(
                funded.map { row in
                    StringList.decode(row.visitor_sectors).first.map { NACECode($0)?.label ?? $0 } ?? "No sector given"
                }, smallest: smallest),
            byPurpose: Self.merged(
                funded.flatMap { row in
                    StringList.decode(row.purposes ?? "").map { Purpose(rawValue: $0)?.displayName ?? $0 }
                }, smallest: smallest),
            budgets: partnerships.compactMap { partnership in
                guard let id = partnership.id, let balance = balances[id] else { return nil }
                return .init(
                    partnership: partnership.key, name: partnership.name, budgetCents: balance.budgetCents,
                    reservedCents: balance.reservedCents, paidCents: balance.paidCents, availableCents: balance.availableCents,
                    targetExchanges: partnership.targetExchanges, fundedExchanges: fundedBy[id] ?? 0)
            },
            lumpSums: Self.bands(funded, smallest: smallest), travel: Self.travel(funded),
            outcomes: Self.merged(outcomes.compactMap { $0.answer?.words }, smallest: smallest),
            partnership: scope?.key, partnershipName: scope?.name,
            namedExchanges: scope == nil ? nil : Self.named(rows, outcomes: outcomes))
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
}

extension ServiceContext {
    var statistics: Statistics { Statistics(context: self) }
}
