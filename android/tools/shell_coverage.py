#!/usr/bin/env python3
"""Every screen of ramz-app's view model and every effect it can ask for
must have a handler in the Android shell, and every field of its records
must be read by the shell: a new variant or field in the app core fails
CI until the shell draws or performs it.

Usage: shell_coverage.py GENERATED_APP_KT SHELL_DIR

The variants are read from the generated Kotlin (uniffi turns the Rust
enums `Screen` and `Effect` into `sealed class Screen` / `sealed class
Effect` with one nested class or object per variant); a handler is a
branch `is Screen.X ->` / `is Effect.X ->` anywhere under SHELL_DIR. A
handler of a variant that no longer exists is reported too. The records
are the generated `data class`es; a field is read when `.field` (or a
named argument `field =`) appears under SHELL_DIR, or it is listed in
NOT_DRAWN with the reason."""
import os
import re
import sys

SEALED = ("Screen", "Effect")

# Fields the shell has reason not to read.
NOT_DRAWN = {
    "LockView.waitSeconds": "the wait is drawn from its text (`wait`) and the pad is disabled by `enabled`",
}


def sealed_variants(text, name):
    """Names of the classes and objects nested directly in `sealed class name`."""
    m = re.search(r"^sealed class %s\b[^{]*\{" % re.escape(name), text, re.MULTILINE)
    if not m:
        return None
    depth, i, start = 1, m.end(), m.end()
    while depth and i < len(text):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    body = text[start:i - 1]
    # Declarations at the block's first level only: count braces as we go.
    found, depth = [], 0
    for line in body.split("\n"):
        if depth == 0:
            d = re.match(r"\s*(?:data class|class|object)\s+(\w+)", line)
            if d:
                found.append(d.group(1))
        depth += line.count("{") - line.count("}")
    return found


def handlers(shell_dir, name):
    seen = set()
    for root, _, files in os.walk(shell_dir):
        for f in files:
            if f.endswith(".kt"):
                text = open(os.path.join(root, f), encoding="utf-8").read()
                seen |= set(re.findall(r"\bis\s+%s\.(\w+)\s*->" % name, text))
    return seen


def shell_text(shell_dir):
    out = []
    for root, _, files in os.walk(shell_dir):
        for f in sorted(files):
            if f.endswith(".kt"):
                out.append(open(os.path.join(root, f), encoding="utf-8").read())
    return "\n".join(out)


def unread_fields(text, shell):
    unread, count = [], 0
    for m in re.finditer(r"^data class (\w+) \((.*?)^\)", text, re.DOTALL | re.MULTILINE):
        for field in re.findall(r"va[rl] `(\w+)`:", m.group(2)):
            count += 1
            name = f"{m.group(1)}.{field}"
            if name in NOT_DRAWN:
                continue
            if not re.search(r"\.%s\b|\b%s\s*=[^=]" % (field, field), shell):
                unread.append(name)
    return unread, count


def main(generated, shell_dir):
    text = open(generated, encoding="utf-8").read()
    bad = 0
    unread, count = unread_fields(text, shell_text(shell_dir))
    for name in unread:
        print(f"shell-coverage: field {name} is never read under {shell_dir}")
    bad += len(unread)
    print(f"shell-coverage: records: {count} fields, {count - len(unread)} read or listed as not drawn")
    for name in SEALED:
        variants = sealed_variants(text, name)
        if not variants:
            print(f"shell-coverage: no `sealed class {name}` with variants in {generated}")
            return 1
        have = handlers(shell_dir, name)
        missing = [v for v in variants if v not in have]
        stale = sorted(have - set(variants))
        for v in missing:
            print(f"shell-coverage: {name}.{v} has no `is {name}.{v} ->` handler under {shell_dir}")
        for v in stale:
            print(f"shell-coverage: handler `is {name}.{v} ->` names no variant of {name}")
        bad += len(missing) + len(stale)
        print(f"shell-coverage: {name}: {len(variants)} variants, {len(variants) - len(missing)} handled")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
