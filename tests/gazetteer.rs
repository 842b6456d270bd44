//! User gazetteer files through the public builder: good rows load, a malformed row is
//! an error naming the file and the line.

use std::path::PathBuf;

use wirex::{Error, Pipeline};

/// A file in the temp dir, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!("wirex-gaz-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const HEADER: &str = "id\tcanonical\talias\ttype\textra\tsource\n";

/// (rows after the header, the line and message of the error)
const BAD_ROWS: &[(&str, &str)] = &[
    ("X\tXanadu\tXanadu\tnonsense\t\t\n", "line 2: unknown type \"nonsense\""),
    ("X\tXanadu\tcity\n", "line 2: expected 4 to 6 tab-separated columns (id, canonical, alias, type, extra, source), found 3"),
    ("X\tXanadu\tXanadu\tcity\t\tme\textra\n", "line 2: expected 4 to 6 tab-separated columns (id, canonical, alias, type, extra, source), found 7"),
    ("X\tXanadu\tXanadu\tcity\t\t\nY\tYonder\t\tcity\t\t\n", "line 3: empty alias"),
    ("\tXanadu\tXanadu\tcity\t\t\n", "line 2: empty id"),
    ("X\tXanadu\tXanadu\tcity\tpop\t\n", "line 2: extra \"pop\" is not key=value (pairs are separated by ';')"),
];

#[test]
fn bad_rows_in_memory_name_the_source_and_line() {
    for &(rows, message) in BAD_ROWS {
        let err = Pipeline::builder()
            .gazetteer_tsv("mine.tsv", &format!("{HEADER}{rows}"))
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("gazetteer mine.tsv, {message}"),
            "{rows:?}"
        );
        assert_eq!(err.kind(), "gazetteer");
    }
}

#[test]
fn bad_rows_in_a_file_name_the_path_and_line() {
    let file = TempFile::new(
        "bad.tsv",
        &format!("# my places\n{HEADER}X\tX\tX\tplanet\n"),
    );
    let err = Pipeline::builder()
        .gazetteer_file(&file.0)
        .build()
        .unwrap_err();
    match &err {
        Error::Gazetteer { path, line, .. } => {
            assert_eq!((path, *line), (&file.0, 3));
        }
        other => panic!("expected a gazetteer error, got {other:?}"),
    }
    assert!(
        err.to_string().ends_with("line 3: unknown type \"planet\""),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_an_io_error() {
    let err = Pipeline::builder()
        .gazetteer_file("/nonexistent/wirex/places.tsv")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), "io");
    assert!(
        err.to_string().starts_with("/nonexistent/wirex/places.tsv"),
        "{err}"
    );
}

#[test]
fn good_user_files_load_beside_the_embedded_data() {
    let file = TempFile::new(
        "good.tsv",
        &format!("{HEADER}org:acme\tAcme Corp\tAcme Corp\tcompany\tcc=US\tmine\r\norg:acme\tAcme Corp\tAcme\tcompany\n"),
    );
    let pipeline = Pipeline::builder()
        .gazetteer_file(&file.0)
        .gazetteer_tsv("more.tsv", "geonames:703448\tKyiv\tKyyiv\tcapital\n")
        .build();
    assert!(pipeline.is_ok(), "{:?}", pipeline.err());
    let doc = pipeline.unwrap().extract("Acme Corp said in Kyyiv.");
    assert_eq!(doc.schema, "wirex/1");
}
