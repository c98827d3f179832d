// TorchStateDict: a model's weights named as the state dict of the matching PyTorch model
// (python/aelab_torch.py builds it), and back.
//
// Shapes: D = input, H = code units, I/O = a layer's inputs/outputs; every weight is nn.Linear's
// [O, I]. The PyTorch model is two nn.Sequential stacks, Linear then activation module (the
// identity too, as nn.Identity), so Linear k of a stack is at index 2k:
//   engine encoder.k          -> encoder.{2k}.weight [O, I], encoder.{2k}.bias [O]
//   engine decoder.k          -> decoder.{2k}.weight, decoder.{2k}.bias
//   tied decoder.k            -> decoder.{2k}.weight = (engine encoder.{depth-1-k}.weight)ᵀ, explicit
//   VAE code layer [2H, I]    -> mu.weight = rows 0..<H, logvar.weight = rows H..<2H (and biases);
//                                the encoder stack then holds the depth-1 layers below it
// The file's metadata says how to rebuild the model: "format" (aelab-torch-1), "architecture"
// (the Architecture JSON), and from `aelab export --torch` also "config" and "model_kind".
// Optimizer state is not exported (weights only).
//
// Decisions: the k-sparse code (top-k selection between encoder and decoder) has no
// nn.Sequential layer, so such a run is refused rather than exported as a model that computes
// something else. Every model kind (autoencoder, vae, psd, recirculation) is a dense encoder and
// decoder and exports; PSD's ISTA inference and recirculation's rule are training rules, and
// the exported forward pass r = g(f(x)) is the one the engine evaluates. A tied model's import
// checks that each decoder weight is exactly the transpose of its encoder weight.

import Formats

/// Conversion between the engine's parameter names and PyTorch's.
public enum TorchStateDict {
    /// The value of the "format" metadata key.
    public static let formatVersion = "aelab-torch-1"
    /// The file `aelab export RUN --torch` writes in the run folder.
    public static let fileName = "torch_model.safetensors"

    /// Why a run cannot be exported as a PyTorch model, or nil when it can.
    public static func refusal(for config: TrainingConfig) -> String? {
        if let k = config.regularization.kSparse {
            return "the run keeps the \(k) largest code units (k-sparse), a selection nn.Sequential has no layer for; "
                + "an exported model would compute something else"
        }
        return nil
    }

    /// Every tensor of the PyTorch state dict for `a`, in order: (name, shape).
    public static func tensorShapes(_ a: Architecture) -> [(name: String, shape: [Int])] {
        let w = a.widths
        let depth = a.depth
        var result: [(String, [Int])] = []
        let encoderLinears = a.stochasticCode ? depth - 1 : depth
        for k in 0..<encoderLinears {
            result.append(("encoder.\(2 * k).weight", [w[k + 1], w[k]]))
            result.append(("encoder.\(2 * k).bias", [w[k + 1]]))
        }
        if a.stochasticCode {
            for head in ["mu", "logvar"] {
                result.append(("\(head).weight", [w[depth], w[depth - 1]]))
                result.append(("\(head).bias", [w[depth]]))
            }
        }
        for k in 0..<depth {
            result.append(("decoder.\(2 * k).weight", [w[depth + k + 1], w[depth + k]]))
            result.append(("decoder.\(2 * k).bias", [w[depth + k + 1]]))
        }
        return result
    }

    /// The PyTorch state dict of a model.
    /// - Parameters:
    ///   - architecture: the model's shape.
    ///   - engineTensor: the engine's tensor by layout name ("encoder.0.weight"); every one of
    ///     `ParameterLayout(architecture:)`'s tensors must be given with its size.
    ///   - config: the run's configuration, kept in the metadata so `aelab import` restores it.
    /// - Returns: nil when a tensor is missing.
    public static func export(
        architecture a: Architecture, config: TrainingConfig?, engineTensor: (String) -> [Float]?
    ) -> SafetensorsFile? {
        let layout = ParameterLayout(architecture: a)
        var engine: [String: [Float]] = [:]
        for tensor in layout.tensors {
            guard let values = engineTensor(tensor.name), values.count == tensor.count else { return nil }
            engine[tensor.name] = values
        }
        let depth = a.depth
        let h = a.codeSize
        var values: [String: [Float]] = [:]
        for (engineName, torchName) in renames(a) { values[torchName] = engine[engineName] }
        if a.stochasticCode, let weight = engine["encoder.\(depth - 1).weight"],
            let bias = engine["encoder.\(depth - 1).bias"]
        {
            let inputs = weight.count / (2 * h)
            values["mu.weight"] = Array(weight[0..<(h * inputs)])
            values["logvar.weight"] = Array(weight[(h * inputs)...])
            values["mu.bias"] = Array(bias[0..<h])
            values["logvar.bias"] = Array(bias[h...])
        }
        if a.tiedWeights && !a.stochasticCode {
            let widths = a.widths
            for k in 0..<depth {
                // the encoder weight is [I_d, O_d] seen from this layer: its transpose is [O_d, I_d]
                values["decoder.\(2 * k).weight"] = engine["encoder.\(depth - 1 - k).weight"].map {
                    transpose($0, rows: widths[depth + k], columns: widths[depth + k + 1])
                }
            }
        }
        var tensors: [SafetensorsTensor] = []
        for (name, shape) in tensorShapes(a) {
            guard let v = values[name] else { return nil }
            tensors.append(SafetensorsTensor(name: name, shape: shape, values: v))
        }
        var metadata = [
            "format": formatVersion, "architecture": CheckpointJSON.text(a), "aelab_version": AelabVersion.current,
        ]
        if let config {
            metadata["config"] = CheckpointJSON.text(config)
            metadata["model_kind"] = config.kind.rawValue
        }
        return SafetensorsFile(tensors: tensors, metadata: metadata)
    }

    /// (engine name, PyTorch name) of every tensor that keeps its values: the encoder's Linear
    /// layers (all but a VAE's code layer), the decoder's biases, and untied decoder weights.
    static func renames(_ a: Architecture) -> [(engine: String, torch: String)] {
        let depth = a.depth
        var result: [(String, String)] = []
        for k in 0..<(a.stochasticCode ? depth - 1 : depth) {
            result += [
                ("encoder.\(k).weight", "encoder.\(2 * k).weight"), ("encoder.\(k).bias", "encoder.\(2 * k).bias"),
            ]
        }
        for k in 0..<depth {
            if !a.tiedWeights || a.stochasticCode { result.append(("decoder.\(k).weight", "decoder.\(2 * k).weight")) }
            result.append(("decoder.\(k).bias", "decoder.\(2 * k).bias"))
        }
        return result
    }

    /// `m` (rows × columns, row-major) transposed.
    static func transpose(_ m: [Float], rows: Int, columns: Int) -> [Float] {
        var t = [Float](repeating: 0, count: m.count)
        for r in 0..<rows {
            for c in 0..<columns { t[c * rows + r] = m[r * columns + c] }
        }
        return t
    }
}
