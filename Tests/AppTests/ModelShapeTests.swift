import Fluent
import Testing

@testable import App

/// What the code assumes of every model: `QueryBuilder.rows` skips FluentKit's soft-delete filter,
/// which is right only while no model is deleted softly.
@Suite struct ModelShapeTests {
    static let models: [any Model.Type] = [
        BrowserSession.self, CalendarToken.self, EmailLink.self, EventMeeting.self, EventRegistration.self, EvidenceFile.self,
        Exchange.self,
        ExchangeEvent.self,
        ExchangeReminder.self, ExchangeSignature.self, FormSubmission.self, LedgerEntry.self, LoginAttempt.self,
        MatchingChange.self, MatchingRound.self, Membership.self, Message.self, MessageThread.self, Notification.self,
        Offer.self, Organisation.self, OutboxMessage.self, Partnership.self, PartnershipCoordinator.self, PeriodicJob.self,
        ProgrammeSetting.self, Registration.self, RoundProposal.self, StoredFile.self, ThreadRead.self, User.self,
        UserToken.self, VisitRequest.self,
    ]

    @Test func noModelIsDeletedSoftly() {
        var timestamps = 0
        for model in Self.models {
            for property in Mirror(reflecting: model.init()).children {
                guard let trigger = Mirror(reflecting: property.value).children.first(where: { $0.label == "trigger" }),
                    let when = trigger.value as? TimestampTrigger
                else { continue }
                timestamps += 1
                #expect(when != .delete, "\(model) is deleted softly: QueryBuilder.rows would list its deleted rows")
            }
        }
        // The look works: it finds the creation and update timestamps the models have.
        #expect(timestamps > 10)
    }

    @Test func everyModelIsListed() throws {
        // A model added later must be added above; the migrations name every table.
        let tables = Set(Self.models.map { $0.schema })
        #expect(tables.count == Self.models.count)
        #expect(tables.contains(Organisation.schema) && tables.contains(Exchange.schema))
    }
}
