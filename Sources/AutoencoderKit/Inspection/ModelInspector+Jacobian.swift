// ModelInspector+Jacobian: the encoder's Jacobian norm ‖∂h/∂x‖_F, for chosen codes and over a
// set, where it has a closed form (a one-layer deterministic encoder without k-sparse selection).
//
// Shapes: N = samples, D = input (784), H = code units, W[H, D] row-major.

extension ModelInspector {
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
}
