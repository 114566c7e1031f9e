import Fluent
import SQLKit

/// Exchanges from proposal to payment: the exchange, its history, signatures, money, evidence and
/// reminders; messages between organisations; notifications; private calendar links; programme
/// settings. Two unique indexes make the database itself refuse what must never happen: a visitor
/// organisation funded twice, and an exchange reserved, paid or released twice.
struct CreateExchanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Exchange.schema)
            .id()
            .field("request_id", .uuid, .references(VisitRequest.schema, "id", onDelete: .setNull))
            .field("offer_id", .uuid, .references(Offer.schema, "id", onDelete: .setNull))
            .field("visitor_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .restrict))
            .field("host_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .restrict))
            .field("visitor_partnership_id", .uuid, .required, .references(Partnership.schema, "id", onDelete: .restrict))
            .field("host_partnership_id", .uuid, .required, .references(Partnership.schema, "id", onDelete: .restrict))
            .field("request_key", .string, .required)
            .field("request_title", .string, .required)
            .field("offer_key", .string, .required)
            .field("offer_title", .string, .required)
            .field("phase", .string, .required)
            .field("proposed_by", .string, .required)
            .field("origin", .string, .required)
            .field("proposed_on", .string, .required)
            .field("stay_start", .string, .required)
            .field("stay_end", .string, .required)
            .field("virtual", .bool, .required)
            .field("goals", .string, .required)
            .field("objectives", .string, .required)
            .field("agenda", .string, .required)
            .field("commitment_version", .int, .required)
            .field("quote_cents", .int64, .required)
            .field("quote_reasons", .string, .required)
            .field("quote_table", .string, .required)
            .field("previous_quote_cents", .int64)
            .field("funded_cents", .int64)
            .field("funded_table", .string)
            .field("funded_reasons", .string)
            .field("report_outcomes", .string, .required)
            .field("report_follow_up", .string, .required)
            .field("report_learned", .string, .required)
            .field("report_comments", .string)
            .field("report_validated_on", .string)
            .field("paid_on", .string)
            .field("payment_reference", .string)
            .field("closing_reason", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(ExchangeEvent.schema)
            .id()
            .field("exchange_id", .uuid, .required, .references(Exchange.schema, "id", onDelete: .cascade))
            .field("action", .string, .required)
            .field("from_phase", .string, .required)
            .field("to_phase", .string, .required)
            .field("user_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("by", .string, .required)
            .field("role", .string, .required)
            .field("detail", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.schema(ExchangeSignature.schema)
            .id()
            .field("exchange_id", .uuid, .required, .references(Exchange.schema, "id", onDelete: .cascade))
            .field("document", .string, .required)
            .field("signatory", .string, .required)
            .field("version", .int, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("email", .string, .required)
            .field("signed_at", .datetime, .required)
            .unique(on: "exchange_id", "document", "signatory", "version")
            .create()
        try await database.schema(LedgerEntry.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, "id", onDelete: .restrict))
            .field("exchange_id", .uuid, .required, .references(Exchange.schema, "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("amount_cents", .int64, .required)
            .field("user_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("at", .datetime, .required)
            .unique(on: "exchange_id", "kind")
            .create()
        try await database.schema(EvidenceFile.schema)
            .id()
            .field("exchange_id", .uuid, .required, .references(Exchange.schema, "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("uploaded_by", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("created_at", .datetime)
            .create()
        try await database.schema(ExchangeReminder.schema)
            .id()
            .field("exchange_id", .uuid, .required, .references(Exchange.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("sent_on", .string, .required)
            .unique(on: "exchange_id", "kind")
            .create()
        try await database.schema(Notification.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("link", .string, .required)
            .field("read_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema(MessageThread.schema)
            .id()
            .field("from_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("to_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("subject", .string, .required)
            .field("about", .string)
            .field("last_message_at", .datetime, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(Message.schema)
            .id()
            .field("thread_id", .uuid, .required, .references(MessageThread.schema, "id", onDelete: .cascade))
            .field("sender_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ThreadRead.schema)
            .id()
            .field("thread_id", .uuid, .required, .references(MessageThread.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("read_at", .datetime, .required)
            .unique(on: "thread_id", "user_id")
            .create()
        try await database.schema(CalendarToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("digest", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "digest")
            .unique(on: "user_id")
            .create()
        try await database.schema(ProgrammeSetting.schema)
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("updated_at", .datetime)
            .create()

        let sql = try database.sql()
        for (name, table, columns) in Self.indexes {
            let index = sql.create(index: name).on(table)
            for column in columns { _ = index.column(column) }
            try await index.run()
        }
        // The same statement on SQLite and PostgreSQL: both know partial indexes.
        let funded = Self.fundedPhases.map { "'\($0)'" }.joined(separator: ", ")
        try await sql.raw(
            "CREATE UNIQUE INDEX exchanges_one_funded_per_visitor ON exchanges (visitor_id) WHERE phase IN (\(unsafeRaw: funded))"
        ).run()
    }

    /// The phases of a funded exchange: a visitor organisation is in at most one.
    static let fundedPhases = [
        "funding-approved", "under-way", "report-submitted", "report-returned", "report-validated", "paid",
    ]

    /// Name, table, columns.
    static let indexes: [(String, String, [String])] = [
        ("exchanges_visitor", Exchange.schema, ["visitor_id"]),
        ("exchanges_host", Exchange.schema, ["host_id"]),
        ("exchanges_offer", Exchange.schema, ["offer_id"]),
        ("exchanges_visitor_partnership", Exchange.schema, ["visitor_partnership_id", "phase"]),
        ("exchanges_host_partnership", Exchange.schema, ["host_partnership_id"]),
        ("exchange_events_exchange", ExchangeEvent.schema, ["exchange_id", "at"]),
        ("exchange_signatures_exchange", ExchangeSignature.schema, ["exchange_id"]),
        ("ledger_entries_partnership", LedgerEntry.schema, ["partnership_id"]),
        ("evidence_files_exchange", EvidenceFile.schema, ["exchange_id"]),
        ("notifications_user", Notification.schema, ["user_id", "read_at"]),
        ("message_threads_from", MessageThread.schema, ["from_id"]),
        ("message_threads_to", MessageThread.schema, ["to_id"]),
        ("messages_thread", Message.schema, ["thread_id", "created_at"]),
    ]

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.drop(index: "exchanges_one_funded_per_visitor").run()
        for (name, _, _) in Self.indexes.reversed() { try await sql.drop(index: name).run() }
        for schema in [
            ProgrammeSetting.schema, CalendarToken.schema, ThreadRead.schema, Message.schema, MessageThread.schema,
            Notification.schema, ExchangeReminder.schema, EvidenceFile.schema, LedgerEntry.schema, ExchangeSignature.schema,
            ExchangeEvent.schema, Exchange.schema,
        ] {
            try await database.schema(schema).delete()
        }
    }
}
