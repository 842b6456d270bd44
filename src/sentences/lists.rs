//! Enumerations run into one line: `1. The first item 2. The second item`,
//! `a) one b) two`, `• 9. Stop smoking • 10. Get some rest`.
//!
//! A list marker only counts at the start of a sentence, and a later marker only splits
//! the paragraph when it continues the sequence the paragraph opened with (the next
//! number or letter in the same style, or the same bullet). That keeps `He scored 2.
//! The team won.` and `the score was 3 to 2. Then ...` out of it.

/// Characters that open a bulleted item.
/// Dashes and asterisks are left out: wire copy uses them inside sentences too.
const BULLETS: &[char] = &['•', '⁃', '◦', '▪', '‣', '●', '○', '■', '□'];

/// How an item is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Enumerator {
    Number(u32),
    Letter(u8),
}

/// A list marker: an optional bullet, then an optional enumerator with its delimiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Marker {
    bullet: Option<char>,
    item: Option<(Enumerator, &'static str)>,
    /// Byte length of the marker, white space after it excluded.
    len: usize,
}

/// Delimiters after an enumerator, longest first.
const DELIMITERS: &[&str] = &[".)", ".", ")"];

/// The list marker at the start of `s`, followed by white space.
fn marker(s: &str) -> Option<Marker> {
    if !may_open_marker(s) {
        return None;
    }
    let mut pos = 0;
    let mut bullet = None;
    if let Some(c) = s.chars().next().filter(|c| BULLETS.contains(c)) {
        bullet = Some(c);
        pos = c.len_utf8();
        pos += s[pos..].len() - s[pos..].trim_start_matches([' ', '\t']).len();
    }
    let item = enumerator(&s[pos..]);
    if let Some((_, _, n)) = item {
        pos += n;
    }
    if bullet.is_none() && item.is_none() {
        return None;
    }
    let followed_by_space = s[pos..].starts_with(char::is_whitespace);
    if !followed_by_space {
        return None;
    }
    Some(Marker {
        bullet,
        item: item.map(|(e, d, _)| (e, d)),
        len: pos,
    })
}

/// `12.`, `3)`, `a.)`: the enumerator, its delimiter and their byte length.
fn enumerator(s: &str) -> Option<(Enumerator, &'static str, usize)> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|b| b.is_ascii_digit()).count();
    let (e, n) = match digits {
        1..=3 => (Enumerator::Number(s[..digits].parse().ok()?), digits),
        0 if b.first().is_some_and(u8::is_ascii_lowercase) => (Enumerator::Letter(b[0]), 1),
        _ => return None,
    };
    let d = DELIMITERS.iter().find(|d| s[n..].starts_with(**d))?;
    Some((e, d, n + d.len()))
}

/// False when `s` cannot open with a marker: bullets are beyond ASCII and enumerators
/// start with a digit or a lower-case letter, so any other ASCII byte (a sentence's
/// capital) opens none. Decided inline, before any call.
#[inline(always)]
fn may_open_marker(s: &str) -> bool {
    s.as_bytes()
        .first()
        .is_some_and(|&b| !b.is_ascii() || b.is_ascii_digit() || b.is_ascii_lowercase())
}

/// The byte length of the list marker that opens a sentence at the start of `s`, so
/// that its period is not read as a full stop.
#[inline]
pub(crate) fn marker_len(s: &str) -> usize {
    if !may_open_marker(s) {
        return 0;
    }
    marker(s).filter(|m| m.item.is_some()).map_or(0, |m| m.len)
}

/// Where the items of an enumeration run into the paragraph `p` start, after the first
/// (byte offsets into `p`). Empty unless `p` opens with a list marker.
pub(crate) fn item_starts(p: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    if !may_open_marker(p) {
        return starts;
    }
    let Some(first) = marker(p) else {
        return starts;
    };
    let mut expect = first.item.map(|(e, d)| (next(e), d));
    let mut from = first.len;
    // Walk the white space in `p`, trying a marker after each run.
    while let Some(ws) = p[from..].find(char::is_whitespace) {
        let after_ws = from + ws;
        let rest = p[after_ws..].trim_start();
        let at = p.len() - rest.len();
        if at == p.len() {
            break;
        }
        from = at;
        let Some(m) = marker(rest) else { continue };
        let bullet_ok = first.bullet.is_some() && m.bullet == first.bullet;
        let item_ok = first.bullet.is_none()
            && matches!((m.item, expect), (Some((e, d)), Some((want, wd))) if e == want && d == wd);
        if bullet_ok || item_ok {
            starts.push(at);
            if let Some((e, d)) = m.item {
                expect = Some((next(e), d));
            }
        }
    }
    starts
}

fn next(e: Enumerator) -> Enumerator {
    match e {
        Enumerator::Number(n) => Enumerator::Number(n + 1),
        Enumerator::Letter(c) => Enumerator::Letter(c.saturating_add(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(p: &str) -> Vec<&str> {
        let mut starts = vec![0];
        starts.extend(item_starts(p));
        starts.push(p.len());
        starts
            .windows(2)
            .map(|w| p[w[0]..w[1]].trim_end())
            .collect()
    }

    #[test]
    fn enumerations_split_in_sequence() {
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("1.) The first item 2.) The second item", &["1.) The first item", "2.) The second item"]),
            ("1) The first item 2) The second item", &["1) The first item", "2) The second item"]),
            ("1. The first item 2. The second item", &["1. The first item", "2. The second item"]),
            ("• 9. The first item • 10. The second item", &["• 9. The first item", "• 10. The second item"]),
            ("⁃9. The first item ⁃10. The second item", &["⁃9. The first item", "⁃10. The second item"]),
            ("a. The first item b. The second item c. The third", &["a. The first item", "b. The second item", "c. The third"]),
            ("1. We won 3 to 4. Then 3. Done", &["1. We won 3 to 4. Then 3. Done"]),
            ("He scored 2. The team won.", &["He scored 2. The team won."]),
            ("1) one 3) three", &["1) one 3) three"]),
        ];
        for &(p, want) in cases {
            assert_eq!(items(p), want, "{p:?}");
        }
    }

    #[test]
    fn markers_open_sentences() {
        for (s, len) in [
            ("1. The", 2),
            ("1.) The", 3),
            ("10) x", 3),
            ("a. The", 2),
            ("• 9. Stop", 6),
            ("1,000. That", 0),
            ("U.S. officials", 0),
            ("2025. Then", 0),
            ("", 0),
        ] {
            assert_eq!(marker_len(s), len, "{s:?}");
        }
    }
}
