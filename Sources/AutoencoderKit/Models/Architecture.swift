// Architecture: the shape of an autoencoder, encoder h = f(x) and decoder r = g(h).
//
// The decoder mirrors the encoder: encoder widths [512, 128, 32] on 784 inputs give the stack
// 784-512-128-32-128-512-784. The last encoder width is the code size.

/// Layer widths, activations and weight tying of an autoencoder.
public struct Architecture: Sendable, Equatable, Codable {
    /// D: pixels per input image (784 for 28x28).
    public var inputSize: Int
    /// Encoder widths; the last is the code size H.
    public var encoderSizes: [Int]
    /// Activation of hidden layers (encoder and decoder, not the code or output).
    public var hiddenActivation: Activation
    /// Activation of the code layer h.
    public var codeActivation: Activation
    /// Activation of the reconstruction r.
    public var outputActivation: Activation
    /// Decoder weights are the transposes of the encoder's (W_dec = W_encᵀ); biases stay separate.
    public var tiedWeights: Bool

    public init(
        inputSize: Int = 784, encoderSizes: [Int], hiddenActivation: Activation = .relu,
        codeActivation: Activation = .relu, outputActivation: Activation = .sigmoid,
        tiedWeights: Bool = false
    ) {
        self.inputSize = inputSize
        self.encoderSizes = encoderSizes
        self.hiddenActivation = hiddenActivation
        self.codeActivation = codeActivation
        self.outputActivation = outputActivation
        self.tiedWeights = tiedWeights
    }

    /// H: the number of code units.
    public var codeSize: Int { encoderSizes.last ?? inputSize }

    /// All widths from input to output, e.g. [784, 256, 784].
    public var widths: [Int] {
        [inputSize] + encoderSizes + encoderSizes.dropLast().reversed() + [inputSize]
    }

    /// Number of encoder layers (the decoder has as many).
    public var depth: Int { encoderSizes.count }

    /// "784-256-784".
    public var description: String { widths.map(String.init).joined(separator: "-") }

    /// Activation of layer `index` in the full stack (encoder then decoder).
    public func activation(ofLayer index: Int) -> Activation {
        if index == depth - 1 { return codeActivation }
        if index == 2 * depth - 1 { return outputActivation }
        return hiddenActivation
    }

    /// Problems that make this architecture unusable, as user-facing sentences.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if inputSize < 1 { errors.append("input size must be positive, got \(inputSize)") }
        if encoderSizes.isEmpty { errors.append("at least one encoder layer is needed") }
        for size in encoderSizes where size < 1 || size > 65_536 {
            errors.append("layer width must be between 1 and 65536, got \(size)")
        }
        if errors.isEmpty && parameterCount > Architecture.maximumParameterCount {
            errors.append(
                "the model would have \(parameterCount) parameters (\(description)); the limit is"
                    + " \(Architecture.maximumParameterCount) (512 MB of weights): use narrower layers")
        }
        return errors
    }

    /// Largest number of parameters accepted: 2^27 (512 MB as Float32; training holds about four
    /// copies: weights, gradients and two Adam moments).
    public static let maximumParameterCount = 1 << 27

    /// Weights and biases of the whole stack (a tied decoder layer adds its bias only); Int.max
    /// when the count overflows.
    public var parameterCount: Int {
        let w = widths
        var count = 0
        for index in 0..<(2 * depth) {
            let tiedDecoder = index >= depth && tiedWeights
            let (weights, o1) = tiedDecoder ? (0, false) : w[index].multipliedReportingOverflow(by: w[index + 1])
            let (layer, o2) = weights.addingReportingOverflow(w[index + 1])
            let (total, o3) = count.addingReportingOverflow(layer)
            if o1 || o2 || o3 { return Int.max }
            count = total
        }
        return count
    }
}
