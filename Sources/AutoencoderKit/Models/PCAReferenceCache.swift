// PCAReferenceCache: PCA references computed once per dataset and component count, shared by
// every run that shows the PCA line (the covariance and its eigen-decomposition take seconds
// for 784 pixels, so they are not repeated per run).
import Foundation

/// A PCA reference with its validation error.
public struct PCABaseline: Sendable {
    public let reference: PCAReference
    /// Mean squared error per pixel of the validation set projected on the components.
    public let validationMSEPerPixel: Double
}

/// A process-wide cache of PCA baselines keyed by dataset and k.
public final class PCAReferenceCache: @unchecked Sendable {
    /// The cache every run shares.
    public static let shared = PCAReferenceCache()

    private let lock = NSLock()
    private var entries: [String: PCABaseline] = [:]

    public init() {}

    /// The baseline of `dataset` with `k` components, computed on first use.
    /// - Throws: `PCAError` when k is out of range or LAPACK fails.
    /// - Complexity: O(N·D² + D³) the first time for a dataset and k; O(1) after.
    public func baseline(for dataset: Dataset, components k: Int) throws -> PCABaseline {
        let key = "\(dataset.name)|\(dataset.train.count)|\(dataset.validation.count)|\(dataset.train.pixelsPerImage)|\(k)"
        lock.lock()
        if let hit = entries[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let reference = try PCAReference(dataset.train, components: k)
        let baseline = PCABaseline(reference: reference, validationMSEPerPixel: reference.reconstructionError(dataset.validation))
        lock.lock()
        entries[key] = baseline
        lock.unlock()
        return baseline
    }
}
