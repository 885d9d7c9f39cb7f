//! `herald serve` end to end in headless Chromium: ingest the sample articles and one
//! carrying injected markup, serve them on a free loopback port, and let
//! `crates/herald-serve/tests/e2e/dashboard.mjs` (playwright-core) use the dashboard.
//! Ignored, with the reason, when the build found no Chromium, node or playwright-core;
//! `.ci/run` installs them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn e2e_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../herald-serve/tests/e2e")
}

fn chromium() -> Option<PathBuf> {
    let p = std::env::var_os("HERALD_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    p.exists().then_some(p)
}

fn have_node() -> bool {
    Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Where test artifacts go: `<target>/e2e/`, next to the build's profile directory.
fn artifact_dir() -> PathBuf {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_herald"));
    let target = exe
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir);
    target.join("e2e")
}

const INJECTED: &str = r#"{"id": "injected", "date": "2023-03-21", "title": "Injected <img src=x onerror=\"window.__pwned='title'\"> headline", "source": "<b onmouseover=\"window.__pwned='source'\">evil</b> wire", "url": "javascript:window.__pwned='url'", "text": "Injected <script>window.__pwned='script'</script> headline\n\nRussian forces attacked Ukraine on Tuesday, <img src=x onerror=\"window.__pwned='img'\"> officials said.\n\n\"<b onmouseover=\"window.__pwned='quote'\">We will never surrender</b>,\" Ukrainian President Volodymyr Zelensky said on Tuesday."}"#;

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs Chromium, node and `npm ci` in crates/herald-serve/tests/e2e (.ci/run installs them)"
)]
fn dashboard_in_headless_chromium() {
    // The build found all three (build-support/probe.rs); say which one went missing since.
    let rebuild =
        "found when the test was built; `touch crates/herald-cli/build.rs` after removing it";
    let chrome = chromium().unwrap_or_else(|| panic!("Chromium {rebuild}"));
    assert!(have_node(), "node {rebuild}");
    assert!(
        e2e_dir().join("node_modules/playwright-core").exists(),
        "playwright-core {rebuild}"
    );
    let herald = env!("CARGO_BIN_EXE_herald");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let injected = dir.path().join("injected.jsonl");
    std::fs::write(&injected, format!("{INJECTED}\n")).unwrap();
    let samples =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample-articles.jsonl");
    let out = Command::new(herald)
        .arg("ingest")
        .arg(&samples)
        .arg(&injected)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("herald ingest runs");
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut child = Command::new(herald)
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("herald serve starts");
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    // The first line names the address; read it on a thread so a hung start times out.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("herald serve prints its address");
    let url = line
        .trim()
        .rsplit(' ')
        .next()
        .filter(|u| u.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();

    let artifacts = artifact_dir();
    std::fs::create_dir_all(&artifacts).unwrap();
    let shot = artifacts.join("dashboard.png");
    let _ = std::fs::remove_file(&shot);
    let started = Instant::now();
    let out = Command::new("node")
        .arg(e2e_dir().join("dashboard.mjs"))
        .arg(&url)
        .arg(&shot)
        .arg(&chrome)
        .output()
        .expect("node runs");
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!(
        "dashboard e2e ({:.1} s): {stdout}",
        started.elapsed().as_secs_f64()
    );
    assert!(
        out.status.success(),
        "dashboard checks failed:\n{stderr}\n{stdout}"
    );
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).expect("summary JSON");
    assert!(summary["timeline_bars"].as_u64().unwrap_or(0) > 0);
    assert!(summary["event_spans"].as_u64().unwrap_or(0) > 0);
    assert!(summary["xss"]["pwned"].is_null());
    assert!(shot.exists(), "screenshot written");
    eprintln!("screenshot: {}", shot.display());
}
