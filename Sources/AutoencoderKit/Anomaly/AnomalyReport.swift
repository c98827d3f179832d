// AnomalyReport: reconstruction error as an anomaly score. Per image: the mean per-pixel loss of
// its reconstruction (BCE/px or MSE/px); the histogram of normal against held-out images on
// shared bins; the AUROC of the error; the worst-reconstructed images with their error maps.
import Foundation

/// One badly reconstructed image: input | reconstruction | per-pixel error.
public struct WorstImage: Sendable, Equatable {
    /// Index in the evaluated set (validation in the workbench, test in `aelab eval`).
    public var index: Int
    public var label: Int?
    /// Mean per-pixel error, in the report's unit.
    public var error: Double
    public var input: [UInt8]
    public var reconstruction: [UInt8]
    /// Per-pixel error scaled to 0-255 by `errorMapMaximum` (the largest over the worst images).
    public var errorMap: [UInt8]

    public init(index: Int, label: Int?, error: Double, input: [UInt8], reconstruction: [UInt8], errorMap: [UInt8]) {
        self.index = index
        self.label = label
        self.error = error
        self.input = input
        self.reconstruction = reconstruction
        self.errorMap = errorMap
    }
}

/// Counts of normal and held-out errors on shared bins; the last bin also holds everything above.
public struct ErrorHistogram: Sendable, Equatable {
    /// Lower edge of the first bin and upper edge of the last (the 99th percentile of all errors).
    public var lower: Double
    public var upper: Double
    public var normal: [Int]
    public var anomalous: [Int]

    /// Bins `normal` and `anomalous` errors into `bins` equal bins from the smallest error to the
    /// 99th percentile of all of them (larger errors land in the last bin).
    public init(normal: [Double], anomalous: [Double], bins: Int) {
        let all = (normal + anomalous).sorted()
        let count = max(1, bins)
        lower = all.first ?? 0
        upper = all.isEmpty ? 1 : all[min(all.count - 1, Int(Double(all.count - 1) * 0.99))]
        if !(upper > lower) { upper = lower + 1e-9 }
        let (low, width) = (lower, (upper - lower) / Double(count))
        func counts(_ values: [Double]) -> [Int] {
            var result = [Int](repeating: 0, count: count)
            for v in values { result[min(count - 1, max(0, Int((v - low) / width)))] += 1 }
            return result
        }
        self.normal = counts(normal)
        self.anomalous = counts(anomalous)
    }
}

/// Summary figures of a group of errors.
public struct ErrorSummary: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var median: Double

    public init(_ errors: [Double]) {
        count = errors.count
        mean = errors.isEmpty ? 0 : errors.reduce(0, +) / Double(errors.count)
        let sorted = errors.sorted()
        median = sorted.isEmpty ? 0 : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    }
}

/// Everything the anomaly view and `aelab eval` show.
public struct AnomalyReport: Sendable, Equatable {
    /// Unit of every error, e.g. "BCE/px".
    public var unit: String
    /// The class held out of training, if any.
    public var holdoutClass: Int?
    /// Name of the evaluated set ("digits validation").
    public var setName: String
    public var normal: ErrorSummary
    /// Held-out images (count 0 without a held-out class).
    public var anomalous: ErrorSummary
    public var histogram: ErrorHistogram
    /// AUROC of the error as a score for "held out"; nil without a held-out class.
    public var auroc: Double?
    /// The worst-reconstructed images, worst first.
    public var worst: [WorstImage]
    /// The error a 255 in an error map stands for.
    public var errorMapMaximum: Double

    public init(
        unit: String, holdoutClass: Int?, setName: String, normal: ErrorSummary, anomalous: ErrorSummary,
        histogram: ErrorHistogram, auroc: Double?, worst: [WorstImage], errorMapMaximum: Double
    ) {
        self.unit = unit
        self.holdoutClass = holdoutClass
        self.setName = setName
        self.normal = normal
        self.anomalous = anomalous
        self.histogram = histogram
        self.auroc = auroc
        self.worst = worst
        self.errorMapMaximum = errorMapMaximum
    }
}

extension ReconstructionLoss {
    /// Per-pixel loss of reconstruction r (in [0, 1]) of input pixels x (0-255); BCE clamps r to
    /// [1e-6, 1 − 1e-6].
    public func pixelErrors(input: some Collection<UInt8>, reconstruction: [Float]) -> [Double] {
        zip(input, reconstruction).map { pixel, r in
            let x = Double(pixel) / 255
            switch self {
            case .mse:
                return (Double(r) - x) * (Double(r) - x)
            case .bce:
                let p = min(max(Double(r), 1e-6), 1 - 1e-6)
                return -(x * log(p) + (1 - x) * log(1 - p))
            }
        }
    }
}
