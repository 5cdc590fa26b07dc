#!/usr/bin/env python3
"""Decodes the corpus written by `examples/corpus_bench.rs` with zxing-cpp
(and pyzbar when installed), times only the decode call (median of 5, as
the Rust side does), merges Ramz's results and prints a Markdown table.

Usage: compare.py CORPUS_DIR
"""
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPEATS = 5


def read_pgm(path):
    data = path.read_bytes()
    # "P5\nW H\n255\n" header, as the generator writes it.
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    return np.frombuffer(parts[3], dtype=np.uint8).reshape(h, w)


def timed(fn, img):
    times, out = [], None
    for _ in range(REPEATS):
        t = time.perf_counter()
        out = fn(img)
        times.append((time.perf_counter() - t) * 1000.0)
    return statistics.median(times), out


def decoders():
    import zxingcpp

    def zx(img):
        return [r.text for r in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)]

    found = {"zxing-cpp": zx}
    try:
        from pyzbar import pyzbar

        def zbar(img):
            return [
                r.data.decode("utf-8", "replace")
                for r in pyzbar.decode(img, symbols=[pyzbar.ZBarSymbol.QRCODE])
            ]

        zbar(np.zeros((8, 8), dtype=np.uint8))
        found["zbar"] = zbar
    except Exception as e:  # noqa: BLE001 - optional peer
        print(f"pyzbar unavailable: {e}", file=sys.stderr)
    return found


def success(expected, decoded):
    if not expected:
        return len(decoded) == 0
    return all(p in decoded for p in expected)


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main():
    root = Path(sys.argv[1])
    truth = [json.loads(l) for l in (root / "truth.jsonl").read_text().splitlines()]
    ramz = {r["file"]: r for r in map(json.loads, (root / "ramz.jsonl").read_text().splitlines())}
    peers = decoders()
    names = ["ramz"] + list(peers)
    rows = []
    for t in truth:
        img = read_pgm(root / t["file"])
        row = {"bucket": t["bucket"], "size": f'{t["width"]}x{t["height"]}', "expected": t["payloads"]}
        r = ramz[t["file"]]
        row["ramz"] = (r["ms"], r["decoded"])
        for name, fn in peers.items():
            row[name] = timed(fn, img)
        rows.append(row)

    buckets = sorted({r["bucket"] for r in rows}, key=[r["bucket"] for r in rows].index)
    out = []
    out.append("| bucket | frames | " + " | ".join(f"{n} ok" for n in names) + " |")
    out.append("|---|---|" + "---|" * len(names))
    totals = {n: 0 for n in names}
    for b in buckets:
        sel = [r for r in rows if r["bucket"] == b]
        cells = []
        for n in names:
            ok = sum(success(r["expected"], r[n][1]) for r in sel)
            totals[n] += ok
            cells.append(f"{ok}/{len(sel)} ({100.0 * ok / len(sel):.0f}%)")
        out.append(f"| {b} | {len(sel)} | " + " | ".join(cells) + " |")
    out.append(f"| **all** | {len(rows)} | " + " | ".join(
        f"{totals[n]}/{len(rows)} ({100.0 * totals[n] / len(rows):.0f}%)" for n in names) + " |")
    out.append("")
    out.append("| frame size | " + " | ".join(f"{n} median / p95 ms" for n in names)
               + " | ramz / zxing-cpp median |")
    out.append("|---|" + "---|" * (len(names) + 1))
    sizes = sorted({r["size"] for r in rows}, key=lambda s: int(s.split("x")[0]))
    for s in sizes:
        sel = [r for r in rows if r["size"] == s]
        meds = {n: statistics.median(r[n][0] for r in sel) for n in names}
        cells = [f"{meds[n]:.2f} / {pct([r[n][0] for r in sel], 0.95):.2f}" for n in names]
        ratio = meds["ramz"] / meds["zxing-cpp"] if meds.get("zxing-cpp") else float("nan")
        out.append(f"| {s} | " + " | ".join(cells) + f" | {ratio:.2f}x |")
    sel = [r for r in rows if r["bucket"] == "no_code"]
    if sel:
        out.append("")
        out.append("No-code frames, median ms: " + ", ".join(
            f"{n} {statistics.median(r[n][0] for r in sel):.2f}" for n in names))
    print("\n".join(out))
    # Per-bucket, per-size detail for diagnosis.
    with open(root / "detail.txt", "w") as f:
        for r in rows:
            f.write(f'{r["bucket"]} {r["size"]} ' + " ".join(
                f'{n}={int(success(r["expected"], r[n][1]))}/{r[n][0]:.1f}ms' for n in names) + "\n")


if __name__ == "__main__":
    main()
