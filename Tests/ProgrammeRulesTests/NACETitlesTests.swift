import Testing

@testable import ProgrammeRules

@Suite struct NACETitlesTests {
    @Test func everyDivisionAndSectionHasAName() {
        #expect(NACECode.all.count == 88)
        for code in NACECode.all { #expect(code.title != code.description, "\(code) has no name") }
        for section in NACECode.divisions.keys { #expect(NACECode.sectionTitle(section) != String(section)) }
    }

    @Test func labelsReadAsWords() {
        #expect(NACECode("c26")?.label == "C26 Computer, electronic and optical products")
        #expect(NACECode.sectionTitle("C") == "manufacturing")
    }
}
