#!/usr/bin/env python3
"""Every `libs.…` reference in the Gradle Kotlin scripts names an entry of
the version catalog (gradle/libs.versions.toml), as Gradle would resolve
it: `[libraries]` key `compose-ui` is `libs.compose.ui`, `[plugins]` key
`kotlin-compose` is `libs.plugins.kotlin.compose`. A typo here would only
show in Android Studio; this finds it without Gradle.

Usage: catalog_refs.py ANDROID_DIR"""
import os
import re
import sys
import tomllib


def accessor(key):
    return re.sub(r"[-_]", ".", key)


def main(android):
    with open(os.path.join(android, "gradle/libs.versions.toml"), "rb") as f:
        catalog = tomllib.load(f)
    known = {accessor(k) for k in catalog.get("libraries", {})}
    known |= {"plugins." + accessor(k) for k in catalog.get("plugins", {})}
    known |= {"versions." + accessor(k) for k in catalog.get("versions", {})}
    refs = bad = 0
    for root, dirs, files in os.walk(android):
        dirs[:] = sorted(d for d in dirs if d not in {"build", ".gradle", ".idea", ".kotlin", "src"})
        for name in sorted(files):
            if not name.endswith(".gradle.kts"):
                continue
            path = os.path.join(root, name)
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                code = line.split("//")[0]
                for ref in re.findall(r"\blibs\.([A-Za-z0-9_.]+)", code):
                    ref = re.sub(r"\.get$", "", ref)
                    refs += 1
                    if ref not in known:
                        bad += 1
                        print(f"{path}:{n}: libs.{ref} is not in the version catalog")
    print(f"catalog-refs: {refs} references, {bad} unknown")
    return 1 if bad or not refs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
