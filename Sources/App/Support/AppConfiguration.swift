import Foundation
import ProgrammeRules
import Vapor

/// Configuration read from the environment once, at start, with a clear message for each mistake.
/// Every variable is documented in `.env.example`.
struct AppConfiguration: Sendable {
    enum DatabaseChoice: Sendable, Equatable {
        /// `DATABASE_CONNECTIONS`: connections per event loop (4 unless set): a page waits on a
        /// round trip at a time, so a few connections a loop keep the database busy meanwhile.
        case postgres(url: String, connectionsPerLoop: Int = 4)
        case sqlite(path: String)
    }

    var database: DatabaseChoice
    /// The folder holding `Resources/Views` and `Public`.
    var rootDirectory: String
    /// Where people reach the platform; an https address makes cookies Secure.
    var publicURL: String? = nil

    var secureCookies: Bool { publicURL?.hasPrefix("https://") ?? false }
    /// Outgoing mail; nil: messages are logged and kept in the outbox.
    var smtp: SMTPConfiguration? = nil
    /// The base of links in e-mails.
    var linkBase: String { publicURL ?? "http://127.0.0.1:8080" }
    /// `CLUSTERXCHANGE_TODAY`: the date the platform takes as today.
    var today: CalendarDate? = nil
    /// `TRUST_FORWARDED_FOR`: behind a proxy that appends the client's address to X-Forwarded-For.
    var trustsForwardedFor = false
    /// `STORAGE_PATH`: the folder of uploaded evidence.
    var storagePath = "storage"
    /// `RELOAD_TEMPLATES`: read the Leaf templates again on every page (for editing them); otherwise
    /// each is read and parsed once.
    var reloadTemplates = false
    /// `METRICS_TOKEN`: when set, `/metrics` answers only with `Authorization: Bearer` and it.
    var metricsToken: String? = nil

    static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String = CommandLine.arguments.first ?? ""
    ) throws -> AppConfiguration {
        let database: DatabaseChoice
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? ""), parsed.host != nil
            else {
                throw ConfigurationError("DATABASE_URL must look like postgres://user:password@host:port/database")
            }
            var connections = 4
            if let text = environment["DATABASE_CONNECTIONS"], !text.isEmpty {
                guard let number = Int(text), (1...64).contains(number) else {
                    throw ConfigurationError("DATABASE_CONNECTIONS must be a whole number from 1 to 64 (per event loop)")
                }
                connections = number
            }
            database = .postgres(url: url, connectionsPerLoop: connections)
        } else {
            let path = environment["DATABASE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "clusterxchange.sqlite"
            database = .sqlite(path: path)
        }
        var publicURL: String?
        if let url = environment["PUBLIC_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw ConfigurationError("PUBLIC_URL must be an http or https address, e.g. https://clusterxchange.example")
            }
            publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        let from =
            environment["MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? "ClusterXchange <no-reply@clusterxchange.example>"
        let smtp = try environment["SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }.map {
            try SMTPConfiguration(url: $0, from: from)
        }
        var today: CalendarDate?
        if let text = environment["CLUSTERXCHANGE_TODAY"], !text.isEmpty {
            guard let date = CalendarDate(iso: text) else {
                throw ConfigurationError("CLUSTERXCHANGE_TODAY must be a date as YYYY-MM-DD, got \"\(text)\"")
            }
            today = date
        }
        let trust = environment["TRUST_FORWARDED_FOR"] ?? ""
        guard ["", "0", "1", "true", "false"].contains(trust) else {
            throw ConfigurationError("TRUST_FORWARDED_FOR must be true or false")
        }
        let reload = environment["RELOAD_TEMPLATES"] ?? ""
        guard ["", "0", "1", "true", "false"].contains(reload) else {
            throw ConfigurationError("RELOAD_TEMPLATES must be true or false")
        }
        return AppConfiguration(
            database: database, rootDirectory: try rootDirectory(environment, executablePath: executablePath),
            publicURL: publicURL,
            smtp: smtp, today: today, trustsForwardedFor: trust == "1" || trust == "true",
            storagePath: environment["STORAGE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "storage",
            reloadTemplates: reload == "1" || reload == "true",
            metricsToken: environment["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `CLUSTERXCHANGE_ROOT` when set; otherwise the working directory when it holds the views;
    /// otherwise the nearest folder above the executable that does (the repository, for
    /// `.build/debug/clusterxchange`), so the binary works from any directory.
    static func rootDirectory(_ environment: [String: String], executablePath: String) throws -> String {
        let fileManager = FileManager.default
        func holdsViews(_ directory: URL) -> Bool {
            fileManager.fileExists(atPath: directory.appendingPathComponent("Resources/Views").path)
        }
        if let root = environment["CLUSTERXCHANGE_ROOT"], !root.isEmpty {
            guard holdsViews(URL(fileURLWithPath: root)) else {
                throw ConfigurationError("CLUSTERXCHANGE_ROOT=\(root) has no Resources/Views folder")
            }
            return root.hasSuffix("/") ? root : root + "/"
        }
        let workingDirectory = URL(fileURLWithPath: fileManager.currentDirectoryPath)
        if holdsViews(workingDirectory) { return workingDirectory.path + "/" }
        var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if holdsViews(directory) { return directory.path + "/" }
            directory.deleteLastPathComponent()
        }
        return workingDirectory.path + "/"
    }
}
