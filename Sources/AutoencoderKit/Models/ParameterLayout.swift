// ParameterLayout: where every weight and bias of a model sits in its one flat buffer.
//
// llm.c's idea: one flat parameter buffer and one flat gradient buffer of the same layout make
// optimizers, checkpoints and gradient checks one loop each. Tensor names follow PyTorch
// (`encoder.0.weight`, `decoder.1.bias`) so a checkpoint reads naturally in Python.

/// One named tensor inside the flat parameter buffer.
public struct ParameterTensor: Sendable, Equatable {
    /// Name such as "encoder.0.weight".
    public let name: String
    /// Row-major shape, e.g. [256, 784].
    public let shape: [Int]
    /// Offset of the first element in the flat buffer.
    public let offset: Int
    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
}

/// The flat layout of an architecture's parameters and its dense layers.
public struct ParameterLayout: Sendable, Equatable {
    /// Layers from input to output: encoder layers first, then decoder layers.
    public let layers: [DenseLayer]
    /// Every tensor, in buffer order.
    public let tensors: [ParameterTensor]
    /// Total number of parameters.
    public let count: Int

    /// Lays out weights then bias for each layer; tied decoder layers get a bias only.
    public init(architecture a: Architecture) {
        let widths = a.widths
        let depth = a.depth
        var layers: [DenseLayer] = []
        var tensors: [ParameterTensor] = []
        var offset = 0
        var encoderWeightOffsets: [Int] = []
        for index in 0..<(2 * depth) {
            let inputSize = widths[index]
            let outputSize = a.outputSize(ofLayer: index)
            let isDecoder = index >= depth
            let local = isDecoder ? index - depth : index
            let prefix = isDecoder ? "decoder.\(local)" : "encoder.\(local)"
            let weightOffset: Int
            let transposed: Bool
            if isDecoder && a.tiedWeights && !a.stochasticCode {
                weightOffset = encoderWeightOffsets[2 * depth - 1 - index]
                transposed = true
            } else {
                weightOffset = offset
                transposed = false
                tensors.append(
                    ParameterTensor(name: prefix + ".weight", shape: [outputSize, inputSize], offset: offset))
                offset += outputSize * inputSize
            }
            if !isDecoder { encoderWeightOffsets.append(weightOffset) }
            tensors.append(ParameterTensor(name: prefix + ".bias", shape: [outputSize], offset: offset))
            let biasOffset = offset
            offset += outputSize
            layers.append(
                DenseLayer(
                    inputSize: inputSize, outputSize: outputSize,
                    activation: a.activation(ofLayer: index), weightOffset: weightOffset,
                    biasOffset: biasOffset, usesTransposedWeight: transposed))
        }
        self.layers = layers
        self.tensors = tensors
        self.count = offset
    }

    /// User-facing name of layer `index` ("encoder.0", "decoder.1").
    public func layerName(_ index: Int) -> String {
        let depth = layers.count / 2
        return index < depth ? "encoder.\(index)" : "decoder.\(index - depth)"
    }

    /// The name of the layer owning flat parameter `position`.
    public func layerName(containing position: Int) -> String {
        for tensor in tensors where position >= tensor.offset && position < tensor.offset + tensor.count {
            return String(tensor.name.split(separator: ".").prefix(2).joined(separator: "."))
        }
        return "unknown"
    }
}
