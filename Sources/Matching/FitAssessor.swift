import Foundation
import ProgrammeRules

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
        RequestSide(
            request: request, visitor: visitor, topics: foldedTopics(request.topics),
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
        } else if let section = side.visitor.sectors.map(\.section).first(where: { letter in
            host.sectors.contains { $0.section == letter }
        }) {
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
        reasons.append(
            "\(request.workingDays) working \(request.workingDays == 1 ? "day fits" : "days fit") the windows, "
                + "e.g. \(CalendarDate.span(stay.start, stay.end))")
        reasons.append(Self.travel(distanceKm))
        return (reasons, Set(shared.flatMap { $0.folded.split(separator: " ").map(String.init) }))
    }

    static func travel(_ km: Double) -> String {
        let rounded = Int(km.rounded()).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))
        switch km {
        case ..<200: return "\(rounded) km, close by (the lump sum is halved under 200 km)"
        case ..<Double(TravelAssumption.railBelowKm): return "\(rounded) km, by train"
        default: return "\(rounded) km, a flight away"
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
