//! The corpus index on invented folders: what it holds, what an update analyses again, and
//! indexes it must not trust.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::stats::{self, Stats};
use super::{Index, Opened, Updated};

/// A folder of its own under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "quotelens-corpus-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("articles")).expect("scratch folder");
        Self(dir)
    }
    fn articles(&self) -> PathBuf {
        self.0.join("articles")
    }
    fn db(&self) -> PathBuf {
        self.0.join("index").join("corpus.sqlite")
    }
    fn write(&self, name: &str, text: &str) {
        let p = self.articles().join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("folder");
        }
        std::fs::write(p, text).expect("article");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A quoted woman (title and pronoun), a man only mentioned (title).
const HARBOUR: &str = "Harbour plan approved\n\n\
    The city council approved the new harbour plan on Monday.\n\n\
    “This is a good day for the port,” said Ms. Lena Korhonen, who chairs the council.\n\n\
    “We will watch the costs closely,” she said.\n\n\
    Mr. Arvid Nystrom, a fisherman, watched from the gallery.\n";

/// A man quoted with no title nor pronoun, an unnamed source, two countries.
const RAIL: &str = "Rail strike ends\n\n\
    Rail workers in France and Germany returned to work on Friday.\n\n\
    “The trains will run again,” said Pieter Vandamme, a union leader.\n\n\
    “Nobody wanted this strike,” a railway official said.\n\n\
    Trains from France to Germany were full by noon.\n";

fn update(index: &mut Index) -> Updated {
    index
        .update(Some(2), &|_| {}, &AtomicBool::new(false))
        .expect("update")
}

fn numbers(index: &Index, run: &Updated) -> Stats {
    stats::compute(index.connection(), "corpus", run).expect("stats")
}

fn open(s: &Scratch) -> (Index, Opened) {
    Index::open(&s.articles(), &s.db()).expect("open")
}

#[test]
fn a_folder_is_indexed_and_counted() {
    let s = Scratch::new("counted");
    s.write("harbour.txt", HARBOUR);
    s.write("world/rail.md", RAIL);
    s.write("broken.txt", "\0\0\0\u{1}binary\0\0");
    s.write("notes.json", "{}");
    let (mut index, opened) = open(&s);
    assert_eq!(opened, Opened::New);
    let run = update(&mut index);
    assert_eq!((run.files, run.analysed, run.reused), (3, 2, 0), "{run:?}");
    assert_eq!(run.failed.len(), 1);
    assert_eq!(run.failed[0].0, "broken.txt");
    let st = numbers(&index, &run);
    assert_eq!(st.articles, 2);
    assert_eq!(st.failed.len(), 1);
    assert_eq!(st.quotes, 4, "{st:#?}");
    // Korhonen twice (named, then "she said"), Vandamme once; the official is reported as
    // saying it but not named.
    assert_eq!(st.sources.person, 3, "{:?}", st.sources);
    assert_eq!(st.sources.unnamed, 1, "{:?}", st.sources);
    assert_eq!(st.sources.unattributed, 0, "{:?}", st.sources);
    let korhonen = st.speakers.iter().find(|p| p.name == "Lena Korhonen");
    assert_eq!(
        korhonen.map(|p| (p.quotes, p.articles)),
        Some((2, 1)),
        "{:?}",
        st.speakers
    );
    assert_eq!(st.people.quoted, 2, "{:?}", st.people);
    assert_eq!(st.people.only_mentioned, 1, "{:?}", st.people);
    // She by her title and pronoun; he (Vandamme) is never called anything: not stated.
    assert_eq!(
        (
            st.quoted_people_by_gender.he,
            st.quoted_people_by_gender.she,
            st.quoted_people_by_gender.not_stated
        ),
        (0, 1, 1)
    );
    let france = st.countries.iter().find(|c| c.code == "FR");
    assert_eq!(
        france.map(|c| (c.mentions, c.articles)),
        Some((2, 1)),
        "{:?}",
        st.countries
    );
    assert_eq!(st.undated_articles, 2);
    // The text report names every section and the failure.
    let text = st.text(10);
    for needle in [
        "Sources",
        "unnamed sources",
        "Lena Korhonen",
        "broken.txt",
        "not stated",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
}

#[test]
fn reopening_analyses_only_what_changed() {
    let s = Scratch::new("changed");
    s.write("harbour.txt", HARBOUR);
    s.write("rail.txt", RAIL);
    s.write(
        "third.txt",
        "Quiet day\n\nNothing happened in the town on Sunday.\n",
    );
    let (mut index, _) = open(&s);
    assert_eq!(update(&mut index).analysed, 3);
    drop(index);

    // Nothing changed: nothing analysed, every row reused.
    let (mut index, opened) = open(&s);
    assert_eq!(opened, Opened::Existing);
    let run = update(&mut index);
    assert_eq!(
        (run.analysed, run.reused, run.removed),
        (0, 3, 0),
        "{run:?}"
    );

    // One file changed: only it.
    s.write("rail.txt", &RAIL.replace("Friday", "Saturday"));
    let run = update(&mut index);
    assert_eq!((run.analysed, run.reused), (1, 2), "{run:?}");

    // Touched but the same text: read again, not analysed.
    s.write(
        "third.txt",
        "Quiet day\n\nNothing happened in the town on Sunday.\n",
    );
    let run = update(&mut index);
    assert_eq!((run.analysed, run.reused), (0, 3), "{run:?}");

    // A review beside an article: that article again, its checked quote counted.
    let mut review = crate::review::Sidecar::new("harbour.txt", HARBOUR);
    let a = crate::analysis::analyze(HARBOUR);
    let chars = crate::analysis::export::CharIndex::new(HARBOUR);
    let quote = crate::review::anchor::anchor(HARBOUR, &chars, a.quotes[0].span);
    review.push(crate::review::Correction::Check {
        quote,
        checked: true,
    });
    std::fs::write(
        s.articles().join("harbour.txt.quotelens.json"),
        review.to_json(),
    )
    .expect("review");
    let run = update(&mut index);
    assert_eq!((run.analysed, run.reused), (1, 2), "{run:?}");
    assert_eq!(numbers(&index, &run).checked, 1);

    // A file removed: its rows go.
    std::fs::remove_file(s.articles().join("third.txt")).expect("remove");
    let run = update(&mut index);
    assert_eq!((run.analysed, run.removed, run.files), (0, 1, 2), "{run:?}");
    assert_eq!(numbers(&index, &run).articles, 2);
}

/// Writes `bytes` over the index file.
fn spoil(db: &Path, bytes: &[u8]) {
    for suffix in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    std::fs::write(db, bytes).expect("spoil");
}

#[test]
fn an_index_it_cannot_vouch_for_is_rebuilt() {
    let s = Scratch::new("rebuilt");
    s.write("harbour.txt", HARBOUR);
    let (mut index, _) = open(&s);
    update(&mut index);
    drop(index);

    // Not a database at all.
    spoil(&s.db(), b"this is not an index");
    let (mut index, opened) = open(&s);
    assert!(matches!(opened, Opened::Rebuilt(_)), "{opened:?}");
    assert_eq!(update(&mut index).analysed, 1);

    // Another schema version.
    index
        .connection()
        .execute("UPDATE meta SET value = '0' WHERE key = 'schema'", [])
        .expect("downgrade");
    drop(index);
    let (mut index, opened) = open(&s);
    let Opened::Rebuilt(why) = opened else {
        panic!("an older schema was trusted");
    };
    assert!(why.contains("schema is version 0"), "{why}");
    assert_eq!(update(&mut index).analysed, 1);
    drop(index);

    // A database cut short.
    let bytes = std::fs::read(s.db()).expect("index");
    spoil(&s.db(), &bytes[..bytes.len().min(2048)]);
    let (mut index, opened) = open(&s);
    assert!(matches!(opened, Opened::Rebuilt(_)), "{opened:?}");
    assert_eq!(update(&mut index).analysed, 1);
    drop(index);

    // The index of another folder.
    let other = Scratch::new("rebuilt-other");
    let (_, opened) = Index::open(&other.articles(), &s.db()).expect("open");
    assert!(matches!(opened, Opened::Rebuilt(ref why) if why.contains("another folder")));
}

#[test]
fn a_cancelled_update_keeps_what_it_did_and_the_next_one_finishes() {
    let s = Scratch::new("cancelled");
    for i in 0..5 {
        s.write(&format!("{i}.txt"), HARBOUR);
    }
    let (mut index, _) = open(&s);
    let run = index
        .update(Some(1), &|_| {}, &AtomicBool::new(true))
        .expect("update");
    assert!(run.cancelled);
    assert_eq!(run.analysed, 0);
    let run = update(&mut index);
    assert!(!run.cancelled);
    assert_eq!(run.analysed, 5);
}

#[test]
fn a_phrase_is_found_in_quotes_or_anywhere() {
    let s = Scratch::new("search");
    s.write("harbour.txt", HARBOUR);
    s.write("rail.txt", RAIL);
    let (mut index, _) = open(&s);
    update(&mut index);
    let find = |phrase: &str, scope| index.search(phrase, scope, 10).expect("search");
    // In a quote: the article, the quote, its speaker, the words around it.
    let hits = find("good day", super::Scope::Quotes);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].file, "harbour.txt");
    assert_eq!(hits[0].title, "Harbour plan approved");
    assert_eq!(hits[0].quote, Some(0));
    assert_eq!(hits[0].speaker.as_deref(), Some("Lena Korhonen"));
    assert!(
        hits[0].context.contains("[good day]"),
        "{}",
        hits[0].context
    );
    // Words outside quotes are found only anywhere.
    assert!(find("gallery", super::Scope::Quotes).is_empty());
    let hits = find("GALLERY", super::Scope::Anywhere);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        (hits[0].file.as_str(), hits[0].quote),
        ("harbour.txt", None)
    );
    // Words in another order are another phrase; query syntax is only words.
    assert!(find("day good", super::Scope::Quotes).is_empty());
    assert!(find("trains OR port\" NEAR(", super::Scope::Anywhere).is_empty());
    assert_eq!(find("France", super::Scope::Anywhere).len(), 1);
    assert!(find("  ", super::Scope::Anywhere).is_empty());
}

#[test]
fn months_are_read_from_iso_dates_only() {
    for (date, want) in [
        ("2020-03-05", Some("2020-03")),
        ("2020-11-05T10:00:00Z", Some("2020-11")),
        (" 2019-12 ", Some("2019-12")),
        ("2020-13-01", None),
        ("March 5, 2020", None),
        ("", None),
    ] {
        assert_eq!(stats::month_of(date).as_deref(), want, "{date:?}");
    }
}

#[test]
fn a_speakers_quotes_are_listed_across_articles_through_a_reader() {
    let s = Scratch::new("speaker");
    s.write("a/harbour.txt", HARBOUR);
    s.write("b/harbour-again.txt", HARBOUR);
    s.write("rail.txt", RAIL);
    let (mut index, _) = open(&s);
    update(&mut index);
    // A second connection, as the desk has, reads what the index committed.
    let reader = super::Reader::open(&s.db()).expect("reader");
    let cards = reader.quotes_by("Lena Korhonen", "person").expect("quotes");
    let seen: Vec<(&str, usize, &str)> = cards
        .iter()
        .map(|c| (c.file.as_str(), c.quote, c.text.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("a/harbour.txt", 0, "This is a good day for the port,"),
            ("a/harbour.txt", 1, "We will watch the costs closely,"),
            ("b/harbour-again.txt", 0, "This is a good day for the port,"),
            ("b/harbour-again.txt", 1, "We will watch the costs closely,"),
        ]
    );
    assert!(
        cards
            .iter()
            .all(|c| c.title == "Harbour plan approved" && !c.checked)
    );
    // The kind is part of the speaker: no organisation has this name.
    assert!(
        reader
            .quotes_by("Lena Korhonen", "organization")
            .expect("quotes")
            .is_empty()
    );
    assert_eq!(reader.articles().expect("articles").len(), 3);
}

#[test]
fn the_tables_export_as_csv_with_a_header_each() {
    let s = Scratch::new("csv");
    s.write("harbour.txt", HARBOUR);
    s.write("rail.txt", RAIL);
    s.write("broken.txt", "\0\0\0\u{1}binary\0\0");
    let (mut index, _) = open(&s);
    update(&mut index);
    let out = s.0.join("export");
    std::fs::create_dir_all(&out).expect("folder");
    let reader = super::Reader::open(&s.db()).expect("reader");
    let written = reader.export_csv(&out).expect("export");
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(
        names,
        [
            "articles.csv",
            "people.csv",
            "organisations.csv",
            "countries.csv",
            "quotes.csv"
        ]
    );
    let read = |name: &str| -> Vec<Vec<String>> {
        let mut r = csv::Reader::from_path(out.join(name)).expect("csv");
        let mut rows = vec![
            r.headers()
                .expect("header")
                .iter()
                .map(String::from)
                .collect(),
        ];
        rows.extend(
            r.records()
                .map(|rec| rec.expect("row").iter().map(String::from).collect()),
        );
        rows
    };
    let articles = read("articles.csv");
    assert_eq!(
        articles[0],
        [
            "file",
            "title",
            "date",
            "people",
            "quotes",
            "unattributed",
            "checked",
            "error"
        ]
    );
    assert_eq!(articles.len(), 4, "{articles:?}");
    // The unreadable file is a row with its error; the rail story's unnamed source counts.
    assert_eq!(articles[1][0], "broken.txt");
    assert!(!articles[1][7].is_empty());
    assert_eq!(&articles[3][..2], ["rail.txt", "Rail strike ends"]);
    assert_eq!(&articles[3][4..6], ["2", "1"]);
    let quotes = read("quotes.csv");
    assert_eq!(quotes.len(), 5, "{quotes:?}");
    let speakers: Vec<(&str, &str)> = quotes[1..]
        .iter()
        .map(|q| (q[0].as_str(), q[6].as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            ("harbour.txt", "Lena Korhonen"),
            ("harbour.txt", "Lena Korhonen"),
            ("rail.txt", "Pieter Vandamme"),
            ("rail.txt", ""),
        ]
    );
    let countries = read("countries.csv");
    let names: Vec<&str> = countries[1..].iter().map(|c| c[2].as_str()).collect();
    assert_eq!(names, ["France", "Germany"]);
    let people = read("people.csv");
    assert!(
        people
            .iter()
            .any(|p| p[1] == "Lena Korhonen" && p[4] == "she"),
        "{people:?}"
    );
}

#[test]
fn an_index_damaged_past_its_first_pages_is_read_at_once_then_found_out_and_rebuilt() {
    let s = Scratch::new("damaged");
    for i in 0..6 {
        s.write(&format!("harbour-{i}.txt"), HARBOUR);
        s.write(&format!("rail-{i}.txt"), RAIL);
    }
    let (mut index, _) = open(&s);
    update(&mut index);
    drop(index);
    // The last quarter of its pages overwritten: the header, the schema and the first
    // tables (meta, articles) still read.
    let mut bytes = std::fs::read(s.db()).expect("index");
    let page = 4096;
    assert!(bytes.len() > 8 * page, "{}", bytes.len());
    let from = bytes.len() * 3 / 4 / page * page;
    for b in &mut bytes[from..] {
        *b = 0x5a;
    }
    spoil(&s.db(), &bytes);
    // Opened without the scan, it is taken as it is (the desk shows its rows at once)...
    let (index, opened) = Index::open_unverified(&s.articles(), &s.db()).expect("open");
    assert_eq!(opened, Opened::Existing);
    // ...and the scan that follows finds the damage and puts a new index in its place.
    let (mut index, opened) = index.verified().expect("rebuilt");
    let Opened::Rebuilt(why) = opened else {
        panic!("a damaged index was trusted");
    };
    assert!(why.contains("damaged"), "{why}");
    assert_eq!(update(&mut index).analysed, 12);
    // Opened in one go, a sound index is not rebuilt.
    drop(index);
    assert_eq!(open(&s).1, Opened::Existing);
}
