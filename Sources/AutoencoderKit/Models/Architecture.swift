// Architecture: the shape of an autoencoder, encoder h = f(x) and decoder r = g(h).
//
// The decoder mirrors the encoder: encoder widths [512, 128, 32] on 784 inputs give the stack
// 784-512-128-32-128-512-784. The last encoder width is the code size.
// A stochastic (Gaussian) code, as in a variational autoencoder, makes the encoder's last layer
// output 2H values (μ and log σ², identity activation) while the decoder still reads H values
// (the sample z); see `Autoencoder.forward(_:batch:noise:codeTransform:)`.

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
    /// The code is Gaussian (a VAE): the encoder outputs μ and log σ² for each of the H code
    /// units and the decoder reads z = μ + σ·ε. The code activation is then ignored (identity).
    public var stochasticCode: Bool

    public init(
        inputSize: Int = 784, encoderSizes: [Int], hiddenActivation: Activation = .relu,
        codeActivation: Activation = .relu, outputActivation: Activation = .sigmoid,
        tiedWeights: Bool = false, stochasticCode: Bool = false
    ) {
        self.inputSize = inputSize
        self.encoderSizes = encoderSizes
        self.hiddenActivation = hiddenActivation
        self.codeActivation = codeActivation
        self.outputActivation = outputActivation
        self.tiedWeights = tiedWeights
        self.stochasticCode = stochasticCode
    }

    private enum CodingKeys: String, CodingKey {
        case inputSize, encoderSizes, hiddenActivation, codeActivation, outputActivation, tiedWeights, stochasticCode
    }

    /// Decodes an architecture; `stochasticCode` may be absent (older files) and reads as false.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inputSize = try c.decode(Int.self, forKey: .inputSize)
        encoderSizes = try c.decode([Int].self, forKey: .encoderSizes)
        hiddenActivation = try c.decode(Activation.self, forKey: .hiddenActivation)
        codeActivation = try c.decode(Activation.self, forKey: .codeActivation)
        outputActivation = try c.decode(Activation.self, forKey: .outputActivation)
        tiedWeights = try c.decode(Bool.self, forKey: .tiedWeights)
        stochasticCode = try c.decodeIfPresent(Bool.self, forKey: .stochasticCode) ?? false
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

    /// Output width of layer `index`: `widths[index + 1]`, except 2H for a stochastic code layer.
    public func outputSize(ofLayer index: Int) -> Int {
        let width = widths[index + 1]
        return stochasticCode && index == depth - 1 ? 2 * width : width
    }

    /// Activation of layer `index` in the full stack (encoder then decoder).
    public func activation(ofLayer index: Int) -> Activation {
        if index == depth - 1 { return stochasticCode ? .identity : codeActivation }
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
        if stochasticCode && tiedWeights {
            errors.append(
                "a stochastic (VAE) code cannot use tied weights: the encoder outputs 2H values (μ and log σ²) but the decoder reads H"
            )
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

    /// Weights and biases of the whole stack (a tied decoder layer adds its bias only; a stochastic
    /// code layer has 2H outputs); Int.max when the count overflows.
    public var parameterCount: Int {
        let w = widths
        var count = 0
        for index in 0..<(2 * depth) {
            let tiedDecoder = index >= depth && tiedWeights && !stochasticCode
            let outputs = outputSize(ofLayer: index)
            let (weights, o1) = tiedDecoder ? (0, false) : w[index].multipliedReportingOverflow(by: outputs)
            let (layer, o2) = weights.addingReportingOverflow(outputs)
            let (total, o3) = count.addingReportingOverflow(layer)
            if o1 || o2 || o3 { return Int.max }
            count = total
        }
        return count
    }
}
