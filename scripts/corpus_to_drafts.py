#!/usr/bin/env python3
"""corpus_to_drafts: unpack a shared JSON Lines corpus into one Markdown draft per document.

    scripts/corpus_to_drafts.py ../shared/corpus/polnear-speakers-dev.jsonl.gz OUT_DIR

Each draft gets front matter from the document's metadata, when it has it: `date` from a
`YYYY-MM-DD` in `doc_id` (PolNeAR ids carry the publication date), `section` from `publisher`
(else from a BBC-style `category/NNN` id). The texts are research data: write them to a temporary
folder, never into the repository.
"""
import gzip
import json
import os
import re
import sys


def front_matter(doc):
    lines = []
    date = re.search(r"(\d{4}-\d{2}-\d{2})", doc.get("doc_id", ""))
    if date:
        lines.append(f"date: {date.group(1)}")
    section = doc.get("publisher") or (doc.get("doc_id", "").split("/")[0] if "/" in doc.get("doc_id", "") else None)
    if section:
        lines.append(f"section: {json.dumps(section)}")
    return "---\n" + "".join(l + "\n" for l in lines) + "---\n\n" if lines else ""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    corpus, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    n = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            doc = json.loads(line)
            with open(os.path.join(out, f"doc-{n:05d}.md"), "w", encoding="utf-8") as draft:
                draft.write(front_matter(doc) + doc["text"])
    print(f"{n} drafts in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
