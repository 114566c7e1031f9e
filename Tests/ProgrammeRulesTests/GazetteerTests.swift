import Testing

@testable import ProgrammeRules

@Suite struct GazetteerTests {
    let gazetteer: Gazetteer

    init() throws { gazetteer = try Gazetteer.bundled() }

    @Test(arguments: [
        ("Ghent, BE", "Gent, BE"), ("Seville, ES", "Sevilla, ES"), ("Wroclaw, PL", "Wrocław, PL"),
        ("Aarhus, DK", "Århus, DK"), ("Munich, DE", "München, DE"), ("Brussels, BE", "Bruxelles, BE"),
        ("Lisbon, PT", "Lisboa, PT"), ("Athens, GR", "Athina, GR"), ("Pristina, XK", "Prishtinë, XK"),
        ("Cologne, DE", "KÖLN, de"), ("Gdansk, PL", "Gdańsk, PL"), ("Thessaloniki, GR", "thessaloníki , GR"),
    ])
    func englishAndLocalFormsResolveToTheSameCity(_ english: String, _ local: String) throws {
        let a = try gazetteer.resolve(english)
        let b = try gazetteer.resolve(local)
        #expect(a == b)
        #expect(a.population >= 15_000)
    }

    @Test func theMostPopulousNamesakeWins() throws {
        // Frankfurt am Main, not Frankfurt (Oder).
        let frankfurt = try gazetteer.resolve("Frankfurt, DE")
        #expect(frankfurt.population > 500_000)
        #expect(try gazetteer.resolve("Paris, FR").timeZoneIdentifier == "Europe/Paris")
        // GeoNames also lists a Madrid district called Salamanca, slightly more populous than the city.
        let salamanca = try gazetteer.resolve("Salamanca, ES")
        let madrid = try gazetteer.resolve("Madrid, ES")
        #expect(salamanca.coordinate.distanceKm(to: madrid.coordinate) > 150)
    }

    @Test func lettersOutsideDecompositionFold() {
        #expect(NameFolding.fold("Łódź") == "lodz")
        #expect(NameFolding.fold("Køge") == "koge")
        #expect(NameFolding.fold("Straße") == "strasse")
        #expect(NameFolding.fold("Đakovo") == "dakovo")
        #expect(NameFolding.fold("  Saint-Étienne ") == "saint etienne")
        #expect(NameFolding.fold("L'Aquila") == "l aquila")
    }

    /// The byte-wise path for ASCII text folds exactly as the Unicode path does.
    @Test func asciiFoldingMatchesTheUnicodePath() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(state % 24) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 33) & 0x7F)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(NameFolding.foldASCII(text) == NameFolding.foldUnicode(text), "\(bytes)")
        }
    }

    @Test func badPlacesAreExplained() {
        #expect(throws: GazetteerError.malformedPlace("Lyon")) { try gazetteer.resolve("Lyon") }
        #expect(throws: GazetteerError.malformedPlace("Lyon, FRA")) { try gazetteer.resolve("Lyon, FRA") }
        #expect(throws: GazetteerError.countryNotCovered("Norway", code("NO"))) { try gazetteer.resolve("Oslo, NO") }
        do {
            _ = try gazetteer.resolve("Lyonx, FR")
            Issue.record("resolved a city that does not exist")
        } catch {
            #expect(error.description.contains("unknown city \"Lyonx\" in FR"))
            #expect(error.description.contains("\"Lyon\""))
        }
    }

    /// Published great-circle distances between city centres; ours must be within 0.5%.
    @Test(arguments: [
        ("Paris, FR", "Berlin, DE", 878.0), ("Madrid, ES", "Barcelona, ES", 505.0), ("Rome, IT", "Milan, IT", 477.0),
        ("Vienna, AT", "Budapest, HU", 214.0), ("London, GB", "Paris, FR", 344.0), ("Berlin, DE", "Munich, DE", 504.0),
        ("Lisbon, PT", "Madrid, ES", 503.0), ("Brussels, BE", "Amsterdam, NL", 173.0), ("Athens, GR", "Helsinki, FI", 2_466.0),
        ("Dublin, IE", "Warsaw, PL", 1_824.0), ("Stockholm, SE", "Helsinki, FI", 396.0),
    ])
    func distancesMatchPublishedFigures(_ from: String, _ to: String, _ published: Double) throws {
        let distance = try gazetteer.resolve(from).coordinate.distanceKm(to: try gazetteer.resolve(to).coordinate)
        #expect(abs(distance - published) / published < 0.005, "\(from) - \(to): \(distance) km")
    }

    @Test func theHaversineUsesTheMeanEarthRadius() {
        let equator = Coordinate(latitude: 0, longitude: 0)
        let pole = Coordinate(latitude: 90, longitude: 0)
        #expect(abs(equator.distanceKm(to: pole) - 10_007.557_2) < 0.001)
        #expect(equator.distanceKm(to: equator) == 0)
        let antipode = Coordinate(latitude: 0, longitude: 180)
        #expect(abs(equator.distanceKm(to: antipode) - 20_015.114_4) < 0.001)
    }

    @Test func coversEveryParticipatingCountryAndCreditsGeoNames() {
        let codes = Set(CountryRegistry.cosme.everParticipating.map(\.code))
        #expect(gazetteer.countries == codes)
        #expect(gazetteer.cities.allSatisfy { $0.population >= 15_000 })
        #expect(gazetteer.provenance.contains { $0.contains("CC BY 4.0") })
    }
}
