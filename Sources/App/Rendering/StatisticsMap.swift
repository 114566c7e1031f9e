import Foundation

/// The map of the statistics page, drawn by the server from bundled data: the countries' outlines
/// (Natural Earth, `country-outlines.tsv`) as land to read it by, a dot for each place with
/// validated organisations (larger with more, from the bundled city coordinates), and a line
/// between two countries' centres for each flow of at least three funded exchanges. No map
/// tiles, no requests elsewhere.
struct StatisticsMap: Sendable {
    struct Place: Sendable {
        let latitude: Double
        let longitude: Double
        let country: String
    }

    /// Europe and its neighbours, as an equirectangular projection.
    static let west = -25.0
    static let east = 45.0
    static let north = 72.0
    static let south = 27.0
    static let width = 600.0
    static let height = 560.0

    let organisations: [Place]
    /// Country code pairs with their counts, already at least three each.
    let flows: [(from: String, to: String, count: Int)]

    /// The land: one path per country, in the map's projection, made once.
    static let land: [String] = {
        guard let url = Bundle.module.url(forResource: "country-outlines", withExtension: "tsv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return landPaths(fromOutlines: text)
    }()

    /// Each line of the outlines file ("name TAB lon,lat lon,lat …|…") as a path's `d`.
    static func landPaths(fromOutlines text: String) -> [String] {
        let format = { (value: Double) in String(format: "%.1f", value) }
        return text.split(separator: "\n").compactMap { line -> String? in
            guard !line.hasPrefix("#"), let tab = line.firstIndex(of: "\t") else { return nil }
            let rings = line[line.index(after: tab)...].split(separator: "|").compactMap { ring -> String? in
                let points = ring.split(separator: " ").compactMap { pair -> String? in
                    let degrees = pair.split(separator: ",").compactMap { Double($0) }
                    guard degrees.count == 2 else { return nil }
                    let (x, y) = point(degrees[1], degrees[0])
                    return "\(format(x)) \(format(y))"
                }
                return points.count < 3 ? nil : "M" + points.joined(separator: "L") + "Z"
            }
            return rings.isEmpty ? nil : rings.joined()
        }
    }

    static func point(_ latitude: Double, _ longitude: Double) -> (x: Double, y: Double) {
        let x = (min(max(longitude, west), east) - west) / (east - west) * width
        let y = (north - min(max(latitude, south), north)) / (north - south) * height
        return (x, y)
    }

    var svg: String {
        // Places binned by half a degree, so nearby cities share a dot.
        var bins: [String: (latitude: Double, longitude: Double, count: Int)] = [:]
        var centres: [String: (latitude: Double, longitude: Double, count: Int)] = [:]
        for place in organisations {
            let key = "\((place.latitude * 2).rounded()):\((place.longitude * 2).rounded())"
            bins[key, default: (place.latitude, place.longitude, 0)].count += 1
            var centre = centres[place.country] ?? (0, 0, 0)
            centre.latitude += place.latitude
            centre.longitude += place.longitude
            centre.count += 1
            centres[place.country] = centre
        }
        let format = { (value: Double) in String(format: "%.1f", value) }
        var parts = [
            #"<svg class="chart map" viewBox="0 0 \#(Int(Self.width)) \#(Int(Self.height))" width="100%" role="img" "#
                + #"aria-labelledby="chart-map">"#,
            #"<title id="chart-map">Map: \#(organisations.count) validated organisations in \#(bins.count) places, "#
                + "and the flows of funded exchanges between countries</title>",
            #"<rect x="0" y="0" width="\#(Int(Self.width))" height="\#(Int(Self.height))" class="map-sea"/>"#,
        ]
        parts += Self.land.map { #"<path class="map-land" d="\#($0)"/>"# }
        for bin in bins.values.sorted(by: { $0.count > $1.count }) {
            let (x, y) = Self.point(bin.latitude, bin.longitude)
            let radius = 1.5 + Double(bin.count).squareRoot()
            parts.append(#"<circle cx="\#(format(x))" cy="\#(format(y))" r="\#(format(radius))" class="map-place"/>"#)
        }
        for flow in flows {
            guard let from = centres[flow.from], let to = centres[flow.to], from.count > 0, to.count > 0 else { continue }
            let a = Self.point(from.latitude / Double(from.count), from.longitude / Double(from.count))
            let b = Self.point(to.latitude / Double(to.count), to.longitude / Double(to.count))
            let width = min(8, 1 + Double(flow.count).squareRoot())
            parts.append(
                #"<line x1="\#(format(a.x))" y1="\#(format(a.y))" x2="\#(format(b.x))" y2="\#(format(b.y))" "#
                    + #"class="map-flow" stroke-width="\#(format(width))"/>"#)
            parts.append(#"<circle cx="\#(format(b.x))" cy="\#(format(b.y))" r="\#(format(width + 1))" class="map-host"/>"#)
        }
        parts.append("</svg>")
        return parts.joined()
    }
}
