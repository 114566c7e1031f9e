/// Where an organisation is: enough to measure distances and pick the host's calendar.
public struct Place: Hashable, Sendable {
    public let label: String
    public let country: CountryCode
    public let coordinate: Coordinate

    public init(label: String, country: CountryCode, coordinate: Coordinate) {
        self.label = label
        self.country = country
        self.coordinate = coordinate
    }
}
