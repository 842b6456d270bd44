//! Gazetteer hits read as word pieces: what each known span of the story may be.

use crate::gazetteer::{Class, ClassSet, Entry, Gazetteer, Hit};

use super::tokens::Tok;

mod facts;

pub(super) use facts::{country_code, iso, kind, reference, weak_place, FactCache};

/// No known piece covers the token.
pub(super) const NONE: u32 = u32::MAX;

/// Set on the tokens of a piece after its first: the token a piece starts at is told
/// by this bit of its entry alone, with no look at the piece's `t0` ([`NONE`] has the
/// bit too, as no piece starts at a token no piece covers).
pub(super) const INNER: u32 = 1 << 31;

/// A gazetteer hit aligned to whole tokens, with every reading its alias has.
#[derive(Clone, Debug)]
pub(super) struct Known<'g> {
    pub start: usize,
    pub end: usize,
    /// The tokens it covers, `t0..t1`.
    pub t0: usize,
    pub t1: usize,
    pub place: Option<&'g Entry>,
    pub norp: Option<&'g Entry>,
    pub org: Option<&'g Entry>,
    pub title: bool,
    pub given: bool,
    pub surname: bool,
    pub verb: bool,
    pub legal: bool,
    /// The alias is also a common word (`common=1` on one of its entries).
    pub common: bool,
}

impl Known<'_> {
    /// A piece over `start..end` (tokens `t0..t1`) with no reading yet: the hit's
    /// candidates fill it in.
    pub(super) const fn bare(start: usize, end: usize, t0: usize, t1: usize) -> Self {
        Known {
            start,
            end,
            t0,
            t1,
            place: None,
            norp: None,
            org: None,
            title: false,
            given: false,
            surname: false,
            verb: false,
            legal: false,
            common: false,
        }
    }

    /// True when the piece can be an entity of its own (place, nationality, org).
    /// The three readings are or-ed, not tested in turn: which of them a piece has
    /// varies from piece to piece, and each test was a branch mispredicted for many.
    pub fn is_entity(&self) -> bool {
        self.place.is_some() | self.norp.is_some() | self.org.is_some()
    }
}

/// Which place reading an ambiguous alias gets first: a country before a
/// subdivision before a region before a city ([`class_rank`]), then the most
/// populous ([`size_rank`]). Lower ranks first.
fn class_rank(e: &Entry) -> u8 {
    match e.class {
        Class::Country => 0,
        Class::Subdivision => 1,
        Class::Region => 2,
        _ => 3,
    }
}

/// The first best ranked place reading among `entries`.
fn best_place<'g>(entries: impl Iterator<Item = &'g Entry>) -> Option<&'g Entry> {
    let mut best: Option<(&Entry, (u8, u64))> = None;
    for e in entries.filter(|e| e.class.is_place()) {
        let rank = (class_rank(e), size_rank(e));
        if best.is_none_or(|(_, b)| rank < b) {
            best = Some((e, rank));
        }
    }
    best.map(|(e, _)| e)
}

/// The second part of a place's rank: the most populous first.
fn size_rank(e: &Entry) -> u64 {
    u64::MAX - e.pop()
}

/// The known pieces of a story, as [`annotate`] aligns them to its tokens.
#[derive(Debug)]
pub(super) struct Pieces<'g> {
    pub known: Vec<Known<'g>>,
    /// For each token, the index of the piece covering it (or [`NONE`]), with
    /// [`INNER`] set on the tokens of a piece after its first.
    pub at: Vec<u32>,
    /// The first tokens of the pieces that may be entities ([`Known::is_entity`]) but
    /// are not capitalized (the gazetteer's case rules let a few through), in order:
    /// noted as each such piece is read, where a walk over every piece looked later.
    pub lower_starts: Vec<u32>,
}

/// Aligns the gazetteer hits to tokens ([`Pieces`]). Never inlined, as [`tokenize`].
///
/// [`tokenize`]: super::tokens::tokenize
#[inline(never)]
pub(super) fn annotate<'g>(
    gaz: &'g Gazetteer,
    text: &str,
    hits: &[Hit],
    toks: &[Tok],
    story_country: Option<&str>,
) -> Pieces<'g> {
    let mut known = Vec::with_capacity(hits.len());
    let mut at = vec![NONE; toks.len()];
    let mut lower_starts = Vec::new();
    let mut cursor = (0, 0);
    for hit in hits {
        let Some((t0, t1, end)) = align(toks, &mut cursor, hit) else {
            continue;
        };
        // Pieces do not overlap: the first hit to claim a token keeps it.
        if !claim(&mut at, t0, t1, known.len() as u32) {
            continue;
        }
        // Filled in where it lies: a piece built aside was then copied into place.
        known.push(Known::bare(hit.start, end, t0, t1));
        let Some(k) = known.last_mut() else {
            continue;
        };
        // Most hits are a cue verb or a title written with its capital (`said`,
        // `President`): the classes the hit carries say all such a piece needs, and its
        // candidates are not read. (`common` is read only for entities and names.)
        if let Some((title, verb, legal)) = by_classes(hit, text) {
            k.title = title;
            k.verb = verb;
            k.legal = legal;
            continue;
        }
        // A given name or surname that is no common word (`Kate`, `Zelensky`): the
        // classes say all, as for the cue verbs above.
        if let Some((given, surname)) = name_only(hit) {
            k.given = given;
            k.surname = surname;
            continue;
        }
        let places = read_candidates(gaz, text, hit, k);
        // The matcher's resolver weighs qualifiers, the story's country and size; when
        // it picks no place, the best ranked reading does. Both wait until they are
        // needed: most aliases have one place reading.
        if places > 1 {
            k.place = gaz
                .resolve(hit, text, story_country)
                .filter(|e| e.class.is_place())
                .or_else(|| best_place(gaz.candidates(hit)));
        }
        // Only the candidates read above make a piece an entity. The shape first: most
        // such pieces are capitalized, and it is one load where the readings are three.
        if !toks[t0].shape.capitalized() && k.is_entity() {
            lower_starts.push(t0 as u32);
        }
    }
    Pieces {
        known,
        at,
        lower_starts,
    }
}

/// Sets the flags and readings of `k` from every candidate entry of `hit`, and
/// returns how many place readings it has. Inlined: in a call of its own the
/// reading cost more.
#[inline(always)]
fn read_candidates<'g>(gaz: &'g Gazetteer, text: &str, hit: &Hit, k: &mut Known<'g>) -> usize {
    let mut places = 0;
    // Inlined where the gazetteer reads a listed candidate and where it walks rows.
    gaz.for_each_candidate(
        hit,
        #[inline(always)]
        |e| {
            k.common |= e.is_common();
            match e.class {
                Class::Country | Class::Subdivision | Class::City | Class::Region => {
                    places += 1;
                    k.place = k.place.or(Some(e));
                }
                Class::Nationality => k.norp = k.norp.or(Some(e)),
                Class::Org => k.org = k.org.or(Some(e)),
                Class::LegalForm => k.legal = true,
                // A role is a title however written, an honorific as [`capitalized_title`].
                Class::Title => {
                    k.title |= e.kind == "role" || capitalized_title(&text[hit.start..hit.end])
                }
                Class::GivenName => k.given = true,
                Class::Surname => k.surname = true,
                Class::ReportingVerb => k.verb = true,
                Class::Currency => {}
            }
        },
    );
    places
}

/// The `title`, `verb` and `legal` flags of a piece whose hit (in `text`) has only the
/// classes of a cue verb, a title, a legal form or a currency, read from the classes:
/// what the reading of each candidate sets, as [`annotate`] does it. `None` for other
/// hits, and for a title written in lowercase or as a bare `The`, whose entries decide.
fn by_classes(hit: &Hit, text: &str) -> Option<(bool, bool, bool)> {
    let light = ClassSet::default()
        .with(Class::ReportingVerb)
        .with(Class::Title)
        .with(Class::LegalForm)
        .with(Class::Currency);
    let classes = hit.classes;
    if classes.union(light) != light {
        return None;
    }
    // The written hit only for a title: slicing the text, with its checks of
    // character boundaries, cost more than the test of classes for every hit.
    let title = classes.contains(Class::Title);
    if title && !capitalized_title(&text[hit.start..hit.end]) {
        return None;
    }
    Some((
        title,
        classes.contains(Class::ReportingVerb),
        classes.contains(Class::LegalForm),
    ))
}

/// True for an honorific as it announces a name: written with its capital (`Dr`, not
/// `dr`), and not a bare `The` (from `The Hon.`), which announces nothing.
fn capitalized_title(written: &str) -> bool {
    written.starts_with(char::is_uppercase) && written != "The"
}

/// The `given` and `surname` flags of a piece whose hit has only name classes and no
/// candidate that is a common word, read from the classes: what reading its
/// candidates sets, as [`annotate`] does it (`common` stays false). `None` for other
/// hits.
fn name_only(hit: &Hit) -> Option<(bool, bool)> {
    let names = ClassSet::default()
        .with(Class::GivenName)
        .with(Class::Surname);
    if hit.classes.union(names) != names || hit.may_be_common() {
        return None;
    }
    Some((
        hit.classes.contains(Class::GivenName),
        hit.classes.contains(Class::Surname),
    ))
}

/// Gives tokens `t0..t1` to the piece `piece` and returns true, unless a piece holds
/// one of them already (or they are not all in `at`). The tokens after the first are
/// marked [`INNER`].
fn claim(at: &mut [u32], t0: usize, t1: usize, piece: u32) -> bool {
    // A story has fewer pieces than tokens, and fewer tokens than 2^31. The last
    // index below 2^31 is [`NONE`] without its [`INNER`] bit, which must name no
    // piece ([`Scan::covering`](super::scan::Scan::covering) relies on it).
    if piece >= INNER - 1 {
        return false;
    }
    // Most pieces are one token: one test and one store, where a slice took a
    // search and a fill, each with its own set-up.
    if t1 == t0 + 1 {
        return match at.get_mut(t0) {
            Some(k) if *k == NONE => {
                *k = piece;
                true
            }
            _ => false,
        };
    }
    let Some(claimed) = at.get_mut(t0..t1) else {
        return false;
    };
    if claimed.iter().any(|&k| k != NONE) {
        return false;
    }
    claimed.fill(piece | INNER);
    if let Some(first) = claimed.first_mut() {
        *first = piece;
    }
    true
}

/// The tokens `t0..t1` a hit covers and the end of its piece (the end of its last
/// token, when a token runs past the hit), or `None` when the hit does not start on a
/// token or crosses a sentence end.
///
/// `cursor` is where the previous hit's search stopped, and the start of that hit.
/// Tokens are in text order, and so are the matcher's hits: the first token of a hit
/// is a few tokens on from the previous one's, and each token is passed over once for
/// the whole story.
fn align(toks: &[Tok], cursor: &mut (usize, usize), hit: &Hit) -> Option<(usize, usize, usize)> {
    // The tokens before the cursor start before the previous hit, so before this one
    // unless it starts before the previous one (never from the matcher): then search.
    // (Compared with the previous hit, not the token before the cursor: no load.)
    if hit.start < cursor.1 {
        cursor.0 = toks.partition_point(|t| t.start() < hit.start);
    }
    let t0 = cursor.0 + starts_before(toks.get(cursor.0..)?, hit.start);
    *cursor = (t0, hit.start);
    let first = toks.get(t0).filter(|t| t.start() == hit.start)?;
    // `first` starts the hit, so it is the hit's unless the hit is empty.
    if hit.end <= hit.start {
        return None;
    }
    // The hit's other tokens. Most hits are one token, which is in its own sentence.
    let more = toks[t0 + 1..]
        .iter()
        .take_while(|t| t.start() < hit.end)
        .count();
    let last = match more {
        0 => first,
        _ => &toks[t0 + more],
    };
    if last.sentence() != first.sentence() {
        return None;
    }
    Some((t0, t0 + 1 + more, hit.end.max(last.end())))
}

/// How many tokens at the front of `toks` start before `pos`, as
/// `toks.iter().take_while(|t| t.start < pos).count()`.
///
/// Hits are about eight tokens apart, and the tokens are in text order: when the
/// answer is within the next [`WINDOW`] tokens, a search of fixed steps finds it, each
/// step a load and a conditional add (no branch on the text, whose spacing of hits no
/// predictor foresees); further hits are walked to four tokens at a time. Never
/// inlined: on its own the loop keeps one index, inlined it kept six.
#[inline(never)]
fn starts_before(toks: &[Tok], pos: usize) -> usize {
    if let Some(window) = toks.first_chunk::<WINDOW>() {
        if window[WINDOW - 1].start() >= pos {
            return within(window, pos);
        }
    }
    let mut i = 0;
    while toks.get(i + 3).is_some_and(|t| t.start() < pos) {
        i += 4;
    }
    while toks.get(i).is_some_and(|t| t.start() < pos) {
        i += 1;
    }
    i
}

/// The tokens [`starts_before`] searches without a branch.
const WINDOW: usize = 32;

/// [`starts_before`] when the last token of `window` does not start before `pos`: the
/// halving steps of a binary search, each adding its width or nothing.
#[inline(always)]
fn within(window: &[Tok; WINDOW], pos: usize) -> usize {
    let mut i = 0;
    let mut step = WINDOW / 2;
    while step > 0 {
        // `i + step - 1 < WINDOW - 1`: the steps add up to at most `WINDOW - 1`.
        i += step * usize::from(window[i + step - 1].start() < pos);
        step /= 2;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::Lexicon;
    use super::super::tokens::tokenize;
    use super::*;

    /// The byte test for a prefixed id finds what a search for the character finds.
    #[test]
    fn prefixed_ids_by_bytes() {
        let gaz = crate::gazetteer::embedded();
        for e in gaz.entries() {
            assert_eq!(e.id.bytes().any(|b| b == b':'), e.id.contains(':'), "{e:?}");
        }
    }

    /// The one-token shortcut claims what the slice search and fill claim.
    #[test]
    fn claim_agrees_with_the_slice() {
        let base = [NONE, 3, NONE, NONE, 7, NONE];
        for t0 in 0..=base.len() + 1 {
            for t1 in t0..=base.len() + 2 {
                let (mut a, mut b) = (base, base);
                let got = claim(&mut a, t0, t1, 9);
                let want = match b.get_mut(t0..t1) {
                    Some(c) if c.iter().all(|&k| k == NONE) => {
                        for (i, k) in c.iter_mut().enumerate() {
                            *k = if i == 0 { 9 } else { 9 | INNER };
                        }
                        true
                    }
                    _ => false,
                };
                assert_eq!((got, a), (want, b), "{t0}..{t1}");
            }
        }
    }

    /// Skipping four tokens at a time counts what a walk token by token counts, for
    /// every position in a story's tokens and every suffix of them.
    #[test]
    fn starts_before_counts_as_a_walk() {
        // Long enough for the searches of fixed steps: more tokens than the window.
        let text = "In Kyiv, Ukraine's capital, the mayor said: \"We hold.\" Then he left. ";
        let text = &text.repeat(8);
        let sentence = crate::entities::tokens::tests::sentence_at(0, text.len());
        let toks = tokenize(text, &[sentence], &Lexicon::new());
        assert!(toks.len() > 2 * WINDOW);
        for from in 0..=toks.len() {
            let rest = &toks[from..];
            for pos in 0..=text.len() + 1 {
                let walk = rest.iter().take_while(|t| t.start() < pos).count();
                assert_eq!(starts_before(rest, pos), walk, "{from} {pos}");
            }
        }
    }

    /// Hits aligned in any order (the cursor searches again for a hit before the
    /// previous one) align as each does alone.
    #[test]
    fn align_in_any_order() {
        let gaz = crate::gazetteer::embedded();
        let text = "President Zelensky said in Kyiv, Ukraine, that the United States and \
                    NATO officials met Russian envoys in Donetsk region. ";
        let text = &text.repeat(4);
        let sentence = crate::entities::tokens::tests::sentence_at(0, text.len());
        let toks = tokenize(text, &[sentence], &Lexicon::new());
        let hits = gaz.find(text);
        assert!(hits.len() >= 20, "{}", hits.len());
        let alone: Vec<_> = hits.iter().map(|h| align(&toks, &mut (0, 0), h)).collect();
        let forward: Vec<usize> = (0..hits.len()).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let mixed: Vec<usize> = forward.iter().map(|&i| i * 7 % hits.len()).collect();
        for order in [forward, backward, mixed] {
            let mut cursor = (0, 0);
            for i in order {
                assert_eq!(align(&toks, &mut cursor, &hits[i]), alone[i], "{i}");
            }
        }
    }

    /// The lowercase entity starts noted while reading are those a look at every piece
    /// finds.
    #[test]
    fn lower_starts_agree_with_every_piece() {
        let gaz = crate::gazetteer::embedded();
        let text = "The Ukrainian army met russian envoys in Kyiv, ukraine and the \
                    United States; officials of nato, the un and france said, ";
        let text = &text.repeat(3);
        let sentence = crate::entities::tokens::tests::sentence_at(0, text.len());
        let toks = tokenize(text, &[sentence], &Lexicon::new());
        let pieces = annotate(gaz, text, &gaz.find(text), &toks, None);
        let want: Vec<u32> = pieces
            .known
            .iter()
            .filter(|k| k.is_entity() && !toks[k.t0].shape.capitalized())
            .map(|k| k.t0 as u32)
            .collect();
        assert_eq!(pieces.lower_starts, want);
        assert!(pieces.known.iter().filter(|k| k.is_entity()).count() >= 9);
    }

    /// The flags read from a hit's classes are those its candidates set.
    #[test]
    fn classes_agree_with_the_candidates() {
        let gaz = crate::gazetteer::embedded();
        let text = "President Biden said, the president says. The Hon. Dr Smith told \
                    reporters Acme Ltd and Acme Inc. paid 5 dollars, euros and USD. \
                    The Minister, minister Said, Mr Jones added: said Kyiv officials. \
                    GmbH, Corp, spokesman Spokesman Prime Minister PRESIDENT announced";
        let mut shortcuts = 0;
        for hit in gaz.find(text) {
            let Some(flags) = by_classes(&hit, text) else {
                continue;
            };
            shortcuts += 1;
            let mut k = Known::bare(hit.start, hit.end, 0, 1);
            assert_eq!(read_candidates(gaz, text, &hit, &mut k), 0);
            let written = &text[hit.start..hit.end];
            assert_eq!(flags, (k.title, k.verb, k.legal), "{written:?}");
            assert!(!k.is_entity() && !k.given && !k.surname, "{written:?}");
        }
        assert!(shortcuts >= 8, "{shortcuts}");
    }

    /// The name flags read from a hit's classes are those its candidates set, and
    /// none of its candidates is a common word.
    #[test]
    fn names_agree_with_the_candidates() {
        let gaz = crate::gazetteer::embedded();
        let text = "Kate Moss met John Smith, Mary Brown, Will Rose and Olena Zelenska. \
                    Volodymyr Zelensky told Rishi Sunak, Bill Gates and Amy Bell: Grace \
                    Young, Mark Long, Hope Hicks, Joy Reid and Dmitry Peskov agreed.";
        let (mut shortcuts, mut common) = (0, 0);
        for hit in gaz.find(text) {
            let written = &text[hit.start..hit.end];
            let mut k = Known::bare(hit.start, hit.end, 0, 1);
            read_candidates(gaz, text, &hit, &mut k);
            common += usize::from(k.common);
            // The key-wide bit is never false where a candidate is common.
            assert!(!k.common || hit.may_be_common(), "{written:?}");
            let Some(flags) = name_only(&hit) else {
                continue;
            };
            shortcuts += 1;
            assert_eq!(flags, (k.given, k.surname), "{written:?}");
            assert!(!k.common && !k.is_entity() && !k.title, "{written:?}");
            assert!(!k.verb && !k.legal, "{written:?}");
        }
        assert!(shortcuts >= 5 && common >= 1, "{shortcuts} {common}");
    }
}
