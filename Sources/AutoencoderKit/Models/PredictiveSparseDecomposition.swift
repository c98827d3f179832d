// PredictiveSparseDecomposition: the training rule of Kavukcuoglu, Ranzato and LeCun, "Fast
// inference in sparse coding algorithms with applications to object recognition" (2008);
// Goodfellow et al. 14.8.
//
// Model: one encoder layer f(x) = f_act(W_e x + b_e) (the fast predictor) and one decoder
// layer g(h) = g_act(W_d h + b_d) (the dictionary). Per example the energy is
//   E(x, h) = L(x, g(h))/D + λ·|h|₁ + γ·‖h − f(x)‖²
// (L is the run's reconstruction loss summed over pixels, so L/D is "/px"; squared error gives
// the paper's ‖x − g(h)‖² up to the 1/D scale). One step:
//   1. inference: h ← f(x), then `inferenceSteps` proximal-gradient (ISTA) steps on E in h:
//        h ← shrink(h − η·∇_h smooth(E), η·λ),  shrink(v, t) = sign(v)·max(|v| − t, 0)
//      with η = 1/L, L = c·‖W_d‖²₂/D + 2γ (c = 2 for squared error, ¼ for BCE; ‖W_d‖₂ by
//      power iteration), which makes every step lower E;
//   2. with h* fixed, the gradient of (1/B)Σ_b E(x_b, h*_b) in W_d, b_d (reconstruction) and
//      W_e, b_e (prediction, dE/df = −2γ(h* − f)) goes to the optimizer.
// Shapes: B = batch, D = pixels, H = code units.

/// PSD's inference and gradient for a one-layer autoencoder of scalar type T.
public final class PredictiveSparseDecomposition<T: EngineScalar> {
    public let model: Autoencoder<T>
    public let settings: PSDSettings
    public let loss: ReconstructionLoss
    /// f(x) of the last batch (B×H).
    public let prediction: Buffer<T>
    /// h* of the last inference (B×H).
    public let inferred: Buffer<T>
    private let codeGradient: Buffer<T>
    private let logits: Buffer<T>
    private let output: Buffer<T>
    private let outputGradient: Buffer<T>
    private let scratch: Buffer<T>
    /// The power iteration's vector, warm-started from step to step (a checkpoint saves it).
    var powerVector: [T]

    public init(model: Autoencoder<T>, settings: PSDSettings, loss: ReconstructionLoss) {
        precondition(model.architecture.depth == 1, "PSD needs one encoder layer")
        self.model = model
        self.settings = settings
        self.loss = loss
        let b = model.capacity
        let h = model.architecture.codeSize
        let d = model.architecture.inputSize
        prediction = Buffer<T>(count: b * h)
        inferred = Buffer<T>(count: b * h)
        codeGradient = Buffer<T>(count: b * h)
        logits = Buffer<T>(count: b * d)
        output = Buffer<T>(count: b * d)
        outputGradient = Buffer<T>(count: b * d)
        scratch = Buffer<T>(count: b * d)
        powerVector = [T](repeating: 1, count: h)
    }

    private var encoder: DenseLayer { model.layout.layers[0] }
    private var decoder: DenseLayer { model.layout.layers[1] }

    /// Runs the fast encoder: `prediction` = f(x); with `resetCode`, `inferred` starts there.
    public func predict(_ x: UnsafePointer<T>, batch: Int, resetCode: Bool = true) {
        encoder.forward(input: x, output: prediction.pointer, batch: batch, parameters: model.parameters.pointer)
        if resetCode { inferred.pointer.update(from: prediction.pointer, count: batch * model.architecture.codeSize) }
    }

    /// Decodes `inferred` into `logits`/`output` and returns Σ L over batch and pixels, writing
    /// dL/dlogits·scale into `outputGradient` when asked.
    private func reconstruct(_ x: UnsafePointer<T>, batch: Int, gradientScale: T?) -> Double {
        let d = model.architecture.inputSize
        decoder.forwardLinear(
            input: inferred.pointer, output: logits.pointer, batch: batch, parameters: model.parameters.pointer)
        output.pointer.update(from: logits.pointer, count: batch * d)
        decoder.activation.forward(output.pointer, count: batch * d)
        return loss.evaluate(
            logits: logits.pointer, output: output.pointer, target: x, count: batch * d,
            outputActivation: decoder.activation, gradient: gradientScale == nil ? nil : outputGradient.pointer,
            scale: gradientScale ?? 1, scratch: scratch.pointer)
    }

    /// ISTA steps on h from f(x) (call `predict` first).
    public func infer(_ x: UnsafePointer<T>, batch: Int) {
        let h = model.architecture.codeSize
        let d = model.architecture.inputSize
        guard settings.inferenceSteps > 0 else { return }
        let curvature: T = loss == .mse ? 2 : T(0.25)
        let lipschitz = curvature * spectralNormSquared() / T(d) + 2 * T(settings.gamma)
        let eta = 1 / max(lipschitz, T(1e-8))
        let threshold = eta * T(settings.lambda)
        let gamma2 = 2 * T(settings.gamma)
        let z = inferred.pointer
        let f = prediction.pointer
        let g = codeGradient.pointer
        for _ in 0..<settings.inferenceSteps {
            _ = reconstruct(x, batch: batch, gradientScale: 1 / T(d))
            // ∇_h L/D = (dL/dlogits / D)·W_d, W_d stored D×H
            T.gemm(
                transposeA: false, transposeB: false, m: batch, n: h, k: d, alpha: 1,
                a: outputGradient.pointer, b: model.parameters.pointer + decoder.weightOffset, beta: 0, c: g)
            for i in 0..<(batch * h) {
                let v = z[i] - eta * (g[i] + gamma2 * (z[i] - f[i]))
                z[i] = v > threshold ? v - threshold : (v < -threshold ? v + threshold : 0)
            }
        }
    }

    /// The batch energy (1/B)Σ_b E(x_b, h_b) at the current `inferred` h, term by term; with
    /// `gradients`, zeroes `model.gradients` and fills them for h fixed.
    public func energy(_ x: UnsafePointer<T>, batch: Int, gradients: Bool) -> ObjectiveTerms {
        let h = model.architecture.codeSize
        let d = model.architecture.inputSize
        let count = batch * d
        let sum = reconstruct(x, batch: batch, gradientScale: gradients ? 1 / T(count) : nil)
        let z = inferred.pointer
        let f = prediction.pointer
        var l1 = 0.0
        var prediction2 = 0.0
        for i in 0..<(batch * h) {
            l1 += Double(abs(z[i]))
            prediction2 += Double((z[i] - f[i]) * (z[i] - f[i]))
        }
        if gradients {
            let p = UnsafePointer(model.parameters.pointer)
            model.zeroGradients()
            decoder.backward(
                input: z, preactivationGradient: outputGradient.pointer, inputGradient: nil, batch: batch,
                parameters: p, gradients: model.gradients.pointer)
            let df = codeGradient.pointer
            let scale = -2 * T(settings.gamma) / T(batch)
            for i in 0..<(batch * h) { df[i] = scale * (z[i] - f[i]) }
            encoder.activation.backward(output: f, gradient: df, count: batch * h)
            // x is the input of the encoder layer
            encoder.backward(
                input: x, preactivationGradient: df, inputGradient: nil, batch: batch, parameters: p,
                gradients: model.gradients.pointer)
        }
        return ObjectiveTerms(
            reconstructionPerPixel: sum / Double(count),
            penalties: [
                PenaltyValue(name: "psd_l1", value: Double(settings.lambda) * l1 / Double(batch)),
                PenaltyValue(name: "psd_prediction", value: Double(settings.gamma) * prediction2 / Double(batch)),
            ])
    }

    /// One PSD step's work before the optimizer: predict, infer, gradient at h*.
    public func step(_ x: UnsafePointer<T>, batch: Int) -> ObjectiveTerms {
        predict(x, batch: batch)
        infer(x, batch: batch)
        return energy(x, batch: batch, gradients: true)
    }

    /// ‖W_d‖²₂ by power iteration on W_dᵀW_d (warm-started from the last call).
    private func spectralNormSquared() -> T {
        let h = model.architecture.codeSize
        let d = model.architecture.inputSize
        let w = model.parameters.pointer + decoder.weightOffset  // D×H
        var v = powerVector
        var u = [T](repeating: 0, count: d)
        var estimate: T = 0
        for _ in 0..<12 {
            var norm: T = 0
            for x in v { norm += x * x }
            norm = norm.squareRoot()
            if norm == 0 { return 0 }
            for j in 0..<h { v[j] /= norm }
            T.gemm(transposeA: false, transposeB: false, m: d, n: 1, k: h, alpha: 1, a: w, b: v, beta: 0, c: &u)
            T.gemm(transposeA: true, transposeB: false, m: h, n: 1, k: d, alpha: 1, a: w, b: u, beta: 0, c: &v)
            estimate = 0
            for x in v { estimate += x * x }
            estimate = estimate.squareRoot()
        }
        powerVector = v
        return estimate * 1.05
    }
}
