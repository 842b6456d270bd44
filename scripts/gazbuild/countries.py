"""Countries, demonyms and groups, continents and regions."""

from __future__ import annotations

import re
from collections import defaultdict

from .sources import Data, read_input
from .table import Table
from .text import LATIN, fmt_extra


def cldr_forms(name: str) -> list[str]:
    """CLDR display names use "&", "St." and " - ": give the forms wire copy writes."""
    out = [name]
    if " - " in name:
        out = [name.replace(" - ", "-")]
    more = []
    for n in out:
        if "&" in n:
            more.append(n.replace("&", "and"))
        if n.startswith("St. "):
            more.append("Saint " + n[4:])
    return [n for n in out + more if "(" not in n and "SAR China" not in n]


def build_countries(d: Data) -> Table:
    t = Table("countries.tsv", "GeoNames (CC BY 4.0), Unicode CLDR 48, rigour 2.6.1 (MIT), curated")
    manual = defaultdict(list)
    canon_override = {}
    for r in read_input("country_aliases.tsv"):
        if r["kind"] == "canonical":
            canon_override[r["cc"]] = r["alias"]
        else:
            manual[r["cc"]].append(r["alias"])
    for cc, g in sorted(d.gn_countries.items()):
        name = canon_override.get(cc, re.sub(r"^The ", "", g["name"].strip()))
        rig = d.rigour_by_code.get(cc.lower(), {})
        extra = fmt_extra([
            ("cc", cc), ("iso3", g["iso3"]), ("num", f'{g["isonumeric"]:03d}' if g["isonumeric"] else ""),
            ("geonames", g["geonameid"]), ("qid", rig.get("qid", "")), ("continent", g["continentcode"]),
            ("capital", f"geonames:{d.capitals[cc]}" if cc in d.capitals else ""),
            ("pop", g["population"]),
        ])
        d.country_name[cc] = name
        short = [name]
        t.add(cc, name, name, "country", extra, "geonames")
        t.add(cc, name, re.sub(r"^The ", "", g["name"].strip()), "country", extra, "geonames")
        if cc in d.cldr_territories:
            for n in cldr_forms(d.cldr_territories[cc]):
                t.add(cc, name, n, "country", extra, "cldr")
        for k, v in sorted(d.cldr_territories.items()):
            if k.startswith(cc + "-alt-"):
                for n in cldr_forms(v):
                    t.add(cc, name, n, "country", extra, "cldr")
                    short.append(n)
        for key in ("name", "full_name"):
            v = rig.get(key, "")
            if v and "(" not in v and LATIN.match(v):
                t.add(cc, name, v, "country", extra, "rigour")
        for a in manual.get(cc, []):
            t.add(cc, name, a, "country", extra, "manual")
            if len(a) <= 4 or a in ("Britain", "America"):
                short.append(a)
        d.country_short[cc] = list(dict.fromkeys(short))
    return t


def demonym_plural(adj: str) -> str:
    """English plural of a nationality: the adjective +s, except adjectives in -ese,
    -ish, -ch, -sh, -ss that name the people as a group unchanged (the Chinese)."""
    if re.search(r"(ese|ish|ch|sh|ss|s|x|z)$", adj):
        return adj
    return adj + "s"


def build_demonyms(d: Data) -> Table:
    t = Table("demonyms.tsv", "countries gem 3.0.0 (MIT), i18n-nationality 1.4.0 (MIT), curated")
    adjs = defaultdict(list)
    for cc in sorted(d.gn_countries):
        gem = d.gem_countries.get(cc, {})
        nat = (gem.get("nationality") or "").strip()
        if nat:
            adjs[cc].append((nat, "countries-gem"))
        nat2 = re.sub(r"\s*\(.*\)\s*$", "", d.i18n_nat.get(cc, "")).strip()
        if nat2:
            adjs[cc].append((nat2, "i18n-nationality"))
    manual = read_input("demonyms.tsv")
    drop = {(r["cc"], r["alias"]) for r in manual if r["kind"] == "drop"}
    for r in manual:
        if r["kind"] == "adj":
            adjs[r["cc"]].append((r["alias"], "manual"))
    # An adjective the packaged sets give several countries (Chinese for China and
    # Macao, Dominican) stays with the most populous one unless curated for each.
    owner = {}
    for cc in sorted(adjs):
        for adj, src in adjs[cc]:
            pop = d.gn_countries.get(cc, {}).get("population", 0)
            if adj not in owner or pop > owner[adj][1]:
                owner[adj] = (cc, pop)
    curated = {(r["cc"], r["alias"]) for r in manual if r["kind"] == "adj"}
    for cc in sorted(adjs):
        name = d.country_name.get(cc)
        if not name:
            continue
        extra = f"cc={cc}"
        for adj, src in adjs[cc]:
            if (cc, adj) in drop or not LATIN.match(adj):
                continue
            if owner[adj][0] != cc and (cc, adj) not in curated:
                continue
            # Sources give a few plurals as the adjective (Antiguans): keep them as plurals.
            if adj.endswith("s") and not adj.endswith(("ss", "ese")) and src != "manual":
                t.add(cc, name, adj, "demonym_pl", extra, src)
                continue
            t.add(cc, name, adj, "demonym_adj", extra, src)
            t.add(cc, name, demonym_plural(adj), "demonym_pl", extra, src + "+rule")
            d.demonym_adj.setdefault(cc, [])
            if adj not in d.demonym_adj[cc]:
                d.demonym_adj[cc].append(adj)
    for r in read_input("groups.tsv"):
        id_ = f"group:{r['id']}"
        extra = fmt_extra([("cc", r["cc"])])
        if r["adj"]:
            t.add(id_, r["canonical"], r["adj"], "demonym_adj", extra, "manual")
        if r["noun"]:
            t.add(id_, r["canonical"], r["noun"], "demonym_noun", extra, "manual")
        if r["plural"]:
            t.add(id_, r["canonical"], r["plural"], "demonym_pl", extra, "manual")
    for r in manual:
        cc = r["cc"]
        if r["kind"] in ("noun", "pl") and cc in d.country_name:
            t.add(cc, d.country_name[cc], r["alias"], "demonym_noun" if r["kind"] == "noun" else "demonym_pl", f"cc={cc}", "manual")
            if r["kind"] == "noun" and r.get("plural"):
                t.add(cc, d.country_name[cc], r["plural"], "demonym_pl", f"cc={cc}", "manual")
    return t


def build_regions(d: Data) -> Table:
    t = Table("regions.tsv", "GeoNames (CC BY 4.0), Unicode CLDR 48, curated")
    continent_names = set()
    for code in sorted(d.gn_continents):
        c = d.gn_continents[code]
        name = c["name"]
        continent_names.add(name)
        t.add(f"geonames:{c['geonameId']}", name, name, "continent", f"code={code}", "geonames")
    for k, v in sorted(d.cldr_territories.items()):
        if not k.isdigit() or v in continent_names or k == "001":
            continue
        t.add(f"m49:{k}", v, v, "region", "", "cldr")
    for r in read_input("regions.tsv"):
        extra = fmt_extra([("cc", r["cc"]), ("qid", r.get("qid", ""))])
        t.add(f"region:{r['id']}", r["canonical"], r["alias"], r["type"] or "region", extra, "manual")
    return t
