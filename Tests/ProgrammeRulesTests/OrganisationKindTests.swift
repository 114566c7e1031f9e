import Testing

@testable import ProgrammeRules

@Suite struct OrganisationKindTests {
    @Test func wireNamesAreTheInterfaceList() {
        // `docs/interfaces.md`, "Import: JSON Lines".
        let names = OrganisationKind.allCases.map(\.rawValue)
        #expect(
            names == [
                "cluster-organisation", "business-network", "technology-centre", "research-institute",
                "innovation-hub", "fab-lab", "creative-hub", "resource-efficiency-provider", "incubator",
                "accelerator", "sme", "training-provider", "large-company", "public-authority",
            ])
    }

    @Test func hostOnlyKindsMayNotVisit() {
        let hostOnly = Set(OrganisationKind.allCases.filter(\.isHostOnly))
        #expect(hostOnly == [.trainingProvider, .largeCompany, .publicAuthority])
        #expect(OrganisationKind.allCases.allSatisfy { $0.mayHost })
        #expect(OrganisationKind.allCases.filter(\.mayVisit).count == 11)
    }

    @Test func onlySMEsNeedAClusterAndEightKindsSupportScalingUp() {
        #expect(OrganisationKind.allCases.filter(\.needsClusterMembership) == [.sme])
        #expect(OrganisationKind.allCases.filter(\.isScalingUpSupport).count == 8)
    }
}
