import Foundation
import ProgrammeRules

/// One chart of the statistics page: its table (the same rows as its CSV) and its bars.
struct StatisticsChart: Sendable {
    /// One bar: a label and its segments (value, colour class), with the value in words.
    struct Bar: Sendable {
        let label: String
        let segments: [(value: Int, style: String)]
        let words: String
    }

    /// "flows": the CSV's name (`/statistics/flows.csv`).
    let name: String
    let title: String
    /// What the chart shows and how its small groups are merged.
    let note: String
    let header: [String]
    let rows: [[String]]
    let bars: [Bar]
    /// Names of the segments' styles, for the legend ([] for one-colour bars).
    let legend: [(style: String, label: String)]

    /// The SVG: a bar a row, its label above it, scaled to the largest; it reads as an image with
    /// a title, the table beside it carries the figures.
    var svg: String {
        let width = 600
        // The label and the figures on two lines above the bar: on one, a long name pushed the
        // figures out of the picture ("0 of 100 exc").
        let rowHeight = 56
        let height = max(1, bars.count) * rowHeight + 8
        let largest = max(1, bars.map { $0.segments.reduce(0) { $0 + max(0, $1.value) } }.max() ?? 1)
        var parts = [
            #"<svg class="chart" viewBox="0 0 \#(width) \#(height)" width="100%" role="img" aria-labelledby="chart-\#(name)">"#,
            #"<title id="chart-\#(name)">\#(HTML.escape(title))</title>"#,
        ]
        for (index, bar) in bars.enumerated() {
            let top = index * rowHeight
            parts.append(#"<text x="0" y="\#(top + 14)" class="chart-label">\#(HTML.escape(bar.label))</text>"#)
            parts.append(#"<text x="0" y="\#(top + 30)" class="chart-label chart-figures">\#(HTML.escape(bar.words))</text>"#)
            var x = 0
            for segment in bar.segments where segment.value > 0 {
                // Widths in whole pixels; a non-zero value is at least a pixel wide.
                let share = max(1, Int(Int64(segment.value) * Int64(width) / Int64(largest)))
                parts.append(#"<rect x="\#(x)" y="\#(top + 35)" width="\#(share)" height="14" class="\#(segment.style)"/>"#)
                x += share
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// RFC 4180 (`CSV`).
    var csv: String { CSV.text(header: header, rows: rows) }

    /// The table as HTML.
    var table: String {
        var html = "<table class=\"status-table\"><caption class=\"visually-hidden\">\(HTML.escape(title))</caption><thead><tr>"
        for column in header { html += "<th scope=\"col\">\(HTML.escape(column))</th>" }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }
}

extension StatisticsDTO {
    private static func euros(_ cents: Int) -> String { Money.format(cents: cents, currency: "EUR") }

    /// "1100.00": euros for a CSV cell, without grouping.
    static func plain(_ cents: Int) -> String {
        let magnitude = cents.magnitude
        return (cents < 0 ? "-" : "") + "\(magnitude / 100)." + String(format: "%02d", Int(magnitude % 100))
    }

    /// Every chart of the page, in its order.
    var charts: [StatisticsChart] {
        var charts: [StatisticsChart] = []
        // A partnership's statistics, for its coordinators, show every group; the open ones merge the small.
        let merging = partnership == nil
        let mergedNote = { (groups: String) in
            merging ? "\(groups) with fewer than 3 exchanges are counted together." : "Every group is shown, however small."
        }
        let months = Dictionary(grouping: phasesByMonth, by: \.month)
        let phaseStyle = { (phase: String) -> String in
            switch phase {
            case "paid", "report-validated": "bar-done"
            case "declined", "withdrawn", "cancelled": "bar-closed"
            case "proposed", "accepted", "signing": "bar-early"
            default: "bar-under-way"
            }
        }
        charts.append(
            StatisticsChart(
                name: "phases", title: "Exchanges by the month they were proposed, and where they stand now",
                note: merging ? "Every exchange proposed on the platform." : "Every exchange of the partnership's visitors.",
                header: ["month", "phase", "exchanges"],
                rows: phasesByMonth.map { [$0.month, $0.phaseWords, String($0.count)] },
                bars: months.keys.sorted().map { month in
                    let cells = months[month] ?? []
                    return .init(
                        label: month, segments: cells.map { ($0.count, phaseStyle($0.phase)) },
                        words: "\(cells.reduce(0) { $0 + $1.count }) proposed")
                },
                legend: [
                    ("bar-early", "proposed, accepted or being signed"), ("bar-under-way", "funded and under way"),
                    ("bar-done", "report validated or paid"), ("bar-closed", "declined, withdrawn or cancelled"),
                ]))
        charts.append(
            StatisticsChart(
                name: "flows", title: "Funded exchanges from the visitors' country to the hosts'",
                note: mergedNote("Pairs of countries"),
                header: ["visitor country", "host country", "exchanges"],
                rows: flows.map { [$0.from, $0.to, String($0.count)] },
                bars: flows.map { .init(label: "\($0.from) → \($0.to)", segments: [($0.count, "bar")], words: "\($0.count)") },
                legend: []))
        for (name, title, cells) in [
            ("kinds", "Funded exchanges by the visitor's kind of organisation", byKind),
            ("sectors", "Funded exchanges by the visitor's first sector", bySector),
            ("purposes", "Funded exchanges by purpose (an exchange may have several)", byPurpose),
        ] {
            charts.append(
                StatisticsChart(
                    name: name, title: title, note: mergedNote("Groups"),
                    header: ["group", "exchanges"], rows: cells.map { [$0.label, String($0.count)] },
                    bars: cells.map { .init(label: $0.label, segments: [($0.count, "bar")], words: "\($0.count)") }, legend: []))
        }
        charts.append(
            StatisticsChart(
                name: "budgets", title: "Each partnership's budget, and its funded exchanges against its target",
                note: "Reserved: granted to exchanges not yet paid. The ledger's identity holds: "
                    + "budget = paid + reserved + available.",
                header: [
                    "partnership", "budget (EUR)", "paid (EUR)", "reserved (EUR)", "available (EUR)", "funded exchanges",
                    "target exchanges",
                ],
                rows: budgets.map {
                    [
                        $0.name, Self.plain($0.budgetCents), Self.plain($0.paidCents), Self.plain($0.reservedCents),
                        Self.plain($0.availableCents), String($0.fundedExchanges), String($0.targetExchanges),
                    ]
                },
                bars: budgets.map {
                    .init(
                        label: $0.name,
                        segments: [
                            ($0.paidCents, "bar-done"), ($0.reservedCents, "bar-under-way"), ($0.availableCents, "bar-free"),
                        ],
                        words:
                            "\(Self.euros($0.availableCents)) available; \($0.fundedExchanges) of \($0.targetExchanges) exchanges"
                    )
                },
                legend: [("bar-done", "paid"), ("bar-under-way", "reserved"), ("bar-free", "available")]))
        charts.append(
            StatisticsChart(
                name: "lump-sums", title: "Lump sums granted by one-way distance between the two organisations",
                note: "Stays in person only. " + mergedNote("Bands"),
                header: ["distance", "exchanges", "lump sums (EUR)"],
                rows: lumpSums.map {
                    [$0.label, String($0.count), Self.plain($0.totalCents)]
                },
                bars: lumpSums.map {
                    .init(label: $0.label, segments: [($0.count, "bar")], words: "\($0.count), \(Self.euros($0.totalCents))")
                }, legend: []))
        let railKg = (travel.railKm * travel.railGramsPerKm + 500) / 1_000
        let airKg = (travel.airKm * travel.airGramsPerKm + 500) / 1_000
        charts.append(
            StatisticsChart(
                name: "travel",
                title: "The stays' travel there and back, and its estimated emissions",
                note: "Great-circle distances; by rail below \(travel.railBelowKm) km one way (\(travel.railGramsPerKm) g CO2e "
                    + "a passenger-km), by air above (\(travel.airGramsPerKm) g). Source: \(travel.source).",
                header: ["mode", "km", "kg CO2e"],
                rows: [
                    ["rail", String(travel.railKm), String(railKg)], ["air", String(travel.airKm), String(airKg)],
                ],
                bars: [
                    .init(
                        label: "Rail", segments: [(travel.railKm * travel.railGramsPerKm, "bar-free")],
                        words: "\(travel.railKm.formatted()) km, \(railKg.formatted()) kg"),
                    .init(
                        label: "Air", segments: [(travel.airKm * travel.airGramsPerKm, "bar")],
                        words: "\(travel.airKm.formatted()) km, \(airKg.formatted()) kg"),
                ], legend: []))
        charts.append(
            StatisticsChart(
                name: "outcomes", title: "What came of the exchanges six months after payment",
                note: "Each organisation answers for its side. "
                    + (merging ? "Answers given fewer than 3 times are counted together as Other." : "Every answer is counted."),
                header: ["answer", "organisations"], rows: outcomes.map { [$0.label, String($0.count)] },
                bars: outcomes.map { .init(label: $0.label, segments: [($0.count, "bar-done")], words: "\($0.count)") },
                legend: []))
        if let namedExchanges { charts.append(Self.exchangesChart(namedExchanges)) }
        return charts
    }

    /// A partnership's exchanges by name, a bar each for its lump sum.
    private static func exchangesChart(_ exchanges: [NamedExchange]) -> StatisticsChart {
        let travelWords = ["rail": "by rail", "air": "by air", "none": "virtual"]
        return StatisticsChart(
            name: "exchanges", title: "The partnership's exchanges by name, with their lump sums",
            note: "Every exchange of the partnership's visitors; a lump sum once funding is approved.",
            header: ["visitor", "host", "phase", "lump sum (EUR)", "one-way km", "travel", "outcomes"],
            rows: exchanges.map {
                [
                    $0.visitorName, $0.hostName, $0.phaseWords, $0.lumpSumCents.map(plain) ?? "",
                    $0.distanceKm.map(String.init) ?? "", travelWords[$0.travel] ?? $0.travel,
                    $0.outcomes.joined(separator: "; "),
                ]
            },
            bars: exchanges.map {
                .init(
                    label: "\($0.visitorName) at \($0.hostName)", segments: [($0.lumpSumCents ?? 0, "bar")],
                    words: "\($0.phaseWords)" + ($0.lumpSumCents.map { ", \(euros($0))" } ?? ""))
            }, legend: [])
    }
}
