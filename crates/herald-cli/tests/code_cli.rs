//! `herald code` end to end, as a user runs it: good input, bad input, exit codes.

use std::io::Write;
use std::process::{Command, Output};

fn herald(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_herald"));
    cmd.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("herald runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn codes_a_text_file_with_spans_into_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Russia’s army invaded Ukraine on Thursday.\n\nChinese President Xi Jinping will visit Russia next week, the Kremlin said.";
    let p = dir.path().join("story.txt");
    std::fs::write(&p, text).unwrap();
    let out = herald(&["code", p.to_str().unwrap(), "--date", "2023-03-17"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["id"], "story");
    assert_eq!(d["date"], "2023-03-17");
    assert_eq!(d["sentences"].as_array().unwrap().len(), 2);
    let slice = |span: &serde_json::Value| {
        let s = span[0].as_u64().unwrap() as usize;
        let e = span[1].as_u64().unwrap() as usize;
        text[s..e].to_string()
    };
    let actors: Vec<(String, String)> = d["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(slice(&a["span"]), a["text"].as_str().unwrap());
            (
                a["text"].as_str().unwrap().to_string(),
                a["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        actors.contains(&("Chinese President Xi Jinping".into(), "CHNGOV".into())),
        "{actors:?}"
    );
    assert!(
        actors.contains(&("Kremlin".into(), "RUSGOV".into())),
        "{actors:?}"
    );
    let events = d["events"].as_array().unwrap();
    let invade = events
        .iter()
        .find(|e| e["code"] == "192")
        .expect("the invasion is coded");
    assert_eq!(invade["source"]["code"], "RUSMIL");
    assert_eq!(invade["target"]["code"], "UKR");
    assert_eq!(invade["quad_class"], 4);
    assert_eq!(invade["plover"]["type"], "COERCE");
    assert!(slice(&invade["span"]).contains("invaded"));
    let visit = events
        .iter()
        .find(|e| e["code"] == "042")
        .expect("the visit is coded");
    assert_eq!(visit["source"]["code"], "CHNGOV");
    assert_eq!(visit["target"]["code"], "RUS");
    assert_eq!(visit["modality"], "future");
    for k in [
        "quotes",
        "times",
        "amounts",
        "persons",
        "organizations",
        "locations",
    ] {
        assert!(d[k].is_array(), "{k}");
    }
}

#[test]
fn bad_jsonl_records_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("news.jsonl");
    let mut f = std::fs::File::create(&p).unwrap();
    writeln!(
        f,
        r#"{{"id":"a","text":"Russia invaded Ukraine.","date":"2022-02-24"}}"#
    )
    .unwrap();
    writeln!(f, r#"{{"id":"b","text": oops}}"#).unwrap();
    writeln!(f, r#"{{"id":"c","title":"no text"}}"#).unwrap();
    f.write_all(b"{\"id\":\"d\",\"text\":\"caf\xe9\"}\n")
        .unwrap();
    writeln!(f).unwrap();
    writeln!(f, r#"{{"id":"e","text":"Iran criticised Israel."}}"#).unwrap();
    drop(f);
    let out = herald(&["code", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let ids: Vec<String> = lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "e"]);
    let err = stderr(&out);
    for line in [2, 3, 4] {
        assert!(
            err.contains(&format!("news.jsonl:{line}")),
            "line {line} not named in:\n{err}"
        );
    }

    // --strict stops at the first bad record.
    let out = herald(&["code", "--strict", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let ids: Vec<String> = lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a"]);
}

#[test]
fn empty_binary_and_oversized_inputs_fail_clearly_and_keep_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("blob.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Germany praised France.").unwrap();
    let big = dir.path().join("big.jsonl");
    {
        let mut f = std::fs::File::create(&big).unwrap();
        let filler = "a".repeat(50 << 20);
        writeln!(f, r#"{{"id":"huge","text":"{filler}"}}"#).unwrap();
        writeln!(f, r#"{{"id":"after","text":"Japan thanked Korea."}}"#).unwrap();
    }
    let out = herald(
        &[
            "code",
            empty.to_str().unwrap(),
            binary.to_str().unwrap(),
            good.to_str().unwrap(),
            big.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let ids: Vec<String> = lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["good", "after"]);
    let err = stderr(&out);
    assert!(err.contains("empty.txt"), "{err}");
    assert!(err.contains("blob.txt"), "{err}");
    assert!(err.contains("big.jsonl:1"), "{err}");
}

#[test]
fn reads_stdin_and_gzip() {
    let out = herald(
        &["code", "--input-format", "jsonl", "-"],
        Some(br#"{"id":"s","text":"Egypt hosted Qatar."}"#),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["id"], "s");

    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("n.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    enc.write_all(b"{\"id\":\"g\",\"text\":\"Egypt hosted Qatar.\"}\n")
        .unwrap();
    enc.finish().unwrap();
    let out = herald(&["code", gz.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["id"], "g");
}

#[test]
fn unreadable_dictionaries_are_a_fatal_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Germany praised France.").unwrap();
    let out = herald(
        &[
            "code",
            good.to_str().unwrap(),
            "--dictionaries",
            "/nonexistent/dicts",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/dicts"));
}

#[test]
fn demo_prints_events() {
    let out = herald(&["demo"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = String::from_utf8(out.stdout).unwrap();
    // Xi's arrival in Moscow for talks is coded with Xi (CHNGOV) as its source.
    assert!(
        s.lines()
            .any(|l| l.contains("CHNGOV    -> RUS") && l.contains("Xi arrives in Moscow")),
        "{s}"
    );
    // `herald explain` is one command away.
    assert!(
        s.contains("\n  herald explain \"Xi arrives in Moscow"),
        "{s}"
    );
}

#[test]
fn dict_check_names_actor_codes_with_no_country() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.actors"),
        "Angola\n    AGO\n\nUnita\n    ANGREB\n\nUnited Nations\n    IGOUNO\n",
    )
    .unwrap();
    let out = herald(&["dict", "check", dir.path().to_str().unwrap()], None);
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        s.contains("actor codes with an unknown country or CAMEO head: 1"),
        "{s}"
    );
    assert!(s.contains("x.actors:4 Unita: ANGREB"), "{s}");
}

#[test]
fn a_missing_input_is_an_error_that_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("article.txt");
    let db = dir.path().join("herald.db");
    for args in [
        vec!["code", missing.to_str().unwrap()],
        vec![
            "ingest",
            missing.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
    ] {
        let out = herald(&args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("article.txt: No such file"), "{err}");
        assert!(!err.contains("bad record"), "{err}");
    }
    assert!(
        !db.exists(),
        "no empty database for an input that is not there"
    );
}

#[test]
fn help_says_what_each_command_does_with_the_database_and_teasers() {
    let help = |cmd: &str| {
        let out = herald(&[cmd, "--help"], None);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let query = help("query");
    assert!(!query.contains("created when missing"), "{query}");
    assert!(query.contains("it must exist"), "{query}");
    assert!(help("export").contains("it must exist"));
    assert!(help("ingest").contains("created when missing"));
    // An RSS description is never taken for full text, however long it is.
    let watch = help("watch")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        watch.contains("an RSS description, however long"),
        "{watch}"
    );
}

#[test]
fn a_day_off_the_calendar_is_named_as_such() {
    for args in [
        ["code", "-", "--date", "2023-02-29"],
        ["dates", "next Thursday", "--date", "2023-02-29"],
    ] {
        // No stdin: the argument is refused before anything is read.
        let out = herald(&args, None);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("2023-02-29 is not a calendar date (February 2023 has 28 days)"),
            "{err}"
        );
    }
    let out = herald(&["code", "-", "--date", "17.03.2023"], None);
    assert!(
        stderr(&out).contains("expected YYYY-MM-DD"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_undated_article_stays_undated() {
    let out = herald(
        &["code", "-", "--input-format", "jsonl"],
        Some(br#"{"id":"bbc-2004","text":"Russia accused Ukraine of provocations."}"#),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &lines(&out)[0];
    assert!(doc["date"].is_null(), "{doc}");
    let events = doc["events"].as_array().unwrap();
    assert!(!events.is_empty(), "{doc}");
    assert!(events.iter().all(|e| e["date"].is_null()), "{doc}");
}

#[test]
fn dict_check_says_which_code_conflicts_matter() {
    let dir = tempfile::tempdir().unwrap();
    // Georgia the country and Georgia the US state: a conflict that changes who acted.
    // A later file giving a person a role under the same country only refines it.
    std::fs::write(
        dir.path().join("a.actors"),
        "Georgia\n    GEO\n\nJane Roe\n    FRAGOV\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.actors"),
        "Georgia\n    USA\n\nJane Roe\n    FRAELI\n",
    )
    .unwrap();
    let out = herald(&["dict", "check", dir.path().to_str().unwrap()], None);
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        s.contains("several entries (the later file wins): 2"),
        "{s}"
    );
    assert!(s.contains("  1 change who acted"), "{s}");
    assert!(s.contains("GEORGIA: a.actors:1 GEO, b.actors:1 USA"), "{s}");
    assert!(s.contains("  1 only refine the role"), "{s}");
    assert!(
        s.contains("JANE ROE: a.actors:4 FRAGOV, b.actors:4 FRAELI"),
        "{s}"
    );
}
