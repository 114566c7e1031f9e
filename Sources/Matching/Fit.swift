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

/// Computes the parts and writes the reasons in plain words.
struct FitAssessor: Sendable {
    let analyzer: TextAnalyzer
    let countries: CountryRegistry

    struct Assessment {
        var parts = FitParts()
        var reasons: [String] = []
        var distanceKm = 0.0
        /// The words of the shared topics, so other reasons need not repeat them.
        var topicTerms = Set<String>()
    }

    func assess(
        request: RequestProfile, visitor: OrganisationProfile, offer: OfferProfile, host: OrganisationProfile,
        textScore: Double, stay: Stay, workingDaysAvailable: Int
    ) -> Assessment {
        var result = Assessment()
        result.parts.text = min(1, max(0, textScore))

        let wanted = uniqueFolded(request.topics)
        let offered = Set(uniqueFolded(offer.topics + host.topics).map(\.folded))
        let shared = wanted.filter { offered.contains($0.folded) }
        if !wanted.isEmpty { result.parts.topics = Double(shared.count) / Double(wanted.count) }
        result.topicTerms = Set(shared.flatMap { $0.folded.split(separator: " ").map(String.init) })
        if !shared.isEmpty { result.reasons.append("shares \(shared.count == 1 ? "topic" : "topics") \(list(shared.map(\.original)))") }

        if let division = visitor.sectors.first(where: { host.sectors.contains($0) }) {
            result.parts.sector = 1
            result.reasons.append("same sector \(division)")
        } else if let section = visitor.sectors.map(\.section).first(where: { letter in host.sectors.contains { $0.section == letter } }) {
            result.parts.sector = 0.5
            result.reasons.append("same sector section \(section)")
        }

        let purposes = Purpose.allCases.filter { request.purposes.contains($0) && offer.purposes.contains($0) }
        if !request.purposes.isEmpty { result.parts.purposes = Double(purposes.count) / Double(request.purposes.count) }
        if !purposes.isEmpty { result.reasons.append("both aim at \(list(purposes.map(\.shortName)))") }

        let visitorLanguages = request.languages.isEmpty ? visitor.languages : request.languages
        let hostLanguages = offer.languages.isEmpty ? host.languages : offer.languages
        let common = visitorLanguages.intersection(hostLanguages).sorted()
        if !common.isEmpty {
            result.parts.languages = 1
            result.reasons.append("both speak \(list(common.map(LanguageCode.name)))")
        } else {
            result.reasons.append("no language in common listed")
        }

        if request.preferredCountries.isEmpty {
            result.parts.country = 1
        } else if request.preferredCountries.contains(host.country) {
            result.parts.country = 1
            result.reasons.append("in a preferred country, \(countries.name(of: host.country))")
        }

        result.parts.dates = min(1, Double(workingDaysAvailable) / Double(max(1, 2 * request.workingDays)))
        result.reasons.append("\(request.workingDays) working \(request.workingDays == 1 ? "day fits" : "days fit") the windows, e.g. \(stay.start) to \(stay.end)")

        let km = visitor.coordinate.distanceKm(to: host.coordinate)
        result.distanceKm = km
        result.parts.distance = 1 / (1 + km / 1500)
        result.reasons.append(Self.travel(km))
        return result
    }

    static func travel(_ km: Double) -> String {
        let rounded = Int(km.rounded()).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))
        switch km {
        case ..<200: return "\(rounded) km, close by (the lump sum is halved under 200 km)"
        case ..<800: return "\(rounded) km, reachable by train"
        default: return "\(rounded) km, a flight or a long train journey"
        }
    }

    private func uniqueFolded(_ topics: [String]) -> [(original: String, folded: String)] {
        var seen = Set<String>()
        return topics.compactMap { topic in
            let folded = analyzer.terms(topic).joined(separator: " ")
            guard !folded.isEmpty, seen.insert(folded).inserted else { return nil }
            return (topic.trimmingCharacters(in: .whitespaces), folded)
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
