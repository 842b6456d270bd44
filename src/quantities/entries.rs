//! What the gazetteer's currency rows say: the codes an alias names (one, or a
//! unit several currencies share), the factor of a subunit, whether the alias is
//! also a common word. Each row's settings are read when the gazetteer is built
//! ([`Currency`](crate::gazetteer::Currency)): here the rows of one alias are merged.

use crate::gazetteer::{self, Class, Entry, Gazetteer, Unit};

/// The factor of a minor unit (`cents`, `pence`: 0.01), from the first currency row
/// with a readable `minor=` (`minor=100`). Read from the row itself: `minor` describes the alias, and the gazetteer would
/// otherwise hand it down from the entry's other rows (`€` would become a cent).
pub(super) fn factor_of<'g>(g: &Gazetteer, mut entries: impl Iterator<Item = &'g Entry>) -> f64 {
    entries
        .find_map(|e| g.currency(e)?.minor)
        .filter(|m| *m > 0.0)
        .map_or(1.0, |m| 1.0 / m)
}

/// True when every currency row of an alias marks it a common word.
pub(super) fn all_common<'g>(entries: impl Iterator<Item = &'g Entry>) -> bool {
    let mut any = false;
    for e in entries.filter(|e| e.class == Class::Currency) {
        if !e.is_common() {
            return false;
        }
        any = true;
    }
    any
}

/// The currency the gazetteer entries of one alias name, if any.
pub(crate) fn unit_of<'g>(
    g: &'g Gazetteer,
    entries: impl Iterator<Item = &'g Entry>,
) -> Option<Unit> {
    let mut rows = entries.filter_map(|e| Some((e, g.currency(e)?)));
    let (first_entry, first) = rows.next()?;
    // Most aliases name what their first currency row names: the others' codes are
    // in its list (`rubles`: RUB listing BYN, then BYN). That unit is built already.
    if first.unit.is_some() {
        for (e, row) in rows.by_ref() {
            if !first.covers(row) {
                // The rows it covered changed nothing: merging from here on with
                // the first gives the merge of all.
                let others = rows.map(|(e, _)| e);
                return gazetteer::unit_of([first_entry, e].into_iter().chain(others));
            }
        }
        return first.unit.clone();
    }
    gazetteer::unit_of(std::iter::once(first_entry).chain(rows.map(|(e, _)| e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old reading of `minor=`: the row's first `minor=` field, parsed.
    fn minor_read(e: &Entry) -> Option<f64> {
        let extra: &str = &e.extra;
        let v = extra.split(';').find_map(|kv| kv.strip_prefix("minor="))?;
        v.parse::<f64>().ok()
    }

    /// For the rows of every currency alias, all of them and the symbols and codes
    /// alone (as a number's prefix reads them), the merge from the rows' facts is the
    /// merge of their attributes, and the factor is the one read from `minor=`.
    #[test]
    fn facts_merge_as_the_attributes() {
        let g = Gazetteer::build(&[]).unwrap();
        let mut shared = 0;
        for alias in g.aliases_of(Class::Currency) {
            let rows: Vec<&Entry> = g.lookup(alias).collect();
            let prefix = || {
                rows.iter()
                    .copied()
                    .filter(|e| matches!(e.kind, "currency_symbol" | "currency_code"))
            };
            for list in [rows.clone(), prefix().collect()] {
                let unit = unit_of(&g, list.iter().copied());
                assert_eq!(unit, gazetteer::unit_of(list.iter().copied()), "{alias}");
                shared += usize::from(matches!(unit, Some(Unit::Shared(_))));
                let factor = list
                    .iter()
                    .find_map(|e| minor_read(e))
                    .filter(|m| *m > 0.0)
                    .map_or(1.0, |m| 1.0 / m);
                assert_eq!(factor_of(&g, list.iter().copied()), factor, "{alias}");
            }
        }
        assert!(shared >= 40, "{shared}");
    }
}
