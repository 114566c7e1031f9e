import Vapor

/// A coordinator's decision on a registration: validate, reject or request-changes, with a reason
/// for the last two.
struct DecisionInput: Content {
    var decision: String?
    var reason: String?
}
