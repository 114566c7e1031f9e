import Foundation
import ProgrammeRules

/// How well a visitor's request and a host's offer suit each other, part by part, each in [0, 1].
public struct FitParts: Sendable, Equatable, Codable {
    /// BM25 relevance of the texts, normalised by what the query's terms could score at most.
    public var text: Double = 0
    /// Share of the request's topics the host offers (its offer's topics and its profile's).
    public var topics: Double = 0
    /// 1 for a shared NACE division, 0.5 for a shared section only.
    public var sector: Double = 0
    /// Share of the request's purposes the offer serves.
    public var purposes: Double = 0
    /// 1 when the two have a language in common.
    public var languages: Double = 0
    /// 1 when the host's country is one the visitor prefers, or the visitor has no preference.
    public var country: Double = 0
    /// Room in the calendar: the shared working days over twice those asked for, at most 1.
    public var dates: Double = 0
    /// Nearness: 1 next door, 0.5 at 1,500 km.
    public var distance: Double = 0
}

/// The weights of the parts; they sum to 1, so the score stays in [0, 1] (docs/decisions/0010).
public struct FitWeights: Sendable, Equatable {
    public var text = 0.30
    public var topics = 0.20
    public var sector = 0.15
    public var purposes = 0.10
    public var languages = 0.10
    public var country = 0.05
    public var dates = 0.05
    public var distance = 0.05

    public init() {}

    public static let standard = FitWeights()

    public func score(_ parts: FitParts) -> Double {
        let total = text * parts.text + topics * parts.topics + sector * parts.sector + purposes * parts.purposes
            + languages * parts.languages + country * parts.country + dates * parts.dates + distance * parts.distance
        let sum = text + topics + sector + purposes + languages + country + dates + distance
        return sum > 0 ? min(1, max(0, total / sum)) : 0
    }
}

/// Computes the parts (numbers only, for every candidate) and writes the reasons (words, only for
/// the pairs shown).
struct FitAssessor: Sendable {
    let analyzer: TextAnalyzer
    let countries: CountryRegistry

    /// What is worked out once per request, not once per candidate.
    struct RequestSide {
        let request: RequestProfile
        let visitor: OrganisationProfile
        /// The request's topics, each as written and folded, without repeats.
        let topics: [(original: String, folded: String)]
        let languages: Set<String>
    }

    func side(_ request: RequestProfile, _ visitor: OrganisationProfile) -> RequestSide {
        RequestSide(request: request, visitor: visitor, topics: foldedTopics(request.topics),
            languages: request.languages.isEmpty ? visitor.languages : request.languages)
    }

    func foldedTopics(_ topics: [String]) -> [(original: String, folded: String)] {
        var seen = Set<String>()
        return topics.compactMap { topic in
            let folded = analyzer.terms(topic).joined(separator: " ")
            guard !folded.isEmpty, seen.insert(folded).inserted else { return nil }
            return (topic.trimmingCharacters(in: .whitespaces), folded)
        }
    }

    func parts(
        _ side: RequestSide, offer: OfferProfile, host: OrganisationProfile, offeredTopics: Set<String>, textScore: Double,
        workingDaysAvailable: Int, distanceKm: Double
    ) -> FitParts {
        var parts = FitParts()
        parts.text = min(1, max(0, textScore))
        if !side.topics.isEmpty {
            parts.topics = Double(side.topics.lazy.filter { offeredTopics.contains($0.folded) }.count) / Double(side.topics.count)
        }
        if side.visitor.sectors.contains(where: host.sectors.contains) {
            parts.sector = 1
        } else if side.visitor.sectors.contains(where: { sector in host.sectors.contains { $0.section == sector.section } }) {
            parts.sector = 0.5
        }
        let request = side.request
        if !request.purposes.isEmpty {
            parts.purposes = Double(request.purposes.intersection(offer.purposes).count) / Double(request.purposes.count)
        }
        let hostLanguages = offer.languages.isEmpty ? host.languages : offer.languages
        parts.languages = side.languages.isDisjoint(with: hostLanguages) ? 0 : 1
        parts.country = request.preferredCountries.isEmpty || request.preferredCountries.contains(host.country) ? 1 : 0
        parts.dates = min(1, Double(workingDaysAvailable) / Double(max(1, 2 * request.workingDays)))
        parts.distance = 1 / (1 + distanceKm / 1500)
        return parts
    }

    /// The reasons in plain words, and the words of the shared topics (so other reasons need not
    /// repeat them).
    func reasons(
        _ side: RequestSide, offer: OfferProfile, host: OrganisationProfile, offeredTopics: Set<String>, stay: Stay,
        distanceKm: Double
    ) -> (reasons: [String], topicTerms: Set<String>) {
        var reasons: [String] = []
        let request = side.request
        let shared = side.topics.filter { offeredTopics.contains($0.folded) }
        if !shared.isEmpty { reasons.append("shares \(shared.count == 1 ? "topic" : "topics") \(list(shared.map(\.original)))") }

        if let division = side.visitor.sectors.first(where: host.sectors.contains) {
            reasons.append("same sector \(division)")
        } else if let section = side.visitor.sectors.map(\.section).first(where: { letter in host.sectors.contains { $0.section == letter } }) {
            reasons.append("same sector section \(section)")
        }

        let purposes = Purpose.allCases.filter { request.purposes.contains($0) && offer.purposes.contains($0) }
        if !purposes.isEmpty { reasons.append("both aim at \(list(purposes.map(\.shortName)))") }

        let hostLanguages = offer.languages.isEmpty ? host.languages : offer.languages
        let common = side.languages.intersection(hostLanguages).sorted()
        reasons.append(common.isEmpty ? "no language in common listed" : "both speak \(list(common.map(LanguageCode.name)))")

        if !request.preferredCountries.isEmpty && request.preferredCountries.contains(host.country) {
            reasons.append("in a preferred country, \(countries.name(of: host.country))")
        }
        reasons.append("\(request.workingDays) working \(request.workingDays == 1 ? "day fits" : "days fit") the windows, e.g. \(stay.start) to \(stay.end)")
        reasons.append(Self.travel(distanceKm))
        return (reasons, Set(shared.flatMap { $0.folded.split(separator: " ").map(String.init) }))
    }

    static func travel(_ km: Double) -> String {
        let rounded = Int(km.rounded()).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))
        switch km {
        case ..<200: return "\(rounded) km, close by (the lump sum is halved under 200 km)"
        case ..<800: return "\(rounded) km, reachable by train"
        default: return "\(rounded) km, a flight or a long train journey"
        }
    }
}

extension Purpose {
    /// The purpose in a few words, for reasons.
    public var shortName: String {
        switch self {
        case .learn: "learning from another cluster"
        case .markets: "new markets"
        case .technology: "new technologies"
        case .collaboration: "interregional collaboration"
        }
    }
}

/// "a", "a and b", "a, b and c".
func list(_ items: [String]) -> String {
    switch items.count {
    case 0: ""
    case 1: items[0]
    default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
