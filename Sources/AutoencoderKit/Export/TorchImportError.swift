// TorchImportError: why a PyTorch state dict cannot become an aelab model; every message names
// the file and says what to do.

import Formats

/// A state dict that `aelab import` refuses.
public enum TorchImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a readable safetensors file.
    case file(SafetensorsError)
    /// The tensors describe no model aelab can build.
    case notAModel(source: String, detail: String)
    /// A metadata entry is present but unusable.
    case badMetadata(source: String, key: String, detail: String)
    case missingTensor(source: String, name: String)
    case unexpectedTensor(source: String, name: String)
    case shapeMismatch(source: String, name: String, expected: [Int], found: [Int])
    case nonFinite(source: String, name: String)
    /// The architecture says tied weights but a decoder weight is not its encoder's transpose.
    case tiedMismatch(source: String, name: String)

    public var description: String {
        switch self {
        case .file(let error): return error.description
        case .notAModel(let s, let d):
            return "\(s): not an aelab/PyTorch autoencoder state dict: \(d) (python/aelab_torch.py names the tensors)"
        case .badMetadata(let s, let k, let d): return "\(s): metadata \"\(k)\" \(d)"
        case .missingTensor(let s, let n): return "\(s): tensor \"\(n)\" is missing"
        case .unexpectedTensor(let s, let n):
            return
                "\(s): unexpected tensor \"\(n)\" (expected encoder.N, mu, logvar and decoder.N weights and biases of nn.Linear layers at even N)"
        case .shapeMismatch(let s, let n, let e, let f): return "\(s): tensor \"\(n)\" has shape \(f), expected \(e)"
        case .nonFinite(let s, let n): return "\(s): tensor \"\(n)\" holds NaN or infinite values"
        case .tiedMismatch(let s, let n):
            return
                "\(s): the architecture ties the decoder to the encoder, but \"\(n)\" is not the transpose of its encoder weight"
        }
    }
}
