#!/usr/bin/env python3
"""Every function, constructor and method the library exports, and every
callback interface, must be used by the Kotlin test suite: a new export
without a Kotlin test fails the check.

Usage: kotlin_coverage.py HEADER... bindings/kotlin-tests
The exports are read from the C headers (the same list Swift links
against; one header per crate namespace of the library, ADR 0054); a use is a call `.name(` (camelCase, as the Kotlin bindings
spell it) for functions, `Name.name(` for constructors (`Name(` for the
primary one, `new`), and
`: Name` (an implementation) for callback interfaces."""
import os
import re
import sys

*headers, tests_dir = sys.argv[1:]
if not headers:
    sys.exit("usage: kotlin_coverage.py HEADER... TESTS_DIR")
decls = set()
for header in headers:
    # uniffi_<crate>_fn_<what>: the crates are ramz_ffi and ramz_core.
    decls |= set(re.findall(r"\buniffi_ramz_[a-z]+_fn_(\w+?)\s*\(", open(header).read()))
source = "\n".join(
    open(os.path.join(tests_dir, f), encoding="utf-8").read()
    for f in sorted(os.listdir(tests_dir))
    if f.endswith(".kt")
)


def camel(snake):
    head, *rest = snake.split("_")
    return head + "".join(w.title() for w in rest)


def pascal(snake):
    return "".join(w.title() for w in snake.split("_"))


wanted = []  # (what, regex)
objects = {d[len("free_"):] for d in decls if d.startswith("free_")}
# Traits the foreign side implements (`with_foreign`): their methods are
# used by overriding them, the trait by implementing it.
foreign = {d[len("init_callback_vtable_"):] for d in decls if d.startswith("init_callback_vtable_")}
for d in sorted(decls):
    if d.startswith("func_"):
        name = camel(d[len("func_"):])
        wanted.append((f"function {name}", rf"\b{name}\("))
    elif d.startswith("constructor_"):
        obj, name = d[len("constructor_"):].split("_", 1)
        objects.add(obj)
        if name == "new":
            # The primary constructor: Kotlin calls it as `Name(`.
            wanted.append((f"constructor {pascal(obj)}(...)", rf"(?i:\b{obj})\("))  # header names are lower case
        else:
            wanted.append((f"constructor {pascal(obj)}.{camel(name)}", rf"\b{pascal(obj)}\.{camel(name)}\("))
    elif d.startswith("method_"):
        rest = d[len("method_"):]
        obj = next((o for o in sorted(objects, key=len, reverse=True) if rest.startswith(o + "_")), None)
        if obj is None:
            obj, _ = rest.split("_", 1)
        name = camel(rest[len(obj) + 1:])
        if obj in foreign:
            wanted.append((f"override of {obj}.{name}", rf"override fun {name}\("))
        else:
            wanted.append((f"method {pascal(obj)}.{name}", rf"\.{name}\("))
    elif d.startswith("init_callback_vtable_"):
        # The Kotlin name's case is not in the header: match it ignoring case.
        name = d[len("init_callback_vtable_"):]
        wanted.append((f"implementation of {name}", rf"(?i)\bclass\s+\w+[^{{:]*:[^{{]*\b{name}\b"))

missing = [what for what, rx in wanted if not re.search(rx, source)]
for what in missing:
    print(f"kotlin-coverage: not exercised by bindings/kotlin-tests: {what}")
print(f"kotlin-coverage: {len(wanted)} exports, {len(wanted) - len(missing)} used by the Kotlin tests")
if not wanted:
    sys.exit("kotlin-coverage: no exports found; header format changed?")
sys.exit(1 if missing else 0)
