// GreyPixels: model outputs in [0, 1] as the 0-255 grey bytes that screens and pictures draw.

/// Conversion of pixel values to bytes.
public enum GreyPixels {
    /// Pixels 0-255 of values in [0, 1] (clamped; NaN and infinities give 0).
    public static func bytes(_ values: [Float]) -> [UInt8] {
        values.map { v in v.isFinite ? UInt8((min(max(v, 0), 1) * 255).rounded()) : 0 }
    }
}
