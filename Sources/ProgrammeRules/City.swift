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

extension City {
    public var place: Place { Place(label: label, country: country, coordinate: coordinate) }
}
