#!/usr/bin/env python3
"""Every function the C headers declare must be exported by the library:
a header/library mismatch would only show up as a link error in Xcode.

Usage: header_symbols.py HEADER... LIBRARY
uniffi writes one header per crate namespace of the library (RamzFFI.h
for ramz_ffi, RamzCoreFFI.h for ramz_core); each must declare something."""
import re
import subprocess
import sys

*headers, library = sys.argv[1:]
if not headers:
    sys.exit("usage: header_symbols.py HEADER... LIBRARY")
nm = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True, text=True, check=True)
exported = {line.split()[-1] for line in nm.stdout.splitlines() if line.strip()}
failed = False
for header in headers:
    text = open(header).read()
    declared = set(re.findall(r"\b((?:uniffi|ffi)_ramz_\w+)\s*\(", text))
    missing = sorted(declared - exported)
    for name in missing:
        print(f"header-symbols: {header}: declared but not exported: {name}")
    print(f"header-symbols: {header}: {len(declared)} declared, {len(declared) - len(missing)} exported, {len(missing)} missing")
    if not declared:
        print(f"header-symbols: {header}: no declarations found; header format changed?")
        failed = True
    failed = failed or bool(missing)
sys.exit(1 if failed else 0)
