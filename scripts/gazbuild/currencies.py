"""Currencies."""

from __future__ import annotations

import re
from collections import defaultdict

from .sources import Data, read_input
from .table import Table
from .text import fmt_extra


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
        rows = [(code, "currency_code", "iso4217", "")]
        for loc, data in (("cldr", en), ("cldr-en-GB", gb)):
            for key in ("displayName", "displayName-count-one", "displayName-count-other"):
                n = data.get(key)
                if n:
                    rows.append((n, "currency_name", loc, ""))
                    u = unit_word(n)
                    if u and u != n:
                        rows.append((u, "currency_unit", loc, ""))
            for key in ("symbol", "symbol-alt-narrow", "symbol-alt-variant"):
                s = data.get(key)
                if s and s != code:
                    rows.append((s, "currency_symbol", loc, ""))
        forms[code] = rows
    # Units that are also ordinary English words (won, real, mark) need a number or a
    # currency context to count as money.
    ambiguous = {r["alias"] for r in read_input("currencies.tsv") if r["type"] == "ambiguous"}
    for r in read_input("currencies.tsv"):
        if r["code"] in forms and r["type"] != "ambiguous":
            forms[r["code"]].append((r["alias"], r["type"], "manual", r.get("extra", "")))
    users = defaultdict(set)  # (alias, type) -> codes
    for code, rows in forms.items():
        for alias, typ, _, more in rows:
            if typ in ("currency_unit", "currency_symbol") and not more:
                users[(alias, typ)].add(code)
            elif more:
                users[(alias, typ, more)].add(code)
    for code, rows in forms.items():
        canonical = d.cldr_cur_en[code]["displayName"]
        for alias, typ, src, more in rows:
            shared = sorted(users.get((alias, typ) + ((more,) if more else ()), set()) - {code})
            extra = fmt_extra([("shared_with", ",".join(shared))] if shared else [])
            if more:
                extra += (";" if extra else "") + more
            if typ == "currency_unit" and alias in ambiguous:
                extra += (";" if extra else "") + "common=1"
            regions = active[code]
            cc = code[:2] if code[:2] in regions else (regions[0] if len(regions) == 1 else "")
            cc = cc if cc in d.gn_countries else ""
            extra = fmt_extra([("cc", cc)]) + (";" if cc and extra else "") + extra
            t.add(code, canonical, alias, typ, extra, src)
    return t
