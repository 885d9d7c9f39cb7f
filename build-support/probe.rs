// What the tests of a crate can use on this machine, found when the crate is built.
//
// Included by the `build.rs` of every crate whose tests read `../shared` or call other
// programs: each found resource sets a cfg, and a test that needs a missing one carries
// `#[cfg_attr(not(has_shared), ignore = "needs ../shared")]`, so `cargo test` counts it
// as ignored, with the reason, instead of passing a test that did nothing.
//
// The cfgs:
// - `has_shared`: `../shared/data` next to the repository (the gold files, corpora,
//   treebanks and dictionaries that are too large to ship).
// - `has_browser`: the dashboard's end-to-end test can run: Chromium
//   (`$HERALD_CHROMIUM` or /usr/bin/chromium), node, and
//   `crates/herald-serve/tests/e2e/node_modules/playwright-core` (`npm ci` there).
// - `has_pandas`, `has_pyarrow`: `$HERALD_PYTHON` (default python3) imports them.
//
// Cargo reruns the probe when a found resource disappears or one it watches appears (the
// e2e folder, Chromium's path) and when `HERALD_CHROMIUM` or `HERALD_PYTHON` change. It
// cannot watch for a `../shared` or a Python package that appears after the build (that
// would mean scanning the whole parent folder): after adding one, `touch` the crate's
// `build.rs` (or `cargo clean -p CRATE`) so the tests that need it are built to run.

#[allow(dead_code)]
#[derive(Clone, Copy, PartialEq)]
enum Need {
    Shared,
    Browser,
    Python,
}

fn probe(needs: &[Need]) {
    println!("cargo:rustc-check-cfg=cfg(has_shared, has_browser, has_pandas, has_pyarrow)");
    println!("cargo:rerun-if-changed=build.rs");
    let manifest = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let repo = manifest.join("../..");
    if needs.contains(&Need::Shared) {
        let shared = repo.join("../shared/data");
        if shared.is_dir() {
            // A directory is scanned whole: removing it reruns the probe.
            println!("cargo:rerun-if-changed={}", shared.display());
            println!("cargo:rustc-cfg=has_shared");
        }
    }
    if needs.contains(&Need::Browser) {
        println!("cargo:rerun-if-env-changed=HERALD_CHROMIUM");
        let chromium = std::env::var_os("HERALD_CHROMIUM")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| "/usr/bin/chromium".into());
        let e2e = repo.join("crates/herald-serve/tests/e2e");
        // The e2e folder is small until `npm ci`, which changes it.
        println!("cargo:rerun-if-changed={}", e2e.display());
        if chromium.exists() {
            println!("cargo:rerun-if-changed={}", chromium.display());
        }
        let node = std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if chromium.exists() && node && e2e.join("node_modules/playwright-core").is_dir() {
            println!("cargo:rustc-cfg=has_browser");
        }
    }
    if needs.contains(&Need::Python) {
        println!("cargo:rerun-if-env-changed=HERALD_PYTHON");
        let python = std::env::var("HERALD_PYTHON").unwrap_or_else(|_| "python3".into());
        for module in ["pandas", "pyarrow"] {
            let found = std::process::Command::new(&python)
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|o| o.status.success());
            if found {
                println!("cargo:rustc-cfg=has_{module}");
            }
        }
    }
}
