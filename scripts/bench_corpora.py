#!/usr/bin/env python3
"""Writes the benchmark corpora that README's Performance figures were measured on.

    python3 scripts/bench_corpora.py [OUT_DIR]      (default /tmp)

news1m.jsonl, news3.jsonl, news20.jsonl and big1g.jsonl: the 12 Wikinews articles of
tests/data/wikinews and the reference story (the built-in corpus of `wirex bench`), in
turn, one {"id", "text"} record each, until the
texts reach 1 MB, 3 MB, 20 MB and 1 GB; folder100/: the stories of news20.jsonl five
times over as text files, 50 per folder. Not run by CI (big1g.jsonl is 1 GB).

    python3 scripts/bench_corpora.py OUT_DIR --sweep

turn1.jsonl, turn2.jsonl, turn4.jsonl, turn8.jsonl: the first 1, 2, 4 or 8 of the same
stories in turn, 15 MB each; blocks13.jsonl: all 13, each repeated in a block of its own.
The same bytes per story as news20.jsonl, so the same instructions per byte: the
difference in speed between them is how much of a repeated story the CPU's branch
predictor learns (README, "Repeated text").
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def stories():
    # Read as bytes and decoded, so that no line ending is translated.
    read = lambda p: p.read_bytes().decode("utf-8")
    wikinews = [read(p) for p in sorted((DATA / "wikinews").glob("*.txt"))]
    return wikinews + [read(DATA / "donetsk.txt")]


def repeat(texts, path, size):
    written = 0
    i = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            text = texts[i % len(texts)]
            out.write(json.dumps({"id": i, "text": text}) + "\n")
            written += len(text.encode("utf-8"))
            i += 1
    print(f"{path}: {i} records, {written / 1e6:.1f} MB of text")


def blocks(texts, path, size):
    with path.open("w", encoding="utf-8") as out:
        i = 0
        for text in texts:
            for _ in range(int(size / len(texts) / len(text.encode("utf-8")))):
                out.write(json.dumps({"id": i, "text": text}) + "\n")
                i += 1
    print(f"{path}: {i} records")


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp")
    out.mkdir(parents=True, exist_ok=True)
    texts = stories()
    if "--sweep" in sys.argv[2:]:
        for k in (1, 2, 4, 8):
            repeat(texts[:k], out / f"turn{k}.jsonl", 15e6)
        blocks(texts, out / "blocks13.jsonl", 20e6)
        return
    for name, size in [("news1m", 1e6), ("news3", 3e6), ("news20", 20e6), ("big1g", 1e9)]:
        repeat(texts, out / f"{name}.jsonl", size)
    folder = out / "folder100"
    n = 0
    for copy in range(5):
        for line in (out / "news20.jsonl").open(encoding="utf-8"):
            d = folder / f"c{copy}" / f"{n % 50:02d}"
            os.makedirs(d, exist_ok=True)
            (d / f"{n:06d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
            n += 1
    print(f"{folder}: {n} files")


if __name__ == "__main__":
    main()
