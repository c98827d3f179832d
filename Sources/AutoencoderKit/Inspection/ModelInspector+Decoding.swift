// ModelInspector+Decoding: images from codes: decoding chosen codes r = g(h), and a VAE's
// samples from its prior, through the decoder only.
//
// Shapes: N = codes, D = input (784), H = code units.

extension ModelInspector {
    /// Decodes code vectors: r = g(h) for each row, through the decoder only
    /// (`Autoencoder.decode`; for a VAE the rows are z).
    /// - Parameter codes: N codes of H values each (shorter rows are padded with zeros).
    /// - Returns: N reconstructions of D values in the output activation's range.
    /// - Complexity: One decoder pass per `batchSize` codes.
    public func decode(codes: [[Float]]) -> [[Float]] {
        let d = config.architecture.inputSize
        let h = config.architecture.codeSize
        let z = FloatBuffer(count: min(max(codes.count, 1), config.batchSize) * h)
        var result: [[Float]] = []
        for batch in InspectionBatches(count: codes.count, batchSize: config.batchSize) {
            let size = batch.count
            for (row, values) in codes[batch].enumerated() {
                for j in 0..<h { z[row * h + j] = j < values.count ? values[j] : 0 }
            }
            model.decode(UnsafePointer(z.pointer), batch: size)
            for row in 0..<size {
                result.append(Array(UnsafeBufferPointer(start: model.reconstruction + row * d, count: d)))
            }
        }
        return result
    }

    /// Decodes `count` codes drawn from the prior N(0, I) with a generator seeded by `seed`
    /// (`Autoencoder.decodePrior`): new images from a VAE; the run's own generator is untouched.
    /// - Returns: `count` images of D values, or none for a model without a stochastic code.
    public func decodePrior(count: Int, seed: UInt64) -> [[Float]] {
        guard config.architecture.stochasticCode, count > 0 else { return [] }
        var random = RandomGenerator(seed: seed)
        return model.decodePrior(count: count, random: &random)
    }
}
