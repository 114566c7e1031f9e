import Foundation
import Matching
import ProgrammeRules

/// A synthetic platform at scale: hosts with one offer each, visitors with one request each, and
/// for each request one planted host whose offer was written from the request's needs (its
/// topics, most of its words, its sector, a language it speaks, a window that fits, another
/// country). Words follow a Zipf-like law, so common words are common, as in real texts.
struct SyntheticCorpus {
    var organisations: [OrganisationProfile] = []
    var offers: [OfferProfile] = []
    var requests: [RequestProfile] = []
    /// Request key → the planted offer's key.
    var planted: [String: String] = [:]

    static let countries = [
        "AT", "BE", "BG", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
        "LT", "LU", "LV", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]
    static let languages = ["en", "de", "fr", "it", "es", "pl", "nl", "pt"]
    static let sectors = [
        "C10", "C13", "C16", "C20", "C21", "C22", "C25", "C26", "C27", "C28", "C29", "C30", "D35",
        "E38", "F41", "H49", "J58", "J62", "M71", "M72", "A01", "Q86", "R90", "I55",
    ]
    static let stems = [
        "laser", "photon", "hydrogen", "battery", "robot", "textile", "wood", "food", "solar", "wind",
        "sensor", "drone", "plastic", "steel", "glass", "paper", "wine", "dairy", "medic", "genom", "cyber", "data",
        "cloud", "chip", "quantum", "fibre", "ceramic", "composite", "polymer", "coating", "water", "waste", "recycl",
        "logist", "port", "rail", "space", "satellite", "marine", "fish", "forest", "mining", "cement", "paint",
        "furniture", "fashion", "shoe", "toy", "game", "music", "film", "tourism", "hotel", "sport", "health", "pharma",
        "vaccine", "implant", "prosthe", "nano", "micro", "optic", "acoustic", "thermal", "heat", "cool", "grid",
        "storage", "motor", "engine", "turbine", "valve", "pump", "weld", "cast", "forge", "mould", "print", "scan",
    ]
    static let suffixes = ["", "ics", "ing", "ation", "ware", "tech", "lab", "systems", "processing", "design"]

    static func code(_ text: String) -> CountryCode {
        guard let code = CountryCode(text) else { fatalError("not a country code: \(text)") }
        return code
    }

    /// Topic phrases ("laser processing") and a long tail of description words.
    let topics: [String]
    let words: [String]

    init(hosts: Int, requests requestCount: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        topics = Self.stems.flatMap { stem in Self.suffixes.map { stem + $0 } }
        // A vocabulary of 20,000 invented words beside the topic words.
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa", "do", "fe", "gu", "ha", "ji"]
        var vocabulary = topics
        while vocabulary.count < 20_000 {
            let length = Int.random(in: 2...4, using: &random)
            vocabulary.append((0..<length).map { _ in syllables[Int.random(in: 0..<syllables.count, using: &random)] }.joined())
        }
        words = vocabulary
        let start = CalendarDate(iso: "2027-01-04") ?? CalendarDate(dayNumber: 0)

        func zipf(_ count: Int) -> Int {
            // Rank r with probability ~ 1/r: inverse of the continuous approximation.
            let u = Double.random(in: 0..<1, using: &random)
            return min(count - 1, Int(pow(Double(count), u)) - 1)
        }
        func text(_ length: Int) -> [String] { (0..<length).map { _ in words[zipf(words.count)] } }
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        func organisation(
            _ key: String, kind: OrganisationKind, country: String, sector: String, topics: [String], languages: Set<String>
        ) -> OrganisationProfile {
            OrganisationProfile(
                key: key, name: key, participant: Participant(kind: kind, country: Self.code(country)),
                coordinate: Coordinate(
                    latitude: Double.random(in: 37...60, using: &random), longitude: Double.random(in: -9...27, using: &random)),
                sectors: [NACECode(sector)].compactMap { $0 }, topics: topics, languages: languages)
        }
        let hostKinds: [OrganisationKind] = [
            .clusterOrganisation, .technologyCentre, .researchInstitute, .innovationHub, .incubator, .largeCompany,
        ]

        for n in 0..<hosts {
            let key = "H\(n)"
            let offerTopics = (0..<Int.random(in: 2...3, using: &random)).map { _ in topics[zipf(topics.count)] }
            organisations.append(
                organisation(
                    key, kind: pick(hostKinds), country: pick(Self.countries), sector: pick(Self.sectors),
                    topics: offerTopics, languages: Set(["en", pick(Self.languages)])))
            let from = start.adding(days: Int.random(in: 0...120, using: &random))
            offers.append(
                OfferProfile(
                    key: "F\(n)", hostKey: key, title: text(4).joined(separator: " "),
                    description: text(Int.random(in: 30...80, using: &random)).joined(separator: " "), topics: offerTopics,
                    purposes: Set((0..<2).map { _ in pick(Purpose.allCases) }), languages: Set(["en", pick(Self.languages)]),
                    availableFrom: from, availableTo: from.adding(days: Int.random(in: 60...300, using: &random)),
                    capacityLeft: Int.random(in: 1...3, using: &random)))
        }
        for n in 0..<requestCount {
            let key = "V\(n)"
            let country = pick(Self.countries)
            let sector = pick(Self.sectors)
            let needs = (0..<Int.random(in: 2...3, using: &random)).map { _ in
                topics[Int.random(in: 0..<topics.count, using: &random)]
            }
            let language = pick(Self.languages)
            organisations.append(
                organisation(
                    key, kind: .clusterOrganisation, country: country, sector: sector, topics: needs,
                    languages: Set([language, "en"])))
            let earliest = start.adding(days: Int.random(in: 0...150, using: &random))
            let title = text(3) + [needs[0]]
            let description = text(Int.random(in: 20...50, using: &random))
            let purposes: Set<Purpose> = [pick(Purpose.allCases)]
            requests.append(
                RequestProfile(
                    key: "R\(n)", visitorKey: key, title: title.joined(separator: " "),
                    description: description.joined(separator: " "), topics: needs, purposes: purposes,
                    languages: [language, "en"],
                    earliest: earliest, latest: earliest.adding(days: 90), workingDays: Int.random(in: 3...10, using: &random)))
            // The planted host: written from the request's needs, in another country.
            let plantedKey = "P\(n)"
            let plantedCountry = Self.countries.filter { $0 != country }[
                Int.random(in: 0..<(Self.countries.count - 1), using: &random)]
            organisations.append(
                organisation(
                    plantedKey, kind: pick(hostKinds), country: plantedCountry, sector: sector,
                    topics: needs, languages: Set([language, "en"])))
            let kept = description.filter { _ in Double.random(in: 0..<1, using: &random) < 0.6 }
            offers.append(
                OfferProfile(
                    key: "F-\(plantedKey)", hostKey: plantedKey, title: (text(2) + needs.prefix(1)).joined(separator: " "),
                    description: (kept + text(Int.random(in: 10...30, using: &random))).shuffled(using: &random).joined(
                        separator: " "),
                    topics: needs, purposes: purposes.union([pick(Purpose.allCases)]), languages: [language, "en"],
                    availableFrom: earliest.adding(days: -30), availableTo: earliest.adding(days: 120), capacityLeft: 2))
            planted["R\(n)"] = "F-\(plantedKey)"
        }
    }
}
