import Foundation
import ProgrammeRules
import Vapor

/// A catalogue list as CSV for coordinators and the support office: every row the filters find
/// (at most `maximumRows`), with names, not only keys.
struct CatalogueExport {
    let context: ServiceContext

    static let maximumRows = 5_000

    /// The tab's rows for the filter, every page of them.
    func csv(tab: String, _ filter: CatalogueFilter) async throws -> String {
        guard let caller = context.caller, caller.isAdmin || caller.isCoordinator else {
            throw AppError.forbidden("Lists are downloaded by partnership coordinators and the support office.")
        }
        var filter = filter
        filter.per = CatalogueFilter.maximumPerPage
        var rows: [[String]] = []
        let header: [String]
        let words = { (list: [String]) in list.joined(separator: "; ") }
        switch tab {
        case "offers":
            header = [
                "key", "title", "host", "host key", "country", "city", "purposes", "topics", "from", "to", "capacity", "virtual",
            ]
            for page in 1...(Self.maximumRows / filter.per) {
                filter.page = page
                let items = try await context.catalogue.listings(Offer.self, filter).page.items
                rows += items.map {
                    [
                        $0.key, $0.title, $0.host.name, $0.host.key, $0.host.countryName, $0.host.city,
                        words($0.purposes.map(\.displayName)), words($0.topics), $0.availableFrom.description,
                        $0.availableTo.description, String($0.capacity), $0.virtual ? "yes" : "no",
                    ]
                }
                if items.count < filter.per { break }
            }
        case "requests":
            header = [
                "key", "title", "visitor", "visitor key", "country", "city", "purposes", "topics", "earliest", "latest",
                "working days", "preferred countries",
            ]
            for page in 1...(Self.maximumRows / filter.per) {
                filter.page = page
                let items = try await context.catalogue.listings(VisitRequest.self, filter).page.items
                rows += items.map {
                    [
                        $0.key, $0.title, $0.visitor.name, $0.visitor.key, $0.visitor.countryName, $0.visitor.city,
                        words($0.purposes.map(\.displayName)), words($0.topics), $0.earliest.description, $0.latest.description,
                        String($0.workingDays), words($0.preferredCountries.map { CountryRegistry.cosme.name(of: $0) }),
                    ]
                }
                if items.count < filter.per { break }
            }
        default:
            header = ["key", "name", "kind", "country", "city"]
            for page in 1...(Self.maximumRows / filter.per) {
                filter.page = page
                let items = try await context.catalogue.organisations(filter).page.items
                rows += items.map { [$0.key, $0.name, $0.kindName, $0.countryName, $0.city] }
                if items.count < filter.per { break }
            }
        }
        return CSV.text(header: header, rows: rows)
    }
}

extension ServiceContext {
    var catalogueExport: CatalogueExport { CatalogueExport(context: self) }
}
