import ProgrammeRules
import Vapor

/// The programme's settings.
struct ProgrammeSettingsDTO: Content {
    let virtualExchanges: Bool
    let maximumOpenProposals: Int
    /// The working days between today and the first day a stay may start (`StayNotice`).
    let noticeWorkingDays: Int
    /// The rate table in force, in the format of `quote --rates`.
    let rateTable: RateTable
}
