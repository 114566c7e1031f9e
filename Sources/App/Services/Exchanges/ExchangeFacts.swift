import Foundation
import ProgrammeRules

/// What the lifecycle, the next step, the late payment and a caller's roles read of an exchange.
/// The model has it, and so has the dashboards' light row (`ExchangeDigest`), read as plain
/// columns: building the forty-field model by reflection for every exchange of a partnership was
/// most of a coordinator's dashboard.
protocol ExchangeFacts {
    var phase: ExchangePhase { get }
    var proposedBy: Party { get }
    var proposedOn: CalendarDate { get }
    var start: CalendarDate { get }
    var end: CalendarDate { get }
    var commitmentVersion: Int { get }
    /// Goals and agenda are written: the Commitment to Quality can be signed.
    var commitmentWritten: Bool { get }
    var reportValidatedOn: CalendarDate? { get }
    var visitorID: UUID { get }
    var hostID: UUID { get }
    var visitorPartnershipID: UUID { get }
    var hostPartnershipID: UUID { get }
}

/// What the lifecycle reads of a signature.
protocol SignatureFacts {
    var document: ExchangeSignature.Document { get }
    var signatory: String { get }
    var version: Int { get }
}

extension Exchange: ExchangeFacts {
    var visitorID: UUID { $visitor.id }
    var hostID: UUID { $host.id }
    var visitorPartnershipID: UUID { $visitorPartnership.id }
    var hostPartnershipID: UUID { $hostPartnership.id }
    var commitmentWritten: Bool { !goals.isEmpty && !agenda.isEmpty }
}

extension ExchangeSignature: SignatureFacts {}
