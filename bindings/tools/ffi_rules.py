#!/usr/bin/env python3
"""Rules of the public interface, checked on the generated Kotlin:
- no error field named `message` (it would clash with Throwable.message);
- SDK facade (packages app.ramz.core*): every parameter that carries a
  PIN, a secret, a passphrase, an SMS code or pasted text is a ByteArray
  (the app can wipe it; a String cannot be);
- app layer (package app.ramz.app, ADR 0061): what the person types that
  is secret reaches the app in an `Event` field that is a ByteArray (a
  typealias of one counts: `PastedText`): the PIN typed, secret fields
  (passphrases, base32 secrets, SMS codes) and pasted text; and every
  other String an `Event` carries is on the short list of plain fields
  below, so a new String field in an event is a decision made here.

Usage: ffi_rules.py FILE.kt...  (every generated Kotlin file: one per
crate namespace of the library, ADR 0054)"""
import re
import sys

# Event variant -> field that carries a secret typed or pasted by the person.
APP_SECRET_FIELDS = {("PinText", "bytes"), ("EditSecret", "bytes"), ("Paste", "text")}
# Event String fields that are not secret: the device locale, and plain
# text fields (search, issuer, account name, digits, period, counter,
# clock offset: `Field`; secret ones go through `EditSecret`).
APP_PLAIN_STRINGS = {("Start", "deviceLanguage"), ("Edit", "text")}

files = {p: open(p, encoding="utf-8").read() for p in sys.argv[1:]}
problems = []
checked = 0


def facade_rules(text):
    global checked
    SENSITIVE = re.compile(r"(?i)^(pin|newPin|secret\w*|passphrase|smsCode|text|plaintext)$")
    for name, ty in re.findall(r"`(\w+)`: ([\w.<>?]+)", text):
        # The raw JNA declarations take RustBuffers; the public API is the rest.
        if SENSITIVE.match(name) and ty != "RustBuffer.ByValue":
            checked += 1
            if ty != "kotlin.ByteArray":
                problems.append(f"parameter `{name}` is {ty}, not ByteArray")


def app_rules(text):
    global checked
    aliases = dict(re.findall(r"typealias (\w+) = ([\w.]+)", text))

    def resolve(ty):
        short = ty.rsplit(".", 1)[-1].rstrip("?")
        return aliases.get(short, ty.rstrip("?"))

    m = re.search(r"^sealed class Event\b.*?^}", text, re.S | re.M)
    if not m:
        problems.append("no sealed class Event in the app's bindings")
        return
    fields = []  # (variant, field, type)
    for variant, body in re.findall(r"data class (\w+)\((.*?)\) : Event\(\)", m.group(0), re.S):
        for name, ty in re.findall(r"val `(\w+)`: ([\w.<>?]+)", body):
            fields.append((variant, name, ty))
    found = {(v, n) for v, n, _ in fields}
    for missing in sorted(APP_SECRET_FIELDS - found):
        problems.append(f"Event.{missing[0]}.{missing[1]} not found; generated format changed?")
    for variant, name, ty in fields:
        if (variant, name) in APP_SECRET_FIELDS:
            checked += 1
            if resolve(ty) != "kotlin.ByteArray":
                problems.append(f"Event.{variant}.{name} is {ty}, not ByteArray")
        elif resolve(ty) == "kotlin.String" and (variant, name) not in APP_PLAIN_STRINGS:
            problems.append(f"Event.{variant}.{name} is a String: a secret must be a ByteArray "
                            "(or list it as plain in ffi_rules.py)")


for path, text in files.items():
    if re.search(r"val `message`", text):
        problems.append(f"{path}: an error has a field named `message`")
    if re.search(r"^package app\.ramz\.app$", text, re.M):
        app_rules(text)
    else:
        facade_rules(text)
for p in sorted(set(problems)):
    print(f"ffi-rules: {p}")
print(f"ffi-rules: {checked} sensitive parameters and event fields checked, {len(set(problems))} problems")
if checked == 0:
    sys.exit("ffi-rules: no sensitive parameters found; generated format changed?")
sys.exit(1 if problems else 0)
