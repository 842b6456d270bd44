"""Name cleaning and filtering rules shared by several classes."""

from __future__ import annotations

import re
import unicodedata


def fmt_extra(pairs) -> str:
    return ";".join(f"{k}={v}" for k, v in pairs if v not in (None, ""))


def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u2019", "'").replace("\u02bc", "'")
    return re.sub(r"\s+", " ", s).strip()

LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’\-\. ]+$")

PARTICLES = {
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el",
    "al", "an", "am", "im", "in", "of", "on", "upon", "the", "and", "y", "e", "en", "sur",
    "sous", "bei", "der", "den", "dem", "van", "von", "ter", "aan", "op", "na", "nad", "pod",
    "ad", "ar", "as", "at", "ash", "ech", "ed", "er", "es", "et", "ez", "lo", "los", "las",
    "sul", "sull'", "sotto", "mit", "am", "ob", "upon", "by", "under", "over",
}


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

NAM_DICT_COUNTRIES = [
    "GB", "IE", "US", "IT", "MT", "PT", "ES", "FR", "BE", "LU", "NL", "FRISIA", "DE", "AT", "CH",
    "IS", "DK", "NO", "SE", "FI", "EE", "LV", "LT", "PL", "CZ", "SK", "HU", "RO", "BG", "BA", "HR",
    "XK", "MK", "ME", "RS", "SI", "AL", "GR", "RU", "BY", "MD", "UA", "AM", "AZ", "GE", "STANS",
    "TR", "ARAB", "IL", "CN", "IN", "JP", "KR", "VN", "OTHER",
]

NAM_GENDER = {"M": "m", "1M": "m", "?M": "mostly_m", "F": "f", "1F": "f", "?F": "mostly_f", "?": "unisex"}


def census_case(n: str) -> str:
    n = n.title()
    m = re.match(r"^(Mc|Mac(?=[bcdfgklmnpqrstvwz][a-z]{3}))([a-z])(.*)$", n)
    if m and n.startswith("Mc"):
        return "Mc" + m.group(2).upper() + m.group(3)
    return n
