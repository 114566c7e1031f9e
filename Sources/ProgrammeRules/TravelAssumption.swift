/// How the platform assumes people travel, the same everywhere it says so (suggestions, exchange
/// pages, the statistics' emissions): by train below 500 km one way as the crow flies, by air above
/// (docs/decisions/0026-open-statistics-merge-small-groups.md).
public enum TravelAssumption {
    public static let railBelowKm = 500
}
