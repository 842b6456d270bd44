"""Reporting verbs with every inflection."""

from __future__ import annotations

import gzip
import io
import re
import sys

from .sources import Archive, Data, read_input
from .table import Table


def inflections() -> dict[str, dict[str, list[str]]]:
    """lemminflect's lookup table read directly: lemma -> Penn tag -> forms. A missing
    VBN is the VBD form, as lemminflect itself answers."""
    arch = Archive("lemminflect")
    table = {}
    with gzip.open(io.BytesIO(arch.read("lemminflect/resources/infl_lu.csv.gz"))) as f:
        for line in f.read().decode("utf-8").split("\n"):
            parts = line.strip().split(",")
            if len(parts) < 3 or parts[1] != "verb":
                continue
            forms = {"VB": [parts[0]]}
            for tag, col in zip(["VBD", "VBN", "VBG", "VBZ"], parts[2:]):
                if col:
                    forms[tag] = col.split("/")
            if "VBN" not in forms and "VBD" in forms:
                forms["VBN"] = forms["VBD"]
            table[parts[0]] = forms
    for line in arch.read("lemminflect/resources/infl_overrides.csv").decode("utf-8").split("\n"):
        parts = line.strip().split(",")
        if len(parts) == 3 and parts[1].startswith("VB") and parts[0] in table:
            table[parts[0]][parts[1]] = parts[2].split("/")
    return table


def textacy_verbs() -> list[str]:
    src = Archive("textacy").read("textacy/constants.py").decode("utf-8")
    m = re.search(r'REPORTING_VERBS[^=]*=\s*\{\s*"en":\s*\{(.*?)\}', src, re.S)
    return sorted(re.findall(r'"([a-z]+)"', m.group(1)))


def build_reporting_verbs(d: Data) -> Table:
    t = Table("reporting_verbs.tsv", "textacy 0.13.0 REPORTING_VERBS (Apache-2.0), curated, inflected with lemminflect 0.2.3 (MIT)")
    infl = inflections()
    curated = read_input("reporting_verbs.tsv")
    tiers = {r["lemma"]: r["tier"] for r in curated if r["type"] != "CUE"}
    lemmas = {}
    for v in textacy_verbs():
        if v == "according":  # "according to" is a cue phrase, below
            continue
        lemmas[v] = ("textacy", tiers.get(v, "core"))
    for v, tier in tiers.items():
        src = "textacy+manual" if v in lemmas else "manual"
        lemmas[v] = (src, tier)
    for lemma in sorted(lemmas):
        src, tier = lemmas[lemma]
        if tier == "drop":
            continue
        words = lemma.split()
        forms = infl.get(words[0])
        if forms is None:
            sys.exit(f"reporting verb {lemma!r}: not in lemminflect")
        rest = " ".join(words[1:])
        for tag in ("VB", "VBZ", "VBD", "VBN", "VBG"):
            for f in forms.get(tag, []):
                alias = f + (" " + rest if rest else "")
                t.add(lemma, lemma, alias, tag, f"tier={tier}", src + "+lemminflect")
    for r in curated:
        if r["type"] == "CUE":
            t.add(r["lemma"], r["lemma"], r["lemma"], "CUE", f"tier={r['tier']}", "textacy+manual" if r["lemma"] == "according to" else "manual")
    return t
