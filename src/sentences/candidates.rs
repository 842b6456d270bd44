//! Where a stop may be: the few bytes a paragraph's scan stops at, found with memchr
//! instead of visiting every byte.

/// Finds the bytes that may begin a stop in one paragraph: the ASCII stops, and `…`,
/// `‼`, `⁇`, `⁈`, `⁉` (lead byte E2), `。` (E3) and `．！？` (EF). The ASCII stops are
/// searched with memchr, remembered until the scan passes them; the others come from
/// [`Leads`], shared by all the paragraphs of a text, so each byte is looked at about
/// once.
pub(super) struct Candidates<'a, 'l> {
    bytes: &'a [u8],
    /// Where `bytes` starts in the text [`Leads`] searches.
    base: usize,
    ascii: Option<usize>,
    leads: &'l mut Leads<'a>,
}

impl<'a, 'l> Candidates<'a, 'l> {
    pub(super) fn new(bytes: &'a [u8], base: usize, leads: &'l mut Leads<'a>) -> Self {
        Candidates {
            bytes,
            base,
            ascii: None,
            leads,
        }
    }

    /// The first candidate at or after `from`.
    pub(super) fn next(&mut self, from: usize) -> Option<usize> {
        let (b, len) = (self.bytes, self.bytes.len());
        if from >= len {
            return None;
        }
        if self.ascii.is_none_or(|a| a < from) {
            self.ascii =
                Some(memchr::memchr3(b'.', b'?', b'!', &b[from..]).map_or(len, |k| from + k));
        }
        let lead = (self.leads.next(self.base + from) - self.base).min(len);
        let next = self.ascii.map_or(lead, |a| a.min(lead));
        (next < len).then_some(next)
    }
}

/// The stops beyond ASCII in a whole text, found one at a time. Searched per text, not
/// per paragraph: most news has none, or only a few, and one search that runs to the
/// end of the text then answers for every paragraph. The lead bytes also start curly
/// quotes and dashes, common in news: those are passed over here, three bytes checked,
/// rather than decided on as stops.
pub(super) struct Leads<'a> {
    bytes: &'a [u8],
    /// The first stop at or after the last position asked for (`bytes.len()` for none).
    next: Option<usize>,
}

impl<'a> Leads<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Leads { bytes, next: None }
    }

    /// The first non-ASCII stop at or after `from`, or the text's length.
    fn next(&mut self, from: usize) -> usize {
        let b = self.bytes;
        match self.next {
            Some(n) if n >= from => n,
            _ => {
                let mut k = from.min(b.len());
                let n = loop {
                    match memchr::memchr3(0xE2, 0xE3, 0xEF, &b[k..]) {
                        None => break b.len(),
                        Some(j) if is_stop_at(b, k + j) => break k + j,
                        Some(j) => k += j + 1,
                    }
                };
                self.next = Some(n);
                n
            }
        }
    }
}

/// Whether the three-byte char whose lead byte is at `k` is one of the stops
/// [`is_stop`](super::around::is_stop) knows beyond ASCII.
fn is_stop_at(bytes: &[u8], k: usize) -> bool {
    matches!(
        bytes.get(k..k + 3),
        Some(
            [0xE2, 0x80, 0xA6 | 0xBC]
                | [0xE2, 0x81, 0x87..=0x89]
                | [0xE3, 0x80, 0x82]
                | [0xEF, 0xBC, 0x81 | 0x8E | 0x9F]
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::around::is_stop;

    #[test]
    fn stop_candidates_beyond_ascii_are_the_stops() {
        // Every three-byte char: the byte check agrees with `is_stop`.
        for c in ('\u{800}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(is_stop_at(bytes, 0), is_stop(c), "{c:?}");
        }
    }
}
