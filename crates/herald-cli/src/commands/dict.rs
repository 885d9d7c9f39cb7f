//! `herald dict`: convert PETRARCH dictionaries and check dictionary sets.

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use herald_lexicon::{
    file_kind, herald_format, load_dir, load_file, Dictionaries, FileKind, Ontology,
};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `herald dict` subcommands.
#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Convert a PETRARCH/TABARI dictionary directory into herald's format.
    ImportPetrarch(ImportArgs),
    /// Load a dictionary directory, report counts, load time, memory and every problem.
    Check(CheckArgs),
}

/// Arguments of `herald dict import-petrarch`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// PETRARCH dictionary directory.
    pub dir: PathBuf,
    /// Output directory (created if missing).
    pub out: PathBuf,
}

/// Arguments of `herald dict check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Dictionary directory; default: herald's own.
    pub dir: Option<PathBuf>,
    /// Exit with status 1 when any problem is found.
    #[arg(long)]
    pub strict: bool,
    /// Print at most this many problems of each kind.
    #[arg(long, default_value_t = 50)]
    pub max: usize,
}

/// Run a `herald dict` subcommand.
pub fn run(cmd: &DictCommand) -> anyhow::Result<i32> {
    match cmd {
        DictCommand::ImportPetrarch(a) => import(a),
        DictCommand::Check(a) => check(a),
    }
}

/// `Phoenix.Countries.actors.txt` → `phoenix-countries`.
fn out_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_ascii_lowercase();
    let parts: Vec<&str> = name
        .split(['.', '_', ' '])
        .filter(|p| {
            !p.is_empty() && !matches!(*p, "txt" | "actors" | "agents" | "verbs" | "discards")
        })
        .collect();
    if parts.is_empty() {
        "dictionary".into()
    } else {
        parts.join("-")
    }
}

fn import(a: &ImportArgs) -> anyhow::Result<i32> {
    let mut files: Vec<(PathBuf, FileKind)> = std::fs::read_dir(&a.dir)
        .with_context(|| format!("reading {}", a.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| file_kind(&p).map(|k| (p, k)))
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    if files.is_empty() {
        bail!("{}: no PETRARCH dictionary files found", a.dir.display());
    }
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let mut problems = 0;
    for (path, kind) in files {
        let mut d = Dictionaries::default();
        load_file(&path, kind, &mut d)?;
        for diag in &d.report.diagnostics {
            eprintln!("{}: {diag}", a.dir.display());
        }
        problems += d.report.diagnostics.len();
        let src = path.file_name().unwrap().to_string_lossy();
        let header = format!(
            "# Converted by `herald dict import-petrarch` from {src}.\n\
             # Source: PETRARCH/Phoenix dictionaries, Open Event Data Alliance, MIT licence.\n\
             # herald's format: see docs/dictionaries.md. Edit freely.\n"
        );
        let stem = out_stem(&path);
        let (ext, text) = match kind {
            FileKind::PetrarchActors | FileKind::HeraldActors => {
                ("actors", herald_format::write_actors(&d.actors, &header))
            }
            FileKind::PetrarchAgents | FileKind::HeraldAgents => {
                ("agents", herald_format::write_agents(&d.agents, &header))
            }
            FileKind::PetrarchVerbs | FileKind::HeraldVerbs => {
                ("verbs", herald_format::write_verbs(&d, &header))
            }
            FileKind::PetrarchDiscards | FileKind::HeraldDiscards => (
                "discards",
                herald_format::write_discards(&d.discards, &header),
            ),
            // herald's own format already; PETRARCH has no event nouns.
            FileKind::HeraldNouns => continue,
        };
        let out = a.out.join(format!("{stem}.{ext}"));
        std::fs::write(&out, text).with_context(|| format!("writing {}", out.display()))?;
        d.recount();
        eprintln!(
            "{} -> {} ({} entries)",
            path.display(),
            out.display(),
            d.report.total()
        );
    }
    eprintln!("{problems} malformed entries reported and skipped");
    Ok(0)
}

/// Peak resident memory of this process in KiB (Linux), for reports.
pub fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn check(a: &CheckArgs) -> anyhow::Result<i32> {
    let dir = a
        .dir
        .clone()
        .unwrap_or_else(herald_lexicon::default_dictionary_dir);
    let t = Instant::now();
    let d = load_dir(&dir).with_context(|| format!("loading {}", dir.display()))?;
    let loaded = t.elapsed();
    let lx = herald_lexicon::Lexicon::new(d);
    let compiled = t.elapsed();
    let d = &lx.dict;
    let r = &d.report;
    println!("dictionary       {}", dir.display());
    println!("files            {}", r.files.join(", "));
    println!(
        "entries          {} actors ({} names), {} agents, {} verb blocks, {} verbs, {} patterns, {} synsets, {} discards",
        r.actors, r.actor_names, r.agents, r.verb_blocks, r.verbs, r.patterns, r.synsets, r.discards
    );
    println!("automaton        {} distinct names", lx.matcher.len());
    println!(
        "load time        {:.0} ms read + {:.0} ms compile",
        loaded.as_secs_f64() * 1e3,
        (compiled - loaded).as_secs_f64() * 1e3
    );
    if let Some(kib) = peak_rss_kib() {
        println!("peak memory      {:.1} MiB", kib as f64 / 1024.0);
    }
    let mut problems = 0usize;
    println!("\nskipped or repaired entries: {}", r.diagnostics.len());
    for diag in r.diagnostics.iter().take(a.max) {
        println!("  {diag}");
    }
    problems += r.diagnostics.len();

    // Lints: names that code differently in two entries, overlapping ranges, unknown
    // event codes, patterns that can never fire (a duplicate earlier in the block).
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in d.actors.iter().enumerate() {
        for p in &e.phrases {
            by_name.entry(p.display()).or_default().push(i);
        }
    }
    // A conflict matters when it changes who acted: the entries name different countries
    // or organisations (the first three letters of the code), or one file holds the name
    // twice. The rest are a later file refining the role under the same head, as herald's
    // dated officeholders do for PETRARCH's entries on purpose.
    let mut matter: Vec<String> = Vec::new();
    let mut refine: Vec<String> = Vec::new();
    for (n, v) in &by_name {
        // An entry that lists the same name twice counts once.
        let mut v = v.clone();
        v.dedup();
        if v.len() < 2 {
            continue;
        }
        let code = |i: usize| d.actors[i].code_on(None).unwrap_or("-");
        let first = code(v[0]);
        if v.iter().all(|&i| code(i) == first) {
            continue;
        }
        let head = |c: &str| c.get(..3).unwrap_or(c).to_string();
        let heads: HashSet<String> = v.iter().map(|&i| head(code(i))).collect();
        let files: HashSet<&str> = v.iter().map(|&i| &*d.actors[i].origin.file).collect();
        let places: Vec<String> = v
            .iter()
            .map(|&i| format!("{} {}", d.actors[i].origin, code(i)))
            .collect();
        let line = format!("{n}: {}", places.join(", "));
        if heads.len() > 1 || files.len() < v.len() {
            matter.push(line);
        } else {
            refine.push(line);
        }
    }
    matter.sort();
    refine.sort();
    println!(
        "\nnames with different codes in several entries (the later file wins): {}",
        matter.len() + refine.len()
    );
    println!(
        "  {} change who acted (different country or organisation, or twice in one file); check these:",
        matter.len()
    );
    for x in matter.iter().take(a.max) {
        println!("    {x}");
    }
    println!(
        "  {} only refine the role under the same country or organisation (a later file's dated roles, on purpose):",
        refine.len()
    );
    for x in refine.iter().take(a.max.min(5)) {
        println!("    {x}");
    }
    if refine.len() > a.max.min(5) {
        println!("    …");
    }
    let mut overlaps = Vec::new();
    for e in &d.actors {
        let dated: Vec<_> = e.codes.iter().filter(|c| c.is_dated()).collect();
        for (i, x) in dated.iter().enumerate() {
            for y in &dated[i + 1..] {
                let lo = |d: Option<chrono::NaiveDate>| d.unwrap_or(chrono::NaiveDate::MIN);
                let hi = |d: Option<chrono::NaiveDate>| d.unwrap_or(chrono::NaiveDate::MAX);
                if x.code != y.code && lo(x.from) <= hi(y.to) && lo(y.from) <= hi(x.to) {
                    overlaps.push(format!(
                        "{} {}: {} and {}",
                        e.origin, e.name, x.code, y.code
                    ));
                }
            }
        }
    }
    println!(
        "\nentries with overlapping date ranges of different codes: {}",
        overlaps.len()
    );
    for x in overlaps.iter().take(a.max) {
        println!("  {x}");
    }
    // Actor codes whose first three letters are neither an ISO country (the gazetteer's)
    // nor one of CAMEO's other actor heads: a typo there (ANGREB for Angola's AGO) codes
    // every event of the actor to a country that does not exist.
    match herald_names::Gazetteer::load_default() {
        Err(e) => {
            println!("\nactor codes not checked: the gazetteer of country codes did not load ({e})")
        }
        Ok(g) => {
            let mut unknown_actors = Vec::new();
            for e in &d.actors {
                for c in &e.codes {
                    let head = c.code.get(..3).unwrap_or(&c.code);
                    if g.country_by_iso3(head).is_none() && !CAMEO_HEADS.contains(&head) {
                        unknown_actors.push(format!("{} {}: {}", e.origin, e.name, c.code));
                    }
                }
            }
            println!(
                "\nactor codes with an unknown country or CAMEO head: {}",
                unknown_actors.len()
            );
            for x in unknown_actors.iter().take(a.max) {
                println!("  {x}");
            }
            problems += unknown_actors.len();
        }
    }
    let onto = Ontology::builtin();
    let mut unknown = Vec::new();
    let mut unreachable = Vec::new();
    for b in &d.verbs {
        let mut seen: HashMap<&str, &herald_lexicon::Origin> = HashMap::new();
        for p in &b.patterns {
            for c in [&p.code.primary, &p.code.secondary].into_iter().flatten() {
                if !onto.is_code(c) {
                    unknown.push(format!("{} {}: [{}]", p.origin, b.name, c));
                }
            }
            if let Some(first) = seen.insert(&p.text, &p.origin) {
                unreachable.push(format!(
                    "{} {}: `{}` repeats {}",
                    p.origin, b.name, p.text, first
                ));
            }
        }
    }
    println!("\npatterns with codes outside CAMEO: {}", unknown.len());
    for x in unknown.iter().take(a.max) {
        println!("  {x}");
    }
    println!(
        "\nunreachable patterns (same pattern earlier in the block): {}",
        unreachable.len()
    );
    for x in unreachable.iter().take(a.max) {
        println!("  {x}");
    }
    problems += matter.len() + overlaps.len() + unknown.len() + unreachable.len();
    Ok(if a.strict && problems > 0 { 1 } else { 0 })
}

/// CAMEO actor codes that do not start with an ISO country: organisations (IGO, NGO,
/// IMG, MNC), regions, religions and ethnic groups, states that no longer exist, and
/// territories without an ISO code of their own in CAMEO's usage.
const CAMEO_HEADS: &[&str] = &[
    "IGO", "NGO", "IMG", "MNC", "UAF", "INT", "---", // organisations, international
    "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
    "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "SSA", "WAF", "WCA", "WEU",
    "WST", // regions
    "BAH", "BUD", "CHR", "CON", "HIN", "JAN", "JEW", "MOS", "SHI", "SIK", "SUN", "TAO", "ZRO",
    // religions (SUN is also the Soviet Union)
    "KUR", "TAM", "UIG", "ROM", // ethnic groups
    "CSK", "DDR", "FRY", "SCG", "USR", "YMD", "YUG", // former states
    "KSV", "TMP", "KKL", "KNT", "SRP", "KRJ",
    "FRN", // territories and regions as CAMEO codes them
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        assert_eq!(
            out_stem(Path::new("Phoenix.Countries.actors.txt")),
            "phoenix-countries"
        );
        assert_eq!(out_stem(Path::new("CAMEO.2.0.txt")), "cameo-2-0");
        assert_eq!(out_stem(Path::new("Phoenix.agents.txt")), "phoenix");
    }
}
