// FilterImages: weight vectors as grey images, normalized the way the UFLDL sparse-autoencoder
// exercise displays them (display_network.m): subtract the mean over all weights, then scale
// each filter by its own largest |w| so it spans [-1, 1], and show -1 black, 0 mid-grey, 1 white.

/// Turns weight vectors into 8-bit grey images.
public enum FilterImages {
    /// Each vector as pixels 0-255, normalized as described at the top of this file.
    /// - Parameter weights: filters of equal length (D = rows·columns of the image).
    /// - Returns: One image per filter; an all-zero filter is uniform mid-grey.
    public static func normalized(_ weights: [[Float]]) -> [[UInt8]] {
        let count = weights.reduce(0) { $0 + $1.count }
        guard count > 0 else { return weights.map { _ in [] } }
        let mean = weights.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + Double($1) } } / Double(count)
        return weights.map { filter in
            let centred = filter.map { Double($0) - mean }
            let scale = centred.map(abs).max() ?? 0
            return centred.map { value in
                let unit = scale > 0 && value.isFinite ? value / scale : 0
                return UInt8((min(max(unit, -1), 1) * 127.5 + 127.5).rounded())
            }
        }
    }
}
