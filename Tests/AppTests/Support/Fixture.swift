import Foundation

/// Test data kept in `Tests/AppTests/Fixtures/`, where a JSON line may be as long as it needs.
enum Fixture {
    static func text(_ name: String) -> String {
        let url = Executable.packageRoot.appendingPathComponent("Tests/AppTests/Fixtures/\(name)")
        return (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .newlines) ?? ""
    }
}
