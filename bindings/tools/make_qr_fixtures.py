#!/usr/bin/env python3
"""Writes the QR fixtures of the Kotlin tests as binary PGM images, with
segno (an encoder independent of ours): `pip install segno`, then
`python3 bindings/tools/make_qr_fixtures.py`. The files are committed; CI
does not run this."""
import os

import segno

HERE = os.path.join(os.path.dirname(__file__), "..", "kotlin-tests", "fixtures")

FIXTURES = {
    # RFC 6238's SHA-1 key, 8 digits: the code at T=59 is 94287082.
    "totp-rfc6238.pgm": "otpauth://totp/Example:alice@example.com"
    "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example&digits=8&period=30",
}


def write_pgm(path, text, scale=4, border=4):
    qr = segno.make(text, error="m", micro=False)
    rows = [list(r) for r in qr.matrix_iter(scale=scale, border=border)]
    h, w = len(rows), len(rows[0])
    with open(path, "wb") as f:
        f.write(f"P5\n{w} {h}\n255\n".encode())
        f.write(bytes(0 if dark else 255 for row in rows for dark in row))


for name, text in FIXTURES.items():
    write_pgm(os.path.join(HERE, name), text)
    print("wrote", name)
