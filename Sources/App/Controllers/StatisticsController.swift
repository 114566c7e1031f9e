import Vapor

/// The statistics: the open page of charts, each chart's CSV and the same figures as JSON; and a
/// partnership's own, with names, for its coordinators and the support office.
struct StatisticsController: Controller {
    func boot(_ routes: Surfaces) {
        routes.api.access(.anyone).get("statistics", use: figures)
        routes.pages.access(.anyone).get("statistics", use: page)
        routes.root.access(.anyone).get("statistics", ":file", use: csv)
        routes.api.access(.signedIn).get("partnerships", ":key", "statistics", use: partnershipFigures)
        routes.pages.access(.signedIn).get("partnerships", ":key", "statistics", use: partnershipPage)
        routes.pages.access(.signedIn).get("partnerships", ":key", "statistics", ":file", use: partnershipCSV)
    }

    @Sendable func figures(req: Request) async throws -> StatisticsDTO { try await req.context.statistics.figures() }

    @Sendable func partnershipFigures(req: Request) async throws -> StatisticsDTO {
        try await req.context.statistics.figures(ofPartnership: try req.key())
    }

    struct PageView: Encodable {
        struct Chart: Encodable {
            let name: String
            let title: String
            let note: String
            let svg: String
            let table: String
            let legend: [Legend]
        }

        struct Legend: Encodable {
            let style: String
            let label: String
        }

        let asOf: String
        let exchanges: Int
        let fundedExchanges: Int
        let co2Tonnes: String
        /// The partnership's key and name, for a partnership's statistics; nil for the open ones.
        let partnership: String?
        let partnershipName: String?
        /// Where each chart's CSV lives: "/statistics" or "/partnerships/KEY/statistics".
        let csvBase: String
        /// The map, drawn only on the open page.
        let map: String?
        /// The partnerships the caller coordinates, for a link to their statistics with names.
        let coordinated: [Link]
        let charts: [Chart]

        struct Link: Encodable {
            let key: String
            let name: String
        }
    }

    @Sendable func page(req: Request) async throws -> Response {
        let figures = try await req.context.statistics.figures()
        let links = try await req.context.statistics.partnershipsWithNames().map { PageView.Link(key: $0.key, name: $0.name) }
        return try await render(req, figures, map: try await req.context.statistics.map().svg, coordinated: links)
    }

    @Sendable func partnershipPage(req: Request) async throws -> Response {
        let figures = try await req.context.statistics.figures(ofPartnership: try req.key())
        return try await render(req, figures, map: nil, coordinated: [])
    }

    private func render(_ req: Request, _ figures: StatisticsDTO, map: String?, coordinated: [PageView.Link]) async throws
        -> Response
    {
        let view = PageView(
            asOf: figures.asOf, exchanges: figures.exchanges, fundedExchanges: figures.fundedExchanges,
            co2Tonnes: (Double(figures.travel.co2Kg) / 1_000).formatted(.number.precision(.fractionLength(1))),
            partnership: figures.partnership, partnershipName: figures.partnershipName,
            csvBase: figures.partnership.map { "/partnerships/\($0)/statistics" } ?? "/statistics",
            map: map, coordinated: coordinated,
            charts: figures.charts.map {
                .init(
                    name: $0.name, title: $0.title, note: $0.note, svg: $0.svg, table: $0.table,
                    legend: $0.legend.map { PageView.Legend(style: $0.style, label: $0.label) })
            })
        let title = figures.partnershipName.map { "Statistics of \($0)" } ?? "Statistics"
        return try await req.page("statistics", title: title, view)
    }

    /// `/statistics/flows.csv`.
    @Sendable func csv(req: Request) async throws -> Response {
        try Self.csv(try await req.context.statistics.figures(), file: try req.key("file"))
    }

    /// `/partnerships/photonics-4x/statistics/exchanges.csv`.
    @Sendable func partnershipCSV(req: Request) async throws -> Response {
        let figures = try await req.context.statistics.figures(ofPartnership: try req.key())
        return try Self.csv(figures, file: try req.key("file"))
    }

    private static func csv(_ figures: StatisticsDTO, file: String) throws -> Response {
        guard file.hasSuffix(".csv"), let chart = figures.charts.first(where: { "\($0.name).csv" == file }) else {
            throw AppError.notFound("There is no such table; the statistics page links to each one.")
        }
        let prefix = figures.partnership.map { "clusterxchange-\($0)" } ?? "clusterxchange"
        return Download.csv(chart.csv, filename: "\(prefix)-\(chart.name)-\(figures.asOf).csv")
    }
}
