//! Wire agencies of the world, as they write their own names in datelines
//! (`(EFE)`, `(Reuters)`) and sign-offs (`... against Ukraine. EFE`).
//!
//! Short all-caps codes must match exactly (`AP`, not `ap`); names of four letters or
//! more also match in any ASCII case, since datelines are often set in capitals
//! (`(REUTERS)`, `(XINHUA)`).

use crate::hash::WordSet;

/// Agency names and codes, one spelling a line. Adding an agency is a one-line change.
pub(crate) const AGENCIES: &[&str] = &[
    // International
    "AP",
    "Associated Press",
    "AFP",
    "Agence France-Presse",
    "Reuters",
    "EFE",
    "Bloomberg",
    "UPI",
    "dpa",
    "DPA",
    "dpa-AFX",
    "IPS",
    "ANSA",
    "Dow Jones",
    // Europe
    "PA",
    "PA Media",
    "Press Association",
    "Europa Press",
    "Lusa",
    "Belga",
    "ANP",
    "APA",
    "SDA",
    "Keystone-SDA",
    "KNA",
    "epd",
    "AGI",
    "Adnkronos",
    "TT",
    "NTB",
    "STT",
    "Ritzau",
    "PAP",
    "CTK",
    "ČTK",
    "TASR",
    "MTI",
    "BTA",
    "HINA",
    "STA",
    "Tanjug",
    "Beta",
    "MIA",
    "Agerpres",
    "Moldpres",
    "ATA",
    "AMNA",
    "ANA-MPA",
    "CNA",
    "Anadolu",
    "AA",
    "IHA",
    "DHA",
    "Ukrinform",
    "UNIAN",
    "Interfax",
    "Interfax-Ukraine",
    "TASS",
    "ITAR-TASS",
    "RIA",
    "RIA Novosti",
    "Sputnik",
    "BelTA",
    "LETA",
    "BNS",
    "ELTA",
    "ERR",
    // Asia and the Pacific
    "Xinhua",
    "CNS",
    "China News Service",
    "Kyodo",
    "Kyodo News",
    "Jiji",
    "Jiji Press",
    "Yonhap",
    "KCNA",
    "PTI",
    "IANS",
    "ANI",
    "UNI",
    "APP",
    "BSS",
    "RSS",
    "Bernama",
    "Antara",
    "VNA",
    "PNA",
    "TNA",
    "Focus Taiwan",
    "AAP",
    "NZPA",
    "Kazinform",
    "Trend",
    "Azertag",
    "Armenpress",
    "Kabar",
    "Khovar",
    "UzA",
    "Montsame",
    // Middle East and Africa
    "IRNA",
    "ISNA",
    "Tasnim",
    "Fars",
    "Mehr",
    "MENA",
    "WAFA",
    "SPA",
    "QNA",
    "KUNA",
    "WAM",
    "BNA",
    "ONA",
    "Petra",
    "SANA",
    "NNA",
    "INA",
    "SUNA",
    "APS",
    "MAP",
    "TAP",
    "LANA",
    "ENA",
    "NAN",
    "SAPA",
    "ANA",
    "AIP",
    "ACP",
    "GNA",
    // The Americas
    "CP",
    "Canadian Press",
    "The Canadian Press",
    "Notimex",
    "Télam",
    "Telam",
    "Prensa Latina",
    "ABI",
    "ANDINA",
    "Andina",
    "AGN",
    "ACAN",
    "Agencia Brasil",
    "Agência Brasil",
    "Estado",
    "Colprensa",
    "Bloomberg News",
];

/// The table indexed for lookups. Built once per parser.
#[derive(Debug)]
pub(crate) struct Agencies {
    /// Short codes, matched exactly. Asked for the credit of every dateline and the
    /// last words of every story: a word hasher, not SipHash.
    exact: WordSet<&'static str>,
    /// Names of four letters or more, in ASCII lower case.
    folded: WordSet<String>,
    /// The longest name, in bytes.
    longest: usize,
    /// By the first byte of a name, in ASCII lower case: a bit for each length (in
    /// bytes) of the names starting with it. Most words asked about (the last words of
    /// a story) fail on it, before any hashing.
    shapes: [u64; 256],
}

impl Agencies {
    pub fn new() -> Agencies {
        Agencies {
            exact: AGENCIES.iter().copied().collect(),
            folded: AGENCIES
                .iter()
                .filter(|a| a.len() >= 4)
                .map(|a| a.to_ascii_lowercase())
                .collect(),
            longest: AGENCIES.iter().map(|a| a.len()).max().unwrap_or(0),
            shapes: AGENCIES.iter().fold([0; 256], |mut shapes, a| {
                shapes[usize::from(a.as_bytes()[0].to_ascii_lowercase())] |= 1 << a.len();
                shapes
            }),
        }
    }

    /// Whether `name` is a wire agency of the table.
    pub fn is_agency(&self, name: &str) -> bool {
        let Some(&first) = name.as_bytes().first() else {
            return false;
        };
        if name.len() > self.longest
            || self.shapes[usize::from(first.to_ascii_lowercase())] & (1 << name.len()) == 0
        {
            return false;
        }
        if self.exact.contains(name) {
            return true;
        }
        let mut buf = [0u8; 64];
        let Some(lower) = buf.get_mut(..name.len()) else {
            return false;
        };
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        name.len() >= 4 && std::str::from_utf8(lower).is_ok_and(|l| self.folded.contains(l))
    }

    /// Whether every part of a dateline credit (`AP`, `AP/Reuters`, `EFE, dpa`) is an
    /// agency.
    pub fn is_credit(&self, credit: &str) -> bool {
        let mut parts = credit.split(['/', ',', '&', '+']).map(str::trim).peekable();
        parts.peek().is_some() && parts.all(|p| !p.is_empty() && self.is_agency(p))
    }

    /// The longest agency name that `text` ends with (whole words), as a byte length.
    pub fn suffix(&self, text: &str) -> Option<usize> {
        if !text.ends_with(char::is_alphabetic) {
            return None;
        }
        let mut from = text.len().saturating_sub(self.longest);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        text[from..]
            .char_indices()
            .map(|(i, _)| from + i)
            .filter(|&i| i == 0 || text[..i].ends_with(char::is_whitespace))
            .find(|&i| self.is_agency(&text[i..]))
            .map(|i| text.len() - i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_match_as_written_or_in_capitals() {
        for (name, want) in [
            ("EFE", true),
            ("Reuters", true),
            ("REUTERS", true),
            ("Xinhua", true),
            ("AP", true),
            ("ap", false),
            ("Kyiv", false),
            ("", false),
        ] {
            assert_eq!(Agencies::new().is_agency(name), want, "{name}");
        }
    }

    #[test]
    fn credits_may_name_several_agencies() {
        let a = Agencies::new();
        assert!(a.is_credit("AP/Reuters"));
        assert!(a.is_credit("EFE, dpa"));
        assert!(!a.is_credit("AP Photo"));
        assert!(!a.is_credit("/"));
    }

    #[test]
    fn every_name_fits_the_length_filter() {
        let a = Agencies::new();
        assert!(a.longest < 64, "lengths are bits of a u64");
        for name in AGENCIES {
            assert!(a.is_agency(name), "{name}");
            if name.len() >= 4 {
                assert!(a.is_agency(&name.to_ascii_uppercase()), "{name}");
            }
        }
    }

    #[test]
    fn the_table_has_no_duplicates() {
        let mut seen = std::collections::HashSet::new();
        for a in AGENCIES {
            assert!(seen.insert(a), "{a} twice");
        }
    }

    #[test]
    fn longest_agency_suffix_wins() {
        let a = Agencies::new();
        assert_eq!(a.suffix("against Ukraine. EFE"), Some(3));
        assert_eq!(a.suffix("text. Kyodo News"), Some(10));
        assert_eq!(a.suffix("Kyodo News"), Some(10));
        assert_eq!(a.suffix("said the XEFE"), None);
        assert_eq!(a.suffix("nothing here"), None);
        assert_eq!(a.suffix("–"), None);
    }
}
