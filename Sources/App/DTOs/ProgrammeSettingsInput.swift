import ProgrammeRules
import Vapor

/// A change of the programme's settings: only what is given changes.
struct ProgrammeSettingsInput: Content {
    var virtualExchanges: Bool?
    var maximumOpenProposals: Int?
    var noticeWorkingDays: Int?
    var rateTable: RateTable?
}
