#!/usr/bin/env python3
"""The shell writes no user-visible text: every text the app shows comes
from ramz-app's view model (its Fluent catalog). With tree-sitter-swift,
fails on

- a string literal with text in it given to a SwiftUI or UIKit call that
  shows or speaks it (`Text("...")`, `Button("...")`, `.navigationTitle("...")`,
  `.accessibilityLabel("...")`, `Toggle`, `TextField`, `Label`, alerts, ...),
  including inside a conditional (`x ? "a" : "b"`);
- a literal with text assigned to a LocalAuthentication prompt text
  (`localizedReason`, `localizedCancelTitle`, `localizedFallbackTitle`);
- any use of the app's own string tables from code (`NSLocalizedString`,
  `String(localized:)`, `LocalizedStringKey`): the only tables are
  InfoPlist.strings, which iOS reads itself.

    no_shell_text.py FILE.swift ...

A literal labelled `systemName:` (an SF Symbol's name) is not text;
`Text(verbatim:)` is treated like `Text`.
"""
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

PARSER = Parser(Language(tree_sitter_swift.language()))

SHOWS_TEXT = {
    "Text", "Button", "Label", "Toggle", "TextField", "SecureField", "Section", "Link",
    "Menu", "Picker", "Stepper", "DatePicker", "ProgressView", "LabeledContent", "NavigationLink",
    "navigationTitle", "alert", "confirmationDialog", "accessibilityLabel", "accessibilityHint",
    "accessibilityValue", "help", "prompt", "searchable", "UIAlertController", "UIAlertAction",
    "UILabel", "setTitle",
}
PROMPT_PROPERTIES = {"localizedReason", "localizedCancelTitle", "localizedFallbackTitle"}
TABLE_LOOKUPS = {"NSLocalizedString", "LocalizedStringKey", "LocalizedStringResource"}
NOT_TEXT_LABELS = {"systemName"}


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def callee(call):
    head = call.children[0]
    if head.type == "simple_identifier":
        return head.text.decode()
    if head.type == "navigation_expression":
        suffix = head.children[-1]
        if suffix.type == "navigation_suffix":
            return suffix.children[-1].text.decode()
    return None


def has_text(literal):
    """A literal with characters of its own (not only interpolations)."""
    return any(c.type == "line_str_text" and c.text.strip() for c in literal.children) or (
        literal.type == "multi_line_string_literal")


def literals_in(node):
    """String literals in an argument's value, not inside nested calls
    (`Text(label(for: "x"))` is the inner call's business) or closures."""
    for child in node.children:
        if child.type in ("line_string_literal", "multi_line_string_literal"):
            yield child
        elif child.type not in ("call_expression", "lambda_literal"):
            yield from literals_in(child)


def problems(path):
    text = open(path, encoding="utf-8").read()
    root = PARSER.parse(text.encode("utf-8")).root_node
    out = []
    for node in walk(root):
        if node.type == "call_expression":
            name = callee(node)
            if name in TABLE_LOOKUPS:
                out.append((node, f"{name}: the app's texts come from ramz-app's catalog"))
            if name == "String" and "localized:" in node.text.decode():
                out.append((node, "String(localized:): the app's texts come from ramz-app's catalog"))
            if name not in SHOWS_TEXT:
                continue
            suffix = node.children[-1]
            args = next((c for c in suffix.children if c.type == "value_arguments"), None)
            for arg in (args.children if args else []):
                if arg.type != "value_argument":
                    continue
                label = next((c for c in arg.children if c.type == "value_argument_label"), None)
                if label is not None and label.text.decode() in NOT_TEXT_LABELS:
                    continue
                for lit in literals_in(arg):
                    if has_text(lit):
                        out.append((lit, f"{name}(...) shows the literal {lit.text.decode()}"))
        elif node.type == "assignment":
            target = node.children[0].text.decode()
            prop = target.rsplit(".", 1)[-1]
            if prop in PROMPT_PROPERTIES:
                for lit in literals_in(node):
                    if has_text(lit):
                        out.append((lit, f"{prop} is set to the literal {lit.text.decode()}"))
    return out


def main(paths):
    found = 0
    for path in paths:
        for node, why in problems(path):
            row, col = node.start_point
            print(f"{path}:{row + 1}:{col + 1}: shell text: {why}")
            found += 1
    print(f"no-shell-text: {len(paths)} files, {found} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
