// ModelInspector+SquaredError: figures beyond the training loss, for `aelab eval` and reports.

extension ModelInspector {
    /// Mean squared error per pixel between the images of `set` and their reconstructions,
    /// whatever the training loss (the unit PCA's reconstruction error is measured in).
    /// - Complexity: one forward pass over `set`.
    public func squaredError(of set: ImageSet) -> Double {
        var total = 0.0
        let scale = 1 / Float(255)
        for batch in InspectionBatches(count: set.count, batchSize: 1_000) {
            let indices = Array(batch)
            let reconstructions = probe(set, indices: indices).reconstructions
            for (index, r) in zip(indices, reconstructions) {
                for (pixel, value) in zip(set.image(index), r) {
                    let e = Double(value - Float(pixel) * scale)
                    total += e * e
                }
            }
        }
        return total / Double(max(set.count * set.pixelsPerImage, 1))
    }
}
