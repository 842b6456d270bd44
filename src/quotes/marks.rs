//! Direct quote spans from quote marks, in one linear pass per paragraph.
//!
//! Only double marks open a quotation: “…”, "…", «…», „…“. Single marks are left
//! alone, so an apostrophe (China’s, '90s, rock 'n' roll, the boys' club) can never
//! open or close a quote, and a ‘…’ nested inside “…” simply stays part of it.

use crate::document::Paragraph;
use crate::simd16::is_ascii_space;

/// A quotation found between marks, inside one paragraph. Byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Marked {
    /// The opening mark.
    pub open: usize,
    /// The quoted words, marks excluded, outer whitespace trimmed.
    pub start: usize,
    pub end: usize,
    /// Just past the closing mark (or `end` when there is none).
    pub after: usize,
    /// A closing mark was found, or the quote continues in the next paragraph.
    pub closed: bool,
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Open at the paragraph's end, and the next paragraph opens with a quote mark:
    /// the wire convention for a quotation running over several paragraphs.
    pub continues: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight `"`: its neighbours decide.
    Either,
}

/// The double quote marks and what each one does.
const MARKS: &[(char, Role)] = &[
    ('“', Role::Open),
    ('”', Role::Close),
    ('„', Role::Open),
    ('«', Role::Open),
    ('»', Role::Close),
    ('"', Role::Either),
];

fn role(c: char) -> Option<Role> {
    MARKS.iter().find(|(m, _)| *m == c).map(|&(_, r)| r)
}

/// True when a paragraph's text opens with a quote mark.
fn opens_with_mark(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .and_then(role)
        .is_some_and(|r| r != Role::Close)
}

/// Every quotation of `text`, paragraph by paragraph, in text order.
pub(super) fn find(text: &str, paragraphs: &[Paragraph]) -> Vec<Marked> {
    let ordered = paragraphs.windows(2).all(|w| w[0].end <= w[1].start);
    find_in(text, paragraphs, ordered)
}

/// [`find`]. Every mark starts with one of these bytes: `"`, or the lead byte of “ ”
/// „ (E2) and « » (C2). memchr finds them without decoding the text, in one scan of
/// the whole text when the paragraphs are `ordered` and apart (as the layout gives
/// them): a scan per paragraph would pay memchr's start for each short one.
fn find_in(text: &str, paragraphs: &[Paragraph], ordered: bool) -> Vec<Marked> {
    // News copy quotes about once in 500 bytes: room for that makes growing rare.
    let mut out = Vec::with_capacity(text.len() / 512 + 4);
    let mut hits = memchr::memchr3_iter(b'"', 0xE2, 0xC2, text.as_bytes()).peekable();
    for (pi, p) in paragraphs.iter().enumerate() {
        if ordered {
            while hits.next_if(|&i| i < p.start).is_some() {}
            // No mark byte in the paragraph: nothing opens, so nothing is left open
            // at its end either.
            if hits.peek().is_none_or(|&i| i >= p.end) {
                continue;
            }
        }
        let (Some(_), true) = (text.get(p.start..p.end), p.start <= p.end) else {
            continue;
        };
        let body = &text[p.start..p.end];
        // (position of the opening mark, its char)
        let mut open: Option<(usize, char)> = None;
        let mut step = |i: usize| {
            let Some((c, r)) = mark_at(body.as_bytes(), i) else {
                return;
            };
            // The chars around the mark, read only where a rule needs them (a
            // straight mark, or a second opening one): most marks open or close
            // by their kind alone.
            let prev = || body[..i].chars().next_back();
            let next = || body[i + c.len_utf8()..].chars().next();
            let at = p.start + i;
            let after = at + c.len_utf8();
            match open {
                None => {
                    // A closing mark with nothing open (a lost opening mark, a stray
                    // `”`) is ignored; a straight mark glued to a word on its left and
                    // followed by space is a stray closer too.
                    let stray_straight = r == Role::Either
                        && prev().is_some_and(|p| {
                            !p.is_whitespace()
                                && !matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/')
                        })
                        && next().is_none_or(|n| {
                            n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':')
                        });
                    if r != Role::Close && !stray_straight {
                        open = Some((at, c));
                    }
                }
                Some((o, oc)) => {
                    let closes = match r {
                        Role::Close | Role::Either => true,
                        // A second opener: „…“ closes with “, and a “ glued to the word
                        // before it is a misprinted closer; otherwise the first
                        // quotation was never closed and a new one starts.
                        Role::Open => {
                            oc == '„'
                                || (prev().is_some_and(|p| !p.is_whitespace())
                                    && next().is_none_or(|n| !n.is_alphanumeric()))
                        }
                    };
                    if closes {
                        push(&mut out, text, o, oc, at, after, true, pi);
                        open = None;
                    } else {
                        push(&mut out, text, o, oc, at, at, false, pi);
                        open = Some((at, c));
                    }
                }
            }
        };
        if ordered {
            while let Some(i) = hits.next_if(|&i| i < p.end) {
                step(i - p.start);
            }
        } else {
            memchr::memchr3_iter(b'"', 0xE2, 0xC2, body.as_bytes()).for_each(step);
        }
        if let Some((o, oc)) = open {
            let continues = paragraphs
                .get(pi + 1)
                .and_then(|n| text.get(n.start..n.end))
                .is_some_and(opens_with_mark);
            let before = out.len();
            push(&mut out, text, o, oc, p.end, p.end, continues, pi);
            if out.len() > before {
                out.last_mut().expect("just pushed").continues = continues;
            }
        }
    }
    out
}

/// The mark at `i` (a `"`, or a lead byte E2 or C2) and its role, when it is one of
/// the [`MARKS`], read from its bytes: apostrophes and dashes share the lead byte E2
/// with `“ ” „` and are passed over without decoding.
fn mark_at(bytes: &[u8], i: usize) -> Option<(char, Role)> {
    Some(match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
        (b'"', _, _) => ('"', Role::Either),
        (0xE2, Some(0x80), Some(0x9C)) => ('“', Role::Open),
        (0xE2, Some(0x80), Some(0x9D)) => ('”', Role::Close),
        (0xE2, Some(0x80), Some(0x9E)) => ('„', Role::Open),
        (0xC2, Some(0xAB), _) => ('«', Role::Open),
        (0xC2, Some(0xBB), _) => ('»', Role::Close),
        _ => return None,
    })
}

/// Records the quotation opened at `open` (mark `oc`) and ending before `end`.
#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Marked>,
    text: &str,
    open: usize,
    oc: char,
    end: usize,
    after: usize,
    closed: bool,
    paragraph: usize,
) {
    let start = open + oc.len_utf8();
    let inner = &text[start..end];
    // Most quotations start and end with an ASCII char that is no space: nothing to
    // trim, and no char to decode.
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !is_ascii_space(b));
    let (s, e) = if plain(inner.as_bytes().first()) && plain(inner.as_bytes().last()) {
        (start, end)
    } else {
        let trimmed = inner.trim_start();
        let s = start + (inner.len() - trimmed.len());
        (s, s + trimmed.trim_end().len())
    };
    if s >= e {
        return;
    }
    out.push(Marked {
        open,
        start: s,
        end: e,
        after,
        closed,
        paragraph,
        continues: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_check_agrees_with_the_mark_table() {
        for c in ('\u{0}'..='\u{FFFF}').filter(|c| matches!(c.len_utf8(), 1..=3)) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if matches!(bytes[0], b'"' | 0xE2 | 0xC2) {
                assert_eq!(mark_at(bytes, 0), role(c).map(|r| (c, r)), "{c:?}");
            }
        }
    }

    use crate::document::BlockKind;

    fn paras(text: &str) -> Vec<Paragraph> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches('\n');
            if !body.trim().is_empty() {
                out.push(Paragraph {
                    start,
                    end: start + body.len(),
                    kind: BlockKind::Body,
                });
            }
            start += line.len();
        }
        out
    }

    /// (quoted text, closed) of every quotation.
    fn quotes(text: &str) -> Vec<(String, bool)> {
        find(text, &paras(text))
            .iter()
            .map(|q| (text[q.start..q.end].to_string(), q.closed))
            .collect()
    }

    macro_rules! mark_cases {
        ($($name:ident: $text:expr => [$(($q:expr, $closed:expr)),*];)*) => {$(
            #[test]
            fn $name() {
                let want: Vec<(String, bool)> = vec![$(($q.to_string(), $closed)),*];
                assert_eq!(quotes($text), want);
            }
        )*};
    }

    mark_cases! {
        curly:          "He said “we will win,” and left." => [("we will win,", true)];
        straight:       "He said \"we will win,\" and left." => [("we will win,", true)];
        guillemets:     "Il a dit «nous gagnerons» hier." => [("nous gagnerons", true)];
        low_high:       "Er sagte „wir gewinnen“ gestern." => [("wir gewinnen", true)];
        nested_single:  "“It is ‘final’, China’s view,” he said." => [("It is ‘final’, China’s view,", true)];
        apostrophes:    "China’s party’s '90s rock 'n' roll, the boys' club." => [];
        two_quotes:     "“A,” he said. “B.”" => [("A,", true), ("B.", true)];
        unclosed:       "He said there could be “many more.\nNext." => [("many more.", false)];
        lone_mark:      "\"" => [];
        stray_closer:   "early.” Then more." => [];
        empty_quote:    "He said “” twice." => [];
        reopened:       "“One “Two” three" => [("One", false), ("Two", true)];
        heading:        "“Our war” is over\nText." => [("Our war", true)];
    }

    proptest::proptest! {
        /// One scan of the whole text finds what a scan per paragraph finds.
        #[test]
        fn one_scan_agrees_with_a_scan_per_paragraph(
            text in "[ab \"“”„«»’—é\u{a0}\n]{0,60}",
        ) {
            let paragraphs = paras(&text);
            proptest::prop_assert_eq!(
                find_in(&text, &paragraphs, true),
                find_in(&text, &paragraphs, false)
            );
        }
    }

    #[test]
    fn a_quote_continues_into_a_paragraph_that_opens_with_a_mark() {
        let text = "“First part.\n“Second part,” he said.\nNo quote.";
        let found = find(text, &paras(text));
        assert_eq!(found.len(), 2);
        assert!(found[0].continues && found[0].closed);
        assert!(!found[1].continues && found[1].closed);
        assert_eq!(&text[found[1].start..found[1].end], "Second part,");
    }

    #[test]
    fn ten_thousand_marks_in_linear_time() {
        let text = "\"a\" ".repeat(5_000) + "“";
        let found = find(&text, &paras(&text));
        assert_eq!(found.len(), 5_000);
        let odd = "“".repeat(10_001);
        assert!(find(&odd, &paras(&odd)).len() <= 10_001);
    }
}
