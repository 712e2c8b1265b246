#!/usr/bin/env bash
# Packs the extension for one platform with the copydesk server inside (bin/copydesk or
# bin/copydesk.exe), the way rust-analyzer and ruff ship theirs: nothing else to install.
#   scripts/package-platform.sh SERVER TARGET [OUT.vsix]
# SERVER: one of dist's release archives (copydesk-<triple>.tar.xz or .zip) or a binary;
# TARGET: a VS Code platform (linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64).
# Used by .ci/editors.sh and by the release workflow (.github/workflows/build-vsix.yml).
# Needs `npm ci` done in editors/vscode.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
server=$(realpath "$1")
target=$2
cd "$(dirname "$0")/.."
out=$(realpath -m "${3:-copydesk-$target.vsix}")
exe=copydesk
case "$target" in win32-*) exe=copydesk.exe ;; esac

rm -rf bin && mkdir bin
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
case "$server" in
  *.tar.xz) tar -xJf "$server" -C "$unpacked" ;;
  *.tar.gz) tar -xzf "$server" -C "$unpacked" ;;
  *.zip) unzip -q "$server" -d "$unpacked" ;;
  *) cp "$server" "$unpacked/$exe" ;;
esac
found=$(find "$unpacked" -type f -name "$exe" | head -n 1)
[ -n "$found" ] || { echo "package-platform: no $exe in $1" >&2; exit 1; }
install -m 755 "$found" "bin/$exe"

npm run -s typecheck
npm run -s compile
npx vsce package --no-dependencies --no-rewrite-relative-links --target "$target" -o "$out"
