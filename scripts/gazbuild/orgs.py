"""Organizations: curated seeds, generated government bodies, listed companies, legal forms."""

from __future__ import annotations

import ast
import re
from collections import defaultdict

import yaml

from .config import CONFIG
from .sources import Archive, Data, read_input
from .table import Table
from .text import LATIN, clean, fmt_extra


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
            canonical = (canon.get((cc, body))
                         or next((r["canonical"] for r in special.get((cc, body), []) if r["canonical"]), "")
                         or rows[0]["canonical"].format(**values))
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
