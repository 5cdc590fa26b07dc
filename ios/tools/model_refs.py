#!/usr/bin/env python3
"""The shell's references into the generated Swift exist: a small part of
what the Swift compiler would check, done with tree-sitter-swift since CI
has no compiler.

    model_refs.py GENERATED.swift ... -- SHELL.swift ...

From the generated files it reads every `public struct` (record) with its
fields and every `public enum` with its cases and their labels. In the
shell files it then checks

- member accesses on values whose type it can follow: a stored property
  declared with a generated record type (`let view: CodesView`), a name
  bound from one (`if let pad = view.pad`, `let entry = view.entries[i]`,
  `ForEach(view.rows) { row in ... }`), followed through fields, optionals
  and array elements: `view.pad.prompt` needs `pad` in `CodesView` and
  `prompt` in `PinPadView`;
- enum values written as `.case(label: ...)` where the type is known: the
  argument of `send(...)` and any argument labelled `event:` are `Event`s;
  a case's payload has the type the generated enum declares
  (`.choose(.advanced(...))`: `advanced` must be a case of `Choice`); an
  argument of a shell type's memberwise initialiser has its property's
  type (`FormField(..., id: .issuer)`: `id: Field`); the trailing closure
  of `sendSecret` returns an `Event`. The case must exist
  and its argument labels must be the generated ones, in order.

Exit 1 naming each reference that does not resolve. Values it cannot type
are skipped (no false alarms), so a pass is a floor, not a proof.
"""
import re
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

PARSER = Parser(Language(tree_sitter_swift.language()))
# Shell functions whose trailing closure returns an `Event`.
EVENT_CLOSURES = {"sendSecret"}


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def text(node):
    return node.text.decode()


def kids(node, kind):
    return [c for c in node.children if c.type == kind]


def norm(t):
    """A type's text, without module prefix and whitespace."""
    t = re.sub(r"\s+", "", t or "")
    return re.sub(r"\bRamz\.", "", t)


def unwrap(t):
    t = norm(t)
    while True:
        if t.endswith("?"):
            t = t[:-1]
        elif t.startswith("Option<") and t.endswith(">"):
            t = t[7:-1]
        elif t.startswith("Optional<") and t.endswith(">"):
            t = t[9:-1]
        else:
            return t


def element(t):
    t = unwrap(t)
    if t.startswith("[") and t.endswith("]") and ":" not in t:
        return t[1:-1]
    if t.startswith("Vec<") and t.endswith(">"):
        return t[4:-1]
    return None


class Model:
    def __init__(self, paths):
        self.records, self.enums = {}, {}
        for path in paths:
            root = PARSER.parse(open(path, "rb").read()).root_node
            for node in walk(root):
                if node.type != "class_declaration":
                    continue
                name = kids(node, "type_identifier")
                if not name:
                    continue
                name = text(name[0])
                keyword = [c.type for c in node.children]
                if "struct" in keyword:
                    body = kids(node, "class_body")
                    if body:
                        self.records[name] = self._fields(body[0])
                elif "enum" in keyword:
                    body = kids(node, "enum_class_body")
                    if body:
                        self.enums[name] = self._cases(body[0])

    @staticmethod
    def _fields(body):
        fields = {}
        for prop in kids(body, "property_declaration"):
            if kids(prop, "computed_property"):
                continue
            pat, ann = kids(prop, "pattern"), kids(prop, "type_annotation")
            if pat and ann:
                fields[text(pat[0])] = norm(text(ann[0])[1:])
        return fields

    @staticmethod
    def _cases(body):
        cases = {}
        for entry in kids(body, "enum_entry"):
            current = None
            for c in entry.children:
                if c.type == "simple_identifier":
                    current = text(c)
                    cases[current] = ([], [])
                elif c.type == "enum_type_parameters" and current:
                    labels, types = cases[current]
                    pending = None
                    for p in c.children:
                        if p.type == "simple_identifier":
                            pending = text(p)
                        elif p.type.endswith("_type") or p.type == "user_type":
                            labels.append(pending)
                            types.append(norm(text(p)))
                            pending = None
        return cases


class Checker:
    def __init__(self, model, shell_paths):
        self.m = model
        self.problems = []
        self.shell_types = {}  # shell struct -> {property: type}
        self.trees = [(p, PARSER.parse(open(p, "rb").read()).root_node) for p in shell_paths]
        for _, root in self.trees:
            for node in walk(root):
                if node.type == "class_declaration" and kids(node, "type_identifier") and kids(node, "class_body"):
                    self.shell_types[text(kids(node, "type_identifier")[0])] = Model._fields(kids(node, "class_body")[0])

    def report(self, path, node, why):
        row, col = node.start_point
        self.problems.append(f"{path}:{row + 1}:{col + 1}: {why}")

    # ----- types of expressions -----
    def type_of(self, node, scope):
        if node.type == "simple_identifier":
            return scope.get(text(node))
        if node.type == "navigation_expression":
            base, suffix = node.children[0], node.children[-1]
            if suffix.type != "navigation_suffix" or base.type == "key_path_expression":
                return None
            t = self.type_of(base, scope)
            record = self.m.records.get(unwrap(t)) if t else None
            member = text(suffix.children[-1])
            return record.get(member) if record else None
        if node.type == "call_expression" and node.children[-1].type == "call_suffix":
            args = kids(node.children[-1], "value_arguments")
            if args and text(args[0]).startswith("["):  # subscript
                t = self.type_of(node.children[0], scope)
                return element(t) if t else None
        return None

    # ----- the walk -----
    def check(self):
        for path, root in self.trees:
            for node in walk(root):
                if node.type == "class_declaration" and kids(node, "class_body"):
                    scope = dict(self.shell_types.get(text(kids(node, "type_identifier")[0]), {})) \
                        if kids(node, "type_identifier") else {}
                    self.visit(path, kids(node, "class_body")[0], scope)
        return self.problems

    def visit(self, path, node, scope):
        scope = dict(scope)
        for child in node.children:
            self.bind(child, scope)
            self.inspect(path, child, scope)
            if child.type == "lambda_literal":
                self.visit(path, child, self.lambda_scope(node, child, scope))
            elif child.type != "class_declaration":
                self.visit(path, child, scope)

    def bind(self, node, scope):
        """Names bound by `if let x = e` / `let x = e` before their use."""
        if node.type in ("if_statement", "guard_statement"):
            items = node.children
            for i, c in enumerate(items):
                if c.type == "simple_identifier" and i + 2 < len(items) and items[i + 1].type == "=":
                    t = self.type_of(items[i + 2], scope)
                    if t:
                        scope[text(c)] = unwrap(t)
        elif node.type == "property_declaration" and not kids(node, "type_annotation"):
            pat = kids(node, "pattern")
            value = [c for c in node.children if c.type not in ("value_binding_pattern", "pattern", "=")]
            if pat and value:
                t = self.type_of(value[-1], scope)
                if t:
                    scope[text(pat[0])] = t

    def lambda_scope(self, call_suffix, lam, scope):
        """`ForEach(view.rows, ...) { row in }`: row is an element."""
        scope = dict(scope)
        params = [text(p) for p in walk(lam) if p.type == "lambda_parameter"]
        args = kids(call_suffix, "value_arguments")
        if len(params) == 1 and args:
            first = kids(args[0], "value_argument")
            if first:
                t = self.type_of(first[0].children[-1], scope)
                e = element(t) if t else None
                if e:
                    scope[params[0]] = e
        return scope

    def inspect(self, path, node, scope):
        if node.type == "navigation_expression":
            base, suffix = node.children[0], node.children[-1]
            if suffix.type == "navigation_suffix" and base.type != "key_path_expression":
                t = self.type_of(base, scope)
                record = unwrap(t) if t else None
                member = text(suffix.children[-1])
                if record in self.m.records and member not in self.m.records[record]:
                    self.report(path, suffix, f"{record} has no field `{member}`")
        if node.type == "call_expression":
            callee = text(node.children[0])
            args = kids(node.children[-1], "value_arguments") if node.children[-1].type == "call_suffix" else []
            if callee in EVENT_CLOSURES and node.children[-1].type == "call_suffix":
                # `sendSecret(text, send) { .editSecret(field: id, bytes: $0) }`
                for lam in kids(node.children[-1], "lambda_literal"):
                    for stmts in kids(lam, "statements"):
                        if stmts.children:
                            self.enum_value(path, stmts.children[0], "Event")
            for arg in kids(args[0], "value_argument") if args else []:
                label = kids(arg, "value_argument_label")
                label = text(label[0]) if label else None
                expected = None
                if callee == "send" and label is None:
                    expected = "Event"
                elif label == "event":
                    expected = "Event"
                elif callee in self.shell_types and label in self.shell_types[callee]:
                    expected = unwrap(self.shell_types[callee][label])
                if expected in self.m.enums:
                    self.enum_value(path, arg.children[-1], expected)

    def enum_value(self, path, node, enum):
        """`.case` or `.case(labels...)` of `enum`, payloads recursively."""
        if node.type == "prefix_expression" and node.children[0].type == ".":
            name, call_args = text(node.children[-1]), None
        elif (node.type == "call_expression" and node.children[0].type == "prefix_expression"
              and node.children[0].children[0].type == "."):
            name = text(node.children[0].children[-1])
            call_args = kids(node.children[-1], "value_arguments")
        else:
            return  # not written as an implicit member: nothing to check
        cases = self.m.enums[enum]
        if name not in cases:
            self.report(path, node, f"{enum} has no case `.{name}`")
            return
        labels, types = cases[name]
        if call_args is None:
            return
        given = kids(call_args[0], "value_argument")
        given_labels = [text(kids(a, "value_argument_label")[0]) if kids(a, "value_argument_label") else None
                        for a in given]
        if given_labels != labels:
            want = ", ".join(f"{l}:" if l else "_" for l in labels) or "none"
            self.report(path, node, f"{enum}.{name} takes ({want})")
            return
        for arg, t in zip(given, types):
            if unwrap(t) in self.m.enums:
                self.enum_value(path, arg.children[-1], unwrap(t))


def main(argv):
    if "--" not in argv:
        sys.exit(__doc__)
    i = argv.index("--")
    model = Model(argv[:i])
    problems = Checker(model, argv[i + 1:]).check()
    for p in problems:
        print("model-refs:", p)
    print(f"model-refs: {len(model.records)} records, {len(model.enums)} enums; "
          f"{len(argv) - i - 1} shell files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
