/// The kinds of organisation the programme knows (`docs/interfaces.md`, "Import: JSON Lines", lists the
/// wire names).
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case clusterOrganisation = "cluster-organisation"
    case businessNetwork = "business-network"
    case technologyCentre = "technology-centre"
    case researchInstitute = "research-institute"
    case innovationHub = "innovation-hub"
    case fabLab = "fab-lab"
    case creativeHub = "creative-hub"
    case resourceEfficiencyProvider = "resource-efficiency-provider"
    case incubator
    case accelerator
    case sme
    case trainingProvider = "training-provider"
    case largeCompany = "large-company"
    case publicAuthority = "public-authority"

    /// Who may visit: cluster organisations, business networks, scaling-up support organisations,
    /// and SMEs that are members of a cluster. The second generation added host-only kinds.
    public var mayVisit: Bool { !isHostOnly }

    /// Every kind may host (an SME outside any cluster only with the programme's prior approval).
    public var mayHost: Bool { true }

    /// Training providers, large companies and public authorities (with innovation agencies) may only host.
    public var isHostOnly: Bool {
        switch self {
        case .trainingProvider, .largeCompany, .publicAuthority: true
        default: false
        }
    }

    /// SMEs take part as members of a cluster profiled on the platform.
    public var needsClusterMembership: Bool { self == .sme }

    /// Scaling-up support organisations, as the programme groups them.
    public var isScalingUpSupport: Bool {
        switch self {
        case .technologyCentre, .researchInstitute, .innovationHub, .fabLab, .creativeHub,
            .resourceEfficiencyProvider, .incubator, .accelerator:
            true
        default: false
        }
    }

    /// A name for people: "Technology centre".
    public var displayName: String {
        switch self {
        case .clusterOrganisation: "Cluster organisation"
        case .businessNetwork: "Business network organisation"
        case .technologyCentre: "Technology centre"
        case .researchInstitute: "Research institute"
        case .innovationHub: "(Digital) innovation hub"
        case .fabLab: "Fab lab"
        case .creativeHub: "Creative hub"
        case .resourceEfficiencyProvider: "Resource-efficiency service provider"
        case .incubator: "Incubator"
        case .accelerator: "Accelerator"
        case .sme: "SME"
        case .trainingProvider: "Training provider"
        case .largeCompany: "Large company"
        case .publicAuthority: "Public authority or innovation agency"
        }
    }
}
