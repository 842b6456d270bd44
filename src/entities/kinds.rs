//! The kinds the rules give mentions that no gazetteer entry names, as the output
//! writes them: a mention points at one and its entity clones it (24 bytes, no test
//! of its length). A known entry's kind is its [`Entry::kind_string`].
//!
//! [`Entry::kind_string`]: crate::gazetteer::Entry::kind_string

use compact_str::CompactString;

pub(super) static PLACE: CompactString = CompactString::const_new("place");
pub(super) static COUNTRY: CompactString = CompactString::const_new("country");
pub(super) static TEAM: CompactString = CompactString::const_new("team");
pub(super) static ORG: CompactString = CompactString::const_new("org");
pub(super) static MINISTRY: CompactString = CompactString::const_new("ministry");
pub(super) static ARMED_FORCES: CompactString = CompactString::const_new("armed_forces");
pub(super) static GOVERNMENT: CompactString = CompactString::const_new("government");
pub(super) static NEWS_AGENCY: CompactString = CompactString::const_new("news_agency");
pub(super) static EDUCATION: CompactString = CompactString::const_new("education");
pub(super) static COMPANY: CompactString = CompactString::const_new("company");
