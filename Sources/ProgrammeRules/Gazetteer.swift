import Foundation

/// A point on the Earth in degrees.
public struct Coordinate: Hashable, Sendable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The mean Earth radius (IUGG), as docs/interfaces.md fixes it.
    public static let earthRadiusKm = 6371.0088

    /// Great-circle distance by the haversine formula.
    public func distanceKm(to other: Coordinate) -> Double {
        let radians = Double.pi / 180
        let phi1 = latitude * radians
        let phi2 = other.latitude * radians
        let dPhi = (other.latitude - latitude) * radians
        let dLambda = (other.longitude - longitude) * radians
        let a = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return 2 * Self.earthRadiusKm * asin(min(1, sqrt(a)))
    }
}

public struct City: Hashable, Sendable {
    public let geonameID: Int
    public let name: String
    public let country: CountryCode
    public let coordinate: Coordinate
    public let population: Int
    /// IANA time zone, e.g. "Europe/Brussels": stays are counted in the host's calendar days.
    public let timeZoneIdentifier: String
    public let alternateNames: [String]

    /// "Lyon, FR".
    public var label: String { "\(name), \(country)" }
}

public enum GazetteerError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformedPlace(String)
    case countryNotCovered(String, CountryCode)
    case unknownCity(String, CountryCode, suggestions: [String])

    public var description: String {
        switch self {
        case .malformedPlace(let text):
            "expected a place as \"City, CC\" (a city and an ISO country code), got \"\(text)\""
        case .countryNotCovered(let name, let code):
            "\(name) is not a participating country of the programme, so it has no cities in the gazetteer"
                + (name == code.rawValue ? "" : " (\(code))")
        case .unknownCity(let city, let code, let suggestions):
            "unknown city \"\(city)\" in \(code): the gazetteer holds cities of 15,000 inhabitants or more"
                + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?")
        }
    }
}

/// Cities of 15,000 inhabitants or more in the participating countries (GeoNames cities15000,
/// CC BY 4.0), looked up by "City, CC" in any Latin-script spelling.
public struct Gazetteer: Sendable {
    public let cities: [City]
    /// The header lines of the data file: source, licence, version.
    public let provenance: [String]
    /// (country, folded name) -> indexes into `cities`, most populous first.
    private let index: [Key: [Int]]

    private struct Key: Hashable { let country: CountryCode; let name: String }

    public init(cities: [City], provenance: [String] = []) {
        self.cities = cities
        self.provenance = provenance
        var index: [Key: [Int]] = [:]
        for (position, city) in cities.enumerated() {
            var seen = Set<String>()
            for name in [city.name] + city.alternateNames {
                let folded = NameFolding.fold(name)
                guard !folded.isEmpty, seen.insert(folded).inserted else { continue }
                index[Key(country: city.country, name: folded), default: []].append(position)
            }
        }
        let districts = Self.likelyDistricts(cities)
        // Among namesakes: real towns before districts of a bigger city, then the most populous.
        self.index = index.mapValues { positions in
            guard positions.count > 1 else { return positions }
            return positions.sorted { a, b in
                let (da, db) = (districts.contains(a), districts.contains(b))
                if da != db { return !da }
                return (cities[a].population, cities[b].geonameID) > (cities[b].population, cities[a].geonameID)
            }
        }
    }

    public var countries: Set<CountryCode> { Set(cities.map(\.country)) }

    /// GeoNames lists some city districts as cities (Madrid's barrios, Vienna's Bezirke). A
    /// "city" within 12 km of a city of 300,000 or more that is at least four times its size is
    /// taken to be a district, so "Salamanca, ES" finds the city, not the Madrid district.
    static func likelyDistricts(_ cities: [City]) -> Set<Int> {
        let large = cities.indices.filter { cities[$0].population >= 300_000 }
        var districts = Set<Int>()
        for (position, city) in cities.enumerated() {
            for big in large where big != position && cities[big].country == city.country
                && cities[big].population >= 4 * city.population
                && cities[big].coordinate.distanceKm(to: city.coordinate) < 12 {
                districts.insert(position)
                break
            }
        }
        return districts
    }

    /// The most populous city of `country` answering to `name`.
    public func city(named name: String, in country: CountryCode) -> City? {
        index[Key(country: country, name: NameFolding.fold(name))]?.first.map { cities[$0] }
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

    /// Up to three names of the country's cities that start like `name`, most populous first.
    func suggestions(for name: String, in country: CountryCode) -> [String] {
        let folded = NameFolding.fold(name)
        let prefix = String(folded.prefix(max(3, folded.count - 2)))
        guard prefix.count >= 3 else { return [] }
        return cities.lazy.filter { $0.country == country }
            .filter { city in ([city.name] + city.alternateNames).contains { NameFolding.fold($0).hasPrefix(prefix) } }
            .prefix(3).map(\.name)
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
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                provenance.append(line.dropFirst().trimmingCharacters(in: .whitespaces))
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 8, let id = Int(fields[0]), let country = CountryCode(String(fields[2])),
                let latitude = Double(fields[3]), let longitude = Double(fields[4]),
                let population = Int(fields[5])
            else { throw DataFileError.malformedLine(file: "cities.tsv", line: index + 1) }
            cities.append(
                City(
                    geonameID: id, name: String(fields[1]), country: country,
                    coordinate: Coordinate(latitude: latitude, longitude: longitude), population: population,
                    timeZoneIdentifier: String(fields[6]),
                    alternateNames: fields[7].isEmpty ? [] : fields[7].split(separator: "|").map(String.init)))
        }
        return Gazetteer(cities: cities, provenance: provenance)
    }
}
