import Foundation
import PropertyBased
import Testing

@testable import ProgrammeRules

@Suite struct ExchangeLifecycleTests {
    /// The programme's whole path, from a visitor's proposal to payment.
    static let happyPath: [(ExchangeAction, ExchangeRole)] = [
        (.accept, .host), (.sign(.host), .host), (.sign(.hostPartnership), .hostPartnership),
        (.sign(.visitor), .visitor), (.sign(.visitorPartnership), .visitorPartnership),
        (.signFinancialAgreement(.visitor), .visitor), (.signFinancialAgreement(.visitorPartnership), .visitorPartnership),
        (.approveFunding, .visitorPartnership), (.start, .visitor), (.submitReport, .visitor),
        (.validateReport, .visitorPartnership), (.pay, .visitorPartnership),
    ]

    @Test func theWholePathEndsInPaid() throws {
        var exchange = ExchangeLifecycle(proposedBy: .visitor)
        for (action, role) in Self.happyPath {
            exchange = try exchange.applying(action, by: role)
        }
        #expect(exchange.phase == .paid)
        #expect(exchange.signatures.count == 4)
        #expect(exchange.financialSignatures.count == 2)
    }

    @Test func fundingNeedsTheFinancialSupportAgreementToo() throws {
        var exchange = try ExchangeLifecycle(proposedBy: .visitor).applying(.accept, by: .host)
        for signatory in Signatory.allCases { exchange = try exchange.applying(.sign(signatory), by: signatory.role) }
        exchange = try exchange.applying(.signFinancialAgreement(.visitor), by: .visitor)
        do {
            _ = try exchange.applying(.approveFunding, by: .visitorPartnership)
            Issue.record("approved without the partnership's signature on the agreement")
        } catch {
            #expect(error.code == .signaturesMissing)
            #expect(error.reason.contains("financial-support agreement"))
        }
        #expect(throws: TransitionError.self) { try exchange.applying(.signFinancialAgreement(.visitor), by: .visitor) }
        // Only the visitor and its partnership sign it.
        #expect(throws: TransitionError.self) { try exchange.applying(.signFinancialAgreement(.visitorPartnership), by: .host) }
        exchange = try exchange.applying(.signFinancialAgreement(.visitorPartnership), by: .visitorPartnership)
        #expect(try exchange.applying(.approveFunding, by: .visitorPartnership).phase == .fundingApproved)
    }

    @Test func everyActionHasAWireNameThatReadsBack() {
        for action in ExchangeAction.all {
            #expect(ExchangeAction(wireName: action.description) == action)
        }
        #expect(ExchangeAction(wireName: "sign-financial-agreement-as-visitor") == .signFinancialAgreement(.visitor))
        #expect(ExchangeAction(wireName: "sign-as-nobody") == nil)
    }

    @Test func theSideThatDidNotProposeAnswers() throws {
        let byVisitor = ExchangeLifecycle(proposedBy: .visitor)
        #expect(throws: TransitionError.self) { try byVisitor.applying(.accept, by: .visitor) }
        #expect(try byVisitor.applying(.decline, by: .host).phase == .declined)
        let byHost = ExchangeLifecycle(proposedBy: .host)
        #expect(try byHost.applying(.accept, by: .visitor).phase == .accepted)
    }

    @Test func fundingNeedsFourSignatures() throws {
        var exchange = try ExchangeLifecycle(proposedBy: .visitor).applying(.accept, by: .host)
        for signatory in [Signatory.host, .hostPartnership, .visitor] {
            exchange = try exchange.applying(.sign(signatory), by: signatory.role)
        }
        do {
            _ = try exchange.applying(.approveFunding, by: .visitorPartnership)
            Issue.record("approved with three signatures")
        } catch {
            #expect(error.code == .signaturesMissing)
            #expect(error.reason.contains("visitor-partnership"))
        }
    }

    @Test func editingTheCommitmentVoidsTheSignatures() throws {
        var exchange = try ExchangeLifecycle(proposedBy: .host).applying(.accept, by: .visitor)
        exchange = try exchange.applying(.sign(.host), by: .host).applying(.sign(.visitor), by: .visitor)
        #expect(exchange.phase == .signing)
        exchange = try exchange.applying(.signFinancialAgreement(.visitor), by: .visitor)
        exchange = try exchange.applying(.editCommitment, by: .visitor)
        #expect(exchange.signatures.isEmpty)
        #expect(exchange.financialSignatures.isEmpty)
        #expect(exchange.phase == .accepted)
    }

    @Test func signingTwiceOrForAnotherPartyIsRefused() throws {
        let signed = try ExchangeLifecycle(proposedBy: .visitor).applying(.accept, by: .host).applying(.sign(.host), by: .host)
        #expect(throws: TransitionError.self) { try signed.applying(.sign(.host), by: .host) }
        do {
            _ = try signed.applying(.sign(.visitorPartnership), by: .visitor)
            Issue.record("the visitor signed for its partnership")
        } catch {
            #expect(error.code == .roleNotPermitted)
        }
    }

    @Test func aReturnedReportCanBeSubmittedAgain() throws {
        var exchange = ExchangeLifecycle(proposedBy: .visitor)
        for (action, role) in Self.happyPath.prefix(10) { exchange = try exchange.applying(action, by: role) }
        exchange = try exchange.applying(.returnReport, by: .visitorPartnership)
        #expect(exchange.phase == .reportReturned)
        #expect(try exchange.applying(.submitReport, by: .visitor).phase == .reportSubmitted)
        #expect(throws: TransitionError.self) { try exchange.applying(.pay, by: .visitorPartnership) }
    }

    @Test(arguments: [ExchangePhase.paid, .cancelled, .declined, .withdrawn])
    func nothingLeavesATerminalPhase(_ phase: ExchangePhase) {
        let exchange = ExchangeLifecycle(phase: phase, proposedBy: .visitor, signatures: Set(Signatory.allCases))
        for role in ExchangeRole.allCases {
            #expect(exchange.availableActions(for: role).isEmpty)
        }
        #expect(throws: TransitionError.self) { try exchange.applying(.cancel, by: .supportOffice) }
    }

    @Test func onlyTheHostDisputesAnAcceptedMatchAndItIsWithdrawn() throws {
        let accepted = ExchangeLifecycle(phase: .accepted, proposedBy: .visitor, signatures: [])
        #expect(try accepted.applying(.dispute, by: .host).phase == .withdrawn)
        #expect(throws: TransitionError.self) { try accepted.applying(.dispute, by: .visitor) }
        #expect(throws: TransitionError.self) { try accepted.applying(.dispute, by: .visitorPartnership) }
        let funded = ExchangeLifecycle(phase: .fundingApproved, proposedBy: .visitor, signatures: Set(Signatory.allCases))
        #expect(throws: TransitionError.self) { try funded.applying(.dispute, by: .host) }
    }

    @Test func aProposalIsWithdrawnByItsProposerAndDeclinedByTheOtherSide() throws {
        let proposed = ExchangeLifecycle(proposedBy: .visitor)
        #expect(proposed.availableActions(for: .host) == [.accept, .decline])
        #expect(proposed.availableActions(for: .visitor) == [.withdraw])
        let byHost = ExchangeLifecycle(proposedBy: .host)
        #expect(byHost.availableActions(for: .visitor) == [.accept, .decline])
        #expect(byHost.availableActions(for: .host) == [.withdraw])
    }

    @Test func onlyThePartnershipOrTheSupportOfficeCancels() throws {
        let accepted = try ExchangeLifecycle(proposedBy: .visitor).applying(.accept, by: .host)
        #expect(throws: TransitionError.self) { try accepted.applying(.cancel, by: .visitor) }
        #expect(try accepted.applying(.cancel, by: .supportOffice).phase == .cancelled)
        #expect(accepted.availableActions(for: .visitor).contains(.withdraw))
    }

    /// Every (action, role) pair the machine knows.
    static let moves: [(ExchangeAction, ExchangeRole)] = ExchangeAction.all.flatMap { action in
        ExchangeRole.allCases.map { (action, $0) }
    }

    /// Random walks: one step in eight drawn from all moves, one in thirty-two from the moves open now, the rest
    /// from the open moves that do not end the exchange, so that walks do reach the end. Whatever
    /// the walk, paid is reached only through four signatures on the last version of the
    /// commitment, funding approval and a validated report; nothing moves after a terminal phase;
    /// edits void signatures.
    @Test func noWalkReachesPaidWithoutSignaturesAndAValidatedReport() async {
        let reachedPaid = Counter()
        await propertyCheck(count: 1_000, input: Gen.bool, Gen.int(in: 0...1_000_000).array(of: 0...100)) {
            visitorProposes, choices in
            var exchange = ExchangeLifecycle(proposedBy: visitorProposes ? .visitor : .host)
            var applied: [(ExchangeAction, ExchangeRole)] = []
            for choice in choices {
                let open = Self.moves.filter { (try? exchange.applying($0.0, by: $0.1)) != nil }
                let onward = open.filter { ![.decline, .withdraw, .dispute, .cancel].contains($0.0) }
                let pool = choice % 8 == 0 || open.isEmpty ? Self.moves : (choice % 32 == 1 || onward.isEmpty ? open : onward)
                let move = pool[(choice / 8) % pool.count]
                let before = exchange
                guard let next = try? exchange.applying(move.0, by: move.1) else { continue }
                #expect(!before.phase.isTerminal, "moved out of \(before.phase)")
                if move.0 == .editCommitment { #expect(next.signatures.isEmpty) }
                exchange = next
                applied.append(move)
            }
            guard exchange.phase == .paid else { return }
            reachedPaid.increment()
            #expect(applied.last?.0 == .pay)
            let approval = applied.lastIndex { $0.0 == .approveFunding }
            #expect(approval != nil)
            guard let approval else { return }
            let lastEdit = applied[..<approval].lastIndex { $0.0 == .editCommitment } ?? -1
            let signers = Set(
                applied[(lastEdit + 1)..<approval].compactMap { move -> Signatory? in
                    if case .sign(let signatory) = move.0, signatory.role == move.1 { return signatory }
                    return nil
                })
            #expect(signers == Set(Signatory.allCases))
            let financialSigners = Set(
                applied[(lastEdit + 1)..<approval].compactMap { move -> FinancialSignatory? in
                    if case .signFinancialAgreement(let signatory) = move.0, signatory.role == move.1 { return signatory }
                    return nil
                })
            #expect(financialSigners == Set(FinancialSignatory.allCases))
            #expect(applied[approval...].contains { $0.0 == .validateReport && $0.1 == .visitorPartnership })
        }
        // The property means something only if walks get there.
        #expect(reachedPaid.value > 20, "only \(reachedPaid.value) walks reached paid")
    }
}
