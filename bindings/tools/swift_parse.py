#!/usr/bin/env python3
"""Parses generated Swift with tree-sitter-swift; fails on any ERROR or
MISSING node. There is no Swift compiler on Linux CI, so this is the check
that the generated Swift is at least well-formed.

tree-sitter-swift cannot parse an attribute that stands alone inside an
`#if` block before the declaration it belongs to, which uniffi emits as

    #if swift(>=5.8)
    @_documentation(visibility: private)
    #endif
    public static func ...

so, like the compiler for any Swift >= 5.8 (uniffi's minimum is higher),
the `#if swift(>=...)`/`#endif` lines of such blocks are resolved to their
contents first (replaced by blank lines, so positions stay the same).

It also misreads the closure `{ () }` (returns the empty tuple), which
uniffi emits as `let writeReturn = { () }` for a foreign-trait method
that returns nothing, as the start of a closure signature; such closures
are rewritten to the equivalent empty closure `{    }` (same length)."""
import re
import sys

SWIFT_IF = re.compile(r"^\s*#if swift\(>=\s*5\.\d+\)\s*$")


UNIT_CLOSURE = re.compile(r"= \{ \(\) \}$", re.MULTILINE)


def rewrite_unit_closures(text):
    return UNIT_CLOSURE.sub("= {    }", text)


def resolve_swift_version_ifs(text):
    lines = text.split("\n")
    resolved = 0
    i = 0
    while i < len(lines):
        if SWIFT_IF.match(lines[i]):
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith("#"):
                j += 1
            if j < len(lines) and lines[j].strip() == "#endif":
                lines[i] = ""
                lines[j] = ""
                resolved += 1
                i = j
        i += 1
    return "\n".join(lines), resolved

import tree_sitter_swift
from tree_sitter import Language, Parser


def problems(node, out):
    if node.type == "ERROR" or node.is_missing:
        out.append(node)
    for child in node.children:
        problems(child, out)
    return out


def main(paths):
    parser = Parser(Language(tree_sitter_swift.language()))
    bad = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text, resolved = resolve_swift_version_ifs(f.read())
        text = rewrite_unit_closures(text)
        tree = parser.parse(text.encode("utf-8"))
        found = problems(tree.root_node, [])
        print(f"swift-parse: {path}: resolved {resolved} `#if swift(>=5.x)` blocks")
        for n in found[:10]:
            row, col = n.start_point
            print(f"{path}:{row + 1}:{col + 1}: {'missing' if n.is_missing else 'syntax error'} ({n.type})")
        bad += len(found)
        print(f"swift-parse: {path}: {len(found)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
