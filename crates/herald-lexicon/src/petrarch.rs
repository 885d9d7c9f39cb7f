//! Readers for PETRARCH/TABARI dictionary files, as the Phoenix and validation sets ship them.
//!
//! Every malformed entry becomes a [`Diagnostic`] with `file:line` and is skipped; the rest
//! of the file is still read.

use crate::dict::*;
use crate::normalize_word;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// Lines of a dictionary file with comments removed: `(line number, text)`.
///
/// Handles `#` comments and `<!-- … -->` blocks, which may span lines.
fn clean_lines(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw.trim_end_matches('\r').to_string();
        // Remove <!-- ... --> spans, tracking blocks across lines.
        let mut kept = String::new();
        let mut rest = line.as_str();
        loop {
            if in_block {
                match rest.find("-->") {
                    Some(p) => {
                        rest = &rest[p + 3..];
                        in_block = false;
                    }
                    None => {
                        rest = "";
                        break;
                    }
                }
            } else {
                match rest.find("<!--") {
                    Some(p) => {
                        kept.push_str(&rest[..p]);
                        rest = &rest[p + 4..];
                        in_block = true;
                    }
                    None => break,
                }
            }
        }
        kept.push_str(rest);
        line = kept;
        if let Some(p) = line.find('#') {
            line.truncate(p);
        }
        let trimmed_end = line.trim_end();
        if !trimmed_end.trim().is_empty() {
            out.push((i as u32 + 1, trimmed_end.to_string()));
        }
    }
    out
}

/// Split a PETRARCH name (`XI_JINPING_`, `CARAS GALADHON`) into a phrase.
pub(crate) fn petrarch_phrase(name: &str) -> Option<Phrase> {
    let name = name.trim();
    let stem = !name.ends_with('_');
    let words: Vec<String> = name
        .split(['_', ' ', '\t'])
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            // Tokenise each word as text would be (so "CHINA'S" splits like "China's").
            let toks = herald_text::tokenize(w);
            toks.into_iter().map(|t| t.norm).collect::<Vec<_>>()
        })
        .collect();
    (!words.is_empty()).then_some(Phrase { words, stem })
}

/// Parse a PETRARCH date: `yymmdd` or `yyyymmdd`. Two-digit years below 20 are 20yy:
/// the Phoenix files were written in 2014–15 and hold no later dates.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy < 20 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = rest[..2].parse().ok()?;
    let d: u32 = rest[2..4].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parse the inside of one `[CODE …]` group of an actor entry.
fn parse_dated_code(s: &str) -> Result<DatedCode, String> {
    // "[USAGOV > 130701]" occurs: glue the comparison to its date.
    // "[HOBGOV 19950601 - 19990815]": so is a range written with spaces.
    let s = s.replace("> ", ">").replace("< ", "<").replace(" - ", "-");
    let mut parts = s.split_whitespace();
    let code = parts.next().ok_or("empty code")?.to_ascii_uppercase();
    if !(code == "---" || code.chars().all(|c| c.is_ascii_alphanumeric())) {
        return Err(format!("bad actor code {code:?}"));
    }
    let mut dc = DatedCode {
        code,
        from: None,
        to: None,
    };
    if let Some(range) = parts.next() {
        if let Some(d) = range.strip_prefix('>') {
            dc.from = Some(parse_date(d).ok_or_else(|| format!("bad date {d:?}"))?);
        } else if let Some(d) = range.strip_prefix('<') {
            dc.to = Some(parse_date(d).ok_or_else(|| format!("bad date {d:?}"))?);
        } else if let Some((a, b)) = range.split_once('-') {
            dc.from = Some(parse_date(a).ok_or_else(|| format!("bad date {a:?}"))?);
            dc.to = Some(parse_date(b).ok_or_else(|| format!("bad date {b:?}"))?);
            if let (Some(f), Some(t)) = (dc.from, dc.to) {
                if f > t {
                    return Err(format!("range {range} ends before it starts"));
                }
            }
        } else if let Some(d) = parse_date(range) {
            // A bare date reads as a start date ("entered office on").
            dc.from = Some(d);
        } else {
            return Err(format!("bad date range {range:?}"));
        }
    }
    if parts.next().is_some() {
        return Err(format!("unexpected text in code [{s}]"));
    }
    Ok(dc)
}

/// Extract every `[...]` group from `s`, returning the text before the first one.
fn bracket_groups(s: &str) -> Result<(&str, Vec<&str>), String> {
    let head_end = s.find('[').unwrap_or(s.len());
    let mut groups = Vec::new();
    let mut rest = &s[head_end..];
    while let Some(open) = rest.find('[') {
        if !rest[..open].trim().is_empty() {
            return Err(format!("unexpected text {:?}", rest[..open].trim()));
        }
        let close = rest[open..]
            .find(']')
            .ok_or_else(|| "unclosed '['".to_string())?;
        groups.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    if !rest.trim().is_empty() {
        return Err(format!("unexpected text {:?}", rest.trim()));
    }
    Ok((&s[..head_end], groups))
}

/// Parse `[CODE dates]` groups into `codes`, reporting bad ones.
fn push_codes(groups: &[&str], codes: &mut Vec<DatedCode>, origin: Origin, out: &mut Dictionaries) {
    for g in groups {
        match parse_dated_code(g) {
            Ok(c) => codes.push(c),
            Err(m) => out.report.diagnostics.push(Diagnostic {
                origin: origin.clone(),
                message: format!("{m}; code skipped"),
            }),
        }
    }
}

fn classify(file: &str, codes: &[DatedCode]) -> ActorClass {
    if codes.iter().any(DatedCode::is_dated) {
        return crate::herald_format::classify_dated(file, codes);
    }
    let lower = file.to_ascii_lowercase();
    if lower.contains("international")
        || lower.contains("nonstate")
        || lower.contains("milnonstate")
    {
        return ActorClass::Organization;
    }
    if codes.iter().all(|c| c.code.len() == 3) {
        ActorClass::Country
    } else {
        ActorClass::Organization
    }
}

/// Read a PETRARCH actors file.
pub fn read_actors(file: &str, text: &str, out: &mut Dictionaries) {
    let fname: Arc<str> = Arc::from(file);
    let origin = |line| Origin {
        file: fname.clone(),
        line,
    };
    let mut current: Option<ActorEntry> = None;
    let finish = |cur: &mut Option<ActorEntry>, out: &mut Dictionaries| {
        if let Some(mut e) = cur.take() {
            if e.codes.is_empty() {
                out.report.diagnostics.push(Diagnostic {
                    origin: e.origin.clone(),
                    message: format!("actor {:?} has no code; skipped", e.name),
                });
                return;
            }
            e.class = classify(&e.origin.file, &e.codes);
            out.actors.push(e);
        }
    };
    for (ln, line) in clean_lines(text) {
        let trimmed = line.trim();
        if let Some(syn) = trimmed.strip_prefix('+') {
            // A synonym of the current entry (may carry codes on the same line).
            let Some(cur) = current.as_mut() else {
                out.report.diagnostics.push(Diagnostic {
                    origin: origin(ln),
                    message: format!("synonym {syn:?} before any entry; skipped"),
                });
                continue;
            };
            match bracket_groups(syn) {
                Ok((name, groups)) => {
                    match petrarch_phrase(name) {
                        Some(p) => cur.phrases.push(p),
                        None => out.report.diagnostics.push(Diagnostic {
                            origin: origin(ln),
                            message: "empty synonym; skipped".into(),
                        }),
                    }
                    push_codes(&groups, &mut cur.codes, origin(ln), out);
                }
                Err(m) => out.report.diagnostics.push(Diagnostic {
                    origin: origin(ln),
                    message: format!("{m}; synonym skipped"),
                }),
            }
            continue;
        }
        if line.starts_with([' ', '\t']) && trimmed.starts_with('[') {
            // Code lines of the current entry.
            let Some(cur) = current.as_mut() else {
                out.report.diagnostics.push(Diagnostic {
                    origin: origin(ln),
                    message: "code line before any entry; skipped".into(),
                });
                continue;
            };
            match bracket_groups(trimmed) {
                Ok((_, groups)) => push_codes(&groups, &mut cur.codes, origin(ln), out),
                Err(m) => out.report.diagnostics.push(Diagnostic {
                    origin: origin(ln),
                    message: format!("{m}; line skipped"),
                }),
            }
            continue;
        }
        // A new entry.
        let (name, groups) = match bracket_groups(trimmed) {
            Ok(x) => x,
            Err(m) => {
                out.report.diagnostics.push(Diagnostic {
                    origin: origin(ln),
                    message: format!("{m}; entry skipped"),
                });
                continue;
            }
        };
        let Some(phrase) = petrarch_phrase(name) else {
            out.report.diagnostics.push(Diagnostic {
                origin: origin(ln),
                message: "entry without a name; skipped".into(),
            });
            continue;
        };
        // Consecutive name lines without codes share the codes that follow them.
        if groups.is_empty() {
            if let Some(cur) = current.as_mut().filter(|c| c.codes.is_empty()) {
                cur.phrases.push(phrase);
                continue;
            }
        }
        finish(&mut current, out);
        let mut codes = Vec::new();
        let mut bad = false;
        for g in groups {
            match parse_dated_code(g) {
                Ok(c) => codes.push(c),
                Err(m) => {
                    bad = true;
                    out.report.diagnostics.push(Diagnostic {
                        origin: origin(ln),
                        message: format!("{m}; entry skipped"),
                    });
                }
            }
        }
        if bad {
            continue;
        }
        current = Some(ActorEntry {
            name: phrase.words.join(" "),
            phrases: vec![phrase],
            codes,
            class: ActorClass::Country,
            origin: origin(ln),
        });
    }
    finish(&mut current, out);
}

/// English plural of an agent word (upper case).
fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("MAN") {
        return format!("{stem}MEN");
    }
    if word.ends_with('Y')
        && !word.ends_with("AY")
        && !word.ends_with("EY")
        && !word.ends_with("OY")
    {
        return format!("{}IES", &word[..word.len() - 1]);
    }
    if word.ends_with('S') || word.ends_with("SH") || word.ends_with("CH") || word.ends_with('X') {
        return format!("{word}ES");
    }
    format!("{word}S")
}

/// Read a PETRARCH agents file.
pub fn read_agents(file: &str, text: &str, out: &mut Dictionaries) {
    let fname: Arc<str> = Arc::from(file);
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for (ln, line) in clean_lines(text) {
        let origin = Origin {
            file: fname.clone(),
            line: ln,
        };
        let trimmed = line.trim();
        // Macro definitions: !PERSON! = MAN, MEN, WOMAN
        if trimmed.starts_with('!') && trimmed.contains('=') && !trimmed.contains('[') {
            let (name, vals) = trimmed.split_once('=').unwrap();
            macros.insert(
                name.trim().to_string(),
                vals.split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect(),
            );
            continue;
        }
        let Some(open) = trimmed.rfind('[') else {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: format!("agent {trimmed:?} has no [code]; skipped"),
            });
            continue;
        };
        let Some(close) = trimmed[open..].find(']') else {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: "unclosed '['; skipped".into(),
            });
            continue;
        };
        let code_raw = trimmed[open + 1..open + close].trim();
        let (code, placement) = if let Some(c) = code_raw.strip_prefix('~') {
            (c, AgentPlacement::Suffix)
        } else if let Some(c) = code_raw.strip_suffix('~') {
            (c, AgentPlacement::Prefix)
        } else {
            (code_raw, AgentPlacement::Suffix)
        };
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: format!("bad agent code [{code_raw}]; skipped"),
            });
            continue;
        }
        let head = &trimmed[..open];
        let (name_part, plurals) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if a < b => (
                &head[..a],
                Some(
                    head[a + 1..b]
                        .split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>(),
                ),
            ),
            (None, None) => (head, None),
            _ => {
                out.report.diagnostics.push(Diagnostic {
                    origin,
                    message: "unbalanced '{ }'; skipped".into(),
                });
                continue;
            }
        };
        let name = name_part.trim();
        if name.is_empty() {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: "agent without a name; skipped".into(),
            });
            continue;
        }
        // Expand !MACRO! substitutions into every variant.
        let mut variants = vec![name.to_string()];
        while let Some(v) = variants
            .iter()
            .find(|v| v.matches('!').count() >= 2)
            .cloned()
        {
            let a = v.find('!').unwrap();
            let b = a + 1 + v[a + 1..].find('!').unwrap();
            let key = &v[a..=b];
            let Some(vals) = macros.get(key) else {
                out.report.diagnostics.push(Diagnostic {
                    origin: origin.clone(),
                    message: format!("unknown substitution {key}; variant skipped"),
                });
                variants.retain(|x| x != &v);
                continue;
            };
            variants.retain(|x| x != &v);
            for val in vals {
                variants.push(format!("{}{}{}", &v[..a], val, &v[b + 1..]));
            }
        }
        let mut phrases = Vec::new();
        for v in &variants {
            if let Some(mut p) = petrarch_phrase(v) {
                // Agents are whole words: "POLICE" should not match "POLICED".
                p.stem = false;
                if plurals.is_none() {
                    let mut pl = p.clone();
                    if let Some(last) = pl.words.last_mut() {
                        *last = plural(last);
                    }
                    phrases.push(p);
                    phrases.push(pl);
                } else {
                    phrases.push(p);
                }
            }
        }
        for pl in plurals.unwrap_or_default() {
            if let Some(mut p) = petrarch_phrase(&pl) {
                p.stem = false;
                phrases.push(p);
            }
        }
        if phrases.is_empty() {
            continue;
        }
        out.agents.push(AgentEntry {
            name: phrases[0].words.join(" "),
            phrases,
            code: code.to_ascii_uppercase(),
            placement,
            origin,
        });
    }
}

/// Read a PETRARCH discards file.
pub fn read_discards(file: &str, text: &str, out: &mut Dictionaries) {
    let fname: Arc<str> = Arc::from(file);
    for (ln, line) in clean_lines(text) {
        let t = line.trim();
        let (story, body) = match t.strip_prefix('+') {
            Some(b) => (true, b),
            None => (false, t),
        };
        match petrarch_phrase(body) {
            Some(mut phrase) => {
                phrase.stem = false;
                out.discards.push(Discard {
                    phrase,
                    story,
                    origin: Origin {
                        file: fname.clone(),
                        line: ln,
                    },
                })
            }
            None => out.report.diagnostics.push(Diagnostic {
                origin: Origin {
                    file: fname.clone(),
                    line: ln,
                },
                message: "empty discard; skipped".into(),
            }),
        }
    }
}

/// Parse a pattern body such as `$ * (TO {PEACE PLAN}) +`.
pub(crate) fn parse_pattern(
    body: &str,
) -> Result<(Vec<PatternElem>, Vec<PatternElem>, bool), String> {
    let chars: Vec<char> = body.chars().collect();
    let mut pos = 0;
    let elems = parse_seq(&chars, &mut pos, None, 0)?;
    // Split at the verb marker.
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut seen_verb = false;
    for e in elems {
        match e {
            None => {
                if seen_verb {
                    return Err("two '*' in one pattern".into());
                }
                seen_verb = true;
            }
            Some(el) if seen_verb => after.push(el),
            Some(el) => before.push(el),
        }
    }
    Ok((before, after, seen_verb))
}

/// Deepest nesting of `(…)` and `{…}` groups in a pattern. Real patterns nest one or
/// two deep; patterns are matched (and dropped) recursively, so a pattern nested
/// thousands deep would overflow the stack: it is refused instead.
pub const MAX_PATTERN_DEPTH: usize = 32;

/// Parse a sequence until `close`, `depth` groups deep; `None` entries mark the verb `*`.
fn parse_seq(
    chars: &[char],
    pos: &mut usize,
    close: Option<char>,
    depth: usize,
) -> Result<Vec<Option<PatternElem>>, String> {
    if depth > MAX_PATTERN_DEPTH {
        return Err(format!(
            "groups nested deeper than {MAX_PATTERN_DEPTH} (at character {})",
            *pos
        ));
    }
    let mut out = Vec::new();
    while *pos < chars.len() {
        let c = chars[*pos];
        if c.is_whitespace() {
            *pos += 1;
            continue;
        }
        if Some(c) == close {
            *pos += 1;
            return Ok(out);
        }
        match c {
            '(' | '{' => {
                *pos += 1;
                let close = Some(if c == '(' { ')' } else { '}' });
                let inner = parse_seq(chars, pos, close, depth + 1)?;
                let inner: Vec<PatternElem> = inner
                    .into_iter()
                    .map(|e| e.ok_or("'*' inside a group".to_string()))
                    .collect::<Result<_, _>>()?;
                out.push(Some(if c == '(' {
                    PatternElem::Group(inner)
                } else {
                    PatternElem::Phrase(inner)
                }));
            }
            ')' | '}' => return Err(format!("unbalanced '{c}'")),
            '*' => {
                *pos += 1;
                out.push(None);
            }
            _ => {
                let start = *pos;
                while *pos < chars.len()
                    && !chars[*pos].is_whitespace()
                    && !matches!(chars[*pos], '(' | ')' | '{' | '}')
                {
                    *pos += 1;
                }
                let word: String = chars[start..*pos].iter().collect();
                if word == "*" {
                    out.push(None);
                    continue;
                }
                out.push(Some(word_elem(&word)?));
            }
        }
    }
    if close.is_some() {
        return Err("unclosed group".into());
    }
    Ok(out)
}

/// One whitespace-free pattern word; underscores join words into an adjacent phrase.
fn word_elem(word: &str) -> Result<PatternElem, String> {
    let exact = word.ends_with('_');
    let parts: Vec<&str> = word.split('_').filter(|p| !p.is_empty()).collect();
    let mut elems = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        elems.push(match *p {
            "$" => PatternElem::Source,
            "+" => PatternElem::Target,
            "^" => PatternElem::Skip,
            "%" => PatternElem::Compound,
            s if s.starts_with('&') && s.len() > 1 => {
                PatternElem::Synset(s[1..].to_ascii_uppercase())
            }
            s if s.chars().any(char::is_alphanumeric) => PatternElem::Word {
                word: normalize_word(s),
                stem: last && !exact,
            },
            s => return Err(format!("bad pattern word {s:?}")),
        });
    }
    match elems.len() {
        0 => Err(format!("bad pattern word {word:?}")),
        1 => Ok(elems.pop().unwrap()),
        _ => Ok(PatternElem::Phrase(elems)),
    }
}

/// Read a PETRARCH verbs file (synsets, verb blocks, verbs and patterns).
pub fn read_verbs(file: &str, text: &str, out: &mut Dictionaries) {
    let fname: Arc<str> = Arc::from(file);
    let mut synset: Option<(String, bool)> = None;
    let mut block: Option<VerbBlock> = None;
    for (ln, line) in clean_lines(text) {
        let origin = Origin {
            file: fname.clone(),
            line: ln,
        };
        let t = line.trim();
        if t.starts_with("---") {
            // Block header: --- NAME [CODE] ---
            if let Some(b) = block.take() {
                out.verbs.push(b);
            }
            synset = None;
            let inner = t.trim_matches('-').trim();
            let (name, code) = match (inner.find('['), inner.find(']')) {
                (Some(a), Some(b)) if a < b => {
                    (inner[..a].trim(), CodePair::parse(&inner[a + 1..b]))
                }
                _ => (inner, None),
            };
            block = Some(VerbBlock {
                name: name.to_string(),
                code,
                verbs: Vec::new(),
                patterns: Vec::new(),
                origin,
            });
            continue;
        }
        // A synset may also follow a verb block ("&REVOLT" between two blocks): its
        // line closes the block.
        if let Some(name) = t.strip_prefix('&') {
            if let Some(b) = block.take() {
                out.verbs.push(b);
            }
            let n = name
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            // "&PREPOSIT1_": patterns write "&PREPOSIT1"; the underscore makes every
            // member an exact word rather than a stem.
            let exact = n.ends_with('_');
            let n = n.trim_end_matches('_').to_string();
            out.synsets.entry(n.clone()).or_default();
            synset = Some((n, exact));
            continue;
        }
        if let (Some((s, exact)), None) = (&synset, &block) {
            if let Some(member) = t.strip_prefix('+') {
                match petrarch_phrase(member) {
                    Some(mut p) => {
                        p.stem = !exact && !member.trim().ends_with('_') && p.words.len() == 1;
                        out.synsets.get_mut(s).unwrap().push(p);
                    }
                    None => out.report.diagnostics.push(Diagnostic {
                        origin,
                        message: "empty synset member; skipped".into(),
                    }),
                }
                continue;
            }
        }
        let Some(b) = block.as_mut() else {
            out.report.diagnostics.push(Diagnostic {
                origin,
                message: format!("{t:?} outside any verb block or synset; skipped"),
            });
            continue;
        };
        if let Some(body) = t.strip_prefix('-') {
            // A pattern: - words [code]
            let (Some(open), Some(close)) = (body.rfind('['), body.rfind(']')) else {
                out.report.diagnostics.push(Diagnostic {
                    origin,
                    message: "pattern without [code]; skipped".into(),
                });
                continue;
            };
            if close < open {
                out.report.diagnostics.push(Diagnostic {
                    origin,
                    message: "malformed [code]; skipped".into(),
                });
                continue;
            }
            let Some(code) = CodePair::parse(&body[open + 1..close]) else {
                out.report.diagnostics.push(Diagnostic {
                    origin,
                    message: format!("bad code [{}]; pattern skipped", &body[open + 1..close]),
                });
                continue;
            };
            let text = body[..open].trim();
            match parse_pattern(text) {
                Ok((before, after, has_verb)) => b.patterns.push(Pattern {
                    text: text.to_string(),
                    before,
                    after,
                    has_verb,
                    code,
                    origin,
                }),
                Err(m) => out.report.diagnostics.push(Diagnostic {
                    origin,
                    message: format!("{m}; pattern skipped"),
                }),
            }
            continue;
        }
        // A verb line: WORD {FORMS} [CODE]
        match parse_verb_line(t, origin.clone()) {
            Ok(v) => b.verbs.push(v),
            Err(m) => out.report.diagnostics.push(Diagnostic {
                origin,
                message: format!("{m}; verb skipped"),
            }),
        }
    }
    if let Some(b) = block.take() {
        out.verbs.push(b);
    }
}

/// `+BRING_OUT {+BRINGS_OUT +BROUGHT_OUT} [045]`, `WIRE_+TAP`, `VISIT`.
fn parse_verb_line(t: &str, origin: Origin) -> Result<Verb, String> {
    let mut head = t;
    let mut code = None;
    if let Some(open) = head.find('[') {
        let close = head[open..].find(']').ok_or("unclosed '['")? + open;
        code = Some(CodePair::parse(&head[open + 1..close]).ok_or("bad verb code")?);
        head = &head[..open];
    }
    let mut explicit: Vec<&str> = Vec::new();
    if let Some(open) = head.find('{') {
        let close = head[open..].find('}').ok_or("unclosed '{'")? + open;
        // Forms are separated by spaces, sometimes by commas too.
        explicit = head[open + 1..close]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|f| !f.is_empty())
            .collect();
        head = &head[..open];
    }
    let word = head.trim();
    if word.is_empty() || word.contains(char::is_whitespace) {
        return Err(format!("bad verb {word:?}"));
    }
    let split = |w: &str| -> (Vec<String>, String, Vec<String>) {
        // The word after '+' is the head; without '+', the first word.
        let parts: Vec<&str> = w.split('_').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() {
            // Only underscores ("_", "{__}"): no word, which the callers refuse.
            return (Vec::new(), String::new(), Vec::new());
        }
        let hi = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
        let norm = |p: &str| normalize_word(p.trim_start_matches('+'));
        (
            parts[..hi].iter().map(|p| norm(p)).collect(),
            norm(parts[hi]),
            parts[hi + 1..].iter().map(|p| norm(p)).collect(),
        )
    };
    let (prefix, base, particles) = split(word);
    if base.is_empty() {
        return Err(format!("bad verb {word:?}"));
    }
    let mut forms = if explicit.is_empty() {
        regular_forms(&base)
    } else {
        vec![base.clone()]
    };
    for e in explicit {
        let (_, f, _) = split(e);
        if !f.is_empty() && !forms.contains(&f) {
            forms.push(f);
        }
    }
    let mut lemma = prefix.clone();
    lemma.push(base);
    lemma.extend(particles.iter().cloned());
    Ok(Verb {
        lemma: lemma.join(" "),
        forms,
        prefix,
        particles,
        code,
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_with_synonyms_and_dated_codes() {
        let text = "# header\nVLADIMIR_PUTIN_  # CountryInfo.txt\n+PUTIN_\n\t[RUSGOV 991231-080507]\n\t[RUSGOV >080508]\n\t[RUSELI]\nCHINA_  [CHN]\n+CHINESE_\nARGENTIN [ARG]\nBAD_ENTRY [RUS 99x]\nXI [CHNGOV >20121115]\n";
        let mut d = Dictionaries::default();
        read_actors("t.actors.txt", text, &mut d);
        assert_eq!(d.actors.len(), 4);
        let putin = &d.actors[0];
        assert_eq!(putin.phrases.len(), 2);
        assert_eq!(putin.codes.len(), 3);
        assert_eq!(putin.class, ActorClass::Person);
        assert_eq!(putin.codes[0].from, NaiveDate::from_ymd_opt(1999, 12, 31));
        assert!(!putin.phrases[0].stem);
        assert!(d.actors[2].phrases[0].stem);
        assert_eq!(
            d.actors[3].codes[0].from,
            NaiveDate::from_ymd_opt(2012, 11, 15)
        );
        assert_eq!(d.report.diagnostics.len(), 1);
        assert_eq!(d.report.diagnostics[0].origin.line, 10);
        assert!(d.report.diagnostics[0]
            .to_string()
            .starts_with("t.actors.txt:10:"));
        // A range with spaces around the dash.
        let mut d = Dictionaries::default();
        read_actors(
            "t.actors.txt",
            "GOLLUM
\t[HOBGOV 19950601 - 19990815]
",
            &mut d,
        );
        assert!(
            d.report.diagnostics.is_empty(),
            "{:?}",
            d.report.diagnostics
        );
        assert_eq!(
            d.actors[0].codes[0].from,
            NaiveDate::from_ymd_opt(1995, 6, 1)
        );
        assert_eq!(
            d.actors[0].codes[0].to,
            NaiveDate::from_ymd_opt(1999, 8, 15)
        );
    }

    #[test]
    fn html_comments_span_lines() {
        let text = "<!-- a\n# b\n-->\nGONDOR [GON]\n<!-- x --> ARNOR_ [ARN]\n";
        let mut d = Dictionaries::default();
        read_actors("v.txt", text, &mut d);
        assert_eq!(d.actors.len(), 2, "{:?}", d.report.diagnostics);
    }

    #[test]
    fn agents_with_macros_and_plurals() {
        let text = "!PERSON! = MAN, MEN, WOMAN\nPOLICE {} [~COP]\nCONGRESS!PERSON! [~LEG]\nREBEL [~REB]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nNOCODE\n";
        let mut d = Dictionaries::default();
        read_agents("a.txt", text, &mut d);
        assert_eq!(d.agents.len(), 4);
        assert_eq!(d.agents[0].phrases.len(), 1);
        let cong: Vec<String> = d.agents[1].phrases.iter().map(Phrase::display).collect();
        assert!(cong.contains(&"CONGRESSMAN".to_string()));
        assert!(cong.contains(&"CONGRESSWOMAN".to_string()));
        let rebel: Vec<String> = d.agents[2].phrases.iter().map(Phrase::display).collect();
        assert_eq!(rebel, ["REBEL", "REBELS"]);
        assert_eq!(d.agents[3].phrases[1].display(), "ATTORNEYS GENERAL");
        assert_eq!(d.report.diagnostics.len(), 1);
    }

    #[test]
    fn verbs_blocks_and_patterns() {
        let text = "&CURRENCY\n+DOLLAR\n+SWISS_FRANCS\n\n--- VISIT [042:043] ---\nVISIT\n+BRING_OUT {+BRINGS_OUT , +BROUGHT_OUT} [045]\n- * (FOR TALKS) [046:046] # VISIT\n- $ * (TO {PEACE PLAN}) + [037]\n- * ( [010]\n";
        let mut d = Dictionaries::default();
        read_verbs("v.txt", text, &mut d);
        assert_eq!(d.synsets["CURRENCY"].len(), 2);
        let b = &d.verbs[0];
        assert_eq!(b.name, "VISIT");
        assert_eq!(b.code.as_ref().unwrap().secondary.as_deref(), Some("043"));
        assert_eq!(b.verbs[0].forms, ["VISIT", "VISITS", "VISITED", "VISITING"]);
        assert_eq!(b.verbs[1].particles, ["OUT"]);
        assert!(b.verbs[1].forms.contains(&"BROUGHT".to_string()));
        assert!(!b.verbs[1].forms.iter().any(|f| f == ","));
        assert_eq!(b.patterns.len(), 2);
        assert_eq!(b.patterns[1].before, vec![PatternElem::Source]);
        assert_eq!(b.patterns[1].after.len(), 2);
        assert_eq!(d.report.diagnostics.len(), 1);
        assert_eq!(d.report.diagnostics[0].origin.line, 10);
    }

    #[test]
    fn synsets_with_exact_members_and_after_blocks() {
        // "&PREPOSIT1_" is referred to as "&PREPOSIT1" and its members are exact words;
        // "&REVOLT" comes after a verb block, which its line closes.
        let text = "&PREPOSIT1_\n+ON\n+AT\n\n--- ADMIT [013] ---\nADMIT\n\n&REVOLT\n+REVOLUTION\n\n--- ADOPT [081] ---\nADOPT\n- * &REVOLT [802]\n";
        let mut d = Dictionaries::default();
        read_verbs("v.txt", text, &mut d);
        assert!(
            d.report.diagnostics.is_empty(),
            "{:?}",
            d.report.diagnostics
        );
        assert_eq!(d.synsets["PREPOSIT1"].len(), 2);
        assert!(!d.synsets["PREPOSIT1"][0].stem);
        assert_eq!(d.synsets["REVOLT"][0].words, ["REVOLUTION"]);
        assert!(d.synsets["REVOLT"][0].stem);
        assert_eq!(d.verbs.len(), 2);
        assert_eq!(d.verbs[0].verbs.len(), 1);
        assert_eq!(d.verbs[1].patterns.len(), 1);
    }

    /// 20,000 nested '(' used to overflow the stack (an abort in `herald code
    /// --dictionaries`, `dict check`, `dict import-petrarch`): now the pattern is
    /// skipped with a diagnostic naming file and line, and the rest of the file loads.
    #[test]
    fn deeply_nested_pattern_is_refused_with_its_line() {
        let deep = format!(
            "- $ * {}PEACE{} [040]",
            "(".repeat(20_000),
            ")".repeat(20_000)
        );
        let text = format!(
            "--- TALK [040] ---\nTALK\n- $ * (TO {{PEACE PLAN}}) + [041]\n{deep}\n- + * $ [042]\n"
        );
        let mut d = Dictionaries::default();
        read_verbs("v.txt", &text, &mut d);
        let msgs: Vec<String> = d.report.diagnostics.iter().map(|g| g.to_string()).collect();
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(msgs[0].starts_with("v.txt:4"), "{msgs:?}");
        assert!(msgs[0].contains("nested deeper than 32"), "{msgs:?}");
        assert_eq!(d.verbs[0].patterns.len(), 2);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("991231"), NaiveDate::from_ymd_opt(1999, 12, 31));
        assert_eq!(parse_date("080507"), NaiveDate::from_ymd_opt(2008, 5, 7));
        assert_eq!(
            parse_date("20121115"),
            NaiveDate::from_ymd_opt(2012, 11, 15)
        );
        assert_eq!(parse_date("991331"), None);
    }
}
