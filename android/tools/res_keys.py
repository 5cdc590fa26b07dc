#!/usr/bin/env python3
"""The app's platform strings exist in both languages: res/values and
res/values-fa hold the same string names, each non-empty, with the same
format placeholders (%1$s, %d, ...), and the Persian ones are written in
Persian script.

Usage: res_keys.py RES_DIR"""
import re
import sys
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(?:\d+\$)?[sdf]")
PERSIAN = re.compile(r"[\u0600-\u06FF]")


def strings(path):
    return {e.get("name"): "".join(e.itertext()) for e in ET.parse(path).getroot().iter("string")}


def main(res):
    en = strings(f"{res}/values/strings.xml")
    fa = strings(f"{res}/values-fa/strings.xml")
    bad = []
    bad += [f"{k}: in values only" for k in sorted(en.keys() - fa.keys())]
    bad += [f"{k}: in values-fa only" for k in sorted(fa.keys() - en.keys())]
    for k in sorted(en.keys() & fa.keys()):
        if not en[k].strip() or not fa[k].strip():
            bad.append(f"{k}: empty")
        if sorted(PLACEHOLDER.findall(en[k])) != sorted(PLACEHOLDER.findall(fa[k])):
            bad.append(f"{k}: placeholders differ")
        if not PERSIAN.search(fa[k]):
            bad.append(f"{k}: the fa text has no Persian letter")
    for b in bad:
        print(f"res-keys: {b}")
    print(f"res-keys: {len(en)} strings in values, {len(fa)} in values-fa, {len(bad)} problems")
    return 1 if bad or not en else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
