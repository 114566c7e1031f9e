import Foundation
import NIOConcurrencyHelpers
import NIOCore
import ProgrammeRules

/// The own part of signed-in pages (a dashboard, a suggestion list), remembered per session and
/// address while nothing they were read from has moved: the data stamp (`DataStamp`), the
/// matching index's generation, the platform's date, and at most `lifetime` seconds, which bounds
/// wordings such as "3 days ago" (decision 0030). The page's frame (menu, bell, notice, form
/// tokens) is written afresh on every request. Nothing here must survive: a new instance reads
/// afresh. Each instance has one, in its `InstanceCaches`.
final class RememberedPages: Sendable {
    static let lifetime: TimeInterval = 60
    /// At most this many pages are kept (5 to 30 kB each); one more forgets them all.
    static let limit = 1_000

    struct Key: Hashable, Sendable {
        let session: UUID
        /// The path with its query.
        let address: String
    }

    /// What a remembered page was read at.
    struct Version: Equatable, Sendable {
        let stamp: Int
        let generation: Int
        let day: CalendarDate
    }

    struct Page: Sendable {
        let title: String
        let body: ByteBuffer
    }

    private struct Entry {
        let version: Version
        let until: Date
        let page: Page
    }

    private let state = NIOLockedValueBox<(pages: [Key: Entry], served: Int)>(([:], 0))

    /// The page as remembered for `key`, if it was read at `version` less than `lifetime` ago.
    func page(_ key: Key, at version: Version, now: Date = Date()) -> Page? {
        state.withLockedValue { state in
            guard let entry = state.pages[key], entry.version == version, entry.until > now else { return nil }
            state.served += 1
            return entry.page
        }
    }

    func keep(_ page: Page, for key: Key, at version: Version, now: Date = Date()) {
        // Only the page's bytes are kept, not the spare room of the buffer it was written into.
        var body = ByteBufferAllocator().buffer(capacity: page.body.readableBytes)
        body.writeImmutableBuffer(page.body)
        let page = Page(title: page.title, body: body)
        state.withLockedValue { state in
            if state.pages.count >= Self.limit, state.pages[key] == nil { state.pages.removeAll(keepingCapacity: true) }
            state.pages[key] = Entry(version: version, until: now.addingTimeInterval(Self.lifetime), page: page)
        }
    }

    /// How many pages were served from memory since the instance started.
    var served: Int { state.withLockedValue { $0.served } }

    var count: Int { state.withLockedValue { $0.pages.count } }

    /// Whether a page's own part may be kept: not when it carries something of this one request,
    /// the form token that makes a form act once (`Layout.once`) or the one-time notice.
    static func mayKeep(_ body: ByteBuffer, once: String, flash: String?) -> Bool {
        guard flash == nil else { return false }
        guard !once.isEmpty else { return true }
        return body.readableBytesView.firstRange(of: Array(once.utf8)) == nil
    }
}
