/// The vocabulary the demo data is written from: the pilot's 13 partnerships by sector focus,
/// the topics of each sector and the phrases descriptions are made of.
enum DemoCatalogue {
    struct Focus {
        let key: String
        let name: String
        let sectors: [String]
        let topics: [String]
        let countries: [String]
    }

    /// 13 partnerships, 21 countries between them (the pilot's figures).
    static let partnerships: [Focus] = [
        Focus(
            key: "photonics-4x", name: "Photonics and Advanced Manufacturing Partnership", sectors: ["C26", "C27", "C28"],
            topics: ["photonics", "laser processing", "optical sensors", "machine vision", "additive manufacturing"],
            countries: ["DE", "FR", "NL", "AT", "CZ"]),
        Focus(
            key: "agrifood-4x", name: "Agri-Food Innovation Partnership", sectors: ["A01", "C10", "C11"],
            topics: ["precision farming", "food safety", "alternative proteins", "food packaging", "cold chain"],
            countries: ["IT", "ES", "PL", "HU", "GR"]),
        Focus(
            key: "circular-plastics-4x", name: "Circular Plastics Partnership", sectors: ["C22", "E38"],
            topics: ["plastics recycling", "bio-based polymers", "eco-design", "circular economy", "chemical recycling"],
            countries: ["BE", "NL", "SI", "PT", "FR"]),
        Focus(
            key: "medtech-4x", name: "Health and Medical Technologies Partnership", sectors: ["C21", "C32", "Q86"],
            topics: ["medical devices", "digital health", "diagnostics", "regulatory affairs", "telemedicine"],
            countries: ["DK", "FI", "IE", "DE", "EE"]),
        Focus(
            key: "aero-4x", name: "Aerospace and Space Partnership", sectors: ["C30", "H51"],
            topics: ["composites", "drones", "satellite data", "aircraft maintenance", "space applications"],
            countries: ["FR", "ES", "IT", "RO", "PL"]),
        Focus(
            key: "textile-4x", name: "Textile and Fashion Partnership", sectors: ["C13", "C14", "C15"],
            topics: ["technical textiles", "sustainable fashion", "smart textiles", "textile recycling", "digital printing"],
            countries: ["PT", "IT", "BG", "RO", "LT"]),
        Focus(
            key: "blue-economy-4x", name: "Maritime and Blue Economy Partnership", sectors: ["H50", "C30", "A03"],
            topics: ["shipbuilding", "offshore wind", "aquaculture", "port logistics", "marine biotechnology"],
            countries: ["GR", "HR", "DK", "EE", "IE"]),
        Focus(
            key: "energy-4x", name: "Renewable Energy Partnership", sectors: ["D35", "C27"],
            topics: ["hydrogen", "solar energy", "energy storage", "smart grids", "energy efficiency"],
            countries: ["AT", "DE", "ES", "SI", "CZ"]),
        Focus(
            key: "digital-4x", name: "Digital Transformation Partnership", sectors: ["J62", "J63"],
            topics: ["artificial intelligence", "cybersecurity", "internet of things", "cloud computing", "data spaces"],
            countries: ["EE", "FI", "LT", "BG", "NL"]),
        Focus(
            key: "construction-4x", name: "Sustainable Construction and Wood Partnership", sectors: ["F41", "C16"],
            topics: [
                "timber construction", "building information modelling", "energy renovation", "prefabrication",
                "green building materials",
            ], countries: ["AT", "FI", "SI", "HR", "HU"]),
        Focus(
            key: "mobility-4x", name: "Automotive and Smart Mobility Partnership", sectors: ["C29", "H49"],
            topics: [
                "electric vehicles", "battery technology", "autonomous driving", "mobility services", "lightweight materials",
            ], countries: ["CZ", "DE", "HU", "RO", "AT"]),
        Focus(
            key: "creative-4x", name: "Tourism and Creative Industries Partnership", sectors: ["I55", "R90", "J59"],
            topics: ["sustainable tourism", "cultural heritage", "video games", "immersive media", "design"],
            countries: ["GR", "IT", "HR", "PT", "ES"]),
        Focus(
            key: "biochem-4x", name: "Chemicals and Industrial Biotechnology Partnership", sectors: ["C20", "M72"],
            topics: ["industrial biotechnology", "green chemistry", "biorefineries", "process intensification", "enzymes"],
            countries: ["BE", "DE", "PL", "IE", "DK"]),
    ]

    /// The programme's other countries, where member organisations are also found.
    static let otherCountries = [
        "SK", "LV", "LU", "MT", "CY", "SE", "AL", "AM", "BA", "IS", "XK", "MD", "ME", "MK", "RS", "TR", "UA",
    ]

    static let languagesByCountry: [String: String] = [
        "AT": "de", "BE": "fr", "BG": "bg", "HR": "hr", "CY": "el", "CZ": "cs", "DK": "da", "EE": "et", "FI": "fi",
        "FR": "fr", "DE": "de", "GR": "el", "HU": "hu", "IE": "en", "IT": "it", "LV": "lv", "LT": "lt", "LU": "fr",
        "MT": "mt", "NL": "nl", "PL": "pl", "PT": "pt", "RO": "ro", "SK": "sk", "SI": "sl", "ES": "es", "SE": "sv",
        "AL": "sq", "AM": "hy", "BA": "bs", "IS": "is", "XK": "sq", "MD": "ro", "ME": "sr", "MK": "mk", "RS": "sr",
        "TR": "tr", "UA": "uk",
    ]

    /// The usual legal form of a small company, by country.
    static let smeLegalForms: [String: String] = [
        "AT": "GmbH", "DE": "GmbH", "FR": "SAS", "IT": "S.r.l.", "ES": "S.L.", "PL": "Sp. z o.o.", "NL": "B.V.", "BE": "BV",
        "PT": "Lda.", "CZ": "s.r.o.", "SK": "s.r.o.", "HR": "d.o.o.", "SI": "d.o.o.", "RS": "d.o.o.", "BA": "d.o.o.",
        "ME": "d.o.o.", "FI": "Oy", "SE": "AB", "DK": "ApS", "GR": "IKE", "RO": "S.R.L.", "BG": "EOOD", "HU": "Kft.",
        "EE": "OÜ", "LV": "SIA", "LT": "UAB", "LU": "S.à r.l.", "MK": "DOOEL", "TR": "Ltd. Şti.", "UA": "TOV",
    ]

    static let nameStems = [
        "Nova", "Alpina", "Baltic", "Danube", "Iberia", "Nordic", "Adria", "Carpathia", "Rhine", "Aegean", "Atlas",
        "Helix", "Vertex", "Quantum", "Lumen", "Terra", "Aqua", "Silva", "Ferro", "Orbis", "Pioneer", "Meridian",
        "Cobalt", "Zenith", "Aurora", "Delta", "Vita", "Kinetic", "Solaris", "Praxis",
    ]

    static let kindWords: [String: [String]] = [
        "cluster-organisation": ["Cluster", "Cluster Association", "Innovation Cluster"],
        "business-network": ["Business Network", "Industry Association", "Chamber Network"],
        "technology-centre": ["Technology Centre", "Competence Centre", "Applied Technology Centre"],
        "research-institute": ["Research Institute", "Institute of Applied Research", "Research Centre"],
        "innovation-hub": ["Digital Innovation Hub", "Innovation Hub"],
        "fab-lab": ["Fab Lab", "Makerspace"],
        "creative-hub": ["Creative Hub", "Design Hub"],
        "resource-efficiency-provider": ["Resource Efficiency Services", "Circular Advisory"],
        "incubator": ["Incubator", "Start-up Incubator"],
        "accelerator": ["Accelerator", "Scale-up Accelerator"],
        "sme": ["Solutions", "Systems", "Technologies", "Engineering"],
        "training-provider": ["Academy", "Training Institute"],
        "large-company": ["Group", "Industries"],
        "public-authority": ["Regional Innovation Agency", "Development Agency"],
    ]

    static let offerOpenings = [
        "Spend a week with our team and see how we run %@ projects from idea to market.",
        "We host visitors who want hands-on insight into %@ in a working production environment.",
        "Join our engineers for a short stay focused on %@ and meet the companies of our region.",
        "Our lab and pilot lines are open to visitors exploring %@.",
    ]

    static let requestOpenings = [
        "We are looking for a host with proven experience in %@ to learn how they organise it.",
        "Our members want to take up %@ and need a partner abroad to learn from.",
        "We want to explore new markets for our work in %@ and meet potential partners.",
        "We seek a host to build long-term interregional collaboration around %@.",
    ]

    static let closings = [
        "The stay combines site visits, workshops and meetings with local SMEs.",
        "We expect a concrete follow-up: a joint project proposal or a pilot.",
        "Visitors will present their own organisation to our members.",
        "The agenda is agreed together and includes networking with the regional ecosystem.",
    ]
}
