"""Table-driven tests of the build's naming rules (no downloads needed).

    python3 -m unittest discover -s scripts -p 'test_*.py'
"""

import unittest

from gazbuild.countries import cldr_forms, demonym_plural
from gazbuild.currencies import unit_word
from gazbuild.orgs import possessive
from gazbuild.places import english_forms
from gazbuild.subdivisions import CHYNA, subdivision_words
from gazbuild.table import Table
from gazbuild.text import census_case, fold_ascii, good_alternate, stem_overlap, yi_variants


class Rules(unittest.TestCase):
    def test_good_alternate(self):
        cases = [
            ("Kiev", True),
            ("Lugansk", True),
            ("Rostov-on-Don", True),
            ("Ras al Khaimah", True),
            ("Kiev osh", False),  # a later word not capitalised, not a particle
            ("Donetsk i Ukraina", False),
            ("Ki ep", False),
            ("IEV", False),  # an airport code
            ("ji fu", False),  # lowercase romanisation
            ("Kyiv (city)", False),
            ("Zone 3", False),
            ("Ko", False),  # too short
            ("Київ", False),  # not Latin script
        ]
        for alias, keep in cases:
            self.assertEqual(good_alternate(alias), keep, alias)

    def test_yi_variants(self):
        cases = [
            ("Kyiv", ["Kiyv"]),
            ("Kryvyi Rih", ["Kryviy Rih"]),
            ("Khmelnytskiy", ["Khmelnytskyi"]),
            ("Lviv", []),
        ]
        for name, variants in cases:
            self.assertEqual(yi_variants(name), variants, name)

    def test_demonym_plural(self):
        cases = [
            ("Ukrainian", "Ukrainians"),
            ("North Korean", "North Koreans"),
            ("Chinese", "Chinese"),
            ("British", "British"),
            ("French", "French"),
            ("Swiss", "Swiss"),
            ("Thai", "Thais"),
        ]
        for adj, plural in cases:
            self.assertEqual(demonym_plural(adj), plural, adj)

    def test_unit_word(self):
        cases = [
            ("Russian rubles", "rubles"),
            ("Ukrainian hryvnias", "hryvnias"),
            ("CFA franc BEAC", "franc"),
            ("US dollars", "dollars"),
            ("Euro", ""),
        ]
        for name, unit in cases:
            self.assertEqual(unit_word(name), unit, name)

    def test_english_forms(self):
        self.assertEqual(english_forms("Saint Petersburg", 5_000_000),
                         ["St. Petersburg", "St Petersburg"])
        self.assertEqual(english_forms("Mount Pleasant", 20_000), ["Mt. Pleasant", "Mt Pleasant"])
        self.assertEqual(english_forms("Taipei", 7_000_000), ["Taipei City"])
        self.assertEqual(english_forms("Mexico City", 12_000_000), [])
        self.assertEqual(english_forms("Bath", 90_000), [])

    def test_cldr_forms(self):
        cases = [
            ("Congo - Kinshasa", ["Congo-Kinshasa"]),
            ("Bosnia & Herzegovina", ["Bosnia & Herzegovina", "Bosnia and Herzegovina"]),
            ("St. Lucia", ["St. Lucia", "Saint Lucia"]),
            ("Myanmar (Burma)", []),
            ("Hong Kong SAR China", []),
        ]
        for name, forms in cases:
            self.assertEqual(cldr_forms(name), forms, name)

    def test_small_rules(self):
        self.assertEqual(census_case("MCDONALD"), "McDonald")
        self.assertEqual(census_case("SMITH"), "Smith")
        self.assertEqual(fold_ascii("Kijów"), "Kijow")
        self.assertEqual(possessive("Russia"), "Russia's")
        self.assertEqual(possessive("United States"), "United States'")
        self.assertTrue(stem_overlap("Luhansk", ["Luhanska oblast"]))
        self.assertFalse(stem_overlap("Dawn of Ukraine", ["Luhanska oblast"]))
        self.assertTrue(CHYNA.search("Luhanshchyna"))
        self.assertFalse(CHYNA.search("Luhansk"))
        self.assertEqual(subdivision_words("UA", "Region")[0], "oblast")
        self.assertEqual(subdivision_words("NG", "State"), ["state"])

    def test_table_merges_sources_and_keeps_order(self):
        t = Table("x.tsv", "test")
        t.add("UA", "Ukraine", "Ukraine", "country", "cc=UA", "geonames")
        t.add("UA", "Ukraine", " Ukraine ", "country", "cc=UA", "cldr")
        t.add("UA", "Ukraine", "Ukrayina", "country", "cc=UA", "manual")
        self.assertEqual([r[2] for r in t.rows.values()], ["Ukraine", "Ukrayina"])
        self.assertEqual(t.rows[("UA", "Ukraine", "country")][5], "geonames+cldr")


if __name__ == "__main__":
    unittest.main()
