import Fluent
import Foundation
import ProgrammeRules
import Vapor

/// News, achievements and events for the demo, written through the services as their authors: a
/// few published by the partnerships (events in several time zones, some in person, some online),
/// and two of the demo participant's waiting in the demo coordinator's moderation queue.
struct DemoPublications {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// Writes them once; returns how many were written.
    func seed() async throws -> Int {
        guard try await Publication.query(on: db).count() == 0,
            let admin = try await caller("admin@clusterxchange.example"),
            let participant = try await caller("participant@clusterxchange.example"),
            let coordinator = try await caller("coordinator@clusterxchange.example")
        else { return 0 }
        let office = context.acting(as: admin)
        let member = context.acting(as: participant)
        let moderator = context.acting(as: coordinator)
        // One validated cluster of each of four partnerships speaks for the platform's other members.
        var voices: [Organisation] = []
        var partnerships = Set<UUID>()
        for organisation in try await Organisation.query(on: db).filter(\.$validationStatus == .validated)
            .filter(\.$kind == .clusterOrganisation).sort(\.$key).limit(200).all()
        where partnerships.insert(organisation.$partnership.id ?? UUID()).inserted {
            voices.append(organisation)
            if voices.count == 4 { break }
        }
        guard voices.count == 4 else { return 0 }
        let ownKey = DemoExchanges.participantOrganisation
        var written = 0

        // The demo participant's achievement, published by its coordinator; its news, waiting.
        let story = try await member.publications.submitNews(
            NewsInput(
                organisation: ownKey, title: "A week in Munich doubled our welding line's speed",
                body: "Five days with a Bavarian laser centre showed our engineers how to tune fibre lasers for thin sheet.\n\n"
                    + "Back home we rebuilt one line; it now welds twice as fast with less scrap. We are looking for a "
                    + "second host in Austria to learn their inspection methods.",
                kind: "achievement"))
        _ = try await moderator.publications.publish(story.id, .news)
        _ = try await member.publications.submitNews(
            NewsInput(
                organisation: ownKey, title: "Our new fibre laser line is open to visitors",
                body: "From spring, visiting clusters and SMEs can see our new line at work, two days a month.",
                kind: "news"))
        written += 2

        let headlines = [
            (
                "news", "Four clusters sign a shared roadmap for green hydrogen",
                "Cluster managers from four regions agreed on shared test sites and a joint call for SMEs."
            ),
            (
                "achievement", "From an exchange to a joint project",
                "A week's visit in 2026 grew into a three-year project on recycled composites with six SMEs."
            ),
            (
                "news", "Open call: host a visiting SME this spring",
                "Hosts with space for one visitor between March and June are invited to publish an offer."
            ),
            (
                "news", "Digital twins for small factories: what we learned",
                "Our members compared five digital twin tools on real lines; the report is open to every cluster."
            ),
        ]
        for (index, headline) in headlines.enumerated() {
            let receipt = try await office.publications.submitNews(
                NewsInput(organisation: voices[index].key, title: headline.1, body: headline.2, kind: headline.0))
            _ = try await office.publications.publish(receipt.id, .news)
            written += 1
        }

        // Events from next week to two months on, each in its organiser's time zone.
        let today = context.clock.today
        func day(_ offset: Int, _ time: String) -> String { "\(today.adding(days: offset).description)T\(time)" }
        // The open day takes 40 people and books half-hour meetings; the summit takes 3 and is full.
        let taking: [String: (places: Int, minutes: Int)] = ["Photonics open day": (40, 30), "Battery clusters summit": (3, 20)]
        let events: [(Int, String, String, String, String, String?, String?)] = [
            (
                0, "Photonics open day", "Europe/Berlin", day(9, "10:00"), day(9, "16:00"), "Munich, DE",
                nil
            ),
            (
                1, "Green hydrogen for SMEs: a webinar", "Europe/Lisbon", day(16, "15:00"), day(16, "16:30"), nil,
                "https://meet.clusterxchange.example/hydrogen"
            ),
            (
                2, "Battery clusters summit", "Europe/Helsinki", day(30, "09:00"), day(31, "17:00"), "Helsinki, FI",
                "https://meet.clusterxchange.example/batteries"
            ),
            (
                3, "Transatlantic cluster matchmaking", "America/New_York", day(44, "10:00"), day(44, "13:00"), nil,
                "https://meet.clusterxchange.example/transatlantic"
            ),
            (
                0, "Optics in Asia: a study tour briefing", "Asia/Tokyo", day(23, "17:00"), day(23, "18:30"), nil,
                "https://meet.clusterxchange.example/asia"
            ),
        ]
        for event in events {
            let receipt = try await office.publications.submitEvent(
                EventInput(
                    organisation: voices[event.0].key, title: event.1,
                    description: "Open to every cluster and member of the platform. Come with your questions; "
                        + "short exchanges are planned on the spot.",
                    start: event.3, end: event.4, timeZone: event.2, place: event.5, online: event.6,
                    places: taking[event.1]?.places, meetingMinutes: taking[event.1]?.minutes))
            _ = try await office.publications.publish(receipt.id, .events)
            written += 1
        }
        try await takePart(member)
        // The demo participant follows its partnership, a topic and a voice, is interested in the first
        // event, and chose a weekly digest.
        let firstEvent = try await Publication.query(on: db).filter(\.$kind == .event).filter(\.$status == .published)
            .sort(\.$startsAt).first()
        for (kind, target) in [
            ("partnership", DemoExchanges.visitorPartnership), ("topic", "laser"), ("organisation", voices[2].key),
            ("event", firstEvent?.id?.uuidString ?? ""),
        ] where !target.isEmpty {
            _ = try await member.following.follow(kind, target)
        }
        _ = try await member.following.setDigest("weekly")
        _ = try await member.publications.submitEvent(
            EventInput(
                organisation: ownKey, title: "Visitors' day at our laser line", description: "Two hours on the shop floor.",
                start: day(20, "13:00"), end: day(20, "15:00"), timeZone: "Europe/Prague", place: "Brno, CZ", online: nil))
        return written + 1
    }

    /// People register for the events that take registrations: the demo participant and five others
    /// have places at the open day, where one of them asks the participant for a meeting; three
    /// fill the summit, and the participant waits on its list.
    private func takePart(_ member: ServiceContext) async throws {
        let openDay = try await Publication.query(on: db).filter(\.$title == "Photonics open day").first()
        let summit = try await Publication.query(on: db).filter(\.$title == "Battery clusters summit").first()
        guard let openDayID = openDay?.id, let summitID = summit?.id, let memberID = member.caller?.id else { return }
        let others = try await User.query(on: db).filter(\.$role == .participant).filter(\.$id != memberID)
            .sort(\.$email).limit(5).all().compactMap(Caller.init)
        for (index, person) in others.enumerated() {
            let acting = context.acting(as: person)
            _ = try await acting.attendance.register(openDayID)
            if index < 3 { _ = try await acting.attendance.register(summitID) }
        }
        _ = try await member.attendance.register(openDayID)
        _ = try await member.attendance.register(summitID)
        guard let asking = others.first, let openDay else { return }
        let slots = context.acting(as: asking).meetings.slots(of: openDay)
        let attendee = try await member.attendance.registration(of: memberID, at: openDayID)
        guard slots.count > 2, let attendee else { return }
        _ = try await context.acting(as: asking).meetings.request(
            at: openDayID,
            MeetingInput(with: attendee.id, start: slots[2], note: "Your laser line, and hosting one of our SMEs in spring."))
    }

    private func caller(_ email: String) async throws -> Caller? {
        try await User.find(email: email, on: db).flatMap(Caller.init)
    }
}
