// CheckpointTensors: which tensors a configuration's checkpoint holds, and where each lives.
//
// Generic over the model's ParameterLayout: every parameter tensor is saved under its layout
// name ("encoder.0.weight"), and the optimizer's state for it under a prefixed name:
//   Adam / AdamW:  optimizer.adam.m.<name>, optimizer.adam.v.<name>  (adamw.m / adamw.v)
//   SGD:           optimizer.sgd.velocity.<name>
// A model kind that adds tensors to its layout (a VAE head, PSD's predictor) is covered with
// no change here.

/// One tensor of a checkpoint: its name, shape, and the flat buffer range that holds it.
struct CheckpointSlot {
    enum Source { case parameters, firstMoment, secondMoment }
    let name: String
    let shape: [Int]
    let source: Source
    let offset: Int
    var count: Int { shape.reduce(1, *) }
}

enum CheckpointTensors {
    /// Every tensor the checkpoint of a model with `layout`, trained by `kind`, holds.
    static func slots(layout: ParameterLayout, optimizer kind: OptimizerKind) -> [CheckpointSlot] {
        var slots: [CheckpointSlot] = []
        for tensor in layout.tensors {
            slots.append(
                CheckpointSlot(name: tensor.name, shape: tensor.shape, source: .parameters, offset: tensor.offset))
        }
        for tensor in layout.tensors {
            switch kind {
            case .sgd:
                slots.append(
                    CheckpointSlot(
                        name: "optimizer.sgd.velocity." + tensor.name, shape: tensor.shape, source: .firstMoment,
                        offset: tensor.offset))
            case .adam, .adamw:
                let prefix = "optimizer.\(kind.rawValue)."
                slots.append(
                    CheckpointSlot(
                        name: prefix + "m." + tensor.name, shape: tensor.shape, source: .firstMoment,
                        offset: tensor.offset))
                slots.append(
                    CheckpointSlot(
                        name: prefix + "v." + tensor.name, shape: tensor.shape, source: .secondMoment,
                        offset: tensor.offset))
            }
        }
        return slots
    }
}
