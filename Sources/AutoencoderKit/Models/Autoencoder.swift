// Autoencoder: encoder h = f(x), decoder r = g(h), as one stack of dense layers over a flat
// parameter buffer, with forward and backward passes for a batch.
//
// Shapes: B = batch, D = input (784), H = code units, widths[i] for layer i's output.
// Goodfellow, Bengio and Courville, Deep Learning, ch. 14.1: the model is trained to make
// r = g(f(x)) close to x under a loss L(x, r) plus a penalty Ω(h).

/// A dense autoencoder with its parameters, gradients and per-batch workspace.
public final class Autoencoder<T: EngineScalar>: @unchecked Sendable {
    public let architecture: Architecture
    public let layout: ParameterLayout
    /// All weights and biases, in `layout` order.
    public let parameters: Buffer<T>
    /// dLoss/dparameters, same layout; zeroed by `zeroGradients()`.
    public let gradients: Buffer<T>
    /// Largest batch the workspace holds.
    public private(set) var capacity: Int
    /// Outputs of each layer after its activation, B×widths[i+1] each.
    private(set) var activations: [Buffer<T>]
    /// Output-layer pre-activation (logits), B×D.
    private(set) var logits: Buffer<T>
    /// Two ping-pong gradient buffers of B×max(width).
    private var scratchA: Buffer<T>
    private var scratchB: Buffer<T>

    /// Builds the model with Glorot-uniform (He-normal for ReLU-like layers) weights, zero biases.
    public init(architecture: Architecture, batchCapacity: Int = 128, random: inout RandomGenerator) {
        self.architecture = architecture
        layout = ParameterLayout(architecture: architecture)
        parameters = Buffer<T>(count: layout.count)
        gradients = Buffer<T>(count: layout.count)
        capacity = 0
        activations = []
        logits = Buffer<T>(count: 0)
        scratchA = Buffer<T>(count: 0)
        scratchB = Buffer<T>(count: 0)
        initializeParameters(random: &random)
        reserve(batch: max(1, batchCapacity))
    }

    /// Glorot uniform U(±√(6/(I+O))) for sigmoid/tanh/identity layers (Glorot and Bengio, 2010);
    /// He normal N(0, 2/I) for ReLU-like layers (He et al., 2015). Biases start at zero.
    public func initializeParameters(random: inout RandomGenerator) {
        parameters.zero()
        for layer in layout.layers where !layer.usesTransposedWeight {
            let count = layer.inputSize * layer.outputSize
            let w = parameters.pointer + layer.weightOffset
            switch layer.activation {
            case .relu, .leakyReLU:
                let std = (2.0 / Double(layer.inputSize)).squareRoot()
                for i in 0..<count { w[i] = T(Double(random.nextNormal()) * std) }
            default:
                let limit = (6.0 / Double(layer.inputSize + layer.outputSize)).squareRoot()
                for i in 0..<count { w[i] = T((Double(random.nextUniform()) * 2 - 1) * limit) }
            }
        }
    }

    /// Makes the workspace hold batches of up to `batch` rows.
    public func reserve(batch: Int) {
        guard batch > capacity else { return }
        capacity = batch
        let widths = architecture.widths
        activations = widths.dropFirst().map { Buffer<T>(count: batch * $0) }
        logits = Buffer<T>(count: batch * architecture.inputSize)
        let widest = widths.max() ?? 1
        scratchA = Buffer<T>(count: batch * widest)
        scratchB = Buffer<T>(count: batch * widest)
    }

    /// Index of the code layer (the encoder's last layer) in the stack.
    public var codeLayerIndex: Int { architecture.depth - 1 }

    /// h of the last forward pass: B×H, row-major.
    public var code: UnsafeMutablePointer<T> { activations[codeLayerIndex].pointer }

    /// r of the last forward pass: B×D, after the output activation.
    public var reconstruction: UnsafeMutablePointer<T> { activations[activations.count - 1].pointer }

    /// Output-layer pre-activations of the last forward pass: B×D.
    public var outputLogits: UnsafeMutablePointer<T> { logits.pointer }

    /// Output of layer `index` of the last forward pass.
    public func layerOutput(_ index: Int) -> UnsafeMutablePointer<T> { activations[index].pointer }

    /// Runs x[B×D] through every layer; afterwards `code`, `outputLogits` and `reconstruction`
    /// hold this batch's values.
    /// - Parameter codeTransform: applied to h in place before decoding (k-sparse selection,
    ///   for example); nil keeps h as the encoder produced it.
    /// - Precondition: `batch <= capacity`.
    public func forward(
        _ x: UnsafePointer<T>, batch: Int,
        codeTransform: ((UnsafeMutablePointer<T>, Int) -> Void)? = nil
    ) {
        precondition(batch <= capacity, "batch \(batch) exceeds workspace \(capacity)")
        let p = UnsafePointer(parameters.pointer)
        var input = x
        let last = layout.layers.count - 1
        for (index, layer) in layout.layers.enumerated() {
            let out = activations[index].pointer
            if index == last {
                layer.forwardLinear(input: input, output: logits.pointer, batch: batch, parameters: p)
                out.update(from: logits.pointer, count: batch * layer.outputSize)
                layer.activation.forward(out, count: batch * layer.outputSize)
            } else {
                layer.forward(input: input, output: out, batch: batch, parameters: p)
                if index == codeLayerIndex, let codeTransform { codeTransform(out, batch) }
            }
            input = UnsafePointer(out)
        }
    }

    /// Sets every gradient to zero (call once per step, before `backward`).
    public func zeroGradients() { gradients.zero() }

    /// Back-propagates from the output layer's pre-activation gradient, accumulating into
    /// `gradients`.
    /// - Parameters:
    ///   - x: the batch the last `forward` saw.
    ///   - outputGradient: dLoss/d(logits), B×D (the loss's fused gradient).
    ///   - codeGradient: called with (h, dLoss/dh) when the gradient reaches the code layer's
    ///     output, so penalties Ω(h) can add their own gradient there.
    public func backward(
        _ x: UnsafePointer<T>, batch: Int, outputGradient: UnsafePointer<T>,
        codeGradient: ((UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void)? = nil
    ) {
        let p = UnsafePointer(parameters.pointer)
        let g = gradients.pointer
        var dz = UnsafePointer(outputGradient)
        var useA = true
        for index in stride(from: layout.layers.count - 1, through: 0, by: -1) {
            let layer = layout.layers[index]
            let input = index == 0 ? x : UnsafePointer(activations[index - 1].pointer)
            let dx: UnsafeMutablePointer<T>? = index == 0 ? nil : (useA ? scratchA.pointer : scratchB.pointer)
            layer.backward(
                input: input, preactivationGradient: dz, inputGradient: dx, batch: batch,
                parameters: p, gradients: g)
            guard let dx else { break }
            let below = layout.layers[index - 1]
            if index - 1 == codeLayerIndex, let codeGradient {
                codeGradient(UnsafePointer(activations[index - 1].pointer), dx)
            }
            below.activation.backward(
                output: activations[index - 1].pointer, gradient: dx, count: batch * below.outputSize)
            dz = UnsafePointer(dx)
            useA.toggle()
        }
    }
}
