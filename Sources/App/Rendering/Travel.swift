import Foundation

/// How a stay's travel reads on its exchange page: the distance, and the train under 500 km with
/// the emissions of both ways there and back (the statistics' factors, decision 0026).
enum Travel {
    static func words(km: Double) -> String {
        let distance = Int(km.rounded())
        let rail = (2 * distance * Statistics.railGramsPerKm + 500) / 1_000
        let air = (2 * distance * Statistics.airGramsPerKm + 500) / 1_000
        guard distance < Statistics.railBelowKm else {
            return "The two are \(distance.formatted()) km apart as the crow flies; a flight there and back emits about "
                + "\(air.formatted()) kg CO2e a person."
        }
        return "The two are \(distance.formatted()) km apart as the crow flies: take the train. There and back it emits "
            + "about \(rail.formatted()) kg CO2e a person, against about \(air.formatted()) kg by air."
    }
}
