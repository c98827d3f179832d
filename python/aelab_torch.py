"""aelab_torch: aelab's autoencoders in PyTorch, and their weights in both directions.

    aelab export RUN --torch            # writes RUN/torch_model.safetensors
    >>> import aelab_torch
    >>> model = aelab_torch.load("RUN/torch_model.safetensors")   # strict load_state_dict
    >>> r = model(x)                    # x: [B, 784] in [0, 1]; r: the reconstruction

The model is two nn.Sequential stacks (Linear then its activation module, so Linear k sits at
index 2k: encoder.0.weight, encoder.2.weight, ...), and for a VAE two heads `mu` and `logvar`
on top of the encoder. Weights are nn.Linear's [out, in]. forward(x) is the engine's forward:
a VAE decodes z = mu (no noise); `encode` gives the code (or (mu, logvar)), `decode` the image.

The other way:
    >>> aelab_torch.save(model, "mine.safetensors")              # from a model built here
    >>> aelab_torch.convert_torch_save("sd.pt", "mine.safetensors", model)   # a torch.save file
    aelab import mine.safetensors --out runs/mine

NumPy needs no torch: `numpy_forward(tensors, architecture, x)` computes the same forward pass,
and `save_state_dict(arrays, architecture, path)` writes a state dict aelab imports.
The architecture is aelab's JSON: {"inputSize", "encoderSizes", "hiddenActivation",
"codeActivation", "outputActivation", "tiedWeights", "stochasticCode"}.
"""

import json
import struct

import numpy as np

FORMAT = "aelab-torch-1"
LEAKY_SLOPE = 0.01


def read_metadata(path):
    """The __metadata__ of a safetensors file (a dict of strings), read without torch."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
    return header.get("__metadata__", {})


def architecture_of(path):
    """The architecture dict stored in a state dict written by aelab or by this module."""
    meta = read_metadata(path)
    if "architecture" not in meta:
        raise ValueError(f"{path}: no 'architecture' metadata; pass the architecture yourself")
    return json.loads(meta["architecture"])


def _layers(arch):
    """(stack, index, in, out, activation) for every Linear, in forward order."""
    d, sizes = arch["inputSize"], list(arch["encoderSizes"])
    widths = [d] + sizes + sizes[:-1][::-1] + [d]
    depth = len(sizes)
    stochastic = arch.get("stochasticCode", False)
    layers = []
    for k in range(depth - 1 if stochastic else depth):
        act = arch["codeActivation"] if k == depth - 1 else arch["hiddenActivation"]
        layers.append(("encoder", 2 * k, widths[k], widths[k + 1], act))
    heads = (widths[depth - 1], widths[depth]) if stochastic else None
    decoder = []
    for k in range(depth):
        act = arch["outputActivation"] if k == depth - 1 else arch["hiddenActivation"]
        decoder.append(("decoder", 2 * k, widths[depth + k], widths[depth + k + 1], act))
    return layers, heads, decoder


def _np_activation(name, z):
    if name == "identity":
        return z
    if name == "relu":
        return np.maximum(z, 0)
    if name == "leaky-relu":
        return np.where(z > 0, z, LEAKY_SLOPE * z)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "softplus":
        return np.logaddexp(0, z)
    raise ValueError(f"unknown activation {name!r}")


def numpy_forward(tensors, arch, x):
    """The reconstruction of x [B, D] by the state dict `tensors` (name -> array), in float64."""
    encoder, heads, decoder = _layers(arch)
    h = np.asarray(x, dtype=np.float64)

    def linear(name, h):
        return h @ np.asarray(tensors[name + ".weight"], np.float64).T + np.asarray(tensors[name + ".bias"], np.float64)

    for stack, i, _, _, act in encoder:
        h = _np_activation(act, linear(f"{stack}.{i}", h))
    if heads:
        h = linear("mu", h)  # z = mu: the engine's forward without noise
    for stack, i, _, _, act in decoder:
        h = _np_activation(act, linear(f"{stack}.{i}", h))
    return h


def state_dict_shapes(arch):
    """Every tensor name of the state dict and its shape, in order."""
    encoder, heads, decoder = _layers(arch)
    shapes = {}
    for stack, i, n_in, n_out, _ in encoder:
        shapes[f"{stack}.{i}.weight"], shapes[f"{stack}.{i}.bias"] = (n_out, n_in), (n_out,)
    if heads:
        for head in ("mu", "logvar"):
            shapes[f"{head}.weight"], shapes[f"{head}.bias"] = (heads[1], heads[0]), (heads[1],)
    for stack, i, n_in, n_out, _ in decoder:
        shapes[f"{stack}.{i}.weight"], shapes[f"{stack}.{i}.bias"] = (n_out, n_in), (n_out,)
    return shapes


def save_state_dict(arrays, arch, path):
    """Writes name -> array as float32 safetensors with the metadata `aelab import` reads."""
    from safetensors.numpy import save_file

    expected = state_dict_shapes(arch)
    if set(arrays) != set(expected):
        raise ValueError(f"tensor names {sorted(arrays)} differ from the model's {sorted(expected)}")
    out = {}
    for name, shape in expected.items():
        a = np.ascontiguousarray(np.asarray(arrays[name], dtype=np.float32))
        if a.shape != shape:
            raise ValueError(f"{name} has shape {a.shape}, expected {shape}")
        out[name] = a
    save_file(out, path, metadata={"format": FORMAT, "architecture": json.dumps(arch)})


def build(arch):
    """The PyTorch model (needs torch) for an architecture dict."""
    import torch
    from torch import nn

    def module(name):
        return {
            "identity": nn.Identity, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh,
            "softplus": nn.Softplus, "leaky-relu": lambda: nn.LeakyReLU(LEAKY_SLOPE),
        }[name]()

    class AelabAutoencoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.aelab_architecture = dict(arch)
            encoder, heads, decoder = _layers(arch)
            self.encoder = nn.Sequential(*[m for _, _, i, o, a in encoder for m in (nn.Linear(i, o), module(a))])
            self.stochastic = heads is not None
            if heads:
                self.mu = nn.Linear(*heads)
                self.logvar = nn.Linear(*heads)
            self.decoder = nn.Sequential(*[m for _, _, i, o, a in decoder for m in (nn.Linear(i, o), module(a))])

        def encode(self, x):
            h = self.encoder(x)
            return (self.mu(h), self.logvar(h)) if self.stochastic else h

        def decode(self, z):
            return self.decoder(z)

        def forward(self, x):
            code = self.encode(x)
            return self.decode(code[0] if self.stochastic else code)

    return AelabAutoencoder()


def load(path, arch=None):
    """The model of a state dict file, loaded with load_state_dict(strict=True) (needs torch)."""
    from safetensors.torch import load_file

    model = build(arch or architecture_of(path))
    model.load_state_dict(load_file(path), strict=True)
    return model


def save(model, path):
    """Writes a model built by `build`/`load` as a state dict `aelab import` reads (needs torch)."""
    arrays = {k: v.detach().cpu().float().numpy() for k, v in model.state_dict().items()}
    save_state_dict(arrays, model.aelab_architecture, path)


def convert_torch_save(pt_path, out_path, model_or_arch):
    """Converts a `torch.save(model.state_dict(), pt_path)` file to safetensors for aelab.

    model_or_arch: a model from `build` (its architecture is used) or an architecture dict.
    The state dict is checked strictly against that model before anything is written.
    """
    import torch

    arch = getattr(model_or_arch, "aelab_architecture", model_or_arch)
    state = torch.load(pt_path, map_location="cpu", weights_only=True)
    build(arch).load_state_dict(state, strict=True)
    save_state_dict({k: v.detach().float().numpy() for k, v in state.items()}, arch, out_path)
