/// Why a transition was refused.
public struct TransitionError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        case terminalPhase = "terminal-phase"
        case wrongPhase = "wrong-phase"
        case roleNotPermitted = "role-not-permitted"
        case alreadySigned = "already-signed"
        case signaturesMissing = "signatures-missing"
    }

    public let code: Code
    public let action: ExchangeAction
    public let phase: ExchangePhase
    public let reason: String

    public var description: String { reason }
}
