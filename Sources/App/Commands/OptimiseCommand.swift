import Foundation
import Matching
import Vapor

/// `clusterxchange optimise --instance FILE --solution FILE` (docs/interfaces.md, "Matching round:
/// file format"): the pairs with the highest total score within capacities and budgets, and a
/// proven bound. The database is not touched.
struct OptimiseCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "instance", help: "The round to solve, as JSON")
        var instance: String?
        @Option(name: "solution", help: "Where to write the solution, as JSON")
        var solution: String?
        @Option(name: "target-gap", help: "Stop once the proven gap is at most this share of the bound (default 0.001)")
        var targetGap: String?

        init() {}
    }

    var help: String { "Solves a matching round: the best pairs within capacities and budgets, with a proven bound." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let instancePath = signature.instance else { throw CommandFailure("--instance: name the round file to solve") }
        guard let solutionPath = signature.solution else {
            throw CommandFailure("--solution: name the file to write the solution to")
        }
        var options = RoundOptimiser.Options()
        if let text = signature.targetGap {
            guard let gap = Double(text), gap >= 0, gap < 1 else {
                throw CommandFailure("--target-gap must be a number from 0 to less than 1, not \(text)")
            }
            options.targetGap = gap
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: instancePath))
        } catch {
            throw CommandFailure("--instance: cannot read \(instancePath)")
        }
        let result: RoundResult
        do {
            result = try RoundOptimiser(options: options).solve(instanceFile: data)
        } catch {
            throw CommandFailure("\(instancePath): \(error)")
        }
        do {
            try RoundFile.encode(result.solution).write(to: URL(fileURLWithPath: solutionPath), options: .atomic)
        } catch {
            throw CommandFailure("--solution: cannot write \(solutionPath)")
        }
        let summary = String(
            format: "%d pairs, total score %.4f, proven bound %.4f, gap %.3f%% (%@, %d iterations)",
            result.assignments.count, result.objective, result.bound, result.gap * 100, result.method.rawValue, result.iterations)
        context.console.output(summary.consoleText())
    }
}
