import CGD

/// Why a picture was not taken.
public enum ImageProblem: Error, Equatable, Sendable {
    /// Not a PNG, JPEG, WebP or GIF.
    case notAnImage
    /// Wider, taller or larger than `ImageResizer` reads.
    case tooLarge(width: Int, height: Int)
    /// Its header is right but its pixels cannot be read (cut short, corrupt).
    case unreadable
}

/// A picture made anew: resized, re-encoded, and so stripped of everything but its pixels (a
/// photo's location and camera data never reach the platform's pages).
public struct ResizedImage: Sendable, Equatable {
    public let bytes: [UInt8]
    public let format: ImageFormat
    public let width: Int
    public let height: Int
}

/// Reads an uploaded picture with libgd, fits it within a square, and writes it again. CPU work:
/// call it off the event loop. Each call has its own images, so calls may run in parallel.
public enum ImageResizer {
    /// The largest side read, and the most pixels (a truecolor image takes 4 bytes a pixel).
    public static let maximumSide = 8_000
    public static let maximumPixels = 25_000_000

    /// The picture fitted within `side` × `side` (never enlarged), as PNG (which keeps
    /// transparency, for logos) or JPEG (for photos). Other formats are read, not written.
    public static func fit(_ bytes: [UInt8], within side: Int, as output: ImageFormat) throws(ImageProblem) -> ResizedImage {
        guard let header = ImageHeader(bytes) else { throw .notAnImage }
        guard header.width <= maximumSide, header.height <= maximumSide, header.width * header.height <= maximumPixels else {
            throw .tooLarge(width: header.width, height: header.height)
        }
        silence()
        guard let image = decode(bytes, header.format) else { throw .unreadable }
        defer { gdImageDestroy(image) }
        if image.pointee.trueColor == 0 { _ = gdImagePaletteToTrueColor(image) }
        let width = Int(image.pointee.sx)
        let height = Int(image.pointee.sy)
        guard width > 0, height > 0 else { throw .unreadable }
        let bound = max(1, side)
        let scale = min(1, Double(bound) / Double(max(width, height)))
        let newWidth = max(1, Int((Double(width) * scale).rounded()))
        let newHeight = max(1, Int((Double(height) * scale).rounded()))
        var target = image
        var scaled: gdImagePtr?
        if newWidth != width || newHeight != height {
            gdImageAlphaBlending(image, 0)
            _ = gdImageSetInterpolationMethod(image, GD_BICUBIC)
            scaled = gdImageScale(image, UInt32(newWidth), UInt32(newHeight))
            guard let scaled else { throw .unreadable }
            target = scaled
        }
        defer { if let scaled { gdImageDestroy(scaled) } }
        guard let written = encode(target, output) else { throw .unreadable }
        return ResizedImage(bytes: written, format: output, width: newWidth, height: newHeight)
    }

    private static let silenced: Void = cgd_quiet()

    private static func silence() { _ = silenced }

    private static func decode(_ bytes: [UInt8], _ format: ImageFormat) -> gdImagePtr? {
        var copy = bytes
        return copy.withUnsafeMutableBytes { buffer -> gdImagePtr? in
            guard let base = buffer.baseAddress, let size = Int32(exactly: buffer.count) else { return nil }
            switch format {
            case .png: return gdImageCreateFromPngPtr(size, base)
            case .jpeg: return gdImageCreateFromJpegPtrEx(size, base, 1)
            case .webp: return gdImageCreateFromWebpPtr(size, base)
            case .gif: return gdImageCreateFromGifPtr(size, base)
            }
        }
    }

    private static func encode(_ image: gdImagePtr, _ format: ImageFormat) -> [UInt8]? {
        var size: Int32 = 0
        let pointer: UnsafeMutableRawPointer?
        switch format {
        case .png:
            gdImageSaveAlpha(image, 1)
            pointer = gdImagePngPtrEx(image, &size, 6)
        case .jpeg:
            // JPEG has no transparency: what was see-through becomes white, not black.
            let width = image.pointee.sx
            let height = image.pointee.sy
            guard let flat = gdImageCreateTrueColor(width, height) else { return nil }
            defer { gdImageDestroy(flat) }
            gdImageFilledRectangle(flat, 0, 0, width - 1, height - 1, 0xFF_FFFF)
            gdImageAlphaBlending(flat, 1)
            gdImageCopy(flat, image, 0, 0, 0, 0, width, height)
            pointer = gdImageJpegPtr(flat, &size, 85)
        case .webp:
            pointer = gdImageWebpPtr(image, &size)
        case .gif:
            pointer = gdImageGifPtr(image, &size)
        }
        guard let pointer, size > 0 else { return nil }
        defer { gdFree(pointer) }
        return Array(UnsafeRawBufferPointer(start: pointer, count: Int(size)))
    }
}
