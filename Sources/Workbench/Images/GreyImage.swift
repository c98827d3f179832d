// GreyImage: an 8-bit grey picture (row-major, 0 black ... 255 white) handed to the image
// protocols, and its nearest-neighbour enlargement by a whole factor (so every source pixel
// stays an exact square of identical pixels: no terminal-side filtering blurs it).

/// An 8-bit grey picture, row-major.
public struct GreyImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    /// - Precondition: `pixels.count == width * height`, both sizes positive.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(
            width > 0 && height > 0 && pixels.count == width * height,
            "GreyImage: \(pixels.count) pixels for \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Grey from unit-interval floats (clamped; rounded to the nearest of 256 levels).
    public init(width: Int, height: Int, unitValues: [Float]) {
        let bytes = unitValues.map { v -> UInt8 in
            let c = v.isFinite ? min(max(v, 0), 1) : 0
            return UInt8((c * 255).rounded())
        }
        self.init(width: width, height: height, pixels: bytes)
    }

    public func pixel(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// Each pixel becomes a `factor` x `factor` square.
    /// - Complexity: O(width * height * factor²).
    public func scaled(by factor: Int) -> GreyImage {
        precondition(factor >= 1, "scale factor \(factor) must be at least 1")
        if factor == 1 { return self }
        let w = width * factor
        let h = height * factor
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            let sourceRow = (y / factor) * width
            for x in 0..<w { out[y * w + x] = pixels[sourceRow + x / factor] }
        }
        return GreyImage(width: w, height: h, pixels: out)
    }

    /// A 32-bit FNV-1a hash of the size and pixels: the content key that decides whether an
    /// image must be sent again. Stable across runs (unlike `Hasher`).
    public var contentHash: UInt32 {
        var h: UInt32 = 2_166_136_261
        func mix(_ b: UInt8) { h = (h ^ UInt32(b)) &* 16_777_619 }
        for v in [width, height] { for s in stride(from: 0, to: 32, by: 8) { mix(UInt8((v >> s) & 0xFF)) } }
        for p in pixels { mix(p) }
        return h
    }
}
