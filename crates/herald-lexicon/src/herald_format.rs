//! herald's own dictionary format: readable, diff-friendly, one block per entry.
//!
//! ```text
//! # comment
//! Volodymyr Zelenskyy | Volodymyr Zelensky | Zelenskyy
//!     UKRGOV 2019-05-20..
//!     UKRELI
//! ```
//! `.actors` files hold actors; `.agents` files hold agents (code lines `~GOV` or `GOV~`);
//! `.verbs` files use PETRARCH's verb-pattern language; `.discards` files list one phrase per
//! line (`+` first for story-level discards). See `docs/dictionaries.md`.

use crate::dict::*;
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::sync::Arc;

/// Strip a trailing comment: `#` at the start or after whitespace.
fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #").or_else(|| line.find("\t#")) {
        Some(p) => &line[..p],
        None => line,
    }
}

fn parse_iso(s: &str) -> Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("bad date {s:?} (want YYYY-MM-DD)"))
}

/// One block: names on the header line, indented body lines.
struct Block<'a> {
    line: u32,
    names: Vec<&'a str>,
    body: Vec<(u32, &'a str)>,
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = strip_comment(raw.trim_end_matches('\r'));
        if line.trim().is_empty() {
            continue;
        }
        let ln = i as u32 + 1;
        if line.starts_with([' ', '\t']) {
            match out.last_mut() {
                Some(b) => b.body.push((ln, line.trim())),
                None => out.push(Block {
                    line: ln,
                    names: vec![],
                    body: vec![(ln, line.trim())],
                }),
            }
        } else {
            out.push(Block {
                line: ln,
                names: line
                    .split('|')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .collect(),
                body: vec![],
            });
        }
    }
    out
}

fn phrases(names: &[&str]) -> Vec<Phrase> {
    names.iter().filter_map(|n| Phrase::parse(n)).collect()
}

/// Read a herald `.actors` file.
pub fn read_actors(file: &str, text: &str, out: &mut Dictionaries) {
    let fname: Arc<str> = Arc::from(file);
    for b in blocks(text) {
        let origin = Origin {
            file: fname.clone(),
            line: b.line,
        };
        if b.names.is_empty() {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: "indented line without an entry above it; skipped".into(),
            });
            continue;
        }
        let mut codes = Vec::new();
        let mut bad = false;
        for (ln, body) in &b.body {
            match parse_code_line(body) {
                Ok(c) => codes.push(c),
                Err(m) => {
                    bad = true;
                    out.report.diagnostics.push(Diagnostic {
                        origin: Origin {
                            file: fname.clone(),
                            line: *ln,
                        },
                        message: format!("{m}; entry {:?} skipped", b.names[0]),
                    });
                }
            }
        }
        if bad {
            continue;
        }
        if codes.is_empty() {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: format!("entry {:?} has no code; skipped", b.names[0]),
            });
            continue;
        }
        let ps = phrases(&b.names);
        if ps.is_empty() {
            continue;
        }
        let class = if codes.iter().any(DatedCode::is_dated) {
            classify_dated(file, &codes)
        } else if codes.iter().all(|c| c.code.len() == 3) {
            ActorClass::Country
        } else {
            ActorClass::Organization
        };
        out.actors.push(ActorEntry {
            name: b.names[0].to_string(),
            phrases: ps,
            codes,
            class,
            origin,
        });
    }
}

/// An entry with dated codes is a person, unless its latest code is a bare country
/// (Ukraine: USRUKR until 1991, then UKR) or it comes from a file of organisations
/// (the Taliban: AFGREB, then AFGGOV).
pub(crate) fn classify_dated(file: &str, codes: &[DatedCode]) -> ActorClass {
    let latest = codes
        .iter()
        .filter(|c| c.is_dated())
        .max_by_key(|c| c.from)
        .map(|c| c.code.as_str())
        .unwrap_or("");
    let lower = file.to_ascii_lowercase();
    if latest.len() == 3 {
        ActorClass::Country
    } else if lower.contains("nonstate") || lower.contains("international") {
        ActorClass::Organization
    } else {
        ActorClass::Person
    }
}

fn parse_code_line(s: &str) -> Result<DatedCode, String> {
    let mut parts = s.split_whitespace();
    let code = parts.next().ok_or("empty code line")?;
    if !(code == "---"
        || (code.len() <= 15
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())))
    {
        return Err(format!("bad code {code:?}"));
    }
    let mut dc = DatedCode {
        code: code.to_string(),
        from: None,
        to: None,
    };
    if let Some(range) = parts.next() {
        let (a, b) = range
            .split_once("..")
            .ok_or_else(|| format!("bad date range {range:?} (want FROM..TO)"))?;
        dc.from = parse_iso(a)?;
        dc.to = parse_iso(b)?;
        if let (Some(f), Some(t)) = (dc.from, dc.to) {
            if f > t {
                return Err(format!("range {range} ends before it starts"));
            }
        }
    }
    if let Some(extra) = parts.next() {
        return Err(format!("unexpected {extra:?} after the code"));
    }
    Ok(dc)
}

/// Read a herald `.agents` file.
pub fn read_agents(file: &str, text: &str, out: &mut Dictionaries) {
    let fname: Arc<str> = Arc::from(file);
    for b in blocks(text) {
        let origin = Origin {
            file: fname.clone(),
            line: b.line,
        };
        let code_line = match b.body.as_slice() {
            [(_, c)] => *c,
            _ => {
                out.report.diagnostics.push(Diagnostic {
                    origin,
                    message: "an agent needs exactly one code line (~GOV or GOV~); skipped".into(),
                });
                continue;
            }
        };
        let (code, placement) = if let Some(c) = code_line.strip_prefix('~') {
            (c, AgentPlacement::Suffix)
        } else if let Some(c) = code_line.strip_suffix('~') {
            (c, AgentPlacement::Prefix)
        } else {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: format!("agent code {code_line:?} needs '~' before or after; skipped"),
            });
            continue;
        };
        let mut ps = phrases(&b.names);
        for p in &mut ps {
            p.stem = false;
        }
        if ps.is_empty() || code.is_empty() {
            continue;
        }
        out.agents.push(AgentEntry {
            name: b.names[0].to_string(),
            phrases: ps,
            code: code.to_string(),
            placement,
            origin,
        });
    }
}

/// Read a herald `.discards` file.
pub fn read_discards(file: &str, text: &str, out: &mut Dictionaries) {
    let fname: Arc<str> = Arc::from(file);
    for (i, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let (story, body) = match line.strip_prefix('+') {
            Some(b) => (true, b),
            None => (false, line),
        };
        if let Some(mut phrase) = Phrase::parse(body) {
            phrase.stem = false;
            out.discards.push(Discard {
                phrase,
                story,
                origin: Origin {
                    file: fname.clone(),
                    line: i as u32 + 1,
                },
            });
        }
    }
}

/// Read a herald `.nouns` file: per line the forms (`|` between them; a form may have
/// several words), the CAMEO code, then the prepositions that introduce the target.
/// Columns are separated by two or more spaces or a tab.
pub fn read_nouns(file: &str, text: &str, out: &mut Dictionaries) {
    let fname: Arc<str> = Arc::from(file);
    for (i, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let origin = Origin {
            file: fname.clone(),
            line: i as u32 + 1,
        };
        let cols: Vec<&str> = line
            .split("  ")
            .flat_map(|c| c.split('\t'))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let (Some(forms), Some(code)) = (cols.first(), cols.get(1)) else {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: "expected FORMS  CODE  [PREPOSITIONS]".into(),
            });
            continue;
        };
        if !code.chars().all(|c| c.is_ascii_digit()) || !(2..=4).contains(&code.len()) {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: format!("{code:?} is not a CAMEO code"),
            });
            continue;
        }
        out.nouns.push(EventNoun {
            forms: forms
                .split('|')
                .map(|f| {
                    f.split_whitespace()
                        .map(|w| w.to_ascii_uppercase())
                        .collect()
                })
                .filter(|f: &Vec<String>| !f.is_empty())
                .collect(),
            code: code.to_string(),
            preps: cols
                .get(2..)
                .unwrap_or_default()
                .iter()
                .flat_map(|c| c.split_whitespace())
                .map(|w| w.to_ascii_uppercase())
                .collect(),
            origin,
        });
    }
}

/// Render a name for herald's format: words joined by spaces, `'S` glued back on.
fn render_phrase(p: &Phrase) -> String {
    let mut s = String::new();
    for (i, w) in p.words.iter().enumerate() {
        let glue = w.starts_with('\'') || w == "N'T" || w == "." || w == ",";
        if i > 0 && !glue {
            s.push(' ');
        }
        s.push_str(&title_case(w));
    }
    if p.stem {
        s.push('*');
    }
    s
}

/// Phoenix names are upper case; herald's files read better in title case. Matching is
/// case-insensitive, so this changes nothing but readability.
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '.' | '/');
    }
    out
}

fn render_range(c: &DatedCode) -> String {
    if !c.is_dated() {
        return c.code.clone();
    }
    let d = |x: Option<NaiveDate>| {
        x.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    format!("{} {}..{}", c.code, d(c.from), d(c.to))
}

/// Write actors in herald's format.
pub fn write_actors(actors: &[ActorEntry], header: &str) -> String {
    let mut s = String::from(header);
    for a in actors {
        let names: Vec<String> = a.phrases.iter().map(render_phrase).collect();
        let _ = writeln!(s, "\n{}", names.join(" | "));
        for c in &a.codes {
            let _ = writeln!(s, "    {}", render_range(c));
        }
    }
    s
}

/// Write agents in herald's format.
pub fn write_agents(agents: &[AgentEntry], header: &str) -> String {
    let mut s = String::from(header);
    for a in agents {
        let names: Vec<String> = a.phrases.iter().map(render_phrase).collect();
        let code = match a.placement {
            AgentPlacement::Suffix => format!("~{}", a.code),
            AgentPlacement::Prefix => format!("{}~", a.code),
        };
        let _ = writeln!(s, "\n{}\n    {code}", names.join(" | "));
    }
    s
}

/// Write discards in herald's format.
pub fn write_discards(discards: &[Discard], header: &str) -> String {
    let mut s = String::from(header);
    s.push('\n');
    for d in discards {
        let _ = writeln!(
            s,
            "{}{}",
            if d.story { "+" } else { "" },
            render_phrase(&d.phrase)
        );
    }
    s
}

fn pattern_word(e: &PatternElem) -> String {
    match e {
        PatternElem::Word { word, stem } => {
            if *stem {
                word.clone()
            } else {
                format!("{word}_")
            }
        }
        PatternElem::Synset(n) => format!("&{n}"),
        PatternElem::Source => "$".into(),
        PatternElem::Target => "+".into(),
        PatternElem::Skip => "^".into(),
        PatternElem::Compound => "%".into(),
        PatternElem::Group(g) => format!(
            "({})",
            g.iter().map(pattern_word).collect::<Vec<_>>().join(" ")
        ),
        PatternElem::Phrase(g) => format!(
            "{{{}}}",
            g.iter().map(pattern_word).collect::<Vec<_>>().join(" ")
        ),
    }
}

/// Write synsets and verb blocks in herald's `.verbs` layout (PETRARCH's pattern language).
pub fn write_verbs(d: &Dictionaries, header: &str) -> String {
    let mut s = String::from(header);
    let mut names: Vec<&String> = d.synsets.keys().collect();
    names.sort();
    for n in names {
        let _ = writeln!(s, "\n&{n}");
        for p in &d.synsets[n] {
            let w = p.words.join("_");
            let _ = writeln!(s, "+{}{}", w, if p.stem { "" } else { "_" });
        }
    }
    for b in &d.verbs {
        let code = b
            .code
            .as_ref()
            .map(CodePair::display)
            .unwrap_or_else(|| "---".into());
        let _ = writeln!(s, "\n--- {} [{}] ---", b.name, code);
        for v in &b.verbs {
            let mut word = v.prefix.iter().map(|p| format!("{p}_")).collect::<String>();
            if !v.prefix.is_empty() || !v.particles.is_empty() {
                word.push('+');
            }
            word.push_str(&v.forms[0]);
            for p in &v.particles {
                word.push('_');
                word.push_str(p);
            }
            let _ = write!(s, "{word} {{");
            for f in &v.forms[1..] {
                let _ = write!(s, " {f}");
            }
            s.push_str(" }");
            if let Some(c) = &v.code {
                let _ = write!(s, " [{}]", c.display());
            }
            s.push('\n');
        }
        for p in &b.patterns {
            let mut parts: Vec<String> = p.before.iter().map(pattern_word).collect();
            if p.has_verb {
                parts.push("*".into());
            }
            parts.extend(p.after.iter().map(pattern_word));
            let _ = writeln!(
                s,
                "- {} [{}]  # {}",
                parts.join(" "),
                p.code.display(),
                p.origin
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_actor_blocks() {
        let text = "# people\nVolodymyr Zelenskyy | Zelenskyy  # president\n    UKRGOV 2019-05-20..\n    UKRELI\n\nBad Dates\n    UKRGOV 2019-13-01..\n\nNo Code\n\nChina | Chinese\n    CHN\n";
        let mut d = Dictionaries::default();
        read_actors("p.actors", text, &mut d);
        assert_eq!(d.actors.len(), 2);
        assert_eq!(d.actors[0].phrases[1].words, ["ZELENSKYY"]);
        assert_eq!(d.actors[0].class, ActorClass::Person);
        assert_eq!(d.actors[1].class, ActorClass::Country);
        assert_eq!(d.report.diagnostics.len(), 2);
        assert_eq!(d.report.diagnostics[0].origin.line, 7);
        assert_eq!(d.report.diagnostics[1].origin.line, 9);
    }

    #[test]
    fn round_trips_actors_and_agents() {
        let text = "Xi Jinping | President Xi Jinping\n    CHNGOV 2013-03-14..\n    CHNELI\n";
        let mut d = Dictionaries::default();
        read_actors("x.actors", text, &mut d);
        let written = write_actors(&d.actors, "# test\n");
        let mut d2 = Dictionaries::default();
        read_actors("y.actors", &written, &mut d2);
        assert_eq!(d.actors[0].phrases, d2.actors[0].phrases);
        assert_eq!(d.actors[0].codes, d2.actors[0].codes);

        let agents = "Police | Policeman | Policemen\n    ~COP\nForeign Minister\n    ~GOV\n";
        let mut a = Dictionaries::default();
        read_agents("a.agents", agents, &mut a);
        assert_eq!(a.agents.len(), 2);
        let w = write_agents(&a.agents, "");
        let mut a2 = Dictionaries::default();
        read_agents("b.agents", &w, &mut a2);
        assert_eq!(a.agents[1].phrases, a2.agents[1].phrases);
        assert_eq!(a2.agents[0].code, "COP");
    }
}
