// Trainer+Inspection: looking inside a trained model without changing it: decoding chosen
// codes, the encoder's Jacobian norm, and the weights as images (filters).
//
// Shapes: N = samples, D = input (784), H = code units, W[out, in] row-major per layer.

extension Trainer {
    /// Decodes code vectors: r = g(h) for each row, through the decoder only
    /// (`Autoencoder.decode`; for a VAE the rows are z).
    /// - Parameter codes: N codes of H values each (shorter rows are padded with zeros).
    /// - Returns: N reconstructions of D values in the output activation's range.
    /// - Complexity: One decoder pass per `batchSize` codes.
    public func decode(codes: [[Float]]) -> [[Float]] {
        let d = config.architecture.inputSize
        let h = config.architecture.codeSize
        let z = FloatBuffer(count: min(max(codes.count, 1), config.batchSize) * h)
        var result: [[Float]] = []
        for batch in InspectionBatches(count: codes.count, batchSize: config.batchSize) {
            let size = batch.count
            for (row, values) in codes[batch].enumerated() {
                for j in 0..<h { z[row * h + j] = j < values.count ? values[j] : 0 }
            }
            model.decode(UnsafePointer(z.pointer), batch: size)
            for row in 0..<size {
                result.append(Array(UnsafeBufferPointer(start: model.reconstruction + row * d, count: d)))
            }
        }
        return result
    }

    /// Decodes `count` codes drawn from the prior N(0, I) with a generator seeded by `seed`
    /// (`Autoencoder.decodePrior`): new images from a VAE; the run's own generator is untouched.
    /// - Returns: `count` images of D values, or none for a model without a stochastic code.
    public func decodePrior(count: Int, seed: UInt64) -> [[Float]] {
        guard config.architecture.stochasticCode, count > 0 else { return [] }
        var random = RandomGenerator(seed: seed)
        return model.decodePrior(count: count, random: &random)
    }

    /// The Frobenius norm of the encoder's Jacobian ‖∂h/∂x‖_F, averaged over the given codes;
    /// the quantity the contractive penalty (Goodfellow et al. 14.2.3, Rifai et al. 2011) shrinks.
    ///
    /// For a one-layer encoder h = f(Wx + b): ‖J‖²_F = Σ_j f'(a_j)² ‖W_j‖², with f' taken from
    /// the output a = h (see Activation). Deeper, stochastic (VAE) and k-sparse encoders return
    /// nil (not computed).
    /// - Parameter codes: Code activations (N × H) from `probe`.
    public func jacobianNorm(codes: [[Float]]) -> Double? {
        guard hasClosedFormJacobian, !codes.isEmpty else { return nil }
        let s = encoderRowSquares()
        let h = s.count
        var total = 0.0
        for code in codes where code.count == h {
            code.withUnsafeBufferPointer { c in
                if let c = c.baseAddress { total += jacobianNormSum(codes: c, rows: 1, rowSquares: s) }
            }
        }
        return total / Double(codes.count)
    }

    /// Mean ‖∂h/∂x‖_F over `set` (see `jacobianNorm(codes:)`), or nil for models without it.
    /// - Complexity: one forward pass over `set`.
    public func meanJacobianFrobenius(_ set: ImageSet) -> Double? {
        guard hasClosedFormJacobian else { return nil }
        let s = encoderRowSquares()
        var total = 0.0
        forwardInBatches(set, codeTransform: false) { batch in
            total += jacobianNormSum(codes: model.code, rows: batch.count, rowSquares: s)
        }
        return total / Double(max(set.count, 1))
    }

    /// True for a one-layer deterministic encoder without k-sparse selection, whose Jacobian
    /// is diag(f'(z))·W.
    private var hasClosedFormJacobian: Bool {
        let a = config.architecture
        return a.depth == 1 && !a.stochasticCode && config.regularization.kSparse == nil
    }

    /// ‖W_j‖² for each row j of the first encoder weight.
    private func encoderRowSquares() -> [Float] {
        let layer = model.layout.layers[0]
        return ContractivePenalty.rowSquares(
            model.parameters.pointer + layer.weightOffset, rows: layer.outputSize, columns: layer.inputSize)
    }

    /// Σ_b ‖J_b‖_F over `rows` codes of H values each.
    private func jacobianNormSum(codes: UnsafePointer<Float>, rows: Int, rowSquares s: [Float]) -> Double {
        let activation = model.layout.layers[0].activation
        let h = s.count
        var slope = [Float](repeating: 1, count: h)
        var total = 0.0
        for row in 0..<rows {
            for j in 0..<h { slope[j] = 1 }
            slope.withUnsafeMutableBufferPointer { g in
                if let g = g.baseAddress { activation.backward(output: codes + row * h, gradient: g, count: h) }
            }
            var squared: Float = 0
            for j in 0..<h { squared += slope[j] * slope[j] * s[j] }
            total += Double(squared).squareRoot()
        }
        return total
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
