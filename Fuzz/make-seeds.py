#!/usr/bin/env python3
"""Fuzz/make-seeds.py: writes the seed corpora in Fuzz/corpus/<Target>/, valid and broken files.

Each seed is small (under 4 KB, libFuzzer's -max_len here). Run from the package root:
    python3 Fuzz/make-seeds.py
The files are committed; this script documents how each was made. Standard library only.
"""
import gzip
import json
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def save(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert len(data) <= 4096, (target, name, len(data))
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def gz(data):
    return gzip.compress(data, mtime=0)


# --- IDX ------------------------------------------------------------------------------------------
def idx(magic, sizes, body=b""):
    return struct.pack(">I", magic) + b"".join(struct.pack(">I", s) for s in sizes) + body


pixels = bytes((7 * i) % 256 for i in range(3 * 4 * 5))
images = idx(0x803, [3, 4, 5], pixels)
labels = idx(0x801, [3], bytes([1, 9, 0]))
mnist_like = idx(0x803, [2, 28, 28], bytes(range(256)) * 6 + bytes(32))
idx_seeds = {
    "valid-images-3x4x5": images,
    "valid-images-2x28x28": mnist_like,
    "valid-labels-3": labels,
    "broken-truncated-header": images[:10],
    "broken-truncated-body": images[:-7],
    "broken-trailing-bytes": images + b"\x01\x02",
    "broken-wrong-magic": idx(0x802, [3, 4, 5], pixels),
    "broken-labels-magic-in-images": idx(0x801, [3, 4, 5], pixels),
    "broken-zero-dimension": idx(0x803, [3, 0, 5]),
    "broken-huge-count": idx(0x803, [0xFFFFFFFF, 28, 28]),
    "broken-huge-side": idx(0x803, [1, 5000, 5000]),
    "broken-huge-labels": idx(0x801, [0xFFFFFFFF]),
    "broken-one-byte": b"\x00",
    "broken-magic-only": struct.pack(">I", 0x803),
}
for name, data in idx_seeds.items():
    save("IDX", name, data)

gzip_seeds = {
    "valid-images.gz": gz(images),
    "valid-images-2x28x28.gz": gz(mnist_like),
    "valid-labels.gz": gz(labels),
    "valid-two-members.gz": gz(images[:30]) + gz(images[30:]),
    "broken-truncated-stream.gz": gz(images)[:-12],
    "broken-trailing-garbage.gz": gz(images) + b"garbage",
    "broken-bomb-small-header.gz": gz(idx(0x803, [1, 2, 2], bytes(200000))),
    "broken-huge-count.gz": gz(idx(0x803, [0xFFFFFFFF, 28, 28], bytes(64))),
    "broken-wrong-isize.gz": gz(images)[:-4] + struct.pack("<I", 0xFFFFFFF0),
    "broken-not-deflate.gz": b"\x1f\x8b\x08\x00" + bytes(6) + b"\xff" * 20 + bytes(8),
    "broken-empty-member.gz": gz(b""),
    "broken-plain-images-under-gz-name": images,
}
for name, data in gzip_seeds.items():
    save("IDXGzip", name, data)


# --- NPY ------------------------------------------------------------------------------------------
def npy(descr, shape, body=b"", fortran=False, version=1, header=None):
    if header is None:
        shape_text = "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
        header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (
            descr, "True" if fortran else "False", shape_text)
    head = header.encode("latin-1")
    prefix = 10 if version == 1 else 12
    pad = (64 - (prefix + len(head) + 1) % 64) % 64
    head = head + b" " * pad + b"\n"
    length = struct.pack("<H", len(head)) if version == 1 else struct.pack("<I", len(head))
    return b"\x93NUMPY" + bytes([version, 0]) + length + head + body


u1 = npy("|u1", [2, 4, 5], bytes(range(40)))
npy_seeds = {
    "valid-u1-2x4x5": u1,
    "valid-u1-flat-2x16": npy("|u1", [2, 16], bytes(range(32))),
    "valid-f4-unit-2x9": npy("<f4", [2, 9], struct.pack("<18f", *[i / 17 for i in range(18)])),
    "valid-f4-255-1x2x2": npy("<f4", [1, 2, 2], struct.pack("<4f", 0, 12.5, 200, 255)),
    "valid-f8-1x1x3x3": npy("<f8", [1, 1, 3, 3], struct.pack("<9d", *[i / 8 for i in range(9)])),
    "valid-u1-nhwc-1x3x3x1": npy("|u1", [1, 3, 3, 1], bytes(9)),
    "valid-labels-u1": npy("|u1", [3], bytes([1, 2, 3])),
    "valid-labels-i8": npy("<i8", [3], struct.pack("<3q", 0, 9, 255)),
    "valid-labels-i4": npy("<i4", [2], struct.pack("<2i", 4, 5)),
    "valid-version2": npy("|u1", [1, 2, 2], bytes(4), version=2),
    "valid-u1.npy.gz": gz(u1),
    "broken-fortran": npy("|u1", [2, 4, 5], bytes(range(40)), fortran=True),
    "broken-dtype-f2": npy("<f2", [1, 2, 2], bytes(8)),
    "broken-structured": npy("", [], header="{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }"),
    "broken-truncated": u1[:-5],
    "broken-trailing": u1 + b"\x00",
    "broken-huge-shape": npy("|u1", [10 ** 12, 28, 28]),
    "broken-huge-flat": npy("|u1", [1, 9223372036854775807]),
    "broken-int-overflow": npy("|u1", [], header="{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999,), }"),
    "broken-nan": npy("<f4", [1, 1, 1], struct.pack("<f", float("nan"))),
    "broken-negative": npy("<f8", [1, 1, 1], struct.pack("<d", -3)),
    "broken-label-300": npy("<i4", [1], struct.pack("<i", 300)),
    "broken-missing-key": npy("", [], header="{'descr': '|u1', 'shape': (1, 2, 2), }"),
    "broken-duplicate-key": npy("", [], header="{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (1,2,2), }"),
    "broken-nested": npy("", [], header="{'descr': '|u1', 'fortran_order': False, 'shape': ((((((((((1,),),),),),),),),),), }"),
    "broken-version9": b"\x93NUMPY\x09\x00" + u1[8:],
    "broken-header-past-end": b"\x93NUMPY\x01\x00\xff\xff{",
    "broken-no-magic": b"NUMPY" + u1[6:],
}
for name, data in npy_seeds.items():
    save("NPY", name, data)


# --- npz (zip of .npy members, as np.savez and np.savez_compressed write them) -------------------
import io
import zipfile


def npz(arrays, compressed=False, zip64=False):
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", compression=method) as z:
        for name, data in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            with z.open(info, "w", force_zip64=zip64) as f:
                f.write(data)
    return out.getvalue()


def central(data):
    """Offset of the first central directory entry."""
    end = data.rindex(b"PK\x05\x06")
    return struct.unpack_from("<I", data, end + 16)[0]


def patch(data, offset, fmt, value):
    data = bytearray(data)
    struct.pack_into(fmt, data, offset, value)
    return bytes(data)


keras = {"x_train": npy("|u1", [2, 4, 5], bytes(range(40))), "y_train": npy("|u1", [2], b"\x01\x02"),
         "x_test": npy("|u1", [1, 4, 5], bytes(20)), "y_test": npy("|u1", [1], b"\x07")}
stored = npz(keras)
deflated = npz({"x_train": npy("|u1", [3, 4, 4], bytes(48)), "y_train": npy("<i8", [3], struct.pack("<3q", 1, 2, 3))},
               compressed=True)
npz_seeds = {
    "valid-keras-stored": stored,
    "valid-keras-deflated": npz(keras, compressed=True),
    "valid-arr0": npz({"arr_0": npy("|u1", [1, 3, 3], bytes(9))}, compressed=True),
    "valid-zip64-local": npz({"arr_0": npy("<f4", [1, 2, 2], struct.pack("<4f", 0, 0.5, 1, 0.25))}, zip64=True),
    "valid-empty-archive": b"PK\x05\x06" + bytes(18),
    "broken-truncated": stored[: len(stored) // 2],
    "broken-no-end-record": stored[:-22],
    "broken-plain-npy": u1,
    "broken-gzip": gz(stored),
    "broken-crc": patch(stored, central(stored) + 16, "<I", 0x12345678),
    "broken-bomb-declared": patch(deflated, central(deflated) + 24, "<I", 0xFFFFFFF0),
    "broken-declared-small": patch(deflated, central(deflated) + 24, "<I", 50),
    "broken-stored-size": patch(stored, central(stored) + 24, "<I", 9),
    "broken-method-bzip2": patch(stored, central(stored) + 10, "<H", 12),
    "broken-encrypted": patch(stored, central(stored) + 8, "<H", 1),
    "broken-offset-past-end": patch(stored, central(stored) + 42, "<I", 0x7FFFFFFF),
    "broken-count-huge": patch(stored, stored.rindex(b"PK\x05\x06") + 10, "<H", 0xFFFE),
    "broken-shape": npz({"x_train": npy("|u1", [2, 6], bytes(12))}),
    "broken-dtype": npz({"x_train": npy("<f2", [1, 2, 2], bytes(8))}),
    "broken-label-count": npz({"x_train": npy("|u1", [2, 2, 2], bytes(8)), "y_train": npy("|u1", [3], bytes(3))}),
    "broken-no-default": npz({"a": npy("|u1", [1, 2, 2], bytes(4)), "b": npy("|u1", [1, 2, 2], bytes(4))}),
    "broken-test-size": npz({"x_train": npy("|u1", [1, 2, 2], bytes(4)), "x_test": npy("|u1", [1, 3, 3], bytes(9))}),
}
for name, data in npz_seeds.items():
    save("NPZ", name, data)


# --- safetensors ----------------------------------------------------------------------------------
def st(header, data=b"", pad=True):
    text = header if isinstance(header, str) else json.dumps(header, separators=(",", ":"))
    head = text.encode("utf-8")
    if pad:
        head += b" " * ((8 - len(head) % 8) % 8)
    return struct.pack("<Q", len(head)) + head + data


def entry(shape, begin, end, dtype="F32"):
    return {"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}


floats = struct.pack("<4f", 0, -0.5, 1, 2)
st_seeds = {
    "valid-two-tensors": st({"__metadata__": {"epoch": "3", "preset": "sparse"},
                             "a": entry([2, 1], 0, 8), "w": entry([2], 8, 16)}, floats),
    "valid-scalar-and-empty": st({"s": entry([], 0, 4), "e": entry([0, 3], 4, 4)}, struct.pack("<f", 1)),
    "valid-unicode-name": st({"größe \"q\"": entry([1], 0, 4)}, struct.pack("<f", 3)),
    "valid-no-padding": st({"x": entry([1], 0, 4)}, struct.pack("<f", 3), pad=False),
    "valid-empty-header": st({}),
    "broken-too-short": b"\x08\x00\x00",
    "broken-header-too-large": struct.pack("<Q", 10 ** 12) + b"{}",
    "broken-header-past-end": struct.pack("<Q", 64) + b"{}",
    "broken-not-json": st("{\"a\": [1, 2"),
    "broken-not-object": st("[1,2,3]"),
    "broken-not-utf8": struct.pack("<Q", 4) + b"{\xff}\x20",
    "broken-bad-metadata": st({"__metadata__": {"epoch": 3}}),
    "broken-entry-not-object": st({"a": 5}),
    "broken-missing-shape": st({"a": {"dtype": "F32", "data_offsets": [0, 4]}}, bytes(4)),
    "broken-dtype-f16": st({"a": entry([2], 0, 4, "F16")}, bytes(4)),
    "broken-negative-dimension": st({"a": entry([-1], 0, 4)}, bytes(4)),
    "broken-offsets-past-end": st({"a": entry([4], 0, 16)}, bytes(8)),
    "broken-size-mismatch": st({"a": entry([3], 0, 8)}, bytes(8)),
    "broken-overlap": st({"a": entry([2], 0, 8), "b": entry([1], 4, 8)}, bytes(8)),
    "broken-gap": st({"a": entry([1], 4, 8)}, bytes(8)),
    "broken-huge-shape-zero": st({"a": entry([4611686018427387904, 4611686018427387904, 0], 0, 0)}),
    "broken-duplicate-key": st("{\"a\":{},\"a\":{}}"),
    "broken-deep-nesting": st("[" * 100 + "]" * 100),
}
for name, data in st_seeds.items():
    save("Safetensors", name, data)


# --- TOML and presets -----------------------------------------------------------------------------
preset = """# sparse autoencoder with a KL penalty
name = "sparse-kl"   # shown in the run list
seed = 1_234

[model]
layers = [
  784, 128,  # encoder
  64,
]
activation = "sigmoid"
loss = "bce"
tied = false

[regularizer.sparsity]
rho = 5e-2
beta = 3.0

[regularizer.noise]
levels = [0.1, 0.25, 0.5]

[train]
epochs = 20
batch = 64
rate = 0.01
optimizer = "adam"
"""
toml_common = {
    "valid-preset": preset,
    "valid-crlf": preset.replace("\n", "\r\n"),
    "valid-strings": "a = \"tab\\there \\\"q\\\" \\u00e9\\U0001F642\"\nb = 'C:\\raw'\n\"odd key\" = true\n",
    "valid-dotted": "a.b.c = 1\n[x.y]\nz = [[1, 2], [3]]\n",
    "valid-numbers": "a = +1\nb = -0\nc = 1_000\nd = 6.02e+23\ne = -1.5E-3\n",
    "broken-duplicate": "a = 1\na = 2\n",
    "broken-redefined-table": "[m]\nx = 1\n[m]\n",
    "broken-unterminated-string": "s = \"abc\nt = 1\n",
    "broken-unterminated-array": "x = [1,\n",
    "broken-inline-table": "x = {a = 1}\n",
    "broken-array-of-tables": "[[runs]]\n",
    "broken-lone-cr": "a = 1\rb = 2\n",
    "broken-bad-escape": "s = \"a\\qb\"\n",
    "broken-nan": "x = nan\n",
    "broken-big-int": "x = 99999999999999999999\n",
    "broken-date": "x = 1979-05-27\n",
    "broken-deep-array": "x = " + "[" * 200 + "]" * 200 + "\n",
    "broken-control-char": "a = 1 # \x01\n",
}
preset_only = {
    "broken-unknown-key": preset.replace("epochs = 20", "epoch = 20"),
    "broken-unknown-table": preset.replace("[train]", "[trian]"),
    "broken-out-of-range": preset.replace("rho = 5e-2", "rho = 1.5").replace("batch = 64", "batch = 0"),
    "broken-wrong-type": preset.replace("epochs = 20", "epochs = \"twenty\""),
    "broken-bad-choice": preset.replace("\"adam\"", "\"adagrad\""),
    "broken-missing-required": "seed = 3\n",
    "broken-bad-element": preset.replace("784, 128", "784, -1"),
}
for name, text in toml_common.items():
    save("TOML", name, text)
    save("Preset", name, text)
for name, text in preset_only.items():
    save("Preset", name, text)


# --- themes ---------------------------------------------------------------------------------------
themes_dir = os.path.join(os.path.dirname(ROOT), "..", "themes")
for file in sorted(os.listdir(themes_dir)):
    if file.endswith(".theme"):
        with open(os.path.join(themes_dir, file), "rb") as f:
            data = f.read()
        if len(data) <= 4096:
            save("Theme", "valid-" + file, data)
theme_seeds = {
    "valid-forms": 'theme[main_bg]=""\ntheme[title]="#ffcc00"\ntheme[border]=#40\ntheme[loss_val]="214"\n'
                   "  theme[axis] = \"#808080\"  \n# comment\ntheme[unknown_key]=\"whatever\"\n",
    "valid-crlf": 'theme[title]="#ffcc00"\r\ntheme[loss_train]="33"\r\n',
    "broken-no-equals": 'theme[title] "#fff"\n',
    "broken-no-prefix": 'title="#ffffff"\n',
    "broken-unclosed-quote": 'theme[title]="#ffffff\n',
    "broken-empty-key": 'theme[]="#fff"\n',
    "broken-bad-hex": 'theme[title]="#ggg000"\n',
    "broken-palette-256": 'theme[title]="256"\n',
    "broken-fullwidth-digits": 'theme[title]="#\uff11\uff12"\n',
    "broken-space-in-value": "theme[title]=#ff ff ff\n",
    "valid-btop-decimal": 'theme[title]="255 255 255"\ntheme[border]="0  128 64"\ntheme[axis]="#c0"\n',
    "broken-decimal-256": 'theme[title]="256 0 0"\n',
    "broken-decimal-two-parts": 'theme[title]="12 34"\n',
}
for name, text in theme_seeds.items():
    save("Theme", name, text)
# --- TorchImport: PyTorch state dicts named as python/aelab_torch.py's model ---------------------
def state_dict(tensors, metadata=None):
    """tensors: [(name, shape)]; values 0.25, 0.5, ... in order; F32 safetensors."""
    header, data = {}, b""
    for name, shape in tensors:
        count = 1
        for d in shape:
            count *= d
        values = struct.pack("<%df" % count, *[0.25 * (len(data) // 4 + i + 1) for i in range(count)])
        header[name] = entry(shape, len(data), len(data) + len(values))
        data += values
    if metadata is not None:
        header["__metadata__"] = metadata
    return st(header, data)


def torch_arch(sizes, **changes):
    a = {"inputSize": 4, "encoderSizes": sizes, "hiddenActivation": "relu", "codeActivation": "relu",
         "outputActivation": "sigmoid", "tiedWeights": False, "stochasticCode": False}
    a.update(changes)
    return {"format": "aelab-torch-1", "architecture": json.dumps(a)}


def linear(name, n_in, n_out):
    return [(name + ".weight", [n_out, n_in]), (name + ".bias", [n_out])]


plain = linear("encoder.0", 4, 3) + linear("encoder.2", 3, 2) + linear("decoder.0", 2, 3) + linear("decoder.2", 3, 4)
vae = linear("encoder.0", 4, 3) + linear("mu", 3, 2) + linear("logvar", 3, 2) + linear("decoder.0", 2, 3) + linear("decoder.2", 3, 4)
torch_seeds = {
    "valid-plain": state_dict(plain, torch_arch([3, 2])),
    "valid-bare-no-metadata": state_dict(plain),
    "valid-vae": state_dict(vae, torch_arch([3, 2], stochasticCode=True, hiddenActivation="tanh")),
    "valid-vae-bare": state_dict(vae),
    "broken-misnamed": state_dict([(n.replace("encoder.2", "encoder.1"), s) for n, s in plain]),
    "broken-shape": state_dict(plain[:-1] + [("decoder.2.bias", [1, 4])], torch_arch([3, 2])),
    # tied: the decoder weight must be the encoder's transpose; these values are not
    "broken-tied-not-transpose": state_dict(linear("encoder.0", 4, 2) + linear("decoder.0", 2, 4), torch_arch([2], tiedWeights=True)),
    "broken-format": state_dict(plain, {"format": "aelab-torch-9"}),
    "broken-architecture-json": state_dict(plain, {"architecture": "{\"inputSize\": 4"}),
}
for name, data in torch_seeds.items():
    save("TorchImport", name, data)

print("seeds written to", ROOT)
