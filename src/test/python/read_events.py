#!/usr/bin/env python3
"""Independent check of mae4j's TensorBoard event files (not used by the Java tests).

Reads every events.out.tfevents.* file given (or found under a folder), verifies the TFRecord
framing with a CRC-32C implemented here (not java.util.zip), decodes the events with Python
protobuf classes generated at start-up from tb_events/tb_subset.proto (written apart from
src/main/proto), and checks what TensorBoard's dashboards need: scalars finite, images real PNGs
of the stated size, histograms consistent (sum of counts = num, limits ascending), text a string
tensor of the text plugin, hparams plugin data that parses. Prints a summary per tag and exits 1
on any failed check.

Needs Debian's python3-protobuf and protobuf-compiler (protoc):
    apt-get install -y python3-protobuf protobuf-compiler
    python3 src/test/python/read_events.py runs/quickstart
"""
import glob
import importlib
import math
import os
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked(crc):
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def records(path):
    """Yields (offset, payload); returns at a torn tail; raises on a CRC mismatch."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        if len(data) - pos < 12:
            print(f"  torn tail: {len(data) - pos} bytes after offset {pos}")
            return
        (length,) = struct.unpack_from("<Q", data, pos)
        (len_crc,) = struct.unpack_from("<I", data, pos + 8)
        if masked(crc32c(data[pos:pos + 8])) != len_crc:
            raise ValueError(f"{path}: length CRC mismatch at offset {pos}")
        end = pos + 12 + length + 4
        if end > len(data):
            print(f"  torn tail: record at offset {pos} needs {end - pos} bytes, {len(data) - pos} left")
            return
        payload = data[pos + 12:pos + 12 + length]
        (data_crc,) = struct.unpack_from("<I", data, pos + 12 + length)
        if masked(crc32c(payload)) != data_crc:
            raise ValueError(f"{path}: data CRC mismatch at offset {pos}")
        yield pos, payload
        pos = end


def load_protos():
    out = tempfile.mkdtemp(prefix="tbcheck-")
    subprocess.run(["protoc", "-I" + os.path.join(HERE, "tb_events"), "--python_out=" + out,
                    os.path.join(HERE, "tb_events", "tb_subset.proto")], check=True)
    sys.path.insert(0, out)
    return importlib.import_module("tb_subset_pb2")


def png_size(blob):
    if blob[:8] != b"\x89PNG\r\n\x1a\n" or blob[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    w, h = struct.unpack(">II", blob[16:24])
    # walk the chunks, checking each chunk CRC, and inflate the image data
    pos, idat = 8, b""
    while pos < len(blob):
        (n,) = struct.unpack(">I", blob[pos:pos + 4])
        kind = blob[pos + 4:pos + 8]
        body = blob[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", blob[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"PNG chunk {kind} CRC mismatch")
        if kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    bit_depth, colour = blob[24], blob[25]
    channels = {0: 1, 2: 3, 6: 4}[colour]
    if bit_depth != 8 or len(raw) != h * (1 + w * channels):
        raise ValueError(f"PNG data of {len(raw)} bytes does not fit {w}x{h}x{channels}")
    return w, h, channels


def main(args):
    pb = load_protos()
    files = []
    for a in args or ["runs"]:
        files += [a] if os.path.isfile(a) else sorted(glob.glob(os.path.join(a, "**", "*tfevents*"), recursive=True))
    if not files:
        print("no event files found in", args)
        return 1
    failures = 0

    def check(ok, what):
        nonlocal failures
        if not ok:
            failures += 1
            print("  FAILED:", what)

    for path in files:
        print(path)
        tags = {}
        starts = []
        n = 0
        for i, (offset, payload) in enumerate(records(path)):
            ev = pb.Event()
            ev.ParseFromString(payload)
            n += 1
            if i == 0:
                check(ev.file_version == "brain.Event:2", f"first record file_version = {ev.file_version!r}")
            if ev.HasField("session_log"):
                starts.append((ev.session_log.status, ev.step))
            for v in ev.summary.value:
                kind = v.WhichOneof("value")
                plugin = v.metadata.plugin_data.plugin_name
                info = tags.setdefault(v.tag, {"kind": plugin or kind, "steps": [], "last": None})
                info["steps"].append(ev.step)
                if kind == "simple_value":
                    check(math.isfinite(v.simple_value), f"{v.tag} step {ev.step} = {v.simple_value}")
                    info["last"] = f"{v.simple_value:.6g}"
                elif kind == "image":
                    w, h, ch = png_size(v.image.encoded_image_string)
                    check((w, h) == (v.image.width, v.image.height), f"{v.tag}: PNG {w}x{h} vs {v.image.width}x{v.image.height}")
                    check(ch == 3 and v.image.colorspace == 3, f"{v.tag}: channels {ch}, colorspace {v.image.colorspace}")
                    info["last"] = f"PNG {w}x{h} RGB, {len(v.image.encoded_image_string)} bytes"
                elif kind == "histo":
                    hi = v.histo
                    check(abs(sum(hi.bucket) - hi.num) < 1e-6, f"{v.tag}: bucket counts {sum(hi.bucket)} vs num {hi.num}")
                    check(list(hi.bucket_limit) == sorted(hi.bucket_limit), f"{v.tag}: limits not ascending")
                    check(len(hi.bucket) == len(hi.bucket_limit), f"{v.tag}: {len(hi.bucket)} counts, {len(hi.bucket_limit)} limits")
                    check(hi.num == 0 or (hi.min <= hi.max and hi.bucket_limit[-1] == hi.max), f"{v.tag}: min/max/last limit")
                    info["last"] = f"num {hi.num:.0f} in {len(hi.bucket)} buckets [{hi.min:.4g}, {hi.max:.4g}]"
                elif plugin == "text":
                    t = v.tensor
                    check(t.dtype == 7 and len(t.string_val) == 1, f"{v.tag}: text tensor dtype {t.dtype}")
                    text = t.string_val[0].decode("utf-8")
                    info["last"] = f"{len(text.splitlines())} lines, first: {text.splitlines()[0].strip()[:60]!r}"
                elif plugin == "hparams":
                    d = pb.HParamsPluginData()
                    d.ParseFromString(v.metadata.plugin_data.content)
                    which = d.WhichOneof("data")
                    check(v.tensor.dtype == 1 and [x.size for x in v.tensor.tensor_shape.dim] == [0], f"{v.tag}: null tensor")
                    if which == "experiment":
                        info["last"] = (f"{len(d.experiment.hparam_infos)} hparams, metrics "
                                        f"{[m.name.tag for m in d.experiment.metric_infos]}")
                    elif which == "session_start_info":
                        hp = d.session_start_info.hparams
                        info["last"] = ", ".join(f"{k}={getattr(hp[k], hp[k].WhichOneof('kind'))}" for k in sorted(hp))
                    elif which == "session_end_info":
                        info["last"] = f"status {d.session_end_info.status} (1 = success, 2 = failure)"
                    check(which is not None, f"{v.tag}: empty hparams plugin data")
                else:
                    check(False, f"{v.tag}: unexpected value kind {kind} / plugin {plugin!r}")
        print(f"  {n} records, CRCs ok; session starts at steps {[s for _, s in starts]}")
        for tag in sorted(tags):
            t = tags[tag]
            print(f"  {tag:34s} {t['kind']:12s} x{len(t['steps']):<4d} steps {min(t['steps'])}..{max(t['steps'])}  {t['last']}")
    print(f"{failures} failed checks")
    return 1 if failures else 0


def _self_test():
    assert crc32c(b"123456789") == 0xE3069283
    assert masked(0) == 0xA282EAD8


if __name__ == "__main__":
    _self_test()
    sys.exit(main(sys.argv[1:]))
