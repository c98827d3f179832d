// DenseLayer: y = f(x·Wᵀ + b), one fully connected layer, forward and backward together.
//
// Shapes: B = batch, I = inputs, O = outputs. W is stored O×I row-major (PyTorch's layout),
// so forward is one sgemm with B transposed. A tied decoder layer reuses an encoder weight
// W_e (stored I×O from its own point of view) without transposing: y = f(x·W_e + b).
// Parameters live in the model's flat buffer; the layer holds offsets into it.
//
// Backward, with dz = dy ⊙ f'(a) (Goodfellow et al. 6.5):
//   dW += dzᵀ·x   (O×I)        tied: dW_e += xᵀ·dz   (I×O as stored)
//   db += Σ_batch dz
//   dx  = dz·W    (B×I)        tied: dx = dz·W_eᵀ
// Each piece also works on a block of rows (weight rows for dW, outputs for db, batch rows for
// dx), so the model can split a layer's backward pass over threads without changing a sum.

/// One dense layer: where its parameters are and how it computes.
public struct DenseLayer: Sendable, Equatable {
    /// I: input width.
    public let inputSize: Int
    /// O: output width.
    public let outputSize: Int
    /// f.
    public let activation: Activation
    /// Offset of the weight matrix in the flat parameter buffer.
    public let weightOffset: Int
    /// Offset of the bias vector in the flat parameter buffer.
    public let biasOffset: Int
    /// The weight is another layer's, stored I×O, used untransposed (tied decoder).
    public let usesTransposedWeight: Bool

    /// y[B×O] = f(x[B×I]·Wᵀ + b).
    public func forward<T: EngineScalar>(
        input x: UnsafePointer<T>, output y: UnsafeMutablePointer<T>, batch: Int,
        parameters p: UnsafePointer<T>
    ) {
        let b = p + biasOffset
        for row in 0..<batch {
            (y + row * outputSize).update(from: b, count: outputSize)
        }
        T.gemm(
            transposeA: false, transposeB: !usesTransposedWeight, m: batch, n: outputSize,
            k: inputSize, alpha: 1, a: x, b: p + weightOffset, beta: 1, c: y)
        activation.forward(y, count: batch * outputSize)
    }

    /// Same as `forward` but stops before f: y = x·Wᵀ + b (logits of the output layer).
    public func forwardLinear<T: EngineScalar>(
        input x: UnsafePointer<T>, output y: UnsafeMutablePointer<T>, batch: Int,
        parameters p: UnsafePointer<T>
    ) {
        let b = p + biasOffset
        for row in 0..<batch {
            (y + row * outputSize).update(from: b, count: outputSize)
        }
        T.gemm(
            transposeA: false, transposeB: !usesTransposedWeight, m: batch, n: outputSize,
            k: inputSize, alpha: 1, a: x, b: p + weightOffset, beta: 1, c: y)
    }

    /// Accumulates dW and db from dz (already through f'), and writes dx when asked.
    /// - Parameters:
    ///   - dz: B×O gradient at the pre-activation.
    ///   - inputGradient: B×I destination for dx, or nil for the first layer.
    public func backward<T: EngineScalar>(
        input x: UnsafePointer<T>, preactivationGradient dz: UnsafePointer<T>,
        inputGradient dx: UnsafeMutablePointer<T>?, batch: Int,
        parameters p: UnsafePointer<T>, gradients g: UnsafeMutablePointer<T>
    ) {
        accumulateWeightGradient(
            rows: 0..<storedWeightRows, input: x, preactivationGradient: dz, batch: batch, gradients: g)
        accumulateBiasGradient(outputs: 0..<outputSize, preactivationGradient: dz, batch: batch, gradients: g)
        if let dx {
            inputGradient(rows: 0..<batch, preactivationGradient: dz, inputGradient: dx, parameters: p)
        }
    }

    /// Rows of the weight matrix as stored: O, or I for a tied decoder's borrowed W_e.
    public var storedWeightRows: Int { usesTransposedWeight ? inputSize : outputSize }

    /// dW += dzᵀ·x on the stored weight rows `rows` (tied: dW_e += xᵀ·dz on those rows).
    public func accumulateWeightGradient<T: EngineScalar>(
        rows: Range<Int>, input x: UnsafePointer<T>, preactivationGradient dz: UnsafePointer<T>,
        batch: Int, gradients g: UnsafeMutablePointer<T>
    ) {
        guard !rows.isEmpty else { return }
        let r = rows.lowerBound
        if usesTransposedWeight {
            T.gemm(
                transposeA: true, transposeB: false, m: rows.count, n: outputSize, k: batch, alpha: 1,
                a: x + r, lda: inputSize, b: dz, ldb: outputSize, beta: 1,
                c: g + weightOffset + r * outputSize, ldc: outputSize)
        } else {
            T.gemm(
                transposeA: true, transposeB: false, m: rows.count, n: inputSize, k: batch, alpha: 1,
                a: dz + r, lda: outputSize, b: x, ldb: inputSize, beta: 1,
                c: g + weightOffset + r * inputSize, ldc: inputSize)
        }
    }

    /// db += Σ_batch dz for the outputs in `outputs`.
    public func accumulateBiasGradient<T: EngineScalar>(
        outputs: Range<Int>, preactivationGradient dz: UnsafePointer<T>, batch: Int,
        gradients g: UnsafeMutablePointer<T>
    ) {
        let db = g + biasOffset
        for row in 0..<batch {
            let r = dz + row * outputSize
            for j in outputs { db[j] += r[j] }
        }
    }

    /// dx = dz·W for the batch rows `rows` (tied: dz·W_eᵀ).
    public func inputGradient<T: EngineScalar>(
        rows: Range<Int>, preactivationGradient dz: UnsafePointer<T>, inputGradient dx: UnsafeMutablePointer<T>,
        parameters p: UnsafePointer<T>
    ) {
        guard !rows.isEmpty else { return }
        T.gemm(
            transposeA: false, transposeB: usesTransposedWeight, m: rows.count, n: inputSize,
            k: outputSize, alpha: 1, a: dz + rows.lowerBound * outputSize, b: p + weightOffset, beta: 0,
            c: dx + rows.lowerBound * inputSize)
    }
}
