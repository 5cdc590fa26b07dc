#!/usr/bin/env python3
"""An independent synthetic camera corpus for the QR decoder.

Independent of the decoder: the codes are made by the `qrcode` PyPI
package (not by Ramz's renderer), and the camera effects are written here
with numpy and Pillow, apart from `tests/support/synth.rs`. Each category
simulates one thing a phone camera does to a code (see the README), with
its own parameter ranges per split:

  dev      seed 11, the ranges below; the decoder may be tuned on it
  heldout  seed 90210, ranges shifted a little (smaller modules, lower
           contrast, stronger effects); never tuned on, reported only

Writes OUT/<category>_<n>.pgm and OUT/truth.jsonl (file, bucket, width,
height, payloads), the layout `compare.py` reads.

Usage: synth_gen.py OUT_DIR [dev|heldout] [PER_CATEGORY] [SEED] [CATEGORIES]
  SEED        another seed: with `dev`, more frames of the dev distribution
              to tune on; with `heldout`, a further held-out set with the
              held-out ranges, never tuned on (seed 4242, 40 per category:
              held-out-2, made in issue 11's sixth round and run once)
  CATEGORIES  comma-separated: only these categories (a dev corpus aimed at
              one kind of failure; the random stream differs from the full
              corpus of the same seed)
"""
import base64
import io
import json
import math
import sys
from pathlib import Path

import numpy as np
import qrcode
from PIL import Image, ImageDraw, ImageFilter

SIZES = [(640, 480), (1280, 720), (1920, 1080)]

CATEGORIES = [
    "clean", "small", "low_contrast", "illumination", "glare", "screen",
    "blur", "rolling_shutter", "curved", "perspective", "rotation", "noise",
    "jpeg", "inverted", "clutter", "multi", "no_code",
]

# (dev, heldout) ranges. The held-out split is never used for tuning.
RANGES = {
    "module": ((2.0, 4.0), (1.8, 4.2)),          # px per module, most categories
    "small_module": ((1.5, 3.0), (1.3, 2.9)),
    "contrast": ((0.08, 0.6), (0.06, 0.55)),    # ink-paper difference / 255
    "gradient": ((0.3, 0.7), (0.35, 0.8)),     # darkest share of light lost
    "glare": ((0.5, 1.0), (0.6, 1.0)),          # spot strength
    "moire": ((0.08, 0.2), (0.1, 0.25)),        # screen modulation depth
    "defocus": ((0.35, 0.8), (0.4, 0.9)),       # gaussian sigma in modules
    "motion": ((0.6, 1.6), (0.7, 1.8)),         # motion length in modules
    "shutter": ((0.05, 0.15), (0.07, 0.18)),    # x shift per row
    "curve": ((0.1, 0.3), (0.12, 0.35)),        # middle/edge module width change
    "tilt": ((0.15, 0.35), (0.2, 0.4)),         # perspective corner jitter
    "noise": ((6.0, 16.0), (8.0, 20.0)),        # gaussian sigma, grey levels
    "jpeg": ((25, 60), (20, 55)),               # quality
}


def rng_range(rng, name, split):
    lo, hi = RANGES[name][split == "heldout"]
    return rng.uniform(lo, hi)


B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def payload(rng, long_ok=True):
    kind = rng.integers(0, 4 if long_ok else 3)
    secret = "".join(B32[i] for i in rng.integers(0, 32, int(rng.integers(16, 52))))
    if kind == 0:
        return (f"otpauth://totp/Bank%20Sepah:{rng.integers(10**15, 10**16)}?secret={secret}"
                f"&issuer=Bank%20Sepah&period=60&digits=8")
    if kind == 1:
        return f"otpauth://totp/Example:alice{rng.integers(0, 99999)}@example.org?secret={secret}"
    if kind == 2:
        return f"otpauth://hotp/Shop?secret={secret}&counter={rng.integers(0, 10**6)}"
    # A Google Authenticator export: long base64 payload (version 10-20).
    raw = rng.integers(0, 256, int(rng.integers(120, 360)), dtype=np.uint8).tobytes()
    data = base64.b64encode(raw).decode().replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    return "otpauth-migration://offline?data=" + data


def matrix(text, rng):
    ec = [qrcode.constants.ERROR_CORRECT_L, qrcode.constants.ERROR_CORRECT_M,
          qrcode.constants.ERROR_CORRECT_Q][int(rng.integers(0, 3))]
    q = qrcode.QRCode(error_correction=ec, border=4, box_size=1)
    q.add_data(text)
    q.make(fit=True)
    return np.array(q.get_matrix(), dtype=bool)


def homography(src, dst):
    a = []
    for (x, y), (u, v) in zip(src, dst):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y, -u])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y, -v])
    _, _, vt = np.linalg.svd(np.array(a, dtype=np.float64))
    return vt[-1].reshape(3, 3) / vt[-1][-1]


def background(rng, w, h):
    """Smooth random texture: a desk, a wall, a printed page."""
    small = rng.uniform(60, 200, (h // 40 + 2, w // 40 + 2))
    img = np.array(Image.fromarray(small.astype(np.uint8)).resize((w, h), Image.BICUBIC), dtype=np.float64)
    return img + rng.normal(0, 3, (h, w))


def draw_text_clutter(rng, img, box, module):
    """Text-like strokes and boxes next to the code (a printed page)."""
    h, w = img.shape
    pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(pil)
    x0, y0, x1, y1 = box
    for _ in range(int(rng.integers(30, 80))):
        side = int(rng.integers(0, 4))
        cx = rng.uniform(x0 - 6 * module * 7, x1 + 6 * module * 7)
        cy = rng.uniform(y0 - 6 * module * 7, y1 + 6 * module * 7)
        if x0 - 2 * module < cx < x1 + 2 * module and y0 - 2 * module < cy < y1 + 2 * module:
            continue
        sz = rng.uniform(1.5, 5) * module
        if side == 0:
            d.rectangle([cx, cy, cx + sz, cy + sz], outline=int(rng.integers(0, 60)), width=max(1, int(module)))
        elif side == 1:
            d.rectangle([cx, cy, cx + sz * 0.8, cy + sz * 0.8], fill=int(rng.integers(0, 60)))
        else:
            # A line of glyph-like strokes.
            for k in range(int(rng.integers(3, 12))):
                gx = cx + k * sz * 0.7
                d.line([gx, cy, gx + sz * 0.3, cy + sz], fill=int(rng.integers(0, 70)), width=max(1, int(module * 0.7)))
    return np.array(pil, dtype=np.float64)


def place(rng, img, mat, module, center, angle, tilt, ink, paper, curve=0.0, shutter=0.0):
    """Draws the code (with its quiet zone) onto img through a perspective
    transform, 2x2 supersampled. Returns the code's bounding box."""
    h, w = img.shape
    n = mat.shape[0]
    half = n * module / 2
    corners = []
    for cx, cy in [(-1, -1), (1, -1), (1, 1), (-1, 1)]:
        jx = rng.uniform(-tilt, tilt) * half
        jy = rng.uniform(-tilt, tilt) * half
        x, y = cx * half + jx, cy * half + jy
        c, s = math.cos(angle), math.sin(angle)
        corners.append((center[0] + c * x - s * y, center[1] + s * x + c * y))
    hm = homography(corners, [(0, 0), (n, 0), (n, n), (0, n)])
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    pad = 2 + (n * module * curve)
    bx0, bx1 = int(max(0, min(xs) - pad)), int(min(w, max(xs) + pad + 1))
    by0, by1 = int(max(0, min(ys) - pad)), int(min(h, max(ys) + pad + 1))
    if bx1 <= bx0 or by1 <= by0:
        return (0, 0, 0, 0)
    acc = np.zeros((by1 - by0, bx1 - bx0))
    cover = np.zeros_like(acc)
    for ox, oy in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)]:
        yy, xx = np.mgrid[by0:by1, bx0:bx1].astype(np.float64)
        xx += ox
        yy += oy
        if shutter:
            # Rolling shutter: each row is read a little later while the
            # phone moves sideways.
            xx = xx - shutter * (yy - center[1])
        den = hm[2, 0] * xx + hm[2, 1] * yy + hm[2, 2]
        u = (hm[0, 0] * xx + hm[0, 1] * yy + hm[0, 2]) / den
        v = (hm[1, 0] * xx + hm[1, 1] * yy + hm[1, 2]) / den
        if curve:
            # Paper curled around a vertical cylinder: the middle columns
            # come closer (wider, taller), the edges recede.
            t = (u - n / 2) / (n / 2)
            u = n / 2 + (n / 2) * (t - curve * np.sin(math.pi * t) / math.pi)
            v = n / 2 + (v - n / 2) * (1 - 0.5 * curve * np.cos(math.pi * np.clip(t, -1, 1) / 2))
        inside = (u >= 0) & (v >= 0) & (u < n) & (v < n)
        ui = np.clip(u.astype(int), 0, n - 1)
        vi = np.clip(v.astype(int), 0, n - 1)
        dark = mat[vi, ui] & inside
        acc += np.where(dark, ink, paper) * inside
        cover += inside
    region = img[by0:by1, bx0:bx1]
    frac = cover / 4.0
    with np.errstate(invalid="ignore", divide="ignore"):
        val = np.where(cover > 0, acc / np.maximum(cover, 1), 0)
    img[by0:by1, bx0:bx1] = region * (1 - frac) + val * frac
    return (min(xs), min(ys), max(xs), max(ys))


def gaussian_blur(img, sigma):
    if sigma <= 0.05:
        return img
    pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    return np.array(pil.filter(ImageFilter.GaussianBlur(sigma)), dtype=np.float64)


def motion_blur(img, length, angle):
    n = max(2, int(round(length)))
    out = np.zeros_like(img)
    for i in range(n):
        t = i - (n - 1) / 2
        dx, dy = int(round(t * math.cos(angle))), int(round(t * math.sin(angle)))
        out += np.roll(np.roll(img, dy, axis=0), dx, axis=1)
    return out / n


def scene(rng, cat, split, w, h):
    img = background(rng, w, h)
    payloads = []
    module = rng_range(rng, "small_module" if cat == "small" else "module", split)
    ink, paper = rng.uniform(10, 50), rng.uniform(190, 245)
    if cat == "low_contrast":
        c = rng_range(rng, "contrast", split) * 255
        mid = rng.uniform(70 + c / 2, 185 - c / 2) if c < 115 else 128
        ink, paper = mid - c / 2, mid + c / 2
    if cat == "inverted":
        ink, paper = paper, ink
    angle = rng.uniform(-0.15, 0.15)
    if cat in ("rotation", "multi", "clutter"):
        angle = rng.uniform(0, 2 * math.pi)
    tilt = 0.04
    if cat == "perspective":
        tilt = rng_range(rng, "tilt", split)
    curve = rng_range(rng, "curve", split) if cat == "curved" else 0.0
    shutter = rng_range(rng, "shutter", split) * rng.choice([-1, 1]) if cat == "rolling_shutter" else 0.0
    count = int(rng.integers(2, 6)) if cat == "multi" else (0 if cat == "no_code" else 1)
    boxes = []
    placed = 0
    tries = 0
    while placed < count and tries < 50:
        tries += 1
        text = payload(rng, long_ok=(cat not in ("multi",)))
        mat = matrix(text, rng)
        n = mat.shape[0]
        m = module
        if n * m * 1.5 > min(w, h):
            m = min(w, h) / (n * 1.5)
            if m < 1.2:
                continue
        r = n * m * 0.75
        center = (rng.uniform(r, w - r), rng.uniform(r, h - r))
        box = (center[0] - r, center[1] - r, center[0] + r, center[1] + r)
        if any(not (box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3]) for b in boxes):
            continue
        place(rng, img, mat, m, center, angle if cat != "multi" else rng.uniform(0, 6.3),
              tilt, ink, paper, curve, shutter)
        boxes.append(box)
        payloads.append(text)
        placed += 1
    if cat == "clutter":
        img = draw_text_clutter(rng, img, boxes[0] if boxes else (0, 0, w, h), module)
    if cat == "no_code":
        img = draw_text_clutter(rng, img, (w / 3, h / 3, w / 2, h / 2), module)
    if cat == "illumination":
        strength = rng_range(rng, "gradient", split)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
        kind = int(rng.integers(0, 3))
        if kind == 0:  # linear gradient
            a = rng.uniform(0, 2 * math.pi)
            g = (xx * math.cos(a) + yy * math.sin(a))
            g = (g - g.min()) / (g.max() - g.min())
        elif kind == 1:  # vignetting
            g = np.hypot(xx - w / 2, yy - h / 2) / math.hypot(w / 2, h / 2)
        else:  # a cast shadow with a soft edge across the code
            a = rng.uniform(0, 2 * math.pi)
            d = (xx - w / 2) * math.cos(a) + (yy - h / 2) * math.sin(a) + rng.uniform(-0.1, 0.1) * w
            g = 1 / (1 + np.exp(-d / (module * 3)))
        img = img * (1 - strength * g)
    if cat == "glare":
        strength = rng_range(rng, "glare", split)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
        for _ in range(int(rng.integers(1, 3))):
            b = boxes[0] if boxes else (0, 0, w, h)
            cx, cy = rng.uniform(b[0], b[2]), rng.uniform(b[1], b[3])
            rad = rng.uniform(0.06, 0.15) * (b[2] - b[0] + 1)
            img = img + strength * 255 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * rad * rad))
    if cat == "screen":
        depth = rng_range(rng, "moire", split)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
        # Sub-pixel stripes of the display and the beat between the
        # display's pixel grid and the sensor's (moire).
        stripes = 1 - depth * 0.5 * (1 + np.sin(2 * math.pi * xx / rng.uniform(2.6, 3.4)))
        f = rng.uniform(0.02, 0.08)
        a = rng.uniform(0, math.pi)
        beat = 1 - depth * 0.5 * (1 + np.sin(2 * math.pi * f * (xx * math.cos(a) + yy * math.sin(a))))
        img = (img * 0.85 + 30) * stripes * beat
        img = gaussian_blur(img, 0.6)
    if cat == "blur":
        if rng.integers(0, 2) == 0:
            img = gaussian_blur(img, rng_range(rng, "defocus", split) * module)
        else:
            img = motion_blur(img, rng_range(rng, "motion", split) * module, rng.uniform(0, math.pi))
    else:
        img = gaussian_blur(img, 0.45)  # every lens and demosaic blurs a little
    sigma = rng_range(rng, "noise", split) if cat == "noise" else 2.0
    img = img + rng.normal(0, sigma, img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    quality = int(rng_range(rng, "jpeg", split)) if cat == "jpeg" else 88  # phones save JPEG
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="JPEG", quality=quality)
    img = np.array(Image.open(io.BytesIO(buf.getvalue())).convert("L"))
    return img, payloads


def main():
    out = Path(sys.argv[1])
    split = sys.argv[2] if len(sys.argv) > 2 else "dev"
    per = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    assert split in ("dev", "heldout")
    seed = 11 if split == "dev" else 90210
    if len(sys.argv) > 4:
        seed = int(sys.argv[4])
    only = sys.argv[5].split(",") if len(sys.argv) > 5 else CATEGORIES
    assert all(c in CATEGORIES for c in only), f"categories are {CATEGORIES}"
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "truth.jsonl", "w") as truth:
        for cat in CATEGORIES:
            if cat not in only:
                continue
            for i in range(per):
                w, h = SIZES[i % len(SIZES)]
                img, payloads = scene(rng, cat, split, w, h)
                name = f"{cat}_{i:03d}.pgm"
                (out / name).write_bytes(f"P5\n{w} {h}\n255\n".encode() + img.tobytes())
                truth.write(json.dumps({"file": name, "bucket": cat, "width": w, "height": h,
                                        "payloads": payloads}) + "\n")


if __name__ == "__main__":
    main()
