//! Word tables the entity rules read. Adding a word is a one-line change.
//!
//! These are closed-class words and name heads, not names: names come from the
//! gazetteers and from the shape and context of the words.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::hash::WordHasher;

mod table;

use table::WordTable;

type Map = HashMap<&'static str, &'static str, BuildHasherDefault<WordHasher>>;

/// Capitalized words that never start a name: a capital on them says the sentence
/// starts here, not that a name does.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "My", "Your", "Him", "Them", "Us", "Me", "In",
    "On", "At", "By", "For", "From", "With", "Without", "Of", "To", "Into", "Onto", "Upon",
    "And", "But", "Or", "Nor", "So", "Yet", "If", "When", "While", "Where", "What", "Who",
    "Whom", "Whose", "Which", "Why", "How", "As", "After", "Before", "During", "Since",
    "Until", "Although", "Though", "Because", "According", "Also", "However", "Meanwhile",
    "Despite", "Among", "Amid", "Under", "Over", "Both", "Each", "Every", "All", "Some",
    "Many", "Most", "Several", "Such", "No", "Not", "Now", "Then", "There", "Here", "Today",
    "Yesterday", "Tomorrow", "Last", "Next", "One", "Two", "Three", "Four", "Five", "Six",
    "Seven", "Eight", "Nine", "Ten", "Earlier", "Later", "Still", "Even", "Only", "Just",
    "Other", "Another", "Instead", "Thus", "Moreover", "Further", "Furthermore", "Indeed",
    "Once", "Again", "Nearly", "About", "Around", "Almost", "More", "Less", "Yes", "Please",
    "Let", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Be", "Been", "Has", "Have", "Had",
    "Would", "Can", "Could", "Should", "Might", "Must", "Shall", "Any", "Few", "Much", "Very",
    "Well", "Already", "Recently", "Currently", "Finally", "Overall", "Including", "Following",
    "Through", "Throughout", "Against", "Between", "Within", "Without", "Toward", "Towards",
    "Like", "Unlike", "Whether", "Unless", "Whatever", "Whoever", "Everyone", "Everything",
    "Nobody", "Nothing", "Someone", "Something", "Anyone", "Anything", "None", "Neither",
    "Either", "Otherwise", "Perhaps", "Maybe", "Often", "Sometimes", "Never", "Always",
    "Though", "Therefore", "Hence", "Besides", "Above", "Below", "Beyond", "Via", "Per",
    "Plus", "Mr", "Oh", "Why", "Hello", "Thanks", "Dear", "Image", "Photo", "Video", "Source",
    "Sources", "Update", "Updated", "Breaking", "Read", "See", "Watch", "Listen", "Follow",
    "Click", "First", "Second", "Third", "Second", "New", "Old", "Former", "Top", "Key",
    "Main",
];

/// Calendar words: capitalized, never an entity of ours.
#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat",
    "Sun", "Christmas", "Easter", "Ramadan", "Eid", "Thanksgiving", "Halloween", "AM", "PM",
    "GMT", "UTC", "EST", "EDT", "PST", "PDT", "CET", "BST",
];

/// Last words of organization names (`Refugee Council`, `Straits Times`).
#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "Agency", "Agencies", "Committee", "Council", "Party", "Bank", "Court", "Commission",
    "Institute", "Institution", "Association", "Corporation", "Corp", "Corp.", "Company",
    "Co.", "Group", "Foundation", "Union", "Federation", "Organization", "Organisation",
    "Department", "Office", "Service", "Services", "Army", "Navy", "Force", "Forces",
    "Ministry", "University", "College", "School", "Academy", "Church", "Society", "League",
    "Authority", "Board", "Bureau", "Club", "Fund", "Trust", "Network", "News", "Times",
    "Post", "Journal", "Herald", "Tribune", "Gazette", "Magazine", "Press", "Airlines",
    "Airways", "Motors", "Industries", "Holdings", "Technologies", "Systems", "Laboratories",
    "Labs", "Police", "Guard", "Guards", "Parliament", "Congress", "Senate", "Assembly",
    "Cabinet", "Government", "Administration", "Coalition", "Alliance", "Movement", "Front",
    "Brigade", "Brigades", "Legion", "Corps", "Conference", "Secretariat", "Directorate",
    "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "PLC", "Plc", "GmbH", "AG", "SA", "NV", "BV", "SpA",
    "AB", "ASA", "Pty", "Partners", "Studios", "Entertainment", "Media", "Broadcasting",
    "Television", "Radio", "Chamber", "Tribunal", "Ministries", "Regiment", "Battalion",
    "Division", "Unit", "Command", "Marines", "Team", "Squad", "Orchestra", "Band",
    "Institutes", "Observatory", "Federal", "Reserve", "Exchange", "Enterprises",
    "Pharmaceuticals", "Energy", "Petroleum", "Oil", "Electric", "Telecom", "Communications",
    "Insurance", "Capital", "Ventures", "Investments", "Bancorp", "Foods", "Brands", "Stores",
    "Mobile", "Software", "Games", "Records", "Publishing", "Publications", "Review", "Daily",
    "Weekly", "Monthly", "Mail", "Telegraph", "Express", "Observer", "Independent", "Guardian",
    "Globe", "Star", "Sun", "Mirror", "Chronicle", "Courier", "Standard", "Inquirer",
    "Examiner", "Wire",
];

/// Last words of place names (`Fisht Stadium`, `Constitution Hall`).
#[rustfmt::skip]
const PLACE_HEADS: &[&str] = &[
    "Street", "St.", "Avenue", "Ave", "Road", "Boulevard", "Lane", "Square", "Plaza", "Hall",
    "Stadium", "Arena", "Station", "Airport", "Bridge", "River", "Lake", "Mountain",
    "Mountains", "Hills", "Island", "Islands", "Bay", "Gulf", "Sea", "Ocean", "Valley",
    "Desert", "County", "Province", "Region", "District", "City", "Town", "Village",
    "Memorial", "Tower", "Towers", "Palace", "Building", "Beach", "Peninsula", "Strait",
    "Straits", "Canal", "Coast", "Highway", "Centre", "Center", "Cathedral", "Temple",
    "Mosque", "Park", "Prison", "Camp", "Base", "Port", "Harbour", "Harbor", "Castle",
    "Museum", "Zoo", "Garden", "Gardens", "Forest", "Falls", "Canyon", "Creek", "Heights",
    "Basin", "Delta", "Oblast", "Krai", "Prefecture", "Governorate", "Territory",
    "Territories", "Republic",
];

/// First words of place names (`Mount Everest`, `Lake Baikal`, `Gulf of Mexico`).
#[rustfmt::skip]
const PLACE_FIRSTS: &[&str] = &[
    "Mount", "Mt.", "Lake", "Gulf", "Isle", "Cape", "Fort", "Port", "Bay",
];

/// Lowercase words after a place name that belong to it (`Donetsk region`).
#[rustfmt::skip]
pub(super) const PLACE_SUFFIXES: &[&str] = &[
    "region", "province", "oblast", "district", "county", "governorate", "prefecture", "area",
    "state", "territory", "city",
];

/// Particles inside personal names (`Claudio de Vincenti`, `Ludwig van Beethoven`).
#[rustfmt::skip]
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "ter",
    "bin", "ibn", "al", "el", "le", "la", "du", "des", "y", "bint", "ben",
];

/// Heads that open a name with `of` (`University of Helsinki`, `Republic of Korea`).
#[rustfmt::skip]
const OF_HEADS: &[&str] = &[
    "University", "Ministry", "Department", "Bank", "Church", "Republic", "Kingdom",
    "Municipality", "Province", "City", "Gulf", "Isle", "Sea", "Bay", "Council", "Institute",
    "Museum", "Court", "Commission", "Federation", "Union", "Association", "Society", "League",
    "Office", "Academy", "College", "School", "Board", "Bureau", "Secretary", "Minister",
    "Chamber", "House", "Order", "Party", "Federated", "States", "Islands", "Duke", "Prince",
    "Princess", "King", "Queen", "Emir", "Sultan", "Archbishop", "Bishop", "Mayor", "Governor",
    "Centre", "Center", "Organization", "Organisation", "Corps", "Comic", "Army", "Agency",
    "Committee", "Movement", "Front", "Coalition", "Alliance", "Foundation", "Fund", "Trust",
    "Parliament", "Assembly", "Strait", "Straits", "Cape", "Lake", "Islamic", "Democratic",
];

/// Lowercase (or capitalized) words after a nationality that name a country's armed
/// forces, with the canonical head (`Russian army` → `Russian Armed Forces`).
pub(super) const MILITARY: &[(&str, &str)] = &[
    ("armed forces", "Armed Forces"),
    ("army", "Armed Forces"),
    ("navy", "Navy"),
    ("air force", "Air Force"),
    ("marines", "Marines"),
    ("coast guard", "Coast Guard"),
    ("national guard", "National Guard"),
];

/// Ministry topics and their canonical form (`Foreign Ministry` → `Ministry of Foreign
/// Affairs of China`).
pub(super) const MINISTRY_TOPICS: &[(&str, &str)] = &[
    ("Foreign", "Foreign Affairs"),
    ("Defence", "Defence"),
    ("Defense", "Defense"),
    ("Interior", "Internal Affairs"),
    ("Finance", "Finance"),
    ("Justice", "Justice"),
    ("Health", "Health"),
    ("Economy", "Economy"),
    ("Economic", "Economy"),
    ("Education", "Education"),
    ("Agriculture", "Agriculture"),
    ("Energy", "Energy"),
    ("Trade", "Trade"),
    ("Commerce", "Commerce"),
    ("Culture", "Culture"),
    ("Transport", "Transport"),
    ("Environment", "Environment"),
    ("Labour", "Labour"),
    ("Labor", "Labor"),
    ("Emergency", "Emergency Situations"),
    ("Emergencies", "Emergency Situations"),
    ("Information", "Information"),
    ("Industry", "Industry"),
    ("Digital", "Digital Transformation"),
];

/// Well-known government bodies named by a fixed phrase rather than by a head word.
pub(super) const FIXED_ORGS: &[(&str, &str, &str)] = &[
    (
        "State Department",
        "United States Department of State",
        "US",
    ),
    (
        "Department of State",
        "United States Department of State",
        "US",
    ),
    ("Home Office", "Home Office", "GB"),
    (
        "Foreign Office",
        "Foreign, Commonwealth and Development Office",
        "GB",
    ),
];

/// Role words, used with the gazetteer's titles (a role may be missing from it).
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "president", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary",
    "ambassador", "chancellor", "premier", "governor", "mayor", "senator", "congressman",
    "congresswoman", "representative", "lawmaker", "general", "colonel", "captain",
    "lieutenant", "sergeant", "commander", "admiral", "major", "chief", "director", "chairman",
    "chairwoman", "chair", "ceo", "founder", "professor", "dr.", "mr.", "mrs.", "ms.", "prof.",
    "gen.", "col.", "lt.", "sgt.", "capt.", "gov.", "sen.", "rep.", "rev.", "dr", "mr", "mrs",
    "ms", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop", "archbishop",
    "sheikh", "emir", "judge", "justice", "prosecutor", "attorney", "lawyer", "coach",
    "manager", "striker", "midfielder", "defender", "goalkeeper", "player", "analyst",
    "economist", "researcher", "scientist", "envoy", "diplomat", "leader", "head", "official",
    "officer", "commissioner", "deputy", "sheriff", "inspector", "detective", "constable",
    "superintendent", "editor", "reporter", "correspondent", "journalist", "author", "writer",
    "actor", "actress", "singer", "rapper", "artist", "designer", "producer", "executive",
    "owner", "adviser", "advisor", "aide", "vice-president", "undersecretary", "councillor",
    "councilor", "chancellor", "dean", "rector", "principal", "teacher", "student", "doctor",
    "nurse", "pastor", "priest", "rabbi", "imam", "ayatollah", "cleric", "activist",
    "campaigner", "candidate", "nominee", "member", "partner", "colleague", "spokesmen",
    "spokespeople", "premier", "senior", "expert", "specialist", "member", "mp", "mep",
    "president-elect", "boss",
];

/// Words that may come before a role inside a title (`Prime Minister`, `Foreign
/// Minister`, `Shadow Home Secretary`).
#[rustfmt::skip]
const ROLE_MODIFIERS: &[&str] = &[
    "prime", "foreign", "deputy", "vice", "chief", "former", "acting", "interim", "senior",
    "first", "home", "shadow", "defence", "defense", "interior", "finance", "justice",
    "health", "education", "general", "state", "attorney", "executive", "managing",
    "assistant", "associate", "lead", "head", "police", "army", "military", "supreme", "grand",
    "high", "lord", "economy", "trade", "energy", "culture", "transport", "environment",
    "agriculture", "labour", "labor", "secretary", "team", "party", "opposition", "majority",
    "minority", "parliamentary", "press", "national", "regional", "foreign-affairs", "then",
    "late", "incoming", "outgoing", "co", "founding", "union",
];

/// Honorifics: what follows is a person's name.
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Sir",
    "Dame", "Lord", "Lady", "Madam", "Mme", "Messrs",
];

/// Reporting verbs after or before a name (`X said`, `said X`), used with the
/// gazetteer's reporting verbs.
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "stated", "explained", "noted", "warned",
    "announced", "asked", "insisted", "claimed", "denied", "argued", "wrote", "tweeted",
    "recalled", "confirmed", "assured", "stressed", "urged", "replied", "responded",
    "declared", "commented", "acknowledged", "admitted", "suggested", "believes", "believed",
    "agreed", "concluded", "revealed", "emphasized", "emphasised", "testified", "alleged",
    "complained", "predicted", "remarked", "observed", "promised", "vowed", "indicated",
    "estimated", "also", "later",
];

/// Acronyms and capitalized abbreviations that are common nouns, not organizations.
#[rustfmt::skip]
const COMMON_ACRONYMS: &[&str] = &[
    "CEO", "CFO", "COO", "CTO", "MP", "MPs", "MEP", "POW", "GDP", "TV", "PC", "AM", "PM",
    "DNA", "HIV", "AIDS", "OK", "ID", "IT", "AI", "VIP", "PhD", "CCTV", "SUV", "ATM", "FAQ",
    "USB", "GPS", "SMS", "CD", "DVD", "HD", "LED", "RNA", "IQ", "PR", "HR", "VAT", "GMO",
    "COVID", "SARS", "MERS", "IVF", "ICU", "ER", "CPR", "UFO", "RPG", "IED", "AK", "SOS",
    "LGBT", "LGBTQ", "RSVP", "ASAP", "DIY", "BBQ", "APP", "API", "URL", "PDF", "I", "II",
    "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI", "A", "OMG", "LOL",
];

/// Words of sports reports. A story that uses several of them is a sports story,
/// where a country's name stands for its team (`Sweden defeated South Korea`).
#[rustfmt::skip]
pub(super) const SPORTS: &[&str] = &[
    "goal", "goals", "scored", "penalty", "referee", "striker", "midfielder", "goalkeeper",
    "defender", "tournament", "league", "championship", "playoff", "playoffs", "semi-final",
    "semifinal", "quarter-final", "quarterfinal", "halftime", "half-time", "innings", "wicket",
    "touchdown", "squad", "stoppage", "equaliser", "equalizer", "kick-off", "substituted",
    "booked",
];

/// What a word is, as bits: every table above in one hash lookup.
pub(super) mod bit {
    pub const STOP: u32 = 1;
    pub const CALENDAR: u32 = 1 << 1;
    pub const ORG_HEAD: u32 = 1 << 2;
    pub const PLACE_HEAD: u32 = 1 << 3;
    pub const PLACE_FIRST: u32 = 1 << 4;
    pub const PARTICLE: u32 = 1 << 5;
    pub const OF_HEAD: u32 = 1 << 6;
    pub const ROLE: u32 = 1 << 7;
    pub const ROLE_MODIFIER: u32 = 1 << 8;
    pub const HONORIFIC: u32 = 1 << 9;
    pub const VERB: u32 = 1 << 10;
    pub const COMMON_ACRONYM: u32 = 1 << 11;
    pub const SPORTS: u32 = 1 << 12;
    /// The first word of a [`FIXED_ORGS`](super::FIXED_ORGS) phrase.
    pub const FIXED_FIRST: u32 = 1 << 13;
    /// The rules' short word tables, read about the words around a run: one bit test
    /// where a search of the table compared lengths and bytes word by word, and
    /// mispredicted on the length of the word asked about.
    /// A [`LOCATIVE`](crate::entities::scan::LOCATIVE) preposition.
    pub const LOCATIVE: u32 = 1 << 14;
    /// One of the [`DETERMINERS`](crate::entities::scan::DETERMINERS).
    pub const DETERMINER: u32 = 1 << 15;
    /// One of the [`PREPOSITIONS`](crate::entities::people::PREPOSITIONS).
    pub const PREPOSITION: u32 = 1 << 16;
    /// One of the [`SAID_BEFORE`](crate::entities::people::SAID_BEFORE) verbs.
    pub const SAID_BEFORE: u32 = 1 << 17;
    /// One of the [`TITLE_LINKS`](crate::entities::people::TITLE_LINKS).
    pub const TITLE_LINK: u32 = 1 << 18;
    /// One of the [`PLACE_SUFFIXES`](super::PLACE_SUFFIXES).
    pub const PLACE_SUFFIX: u32 = 1 << 19;
    /// A word that joins a name to what it is of (`of`, `for`, `on`), and one that
    /// joins two parts of a name (`and`, `de`): [`OF_LINKS`](super::OF_LINKS),
    /// [`AND_LINKS`](super::AND_LINKS).
    pub const OF_LINK: u32 = 1 << 20;
    pub const AND_LINK: u32 = 1 << 21;
    /// A word the quantities stage starts a number at (`seven`, `Dozen`, `MILLION`),
    /// lowercase, capitalized or in capitals: the tokenizer notes it for that stage
    /// ([`Words::numbers`](crate::entities::Words::numbers)).
    pub const NUMBER: u32 = 1 << 22;
}

/// Lowercase words that join a capitalized run to what it is of (`Ministry of
/// Defence`, `Council for ...`), when a head is near.
pub(super) const OF_LINKS: &[&str] = &["of", "for", "on"];

/// Lowercase words that join two parts of a name with a head (`Trade and Industry`,
/// `Banco de España`).
pub(super) const AND_LINKS: &[&str] = &["and", "de", "du", "des", "del"];

/// The tables above, hashed once per pipeline into one map from word to bits.
#[derive(Debug)]
pub(super) struct Lexicon {
    /// Every word of the tables, for words too long for `table`.
    words: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    table: WordTable,
    topics: Map,
}

/// `president` → `President`: roles and their modifiers match in either case.
fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut words: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
        let mut add = |table: &[&str], b: u32, both_cases: bool| {
            for w in table {
                *words.entry((*w).into()).or_insert(0) |= b;
                if both_cases {
                    *words.entry(w.to_lowercase().into()).or_insert(0) |= b;
                    *words.entry(capitalized(w).into()).or_insert(0) |= b;
                }
            }
        };
        add(STOP, bit::STOP, false);
        add(CALENDAR, bit::CALENDAR, false);
        add(ORG_HEADS, bit::ORG_HEAD | bit::OF_HEAD, false);
        add(PLACE_HEADS, bit::PLACE_HEAD | bit::OF_HEAD, false);
        add(PLACE_FIRSTS, bit::PLACE_FIRST, false);
        add(NAME_PARTICLES, bit::PARTICLE, false);
        add(OF_HEADS, bit::OF_HEAD, false);
        add(ROLES, bit::ROLE, true);
        add(ROLE_MODIFIERS, bit::ROLE_MODIFIER, true);
        add(HONORIFICS, bit::HONORIFIC, false);
        add(VERBS, bit::VERB, false);
        add(COMMON_ACRONYMS, bit::COMMON_ACRONYM, false);
        add(SPORTS, bit::SPORTS, false);
        let fixed_firsts: Vec<&str> = FIXED_ORGS
            .iter()
            .filter_map(|(phrase, _, _)| phrase.split(' ').next())
            .collect();
        add(&fixed_firsts, bit::FIXED_FIRST, false);
        add(super::scan::LOCATIVE, bit::LOCATIVE, false);
        add(super::scan::DETERMINERS, bit::DETERMINER, false);
        add(super::people::PREPOSITIONS, bit::PREPOSITION, false);
        add(super::people::SAID_BEFORE, bit::SAID_BEFORE, false);
        add(super::people::TITLE_LINKS, bit::TITLE_LINK, false);
        add(PLACE_SUFFIXES, bit::PLACE_SUFFIX, false);
        add(OF_LINKS, bit::OF_LINK, false);
        add(AND_LINKS, bit::AND_LINK, false);
        for w in crate::quantities::number_words() {
            for form in [w.to_string(), capitalized(w), w.to_uppercase()] {
                *words.entry(form.into()).or_insert(0) |= bit::NUMBER;
            }
        }
        Lexicon {
            table: WordTable::new(&words),
            words,
            topics: MINISTRY_TOPICS.iter().copied().collect(),
        }
    }

    /// Every table `w` is in, as [`bit`]s.
    #[inline]
    pub fn flags(&self, w: &str) -> u32 {
        if w.len() <= WordTable::MAX {
            self.table.get(w.as_bytes())
        } else {
            self.long_word(w)
        }
    }

    /// [`flags`](Lexicon::flags) of the word of `n` ASCII letters at `text[start..]`,
    /// given `chunk`, the sixteen bytes at `start` that the tokenizer has already read:
    /// the word's key is then a mask away, whatever its length up to sixteen, and the
    /// lookup has no branch. Looking up a word of nine bytes or more another way was a
    /// branch on the word's length, which went either way at random on fresh text.
    #[inline]
    pub fn chunk_flags(&self, text: &str, start: usize, n: usize, chunk: &[u8; 16]) -> u32 {
        if n > WordTable::MAX {
            return self.longest_flags(&text[start..start + n]);
        }
        let (head, tail) = chunk.split_at(8);
        let half = |h: &[u8]| u64::from_le_bytes(h.try_into().unwrap_or([0; 8]));
        self.table.get_prefix(half(head), half(tail), n)
    }

    /// [`flags`](Lexicon::flags) of the ASCII word `text[start..end]`, given `first`, the
    /// eight bytes at `start` (little-endian, bytes past the word included) that the
    /// tokenizer has already read: the key of a word of eight bytes or fewer is then a
    /// mask away. For the tokenizer's general path; its fast path has sixteen bytes
    /// ([`chunk_flags`](Lexicon::chunk_flags)).
    #[inline]
    pub fn ascii_flags(&self, text: &str, start: usize, end: usize, first: u64) -> u32 {
        let n = end - start;
        if n <= 8 {
            self.table.get_prefix(first, 0, n)
        } else {
            self.flags(&text[start..end])
        }
    }

    /// [`flags`](Lexicon::flags) of a word longer than sixteen bytes (out of line: few
    /// words are).
    #[cold]
    #[inline(never)]
    fn longest_flags(&self, w: &str) -> u32 {
        self.flags(w)
    }

    /// [`flags`](Lexicon::flags) of a word too long for the table (no table has one).
    #[cold]
    #[inline(never)]
    fn long_word(&self, w: &str) -> u32 {
        self.words.get(w).copied().unwrap_or(0)
    }

    fn has(&self, w: &str, b: u32) -> bool {
        self.flags(w) & b != 0
    }

    pub fn is_org_head(&self, w: &str) -> bool {
        self.has(w, bit::ORG_HEAD)
    }
    pub fn is_place_head(&self, w: &str) -> bool {
        self.has(w, bit::PLACE_HEAD)
    }
    pub fn is_particle(&self, w: &str) -> bool {
        self.has(w, bit::PARTICLE)
    }
    /// A role word, lowercase or capitalized (`spokesman`, `President`).
    pub fn is_role(&self, w: &str) -> bool {
        self.has(w, bit::ROLE)
    }
    pub fn is_verb(&self, w: &str) -> bool {
        self.has(w, bit::VERB)
    }
    pub fn is_common_acronym(&self, w: &str) -> bool {
        self.has(w, bit::COMMON_ACRONYM)
    }

    /// The canonical ministry topic of `w` (`Foreign` → `Foreign Affairs`).
    pub fn topic(&self, w: &str) -> Option<&'static str> {
        self.topics.get(w).copied()
    }
}

#[cfg(test)]
mod tests;
