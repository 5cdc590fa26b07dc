#!/usr/bin/env python3
"""Independent implementation of the Ramz activation protocol v1 key
schedule (Python `cryptography`), checked against the test vectors of
docs/activation-protocol.md. Exits non-zero on any mismatch.

Usage: vectors.py [--print] [path/to/activation-protocol.md]
"""
import base64
import hashlib
import hmac
import json
import struct
import sys
import urllib.parse

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

LABEL = b"ramz-activation/1"
SEED_LEN = {"SHA1": 20, "SHA256": 32, "SHA512": 64}
DIGITS = {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}
DIGITS.update({ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")})


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def f(b):
    return struct.pack(">H", len(b)) + b


def pub(priv):
    return priv.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def hkdf(salt, ikm, info, n):
    return HKDF(algorithm=hashes.SHA256(), length=n, salt=salt, info=info).derive(ikm)


def hotp(key, counter, digits, alg):
    mac = hmac.new(key, struct.pack(">Q", counter), alg.lower()).digest()
    o = mac[-1] & 0x0F
    v = struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF
    return str(v % 10 ** digits).zfill(digits)


def compute(v):
    s = X25519PrivateKey.from_private_bytes(bytes.fromhex(v["server_activation_secret"]))
    a = X25519PrivateKey.from_private_bytes(bytes.fromhex(v["client_ephemeral_secret"]))
    b = X25519PrivateKey.from_private_bytes(bytes.fromhex(v["server_ephemeral_secret"]))
    S, A, B = pub(s), pub(a), pub(b)
    ident = bytes.fromhex(v["activation_id"])
    url = v["base_url"].rstrip("/")
    code = v["sms_code"].translate(DIGITS).encode()
    digits, period, exp, now = int(v["digits"]), int(v["period"]), int(v["expires_at"]), int(v["server_time"])
    alg = v["algorithm"]
    t_req = (f(LABEL) + f(url.encode()) + f(ident) + f(S) + f(v["issuer"].encode()) + f(v["masked_card"].encode())
             + f(alg.encode()) + bytes([digits]) + struct.pack(">I", period) + struct.pack(">Q", exp) + f(A))
    z1 = a.exchange(X25519PublicKey.from_public_bytes(S))
    assert z1 == s.exchange(X25519PublicKey.from_public_bytes(A))
    th_req = hashlib.sha256(t_req).digest()
    k_req = hkdf(th_req, z1 + code, LABEL + b" request mac", 32)
    mac_c = hmac.new(k_req, th_req, "sha256").digest()
    t_resp = t_req + f(mac_c) + f(B) + struct.pack(">Q", now)
    z2 = b.exchange(X25519PublicKey.from_public_bytes(A))
    th_resp = hashlib.sha256(t_resp).digest()
    k_conf = hkdf(th_resp, z1 + z2 + code, LABEL + b" server confirm", 32)
    mac_s = hmac.new(k_conf, th_resp, "sha256").digest()
    seed = hkdf(th_resp, z1 + z2 + code, LABEL + b" otp seed", SEED_LEN[alg])
    q = lambda x: urllib.parse.quote(x, safe="-_.~")
    qr = ("ramz://activate?v=1&url=%s&id=%s&key=%s&iss=%s&card=%s&alg=%s&digits=%d&period=%d&exp=%d"
          % (q(url), b64(ident), b64(S), q(v["issuer"]), q(v["masked_card"]), alg, digits, period, exp))
    compact = lambda o: json.dumps(o, separators=(",", ":"))
    return {
        "server_activation_public": S.hex(),
        "qr": qr,
        "request_url": "%s/v1/activations/%s/complete" % (url, b64(ident)),
        "request_body": compact({"version": 1, "client_key": b64(A), "mac": b64(mac_c)}),
        "response_body": compact({"version": 1, "server_key": b64(B), "server_time": now, "confirmation": b64(mac_s)}),
        "seed": seed.hex(),
        "code_at_server_time": hotp(seed, now // period, digits, alg),
    }


def blocks(path):
    out, cur = [], None
    for line in open(path, encoding="utf-8").read().splitlines():
        if line.strip() == "```vectors":
            cur = {}
        elif line.strip() == "```" and cur is not None:
            out.append(cur)
            cur = None
        elif cur is not None and not line.startswith("#"):
            k, val = line.split(": ", 1)
            cur[k.strip()] = val
    return out


def main():
    args = [x for x in sys.argv[1:] if x != "--print"]
    path = args[0] if args else "docs/activation-protocol.md"
    vs = blocks(path)
    if len(vs) < 2:
        sys.exit("expected at least two vector blocks in %s" % path)
    bad = 0
    for v in vs:
        got = compute(v)
        for k, val in got.items():
            if "--print" in sys.argv:
                print("%s: %s" % (k, val))
            elif v.get(k) != val:
                print("MISMATCH %s %s:\n  doc:    %s\n  python: %s" % (v.get("name"), k, v.get(k), val))
                bad += 1
        if "--print" in sys.argv:
            print()
    if bad:
        sys.exit(1)
    print("activation vectors: %d blocks match the independent implementation" % len(vs))


if __name__ == "__main__":
    main()
