import Fluent
import Foundation
import ProgrammeRules
import Testing
import Vapor
import VaporTesting

@testable import App

/// The open statistics: figures against hand-counted rows, the small-cell rule, the page, its CSVs
/// and the JSON.
@Suite struct StatisticsTests {
    /// An exchange as the statistics read it; Lyon (FR) to Munich (DE) unless told otherwise.
    static func row(
        _ phase: ExchangePhase, month: Int = 3, from: String = "FR", to: String = "DE", kind: OrganisationKind = .sme,
        sector: String = "C26", purposes: [String] = ["learn"], cents: Int? = 78_000, virtual: Bool = false,
        visitor: Coordinate = Coordinate(latitude: 45.764, longitude: 4.8357),
        host: Coordinate = Coordinate(latitude: 48.1374, longitude: 11.5755)
    ) -> Statistics.Row {
        Statistics.Row(
            id: UUID(), phase: phase,
            proposed_on: CalendarDate(year: 2027, month: month, day: 2) ?? CalendarDate(dayNumber: 0),
            is_virtual: virtual, funded_cents: cents, visitor_partnership_id: UUID(), visitor_id: UUID(), visitor_key: "V",
            visitor_name: "Visitor in \(from)", visitor_country: from, visitor_kind: kind.rawValue,
            visitor_sectors: StringList.encode([sector]), visitor_latitude: visitor.latitude,
            visitor_longitude: visitor.longitude, host_id: UUID(), host_key: "H", host_name: "Host in \(to)", host_country: to,
            host_latitude: host.latitude, host_longitude: host.longitude, purposes: StringList.encode(purposes))
    }

    @Test func coordinatorsDownloadTheFilteredCatalogueAsCSV() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            #expect(try await coordinator.get("/catalogue?tab=offers").body.string.contains("/catalogue.csv?tab=offers&amp;"))
            let offers = try await coordinator.get("/catalogue.csv?tab=offers&country=DE")
            #expect(offers.headers.contentType?.description.hasPrefix("text/csv") == true)
            let lines = offers.body.string.split(separator: "\r\n").map(String.init)
            #expect(lines.first?.hasPrefix("key,title,host,host key,country") == true)
            #expect(lines.count == 2 && lines[1].contains("A week of laser processing,Munich Laser Centre,H1,Germany"))
            let organisations = try await coordinator.get("/catalogue.csv").body.string
            #expect(organisations.split(separator: "\r\n").count == 5, "a header and the four organisations")
            let participant = try await TestBrowser.signedIn(app, "visitor@v1.example")
            #expect(try await participant.get("/catalogue.csv").status == .forbidden)
            #expect(!(try await participant.get("/catalogue").body.string.contains("catalogue.csv")))
        }
    }

    @Test func theOutlinesAreDrawnInTheMapsOwnProjection() {
        let paths = StatisticsMap.landPaths(
            fromOutlines: "# a comment\nSquare\t-25.0,72.0 45.0,72.0 45.0,27.0|1,1 2,2\nEmpty\t\n")
        // The west-north corner is the picture's origin, the east-south its far corner; a ring of
        // fewer than three points and a country without rings are left out.
        #expect(paths == ["M0.0 0.0L600.0 0.0L600.0 560.0Z"])
        #expect(StatisticsMap.land.count >= 50, "the bundled outlines are read")
    }

    @Test func groupsOfFewerThanThreeAreMergedOrLeftOut() {
        let cells = Statistics.merged(["A", "A", "A", "A", "B", "C", "C", "D"])
        #expect(cells.map(\.label) == ["A", "Other"])
        #expect(cells.map(\.count) == [4, 4])
        // Two small groups that together are still fewer than three are left out altogether.
        let few = Statistics.merged(["A", "A", "A", "B", "C"])
        #expect(few.map(\.label) == ["A"] && few.map(\.count) == [3])
        #expect(Statistics.merged(["A", "B"]).isEmpty)
    }

    @Test func flowsCountCountryPairsAndMergeTheRare() {
        let rows =
            Array(repeating: Self.row(.paid), count: 3) + [Self.row(.paid, from: "IT"), Self.row(.underWay, from: "IT")]
            + [Self.row(.fundingApproved, from: "PL", to: "AT")]
        let flows = Statistics.flows(rows) { CountryCode($0).map { CountryRegistry.cosme.name(of: $0) } ?? $0 }
        #expect(flows.map(\.count) == [3, 3])
        #expect(flows.first?.from == "France" && flows.first?.to == "Germany")
        #expect(flows.last?.from == "Other countries")
    }

    @Test func phasesAreCountedByTheMonthTheyWereProposed() {
        let rows = [
            Self.row(.paid, month: 1), Self.row(.paid, month: 1), Self.row(.proposed, month: 1), Self.row(.declined, month: 2),
        ]
        let months = Statistics.phasesByMonth(rows)
        #expect(months.map(\.month) == ["2027-01", "2027-01", "2027-02"])
        #expect(months.map(\.phase) == ["proposed", "paid", "declined"])
        #expect(months.map(\.count) == [1, 2, 1])
    }

    @Test func lumpSumsByBandAndTravelByModeAreHandCounted() {
        // Lyon to Munich: 580 km one way (air); Lyon to Geneva: 112 km (rail); a virtual stay travels nowhere.
        let geneva = Coordinate(latitude: 46.2044, longitude: 6.1432)
        let rows =
            Array(repeating: Self.row(.paid, cents: 78_000), count: 3)
            + Array(repeating: Self.row(.paid, to: "CH", cents: 39_000, host: geneva), count: 3)
            + [Self.row(.paid, cents: 0, virtual: true)]
        let munich = Int(Statistics.distanceKm(rows[0]).rounded())
        let toGeneva = Int(Statistics.distanceKm(rows[3]).rounded())
        #expect((570...590).contains(munich) && (105...120).contains(toGeneva), "\(munich), \(toGeneva)")
        let bands = Statistics.bands(rows)
        #expect(bands.map(\.label) == ["100 to 499 km", "500 to 1,999 km"])
        #expect(bands.map(\.count) == [3, 3])
        #expect(bands.map(\.totalCents) == [117_000, 234_000])
        let travel = Statistics.travel(rows)
        #expect(travel.exchanges == 6)
        #expect(travel.railKm == 3 * 2 * toGeneva && travel.airKm == 3 * 2 * munich)
        #expect(travel.co2Kg == (travel.railKm * 35 + travel.airKm * 151 + 500) / 1_000)
    }

    @Test func thePageDrawsEveryChartWithItsCSVAndTheAPIGivesTheSameFigures() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let exchange = try await scene.propose()
            try await scene.signed(exchange.id)
            let figures = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/statistics")
            #expect(figures.status == .ok)
            let statistics = try figures.content.decode(StatisticsDTO.self)
            #expect(statistics.exchanges == 1)
            #expect(statistics.flows.isEmpty, "one exchange is too few to show")
            let visitors = try #require(statistics.budgets.first { $0.partnership == "PV" })
            #expect(visitors.budgetCents == visitors.paidCents + visitors.reservedCents + visitors.availableCents)
            #expect(visitors.targetExchanges == 10)

            let page = try await app.testing().sendRequest(.GET, "/statistics")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 9)
            // The map: a dot for each place with validated organisations (four here, in four cities).
            #expect(html.contains("<svg class=\"chart map\""))
            #expect(html.components(separatedBy: "class=\"map-place\"").count - 1 == 4)
            // Land to read it by: the bundled outlines of Europe's countries and their neighbours.
            #expect(html.components(separatedBy: "class=\"map-land\"").count - 1 >= 50)
            for name in ["phases", "flows", "kinds", "sectors", "purposes", "budgets", "lump-sums", "travel", "outcomes"] {
                #expect(html.contains("/statistics/\(name).csv"), "\(name)")
                let csv = try await app.testing().sendRequest(.GET, "/statistics/\(name).csv")
                #expect(csv.status == .ok && csv.headers.contentType?.description.hasPrefix("text/csv") == true)
                #expect(csv.body.string.hasSuffix("\r\n"), "\(name): RFC 4180 lines end in CRLF")
            }
            let budgets = try await app.testing().sendRequest(.GET, "/statistics/budgets.csv").body.string
            #expect(budgets.hasPrefix("partnership,budget (EUR),paid (EUR),reserved (EUR),available (EUR)"))
            #expect(budgets.contains("\"Visitors' Partnership\"") == false && budgets.contains("Visitors' Partnership,5000.00,"))
            #expect(try await app.testing().sendRequest(.GET, "/statistics/nothing.csv").status == .notFound)
        }
    }

    @Test func aPartnershipsCoordinatorsSeeItsExchangesByNameWithEveryGroup() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            // The lifecycle to the payment is walked elsewhere (ExchangeWalkTests): here it is set.
            let exchange = try #require(try await Exchange.find(id, on: app.db))
            exchange.phase = .paid
            exchange.fundedCents = 78_000
            exchange.paidOn = CalendarDate(iso: "2027-03-08")
            try await exchange.save(on: app.db)
            let visitor = try #require(try await Organisation.query(on: app.db).filter(\.$key == "V1").first())
            let outcome = ExchangeOutcome()
            outcome.$exchange.id = id
            outcome.$organisation.id = try visitor.requireID()
            outcome.answer = .negotiationStarted
            outcome.note = ""
            try await outcome.save(on: app.db)

            let response = try await scene.visitorPartnership.send(.GET, "/api/v1/partnerships/PV/statistics")
            #expect(response.status == .ok)
            let figures = try response.content.decode(StatisticsDTO.self)
            #expect(figures.partnership == "PV" && figures.partnershipName == "Visitors' Partnership")
            #expect(figures.exchanges == 1 && figures.fundedExchanges == 1)
            // One exchange is shown, not merged away as in the open statistics.
            #expect(figures.flows.map(\.count) == [1] && figures.flows.first?.from == "France")
            #expect(figures.byKind.map(\.count) == [1] && figures.outcomes.map(\.label) == ["Negotiation started"])
            #expect(figures.budgets.map(\.partnership) == ["PV"])
            let named = try #require(figures.namedExchanges?.first)
            #expect(named.visitorName == "Lyon Photonics Cluster" && named.hostName == "Munich Laser Centre")
            #expect(named.lumpSumCents == 78_000 && named.travel == "air" && named.phaseWords == ExchangePhase.paid.words)
            #expect(named.outcomes == ["Lyon Photonics Cluster: Negotiation started"])
            let open = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/statistics")
            let openFigures = try open.content.decode(StatisticsDTO.self)
            #expect(openFigures.flows.isEmpty && openFigures.namedExchanges == nil && openFigures.partnership == nil)
            #expect(!open.body.string.contains("namedExchanges"), "the open JSON is as it was")

            // The host's partnership funds nothing of it; other coordinators and members are refused.
            let hosts = try await scene.hostPartnership.send(.GET, "/api/v1/partnerships/PH/statistics")
            #expect(try hosts.content.decode(StatisticsDTO.self).namedExchanges?.isEmpty == true)
            #expect(try await scene.hostPartnership.send(.GET, "/api/v1/partnerships/PV/statistics").status == .forbidden)
            #expect(try await scene.visitor.send(.GET, "/api/v1/partnerships/PV/statistics").status == .forbidden)
            #expect(try await scene.admin.send(.GET, "/api/v1/partnerships/PV/statistics").status == .ok)
            #expect(
                try await APIClient(app: app, token: nil).send(.GET, "/api/v1/partnerships/PV/statistics").status
                    == .unauthorized)
            #expect(try await scene.admin.send(.GET, "/api/v1/partnerships/NONE/statistics").status == .notFound)

            // The page, its CSVs with names, and the link from the open page.
            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            let page = try await coordinator.get("/partnerships/PV/statistics")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(
                html.contains("Statistics of Visitors&#39; Partnership") || html.contains("Statistics of Visitors' Partnership"))
            #expect(html.contains("/partnerships/PV/statistics/exchanges.csv") && !html.contains("chart map"))
            let csv = try await coordinator.get("/partnerships/PV/statistics/exchanges.csv")
            #expect(csv.status == .ok && csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.body.string.contains("Lyon Photonics Cluster,Munich Laser Centre,"))
            #expect(csv.body.string.contains(",780.00,"))
            #expect(try await coordinator.get("/partnerships/PV/statistics/nothing.csv").status == .notFound)
            #expect(try await coordinator.get("/statistics").body.string.contains("href=\"/partnerships/PV/statistics\""))
            let member = try await TestBrowser.signedIn(app, "visitor@v1.example")
            #expect(try await member.get("/partnerships/PV/statistics").status == .forbidden)
            #expect(try await member.get("/partnerships/PV/statistics/exchanges.csv").status == .forbidden)
            #expect(!(try await member.get("/statistics").body.string.contains("/partnerships/PV/statistics")))
        }
    }
}
