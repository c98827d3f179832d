// RunEvents: what TensorBoard shows of an aelab run: every figure of an epoch's metrics line as
// a scalar, and the probe reconstructions as an image, both at step = the epoch number.
//
// Tags group by the prefix TensorBoard splits on '/', and keep the metrics' units:
//   train_bce_per_pixel -> train/bce_per_pixel      val_mse_per_image -> val/mse_per_image
//   train_l1_penalty    -> train/l1_penalty         mean_code_activation -> code/mean_code_activation
//   epoch_seconds       -> speed/epoch_seconds      learning_rate -> optimizer/learning_rate
// The image (tag "reconstructions/probe") is the grid `aelab export --png` draws: each probe
// image beside its reconstruction, from the first validation images.

import AutoencoderKit
import Formats

/// Events of a run, from its metrics and its model.
public enum RunEvents {
    /// The image tag of the probe reconstructions.
    public static let reconstructionTag = "reconstructions/probe"
    /// Probe images in the reconstruction grid.
    public static let probeCount = 16

    /// The TensorBoard tag of a metrics key, or nil for the counters (epoch, step).
    public static func tag(forMetric key: String) -> String? {
        switch key {
        case "epoch", "step": return nil
        case "learning_rate": return "optimizer/learning_rate"
        case "epoch_seconds", "samples_per_second": return "speed/" + key
        default:
            for prefix in ["train_", "val_"] where key.hasPrefix(prefix) {
                return String(prefix.dropLast()) + "/" + key.dropFirst(prefix.count)
            }
            return "code/" + key
        }
    }

    /// The scalars of an epoch, in the metrics line's order (non-finite values are kept:
    /// TensorBoard shows a diverged loss as NaN).
    public static func scalars(_ metrics: EpochMetrics) -> [(tag: String, value: Float)] {
        metrics.fields.compactMap { key, value in tag(forMetric: key).map { ($0, Float(value)) } }
    }

    /// The probe reconstructions of `trainer`'s current model, as the picture TensorBoard shows.
    public static func reconstructionPicture(_ trainer: Trainer) -> PixelCanvas? {
        let set = trainer.dataset.validation
        let indices = Array(0..<min(probeCount, set.count))
        guard !indices.isEmpty else { return nil }
        let reconstructions = trainer.inspector.probe(set, indices: indices).reconstructions.map(GreyPixels.bytes)
        return RunPictures.reconstructionGrid(
            inputs: indices.map { Array(set.image($0)) }, reconstructions: reconstructions, rows: set.rows,
            columns: set.columns)
    }

    /// The events of one finished epoch: its scalars, then its picture when given.
    public static func epochEvents(_ metrics: EpochMetrics, picture: PixelCanvas?, wallTime: Double) -> [[UInt8]] {
        var events = [TensorBoardEvent.scalars(scalars(metrics), step: metrics.epoch, wallTime: wallTime)]
        if let picture {
            events.append(
                TensorBoardEvent.image(
                    tag: reconstructionTag, png: picture.pngBytes(), width: picture.width, height: picture.height,
                    step: metrics.epoch, wallTime: wallTime))
        }
        return events
    }

    /// A whole event file for a run's record: every epoch's scalars, and the current picture at
    /// the last epoch (the workbench's saves rewrite this file; past pictures are not kept).
    public static func fileBytes(history: [EpochMetrics], picture: PixelCanvas?, wallTime: Double) -> [UInt8] {
        var bytes = TFRecord.frame(TensorBoardEvent.fileVersion(wallTime: wallTime))
        for (index, metrics) in history.enumerated() {
            let last = index == history.count - 1
            for event in epochEvents(metrics, picture: last ? picture : nil, wallTime: wallTime) {
                bytes += TFRecord.frame(event)
            }
        }
        return bytes
    }
}
