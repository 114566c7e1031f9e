import Foundation
import Testing

@testable import Matching

@Suite struct RoundFileTests {
    /// The examples of `docs/interfaces.md`, "Matching round: file format", byte for byte.
    static let contractInstance = """
        {"partnerships":[{"id":"P1","budget":25000.0}],
         "hosts":[{"id":"H1","capacity":3}],
         "visitors":[{"id":"V1","partnership":"P1"}],
         "candidates":[{"visitor":"V1","host":"H1","score":0.82,"cost":780.0}]}
        """
    static let contractSolution = #"{"assignments":[{"visitor":"V1","host":"H1"}],"objective":0.82,"bound":0.85}"#

    func read(_ text: String) throws(RoundFileError) -> RoundInstance {
        try RoundFile.readInstance(Data(text.utf8))
    }

    /// The message the reader or the optimiser gives for a file, or nil when it is accepted.
    func refusal(_ text: String) -> String? {
        do {
            let instance = try read(text)
            _ = try RoundOptimiser().solve(instance)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsTheContractExample() throws {
        let instance = try read(Self.contractInstance)
        #expect(instance.partnerships == [.init(id: "P1", budget: 25000)])
        #expect(instance.hosts == [.init(id: "H1", capacity: 3)])
        #expect(instance.visitors == [.init(id: "V1", partnership: "P1")])
        #expect(instance.candidates == [.init(visitor: "V1", host: "H1", score: 0.82, cost: 780)])
        // The fast reader and Codable agree.
        #expect(try JSONDecoder().decode(RoundInstance.self, from: Data(Self.contractInstance.utf8)) == instance)
    }

    @Test func writesTheContractSolutionExactly() throws {
        let solution = RoundSolution(assignments: [.init(visitor: "V1", host: "H1")], objective: 0.82, bound: 0.85)
        let data = RoundFile.encode(solution)
        #expect(String(decoding: data, as: UTF8.self) == Self.contractSolution)
        #expect(try RoundFile.readSolution(data) == solution)
        #expect(try JSONDecoder().decode(RoundSolution.self, from: data) == solution)
    }

    @Test func solutionWithoutBoundLeavesItOut() throws {
        let solution = RoundSolution(assignments: [], objective: 0, bound: nil)
        #expect(String(decoding: RoundFile.encode(solution), as: UTF8.self) == #"{"assignments":[],"objective":0.0}"#)
        #expect(try RoundFile.readSolution(RoundFile.encode(solution)) == solution)
    }

    @Test func idsNeedingEscapesSurviveTheRoundTrip() throws {
        let awkward = "V \"quoted\" \\ back\nslash é 🚲 \u{01}"
        let solution = RoundSolution(assignments: [.init(visitor: awkward, host: "H/1")], objective: 1.5e-7, bound: 12345678.25)
        #expect(try RoundFile.readSolution(RoundFile.encode(solution)) == solution)
        let encoded = try JSONEncoder().encode(
            RoundInstance(
                partnerships: [], hosts: [.init(id: "H/1", capacity: 1)], visitors: [.init(id: awkward, partnership: nil)],
                candidates: [.init(visitor: awkward, host: "H/1", score: 0.5, cost: 0)]))
        let instance = try RoundFile.readInstance(encoded)
        #expect(instance.visitors[0].id == awkward)
        #expect(instance.candidates[0].visitor == awkward)
    }

    @Test func anInstanceReadsBackAsWrittenByJSONEncoder() throws {
        let instance = RoundInstance(
            partnerships: [.init(id: "P1", budget: 1234.56), .init(id: "P2", budget: nil)],
            hosts: [.init(id: "H1", capacity: 0), .init(id: "H2", capacity: 4)],
            visitors: [
                .init(id: "V1", partnership: "P1"), .init(id: "V2", partnership: nil), .init(id: "V3", partnership: "P2"),
            ],
            candidates: [
                .init(visitor: "V1", host: "H2", score: 0.1234, cost: 390),
                .init(visitor: "V2", host: "H2", score: -0.5, cost: 1100.99),
                .init(visitor: "V3", host: "H1", score: 1e-3, cost: 0),
            ])
        #expect(try RoundFile.readInstance(JSONEncoder().encode(instance)) == instance)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let instance = try RoundFile.readInstance(Data([0xEF, 0xBB, 0xBF]) + Data(Self.contractInstance.utf8))
        #expect(instance.candidates.count == 1)
    }

    @Test func budgetAndPartnershipMayBeLeftOutOrNull() throws {
        let instance = try read(
            """
            {"partnerships":[{"id":"P1"},{"id":"P2","budget":null}],"hosts":[{"id":"H1","capacity":1}],
             "visitors":[{"id":"V1"},{"id":"V2","partnership":null},{"id":"V3","partnership":"P1"}],"candidates":[]}
            """)
        #expect(instance.partnerships.map(\.budget) == [nil, nil])
        #expect(instance.visitors.map(\.partnership) == [nil, nil, "P1"])
    }

    @Test func unknownFieldsAreSkippedWhateverTheirValue() throws {
        let instance = try read(
            """
            { "version" : 2, "hosts" : [ { "id" : "H1", "capacity" : 1, \
            "notes": {"a": [1, 2.5e3, true, false, null, "x\\"y"]} } ],
              "partnerships" : [ ], "visitors" : [ { "id" : "V1", "tags": [] } ],
              "candidates" : [ { "visitor" : "V1", "host" : "H1", "score" : 1E-1, "cost" : 0, "why": "near" } ] }
            """)
        #expect(instance.candidates == [.init(visitor: "V1", host: "H1", score: 0.1, cost: 0)])
    }

    @Test func numbersAreReadExactly() throws {
        let texts = [
            "0.82", "780.0", "0.1", "0.3", "123456.789", "1e-7", "2.5E+3", "-0.0", "0.30000000000000004", "9007199254740993",
            "1.7976931348623157e308", "4.9e-324", "123456789012345678901234567890",
        ]
        for text in texts {
            let instance = try RoundFile.parseInstance(
                Data(
                    (#"{"partnerships":[],"hosts":[{"id":"H","capacity":1}],"visitors":[{"id":"V"}],"#
                        + #""candidates":[{"visitor":"V","host":"H","score":\#(text),"cost":1}]}"#).utf8))
            #expect(instance.candidates[0].score == Double(text), "\(text)")
        }
    }

    @Test(arguments: [
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1}],"visitors":[{"id":"V1"}],"candidates":["#
                + #"{"visitor":"V1","host":"H1","score":1,"cost":1},{"visitor":"V1","host":"H9","score":1,"cost":1}]}"#,
            #"candidates[1].host: no host with id "H9""#
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1}],"visitors":[{"id":"V1"}],"candidates":["#
                + #"{"visitor":"V7","host":"H1","score":1,"cost":1}]}"#,
            #"candidates[0].visitor: no visitor with id "V7""#
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1},{"id":"H2","capacity":-1}],"visitors":[],"candidates":[]}"#,
            "hosts[1].capacity: must be 0 or more"
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1.5}],"visitors":[],"candidates":[]}"#,
            "hosts[0].capacity: must be a whole number"
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1e10}],"visitors":[],"candidates":[]}"#,
            "hosts[0].capacity: must be at most 2147483647"
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1},{"id":"H1","capacity":2}],"visitors":[],"candidates":[]}"#,
            #"hosts[1].id: duplicate id "H1" (first at hosts[0])"#
        ),
        (
            #"{"partnerships":[],"hosts":[],"visitors":[{"id":"V1"},{"id":"V2"},{"id":"V1"}],"candidates":[]}"#,
            #"visitors[2].id: duplicate id "V1" (first at visitors[0])"#
        ),
        (
            #"{"partnerships":[{"id":"P1"},{"id":"P1"}],"hosts":[],"visitors":[],"candidates":[]}"#,
            #"partnerships[1].id: duplicate id "P1" (first at partnerships[0])"#
        ),
        (
            #"{"partnerships":[{"id":""}],"hosts":[],"visitors":[],"candidates":[]}"#,
            "partnerships[0].id: must not be empty"
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1},{"id":"","capacity":1}],"visitors":[],"candidates":[]}"#,
            "hosts[1].id: must not be empty"
        ),
        (
            #"{"partnerships":[],"hosts":[],"visitors":[{"id":"V1"},{"id":""}],"candidates":[]}"#,
            "visitors[1].id: must not be empty"
        ),
        (
            #"{"partnerships":[{"id":"P1","budget":-5}],"hosts":[],"visitors":[],"candidates":[]}"#,
            "partnerships[0].budget: must be 0 or more"
        ),
        (
            #"{"partnerships":[{"id":"P1","budget":1e999}],"hosts":[],"visitors":[],"candidates":[]}"#,
            "partnerships[0].budget: must be a finite number"
        ),
        (
            #"{"partnerships":[{"id":"P1"}],"hosts":[],"visitors":[{"id":"V1","partnership":"P2"}],"candidates":[]}"#,
            #"visitors[0].partnership: no partnership with id "P2""#
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1}],"visitors":[{"id":"V1"}],"candidates":["#
                + #"{"visitor":"V1","host":"H1","score":-1e999,"cost":1}]}"#,
            "candidates[0].score: must be a finite number"
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1}],"visitors":[{"id":"V1"}],"candidates":["#
                + #"{"visitor":"V1","host":"H1","score":0.5,"cost":-0.01}]}"#,
            "candidates[0].cost: must be 0 or more"
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1}],"visitors":[{"id":"V1"}],"candidates":["#
                + #"{"visitor":"V1","host":"H1","score":0.5,"cost":1},{"visitor":"V1","host":"H1","score":0.7,"cost":2}]}"#,
            #"candidates[1]: duplicate pair visitor "V1", host "H1" (first at candidates[0])"#
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1","capacity":1}],"visitors":[{"id":"V1"}],"candidates":["#
                + #"{"visitor":"V1","host":"H1","score":"high","cost":1}]}"#,
            "candidates[0].score: must be a number"
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":"H1"}],"visitors":[],"candidates":[]}"#,
            "hosts[0].capacity: missing"
        ),
        (
            #"{"partnerships":[],"hosts":[{"id":7,"capacity":1}],"visitors":[],"candidates":[]}"#,
            "hosts[0].id: must be a string"
        ),
        (
            #"{"partnerships":[],"hosts":{},"visitors":[],"candidates":[]}"#,
            "hosts: must be an array"
        ),
        (
            #"{"partnerships":[],"hosts":[],"visitors":[]}"#,
            "candidates: missing (give an empty array if there are none)"
        ),
        ("[]", "instance: must be an object"),
    ])
    func refusalNamesTheFieldAndTheRule(file: String, message: String) {
        #expect(refusal(file) == message)
    }

    @Test func brokenJSONGivesLineAndColumn() {
        let message = refusal("{\"partnerships\":[],\n \"hosts\":[{\"id\":\"H1\" \"capacity\":1}]}")
        #expect(message == "line 2, column 22: not valid JSON: expected ',' or '}' in hosts[0]")
        #expect(
            refusal(#"{"partnerships":[],"hosts":[],"visitors":[],"candidates":[]} trailing"#)?.contains(
                "unexpected text after the instance") == true)
        #expect(
            refusal(#"{"partnerships":[{"id":"P\u12"}],"hosts":[],"visitors":[],"candidates":[]}"#)?.contains(
                "invalid \\u escape") == true)
        #expect(refusal("") != nil)
    }

    @Test func everyMessageIsOneLine() {
        let message = refusal(
            "{\"partnerships\":[{\"id\":\"P\\nQ\"},{\"id\":\"P\\nQ\"}],\"hosts\":[],\"visitors\":[],\"candidates\":[]}")
        #expect(message == #"partnerships[1].id: duplicate id "P\nQ" (first at partnerships[0])"#)
    }

    @Test func theOptimiserRefusesWhatTheReaderRefuses() {
        let instance = RoundInstance(
            partnerships: [], hosts: [.init(id: "H1", capacity: 1)], visitors: [.init(id: "V1", partnership: nil)],
            candidates: [.init(visitor: "V1", host: "H1", score: .nan, cost: 1)])
        #expect(throws: RoundFileError(path: "candidates[0].score", rule: "must be a finite number")) {
            try RoundOptimiser().solve(instance)
        }
    }
}
