import Fluent
import Foundation
import SQLKit

/// Accounts confirm their e-mail before they sign in; sign-in attempts are counted per address
/// and per client, through indexes; tokens are listed per account.
struct HardenAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("email_confirmed_at", .datetime).update()
        // Accounts made before confirmation existed were made by an administrator or the demo.
        try await database.sql().update(User.schema).set("email_confirmed_at", to: Date()).run()
        try await database.schema(LoginAttempt.schema).field("client_address", .string).update()
        let sql = try database.sql()
        try await sql.create(index: "login_attempts_email_at").on(LoginAttempt.schema).column("email").column("at").run()
        try await sql.create(index: "login_attempts_client_at").on(LoginAttempt.schema).column("client_address").column("at")
            .run()
        try await sql.create(index: "user_tokens_user").on(UserToken.schema).column("user_id").run()
        try await sql.create(index: "user_tokens_expiry").on(UserToken.schema).column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for index in ["user_tokens_expiry", "user_tokens_user", "login_attempts_client_at", "login_attempts_email_at"] {
            try await sql.drop(index: index).run()
        }
        try await database.schema(LoginAttempt.schema).deleteField("client_address").update()
        try await database.schema(User.schema).deleteField("email_confirmed_at").update()
    }
}
