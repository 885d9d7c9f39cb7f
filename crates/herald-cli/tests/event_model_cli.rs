//! The event model from the command line: `herald train events` learns a tiny invented
//! set, a broken model file is named in the error, and the shipped model annotates
//! events without changing them by default.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn herald(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_herald"));
    cmd.args(args);
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("run herald");
    if let Some(s) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-evm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn events(out: &Output) -> Vec<serde_json::Value> {
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .flat_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["events"].as_array().cloned().unwrap_or_default()
        })
        .collect()
}

#[test]
fn a_corrupt_or_missing_model_file_is_named() {
    let dir = scratch("corrupt");
    for f in ["static-vectors.bin", "static-vocab.txt"] {
        std::fs::copy(models().join(f), dir.join(f)).unwrap();
    }
    std::fs::write(
        dir.join("events-head.json"),
        "{\"format\": \"herald-event-head 1\", ",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let out = herald(
        &["code", "-", "--event-model-dir", d],
        Some("Kenya met Uganda."),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("events-head.json") && err.contains("not a valid model file"),
        "{err}"
    );
    std::fs::remove_file(dir.join("static-vectors.bin")).unwrap();
    let out = herald(
        &["code", "-", "--event-model-dir", d],
        Some("Kenya met Uganda."),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("static-vectors.bin"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_shipped_model_annotates_but_does_not_change_events_by_default() {
    let text = "Germany criticised Poland over its new media law. Kenya sent food aid to Somalia.";
    let with = herald(&["code", "-", "--date", "2023-03-17"], Some(text));
    let without = herald(
        &["code", "-", "--date", "2023-03-17", "--event-model", "none"],
        Some(text),
    );
    assert!(with.status.success() && without.status.success());
    let (a, b) = (events(&with), events(&without));
    assert_eq!(a.len(), 2);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x["code"], y["code"]);
        assert!(y.get("confidence").is_none());
        let c = x["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        assert!(matches!(x["decided_by"].as_str(), Some("rules" | "both")));
    }
}

#[test]
fn training_on_a_tiny_set_learns_it_the_same_way_twice() {
    // An invented set: attacks marked ASSAULT, visits CONSULT, praise SUPPORT.
    let rows = [
        ("<s>Kenya</s> attacked <t>Uganda</t> on Monday.", "ASSAULT"),
        ("<s>France</s> bombed <t>Syria</t> overnight.", "ASSAULT"),
        ("<s>Chad</s> shelled <t>Sudan</t> again.", "ASSAULT"),
        ("<s>Peru</s> attacked <t>Chile</t> at dawn.", "ASSAULT"),
        ("<s>Japan</s> met <t>India</t> in Delhi.", "CONSULT"),
        ("<s>Spain</s> hosted <t>Italy</t> for talks.", "CONSULT"),
        ("<s>Ghana</s> met <t>Togo</t> on Friday.", "CONSULT"),
        (
            "<s>Brazil</s> visited <t>Argentina</t> last week.",
            "CONSULT",
        ),
        (
            "<s>Norway</s> praised <t>Sweden</t> for its help.",
            "SUPPORT",
        ),
        ("<s>Egypt</s> praised <t>Jordan</t> warmly.", "SUPPORT"),
        (
            "<s>Austria</s> praised <t>Hungary</t> on Tuesday.",
            "SUPPORT",
        ),
        (
            "<s>Canada</s> praised <t>Mexico</t> for the deal.",
            "SUPPORT",
        ),
    ];
    let dir = scratch("tiny");
    let data = dir.join("tiny.jsonl");
    let mut lines = String::new();
    for (i, (marked, kind)) in rows.iter().enumerate() {
        let text = marked
            .replace("<s>", "")
            .replace("</s>", "")
            .replace("<t>", "")
            .replace("</t>", "");
        lines.push_str(&serde_json::json!({"id": format!("tiny-{i}"), "text": text, "marked": marked, "plover": kind}).to_string());
        lines.push('\n');
    }
    std::fs::write(&data, lines).unwrap();
    let mut heads = Vec::new();
    for run in ["a", "b"] {
        let out_dir = dir.join(run);
        std::fs::create_dir_all(&out_dir).unwrap();
        for f in ["static-vectors.bin", "static-vocab.txt"] {
            std::fs::copy(models().join(f), out_dir.join(f)).unwrap();
        }
        let out = herald(
            &[
                "train",
                "events",
                "--data",
                data.to_str().unwrap(),
                "--out",
                out_dir.to_str().unwrap(),
                "--folds",
                "0",
                "--epochs",
                "150",
            ],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        heads.push(std::fs::read(out_dir.join("events-head.json")).unwrap());
    }
    assert_eq!(heads[0], heads[1], "same data and seed, same bytes");
    // The trained model types an unseen sentence of each kind as taught.
    let d = dir.join("a");
    let out = herald(
        &[
            "explain",
            "Bolivia attacked Paraguay on Sunday.",
            "--date",
            "2023-03-17",
            "--event-model-dir",
            d.to_str().unwrap(),
        ],
        None,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("model: ASSAULT"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
