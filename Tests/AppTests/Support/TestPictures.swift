import CGD
import Foundation

/// Pictures for upload tests, drawn with libgd: a blue rectangle.
enum TestPictures {
    static func png(_ width: Int32, _ height: Int32) -> Data { draw(width, height) { gdImagePngPtr($0, $1) } }
    static func jpeg(_ width: Int32, _ height: Int32) -> Data { draw(width, height) { gdImageJpegPtr($0, $1, 90) } }

    private static func draw(
        _ width: Int32, _ height: Int32, _ encode: (gdImagePtr, UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer?
    ) -> Data {
        guard let image = gdImageCreateTrueColor(width, height) else { return Data() }
        defer { gdImageDestroy(image) }
        gdImageFilledRectangle(image, 0, 0, width - 1, height - 1, 0x00_3366CC)
        var size: Int32 = 0
        guard let bytes = encode(image, &size) else { return Data() }
        defer { gdFree(bytes) }
        return Data(bytes: bytes, count: Int(size))
    }
}
