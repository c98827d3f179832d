// TrainingSnapshot: an immutable picture of one run, published by the trainer for the UI.
//
// The UI never reads the live model; the session copies what a screen needs into one of
// these a few times a second and at every epoch end or step. Everything is a value.

import AutoencoderKit

/// Whether a run is training, waiting, or stopped by a fault.
public enum RunStatus: Sendable, Equatable {
    case running
    case paused
    /// All configured epochs are done.
    case finished
    /// Stopped because the loss or parameters became NaN/Inf; the message names step and layer.
    case diverged(String)
}

/// One point of a loss series: the step (batches since start) or epoch, and the value.
public struct SeriesPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A named loss series with its unit, e.g. "train" in "BCE/px".
public struct MetricSeries: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var points: [SeriesPoint]
    public init(name: String, unit: String, points: [SeriesPoint]) {
        self.name = name
        self.unit = unit
        self.points = points
    }
}

/// Everything a screen shows about one run at one moment.
public struct TrainingSnapshot: Sendable, Equatable {
    /// The run's name ("undercomplete", "sparse-kl #2").
    public var runName: String
    public var status: RunStatus
    /// Completed epochs.
    public var epoch: Int
    /// Epochs the run stops at, or nil when it trains until paused.
    public var totalEpochs: Int?
    /// Batches done in the current epoch, and per epoch.
    public var batchInEpoch: Int
    public var batchesPerEpoch: Int
    /// Batches since the start.
    public var step: Int
    /// Unit of the loss shown on charts, e.g. "BCE/px".
    public var lossUnit: String
    /// Smoothed per-batch training loss (x = step), bounded length.
    public var batchLoss: MetricSeries
    /// Per-epoch training and validation loss (x = epoch), plus penalty terms if any.
    public var epochSeries: [MetricSeries]
    /// Last batch loss and last validation loss, in `lossUnit`.
    public var lastBatchLoss: Double?
    public var lastValidationLoss: Double?
    /// Probe inputs and reconstructions, pixels 0-255, rows×columns each.
    public var imageRows: Int
    public var imageColumns: Int
    public var probeInputs: [[UInt8]]
    public var probeReconstructions: [[UInt8]]
    /// Code activations of the probe samples: probe × H.
    public var probeCodes: [[Float]]
    public var codeStatistics: CodeStatistics
    /// Training throughput over the last measurement window.
    public var samplesPerSecond: Double
    /// Settings as label/value pairs for the settings panel ("layers", "784-32-784").
    public var settings: [(String, String)]
    /// The session's latest note about this run (saved, diverged, finished), if any.
    public var note: String?
    /// Whether the note reports a failure (the status line shows it as an error).
    public var noteIsError = false

    // Views beyond the dashboard (issue 5). All optional or empty by default.

    /// Runs with the same pair id were started together from the same seed and train in lockstep.
    public var pairID: Int?
    /// For a paired run: what the two runs share at the start, in words (the compare view).
    public var pairStart: String?
    /// Validation index of the first probe sample (paging through the validation set).
    public var probeStart: Int
    /// Corrupted inputs of the probes, for denoising runs (nil otherwise).
    public var probeCorrupted: [[UInt8]]?
    /// Reconstruction error of each probe, in `lossUnit`.
    public var probeErrors: [Double]
    /// Wall time of the last finished epoch's training batches.
    public var lastEpochSeconds: Double?
    /// Mean regularization penalty per sample over the last epoch (nil without one).
    public var lastPenalty: Double?
    /// Mean ‖∂h/∂x‖_F over the statistics samples (nil when not computed).
    public var jacobianNorm: Double?
    /// Reference lines for the loss chart (PCA error, entropy floor).
    public var references: [ReferenceLine]
    /// Histogram of the code activations of the statistics samples.
    public var codeHistogram: CodeHistogram?
    /// Probe reconstructions and code statistics at the end of past epochs, oldest first (bounded).
    public var history: [EpochFrame]
    /// Inputs of the fixed probe set the history frames show.
    public var historyInputs: [[UInt8]]
    /// Weight images, filled only while the filters view is visible.
    public var filters: [FilterSet]
    /// 2-D code scatter, filled only while the code view is visible.
    public var scatter: CodeScatter?
    /// Latent walk decodings, filled only while the walk view is visible.
    public var walk: LatentWalk?
    /// Reconstruction errors as anomaly scores, filled only while the anomalies view is visible.
    public var anomaly: AnomalyReport?
    /// Where the run forked from, for a branch (the tree view, key `T`).
    public var lineage: RunLineage?
    /// The help box's speed figures (while the help box is open; measured once per run).
    public var roofline: Roofline?

    public static func == (a: TrainingSnapshot, b: TrainingSnapshot) -> Bool {
        a.runName == b.runName && a.status == b.status && a.epoch == b.epoch && a.step == b.step
            && a.batchLoss == b.batchLoss && a.epochSeries == b.epochSeries
            && a.probeReconstructions == b.probeReconstructions && a.probeCodes == b.probeCodes
            && a.settings.map { $0.0 + "=" + $0.1 } == b.settings.map { $0.0 + "=" + $0.1 }
            && a.note == b.note && a.noteIsError == b.noteIsError && a.batchInEpoch == b.batchInEpoch
            && a.pairID == b.pairID
            && a.pairStart == b.pairStart
            && a.probeStart == b.probeStart && a.probeCorrupted == b.probeCorrupted
            && a.references == b.references && a.history.count == b.history.count
            && a.history.last?.step == b.history.last?.step && a.filters == b.filters
            && a.scatter == b.scatter && a.walk == b.walk && a.anomaly == b.anomaly
            && a.codeHistogram == b.codeHistogram
            && a.lineage == b.lineage && a.roofline == b.roofline
    }

    public init(
        runName: String, status: RunStatus, epoch: Int, totalEpochs: Int?, batchInEpoch: Int,
        batchesPerEpoch: Int, step: Int, lossUnit: String, batchLoss: MetricSeries,
        epochSeries: [MetricSeries], lastBatchLoss: Double?, lastValidationLoss: Double?,
        imageRows: Int, imageColumns: Int, probeInputs: [[UInt8]], probeReconstructions: [[UInt8]],
        probeCodes: [[Float]], codeStatistics: CodeStatistics, samplesPerSecond: Double,
        settings: [(String, String)], note: String? = nil, pairID: Int? = nil, probeStart: Int = 0,
        probeCorrupted: [[UInt8]]? = nil, probeErrors: [Double] = [], lastEpochSeconds: Double? = nil,
        lastPenalty: Double? = nil, jacobianNorm: Double? = nil, references: [ReferenceLine] = [],
        codeHistogram: CodeHistogram? = nil, history: [EpochFrame] = [], historyInputs: [[UInt8]] = [],
        filters: [FilterSet] = [], scatter: CodeScatter? = nil, walk: LatentWalk? = nil
    ) {
        self.runName = runName
        self.status = status
        self.epoch = epoch
        self.totalEpochs = totalEpochs
        self.batchInEpoch = batchInEpoch
        self.batchesPerEpoch = batchesPerEpoch
        self.step = step
        self.lossUnit = lossUnit
        self.batchLoss = batchLoss
        self.epochSeries = epochSeries
        self.lastBatchLoss = lastBatchLoss
        self.lastValidationLoss = lastValidationLoss
        self.imageRows = imageRows
        self.imageColumns = imageColumns
        self.probeInputs = probeInputs
        self.probeReconstructions = probeReconstructions
        self.probeCodes = probeCodes
        self.codeStatistics = codeStatistics
        self.samplesPerSecond = samplesPerSecond
        self.settings = settings
        self.note = note
        self.pairID = pairID
        self.probeStart = probeStart
        self.probeCorrupted = probeCorrupted
        self.probeErrors = probeErrors
        self.lastEpochSeconds = lastEpochSeconds
        self.lastPenalty = lastPenalty
        self.jacobianNorm = jacobianNorm
        self.references = references
        self.codeHistogram = codeHistogram
        self.history = history
        self.historyInputs = historyInputs
        self.filters = filters
        self.scatter = scatter
        self.walk = walk
    }
}
