import Fluent
import Foundation
import ProgrammeRules

/// `export`'s lines (docs/interfaces.md, "Community: publishing, feeds, statistics, export"):
/// everything `import` reads, in the import format, so that importing an export into an empty
/// database and exporting again gives the same lines. Import makes every organisation it reads
/// validated, so only validated organisations are exported, with their offers and requests; an
/// SME whose cluster is not validated is left out too (its requests would not import without it).
/// Lines come in the order import needs (partnerships, clusters, other organisations, offers,
/// requests), each kind by key, each object with its fields sorted: the same data gives the same bytes.
struct Exporter {
    let database: any Database

    struct Summary: Sendable, CustomStringConvertible {
        var partnerships = 0
        var organisations = 0
        var offers = 0
        var requests = 0
        /// Organisations not validated (import would validate them), and SMEs whose cluster is not.
        var leftOut = 0

        var description: String {
            let written = [
                counted(partnerships, "partnership"), counted(organisations, "organisation"), counted(offers, "offer"),
                counted(requests, "request"),
            ].joined(separator: ", ")
            guard leftOut > 0 else { return written }
            return written + "; left out \(counted(leftOut, "organisation")) not validated, or whose cluster is not"
        }
    }

    struct PartnershipLine: Encodable {
        let type = "partnership"
        let key: String
        let name: String
        let description: String
        let countries: [String]
        let sectors: [String]
        let budgetCents: Int
        let targetExchanges: Int
    }

    struct OrganisationLine: Encodable {
        let type = "organisation"
        let key: String
        let name: String
        let kind: String
        let country: String
        let city: String
        let sectors: [String]
        let topics: [String]
        let description: String
        let languages: [String]
        let website: String?
        let partnership: String?
        let cluster: String?
    }

    struct OfferLine: Encodable {
        let type = "offer"
        let key: String
        let host: String
        let title: String
        let description: String
        let purposes: [String]
        let topics: [String]
        let availableFrom: String
        let availableTo: String
        let capacity: Int
        let languages: [String]
        let virtual: Bool
    }

    struct RequestLine: Encodable {
        let type = "request"
        let key: String
        let visitor: String
        let title: String
        let description: String
        let purposes: [String]
        let topics: [String]
        let earliest: String
        let latest: String
        let workingDays: Int
        let preferredCountries: [String]
        let languages: [String]
    }

    /// Writes every line through `write`, reporting progress as (done, total) lines.
    func run(
        write: (String) throws -> Void, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func line(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

        let partnerships = try await Partnership.query(on: database).sort(\.$key).all()
        let partnershipKeys = Dictionary(uniqueKeysWithValues: partnerships.compactMap { p in p.id.map { ($0, p.key) } })
        let everyone = try await Organisation.query(on: database).sort(\.$key).all()
        let validated = everyone.filter { $0.validationStatus == .validated }
        let validatedKeys = Dictionary(uniqueKeysWithValues: validated.compactMap { o in o.id.map { ($0, o.key) } })
        // An SME names its cluster; one whose cluster is not exported is left out with it.
        let exported = validated.filter { o in o.$cluster.id.map { validatedKeys[$0] != nil } ?? true }
        let exportedIDs = Set(exported.compactMap(\.id))
        let offers = try await Offer.query(on: database).sort(\.$key).all().filter { exportedIDs.contains($0.$host.id) }
        let requests = try await VisitRequest.query(on: database).sort(\.$key).all().filter {
            exportedIDs.contains($0.$visitor.id)
        }
        let total = partnerships.count + exported.count + offers.count + requests.count
        var done = 0
        func wrote(_ text: String) throws {
            try write(text)
            done += 1
            if done % 200 == 0 || done == total { progress(done, total) }
        }

        for p in partnerships {
            try wrote(
                line(
                    PartnershipLine(
                        key: p.key, name: p.name, description: p.description, countries: p.countries, sectors: p.sectors,
                        budgetCents: p.budgetCents, targetExchanges: p.targetExchanges)))
        }
        // Clusters first: an SME's line names one.
        let clustersFirst =
            exported.filter { $0.kind == .clusterOrganisation } + exported.filter { $0.kind != .clusterOrganisation }
        for o in clustersFirst {
            try wrote(
                line(
                    OrganisationLine(
                        key: o.key, name: o.name, kind: o.kind.rawValue, country: o.country.rawValue, city: o.city,
                        sectors: o.sectors, topics: o.topics, description: o.description, languages: o.languages,
                        website: o.website, partnership: o.$partnership.id.flatMap { partnershipKeys[$0] },
                        cluster: o.$cluster.id.flatMap { validatedKeys[$0] })))
        }
        for f in offers {
            guard let host = validatedKeys[f.$host.id] else { continue }
            try wrote(
                line(
                    OfferLine(
                        key: f.key, host: host, title: f.title, description: f.description, purposes: f.purposes.map(\.rawValue),
                        topics: f.topics, availableFrom: f.availableFrom.description, availableTo: f.availableTo.description,
                        capacity: f.capacity, languages: f.languages, virtual: f.isVirtual)))
        }
        for r in requests {
            guard let visitor = validatedKeys[r.$visitor.id] else { continue }
            try wrote(
                line(
                    RequestLine(
                        key: r.key, visitor: visitor, title: r.title, description: r.description,
                        purposes: r.purposes.map(\.rawValue), topics: r.topics, earliest: r.earliest.description,
                        latest: r.latest.description,
                        workingDays: r.workingDays, preferredCountries: r.preferredCountries.map(\.rawValue),
                        languages: r.languages)))
        }
        return Summary(
            partnerships: partnerships.count, organisations: exported.count, offers: offers.count, requests: requests.count,
            leftOut: everyone.count - exported.count)
    }
}
