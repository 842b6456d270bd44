//! Where a stop may be: the few bytes a paragraph's scan stops at, found with memchr
//! instead of visiting every byte.

#[cfg(target_arch = "x86_64")]
use memchr::arch::x86_64::avx2::memchr::Three;

/// A search for three bytes, set up once per [`Splitter`](super::Splitter) rather than
/// per call. `memchr::memchr3` checks the CPU, calls through a function pointer and
/// splats the needles into vectors on every call: about a third of its cost at the
/// ~120 bytes between two stops in news. With AVX2 the searcher is built once and
/// called directly; elsewhere it is `memchr3`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Finder {
    needles: [u8; 3],
    #[cfg(target_arch = "x86_64")]
    avx2: Option<Three>,
}

impl Finder {
    pub(super) fn new(n1: u8, n2: u8, n3: u8) -> Finder {
        Finder {
            needles: [n1, n2, n3],
            #[cfg(target_arch = "x86_64")]
            avx2: Three::new(n1, n2, n3),
        }
    }

    /// The first of the three bytes in `hay`, as `memchr::memchr3`.
    #[inline]
    pub(super) fn find(&self, hay: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(three) = &self.avx2 {
            return three.find(hay);
        }
        let [n1, n2, n3] = self.needles;
        memchr::memchr3(n1, n2, n3, hay)
    }
}

/// The ASCII stops.
pub(super) fn ascii_stops() -> Finder {
    Finder::new(b'.', b'?', b'!')
}

/// The lead bytes of the stops beyond ASCII.
pub(super) fn stop_leads() -> Finder {
    Finder::new(0xE2, 0xE3, 0xEF)
}

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
    finder: &'l Finder,
    leads: &'l mut Leads<'a>,
}

impl<'a, 'l> Candidates<'a, 'l> {
    pub(super) fn new(
        bytes: &'a [u8],
        base: usize,
        finder: &'l Finder,
        leads: &'l mut Leads<'a>,
    ) -> Self {
        Candidates {
            bytes,
            base,
            ascii: None,
            finder,
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
            self.ascii = Some(self.finder.find(&b[from..]).map_or(len, |k| from + k));
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
    finder: &'a Finder,
    /// The first stop at or after the last position asked for (`bytes.len()` for none).
    next: Option<usize>,
}

impl<'a> Leads<'a> {
    pub(super) fn new(bytes: &'a [u8], finder: &'a Finder) -> Self {
        Leads {
            bytes,
            finder,
            next: None,
        }
    }

    /// The first non-ASCII stop at or after `from`, or the text's length.
    fn next(&mut self, from: usize) -> usize {
        let b = self.bytes;
        match self.next {
            Some(n) if n >= from => n,
            _ => {
                let mut k = from.min(b.len());
                let n = loop {
                    match self.finder.find(&b[k..]) {
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
    fn finders_find_what_memchr3_finds() {
        // Haystacks of every length the vector code treats apart (under 16, under 32,
        // longer), with a needle in every position or none.
        for len in 0..80 {
            for at in 0..=len {
                for needle in [b'.', b'?', b'!', 0xE2, 0xE3, 0xEF, b'x'] {
                    let mut hay = vec![b'a'; len];
                    if let Some(b) = hay.get_mut(at) {
                        *b = needle;
                    }
                    let (ascii, leads) = (ascii_stops(), stop_leads());
                    assert_eq!(ascii.find(&hay), memchr::memchr3(b'.', b'?', b'!', &hay));
                    assert_eq!(leads.find(&hay), memchr::memchr3(0xE2, 0xE3, 0xEF, &hay));
                }
            }
        }
    }

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
