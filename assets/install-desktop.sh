#!/usr/bin/env sh
# Puts Quotelens' desktop entry and icons under ~/.local/share, so that the app appears in the
# desktop's launcher with its name and icon. Run from the checkout after `cargo install --path .`
# (the entry starts `quotelens` from PATH). Undo with: assets/install-desktop.sh --uninstall
set -eu
cd "$(dirname "$0")/.."
data="${XDG_DATA_HOME:-$HOME/.local/share}"
sizes="32 48 64 128 256"
if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/quotelens.desktop" "$data/icons/hicolor/scalable/apps/quotelens.svg"
    for s in $sizes; do rm -f "$data/icons/hicolor/${s}x${s}/apps/quotelens.png"; done
    echo "Removed the Quotelens desktop entry and icons from $data"
    exit 0
fi
install -D -m 644 assets/quotelens.desktop "$data/applications/quotelens.desktop"
install -D -m 644 assets/icon/quotelens.svg "$data/icons/hicolor/scalable/apps/quotelens.svg"
for s in $sizes; do
    install -D -m 644 "assets/icon/quotelens-$s.png" "$data/icons/hicolor/${s}x${s}/apps/quotelens.png"
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
command -v quotelens >/dev/null 2>&1 || echo "Note: quotelens is not on PATH; run: cargo install --path ."
echo "Installed the Quotelens desktop entry and icons under $data"
