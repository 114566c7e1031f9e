import CGD
import Testing

@testable import Images

/// Pictures are recognised by their first bytes, refused before decoding when too large, and come
/// out fitted, in the asked format, with nothing but their pixels.
@Suite struct ImagesTests {
    /// A `width` × `height` picture drawn with libgd: red, with a transparent left half.
    static func picture(_ width: Int32, _ height: Int32, _ format: ImageFormat) throws -> [UInt8] {
        let image = try #require(gdImageCreateTrueColor(width, height))
        defer { gdImageDestroy(image) }
        gdImageAlphaBlending(image, 0)
        gdImageSaveAlpha(image, 1)
        gdImageFilledRectangle(image, 0, 0, width - 1, height - 1, 0xFF_0000)
        gdImageFilledRectangle(image, 0, 0, width / 2 - 1, height - 1, 0x7F00_0000)  // alpha 127: transparent
        var size: Int32 = 0
        let pointer: UnsafeMutableRawPointer? =
            switch format {
            case .png: gdImagePngPtr(image, &size)
            case .jpeg: gdImageJpegPtr(image, &size, 90)
            case .webp: gdImageWebpPtr(image, &size)
            case .gif: gdImageGifPtr(image, &size)
            }
        let bytes = try #require(pointer)
        defer { gdFree(bytes) }
        return Array(UnsafeRawBufferPointer(start: bytes, count: Int(size)))
    }

    @Test(arguments: ImageFormat.allCases)
    func eachFormatIsReadFromItsHeader(_ format: ImageFormat) throws {
        let bytes = try Self.picture(640, 480, format)
        #expect(ImageHeader(bytes) == ImageHeader(format: format, width: 640, height: 480))
        // Cut short or foreign, it is not a picture.
        #expect(ImageHeader(Array(bytes.prefix(8))) == nil)
        #expect(ImageHeader(Array("%PDF-1.7 not a picture".utf8)) == nil)
    }

    @Test func aPictureIsFittedWithinItsSquareAndNeverEnlarged() throws {
        let logo = try ImageResizer.fit(try Self.picture(1200, 600, .jpeg), within: 400, as: .png)
        #expect(logo.format == .png && logo.width == 400 && logo.height == 200)
        #expect(ImageHeader(logo.bytes) == ImageHeader(format: .png, width: 400, height: 200))
        let small = try ImageResizer.fit(try Self.picture(120, 90, .png), within: 400, as: .jpeg)
        #expect(small.width == 120 && small.height == 90 && ImageHeader(small.bytes)?.format == .jpeg)
        let tall = try ImageResizer.fit(try Self.picture(300, 900, .webp), within: 300, as: .jpeg)
        #expect(tall.width == 100 && tall.height == 300)
    }

    @Test func transparencyStaysInAPNGAndTurnsWhiteInAJPEG() throws {
        let source = try Self.picture(200, 100, .png)
        for (format, expected) in [(ImageFormat.png, 127), (.jpeg, 0)] {
            let out = try ImageResizer.fit(source, within: 100, as: format)
            var bytes = out.bytes
            let image = try #require(
                bytes.withUnsafeMutableBytes { buffer in
                    format == .png
                        ? gdImageCreateFromPngPtr(Int32(buffer.count), buffer.baseAddress)
                        : gdImageCreateFromJpegPtr(Int32(buffer.count), buffer.baseAddress)
                })
            defer { gdImageDestroy(image) }
            let pixel = gdImageGetTrueColorPixel(image, 5, 25)
            // Alpha 127 is transparent, 0 opaque; resizing blends a little at the edges.
            #expect(abs((pixel >> 24) & 0x7F - Int32(expected)) <= 4, "\(format): alpha of the left half")
            if format == .jpeg { #expect(pixel & 0xFF_FFFF > 0xF0_F0F0, "white, not black") }
        }
    }

    @Test func aHugeOrBrokenPictureIsRefusedBeforeItsPixelsAreRead() throws {
        // A PNG header that claims 30,000 × 30,000 pixels and holds none.
        var claim: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        claim += [0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 6, 0, 0, 0]
        #expect(throws: ImageProblem.tooLarge(width: 30_000, height: 30_000)) {
            try ImageResizer.fit(claim, within: 400, as: .png)
        }
        // A right header and nothing after it.
        let cut = Array(try Self.picture(64, 64, .png).prefix(40))
        #expect(throws: ImageProblem.unreadable) { try ImageResizer.fit(cut, within: 400, as: .png) }
        #expect(throws: ImageProblem.notAnImage) { try ImageResizer.fit(Array("hello".utf8), within: 400, as: .png) }
    }
}
