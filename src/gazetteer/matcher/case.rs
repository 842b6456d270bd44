//! The case and support rules: how an alias may be written in the text, and what a
//! `common=1` alias needs around it.

use super::super::words::case_bits;
use super::super::Class;
use super::shape_of;

/// Shape bits of a matched span (several may hold at once).
pub(in crate::gazetteer) mod shape {
    /// No ASCII capital letter.
    pub const LOWER: u8 = 1;
    /// The first character is an ASCII capital, no other character is.
    pub const CAPITALIZED: u8 = 2;
    /// Letters all capitals, in an all-caps context (a dateline, a caps headline).
    pub const CAPS: u8 = 4;
    /// Letters all capitals, wherever.
    pub const CAPS_ANYWHERE: u8 = 8;
}

/// How an alias is written, as far as the case rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::gazetteer) enum AliasCase {
    /// No ASCII letter (`$`, `€`, `Київ`): matches only as written.
    NoLetters,
    /// No capital ("said", "rubles", "spokesman").
    Lower,
    /// Some capital ("Kyiv", "U.S.", "McDonald").
    Upper,
}

/// The [`AliasCase`] and the [`shape`] bits of an alias, from one pass over its bytes.
pub(in crate::gazetteer) fn alias_shape(alias: &str) -> (AliasCase, u8) {
    let bits @ (first_upper, other_upper, lower) = case_bits(alias.as_bytes());
    let case = if first_upper || other_upper {
        AliasCase::Upper
    } else if lower {
        AliasCase::Lower
    } else {
        AliasCase::NoLetters
    };
    (case, shape_of(bits))
}

/// How the aliases of a type may be written in the text besides exactly as in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CaseRule {
    /// A lowercase alias also matches lowercase text. Not for legal forms, whose
    /// lowercase aliases ("as", "is", "sa") are English words unless written "AS", "SA".
    lower_text: bool,
    /// Capitals match anywhere, not only in a caps context: "Siemens AG".
    caps_anywhere: bool,
}

/// The rule for every type not in [`CASE_RULES`]: names with capitals match as
/// written, or in capitals in a dateline or a caps headline; lowercase aliases (verbs,
/// roles, currency units) match lowercase, capitalized, or in capitals.
const DEFAULT_CASE: CaseRule = CaseRule {
    lower_text: true,
    caps_anywhere: false,
};

/// Types whose case rule differs from [`DEFAULT_CASE`]. Roles need no exception: the
/// titles file lists "foreign minister" beside "Foreign Minister" where both are
/// written, and a loose rule would make "major" and "general" roles.
pub(in crate::gazetteer) const CASE_RULES: &[(&str, CaseRule)] = &[(
    "org_legal_form",
    CaseRule {
        lower_text: false,
        caps_anywhere: true,
    },
)];

/// The case rule of type `kind`.
pub(in crate::gazetteer) fn case_rule(kind: &str) -> CaseRule {
    CASE_RULES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(DEFAULT_CASE, |&(_, r)| r)
}

/// What a `common=1` alias (one that is also an English word) needs in the text to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::gazetteer) enum Support {
    /// Nothing: the alias matches like any other.
    None = 1,
    /// A place context: a place preposition right before ("in Split", "near Bath"), or
    /// a lowercase word right before (mid-sentence, not a title-case headline: "the
    /// mayor of Bath"), or a dateline ("BATH, England").
    Place = 2,
    /// Not at the start of a sentence ("Brown said", "said Gordon Brown").
    Name = 4,
}

/// The support each class of `common=1` alias needs; classes not listed need none.
/// Countries need none: "Turkey", "Chad" and "Jordan" written with a capital are the
/// country far more often than not.
pub(in crate::gazetteer) const COMMON_SUPPORT: &[(Class, Support)] = &[
    (Class::City, Support::Place),
    (Class::Subdivision, Support::Place),
    (Class::Region, Support::Place),
    (Class::GivenName, Support::Name),
    (Class::Surname, Support::Name),
    (Class::Org, Support::Name),
];

pub(in crate::gazetteer) fn support_needed(class: Class) -> Support {
    COMMON_SUPPORT
        .iter()
        .find(|(c, _)| *c == class)
        .map_or(Support::None, |&(_, s)| s)
}

/// True when an alias of a type with case rule `rule` written as `alias` may match
/// text whose first byte is not an ASCII capital (such text looks only in the small
/// table): an alias starting in lowercase (unless its type forbids lowercase text),
/// with a symbol, a digit or a non-ASCII letter. Case folding is ASCII only, so text
/// starting with a non-ASCII letter or a symbol can only match an alias starting with
/// the same.
pub(in crate::gazetteer) fn in_small_table(rule: CaseRule, alias: &str) -> bool {
    match alias.as_bytes().first() {
        Some(b) if b.is_ascii_lowercase() => rule.lower_text,
        Some(b) => !b.is_ascii_uppercase(),
        None => false,
    }
}

/// True when text without capitals may match an alias written `case` under `rule`
/// (an alias with capitals never does, not even as written).
pub(in crate::gazetteer) fn lowercase_may_match(rule: CaseRule, case: AliasCase) -> bool {
    case != AliasCase::Upper && case_ok(rule, case, true, shape::LOWER)
}

/// The case rules: may text of `shape` (or exactly as written, `exact`) match an alias
/// written `case` under `rule`?
pub(in crate::gazetteer) fn case_ok(
    rule: CaseRule,
    case: AliasCase,
    exact: bool,
    shape: u8,
) -> bool {
    let caps = shape & shape::CAPS != 0 || rule.caps_anywhere && shape & shape::CAPS_ANYWHERE != 0;
    match case {
        AliasCase::NoLetters => exact,
        AliasCase::Lower => {
            caps || shape & shape::CAPITALIZED != 0 || rule.lower_text && shape & shape::LOWER != 0
        }
        AliasCase::Upper => exact || caps,
    }
}
