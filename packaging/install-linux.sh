#!/bin/sh
# Install this cs_planner app folder for the current user (no root needed):
#   the folder in ~/.local/opt/cs-planner, a menu entry with the icon, .csplan files
#   opening with it, and the command cs-planner in ~/.local/bin.
#   ./install.sh              install (or update) from the folder this script is in
#   ./install.sh --uninstall  remove all of it (portfolios and settings stay)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
share=${XDG_DATA_HOME:-$HOME/.local/share}
opt=${CS_PLANNER_HOME:-$HOME/.local/opt/cs-planner}
bin=$HOME/.local/bin
entry=$share/applications/cs-planner.desktop
icon=$share/icons/hicolor/scalable/apps/cs-planner.svg
mime=$share/mime/packages/cs-planner.xml

refresh() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" || true
  fi
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$share/mime" >/dev/null 2>&1 || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$entry" "$icon" "$mime"
  if [ -L "$bin/cs-planner" ]; then rm -f "$bin/cs-planner"; fi
  if [ -x "$opt/cs-planner" ]; then rm -rf "$opt"; fi
  refresh
  echo "Removed cs_planner. Your portfolios and settings are where they were."
  exit 0
fi

if [ ! -x "$here/cs-planner" ]; then
  echo "install.sh: run me from the cs-planner app folder (made by 'make bundle')." >&2
  exit 1
fi
if [ "$here" != "$opt" ]; then
  if [ -e "$opt" ] && [ ! -x "$opt/cs-planner" ]; then
    echo "install.sh: $opt exists and is not a cs_planner folder; set CS_PLANNER_HOME." >&2
    exit 1
  fi
  rm -rf "$opt"
  mkdir -p "$(dirname "$opt")"
  cp -R "$here" "$opt"
fi
mkdir -p "$(dirname "$entry")" "$(dirname "$icon")" "$(dirname "$mime")" "$bin"
sed "s|^Exec=.*|Exec=\"$opt/cs-planner\" %f|" "$opt/cs-planner.desktop" >"$entry"
cp "$opt/cs-planner.svg" "$icon"
cp "$opt/cs-planner-mime.xml" "$mime"
ln -sf "$opt/cs-planner" "$bin/cs-planner"
refresh
echo "Installed cs_planner in $opt: it is in your applications menu, and $bin/cs-planner starts it."
