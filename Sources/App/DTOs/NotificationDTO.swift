import Vapor

/// Something a person was told.
struct NotificationDTO: Content {
    let id: UUID
    let text: String
    let link: String
    let read: Bool
    let at: Date?

    init(id: UUID, text: String, link: String, read: Bool, at: Date?) {
        self.id = id
        self.text = text
        self.link = link
        self.read = read
        self.at = at
    }

    init(_ notification: Notification) {
        id = notification.id ?? UUID()
        text = notification.text
        link = notification.link
        read = notification.readAt != nil
        at = notification.createdAt
    }
}
