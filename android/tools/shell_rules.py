#!/usr/bin/env python3
"""Rules the Android shell keeps, checked on its sources (there is no
Android SDK here to run it):

- no user-visible text of its own: no string literal given to Compose's
  `Text(...)`, as a `contentDescription`, or as a prompt title; all text
  comes from the view model (or, for the platform, from res/values*);
- nothing logged (android.util.Log, println, printStackTrace): a log line
  could carry a code, a PIN or a URI;
- nothing secret in the saved instance state: no `rememberSaveable`, no
  `onSaveInstanceState` override that puts anything;
- no other window: no Dialog, AlertDialog, Popup, DropdownMenu or system
  Toast (they are windows of their own, without the activity's
  FLAG_SECURE);
- the activity sets FLAG_SECURE, and the manifest excludes the app from
  backups and device transfer, supports RTL, and sends HTTPS only.

Usage: shell_rules.py ANDROID_DIR"""
import os
import re
import sys

SOURCE_RULES = [
    (r"\bText\(\s*\"", "a string literal shown with Text(...)"),
    (r"contentDescription\s*=\s*\"", "a literal contentDescription"),
    (r"\.set(?:Title|Subtitle|Description|NegativeButtonText)\(\s*\"", "a literal prompt text"),
    (r"\bandroid\.util\.Log\b|\bLog\.[vdiwe]\(|\bprintln\(|\.printStackTrace\(", "logging"),
    (r"\brememberSaveable\b", "rememberSaveable (saved instance state)"),
    (r"override fun onSaveInstanceState", "onSaveInstanceState override"),
    (r"\b(?:AlertDialog|Dialog|Popup|DropdownMenu|BasicAlertDialog)\s*\(", "a separate window (dialog or popup)"),
    (r"\bandroid\.widget\.Toast\b|\bToast\.makeText\(", "a system Toast"),
]

MANIFEST_RULES = [
    (r'android:allowBackup="false"', "allowBackup=\"false\""),
    (r'android:dataExtractionRules="@xml/', "dataExtractionRules"),
    (r'android:fullBackupContent="@xml/', "fullBackupContent"),
    (r'android:supportsRtl="true"', "supportsRtl=\"true\""),
    (r'android:networkSecurityConfig="@xml/', "networkSecurityConfig"),
]


def kotlin_files(root):
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith(".kt"):
                yield os.path.join(d, f)


def main(android):
    problems = []
    sources = [p for sub in ("app/src/main", "ramz-android/src/main") for p in kotlin_files(os.path.join(android, sub))]
    for path in sources:
        text = open(path, encoding="utf-8").read()
        # Comments may name what is forbidden; code may not.
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
        code = re.sub(r"//[^\n]*", "", code)
        for pattern, what in SOURCE_RULES:
            for m in re.finditer(pattern, code):
                line = code[: m.start()].count("\n") + 1
                problems.append(f"{path}:~{line}: {what}")
    activity = os.path.join(android, "app/src/main/kotlin/app/ramz/shell/android/MainActivity.kt")
    if "FLAG_SECURE" not in open(activity, encoding="utf-8").read():
        problems.append(f"{activity}: no FLAG_SECURE")
    manifest = open(os.path.join(android, "app/src/main/AndroidManifest.xml"), encoding="utf-8").read()
    for pattern, what in MANIFEST_RULES:
        if not re.search(pattern, manifest):
            problems.append(f"AndroidManifest.xml: no {what}")
    for p in problems:
        print(f"shell-rules: {p}")
    print(f"shell-rules: {len(sources)} Kotlin files, {len(problems)} problems")
    return 1 if problems or not sources else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
