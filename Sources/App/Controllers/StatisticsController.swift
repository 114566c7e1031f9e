import Vapor

/// The open statistics: the page of charts, each chart's CSV, and the same figures as JSON.
struct StatisticsController: Controller {
    func boot(_ routes: Surfaces) {
        routes.api.access(.anyone).get("statistics", use: figures)
        routes.pages.access(.anyone).get("statistics", use: page)
        routes.root.access(.anyone).get("statistics", ":file", use: csv)
    }

    @Sendable func figures(req: Request) async throws -> StatisticsDTO { try await req.context.statistics.figures() }

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
        let map: String
        let charts: [Chart]
    }

    @Sendable func page(req: Request) async throws -> Response {
        let figures = try await req.context.statistics.figures()
        let view = PageView(
            asOf: figures.asOf, exchanges: figures.exchanges, fundedExchanges: figures.fundedExchanges,
            co2Tonnes: (Double(figures.travel.co2Kg) / 1_000).formatted(.number.precision(.fractionLength(1))),
            map: try await req.context.statistics.map().svg,
            charts: figures.charts.map {
                .init(
                    name: $0.name, title: $0.title, note: $0.note, svg: $0.svg, table: $0.table,
                    legend: $0.legend.map { PageView.Legend(style: $0.style, label: $0.label) })
            })
        return try await req.page("statistics", title: "Statistics", view)
    }

    /// `/statistics/flows.csv`.
    @Sendable func csv(req: Request) async throws -> Response {
        let file = try req.key("file")
        let figures = try await req.context.statistics.figures()
        guard file.hasSuffix(".csv"), let chart = figures.charts.first(where: { "\($0.name).csv" == file }) else {
            throw AppError.notFound("There is no such table; the statistics page links to each one.")
        }
        let response = Response(status: .ok, body: .init(string: chart.csv))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8; header=present")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"clusterxchange-\(chart.name)-\(figures.asOf).csv\"")
        return response
    }
}
