#!/usr/bin/env python3
"""Every case of a generated Swift enum has a handler in the shell.

There is no Swift compiler on CI, so the compiler's own exhaustiveness
check (a `switch` without `default` fails to build when ramz-app adds a
screen or an effect) is done here instead, with tree-sitter-swift:

    shell_coverage.py ENUM=SHELL_DIR [ENUM=SHELL_DIR ...] -- GENERATED.swift ...

For each ENUM (e.g. `Screen`, `Effect`), its cases are read from the
generated bindings (`public enum ENUM { case a, case b(...) ... }`), and
SHELL_DIR's Swift files must hold one `switch` whose `case .x` patterns
name exactly those cases and which has no `default`: a handler for each
case, none for a case that no longer exists. Exit 1 otherwise, naming
what is missing or stale.
"""
import pathlib
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

PARSER = Parser(Language(tree_sitter_swift.language()))


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def parse(path):
    text = pathlib.Path(path).read_bytes()
    return PARSER.parse(text).root_node


def enum_cases(roots, name):
    """Case names of `enum NAME` in the generated files, or None."""
    for root in roots:
        for node in walk(root):
            if node.type != "class_declaration":
                continue
            kinds = [c.type for c in node.children]
            ident = next((c for c in node.children if c.type == "type_identifier"), None)
            if "enum" not in kinds or ident is None or ident.text.decode() != name:
                continue
            body = next(c for c in node.children if c.type == "enum_class_body")
            cases = []
            for entry in body.children:
                if entry.type == "enum_entry":
                    # `case a, b(x: T)`: the entry's direct identifiers are
                    # the case names (labels sit inside enum_type_parameters).
                    cases += [c.text.decode() for c in entry.children if c.type == "simple_identifier"]
            return cases
    return None


def switches(roots):
    """(file, line, case names, has default) of every switch statement."""
    out = []
    for path, root in roots:
        for node in walk(root):
            if node.type != "switch_statement":
                continue
            names, default = [], False
            for entry in node.children:
                if entry.type != "switch_entry":
                    continue
                if any(c.type == "default_keyword" for c in entry.children):
                    default = True
                for pat in entry.children:
                    if pat.type != "switch_pattern":
                        continue
                    inner = next((c for c in pat.children if c.type == "pattern"), None)
                    if inner is None:
                        continue
                    kids = inner.children
                    for i, k in enumerate(kids):
                        if k.type == "." and i + 1 < len(kids) and kids[i + 1].type == "simple_identifier":
                            names.append(kids[i + 1].text.decode())
                            break
            out.append((path, node.start_point[0] + 1, names, default))
    return out


def main(argv):
    if "--" not in argv:
        sys.exit(__doc__)
    split = argv.index("--")
    pairs, generated = argv[:split], argv[split + 1:]
    gen_roots = [parse(p) for p in generated]
    failed = 0
    for pair in pairs:
        name, _, shell_dir = pair.partition("=")
        cases = enum_cases(gen_roots, name)
        if not cases:
            print(f"shell-coverage: enum {name} not found in the generated Swift")
            failed += 1
            continue
        files = sorted(pathlib.Path(shell_dir).rglob("*.swift"))
        found = switches([(str(f), parse(f)) for f in files])
        # The switch over this enum: the one naming most of its cases.
        best = max(found, key=lambda s: len(set(s[2]) & set(cases)), default=None)
        if best is None or not set(best[2]) & set(cases):
            print(f"shell-coverage: FAIL {name}: no switch over it in {shell_dir}")
            failed += 1
            continue
        path, line, names, default = best
        missing = [c for c in cases if c not in names]
        stale = sorted(set(names) - set(cases))
        problems = []
        if missing:
            problems.append(f"no handler for {', '.join('.' + c for c in missing)}")
        if stale:
            problems.append(f"handlers for cases that do not exist: {', '.join('.' + c for c in stale)}")
        if default:
            problems.append("a `default:` would hide a new case")
        if problems:
            print(f"shell-coverage: FAIL {name} ({len(cases)} cases), switch at {path}:{line}: " + "; ".join(problems))
            failed += 1
        else:
            print(f"shell-coverage: {name}: all {len(cases)} cases handled ({path}:{line})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
