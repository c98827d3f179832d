// Dataset+Holdout: training without one class, so that its images are anomalies a model of the
// others reconstructs badly. The training split loses class K; validation and test keep every
// image (normal = the other classes, anomalous = class K).

/// Why a class cannot be held out of a dataset.
public enum HoldoutError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The training or validation images carry no labels.
    case noLabels(data: String, set: String)
    /// The class does not occur in the set.
    case classAbsent(data: String, set: String, holdout: Int, present: [Int])
    /// Every training image has the class.
    case nothingLeft(data: String, holdout: Int)

    public var description: String {
        switch self {
        case .noLabels(let data, let set):
            return "--holdout-class needs class labels, but \(data) has none for its \(set) images "
                + "(digits and fashion have labels; a folder needs train-labels-idx1-ubyte[.gz], an .npy file a labels array)"
        case .classAbsent(let data, let set, let holdout, let present):
            return
                "--holdout-class \(holdout): \(data) has no \(set) image of class \(holdout) (classes present: \(present.map(String.init).joined(separator: ", ")))"
        case .nothingLeft(let data, let holdout):
            return
                "--holdout-class \(holdout): every \(data) training image is of class \(holdout); nothing is left to train on"
        }
    }
}

extension ImageSet {
    /// The indices of the images whose label is (or is not) `label`; nil without labels.
    public func indices(labelled label: Int, matching: Bool = true) -> [Int]? {
        labels.map { labels in labels.indices.filter { (Int(labels[$0]) == label) == matching } }
    }

    /// The images at `indices`, in that order, as a new set.
    public func selecting(_ indices: [Int], name: String? = nil) -> ImageSet {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(indices.count * pixelsPerImage)
        for index in indices { pixels += image(index) }
        return ImageSet(
            name: name ?? self.name, rows: rows, columns: columns, pixels: pixels,
            labels: labels.map { labels in indices.map { labels[$0] } })
    }
}

extension Dataset {
    /// This dataset with every training image of class `label` removed; validation and test unchanged.
    /// A dataset whose training images already lack the class is returned as it is, so a
    /// trainer's own dataset can be held out again (reset, fork).
    /// - Throws: `HoldoutError` when the images have no labels or the class is absent from
    ///   validation.
    public func holdingOut(_ label: Int) throws -> Dataset {
        guard let trainLabels = train.labels else { throw HoldoutError.noLabels(data: name, set: "training") }
        guard let validationLabels = validation.labels else {
            throw HoldoutError.noLabels(data: name, set: "validation")
        }
        guard validationLabels.contains(where: { Int($0) == label }) else {
            throw HoldoutError.classAbsent(
                data: name, set: "validation", holdout: label, present: Set(validationLabels.map(Int.init)).sorted())
        }
        // training without the class already (a trainer's own dataset, reset or forked): as it is
        guard trainLabels.contains(where: { Int($0) == label }) else { return self }
        let kept = train.indices(labelled: label, matching: false) ?? []
        guard !kept.isEmpty else { throw HoldoutError.nothingLeft(data: name, holdout: label) }
        var heldOut = Dataset(
            name: name, train: train.selecting(kept, name: "\(train.name) without class \(label)"),
            validation: validation, test: test)
        heldOut.source = source
        return heldOut
    }
}
