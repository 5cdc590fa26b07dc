#!/usr/bin/env python3
"""Rules of the public interface, checked on the generated Kotlin:
- no error field named `message` (it would clash with Throwable.message);
- every parameter that carries a PIN, a secret, a passphrase, an SMS code
  or pasted text is a ByteArray (the app can wipe it; a String cannot be).

Usage: ffi_rules.py FILE.kt...  (every generated Kotlin file: one per
crate namespace of the library, ADR 0054)"""
import re
import sys

text = "\n".join(open(p, encoding="utf-8").read() for p in sys.argv[1:])
problems = []
if re.search(r"val `message`", text):
    problems.append("an error has a field named `message`")
SENSITIVE = re.compile(r"(?i)^(pin|newPin|secret\w*|passphrase|smsCode|text|plaintext)$")
params = re.findall(r"`(\w+)`: ([\w.<>?]+)", text)
checked = 0
for name, ty in params:
    # The raw JNA declarations take RustBuffers; the public API is the rest.
    if SENSITIVE.match(name) and ty != "RustBuffer.ByValue":
        checked += 1
        if ty != "kotlin.ByteArray":
            problems.append(f"parameter `{name}` is {ty}, not ByteArray")
for p in sorted(set(problems)):
    print(f"ffi-rules: {p}")
print(f"ffi-rules: {checked} sensitive parameters checked, {len(set(problems))} problems")
if checked == 0:
    sys.exit("ffi-rules: no sensitive parameters found; generated format changed?")
sys.exit(1 if problems else 0)
