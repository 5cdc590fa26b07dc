#!/usr/bin/env python3
"""Independent Google Authenticator migration codec (stdlib only).

Hand-written protobuf and base64, sharing no code with the Rust one.
Entries are tab-separated lines:
    secret_hex  name_hex  issuer_hex  algorithm  digits  type  counter
(the raw protobuf enum values). Modes:
    encode  < entries        -> one otpauth-migration URI (batch 0 of 1, id 77)
    decode  < URIs           -> "batch version size index id", then entries
"""
import base64
import sys
import urllib.parse


def varint(n):
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_varint(num, value):
    return varint(num << 3) + varint(value)


def field_bytes(num, data):
    return varint(num << 3 | 2) + varint(len(data)) + data


def encode(entries, batch_id=77):
    payload = b""
    for secret, name, issuer, alg, digits, typ, counter in entries:
        e = field_bytes(1, secret) + field_bytes(2, name) + field_bytes(3, issuer)
        e += field_varint(4, alg) + field_varint(5, digits) + field_varint(6, typ) + field_varint(7, counter)
        payload += field_bytes(1, e)
    payload += field_varint(2, 1) + field_varint(3, 1) + field_varint(4, 0) + field_varint(5, batch_id)
    data = urllib.parse.quote(base64.b64encode(payload).decode(), safe="")
    return "otpauth-migration://offline?data=" + data


def read_varint(buf, i):
    shift = value = 0
    while True:
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, i


def fields(buf):
    i = 0
    while i < len(buf):
        key, i = read_varint(buf, i)
        num, wire = key >> 3, key & 7
        if wire == 0:
            value, i = read_varint(buf, i)
        elif wire == 2:
            n, i = read_varint(buf, i)
            value, i = buf[i:i + n], i + n
        else:
            raise ValueError("wire type %d" % wire)
        yield num, value


def int32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


def decode(uri):
    query = urllib.parse.urlsplit(uri).query
    data = urllib.parse.parse_qs(query)["data"][0]
    payload = base64.b64decode(data + "=" * (-len(data) % 4))
    header = {2: 0, 3: 0, 4: 0, 5: 0}
    entries = []
    for num, value in fields(payload):
        if num == 1:
            e = {1: b"", 2: b"", 3: b"", 4: 0, 5: 0, 6: 0, 7: 0}
            for n, v in fields(value):
                e[n] = v
            entries.append(e)
        else:
            header[num] = int32(value)
    print("batch %d %d %d %d" % (header[2], header[3], header[4], header[5]))
    for e in entries:
        print("\t".join([e[1].hex(), e[2].hex(), e[3].hex(), str(e[4]), str(e[5]), str(e[6]), str(e[7])]))


def parse_entry(line):
    s, n, i, a, d, t, c = line.rstrip("\n").split("\t")
    return bytes.fromhex(s), bytes.fromhex(n), bytes.fromhex(i), int(a), int(d), int(t), int(c)


def main():
    mode = sys.argv[1]
    lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
    if mode == "encode":
        print(encode([parse_entry(l) for l in lines]))
    elif mode == "decode":
        for l in lines:
            decode(l)
    else:
        raise SystemExit("usage: migration_oracle.py encode|decode")


if __name__ == "__main__":
    main()
