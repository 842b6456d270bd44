//! The second look: runs the first reading left open take a reading seen elsewhere in
//! the story, a known person's name, or the default of their shape.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};

use crate::document::Label;
use crate::entities::clusters::keys::Keys;
use crate::entities::kinds;
use crate::entities::lexicon::{bit, Lexicon};
use crate::entities::tokens::{Shape, Tok, Tokens};
use crate::entities::{Evidence, Mention};

mod words;

use words::{sketch, Sketches, Word, Words};

/// What a run with no evidence becomes, by its shape, when nothing else in the story
/// names it. `None` drops it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shaped {
    /// `NASA`, `UAAR`: an acronym.
    Acronym,
    /// `TikTok`: a capital inside a word.
    Brand,
    /// One capitalized word inside a sentence, seen once: it waits for a late name,
    /// unless the story also writes it in lowercase ([`StoryFacts::common_word`]).
    Single,
    /// One capitalized word the story keeps using (`Scientology`): a name, and one
    /// that never got a first name, so rather an organization than a person.
    Recurring,
    /// Two or three capitalized words shaped like a personal name, whose last word the
    /// story also uses alone (`Lukaku` after `Romelu Lukaku`).
    NameLike,
    /// Other runs of several capitalized words.
    Multi,
}

const DEFAULTS: &[(Shaped, Option<Label>)] = &[
    (Shaped::Acronym, Some(Label::Org)),
    (Shaped::Brand, Some(Label::Org)),
    (Shaped::Single, None),
    (Shaped::Recurring, Some(Label::Org)),
    (Shaped::NameLike, Some(Label::Person)),
    (Shaped::Multi, None),
];

/// What the shape defaults read about the whole story.
///
/// What the story writes elsewhere of a word (a plural, a lowercase form) is searched
/// for when a run first asks about that word, not read from every token up front:
/// most runs are settled before, by a reading seen elsewhere or by their shape alone,
/// and a story asks about a few words at most.
struct StoryFacts<'t, 's> {
    text: &'t str,
    toks: &'s Tokens,
    /// How often each word stands alone as a capitalized run of its own (by bytes: a
    /// byte slice of the text is cut with no check of character boundaries).
    alone: Keys<&'t [u8]>,
    /// The acronyms the story writes with a plural `s` ([`plural_stems`]), listed
    /// when a run first asks.
    plurals: OnceCell<Vec<&'t [u8]>>,
    /// The answers of [`StoryFacts::common_word`] so far: a story asks about a few
    /// words, each of them a few times.
    common: Answers<'t>,
}

/// Answers about words, by word: a short list, searched from the start.
#[derive(Default)]
struct Answers<'t>(RefCell<Vec<(&'t str, bool)>>);

impl<'t> Answers<'t> {
    fn get_or(&self, w: &'t str, answer: impl FnOnce() -> bool) -> bool {
        if let Some(&(_, known)) = self.0.borrow().iter().find(|(k, _)| *k == w) {
            return known;
        }
        let known = answer();
        self.0.borrow_mut().push((w, known));
        known
    }
}

impl<'t> StoryFacts<'t, '_> {
    /// True when the story also writes the acronym `w` with a plural `s` (`POWs`): an
    /// acronym that takes a plural is a common noun.
    fn plural(&self, w: &str) -> bool {
        self.plurals
            .get_or_init(|| plural_stems(self.text, self.toks))
            .contains(&w.as_bytes())
    }

    /// True when the story also writes `w`, a one-word open run, in lowercase
    /// (`Iodine` at a sentence start, `iodine` elsewhere): a common word, not a name.
    fn common_word(&self, w: &'t str) -> bool {
        self.common
            .get_or(w, || written_lowercase(self.text, self.toks, w))
    }
}

/// The shape class of an open run.
fn shape_of<'t>(
    m: &Mention<'_>,
    words: &[Tok],
    text: &'t str,
    lex: &Lexicon,
    facts: &StoryFacts<'t, '_>,
) -> Option<Shaped> {
    let alone = &facts.alone;
    let word = |t: &Tok| &text[t.start()..t.end()];
    let bytes = |t: &Tok| &text.as_bytes()[t.start()..t.end()];
    // The tokens' lexicon bits, looked up with their bytes by the tokenizer, say what
    // the lexicon would.
    let has = |t: &Tok, bits: u32| t.flags & bits != 0;
    if words.len() == 1 {
        // The run's text is cut only here: a longer run is read by its words.
        let w = &text[m.start..m.end];
        // Letters are counted for words in capitals only: the rest are no acronym.
        let letters = || w.chars().filter(|c| c.is_alphabetic()).count();
        let common = has(&words[0], bit::COMMON_ACRONYM);
        debug_assert_eq!(common, lex.is_common_acronym(w), "{w}");
        return match words[0].shape {
            Shape::Upper
                if !common
                    && (2..=6).contains(&letters())
                    && letters() == w.chars().filter(|c| c.is_alphanumeric()).count()
                    && !facts.plural(w) =>
            {
                Some(Shaped::Acronym)
            }
            Shape::Camel if !NAME_PREFIXES.iter().any(|p| w.starts_with(p)) => Some(Shaped::Brand),
            // A word the story also writes in lowercase is a common word (None). That
            // is asked only where the answer matters: a single word is asked later, and
            // only when it would be kept ([`StoryFacts::common_word`]).
            Shape::Title if alone.get(w.as_bytes()).unwrap_or(0) >= 3 => {
                (!facts.common_word(w)).then_some(Shaped::Recurring)
            }
            Shape::Title if !m.initial => Some(Shaped::Single),
            _ => None,
        };
    }
    // The story's use of the last word alone decides first: it is one lookup, and the
    // shape of the words is read only for the runs it leaves in play.
    let last_alone = words.last().is_some_and(|t| alone.get(bytes(t)).is_some());
    debug_assert!(words.iter().all(|t| has(t, bit::ORG_HEAD | bit::PLACE_HEAD)
        == (lex.is_org_head(word(t)) || lex.is_place_head(word(t)))));
    let name_like = || {
        (2..=3).contains(&words.len())
            && words.iter().all(|t| {
                t.shape == Shape::Title
                    && word(t)
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                    && !has(t, bit::ORG_HEAD | bit::PLACE_HEAD)
            })
    };
    if last_alone && name_like() {
        Some(Shaped::NameLike)
    } else {
        Some(Shaped::Multi)
    }
}

/// Prefixes of surnames written with an inner capital (`McDonald`, `DeSantis`).
const NAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "O'", "O’", "De", "Di", "Da", "La", "Le", "Van", "Von",
];

/// Settles the runs the first reading left open: a run written elsewhere in the story
/// with evidence takes that reading; a run made of a known person's name words is that
/// person; the rest get the default of their shape, or are dropped. A dropped run is
/// left in place with [`Evidence::Unknown`], which no other mention has after this look.
///
/// Never inlined: it runs once per story, and a profile then shows its own cost.
#[inline(never)]
pub(in crate::entities) fn second_look(
    mentions: &mut [Mention<'_>],
    text: &str,
    toks: &Tokens,
    lex: &Lexicon,
) {
    let Asked {
        open,
        alone_words,
        name_words: named,
        unknown,
        settled,
    } = asked_about(mentions, text, toks);
    // With no open run and no weak place, the look has nothing to settle: the tables
    // below would be built for no question.
    if settled.is_empty() {
        return;
    }
    // Spans and words are byte slices of the text: cutting a `&str` checks both ends
    // for character boundaries, and the tables below cut two or three per mention.
    let bytes = text.as_bytes();
    // The first reading with evidence of each span an open run may be, by span: an
    // index into `readings` (a fingerprint table holds numbers).
    let mut seen: Keys<&[u8]> = Keys::with_capacity(0);
    let mut readings: Vec<(Label, Cow<'_, str>)> = Vec::new();
    // Most open runs were written nowhere with evidence: their bit here is clear.
    let mut seen_sketches = Sketches::default();
    let mut name_words = Words::default();
    // How often each word stands alone as a capitalized run of its own: counted in the
    // same pass over the mentions, in a table of fingerprints (a story counts a few
    // dozen words; hashing each for a hash map cost more than the count).
    let mut alone: Keys<&[u8]> = Keys::with_capacity(unknown);
    for m in mentions.iter() {
        let s = &bytes[m.start..m.end];
        // The span's bit first: it is clear for most mentions of several words as for
        // most others, where whether a mention is one word goes either way.
        let h = sketch(s);
        if alone_words.has(h) && m.t1 == m.t0 + 1 {
            alone.count(s);
        }
        if m.evidence < Evidence::Context {
            continue;
        }
        if matches!(m.label, Label::Person | Label::Org | Label::Place) && open.has(h) {
            if seen.get(s).is_none() {
                seen.insert(s, readings.len());
                readings.push((m.label, m.canonical.clone()));
            }
            seen_sketches.add(s);
        }
        if m.label == Label::Person {
            for t in &toks[m.t0..m.t1] {
                let w = &bytes[t.start()..t.end()];
                let asked = named.may_hold(w);
                // The token's lexicon bits, looked up with its bytes by the tokenizer,
                // say what the lexicon would.
                let particle = t.flags & bit::PARTICLE != 0;
                debug_assert_eq!(particle, lex.is_particle(&text[t.start()..t.end()]));
                if asked && two_chars(w) && !particle {
                    name_words.insert(w);
                }
            }
        }
    }
    let facts = StoryFacts {
        text,
        toks,
        alone,
        plurals: OnceCell::new(),
        common: Answers::default(),
    };
    // The runs settled here that are dropped are only marked: one compaction, at the
    // end, removes them with the runs the late names leave open (each compaction
    // moves every mention after the first it drops).
    // Where the runs left open (kept, with no evidence) may be: only their words are
    // asked about the late names.
    let mut left = Sketches::default();
    // The runs left open, by index: only they are read again. Room for every open
    // run, allocated once where the list grew a few times.
    let mut left_open = Vec::with_capacity(unknown);
    // Only the open runs and weak places are settled: the other mentions keep their
    // reading, and the passes below do not read them.
    for &i in &settled {
        let m = &mut mentions[i];
        let kept = 'settle: {
            // A weak place written as a word of a person's name is that person (`Montalvo`).
            if m.label == Label::Place && m.evidence == Evidence::Context {
                let words = &toks[m.t0..m.t1];
                if words
                    .iter()
                    .all(|t| name_words.contains(&bytes[t.start()..t.end()]))
                {
                    m.label = Label::Person;
                    m.kind = None;
                    m.reference = None;
                    m.country = None;
                }
                break 'settle true;
            }
            if m.evidence > Evidence::Unknown {
                break 'settle true;
            }
            let span = &bytes[m.start..m.end];
            let seen = seen_sketches.may_hold(span).then(|| seen.get(span));
            if let Some((label, canonical)) = seen.flatten().and_then(|i| readings.get(i)) {
                m.label = *label;
                m.canonical = canonical.clone();
                m.evidence = Evidence::Context;
                break 'settle true;
            }
            let words = &toks[m.t0..m.t1];
            if words
                .iter()
                .all(|t| name_words.contains(&bytes[t.start()..t.end()]))
            {
                m.label = Label::Person;
                m.evidence = Evidence::Context;
                break 'settle true;
            }
            if m.headline {
                break 'settle false;
            }
            let shaped = shape_of(m, words, text, lex, &facts);
            let label = shaped.and_then(|s| DEFAULTS.iter().find(|(k, _)| *k == s)?.1);
            match label {
                Some(l) => {
                    m.label = l;
                    m.evidence = Evidence::Shape;
                    if l == Label::Org {
                        m.kind = Some(&kinds::ORG);
                    }
                    true
                }
                // A lone word may still be the surname of a name settled above.
                None => shaped == Some(Shaped::Single),
            }
        };
        if kept && m.evidence == Evidence::Unknown {
            left.add(&bytes[m.start..m.end]);
            left_open.push(i);
        }
    }
    if left_open.is_empty() {
        return;
    }
    // A person by shape is an open run settled above: only they are read.
    let mut late_names: Keys<Word<'_>> = Keys::with_capacity(0);
    settled
        .iter()
        .map(|&i| &mentions[i])
        .filter(|m| m.label == Label::Person && m.evidence == Evidence::Shape)
        .flat_map(|m| toks[m.t0..m.t1].iter().map(|t| &bytes[t.start()..t.end()]))
        .filter(|w| left.may_hold(w))
        .for_each(|w| late_names.count(Word(w)));
    // A dropped run has no evidence: it never names a late person above. The runs left
    // open here are single words ([`Shaped::Single`]); one the story also writes in
    // lowercase is dropped. Dropped runs stay where they are, with no evidence, for
    // [`one_label_per_span`](super::one_label_per_span) to remove with its losers: one
    // compaction moves the mentions, not two.
    for i in left_open {
        let m = &mut mentions[i];
        if late_names.get(&bytes[m.start..m.end]).is_some()
            && !facts.common_word(&text[m.start..m.end])
        {
            m.label = Label::Person;
            m.evidence = Evidence::Context;
        }
    }
}

/// What the second look will ask about, as sketch bits: the story's tables keep only
/// words whose bit is set (a few others do no harm), not every word they could hold.
struct Asked {
    /// The spans of open runs: only they read `seen`.
    open: Sketches,
    /// The words `alone` is asked about: a one-word open run, the last word of a
    /// longer one.
    alone_words: Sketches,
    /// The words `name_words` is asked about: those of open runs and of weak places.
    name_words: Sketches,
    /// How many runs are open.
    unknown: usize,
    /// The open runs and the places with only the context's evidence (weak places),
    /// by index in text order: the mentions the look settles.
    settled: Vec<usize>,
}

fn asked_about(mentions: &[Mention<'_>], text: &str, toks: &[Tok]) -> Asked {
    let mut asked = Asked {
        open: Sketches::default(),
        alone_words: Sketches::default(),
        name_words: Sketches::default(),
        unknown: 0,
        settled: settled(mentions),
    };
    // Words are byte slices of the text, cut once a mention is known to be asked
    // about: most are not.
    let bytes = text.as_bytes();
    for &i in &asked.settled {
        let m = &mentions[i];
        let words = &toks[m.t0..m.t1];
        if m.evidence == Evidence::Unknown {
            let s = &bytes[m.start..m.end];
            asked.open.add(s);
            asked.unknown += 1;
            let last = match words {
                [_] | [] => s,
                [.., t] => &bytes[t.start()..t.end()],
            };
            asked.alone_words.add(last);
        }
        for t in words {
            asked.name_words.add(&bytes[t.start()..t.end()]);
        }
    }
    asked
}

/// The open runs and weak places among `mentions` ([`Asked::settled`]), by index in
/// text order. Each index is written, and kept (the count moves past it) when its
/// mention is one of them: a story's open runs and weak places are about a third of
/// its mentions, in no order a predictor learns, and a branch on each mispredicted
/// for about one mention in three. Never inlined: on its own the loop keeps its
/// values in registers.
#[inline(never)]
fn settled(mentions: &[Mention<'_>]) -> Vec<usize> {
    let mut settled = vec![0; mentions.len()];
    let mut n = 0;
    for (i, m) in mentions.iter().enumerate() {
        let open = m.evidence == Evidence::Unknown;
        let weak = (m.label == Label::Place) & (m.evidence == Evidence::Context);
        // `n <= i`: the index is in bounds.
        settled[n] = i;
        n += usize::from(open | weak);
    }
    settled.truncate(n);
    settled
}

/// True when the UTF-8 word `w` has at least two characters (`w.chars().nth(1)`
/// finds one): past its first byte, a byte that starts a character.
fn two_chars(w: &[u8]) -> bool {
    w.iter().skip(1).any(|&b| (b as i8) >= -0x40)
}

/// True when a lowercase token of the story is `w` lowercased.
fn written_lowercase(text: &str, toks: &[Tok], w: &str) -> bool {
    // A short ASCII word is lowercased on the stack, not into a new string.
    let mut buf = [0u8; 32];
    match buf.get_mut(..w.len()) {
        Some(b) if w.is_ascii() => {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            written(text, toks, b, |t| t.shape == Shape::Lower)
        }
        _ => written(text, toks, w.to_lowercase().as_bytes(), |t| {
            t.shape == Shape::Lower
        }),
    }
}

/// True when a token of the story is exactly `word` and passes `ok`. The word is
/// searched for in the text, not in every token: the few places it occurs are each
/// checked against the token starting there.
fn written(text: &str, toks: &[Tok], word: &[u8], ok: impl Fn(&Tok) -> bool) -> bool {
    if word.is_empty() {
        return false;
    }
    memchr::memmem::find_iter(text.as_bytes(), word).any(|at| {
        let i = toks.partition_point(|t| t.start() < at);
        toks.get(i)
            .is_some_and(|t| t.start() == at && t.end() == at + word.len() && ok(t))
    })
}

/// The acronyms, two or more capitals, the story writes with a plural `s` as a
/// capitalized word (`POWs` gives `POW`), read from the capitalized tokens the
/// tokenizer lists: a search of the text for each acronym asked about cost more.
fn plural_stems<'t>(text: &'t str, toks: &Tokens) -> Vec<&'t [u8]> {
    let bytes = text.as_bytes();
    let mut stems = Vec::new();
    for &i in toks.capitals() {
        let Some(t) = toks.get(i as usize) else {
            continue;
        };
        // The last byte first, with no slice cut: most capitalized words do not end in
        // `s`, and a story has a hundred or more of them.
        let end = t.end();
        if end == 0 || bytes.get(end - 1) != Some(&b's') {
            continue;
        }
        let Some(stem) = bytes.get(t.start()..end - 1) else {
            continue;
        };
        if stem.len() >= 2 && stem.iter().all(u8::is_ascii_uppercase) {
            stems.push(stem);
        }
    }
    stems
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::entities::resolve::tests::{EVIDENCES, LABELS};
    use crate::entities::tokens::{tests::sentence_at, tokenize};
    use crate::hash::WordSet;

    /// The mentions found without a branch are those a filter finds.
    #[test]
    fn settled_agrees_with_a_filter() {
        // Every pair of label and evidence, in several orders.
        let pairs: Vec<(Label, Evidence)> = LABELS
            .iter()
            .flat_map(|&l| EVIDENCES.iter().map(move |&e| (l, e)))
            .collect();
        for step in [1, 3, 5, 7] {
            let mentions: Vec<Mention> = (0..pairs.len() * 2)
                .map(|i| {
                    let (label, evidence) = pairs[i * step % pairs.len()];
                    let mut m = Mention::new(label, i, i + 1, i, i + 1);
                    m.evidence = evidence;
                    m
                })
                .collect();
            let want: Vec<usize> = (0..mentions.len())
                .filter(|&i| {
                    let m = &mentions[i];
                    m.evidence == Evidence::Unknown
                        || m.label == Label::Place && m.evidence == Evidence::Context
                })
                .collect();
            assert_eq!(settled(&mentions), want, "{step}");
            assert_eq!(settled(&mentions[..0]), Vec::<usize>::new());
        }
    }

    #[test]
    fn two_chars_agrees_with_chars() {
        for w in ["", "a", "ab", "é", "éa", "aé", "€", "€€", "x-ray", "Ü"] {
            assert_eq!(two_chars(w.as_bytes()), w.chars().nth(1).is_some(), "{w:?}");
        }
    }

    /// The bits the second look reads from tokens are the lexicon's answers.
    #[test]
    fn token_bits_agree_with_the_lexicon() {
        let text = "Marc de la Cruz and van Gogh met NATO, the UN and CEO staff at the \
                    Refugee Council in Fisht Stadium, River Province; Ministry van Der.";
        let lex = Lexicon::new();
        let toks = tokenize(text, &[sentence_at(0, text.len())], &lex);
        let mut seen = 0;
        for t in &toks {
            let w = &text[t.start()..t.end()];
            let flags = t.flags;
            assert_eq!(flags & bit::PARTICLE != 0, lex.is_particle(w), "{w}");
            assert_eq!(
                flags & bit::COMMON_ACRONYM != 0,
                lex.is_common_acronym(w),
                "{w}"
            );
            let head = lex.is_org_head(w) || lex.is_place_head(w);
            assert_eq!(flags & (bit::ORG_HEAD | bit::PLACE_HEAD) != 0, head, "{w}");
            seen += usize::from(flags & (bit::PARTICLE | bit::ORG_HEAD | bit::PLACE_HEAD) != 0);
        }
        assert!(seen >= 4, "{seen}");
    }

    /// The searches in the text, and the list of the capitalized tokens, find what a
    /// look at every token finds.
    #[test]
    fn searches_agree_with_every_token() {
        let text = "Iodine and iodine-rich IODINE. Trust trusts TRUST Über über \
                    POWs and POW, NATO NATOs NATOS ABCs ABC. iodines Xs X Über-Fan \
                    Trust.trust ÉCOLE école MPs' MPS AS As";
        let toks = tokenize(text, &[sentence_at(0, text.len())], &Lexicon::new());
        let word = |t: &Tok| &text[t.start()..t.end()];
        // The plural acronyms as a set, as the whole story's tokens give them.
        let plurals: WordSet<&str> = toks
            .iter()
            .filter(|u| u.shape.capitalized())
            .filter_map(|u| {
                let stem = word(u).strip_suffix('s')?;
                (stem.len() >= 2 && stem.bytes().all(|b| b.is_ascii_uppercase())).then_some(stem)
            })
            .collect();
        let stems = plural_stems(text, &toks);
        assert_eq!(stems.len(), plurals.len(), "{stems:?}");
        for t in toks.iter() {
            let w = word(t);
            let lower = w.to_lowercase();
            let want = toks
                .iter()
                .any(|u| u.shape == Shape::Lower && word(u) == lower);
            assert_eq!(written_lowercase(text, &toks, w), want, "{w:?}");
            assert_eq!(stems.contains(&w.as_bytes()), plurals.contains(w), "{w:?}");
        }
        assert!(written_lowercase(text, &toks, "Iodine"));
        assert!(!written_lowercase(text, &toks, "Banana"));
        assert!(stems.contains(&&b"POW"[..]) && stems.contains(&&b"ABC"[..]));
        assert!(!stems.contains(&&b"NATOS"[..]));
    }
}
