//! The README's "Use" block, run as a new user runs it from a fresh clone: every command
//! exits 0 and prints what its comment says. The commands run in a scratch folder holding
//! a copy of `examples/`, with this build's `herald` for `./target/release/herald`;
//! `herald serve` gets a free port and answers one request before it is stopped.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).expect("README.md")
}

/// The body of the first ```sh block after `from` in `text`.
fn sh_block(text: &str, from: usize) -> &str {
    let start = from + text[from..].find("```sh\n").expect("a ```sh block") + "```sh\n".len();
    let len = text[start..].find("```").expect("the block ends");
    &text[start..start + len]
}

/// A line without its trailing `# comment` (a `#` inside quotes is kept).
fn strip_comment(line: &str) -> &str {
    let (mut single, mut double) = (false, false);
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && prev.is_whitespace() => return line[..i].trim_end(),
            _ => {}
        }
        prev = c;
    }
    line.trim_end()
}

/// The commands of a block: comment lines dropped, `\` continuations joined.
fn commands(block: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for line in block.lines() {
        let line = strip_comment(line.trim());
        if line.is_empty() {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(head) => {
                pending.push_str(head.trim_end());
                pending.push(' ');
            }
            None => {
                pending.push_str(line);
                out.push(std::mem::take(&mut pending));
            }
        }
    }
    assert!(
        pending.is_empty(),
        "a continuation runs off the block: {pending}"
    );
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Each line of `path` has `cols` tab-separated fields; the number of lines.
fn tsv_rows(path: &Path, cols: usize) -> usize {
    let s = std::fs::read_to_string(path).unwrap();
    for l in s.lines() {
        assert_eq!(l.split('\t').count(), cols, "{}: {l:?}", path.display());
    }
    s.lines().count()
}

/// What the README's comment promises for `cmd`, checked on its output.
fn check(cmd: &str, out: &Output, dir: &Path) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    let words: Vec<&str> = cmd.split_whitespace().collect();
    let has = |s: &str, want: &str| assert!(s.contains(want), "{cmd}: no {want:?} in\n{s}");
    let json_lines = |s: &str| -> Vec<serde_json::Value> {
        s.lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{cmd}: {e}: {l}")))
            .collect()
    };
    match (words[1], words[2]) {
        ("code", _) if cmd.contains("--output") => {
            let docs = json_lines(&std::fs::read_to_string(dir.join("events.jsonl")).unwrap());
            assert_eq!(docs.len(), 3, "{cmd}: one line per sample article");
        }
        ("code", input) => {
            let docs = json_lines(&stdout);
            assert!(!docs.is_empty(), "{cmd}: nothing coded");
            let events: usize = docs
                .iter()
                .map(|d| d["events"].as_array().map_or(0, Vec::len))
                .sum();
            assert!(events > 0, "{cmd}: no events");
            if input.ends_with("article.txt") {
                has(&stdout, "\"UKRGOV\"");
            }
        }
        ("eval", "events") => has(&stdout, "exactly right    5 (100.0%)"),
        ("eval", "all") => has(&stdout, "example-events"),
        ("dict", "import-petrarch") => {
            for f in ["example.actors", "example.agents", "example.verbs"] {
                assert!(dir.join("out").join(f).is_file(), "{cmd}: no out/{f}");
            }
        }
        ("dict", "check") => has(&stdout, "change who acted"),
        ("explain", _) => has(&stdout, "192"),
        ("ingest", _) => has(&stderr, "4 article(s) stored"),
        ("query", "timeline") => has(&stdout, "CHN <-> RUS"),
        ("export", _) if cmd.contains("gdelt-events") => {
            assert!(tsv_rows(&dir.join("events.tsv"), 61) > 0, "{cmd}: no rows");
        }
        ("export", _) if cmd.contains("gkg") => {
            assert_eq!(
                tsv_rows(&dir.join("gkg.tsv"), 27),
                6,
                "{cmd}: one row per article"
            );
        }
        ("export", _) if cmd.contains("parquet") => {
            let bytes = std::fs::read(dir.join("events.parquet")).unwrap();
            assert!(
                bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
                "{cmd}"
            );
        }
        ("watch", _) => has(&stderr, "2 article(s) stored"),
        ("parse", _) => has(&stdout, "# text = Kuleba visits Warsaw for grain talks"),
        ("dates", _) => has(&stdout, "2023-03-23"),
        ("extract", _) => {
            let page: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(page["date"], "2023-05-04", "{stdout}");
            has(&stdout, "Kenya signed an agreement with Ethiopia");
            assert!(!stdout.contains("Most read"), "{cmd}: boilerplate kept");
        }
        _ => panic!("{cmd}: the README has a command this test does not know; say what it prints"),
    }
}

/// `herald serve` on a free port: it must answer `/api/stats` for the database.
fn serve(cmd: &str, dir: &Path) {
    let mut child = Command::new("sh")
        .args(["-c", &format!("exec {cmd} --bind 127.0.0.1:0 --no-coding")])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .trim()
        .strip_prefix("herald serve: listening on http://")
        .and_then(|s| s.strip_suffix('/'))
        .unwrap_or_else(|| panic!("{cmd}: {first:?}"))
        .to_string();
    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        conn,
        "GET /api/stats HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    conn.read_to_string(&mut reply).unwrap();
    child.kill().ok();
    child.wait().ok();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("\"articles\":4"), "{reply}");
}

#[test]
fn the_first_lines_build_the_demo_and_run_the_tests() {
    let r = readme();
    assert_eq!(
        commands(sh_block(&r, 0)),
        ["cargo run --release -- demo", "cargo test --workspace"]
    );
}

#[test]
fn every_use_command_runs_from_a_fresh_clone() {
    let r = readme();
    let at = r.find("\n## Use\n").expect("a Use section");
    let cmds = commands(sh_block(&r, at));
    assert!(cmds.len() > 15, "{cmds:?}");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples"), &dir.path().join("examples"));
    let herald = env!("CARGO_BIN_EXE_herald");
    for cmd in &cmds {
        if cmd == "cargo build --release" {
            continue;
        }
        let rest = cmd
            .strip_prefix("./target/release/herald ")
            .unwrap_or_else(|| panic!("not a herald command: {cmd}"));
        let run = format!("'{herald}' {rest}");
        if rest.starts_with("serve ") {
            serve(&run, dir.path());
            continue;
        }
        let out = Command::new("sh")
            .args(["-c", &run])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cmd}: exit {:?}\n{}",
            out.status.code(),
            text(&out.stderr)
        );
        // Check against the command as written, with `herald` for the path.
        check(&format!("herald {rest}"), &out, dir.path());
    }
    // The feed's undated item stayed undated: no day, listed after every dated record.
    let out = Command::new(herald)
        .args(["query", "events", "--sort", "recent", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let last = rows.last().expect("records");
    assert_eq!(last["source"], "PEROPP", "{rows:?}");
    assert!(last["day"].is_null(), "{last}");
}

#[test]
fn comments_and_continuations_are_read_like_a_shell() {
    let block = "# a comment\nherald a \"x # y\" # note\nherald b \\\n    --c d\n";
    assert_eq!(commands(block), ["herald a \"x # y\"", "herald b --c d"]);
}
