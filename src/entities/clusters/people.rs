//! People: person mentions gathered by their name words, and the people of the story
//! with their titles and affiliation.

use crate::document::{Label, Person};
use crate::swar;

use super::ids::{Ids, Letter};
use super::{copy, is_space};
use crate::entities::Mention;

use compact_str::CompactString;

/// A person being gathered: name words of the fullest form seen so far.
pub(super) struct Gathering<'t> {
    name: &'t str,
    /// Where its words lie in [`Gatherer`]'s `words` (`from..to`): a person owns no
    /// list of its own, one allocation per person.
    from: u32,
    to: u32,
    /// The [`signature`] of its words.
    sig: u64,
    /// How many mentions joined.
    count: usize,
    /// How many of them were written with a title: room for the person's titles,
    /// where a list grown from empty cost two calls more than one made to size.
    titled: usize,
}

/// Appends the words of `s`, as [`str::split_whitespace`] cuts them; `from_s` is the
/// text from the start of `s` on (`s` and what follows it). An ASCII name (nearly
/// all) is read eight bytes at a time, jumping from space to space; the last eight
/// bytes reach past the name into the text (masked off), so a name's tail needs no
/// byte loop. Near the end of the text, or for a name that is not ASCII (whose
/// spaces may be Unicode ones), the general split does it.
fn split_words<'t>(s: &'t str, from_s: &[u8], words: &mut Vec<&'t str>) {
    let had = words.len();
    let end = s.len();
    // Where the word at hand starts (a space ends it; an empty one is skipped). A
    // space is ASCII, so the cuts fall on character boundaries whatever the text.
    let mut from = 0;
    let mut cut = |at: usize, from: &mut usize| {
        if at > *from {
            words.push(&s[*from..at]);
        }
        *from = at + 1;
    };
    let mut high = 0;
    let mut i = 0;
    while i < end {
        let Some(word) = swar::load(from_s, i) else {
            break;
        };
        // The bytes of the name in `word`, 1 to 8 of them; the rest read as zeros.
        let word = word & u64::MAX >> (8 * (8 - (end - i).min(8)));
        high |= word;
        let mut spaces = swar::spaces(word);
        while spaces != 0 {
            cut(i + swar::first(spaces), &mut from);
            // Clears the lowest flagged byte's bit.
            spaces &= spaces - 1;
        }
        i += 8;
    }
    if i < end || high & swar::HIGH != 0 {
        words.truncate(had);
        words.extend(s.split_whitespace());
        return;
    }
    if from < end {
        words.push(&s[from..]);
    }
}

/// Groups person mentions in text order. A mention joins a person whose name words
/// contain its words (`Zelenskyy` → `Volodymyr Zelenskyy`) or are contained in them
/// (then the name grows); the most recent such person wins. A one-word mention that
/// joins nobody may be a misspelling of one person's surname (`Zelenyi`): it joins
/// when exactly one surname is close.
///
/// The titles written with the mentions are noted in `titled` (the person, the title
/// and where its phrase starts), in text order, for [`people_of`]: a second pass over
/// every mention would find them again.
///
/// Fed one person mention at a time ([`Gatherer::add`]) by the one pass over the
/// mentions that also clusters places and organizations: a pass of its own tested
/// every mention's label again.
pub(super) struct Gatherer<'t, 'a> {
    pub people: Vec<Gathering<'t>>,
    pub titled: Vec<(usize, &'a str, usize)>,
    /// The name words of every person, each person's in one run, and after them those
    /// of the mention at hand: split in place, they stay there when the mention
    /// starts a person or grows one's name (no copy), and are dropped otherwise.
    words: Vec<&'t str>,
    /// Every person's [`signature`] and number, the most recently mentioned last. A
    /// mention joins the most recent person it matches: read from the end, the first
    /// match is that person, and most mentions name someone named shortly before (a
    /// scan of every person compared their last mentions).
    recent: Vec<(u64, u32)>,
}

impl<'t, 'a> Gatherer<'t, 'a> {
    /// A gatherer with room for `n` person mentions: no list grows a push at a time.
    pub fn with_capacity(n: usize) -> Gatherer<'t, 'a> {
        Gatherer {
            people: Vec::with_capacity(n),
            titled: Vec::with_capacity(n),
            words: Vec::with_capacity(2 * n + 4),
            recent: Vec::with_capacity(n),
        }
    }

    /// Adds the person mention `m`, the next in text order.
    pub fn add(&mut self, m: &mut Mention<'a>, text: &'t str) {
        let Gatherer {
            people,
            titled,
            words: all,
            recent,
        } = self;
        let s = &text[m.start..m.end];
        let mark = all.len();
        split_words(s, text.as_bytes().get(m.start..).unwrap_or_default(), all);
        let (kept, words) = all.split_at(mark);
        let of = |p: &Gathering<'_>| &kept[p.from as usize..p.to as usize];
        let sig = signature(words);
        // Words that contain others have a signature that contains theirs: most
        // people of the story fail that test, and their words are never compared.
        let contains = |big: &[&str], small: &[&str]| small.iter().all(|w| big.contains(w));
        let matched = recent.iter().rposition(|&(p_sig, c)| {
            // Both signature tests settled with one branch: most people fail both.
            let common = p_sig & sig;
            let (holds, held) = (common == sig, common == p_sig);
            (holds | held) && {
                let p = &people[c as usize];
                holds && contains(of(p), words) || held && contains(words, of(p))
            }
        });
        let (c, variant) = match matched {
            Some(k) => (Some(recent[k].1 as usize), false),
            None if words.len() == 1 => {
                let mut close = people.iter().enumerate().filter(|(_, p)| {
                    of(p)
                        .last()
                        .is_some_and(|last| close_spelling(last, words[0]))
                });
                match (close.next(), close.next()) {
                    (Some((c, _)), None) => (Some(c), true),
                    _ => (None, false),
                }
            }
            None => (None, false),
        };
        let (from, to) = (mark as u32, all.len() as u32);
        let c = match c {
            Some(c) => {
                let p = &mut people[c];
                if !variant && to - from > p.to - p.from {
                    (p.from, p.to) = (from, to);
                    p.sig = sig;
                    p.name = s;
                } else {
                    all.truncate(mark);
                }
                // A variant's person was found by name, not in `recent`.
                let k = matched.or_else(|| recent.iter().rposition(|&(_, q)| q as usize == c));
                to_end(recent, k.unwrap_or_default(), (p.sig, c as u32));
                c
            }
            None => {
                people.push(Gathering {
                    name: s,
                    from,
                    to,
                    sig,
                    count: 0,
                    titled: 0,
                });
                recent.push((sig, people.len() as u32 - 1));
                people.len() - 1
            }
        };
        people[c].count += 1;
        m.cluster = Some(c);
        m.variant = variant;
        if let Some((title, title_start)) = m.title {
            titled.push((c, title, title_start));
            people[c].titled += 1;
        }
    }
}

/// Moves `recent[k]` to the end as `now` (its person's signature may have grown): the
/// person just mentioned is the most recent. Most often it already is, or nearly:
/// swapped along, with no call to move memory.
fn to_end(recent: &mut [(u64, u32)], k: usize, now: (u64, u32)) {
    let Some(moved) = recent.get_mut(k..) else {
        return;
    };
    for j in 1..moved.len() {
        moved.swap(j - 1, j);
    }
    if let Some(last) = moved.last_mut() {
        *last = now;
    }
}

/// A bit per word, from its length and first and last bytes: a set of words holds
/// another only when its signature holds the other's.
fn signature(words: &[&str]) -> u64 {
    words.iter().fold(0, |sig, w| {
        let b = w.as_bytes();
        let (first, last) = (b.first().copied(), b.last().copied());
        let h = usize::from(first.unwrap_or(0)) * 7 + usize::from(last.unwrap_or(0)) * 31 + b.len();
        sig | 1 << (h % 64)
    })
}

/// The people of the story, with the titles and affiliation their mentions carry
/// (`titled`, from [`Gatherer`], in text order).
pub(super) fn people_of(
    people: Vec<Gathering<'_>>,
    titled: &[(usize, &str, usize)],
    mentions: &[Mention<'_>],
    text: &str,
) -> Vec<Person> {
    let ids = Ids::get();
    let mut out: Vec<Person> = people
        .iter()
        .enumerate()
        .map(|(c, g)| Person {
            id: ids.id(Letter::Person, c + 1),
            name: copy(g.name),
            titles: Vec::with_capacity(g.titled),
            affiliation: None,
            // Filled with the ids of its entities as they are built, in text order.
            mentions: Vec::with_capacity(g.count),
        })
        .collect();
    for &(c, title, title_start) in titled {
        let p = &mut out[c];
        if !p.titles.iter().any(|s| s == title) {
            p.titles.push(copy(title));
        }
        if p.affiliation.is_none() {
            p.affiliation = affiliation_before(mentions, text, title_start);
        }
    }
    out
}

/// The organization or country named right before a title (`Chinese Foreign
/// Ministry` before `spokesman`, `Ukrainian` before `President`).
fn affiliation_before(
    mentions: &[Mention<'_>],
    text: &str,
    title_start: usize,
) -> Option<CompactString> {
    // Mentions are in text order: only the few that start just before the title can
    // end right before it.
    let upto = mentions.partition_point(|m| m.start < title_start);
    mentions[upto.saturating_sub(4)..upto]
        .iter()
        .filter(|m| matches!(m.label, Label::Org | Label::Norp | Label::Place))
        .filter(|m| m.end <= title_start && blank(text, m.end, title_start))
        .max_by_key(|m| (m.end - m.start, m.label == Label::Org))
        .map(|m| match m.label {
            Label::Org => copy(&text[m.start..m.end]),
            _ => copy(&m.canonical),
        })
}

/// True when `text[from..to]` is whitespace only, as `text[from..to].trim().is_empty()`
/// (`from` and `to` on character boundaries). Settled by its first byte that is no
/// ASCII space (nearly always ASCII: the next word), read as bytes: slicing the text
/// checked both ends for character boundaries, and the call to `trim` decoded
/// characters from both ends; only a gap with a non-ASCII byte there (a Unicode
/// space, perhaps) is sliced and decoded.
fn blank(text: &str, from: usize, to: usize) -> bool {
    let gap = text.as_bytes().get(from..to).unwrap_or_default();
    match gap.iter().position(|&b| !is_space(b)) {
        None => true,
        // The bytes before it are ASCII: it starts a character.
        Some(i) => !gap[i].is_ascii() && text[from + i..to].trim().is_empty(),
    }
}

/// True when `b` reads as a misspelling of the surname `a`: they share a prefix of at
/// least four letters (and half the shorter word), and differ by few edits.
fn close_spelling(a: &str, b: &str) -> bool {
    // Four letters in common start with four bytes in common: most pairs differ in
    // those (or a word is shorter), and are settled with no pass over either word.
    if a.as_bytes().first_chunk::<4>() != b.as_bytes().first_chunk::<4>() {
        return false;
    }
    if a == b {
        return false;
    }
    // Two ASCII words (nearly every pair) are read as bytes: a byte is a letter. Their
    // common prefix costs no edit, and no swap reaches into it: only the rest of
    // each is compared (`skyy` and `yi` for `Zelenskyy` and `Zelenyi`).
    if a.is_ascii() && b.is_ascii() && b.len() < ROW {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        return close_letters(prefix, a.len(), b.len(), || {
            short_distance(&a[prefix..], &b[prefix..])
        });
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    // Most pairs share no four-letter prefix: their letters are never counted.
    prefix >= 4
        && close_letters(prefix, a.chars().count(), b.chars().count(), || {
            distance(a, b)
        })
}

/// The test of [`close_spelling`] given the words' common prefix, their lengths and
/// their distance (asked last: most pairs share no four-letter prefix), in letters.
fn close_letters(
    prefix: usize,
    a_len: usize,
    b_len: usize,
    distance: impl FnOnce() -> usize,
) -> bool {
    prefix >= 4 && prefix * 2 >= a_len.min(b_len) && distance() <= (a_len.max(b_len) / 3).max(1)
}

/// Edit distance with swaps of neighbours counted as one edit (optimal string
/// alignment), in characters. Two ASCII words (nearly every pair) are compared byte by
/// byte in [`short_distance`], with no list of characters and no table to allocate.
pub(in crate::entities) fn distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() && b.len() < ROW {
        return short_distance(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    table_distance(&a, &b)
}

/// The longest word [`short_distance`] compares, plus one: a surname is shorter.
const ROW: usize = 32;

/// [`table_distance`] for a `b` shorter than [`ROW`], keeping only the three rows of the
/// table it reads (on the stack) where the general one allocates the whole table.
fn short_distance(a: &[u8], b: &[u8]) -> usize {
    if a.len().abs_diff(b.len()) > 3 || b.len() >= ROW {
        return table_distance(a, b);
    }
    let w = b.len() + 1;
    // Rows `i - 2`, `i - 1` and `i` of the table, cells of `0..w`, passed along as
    // each row is done (the references move, not the rows). A cell is at most
    // `a.len()`, which is less than `ROW + 4`: a byte holds it.
    let mut rows = [[0u8; ROW]; 3];
    let [mut before, mut last, mut row] = rows.each_mut();
    for (j, cell) in last[..w].iter_mut().enumerate() {
        *cell = j as u8;
    }
    for i in 1..=a.len() {
        row[0] = i as u8;
        for j in 1..w {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            row[j] = v;
        }
        (before, last, row) = (last, row, before);
    }
    usize::from(last[w - 1])
}

/// The edit distance of letter lists: the whole table, one cell per pair of prefixes.
fn table_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.len().abs_diff(b.len()) > 3 {
        return a.len().abs_diff(b.len());
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! spelling_cases {
        ($($name:ident: $a:expr, $b:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(close_spelling($a, $b), $want);
            }
        )*};
    }

    spelling_cases! {
        dropped_letters: "Zelenskyy", "Zelenyi" => true;
        one_typo:        "Montalvo", "Montalvi" => true;
        same_word:       "Zelenskyy", "Zelenskyy" => false;
        short_prefix:    "Zelenskyy", "Zeman" => false;
        other_name:      "Rathbun", "Montalvo" => false;
        far_ending:      "Johnson", "Johnstonberger" => false;
    }

    #[test]
    fn to_end_moves_as_remove_and_push_do() {
        for len in 0..6u32 {
            for k in 0..len as usize {
                let mut recent: Vec<(u64, u32)> = (0..len).map(|c| (u64::from(c), c)).collect();
                let mut want = recent.clone();
                want.remove(k);
                want.push((99, k as u32));
                to_end(&mut recent, k, (99, k as u32));
                assert_eq!(recent, want, "{len} {k}");
            }
        }
    }

    #[test]
    fn blank_agrees_with_trim() {
        for gap in [
            "",
            " ",
            "  \t\n",
            "\u{0B}\u{0C}\r",
            "x",
            " x ",
            "\u{a0}",
            " \u{2009} ",
            "é",
            " é",
            "\u{85}",
            "Chinese ",
        ] {
            assert_eq!(blank(gap, 0, gap.len()), gap.trim().is_empty(), "{gap:?}");
            // Within a longer text, between character boundaries.
            let text = format!("é{gap}ü");
            assert_eq!(
                blank(&text, 2, 2 + gap.len()),
                gap.trim().is_empty(),
                "{gap:?}"
            );
        }
    }

    proptest::proptest! {
        /// Any mix of ASCII and Unicode spaces and other characters.
        #[test]
        fn blank_agrees_with_trim_anywhere(gap in "[ \t\n\x0B\x0C\r\u{a0}\u{85}\u{2009}\u{3000}xé]{0,8}") {
            proptest::prop_assert_eq!(blank(&gap, 0, gap.len()), gap.trim().is_empty());
        }
    }

    proptest::proptest! {
        /// Short words of a few letters (so that they share prefixes and swaps), and
        /// long ones past the rows.
        #[test]
        fn short_distance_agrees_with_the_table(a in "[abcé]{0,12}|[ab]{25,40}", b in "[abcé]{0,12}|[ab]{25,40}") {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(distance(&a, &b), table_distance(&ca, &cb));
            if a.is_ascii() && b.len() < ROW {
                proptest::prop_assert_eq!(
                    short_distance(a.as_bytes(), b.as_bytes()),
                    table_distance(a.as_bytes(), b.as_bytes())
                );
            }
        }

        /// A common prefix left out leaves the distance as it was.
        #[test]
        fn distance_after_a_common_prefix_is_the_whole_distance(a in "[abc]{0,12}", b in "[abc]{0,12}") {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            proptest::prop_assert_eq!(
                short_distance(&a[prefix..], &b[prefix..]),
                table_distance(a, b)
            );
        }

        /// The ASCII letter counts agree with the characters'; words that differ
        /// within their first four bytes (a letter of two bytes among them) too.
        #[test]
        fn close_spelling_agrees_with_counted_characters(
            a in "Z?el[eé]n[a-z]{0,8}|[eéZ]{0,6}",
            b in "Z?el[eé]n[a-z]{0,8}|[eéZ]{0,6}",
        ) {
            let (ca, cb) = (a.chars().count(), b.chars().count());
            let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            let general = a != b
                && prefix >= 4
                && prefix * 2 >= ca.min(cb)
                && distance(&a, &b) <= (ca.max(cb) / 3).max(1);
            proptest::prop_assert_eq!(close_spelling(&a, &b), general);
        }
    }

    #[test]
    fn distance_counts_swaps_once() {
        assert_eq!(distance("Kyiv", "Kiyv"), 1);
        assert_eq!(distance("Kyiv", "Kyiv"), 0);
        assert_eq!(distance("Luhansk", "Lugansk"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn words_split_as_split_whitespace_does() {
        for s in [
            "Volodymyr Zelenskyy",
            "  Lin\tJian \n",
            "a\u{0B}b\u{0C}c\rd",
            "",
            " ",
            "Zoë  Ångström",
            "Jean\u{a0}Dupont x",
            "Volodymyr Oleksandrovych Zelenskyy",
            "a b  c   d    e",
            "       x",
            "12345678 ",
            "Lin\n\rJian\x0bde\x0cla Cruz dos Santos  ",
            "Jean Dupont\u{2009}x",
            "Zoë",
            "abcdefgh",
            "abcdefg h",
            "Ab",
        ] {
            let want: Vec<&str> = std::iter::once("left over")
                .chain(s.split_whitespace())
                .collect();
            // Alone (the end of the text is read a byte at a time) and in a text that
            // goes on (its bytes are read, and masked off).
            let mut words = vec!["left over"];
            split_words(s, s.as_bytes(), &mut words);
            assert_eq!(words, want, "{s:?}");
            for after in ["", " ", "x", "xxxxxxxx", " y z\tw\u{a0}v ", "é  ü"] {
                for before in ["", "a ", "ab c\td"] {
                    let text = format!("{before}{s}{after}");
                    let mut words = vec!["left over"];
                    let at = before.len();
                    split_words(&text[at..at + s.len()], &text.as_bytes()[at..], &mut words);
                    assert_eq!(words, want, "{before:?} {s:?} {after:?}");
                }
            }
        }
    }
}
