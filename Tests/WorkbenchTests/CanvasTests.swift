// CanvasTests: clipping, boxes, dumps, and the too-small screen at tiny sizes.
import Testing

@testable import Workbench

@Suite struct CanvasTests {
    @Test func writingIsClippedToTheRectangleAndTheGrid() {
        var canvas = TextCanvas(width: 6, height: 2)
        canvas.write("abcdefgh", x: 2, y: 0, clip: Rect(x: 1, y: 0, width: 3, height: 1))
        canvas.write("xyz", x: -1, y: 1)
        canvas.write("never", x: 0, y: 5)
        #expect(canvas.renderedText == "  ab\nyz")
    }

    @Test func aBoxFramesItsTitleAndReturnsTheInside() {
        var canvas = TextCanvas(width: 10, height: 3)
        let inner = canvas.box(canvas.bounds, title: "loss", glyphs: .ascii)
        #expect(inner == Rect(x: 1, y: 1, width: 8, height: 1))
        #expect(canvas.renderedText == "+ loss --+\n|        |\n+--------+")
    }

    @Test func theStyledDumpNamesRolesAndColours() {
        var canvas = TextCanvas(width: 2, height: 1)
        canvas[0, 0] = Cell(glyph: "▀", role: .image, foreground: .grey(23), background: .heat(0))
        canvas[1, 0] = Cell(glyph: "x", role: .error)
        #expect(canvas.styledDump == "canvas 2x1\n |▀x|\nr|iE|\nf|n.|\nb|A.|")
    }

    @Test(arguments: [(0, 0), (1, 1), (5, 1), (20, 3), (79, 24), (80, 23), (40, 10)])
    func aSmallTerminalShowsOnlyTheNotice(columns: Int, rows: Int) {
        let state = Fixtures.state(size: TerminalSize(columns: columns, rows: rows))
        let canvas = Screen.render(state)
        #expect(canvas.width == columns && canvas.height == rows)
        let text = canvas.renderedText
        #expect(!text.contains("loss"))
        if columns >= 60, rows >= 1 {
            #expect(text.contains("terminal too small: \(columns) x \(rows), needs 80 x 24"))
        }
    }

    @Test func theNoticeIsCentred() {
        let canvas = Screen.render(Fixtures.state(size: TerminalSize(columns: 60, rows: 5)))
        let lines = canvas.renderedText.components(separatedBy: "\n")
        #expect(lines[2] == String(repeating: " ", count: 9) + "terminal too small: 60 x 5, needs 80 x 24")
    }
}
