"""First-level subdivisions."""

from __future__ import annotations

import re
import sys
from collections import defaultdict

from .sources import Data, read_input
from .table import Table
from .text import LATIN, TRANSLIT_CC, clean, fmt_extra, good_alternate, stem_overlap, yi_variants


# ISO subdivision type -> generic English words copy appends to the name
# ("Luhansk region", "Lagos State", "Fukushima Prefecture").
SUBDIVISION_WORDS = {
    "Region": ["region"], "Oblast": ["oblast", "region"], "Administrative region": ["region", "oblast"],
    "Province": ["province"], "State": ["state"], "Governorate": ["governorate", "province"],
    "Prefecture": ["prefecture"], "Administrative territory": ["krai", "territory"],
    "Autonomous region": ["region", "autonomous region"], "County": ["county"],
    "Department": ["department"], "Voivodship": ["voivodeship", "province"],
    "Republic": ["republic"], "Canton": ["canton"], "Emirate": ["emirate"],
    "Regional state": ["region", "state"], "District": ["district"], "Division": ["division"],
    "Land": ["state"], "Autonomous community": ["region"],
}

EX_USSR_OBLAST = {"UA", "RU", "BY", "KZ", "KG"}

CHYNA = re.compile(r"(shch|chch|sch|ch|zh)yna$")


def build_subdivisions(d: Data) -> Table:
    t = Table("subdivisions.tsv", "iso3166-2 1.8.4 (MIT), Unicode CLDR 48, countries gem 3.0.0 (MIT), rigour 2.6.1 (MIT)")
    for cc in sorted(d.iso3166_2):
        gem = d.gem_subdivisions.get(cc, {})
        canon = subdivision_canonicals(d, cc, gem)
        for code in sorted(d.iso3166_2[cc]):
            s = d.iso3166_2[cc][code]
            if s.get("parentCode"):
                continue
            iso_name, cldr_name, eng, gem_names, gem_en = subdivision_fields(d, cc, gem, code)
            canonical = canon[code]
            rig = d.rigour_by_code.get(code.lower(), {})
            extra = fmt_extra([("cc", cc), ("iso_type", s.get("type", "").lower().replace(" ", "_")),
                               ("qid", rig.get("qid", ""))])
            names = []
            if "," not in iso_name:
                names.append((iso_name, "iso3166-2"))
            names.append((canonical, "iso3166-2" if canonical in eng else "cldr"))
            if cldr_name:
                names.append((cldr_name, "cldr"))
            # Other names that are plain English words are mostly mislabelled debris
            # (Eastern for Southern, Tobacco for Tobago); official names are kept.
            names += [(e, "iso3166-2") for e in eng if not d.words.common(e)]
            if gem_en and "," not in gem_en:
                names.append((gem_en, "countries-gem"))
            names += [(n, "countries-gem") for n in gem_names if good_alternate(n) and not d.words.common(n)]
            if rig.get("name") and "(" not in rig["name"]:
                names.append((rig["name"], "rigour"))
            words = subdivision_words(cc, s.get("type", ""))
            for n, src in names:
                if not LATIN.match(n) and "," not in n:
                    continue
                put_sub(d, t, code, canonical, n, extra, src)
            bases = [b for b in dict.fromkeys([canonical] + [e for e in eng if len(e.split()) == 1])
                     if not CHYNA.search(b)]
            for base in bases:
                if any(w in base.lower() for w in words):
                    continue
                for w in words:
                    if w == "republic":
                        put_sub(d, t, code, canonical, f"Republic of {base}", extra, "rule")
                        continue
                    put_sub(d, t, code, canonical, f"{base} {w.title()}", extra, "rule")
                    put_sub(d, t, code, canonical, f"{base} {w}", extra, "rule")
            if cc in TRANSLIT_CC:
                for base in dict.fromkeys([canonical] + [e for e in eng if not CHYNA.search(e)]):
                    for v in yi_variants(base):
                        put_sub(d, t, code, canonical, v, extra, "rule")
    add_subdivision_aliases(t)
    return t


def add_subdivision_aliases(t: Table):
    canon = {}
    extras = {}
    for row in t.rows.values():
        canon.setdefault(row[0], row[1])
        extras.setdefault(row[0], row[4].replace(";common=1", ""))
    for r in read_input("subdivision_aliases.tsv"):
        if r["code"] not in canon:
            sys.exit(f"subdivision_aliases.tsv: unknown code {r['code']}")
        t.add(r["code"], canon[r["code"]], r["alias"], "subdivision", extras[r["code"]], "manual")


def subdivision_fields(d: Data, cc: str, gem: dict, code: str):
    s = d.iso3166_2[cc][code]
    local = code.split("-", 1)[1]
    iso_name = clean(s["name"])
    cldr_name = d.cldr_subdivisions.get((cc + local).lower(), "")
    eng = [clean(m.group(1)) for m in re.finditer(r"([^,]+?) \(eng\)", s.get("localOtherName") or "")]
    g = gem.get(local) or gem.get(int(local) if local.isdigit() else local) or {}
    gem_names = [clean(n) for n in (g.get("unofficial_names") or []) if isinstance(n, str)]
    gem_en = clean(((g.get("translations") or {}).get("en")) or "")
    eng = [e for e in eng if stem_overlap(e, [iso_name, cldr_name, gem_en] + gem_names)]
    return iso_name, cldr_name, eng, gem_names, gem_en


def subdivision_canonicals(d: Data, cc: str, gem: dict) -> dict[str, str]:
    """Canonical names of a country's first-level subdivisions: CLDR's English name, or
    the first English other name where CLDR gives a "-shchyna" form. When two end up
    with the same name (Kyiv city and Kyiv's oblast), the one whose type has a generic
    word gets it appended ("Kyiv Oblast")."""
    out = {}
    for code in sorted(d.iso3166_2[cc]):
        s = d.iso3166_2[cc][code]
        if s.get("parentCode"):
            continue
        iso_name, cldr_name, eng, _, gem_en = subdivision_fields(d, cc, gem, code)
        canonical = cldr_name or gem_en or iso_name
        if CHYNA.search(canonical) or "," in canonical:
            canonical = next((e for e in eng if not CHYNA.search(e)), iso_name)
        out[code] = canonical.split(",")[0].strip()
    seen = defaultdict(list)
    for code, name in out.items():
        seen[name].append(code)
    for name, codes in seen.items():
        if len(codes) < 2:
            continue
        for code in codes:
            words = subdivision_words(cc, d.iso3166_2[cc][code].get("type", ""))
            if words and d.iso3166_2[cc][code].get("type") != "City":
                out[code] = f"{name} {words[0].title()}"
    return out


def subdivision_words(cc: str, iso_type: str) -> list[str]:
    words = list(SUBDIVISION_WORDS.get(iso_type, []))
    if cc in EX_USSR_OBLAST and "region" in words:
        words.remove("oblast") if "oblast" in words else None
        words.insert(0, "oblast")
    return words


def put_sub(d, t, code, canonical, alias, extra, src):
    if not alias or "," in alias:
        return
    if d.words.common(alias):
        extra += ";common=1"
    t.add(code, canonical, alias, "subdivision", extra, src)
