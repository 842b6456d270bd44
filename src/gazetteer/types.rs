//! The `type` column: its values, the class of each, and each name as the output
//! writes it.

use compact_str::CompactString;

use super::Class;

/// The `type` column values and the class each belongs to. User files use the same
/// types; an unknown type is an error naming the file and line.
pub(crate) const TYPES: &[(&str, Class)] = &[
    ("country", Class::Country),
    ("demonym_adj", Class::Nationality),
    ("demonym_pl", Class::Nationality),
    ("demonym_noun", Class::Nationality),
    ("subdivision", Class::Subdivision),
    ("city", Class::City),
    ("capital", Class::City),
    ("continent", Class::Region),
    ("region", Class::Region),
    ("igo", Class::Org),
    ("news_agency", Class::Org),
    ("news_outlet", Class::Org),
    ("company", Class::Org),
    ("ministry", Class::Org),
    ("government", Class::Org),
    ("armed_forces", Class::Org),
    ("party", Class::Org),
    ("armed_group", Class::Org),
    ("org", Class::Org),
    ("org_legal_form", Class::LegalForm),
    ("honorific", Class::Title),
    ("honorific_abbrev", Class::Title),
    ("role", Class::Title),
    ("given_name", Class::GivenName),
    ("surname", Class::Surname),
    ("VB", Class::ReportingVerb),
    ("VBZ", Class::ReportingVerb),
    ("VBD", Class::ReportingVerb),
    ("VBN", Class::ReportingVerb),
    ("VBG", Class::ReportingVerb),
    ("CUE", Class::ReportingVerb),
    ("currency_name", Class::Currency),
    ("currency_unit", Class::Currency),
    ("currency_code", Class::Currency),
    ("currency_symbol", Class::Currency),
];

/// The [`TYPES`] names as the output writes them (an entity's `kind`), in their
/// order: a mention's entity clones one, a copy of 24 bytes, where it built one from
/// the name (a test of its length that mispredicted as the kinds came).
pub(super) static TYPE_NAMES: [CompactString; TYPES.len()] = {
    // An entry keeps its type's index in a byte.
    assert!(TYPES.len() <= 256);
    let mut names = [const { CompactString::const_new("") }; TYPES.len()];
    let mut i = 0;
    while i < TYPES.len() {
        // Replaced and forgotten, not assigned: a constant may not drop the empty
        // name (which holds nothing).
        std::mem::forget(std::mem::replace(
            &mut names[i],
            CompactString::const_new(TYPES[i].0),
        ));
        i += 1;
    }
    names
};
