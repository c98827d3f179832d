// Trainer+Pairing: what a paired comparison needs from two runs: the same starting weights
// where their shapes allow, the same generator (so the same batch orders), and the batch
// order itself to check it.

extension Trainer {
    /// The shuffled sample order of the current epoch (empty before the first batch).
    public var epochOrder: [Int32] { order }

    /// Makes this run start where `other` starts, for a paired comparison: every parameter
    /// tensor with the same name is copied from `other`, wholly when the shapes match, else the
    /// overlapping block (the first min(rows) × min(columns)), so with different code sizes the
    /// shared units still start alike. The random generator takes `other`'s state, so both runs
    /// shuffle their batches in the same order.
    /// - Returns: The names of the tensors copied, with " (partly)" for overlapping blocks.
    /// - Precondition: Neither run has trained yet (call right after both are built).
    @discardableResult
    public func shareInitialState(with other: Trainer) -> [String] {
        precondition(step == 0 && other.step == 0, "initial state can only be shared before training")
        var copied: [String] = []
        let p = model.parameters.pointer
        let q = other.model.parameters.pointer
        for tensor in model.layout.tensors {
            guard let source = other.model.layout.tensors.first(where: { $0.name == tensor.name }),
                source.shape.count == tensor.shape.count, (1...2).contains(tensor.shape.count)
            else { continue }
            let rows = tensor.shape.count == 2 ? min(tensor.shape[0], source.shape[0]) : 1
            let columns = min(tensor.shape.last ?? 0, source.shape.last ?? 0)
            let mineWidth = tensor.shape.last ?? 0
            let theirWidth = source.shape.last ?? 0
            for r in 0..<rows {
                (p + tensor.offset + r * mineWidth).update(from: q + source.offset + r * theirWidth, count: columns)
            }
            copied.append(tensor.name + (source.shape == tensor.shape ? "" : " (partly)"))
        }
        drawLike(other)
        return copied
    }
}
