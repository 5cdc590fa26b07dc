#!/usr/bin/env python3
"""Writes the import fixtures in tests/data/, independently of the Rust code.

Each exporter below follows the owning app's public documentation or
source (see the module docs of src/formats/*.rs) and uses Python's own
crypto: `cryptography` (AES-GCM, PBKDF2, scrypt), `argon2-cffi` (Proton's
Argon2id) and PyNaCl, i.e. libsodium (Ente's crypto_pwhash and
secretstream). For every fixture it also writes `<name>.expected.json`:
the accounts the import must yield, with codes computed here by an
independent HOTP/TOTP/Steam implementation (hmac + hashlib), and the
positions and reasons of the entries it must skip.

Randomness (salts, nonces, keys) comes from a seeded generator so the
files are reproducible:  python3 tests/make_fixtures.py
Needs: pip install cryptography argon2-cffi pynacl
"""

import base64
import csv
import hashlib
import hmac
import io
import json
import os
import random
import struct
import urllib.parse

import nacl.bindings as sodium
import nacl.pwhash
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA1, SHA256
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
RNG = random.Random(20261130)
PASSWORD = "correct horse ۱۲۳ battery"
TIMES = [0, 59, 1_111_111_109, 1_700_000_000, 2_000_000_000]


def rand(n):
    return bytes(RNG.getrandbits(8) for _ in range(n))


def b32(raw):
    return base64.b32encode(raw).decode().rstrip("=")


def b64(raw):
    return base64.b64encode(raw).decode()


# ---------------------------------------------------------------- the accounts

ACCOUNTS = [
    dict(kind="totp", issuer="GitHub", name="alice@example.com", algo="SHA1",
         digits=6, period=30, secret=b"12345678901234567890"),
    dict(kind="totp", issuer="بانک ملت", name="کارت ۱۲۳۴", algo="SHA256",
         digits=8, period=60, secret=bytes(range(1, 33))),
    dict(kind="totp", issuer="Example", name="bob", algo="SHA512",
         digits=7, period=30, secret=bytes(range(100, 164))),
    dict(kind="totp", issuer="Ten", name="ten digits", algo="SHA1",
         digits=10, period=30, secret=b"0123456789abcdefghij"),
    dict(kind="hotp", issuer="HOTP Co", name="carol", algo="SHA1",
         digits=6, counter=42, secret=b"hotp-secret-bytes-20"),
    dict(kind="steam", issuer="Steam", name="gamer", algo="SHA1",
         digits=5, period=30, secret=b"steam-guard-secret!!"),
]


def hotp(secret, algo, counter, digits):
    mac = hmac.new(secret, struct.pack(">Q", counter), getattr(hashlib, algo.lower())).digest()
    off = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF
    return str(value % (10 ** digits)).zfill(digits)


def steam(secret, t):
    mac = hmac.new(secret, struct.pack(">Q", t // 30), hashlib.sha1).digest()
    off = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF
    alphabet = "23456789BCDFGHJKMNPQRTVWXY"
    out = ""
    for _ in range(5):
        out += alphabet[value % len(alphabet)]
        value //= len(alphabet)
    return out


def codes(a):
    """Codes at TIMES (TOTP, Steam) or at counter, counter+1 (HOTP)."""
    if a["kind"] == "hotp":
        return {str(c): hotp(a["secret"], a["algo"], c, a["digits"])
                for c in (a["counter"], a["counter"] + 1)}
    if a["kind"] == "steam":
        return {str(t): steam(a["secret"], t) for t in TIMES}
    return {str(t): hotp(a["secret"], a["algo"], t // a["period"], a["digits"]) for t in TIMES}


def expected(accounts, skipped, positions=None):
    out = []
    for i, a in enumerate(accounts):
        e = dict(kind=a["kind"], issuer=a["issuer"], name=a["name"], secret=b32(a["secret"]),
                 codes=codes(a))
        if a["kind"] != "steam":
            e.update(algorithm=a["algo"], digits=a["digits"])
        if a["kind"] == "totp":
            e["period"] = a["period"]
        if a["kind"] == "hotp":
            e["counter"] = a["counter"]
        e["position"] = positions[i] if positions else i
        out.append(e)
    return dict(accounts=out, skipped=[dict(position=p, reason=r) for p, r in skipped])


def uri(a, extra=""):
    label = urllib.parse.quote(a["issuer"], safe="") + ":" + urllib.parse.quote(a["name"], safe="")
    if a["kind"] == "steam":
        q = dict(secret=b32(a["secret"]), issuer=a["issuer"])
        return f"otpauth://steam/{label}?{urllib.parse.urlencode(q)}{extra}"
    q = dict(secret=b32(a["secret"]), issuer=a["issuer"], algorithm=a["algo"], digits=a["digits"])
    if a["kind"] == "hotp":
        q["counter"] = a["counter"]
    else:
        q["period"] = a["period"]
    return f"otpauth://{a['kind']}/{label}?{urllib.parse.urlencode(q)}{extra}"


def write(name, content, exp):
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(os.path.join(HERE, name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(content)
    with open(os.path.join(HERE, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ---------------------------------------------------------------------- Aegis

def aegis_entry(a):
    info = dict(secret=b32(a["secret"]), algo=a["algo"], digits=a["digits"])
    if a["kind"] == "hotp":
        info["counter"] = a["counter"]
    else:
        info["period"] = a["period"]
    return dict(type=a["kind"], uuid=str(RNG.getrandbits(64)), name=a["name"], issuer=a["issuer"],
                note="", favorite=False, icon=None, info=info)


def aegis_db():
    entries = [aegis_entry(a) for a in ACCOUNTS]
    bad = [
        dict(type="yandex", name="y", issuer="Yandex",
             info=dict(secret=b32(rand(16)), algo="SHA256", digits=8, period=30, pin="1234")),
        dict(type="totp", name="md5", issuer="Old", info=dict(secret=b32(rand(20)), algo="MD5", digits=6, period=30)),
        dict(type="totp", name="zero", issuer="Proton crash", info=dict(secret=b32(rand(20)), algo="SHA1", digits=0, period=30)),
        dict(type="totp", name="bad", issuer="Typo", info=dict(secret="NOT BASE32 !!", algo="SHA1", digits=6, period=30)),
        dict(type="motp", name="m", issuer="mOTP", info=dict(secret=b32(rand(16)), algo="MD5", digits=6, period=10, pin="1234")),
    ]
    db = dict(version=3, entries=entries + bad, groups=[])
    n = len(entries)
    skipped = [(n, "UnsupportedType"), (n + 1, "UnsupportedAlgorithm"), (n + 2, "DigitsOutOfRange"),
               (n + 3, "BadSecret"), (n + 4, "UnsupportedType")]
    return db, skipped


def aegis():
    db, skipped = aegis_db()
    plain = dict(version=1, header=dict(slots=None, params=None), db=db)
    write("aegis_plain.json", json.dumps(plain, ensure_ascii=False, indent=4), expected(ACCOUNTS, skipped))

    master = rand(32)
    db_nonce = rand(12)
    sealed = AESGCM(master).encrypt(db_nonce, json.dumps(db, ensure_ascii=False).encode(), None)

    def wrap(kek):
        nonce = rand(12)
        s = AESGCM(kek).encrypt(nonce, master, None)
        return dict(key=s[:-16].hex(), key_params=dict(nonce=nonce.hex(), tag=s[-16:].hex()))

    def password_slot(password, log_n):
        salt = rand(32)
        kek = Scrypt(salt=salt, length=32, n=1 << log_n, r=8, p=1).derive(password.encode())
        return dict(type=1, uuid=str(RNG.getrandbits(64)), n=1 << log_n, r=8, p=1, salt=salt.hex(),
                    repaired=True, is_backup=False, **wrap(kek))

    biometric = dict(type=2, uuid=str(RNG.getrandbits(64)), **wrap(rand(32)))
    # Low N keeps the test fast; the cost is read from the file. A second
    # password slot (another password) comes first, as after a change of
    # password with a backup slot, so the reader must try every slot.
    slots = [biometric, password_slot("another password", 10), password_slot(PASSWORD, 12)]
    enc = dict(version=1, header=dict(slots=slots, params=dict(nonce=db_nonce.hex(), tag=sealed[-16:].hex())),
               db=b64(sealed[:-16]))
    write("aegis_encrypted.json", json.dumps(enc, indent=4), expected(ACCOUNTS, skipped))

    only_bio = dict(enc, header=dict(slots=[biometric], params=enc["header"]["params"]))
    write("aegis_biometric_only.json", json.dumps(only_bio, indent=4), dict(error="NoPasswordSlot"))

    greedy = password_slot(PASSWORD, 10)
    greedy["n"] = 1 << 30
    absurd = dict(enc, header=dict(slots=[greedy], params=enc["header"]["params"]))
    write("aegis_absurd_cost.json", json.dumps(absurd, indent=4), dict(error="KdfCostTooHigh"))

    # The real default cost (N = 2^15), for the benchmark.
    real = dict(enc, header=dict(slots=[password_slot(PASSWORD, 15)], params=enc["header"]["params"]))
    write("aegis_default_cost.json", json.dumps(real, indent=4), expected(ACCOUNTS, skipped))


# ----------------------------------------------------------------------- 2FAS

def twofas_services():
    services = []
    for i, a in enumerate(ACCOUNTS):
        otp = dict(link=None, label=f"{a['issuer']}:{a['name']}", account=a["name"], issuer=a["issuer"],
                   digits=a["digits"], algorithm=a["algo"], tokenType=a["kind"].upper(), source="Manual")
        if a["kind"] == "hotp":
            otp["counter"] = a["counter"]
        else:
            otp["period"] = a["period"]
        services.append(dict(name=a["issuer"], secret=b32(a["secret"]), updatedAt=1700000000000 + i,
                             otp=otp, order=dict(position=i), icon=None, groupId=None))
    # Defaults: no digits, period, algorithm or token type; no otp.issuer,
    # so the service name is the issuer.
    default = dict(issuer="Defaults Inc", name="dora", kind="totp", algo="SHA1", digits=6, period=30,
                   secret=b"defaults-secret-0001")
    services.append(dict(name=default["issuer"], secret=b32(default["secret"]), updatedAt=1,
                         otp=dict(account="dora", source="Link"), order=dict(position=99)))
    services.append(dict(name="Broken", secret=b32(rand(20)), updatedAt=1,
                         otp=dict(account="x", digits=6, period=0, tokenType="TOTP")))
    services.append(dict(name="Unknown", secret=b32(rand(20)), updatedAt=1,
                         otp=dict(account="x", tokenType="YAOTP")))
    n = len(ACCOUNTS)
    return services, ACCOUNTS + [default], [(n + 1, "PeriodOutOfRange"), (n + 2, "UnsupportedType")]


def twofas():
    services, accounts, skipped = twofas_services()
    base = dict(groups=[], updatedAt=1700000000000, schemaVersion=4, appVersionCode=5000000,
                appVersionName="5.0.0", appOrigin="android")
    write("twofas_plain.2fas", json.dumps(dict(base, services=services), ensure_ascii=False),
          expected(accounts, skipped))

    salt = rand(256)
    key = PBKDF2HMAC(algorithm=SHA256(), length=32, salt=salt, iterations=10000).derive(PASSWORD.encode())

    def seal(plaintext):
        iv = rand(12)
        return ":".join([b64(AESGCM(key).encrypt(iv, plaintext, None)), b64(salt), b64(iv)])

    reference = seal(b"tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhWlpB8OZzKHtW8BDS5rGkDBJcdDLbfCLG5EmGmbNsRNz")
    enc = dict(base, services=[], servicesEncrypted=seal(json.dumps(services, ensure_ascii=False).encode()),
               reference=reference)
    write("twofas_encrypted.2fas", json.dumps(enc), expected(accounts, skipped))


# ------------------------------------------------------------------ Bitwarden

def bitwarden_totp(a):
    if a["kind"] == "steam":
        return "steam://" + b32(a["secret"])
    if a["kind"] == "totp" and a["algo"] == "SHA1" and a["digits"] == 6 and a["period"] == 30:
        return b32(a["secret"])  # a bare secret, as most users paste
    return uri(a)


def bitwarden():
    items = []
    for a in ACCOUNTS:
        items.append(dict(id=str(RNG.getrandbits(64)), type=1, name=a["issuer"], favorite=False,
                          login=dict(username=a["name"], password="hunter2", totp=bitwarden_totp(a),
                                     uris=[dict(match=None, uri="https://example.com")])))
    items.insert(2, dict(id="n", type=2, name="A secure note", notes="not OTP", secureNote=dict(type=0)))
    items.insert(3, dict(id="l", type=1, name="No 2FA", login=dict(username="u", password="p", totp=None)))
    items.append(dict(id="b", type=1, name="Bad URI", login=dict(username="u", totp="otpauth://totp/x?issuer=y")))
    positions = [0, 1, 4, 5, 6, 7]
    exp = expected(ACCOUNTS, [(8, "BadUri")], positions)
    exp["without_otp"] = 2
    write("bitwarden.json", json.dumps(dict(encrypted=False, folders=[], items=items), ensure_ascii=False, indent=2), exp)

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["folder", "favorite", "type", "name", "notes", "fields", "reprompt", "login_uri",
                "login_username", "login_password", "login_totp"])
    rows = 0
    for it in items:
        if it["type"] != 1:
            w.writerow(["", "", "note", it["name"], it.get("notes", ""), "", "0", "", "", "", ""])
        else:
            login = it["login"]
            w.writerow(["", "", "login", it["name"], "multi\nline, \"quoted\" note", "", "0",
                        "https://example.com", login["username"], login.get("password", ""), login["totp"] or ""])
        rows += 1
    write("bitwarden.csv", out.getvalue().rstrip("\n"), exp)

    protected = dict(encrypted=True, passwordProtected=True, salt=b64(rand(16)), kdfType=0,
                     kdfIterations=600000, encKeyValidation_DO_NOT_EDIT="2.x|y|z", data="2.a|b|c")
    write("bitwarden_password_protected.json", json.dumps(protected), dict(error="EncryptedBitwarden"))


# ----------------------------------------------------------------------- Ente

def ente_lines():
    lines = []
    for i, a in enumerate(ACCOUNTS):
        display = json.dumps(dict(pinned=i == 0, trashed=False, lastUsedAt=0, tapCount=i, tags=["work"], note="",
                                  position=i, iconSrc="", iconID=""), separators=(",", ":"))
        lines.append(uri(a, "&codeDisplay=" + urllib.parse.quote(display, safe="")))
    trashed = dict(ACCOUNTS[0], issuer="Deleted", name="old")
    display = urllib.parse.quote(json.dumps(dict(pinned=False, trashed=True)), safe="")
    lines.append(uri(trashed, "&codeDisplay=" + display))
    lines.append("this line is not a URI")
    n = len(ACCOUNTS)
    return "\n".join(lines), [(n, "Trashed"), (n + 1, "NotAUri")]


def ente():
    text, skipped = ente_lines()
    write("ente_plain.txt", text, expected(ACCOUNTS, skipped))
    salt = rand(16)
    mem, ops = 8 * 1024 * 1024, 2  # small: the cost is read from the file
    key = nacl.pwhash.argon2id.kdf(32, PASSWORD.encode(), salt, opslimit=ops, memlimit=mem)
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key)
    data = sodium.crypto_secretstream_xchacha20poly1305_push(
        state, text.encode(), None, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    enc = dict(version=1, kdfParams=dict(memLimit=mem, opsLimit=ops, salt=b64(salt)),
               encryptedData=b64(data), encryptionNonce=b64(header))
    write("ente_encrypted.txt", json.dumps(enc), expected(ACCOUNTS, skipped))
    # libsodium's "sensitive" level, what Ente Auth asks for first (the
    # benchmark's real default cost).
    mem, ops = nacl.pwhash.argon2id.MEMLIMIT_SENSITIVE, nacl.pwhash.argon2id.OPSLIMIT_SENSITIVE
    key = nacl.pwhash.argon2id.kdf(32, PASSWORD.encode(), salt, opslimit=ops, memlimit=mem)
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key)
    data = sodium.crypto_secretstream_xchacha20poly1305_push(
        state, text.encode(), None, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    real = dict(version=1, kdfParams=dict(memLimit=mem, opsLimit=ops, salt=b64(salt)),
                encryptedData=b64(data), encryptionNonce=b64(header))
    write("ente_default_cost.txt", json.dumps(real), expected(ACCOUNTS, skipped))
    greedy = dict(enc, kdfParams=dict(memLimit=4 * 1024 ** 3, opsLimit=3, salt=b64(salt)))
    write("ente_absurd_cost.txt", json.dumps(greedy), dict(error="KdfCostTooHigh"))


def secretstream_vectors():
    """libsodium (PyNaCl) streams for tests/secretstream.rs: several
    messages, every tag, associated data, an empty message, a rekey."""
    T = sodium
    cases = []
    for case in range(4):
        key = rand(32)
        state = T.crypto_secretstream_xchacha20poly1305_state()
        header = T.crypto_secretstream_xchacha20poly1305_init_push(state, key)
        msgs = []
        plan = [
            (b"first message", b"", T.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE),
            (b"", b"ad only", T.crypto_secretstream_xchacha20poly1305_TAG_PUSH),
            (rand(300 + case * 77), rand(case * 5), T.crypto_secretstream_xchacha20poly1305_TAG_REKEY),
            (b"after the rekey", b"", T.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE),
            (rand(64), b"x" * 17, T.crypto_secretstream_xchacha20poly1305_TAG_FINAL),
        ]
        for m, ad, tag in plan[case % 2:]:
            c = T.crypto_secretstream_xchacha20poly1305_push(state, m, ad or None, tag)
            msgs.append(dict(message=m.hex(), ad=ad.hex(), tag=tag, ciphertext=c.hex()))
        cases.append(dict(key=key.hex(), header=header.hex(), messages=msgs))
    with open(os.path.join(HERE, "secretstream_libsodium.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


# --------------------------------------------------------------------- Proton

def proton_export():
    entries = []
    for a in ACCOUNTS:
        if a["kind"] == "steam":
            content = dict(uri="steam://" + b32(a["secret"]), entry_type="Steam", name=a["name"])
        else:
            content = dict(uri=uri(a), entry_type="Totp", name=a["name"])
        entries.append(dict(id=str(RNG.getrandbits(64)), content=content, note=None))
    entries.append(dict(id="bad", content=dict(uri="otpauth://totp/x:y?secret=ABC&algorithm=MD5",
                                               entry_type="Totp", name="y"), note=None))
    return dict(version=1, entries=entries), [(len(ACCOUNTS), "BadUri")]


def proton():
    export, skipped = proton_export()
    plain = json.dumps(export, ensure_ascii=False)
    write("proton_plain.json", plain, expected(ACCOUNTS, skipped))
    salt = rand(16)
    key = hash_secret_raw(PASSWORD.encode(), salt, time_cost=2, memory_cost=19 * 1024, parallelism=1,
                          hash_len=32, type=Type.ID, version=19)
    nonce = rand(12)
    sealed = AESGCM(key).encrypt(nonce, plain.encode(), b"proton.authenticator.export.v1")
    write("proton_encrypted.json", json.dumps(dict(version=1, salt=b64(salt), content=b64(nonce + sealed))),
          expected(ACCOUNTS, skipped))


# ------------------------------------------------------- LastPass and andOTP

def lastpass():
    totp = [a for a in ACCOUNTS if a["kind"] == "totp"]
    accounts = []
    for i, a in enumerate(totp):
        accounts.append(dict(accountID=str(i), issuerName=a["issuer"] if i else "",
                             originalIssuerName=a["issuer"], userName=a["name"], originalUserName="orig",
                             pushNotification=False, secret=b32(a["secret"]), timeStep=a["period"],
                             digits=a["digits"], creationTimestamp=1, isFavorite=False, algorithm=a["algo"],
                             folderData=dict(folderId=0, position=i), backupInfo=None))
    accounts.append(dict(accountID="x", issuerName="Broken", userName="b", secret="", timeStep=30, digits=6,
                         algorithm="SHA1"))
    doc = dict(deviceId="d", deviceSecret="s", localDeviceId="l", deviceName="n", version=3,
               accounts=accounts, folders=[dict(folderId=0, name="Favorites", isOpened=True)])
    write("lastpass.json", json.dumps(doc, ensure_ascii=False), expected(totp, [(len(totp), "MissingSecret")]))


def andotp():
    tokens = []
    for a in ACCOUNTS:
        t = dict(secret=b32(a["secret"]), issuer=a["issuer"], label=a["name"], digits=a["digits"],
                 type=a["kind"].upper(), algorithm=a["algo"], thumbnail="Default", last_used=0,
                 used_frequency=0, tags=[])
        if a["kind"] == "hotp":
            t["counter"] = a["counter"]
        else:
            t["period"] = a["period"]
        tokens.append(t)
    tokens.append(dict(secret="abcdef01", issuer="m", label="motp", digits=6, type="MOTP", algorithm="MD5",
                       period=10, pin="1234"))
    tokens.append(dict(secret=b32(rand(20)), issuer="big", label="digits", digits=12, type="TOTP",
                       algorithm="SHA1", period=30))
    n = len(ACCOUNTS)
    exp = expected(ACCOUNTS, [(n, "UnsupportedType"), (n + 1, "DigitsOutOfRange")])
    plain = json.dumps(tokens, ensure_ascii=False)
    write("andotp.json", plain, exp)

    # Encrypted backup (andOTP >= 0.6.3): iterations (u32 BE) | salt (12) |
    # iv (12) | AES-GCM ciphertext+tag; key = PBKDF2-HMAC-SHA1(password,
    # salt, iterations, 256 bits). The test file uses 1000 iterations (the
    # count is read from the file); the benchmark one andOTP's 150 000.
    for name, iterations in [("andotp_encrypted.json.aes", 1000), ("andotp_default_cost.json.aes", 150000)]:
        salt, iv = rand(12), rand(12)
        key = PBKDF2HMAC(algorithm=SHA1(), length=32, salt=salt, iterations=iterations).derive(PASSWORD.encode())
        sealed = AESGCM(key).encrypt(iv, plain.encode(), None)
        write(name, struct.pack(">I", iterations) + salt + iv + sealed, exp)


# --------------------------------------------------------- otpauth URI lists

def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(num, wire, payload):
    key = varint(num << 3 | wire)
    if wire == 2:
        return key + varint(len(payload)) + payload
    return key + varint(payload)


def migration_uri(accounts):
    """Google Authenticator's otpauth-migration (protobuf MigrationPayload)."""
    body = b""
    for a in accounts:
        p = field(1, 2, a["secret"]) + field(2, 2, a["name"].encode()) + field(3, 2, a["issuer"].encode())
        p += field(4, 0, {"SHA1": 1, "SHA256": 2, "SHA512": 3, "MD5": 4}[a["algo"]])
        p += field(5, 0, {6: 1, 8: 2}[a["digits"]])
        p += field(6, 0, 1 if a["kind"] == "hotp" else 2)
        if a["kind"] == "hotp":
            p += field(7, 0, a["counter"])
        body += field(1, 2, p)
    body += field(2, 0, 1) + field(3, 0, 1) + field(4, 0, 0) + field(5, 0, 7)
    return "otpauth-migration://offline?data=" + urllib.parse.quote(b64(body), safe="")


def uri_list():
    google = [
        dict(kind="totp", issuer="Google", name="g@example.com", algo="SHA1", digits=6, period=30,
             secret=b"google-secret-000001"),
        dict(kind="hotp", issuer="Bank", name="hotp", algo="SHA256", digits=8, counter=7,
             secret=b"google-secret-000002"),
    ]
    md5 = dict(kind="totp", issuer="Old", name="md5", algo="MD5", digits=6, period=30, secret=b"x" * 20)
    lines = [uri(a) for a in ACCOUNTS[:4]]
    lines += ["", "# a comment line", migration_uri(google + [md5]), '"' + uri(ACCOUNTS[4]) + '"',
              uri(ACCOUNTS[5]), "otpauth://totp/Bad:digits?secret=JBSWY3DPEHPK3PXP&digits=11"]
    accounts = ACCOUNTS[:4] + google + ACCOUNTS[4:]
    positions = [0, 1, 2, 3, 6, 6, 7, 8]
    write("uris.txt", "\n".join(lines) + "\n",
          expected(accounts, [(5, "NotAUri"), (6, "BadUri"), (9, "BadUri")], positions))


if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    aegis()
    twofas()
    bitwarden()
    ente()
    secretstream_vectors()
    proton()
    lastpass()
    andotp()
    uri_list()
    print("fixtures written to", HERE)
