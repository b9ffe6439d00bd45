#!/usr/bin/env bash
# Installs the Debian/Ubuntu system libraries that Qt (PySide6) needs, but only
# those that are missing. A desktop Linux normally has them all; a minimal
# server or container does not. Uses sudo when not run as root.
# Usage: bash installers/linux/install-qt-deps.sh
set -euo pipefail

# shared library -> Debian package
declare -A PACKAGES=(
  [libEGL.so.1]=libegl1
  [libGL.so.1]=libgl1
  [libX11.so.6]=libx11-6
  [libX11-xcb.so.1]=libx11-xcb1
  [libglib-2.0.so.0]=libglib2.0-0
  [libxkbcommon.so.0]=libxkbcommon0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
  [libfreetype.so.6]=libfreetype6
  [libfontconfig.so.1]=libfontconfig1
  [libdbus-1.so.3]=libdbus-1-3
  [libxcb.so.1]=libxcb1
  [libxcb-cursor.so.0]=libxcb-cursor0
  [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-image.so.0]=libxcb-image0
  [libxcb-render-util.so.0]=libxcb-render-util0
  [libxcb-shape.so.0]=libxcb-shape0
  [libxcb-randr.so.0]=libxcb-randr0
  [libxcb-xkb.so.1]=libxcb-xkb1
)

missing=()
for lib in "${!PACKAGES[@]}"; do
  if ! ldconfig -p 2>/dev/null | grep -q "^\s*${lib} "; then
    missing+=("${PACKAGES[$lib]}")
  fi
done
# Qt needs at least one font to lay out text (also offscreen).
if ! { command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; }; then
  missing+=(fonts-dejavu-core fontconfig)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "Qt-Systembibliotheken: vollständig."
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "Fehlende Systembibliotheken für Qt: ${missing[*]}" >&2
  echo "Bitte mit dem Paketmanager Ihres Systems installieren." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installiere fehlende Qt-Systembibliotheken: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
