import Foundation

/// Runs e2e/smtp_sink.py (aiosmtpd, a real SMTP server) on a loopback port for one test.
final class SMTPSink {
    let port: Int
    let directory: URL
    private let process = Process()

    struct Received {
        let raw: String
        let envelope: [String: Any]
    }

    /// `tls`: offer STARTTLS with a fresh self-signed certificate; `requireTLS`: refuse plain mail.
    init(tls: Bool = false, requireTLS: Bool = false, auth: String? = nil) throws {
        port = Int.random(in: 41_000...59_000)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cx-smtp-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let python = Executable.packageRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.fileExists(atPath: python.path) else {
            throw SinkError("the Python environment is missing: run scripts/setup (it installs aiosmtpd)")
        }
        var arguments = [
            Executable.packageRoot.appendingPathComponent("e2e/smtp_sink.py").path, "--port", String(port), "--dir",
            directory.path,
        ]
        if tls {
            let cert = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out",
                cert,
            ]
            openssl.standardOutput = FileHandle.nullDevice
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            arguments += ["--cert", cert, "--key", key]
            if requireTLS { arguments.append("--require-starttls") }
        }
        if let auth { arguments += ["--auth", auth] }
        process.executableURL = python
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for "ready".
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("ready") else { throw SinkError("the SMTP sink did not start") }
    }

    var messages: [Received] {
        (1...100).compactMap { n in
            guard let raw = try? String(contentsOf: directory.appendingPathComponent("\(n).eml"), encoding: .utf8),
                let json = try? Data(contentsOf: directory.appendingPathComponent("\(n).json")),
                let envelope = try? JSONSerialization.jsonObject(with: json) as? [String: Any]
            else { return nil }
            return Received(raw: raw, envelope: envelope)
        }
    }

    func stop() {
        process.terminate()
        // Never hang a test run on a server that ignores SIGTERM.
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    struct SinkError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
