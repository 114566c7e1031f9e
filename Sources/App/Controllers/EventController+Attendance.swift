import Vapor

/// Taking part in an event: registration with its waiting list, who comes, and one-to-one
/// meetings between participants; in the API and on the event's page.
extension EventController {
    func bootAttendance(_ routes: Surfaces) {
        let api = routes.api
        api.access(.anyone).get("events", ":id", "registration", use: attendance)
        let signedIn = api.access(.signedIn)
        signedIn.post("events", ":id", "registration", use: register)
        signedIn.delete("events", ":id", "registration", use: cancelRegistration)
        signedIn.get("events", ":id", "attendees", use: attendees)
        signedIn.get("events", ":id", "meetings", use: meetings)
        signedIn.post("events", ":id", "meetings", use: requestMeeting)
        for answer in EventMeetings.Answer.allCases {
            signedIn.post("events", ":id", "meetings", ":meeting", .constant(answer.rawValue)) { req in
                try await req.context.meetings.answer(
                    at: try req.uuid("id", "event"), meeting: try req.uuid("meeting", "meeting"), answer)
            }
        }

        let pages = routes.pages.access(.signedIn)
        pages.post("events", ":id", "registration", use: registerPage)
        pages.post("events", ":id", "registration", "cancel", use: cancelRegistrationPage)
        pages.post("events", ":id", "meetings", use: requestMeetingPage)
        for answer in EventMeetings.Answer.allCases {
            pages.post("events", ":id", "meetings", ":meeting", .constant(answer.rawValue)) { req in
                try await answerPage(req, answer)
            }
        }
    }

    // MARK: API

    @Sendable func attendance(req: Request) async throws -> AttendanceDTO {
        try await req.context.attendance.summary(try req.uuid("id", "event"))
    }

    @Sendable func register(req: Request) async throws -> AttendanceDTO {
        try await req.context.attendance.register(try req.uuid("id", "event"))
    }

    @Sendable func cancelRegistration(req: Request) async throws -> AttendanceDTO {
        try await req.context.attendance.cancel(try req.uuid("id", "event"))
    }

    @Sendable func attendees(req: Request) async throws -> [AttendeeDTO] {
        try await req.context.attendance.attendees(try req.uuid("id", "event"))
    }

    @Sendable func meetings(req: Request) async throws -> [MeetingDTO] {
        try await req.context.meetings.mine(at: try req.uuid("id", "event"))
    }

    @Sendable func requestMeeting(req: Request) async throws -> Response {
        let id = try req.uuid("id", "event")
        let meeting = try await req.context.meetings.request(at: id, try req.input(MeetingInput.self))
        return try await req.created(meeting, at: "/api/v1/events/\(id)/meetings")
    }

    // MARK: Pages

    @Sendable func registerPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "event")
        do {
            let done = try await req.context.attendance.register(id)
            return req.redirect(to: "/events/\(id)#taking-part", flash: done.message ?? "Done.")
        } catch let error as AppError where error.status == .conflict {
            return req.redirect(to: "/events/\(id)", flash: "Not registered: \(error.inWords)")
        }
    }

    @Sendable func cancelRegistrationPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "event")
        let done = try await req.context.attendance.cancel(id)
        return req.redirect(to: "/events/\(id)#taking-part", flash: done.message ?? "Done.")
    }

    /// The page's form: the person and the time as the select sends them.
    struct MeetingForm: Content {
        var with: String?
        var start: String?
        var note: String?

        var input: MeetingInput {
            MeetingInput(
                with: with.flatMap { UUID(uuidString: $0) },
                start: start.flatMap { try? Date($0, strategy: .iso8601) }, note: note)
        }
    }

    @Sendable func requestMeetingPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "event")
        do {
            let meeting = try await req.context.meetings.request(at: id, try req.input(MeetingForm.self).input)
            return req.redirect(
                to: "/events/\(id)#meetings",
                flash: "Asked: \(meeting.with) is told and answers on this page. You are told when they do.")
        } catch let error as AppError where [.conflict, .unprocessableEntity].contains(error.status) {
            return req.redirect(to: "/events/\(id)#meetings", flash: "Not asked: \(error.inWords)")
        }
    }

    private func answerPage(_ req: Request, _ answer: EventMeetings.Answer) async throws -> Response {
        let id = try req.uuid("id", "event")
        do {
            let meeting = try await req.context.meetings.answer(at: id, meeting: try req.uuid("meeting", "meeting"), answer)
            let said =
                switch answer {
                case .accept: "Agreed: you meet \(meeting.with), \(meeting.when). It is in your private calendar; they are told."
                case .decline: "Declined: \(meeting.with) is told."
                case .cancel: "Cancelled: \(meeting.with) is told."
                }
            return req.redirect(to: "/events/\(id)#meetings", flash: said)
        } catch let error as AppError where [.conflict, .forbidden].contains(error.status) {
            return req.redirect(to: "/events/\(id)#meetings", flash: "Not done: \(error.inWords)")
        }
    }

    /// What the event's page shows of taking part, for the caller.
    struct TakingPart: Encodable {
        let attendance: AttendanceDTO
        /// "12 of 30 places taken, 3 waiting" or "12 registered".
        let placesWords: String
        /// Every place is taken: registering joins the waiting list.
        let full: Bool
        let attendees: [AttendeeDTO]
        let attendeeCount: Int
        let meetings: [MeetingDTO]
        /// Whom and when the caller may ask, when they have a place and the event has meetings.
        let people: [Choice]
        let times: [Choice]
    }

    static func takingPart(_ req: Request, _ event: Publication) async throws -> TakingPart {
        let context = req.context
        let attendance = try await context.attendance.summary(of: event)
        let id = try event.requireID()
        let attendees = attendance.seesAttendees ? try await context.attendance.attendees(id) : []
        let registered = attendance.yours == .registered
        var meetings: [MeetingDTO] = []
        var times: [Choice] = []
        if context.caller != nil, attendance.meetingMinutes != nil {
            meetings = try await context.meetings.mine(at: id)
            if registered {
                let zone = EventTime.zone(event.timeZone ?? "") ?? .gmt
                times = try await context.meetings.freeSlots(of: event).map { slot in
                    Choice(value: slot.formatted(.iso8601), label: EventTime.words(slot, in: zone), selected: false)
                }
            }
        }
        let people =
            registered && attendance.meetingMinutes != nil
            ? attendees.filter { !$0.isYou }.map { person in
                Choice(
                    value: person.id.uuidString,
                    label: person.organisations.isEmpty
                        ? person.name : "\(person.name), \(person.organisations.joined(separator: ", "))",
                    selected: false)
            } : []
        let placesWords: String
        if let places = attendance.places {
            placesWords =
                "\(attendance.registered) of \(counted(places, "place")) taken"
                + (attendance.waiting > 0 ? ", \(attendance.waiting) on the waiting list" : "")
        } else {
            placesWords = "\(attendance.registered) registered; no limit of places"
        }
        return TakingPart(
            attendance: attendance, placesWords: placesWords,
            full: attendance.places.map { attendance.registered >= $0 } ?? false, attendees: attendees,
            attendeeCount: attendees.count, meetings: meetings, people: people,
            times: times)
    }
}
