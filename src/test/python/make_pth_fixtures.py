"""Generates the weight-file fixtures under src/test/resources/fixtures/.

Run once with the system python (torch 1.13 + numpy), from the repository root:

    /usr/bin/python3 src/test/python/make_pth_fixtures.py

Every tensor value is arange-based (or a listed constant), so the Java tests recompute the
expected values instead of trusting another reader. The tests never run python.
"""
import argparse
import collections
import json
import os
import struct

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")


def plain_state_dict():
    """OrderedDict with views, a transpose, several dtypes and a Parameter."""
    qkv = torch.arange(24, dtype=torch.float32).reshape(6, 4)  # one storage, shared below
    sd = collections.OrderedDict()
    sd["a"] = torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.5 - 1.0
    sd["t"] = torch.arange(12, dtype=torch.float32).reshape(3, 4).t()  # (4, 3), stride (1, 4)
    sd["q"] = qkv[0:2]  # offset 0
    sd["k"] = qkv[2:4]  # offset 8
    sd["v"] = qkv[4:6]  # offset 16
    sd["cols"] = qkv[:, 1:3]  # (6, 2), offset 1, stride (4, 1)
    sd["scalar"] = torch.tensor(3.25)
    sd["h"] = torch.tensor([0.5, -2.0, 65504.0, 2.0 ** -14, 2.0 ** -24, float("inf")], dtype=torch.float16)
    sd["bf"] = torch.tensor([1.0, -3.5, 2.0 ** 100], dtype=torch.bfloat16)
    sd["d"] = torch.arange(4, dtype=torch.float64) / 3.0
    sd["n"] = torch.tensor(7, dtype=torch.int64)
    sd["p"] = torch.nn.Parameter(torch.arange(3, dtype=torch.float32) + 10.0)
    sd["a_flat"] = sd["a"].view(6)  # a second whole, contiguous view of a's storage
    assert not sd["t"].is_contiguous() and not sd["cols"].is_contiguous()
    return sd


class Block(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.norm1 = torch.nn.LayerNorm(d)
        self.qkv = torch.nn.Linear(d, 3 * d)


class TinyMae(torch.nn.Module):
    """Official MAE names, tiny sizes: D=4, 2x2 patches of 2x2x1 pixels, one block."""

    def __init__(self):
        super().__init__()
        self.cls_token = torch.nn.Parameter(torch.zeros(1, 1, 4))
        self.pos_embed = torch.nn.Parameter(torch.zeros(1, 5, 4), requires_grad=False)
        self.patch_embed = torch.nn.Module()
        self.patch_embed.proj = torch.nn.Conv2d(1, 4, kernel_size=2, stride=2)
        self.blocks = torch.nn.ModuleList([Block(4)])
        self.norm = torch.nn.LayerNorm(4)
        self.decoder_embed = torch.nn.Linear(4, 4)


def tiny_mae_state_dict():
    model = TinyMae()
    with torch.no_grad():
        for i, (_, p) in enumerate(model.named_parameters()):
            p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) * 0.01 + i)
    return model


def write_wrapped_checkpoint():
    """{'model', 'optimizer', 'epoch', 'args'} like MAE's misc.save_model, with a DDP prefix."""
    model = tiny_mae_state_dict()
    sd = collections.OrderedDict(("module." + k, v) for k, v in model.state_dict().items())
    sd._metadata = model.state_dict()._metadata  # exercised by BUILD on the OrderedDict
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    args = argparse.Namespace(model="mae_vit_tiny", input_size=4, blr=1.5e-4, norm_pix_loss=True,
                              resume="", device="cuda")
    ckpt = {"model": sd, "optimizer": opt.state_dict(), "epoch": 3, "args": args}
    torch.save(ckpt, os.path.join(OUT, "wrapped_checkpoint.pth"))


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned-by-mae4j-fixture",))


def write_numpy_npz():
    f32 = np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5
    fortran = np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3))
    big = np.arange(4, dtype=">f4") * 0.25
    np.savez(os.path.join(OUT, "numpy_savez.npz"),
             np.array([1.5, -1.5], dtype=np.float32),  # positional -> arr_0
             f32=f32,
             f64=np.arange(3, dtype=np.float64) / 3.0,
             f16=np.array([0.5, -2.0, 65504.0], dtype=np.float16),
             i64=np.array([[7, -8]], dtype=np.int64),
             fortran=fortran,
             big=big,
             scalar=np.float32(3.25))


def write_safetensors_by_hand():
    """The safetensors layout (u64 LE header size, JSON header sorted by name, padded with
    spaces to 8 bytes, raw LE data) written with struct, as the Rust library lays it out."""
    tensors = collections.OrderedDict()
    tensors["w"] = ("F32", [2, 2], struct.pack("<4f", 1.0, -2.0, 0.5, 8.0))
    tensors["h"] = ("F16", [3], np.array([0.5, -2.0, 65504.0], dtype="<f2").tobytes())
    tensors["bf"] = ("BF16", [2], torch.tensor([1.0, -3.5], dtype=torch.bfloat16).view(torch.int16).numpy().astype("<i2").tobytes())
    tensors["i"] = ("I64", [1], struct.pack("<q", 42))
    header = {"__metadata__": {"format": "pt"}}
    data = b""
    for name in sorted(tensors):
        dtype, shape, raw = tensors[name]
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(os.path.join(OUT, "by_hand.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + data)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.save(plain_state_dict(), os.path.join(OUT, "state_dict_mixed.pth"))
    write_wrapped_checkpoint()
    torch.save({"x": Evil()}, os.path.join(OUT, "malicious.pth"))
    torch.save(collections.OrderedDict(a=torch.zeros(2)), os.path.join(OUT, "legacy.pth"),
               _use_new_zipfile_serialization=False)
    write_numpy_npz()
    write_safetensors_by_hand()


if __name__ == "__main__":
    main()
