// ModelInspector+Filters: the weights as images: one D-vector of weights per unit, what the
// unit looks for (encoder rows) or paints (decoder columns).
//
// Shapes: D = input (784), K = units of the layer next to the pixels, W[out, in] row-major.

extension ModelInspector {
    /// The weights that connect pixels to units, one D-vector per unit: the columns of the
    /// decoder's last layer (what each unit of the layer below the output paints) or the rows of
    /// the encoder's first layer (what each first-layer unit looks for).
    /// - Parameters:
    ///   - decoder: true for decoder columns, false for encoder rows.
    ///   - limit: at most this many units, from the first.
    public func pixelWeights(decoder: Bool, limit: Int) -> [[Float]] {
        let layers = model.layout.layers
        guard let first = layers.first, let last = layers.last else { return [] }
        let p = model.parameters.pointer
        if decoder {
            // last layer W[D, K]; column k is the image unit k paints. Tied: W_dec = W_encᵀ,
            // stored as the encoder's [K, D], so column k is row k of that matrix.
            let k = last.inputSize
            let d = last.outputSize
            let w = p + last.weightOffset
            return (0..<min(k, limit)).map { unit in
                last.usesTransposedWeight
                    ? Array(UnsafeBufferPointer(start: w + unit * d, count: d))
                    : (0..<d).map { w[$0 * k + unit] }
            }
        }
        let d = first.inputSize
        let w = p + first.weightOffset
        return (0..<min(first.outputSize, limit)).map { Array(UnsafeBufferPointer(start: w + $0 * d, count: d)) }
    }
}
