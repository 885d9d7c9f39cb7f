//! GDELT Global Knowledge Graph 2.1: one 27-column tab-separated row per article.
//!
//! herald fills the columns it has layers for (persons, organisations, places, tone,
//! dates, amounts, quotations, all names, page title) and leaves the rest empty; the
//! column list and each column's source are in the crate README.

use crate::store::Store;
use crate::tsv::{clean, Geo};
use crate::{Filters, Result};
use rusqlite::{params_from_iter, Connection};
use std::fmt::Write as _;
use std::io::Write;

/// Number of columns in a GKG 2.1 row.
pub const GKG_COLUMNS: usize = 27;

/// A sub-field of a GKG list: [`clean`] plus the list's own delimiters turned into
/// spaces, so a name with a `;` or `#` cannot split its entry.
fn part(s: &str, delimiters: &[char]) -> String {
    let s = clean(s);
    if s.contains(delimiters) {
        s.replace(delimiters, " ")
    } else {
        s
    }
}

/// Byte offsets → character offsets (GDELT counts characters) for one article.
struct Chars {
    len: usize,
    /// Characters before each byte offset; empty for ASCII text, where the two agree.
    before: Vec<u32>,
}

impl Chars {
    fn new(text: &str) -> Self {
        let before = if text.is_ascii() {
            Vec::new()
        } else {
            // One pass instead of counting from the start for every annotation.
            let mut v = Vec::with_capacity(text.len() + 1);
            let mut n = 0u32;
            for (i, _) in text.char_indices() {
                v.resize(i, n);
                v.push(n);
                n += 1;
            }
            v.resize(text.len() + 1, n);
            v
        };
        Chars {
            len: text.len(),
            before,
        }
    }
    fn at(&self, byte: i64) -> i64 {
        let b = usize::try_from(byte).unwrap_or(0).min(self.len);
        match self.before.get(b) {
            Some(n) => i64::from(*n),
            None => b as i64,
        }
    }
}

/// A number as GDELT writes amounts: no fractional part when there is none.
fn amount(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// GKG's date resolution for a TimeML value: 4 full date, 3 month and day without year,
/// 2 month and year, 1 year alone; `None` for weeks, durations, references.
fn enhanced_date(value: &str) -> Option<(u8, u32, u32, String)> {
    let v = value.get(..10.min(value.len()))?;
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let year = |s: &str| (s.len() == 4 && num(s).is_some()).then(|| s.to_string());
    match parts.as_slice() {
        [y, m, d] if y.starts_with("XX") => Some((3, num(m)?, num(d)?, "0".into())),
        [y, m, d] => Some((4, num(m)?, num(d)?, year(y)?)),
        [y, m] if m.len() == 2 => Some((2, num(m)?, 0, year(y)?)),
        [y] if value.len() == 4 => Some((1, 0, 0, year(y)?)),
        _ => None,
    }
}

/// Percentage of words that are pronouns: GDELT's self/group reference density.
fn pronoun_density(text: &str) -> Option<f64> {
    const PRONOUNS: &[&str] = &[
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "we",
        "us",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
    ];
    let mut words = 0usize;
    let mut pronouns = 0usize;
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let w = w.to_lowercase();
        if PRONOUNS.contains(&w.as_str()) {
            pronouns += 1;
        }
    }
    (words > 0).then(|| 100.0 * pronouns as f64 / words as f64)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Per-article annotation statements, prepared once.
struct Layers<'c> {
    names: rusqlite::Statement<'c>,
    locations: rusqlite::Statement<'c>,
    times: rusqlite::Statement<'c>,
    amounts: rusqlite::Statement<'c>,
    quotes: rusqlite::Statement<'c>,
}

impl<'c> Layers<'c> {
    fn prepare(c: &'c Connection) -> Result<Self> {
        Ok(Layers {
            names: c.prepare(
                "SELECT kind, text, span_start FROM names WHERE article_id = ?1 ORDER BY span_start, id",
            )?,
            locations: c.prepare(
                "SELECT kind, text, fips, adm1, lat, lon, geonameid, span_start
                 FROM locations WHERE article_id = ?1 ORDER BY span_start, id",
            )?,
            times: c.prepare(
                "SELECT type, value, span_start FROM times WHERE article_id = ?1 ORDER BY span_start, id",
            )?,
            amounts: c.prepare(
                "SELECT value, unit, object, text, span_start FROM amounts WHERE article_id = ?1
                 ORDER BY span_start, id",
            )?,
            quotes: c.prepare(
                "SELECT text, span_start, span_end, verb FROM quotes WHERE article_id = ?1
                 ORDER BY span_start, id",
            )?,
        })
    }

    /// Dates: `resolution#month#day#year#offset;`.
    fn dates(&mut self, id: i64, chars: &Chars) -> Result<String> {
        let mut dates = String::new();
        let mut q = self.times.query([id])?;
        while let Some(x) = q.next()? {
            let kind: String = x.get(0)?;
            let value: String = x.get(1)?;
            if kind != "DATE" && kind != "TIME" {
                continue;
            }
            if let Some((res, m, d, y)) = enhanced_date(&value) {
                let _ = write!(dates, "{res}#{m}#{d}#{y}#{};", chars.at(x.get(2)?));
            }
        }
        drop(q);
        Ok(dates)
    }

    /// Amounts: `amount,object,offset;`.
    fn amounts(&mut self, id: i64, chars: &Chars) -> Result<String> {
        let mut amounts = String::new();
        let mut q = self.amounts.query([id])?;
        while let Some(x) = q.next()? {
            let value: f64 = x.get(0)?;
            let unit: Option<String> = x.get(1)?;
            let object: Option<String> = x.get(2)?;
            let object = object.or(unit).unwrap_or_default();
            let _ = write!(
                amounts,
                "{},{},{};",
                amount(value),
                part(&object, &[',', ';']),
                chars.at(x.get(4)?)
            );
        }
        drop(q);
        Ok(amounts)
    }

    /// Quotations: `offset|length|verb|quote#`.
    fn quotes(&mut self, id: i64, chars: &Chars) -> Result<String> {
        let mut quotes = String::new();
        let mut q = self.quotes.query([id])?;
        while let Some(x) = q.next()? {
            let quote: String = x.get(0)?;
            let start = chars.at(x.get(1)?);
            let end = chars.at(x.get(2)?);
            let verb: Option<String> = x.get(3)?;
            let _ = write!(
                quotes,
                "{start}|{}|{}|{}#",
                end - start,
                part(verb.as_deref().unwrap_or(""), &['|', '#']),
                part(&quote, &['|', '#'])
            );
        }
        drop(q);
        Ok(quotes)
    }
}

/// V1.5TONE from the article row `r`: tone, positive, negative, polarity, (activity
/// density, empty), pronoun density, word count; empty without a tone.
fn tone_field(r: &rusqlite::Row<'_>, tone: Option<f64>, text: &str) -> Result<String> {
    Ok(match tone {
        Some(t) => {
            let pos: Option<f64> = r.get(9)?;
            let neg: Option<f64> = r.get(10)?;
            let pol: Option<f64> = r.get(11)?;
            let words: Option<i64> = r.get(12)?;
            let num = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
            // Activity reference density needs a lexicon herald does not have: empty.
            format!(
                "{:.4},{},{},{},,{},{}",
                t,
                num(pos),
                num(neg),
                num(pol),
                num(pronoun_density(text)),
                words.map(|w| w.to_string()).unwrap_or_default()
            )
        }
        None => String::new(),
    })
}

/// Write one GKG 2.1 row per article; with any filter set, only articles with an event
/// record matching it. Returns the rows written.
pub(crate) fn write(store: &Store, filters: &Filters, out: &mut dyn Write) -> Result<usize> {
    let (cond, params) = filters.sql()?;
    let which = if *filters == Filters::default() {
        "1".to_string()
    } else {
        format!(
            "a.id IN (SELECT e.article_id FROM records r JOIN events e ON e.record_id = r.id
                      WHERE {cond})"
        )
    };
    let conn = store.connection();
    let mut st = conn.prepare(&format!(
        "SELECT a.id, a.doc_id, a.url, a.outlet, a.title, a.published, a.ingested_at, a.text,
                a.tone, a.tone_positive, a.tone_negative, a.tone_polarity, a.tone_words
         FROM articles a WHERE {which} ORDER BY a.id"
    ))?;
    let mut layers = Layers::prepare(conn)?;
    let mut rows = st.query(params_from_iter(params))?;
    let mut n = 0;
    let mut f: Vec<String> = Vec::with_capacity(GKG_COLUMNS);
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let doc_id: String = r.get(1)?;
        let url: Option<String> = r.get(2)?;
        let outlet: String = r.get(3)?;
        let title: Option<String> = r.get(4)?;
        let published: Option<String> = r.get(5)?;
        let ingested: String = r.get(6)?;
        let text: String = r.get(7)?;
        let tone: Option<f64> = r.get(8)?;
        let chars = Chars::new(&text);
        let ingested14: String = ingested
            .chars()
            .filter(char::is_ascii_digit)
            .take(14)
            .collect();

        // Names: persons and organisations (V1 unique, V2 with offsets), all names.
        let mut persons = (Vec::<String>::new(), String::new());
        let mut orgs = (Vec::<String>::new(), String::new());
        let mut all_names: Vec<(i64, String)> = Vec::new();
        let mut q = layers.names.query([id])?;
        while let Some(x) = q.next()? {
            let kind: String = x.get(0)?;
            let name = part(&x.get::<_, String>(1)?, &[',', ';', '#']);
            let off = chars.at(x.get(2)?);
            let (v1, v2) = if kind == "person" {
                &mut persons
            } else {
                &mut orgs
            };
            if !v1.contains(&name) {
                v1.push(name.clone());
            }
            let _ = write!(v2, "{name},{off};");
            all_names.push((off, name));
        }
        drop(q);

        // Places: V1 `type#name#country#adm1#lat#lon#featureid`, V2 with ADM2 and offset.
        let mut loc_v1: Vec<String> = Vec::new();
        let mut loc_v2 = String::new();
        let mut q = layers.locations.query([id])?;
        while let Some(x) = q.next()? {
            let geo = Geo {
                kind: x.get(0)?,
                name: x
                    .get::<_, Option<String>>(1)?
                    .map(|s| part(&s, &[';', '#'])),
                fips: x.get(2)?,
                adm1: x.get(3)?,
                lat: x.get(4)?,
                lon: x.get(5)?,
                geonameid: x.get(6)?,
            };
            let off = chars.at(x.get(7)?);
            let mut g = Vec::with_capacity(8);
            geo.push(&mut g);
            let v1 = [&g[0], &g[1], &g[2], &g[3], &g[5], &g[6], &g[7]]
                .map(String::as_str)
                .join("#");
            if !loc_v1.contains(&v1) {
                loc_v1.push(v1);
            }
            let _ = write!(loc_v2, "{}#{off};", g.join("#"));
            all_names.push((off, part(geo.name.as_deref().unwrap_or(""), &[',', ';'])));
        }
        drop(q);
        all_names.sort();
        let all_names: String = all_names.iter().map(|(o, s)| format!("{s},{o};")).collect();

        let dates = layers.dates(id, &chars)?;
        let amounts = layers.amounts(id, &chars)?;
        let quotes = layers.quotes(id, &chars)?;

        let tone_field = tone_field(r, tone, &text)?;
        let date = match &published {
            Some(p) => format!(
                "{}000000",
                p.chars()
                    .filter(char::is_ascii_digit)
                    .take(8)
                    .collect::<String>()
            ),
            None => ingested14.clone(),
        };
        f.clear();
        f.push(format!("{ingested14}-{id}")); // 1 GKGRECORDID
        f.push(date); // 2 V2.1DATE
        f.push("1".into()); // 3 V2SOURCECOLLECTIONIDENTIFIER: 1 = web
        f.push(clean(&outlet)); // 4 V2SOURCECOMMONNAME
        f.push(clean(url.as_deref().unwrap_or(&doc_id))); // 5 V2DOCUMENTIDENTIFIER
        f.push(String::new()); // 6 V1COUNTS
        f.push(String::new()); // 7 V2.1COUNTS
        f.push(String::new()); // 8 V1THEMES
        f.push(String::new()); // 9 V2ENHANCEDTHEMES
        f.push(loc_v1.join(";")); // 10 V1LOCATIONS
        f.push(loc_v2); // 11 V2ENHANCEDLOCATIONS
        f.push(persons.0.join(";")); // 12 V1PERSONS
        f.push(persons.1); // 13 V2ENHANCEDPERSONS
        f.push(orgs.0.join(";")); // 14 V1ORGANIZATIONS
        f.push(orgs.1); // 15 V2ENHANCEDORGANIZATIONS
        f.push(tone_field); // 16 V1.5TONE
        f.push(dates); // 17 V2.1ENHANCEDDATES
        f.push(String::new()); // 18 V2GCAM
        f.push(String::new()); // 19 V2.1SHARINGIMAGE
        f.push(String::new()); // 20 V2.1RELATEDIMAGES
        f.push(String::new()); // 21 V2.1SOCIALIMAGEEMBEDS
        f.push(String::new()); // 22 V2.1SOCIALVIDEOEMBEDS
        f.push(quotes); // 23 V2.1QUOTATIONS
        f.push(all_names); // 24 V2.1ALLNAMES
        f.push(amounts); // 25 V2.1AMOUNTS
        f.push(String::new()); // 26 V2.1TRANSLATIONINFO
        f.push(
            title
                .filter(|t| !t.trim().is_empty())
                .map(|t| format!("<PAGE_TITLE>{}</PAGE_TITLE>", xml_escape(&clean(&t))))
                .unwrap_or_default(),
        ); // 27 V2EXTRASXML
        debug_assert_eq!(f.len(), GKG_COLUMNS);
        out.write_all(f.join("\t").as_bytes())?;
        out.write_all(b"\n")?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_by_resolution() {
        assert_eq!(enhanced_date("2023-03-17"), Some((4, 3, 17, "2023".into())));
        assert_eq!(
            enhanced_date("2023-03-17T10:00"),
            Some((4, 3, 17, "2023".into()))
        );
        assert_eq!(enhanced_date("XXXX-03-17"), Some((3, 3, 17, "0".into())));
        assert_eq!(enhanced_date("2023-03"), Some((2, 3, 0, "2023".into())));
        assert_eq!(enhanced_date("2023"), Some((1, 0, 0, "2023".into())));
        assert_eq!(enhanced_date("2023-W12"), None);
        assert_eq!(enhanced_date("PRESENT_REF"), None);
        assert_eq!(enhanced_date("P2D"), None);
    }

    #[test]
    fn offsets_are_characters() {
        let c = Chars::new("Xi’s visit to Moscow");
        // "’" is three bytes, one character.
        assert_eq!(c.at(14), 12);
        assert_eq!(Chars::new("plain").at(3), 3);
        let t = "«Путин» met Xi";
        let c = Chars::new(t);
        assert_eq!(c.at(t.find("met").unwrap() as i64), 8);
        assert_eq!(c.at(t.len() as i64), t.chars().count() as i64);
    }

    #[test]
    fn parts_lose_their_delimiters() {
        assert_eq!(part("A;B#C,\"D\"\t", &[';', '#']), "A B C,'D' ");
        assert_eq!(amount(4000.0), "4000");
        assert_eq!(amount(2.5), "2.5");
        let d = pronoun_density("We said it. They agreed").unwrap();
        assert!((d - 60.0).abs() < 1e-9);
    }
}
