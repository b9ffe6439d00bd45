#!/usr/bin/env bash
# Installs the ozgdesk app bundle for the current user (no root needed):
#   ~/.local/lib/ozgdesk/            the bundle (from build.sh: dist/ozgdesk/)
#   ~/.local/bin/ozgdesk             link to the program (for the command line)
#   ~/.local/share/applications/ozgdesk.desktop, icons, MIME type for .ozgdesk files
#
# Usage:
#   bash installers/linux/install.sh [BUNDLE]   BUNDLE: the folder with the program "ozgdesk";
#                                               default: ./ozgdesk beside this script (in the
#                                               unpacked archive), else dist/ozgdesk
#   bash installers/linux/install.sh --uninstall
#
# Uninstalling removes only the program and its menu entry: projects (Dokumente/ozgdesk) and
# backups, settings and logs (~/.local/share/ozgdesk, ~/.config/ozgdesk) are kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
TARGET=$HOME/.local/lib/ozgdesk
LINK=$HOME/.local/bin/ozgdesk
DESKTOP=$DATA_HOME/applications/ozgdesk.desktop
MIME_XML=$DATA_HOME/mime/packages/ozgdesk.xml
ICON_PNG=$DATA_HOME/icons/hicolor/256x256/apps/ozgdesk.png
ICON_SVG=$DATA_HOME/icons/hicolor/scalable/apps/ozgdesk.svg

refresh() {
  if command -v update-mime-database >/dev/null; then
    update-mime-database "$DATA_HOME/mime" >/dev/null 2>&1 || true
  fi
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database "$DATA_HOME/applications" >/dev/null 2>&1 || true
  fi
  if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t -f "$DATA_HOME/icons/hicolor" >/dev/null 2>&1 || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$TARGET"
  if [ -L "$LINK" ]; then rm -f "$LINK"; fi
  rm -f "$DESKTOP" "$MIME_XML" "$ICON_PNG" "$ICON_SVG"
  refresh
  echo "ozgdesk wurde entfernt. Projekte, Sicherungen und Einstellungen bleiben erhalten."
  exit 0
fi

bundle=${1:-}
if [ -z "$bundle" ]; then
  if [ -x "$here/ozgdesk/ozgdesk" ]; then bundle=$here/ozgdesk; else bundle=$here/../../dist/ozgdesk; fi
fi
if [ ! -x "$bundle/ozgdesk" ] || [ ! -d "$bundle/_internal" ]; then
  echo "install.sh: Kein ozgdesk-Programmordner in $bundle (erst installers/linux/build.sh ausführen)." >&2
  exit 1
fi
bundle=$(cd "$bundle" && pwd)
files=$here
icons=$bundle/_internal/resources/icons

# replace an older installation in one step: copy beside it, then swap
mkdir -p "$(dirname "$TARGET")"
rm -rf "$TARGET.new"
cp -a "$bundle" "$TARGET.new"
rm -rf "$TARGET"
mv "$TARGET.new" "$TARGET"

mkdir -p "$(dirname "$LINK")" "$(dirname "$DESKTOP")" "$(dirname "$MIME_XML")" \
  "$(dirname "$ICON_PNG")" "$(dirname "$ICON_SVG")"
ln -sfn "$TARGET/ozgdesk" "$LINK"
# the menu entry calls the program by its full path: ~/.local/bin is not always on PATH
sed -e "s|^Exec=ozgdesk |Exec=\"$TARGET/ozgdesk\" |" -e "s|^TryExec=ozgdesk$|TryExec=$TARGET/ozgdesk|" \
  -e '/^# installers\/linux\/install.sh/d' "$files/ozgdesk.desktop" >"$DESKTOP"
cp "$files/ozgdesk-mime.xml" "$MIME_XML"
cp "$icons/ozgdesk.png" "$ICON_PNG"
cp "$icons/ozgdesk.svg" "$ICON_SVG"
refresh
if command -v xdg-mime >/dev/null; then
  xdg-mime default ozgdesk.desktop application/x-ozgdesk >/dev/null 2>&1 || true
fi

echo "ozgdesk $("$TARGET/ozgdesk" --version 2>/dev/null | sed 's/^ozgdesk //') installiert in $TARGET"
echo "Start über das Anwendungsmenü (Büro → ozgdesk) oder mit: $LINK"
case ":$PATH:" in
  *":$HOME/.local/bin:"*) ;;
  *) echo "Hinweis: $HOME/.local/bin ist nicht im Suchpfad (PATH); dort liegt der Befehl ozgdesk." ;;
esac
