#!/usr/bin/env python3
"""gen_archive: write a synthetic newsroom archive of Markdown drafts, for `copydesk sources`.

    scripts/gen_archive.py N OUT_DIR [--seed S]     # e.g. 100000 /tmp/archive

Each draft has YAML front matter (`date` over 24 months, `author`, `section`), a headline, a
dateline and 6 to 12 paragraphs in which invented people (every name is made up here, from
syllables) are quoted with `said`, referred to by `she`/`he` or an honorific, and unnamed officials
speak too. Drafts go into 100 subfolders. The same N and seed give the same files, so runs are
comparable. Used to measure throughput (`copydesk sources` against `copydesk check`) and to feed
the HTML report's browser test; nothing here is real text.
"""
import argparse
import os
import random

SECTIONS = ["Politics", "City", "Business", "Health", "Sport", "Culture", "World"]
CITIES = ["NORTHPORT", "RIVERTON", "LAKEVIEW", "EASTHAM", "MILLBROOK", "SANDFORD"]
SYLLABLES = ["ma", "ri", "ko", "ta", "le", "no", "vi", "sa", "do", "ren", "mel", "bar", "tor", "lin", "ga", "fe"]
FEMALE_ENDS = ["a", "ine", "elle", "ia"]
MALE_ENDS = ["o", "ar", "en", "us"]
ROLES = ["the mayor", "a council member", "the director", "a spokeswoman", "the coach", "an economist"]
UNNAMED = ["a city official", "a senior official", "a person familiar with the talks", "an aide", "two residents"]
SAYINGS = [
    "We are not going to rush this decision",
    "The numbers speak for themselves",
    "Nobody expected the vote to be this close",
    "It will take years to repair the damage",
    "We have asked for more time and we will keep asking",
    "This is the best season we have had in a decade",
    "The budget does not add up",
    "People deserve a straight answer",
]
FILLER = [
    "The proposal would change how the district funds its schools over the next five years.",
    "Officials met on Tuesday for more than three hours before the vote was called.",
    "The plan has drawn criticism from residents who say they were not consulted.",
    "Figures released last month showed a sharp rise in costs across the region.",
    "The committee is expected to publish its findings before the end of the year.",
]


def invented_name(rng, gender):
    given = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2)))
    given += rng.choice(FEMALE_ENDS if gender == "f" else MALE_ENDS)
    family = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return given.capitalize(), family.capitalize()


def people_pool(rng, n):
    pool = []
    for _ in range(n):
        gender = rng.choice("fm")
        pool.append((gender,) + invented_name(rng, gender))
    return pool


def quote_paragraph(rng, person, first):
    gender, given, family = person
    saying = rng.choice(SAYINGS)
    if first:
        role = rng.choice(ROLES)
        return f"\u201c{saying},\u201d said {given} {family}, {role}."
    form = rng.random()
    if form < 0.4:
        pronoun = "she" if gender == "f" else "he"
        return f"\u201c{saying},\u201d {pronoun} said. {rng.choice(FILLER)}"
    if form < 0.7:
        honorific = "Ms." if gender == "f" else "Mr."
        return f"{honorific} {family} said the plan was flawed. \u201c{saying},\u201d {honorific} {family} said."
    return f"{family} said: \u201c{saying}.\u201d"


def draft(rng, i, pool, authors):
    year, month = divmod(i % 24, 12)
    date = f"{2023 + year}-{month + 1:02d}-{rng.randint(1, 28):02d}"
    section = SECTIONS[rng.randrange(len(SECTIONS))]
    author = authors[rng.randrange(len(authors))]
    quoted = rng.sample(pool, rng.randint(1, 4))
    paragraphs = [f"{rng.choice(CITIES)} (Copydesk) \u2014 {rng.choice(FILLER)}"]
    for n, person in enumerate(quoted):
        paragraphs.append(quote_paragraph(rng, person, True))
        for _ in range(rng.randint(0, 2)):
            paragraphs.append(rng.choice(FILLER))
            paragraphs.append(quote_paragraph(rng, person, False))
        if n == 0 and rng.random() < 0.3:
            paragraphs.append(f"\u201c{rng.choice(SAYINGS)},\u201d said {rng.choice(UNNAMED)}, who spoke on condition of anonymity.")
    paragraphs.append(rng.choice(FILLER))
    return (
        f"---\ntitle: Story {i}\ndate: {date}\nauthor: {author}\nsection: {section}\n---\n\n"
        f"# Council weighs plan {i}\n\n" + "\n\n".join(paragraphs) + "\n"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = people_pool(rng, 400)
    authors = [" ".join(invented_name(rng, rng.choice("fm"))) for _ in range(12)]
    for i in range(args.n):
        folder = os.path.join(args.out, f"{i % 100:02d}")
        if i < 100:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"story-{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write(draft(rng, i, pool, authors))


if __name__ == "__main__":
    main()
