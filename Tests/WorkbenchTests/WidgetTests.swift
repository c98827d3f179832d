// WidgetTests: images, heatmaps and charts at the cell level.
import AutoencoderKit
import Foundation
import Testing

@testable import Workbench

@Suite struct WidgetTests {
    @Test func halfBlocksCarryTopAndBottomPixelsAsGreys() {
        var canvas = TextCanvas(width: 2, height: 1)
        GreyImageWidget.draw(
            pixels: [0, 255, 255, 0], rows: 2, columns: 2, scale: 1, x: 0, y: 0, clip: canvas.bounds,
            glyphs: .braille, colors: .colors256, on: &canvas)
        #expect(canvas[0, 0] == Cell(glyph: "▀", role: .image, foreground: .grey(0), background: .grey(23)))
        #expect(canvas[1, 0] == Cell(glyph: "▀", role: .image, foreground: .grey(23), background: .grey(0)))
    }

    @Test func aFullImageTakes28By14Cells() {
        #expect(GreyImageWidget.cellSize(rows: 28, columns: 28, scale: 1) == (28, 14))
        #expect(GreyImageWidget.cellSize(rows: 28, columns: 28, scale: 2) == (14, 7))
    }

    @Test func tinyPixelChangesLeaveCellsAlone() {
        func render(_ value: UInt8) -> TextCanvas {
            var canvas = TextCanvas(width: 1, height: 1)
            GreyImageWidget.draw(
                pixels: [value, value], rows: 2, columns: 1, scale: 1, x: 0, y: 0, clip: canvas.bounds,
                glyphs: .braille, colors: .colors256, on: &canvas)
            return canvas
        }
        #expect(render(100) == render(101))
        #expect(render(100) != render(140))
    }

    @Test func withoutColourImagesUseTheShadeRamp() {
        var canvas = TextCanvas(width: 3, height: 1)
        GreyImageWidget.draw(
            pixels: [0, 128, 255, 0, 128, 255], rows: 2, columns: 3, scale: 1, x: 0, y: 0, clip: canvas.bounds,
            glyphs: .braille, colors: .none, on: &canvas)
        #expect(canvas.renderedText == " +@")
    }

    @Test func brailleChartsSetDotsInTwoByFourCells() {
        var canvas = TextCanvas(width: 20, height: 6)
        let points = [SeriesPoint(x: 0, y: 1), SeriesPoint(x: 1, y: 0)]
        LineChartWidget.draw(
            series: [ChartSeries(name: "s", role: .lossTrain, asciiGlyph: "*", points: points)], unit: "u",
            xLabel: "x", in: canvas.bounds, glyphs: .braille, on: &canvas)
        let glyphs = (0..<canvas.height).flatMap { y in (0..<canvas.width).map { canvas[$0, y] } }
            .filter { $0.role == .lossTrain && $0.glyph != "■" }.map(\.glyph)
        #expect(!glyphs.isEmpty)
        #expect(glyphs.allSatisfy { ("\u{2801}"..."\u{28FF}").contains($0) })
    }

    @Test func anAxisOfValuesThatAreNotNegativeStartsAtZeroAtTheLowest() {
        func bottomLabel(_ ys: [Double]) -> String {
            var canvas = TextCanvas(width: 40, height: 8)
            let points = ys.enumerated().map { SeriesPoint(x: Double($0.offset), y: $0.element) }
            LineChartWidget.draw(
                series: [ChartSeries(name: "s", role: .lossTrain, asciiGlyph: "*", points: points)], unit: "u",
                xLabel: "x", in: canvas.bounds, glyphs: .ascii, on: &canvas)
            // the labels sit left of the axis: the last one above the x axis row is the lowest
            let rows = canvas.renderedText.split(separator: "\n", omittingEmptySubsequences: false)
            let labelled = rows.filter {
                $0.contains("|") && $0.split(separator: "|").first?.contains(where: \.isNumber) == true
            }
            return String(labelled.last?.split(separator: "|").first ?? "").trimmingCharacters(in: .whitespaces)
        }
        #expect(bottomLabel([0.7, 0.3, 0.008]) == "0")
        #expect(bottomLabel([0, 0, 0]) == "0")
        #expect(bottomLabel([0.7, 0.3, -0.5]).hasPrefix("-"))
    }

    @Test func aLegendTooLongForItsRowCutsANameOnlyWhenFourLettersShow() {
        func legend(width: Int) -> String {
            var canvas = TextCanvas(width: width, height: 6)
            let points = [SeriesPoint(x: 0, y: 1), SeriesPoint(x: 1, y: 0)]
            let series = ["batch", "train", "validation"].enumerated().map { index, name in
                ChartSeries(name: name, role: .lossTrain, asciiGlyph: Character(String(index)), points: points)
            }
            LineChartWidget.draw(
                series: series, unit: "BCE/px", xLabel: "x", in: canvas.bounds, glyphs: .ascii,
                options: ChartOptions(references: [ChartReference(name: "entropy floor", value: 0.5)]), on: &canvas)
            return String(canvas.renderedText.split(separator: "\n")[0])
        }
        // "BCE/px  0 batch 1 train " takes 24 columns
        #expect(legend(width: 30) == "BCE/px  0 batch 1 train 2 vali")
        #expect(legend(width: 29).trimmingCharacters(in: .whitespaces) == "BCE/px  0 batch 1 train")
        #expect(legend(width: 50).hasSuffix("2 validation = entropy flo"))
    }

    @Test func anEmptyChartSaysSo() {
        var canvas = TextCanvas(width: 30, height: 6)
        LineChartWidget.draw(
            series: [], unit: "BCE/px", xLabel: "epoch", in: canvas.bounds, glyphs: .ascii, on: &canvas)
        #expect(canvas.renderedText.contains("no data yet"))
        #expect(canvas.renderedText.hasPrefix("BCE/px"))
    }

    @Test func heatmapsScaleFromZeroToTheLargestValue() {
        var canvas = TextCanvas(width: 2, height: 1)
        HeatmapWidget.draw(
            values: [[0, 2], [1, 2]], in: canvas.bounds, glyphs: .braille, colors: .colors256, on: &canvas)
        #expect(canvas[0, 0].foreground == .heat(0))
        #expect(canvas[0, 0].background == .heat(8))
        #expect(canvas[1, 0].foreground == .heat(CellColor.heatSteps - 1))
    }

    @Test func numbersStayShort() {
        #expect(NumberFormat.value(0.093421) == "0.09342")
        #expect(NumberFormat.value(123456) == "1.23e+05")
        #expect(NumberFormat.value(.nan) == "nan")
        #expect(NumberFormat.compact(5230) == "5.2k")
        #expect(NumberFormat.percent(0.614) == "61%")
    }
}
