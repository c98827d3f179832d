// PixelImageSizingTests: how many pixels an image is sent with, from the terminal's cell size.
// A 28x28 image at scale 2 takes 14x7 cells. A sixel is drawn pixel for pixel, so it must fit
// those cells at the terminal's real cell size (TIOCGWINSZ); kitty fits the picture to the cells
// itself, so there the cell size only decides the whole factor.
import Testing

@testable import Workbench

@Suite struct PixelImageSizingTests {
    static let digit = [UInt8](repeating: 200, count: 28 * 28)

    static func draw(_ images: PixelImages) -> TextCanvas {
        var canvas = TextCanvas(width: 20, height: 10)
        GreyImageWidget.draw(
            pixels: digit, rows: 28, columns: 28, scale: 2, x: 1, y: 1, clip: canvas.bounds,
            glyphs: .braille, colors: .colors256, images: images, on: &canvas)
        return canvas
    }

    @Test func withoutAReportedCellSizeAnImageIsSentAtFourTimesForNominalEightBySixteenCells() throws {
        let placed = try #require(Self.draw(PixelImages(kind: .sixel)).images.first)
        // 14 cells x 8 px = 112 = 28 x 4, 7 cells x 16 px = 112
        #expect(placed.columns == 14 && placed.rows == 7 && placed.image.width == 112 && placed.image.height == 112)
    }

    @Test func aSixelFitsTheReportedCellsByAWholeFactor() throws {
        // xterm's default 6x13 font: 84 x 91 pixels of cells hold the 28x28 image 3 times
        let placed = try #require(
            Self.draw(PixelImages(kind: .sixel, cellPixels: .init(width: 6, height: 13))).images.first)
        #expect(placed.image.width == 84 && placed.image.height == 84)
        #expect(placed.image.pixel(x: 83, y: 83) == 200)
    }

    @Test func aSixelThatCannotFitItsCellsIsDrawnInHalfBlocksInstead() {
        // 1x3-pixel cells: 14 x 21 pixels, too small for 28x28 even at 1x
        let canvas = Self.draw(PixelImages(kind: .sixel, cellPixels: .init(width: 1, height: 3)))
        #expect(canvas.images.isEmpty)
        #expect(canvas[1, 1].glyph == "▀" && canvas[14, 7].glyph == "▀")
    }

    @Test func kittyIsPlacedWhateverTheCellSizeSinceTheTerminalFitsItToTheCells() throws {
        let placed = try #require(
            Self.draw(PixelImages(kind: .kitty, cellPixels: .init(width: 1, height: 3))).images.first)
        #expect(placed.image.width == 28 && placed.columns == 14 && placed.rows == 7)
    }

    @Test func aChangedCellSizeAloneCountsAsAResize() {
        var state = AppState(size: TerminalSize(columns: 80, rows: 24))
        state.pixelImages = PixelImages(kind: .sixel)
        let same = state.resize(to: TerminalSize(columns: 80, rows: 24), cellPixels: nil)
        #expect(!same)
        let finer = state.resize(to: TerminalSize(columns: 80, rows: 24), cellPixels: .init(width: 10, height: 20))
        #expect(finer)
        #expect(state.pixelImages.cellPixels == CellPixels(width: 10, height: 20) && state.pixelImages.kind == .sixel)
    }
}
