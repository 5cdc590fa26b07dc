#!/usr/bin/env bash
# The iOS shell: Swift parses (no compiler here) and fa/en strings match.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 bindings/tools/swift_parse.py ios/Ramz/*.swift
python3 - <<'PY'
import re, sys, unicodedata
def table(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r'\s*"([^"]+)"\s*=\s*"((?:[^"\\]|\\.)*)";\s*$', line)
        if m:
            out[m.group(1)] = m.group(2)
        elif line.strip():
            sys.exit(f"{path}: unparsable line: {line.strip()}")
    return out
en = table("ios/Ramz/en.lproj/Localizable.strings")
fa = table("ios/Ramz/fa.lproj/Localizable.strings")
errors = []
if en.keys() != fa.keys():
    errors.append(f"keys differ: {sorted(en.keys() ^ fa.keys())}")
spec = re.compile(r"%(?:\d+\$)?[@dsf]")
for k in en.keys() & fa.keys():
    if sorted(spec.findall(en[k])) != sorted(spec.findall(fa[k])):
        errors.append(f"{k}: format specifiers differ")
    if not any(unicodedata.bidirectional(c) == "AL" for c in fa[k]):
        errors.append(f"{k}: fa text is not Persian")
for e in errors:
    print("ios strings:", e)
n = len(en)
print(f"{n - len(errors) if not errors else 0} passed, {len(errors)} failed")
sys.exit(1 if errors else 0)
PY
