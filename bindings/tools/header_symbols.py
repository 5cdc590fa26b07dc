#!/usr/bin/env python3
"""Every function the C header declares must be exported by the library:
a header/library mismatch would only show up as a link error in Xcode."""
import re
import subprocess
import sys

header, library = sys.argv[1], sys.argv[2]
text = open(header).read()
declared = set(re.findall(r"\b((?:uniffi|ffi)_ramz_ffi_\w+)\s*\(", text))
nm = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True, text=True, check=True)
exported = {line.split()[-1] for line in nm.stdout.splitlines() if line.strip()}
missing = sorted(declared - exported)
for name in missing:
    print(f"header-symbols: declared but not exported: {name}")
print(f"header-symbols: {len(declared)} declared, {len(declared) - len(missing)} exported, {len(missing)} missing")
if not declared:
    print("header-symbols: no declarations found; header format changed?")
    sys.exit(1)
sys.exit(1 if missing else 0)
