//! What follows the story: the agency sign-off (`... against Ukraine. EFE`, `— AP`),
//! desk slugs (`mg-gbm-er/mcd`), end marks and credit lines (`Reporting by ...`).

use std::ops::Range;

use regex::Regex;

use super::agencies::Agencies;
use crate::document::BlockKind;

/// Whole lines that close a story, the kind of block each makes, the ASCII bytes such
/// a line may start with (`None`: any byte), and the letters it may end with (see
/// [`may_end`]; `None`: any end). A line starting with another ASCII byte, or ending
/// otherwise, is not run through the pattern; one starting beyond ASCII always is.
const LINE_PATTERNS: &[LinePattern] = &[
    // Credit lines: `Reporting by A in Kyiv; Editing by B`, `(Writing by C)`.
    (
        r"^\(?\s*(?i:(?:additional|further)\s+)?(?i:reporting|writing|editing|compiled|compiling|research|translation|translated|produced|written|edited|graphics|photos?|video)\s+(?i:by)(?-u:\b)",
        BlockKind::Trailer,
        Some(b"(\t\n\x0B\x0C\r aAcCeEfFgGpPrRtTvVwW"),
        None,
    ),
    (
        r"^(?:©|\([cC]\)\s*[0-9]{4}|(?i:copyright)(?-u:\b))",
        BlockKind::Trailer,
        Some(b"(cC"),
        None,
    ),
    (
        r"^(?i:all rights reserved)",
        BlockKind::Trailer,
        Some(b"aA"),
        None,
    ),
    // AP: `Associated Press writer Jane Doe in Paris contributed to this report.`
    // Unanchored at the start, it would run over every last line: the end decides
    // first. The last four letters of `report` and `story`, which no letter beyond
    // ASCII folds to (`ſ` does to `s`).
    (
        r"(?i:(?-u:\b)contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story))\.?$",
        BlockKind::Trailer,
        None,
        Some(&["port", "tory"]),
    ),
    (r"^_{3,}$", BlockKind::Trailer, Some(b"_"), None),
    // End marks and desk slugs: `ENDS`, `(END)`, `-30-`, `###`, `jl/ss`.
    (
        r"^(?:\(END\)|END|ENDS|-+\s*30\s*-+|#{3})$",
        BlockKind::Slug,
        Some(b"(E-#"),
        None,
    ),
];

/// A row of [`LINE_PATTERNS`].
type LinePattern = (
    &'static str,
    BlockKind,
    Option<&'static [u8]>,
    Option<&'static [&'static str]>,
);

/// Whether a line starting with `first` may match a pattern whose lines start with
/// one of `starts` (see [`LINE_PATTERNS`]).
fn may_start(starts: Option<&[u8]>, first: Option<u8>) -> bool {
    match (starts, first) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(set), Some(b)) => !b.is_ascii() || set.contains(&b),
    }
}

/// Whether `line` may match a pattern whose lines end with one of `ends`, ASCII case
/// ignored, a period after it allowed (see [`LINE_PATTERNS`]).
fn may_end(ends: Option<&[&str]>, line: &str) -> bool {
    let Some(ends) = ends else {
        return true;
    };
    let b = line.as_bytes();
    let b = b.strip_suffix(b".").unwrap_or(b);
    ends.iter()
        .any(|e| b.len() >= e.len() && b[b.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes()))
}

/// A desk slug: initials of the writers and editors joined by `-` and `/`, one `/` at
/// least (`mg-gbm-er/mcd`, `jl/ss`, `XYZ/abc`).
const SLUG: &str =
    r"^[A-Za-z0-9]{1,8}(?:[-_.][A-Za-z0-9]{1,8})*(?:/[A-Za-z0-9]{1,8}(?:[-_.][A-Za-z0-9]{1,8})*)+$";

/// A credit in brackets closing the last paragraph: `... said. (Reporting by A)`.
const INLINE_CREDIT: &str = r"\(\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|research|translated|produced|written|edited)\s+by)(?-u:\b)[^()]*\)\s*$";

/// Characters that close a sentence before an inline sign-off.
const SENTENCE_CLOSERS: &[char] = &['.', '!', '?', '…', '"', '”', '’', '\'', ')', ']', '»'];

/// Dashes that may precede an agency sign-off (`— AP`, `-- Reuters`).
const DASHES: &[char] = &['-', '–', '—', '―'];

/// Blocks found in a line, as ranges into it, in text order.
pub(crate) type Blocks = Vec<(Range<usize>, BlockKind)>;

/// Recognizes the blocks after a story. Built once per pipeline.
#[derive(Debug)]
pub(crate) struct TrailingParser {
    /// One regex per pattern, not a `RegexSet`: most are anchored and fail at the
    /// first bytes, where a set would scan every line to its end.
    lines: Vec<(Regex, LinePattern)>,
    slug: Regex,
    credit: Regex,
    agencies: Agencies,
}

impl TrailingParser {
    pub fn new() -> TrailingParser {
        TrailingParser {
            lines: LINE_PATTERNS
                .iter()
                .map(|&row| (Regex::new(row.0).expect("pattern compiles"), row))
                .collect(),
            slug: Regex::new(SLUG).expect("slug pattern compiles"),
            credit: Regex::new(INLINE_CREDIT).expect("credit pattern compiles"),
            agencies: Agencies::new(),
        }
    }

    /// The blocks of a whole line that belongs after the story, as ranges into `line`,
    /// or `None` when the line is story text. `EFE ja/mcd` gives a sign-off and a slug.
    pub fn line(&self, line: &str) -> Option<Blocks> {
        if line.len() > 200 {
            return None;
        }
        let first = line.as_bytes().first().copied();
        if let Some((_, (_, kind, _, _))) = self.lines.iter().find(|(re, (_, _, starts, ends))| {
            may_start(*starts, first) && may_end(*ends, line) && re.is_match(line)
        }) {
            return Some(vec![(0..line.len(), *kind)]);
        }
        if self.is_slug(line) {
            return Some(vec![(0..line.len(), BlockKind::Slug)]);
        }
        // A sign-off alone: `EFE`, `— AP`, `(AP)`, `EFE ja/mcd`.
        let (head, slug) = self.split_slug(line);
        let undashed = head.trim_start_matches(DASHES).trim_start();
        let mut start = head.len() - undashed.len();
        let inner = match undashed.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
            Some(inner) => {
                start += 1;
                inner
            }
            None => undashed,
        };
        if !self.agencies.is_agency(inner) {
            return None;
        }
        let mut blocks = vec![(start..start + inner.len(), BlockKind::Signoff)];
        blocks.extend(slug.map(|s| (s, BlockKind::Slug)));
        Some(blocks)
    }

    /// Splits the blocks that close the last paragraph off its end: a credit in
    /// brackets, or an agency name after the last sentence (with a slug after it).
    /// Returns where the story text ends and the blocks after it, ranges into `para`.
    pub fn tail(&self, para: &str) -> Option<(usize, Blocks)> {
        if let Some(m) = para
            .ends_with(')')
            .then(|| self.credit.find(para))
            .flatten()
        {
            let body = para[..m.start()].trim_end();
            if !body.is_empty() {
                return Some((
                    body.len(),
                    vec![(m.start()..para.len(), BlockKind::Trailer)],
                ));
            }
        }
        let (head, slug) = self.split_slug(para);
        let len = self.agencies.suffix(head)?;
        let agency = head.len() - len..head.len();
        let before = &head[..agency.start];
        let trimmed = before.trim_end();
        if trimmed.len() == before.len() {
            return None; // `...said EFE`: glued to a word, not a sign-off.
        }
        let body = trimmed.trim_end_matches(DASHES).trim_end();
        if !body.ends_with(SENTENCE_CLOSERS) {
            return None;
        }
        let mut blocks = vec![(agency, BlockKind::Signoff)];
        blocks.extend(slug.map(|s| (s, BlockKind::Slug)));
        Some((body.len(), blocks))
    }

    /// A slug has letters: `4/9` and `24/7` are numbers. It has a `/` too, looked for
    /// before the pattern is run: most lines have none.
    fn is_slug(&self, word: &str) -> bool {
        has_slash(word) && self.slug.is_match(word) && word.bytes().any(|b| b.is_ascii_alphabetic())
    }

    /// `text` without a desk slug at its end, and the slug's range.
    fn split_slug<'t>(&self, text: &'t str) -> (&'t str, Option<Range<usize>>) {
        // A text without a `/` ends in no slug: no need to find its last word.
        if !has_slash(text) {
            return (text, None);
        }
        let Some(space) = text.rfind(char::is_whitespace) else {
            return (text, None);
        };
        let last = &text[space..];
        let word = last.trim_start();
        if self.is_slug(word) {
            let head = text[..space].trim_end();
            (head, Some(text.len() - word.len()..text.len()))
        } else {
            (text, None)
        }
    }
}

/// Whether `s` has a `/`, which every slug has.
fn has_slash(s: &str) -> bool {
    memchr::memchr(b'/', s.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::{Signoff, Slug, Trailer};

    /// Expected blocks: their texts and kinds.
    type Want = &'static [(&'static str, BlockKind)];

    #[test]
    fn whole_lines() {
        let p = TrailingParser::new();
        #[rustfmt::skip]
        let cases: &[(&str, Option<Want>)] = &[
            ("mg-gbm-er/mcd", Some(&[("mg-gbm-er/mcd", Slug)])),
            ("jl/ss", Some(&[("jl/ss", Slug)])),
            ("XYZ/abc", Some(&[("XYZ/abc", Slug)])),
            ("EFE", Some(&[("EFE", Signoff)])),
            ("— AP", Some(&[("AP", Signoff)])),
            ("-- Reuters", Some(&[("Reuters", Signoff)])),
            ("(AP)", Some(&[("AP", Signoff)])),
            ("EFE ja/mcd", Some(&[("EFE", Signoff), ("ja/mcd", Slug)])),
            ("Reporting by Tom Balmforth; Editing by Alex Richardson", Some(&[("Reporting by Tom Balmforth; Editing by Alex Richardson", Trailer)])),
            ("(Writing by Jane Doe)", Some(&[("(Writing by Jane Doe)", Trailer)])),
            ("Additional reporting by Max Hunder in Kyiv", Some(&[("Additional reporting by Max Hunder in Kyiv", Trailer)])),
            ("© 2025 EFE", Some(&[("© 2025 EFE", Trailer)])),
            ("Copyright 2025 The Associated Press. All rights reserved.", Some(&[("Copyright 2025 The Associated Press. All rights reserved.", Trailer)])),
            ("Associated Press writer Jane Doe in Paris contributed to this report.", Some(&[("Associated Press writer Jane Doe in Paris contributed to this report.", Trailer)])),
            ("ENDS", Some(&[("ENDS", Slug)])),
            ("He said it was over.", None),
            ("US denounces Chinese aid to Russia", None),
            ("4/9", None),
            ("24/7", None),
        ];
        for &(line, want) in cases {
            let got = p.line(line).map(|blocks| {
                blocks
                    .into_iter()
                    .map(|(r, k)| (&line[r], k))
                    .collect::<Vec<_>>()
            });
            assert_eq!(got.as_deref(), want, "{line:?}");
        }
    }

    #[test]
    fn line_patterns_match_only_lines_with_the_listed_first_bytes_and_ends() {
        // Each pattern's matches, behind every ASCII byte and alone: a line the
        // pattern matches is never passed over.
        let rests = [
            "",
            "x",
            "(",
            ")",
            "(END)",
            "END",
            "ENDS",
            "-30-",
            "- 30 -",
            "###",
            "___",
            "_",
            "Reporting by A",
            "reporting by A",
            "(Writing by C)",
            "( Editing by B)",
            "Additional reporting by A",
            "further writing by B",
            "photos by C",
            "Video by D",
            "TRANSLATED BY E",
            "© 2025 EFE",
            "(c) 2025",
            "(C)2025 AP",
            "Copyright 2025",
            "COPYRIGHT",
            "All rights reserved",
            "ALL RIGHTS RESERVED",
            "writer A contributed to this report.",
            "B contributed this story",
            "C contributed to the STORY.",
            "D contributed to this ſtory",
            "E contributed to this report..",
            "\u{A0}Reporting by A",
            "\u{2003}(Writing by C)",
        ];
        for (pattern, _, starts, ends) in LINE_PATTERNS {
            let re = Regex::new(pattern).unwrap();
            for rest in rests {
                for b in 0..0x80u8 {
                    let line = format!("{}{rest}", char::from(b));
                    if re.is_match(&line) {
                        assert!(may_start(*starts, Some(b)), "{pattern} {line:?}");
                        assert!(may_end(*ends, &line), "{pattern} {line:?}");
                    }
                }
                if re.is_match(rest) {
                    assert!(
                        may_start(*starts, rest.bytes().next()),
                        "{pattern} {rest:?}"
                    );
                    assert!(may_end(*ends, rest), "{pattern} {rest:?}");
                }
            }
        }
    }

    #[test]
    fn tails_of_the_last_paragraph() {
        let p = TrailingParser::new();
        #[rustfmt::skip]
        let cases: &[(&str, Option<(&str, Want)>)] = &[
            ("military aggression against Ukraine. EFE", Some(("military aggression against Ukraine.", &[("EFE", Signoff)]))),
            ("talks went on. — AP", Some(("talks went on.", &[("AP", Signoff)]))),
            ("“We will win.” EFE ja/mcd", Some(("“We will win.”", &[("EFE", Signoff), ("ja/mcd", Slug)]))),
            ("The talks ended. (Reporting by A; Editing by B)", Some(("The talks ended.", &[("(Reporting by A; Editing by B)", Trailer)]))),
            ("the spokesman told EFE", None),
            ("sources told the AP", None),
            ("EFE", None),
            ("it said.EFE", None),
        ];
        for &(para, want) in cases {
            let got = p.tail(para).map(|(end, blocks)| {
                let blocks: Vec<_> = blocks.into_iter().map(|(r, k)| (&para[r], k)).collect();
                (&para[..end], blocks)
            });
            let want = want.map(|(b, blocks)| (b, blocks.to_vec()));
            assert_eq!(got, want, "{para:?}");
        }
    }
}
