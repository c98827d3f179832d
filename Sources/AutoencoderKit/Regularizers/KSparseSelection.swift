// KSparseSelection: keep the k largest code activations of each example, zero the rest
// (Makhzani and Frey, "k-Sparse Autoencoders", ICLR 2014 / arXiv 2013).
//
// Shapes: B = batch, H = code units. The selection is a mask m (B×H, 1 for kept units):
// forward h ← h ⊙ m; backward dh ← dh ⊙ m, applied before the code activation's derivative,
// so gradient reaches only the kept units whatever the activation (tanh' = 1 at h = 0 would
// otherwise leak gradient into dropped units). Ties at the k-th value keep the lower index.

/// The per-example top-k mask of a batch.
public final class KSparseSelection<T: EngineScalar> {
    public let k: Int
    public let width: Int
    private var mask: [Bool]
    private var order: [Int]

    public init(k: Int, width: Int, capacity: Int) {
        self.k = k
        self.width = width
        mask = [Bool](repeating: false, count: capacity * width)
        order = Array(0..<width)
    }

    /// Keeps the k largest values of each row of h (B×H) in place and records the mask.
    public func select(_ h: UnsafeMutablePointer<T>, batch: Int) {
        if mask.count < batch * width { mask = [Bool](repeating: false, count: batch * width) }
        for b in 0..<batch {
            let row = h + b * width
            for i in 0..<width { order[i] = i }
            order.sort { row[$0] > row[$1] || (row[$0] == row[$1] && $0 < $1) }
            for i in 0..<width { mask[b * width + i] = false }
            for i in 0..<min(k, width) { mask[b * width + order[i]] = true }
            for i in 0..<width where !mask[b * width + i] { row[i] = 0 }
        }
    }

    /// Zeroes the gradient of every dropped unit (B×H).
    public func maskGradient(_ dh: UnsafeMutablePointer<T>, batch: Int) {
        for i in 0..<(batch * width) where !mask[i] { dh[i] = 0 }
    }
}
