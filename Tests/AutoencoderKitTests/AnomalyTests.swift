// Anomaly scoring: the AUROC against hand-computed cases and an O(n²) pairwise count, the
// held-out-class split, its refusal without labels, presets and checkpoints carrying the class,
// and the per-image errors agreeing with the set's loss.
import Foundation
import Testing

@testable import AutoencoderKit

@Suite("Anomaly scores")
struct AnomalyTests {
    /// P(a > n) + ½ P(a = n) by comparing every pair.
    static func pairwise(normal: [Double], anomalous: [Double]) -> Double {
        var wins = 0.0
        for a in anomalous {
            for n in normal { wins += a > n ? 1 : (a == n ? 0.5 : 0) }
        }
        return wins / Double(normal.count * anomalous.count)
    }

    @Test("AUROC of hand-computed cases: separated, reversed, ties counted half")
    func aurocHandCases() {
        #expect(AUROC.compute(normal: [1, 2, 3], anomalous: [4, 5]) == 1)
        #expect(AUROC.compute(normal: [4, 5], anomalous: [1, 2, 3]) == 0)
        // pairs (2,1) 1, (2,2) ½, (3,1) 1, (3,2) 1: 3.5 of 4
        #expect(AUROC.compute(normal: [1, 2], anomalous: [2, 3]) == 0.875)
        #expect(AUROC.compute(normal: [1, 1, 1], anomalous: [1, 1]) == 0.5)
        // (0.5 vs 0.1, 0.5, 0.9) = 1 + ½ + 0; (0.7 vs ...) = 1 + 1 + 0: 3.5 of 6
        #expect(AUROC.compute(normal: [0.1, 0.5, 0.9], anomalous: [0.5, 0.7]) == 3.5 / 6)
    }

    @Test("AUROC is undefined for an empty group or a non-finite score")
    func aurocUndefined() {
        #expect(AUROC.compute(normal: [], anomalous: [1]) == nil)
        #expect(AUROC.compute(normal: [1], anomalous: []) == nil)
        #expect(AUROC.compute(normal: [1, .nan], anomalous: [2]) == nil)
    }

    @Test(
        "AUROC by ranking equals the pairwise count on random scores with many ties",
        arguments: [1, 2, 3, 4, 5] as [UInt64])
    func aurocMatchesPairwise(seed: UInt64) {
        var random = RandomGenerator(seed: seed)
        let normalCount = 20 + random.nextIndex(below: 80)
        let anomalyCount = 5 + random.nextIndex(below: 40)
        // rounded to twentieths so ties are common
        let normal = (0..<normalCount).map { _ in (Double(random.nextUniform()) * 20).rounded() / 20 }
        let anomalous = (0..<anomalyCount).map { _ in (Double(random.nextUniform()) * 20 + 3).rounded() / 20 }
        let ranked = AUROC.compute(normal: normal, anomalous: anomalous)
        let counted = Self.pairwise(normal: normal, anomalous: anomalous)
        #expect(
            ranked.map { abs($0 - counted) < 1e-12 } == true,
            "ranked \(String(describing: ranked)), pairwise \(counted)")
    }

    @Test("holding out a digit removes exactly its training images and keeps validation whole")
    func holdoutSplitCounts() throws {
        let data = DigitsGenerator.dataset(seed: 1, trainCount: 2_000, testCount: 0, validationCount: 500)
        let trainLabels = try #require(data.train.labels)
        let threes = trainLabels.filter { $0 == 3 }.count
        let held = try data.holdingOut(3)
        #expect(threes > 0)
        #expect(held.train.count == data.train.count - threes)
        #expect(held.train.labels?.contains(3) == false)
        #expect(held.validation.pixels == data.validation.pixels)
        #expect(held.validation.labels == data.validation.labels)
        // the kept images are the originals in order
        let firstKept = try #require(trainLabels.firstIndex { $0 != 3 })
        #expect(Array(held.train.image(0)) == Array(data.train.image(firstKept)))
    }

    @Test("holding out a class of unlabelled data is refused with a message naming the data")
    func holdoutNeedsLabels() throws {
        let set = ImageSet(name: "scans", rows: 2, columns: 2, pixels: [UInt8](repeating: 9, count: 40), labels: nil)
        let data = Dataset(name: "scans", all: set, validationCount: 2, test: nil)
        #expect(throws: HoldoutError.noLabels(data: "scans", set: "training")) { try data.holdingOut(1) }
        #expect(HoldoutError.noLabels(data: "scans", set: "training").description.contains("scans has none"))
        let config = TrainingConfig(name: "t", architecture: Architecture(inputSize: 4, encoderSizes: [2]))
        var held = config
        held.holdoutClass = 1
        #expect(throws: TrainingError.self) { try Trainer(config: held, dataset: data) }
    }

    @Test("a class absent from the labels is refused, naming the classes present")
    func holdoutAbsentClass() {
        let labels: [UInt8] = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]
        let set = ImageSet(name: "pairs", rows: 1, columns: 1, pixels: Array(0..<10), labels: labels)
        let data = Dataset(name: "pairs", all: set, validationCount: 4, test: nil)
        let message =
            (try? data.holdingOut(7)).map { _ in "" }
            ?? "\(HoldoutError.classAbsent(data: "pairs", set: "validation", holdout: 7, present: [0, 1]))"
        #expect(message.contains("classes present: 0, 1"))
        #expect(throws: HoldoutError.classAbsent(data: "pairs", set: "validation", holdout: 7, present: [0, 1])) {
            try data.holdingOut(7)
        }
    }

    @Test("holding a class out of a trainer's own dataset again changes nothing (reset, fork)")
    func holdoutTwiceIsHoldoutOnce() throws {
        let all = DigitsGenerator.images(count: 300, seed: 4, name: "digits")
        let data = Dataset(name: "digits", all: all, validationCount: 100, test: nil)
        let once = try data.holdingOut(3)
        let twice = try once.holdingOut(3)
        #expect(once.train.labels?.contains(3) == false)
        #expect(twice.train.pixels == once.train.pixels && twice.train.labels == once.train.labels)
        var config = TrainingConfig(
            name: "held", architecture: Architecture(encoderSizes: [8]), batchSize: 50, epochs: 1, seed: 2)
        config.holdoutClass = 3
        let trainer = try Trainer(config: config, dataset: data)
        let again = try Trainer(config: config, dataset: trainer.dataset)
        #expect(again.dataset.train.pixels == trainer.dataset.train.pixels)
    }

    @Test("a preset's train.holdout_class reaches the configuration and survives a checkpoint's JSON")
    func presetAndCodable() throws {
        let text = """
            name = "held"
            [model]
            layers = [16]
            [train]
            holdout_class = 4
            """
        let config = try Preset.parse(text, file: "held.toml").config
        #expect(config.holdoutClass == 4)
        let decoded = try JSONDecoder().decode(TrainingConfig.self, from: JSONEncoder().encode(config))
        #expect(decoded == config)
        let bad = text.replacingOccurrences(of: "holdout_class = 4", with: "holdout_class = 300")
        #expect(throws: PresetLoadError.self) { try Preset.parse(bad, file: "held.toml") }
    }

    @Test("per-image errors average to the set's loss, and the report splits and ranks them")
    func reportAgreesWithLoss() throws {
        var config = TrainingConfig(
            name: "t", architecture: Architecture(encoderSizes: [16]), batchSize: 50, epochs: 1, seed: 2)
        config.holdoutClass = 5
        let data = DigitsGenerator.dataset(seed: 3, trainCount: 600, testCount: 0, validationCount: 200)
        let trainer = try Trainer(config: config, dataset: data)
        _ = try trainer.trainEpoch()
        let errors = trainer.inspector.imageErrors(data.validation)
        let mean = errors.reduce(0, +) / Double(errors.count)
        #expect(abs(mean - trainer.inspector.evaluate(data.validation).perPixel) < 1e-6)
        let report = trainer.inspector.anomalyReport(data.validation, bins: 10, worstCount: 4)
        let fives = try #require(data.validation.labels).filter { $0 == 5 }.count
        #expect(report.anomalous.count == fives)
        #expect(report.normal.count == 200 - fives)
        #expect(report.histogram.normal.reduce(0, +) == report.normal.count)
        #expect(report.histogram.anomalous.reduce(0, +) == fives)
        #expect(report.worst.map(\.index).first == errors.indices.max { errors[$0] < errors[$1] })
        #expect(report.worst.map(\.error) == report.worst.map(\.error).sorted(by: >))
        let labels = try #require(data.validation.labels)
        let normal = errors.indices.filter { labels[$0] != 5 }.map { errors[$0] }
        let held = errors.indices.filter { labels[$0] == 5 }.map { errors[$0] }
        #expect(report.auroc.map { abs($0 - Self.pairwise(normal: normal, anomalous: held)) < 1e-12 } == true)
    }
}
