// TrainingConfig+Codable: decoding that tolerates configurations written before the model
// kind, regularizers and rule settings existed (they read as their defaults).

extension TrainingConfig {
    private enum CodingKeys: String, CodingKey {
        case name, kind, architecture, loss, regularization, optimizer, batchSize, epochs, seed
        case pretrainEpochsPerLayer, vae, psd, recirculation, holdoutClass
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            kind: try c.decodeIfPresent(ModelKind.self, forKey: .kind) ?? .autoencoder,
            architecture: try c.decode(Architecture.self, forKey: .architecture),
            loss: try c.decode(ReconstructionLoss.self, forKey: .loss),
            regularization: try c.decodeIfPresent(Regularization.self, forKey: .regularization) ?? .none,
            optimizer: try c.decode(OptimizerSettings.self, forKey: .optimizer),
            batchSize: try c.decode(Int.self, forKey: .batchSize),
            epochs: try c.decode(Int.self, forKey: .epochs),
            seed: try c.decode(UInt64.self, forKey: .seed),
            pretrainEpochsPerLayer: try c.decodeIfPresent(Int.self, forKey: .pretrainEpochsPerLayer) ?? 0,
            vae: try c.decodeIfPresent(VAESettings.self, forKey: .vae) ?? VAESettings(),
            psd: try c.decodeIfPresent(PSDSettings.self, forKey: .psd) ?? PSDSettings(),
            recirculation: try c.decodeIfPresent(RecirculationSettings.self, forKey: .recirculation)
                ?? RecirculationSettings())
        holdoutClass = try c.decodeIfPresent(Int.self, forKey: .holdoutClass)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(architecture, forKey: .architecture)
        try c.encode(loss, forKey: .loss)
        try c.encode(regularization, forKey: .regularization)
        try c.encode(optimizer, forKey: .optimizer)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(seed, forKey: .seed)
        try c.encode(pretrainEpochsPerLayer, forKey: .pretrainEpochsPerLayer)
        try c.encode(vae, forKey: .vae)
        try c.encode(psd, forKey: .psd)
        try c.encode(recirculation, forKey: .recirculation)
        try c.encodeIfPresent(holdoutClass, forKey: .holdoutClass)
    }
}
