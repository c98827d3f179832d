// DigitsGenerator: the built-in `digits` dataset, handwritten-looking 28x28 digits drawn from
// pen-stroke templates, so aelab runs with no download.
//
// Each image: pick one of the digit's styles (DigitStrokes) -> move every control point by a
// smooth random displacement field (elastic jitter; points shared by two strokes move together,
// so corners stay joined) -> random affine warp (rotation, slant, width) -> Catmull-Rom splines
// through the points, sampled into short segments -> scaled so the larger side of the pen's path
// fits the 20x20 box and translated so the centre of mass (ink length) is at the image centre,
// as MNIST was normalised (LeCun et al., MNIST database page) -> drawn with an anti-aliased round
// pen of random width: a pixel's ink is clamp(r + 0.5 - distance to the path, 0, 1), the
// maximum over segments. Everything is a pure function of the seed.

/// Generates the built-in handwritten-looking digits.
public enum DigitsGenerator {
    /// Image side in pixels.
    public static let side = 28
    /// Default sizes of the built-in dataset.
    public static let defaultTrainCount = 10_000
    public static let defaultTestCount = 2_000
    public static let defaultValidationCount = 1_000

    /// The built-in dataset: `trainCount` images (the last `validationCount` of them held out as
    /// validation) and `testCount` test images, balanced over the ten digits.
    /// - Parameter seed: fixes every image; train and test come from independent streams.
    /// - Complexity: O(count); about 20 µs an image in a release build.
    public static func dataset(
        seed: UInt64, trainCount: Int = defaultTrainCount, testCount: Int = defaultTestCount,
        validationCount: Int = defaultValidationCount
    ) -> Dataset {
        let train = images(count: trainCount, seed: seed, name: "digits")
        let test =
            testCount > 0
            ? images(count: testCount, seed: seed ^ 0x7465_7374_5F64_6967, name: "digits test") : nil
        return Dataset(name: "digits", all: train, validationCount: validationCount, test: test)
    }

    /// `count` labelled digit images; each digit appears count/10 times (±1), in random order.
    /// - Complexity: O(count).
    public static func images(count: Int, seed: UInt64, name: String) -> ImageSet {
        var random = RandomGenerator(seed: seed)
        var labels = (0..<count).map { UInt8($0 % 10) }
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                labels.swapAt(i, random.nextIndex(below: i + 1))
            }
        }
        var renderer = DigitRenderer(random: random)
        let d = side * side
        let pixels = [UInt8](unsafeUninitializedCapacity: count * d) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for i in 0..<count {
                renderer.draw(digit: Int(labels[i]), into: base + i * d)
            }
            initialized = count * d
        }
        return ImageSet(name: name, rows: side, columns: side, pixels: pixels, labels: labels)
    }
}

/// Draws one digit at a time, reusing its scratch buffers.
struct DigitRenderer {
    var random: RandomGenerator
    /// Path points in drawing order, and whether each connects to the next.
    private var points: [SIMD2<Float>] = []
    private var connects: [Bool] = []
    private var coverage = [Float](repeating: 0, count: 28 * 28)
    private var controls: [SIMD2<Float>] = []

    init(random: RandomGenerator) {
        self.random = random
        points.reserveCapacity(512)
        connects.reserveCapacity(512)
    }

    /// Draws `digit` (0-9) as 28·28 bytes at `output`.
    mutating func draw(digit: Int, into output: UnsafeMutablePointer<UInt8>) {
        let style = pickStyle(DigitStrokes.styles[digit])
        let warp = Warp(random: &random)
        points.removeAll(keepingCapacity: true)
        connects.removeAll(keepingCapacity: true)
        for stroke in style.strokes {
            controls.removeAll(keepingCapacity: true)
            for p in stroke.points { controls.append(warp.apply(p)) }
            appendSpline(closed: stroke.closed)
        }
        let radius = 0.85 + 0.85 * random.nextUniform()
        placeInBox(radius: radius)
        render(radius: radius)
        coverage.withUnsafeBufferPointer { ink in
            for j in 0..<(28 * 28) {
                let v = ink[j] * 255 + 0.5  // coverage is in [0, 1]
                output[j] = v >= 255 ? 255 : UInt8(v)
            }
        }
    }

    private mutating func pickStyle(_ styles: [DigitStyle]) -> DigitStyle {
        let total = styles.reduce(0) { $0 + $1.weight }
        var u = random.nextUniform() * total
        for style in styles {
            if u < style.weight { return style }
            u -= style.weight
        }
        return styles[styles.count - 1]
    }

    /// Samples the uniform Catmull-Rom spline through `controls` into `points`.
    /// Segment from P1 to P2: q(t) = ½[2P1 + (P2 − P0)t + (2P0 − 5P1 + 4P2 − P3)t² + (3P1 − P0 − 3P2 + P3)t³]
    /// (Catmull and Rom, 1974); an open end uses the mirrored point 2P0 − P1.
    private mutating func appendSpline(closed: Bool) {
        let n = controls.count
        guard n >= 2 else { return }
        func control(_ i: Int) -> SIMD2<Float> {
            if closed { return controls[(i + n) % n] }
            if i < 0 { return 2 * controls[0] - controls[1] }
            if i >= n { return 2 * controls[n - 1] - controls[n - 2] }
            return controls[i]
        }
        let spans = closed ? n : n - 1
        points.append(controls[0])
        connects.append(true)
        for i in 0..<spans {
            let p0 = control(i - 1)
            let p1 = control(i)
            let p2 = control(i + 1)
            let p3 = control(i + 2)
            let (cx, cy) = (p2.x - p1.x, p2.y - p1.y)
            let steps = n == 2 ? 1 : max(3, Int((cx * cx + cy * cy).squareRoot() * 9) + 1)
            // Polynomial coefficients per axis (scalar: debug builds are slow on SIMD operators).
            let ax = 2 * p1.x
            let bx = p2.x - p0.x
            let qx = 2 * p0.x - 5 * p1.x + 4 * p2.x - p3.x
            let dx = 3 * p1.x - p0.x - 3 * p2.x + p3.x
            let ay = 2 * p1.y
            let by = p2.y - p0.y
            let qy = 2 * p0.y - 5 * p1.y + 4 * p2.y - p3.y
            let dy = 3 * p1.y - p0.y - 3 * p2.y + p3.y
            let step = 1 / Float(steps)
            for s in 1...steps {
                let t = Float(s) * step
                points.append(
                    SIMD2(
                        0.5 * (ax + t * (bx + t * (qx + t * dx))), 0.5 * (ay + t * (by + t * (qy + t * dy)))))
                connects.append(true)
            }
        }
        connects[connects.count - 1] = false
    }

    /// Scales the path so its larger side spans 20 px minus the pen width, and moves its centre
    /// of mass (segment midpoints weighted by length) to the image centre (14, 14).
    private mutating func placeInBox(radius: Float) {
        var (lowX, lowY, highX, highY) = (Float.infinity, Float.infinity, -Float.infinity, -Float.infinity)
        for p in points {
            if p.x < lowX { lowX = p.x }
            if p.x > highX { highX = p.x }
            if p.y < lowY { lowY = p.y }
            if p.y > highY { highY = p.y }
        }
        let extent = max(highX - lowX, highY - lowY, 1e-3)
        let scale = (20 - 2 * radius) / extent
        var (mass, centreX, centreY): (Float, Float, Float) = (0, 0, 0)
        for i in 0..<(points.count - 1) where connects[i] {
            let a = points[i]
            let b = points[i + 1]
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            mass += length
            centreX += length * 0.5 * (a.x + b.x)
            centreY += length * 0.5 * (a.y + b.y)
        }
        if mass > 0 {
            (centreX, centreY) = (centreX / mass, centreY / mass)
        } else {
            (centreX, centreY) = (0.5 * (lowX + highX), 0.5 * (lowY + highY))
        }
        let (offsetX, offsetY) = (14 - scale * centreX, 14 - scale * centreY)
        for i in points.indices {
            points[i] = SIMD2(scale * points[i].x + offsetX, scale * points[i].y + offsetY)
        }
    }

    /// Anti-aliased round pen: each pixel keeps the largest coverage of any segment. The radius
    /// swells and thins a little along the path, like pen pressure. Scalar arithmetic on raw
    /// pointers, so debug builds (tests) stay fast too.
    private mutating func render(radius: Float) {
        for j in coverage.indices { coverage[j] = 0 }
        let phase = 6.2831853 * random.nextUniform()
        var travelled: Float = 0
        let count = points.count
        coverage.withUnsafeMutableBufferPointer { ink in
            points.withUnsafeBufferPointer { path in
                connects.withUnsafeBufferPointer { joined in
                    guard let ink = ink.baseAddress, let path = path.baseAddress,
                        let joined = joined.baseAddress
                    else { return }
                    for i in 0..<(count - 1) where joined[i] {
                        travelled += stamp(
                            from: path[i], to: path[i + 1], on: ink,
                            radius: radius * (1 + 0.15 * _sinf(phase + 0.3 * travelled)))
                    }
                }
            }
        }
    }
}

/// Inks one segment with a round pen of `radius` into the 28x28 `ink`; returns its length.
private func stamp(
    from a: SIMD2<Float>, to b: SIMD2<Float>, on ink: UnsafeMutablePointer<Float>, radius: Float
) -> Float {
    let ax = a.x
    let ay = a.y
    let abx = b.x - ax
    let aby = b.y - ay
    let lengthSquared = abx * abx + aby * aby
    let reach = radius + 0.5
    let reachSquared = reach * reach
    let x0 = max(0, Int((min(ax, b.x) - reach).rounded(.down)))
    let x1 = min(27, Int((max(ax, b.x) + reach).rounded(.up)))
    let y0 = max(0, Int((min(ay, b.y) - reach).rounded(.down)))
    let y1 = min(27, Int((max(ay, b.y) + reach).rounded(.up)))
    guard x0 <= x1 && y0 <= y1 else { return lengthSquared.squareRoot() }
    let inverse: Float = lengthSquared > 1e-12 ? 1 / lengthSquared : 0
    for y in y0...y1 {
        let py = Float(y) + 0.5 - ay
        for x in x0...x1 {
            let px = Float(x) + 0.5 - ax
            var t = (px * abx + py * aby) * inverse
            if t < 0 { t = 0 } else if t > 1 { t = 1 }
            let qx = px - t * abx
            let qy = py - t * aby
            let distanceSquared = qx * qx + qy * qy
            if distanceSquared < reachSquared {  // most of the box is beyond the pen: no root
                let value = min(reach - distanceSquared.squareRoot(), 1)
                let k = y * 28 + x
                if value > ink[k] { ink[k] = value }
            }
        }
    }
    return lengthSquared.squareRoot()
}

/// One image's random geometry: elastic displacement of control points, then an affine warp
/// about the digit's centre (0.3, 0.5).
private struct Warp {
    /// Two plane waves per axis: displacement = Σ amplitude · sin(frequency · (direction · p) + phase).
    var waves: [(amplitude: SIMD2<Float>, direction: SIMD2<Float>, phase: Float)] = []
    var matrix: (SIMD2<Float>, SIMD2<Float>)  // rows of the 2x2 linear map

    init(random: inout RandomGenerator) {
        for _ in 0..<3 {
            let angle = 6.2831853 * random.nextUniform()
            let frequency = 6.2831853 * (0.4 + 0.6 * random.nextUniform())
            let amplitude = SIMD2(
                clamp(0.022 * random.nextNormal(), 0.05), clamp(0.022 * random.nextNormal(), 0.05))
            waves.append(
                (amplitude, frequency * SIMD2(_cosf(angle), _sinf(angle)), 6.2831853 * random.nextUniform()))
        }
        let rotation = clamp(0.12 * random.nextNormal(), 0.3)
        let slant = 0.12 + clamp(0.18 * random.nextNormal(), 0.4)
        let width = 0.75 + 0.45 * random.nextUniform()
        let c = _cosf(rotation)
        let s = _sinf(rotation)
        // Rotation · shear · scale: x' = width·x − slant·y, then rotate.
        let m00 = c * width
        let m01 = -c * slant - s
        let m10 = s * width
        let m11 = -s * slant + c
        matrix = (SIMD2(m00, m01), SIMD2(m10, m11))
    }

    func apply(_ p: SIMD2<Float>) -> SIMD2<Float> {
        var q = p
        for wave in waves {
            q += wave.amplitude * _sinf((wave.direction * p).sum() + wave.phase)
        }
        let centred = q - SIMD2(0.3, 0.5)
        return SIMD2((matrix.0 * centred).sum(), (matrix.1 * centred).sum())
    }
}

@inline(__always)
private func clamp(_ x: Float, _ limit: Float) -> Float { min(max(x, -limit), limit) }
