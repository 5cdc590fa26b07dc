#!/usr/bin/env bash
# The iOS shell (ios/), checked without a Swift compiler (none on Linux CI;
# scripts/build-xcframework.sh and Xcode build it on a Mac):
#  1. the mobile library builds for iPhones: cargo check of ramz-ffi for
#     aarch64-apple-ios (what the XCFramework's device slice is built from);
#  2. every Swift file of ios/ parses (tree-sitter-swift), Package.swift
#     included;
#  3. the Swift package's copy of the generated bindings is current
#     (ios/tools/sync-bindings.sh --check; bindings/swift itself against the
#     library: scripts/checks/50-bindings.sh);
#  4. coverage: every case of the generated `Screen` enum is drawn by the
#     one switch of ios/Ramz/Sources/Views, and every case of `Effect` is
#     performed by the one switch of ios/Ramz/Sources/Effects
#     (ios/tools/shell_coverage.py), so a new screen or effect of ramz-app
#     fails here as it would fail to compile in Xcode;
#     and the shell's references into the generated Swift resolve: fields
#     of view-model records, enum cases and their labels (model_refs.py);
#  5. the shell writes no user-visible text (ios/tools/no_shell_text.py);
#  6. the fa and en string tables (InfoPlist.strings) hold the same keys,
#     and the Persian ones are Persian (ios/tools/strings_check.py);
# each of 2-6 with a self-test showing it fails on a broken input.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "ios shell: FAIL: $*" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "-- 1. ramz-ffi for aarch64-apple-ios"
rustup target list --installed | grep -qx aarch64-apple-ios ||
  fail "the aarch64-apple-ios target is missing (run scripts/install-deps.sh)"
cargo check --locked -q -p ramz-ffi --target aarch64-apple-ios
echo "cargo check --target aarch64-apple-ios -p ramz-ffi: ok"

echo "-- 2. Swift parses"
mapfile -t swift < <(find ios -name '*.swift' -not -path '*/.build/*' | sort)
[ "${#swift[@]}" -ge 20 ] || fail "expected the iOS sources, found ${#swift[@]} Swift files"
python3 bindings/tools/swift_parse.py "${swift[@]}" >"$work/parse.log" ||
  { grep -v ': 0 problems$\|resolved' "$work/parse.log"; fail "Swift that does not parse"; }
echo "swift-parse: ${#swift[@]} files, 0 problems"
sed '0,/^}$/s/^}$//' ios/Ramz/Sources/App/Store.swift >"$work/broken.swift"
! python3 bindings/tools/swift_parse.py "$work/broken.swift" >/dev/null ||
  fail "self-test: the parse check missed a removed brace"

echo "-- 3. generated bindings in the package"
bash ios/tools/sync-bindings.sh --check
mkdir -p "$work/stale"
cp ios/RamzKit/Sources/Ramz/*.swift "$work/stale/"
first="$(ls "$work/stale"/*.swift | head -1)"
printf '\n// edited by hand\n' >>"$first"
! RAMZ_SWIFT_DST="$work/stale" bash ios/tools/sync-bindings.sh --check >/dev/null ||
  fail "self-test: the bindings check missed a hand-edited copy"

echo "-- 4. every screen and effect has a handler"
mapfile -t generated < <(find bindings/swift -name '*.swift' | sort)
coverage=(Screen=ios/Ramz/Sources/Views Effect=ios/Ramz/Sources/Effects)
python3 ios/tools/shell_coverage.py "${coverage[@]}" -- "${generated[@]}"
# Self-test: ramz-app gains a screen and an effect (a case added to each
# generated enum): both must be reported.
python3 - "$work/gen" "${generated[@]}" <<'PY'
import os, re, sys
out = sys.argv[1]
os.makedirs(out)
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    for enum in ("Screen", "Effect"):
        text = re.sub(r"(public\s+enum\s+%s\b[^{]*\{)" % enum, r"\1\n    case selfTestNew%s\n" % enum, text)
    open(os.path.join(out, os.path.basename(path)), "w", encoding="utf-8").write(text)
PY
if python3 ios/tools/shell_coverage.py "${coverage[@]}" -- "$work"/gen/*.swift >"$work/cov.log"; then
  cat "$work/cov.log"; fail "self-test: the coverage check missed a new screen and effect"
fi
[ "$(grep -c 'no handler for .selfTestNew' "$work/cov.log")" = 2 ] ||
  { cat "$work/cov.log"; fail "self-test: expected both new cases reported"; }
echo "self-test: a new Screen and a new Effect case are both reported"

echo "-- 4b. the shell's references into the generated Swift resolve"
# Fields of view-model records (`view.pad.prompt`) and enum values with
# their labels (`send(.tapAccount(id:))`, `.choose(.advanced(...))`).
mapfile -t app < <(find ios/Ramz/Sources -name '*.swift' | sort)
python3 ios/tools/model_refs.py "${generated[@]}" -- "${app[@]}"
mkdir -p "$work/refs"
cp "${app[@]}" "$work/refs/"
sed -i 's/view\.searchHint/view.searchHnt/; s/send(\.tapAccount(id:/send(.tapAccount(index:/' "$work/refs/CodesScreen.swift"
[ "$(python3 ios/tools/model_refs.py "${generated[@]}" -- "$work"/refs/*.swift | grep -c '^model-refs: .*swift:')" -ge 2 ] ||
  fail "self-test: the reference check missed a wrong field and a wrong label"

echo "-- 5. no user-visible text in the shell"
mapfile -t shell < <(find ios/Ramz ios/RamzKit/Sources/RamzKit -name '*.swift' | sort)
python3 ios/tools/no_shell_text.py "${shell[@]}"
cat >"$work/texty.swift" <<'SWIFT'
struct V: View { var body: some View { Text("Codes").navigationTitle(ok ? "A" : "B") } }
func f(c: LAContext) { c.localizedReason = "Unlock" }
SWIFT
[ "$(python3 ios/tools/no_shell_text.py "$work/texty.swift" | grep -c 'shell text:')" = 4 ] ||
  fail "self-test: the text check missed a literal"

echo "-- 6. fa and en string tables"
python3 ios/tools/strings_check.py ios/Ramz/Resources
cp -r ios/Ramz/Resources "$work/res"
sed -i '/NSCameraUsageDescription/d' "$work/res/fa.lproj/InfoPlist.strings"
! python3 ios/tools/strings_check.py "$work/res" >/dev/null ||
  fail "self-test: the strings check missed a key missing in fa"

echo "-- 7. the app's project files"
# Info.plist and the entitlements parse and hold what the shell relies on;
# every InfoPlist.strings key has its Info.plist entry; project.yml names
# files that exist.
python3 - <<'PY'
import pathlib, plistlib, re, sys, yaml
app = pathlib.Path("ios/Ramz")
info = plistlib.loads((app / "Info.plist").read_bytes())
ent = plistlib.loads((app / "Ramz.entitlements").read_bytes())
errors = []
for lproj in ("en.lproj", "fa.lproj"):
    keys = re.findall(r'^"([^"]+)"\s*=', (app / "Resources" / lproj / "InfoPlist.strings").read_text(), re.M)
    errors += [f"Info.plist lacks {k} (in {lproj}/InfoPlist.strings)" for k in keys if k not in info]
if sorted(info.get("CFBundleLocalizations", [])) != ["en", "fa"]:
    errors.append("Info.plist: CFBundleLocalizations must be fa and en")
if ent.get("com.apple.developer.default-data-protection") != "NSFileProtectionComplete":
    errors.append("entitlements: default data protection must be NSFileProtectionComplete")
project = yaml.safe_load((app / "project.yml").read_text())
target = project["targets"]["Ramz"]
settings = target["settings"]["base"]
for rel in [s["path"] for s in target["sources"]] + [settings["INFOPLIST_FILE"], settings["CODE_SIGN_ENTITLEMENTS"]]:
    if not (app / rel).exists():
        errors.append(f"project.yml names {rel}, which does not exist")
if settings.get("PRODUCT_MODULE_NAME", settings.get("PRODUCT_NAME")) in ("Ramz", "RamzKit"):
    errors.append("project.yml: the app's module must not be named like a module it imports")
if not (app / project["packages"]["RamzKit"]["path"] / "Package.swift").exists():
    errors.append("project.yml: the RamzKit package path has no Package.swift")
for e in errors:
    print("ios project:", e)
print(f"ios project: Info.plist, entitlements, project.yml: {len(errors)} problems")
sys.exit(1 if errors else 0)
PY
echo "ios shell: all checks passed"
