//! The reference an entry's mentions carry (`geonames:703448`, `iso:UA`), built once.
//!
//! A mention of a known place names its entry by reference. Built per mention, that
//! was a string allocation for every known piece of every story (about 17,000 on 715
//! news stories). Built for every entry when the gazetteer loads, it would cost more
//! than the build budget allows for entries most stories never name. So each entry
//! builds its reference the first time a mention asks and keeps it: one allocation
//! per distinct entry named over the gazetteer's life, and a load and a test after.

use std::sync::OnceLock;

use compact_str::CompactString;

use super::{Class, Entry};

/// A reference built on first use, as the output writes it (a [`CompactString`]: a
/// mention's entity clones it, a copy of 24 bytes, where it built a string from the
/// text). Empty until then; `None` inside when the entry has no reference.
pub(super) type Cached = OnceLock<Option<CompactString>>;

impl Entry {
    /// The reference of the entry: the id as written when it has a `:`
    /// (`wikidata:Q212`), `iso:` and the country code for a country, `iso:` and the
    /// id for a subdivision (ISO 3166-2, `iso:UA-14`), `geonames:` and the id for a
    /// numeric id, else the id as written (`None` when it is empty).
    pub fn reference(&self) -> Option<&str> {
        self.reference_string().map(CompactString::as_str)
    }

    /// [`reference`](Entry::reference) as the string the output keeps, built once.
    pub fn reference_string(&self) -> Option<&CompactString> {
        self.reference
            .get_or_init(|| self.build_reference())
            .as_ref()
    }

    /// The reference [`reference`](Entry::reference) keeps.
    #[cold]
    fn build_reference(&self) -> Option<CompactString> {
        // `:` is ASCII: a byte of it is the character, found without a string searcher.
        let built = if self.id.bytes().any(|b| b == b':') {
            CompactString::new(&self.id)
        } else if self.class == Class::Country {
            return self.country().map(|c| iso(c).into());
        } else if self.class == Class::Subdivision {
            iso(&self.id).into()
        } else if self.id.is_empty() {
            return None;
        } else if self.id.bytes().all(|b| b.is_ascii_digit()) {
            prefixed("geonames:", &self.id).into()
        } else {
            CompactString::new(&self.id)
        };
        Some(built)
    }
}

/// The reference of an ISO code (`iso:UA`).
pub(crate) fn iso(code: &str) -> Box<str> {
    prefixed("iso:", code)
}

/// `prefix` then `code`, in one string of exactly their size.
fn prefixed(prefix: &str, code: &str) -> Box<str> {
    let mut s = String::with_capacity(prefix.len() + code.len());
    s.push_str(prefix);
    s.push_str(code);
    s.into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::super::Gazetteer;
    use super::*;

    /// The rule as it was, building the string at every call.
    fn built_each_time(e: &Entry) -> Option<String> {
        if e.id.contains(':') {
            Some(e.id.to_string())
        } else if e.class == Class::Country {
            e.country().map(|c| format!("iso:{c}"))
        } else if e.class == Class::Subdivision {
            Some(format!("iso:{}", e.id))
        } else if !e.id.is_empty() && e.id.bytes().all(|b| b.is_ascii_digit()) {
            Some(format!("geonames:{}", e.id))
        } else if e.id.is_empty() {
            None
        } else {
            Some(e.id.to_string())
        }
    }

    /// The kept reference is the one built each time, asked once and again.
    #[test]
    fn kept_reference_is_the_built_one() {
        let gaz = Gazetteer::build(&[]).unwrap();
        for e in gaz.entries() {
            let want = built_each_time(e);
            assert_eq!(e.reference(), want.as_deref(), "{e:?}");
            assert_eq!(e.reference(), want.as_deref(), "{e:?}");
        }
    }
}
