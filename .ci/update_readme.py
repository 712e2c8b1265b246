#!/usr/bin/env python3
"""update_readme: refresh the output samples in README.md from the real binary.

    cargo build --release && python3 .ci/update_readme.py

Each sample sits between `<!-- output: ARGS -->` and `<!-- /output -->` and holds one fenced
block; it is replaced by what `target/release/copydesk ARGS` prints (stdout, then stderr).
Standard library only.
"""
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
BINARY = os.path.join(ROOT, "target", "release", "copydesk")
SAMPLE = re.compile(r"(<!-- output: (?P<args>.*?) -->\n)(?P<body>.*?)(<!-- /output -->)", re.S)


def render(match):
    args = shlex.split(match.group("args"))
    run = subprocess.run([BINARY] + args, cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "NO_COLOR": "1"})
    shown = run.stdout + run.stderr
    fence = "json" if "json" in args or "sarif" in args else "text"
    command = " ".join(["copydesk"] + [shlex.quote(a) for a in args])
    body = f"```{fence}\n$ {command}\n{shown.rstrip()}\n```\n" if fence == "text" else f"```{fence}\n{shown.rstrip()}\n```\n"
    return match.group(1) + body + match.group(4)


def main():
    if not os.path.exists(BINARY):
        sys.exit("build first: cargo build --release")
    with open(README, encoding="utf-8") as f:
        text = f.read()
    updated, n = SAMPLE.subn(render, text)
    with open(README, "w", encoding="utf-8") as f:
        f.write(updated)
    print(f"refreshed {n} output sample(s) in README.md")


if __name__ == "__main__":
    main()
