import Foundation
import Testing

@testable import App

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real binary, started from an unrelated directory, serves its pages.
@Suite struct ServeTests {
    @Test func theBinaryServesFromAnyDirectory() async throws {
        let port = Int.random(in: 20_000...40_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cx-serve-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let process = Process()
        process.executableURL = Executable.binary
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port), "--log", "warning"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for key in ["DATABASE_URL", "DATABASE_PATH", "CLUSTERXCHANGE_ROOT"] { environment.removeValue(forKey: key) }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }

        let home = try #require(URL(string: "http://127.0.0.1:\(port)/"))
        var page: (Data, URLResponse)?
        for _ in 0..<100 where page == nil {
            page = try? await URLSession.shared.data(from: home)
            if page == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let (data, response) = try #require(page, "the server did not answer within 10 s")
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("ClusterXchange"))
        // The default SQLite file lands in the working directory.
        let (_, health) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)/healthz")))
        #expect((health as? HTTPURLResponse)?.statusCode == 200)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("clusterxchange.sqlite").path))
    }
}
