// DigitStrokes: pen-stroke templates for the ten digits, a few handwriting styles each.
//
// Coordinates: x to the right, y downward, the digit's height spanning y = 0...1 and its width
// about x = 0...0.65. A stroke is a list of control points that a Catmull-Rom spline passes
// through (a two-point stroke is a straight line); a corner is where one stroke ends and the
// next begins at the same point. Closed strokes loop back to their first point.

/// One pen stroke: control points of a Catmull-Rom spline.
struct DigitStroke: Sendable {
    var points: [SIMD2<Float>]
    var closed: Bool

    init(_ points: [(Float, Float)], closed: Bool = false) {
        self.points = points.map { SIMD2($0.0, $0.1) }
        self.closed = closed
    }

    /// Points on an ellipse from `start` to `end` degrees (0° = right, 90° = down).
    static func arc(
        center: (Float, Float), radii: (Float, Float), from start: Float, to end: Float, count: Int
    ) -> [(Float, Float)] {
        (0..<count).map { i in
            let t = Float(i) / Float(count - 1)
            let angle = (start + (end - start) * t) * .pi / 180
            return (center.0 + radii.0 * _cosf(angle), center.1 + radii.1 * _sinf(angle))
        }
    }

    /// A closed ellipse through `count` points.
    static func ellipse(center: (Float, Float), radii: (Float, Float), count: Int = 8) -> DigitStroke {
        let points = arc(
            center: center, radii: radii, from: -90, to: 270 - 360 / Float(count), count: count)
        return DigitStroke(points, closed: true)
    }
}

/// One way of writing a digit, with its relative frequency among the digit's styles.
struct DigitStyle: Sendable {
    var weight: Float
    var strokes: [DigitStroke]
}

/// The styles of each digit, indexed by the digit.
enum DigitStrokes {
    static let styles: [[DigitStyle]] = [zero, one, two, three, four, five, six, seven, eight, nine]

    static let zero = [
        DigitStyle(weight: 3, strokes: [.ellipse(center: (0.3, 0.5), radii: (0.28, 0.5))]),
        // Started at the top, slightly overshooting where it began.
        DigitStyle(
            weight: 2,
            strokes: [
                DigitStroke(
                    DigitStroke.arc(center: (0.3, 0.5), radii: (0.27, 0.5), from: -105, to: 265, count: 11))
            ]),
        DigitStyle(weight: 1, strokes: [.ellipse(center: (0.3, 0.5), radii: (0.2, 0.5))]),
    ]

    static let one = [
        DigitStyle(weight: 4, strokes: [DigitStroke([(0.32, 0.0), (0.3, 0.5), (0.28, 1.0)])]),
        DigitStyle(
            weight: 2,
            strokes: [  // with a flag
                DigitStroke([(0.1, 0.22), (0.33, 0.0)]),
                DigitStroke([(0.33, 0.0), (0.32, 0.5), (0.3, 1.0)]),
            ]),
        DigitStyle(
            weight: 1,
            strokes: [  // flag and base
                DigitStroke([(0.1, 0.2), (0.33, 0.0)]),
                DigitStroke([(0.33, 0.0), (0.33, 0.5), (0.33, 1.0)]),
                DigitStroke([(0.1, 1.0), (0.56, 1.0)]),
            ]),
    ]

    static let two = [
        DigitStyle(
            weight: 3,
            strokes: [
                DigitStroke([
                    (0.04, 0.22), (0.16, 0.05), (0.34, 0.0), (0.53, 0.08), (0.58, 0.26),
                    (0.48, 0.48), (0.25, 0.72), (0.02, 0.97),
                ]),
                DigitStroke([(0.02, 0.97), (0.33, 0.95), (0.65, 0.97)]),
            ]),
        // With a curl where the diagonal meets the base.
        DigitStyle(
            weight: 2,
            strokes: [
                DigitStroke([
                    (0.04, 0.24), (0.18, 0.04), (0.38, 0.0), (0.55, 0.12), (0.55, 0.32),
                    (0.4, 0.55), (0.2, 0.76), (0.06, 0.93), (0.14, 0.99), (0.26, 0.9),
                    (0.42, 0.93), (0.65, 0.98),
                ])
            ]),
    ]

    static let three = [
        DigitStyle(
            weight: 3,
            strokes: [
                DigitStroke([(0.05, 0.12), (0.26, 0.0), (0.48, 0.05), (0.52, 0.24), (0.26, 0.45)]),
                DigitStroke([
                    (0.26, 0.45), (0.52, 0.55), (0.59, 0.77), (0.42, 0.96), (0.18, 0.99), (0.02, 0.86),
                ]),
            ]),
        // Flat top (a "Z" with a belly).
        DigitStyle(
            weight: 1,
            strokes: [
                DigitStroke([(0.04, 0.02), (0.58, 0.02)]),
                DigitStroke([(0.58, 0.02), (0.24, 0.42)]),
                DigitStroke([(0.24, 0.42), (0.5, 0.5), (0.6, 0.74), (0.44, 0.96), (0.18, 0.99), (0.02, 0.86)]
                ),
            ]),
    ]

    static let four = [
        DigitStyle(
            weight: 2,
            strokes: [  // closed top
                DigitStroke([(0.46, 0.0), (0.02, 0.66)]),
                DigitStroke([(0.02, 0.66), (0.34, 0.65), (0.66, 0.66)]),
                DigitStroke([(0.46, 0.0), (0.46, 0.5), (0.45, 1.0)]),
            ]),
        DigitStyle(
            weight: 2,
            strokes: [  // open top
                DigitStroke([(0.08, 0.0), (0.04, 0.62)]),
                DigitStroke([(0.04, 0.62), (0.35, 0.61), (0.66, 0.6)]),
                DigitStroke([(0.5, 0.1), (0.5, 0.55), (0.49, 1.0)]),
            ]),
    ]

    static let five = [
        DigitStyle(
            weight: 2,
            strokes: [
                DigitStroke([(0.58, 0.02), (0.14, 0.02)]),
                DigitStroke([(0.14, 0.02), (0.1, 0.44)]),
                DigitStroke([
                    (0.1, 0.44), (0.3, 0.36), (0.52, 0.44), (0.6, 0.66), (0.5, 0.9), (0.28, 0.99),
                    (0.02, 0.88),
                ]),
            ]),
        // The bar added last, after the body.
        DigitStyle(
            weight: 2,
            strokes: [
                DigitStroke([(0.16, 0.04), (0.12, 0.46)]),
                DigitStroke([
                    (0.12, 0.46), (0.34, 0.4), (0.56, 0.5), (0.6, 0.72), (0.46, 0.94), (0.24, 0.99),
                    (0.03, 0.9),
                ]),
                DigitStroke([(0.16, 0.04), (0.4, 0.01), (0.62, 0.02)]),
            ]),
    ]

    static let six = [
        DigitStyle(
            weight: 2,
            strokes: [
                DigitStroke([
                    (0.52, 0.0), (0.3, 0.18), (0.12, 0.45), (0.06, 0.72), (0.16, 0.94), (0.34, 0.99),
                    (0.52, 0.88), (0.55, 0.68), (0.38, 0.56), (0.18, 0.6), (0.08, 0.72),
                ])
            ]),
        // A straighter stem and a rounder loop.
        DigitStyle(
            weight: 1,
            strokes: [
                DigitStroke([
                    (0.42, 0.0), (0.22, 0.32), (0.1, 0.66), (0.14, 0.9), (0.34, 1.0), (0.54, 0.88),
                    (0.56, 0.66), (0.38, 0.52), (0.18, 0.56), (0.1, 0.68),
                ])
            ]),
    ]

    static let seven = [
        DigitStyle(
            weight: 3,
            strokes: [
                DigitStroke([(0.02, 0.04), (0.32, 0.02), (0.62, 0.03)]),
                DigitStroke([(0.62, 0.03), (0.45, 0.42), (0.3, 1.0)]),
            ]),
        DigitStyle(
            weight: 1,
            strokes: [  // with a bar
                DigitStroke([(0.02, 0.04), (0.32, 0.02), (0.62, 0.03)]),
                DigitStroke([(0.62, 0.03), (0.46, 0.42), (0.32, 1.0)]),
                DigitStroke([(0.2, 0.52), (0.62, 0.5)]),
            ]),
        DigitStyle(
            weight: 1,
            strokes: [  // with a hook at the start
                DigitStroke([(0.02, 0.18), (0.03, 0.04)]),
                DigitStroke([(0.03, 0.04), (0.32, 0.03), (0.62, 0.04)]),
                DigitStroke([(0.62, 0.04), (0.44, 0.45), (0.34, 1.0)]),
            ]),
    ]

    static let eight = [
        DigitStyle(weight: 3, strokes: [figureEight(upper: 0.21, lower: 0.28)]),
        DigitStyle(
            weight: 1,
            strokes: [  // two stacked loops
                .ellipse(center: (0.31, 0.23), radii: (0.21, 0.23)),
                .ellipse(center: (0.3, 0.73), radii: (0.28, 0.27)),
            ]),
    ]

    static let nine = [
        DigitStyle(
            weight: 3,
            strokes: [
                .ellipse(center: (0.3, 0.26), radii: (0.27, 0.26)),
                DigitStroke([(0.56, 0.2), (0.54, 0.6), (0.5, 1.0)]),
            ]),
        DigitStyle(
            weight: 2,
            strokes: [  // curved tail
                .ellipse(center: (0.32, 0.25), radii: (0.26, 0.25)),
                DigitStroke([(0.58, 0.22), (0.53, 0.66), (0.36, 0.98)]),
            ]),
    ]

    /// An 8 drawn in one closed stroke crossing itself at the waist: x = a·sin 2t, with a
    /// smaller upper loop (a Lissajous figure, squeezed above the waist).
    private static func figureEight(upper: Float, lower: Float) -> DigitStroke {
        let count = 16
        let points: [(Float, Float)] = (0..<count).map { i in
            let t = 2 * Float.pi * Float(i) / Float(count)
            let y = 0.5 - 0.5 * _cosf(t)
            let a = y < 0.5 ? upper : lower
            let squeezed = y < 0.5 ? y * 0.9 : 0.45 + (y - 0.5) * 1.1
            return (0.3 + a * _sinf(2 * t), squeezed)
        }
        return DigitStroke(points, closed: true)
    }
}

#if canImport(Glibc)
    import Glibc
    @inline(__always) func _sinf(_ x: Float) -> Float { Glibc.sinf(x) }
    @inline(__always) func _cosf(_ x: Float) -> Float { Glibc.cosf(x) }
#elseif canImport(Darwin)
    import Darwin
    @inline(__always) func _sinf(_ x: Float) -> Float { Darwin.sinf(x) }
    @inline(__always) func _cosf(_ x: Float) -> Float { Darwin.cosf(x) }
#endif
