"""Titles and roles, given names, surnames."""

from __future__ import annotations


from .config import CONFIG
from .sources import Archive, Data, read_input
from .table import Table
from .text import NAM_DICT_COUNTRIES, NAM_GENDER, census_case, fmt_extra


FUNCTION_WORDS = {"the", "a", "an", "of", "and", "to", "for"}


def build_titles(d: Data) -> Table:
    t = Table("titles.tsv", "rigour 2.6.1 person name prefixes (MIT), curated")
    for p in sorted(d.rigour_prefixes):
        # rigour splits "The Hon." into prefixes; a bare article is no title.
        if p.lower().rstrip(".") in FUNCTION_WORDS:
            continue
        t.add(p.lower(), p, p, "honorific_abbrev" if p.endswith(".") or len(p) <= 3 else "honorific", "", "rigour")
    for r in read_input("titles.tsv"):
        canonical = r["canonical"] or r["alias"]
        t.add(canonical.lower(), canonical, r["alias"], r["type"], fmt_extra([("gender", r.get("gender", ""))]), "manual")
    return t


def build_given_names(d: Data) -> Table:
    t = Table("given_names.tsv", "gender-guesser 0.4.0 nam_dict.txt (GFDL 1.2+, (c) Jörg Michael) and US Census 1990 (public domain)",
              "This file as a whole is licensed under the GNU Free Documentation License 1.2 or later (share-alike); see NOTICE.")
    text = Archive("gender-guesser").read("gender_guesser/data/nam_dict.txt").decode("utf-8")
    names = {}
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if not line or line[0] in "#=" or len(line) < 30:
            continue
        if line[29] == "+":  # duplicate line for "expanded" umlaut sorting
            continue
        gender = NAM_GENDER.get(line[:2].strip())
        if gender is None:
            continue
        name = line[3:29].strip()
        freqs = line[30:30 + len(NAM_DICT_COUNTRIES)]
        by_cc = []
        for i, ch in enumerate(freqs):
            if ch.strip():
                by_cc.append((int(ch, 16), NAM_DICT_COUNTRIES[i]))
        if not by_cc:
            continue
        top = max(f for f, _ in by_cc)
        for variant in sorted({name.replace("+", "-"), name.replace("+", " "), name.replace("+", "")}):
            prev = names.get(variant)
            if prev is None or top > prev[1]:
                by_cc_sorted = sorted(by_cc, key=lambda x: (-x[0], x[1]))
                names[variant] = (gender, top, [c for _, c in by_cc_sorted[:6]])
    census = {}
    for fname, g in (("dist.male.first", "m"), ("dist.female.first", "f")):
        for line in Archive("names").read(f"names/{fname}").decode("ascii").split("\n"):
            parts = line.split()
            if len(parts) == 4:
                n = parts[0].title()
                rank = int(parts[3])
                if n not in census or rank < census[n][1]:
                    census[n] = (g, rank)
    for n in sorted(set(names) | set(census)):
        g, top, ccs = names.get(n, (None, 0, []))
        if n not in census and top < CONFIG["given_min_freq"]:
            continue
        extra = [("gender", g), ("freq", top or ""), ("countries", ",".join(ccs))]
        if n in census:
            extra += [("gender_us", census[n][0]), ("us_rank", census[n][1])]
        e = fmt_extra(extra) + (";common=1" if d.words.common(n) else "")
        t.add(n, n, n, "given_name", e.lstrip(";"), "+".join(s for s, ok in (("gender-guesser(GFDL)", n in names), ("us-census-1990", n in census)) if ok))
    return t


def build_surnames(d: Data) -> Table:
    t = Table("surnames.tsv", "US Census 1990 dist.all.last via names 0.3.0 (public domain)")
    for line in Archive("names").read("names/dist.all.last").decode("ascii").split("\n"):
        parts = line.split()
        if len(parts) != 4:
            continue
        rank = int(parts[3])
        if rank > CONFIG["surname_max_rank"]:
            continue
        n = census_case(parts[0])
        e = fmt_extra([("us_rank", rank)]) + (";common=1" if d.words.common(n) else "")
        t.add(n, n, n, "surname", e, "us-census-1990")
    return t
