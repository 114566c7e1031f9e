import Foundation
import ProgrammeRules

/// The breakdowns of the statistics, counted from the exchanges' rows: pure functions, so that
/// tests count them against hand-counted rows. `smallest` is the smallest group shown on its own
/// (3 in the open statistics; 1, every group, in a partnership's statistics for its coordinators).
extension Statistics {
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
    static func flows(_ rows: [Row], smallest: Int = smallestGroup, name: (String) -> String) -> [StatisticsDTO.Flow] {
        var counts: [String: (from: String, to: String, count: Int)] = [:]
        for row in rows {
            let key = "\(row.visitor_country)>\(row.host_country)"
            counts[key, default: (name(row.visitor_country), name(row.host_country), 0)].count += 1
        }
        var flows = counts.values.filter { $0.count >= smallest }
            .sorted { $0.count != $1.count ? $0.count > $1.count : ($0.from, $0.to) < ($1.from, $1.to) }
            .map { StatisticsDTO.Flow(from: $0.from, to: $0.to, count: $0.count) }
        let rest = counts.values.filter { $0.count < smallest }.reduce(0) { $0 + $1.count }
        if rest >= smallest { flows.append(.init(from: "Other countries", to: "Other countries", count: rest)) }
        return flows
    }

    /// Counts by label, largest first; labels with fewer than three merged into "Other".
    static func merged(_ labels: [String], smallest: Int = smallestGroup) -> [StatisticsDTO.Cell] {
        let counts = Dictionary(grouping: labels, by: { $0 }).mapValues(\.count)
        var cells = counts.filter { $0.value >= smallest }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { StatisticsDTO.Cell(label: $0.key, count: $0.value) }
        let rest = counts.values.filter { $0 < smallest }.reduce(0, +)
        if rest >= smallest { cells.append(.init(label: "Other", count: rest)) }
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

    static func bands(_ rows: [Row], smallest: Int = smallestGroup) -> [StatisticsDTO.Band] {
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
            if entry.count >= smallest {
                bands.append(.init(label: bandLabel(start), count: entry.count, totalCents: entry.cents))
            } else {
                rest.count += entry.count
                rest.cents += entry.cents
            }
        }
        if rest.count >= smallest {
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

    /// A partnership's exchanges by name, the visitor's name first, with their lump sums, the
    /// travel the estimate assumes, and what each organisation answered six months on.
    static func named(_ rows: [Row], outcomes: [ExchangeOutcome]) -> [StatisticsDTO.NamedExchange] {
        let answers = Dictionary(grouping: outcomes, by: \.$exchange.id)
        return rows.sorted { ($0.visitor_name, $0.host_name, $0.proposed_on) < ($1.visitor_name, $1.host_name, $1.proposed_on) }
            .map { row in
                let km = row.is_virtual ? nil : Int(distanceKm(row).rounded())
                let said = (answers[row.id] ?? []).compactMap { outcome in
                    outcome.answer.map {
                        "\(outcome.$organisation.id == row.visitor_id ? row.visitor_name : row.host_name): \($0.words)"
                    }
                }
                return .init(
                    id: row.id, visitor: row.visitor_key, visitorName: row.visitor_name, host: row.host_key,
                    hostName: row.host_name, phase: row.phase.rawValue, phaseWords: row.phase.words,
                    lumpSumCents: ExchangeChecks.funded.contains(row.phase) ? row.funded_cents : nil, distanceKm: km,
                    travel: km.map { $0 < railBelowKm ? "rail" : "air" } ?? "none", outcomes: said.sorted())
            }
    }
}
