// RunPictures: the pictures of a run a person puts in a report: loss curves, input |
// reconstruction pairs, and the decoder's filters as a tile sheet.
//
// Filters are normalized as in the UFLDL sparse autoencoder exercise (display_network): each
// tile has its mean subtracted and is divided by its largest |w|, so -1..1 maps to black..white
// and every filter uses the full grey range whatever its scale.

import AutoencoderKit
import Formats

/// Builds report pictures on `PixelCanvas`es (write them with `writePNG(to:)`).
public enum RunPictures {
    static let trainColor = RGB(hex: 0x1F77B4)
    static let validationColor = RGB(hex: 0xD62728)
    static let margin = 8
    static let pairGap = 2
    static let cellGap = 10

    /// The per-epoch training and validation loss of metrics records, or nil when no record
    /// holds a `train_<loss>_per_pixel` value.
    /// - Parameters:
    ///   - records: metrics.jsonl objects; "epoch" events are plotted, others ignored.
    ///   - title: drawn at the top, e.g. the run's name.
    /// - Returns: a chart with axis labels (epoch; loss with its unit) and a legend.
    public static func lossChart(records: [JSONObject], title: String, width: Int = 800, height: Int = 500)
        -> PixelCanvas?
    {
        let epochs = records.filter { ($0.value(for: "event")?.stringValue ?? "epoch") == "epoch" }
        guard
            let key = epochs.lazy.flatMap(\.keys).first(where: { $0.hasPrefix("train_") && $0.hasSuffix("_per_pixel") })
        else { return nil }
        let stem = String(key.dropFirst("train_".count).dropLast("_per_pixel".count))
        func points(_ name: String) -> [(Double, Double)] {
            epochs.compactMap { record in
                guard let x = record.value(for: "epoch")?.doubleValue, let y = record.value(for: name)?.doubleValue
                else {
                    return nil
                }
                return (x, y)
            }
        }
        var series = [(name: "train", points: points("train_\(stem)_per_pixel"), color: trainColor)]
        let validation = points("val_\(stem)_per_pixel")
        if !validation.isEmpty { series.append((name: "validation", points: validation, color: validationColor)) }
        let unit = stem.uppercased() + "/px"
        return ChartPicture.lineChart(
            series: series, title: title, xLabel: "epoch", yLabel: "loss (\(unit), mean over pixels)",
            width: width, height: height)
    }

    /// Size in pixels of `reconstructionGrid` for `count` pairs.
    public static func gridSize(count: Int, rows: Int, columns: Int, pairsPerRow: Int, scale: Int) -> (
        width: Int, height: Int
    ) {
        let perRow = max(1, min(pairsPerRow, count))
        let gridRows = max(1, (count + perRow - 1) / perRow)
        let cell = 2 * columns * scale + pairGap
        let caption = BitmapFont.glyphHeight + 6
        return (
            2 * margin + perRow * cell + (perRow - 1) * cellGap,
            2 * margin + caption + gridRows * rows * scale + (gridRows - 1) * cellGap
        )
    }

    /// Input | reconstruction pairs, `pairsPerRow` pairs a row, under a caption row.
    /// - Parameters:
    ///   - inputs, reconstructions: pixels 0-255, rows × columns each, pairwise.
    ///   - scale: each image pixel becomes scale × scale picture pixels.
    /// - Precondition: as many reconstructions as inputs, at least one.
    public static func reconstructionGrid(
        inputs: [[UInt8]], reconstructions: [[UInt8]], rows: Int, columns: Int, pairsPerRow: Int = 4, scale: Int = 2
    ) -> PixelCanvas {
        precondition(!inputs.isEmpty && inputs.count == reconstructions.count, "reconstructionGrid needs pairs")
        let perRow = max(1, min(pairsPerRow, inputs.count))
        let size = gridSize(count: inputs.count, rows: rows, columns: columns, pairsPerRow: perRow, scale: scale)
        var canvas = PixelCanvas(width: size.width, height: size.height, background: .white)
        let tile = columns * scale
        let cell = 2 * tile + pairGap
        let top = margin + BitmapFont.glyphHeight + 6
        for column in 0..<perRow {
            let x = margin + column * (cell + cellGap)
            canvas.drawText("input", x: x, y: margin, color: ChartPicture.ink)
            canvas.drawText("recon", x: x + tile + pairGap, y: margin, color: ChartPicture.ink)
        }
        for (index, (input, output)) in zip(inputs, reconstructions).enumerated() {
            let (row, column) = index.quotientAndRemainder(dividingBy: perRow)
            let x = margin + column * (cell + cellGap)
            let y = top + row * (rows * scale + cellGap)
            canvas.blitGrey(input, width: columns, height: rows, x: x, y: y, factor: scale)
            canvas.blitGrey(output, width: columns, height: rows, x: x + tile + pairGap, y: y, factor: scale)
        }
        return canvas
    }

    /// Size in pixels of `filterSheet` for `count` filters.
    public static func sheetSize(count: Int, rows: Int, columns: Int, scale: Int) -> (
        width: Int, height: Int, across: Int
    ) {
        let across = max(1, Int(Double(count).squareRoot().rounded(.up)))
        let down = max(1, (count + across - 1) / across)
        return (across * columns * scale + (across + 1) * scale, down * rows * scale + (down + 1) * scale, across)
    }

    /// One filter per tile, UFLDL-normalized (per tile: mean subtracted, divided by max |w|),
    /// on a black background with one-pixel (× scale) borders.
    /// - Parameters:
    ///   - filters: each rows × columns values.
    /// - Precondition: at least one filter.
    public static func filterSheet(filters: [[Float]], rows: Int, columns: Int, scale: Int = 2) -> PixelCanvas {
        precondition(!filters.isEmpty, "filterSheet needs a filter")
        let size = sheetSize(count: filters.count, rows: rows, columns: columns, scale: scale)
        var canvas = PixelCanvas(width: size.width, height: size.height, background: .black)
        for (index, filter) in filters.enumerated() {
            let (row, column) = index.quotientAndRemainder(dividingBy: size.across)
            let mean = filter.reduce(0, +) / Float(max(filter.count, 1))
            let centred = filter.map { $0 - mean }
            let limit = centred.map { abs($0) }.max() ?? 0
            let grey = centred.map { limit > 0 ? ($0 / limit + 1) / 2 : 0.5 }
            canvas.blitGrey(
                values: grey, width: columns, height: rows, x: scale + column * (columns + 1) * scale,
                y: scale + row * (rows + 1) * scale, factor: scale)
        }
        return canvas
    }

    /// The filters of the decoder's output layer: for each unit j feeding the reconstruction,
    /// the D weights from j to the pixels (column j of W_dec; row j of W_enc when tied).
    /// - Parameter limit: at most this many (the first units).
    public static func decoderFilters(_ model: Autoencoder<Float>, limit: Int = 256) -> [[Float]] {
        guard let layer = model.layout.layers.last else { return [] }
        let d = layer.outputSize
        let units = min(layer.inputSize, limit)
        let w = model.parameters.pointer + layer.weightOffset
        return (0..<units).map { j in
            // stored as [out, in] normally; tied layers read the encoder's [in, out] as its transpose
            layer.usesTransposedWeight
                ? Array(UnsafeBufferPointer(start: w + j * d, count: d))
                : (0..<d).map { i in w[i * layer.inputSize + j] }
        }
    }
}
