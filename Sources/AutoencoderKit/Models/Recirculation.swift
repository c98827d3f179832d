// Recirculation: learning without back-propagation, after G. E. Hinton and J. L. McClelland,
// "Learning Representations by Recirculation", Neural Information Processing Systems
// (NIPS 1987, published 1988), equations for the two-pass procedure; Goodfellow et al. 14.9.
//
// Logistic visible units i and hidden units j, one loop visible → hidden → visible:
//   pass 1:  y_j(1) = σ(Σ_i w_ji y_i(0) + b_j)                     y(0) = the input x
//            y_i(2) = λ·y_i(0) + (1 − λ)·σ(Σ_j w_ij y_j(1) + b_i)  ("regression", λ ≈ 0.75)
//   pass 2:  y_j(3) = σ(Σ_i w_ji y_i(2) + b_j)
// and each weight changes by the learning rate times its presynaptic activity times the
// difference of its postsynaptic unit's activity on the first and second pass:
//   Δw_ij = ε · y_j(1) · (y_i(0) − y_i(2))     hidden → visible (decoder)
//   Δw_ji = ε · y_i(2) · (y_j(1) − y_j(3))     visible → hidden (encoder)
// Biases are weights from a unit that is always 1. Here the changes are averaged over the
// batch and handed to the optimizer as the "gradient" −Δw/ε, so plain SGD without momentum
// applies exactly the rule above (momentum or Adam then act on these directions).
// Shapes: B = batch, D = visible units, H = hidden units.

/// The recirculation rule for a one-layer logistic autoencoder of scalar type T.
public final class Recirculation<T: EngineScalar> {
    public let model: Autoencoder<T>
    public let settings: RecirculationSettings
    private let hidden1: Buffer<T>
    private let visible2: Buffer<T>
    private let hidden3: Buffer<T>
    private let reconstruction: Buffer<T>
    private let dVisible: Buffer<T>
    private let dHidden: Buffer<T>

    public init(model: Autoencoder<T>, settings: RecirculationSettings) {
        precondition(model.architecture.depth == 1, "recirculation needs one hidden layer")
        self.model = model
        self.settings = settings
        let b = model.capacity
        let h = model.architecture.codeSize
        let d = model.architecture.inputSize
        hidden1 = Buffer<T>(count: b * h)
        visible2 = Buffer<T>(count: b * d)
        hidden3 = Buffer<T>(count: b * h)
        reconstruction = Buffer<T>(count: b * d)
        dVisible = Buffer<T>(count: b * d)
        dHidden = Buffer<T>(count: b * h)
    }

    /// Both passes on x[B×D]; zeroes `model.gradients` and fills them with −Δw/ε averaged over
    /// the batch.
    /// - Returns: Σ over batch and visible units of (g(f(x)) − x)², the squared reconstruction
    ///   error without regression.
    @discardableResult
    public func step(_ x: UnsafePointer<T>, batch: Int) -> Double {
        let h = model.architecture.codeSize
        let d = model.architecture.inputSize
        let p = UnsafePointer(model.parameters.pointer)
        let encoder = model.layout.layers[0]
        let decoder = model.layout.layers[1]
        let lambda = T(settings.regression)
        encoder.forward(input: x, output: hidden1.pointer, batch: batch, parameters: p)
        decoder.forward(input: hidden1.pointer, output: reconstruction.pointer, batch: batch, parameters: p)
        var squared = 0.0
        let inverseBatch = 1 / T(batch)
        for i in 0..<(batch * d) {
            let r = reconstruction[i]
            squared += Double((r - x[i]) * (r - x[i]))
            let y2 = lambda * x[i] + (1 - lambda) * r
            visible2[i] = y2
            dVisible[i] = (y2 - x[i]) * inverseBatch  // −(y(0) − y(2))/B
        }
        encoder.forward(input: visible2.pointer, output: hidden3.pointer, batch: batch, parameters: p)
        for i in 0..<(batch * h) { dHidden[i] = (hidden3[i] - hidden1[i]) * inverseBatch }  // −(y(1) − y(3))/B
        model.zeroGradients()
        let g = model.gradients.pointer
        // dW_d += dVisibleᵀ·y(1), db_d += Σ dVisible;  dW_e += dHiddenᵀ·y(2), db_e += Σ dHidden
        decoder.backward(
            input: hidden1.pointer, preactivationGradient: dVisible.pointer, inputGradient: nil, batch: batch,
            parameters: p, gradients: g)
        encoder.backward(
            input: visible2.pointer, preactivationGradient: dHidden.pointer, inputGradient: nil, batch: batch,
            parameters: p, gradients: g)
        return squared
    }
}
