//! `herald parse`: herald's own segmentation, CoNLL-U out, spans kept in MISC.

use std::process::Command;

#[test]
fn parse_prints_conllu_with_token_ranges_and_one_root_per_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let text = "China’s Xi Jinping met Mr. Putin in Moscow.\nHe left on Friday.";
    let p = dir.path().join("t.txt");
    std::fs::write(&p, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["parse", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    let sentences: Vec<&str> = s.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
    assert_eq!(sentences.len(), 2);
    for block in sentences {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        assert!(rows.iter().all(|r| r.len() == 10), "{block}");
        assert_eq!(
            rows.iter().filter(|r| r[6] == "0").count(),
            1,
            "one root in {block}"
        );
        for r in &rows {
            let range = r[9]
                .split('|')
                .find_map(|m| m.strip_prefix("TokenRange="))
                .unwrap();
            let (a, b) = range.split_once(':').unwrap();
            assert_eq!(
                &text[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()],
                r[1]
            );
        }
    }
    assert!(s.contains("\tMr.\t"), "abbreviations stay whole: {s}");
    assert!(s.contains("\t’s\t"), "possessives split like UD: {s}");
}
