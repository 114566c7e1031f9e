import Vapor

/// The closing report, and the partnership's comments when it came back.
struct ReportDTO: Content {
    let outcomes: String
    let followUp: String
    let learned: String
    let comments: String?
}
