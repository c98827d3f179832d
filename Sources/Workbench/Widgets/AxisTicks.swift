// AxisTicks: the x axis's tick labels, at values a person would pick: whole epochs in steps of
// 1, 2 or 5 × 10^k once the range spans two epochs, tenths before that; placed at their columns
// with at least a space between labels.
import AutoencoderKit
import Foundation
import Pictures

/// A tick label and the column it starts at.
struct AxisTick: Equatable {
    var label: String
    var column: Int
}

enum AxisTicks {
    /// The step between ticks: 1, 2 or 5 × 10^k, at least 1 when `wholeFrom` ≤ the span.
    static func step(span: Double, most: Int, wholeFrom: Double = 2) -> Double {
        let nice = ChartTicks(low: 0, high: max(span, 1e-9), target: most).step
        return span >= wholeFrom ? max(1, nice.rounded()) : nice
    }

    /// Ticks for values `minX`...`maxX` drawn over `width` columns from `x`, leaving the last
    /// `reserved` columns free (for the axis name).
    static func ticks(minX: Double, maxX: Double, x: Int, width: Int, reserved: Int) -> [AxisTick] {
        guard maxX > minX, width > 1 else { return [] }
        let usable = width - reserved
        var most = max(1, usable / 6)
        while most >= 1 {
            let step = Self.step(span: maxX - minX, most: most)
            let decimals = step >= 1 ? 0 : max(0, -Int(log10(step).rounded(.down)))
            var ticks: [AxisTick] = []
            var value = (minX / step).rounded(.up) * step
            var fits = true
            while value <= maxX + step * 1e-9 {
                let label = String(format: "%.\(decimals)f", value)
                let column = x + Int(((value - minX) / (maxX - minX) * Double(width - 1)).rounded())
                let start = min(column, x + usable - label.count)
                if let last = ticks.last, start <= last.column + last.label.count { fits = false }
                if start < x { fits = false }
                ticks.append(AxisTick(label: label, column: start))
                value += step
            }
            if fits { return ticks }
            most -= 1
        }
        return []
    }
}
