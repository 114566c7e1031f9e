/// The stable identifiers of the programme's eligibility rules. They appear in API errors and
/// logs and are never renamed.
public enum RuleID: String, CaseIterable, Codable, Sendable {
    case endBeforeStart = "end-before-start"
    case datesOutsideCalendar = "dates-outside-calendar"
    case countryNotParticipating = "country-not-participating"
    case sameCountry = "same-country"
    case hostOnlyKind = "host-only-kind"
    case smeWithoutCluster = "sme-without-cluster"
    case smeHostWithoutApproval = "sme-host-without-approval"
    case alreadyFunded = "already-funded"
    case tooShort = "too-short"
    case tooLong = "too-long"
    case virtualNotAllowed = "virtual-not-allowed"
}
