#!/usr/bin/env python3
"""The iOS string tables: every `.strings` file of RESOURCES/en.lproj has
a twin in RESOURCES/fa.lproj (and back) with the same keys and the same
format specifiers, and every Persian value is Persian (holds right-to-left
Arabic-script letters).

    strings_check.py RESOURCES_DIR

The tables hold only what iOS reads before the app runs (InfoPlist.strings:
the app's name, the camera and Face ID purpose texts); every text inside
the app comes from ramz-app's Fluent catalog.
"""
import pathlib
import re
import sys
import unicodedata

ENTRY = re.compile(r'\s*"((?:[^"\\]|\\.)+)"\s*=\s*"((?:[^"\\]|\\.)*)";\s*$')
SPEC = re.compile(r"%(?:\d+\$)?[@dsfu]")


def table(path):
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    out, errors = {}, []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.strip().startswith("//"):
            continue
        m = ENTRY.match(line)
        if not m:
            errors.append(f"{path}:{n}: not a `\"key\" = \"value\";` line")
        elif m.group(1) in out:
            errors.append(f"{path}:{n}: key {m.group(1)} twice")
        else:
            out[m.group(1)] = m.group(2)
    return out, errors


def main(resources):
    root = pathlib.Path(resources)
    en_dir, fa_dir = root / "en.lproj", root / "fa.lproj"
    errors, entries = [], 0
    en_files = {p.name for p in en_dir.glob("*.strings")}
    fa_files = {p.name for p in fa_dir.glob("*.strings")}
    if not en_files:
        errors.append(f"{en_dir}: no .strings file")
    for name in sorted(en_files ^ fa_files):
        errors.append(f"{name}: only in {'en' if name in en_files else 'fa'}.lproj")
    for name in sorted(en_files & fa_files):
        en, e1 = table(en_dir / name)
        fa, e2 = table(fa_dir / name)
        errors += e1 + e2
        for key in sorted(en.keys() ^ fa.keys()):
            errors.append(f"{name}: key {key} only in {'en' if key in en else 'fa'}")
        for key in sorted(en.keys() & fa.keys()):
            entries += 1
            if sorted(SPEC.findall(en[key])) != sorted(SPEC.findall(fa[key])):
                errors.append(f"{name}: {key}: format specifiers differ")
            if not any(unicodedata.bidirectional(c) == "AL" for c in fa[key]):
                errors.append(f"{name}: {key}: the fa text is not Persian")
            if not en[key].strip():
                errors.append(f"{name}: {key}: empty")
    for e in errors:
        print("ios strings:", e)
    print(f"ios strings: {entries} keys in {len(en_files & fa_files)} tables; "
          f"{entries - len(errors) if not errors else 0} passed, {len(errors)} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
