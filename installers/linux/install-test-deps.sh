#!/usr/bin/env bash
# What the test suite needs from the system, only what is missing: Qt's libraries
# (install-qt-deps.sh) and a PostgreSQL server for the tests of the server mode (the tests start
# a throw-away one themselves, in a temporary folder, on a private socket; see tests/pg_server.py).
# Uses sudo when not run as root.
# Usage: bash installers/linux/install-test-deps.sh
set -euo pipefail
cd "$(dirname "$0")"
bash ./install-qt-deps.sh

have_postgres() {
  command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
if have_postgres; then
  echo "PostgreSQL: vorhanden."
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "PostgreSQL fehlt (initdb, pg_ctl); bitte mit dem Paketmanager installieren." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installiere PostgreSQL (für die Tests des Serverbetriebs) …"
$SUDO apt-get update -qq
# the server binaries only; no cluster is created or started by the tests' installation
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
have_postgres
