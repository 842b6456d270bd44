//! Countries and nationalities written inside other names.
//!
//! The entity stage looks up the words of every known organization's name, and pairs
//! of them, in case one is a nationality or a country (`Chinese` in `Chinese Foreign
//! Ministry`): tens of thousands of lookups on entity-dense copy, most of words that
//! are neither (`Foreign`, `Ministry`). The aliases of the two classes are about a
//! thousand of the gazetteer's quarter million, so they get a small table of their
//! own, filled as their rows are loaded: a word is turned away or found in about one
//! probe of a table that stays in cache, where the index of all keys took a probe
//! that misses, a compare of folded bytes and a walk over every surface and row of
//! the key. (A filter the entity stage built for itself from
//! [`Gazetteer::aliases_of`] cost more, walking every surface once per process, than
//! it saved.)

use super::index::{Probe, NONE};
use super::words::bytes_eq;
use super::{Class, ClassSet, Entry, Gazetteer, Surface};

/// One slot of [`Nations`]: a surface and a tag of its probe's hash, so that most
/// slots are passed over without reading the surface.
#[derive(Clone, Copy, Debug)]
struct Slot {
    tag: u32,
    /// [`NONE`] for an empty slot.
    surface: u32,
}

const EMPTY: Slot = Slot {
    tag: 0,
    surface: NONE,
};

/// The surfaces with a row of a nationality or a country, in an open-addressing table
/// by [`Probe::head_hash`] of the alias (probed linearly), at most half full: the
/// embedded aliases fill about a quarter, and a miss costs about one probe.
#[derive(Debug)]
pub(super) struct Nations {
    /// A power of two of slots.
    slots: Vec<Slot>,
    /// Every surface held and its hash, to place them again when the table grows.
    held: Vec<(u64, u32)>,
}

impl Nations {
    /// A table sized for the embedded aliases (32 KB).
    pub fn new() -> Nations {
        Nations {
            slots: vec![EMPTY; 4096],
            held: Vec::new(),
        }
    }

    /// Notes a row of `class` of `surface`, whose classes before the row were
    /// `before` and whose alias has probe `probe`: a surface is held from its first row
    /// of the two classes on. Inline, as it is asked of every row and few are held.
    #[inline(always)]
    pub fn add(&mut self, class: Class, before: ClassSet, surface: u32, probe: &Probe) {
        if is_nation(class)
            && !before.contains(Class::Nationality)
            && !before.contains(Class::Country)
        {
            self.hold(probe.head_hash(), surface);
        }
    }

    fn hold(&mut self, hash: u64, surface: u32) {
        self.held.push((hash, surface));
        if self.held.len() * 2 > self.slots.len() {
            self.slots = vec![EMPTY; self.slots.len() * 2];
            for i in 0..self.held.len() {
                self.place(self.held[i]);
            }
        } else {
            self.place((hash, surface));
        }
    }

    fn place(&mut self, (hash, surface): (u64, u32)) {
        let mask = self.slots.len() - 1;
        let mut i = start(hash, mask);
        while self.slots[i].surface != NONE {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            tag: hash as u32,
            surface,
        };
    }

    /// The held surface whose alias is exactly `text`, whose probe is `probe`.
    #[inline]
    fn find(&self, probe: &Probe, text: &str, surfaces: &[Surface]) -> Option<u32> {
        let hash = probe.head_hash();
        let mask = self.slots.len() - 1;
        let mut i = start(hash, mask);
        loop {
            let slot = self.slots[i];
            if slot.surface == NONE {
                return None;
            }
            // Casings of one alias share a hash: the bytes tell them apart.
            if slot.tag == hash as u32
                && bytes_eq(
                    surfaces[slot.surface as usize].alias.as_bytes(),
                    text.as_bytes(),
                )
            {
                return Some(slot.surface);
            }
            i = (i + 1) & mask;
        }
    }
}

/// The first slot of `hash` in a table of `mask + 1` slots: from the top bits, as the
/// tag is the low ones.
#[inline(always)]
fn start(hash: u64, mask: usize) -> usize {
    (hash >> 40) as usize & mask
}

/// The classes [`Nations`] holds.
fn is_nation(class: Class) -> bool {
    matches!(class, Class::Nationality | Class::Country)
}

impl Gazetteer {
    /// The first nationality or country whose alias is exactly `surface`: what
    /// [`lookup`](Gazetteer::lookup) of it finds first of the two classes, for a word
    /// inside another name (see the module docs).
    pub fn nation(&self, surface: &str) -> Option<&Entry> {
        let probe = Probe::new(surface.as_bytes());
        let s = self.nations.find(&probe, surface, &self.surfaces)?;
        self.rows_of(s)
            .find(|r| is_nation(r.class))
            .map(|r| &self.entries[r.entry as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::embedded;
    use super::*;
    use proptest::prelude::*;

    fn slow<'g>(gaz: &'g Gazetteer, surface: &str) -> Option<&'g Entry> {
        gaz.lookup(surface).find(|e| is_nation(e.class))
    }

    /// Every alias, and its other casings, finds by the table what a lookup finds.
    #[test]
    fn nation_agrees_with_lookup_for_every_alias() {
        let gaz = embedded();
        let mut found = 0;
        for alias in gaz.aliases() {
            for s in [
                alias.to_string(),
                alias.to_ascii_lowercase(),
                alias.to_ascii_uppercase(),
            ] {
                let want = slow(gaz, &s).map(|e| e as *const Entry);
                assert_eq!(gaz.nation(&s).map(|e| e as *const Entry), want, "{s:?}");
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 1000, "{found}");
        assert_eq!(gaz.nation("Chinese").unwrap().class, Class::Nationality);
        assert!(gaz.nation("Ministry").is_none());
        assert!(gaz.nation("Foreign Ministry").is_none());
        // About a quarter full: a miss costs about one probe.
        assert!(gaz.nations.held.len() * 3 <= gaz.nations.slots.len());
    }

    /// A user file's aliases are held too (the table grows for them), and the first
    /// row of the two classes is the one found, as [`Gazetteer::lookup`] orders rows.
    #[test]
    fn user_aliases_are_held() {
        let mut user = String::from(
            "id\tcanonical\talias\ttype\textra\n\
             ZC\tZeddish Town\tZeddish\tcity\tcc=ZZ\n\
             ZZ\tZedlander\tZeddish\tdemonym_adj\tcc=ZZ\n\
             ZZ\tZedland\tZedland\tcountry\t\n\
             ZZ\tZedland\tZeddish\tcountry\t\n",
        );
        for i in 0..5000 {
            user.push_str(&format!("Q{i}\tLand {i}\tLand {i}\tcountry\t\n"));
        }
        let gaz = Gazetteer::build(&[("user.tsv".into(), user)]).unwrap();
        for w in [
            "Zedland",
            "Zeddish",
            "Zedlander",
            "zeddish",
            "Land 7",
            "Land 4999",
        ] {
            assert_eq!(
                gaz.nation(w).map(|e| e as *const Entry),
                slow(&gaz, w).map(|e| e as *const Entry),
                "{w}"
            );
        }
        assert_eq!(gaz.nation("Zeddish").unwrap().class, Class::Nationality);
        assert_eq!(gaz.nation("Land 4999").unwrap().id, "Q4999");
        assert!(gaz.nations.held.len() * 2 <= gaz.nations.slots.len());
    }

    /// Words of nationalities and countries, of names that hold them, and others.
    const WORDS: &[&str] = &[
        "Chinese", "chinese", "Foreign", "Ministry", "United", "States", "Russian", "Armed",
        "Kingdom", "New", "Zealand", "US", "U.S.",
    ];

    proptest! {
        /// Any span, words of aliases or not, finds what a lookup finds.
        #[test]
        fn nation_agrees_with_lookup(
            words in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(WORDS).prop_map(String::from),
                    "[A-Za-z.]{1,12}",
                ],
                1..4,
            ),
        ) {
            let gaz = embedded();
            let s = words.join(" ");
            prop_assert_eq!(
                gaz.nation(&s).map(|e| e as *const Entry),
                slow(gaz, &s).map(|e| e as *const Entry)
            );
        }
    }
}
