#!/usr/bin/env python3
"""The reference implementations of the KDFs the encrypted exports use,
at the same costs as benches/decrypt.rs: hashlib.scrypt and
hashlib.pbkdf2_hmac (OpenSSL), argon2-cffi (libargon2). Median of the
same number of runs. Only the KDF is timed here (the Rust side times the
whole import, KDF + decryption + parsing), which favours the reference."""

import hashlib
import os
import statistics
import sys
import time

from argon2.low_level import Type, hash_secret_raw

PW = "correct horse ۱۲۳ battery".encode()
SALT = os.urandom(32)

CASES = [
    ("aegis scrypt N=2^15 r=8 p=1", 9,
     lambda: hashlib.scrypt(PW, salt=SALT, n=1 << 15, r=8, p=1, maxmem=64 << 20, dklen=32)),
    ("2fas pbkdf2-sha256 10000", 21, lambda: hashlib.pbkdf2_hmac("sha256", PW, SALT, 10000, 32)),
    ("andotp pbkdf2-sha1 150000", 9, lambda: hashlib.pbkdf2_hmac("sha1", PW, SALT[:12], 150000, 32)),
    ("proton argon2id 19MiB t=2", 9,
     lambda: hash_secret_raw(PW, SALT[:16], time_cost=2, memory_cost=19 * 1024, parallelism=1,
                             hash_len=32, type=Type.ID)),
    ("ente argon2id 1GiB t=4", 3,
     lambda: hash_secret_raw(PW, SALT[:16], time_cost=4, memory_cost=1024 * 1024, parallelism=1,
                             hash_len=32, type=Type.ID)),
]

only = sys.argv[1] if len(sys.argv) > 1 else None
for label, runs, f in CASES:
    if only and only not in label:
        continue
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    print(f"{label:32} median {statistics.median(times):9.1f} ms  ({runs} runs)")
