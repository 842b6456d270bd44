//! The stories of the built-in bench corpus, kept apart from the corpus code so that
//! the criterion benches (`benches/pipeline.rs`) run over the same texts.

/// Every story of `tests/data`, by its path there: the twelve Wikinews articles of
/// `tests/data/wikinews` and the reference story, in the order the benchmark corpora of
/// `scripts/bench_corpora.py` take them. Thirteen stories in turn are more than a CPU's
/// branch predictor learns, so they run at the speed of news it has not seen; one story
/// repeated runs up to twice as fast (README, "Repeated text"). A story added to
/// `tests/data` gets a line here (a unit test checks).
pub const STORIES: &[(&str, &str)] = &[
    (
        "wikinews/afghan.txt",
        include_str!("../../../tests/data/wikinews/afghan.txt"),
    ),
    (
        "wikinews/clock.txt",
        include_str!("../../../tests/data/wikinews/clock.txt"),
    ),
    (
        "wikinews/defector.txt",
        include_str!("../../../tests/data/wikinews/defector.txt"),
    ),
    (
        "wikinews/expo.txt",
        include_str!("../../../tests/data/wikinews/expo.txt"),
    ),
    (
        "wikinews/hackers.txt",
        include_str!("../../../tests/data/wikinews/hackers.txt"),
    ),
    (
        "wikinews/ie9.txt",
        include_str!("../../../tests/data/wikinews/ie9.txt"),
    ),
    (
        "wikinews/iodine.txt",
        include_str!("../../../tests/data/wikinews/iodine.txt"),
    ),
    (
        "wikinews/lanterns.txt",
        include_str!("../../../tests/data/wikinews/lanterns.txt"),
    ),
    (
        "wikinews/questionnaire.txt",
        include_str!("../../../tests/data/wikinews/questionnaire.txt"),
    ),
    (
        "wikinews/soccer.txt",
        include_str!("../../../tests/data/wikinews/soccer.txt"),
    ),
    (
        "wikinews/taxes.txt",
        include_str!("../../../tests/data/wikinews/taxes.txt"),
    ),
    (
        "wikinews/warming.txt",
        include_str!("../../../tests/data/wikinews/warming.txt"),
    ),
    (
        "donetsk.txt",
        include_str!("../../../tests/data/donetsk.txt"),
    ),
];
