#!/usr/bin/env bash
# Builds the Linux app bundle dist/ozgdesk/ with PyInstaller (installers/ozgdesk.spec) and
# tests it: version, the GUI offscreen with the catalogue, a new project, and the libraries
# behind the exports – all run from another folder, so resources and migrations must come
# from the bundle.
#
# Usage (in the source tree; CI runs it after the tests):
#   bash installers/linux/build.sh             build and test
#   bash installers/linux/build.sh --tarball   also pack dist/ozgdesk-<version>-linux-<arch>.tar.gz
#                                              (bundle + install.sh + desktop/MIME files)
#   bash installers/linux/build.sh --test-only test an existing dist/ozgdesk
#
# Python environment: .venv (created if missing), or the one named by OZGDESK_BUILD_VENV.
# It gets the app's dependencies and the "build" extra (PyInstaller) from pyproject.toml,
# but not ozgdesk itself: PyInstaller takes ozgdesk from this source tree, and a developer's
# editable install stays untouched.
# Needs Qt's system libraries for the test (installers/linux/install-qt-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

tarball=0
build=1
for arg in "$@"; do
  case "$arg" in
    --tarball) tarball=1 ;;
    --test-only) build=0 ;;
    *) echo "build.sh: unbekannte Option $arg" >&2; exit 2 ;;
  esac
done

VENV=${OZGDESK_BUILD_VENV:-.venv}
PY=$VENV/bin/python
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' ozgdesk/__init__.py)
BUNDLE=$ROOT/dist/ozgdesk
EXE=$BUNDLE/ozgdesk

if [ "$build" = 1 ]; then
  started=$(date +%s)
  if [ ! -x "$PY" ]; then
    echo "== Build-Umgebung $VENV anlegen"
    python3 -m venv "$VENV"
  fi
  echo "== Abhängigkeiten und PyInstaller installieren"
  mapfile -t requirements < <("$PY" - <<'EOF'
import tomllib

with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
for requirement in project["dependencies"] + project["optional-dependencies"]["build"]:
    print(requirement)
EOF
  )
  "$PY" -m pip install --quiet --disable-pip-version-check "${requirements[@]}"

  echo "== PyInstaller: dist/ozgdesk/ bauen"
  "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" installers/ozgdesk.spec
  echo "Bauzeit: $(( $(date +%s) - started )) s, Größe: $(du -sh "$BUNDLE" | cut -f1)"
fi

[ -x "$EXE" ] || { echo "build.sh: $EXE fehlt" >&2; exit 1; }

echo "== Bundle testen"
tested=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"  # not the source tree: everything must come from the bundle
export QT_QPA_PLATFORM=offscreen
export OZGDESK_DATA_DIR=$work/data OZGDESK_LOG_DIR=$work/log OZGDESK_DOCUMENTS_DIR=$work/docs
# the UI state (window geometry, recent files) too: the test never touches the user's settings
export OZGDESK_CONFIG_DIR=$work/config
unset PYTHONPATH PYTHONHOME

fail() {
  echo "build.sh: Test fehlgeschlagen: $*" >&2
  if [ -f "$work/log/ozgdesk.log" ]; then
    echo "--- ozgdesk.log" >&2
    tail -n 40 "$work/log/ozgdesk.log" >&2
  fi
  exit 1
}
# run the bundle, show its output, fail on a non-zero exit
run() {
  local out
  # bounded: a dialog the bundle shows (a crash report) would otherwise wait forever
  out=$(timeout 300 "$EXE" "$@" 2>&1) || { code=$?; echo "$out" >&2; fail "ozgdesk $* (exit $code)"; }
  printf "%s\n" "$out" | sed -n 1,3p
  LAST_OUTPUT=$out
}
expect() {  # expect TEXT: the last output contains TEXT
  grep -qF -- "$1" <<<"$LAST_OUTPUT" || fail "erwartet: $1"
}

run --version
expect "ozgdesk $VERSION"

run --smoke-test --step 1
expect "smoke-test: window=ok rows=5247"
[ -f "$work/config/ozgdesk.ini" ] || fail "the smoke test did not keep its settings in OZGDESK_CONFIG_DIR"
if grep -q "Qt-Übersetzung .* nicht gefunden" "$work/log/ozgdesk.log" 2>/dev/null; then
  fail "Qt's German translation (qtbase_de.qm) is missing from the bundle"
fi

run new --project "$work/x.ozgdesk" --municipality Ahaus
expect "5247 Leistungen"
run info --project "$work/x.ozgdesk" --json
for field in '"municipality": "Ahaus"' '"services_total": 5247' '"services_with_key": 4813' \
  '"ozg_services_total": 557'; do
  expect "$field"
done

# one export per library that is only imported when used
run demo --project "$work/demo.ozgdesk"
run export overview --project "$work/demo.ozgdesk" --out "$work/overview.pdf"          # reportlab
run export roadmap --format png --project "$work/demo.ozgdesk" --out "$work/plan.png"  # pypdfium2, Pillow
run export catalogue --project "$work/demo.ozgdesk" --out "$work/katalog.xlsx"        # openpyxl
run export delivery --format xzufi --project "$work/demo.ozgdesk" --out "$work/xzufi.xml"  # lxml
run export ics --project "$work/demo.ozgdesk" --out "$work/termin.ics"                 # icalendar
run import "$work/katalog.xlsx" --project "$work/demo.ozgdesk" --dry-run             # calamine
for file in overview.pdf plan.png katalog.xlsx xzufi.xml termin.ics; do
  [ -s "$work/$file" ] || fail "$file fehlt"
done
echo "Bundle-Test bestanden ($(( $(date +%s) - tested )) s)."

if [ "$tarball" = 1 ]; then
  cd "$ROOT"
  name=ozgdesk-$VERSION
  archive=dist/$name-linux-$(uname -m).tar.gz
  stage=build/tarball/$name
  rm -rf build/tarball
  mkdir -p "$stage"
  cp -a "$BUNDLE" "$stage/ozgdesk"
  cp installers/linux/install.sh installers/linux/ozgdesk.desktop \
    installers/linux/ozgdesk-mime.xml "$stage/"
  tar -C build/tarball -czf "$archive" "$name"
  rm -rf build/tarball
  echo "Archiv: $archive ($(du -h "$archive" | cut -f1))"
fi
