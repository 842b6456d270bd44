#!/usr/bin/env python3
"""Copies the 12 GUM Wikinews dev articles into tests/data/wikinews/ as text files.

    python3 scripts/test_stories.py [DEV_JSONL]   (default ../shared/dev/gum_dev_entities.jsonl)

They are the built-in corpus of `wirex bench` beside the reference story, seeds of the
mutation tests, and the stories of the benchmark corpora (scripts/bench_corpora.py).
Read from ../shared/dev/gum_dev_entities.jsonl; the texts are written byte for byte as
that file holds them (only the text: the gold stays in ../shared/dev). Wikinews text is
CC BY 2.5: tests/data/wikinews/NOTICE.md carries the attribution and each article's URL.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "gum_dev_entities.jsonl"
OUT = ROOT / "tests" / "data" / "wikinews"

HEADER = """# tests/data/wikinews

Twelve news articles from Wikinews, as the GUM corpus holds them (Zeldes, Amir (2017).
"The GUM Corpus: Creating Multilayer Resources in the Classroom". Language Resources and
Evaluation 51(3), 581–612; <https://github.com/amir-zeldes/gum>, `dep/GUM_news_*.conllu`):
the headline, the date line and the body of each, paragraphs separated by blank lines.
Written by `scripts/test_stories.py`.

Wikinews text is licensed under the Creative Commons Attribution 2.5 licence
(<https://creativecommons.org/licenses/by/2.5/>); the attribution is "Wikinews" and the
article's address below. Only the text is copied here, unchanged; GUM's annotations are
not.

| file | article |
|---|---|
"""


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    dev = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    for line in dev.open(encoding="utf-8"):
        record = json.loads(line)
        name = record["id"].removeprefix("GUM_news_") + ".txt"
        with (OUT / name).open("w", encoding="utf-8", newline="") as f:
            f.write(record["text"])
        meta = record["meta"]
        rows.append(f"| `{name}` | [{meta['title']}]({meta['sourceURL']}) |\n")
    (OUT / "NOTICE.md").write_text(HEADER + "".join(rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} stories")


if __name__ == "__main__":
    main()
