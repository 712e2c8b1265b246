#!/usr/bin/env python3
"""update_readme: refresh the output samples in README.md from the real binary.

    cargo build --release && python3 .ci/update_readme.py

Each sample sits between `<!-- output: ARGS -->` and `<!-- /output -->` and holds one fenced
block; it is replaced by what `target/release/copydesk ARGS` prints (stdout, then stderr).
`<!-- quotes: FILE -->` ... `<!-- /quotes -->` holds a table of the quotes that
`copydesk check --format json FILE` reports, with their speakers. Standard library only.
"""
import json
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
BINARY = os.path.join(ROOT, "target", "release", "copydesk")
SAMPLE = re.compile(r"(<!-- output: (?P<args>.*?) -->\n)(?P<body>.*?)(<!-- /output -->)", re.S)
QUOTES = re.compile(r"(<!-- quotes: (?P<file>.*?) -->\n)(?P<body>.*?)(<!-- /quotes -->)", re.S)


def render(match):
    args = shlex.split(match.group("args"))
    run = subprocess.run([BINARY] + args, cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "NO_COLOR": "1"})
    shown = run.stdout + run.stderr
    fence = "json" if "json" in args or "sarif" in args else "text"
    command = " ".join(["copydesk"] + [shlex.quote(a) for a in args])
    body = f"```{fence}\n$ {command}\n{shown.rstrip()}\n```\n" if fence == "text" else f"```{fence}\n{shown.rstrip()}\n```\n"
    return match.group(1) + body + match.group(4)


def run_json(path):
    run = subprocess.run([BINARY, "check", "--format", "json", path], cwd=ROOT, capture_output=True, text=True)
    return json.loads(run.stdout.splitlines()[0])


def render_quotes(match):
    result = run_json(match.group("file"))
    rows = [("quote", "kind", "speaker as written", "resolves to")]
    for q in result["quotes"]:
        text = " ".join(q["text"].split())
        shown = text if len(text) <= 44 else text[:43] + "…"
        speaker = q.get("speaker") or {}
        mention = (speaker.get("mention") or {}).get("text") or "-"
        rows.append((shown, q["kind"], mention, speaker.get("entity") or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3] for r in rows]
    command = f"copydesk check --format json {match.group('file')}"
    return match.group(1) + f"```text\n# quotes in `{command}`\n" + "\n".join(l.rstrip() for l in lines) + "\n```\n" + match.group(4)


def main():
    if not os.path.exists(BINARY):
        sys.exit("build first: cargo build --release")
    with open(README, encoding="utf-8") as f:
        text = f.read()
    updated, n = SAMPLE.subn(render, text)
    updated, m = QUOTES.subn(render_quotes, updated)
    n += m
    with open(README, "w", encoding="utf-8") as f:
        f.write(updated)
    print(f"refreshed {n} output sample(s) in README.md")


if __name__ == "__main__":
    main()
