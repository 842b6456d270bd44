//! Wire agencies of the world, as they write their own names in datelines
//! (`(EFE)`, `(Reuters)`) and sign-offs (`... against Ukraine. EFE`).
//!
//! Short all-caps codes must match exactly (`AP`, not `ap`); names of four letters or
//! more also match in any ASCII case, since datelines are often set in capitals
//! (`(REUTERS)`, `(XINHUA)`).

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

/// Whether `name` is a wire agency of the table.
pub(crate) fn is_agency(name: &str) -> bool {
    AGENCIES
        .iter()
        .any(|a| *a == name || (a.len() >= 4 && a.eq_ignore_ascii_case(name)))
}

/// Whether every part of a dateline credit (`AP`, `AP/Reuters`, `EFE, dpa`) is an agency.
pub(crate) fn is_agency_credit(credit: &str) -> bool {
    let mut parts = credit.split(['/', ',', '&', '+']).map(str::trim).peekable();
    parts.peek().is_some() && parts.all(|p| !p.is_empty() && is_agency(p))
}

/// The longest agency name that `text` ends with, as a byte length.
pub(crate) fn agency_suffix(text: &str) -> Option<usize> {
    AGENCIES
        .iter()
        .filter(|a| {
            text.len() >= a.len()
                && text.is_char_boundary(text.len() - a.len())
                && is_agency(&text[text.len() - a.len()..])
        })
        .map(|a| a.len())
        .max()
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
            assert_eq!(is_agency(name), want, "{name}");
        }
    }

    #[test]
    fn credits_may_name_several_agencies() {
        assert!(is_agency_credit("AP/Reuters"));
        assert!(is_agency_credit("EFE, dpa"));
        assert!(!is_agency_credit("AP Photo"));
        assert!(!is_agency_credit("/"));
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
        assert_eq!(agency_suffix("against Ukraine. EFE"), Some(3));
        assert_eq!(agency_suffix("text. Kyodo News"), Some(10));
        assert_eq!(agency_suffix("nothing here"), None);
        assert_eq!(agency_suffix("–"), None);
    }
}
