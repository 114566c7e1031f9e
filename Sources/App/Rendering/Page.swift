import Vapor

/// A page's template context: the frame and the one view model of the screen.
struct Page<View: Encodable>: Encodable {
    let layout: Layout
    let view: View
}
