/// What the rules need to know of an organisation taking part.
public struct Participant: Hashable, Sendable {
    public var kind: OrganisationKind
    public var country: CountryCode
    /// For SMEs: a member of a cluster organisation profiled on the platform.
    public var isClusterMember: Bool
    /// For hosts outside the usual kinds: the programme's prior approval (an SME outside any cluster).
    public var hasProgrammeApproval: Bool

    public init(kind: OrganisationKind, country: CountryCode, isClusterMember: Bool = false, hasProgrammeApproval: Bool = false) {
        self.kind = kind
        self.country = country
        self.isClusterMember = isClusterMember
        self.hasProgrammeApproval = hasProgrammeApproval
    }
}
