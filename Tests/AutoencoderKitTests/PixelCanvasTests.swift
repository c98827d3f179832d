// Tests of PixelCanvas drawing, the bitmap font, chart ticks and the chart picture.

import Foundation
import Testing

@testable import AutoencoderKit
@testable import Pictures

@Suite("Pixel canvas and charts")
struct PixelCanvasTests {
    /// Pixels in the rectangle that differ from `background`.
    static func inked(_ c: PixelCanvas, x: Int, y: Int, width: Int, height: Int, background: RGB = .white) -> Int {
        var count = 0
        for row in y..<(y + height) {
            for column in x..<(x + width) where c.color(x: column, y: row) != background { count += 1 }
        }
        return count
    }

    @Test("rectangles clip at the edges")
    func rectangles() {
        var c = PixelCanvas(width: 4, height: 3)
        c.fillRect(x: 2, y: -1, width: 10, height: 2, color: .black)
        #expect(Self.inked(c, x: 0, y: 0, width: 4, height: 3) == 2)
        #expect(c.color(x: 3, y: 0) == .black && c.color(x: 3, y: 1) == .white)
        #expect(c.color(x: 4, y: 0) == nil)
    }

    @Test("a Bresenham line covers each step of its major axis once, ends included")
    func lines() {
        var c = PixelCanvas(width: 10, height: 10)
        c.drawLine(from: (1, 1), to: (8, 4), color: .black)
        #expect(Self.inked(c, x: 0, y: 0, width: 10, height: 10) == 8)
        #expect(c.color(x: 1, y: 1) == .black && c.color(x: 8, y: 4) == .black)
        var d = PixelCanvas(width: 10, height: 10)
        d.drawLine(from: (5, 9), to: (5, 0), color: .black)
        #expect(Self.inked(d, x: 5, y: 0, width: 1, height: 10) == 10)
    }

    @Test("text draws the font's glyph pixels, scaled and rotated")
    func text() {
        var c = PixelCanvas(width: 20, height: 10)
        c.drawText("1", x: 0, y: 0, color: .black)
        // "1" is ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###. : 10 pixels.
        #expect(Self.inked(c, x: 0, y: 0, width: 20, height: 10) == 10)
        #expect(c.color(x: 2, y: 0) == .black && c.color(x: 1, y: 6) == .black && c.color(x: 0, y: 0) == .white)
        var big = PixelCanvas(width: 20, height: 20)
        big.drawText("1", x: 0, y: 0, color: .black, scale: 2)
        #expect(Self.inked(big, x: 0, y: 0, width: 20, height: 20) == 40)
        var up = PixelCanvas(width: 10, height: 10)
        up.drawText("1", x: 0, y: 9, color: .black, vertical: true)
        // The glyph's top row lands in column 0, its left edge at the bottom.
        #expect(up.color(x: 0, y: 7) == .black && up.color(x: 6, y: 8) == .black)
        #expect(Self.inked(up, x: 0, y: 0, width: 10, height: 10) == 10)
    }

    @Test("the font covers digits, letters and the chart punctuation")
    func fontCoverage() {
        let needed = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .,-+/:()%=_×[]'\"!?*<>#|~"
        #expect(needed.allSatisfy(BitmapFont.hasGlyph))
        #expect(!BitmapFont.hasGlyph("€"))
        #expect(BitmapFont.rows(for: "€") == [31, 17, 17, 17, 17, 17, 31])
        #expect(BitmapFont.width(of: "BCE/px") == 35)
    }

    @Test("grey images blit as factor-sized blocks")
    func blit() {
        var c = PixelCanvas(width: 6, height: 4)
        c.blitGrey([0, 128, 255, 7] as [UInt8], width: 2, height: 2, x: 1, y: 0, factor: 2)
        #expect(c.color(x: 1, y: 0) == RGB(0, 0, 0) && c.color(x: 2, y: 1) == RGB(0, 0, 0))
        #expect(c.color(x: 3, y: 1) == RGB(128, 128, 128))
        #expect(c.color(x: 4, y: 3) == RGB(7, 7, 7) && c.color(x: 5, y: 3) == .white)
        c.blitGrey(values: [0.5, 2, -1, .nan] as [Float], width: 4, height: 1, x: 0, y: 0)
        #expect([0, 1, 2, 3].map { c.color(x: $0, y: 0)?.r } == [128, 255, 0, 0])
    }

    @Test("ticks step by 1, 2 or 5 × 10^k and cover the data")
    func ticks() {
        let t = ChartTicks(low: 0.13, high: 0.71, target: 5)
        #expect(abs(t.step - 0.2) < 1e-12)
        #expect(t.low <= 0.13 && t.high >= 0.71)
        #expect(t.values.map(t.label) == ["0.0", "0.2", "0.4", "0.6", "0.8"])
        let epochs = ChartTicks(low: 1, high: 30, target: 4)
        #expect(epochs.values.map(epochs.label) == ["0", "10", "20", "30"])
        let tiny = ChartTicks(low: 0.0001, high: 0.0005, target: 4)
        #expect(tiny.values.map(tiny.label) == ["1e-4", "2e-4", "3e-4", "4e-4", "5e-4"])
        let flat = ChartTicks(low: 2, high: 2, target: 4)
        #expect(flat.low < 2 && flat.high > 2)
        #expect(
            ChartTicks(low: -0.5, high: 0.5, target: 2).values.map {
                ChartTicks(low: -0.5, high: 0.5, target: 2).label($0)
            } == ["-0.5", "0.0", "0.5"])
    }

    @Test("a chart draws lines in the plot, a legend, and labels")
    func chart() throws {
        let train: [(Double, Double)] = (0..<20).map { (i: Int) -> (Double, Double) in
            let x = Double(i)
            return (x, 0.7 * exp(-x / 6) + 0.1)
        }
        var test: [(Double, Double)] = train.map { ($0.0, $0.1 + 0.03) }
        test[5].1 = Double.nan
        let red = RGB(hex: 0xD03030)
        let blue = RGB(hex: 0x3060D0)
        let (canvas, layout) = ChartPicture.draw(
            series: [("train", train, blue), ("test", test, red)], title: "sparse-kl: loss",
            xLabel: "epoch", yLabel: "loss (BCE/px)", width: 360, height: 220)
        var colours: [RGB: Int] = [:]
        for y in layout.plotTop...layout.plotBottom {
            for x in layout.plotLeft...layout.plotRight {
                if let c = canvas.color(x: x, y: y) { colours[c, default: 0] += 1 }
            }
        }
        #expect(colours[blue, default: 0] > 200)
        #expect(colours[red, default: 0] > 200)
        #expect(layout.legendWidth > 0 && layout.legendLeft > layout.plotLeft)
        #expect(
            Self.inked(
                canvas, x: layout.legendLeft + 24, y: layout.legendTop + 4, width: layout.legendWidth - 26, height: 18)
                > 30)
        // Title, tick labels left of the plot, x label below it.
        #expect(Self.inked(canvas, x: 0, y: 0, width: 360, height: layout.plotTop - 2) > 40)
        #expect(
            Self.inked(
                canvas, x: 0, y: layout.plotTop, width: layout.plotLeft - 4, height: layout.plotBottom - layout.plotTop)
                > 80)
        #expect(
            Self.inked(canvas, x: 0, y: layout.plotBottom + 4, width: 360, height: 220 - layout.plotBottom - 4) > 60)
        #expect(try TestPNG(canvas.pngBytes()).pixels == canvas.pixels)
        if let path = ProcessInfo.processInfo.environment["AELAB_CHART_PNG"] { try canvas.writePNG(to: path) }
    }

    @Test("a chart without points or with tiny sizes still draws without trapping")
    func degenerateCharts() {
        let empty = ChartPicture.lineChart(series: [], title: "none", xLabel: "x", yLabel: "y", width: 200, height: 120)
        #expect(Self.inked(empty, x: 0, y: 0, width: 200, height: 120) > 0)
        let small = ChartPicture.lineChart(
            series: [("a", [(0, 1), (1, .infinity)], .black)], title: "t", xLabel: "x", yLabel: "y", width: 10,
            height: 5)
        #expect(small.width == 10)
    }
}
