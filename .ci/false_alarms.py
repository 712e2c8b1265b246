#!/usr/bin/env python3
"""false_alarms: count the editorial rules' findings on published articles.

Published copy has been through a copy desk, so it has few real problems: a rule that fires often
on it is wrong, not the articles. This runs the release build on every article of the development
corpora (PolNeAR and BBC by default), counts each rule's findings per 10 articles, prints a table,
and fails when a rule's rate is above its ceiling in .ci/false_alarms.json.

    python3 .ci/false_alarms.py                          # table; exit 1 when a ceiling is broken
    python3 .ci/false_alarms.py --show quote-punctuation 10   # ten findings with their context
    python3 .ci/false_alarms.py --show surname-before-full-name 20 --corpus bbc-dev --sample 3
    python3 .ci/false_alarms.py --json                   # one JSON object of rates

Run from the repository root after `cargo build --release`, with the shared research folder at
../shared (or --shared DIR). Articles are fed to the checker the way ../shared/tools/score.py does
it: each written to a temporary file, many files per process. Standard library only.
"""
import argparse
import gzip
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CEILINGS = os.path.join(ROOT, ".ci", "false_alarms.json")
CORPORA = ["corpus/polnear-dev.jsonl.gz", "corpus/bbc-dev.jsonl.gz"]


def load(path):
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def corpus_name(path):
    name = os.path.basename(path)
    for ext in (".gz", ".jsonl"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    return name


def run_checker(cmd, texts, batch=500):
    """One analysis (the checker's JSON object) per text, in order."""
    out = [None] * len(texts)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, t in enumerate(texts):
            p = os.path.join(tmp, f"doc{i:06d}.txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(t)
            paths.append(p)
        index = {p: i for i, p in enumerate(paths)}
        for k in range(0, len(paths), batch):
            chunk = paths[k : k + batch]
            r = subprocess.run(shlex.split(cmd) + chunk, capture_output=True, text=True, cwd=tmp)
            if r.returncode not in (0, 1):
                sys.exit(f"checker failed with exit code {r.returncode}:\n{r.stderr[-2000:]}")
            for line in r.stdout.splitlines():
                if not line.strip():
                    continue
                a = json.loads(line)
                p = a.get("path")
                i = index.get(p, index.get(os.path.join(tmp, os.path.basename(p or ""))))
                if i is None:
                    sys.exit(f"checker output names an unknown path: {p}")
                out[i] = a
    missing = sum(1 for a in out if a is None)
    if missing:
        sys.exit(f"checker printed no result for {missing} of {len(texts)} files")
    return out


def byte_to_char(text, offset):
    return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


def context(text, start, end, width=110):
    """The finding's line (paragraph) around the span, the span marked with [[ ]]."""
    s, e = byte_to_char(text, start), byte_to_char(text, end)
    lo = max(text.rfind("\n", 0, s) + 1, s - width)
    hi = text.find("\n", e)
    hi = min(len(text) if hi < 0 else hi, e + width)
    snippet = text[lo:s] + "[[" + text[s:e] + "]]" + text[e:hi]
    return ("…" if lo > 0 and text[lo - 1] != "\n" else "") + snippet.replace("\n", " ⏎ ") + ("…" if hi < len(text) and text[hi] != "\n" else "")


def ceiling_for(ceilings, rule, corpus):
    c = ceilings.get(rule)
    if isinstance(c, dict):
        return c.get(corpus)
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--corpus", action="append", help="a corpus file, or a name such as bbc-dev (repeatable)")
    ap.add_argument("--cmd", default=os.path.join(ROOT, "target", "release", "copydesk") + " check --format json")
    ap.add_argument("--ceilings", default=CEILINGS)
    ap.add_argument("--show", nargs=2, metavar=("RULE", "N"), help="print N findings of RULE with context")
    ap.add_argument("--sample", type=int, metavar="SEED", help="with --show: a random sample instead of the first N")
    ap.add_argument("--json", action="store_true", help="print the rates as one JSON object")
    args = ap.parse_args()

    with open(args.ceilings, encoding="utf-8") as f:
        ceilings = json.load(f)["per_10_articles"]
    rules = list(ceilings)

    paths = []
    for c in args.corpus or CORPORA:
        if os.path.exists(c):
            paths.append(c)
        else:
            match = [p for p in CORPORA if corpus_name(p) == c or p == c]
            paths.append(os.path.join(args.shared, match[0] if match else c))
    for p in paths:
        if not os.path.exists(p):
            sys.exit(f"no corpus at {p}")

    rates, examples, broken = {}, [], []
    for path in paths:
        name = corpus_name(path)
        docs = load(path)
        results = run_checker(args.cmd, [d["text"] for d in docs])
        counts = {r: 0 for r in rules}
        for d, a in zip(docs, results):
            for dg in a.get("diagnostics", []):
                code = dg.get("code")
                if code in counts:
                    counts[code] += 1
                if args.show and code == args.show[0]:
                    examples.append((name, d.get("doc_id", "?"), d["text"], dg))
        rates[name] = {"articles": len(docs), "per_10_articles": {r: round(10 * counts[r] / max(1, len(docs)), 2) for r in rules}}
        for r in rules:
            limit = ceiling_for(ceilings, r, name)
            if limit is not None and rates[name]["per_10_articles"][r] > limit:
                broken.append((r, name, rates[name]["per_10_articles"][r], limit))

    if args.show:
        n = int(args.show[1])
        chosen = examples
        if args.sample is not None:
            chosen = random.Random(args.sample).sample(examples, min(n, len(examples)))
        for name, doc_id, text, dg in chosen[:n]:
            print(f"{name} {doc_id} line {dg.get('line')}: {dg.get('message')}")
            print(f"    {context(text, dg['start'], dg['end'])}\n")
        print(f"{len(examples)} findings of {args.show[0]} in all")
        return 0

    if args.json:
        print(json.dumps(rates))
    else:
        names = list(rates)
        width = max(len(r) for r in rules)
        sizes = ", ".join(f"{n}: {rates[n]['articles']}" for n in names)
        print(f"findings per 10 articles ({sizes} articles)")
        print(f"{'rule':<{width}}  " + "  ".join(f"{n:>12}" for n in names) + "  ceiling")
        for r in rules:
            cells = "  ".join(f"{rates[n]['per_10_articles'][r]:>12.2f}" for n in names)
            limit = ceilings.get(r)
            print(f"{r:<{width}}  {cells}  {'-' if limit is None else limit}")
    for r, name, rate, limit in broken:
        print(f"FAIL {r} on {name}: {rate} per 10 articles, ceiling {limit}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
