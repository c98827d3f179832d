// RunVisuals: the probe pictures and code statistics of one moment of a run, kept so a
// snapshot can reuse them for up to a second while the run trains.
import AutoencoderKit

struct RunVisuals {
    /// How long a running run's pictures stay current.
    static let refreshNanoseconds: UInt64 = 1_000_000_000
    var time: UInt64
    var epoch: Int
    var probeIndices: [Int]
    var reconstructions: [[Float]]
    var codes: [[Float]]
    var statisticsCodes: [[Float]]
    var statistics: CodeStatistics
    var errors: [Double]
    var jacobianNorm: Double?
    var histogram: CodeHistogram?
}
