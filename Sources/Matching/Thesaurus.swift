import ProgrammeRules

/// The programme's common topics under the names people search for them: abbreviations
/// ("AI", "IoT"), multi-word terms ("3D printing", "machine learning") and the words of the
/// platform's languages (English, French, German, Italian, Spanish, Polish, Czech). A search word
/// or phrase found here stands for its whole concept: "Wasserstoff" finds hydrogen hosts and
/// "3D printing" finds additive manufacturing.
///
/// Phrases are folded as stored text is (`NameFolding`), so "künstliche Intelligenz" and
/// "kunstliche intelligenz" are one phrase.
public struct Thesaurus: Sendable {
    /// A run of the query's words, and what it stands for.
    public struct Match: Sendable, Equatable {
        /// Where the run starts in the folded words, and how many words it takes.
        public let start: Int
        public let count: Int
        /// Every phrase of the concept, folded, the one typed among them.
        public let phrases: [String]
    }

    /// Folded phrase → its concept's number.
    private let concepts: [String: Int]
    private let phrasesOfConcept: [[String]]
    /// The longest phrase, in words: runs longer than this are not looked up.
    private let longest: Int

    public init(_ concepts: [[String]]) {
        var index: [String: Int] = [:]
        var folded: [[String]] = []
        for phrases in concepts {
            let number = folded.count
            var kept: [String] = []
            for phrase in phrases {
                let form = NameFolding.fold(phrase)
                guard !form.isEmpty, !kept.contains(form) else { continue }
                kept.append(form)
                index[form] = index[form] ?? number
            }
            folded.append(kept)
        }
        self.concepts = index
        self.phrasesOfConcept = folded
        self.longest = index.keys.map { $0.split(separator: " ").count }.max() ?? 0
    }

    /// The concepts the words name, longest phrase first, left to right; words in no phrase are
    /// left out (the caller searches them as they are).
    public func matches(in words: [String]) -> [Match] {
        var found: [Match] = []
        var start = 0
        while start < words.count {
            var matched = false
            for count in stride(from: min(longest, words.count - start), through: 1, by: -1) {
                let phrase = words[start..<(start + count)].joined(separator: " ")
                if let concept = concepts[phrase] {
                    found.append(Match(start: start, count: count, phrases: phrasesOfConcept[concept]))
                    start += count
                    matched = true
                    break
                }
            }
            if !matched { start += 1 }
        }
        return found
    }

    /// The phrases that stand for the same thing as `phrase` (itself included), or nil.
    public func synonyms(of phrase: String) -> [String]? {
        concepts[NameFolding.fold(phrase)].map { phrasesOfConcept[$0] }
    }
}

extension Thesaurus {
    /// The topics of the programme's partnerships (the European Cluster Collaboration Platform's
    /// sectors and the ESCP-4x themes) people most often search for.
    public static let programme = Thesaurus([
        [
            "artificial intelligence", "AI", "machine learning", "deep learning", "KI", "künstliche Intelligenz",
            "maschinelles Lernen", "intelligence artificielle", "IA", "apprentissage automatique",
            "intelligenza artificiale", "apprendimento automatico", "inteligencia artificial", "aprendizaje automático",
            "sztuczna inteligencja", "uczenie maszynowe", "umělá inteligence", "strojové učení",
        ],
        [
            "additive manufacturing", "3D printing", "3D printers", "3D-Druck", "additive Fertigung", "impression 3D",
            "fabrication additive", "stampa 3D", "manifattura additiva", "fabricación aditiva", "impresión 3D",
            "druk 3D", "tisk 3D", "3D tisk", "aditivní výroba",
        ],
        ["hydrogen", "H2", "Wasserstoff", "hydrogène", "idrogeno", "hidrógeno", "wodór", "vodík", "fuel cells"],
        ["photonics", "Photonik", "photonique", "fotonica", "fotónica", "fotonika"],
        ["laser", "lasers", "Laser", "láser", "lasery"],
        ["optics", "Optik", "optique", "ottica", "óptica", "optika"],
        [
            "internet of things", "IoT", "Internet der Dinge", "internet des objets", "internet delle cose",
            "internet de las cosas", "internet rzeczy", "internet věcí",
        ],
        [
            "cybersecurity", "cyber security", "Cybersicherheit", "IT-Sicherheit", "cybersécurité",
            "sicurezza informatica", "cybersicurezza", "ciberseguridad", "cyberbezpieczeństwo",
            "kybernetická bezpečnost",
        ],
        ["cloud computing", "cloud", "informatique en nuage", "Cloud-Computing"],
        [
            "circular economy", "Kreislaufwirtschaft", "économie circulaire", "economia circolare", "economía circular",
            "gospodarka o obiegu zamkniętym", "oběhové hospodářství", "cirkulární ekonomika",
        ],
        ["recycling", "recyclage", "riciclo", "riciclaggio", "reciclaje", "recykling", "recyklace"],
        [
            "solar energy", "solar", "photovoltaics", "PV", "Photovoltaik", "Solarenergie", "photovoltaïque",
            "énergie solaire", "fotovoltaico", "energia solare", "energía solar", "fotowoltaika", "fotovoltaika",
        ],
        [
            "wind energy", "wind power", "offshore wind", "Windenergie", "Windkraft", "éolien", "énergie éolienne",
            "energia eolica", "eolico", "energía eólica", "energia wiatrowa", "větrná energie",
        ],
        [
            "energy storage", "batteries", "battery", "Energiespeicher", "Batterien", "stockage d'énergie",
            "accumulo di energia", "almacenamiento de energía", "magazynowanie energii",
        ],
        ["smart grids", "smart grid", "intelligente Netze", "réseaux intelligents", "reti intelligenti", "redes inteligentes"],
        [
            "medical devices", "medtech", "medical technology", "Medizintechnik", "Medizinprodukte", "dispositifs médicaux",
            "dispositivi medici", "productos sanitarios", "wyroby medyczne", "zdravotnické prostředky",
        ],
        [
            "digital health", "e-health", "eHealth", "digitale Gesundheit", "santé numérique", "sanità digitale",
            "salud digital",
        ],
        ["drones", "drone", "UAV", "unmanned aerial vehicles", "Drohnen", "droni", "drones aériens", "drony"],
        ["space applications", "space industry", "Raumfahrt", "aérospatial", "industrie spatiale", "kosmos"],
        ["aerospace", "aeronautics", "Luft- und Raumfahrt", "aéronautique", "aerospaziale", "aeroespacial", "lotnictwo"],
        [
            "agri-food", "agrifood", "food", "Lebensmittel", "Ernährungswirtschaft", "agroalimentaire", "agroalimentare",
            "agroalimentario", "żywność", "potravinářství",
        ],
        ["biotechnology", "biotech", "Biotechnologie", "biotechnologie", "biotecnologia", "biotecnología", "biotechnologia"],
        ["textiles", "textile", "Textil", "tessile", "textil", "tekstylia", "włókiennictwo"],
        ["tourism", "Tourismus", "tourisme", "turismo", "turystyka", "cestovní ruch"],
        [
            "electric vehicles", "EV", "e-mobility", "electromobility", "Elektromobilität", "électromobilité",
            "véhicules électriques", "mobilità elettrica", "movilidad eléctrica", "elektromobilność",
        ],
        ["machine vision", "computer vision", "industrielle Bildverarbeitung", "vision industrielle", "visione artificiale"],
        ["composites", "composite materials", "Verbundwerkstoffe", "compositi", "materiales compuestos", "kompozyty"],
        ["plastics", "Kunststoffe", "plasturgie", "plastiques", "materie plastiche", "plásticos", "tworzywa sztuczne"],
    ])
}
