// EntropyFloor: the smallest cross-entropy any model can reach on grey-level images.
//
// BCE(x, r) = -x ln r - (1-x) ln(1-r) is minimized at r = x, where it equals the binary
// entropy H(x) = -x ln x - (1-x) ln(1-x). On grey-level pixels (0 < x < 1) H(x) > 0, so even a
// perfect reconstruction has a positive loss; only black-and-white data reach zero.

import Foundation

extension ReconstructionLoss {
    /// The mean binary entropy of the pixels of `set` in nats per pixel: the BCE/px of a perfect
    /// reconstruction. Zero for MSE (a perfect reconstruction has zero squared error).
    /// - Complexity: O(N·D), with a 256-entry table for the pixel values.
    public func floor(on set: ImageSet) -> Double {
        guard self == .bce, !set.pixels.isEmpty else { return 0 }
        let table = (0..<256).map { value -> Double in
            let x = Double(value) / 255
            guard x > 0, x < 1 else { return 0 }
            return -x * log(x) - (1 - x) * log(1 - x)
        }
        var counts = [Int](repeating: 0, count: 256)
        for pixel in set.pixels { counts[Int(pixel)] += 1 }
        let total = zip(counts, table).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        return total / Double(set.pixels.count)
    }
}
