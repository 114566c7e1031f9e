import Vapor

/// What an action may carry: a reason (decline, withdraw, return-report, cancel), a payment's date
/// and reference (pay).
struct ActionInput: Content, Sendable {
    var reason: String?
    var paidOn: String?
    var reference: String?
}
