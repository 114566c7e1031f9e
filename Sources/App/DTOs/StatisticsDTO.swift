import Vapor

/// The platform's open statistics, as `/statistics` draws them and `/api/v1/statistics` gives
/// them. Breakdowns that describe organisations merge groups of fewer than three exchanges into
/// "Other", and leave "Other" out when it too holds fewer than three.
struct StatisticsDTO: Content, Sendable {
    /// One group of a breakdown.
    struct Cell: Content, Sendable {
        let label: String
        let count: Int
    }

    /// Exchanges proposed in a month, by the phase they are in now.
    struct PhaseMonth: Content, Sendable {
        /// "2027-03".
        let month: String
        let phase: String
        let phaseWords: String
        let count: Int
    }

    /// Exchanges from the visitors' country to the hosts'.
    struct Flow: Content, Sendable {
        let from: String
        let to: String
        let count: Int
    }

    struct Budget: Content, Sendable {
        let partnership: String
        let name: String
        let budgetCents: Int
        let reservedCents: Int
        let paidCents: Int
        let availableCents: Int
        let targetExchanges: Int
        let fundedExchanges: Int
    }

    struct Band: Content, Sendable {
        /// "100 to 499 km".
        let label: String
        let count: Int
        let totalCents: Int
    }

    /// The stays' travel, there and back, estimated from great-circle distances.
    struct Travel: Content, Sendable {
        let exchanges: Int
        let railKm: Int
        let airKm: Int
        let co2Kg: Int
        /// Below this one-way distance the estimate (and the exchange page) take the train.
        let railBelowKm: Int
        let railGramsPerKm: Int
        let airGramsPerKm: Int
        let source: String
    }

    /// The day the figures were read ("2026-12-01").
    let asOf: String
    /// Every exchange proposed, in any phase.
    let exchanges: Int
    /// Funded exchanges (funding approved onwards): the ones the breakdowns count.
    let fundedExchanges: Int
    let phasesByMonth: [PhaseMonth]
    let flows: [Flow]
    let byKind: [Cell]
    let bySector: [Cell]
    let byPurpose: [Cell]
    let budgets: [Budget]
    let lumpSums: [Band]
    let travel: Travel
    /// What came of the exchanges six months after payment, as their organisations answered.
    let outcomes: [Cell]
}
