#!/usr/bin/env python3
"""Real photos: Ramz against zxing-cpp per category, on a folder laid out
as BoofCV's QR benchmark is (CATEGORY/imageNNN.jpg|png, and beside each
photo imageNNN.txt with one line of 8 numbers per marked code).

The photos carry no decoded text, so a photo scores the number of distinct
texts a decoder read, at most the number of marked codes in it (as
BoofCV's own evaluation counts). Both decoders get the same 8-bit luma
(Pillow's `convert("L")`), and only the decode call is timed.

Usage: photos.py PHOTO_DIR [WORK_DIR]
  PHOTO_DIR  e.g. the `benches/images/boofcv` folder of a copy of the
             public RustQR repository (never committed here)
  WORK_DIR   where the grey PGM copies and results go (default
             target/qr-photos)
Env: RAMZ_QR_BIN  the `decode_dir` example binary (run.sh builds it)
     REPEATS      decode calls per photo, median taken (default 1)
"""
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

REPEATS = int(os.environ.get("REPEATS", "1"))


def marked(txt):
    if not txt.exists():
        return 0
    # Either "SETS" and one line of 8 numbers per code, or 4 lines of 2.
    numbers = 0
    for line in txt.read_text().splitlines():
        if line.startswith("#") or line.strip() == "SETS":
            continue
        numbers += len(line.split())
    return numbers // 8


def prepare(photos, work):
    work.mkdir(parents=True, exist_ok=True)
    truth = []
    for cat in sorted(p for p in photos.iterdir() if p.is_dir()):
        for img in sorted(cat.iterdir()):
            if img.suffix.lower() not in (".jpg", ".jpeg", ".png"):
                continue
            name = f"{cat.name}__{img.stem}.pgm"
            out = work / name
            if not out.exists():
                g = Image.open(img).convert("L")
                w, h = g.size
                out.write_bytes(f"P5\n{w} {h}\n255\n".encode() + g.tobytes())
            truth.append({"file": name, "category": cat.name,
                          "marked": marked(img.with_suffix(".txt"))})
    return truth


def read_pgm(path):
    data = path.read_bytes()
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    return np.frombuffer(parts[3], dtype=np.uint8).reshape(h, w)


def zxing(img):
    import zxingcpp
    return [r.text for r in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)]


def main():
    photos = Path(sys.argv[1])
    work = Path(sys.argv[2] if len(sys.argv) > 2 else "target/qr-photos")
    if not photos.is_dir():
        print(f"{photos}: no such folder, skipping the photo benchmark")
        return
    truth = prepare(photos, work)
    binary = os.environ.get("RAMZ_QR_BIN", "target/release/examples/decode_dir")
    subprocess.run([binary, str(work), str(REPEATS)], check=True)
    ramz = {r["file"]: r for r in map(json.loads, (work / "ramz.jsonl").read_text().splitlines())}
    cats = {}
    times = {"ramz": [], "zxing-cpp": []}
    detail = []
    for t in truth:
        img = read_pgm(work / t["file"])
        ts, out = [], []
        for _ in range(REPEATS):
            s = time.perf_counter()
            out = zxing(img)
            ts.append((time.perf_counter() - s) * 1000.0)
        r = ramz[t["file"]]
        n_r = min(len(set(r["decoded"])), t["marked"])
        n_z = min(len(set(out)), t["marked"])
        c = cats.setdefault(t["category"], [0, 0, 0, 0])
        c[0] += 1
        c[1] += t["marked"]
        c[2] += n_r
        c[3] += n_z
        times["ramz"].append(r["ms"])
        times["zxing-cpp"].append(statistics.median(ts))
        detail.append(f'{t["file"]} marked={t["marked"]} ramz={n_r}/{r["ms"]:.1f}ms '
                      f'zxing={n_z}/{statistics.median(ts):.1f}ms')
    (work / "detail.txt").write_text("\n".join(detail) + "\n")
    print("| category | photos | marked codes | Ramz read | zxing-cpp read |")
    print("|---|---|---|---|---|")
    tot = [0, 0, 0, 0]
    for cat, c in sorted(cats.items()):
        tot = [a + b for a, b in zip(tot, c)]
        flag = " **<**" if c[2] < c[3] else ""
        print(f"| {cat} | {c[0]} | {c[1]} | {c[2]}{flag} | {c[3]} |")
    print(f"| **all** | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} |")
    print()

    def pct(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]
    for n, xs in times.items():
        print(f"{n}: median {statistics.median(xs):.1f} ms, p95 {pct(xs, 0.95):.1f} ms, "
              f"max {max(xs):.1f} ms per photo")


if __name__ == "__main__":
    main()
