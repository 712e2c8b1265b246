#!/usr/bin/env python3
"""check_floors: score the release build on the shared corpora and compare with .ci/floors.json.

    python3 .ci/check_floors.py            # score every suite, fail when a figure is out of bounds
    python3 .ci/check_floors.py --update   # score, then raise the bounds in floors.json to the figures

Run from the repository root after `cargo build --release`, with the shared research folder at
../shared (or --shared DIR). Uses score.py's default checker, target/release/copydesk. Standard
library only.
"""
import argparse
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOORS = os.path.join(ROOT, ".ci", "floors.json")

# score.py's arguments for each suite, relative to the shared folder.
SUITES = {
    "seed": ["seed", "--gold", "corpus/seed/tass-lavrov.gold.json"],
    "quotes": ["quotes", "--corpus", "corpus/polnear-dev.jsonl.gz"],
    "datelines": ["datelines", "--corpus", "corpus/reuters-train.jsonl.gz"],
    "nodateline": ["nodateline", "--corpus", "corpus/bbc-dev.jsonl.gz"],
    "entities": ["entities", "--corpus", "corpus/conll2003-testa.jsonl.gz"],
    "speakers": ["speakers", "--corpus", "corpus/polnear-speakers-dev.jsonl.gz"],
    "sources": ["sources", "--corpus", "corpus/polnear-speakers-dev.jsonl.gz"],
}


def score(shared, suite):
    args = SUITES[suite]
    cmd = [sys.executable, os.path.join(shared, "tools", "score.py"), args[0]]
    for flag, rel in zip(args[1::2], args[2::2]):
        cmd += [flag, os.path.join(shared, rel)]
    cmd.append("--json")
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"score.py {suite} failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    lines = [l for l in run.stdout.splitlines() if l.strip()]
    if not lines:
        sys.exit(f"score.py {suite} printed no figures:\n{run.stderr[-3000:]}")
    return json.loads(lines[-1])


def figure(figures, key):
    """A figure by dotted key ('PER.f1'), as a number: booleans are 0/1, a missing score is 0.
    Raises KeyError when score.py no longer has the key (a renamed figure must not pass silently)."""
    value = figures
    for part in key.split("."):
        value = value[part]
    if value is None:
        return 0.0
    return float(value)


def check(floors, results):
    failures = []
    rows = []
    for suite, bounds in floors.items():
        if suite.startswith("_") or suite not in results:
            continue
        for kind in ("min", "max"):
            for key, bound in bounds.get(kind, {}).items():
                try:
                    value = figure(results[suite], key)
                except (KeyError, TypeError):
                    failures.append(f"{suite}.{key}: score.py has no such figure")
                    continue
                if bound is None:
                    status = "unchecked"
                elif (kind == "min" and value < bound) or (kind == "max" and value > bound):
                    status = "FAIL"
                    failures.append(f"{suite}.{key} = {value:g}, {'below the floor' if kind == 'min' else 'above the ceiling'} {bound:g}")
                else:
                    status = "ok"
                shown = "-" if bound is None else f"{bound:g}"
                rows.append((f"{suite}.{key}", f"{value:g}", f"{kind} {shown}", status))
    width = max((len(r[0]) for r in rows), default=0)
    for name, value, bound, status in rows:
        print(f"  {name:<{width}}  {value:>8}  {bound:<12} {status}")
    return failures


def update(floors, results):
    for suite, bounds in floors.items():
        if suite.startswith("_") or suite not in results:
            continue
        for kind in ("min", "max"):
            for key in bounds.get(kind, {}):
                value = figure(results[suite], key)
                # Rounded towards passing: a floor never above the figure, a ceiling never below.
                scaled = value * 10_000
                bound = math.floor(scaled + 1e-6) if kind == "min" else math.ceil(scaled - 1e-6)
                bounds[kind][key] = bound / 10_000 if bound % 10_000 else bound // 10_000
    with open(FLOORS, "w", encoding="utf-8") as f:
        json.dump(floors, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--update", action="store_true", help="write the current figures into floors.json")
    ap.add_argument("suites", nargs="*", metavar="SUITE", help=f"some of {', '.join(SUITES)} (default: all)")
    args = ap.parse_args()
    unknown = [s for s in args.suites if s not in SUITES]
    if unknown:
        ap.error(f"unknown suite(s): {', '.join(unknown)}")
    with open(FLOORS, encoding="utf-8") as f:
        floors = json.load(f)
    results = {}
    for suite in args.suites or list(SUITES):
        results[suite] = score(args.shared, suite)
        print(f"{suite}: {json.dumps(results[suite])}", flush=True)
    failures = check(floors, results)
    if args.update:
        update(floors, results)
        print(f"wrote the current figures to {os.path.relpath(FLOORS, ROOT)}")
        return
    if failures:
        print("\naccuracy fell:", *failures, sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print("accuracy: every figure is within its bounds")


if __name__ == "__main__":
    main()
