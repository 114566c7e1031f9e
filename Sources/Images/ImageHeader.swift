/// The picture formats the platform takes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png
    case jpeg
    case webp
    case gif

    /// The media type it is served with.
    public var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        case .gif: "image/gif"
        }
    }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
}

/// What a picture's first bytes say it is: its format and size, read without decoding it, so a
/// file that claims a huge size is refused before any memory is spent on its pixels.
public struct ImageHeader: Sendable, Equatable {
    public let format: ImageFormat
    public let width: Int
    public let height: Int

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// nil when the bytes are none of the formats, or their header is cut short or says nothing.
    public init?(_ bytes: [UInt8]) {
        guard let header = Self.png(bytes) ?? Self.gif(bytes) ?? Self.jpeg(bytes) ?? Self.webp(bytes),
            header.width > 0, header.height > 0
        else { return nil }
        self = header
    }

    private static func bigEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= bytes.count else { return nil }
        return bytes[at..<(at + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= bytes.count else { return nil }
        return bytes[at..<(at + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    private static func starts(_ bytes: [UInt8], with prefix: [UInt8], at offset: Int = 0) -> Bool {
        offset + prefix.count <= bytes.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
    }

    /// The signature, then the IHDR chunk with the width and height.
    private static func png(_ bytes: [UInt8]) -> ImageHeader? {
        guard starts(bytes, with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            starts(bytes, with: Array("IHDR".utf8), at: 12),
            let width = bigEndian(bytes, 16, 4), let height = bigEndian(bytes, 20, 4)
        else { return nil }
        return ImageHeader(format: .png, width: width, height: height)
    }

    /// "GIF87a" or "GIF89a", then the logical screen's size.
    private static func gif(_ bytes: [UInt8]) -> ImageHeader? {
        guard starts(bytes, with: Array("GIF87a".utf8)) || starts(bytes, with: Array("GIF89a".utf8)),
            let width = littleEndian(bytes, 6, 2), let height = littleEndian(bytes, 8, 2)
        else { return nil }
        return ImageHeader(format: .gif, width: width, height: height)
    }

    /// Segments from the start-of-image marker to the first start-of-frame, which holds the size.
    private static func jpeg(_ bytes: [UInt8]) -> ImageHeader? {
        guard starts(bytes, with: [0xFF, 0xD8]) else { return nil }
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { return nil }
            let marker = bytes[at + 1]
            if marker == 0xFF {  // fill byte
                at += 1
                continue
            }
            // Markers without a length: restarts, start and end of image, TEM.
            if (0xD0...0xD9).contains(marker) || marker == 0x01 {
                at += 2
                continue
            }
            guard let length = bigEndian(bytes, at + 2, 2), length >= 2 else { return nil }
            // Start of frame: every C0 to CF but DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = bigEndian(bytes, at + 5, 2), let width = bigEndian(bytes, at + 7, 2) else { return nil }
                return ImageHeader(format: .jpeg, width: width, height: height)
            }
            at += 2 + length
        }
        return nil
    }

    /// RIFF, WEBP, then a lossy (VP8), lossless (VP8L) or extended (VP8X) chunk.
    private static func webp(_ bytes: [UInt8]) -> ImageHeader? {
        guard starts(bytes, with: Array("RIFF".utf8)), starts(bytes, with: Array("WEBP".utf8), at: 8) else { return nil }
        if starts(bytes, with: Array("VP8 ".utf8), at: 12), starts(bytes, with: [0x9D, 0x01, 0x2A], at: 23),
            let width = littleEndian(bytes, 26, 2), let height = littleEndian(bytes, 28, 2)
        {
            return ImageHeader(format: .webp, width: width & 0x3FFF, height: height & 0x3FFF)
        }
        if starts(bytes, with: Array("VP8L".utf8), at: 12), bytes.count > 20, bytes[20] == 0x2F,
            let bits = littleEndian(bytes, 21, 4)
        {
            return ImageHeader(format: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        }
        if starts(bytes, with: Array("VP8X".utf8), at: 12), let width = littleEndian(bytes, 24, 3),
            let height = littleEndian(bytes, 27, 3)
        {
            return ImageHeader(format: .webp, width: width + 1, height: height + 1)
        }
        return nil
    }
}
