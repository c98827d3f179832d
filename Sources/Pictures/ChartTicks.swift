// ChartTicks: "nice" axis ticks (steps of 1, 2 or 5 × 10^k) and compact labels for them.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tick positions covering a data range, and their labels (the workbench's x axis uses `step`).
package struct ChartTicks {
    /// The axis range after widening to whole steps.
    let low: Double
    let high: Double
    /// Distance between ticks.
    package let step: Double
    /// Tick values from low to high.
    let values: [Double]

    /// Ticks covering [low, high] with about `target` intervals.
    package init(low dataLow: Double, high dataHigh: Double, target: Int) {
        var a = dataLow
        var b = dataHigh
        if a == b {
            let pad = a == 0 ? 1 : abs(a) * 0.1
            a -= pad
            b += pad
        }
        let span = b - a
        let raw = span.isFinite && span > 0 ? span / Double(max(1, target)) : 1
        let magnitude = pow10(Int(log10(raw).rounded(.down)))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        step = nice * magnitude
        low = (a / step).rounded(.down) * step
        high = (b / step).rounded(.up) * step
        let count = min(1_000, Int(((high - low) / step).rounded()))
        let (first, spacing) = (low, step)
        values = (0...max(0, count)).map { first + Double($0) * spacing }
    }

    /// A short label: fixed decimals matching the step, or an exponent form for very large or
    /// very small numbers ("2e-4", "1.5e6").
    func label(_ value: Double) -> String {
        let v = abs(value) < step * 1e-9 ? 0 : value
        let largest = max(abs(low), abs(high))
        if largest >= 1e6 || step < 1e-3 {
            return ChartTicks.exponent(v)
        }
        let decimals = max(0, -Int(log10(step).rounded(.down)))
        return ChartTicks.fixed(v, decimals: decimals)
    }

    /// `value` with exactly `decimals` digits after the point.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let scaled = (abs(value) * scale).rounded()
        var digits = String(Int64(scaled))
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (value < 0 && scaled != 0 ? "-" : "") + digits
    }

    /// `value` as mantissa (up to two decimals, trailing zeros dropped) and exponent.
    static func exponent(_ value: Double) -> String {
        guard value != 0 else { return "0" }
        var e = Int(log10(abs(value)).rounded(.down))
        var mantissa = value / pow10(e)
        if abs(mantissa) >= 9.995 {
            e += 1
            mantissa /= 10
        }
        var text = fixed(mantissa, decimals: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "e" + String(e)
    }
}

/// 10^n for integer n.
func pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(n) { result *= 10 }
    return n < 0 ? 1 / result : result
}
