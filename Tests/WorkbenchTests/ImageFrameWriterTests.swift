// ImageFrameWriter and the widget's placement: the bytes a frame's pixel images cost, written
// by hand from the protocols (kitty graphics protocol: transmission keys a=T,U=1,f=24,t=d,
// s/v/i/c/r/q, m for chunking, base64 payload, ESC _G ... ESC \; deletion a=d,d=I; tmux's DCS
// passthrough doubles every ESC inside ESC Ptmux; ... ESC \. Unicode placeholders: U+10EEEE +
// row diacritic + column diacritic (U+0305, U+030D, ... from rowcolumn-diacritics.txt), the
// image id in the foreground colour. Sixel: drawn at its cell with the cursor saved and
// restored, ESC 7 / ESC [row;col H / ... / ESC 8). The terminals themselves are not on this
// machine: these are the bytes they would receive.
import Testing

@testable import Workbench

@Suite struct ImageFrameWriterTests {
    static let esc = "\u{1B}"
    static let st = "\u{1B}\\"
    /// 2x2 grey 0, 255, 128, 64: RGB 00 00 00 | FF FF FF | 80 80 80 | 40 40 40 in base64.
    static let image = GreyImage(width: 2, height: 2, pixels: [0, 255, 128, 64])
    static let transmit = "\(esc)_Ga=T,U=1,f=24,t=d,s=2,v=2,i=16,c=2,r=1,q=2,m=0;AAAA////gICAQEBA\(st)"

    /// A frame with one image in cells (3, 1) and (4, 1): placeholder cells in colour 16 for
    /// kitty, blank image cells for sixel.
    static func canvas(with kind: ImageProtocol) -> TextCanvas {
        var canvas = TextCanvas(width: 6, height: 3)
        canvas.images = [PlacedImage(kind: kind, id: 16, x: 3, y: 1, columns: 2, rows: 1, image: image)]
        for column in 3..<5 {
            canvas[column, 1] =
                kind == .kitty
                ? Cell(
                    glyph: KittyGraphicsEncoder.placeholderCharacter(row: 0, column: column - 3), role: .image,
                    foreground: .palette(16))
                : Cell(glyph: " ", role: .image)
        }
        return canvas
    }

    @Test func aKittyImageIsSentOnceAndKeptWhileNotShownSoShowingItAgainSendsNothing() {
        var writer = ImageFrameWriter(inTmux: false)
        let frame = Self.canvas(with: .kitty)
        #expect(writer.send(frame) == Self.transmit)
        #expect(writer.send(frame) == "")  // unchanged: nothing sent
        #expect(writer.send(TextCanvas(width: 6, height: 3)) == "")  // another view: the terminal keeps it
        #expect(writer.send(frame) == "")  // back again: still held
        #expect(writer.deleteAll() == "\(Self.esc)_Ga=d,d=I,i=16,q=2\(Self.st)")  // quit
    }

    @Test func newPixelsGoToAFreeIdAndTheCellsFollowTheContentBack() {
        var writer = ImageFrameWriter(inTmux: false)
        _ = writer.send(Self.canvas(with: .kitty))
        var changed = Self.canvas(with: .kitty)
        changed.images[0].image = GreyImage(width: 2, height: 2, pixels: [255, 255, 128, 64])
        // FF FF FF FF FF FF 80 80 80 40 40 40 = ////////gICAQEBA, on id 17: 16 still holds the first
        var shown = changed
        #expect(
            writer.bytes(for: &shown).beforeCells
                == "\(Self.esc)_Ga=T,U=1,f=24,t=d,s=2,v=2,i=17,c=2,r=1,q=2,m=0;////////gICAQEBA\(Self.st)")
        #expect(
            shown.images[0].id == 17 && shown[3, 1].foreground == .palette(17) && shown[4, 1].foreground == .palette(17)
        )
        #expect(shown[2, 1].foreground == nil)  // outside the image: untouched
        // the first pictures again (scrubbing back): nothing sent, the cells point at 16
        var back = Self.canvas(with: .kitty)
        #expect(writer.bytes(for: &back).all == "" && back[3, 1].foreground == .palette(16))
        var again = changed
        #expect(writer.bytes(for: &again).all == "" && again[3, 1].foreground == .palette(17))
    }

    @Test func with240ImagesHeldTheOneShownLeastRecentlyMakesRoom() {
        var writer = ImageFrameWriter(inTmux: false)
        func frame(_ grey: Int) -> TextCanvas {
            var canvas = Self.canvas(with: .kitty)
            canvas.images[0].image = GreyImage(width: 1, height: 1, pixels: [UInt8(grey)])
            return canvas
        }
        for grey in 0..<240 { _ = writer.send(frame(grey)) }  // ids 16...255, grey g on id 16 + g
        _ = writer.send(frame(0))  // grey 0 (id 16) shown again: now grey 1 (id 17) is the oldest
        // one more picture: grey 240 = F0, RGB F0 F0 F0 = 8PDw, sent on id 17
        #expect(writer.send(frame(240)) == "\(Self.esc)_Ga=T,U=1,f=24,t=d,s=1,v=1,i=17,c=2,r=1,q=2,m=0;8PDw\(Self.st)")
        #expect(writer.send(frame(0)) == "")
        // grey 1 went: it comes back on the now oldest id, 18 (grey 2)
        #expect(writer.send(frame(1)) == "\(Self.esc)_Ga=T,U=1,f=24,t=d,s=1,v=1,i=18,c=2,r=1,q=2,m=0;AQEB\(Self.st)")
    }

    @Test func kittyTransmissionsGoBeforeTheCellsAndSixelsAfterThem() {
        var kitty = Self.canvas(with: .kitty)
        var writer = ImageFrameWriter(inTmux: false)
        #expect(writer.bytes(for: &kitty) == ImageBytes(beforeCells: Self.transmit, afterCells: ""))
        var sixel = Self.canvas(with: .sixel)
        let drawn = "\(Self.esc)7\(Self.esc)[2;4H" + SixelEncoder.encode(Self.image) + "\(Self.esc)8"
        #expect(writer.bytes(for: &sixel) == ImageBytes(beforeCells: "", afterCells: drawn))
    }

    @Test func insideTmuxEveryEscapeIsWrappedForPassthroughAndQuittingDeletesWhatWasSent() {
        var writer = ImageFrameWriter(inTmux: true)
        let wrapped =
            "\(Self.esc)Ptmux;\(Self.esc)\(Self.esc)_Ga=T,U=1,f=24,t=d,s=2,v=2,i=16,c=2,r=1,q=2,m=0;AAAA////gICAQEBA\(Self.esc)\(Self.esc)\\\(Self.st)"
        #expect(writer.send(Self.canvas(with: .kitty)) == wrapped)
        #expect(
            writer.deleteAll()
                == "\(Self.esc)Ptmux;\(Self.esc)\(Self.esc)_Ga=d,d=I,i=16,q=2\(Self.esc)\(Self.esc)\\\(Self.st)")
        #expect(writer.deleteAll() == "")
    }

    @Test func aSixelIsDrawnAtItsCellOnceAndAgainWhenAnOverlayLeaves() {
        var writer = ImageFrameWriter(inTmux: false)
        let frame = Self.canvas(with: .sixel)
        let drawn = "\(Self.esc)7\(Self.esc)[2;4H" + SixelEncoder.encode(Self.image) + "\(Self.esc)8"
        #expect(writer.send(frame) == drawn)
        #expect(writer.send(frame) == "")
        var covered = frame
        covered[4, 1] = Cell(glyph: "x", role: .help)  // a help box over part of it
        #expect(writer.send(covered) == "")
        #expect(writer.send(frame) == drawn)
        // never through tmux (it would scroll and smear the pane)
        var tmux = ImageFrameWriter(inTmux: true)
        #expect(tmux.send(frame) == "")
    }

    @Test func anErasedScreenRedrawsSixelsButKeepsKittyImagesAndARepaintResendsBoth() {
        var kitty = ImageFrameWriter(inTmux: false)
        _ = kitty.send(Self.canvas(with: .kitty))
        kitty.screenErased()  // a resize or a theme change: the terminal still holds image 16
        #expect(kitty.send(Self.canvas(with: .kitty)) == "")
        kitty.reset()  // ctrl-l: the user says the screen is wrong, so everything goes again
        #expect(kitty.send(Self.canvas(with: .kitty)) == Self.transmit)

        var sixel = ImageFrameWriter(inTmux: false)
        let drawn = sixel.send(Self.canvas(with: .sixel))
        #expect(!drawn.isEmpty)
        sixel.screenErased()  // the pixels went with the erased cells
        #expect(sixel.send(Self.canvas(with: .sixel)) == drawn)
    }

    @Test func theWidgetPlacesKittyPlaceholdersInTheHalfBlockCellsWithPixelsEnlargedByAWholeFactor() throws {
        var canvas = TextCanvas(width: 10, height: 4)
        GreyImageWidget.draw(
            pixels: [0, 255, 128, 64], rows: 2, columns: 2, scale: 1, x: 1, y: 1, clip: canvas.bounds,
            glyphs: .braille, colors: .colors256, images: PixelImages(kind: .kitty), on: &canvas)
        let placed = try #require(canvas.images.first)
        // half blocks would take 2 columns x 1 row; at a nominal 8x16 cell that is 16x16 pixels,
        // so the 2x2 image is sent 4x larger (capped at 4): each pixel a 4x4 block
        #expect(placed.id == 16 && placed.x == 1 && placed.y == 1 && placed.columns == 2 && placed.rows == 1)
        #expect(placed.image.width == 8 && placed.image.height == 8)
        #expect(Array(placed.image.pixels[0..<8]) == [0, 0, 0, 0, 255, 255, 255, 255])
        #expect(Array(placed.image.pixels[56..<64]) == [128, 128, 128, 128, 64, 64, 64, 64])
        #expect(canvas[1, 1].glyph == Character("\u{10EEEE}\u{0305}\u{0305}"))
        #expect(canvas[2, 1].glyph == Character("\u{10EEEE}\u{0305}\u{030D}"))
        #expect(canvas[1, 1].foreground == .palette(16))
        #expect(canvas[0, 1].role != .image && canvas[3, 1].role != .image)
    }

    @Test func inAnIdSpaceTheIdsHighByteIsTheThirdDiacriticAndTheIdSentAndDeleted() throws {
        var canvas = TextCanvas(width: 10, height: 4)
        GreyImageWidget.draw(
            pixels: [0, 255, 128, 64], rows: 2, columns: 2, scale: 1, x: 1, y: 1, clip: canvas.bounds,
            glyphs: .braille, colors: .colors256, images: PixelImages(kind: .kitty, idSpace: 5), on: &canvas)
        let placed = try #require(canvas.images.first)
        #expect(placed.id == 83_886_096)  // 5 << 24 + 16
        // kitty's "Unicode placeholders": row, column, then the id's most significant byte, each
        // a diacritic from rowcolumn-diacritics.txt (entry 5 is U+033D); the colour keeps the low byte
        #expect(canvas[2, 1].glyph == Character("\u{10EEEE}\u{0305}\u{030D}\u{033D}"))
        #expect(canvas[2, 1].foreground == .palette(16))
        var writer = ImageFrameWriter(inTmux: false)
        // 8x8 pixels (4x), 192 RGB bytes = 256 base64 bytes: one chunk
        let keys = "a=T,U=1,f=24,t=d,s=8,v=8,i=83886096,c=2,r=1,q=2,m=0;"
        #expect(writer.send(canvas).hasPrefix("\(Self.esc)_G\(keys)"))
        #expect(writer.deleteAll() == "\(Self.esc)_Ga=d,d=I,i=83886096,q=2\(Self.st)")
    }

    @Test func aProcessIdSpaceIsOneTo63AndDiffersForConsecutiveProcesses() {
        #expect(PixelImages.idSpace(processID: 0) == 1)
        #expect(PixelImages.idSpace(processID: 62) == 63)
        #expect(PixelImages.idSpace(processID: 63) == 1)
        #expect(PixelImages.idSpace(processID: 4242) != PixelImages.idSpace(processID: 4243))
    }

    @Test func withoutUnicodeOr256ColoursKittyFallsBackToHalfBlocksOrShades() {
        for (glyphs, colors) in [(GlyphMode.ascii, ColorMode.colors256), (.braille, .colors8)] {
            var canvas = TextCanvas(width: 10, height: 4)
            GreyImageWidget.draw(
                pixels: [0, 255, 128, 64], rows: 2, columns: 2, scale: 1, x: 1, y: 1, clip: canvas.bounds,
                glyphs: glyphs, colors: colors, images: PixelImages(kind: .kitty), on: &canvas)
            #expect(canvas.images.isEmpty)
            #expect(canvas[1, 1].glyph.unicodeScalars.first != KittyGraphicsEncoder.placeholder)
        }
    }
}

extension ImageFrameWriter {
    /// The bytes for a frame whose id changes the test does not look at.
    fileprivate mutating func send(_ canvas: TextCanvas) -> String {
        var shown = canvas
        return bytes(for: &shown).all
    }
}
