import Testing

@testable import ProgrammeRules

@Suite struct EligibilityTests {
    /// A calendar with one holiday, so the rules are tested apart from the bundled data.
    static let calendar = HolidayCalendar(
        coveredYears: 2014...2035,
        holidays: [
            code("DE"): [day("2026-04-06"): "Easter Monday"], code("FR"): [:], code("GB"): [:],
            code("NO"): [:], code("ME"): [:],
        ])
    let rules = EligibilityRules(calendar: Self.calendar)

    let cluster = Participant(kind: .clusterOrganisation, country: code("FR"))
    let host = Participant(kind: .researchInstitute, country: code("DE"))
    let week = stay("2026-03-02", "2026-03-06")

    func proposal(
        visitor: Participant? = nil, host: Participant? = nil, stay: Stay? = nil, virtual: Bool = false, funded: Int = 0
    ) -> ExchangeProposal {
        ExchangeProposal(
            visitor: visitor ?? cluster, host: host ?? self.host, stay: stay ?? week, isVirtual: virtual,
            visitorFundedExchanges: funded)
    }

    @Test func aClusterVisitingAResearchInstituteForAWeekIsEligible() {
        let decision = rules.evaluate(proposal())
        #expect(decision.isEligible)
        #expect(decision.workingDays?.workingDays == 5)
    }

    @Test func sameCountry() {
        let decision = rules.evaluate(proposal(host: Participant(kind: .fabLab, country: code("FR"))))
        #expect(decision.ruleIDs == [.sameCountry])
    }

    @Test func hostOnlyKindsCannotVisit() {
        for kind in [OrganisationKind.trainingProvider, .largeCompany, .publicAuthority] {
            let decision = rules.evaluate(proposal(visitor: Participant(kind: kind, country: code("FR"))))
            #expect(decision.ruleIDs == [.hostOnlyKind])
            #expect(decision.violations.first?.party == .visitor)
        }
        #expect(rules.evaluate(proposal(host: Participant(kind: .largeCompany, country: code("DE")))).isEligible)
    }

    @Test func smeVisitorsNeedACluster() {
        let lone = Participant(kind: .sme, country: code("FR"))
        #expect(rules.evaluate(proposal(visitor: lone)).ruleIDs == [.smeWithoutCluster])
        let member = Participant(kind: .sme, country: code("FR"), isClusterMember: true)
        #expect(rules.evaluate(proposal(visitor: member)).isEligible)
    }

    @Test func smeHostsOutsideAClusterNeedApproval() {
        let lone = Participant(kind: .sme, country: code("DE"))
        #expect(rules.evaluate(proposal(host: lone)).ruleIDs == [.smeHostWithoutApproval])
        let approved = Participant(kind: .sme, country: code("DE"), hasProgrammeApproval: true)
        #expect(rules.evaluate(proposal(host: approved)).isEligible)
    }

    @Test func oneFundedExchangePerVisitor() {
        #expect(rules.evaluate(proposal(funded: 1)).ruleIDs == [.alreadyFunded])
    }

    @Test func countriesMustTakePartOnTheDates() {
        let norway = Participant(kind: .clusterOrganisation, country: code("NO"))
        let decision = rules.evaluate(proposal(host: norway))
        #expect(decision.ruleIDs == [.countryNotParticipating])
        #expect(decision.violations.first?.party == .host)
        #expect(decision.violations.first?.message.contains("Norway (NO)") == true)

        let uk = Participant(kind: .clusterOrganisation, country: code("GB"))
        #expect(rules.evaluate(proposal(visitor: uk, stay: stay("2020-11-02", "2020-11-06"))).isEligible)
        let late = rules.evaluate(proposal(visitor: uk, stay: stay("2020-12-28", "2021-01-05")))
        #expect(late.ruleIDs == [.countryNotParticipating])
        #expect(late.violations.first?.message.contains("to 31 December 2020") == true)

        let montenegro = Participant(kind: .innovationHub, country: code("ME"))
        #expect(
            rules.evaluate(proposal(host: montenegro, stay: stay("2014-10-20", "2014-10-24"))).ruleIDs == [
                .countryNotParticipating
            ])
        #expect(rules.evaluate(proposal(host: montenegro, stay: stay("2014-11-03", "2014-11-07"))).isEligible)
    }

    @Test func tooShortCountsWeekendsAndHolidays() {
        // Friday to Monday: two working days.
        #expect(rules.evaluate(proposal(stay: stay("2026-03-06", "2026-03-09"))).ruleIDs == [.tooShort])
        // Thursday to Tuesday over Easter Monday in Germany: Thu, Fri, Tue = 3 working days.
        let easter = rules.evaluate(proposal(stay: stay("2026-04-02", "2026-04-07")))
        #expect(easter.isEligible)
        #expect(easter.workingDays?.workingDays == 3)
        #expect(easter.workingDays?.holidays.map(\.name) == ["Easter Monday"])
        // Friday to Tuesday over Easter Monday: Fri, Tue = 2.
        let short = rules.evaluate(proposal(stay: stay("2026-04-03", "2026-04-07")))
        #expect(short.ruleIDs == [.tooShort])
        #expect(short.violations.first?.message.contains("Easter Monday 2026-04-06") == true)
    }

    @Test func tooLongIsMoreThanTheMaximumCalendarDays() {
        #expect(rules.evaluate(proposal(stay: stay("2026-03-01", "2026-03-31"))).isEligible)
        #expect(rules.evaluate(proposal(stay: stay("2026-03-01", "2026-04-01"))).ruleIDs == [.tooLong])
    }

    @Test func endBeforeStart() {
        #expect(rules.evaluate(proposal(stay: stay("2026-03-06", "2026-03-02"))).ruleIDs == [.endBeforeStart])
    }

    @Test func datesOutsideTheCalendar() {
        #expect(rules.evaluate(proposal(stay: stay("2036-03-03", "2036-03-07"))).ruleIDs == [.datesOutsideCalendar])
    }

    @Test func virtualExchangesAreASetting() {
        #expect(rules.evaluate(proposal(virtual: true)).ruleIDs == [.virtualNotAllowed])
        let open = EligibilityRules(calendar: Self.calendar, virtualExchangesAllowed: true)
        #expect(open.evaluate(proposal(virtual: true)).isEligible)
    }

    @Test func everyFailedRuleIsReportedAtOnce() {
        let visitor = Participant(kind: .largeCompany, country: code("NO"))
        let host = Participant(kind: .sme, country: code("NO"))
        let decision = rules.evaluate(
            proposal(visitor: visitor, host: host, stay: stay("2026-03-06", "2026-03-09"), virtual: true, funded: 1))
        #expect(
            decision.ruleIDs == [
                .sameCountry, .hostOnlyKind, .smeHostWithoutApproval, .countryNotParticipating, .alreadyFunded,
                .virtualNotAllowed, .tooShort,
            ])
        #expect(decision.violations.allSatisfy { $0.message.count > 20 })
    }
}
