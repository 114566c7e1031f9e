import Foundation

/// A versioned table of lump-sum rates. The programme changed its figures between calls, so they
/// live here as data, and every quote names the table it came from.
///
/// Two models share the duration limits, the cap and the halving rule and differ in the base amount:
/// - `threshold`: the host country's threshold, or the default (the rates JSON of `docs/interfaces.md`, "Quote");
/// - `distance-bands`: an amount per one-way straight-line distance band, with a higher amount for
///   green travel where the band has one (the Erasmus+ travel unit costs).
public struct RateTable: Hashable, Sendable {
    public var name: String
    public var version: String
    public var currency: String
    public var basis: Basis
    /// The most a visiting organisation may receive, before halving.
    public var capCents: Int?
    public var halveBelowWorkingDays: Int?
    public var halveBelowDistanceKm: Double?
    public var limits: DurationLimits

    public enum Basis: Hashable, Sendable {
        case hostCountryThreshold(defaultCents: Int, byCountry: [CountryCode: Int])
        case distanceBands([DistanceBand])
    }

    public init(
        name: String, version: String = "1", currency: String = "EUR", basis: Basis, capCents: Int?,
        halveBelowWorkingDays: Int?, halveBelowDistanceKm: Double?, limits: DurationLimits = DurationLimits()
    ) {
        self.name = name
        self.version = version
        self.currency = currency
        self.basis = basis
        self.capCents = capCents
        self.halveBelowWorkingDays = halveBelowWorkingDays
        self.halveBelowDistanceKm = halveBelowDistanceKm
        self.limits = limits
    }

    /// A short, stable digest of the table's content (FNV-1a, 64 bits, of its canonical JSON):
    /// two tables with the same name and version but different figures can be told apart.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(self)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01b3
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }
}

extension RateTable {
    /// The built-in default, exactly the table of `docs/interfaces.md`, "Quote".
    public static let cxcDefault = RateTable(
        name: "cxc-default", version: "1", currency: "EUR",
        basis: .hostCountryThreshold(defaultCents: 110_000, byCountry: [CountryCode(literal: "DE"): 78_000]),
        capCents: 110_000, halveBelowWorkingDays: 5, halveBelowDistanceKm: 200,
        limits: DurationLimits(minWorkingDays: 3, maxCalendarDays: 31))

    /// Erasmus+ travel unit costs per round trip by one-way distance band (`docs/programme-rules.md`, "Money"),
    /// under the programme's cap and duration limits, without halving.
    public static let erasmusTravelBands = RateTable(
        name: "erasmus-travel-bands", version: "1", currency: "EUR",
        basis: .distanceBands([
            DistanceBand(fromKm: 10, standardCents: 2_300),
            DistanceBand(fromKm: 100, standardCents: 18_000, greenCents: 21_000),
            DistanceBand(fromKm: 500, standardCents: 27_500, greenCents: 32_000),
            DistanceBand(fromKm: 2_000, standardCents: 36_000, greenCents: 41_000),
            DistanceBand(fromKm: 3_000, standardCents: 53_000, greenCents: 61_000),
            DistanceBand(fromKm: 4_000, standardCents: 82_000),
            DistanceBand(fromKm: 8_000, standardCents: 150_000),
        ]),
        capCents: 110_000, halveBelowWorkingDays: nil, halveBelowDistanceKm: nil,
        limits: DurationLimits(minWorkingDays: 3, maxCalendarDays: 31))

    public static let builtIn: [RateTable] = [.cxcDefault, .erasmusTravelBands]
}

// MARK: - JSON

extension RateTable: Codable {
    enum CodingKeys: String, CodingKey {
        case name, version, currency, model, capCents, defaultThresholdCents, thresholdCents, bands
        case halveBelowWorkingDays, halveBelowDistanceKm, minWorkingDays, maxCalendarDays
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "name must not be empty")
        }
        version = try c.decodeIfPresent(String.self, forKey: .version) ?? "1"
        currency = try c.decodeIfPresent(String.self, forKey: .currency) ?? "EUR"
        capCents = try Self.nonNegative(c, .capCents)
        halveBelowWorkingDays = try c.decodeIfPresent(Int.self, forKey: .halveBelowWorkingDays)
        halveBelowDistanceKm = try c.decodeIfPresent(Double.self, forKey: .halveBelowDistanceKm)
        limits = DurationLimits(
            minWorkingDays: try c.decodeIfPresent(Int.self, forKey: .minWorkingDays) ?? 3,
            maxCalendarDays: try c.decodeIfPresent(Int.self, forKey: .maxCalendarDays) ?? 31)
        guard limits.minWorkingDays >= 1, limits.maxCalendarDays >= limits.minWorkingDays else {
            throw DecodingError.dataCorruptedError(
                forKey: .maxCalendarDays, in: c,
                debugDescription: "need 1 <= minWorkingDays <= maxCalendarDays")
        }
        switch try c.decodeIfPresent(String.self, forKey: .model) ?? "threshold" {
        case "threshold":
            guard let defaultCents = try Self.nonNegative(c, .defaultThresholdCents) else {
                throw DecodingError.keyNotFound(
                    CodingKeys.defaultThresholdCents,
                    .init(codingPath: c.codingPath, debugDescription: "defaultThresholdCents is required by the threshold model"))
            }
            var byCountry: [CountryCode: Int] = [:]
            for (key, cents) in try c.decodeIfPresent([String: Int].self, forKey: .thresholdCents) ?? [:] {
                guard let code = CountryCode(key), cents >= 0 else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .thresholdCents, in: c,
                        debugDescription: "thresholdCents needs ISO country codes and amounts >= 0, got \"\(key)\": \(cents)")
                }
                byCountry[code] = cents
            }
            basis = .hostCountryThreshold(defaultCents: defaultCents, byCountry: byCountry)
        case "distance-bands":
            let bands = try c.decode([DistanceBand].self, forKey: .bands)
            guard !bands.isEmpty, zip(bands, bands.dropFirst()).allSatisfy({ $0.fromKm < $1.fromKm }),
                bands.allSatisfy({ $0.fromKm >= 0 && $0.standardCents >= 0 && ($0.greenCents ?? 0) >= 0 })
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .bands, in: c,
                    debugDescription: "bands must be non-empty, in increasing fromKm, with amounts >= 0")
            }
            basis = .distanceBands(bands)
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .model, in: c,
                debugDescription: "model must be \"threshold\" or \"distance-bands\", got \"\(other)\"")
        }
    }

    private static func nonNegative(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int? {
        guard let value = try c.decodeIfPresent(Int.self, forKey: key) else { return nil }
        guard value >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) must be >= 0")
        }
        return value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(version, forKey: .version)
        try c.encode(currency, forKey: .currency)
        switch basis {
        case .hostCountryThreshold(let defaultCents, let byCountry):
            try c.encode("threshold", forKey: .model)
            try c.encode(defaultCents, forKey: .defaultThresholdCents)
            try c.encode(Dictionary(uniqueKeysWithValues: byCountry.map { ($0.key.rawValue, $0.value) }), forKey: .thresholdCents)
        case .distanceBands(let bands):
            try c.encode("distance-bands", forKey: .model)
            try c.encode(bands, forKey: .bands)
        }
        try c.encodeIfPresent(capCents, forKey: .capCents)
        try c.encodeIfPresent(halveBelowWorkingDays, forKey: .halveBelowWorkingDays)
        try c.encodeIfPresent(halveBelowDistanceKm, forKey: .halveBelowDistanceKm)
        try c.encode(limits.minWorkingDays, forKey: .minWorkingDays)
        try c.encode(limits.maxCalendarDays, forKey: .maxCalendarDays)
    }
}
