//! Store behaviour on hand-made documents: deduplication, idempotence, atomicity,
//! export shape, queries, concurrency and crash safety.

use chrono::NaiveDate;
use herald_core::{
    ActorRef, Document, Event, Location, Modality, Name, Quote, Sentence, Span, Speaker, Timex,
    Tone,
};
use herald_store::{export, Filters, Format, Outcome, PeriodBy, Sort, Store, TimelineOptions};
use std::path::Path;

const OUTLETS: &[&str] = &["Reuters", "AP", "BBC", "Xinhua", "TASS"];
const ACTORS: &[&str] = &["CHNGOV", "RUSGOV", "USAGOV", "UKRMIL", "IGOUNO"];
const CODES: &[(&str, &str, f32, u8)] = &[
    ("042", "Make a visit", 1.9, 1),
    ("036", "Express intent to meet or negotiate", 4.0, 1),
    ("190", "Use conventional military force", -10.0, 4),
    ("112", "Accuse", -2.0, 3),
    ("0874", "Retreat or surrender militarily", 10.0, 2),
];

/// One event in a hand-made document: source, target, code index, own date.
struct Ev<'a>(&'a str, Option<&'a str>, usize, Option<&'a str>);

/// A document whose text names each event's actors, with valid spans and sentences.
fn doc(id: &str, url: Option<&str>, source: Option<&str>, date: &str, evs: &[Ev]) -> Document {
    let mut text = String::new();
    let mut d = Document::new(id, "", NaiveDate::parse_from_str(date, "%Y-%m-%d").ok());
    for (i, Ev(src, tgt, code, edate)) in evs.iter().enumerate() {
        let start = text.len();
        let s0 = text.len();
        text.push_str(src);
        let s1 = text.len();
        text.push_str(" met ");
        let v = (s1 + 1, s1 + 4);
        let t = tgt.map(|t| {
            let t0 = text.len();
            text.push_str(t);
            (t0, text.len())
        });
        let loc = Some(text.len() + " in ".len());
        text.push_str(&format!(" in Moscow ({id}). "));
        let (c, name, g, q) = CODES[*code];
        d.sentences.push(Sentence {
            span: Span::new(start, text.len() - 1),
            tokens: 0..0,
            paragraph: i / 2,
            syntax: None,
            country: None,
        });
        if let Some(l) = loc {
            d.locations.push(Location {
                text: "Moscow".into(),
                span: Span::new(l, l + 6),
                code: Some("RUS".into()),
                country: Some("RUS".into()),
                fips: Some("RS".into()),
                adm1: Some("48".into()),
                lat: Some(55.7522),
                lon: Some(37.6156),
                geonameid: Some(524901),
                kind: "city".into(),
            });
        }
        d.events.push(Event {
            source: ActorRef {
                code: src.to_string(),
                text: src.to_string(),
                span: Span::new(s0, s1),
                implied: false,
            },
            target: tgt.zip(t).map(|(tc, (a, b))| ActorRef {
                code: tc.to_string(),
                text: tc.to_string(),
                span: Span::new(a, b),
                implied: false,
            }),
            code: c.into(),
            root: c[..2].into(),
            name: name.into(),
            goldstein: g,
            quad_class: q,
            plover: None,
            date: edate.map(str::to_string),
            date_source: Some(if edate.is_some() {
                herald_core::DateSource::Sentence
            } else {
                herald_core::DateSource::Article
            }),
            sentence: i,
            span: Span::new(v.0, v.1),
            pattern: "test:1 MEET".into(),
            modality: Modality::Asserted,
            negated: false,
            reported_by: None,
            confidence: None,
            decided_by: None,
            location: None,
        });
    }
    text.push_str(&format!("Filed by {}.", source.unwrap_or("nobody")));
    d.text = text;
    d.url = url.map(str::to_string);
    d.source = source.map(str::to_string);
    d.tone = Some(Tone {
        tone: -1.5,
        positive: 2.0,
        negative: 3.5,
        polarity: 5.5,
        words: 40,
    });
    d
}

/// A generated article: `i` picks outlet, actors, codes and day so that events repeat.
fn generated(i: usize) -> Document {
    let n = i % 4 + 1;
    let day = format!("2023-03-{:02}", i % 28 + 1);
    let evs: Vec<Ev> = (0..n)
        .map(|k| {
            Ev(
                ACTORS[(i + k) % ACTORS.len()],
                Some(ACTORS[(i + k + 1) % ACTORS.len()]),
                (i / 3 + k) % CODES.len(),
                None,
            )
        })
        .collect();
    let url = format!("https://news{}.example/{i}", i % OUTLETS.len());
    let mut d = doc(
        &format!("gen-{i}-{n}"),
        Some(&url),
        Some(OUTLETS[i % OUTLETS.len()]),
        &day,
        &evs,
    );
    d.quotes.push(Quote {
        text: format!("We are partners number {i}"),
        span: Span::new(0, 3),
        speaker: Some(Speaker {
            name: "Xi Jinping".into(),
            code: Some("CHNGOV".into()),
            span: Span::new(0, 3),
        }),
        verb: Some("said".into()),
        direct: true,
    });
    d
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn inserted(o: Outcome) -> herald_store::Inserted {
    match o {
        Outcome::Inserted(i) => i,
        Outcome::Duplicate { .. } => panic!("unexpected duplicate"),
    }
}

#[test]
fn same_event_from_many_outlets_is_one_record() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    let a = doc(
        "a",
        Some("https://a.example/1"),
        Some("Reuters"),
        "2023-03-17",
        &[Ev("CHNGOV", Some("RUSGOV"), 0, None)],
    );
    // Same event twice in one article, reported on another day but dated 2023-03-17.
    let b = doc(
        "b",
        Some("https://b.example/1"),
        Some("AP"),
        "2023-03-18",
        &[
            Ev("CHNGOV", Some("RUSGOV"), 0, Some("2023-03-17")),
            Ev("CHNGOV", Some("RUSGOV"), 0, Some("2023-03-17T10:00")),
        ],
    );
    // Same outlet as a: NumSources must not grow. A month-precision date keys on the
    // article's day instead.
    let c = doc(
        "c",
        Some("https://a.example/2"),
        Some("reuters"),
        "2023-03-17",
        &[Ev("CHNGOV", Some("RUSGOV"), 0, Some("2023-03"))],
    );
    let ia = inserted(s.insert(&a).unwrap());
    assert_eq!(ia.new_records, 1);
    let ib = inserted(s.insert(&b).unwrap());
    assert_eq!(ib.new_records, 0);
    inserted(s.insert(&c).unwrap());
    let recs = s.events(&Filters::default(), 10, 0, Sort::Day).unwrap();
    assert_eq!(recs.len(), 1, "{recs:?}");
    let r = &recs[0];
    assert_eq!((r.num_mentions, r.num_articles, r.num_sources), (4, 3, 2));
    assert_eq!(r.day.as_deref(), Some("2023-03-17"));
    assert_eq!(
        (r.first_seen.as_deref(), r.last_seen.as_deref()),
        (Some("2023-03-17"), Some("2023-03-18"))
    );
    assert_eq!(r.avg_tone, Some(-1.5));
    assert_eq!(r.url.as_deref(), Some("https://a.example/1"));
    // A different target, code or day is a different record.
    let d = doc(
        "d",
        None,
        None,
        "2023-03-17",
        &[
            Ev("CHNGOV", Some("USAGOV"), 0, None),
            Ev("CHNGOV", Some("RUSGOV"), 1, None),
            Ev("CHNGOV", Some("RUSGOV"), 0, Some("2023-03-19")),
            Ev("CHNGOV", None, 0, None),
        ],
    );
    assert_eq!(inserted(s.insert(&d).unwrap()).new_records, 4);
    assert_eq!(s.stats().unwrap().records, 5);
    assert!(s.verify().unwrap().is_empty(), "{:?}", s.verify());
}

#[test]
fn negated_events_are_stored_but_not_counted() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    let mut a = doc(
        "a",
        None,
        Some("AP"),
        "2023-03-17",
        &[Ev("CHNGOV", Some("RUSGOV"), 2, None)],
    );
    a.events[0].negated = true;
    s.insert(&a).unwrap();
    let st = s.stats().unwrap();
    assert_eq!((st.events, st.records), (1, 0));
    assert!(s.verify().unwrap().is_empty());
}

#[test]
fn reinserting_is_a_no_op() {
    let dir = tmp();
    let path = dir.path().join("h.db");
    let docs: Vec<Document> = (0..30).map(generated).collect();
    let mut s = Store::open(&path).unwrap();
    let first = s.insert_batch(&docs).unwrap();
    assert!(first.iter().all(|o| matches!(o, Ok(Outcome::Inserted(_)))));
    let before = s.stats().unwrap();
    let mut out1 = Vec::new();
    export(&s, Format::GdeltEvents, &Filters::default(), &mut out1).unwrap();
    drop(s);
    let mut s = Store::open(&path).unwrap();
    let again = s.insert_batch(&docs).unwrap();
    assert!(again
        .iter()
        .all(|o| matches!(o, Ok(Outcome::Duplicate { .. }))));
    // Same URL with new text, and same text under a new URL, are both duplicates.
    let mut moved = docs[0].clone();
    moved.url = Some("https://elsewhere.example/x".into());
    assert!(matches!(
        s.insert(&moved).unwrap(),
        Outcome::Duplicate { .. }
    ));
    let mut edited = docs[1].clone();
    edited.text.push_str(" Updated.");
    assert!(matches!(
        s.insert(&edited).unwrap(),
        Outcome::Duplicate { .. }
    ));
    assert_eq!(s.stats().unwrap(), before);
    let mut out2 = Vec::new();
    export(&s, Format::GdeltEvents, &Filters::default(), &mut out2).unwrap();
    assert_eq!(out1, out2);
}

#[test]
fn a_bad_article_is_rolled_back_alone() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    let good1 = generated(1);
    let mut bad = generated(2);
    // The last event's evidence lies past the end of the text: found only after the
    // article row, its mentions and earlier events were written.
    let len = bad.text.len();
    bad.events.last_mut().unwrap().span = Span::new(len + 5, len + 9);
    let good2 = generated(3);
    let out = s.insert_batch(&[good1, bad.clone(), good2]).unwrap();
    assert!(out[0].is_ok() && out[2].is_ok());
    let err = out[1].as_ref().unwrap_err().to_string();
    assert!(err.contains("gen-2") && err.contains("not inside"), "{err}");
    let st = s.stats().unwrap();
    assert_eq!(st.articles, 2);
    assert_eq!(
        st.events as usize,
        generated(1).events.len() + generated(3).events.len()
    );
    assert_eq!(st.quotes, 2);
    assert!(s.verify().unwrap().is_empty());
    // The single-article path rolls back too.
    assert!(s.insert(&bad).is_err());
    assert_eq!(s.stats().unwrap(), st);
}

fn gdelt_fixture(s: &mut Store) {
    let mut tricky = doc(
        "t",
        Some("https://x.example/a\tb\nc"),
        Some("Out\tlet"),
        "2023-03-17",
        &[
            Ev("CHNGOV", Some("RUSGOV"), 0, None),
            Ev("IGOUNO", None, 3, None),
        ],
    );
    tricky.events[0].source.text = "Xi\tJinping\nsaid".into();
    // A leading double quote would start a quoted field for CSV readers.
    tricky.events[1].source.text = "\"UN\tbody".into();
    tricky.locations.clear();
    s.insert(&tricky).unwrap();
    for i in 0..20 {
        s.insert(&generated(i)).unwrap();
    }
}

#[test]
fn gdelt_events_have_61_fields_on_every_row() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    gdelt_fixture(&mut s);
    let mut out = Vec::new();
    let n = export(&s, Format::GdeltEvents, &Filters::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), n);
    assert_eq!(n as i64, s.stats().unwrap().records);
    for l in &lines {
        assert_eq!(l.split('\t').count(), 61, "{l:?}");
    }
    let first: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(&first[1..5], ["20230317", "202303", "2023", "2023.2932"]);
    assert_eq!(&first[5..8], ["CHNGOV", "Xi Jinping said", "CHN"]);
    assert_eq!(first[12], "GOV");
    assert_eq!(&first[15..18], ["RUSGOV", "RUSGOV", "RUS"]);
    assert_eq!(&first[25..31], ["1", "042", "042", "04", "1", "1.9"]);
    assert_eq!(&first[31..35], ["1", "1", "1", "-1.5000"]);
    assert!(
        first[35..59].iter().all(|f| f.is_empty()),
        "no place known: {first:?}"
    );
    assert_eq!(first[59].len(), 14);
    assert_eq!(first[60], "https://x.example/a b c");
    // The IGO event without target: known group and empty actor 2.
    let igo: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(&igo[5..9], ["IGOUNO", "'UN body", "", "UNO"]);
    assert_eq!(igo[12], "IGO");
    assert!(igo[15..25].iter().all(|f| f.is_empty()));
    // Generated articles have Moscow in every sentence: action geo filled.
    let gen: Vec<&str> = lines[2].split('\t').collect();
    assert_eq!(
        &gen[51..59],
        ["4", "Moscow", "RS", "RS48", "", "55.7522", "37.6156", "524901"]
    );

    let mut out = Vec::new();
    let m = export(&s, Format::GdeltMentions, &Filters::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(m as i64, s.stats().unwrap().events);
    for l in text.lines() {
        assert_eq!(l.split('\t').count(), 16, "{l:?}");
    }
}

/// The GDELT files load in pandas the ways users load them.
#[test]
#[cfg_attr(not(has_pandas), ignore = "needs python3 with pandas")]
fn gdelt_exports_load_in_pandas() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    gdelt_fixture(&mut s);
    inserted(s.insert(&gkg_doc()).unwrap());
    let python = std::env::var("HERALD_PYTHON").unwrap_or_else(|_| "python3".into());
    for (format, cols) in [
        (Format::GdeltEvents, 61),
        (Format::GdeltMentions, 16),
        (Format::Gkg, 27),
    ] {
        let path = dir.path().join(format!("{cols}.tsv"));
        let mut f = std::fs::File::create(&path).unwrap();
        let n = export(&s, format, &Filters::default(), &mut f).unwrap();
        // The calls users make: plain, all-strings, and quoting switched off (QUOTE_NONE).
        let script = format!(
            "import pandas as p, sys\nfor kw in [{{}}, {{'dtype': str}}, {{'dtype': str, 'quoting': 3}}]:\n    d = p.read_csv(sys.argv[1], sep='\\t', header=None, **kw)\n    assert d.shape == ({n}, {cols}), (kw, d.shape)\nprint('ok')"
        );
        let out = std::process::Command::new(&python)
            .args(["-c", &script, path.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pandas: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn jsonl_and_csv_exports() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    gdelt_fixture(&mut s);
    let mut out = Vec::new();
    let n = export(&s, Format::Jsonl, &Filters::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut mentions = 0;
    for l in text.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let ms = v["mentions"].as_array().unwrap();
        assert_eq!(ms.len() as i64, v["num_mentions"].as_i64().unwrap());
        mentions += ms.len();
    }
    assert_eq!(text.lines().count(), n);
    assert_eq!(mentions as i64, s.stats().unwrap().events);
    let mut out = Vec::new();
    let n = export(&s, Format::Csv, &Filters::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    // Records end in CRLF; line breaks inside quoted fields are bare LF.
    assert_eq!(text.matches("\r\n").count(), n + 1);
    assert!(text.contains("\"https://x.example/a\tb\nc\""));
}

#[test]
fn filters_select_records() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    for i in 0..60 {
        s.insert(&generated(i)).unwrap();
    }
    let all = s.events(&Filters::default(), 10_000, 0, Sort::Day).unwrap();
    let f = Filters {
        actor: Some("chn".into()),
        code: Some("04".into()),
        from: NaiveDate::from_ymd_opt(2023, 3, 5),
        to: NaiveDate::from_ymd_opt(2023, 3, 20),
        ..Default::default()
    };
    let got = s.events(&f, 10_000, 0, Sort::Day).unwrap();
    let want: Vec<_> = all
        .iter()
        .filter(|r| {
            r.source.starts_with("CHN")
                && r.code.starts_with("04")
                && r.day.as_deref() >= Some("2023-03-05")
                && r.day.as_deref() <= Some("2023-03-20")
        })
        .cloned()
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    let q = Filters {
        quad: Some(4),
        target: Some("UKR".into()),
        ..Default::default()
    };
    let got = s.events(&q, 10_000, 0, Sort::Mentions).unwrap();
    assert!(got
        .iter()
        .all(|r| r.quad_class == 4 && r.target.starts_with("UKR")));
    assert_eq!(
        got.len(),
        all.iter()
            .filter(|r| r.quad_class == 4 && r.target.starts_with("UKR"))
            .count()
    );
    let page = s.events(&Filters::default(), 5, 5, Sort::Day).unwrap();
    assert_eq!(page, all[5..10]);
    let mut out = Vec::new();
    let n = export(&s, Format::GdeltEvents, &f, &mut out).unwrap();
    assert_eq!(n, want.len());
}

#[test]
fn timeline_pairs_quotes_stats() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    for i in 0..80 {
        s.insert(&generated(i)).unwrap();
    }
    let all = s
        .events(&Filters::default(), 100_000, 0, Sort::Day)
        .unwrap();
    let pair = |r: &&herald_store::RecordRow| {
        (r.source.starts_with("CHN") && r.target.starts_with("RUS"))
            || (r.source.starts_with("RUS") && r.target.starts_with("CHN"))
    };
    let t = s
        .timeline(
            "CHN",
            "RUS",
            TimelineOptions {
                by: PeriodBy::Week,
                directed: false,
            },
        )
        .unwrap();
    let total: i64 = t.periods.iter().map(|p| p.events).sum();
    assert_eq!(total as usize, all.iter().filter(pair).count());
    assert!(t.periods.len() >= 4);
    for p in &t.periods {
        assert_eq!(p.quad.iter().sum::<i64>(), p.events);
        assert!((p.goldstein_mean - p.goldstein_sum / p.events as f64).abs() < 1e-9);
    }
    let m = s
        .timeline(
            "CHN",
            "RUS",
            TimelineOptions {
                by: PeriodBy::Month,
                directed: true,
            },
        )
        .unwrap();
    assert_eq!(m.periods.len(), 1);
    assert_eq!(m.periods[0].period, "2023-03");
    assert_eq!(
        m.periods[0].events as usize,
        all.iter()
            .filter(|r| r.source.starts_with("CHN") && r.target.starts_with("RUS"))
            .count()
    );
    let pairs = s.actor_pairs(3).unwrap();
    assert_eq!(pairs.len(), 3);
    assert!(pairs[0].events >= pairs[1].events && pairs[1].events >= pairs[2].events);
    let q = s.quotes(Some("xi jin"), Some("number 7"), 10).unwrap();
    assert_eq!(q.len(), 10, "limit applies: 7 and 70-79 match");
    let q = s.quotes(Some("xi"), Some("number 7"), 100).unwrap();
    assert_eq!(q.len(), 11);
    assert!(s.quotes(Some("Putin"), None, 10).unwrap().is_empty());
    assert!(
        s.quotes(Some("%"), None, 10).unwrap().is_empty(),
        "LIKE wildcards are escaped"
    );
    let st = s.stats().unwrap();
    assert_eq!(st.articles, 80);
    assert_eq!(st.outlets, 5);
    assert_eq!(st.schema_version, 3);
    assert_eq!(st.first_day.as_deref(), Some("2023-03-01"));
}

#[test]
fn newer_schema_is_refused() {
    let dir = tmp();
    let path = dir.path().join("h.db");
    drop(Store::open(&path).unwrap());
    let c = rusqlite_conn(&path);
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains("99") && err.contains("h.db"), "{err}");
    let bad = dir.path().join("nope/x.db");
    let err = Store::open(&bad).err().unwrap().to_string();
    assert!(err.contains("nope/x.db"), "{err}");
}

fn rusqlite_conn(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn readers_work_while_a_writer_inserts() {
    let dir = tmp();
    let path = dir.path().join("h.db");
    drop(Store::open(&path).unwrap());
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        let mut s = Store::open(&writer_path).unwrap();
        for chunk in (0..200).collect::<Vec<_>>().chunks(20) {
            let docs: Vec<Document> = chunk.iter().map(|&i| generated(i)).collect();
            for o in s.insert_batch(&docs).unwrap() {
                o.unwrap();
            }
        }
    });
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || {
                let s = Store::open(&p).unwrap();
                let mut last = 0;
                let mut reads = 0;
                let start = std::time::Instant::now();
                loop {
                    assert!(start.elapsed().as_secs() < 60, "writer never finished");
                    let st = s.stats().unwrap();
                    // Batches commit whole: readers see multiples of 20 articles.
                    assert_eq!(st.articles % 20, 0, "{st:?}");
                    assert!(st.articles >= last);
                    last = st.articles;
                    s.timeline("CHN", "RUS", TimelineOptions::default())
                        .unwrap();
                    reads += 1;
                    if st.articles == 200 {
                        return reads;
                    }
                }
            })
        })
        .collect();
    writer.join().unwrap();
    for r in readers {
        assert!(r.join().unwrap() > 0);
    }
    assert!(Store::open(&path).unwrap().verify().unwrap().is_empty());
}

/// Helper for `killing_a_writer_loses_no_annotations`: runs only in the child process.
#[test]
#[ignore = "child process of killing_a_writer_loses_no_annotations"]
fn crash_child_writer() {
    let Ok(path) = std::env::var("HERALD_STORE_CRASH_DB") else {
        return;
    };
    let mut s = Store::open(&path).unwrap();
    // Bounded so an orphaned child stops by itself.
    for batch in 0..2000 {
        let docs: Vec<Document> = (0..7).map(|k| generated(batch * 7 + k)).collect();
        s.insert_batch(&docs).unwrap();
    }
}

#[test]
fn killing_a_writer_loses_no_annotations() {
    let dir = tmp();
    let path = dir.path().join("h.db");
    drop(Store::open(&path).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut child = std::process::Command::new(exe)
        .args([
            "--exact",
            "crash_child_writer",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("HERALD_STORE_CRASH_DB", &path)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let reader = Store::open(&path).unwrap();
    let start = std::time::Instant::now();
    while reader.stats().unwrap().articles < 50 {
        assert!(start.elapsed().as_secs() < 60, "child wrote nothing");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // Kill in the middle of a later batch (SIGKILL: no destructors, no rollback).
    std::thread::sleep(std::time::Duration::from_millis(37));
    child.kill().unwrap();
    child.wait().unwrap();
    drop(reader);
    let s = Store::open(&path).unwrap();
    let problems = s.verify().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let mut st = s
        .connection()
        .prepare(
            "SELECT a.doc_id, (SELECT count(*) FROM events e WHERE e.article_id = a.id),
                (SELECT count(*) FROM quotes q WHERE q.article_id = a.id),
                (SELECT count(*) FROM locations l WHERE l.article_id = a.id)
         FROM articles a",
        )
        .unwrap();
    let rows: Vec<(String, i64, i64, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        rows.len() >= 50 && rows.len() / 7 * 7 == rows.len(),
        "whole batches only: {}",
        rows.len()
    );
    for (id, events, quotes, locations) in rows {
        let n: i64 = id.rsplit('-').next().unwrap().parse().unwrap();
        assert_eq!((events, quotes, locations), (n, 1, n), "article {id}");
    }
    let orphans: i64 = s
        .connection()
        .query_row(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

#[test]
fn all_layers_are_stored() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    let mut d = generated(5);
    d.times.push(Timex {
        text: "Friday".into(),
        span: Span::new(0, 3),
        kind: "DATE".into(),
        value: "2023-03-17".into(),
    });
    d.persons.push(Name {
        text: "Xi Jinping".into(),
        span: Span::new(0, 3),
        code: Some("CHNGOV".into()),
    });
    d.organizations.push(Name {
        text: "UN".into(),
        span: Span::new(0, 3),
        code: None,
    });
    d.amounts.push(herald_core::Amount {
        text: "$5bn".into(),
        span: Span::new(0, 3),
        value: 5e9,
        unit: Some("USD".into()),
        object: None,
    });
    s.insert(&d).unwrap();
    let st = s.stats().unwrap();
    assert_eq!((st.times, st.names, st.amounts, st.quotes), (1, 2, 1, 1));
    let hash: String = s
        .connection()
        .query_row("SELECT content_hash FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(hash, herald_store::content_hash(&d.text));
}

#[test]
fn concurrent_opens_of_a_new_file_migrate_once() {
    let dir = tmp();
    let path = dir.path().join("new.db");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || Store::open(&p).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), 3);
    }
}

/// A generated article with every layer GKG reads, some with delimiters in their text.
fn gkg_doc() -> Document {
    let mut d = generated(7);
    d.url = Some("https://www.bbc.example/gkg".into());
    d.text = format!("Xi’s {}", d.text);
    // Shift every span past the 7-byte (5-character) prefix.
    let shift = "Xi’s ".len();
    let mv = |s: &mut Span| *s = Span::new(s.start + shift, s.end + shift);
    for e in &mut d.events {
        mv(&mut e.span);
        mv(&mut e.source.span);
        if let Some(t) = &mut e.target {
            mv(&mut t.span);
        }
    }
    for s in &mut d.sentences {
        mv(&mut s.span);
    }
    for l in &mut d.locations {
        mv(&mut l.span);
    }
    d.quotes.clear();
    d.quotes.push(Quote {
        text: "we are | partners # forever".into(),
        span: Span::new(shift, shift + 6),
        speaker: None,
        verb: Some("said".into()),
        direct: true,
    });
    d.persons.push(Name {
        text: "Xi; Jinping".into(),
        span: Span::new(0, 2),
        code: Some("CHNGOV".into()),
    });
    d.persons.push(Name {
        text: "Xi; Jinping".into(),
        span: Span::new(shift, shift + 2),
        code: Some("CHNGOV".into()),
    });
    d.organizations.push(Name {
        text: "United Nations".into(),
        span: Span::new(shift, shift + 3),
        code: Some("IGOUNO".into()),
    });
    d.times.push(Timex {
        text: "March 17".into(),
        span: Span::new(shift, shift + 3),
        kind: "DATE".into(),
        value: "2023-03-17".into(),
    });
    d.times.push(Timex {
        text: "for two days".into(),
        span: Span::new(shift, shift + 3),
        kind: "DURATION".into(),
        value: "P2D".into(),
    });
    d.amounts.push(herald_core::Amount {
        text: "4,000 troops".into(),
        span: Span::new(shift, shift + 3),
        value: 4000.0,
        unit: None,
        object: Some("troops, tanks".into()),
    });
    d.title = Some("Xi & Putin <meet>\tagain".into());
    d
}

#[test]
fn gkg_rows_have_27_fields_and_gdelt_subfield_formats() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    gdelt_fixture(&mut s);
    let d = gkg_doc();
    let id = inserted(s.insert(&d).unwrap()).article_id;
    let mut out = Vec::new();
    let n = export(&s, Format::Gkg, &Filters::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(n as i64, s.stats().unwrap().articles, "one row per article");
    assert_eq!(text.lines().count(), n);
    for l in text.lines() {
        assert_eq!(l.split('\t').count(), herald_store::GKG_COLUMNS, "{l:?}");
    }
    let row: Vec<&str> = text.lines().last().unwrap().split('\t').collect();
    assert!(row[0].ends_with(&format!("-{id}")) && row[0].len() == 15 + id.to_string().len());
    assert_eq!(row[1], "20230308000000", "publication day");
    assert_eq!(&row[2..5], ["1", "bbc", d.url.as_deref().unwrap()]);
    // Places: V1 without ADM2 and offset, unique; V2 with both, one per mention.
    assert_eq!(row[9], "4#Moscow#RS#RS48#55.7522#37.6156#524901");
    let v2: Vec<&str> = row[10].trim_end_matches(';').split(';').collect();
    assert_eq!(v2.len(), d.locations.len());
    let first_loc = &d.locations[0];
    let char_off = d.text[..first_loc.span.start].chars().count();
    assert_eq!(
        v2[0],
        format!("4#Moscow#RS#RS48##55.7522#37.6156#524901#{char_off}")
    );
    assert_ne!(char_off, first_loc.span.start, "offsets count characters");
    // Persons: delimiters inside names removed; V1 unique, V2 every mention.
    assert_eq!(row[11], "Xi  Jinping");
    assert_eq!(row[12], "Xi  Jinping,0;Xi  Jinping,5;");
    assert_eq!(row[13], "United Nations");
    assert_eq!(row[14], "United Nations,5;");
    // Tone: seven comma-separated numbers, activity density unknown.
    let tone: Vec<&str> = row[15].split(',').collect();
    assert_eq!(tone.len(), 7, "{tone:?}");
    assert_eq!(&tone[..4], ["-1.5000", "2.0000", "3.5000", "5.5000"]);
    assert_eq!(tone[4], "");
    assert!(tone[5].parse::<f64>().is_ok());
    assert_eq!(tone[6], "40");
    // Dates: only the resolvable DATE, full resolution.
    assert_eq!(row[16], "4#3#17#2023#5;");
    assert_eq!(row[22], "5|6|said|we are   partners   forever#");
    let names = row[23];
    assert!(names.starts_with("Xi  Jinping,0;"), "{names}");
    assert!(names.contains("Moscow,"));
    assert_eq!(row[24], "4000,troops  tanks,5;");
    assert_eq!(
        row[26],
        "<PAGE_TITLE>Xi &amp; Putin &lt;meet&gt; again</PAGE_TITLE>"
    );
    for (i, f) in row.iter().enumerate() {
        if [5, 6, 7, 8, 17, 18, 19, 20, 21, 25].contains(&i) {
            assert!(f.is_empty(), "column {} should be empty: {f:?}", i + 1);
        }
    }

    // Filters select articles with a matching event record.
    let only_un = Filters {
        actor: Some("IGO".into()),
        ..Default::default()
    };
    let mut out = Vec::new();
    let k = export(&s, Format::Gkg, &only_un, &mut out).unwrap();
    let expected: i64 = s
        .connection()
        .query_row(
            "SELECT count(DISTINCT e.article_id) FROM events e JOIN records r ON r.id = e.record_id
             WHERE r.source_code LIKE 'IGO%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(k > 0 && (k as i64) == expected && k < n, "{k} of {n}");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_reads_back_with_types_and_values() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;

    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    gdelt_fixture(&mut s);
    let path = dir.path().join("events.parquet");
    let mut f = std::fs::File::create(&path).unwrap();
    let n = export(&s, Format::Parquet, &Filters::default(), &mut f).unwrap();
    drop(f);
    let records = s.events(&Filters::default(), 1000, 0, Sort::Day).unwrap();
    assert_eq!(n, records.len());

    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata().file_metadata();
    assert_eq!(meta.num_rows() as usize, n);
    let schema = meta.schema_descr();
    let cols: Vec<(String, String, String)> = schema
        .columns()
        .iter()
        .map(|c| {
            (
                c.name().to_string(),
                format!("{:?}", c.physical_type()),
                format!("{:?}", c.logical_type_ref()),
            )
        })
        .collect();
    let col = |name: &str| cols.iter().position(|c| c.0 == name).unwrap();
    assert_eq!(cols.len(), 28);
    assert_eq!(cols[col("global_event_id")].1, "INT64");
    assert!(
        cols[col("day")].2.contains("Date"),
        "{:?}",
        cols[col("day")]
    );
    assert_eq!(cols[col("goldstein_scale")].1, "DOUBLE");
    assert_eq!(cols[col("num_mentions")].1, "INT32");
    assert_eq!(cols[col("is_root_event")].1, "BOOLEAN");
    assert!(cols[col("actor1_code")].2.contains("String"), "{cols:?}");
    assert!(cols[col("date_added")].2.contains("Timestamp"));
    // Compressed with Snappy.
    let rg = reader.metadata().row_group(0);
    assert_eq!(format!("{:?}", rg.column(0).compression()), "SNAPPY");

    let mut by_id = std::collections::HashMap::new();
    for r in &records {
        by_id.insert(r.id, r);
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let mut seen = 0;
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        let id = row.get_long(col("global_event_id")).unwrap();
        let r = by_id[&id];
        let days = match row.get_column_iter().nth(col("day")).unwrap().1 {
            parquet::record::Field::Date(d) => *d,
            other => panic!("day is {other:?}, not a DATE"),
        };
        let day = epoch + chrono::Duration::days(days.into());
        assert_eq!(Some(day.format("%Y-%m-%d").to_string()), r.day);
        assert_eq!(row.get_string(col("actor1_code")).unwrap(), &r.source);
        assert_eq!(row.get_string(col("event_code")).unwrap(), &r.code);
        assert_eq!(row.get_string(col("event_root_code")).unwrap(), &r.root);
        assert_eq!(row.get_double(col("goldstein_scale")).unwrap(), r.goldstein);
        assert_eq!(
            row.get_int(col("quad_class")).unwrap(),
            i32::from(r.quad_class)
        );
        assert_eq!(
            i64::from(row.get_int(col("num_mentions")).unwrap()),
            r.num_mentions
        );
        assert_eq!(
            i64::from(row.get_int(col("num_articles")).unwrap()),
            r.num_articles
        );
        if r.target.is_empty() {
            // Missing target: null, not an empty string.
            assert!(row.get_string(col("actor2_code")).is_err());
        } else {
            assert_eq!(row.get_string(col("actor2_code")).unwrap(), &r.target);
        }
        assert_eq!(row.get_double(col("avg_tone")).ok(), r.avg_tone);
        seen += 1;
    }
    assert_eq!(seen, n);

    // A filter that matches nothing still writes a readable file with the schema.
    let none = Filters {
        actor: Some("ZZZ".into()),
        ..Default::default()
    };
    let empty = dir.path().join("empty.parquet");
    let mut f = std::fs::File::create(&empty).unwrap();
    assert_eq!(export(&s, Format::Parquet, &none, &mut f).unwrap(), 0);
    drop(f);
    let reader = SerializedFileReader::new(std::fs::File::open(&empty).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    assert_eq!(
        reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .num_columns(),
        28
    );
}

#[test]
fn verify_reports_duplicates_and_orphans() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    for i in 0..6 {
        s.insert(&generated(i)).unwrap();
    }
    assert!(s.verify().unwrap().is_empty());
    let c = s.connection();
    // The same text stored twice (no URL, so the URL index does not stop it).
    c.execute(
        "INSERT INTO articles (doc_id, outlet, content_hash, ingested_at, text)
         SELECT doc_id || '-copy', outlet, content_hash, ingested_at, text FROM articles LIMIT 1",
        [],
    )
    .unwrap();
    // A quotation row repeated.
    c.execute(
        "INSERT INTO quotes (article_id, idx, text, span_start, span_end, direct)
         SELECT article_id, idx, text, span_start, span_end, direct FROM quotes LIMIT 1",
        [],
    )
    .unwrap();
    // A counted event detached from its record, and a record left without mentions.
    c.execute(
        "UPDATE events SET record_id = NULL WHERE id = (SELECT max(id) FROM events)",
        [],
    )
    .unwrap();
    let problems = s.verify().unwrap();
    let has = |w: &str| problems.iter().any(|p| p.contains(w));
    assert!(has("articles with the same text"), "{problems:#?}");
    assert!(
        has("quotes: 1 row(s) stored more than once"),
        "{problems:#?}"
    );
    assert!(has("an event counted in no record"), "{problems:#?}");
    assert!(
        has("a record without mentions") || has("mentions/articles/sources stored"),
        "{problems:#?}"
    );
}

/// An article without a publication date keeps its events undated (never the day it was
/// stored); an event whose own date the text gives keeps that day, flagged as read from
/// the text. Exports, filters, timelines and counts say "undated" rather than a day.
#[test]
fn undated_articles_stay_undated() {
    let dir = tmp();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    // "" parses to no date: two undated articles from two outlets, the same event
    // (undated records are deduplicated like dated ones), and one event dated by its text.
    let a = doc(
        "old-1",
        Some("https://bbc.example/2004/1"),
        Some("BBC"),
        "",
        &[
            Ev("RUSGOV", Some("UKRMIL"), 3, None),
            Ev("CHNGOV", Some("RUSGOV"), 0, Some("2004-05-12")),
        ],
    );
    let b = doc(
        "old-2",
        Some("https://ap.example/2004/2"),
        Some("AP"),
        "",
        &[Ev("RUSGOV", Some("UKRMIL"), 3, None)],
    );
    let dated = doc(
        "new",
        Some("https://ap.example/2023/3"),
        Some("AP"),
        "2023-03-17",
        &[Ev("USAGOV", Some("RUSGOV"), 3, None)],
    );
    for d in [&a, &b, &dated] {
        inserted(s.insert(d).unwrap());
    }
    let recs = s.events(&Filters::default(), 10, 0, Sort::DayDesc).unwrap();
    let by_src = |src: &str| recs.iter().find(|r| r.source == src).unwrap();
    let undated = by_src("RUSGOV");
    assert_eq!(undated.day, None, "{undated:?}");
    assert!(!undated.day_from_text);
    assert_eq!((undated.num_mentions, undated.num_articles), (2, 2));
    assert_eq!(
        (undated.first_seen.clone(), undated.last_seen.clone()),
        (None, None)
    );
    let from_text = by_src("CHNGOV");
    assert_eq!(from_text.day.as_deref(), Some("2004-05-12"));
    assert!(from_text.day_from_text, "{from_text:?}");
    let from_article = by_src("USAGOV");
    assert_eq!(from_article.day.as_deref(), Some("2023-03-17"));
    assert!(!from_article.day_from_text);
    // Newest first: the dated records, then the undated one last, never on top.
    assert_eq!(recs.last().unwrap().day, None);

    // GDELT: SQLDATE, MonthYear, Year, FractionDate empty; the text's date kept.
    let mut out = Vec::new();
    export(&s, Format::GdeltEvents, &Filters::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let row = |src: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.split('\t').map(str::to_string).collect::<Vec<_>>())
            .find(|f| f[5] == src)
            .unwrap()
    };
    assert_eq!(row("RUSGOV")[1..5], ["", "", "", ""]);
    assert_eq!(row("CHNGOV")[1], "20040512");
    let mut out = Vec::new();
    export(&s, Format::GdeltMentions, &Filters::default(), &mut out).unwrap();
    let mentions = String::from_utf8(out).unwrap();
    let undated_id = undated.id.to_string();
    for l in mentions
        .lines()
        .filter(|l| l.starts_with(&format!("{undated_id}\t")))
    {
        assert_eq!(l.split('\t').nth(1), Some(""), "EventTimeDate: {l:?}");
    }
    let mut out = Vec::new();
    export(&s, Format::Csv, &Filters::default(), &mut out).unwrap();
    let csv = String::from_utf8(out).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",day_from_text"));
    assert!(csv
        .lines()
        .any(|l| l.starts_with(&format!("{undated_id},,RUSGOV"))));

    // A day range never holds undated records, an open end included.
    let to = Filters {
        to: NaiveDate::from_ymd_opt(2030, 1, 1),
        ..Default::default()
    };
    let in_range = s.events(&to, 10, 0, Sort::Day).unwrap();
    assert_eq!(in_range.len(), 2);
    assert!(in_range.iter().all(|r| r.day.is_some()));

    // The timeline counts them apart.
    let t = s
        .timeline("RUS", "UKR", TimelineOptions::default())
        .unwrap();
    assert!(t.periods.is_empty(), "{t:?}");
    let u = t.undated.expect("an undated bucket");
    assert_eq!((u.period.as_str(), u.events), ("undated", 1));

    let st = s.stats().unwrap();
    assert_eq!((st.undated_articles, st.undated_records), (2, 1));
    assert_eq!(
        (st.first_day.as_deref(), st.last_day.as_deref()),
        (Some("2004-05-12"), Some("2023-03-17"))
    );
    // The stored article reads back undated, its event with no day.
    let v = s.article(1).unwrap().expect("article 1");
    assert_eq!(v.doc.date, None);
    assert_eq!(v.event_info[0].day, None);
}

/// Two writers on one file with overlapping articles (as two `herald ingest` runs):
/// every article is stored exactly once and no insert fails with "database is locked"
/// (a deferred transaction that read and then wrote used to fail at once).
#[test]
fn concurrent_writers_store_every_article_once() {
    let dir = tmp();
    let path = dir.path().join("shared.db");
    Store::open(&path).unwrap();
    let writer = |range: std::ops::Range<usize>| {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut s = Store::open(&path).unwrap();
            let docs: Vec<Document> = range.map(generated).collect();
            let (mut stored, mut dups) = (0, 0);
            for chunk in docs.chunks(7) {
                for outcome in s.insert_batch(chunk).expect("batch not refused") {
                    match outcome.expect("article not refused") {
                        Outcome::Inserted(_) => stored += 1,
                        Outcome::Duplicate { .. } => dups += 1,
                    }
                }
            }
            (stored, dups)
        })
    };
    let a = writer(0..400);
    let b = writer(200..600);
    let (sa, da) = a.join().unwrap();
    let (sb, db) = b.join().unwrap();
    assert_eq!(sa + da, 400);
    assert_eq!(sb + db, 400);
    // The 200 shared articles are stored by one writer or the other, never both.
    assert_eq!(sa + sb, 600);
    assert_eq!(da + db, 200);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.stats().unwrap().articles, 600);
    assert_eq!(s.verify().unwrap(), Vec::<String>::new());
}
