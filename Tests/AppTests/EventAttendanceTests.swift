import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Events as b2match users expect them (issue 20): registration with a limit and a waiting list,
/// who comes for those who come, and one-to-one meetings between participants that land in both
/// private calendars.
@Suite struct EventAttendanceTests {
    /// The host's event on 1 April 2027 in Munich, 10:00 to 12:00 Berlin time: `places` places and
    /// half-hour meetings (four slots: 08:00, 08:30, 09:00 and 09:30 UTC).
    static func event(_ scene: ExchangeScene, places: Int?) async throws -> UUID {
        var json: [String: Any] = [
            "organisation": "H1", "title": "Laser open day", "description": "Demonstrations.", "start": "2027-04-01T10:00",
            "end": "2027-04-01T12:00", "timeZone": "Europe/Berlin", "place": "Munich, DE", "meetingMinutes": 30,
        ]
        if let places { json["places"] = places }
        let created = try await scene.host.send(.POST, "/api/v1/events", json: json)
        #expect(created.status == .created, "\(created.body.string)")
        let id = try created.content.decode(PublicationReceipt.self).id
        try await scene.hostPartnership.send(.POST, "/api/v1/events/\(id)/publish")
        return id
    }

    static func attendance(_ response: TestingHTTPResponse) throws -> AttendanceDTO {
        try response.content.decode(AttendanceDTO.self)
    }

    @Test func aFullEventKeepsAWaitingListServedInTurn() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await Self.event(scene, places: 2)
            let third = try await APIClient.signedIn(app, "third@v1.example", organisation: "V1")
            let fourth = try await APIClient.signedIn(app, "fourth@v1.example", organisation: "V1")
            let path = "/api/v1/events/\(id)/registration"
            #expect(try Self.attendance(try await scene.visitor.send(.POST, path)).yours == .registered)
            #expect(try Self.attendance(try await scene.outsider.send(.POST, path)).yours == .registered)
            let waiting = try Self.attendance(try await third.send(.POST, path))
            #expect(waiting.yours == .waiting && waiting.position == 1 && waiting.registered == 2)
            #expect(try Self.attendance(try await fourth.send(.POST, path)).position == 2)
            // Asking again changes nothing.
            #expect(try Self.attendance(try await third.send(.POST, path)).position == 1)
            // A place frees up: the first waiting takes it and is told; the next moves up.
            let cancelled = try Self.attendance(try await scene.visitor.send(.DELETE, path))
            #expect(cancelled.yours == nil && cancelled.registered == 2 && cancelled.waiting == 1)
            #expect(try Self.attendance(try await third.send(.GET, path)).yours == .registered)
            #expect(try Self.attendance(try await fourth.send(.GET, path)).position == 1)
            let thirdUser = try #require(try await User.find(email: "third@v1.example", on: app.db))
            let told = try await Notification.query(on: app.db).filter(\.$user.$id == thirdUser.requireID()).all().map(\.text)
            #expect(told.contains { $0.contains("A place at Laser open day freed up and is yours") })
            // Anyone reads the places; nobody registers for an event without a time to come.
            let open = try Self.attendance(try await APIClient(app: app, token: nil).send(.GET, path))
            #expect(open.places == 2 && open.registered == 2 && open.yours == nil && open.open)
            #expect(try await APIClient(app: app, token: nil).send(.POST, path).status == .unauthorized)
            scene.setToday("2027-04-02")
            let late = APIClient(app: app, token: try await token(app, "visitor@v1.example"))
            let refused = try await late.send(.POST, path)
            #expect(refused.status == .conflict, "\(refused.body.string)")
        }
    }

    @Test func parallelRegistrationsNeverTakeMorePlacesThanThereAre() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await Self.event(scene, places: 5)
            var clients: [APIClient] = []
            for number in 0..<12 { clients.append(try await .signedIn(app, "p\(number)@v1.example", organisation: "V1")) }
            let statuses = try await withThrowingTaskGroup(of: EventRegistration.Status?.self) { group in
                for client in clients {
                    group.addTask { try Self.attendance(try await client.send(.POST, "/api/v1/events/\(id)/registration")).yours }
                }
                return try await group.reduce(into: [EventRegistration.Status?]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .registered }.count == 5)
            #expect(statuses.filter { $0 == .waiting }.count == 7)
            #expect(try await EventRegistration.query(on: app.db).filter(\.$status == .registered).count() == 5)
        }
    }

    @Test func onlyThoseWhoComeAndTheOrganisersSeeWhoComes() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await Self.event(scene, places: nil)
            let path = "/api/v1/events/\(id)/attendees"
            try await scene.visitor.send(.POST, "/api/v1/events/\(id)/registration")
            #expect(try await scene.outsider.send(.GET, path).status == .forbidden)
            #expect(try await APIClient(app: app, token: nil).send(.GET, path).status == .unauthorized)
            let seen = try await scene.visitor.send(.GET, path).content.decode([AttendeeDTO].self)
            #expect(seen.map(\.name) == ["visitor"] && seen[0].isYou && seen[0].organisations == ["Lyon Photonics Cluster"])
            // The organiser's members and its moderators see the list without registering.
            #expect(try await scene.host.send(.GET, path).content.decode([AttendeeDTO].self).count == 1)
            #expect(try await scene.hostPartnership.send(.GET, path).status == .ok)
            // The page shows the list to those who see it, and not to others.
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            #expect(try await visitor.get("/events/\(id)").body.string.contains("Who comes (1)"))
            let outsider = try await TestBrowser.signedIn(app, "member@v2.example")
            #expect(!(try await outsider.get("/events/\(id)").body.string.contains("Who comes")))
        }
    }

    @Test func participantsBookMeetingsThatLandInBothCalendars() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await Self.event(scene, places: nil)
            try await scene.visitor.send(.POST, "/api/v1/events/\(id)/registration")
            let meetings = "/api/v1/events/\(id)/meetings"
            // Without a place, nobody asks.
            let early = try await scene.outsider.send(
                .POST, meetings, json: ["with": UUID().uuidString, "start": "2027-04-01T08:00:00Z"])
            #expect(early.status == .conflict)
            try await scene.outsider.send(.POST, "/api/v1/events/\(id)/registration")
            let people = try await scene.outsider.send(.GET, "/api/v1/events/\(id)/attendees").content.decode([AttendeeDTO].self)
            let visitor = try #require(people.first { $0.name == "visitor" })
            // A time that is not one of the slots, and oneself, are named.
            let wrong = try await scene.outsider.send(
                .POST, meetings, json: ["with": visitor.id.uuidString, "start": "2027-04-01T08:10:00Z"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(buffer: wrong.body)).errors?.map(\.field) == ["start"])
            let mine = try #require(people.first { $0.isYou })
            let alone = try await scene.outsider.send(
                .POST, meetings, json: ["with": mine.id.uuidString, "start": "2027-04-01T08:30:00Z"])
            #expect(alone.status == .unprocessableEntity)
            let asked = try await scene.outsider.send(
                .POST, meetings, json: ["with": visitor.id.uuidString, "start": "2027-04-01T08:30:00Z", "note": "Lasers."])
            #expect(asked.status == .created, "\(asked.body.string)")
            let meeting = try asked.content.decode(MeetingDTO.self)
            #expect(meeting.status == .requested && meeting.youAsked && meeting.with == "visitor")
            #expect(meeting.when == "Thursday 1 April 2027, 10:30 to 11:00 (Europe/Berlin)")
            // The slot is taken for both.
            let twice = try await scene.visitor.send(
                .POST, meetings, json: ["with": mine.id.uuidString, "start": "2027-04-01T08:30:00Z"])
            #expect(twice.status == .conflict)
            let visitorUser = try #require(try await User.find(email: "visitor@v1.example", on: app.db))
            let told = try await Notification.query(on: app.db).filter(\.$user.$id == visitorUser.requireID()).all().map(\.text)
            #expect(
                told.contains {
                    $0.hasPrefix("member (") && $0.contains("asks to meet you at Laser open day, Thursday 1 April 2027, 10:30")
                })
            // Only the person asked answers; then both calendars hold it.
            #expect(try await scene.outsider.send(.POST, "\(meetings)/\(meeting.id)/accept").status == .forbidden)
            let accepted = try await scene.visitor.send(.POST, "\(meetings)/\(meeting.id)/accept").content.decode(MeetingDTO.self)
            #expect(accepted.status == .accepted && !accepted.youAsked && accepted.mayCancel)
            for client in [scene.visitor, scene.outsider] {
                let link = try await client.send(.POST, "/api/v1/auth/calendar-link").content.decode([String: String].self)
                let url = try #require(link["url"])
                let feedPath = try #require(URL(string: url)?.path)
                let feed = try await app.testing().sendRequest(.GET, feedPath).body.string
                #expect(feed.contains("SUMMARY:Meeting with") && feed.contains("DTSTART:20270401T083000Z"))
                #expect(feed.contains("SUMMARY:Laser open day"), "a registered event is in the calendar")
            }
            // Giving up the place cancels the meeting, and the other is told.
            try await scene.visitor.send(.DELETE, "/api/v1/events/\(id)/registration")
            let after = try await scene.outsider.send(.GET, meetings).content.decode([MeetingDTO].self)
            #expect(after.map(\.status) == [.cancelled])
        }
    }

    @Test func theEventsPageRegistersAndConfirms() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await Self.event(scene, places: 1)
            let anonymous = try await app.testing().sendRequest(.GET, "/events/\(id)").body.string
            #expect(anonymous.contains("0 of 1 place taken") && anonymous.contains("Sign in to register"))
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            #expect(try await visitor.get("/events/\(id)").body.string.contains(">Register</button>"))
            let done = try await visitor.post("/events/\(id)/registration", form: [:])
            #expect(done.status == .seeOther)
            let page = try await visitor.get("/events/\(id)").body.string
            #expect(page.contains("You are registered for Laser open day"), "the confirmation")
            #expect(page.contains("Cancel my registration…"))
            let outsider = try await TestBrowser.signedIn(app, "member@v2.example")
            #expect(try await outsider.get("/events/\(id)").body.string.contains("Join the waiting list"))
            _ = try await outsider.post("/events/\(id)/registration", form: [:])
            #expect(try await outsider.get("/events/\(id)").body.string.contains("You are number 1 on the waiting list"))
            // The form takes places and meetings, and names a wrong number beside its field.
            let host = try await TestBrowser.signedIn(app, "host@h1.example")
            let refused = try await host.post(
                "/events",
                form: [
                    "organisation": "H1", "title": "Open lab", "description": "Come.", "start": "2027-05-01T10:00",
                    "end": "2027-05-01T12:00", "timeZone": "Europe/Berlin", "place": "Munich, DE", "places": "many",
                    "meetingMinutes": "30",
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("must be a whole number from 1 to 10,000"))
            #expect(refused.body.string.contains(#"value="many""#))
        }
    }

    @Test func meetingSlotsFollowTheEventsHoursInItsTimeZone() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        func at(_ text: String) throws -> Date { try #require(EventTime(text, zone: berlin)).instant }
        let day = MeetingSlots.starts(from: try at("2027-04-01T10:00"), to: try at("2027-04-01T12:00"), zone: berlin, minutes: 30)
        #expect(day.map { EventTime.clock($0, in: berlin) } == ["10:00", "10:30", "11:00", "11:30"])
        // Two days, 09:00 to 17:30: the night is left out.
        let two = MeetingSlots.starts(from: try at("2027-05-12T09:00"), to: try at("2027-05-13T17:30"), zone: berlin, minutes: 45)
        #expect(two.count == 22 && EventTime.clock(two[11], in: berlin) == "09:00")
        // From an evening to a morning: working hours, 09:00 to 18:00, on the days between.
        let evening = MeetingSlots.starts(
            from: try at("2027-05-12T19:00"), to: try at("2027-05-14T10:00"), zone: berlin, minutes: 30)
        #expect(evening.map { EventTime.clock($0, in: berlin) }.prefix(2) == ["09:00", "09:30"] && evening.count == 18 + 2)
        // The night the clocks go forward, 01:00 to 04:00 is two hours: four half-hour meetings.
        let spring = MeetingSlots.starts(
            from: try at("2027-03-28T01:00"), to: try at("2027-03-28T04:00"), zone: berlin, minutes: 30)
        #expect(spring.map { EventTime.clock($0, in: berlin) } == ["01:00", "01:30", "03:00", "03:30"])
        #expect(
            MeetingSlots.starts(from: try at("2027-04-01T10:00"), to: try at("2027-04-01T12:00"), zone: berlin, minutes: 7)
                .isEmpty)
    }
}
