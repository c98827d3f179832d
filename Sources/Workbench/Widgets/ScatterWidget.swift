// ScatterWidget: points coloured by class label, in braille dots (2×4 a cell), half blocks
// (1×2) or ASCII (the label's digit).
import AutoencoderKit

/// Draws a labelled scatter plot. Each cell takes the colour of the last point drawn in it;
/// colours are steps of the heat gradient spread over labels 0-9.
public enum ScatterWidget {
    public static func draw(
        points: [SeriesPoint], labels: [UInt8]?, in rect: Rect, glyphs: GlyphMode, colors: ColorMode,
        on canvas: inout TextCanvas
    ) {
        let usable = points.indices.filter { points[$0].x.isFinite && points[$0].y.isFinite }
        guard !rect.isEmpty, !usable.isEmpty else { return }
        let xs = usable.map { points[$0].x }
        let ys = usable.map { points[$0].y }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return }
        let (dotsWide, dotsHigh) = glyphs == .braille ? (2, 4) : (glyphs == .block ? (1, 2) : (1, 1))
        let width = rect.width * dotsWide
        let height = rect.height * dotsHigh
        var bits = [UInt8](repeating: 0, count: rect.width * rect.height)
        var label = [Int](repeating: -1, count: rect.width * rect.height)
        let brailleBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        for index in usable {
            let p = points[index]
            let dx = maxX > minX ? Int((p.x - minX) / (maxX - minX) * Double(width - 1)) : width / 2
            let dy = maxY > minY ? Int((maxY - p.y) / (maxY - minY) * Double(height - 1)) : height / 2
            let cell = (dy / dotsHigh) * rect.width + dx / dotsWide
            bits[cell] |= dotsWide == 2 ? brailleBits[dx % 2][dy % 4] : UInt8(1 << (dy % dotsHigh))
            label[cell] = labels.map { index < $0.count ? Int($0[index]) : 0 } ?? 0
        }
        for row in 0..<rect.height {
            for column in 0..<rect.width {
                let cell = row * rect.width + column
                guard bits[cell] != 0 else { continue }
                let value = max(0, label[cell])
                let glyph: Character
                switch glyphs {
                case .braille: glyph = Character(Unicode.Scalar(0x2800 + UInt32(bits[cell])) ?? "*")
                case .block: glyph = bits[cell] == 3 ? "█" : (bits[cell] == 1 ? "▀" : "▄")
                case .ascii: glyph = labels == nil ? "*" : Character(String(value % 10))
                }
                let color: CellColor? = colors == .none ? nil : .heat(4 + (value % 10) * (CellColor.heatSteps - 5) / 9)
                canvas.put(
                    Cell(glyph: glyph, role: .heatHigh, foreground: color), x: rect.x + column, y: rect.y + row,
                    clip: rect)
            }
        }
    }
}
