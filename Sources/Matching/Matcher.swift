import ProgrammeRules

/// The matching engine: organisations, offers and requests held in memory with a text index
/// each, kept current by upserts and removals, answering ranked, explained suggestions that
/// never break a rule of the programme.
public struct Matcher: Sendable {
    public let rules: EligibilityRules
    public var weights: FitWeights
    /// How soon a suggested stay may start (the platform's date and the programme's notice); nil:
    /// any day of the windows, as the command line answers over the data as given.
    public var notice: StayNotice?

    public private(set) var organisations: [String: OrganisationProfile] = [:]
    public private(set) var offers: [String: OfferProfile] = [:]
    public private(set) var requests: [String: RequestProfile] = [:]
    private var offersByHost: [String: Set<String>] = [:]
    /// Folded topic phrases, worked out once per record rather than once per candidate.
    private var offerTopics: [String: Set<String>] = [:]
    private var organisationTopics: [String: Set<String>] = [:]
    private var requestsByVisitor: [String: Set<String>] = [:]
    public private(set) var offerIndex = InvertedIndex()
    public private(set) var requestIndex = InvertedIndex()
    public private(set) var organisationIndex = InvertedIndex()

    /// The candidate pool: this many times the limit, and at least `minimumPool`.
    static let poolFactor = 5
    static let minimumPool = 50

    /// How much a BM25 score, as a share of the query's ceiling, counts: a share of `textHalfPoint`
    /// gives half marks. Long request texts rarely share more than a third of their words.
    public var textHalfPoint = 0.15

    public init(rules: EligibilityRules, weights: FitWeights = .standard) {
        self.rules = rules
        self.weights = weights
    }

    // MARK: Keeping in step

    public mutating func upsert(_ organisation: OrganisationProfile) {
        organisations[organisation.key] = organisation
        organisationTopics[organisation.key] = Set(assessor.foldedTopics(organisation.topics).map(\.folded))
        organisationIndex.upsert(
            IndexedDocument(
                key: organisation.key, title: organisation.name,
                description: organisation.description, topics: organisation.topics))
    }

    /// Removes the organisation; its offers and requests stay indexed but are never suggested
    /// until it comes back (an unknown organisation is an obstacle).
    public mutating func removeOrganisation(key: String) {
        organisations[key] = nil
        organisationTopics[key] = nil
        organisationIndex.remove(key: key)
    }

    public mutating func upsert(_ offer: OfferProfile) {
        if let old = offers[offer.key] { offersByHost[old.hostKey]?.remove(offer.key) }
        offers[offer.key] = offer
        offerTopics[offer.key] = Set(assessor.foldedTopics(offer.topics).map(\.folded))
        offersByHost[offer.hostKey, default: []].insert(offer.key)
        offerIndex.upsert(offer.document)
    }

    public mutating func removeOffer(key: String) {
        guard let old = offers.removeValue(forKey: key) else { return }
        offerTopics[key] = nil
        offersByHost[old.hostKey]?.remove(key)
        offerIndex.remove(key: key)
    }

    public mutating func upsert(_ request: RequestProfile) {
        if let old = requests[request.key] { requestsByVisitor[old.visitorKey]?.remove(request.key) }
        requests[request.key] = request
        requestsByVisitor[request.visitorKey, default: []].insert(request.key)
        requestIndex.upsert(request.document)
    }

    public mutating func removeRequest(key: String) {
        guard let old = requests.removeValue(forKey: key) else { return }
        requestsByVisitor[old.visitorKey]?.remove(key)
        requestIndex.remove(key: key)
    }

    // MARK: Suggestions

    /// The best offers for a visitor's request, best first; nil when the request is unknown.
    public func hosts(forRequest key: String, limit: Int = 10) -> [Suggestion]? {
        guard let request = requests[key] else { return nil }
        guard let visitor = organisations[request.visitorKey] else { return [] }
        let side = assessor.side(request, visitor)
        let query = Self.query(title: request.title, description: request.description, topics: request.topics, in: offerIndex)
        return rank(query: query, index: offerIndex, limit: limit) { offerKey, text in
            offers[offerKey].flatMap { candidate(side, offer: $0, textScore: text) }
        }
    }

    /// The best visitors' requests for a host's offer, best first; nil when the offer is unknown.
    public func visitors(forOffer key: String, limit: Int = 10) -> [Suggestion]? {
        guard let offer = offers[key] else { return nil }
        let query = Self.query(title: offer.title, description: offer.description, topics: offer.topics, in: requestIndex)
        return rank(query: query, index: requestIndex, limit: limit) { requestKey, text in
            guard let request = requests[requestKey], let visitor = organisations[request.visitorKey] else { return nil }
            return candidate(assessor.side(request, visitor), offer: offer, textScore: text)
        }
    }

    /// Why this offer is, or is not, suggested for this request.
    public func explain(request requestKey: String, offer offerKey: String) -> PairExplanation? {
        guard let request = requests[requestKey], let offer = offers[offerKey] else { return nil }
        guard let visitor = organisations[request.visitorKey], let host = organisations[offer.hostKey] else {
            return PairExplanation(
                request: requestKey, offer: offerKey,
                obstacles: [
                    Obstacle(
                        id: Obstacle.unknownOrganisationID,
                        message: "The visitor or the host is not a validated organisation on the platform.")
                ], score: 0, reasons: [])
        }
        let query = Self.query(title: request.title, description: request.description, topics: request.topics, in: offerIndex)
        let (obstacles, window) = PairConstraints(rules: rules, notice: notice).check(
            request: request, visitor: visitor, offer: offer, host: host)
        let (stay, room): (Stay, Int) =
            if case .fits(let stay, let room) = window { (stay, room) } else {
                (Stay(start: request.earliest, end: request.latest), 0)
            }
        let side = assessor.side(request, visitor)
        let text = normalised(offerIndex.score(query, key: offerKey), ceiling: offerIndex.scoreCeiling(query))
        let found = Candidate(
            side: side, offer: offer, host: host, offered: offered(offer, host),
            distanceKm: visitor.coordinate.distanceKm(to: host.coordinate), stay: stay, parts: FitParts(), score: 0)
        let parts = assessor.parts(
            side, offer: offer, host: host, offeredTopics: found.offered, textScore: text,
            workingDaysAvailable: room, distanceKm: found.distanceKm)
        return PairExplanation(
            request: requestKey, offer: offerKey, obstacles: obstacles,
            score: weights.score(parts), reasons: obstacles.isEmpty ? reasons(found) : [])
    }

    /// The offers of a named host, each with why it is or is not suggested for the request.
    public func explain(request requestKey: String, host hostKey: String) -> [PairExplanation]? {
        guard requests[requestKey] != nil else { return nil }
        return (offersByHost[hostKey] ?? []).sorted().compactMap { explain(request: requestKey, offer: $0) }
    }

    /// The requests of a named visitor, each with why it is or is not suggested for the offer.
    public func explain(offer offerKey: String, visitor visitorKey: String) -> [PairExplanation]? {
        guard offers[offerKey] != nil else { return nil }
        return (requestsByVisitor[visitorKey] ?? []).sorted().compactMap { explain(request: $0, offer: offerKey) }
    }

    // MARK: Scoring

    private var assessor: FitAssessor { FitAssessor(analyzer: offerIndex.analyzer, countries: rules.countries) }

    /// A pair that passed the rules, scored; its reasons are written only if it is shown.
    struct Candidate {
        let side: FitAssessor.RequestSide
        let offer: OfferProfile
        let host: OrganisationProfile
        let offered: Set<String>
        let distanceKm: Double
        let stay: Stay
        let parts: FitParts
        let score: Double
    }

    /// Candidates come from the text index, a pool several times the limit; each is checked
    /// against the rules and scored on every part. When the rules leave fewer than the limit, the
    /// pool grows until the index is exhausted. Only the pairs shown get their reasons written.
    private func rank(query: String, index: InvertedIndex, limit: Int, evaluate: (String, Double) -> Candidate?) -> [Suggestion] {
        guard limit > 0 else { return [] }
        let ceiling = index.scoreCeiling(query)
        var pool = max(limit * Self.poolFactor, Self.minimumPool)
        var evaluated = Set<String>()
        var found: [Candidate] = []
        while true {
            let hits = index.search(query, limit: pool)
            for hit in hits where evaluated.insert(hit.key).inserted {
                if let candidate = evaluate(hit.key, normalised(hit.score, ceiling: ceiling)) { found.append(candidate) }
            }
            if found.count >= limit || hits.count < pool || pool >= index.count { break }
            pool *= 4
        }
        found.sort { a, b in
            a.score != b.score ? a.score > b.score : (a.offer.key, a.side.request.key) < (b.offer.key, b.side.request.key)
        }
        return found.prefix(limit).map { candidate in
            Suggestion(
                offer: candidate.offer.key, host: candidate.host.key, request: candidate.side.request.key,
                visitor: candidate.side.visitor.key, score: candidate.score, reasons: reasons(candidate), parts: candidate.parts,
                stay: candidate.stay, distanceKm: candidate.distanceKm)
        }
    }

    private func offered(_ offer: OfferProfile, _ host: OrganisationProfile) -> Set<String> {
        (offerTopics[offer.key] ?? []).union(organisationTopics[host.key] ?? [])
    }

    private func candidate(_ side: FitAssessor.RequestSide, offer: OfferProfile, textScore: Double) -> Candidate? {
        guard let host = organisations[offer.hostKey] else { return nil }
        // The cheapest refusals first: most candidates that fail, fail here.
        guard host.country != side.visitor.country, offer.capacityLeft > 0, side.visitor.fundedExchanges == 0 else { return nil }
        let (obstacles, window) = PairConstraints(rules: rules, notice: notice).check(
            request: side.request, visitor: side.visitor, offer: offer, host: host)
        guard obstacles.isEmpty, case .fits(let stay, let room) = window else { return nil }
        let offered = offered(offer, host)
        let distance = side.visitor.coordinate.distanceKm(to: host.coordinate)
        let parts = assessor.parts(
            side, offer: offer, host: host, offeredTopics: offered, textScore: textScore,
            workingDaysAvailable: room, distanceKm: distance)
        return Candidate(
            side: side, offer: offer, host: host, offered: offered, distanceKm: distance, stay: stay,
            parts: parts, score: weights.score(parts))
    }

    /// A BM25 score as a share of the query's ceiling, saturated so that `textHalfPoint` gives 0.5.
    private func normalised(_ score: Double, ceiling: Double) -> Double {
        guard ceiling > 0, score > 0 else { return 0 }
        let share = score / ceiling
        return share / (share + textHalfPoint)
    }

    /// The reasons; the words the texts share are always read from the request's side, so a pair
    /// is explained the same way from both ends.
    private func reasons(_ candidate: Candidate) -> [String] {
        let request = candidate.side.request
        let assessed = assessor.reasons(
            candidate.side, offer: candidate.offer, host: candidate.host,
            offeredTopics: candidate.offered, stay: candidate.stay, distanceKm: candidate.distanceKm)
        var reasons = assessed.reasons
        let topicTerms = assessed.topicTerms
        let query = Self.queryText(title: request.title, description: request.description, topics: request.topics)
        let words = offerIndex.sharedTerms(query, key: candidate.offer.key, limit: 6).filter { !topicTerms.contains($0) }.prefix(
            3)
        if !words.isEmpty {
            // After the shared topics, when there are any: they say more.
            reasons.insert("the texts also share \(list(Array(words)))", at: topicTerms.isEmpty ? 0 : 1)
        }
        return reasons
    }

    static func queryText(title: String, description: String, topics: [String]) -> String {
        ([title, description] + topics).joined(separator: " ")
    }

    /// Terms a query keeps: the topics' rarest, then the whole text's rarest (`docs/decisions/0010-suggestion-score.md`).
    static let topicQueryTerms = 8
    static let queryTerms = 16

    /// A "more like this" query for a listing: its topics' words first, then its rarest words.
    public static func query(title: String, description: String, topics: [String], in index: InvertedIndex) -> String {
        var terms = index.keyTerms(topics.joined(separator: " "), limit: topicQueryTerms)
        for term in index.keyTerms(queryText(title: title, description: description, topics: topics), limit: queryTerms)
        where terms.count < queryTerms && !terms.contains(term) {
            terms.append(term)
        }
        return terms.joined(separator: " ")
    }
}
