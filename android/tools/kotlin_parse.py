#!/usr/bin/env python3
"""Parses Kotlin sources and Gradle Kotlin scripts (.kt, .kts) with
tree-sitter-kotlin; fails on any ERROR or MISSING node. The Android
sources cannot be compiled here (no Android SDK), so this is the check
that every one of them is at least well-formed Kotlin.

Usage: kotlin_parse.py PATH...   (files, or folders searched for .kt/.kts)"""
import os
import sys

import tree_sitter_kotlin
from tree_sitter import Language, Parser


SKIP = {"build", ".gradle", ".idea", ".kotlin", ".cxx", "jniLibs"}


def problems(node, out):
    if node.type == "ERROR" or node.is_missing:
        out.append(node)
        return out  # its children are part of the same error
    for child in node.children:
        problems(child, out)
    return out


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                # Gradle's and the IDE's outputs are not sources.
                dirs[:] = sorted(d for d in dirs if d not in SKIP)
                for name in sorted(names):
                    if name.endswith((".kt", ".kts")):
                        yield os.path.join(root, name)
        else:
            yield path


def main(paths):
    parser = Parser(Language(tree_sitter_kotlin.language()))
    count = bad = 0
    for path in files(paths):
        with open(path, "rb") as f:
            tree = parser.parse(f.read())
        found = problems(tree.root_node, [])
        count += 1
        for n in found[:10]:
            row, col = n.start_point
            kind = "missing " + n.type if n.is_missing else "syntax error"
            print(f"{path}:{row + 1}:{col + 1}: {kind}")
        bad += bool(found)
    print(f"kotlin-parse: {count} files, {bad} with problems")
    return 1 if bad or not count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
