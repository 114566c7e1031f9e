/// The names of NACE Rev. 2 sections and divisions, shortened where Eurostat's titles run long,
/// so that pages say "computer, electronic and optical products" rather than "C26".
extension NACECode {
    /// The division's name in words.
    public var title: String { Self.divisionTitles[division] ?? description }

    /// "C26 Computer, electronic and optical products".
    public var label: String { "\(description) \(title.prefix(1).uppercased())\(title.dropFirst())" }

    /// The section's name in words ("manufacturing" for C).
    public static func sectionTitle(_ section: Character) -> String { sectionTitles[section] ?? String(section) }

    /// Every division, in order.
    public static var all: [NACECode] {
        divisions.sorted { $0.key < $1.key }.flatMap { letter, range in
            range.compactMap { NACECode("\(letter)\(String($0).leftPadded(to: 2))") }
        }
    }

    static let sectionTitles: [Character: String] = [
        "A": "agriculture, forestry and fishing", "B": "mining and quarrying", "C": "manufacturing",
        "D": "electricity, gas, steam and air conditioning", "E": "water supply, sewerage and waste management",
        "F": "construction", "G": "wholesale and retail trade", "H": "transport and storage",
        "I": "accommodation and food services", "J": "information and communication", "K": "financial and insurance",
        "L": "real estate", "M": "professional, scientific and technical activities",
        "N": "administrative and support services", "O": "public administration and defence", "P": "education",
        "Q": "human health and social work", "R": "arts, entertainment and recreation", "S": "other services",
        "T": "households as employers", "U": "extraterritorial organisations",
    ]

    static let divisionTitles: [Int: String] = [
        1: "crop and animal production", 2: "forestry and logging", 3: "fishing and aquaculture",
        5: "mining of coal and lignite", 6: "extraction of crude petroleum and natural gas", 7: "mining of metal ores",
        8: "other mining and quarrying", 9: "mining support services", 10: "food products", 11: "beverages",
        12: "tobacco products", 13: "textiles", 14: "wearing apparel", 15: "leather products", 16: "wood and cork products",
        17: "paper products", 18: "printing and reproduction of recorded media", 19: "coke and refined petroleum products",
        20: "chemicals and chemical products", 21: "pharmaceutical products", 22: "rubber and plastic products",
        23: "other non-metallic mineral products", 24: "basic metals", 25: "fabricated metal products",
        26: "computer, electronic and optical products", 27: "electrical equipment", 28: "machinery and equipment",
        29: "motor vehicles", 30: "other transport equipment", 31: "furniture", 32: "other manufacturing",
        33: "repair and installation of machinery", 35: "electricity, gas, steam and air conditioning",
        36: "water collection and supply", 37: "sewerage", 38: "waste collection, treatment and recycling",
        39: "remediation and waste management", 41: "construction of buildings", 42: "civil engineering",
        43: "specialised construction", 45: "motor vehicle trade and repair", 46: "wholesale trade", 47: "retail trade",
        49: "land transport", 50: "water transport", 51: "air transport", 52: "warehousing and logistics",
        53: "postal and courier activities", 55: "accommodation", 56: "food and beverage services", 58: "publishing",
        59: "film, video, television and music", 60: "broadcasting", 61: "telecommunications",
        62: "computer programming and consultancy", 63: "information services", 64: "financial services",
        65: "insurance and pension funding", 66: "auxiliary financial services", 68: "real estate",
        69: "legal and accounting", 70: "head offices and management consultancy", 71: "architecture and engineering",
        72: "scientific research and development", 73: "advertising and market research",
        74: "other professional, scientific and technical activities", 75: "veterinary activities",
        77: "rental and leasing", 78: "employment activities", 79: "travel agencies and tour operators",
        80: "security and investigation", 81: "services to buildings and landscape", 82: "office and business support",
        84: "public administration and defence", 85: "education", 86: "human health", 87: "residential care",
        88: "social work", 90: "creative and arts activities", 91: "libraries, archives and museums",
        92: "gambling and betting", 93: "sports, amusement and recreation", 94: "membership organisations",
        95: "repair of computers and household goods", 96: "other personal services", 97: "households as employers",
        98: "households' own production", 99: "extraterritorial organisations",
    ]
}
