#!/usr/bin/env bash
# `copydesk sources` end to end: writes all four formats on a synthetic archive (scripts/gen_archive.py)
# and, when ../shared is beside the repo, on polnear-speakers-dev and bbc-dev unpacked into Markdown drafts
# (scripts/corpus_to_drafts.py, into a temporary folder); then opens each HTML report in headless
# Chromium (Debian's, driven by playwright-core from npm, as the VS Code test does) and checks that
# it renders, fetches nothing, and that every number in its charts equals the JSON output's
# (tests/sources_report/check_report.js). Reports and screenshots go to target/sources-report/;
# synthetic.top.png (invented names only) is the README's picture, docs/sources-report.png.
# Usage: [COPYDESK_SHARED=DIR] .ci/sources_report.sh   (after `cargo build --release`; installs chromium and node if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BIN=${COPYDESK_BIN:-$REPO/target/release/copydesk}
OUT=${COPYDESK_SOURCES_OUT:-$REPO/target/sources-report}
CACHE=${COPYDESK_EDITORS_CACHE:-$HOME/.cache/copydesk-editors}
SHARED=${COPYDESK_SHARED:-../shared}   # the research folder beside the repo
log() { echo "sources-report: $*"; }
[ -x "$BIN" ] || { log "no $BIN: run cargo build --release first"; exit 1; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v node >/dev/null || need+=(nodejs npm)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# playwright-core, in the same cache as .ci/editors.sh.
PLAYWRIGHT_DIR="$CACHE/tools/node_modules"
if [ ! -d "$PLAYWRIGHT_DIR/playwright-core" ]; then
  log "npm install playwright-core@1"
  mkdir -p "$CACHE/tools"
  (cd "$CACHE/tools" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm_config_update_notifier=false npm_config_fund=false npm install playwright-core@1 >/dev/null)
fi

rm -rf "$OUT" && mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# One archive: all four formats, each checked for its shape; then the page in the browser.
audit() {            # name, folder
  local name=$1 dir=$2 f
  for f in table csv json html; do
    "$BIN" sources --format "$f" "$dir" > "$OUT/$name.$f"
    [ -s "$OUT/$name.$f" ] || { log "$name: empty $f output"; return 1; }
  done
  "$BIN" sources --format csv --by month "$dir" > "$OUT/$name.by-month.csv"
  python3 - "$OUT/$name" <<'PY'
import csv, json, sys
base = sys.argv[1]
report = json.load(open(base + ".json"))
assert report["drafts"] > 0 and report["totals"]["quotes"] > 0, "no quotes found"
rows = list(csv.DictReader(open(base + ".csv", newline="")))
assert len(rows) == len(report["sources"]), (len(rows), len(report["sources"]))
assert sum(int(r["quotes"]) for r in rows) == report["totals"]["quotes"]
months = list(csv.DictReader(open(base + ".by-month.csv", newline="")))
assert sum(int(r["sources"]) for r in months) == report["totals"]["sources"]
table = open(base + ".table").read()
assert table.startswith(f"{report['drafts']} drafts"), table[:80]
print(f"sources-report: {base.rsplit('/', 1)[-1]}: {report['drafts']} drafts, {report['totals']['sources']} sources, "
      f"{report['totals']['quotes']} quotes; csv and table agree with the json")
PY
  NODE_PATH="$PLAYWRIGHT_DIR" timeout --kill-after=10 120 \
    node tests/sources_report/check_report.js "$OUT/$name.html" "$OUT/$name.json" "$OUT/$name.png" > "$OUT/$name.browser.log" \
    || { cat "$OUT/$name.browser.log"; log "$name: the browser check failed"; return 1; }
  grep -q '"check": "done"' "$OUT/$name.browser.log"
  log "$name: the page renders in Chromium and its $(sed -n 's/.*"numbers": \([0-9]*\).*/\1/p' "$OUT/$name.browser.log") chart numbers equal the JSON"
}

python3 scripts/gen_archive.py 2000 "$TMP/archive"
audit synthetic "$TMP/archive"
if [ -d "$SHARED/corpus" ]; then
  # PolNeAR ids carry dates and publishers (a timeline, sections); BBC ids only categories (no dates).
  for corpus in polnear-speakers-dev bbc-dev; do
    python3 scripts/corpus_to_drafts.py "$SHARED/corpus/$corpus.jsonl.gz" "$TMP/$corpus"
    audit "$corpus" "$TMP/$corpus"
  done
else
  log "$SHARED not found; only the synthetic archive was audited"
fi
log "done; reports and screenshots in $OUT"
