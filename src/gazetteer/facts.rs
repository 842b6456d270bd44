//! The attributes every story reads, parsed once when the gazetteer is built.
//!
//! The entity and resolution rules ask each reading of a name for its country, its
//! population and whether it is a country in its own right; read from the attribute
//! text, that was a scan and a number parse per candidate and story (a few thousand
//! instructions for "Washington"). [`Facts`] holds the answers, a few words per entry.

use super::{Class, Entry};

/// Which attribute text a value lies in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Source {
    #[default]
    Nowhere,
    /// The row's own `extra`.
    Extra,
    /// The attributes of the entry's canonical row.
    Inherited,
    /// Further into its text, or longer, than [`ValueAt`] holds (only user files
    /// could have such): read it again when asked.
    Far,
}

/// Where an attribute's value lies, as a byte range of one attribute text: the
/// gazetteer's strings do not move, but an entry may, so no `&str` is kept. Four
/// bytes, as every entry has one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ValueAt {
    from: Source,
    len: u8,
    start: u16,
}

impl ValueAt {
    fn new(from: Source, (start, end): (u32, u32)) -> ValueAt {
        match (u16::try_from(start), u8::try_from(end - start)) {
            (Ok(start), Ok(len)) => ValueAt { from, len, start },
            _ => ValueAt {
                from: Source::Far,
                ..ValueAt::default()
            },
        }
    }
}

/// [`Facts::pop_points`] that do not fit.
const FAR_POINTS: i16 = i16::MIN;

/// What [`Entry::attr`] would answer for `cc`, `pop`, `iso_type`, `gender` and `tier`,
/// worked out once. Sixteen bytes an entry.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Facts {
    /// `pop=` read as an integer, 0 when absent or unreadable.
    pop: u64,
    cc: ValueAt,
    /// A city's points for its population in [`resolve`](super::resolve); 0 for the
    /// other classes. Points beyond `i16` (only a float `pop` reaches them) are
    /// [`FAR_POINTS`], worked out again when asked.
    pop_points: i16,
    /// `iso_type=country` and `tier=extended`, as [`ISO_COUNTRY`] and [`EXTENDED`] bits.
    flags: u8,
    gender: Gender,
}

/// [`Facts::flags`]: `iso_type=country`.
const ISO_COUNTRY: u8 = 1;
/// [`Facts::flags`]: `tier=extended` (a cue verb outside the core list).
const EXTENDED: u8 = 2;

/// `gender=` of an entry (given names have it), as [`Entry::attr`] reads it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Gender {
    /// No `gender=` field.
    #[default]
    Absent,
    /// `gender=m`.
    Male,
    /// `gender=f`.
    Female,
    /// Any other value.
    Other,
}

impl Gender {
    fn of(value: Option<&str>) -> Gender {
        match value {
            None => Gender::Absent,
            Some("m") => Gender::Male,
            Some("f") => Gender::Female,
            Some(_) => Gender::Other,
        }
    }
}

/// The ranges of the values of `cc`, `pop`, `iso_type`, `gender` and `tier` in one
/// attribute text: the first field of each key, as [`find_attr`](super::find_attr) finds
/// it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Fields {
    cc: Option<(u32, u32)>,
    pop: Option<(u32, u32)>,
    iso_type: Option<(u32, u32)>,
    gender: Option<(u32, u32)>,
    tier: Option<(u32, u32)>,
}

/// The end of the field of `attrs` that starts at `start`: the next `;`, or the end.
/// Eight bytes at a time (fields are a few bytes, shorter than memchr's setup pays
/// for); the last few a byte at a time.
fn field_end(attrs: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(w) = crate::swar::load(attrs, i) {
        let semicolons = crate::swar::in_range(w, b';', b';');
        if semicolons != 0 {
            return i + crate::swar::first(semicolons);
        }
        i += 8;
    }
    attrs[i..]
        .iter()
        .position(|&c| c == b';')
        .map_or(attrs.len(), |j| i + j)
}

/// True when `field` starts with `key`.
#[inline(always)]
fn has_key<const N: usize>(field: &[u8], key: &[u8; N]) -> bool {
    field.first_chunk::<N>() == Some(key)
}

impl Fields {
    /// One pass over `attrs` (`k=v;k=v`). Every entry's attributes are read at
    /// build, so this looks at the first byte of a field before comparing its key.
    pub fn read(attrs: &str) -> Fields {
        let b = attrs.as_bytes();
        let mut fields = Fields::default();
        let mut start = 0;
        while start < b.len() {
            let end = field_end(b, start);
            let field = &b[start..end];
            // Keys of a known length compare as a word or two, not by a call.
            let found = match field.first() {
                Some(b'c') if has_key(field, b"cc=") => Some((&mut fields.cc, 3)),
                Some(b'p') if has_key(field, b"pop=") => Some((&mut fields.pop, 4)),
                Some(b'i') if has_key(field, b"iso_type=") => Some((&mut fields.iso_type, 9)),
                Some(b'g') if has_key(field, b"gender=") => Some((&mut fields.gender, 7)),
                Some(b't') if has_key(field, b"tier=") => Some((&mut fields.tier, 5)),
                _ => None,
            };
            match found {
                Some((slot, key_len)) if slot.is_none() => {
                    *slot = Some(((start + key_len) as u32, end as u32));
                }
                _ => {}
            }
            start = end + 1;
        }
        fields
    }
}

impl Facts {
    /// The facts of an entry of `class` whose own attributes are `extra` (read into
    /// `own`) and inherited ones `inherited` (read into `base`), as [`Entry::attr`]
    /// reads them: the row's own value first.
    pub fn of(
        class: Class,
        (extra, own): (&str, &Fields),
        (inherited, base): (&str, &Fields),
    ) -> Facts {
        let pick = |o: Option<(u32, u32)>, b: Option<(u32, u32)>| match (o, b) {
            (Some(r), _) => Some((Source::Extra, r)),
            (None, Some(r)) => Some((Source::Inherited, r)),
            _ => None,
        };
        let text = |(from, (s, e)): (Source, (u32, u32))| {
            let t = if from == Source::Extra {
                extra
            } else {
                inherited
            };
            &t[s as usize..e as usize]
        };
        let cc =
            pick(own.cc, base.cc).map_or_else(ValueAt::default, |(from, r)| ValueAt::new(from, r));
        let iso_country = pick(own.iso_type, base.iso_type).is_some_and(|v| text(v) == "country");
        let extended = pick(own.tier, base.tier).is_some_and(|v| text(v) == "extended");
        // Only places are sized ([`Entry::pop`]), and only cities earn points for it.
        let pop = class
            .is_place()
            .then(|| pick(own.pop, base.pop).map(text))
            .flatten();
        let whole = pop.and_then(|p| p.parse::<u64>().ok());
        Facts {
            cc,
            pop: whole.unwrap_or(0),
            pop_points: if class == Class::City {
                i16::try_from(population_points(whole, pop)).unwrap_or(FAR_POINTS)
            } else {
                0
            },
            flags: (u8::from(iso_country) * ISO_COUNTRY) | (u8::from(extended) * EXTENDED),
            gender: Gender::of(pick(own.gender, base.gender).map(text)),
        }
    }
}

/// Points for a city's population in [`resolve`](super::resolve): `10 × log10(pop) −
/// 20`, so 15,000 people earn 22, a million 40, ten million 50. `pop` is read as
/// `f64`; `whole` is its reading as an integer when it has one, which converts to the
/// same `f64` (both round to nearest) without the slower float parse.
fn population_points(whole: Option<u64>, pop: Option<&str>) -> i32 {
    whole
        .map(|p| p as f64)
        .or_else(|| pop.and_then(|p| p.parse::<f64>().ok()))
        .filter(|&p| p >= 1.0)
        .map_or(0, |p| (10.0 * p.log10() - 20.0).max(0.0) as i32)
}

impl Entry {
    /// The value of `cc=` (see [`Entry::attr`]), read at build.
    pub fn cc(&self) -> Option<&str> {
        let at = self.facts.cc;
        let text = match at.from {
            Source::Nowhere => return None,
            Source::Far => return self.attr("cc"),
            Source::Extra => self.extra.as_str(),
            Source::Inherited => self.inherited.as_str(),
        };
        let start = usize::from(at.start);
        text.get(start..start + usize::from(at.len))
    }

    /// `pop=` of a place (country, subdivision, city, region) as an integer, 0 when
    /// absent or unreadable, or for other classes; read at build.
    pub fn pop(&self) -> u64 {
        self.facts.pop
    }

    /// True for `iso_type=country`: a subdivision that is a country in its own right
    /// (England, Scotland, Wales).
    pub fn is_iso_country(&self) -> bool {
        self.facts.flags & ISO_COUNTRY != 0
    }

    /// True for `tier=extended`: a cue verb outside the core list.
    pub fn is_extended_tier(&self) -> bool {
        self.facts.flags & EXTENDED != 0
    }

    /// `gender=` (given names have it), read at build.
    pub fn gender(&self) -> Gender {
        self.facts.gender
    }

    /// The points a city earns for its population when [`resolve`] weighs it; 0 for
    /// other classes.
    ///
    /// [`resolve`]: super::Gazetteer::resolve
    pub(super) fn pop_points(&self) -> i32 {
        match self.facts.pop_points {
            FAR_POINTS => {
                let pop = self.attr("pop");
                population_points(pop.and_then(|p| p.parse().ok()), pop)
            }
            points => i32::from(points),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    #[test]
    fn field_ends_agree_with_a_byte_loop() {
        let attrs = [
            "",
            ";",
            "cc=UA",
            "cc=UA;pop=2797553;admin1=12",
            "gender=m;freq=4;countries=NL",
            ";;x;;",
            "a;bcdefghijklmnopq;r",
            "\u{a0};ü;;",
        ];
        for a in attrs {
            let b = a.as_bytes();
            for start in 0..=b.len() {
                let want = b[start..]
                    .iter()
                    .position(|&c| c == b';')
                    .map_or(b.len(), |i| start + i);
                assert_eq!(field_end(b, start), want, "{a:?} from {start}");
            }
        }
    }

    /// Every entry has facts: they stay small.
    #[test]
    fn facts_are_small() {
        assert_eq!(std::mem::size_of::<Facts>(), 16);
    }

    /// The facts read at build are what [`Entry::attr`] gives, for every entry.
    #[test]
    fn facts_agree_with_attr() {
        let user = "id\tcanonical\talias\ttype\textra\n\
                    X1\tTown\tTown\tcity\tpop=1.5e4;cc=GB\n\
                    X1\tTown\tBurgh\tcity\tcc=SC\n\
                    X2\tBig\tBig\tcity\tpop=1e9999;iso_type=country\n\
                    X4\tAnn\tAnn\tgiven_name\tgender=f;tier=extended\n\
                    X4\tAnn\tAnnie\tgiven_name\tgender=x;tier=core\n\
                    X5\tBob\tBob\tgiven_name\tgender=m\n\
                    X5\tBob\tBobby\tgiven_name\tgender=;tier=extended\n";
        // A value too long for a `ValueAt`.
        let long = format!("X3\tLong\tLong\tcity\tcc={}\n", "Q".repeat(300));
        let gaz = Gazetteer::build(&[("user.tsv".into(), [user, &long].concat())]).unwrap();
        for e in gaz.entries() {
            assert_eq!(e.cc(), e.attr("cc"), "{e:?}");
            let pop = e.attr("pop");
            let whole = pop.and_then(|p| p.parse().ok());
            let sized = if e.class.is_place() { whole } else { None };
            assert_eq!(e.pop(), sized.unwrap_or(0), "{e:?}");
            let points = if e.class == Class::City {
                population_points(whole, pop)
            } else {
                0
            };
            assert_eq!(e.pop_points(), points, "{e:?}");
            assert_eq!(e.is_iso_country(), e.attr("iso_type") == Some("country"));
            assert_eq!(e.is_extended_tier(), e.attr("tier") == Some("extended"));
            assert_eq!(e.gender(), Gender::of(e.attr("gender")), "{e:?}");
        }
        let town: Vec<_> = gaz.lookup("Burgh").collect();
        assert_eq!(town[0].cc(), Some("SC"));
        assert_eq!(town[0].pop_points(), 21);
        assert_eq!(
            gaz.lookup("Big")
                .find(|e| e.id == "X2")
                .unwrap()
                .pop_points(),
            i32::MAX
        );
        assert_eq!(
            gaz.lookup("Long")
                .find(|e| e.id == "X3")
                .unwrap()
                .cc()
                .map(str::len),
            Some(300)
        );
    }
}
