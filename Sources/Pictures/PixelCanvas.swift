// PixelCanvas: a small RGB raster for exported pictures (loss charts, image grids) as PNG.
//
// Drawing clips silently at the edges, so callers can lay out without bounds checks.
// Coordinates: x to the right, y down, (0, 0) the top-left pixel.

import Formats

/// An 8-bit RGB colour.
public struct RGB: Sendable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// A colour from 0xRRGGBB.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    public static let white = RGB(255, 255, 255)
    public static let black = RGB(0, 0, 0)
}

/// A width × height RGB image in memory.
public struct PixelCanvas: Sendable, Equatable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major R, G, B bytes: width × height × 3.
    public private(set) var pixels: [UInt8]

    /// A canvas filled with `background`.
    /// - Precondition: width ≥ 1 and height ≥ 1.
    public init(width: Int, height: Int, background: RGB = .white) {
        precondition(width >= 1 && height >= 1, "PixelCanvas needs at least 1x1 pixels")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        fillRect(x: 0, y: 0, width: width, height: height, color: background)
    }

    /// The colour at (x, y), or nil outside the canvas.
    public func color(x: Int, y: Int) -> RGB? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 3
        return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Sets one pixel; does nothing outside the canvas.
    public mutating func set(x: Int, y: Int, color: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 3
        pixels[i] = color.r
        pixels[i + 1] = color.g
        pixels[i + 2] = color.b
    }

    /// Fills the rectangle with its top-left corner at (x, y), clipped to the canvas.
    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, color: RGB) {
        let x0 = max(0, x)
        let y0 = max(0, y)
        let x1 = min(width, x + w)
        let y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for column in x0..<x1 { set(x: column, y: row, color: color) }
        }
    }

    /// Draws the one-pixel outline of a rectangle.
    public mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, color: RGB) {
        guard w > 0, h > 0 else { return }
        fillRect(x: x, y: y, width: w, height: 1, color: color)
        fillRect(x: x, y: y + h - 1, width: w, height: 1, color: color)
        fillRect(x: x, y: y, width: 1, height: h, color: color)
        fillRect(x: x + w - 1, y: y, width: 1, height: h, color: color)
    }

    /// Draws a straight line between two pixel centres (Bresenham), both ends included.
    /// - Parameter thickness: side of the square pen, in pixels.
    /// - Complexity: O(length × thickness²).
    public mutating func drawLine(
        from start: (x: Int, y: Int), to end: (x: Int, y: Int), color: RGB, thickness: Int = 1
    ) {
        let pen = max(1, thickness)
        let offset = (pen - 1) / 2
        var (x, y) = start
        let dx = abs(end.x - x)
        let dy = -abs(end.y - y)
        let sx = x < end.x ? 1 : -1
        let sy = y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            if pen == 1 {
                set(x: x, y: y, color: color)
            } else {
                fillRect(x: x - offset, y: y - offset, width: pen, height: pen, color: color)
            }
            if x == end.x && y == end.y { return }
            let e2 = 2 * error
            if e2 >= dy {
                error += dy
                x += sx
            }
            if e2 <= dx {
                error += dx
                y += sy
            }
        }
    }

    /// Draws `text` in the 5x7 `BitmapFont` with its top-left corner at (x, y).
    /// - Parameters:
    ///   - scale: each font pixel becomes scale × scale canvas pixels.
    ///   - vertical: when true the text runs upwards (rotated 90° counter-clockwise), for a
    ///     y-axis label; (x, y) is then the bottom-left corner of the rotated text.
    public mutating func drawText(
        _ text: String, x: Int, y: Int, color: RGB, scale: Int = 1, vertical: Bool = false
    ) {
        let s = max(1, scale)
        for (index, character) in text.enumerated() {
            let rows = BitmapFont.rows(for: character)
            let origin = index * BitmapFont.advance * s
            for (row, bits) in rows.enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
                    let u = origin + column * s  // along the text
                    let v = row * s  // across the text, from its top
                    if vertical {
                        fillRect(x: x + v, y: y - u - s + 1, width: s, height: s, color: color)
                    } else {
                        fillRect(x: x + u, y: y + v, width: s, height: s, color: color)
                    }
                }
            }
        }
    }

    /// Copies a grey image onto the canvas, each pixel as a factor × factor block.
    /// - Parameters:
    ///   - grey: row-major intensities, 0 black to 255 white; `width × height` of them.
    ///   - x, y: where the top-left corner goes.
    /// - Precondition: `grey.count == width * height`, factor ≥ 1.
    public mutating func blitGrey(
        _ grey: some Collection<UInt8>, width w: Int, height h: Int, x: Int, y: Int, factor: Int = 1
    ) {
        precondition(grey.count == w * h && factor >= 1, "blitGrey: \(grey.count) pixels for \(w)x\(h)")
        for (index, value) in grey.enumerated() {
            let (row, column) = index.quotientAndRemainder(dividingBy: w)
            fillRect(
                x: x + column * factor, y: y + row * factor, width: factor, height: factor,
                color: RGB(value, value, value))
        }
    }

    /// Copies a grey image given as values in [0, 1] (clamped; NaN draws black).
    public mutating func blitGrey(
        values: some Collection<Float>, width w: Int, height h: Int, x: Int, y: Int, factor: Int = 1
    ) {
        let bytes = values.map { v -> UInt8 in
            guard v.isFinite || v == .infinity else { return 0 }
            return UInt8((min(max(v, 0), 1) * 255).rounded())
        }
        blitGrey(bytes, width: w, height: h, x: x, y: y, factor: factor)
    }

    /// The canvas as PNG bytes (8-bit RGB).
    public func pngBytes() -> [UInt8] {
        PNGWriter.encode(width: width, height: height, pixels: pixels, channels: 3)
    }

    /// Writes the canvas as a PNG file, atomically.
    /// - Throws: `FileError` naming the path.
    public func writePNG(to path: String) throws(FileError) {
        try AtomicFile.write(pngBytes(), to: path)
    }
}
