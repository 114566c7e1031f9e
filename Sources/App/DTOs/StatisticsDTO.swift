import Vapor

/// The platform's statistics, as `/statistics` draws them and `/api/v1/statistics` gives them.
/// In the open statistics, breakdowns that describe organisations merge groups of fewer than three
/// exchanges into "Other", and leave "Other" out when it too holds fewer than three. A
/// partnership's statistics (`/api/v1/partnerships/{key}/statistics`, for its coordinators and
/// the support office) count only the exchanges its budget funds, show every group, and name them.
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

    /// A partnership's exchange by name (only in a partnership's statistics).
    struct NamedExchange: Content, Sendable {
        let id: UUID
        /// The visitor organisation's key and name.
        let visitor: String
        let visitorName: String
        let host: String
        let hostName: String
        let phase: String
        let phaseWords: String
        /// The lump sum granted, once funding is approved.
        let lumpSumCents: Int?
        /// One way, great-circle; absent for a virtual stay.
        let distanceKm: Int?
        /// "rail", "air" or "none" (virtual), as the travel estimate assumes.
        let travel: String
        /// "Organisation: answer", what each side said six months after payment.
        let outcomes: [String]
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
    /// The partnership these figures are limited to, by key and name; absent in the open statistics.
    var partnership: String? = nil
    var partnershipName: String? = nil
    /// The partnership's exchanges by name; absent in the open statistics.
    var namedExchanges: [NamedExchange]? = nil
}
