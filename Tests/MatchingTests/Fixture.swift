import ProgrammeRules

@testable import Matching

/// Small, readable organisations, offers and requests for the matcher's tests.
enum Fixture {
    static let calendar: HolidayCalendar = {
        do { return try HolidayCalendar.bundled() } catch { fatalError("bundled calendar: \(error)") }
    }()
    static let rules = EligibilityRules(calendar: calendar)

    static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { fatalError("bad date \(text)") }
        return date
    }

    static func country(_ code: String) -> CountryCode {
        guard let country = CountryCode(code) else { fatalError("bad country \(code)") }
        return country
    }

    static func sectors(_ codes: [String]) -> [NACECode] { codes.compactMap(NACECode.init) }

    static let places: [String: Coordinate] = [
        "Jena": Coordinate(latitude: 50.9272, longitude: 11.5864),
        "Munich": Coordinate(latitude: 48.1374, longitude: 11.5755),
        "Lyon": Coordinate(latitude: 45.7640, longitude: 4.8357),
        "Vienna": Coordinate(latitude: 48.2082, longitude: 16.3738),
        "Porto": Coordinate(latitude: 41.1579, longitude: -8.6291),
        "Tallinn": Coordinate(latitude: 59.4370, longitude: 24.7536),
    ]

    static func organisation(
        _ key: String, _ kind: OrganisationKind = .clusterOrganisation, country code: String, city: String,
        sectors codes: [String] = ["C26"], topics: [String] = ["photonics"], languages: Set<String> = ["en"],
        clusterMember: Bool = false, funded: Int = 0
    ) -> OrganisationProfile {
        OrganisationProfile(
            key: key, name: key, participant: Participant(kind: kind, country: country(code), isClusterMember: clusterMember),
            coordinate: places[city] ?? Coordinate(latitude: 50, longitude: 10), sectors: sectors(codes), topics: topics,
            languages: languages, fundedExchanges: funded)
    }

    static func offer(
        _ key: String, host: String, title: String = "Photonics labs open week",
        description: String = "Visit our laser processing labs.",
        topics: [String] = ["photonics", "laser processing"], purposes: Set<Purpose> = [.technology, .learn],
        languages: Set<String> = ["en"], from: String = "2026-01-05", to: String = "2026-12-18", capacity: Int = 2,
        virtual: Bool = false
    ) -> OfferProfile {
        OfferProfile(
            key: key, hostKey: host, title: title, description: description, topics: topics, purposes: purposes,
            languages: languages, availableFrom: date(from), availableTo: date(to), capacityLeft: capacity, isVirtual: virtual)
    }

    static func request(
        _ key: String, visitor: String, title: String = "Learn laser processing",
        description: String = "We want to take up photonics and laser processing.",
        topics: [String] = ["photonics", "laser processing"], purposes: Set<Purpose> = [.technology],
        languages: Set<String> = ["en"], earliest: String = "2026-03-02", latest: String = "2026-06-30", workingDays: Int = 5,
        preferred: Set<String> = []
    ) -> RequestProfile {
        RequestProfile(
            key: key, visitorKey: visitor, title: title, description: description, topics: topics, purposes: purposes,
            languages: languages, earliest: date(earliest), latest: date(latest), workingDays: workingDays,
            preferredCountries: Set(preferred.map(country)))
    }

    static func matcher(organisations: [OrganisationProfile], offers: [OfferProfile], requests: [RequestProfile]) -> Matcher {
        var matcher = Matcher(rules: rules)
        for organisation in organisations { matcher.upsert(organisation) }
        for offer in offers { matcher.upsert(offer) }
        for request in requests { matcher.upsert(request) }
        return matcher
    }
}
