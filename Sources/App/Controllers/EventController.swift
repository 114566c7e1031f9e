import ProgrammeRules
import Vapor

/// Events: the API, the pages (list and month views, the event with its schema.org markup, the
/// form, moderation buttons) and the public iCalendar feed.
struct EventController: Controller {
    func boot(_ routes: Surfaces) {
        routes.root.access(.anyone).get("events.ics", use: feed)
        let api = routes.api
        api.access(.anyone).get("events", use: list)
        api.access(.anyone).get("events", ":id", use: item)
        api.access(.signedIn).post("events", use: submit)
        api.access(.signedIn).post("events", ":id", "report", use: report)
        let moderators = api.access(.roles([.coordinator, .admin]))
        moderators.post("events", ":id", "publish", use: publish)
        moderators.post("events", ":id", "reject", use: reject)

        let pages = routes.pages
        pages.access(.anyone).get("events", use: listPage)
        pages.access(.signedIn).get("events", "new", use: newPage)
        pages.access(.signedIn).post("events", use: submitPage)
        pages.access(.anyone).get("events", ":id", use: itemPage)
        pages.access(.signedIn).post("events", ":id", "report", use: reportPage)
        let moderatorPages = pages.access(.roles([.coordinator, .admin]))
        moderatorPages.post("events", ":id", "publish", use: publishPage)
        moderatorPages.post("events", ":id", "reject", use: rejectPage)
        bootAttendance(routes)
    }

    // MARK: API

    @Sendable func list(req: Request) async throws -> [EventItem] { try await req.context.publications.publishedEvents() }

    @Sendable func item(req: Request) async throws -> EventItem {
        try await req.context.publications.event(try req.uuid("id", "event"))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let receipt = try await req.context.publications.submitEvent(try req.input(EventInput.self))
        return try await req.created(receipt, at: "/api/v1/events/\(receipt.id)")
    }

    @Sendable func publish(req: Request) async throws -> EventItem {
        try Publications.event(try await req.context.publications.publish(try req.uuid("id", "event"), .events))
    }

    @Sendable func reject(req: Request) async throws -> EventItem {
        let id = try req.uuid("id", "event")
        return try Publications.event(try await req.context.publications.reject(id, .events, try req.input(RejectInput.self)))
    }

    @Sendable func report(req: Request) async throws -> ReportReceipt {
        let id = try req.uuid("id", "event")
        return try await req.context.publications.report(id, .events, try req.input(PublicationReportInput.self))
    }

    // MARK: Feed

    /// `/events.ics`: every published event, in UTC, each with a stable UID.
    @Sendable func feed(req: Request) async throws -> Response {
        let context = req.context
        var calendar = ICalendar(name: "ClusterXchange events")
        for event in try await context.publications.publishedEvents(limit: 1_000) {
            calendar.timed(
                uid: "event-\(event.id.uuidString.lowercased())@clusterxchange", start: event.startsAt, end: event.endsAt,
                summary: event.title,
                description: "\(event.organisationName). Times in \(event.timeZone): \(event.start) to \(event.end).\n\n"
                    + event.description,
                url: context.linkBase + event.url,
                location: [event.place, event.online].compactMap { $0 }.joined(separator: " · "),
                stamp: event.publishedAt ?? event.createdAt)
        }
        let response = Response(status: .ok, body: .init(string: calendar.text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        return response
    }

    // MARK: Pages

    @Sendable func listPage(req: Request) async throws -> Response {
        let context = req.context
        if let month = req.query[String.self, at: "month"] {
            guard let view = try await EventMonth.of(month, context: context) else {
                throw AppError.badQuery("month", "year-month", "give the month as YYYY-MM, e.g. 2027-05")
            }
            return try await req.page("events-month", title: "Events in \(view.title)", view)
        }
        let upcoming = try await context.publications.publishedEvents(from: context.clock.now)
        let view = EventList(
            events: upcoming.map(EventCard.init),
            month: CalendarDate.today(in: .gmt, now: context.clock.now).description.prefix(7)
                .description, signedIn: context.caller != nil)
        return try await req.page("events", title: "Events", view)
    }

    struct ItemView: Encodable {
        let item: EventItem
        let card: EventCard
        let statusWords: String
        let paragraphs: [String]
        let jsonLD: String
        let mayModerate: Bool
        let mayReport: Bool
        let errors: [String: String]
        let takingPart: TakingPart
    }

    @Sendable func itemPage(req: Request) async throws -> Response {
        try await renderItem(req, try req.uuid("id", "event"), errors: [:])
    }

    private func renderItem(_ req: Request, _ id: UUID, errors: [String: String], status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let publications = req.context.publications
        let record = try await publications.find(id, .events)
        let event = try Publications.event(record)
        let view = ItemView(
            item: event, card: EventCard(event), statusWords: event.status.words,
            paragraphs: PublicationText.paragraphs(event.description),
            jsonLD: EventCard.jsonLD(event, base: req.context.linkBase), mayModerate: try await publications.mayModerate(record),
            mayReport: req.context.caller != nil && event.status == .published, errors: errors,
            takingPart: try await Self.takingPart(req, record))
        return try await req.page("event", title: event.title, view, status: status)
    }

    /// The form as the browser sends it: every field text, so a number typed wrong is said
    /// beside its field and shown back as typed.
    struct EventForm: Content {
        var organisation, title, description, start, end, timeZone, place, online, places, meetingMinutes: String?

        /// The API's input; a number that is not one is a problem of its field.
        func input() throws(AppError) -> EventInput {
            var input = EventInput(
                organisation: organisation, title: title, description: description, start: start, end: end, timeZone: timeZone,
                place: place?.nonEmpty, online: online?.nonEmpty)
            var problems: [FieldProblem] = []
            if let text = places?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                input.places = Int(text)
                if input.places == nil {
                    problems.append(
                        FieldProblem(
                            "places", "range", "must be a whole number from 1 to \(Publications.maximumPlaces.formatted())"))
                }
            }
            if let text = meetingMinutes, !text.isEmpty {
                input.meetingMinutes = Int(text)
                if input.meetingMinutes == nil {
                    problems.append(FieldProblem("meetingMinutes", "meeting-length", "choose a length"))
                }
            }
            if !problems.isEmpty { throw .invalid(problems) }
            return input
        }
    }

    struct FormView: Encodable {
        let form: EventForm
        let organisations: [Choice]
        let errors: [String: String]
        /// Europe's time zones ("Europe/Brussels"), then the others, to choose from rather than to type.
        let timeZones: [Choice]
        let meetingLengths: [Choice]
    }

    /// Every time zone the system knows, Europe's first, the form's choice selected.
    static func timeZones(selected: String?) -> [Choice] {
        let known = TimeZone.knownTimeZoneIdentifiers
        let european = known.filter { $0.hasPrefix("Europe/") }.sorted()
        let others = known.filter { !$0.hasPrefix("Europe/") && $0.contains("/") }.sorted()
        return (european + others).map { zone in
            Choice(value: zone, label: zone.replacingOccurrences(of: "_", with: " "), selected: zone == selected)
        }
    }

    @Sendable func newPage(req: Request) async throws -> Response {
        var form = EventForm()
        form.organisation = req.query[String.self, at: "organisation"]
        form.timeZone = "Europe/Brussels"
        return try await renderForm(req, form: form, errors: [:])
    }

    @Sendable func submitPage(req: Request) async throws -> Response {
        let form = try req.input(EventForm.self)
        do {
            let receipt = try await req.context.publications.submitEvent(try form.input())
            return req.redirect(
                to: "/events/\(receipt.id)",
                flash: receipt.status == .published
                    ? "Published: your organisation is a trusted publisher."
                    : "Sent for review: your partnership's coordinators are told, and you will be when they decide.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderForm(req, form: form, errors: error.fieldMessages, status: error.status)
        }
    }

    private func renderForm(_ req: Request, form: EventForm, errors: [String: String], status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let view = FormView(
            form: form, organisations: try await PublishingChoices.organisations(req, selected: form.organisation),
            errors: errors,
            timeZones: Self.timeZones(selected: form.timeZone),
            meetingLengths: MeetingSlots.lengths.map { minutes in
                Choice(value: String(minutes), label: "\(minutes) minutes", selected: form.meetingMinutes == String(minutes))
            })
        return try await req.page("event-new", title: "Publish an event", view, status: status)
    }

    @Sendable func publishPage(req: Request) async throws -> Response {
        let item = try await req.context.publications.publish(try req.uuid("id", "event"), .events)
        return req.redirect(to: "/events/\(item.id?.uuidString ?? "")", flash: "Published; the author is told.")
    }

    @Sendable func rejectPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "event")
        do {
            _ = try await req.context.publications.reject(id, .events, try req.input(RejectInput.self))
            return req.redirect(to: "/moderation", flash: "Not published; the author reads your reason.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderItem(req, id, errors: error.fieldMessages, status: error.status)
        }
    }

    @Sendable func reportPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "event")
        let receipt = try await req.context.publications.report(id, .events, try req.input(PublicationReportInput.self))
        return req.redirect(
            to: receipt.hidden ? "/events" : "/events/\(id)",
            flash: receipt.hidden
                ? "Thank you: it is hidden until a moderator reviews it."
                : "Thank you: the moderators will look at it if others report it too.")
    }
}
