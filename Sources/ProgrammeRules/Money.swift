/// Formats integer cents for people: "EUR 1,100.00". Amounts are never held as floating point.
public enum Money {
    public static func format(cents: Int, currency: String) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let units = String(magnitude / 100)
        var grouped = ""
        for (offset, digit) in units.reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let fraction = String(magnitude % 100).leftPadded(to: 2)
        return "\(currency) \(sign)\(String(grouped.reversed())).\(fraction)"
    }
}
