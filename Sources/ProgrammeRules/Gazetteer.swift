import Foundation

/// The places of 1,000 inhabitants or more in the participating countries, and their capitals
/// (GeoNames cities1000, CC BY 4.0), looked up by "City, CC" in any Latin-script spelling; an
/// unknown name gets the closest spellings of that country as suggestions.
public struct Gazetteer: Sendable {
    public let cities: [City]
    /// The header lines of the data file: source, licence, version.
    public let provenance: [String]
    public let countries: Set<CountryCode>
    /// Per country, each folded spelling (name or alternate) with the place it resolves to.
    private let index: [CountryCode: [String: Int32]]
    /// The same spellings again, for the edit distance of "did you mean".
    private let spellings: [CountryCode: Spellings]
    private let alphabet: Alphabet

    /// Among namesakes, a place of this size that is not a district of a bigger city comes first.
    static let townPopulation = 15_000

    public init(cities: [City], provenance: [String] = []) {
        self.cities = cities
        self.provenance = provenance
        countries = Set(cities.map(\.country))
        let districts = Self.likelyDistricts(cities)
        // Real towns of 15,000 or more, then every other place (districts of big cities, smaller
        // towns and villages) by population, then the lower geonameid. "Salamanca, ES" is the city,
        // not the Madrid district, but "Montreuil, FR" stays the town by Paris (a "district" by
        // the rule below) rather than a village of 2,700; on the data of 15,000 or more this is
        // the order the gazetteer always had.
        func rank(_ position: Int) -> (Int, Int, Int) {
            let city = cities[position]
            let town = city.population >= Self.townPopulation && !districts.contains(position)
            return (town ? 1 : 0, city.population, -city.geonameID)
        }
        var index: [CountryCode: [String: Int32]] = [:]
        for (country, positions) in Dictionary(grouping: cities.indices, by: { cities[$0].country }) {
            var names: [String: Int32] = [:]
            // About 3.4 spellings a place in the bundled file: growing the table step by step
            // cost a tenth of the load.
            names.reserveCapacity(positions.count * 7 / 2)
            for position in positions {
                let city = cities[position]
                for name in [city.name] + city.alternateNames {
                    let folded = NameFolding.fold(name)
                    guard !folded.isEmpty else { continue }
                    if let holder = names[folded], Int(holder) == position || rank(Int(holder)) > rank(position) { continue }
                    names[folded] = Int32(position)
                }
            }
            index[country] = names
        }
        var alphabet = Alphabet()
        self.spellings = index.mapValues { names in Spellings(names, alphabet: &alphabet) }
        self.alphabet = alphabet
        self.index = index
    }

    /// GeoNames lists some city districts as cities (Madrid's barrios, Vienna's Bezirke). A
    /// "city" within 12 km of a city of 300,000 or more in its country that is at least four times
    /// its size is taken to be a district, so "Salamanca, ES" finds the city, not the Madrid
    /// district. The large cities are bucketed by country: each place is compared with a handful.
    static func likelyDistricts(_ cities: [City]) -> Set<Int> {
        let large = Dictionary(grouping: cities.indices.filter { cities[$0].population >= 300_000 }) { cities[$0].country }
        // 12 km is less than 0.11 degrees of latitude anywhere: a cheap test before the haversine.
        let latitudeWindow = 12 / (Coordinate.earthRadiusKm * Double.pi / 180)
        var districts = Set<Int>()
        for (position, city) in cities.enumerated() {
            guard let nearby = large[city.country] else { continue }
            for big in nearby
            where big != position && cities[big].population >= 4 * city.population
                && abs(cities[big].coordinate.latitude - city.coordinate.latitude) < latitudeWindow
                && cities[big].coordinate.distanceKm(to: city.coordinate) < 12
            {
                districts.insert(position)
                break
            }
        }
        return districts
    }

    /// The place of `country` answering to `name`: a town of 15,000 or more if one does, else the
    /// most populous (see `init`).
    public func city(named name: String, in country: CountryCode) -> City? {
        index[country]?[NameFolding.fold(name)].map { cities[Int($0)] }
    }

    /// Resolves "City, CC" (the last comma separates the country code).
    public func resolve(_ place: String, countries registry: CountryRegistry = .cosme) throws(GazetteerError) -> City {
        guard let comma = place.lastIndex(of: ",") else { throw .malformedPlace(place) }
        let name = place[..<comma].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, let code = CountryCode(String(place[place.index(after: comma)...])) else {
            throw .malformedPlace(place)
        }
        guard countries.contains(code) else { throw .countryNotCovered(registry.name(of: code), code) }
        guard let city = city(named: name, in: code) else {
            throw .unknownCity(name, code, suggestions: suggestions(for: name, in: code))
        }
        return city
    }

    /// The names a person who typed `name` most likely meant: places of `country` whose name or
    /// alternate name is within a few typing mistakes of it (optimal string alignment distance
    /// over the folded forms: a letter added, dropped, replaced, or two neighbours swapped; at
    /// most 1 for names of 4 letters, 2 up to 8, 3 beyond), or that start with it (counted as one
    /// mistake). Closest first, then the most populous; at most `limit` names, each of which
    /// resolves to the place it was ranked for. Empty for names of fewer than 4 letters and when
    /// nothing is that close.
    public func suggestions(for name: String, in country: CountryCode, limit: Int = 3) -> [String] {
        guard limit > 0, let spellings = spellings[country], let names = index[country] else { return [] }
        let query = alphabet.encode(NameFolding.fold(name))
        // Below four letters one mistake is a third of the name, and the data is full of
        // three-letter codes ("BRU", "MLA"): nothing is close enough to mean anything.
        guard query.count >= 4 else { return [] }
        let bound = query.count == 4 ? 1 : query.count <= 8 ? 2 : 3
        let closest = spellings.closest(to: query, within: bound)
        var ranked: [(distance: Int, place: Int32, spelling: Int)] = []
        var seenPlaces: [Int32: Int] = [:]
        for match in closest {
            if let at = seenPlaces[match.place] {
                // The spellings come in no set order: equal distances keep the smaller spelling,
                // so the answer is the same in every process.
                let kept = ranked[at]
                if (match.distance, spellings.folded(match.spelling, alphabet: alphabet))
                    < (kept.distance, spellings.folded(kept.spelling, alphabet: alphabet))
                {
                    ranked[at] = match
                }
            } else {
                seenPlaces[match.place] = ranked.count
                ranked.append(match)
            }
        }
        ranked.sort { a, b in
            let (x, y) = (cities[Int(a.place)], cities[Int(b.place)])
            return (a.distance, y.population, x.geonameID) < (b.distance, x.population, y.geonameID)
        }
        var texts: [String] = []
        var seenTexts = Set<String>()
        for match in ranked where texts.count < limit {
            let city = cities[Int(match.place)]
            // The place's own name when that resolves to it; a village sharing a bigger town's name
            // is offered under the spelling that matched, which does.
            let matched = spellings.folded(match.spelling, alphabet: alphabet)
            let text =
                names[NameFolding.fold(city.name)] == match.place
                ? city.name : city.alternateNames.first { NameFolding.fold($0) == matched } ?? city.name
            if seenTexts.insert(NameFolding.fold(text)).inserted { texts.append(text) }
        }
        return texts
    }
}

extension Gazetteer {
    /// Folded names as one byte per letter, so the edit distance compares letters, not UTF-8 bytes:
    /// ASCII stays itself, and each other letter left by the folding (ə, ɛ, Cyrillic in a few main
    /// names: about 30 in all) gets its own code from 0x80. Codes run out after 126 such letters:
    /// the rest share 0xFE, and a letter of a query that the data never has is 0xFF, which matches
    /// nothing.
    private struct Alphabet: Sendable {
        private var codes: [Unicode.Scalar: UInt8] = [:]
        private var letters: [Unicode.Scalar] = []

        /// Appends the codes of `folded` to `bytes`, giving new letters their codes.
        mutating func append(_ folded: String, to bytes: inout [UInt8]) {
            if folded.utf8.allSatisfy({ $0 < 0x80 }) {
                bytes.append(contentsOf: folded.utf8)
                return
            }
            for scalar in folded.unicodeScalars {
                if scalar.isASCII {
                    bytes.append(UInt8(scalar.value))
                } else if let code = codes[scalar] {
                    bytes.append(code)
                } else if letters.count < 0xFE - 0x80 {
                    let code = UInt8(0x80 + letters.count)
                    codes[scalar] = code
                    letters.append(scalar)
                    bytes.append(code)
                } else {
                    bytes.append(0xFE)
                }
            }
        }

        func encode(_ folded: String) -> [UInt8] {
            if folded.utf8.allSatisfy({ $0 < 0x80 }) { return Array(folded.utf8) }
            return folded.unicodeScalars.map { scalar in
                scalar.isASCII ? UInt8(scalar.value) : codes[scalar] ?? 0xFF
            }
        }

        func decode(_ bytes: ArraySlice<UInt8>) -> String {
            var text = String.UnicodeScalarView()
            for byte in bytes {
                if byte < 0x80 {
                    text.append(Unicode.Scalar(byte))
                } else if Int(byte) - 0x80 < letters.count {
                    text.append(letters[Int(byte) - 0x80])
                }
            }
            return String(text)
        }
    }

    /// One country's folded spellings, each once, in one byte buffer (`Alphabet`): scanning them all
    /// for an unknown name touches a few hundred kilobytes at most, and allocates nothing per name.
    private struct Spellings: Sendable {
        private var bytes: [UInt8] = []
        /// Where each spelling ends in `bytes`; it starts where the previous one ends.
        private var ends: [Int32] = []
        /// The place each spelling resolves to, an index into `Gazetteer.cities`.
        private var places: [Int32] = []

        init(_ names: [String: Int32], alphabet: inout Alphabet) {
            bytes.reserveCapacity(names.count * 12)
            ends.reserveCapacity(names.count)
            places.reserveCapacity(names.count)
            for (name, place) in names {
                alphabet.append(name, to: &bytes)
                ends.append(Int32(bytes.count))
                places.append(place)
            }
        }

        func folded(_ spelling: Int, alphabet: Alphabet) -> String {
            alphabet.decode(bytes[(spelling == 0 ? 0 : Int(ends[spelling - 1]))..<Int(ends[spelling])])
        }

        /// The spellings within `bound` edits of `query`, and those it begins (at distance 1), with
        /// their distance.
        func closest(to query: [UInt8], within bound: Int) -> [(distance: Int, place: Int32, spelling: Int)] {
            var found: [(distance: Int, place: Int32, spelling: Int)] = []
            var rows = [Int](repeating: 0, count: 3 * (query.count + bound + 2))
            query.withUnsafeBufferPointer { query in
                bytes.withUnsafeBufferPointer { bytes in
                    rows.withUnsafeMutableBufferPointer { rows in
                        var start = 0
                        for (spelling, end) in ends.enumerated() {
                            defer { start = Int(end) }
                            let candidate = UnsafeBufferPointer(rebasing: bytes[start..<Int(end)])
                            var distance: Int?
                            if candidate.count > query.count, candidate.prefix(query.count).elementsEqual(query) {
                                distance = 1
                            }
                            if abs(candidate.count - query.count) <= bound,
                                let edits = EditDistance.bounded(query, candidate, bound: bound, rows: rows)
                            {
                                distance = min(distance ?? edits, edits)
                            }
                            if let distance { found.append((distance, places[spelling], spelling)) }
                        }
                    }
                }
            }
            return found
        }
    }
}

extension Gazetteer {
    /// The bundled gazetteer, parsed once.
    public static func bundled() throws -> Gazetteer { try bundledResult.get() }

    private static let bundledResult: Result<Gazetteer, DataFileError> = Result {
        () throws(DataFileError) -> Gazetteer in
        try parse(tsv: try DataFile.text(named: "cities"))
    }

    /// Parses `geonameid, name, CC, latitude, longitude, population, timezone, alternates` (tab
    /// separated, alternates joined by `|`); `#` lines are provenance.
    public static func parse(tsv text: String) throws(DataFileError) -> Gazetteer {
        var provenance: [String] = []
        var cities: [City] = []
        // Split on bytes, not Characters: the separators are ASCII, and breaking 5 MB into
        // grapheme clusters took half the parse. Country codes and time zones repeat on every
        // line: each is made once, and the places of a zone share its string.
        var countries: [Substring: CountryCode] = [:]
        var zones: [Substring: String] = [:]
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, bytes) in lines.enumerated() {
            if bytes.isEmpty { continue }
            if bytes.first == UInt8(ascii: "#") {
                provenance.append(Substring(bytes.dropFirst()).trimmingCharacters(in: .whitespaces))
                continue
            }
            let fields = bytes.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map(Substring.init)
            guard fields.count == 8, let id = Int(fields[0]),
                let country = countries[fields[2]] ?? CountryCode(String(fields[2])),
                let latitude = Double(fields[3]), let longitude = Double(fields[4]),
                let population = Int(fields[5])
            else { throw DataFileError.malformedLine(file: "cities.tsv", line: index + 1) }
            countries[fields[2]] = country
            let zone = zones[fields[6]] ?? String(fields[6])
            zones[fields[6]] = zone
            cities.append(
                City(
                    geonameID: id, name: String(fields[1]), country: country,
                    coordinate: Coordinate(latitude: latitude, longitude: longitude), population: population,
                    timeZoneIdentifier: zone,
                    alternateNames: fields[7].utf8.split(separator: UInt8(ascii: "|")).map { String(Substring($0)) }))
        }
        return Gazetteer(cities: cities, provenance: provenance)
    }
}
