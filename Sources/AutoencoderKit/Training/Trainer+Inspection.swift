// Trainer+Inspection: looking inside a trained model without changing it: decoding chosen
// codes, the encoder's Jacobian norm, and the weights as images (filters).
//
// Shapes: N = samples, D = input (784), H = code units, W[out, in] row-major per layer.

extension Trainer {
    /// Decodes code vectors: r = g(h) for each row, by running the model with its code layer
    /// overwritten (the encoder's output is discarded).
    /// - Parameter codes: N codes of H values each (shorter rows are padded with zeros).
    /// - Returns: N reconstructions of D values in the output activation's range.
    /// - Complexity: One forward pass per `batchSize` codes.
    public func decode(codes: [[Float]]) -> [[Float]] {
        let d = config.architecture.inputSize
        let h = config.architecture.codeSize
        let zeros = FloatBuffer(count: min(max(codes.count, 1), config.batchSize) * d)
        var result: [[Float]] = []
        var start = 0
        while start < codes.count {
            let size = min(config.batchSize, codes.count - start)
            let chunk = codes[start..<(start + size)]
            model.forward(zeros.pointer, batch: size) { code, _ in
                for (row, values) in chunk.enumerated() {
                    for j in 0..<h { code[row * h + j] = j < values.count ? values[j] : 0 }
                }
            }
            for row in 0..<size {
                result.append(Array(UnsafeBufferPointer(start: model.reconstruction + row * d, count: d)))
            }
            start += size
        }
        return result
    }

    /// The Frobenius norm of the encoder's Jacobian ‖∂h/∂x‖_F, averaged over the given codes;
    /// the quantity the contractive penalty (Goodfellow et al. 14.2.3, Rifai et al. 2011) shrinks.
    ///
    /// For a one-layer encoder h = f(Wx + b): ‖J‖²_F = Σ_j f'(a_j)² ‖W_j‖², with f' taken from
    /// the output a = h (see Activation). Deeper encoders return nil (not computed).
    /// - Parameter codes: Code activations (N × H) from `probe`.
    public func jacobianNorm(codes: [[Float]]) -> Double? {
        guard config.architecture.depth == 1, !codes.isEmpty else { return nil }
        let layer = model.layout.layers[0]
        let h = layer.outputSize, d = layer.inputSize
        let w = model.parameters.pointer + layer.weightOffset
        var rowNorms = [Float](repeating: 0, count: h)
        for j in 0..<h {
            var sum: Float = 0
            for i in 0..<d { sum += w[j * d + i] * w[j * d + i] }
            rowNorms[j] = sum
        }
        var total = 0.0
        var slope = [Float](repeating: 1, count: h)
        for code in codes where code.count == h {
            for j in 0..<h { slope[j] = 1 }
            code.withUnsafeBufferPointer { a in
                slope.withUnsafeMutableBufferPointer { g in
                    if let a = a.baseAddress, let g = g.baseAddress {
                        layer.activation.backward(output: a, gradient: g, count: h)
                    }
                }
            }
            var squared: Float = 0
            for j in 0..<h { squared += slope[j] * slope[j] * rowNorms[j] }
            total += Double(squared).squareRoot()
        }
        return total / Double(codes.count)
    }

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
            let k = last.inputSize, d = last.outputSize
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
