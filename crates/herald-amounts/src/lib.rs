//! herald's amounts stage: numbers with their currency or unit and the thing they count.
//!
//! The entry point is [`extract`], which reads the tokens herald-text made and returns one
//! [`Amount`] per number expression, in text order. The rules, kept simple on purpose:
//!
//! * **Value.** Digits with `,` thousands separators and a decimal point (`1,200`, `29.5`),
//!   a glued multiplier (`190bn`, `600m`, `5k`, `2tn`), a following multiplier word
//!   (`million`, `billion`, `bn`, `crore`, `lakh`, `dozen`, `hundred`…), or number words
//!   (`twelve`, `twenty-five`, `a dozen`). Vague plurals — `hundreds`, `thousands`,
//!   `millions`, `dozens` (optionally `of`) — take the value of the unit they name (100,
//!   1000, 1 000 000, 12): a lower bound, the order of magnitude the text commits to.
//!   `one` counts only before a multiplier or a unit (`one million`, `one day`), since
//!   "one of", "no one" are not amounts.
//! * **Unit.** A currency symbol or code before the number (`$`, `US$`, `€`, `£`, `¥`, `₹`,
//!   `₽`, `Rs`, `USD`…) or a currency word after it (`dollars`, `yuan`, `roubles`…) gives an
//!   ISO 4217 code; `%`, `percent`, `per cent` give `percent`; `percentage points` gives
//!   `percentage point`; a measure word after it (`barrels`, `tonnes`, `km`, `days`,
//!   `points`…) or glued with a hyphen (`two-day`, `12-point`) gives that measure, singular.
//! * **Object** (the thing counted). After a measure: the noun phrase after `of`
//!   (`barrels of oil` → `oil`), else the noun phrase after a hyphenated or singular
//!   measure (`12-point plan` → `plan`, `a 93 minute film` → `film`), else the measure word
//!   as written. Otherwise the noun phrase after the
//!   amount (`5,000 troops` → `troops`, `hundreds of protesters` → `protesters`, `$2bn in
//!   aid` → `aid`). When nothing follows, the subject of a change verb before the amount
//!   (`trade rose 29%` → `trade`; for money and percent also `turnout was 29%`); when that
//!   subject is a pronoun (`it`, `this`), the subject of a change verb in the previous
//!   sentence. A noun phrase is up to four words, stopping at function words, punctuation,
//!   numbers, lower-case `-ly` adverbs and (after the first word) words ending in
//!   `-ed`/`-ing`, which are usually verbs. No part-of-speech tags are used.
//! * **Not amounts.** Years (a bare 4-digit 1800–2100 with no unit), dates (a number next
//!   to a month name), times (`3 p.m.`, `10:30`, `9am`), ordinals (`24th`), decades
//!   (`1990s`), ranges and phone-like numbers (`2022-23`, `555-0100`, runs of three or more
//!   numbers), identifiers (seven or more bare digits), model names and labels (a bare
//!   number right after a capitalised word that does not start the sentence: `Boeing 737`,
//!   `Article 5`).
//!
//! Currency signs and codes are read as ISO 4217 codes; `¥` is taken as JPY.

#![warn(missing_docs)]

use herald_core::{Amount, Document, Span, Token, TokenKind};
use std::ops::Range;

/// The amounts in `doc`, in text order. Needs `doc.tokens` and `doc.sentences`
/// (herald-text's `segment`); a document with tokens but no sentences is read as one
/// sentence. Money and percent objects may come from the previous sentence (see the crate
/// documentation).
pub fn extract(doc: &Document) -> Vec<Amount> {
    let mut out = Vec::new();
    if doc.sentences.is_empty() {
        scan(doc, 0..doc.tokens.len(), None, &mut out);
        return out;
    }
    let mut prev: Option<Range<usize>> = None;
    for s in &doc.sentences {
        let r = s.tokens.start.min(doc.tokens.len())..s.tokens.end.min(doc.tokens.len());
        scan(doc, r.clone(), prev.clone(), &mut out);
        prev = Some(r);
    }
    out
}

/// What a unit word means.
#[derive(Clone, Copy, Debug, PartialEq)]
enum UnitKind {
    Currency,
    Percent,
    Measure,
}

/// One sentence being scanned.
struct Ctx<'a> {
    doc: &'a Document,
    toks: &'a [Token],
    prev: Option<Range<usize>>,
}

impl Ctx<'_> {
    /// The text of a span; empty when the tokens do not belong to this text (a caller
    /// bug we do not panic on).
    fn text(&self, span: Span) -> &str {
        self.doc.text.get(span.start..span.end).unwrap_or("")
    }
    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }
    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }
    /// True when tokens `a` and `a + 1` touch (no space between them).
    fn glued(&self, a: usize) -> bool {
        match (self.toks.get(a), self.toks.get(a + 1)) {
            (Some(x), Some(y)) => x.span.end == y.span.start,
            _ => false,
        }
    }
}

fn scan(doc: &Document, range: Range<usize>, prev: Option<Range<usize>>, out: &mut Vec<Amount>) {
    let toks = &doc.tokens[range.clone()];
    let cx = Ctx { doc, toks, prev };
    let mut i = 0;
    while i < toks.len() {
        if !could_start(&doc.text, &toks[i]) {
            i += 1;
            continue;
        }
        match amount_at(&cx, i) {
            Some((amount, next)) => {
                out.push(amount);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
}

/// Words that can start an amount without being digits or hyphenated: articles before
/// multipliers, vague plurals, number words and currency words written before numbers.
/// [`could_start`] filters on these so that most words cost a table probe.
const STARTER_WORDS: &[&str] = &[
    "A",
    "AN",
    "DOZENS",
    "HUNDREDS",
    "THOUSANDS",
    "MILLIONS",
    "BILLIONS",
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "TEN",
    "ELEVEN",
    "TWELVE",
    "THIRTEEN",
    "FOURTEEN",
    "FIFTEEN",
    "SIXTEEN",
    "SEVENTEEN",
    "EIGHTEEN",
    "NINETEEN",
    "TWENTY",
    "THIRTY",
    "FORTY",
    "FIFTY",
    "SIXTY",
    "SEVENTY",
    "EIGHTY",
    "NINETY",
    "RS",
    "RS.",
    "INR",
    "RMB",
    "US",
    "U.S.",
    "AU",
    "C",
    "CA",
    "HK",
    "NZ",
    "S",
    "NT",
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "RUB",
    "CHF",
    "AUD",
    "CAD",
    "UAH",
    "KRW",
    "HKD",
    "SGD",
    "NZD",
    "TRY",
    "BRL",
    "ZAR",
    "MXN",
    "SAR",
    "AED",
];

/// Longest starter word considered by the filter table.
const MAX_STARTER: usize = 15;

/// Byte class for the filter: letters A–Z (either case) are 0–25, everything else 26.
const fn class(b: u8) -> usize {
    let b = b.to_ascii_uppercase();
    if b.is_ascii_uppercase() {
        (b - b'A') as usize
    } else {
        26
    }
}

/// Bit table over (length, first byte, last byte) of the starter words: a word whose triple
/// has no bit cannot be a starter. Built at compile time.
const STARTER_TABLE: [[u32; 27]; MAX_STARTER + 1] = {
    let mut t = [[0u32; 27]; MAX_STARTER + 1];
    let mut k = 0;
    while k < STARTER_WORDS.len() {
        let w = STARTER_WORDS[k].as_bytes();
        t[w.len()][class(w[0])] |= 1 << class(w[w.len() - 1]);
        k += 1;
    }
    t
};

/// Cheap test: can an amount start at this token? Reads the original text, which is
/// contiguous in memory, rather than the heap-allocated norm: this runs on every token.
fn could_start(text: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Number | TokenKind::Symbol => true,
        TokenKind::Punct => false,
        TokenKind::Word => {
            let w = text.as_bytes().get(t.span.start..t.span.end).unwrap_or(&[]);
            // Non-ASCII words may normalise differently (curly quotes, dashes): use the norm.
            let b = if w.is_ascii() { w } else { t.norm.as_bytes() };
            if b.len() <= MAX_STARTER
                && !b.is_empty()
                && STARTER_TABLE[b.len()][class(b[0])] & (1 << class(b[b.len() - 1])) != 0
            {
                return true;
            }
            // Hyphenated: "two-day", "twenty-five".
            b.len() > 2 && b.contains(&b'-')
        }
    }
}

/// A number found at a token: its value, where it ends, and a measure glued to it.
struct Num {
    value: f64,
    /// One past the last token of the number (multiplier words included).
    end: usize,
    /// A measure glued by a hyphen ("two-day" → day) with its written form.
    measure: Option<&'static str>,
    /// True for bare digits with nothing glued (candidates for years and labels).
    bare_digits: bool,
    /// True when the number had a multiplier (word or suffix).
    multiplied: bool,
}

/// Try to read an amount starting at token `i`; return it and the next token to scan.
fn amount_at(cx: &Ctx, i: usize) -> Option<(Amount, usize)> {
    // A currency before the number: "$", "US$", "€", "Rs", "USD".
    let (start, currency_before, num_at) = match currency_prefix(cx, i) {
        Some((code, n)) => (i, Some(code), n),
        None => (i, None, i),
    };
    let num = number_at(cx, num_at)?;
    if currency_before.is_none() && is_excluded(cx, num_at, &num) {
        return None;
    }
    let mut end = num.end;
    let mut unit: Option<(UnitKind, String)> =
        currency_before.map(|c| (UnitKind::Currency, c.to_string()));
    // A unit after the number.
    if let Some(m) = num.measure {
        unit = Some((UnitKind::Measure, m.to_string()));
    } else if let Some((kind, name, n)) = unit_after(cx, end) {
        // "$5 million dollars": keep the prefix currency, swallow the word.
        if unit.is_none() || kind == UnitKind::Currency {
            unit = Some((kind, name.to_string()));
        }
        end = n;
    }
    // Bare "one" and vague words with no unit need something counted after them.
    let value = num.value;
    let text_span = Span::new(cx.toks[start].span.start, cx.toks[end - 1].span.end);
    let object = object_for(cx, &num, unit.as_ref().map(|u| u.0), start, end);
    let span = text_span;
    Some((
        Amount {
            text: cx.text(span).to_string(),
            span,
            value,
            unit: unit.map(|u| u.1),
            object,
        },
        end,
    ))
}

/// Currency signs and codes written before a number. Returns the ISO code and the index of
/// the number token.
fn currency_prefix(cx: &Ctx, i: usize) -> Option<(&'static str, usize)> {
    let n = cx.norm(i);
    let code = match n {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₽" => "RUB",
        "₩" => "KRW",
        "₺" => "TRY",
        "₴" => "UAH",
        "₪" => "ILS",
        "RS" | "RS." | "INR" => "INR",
        "USD" | "EUR" | "GBP" | "JPY" | "CNY" | "RUB" | "CHF" | "AUD" | "CAD" | "UAH" | "KRW"
        | "HKD" | "SGD" | "NZD" | "TRY" | "BRL" | "ZAR" | "MXN" | "SAR" | "AED" => {
            // Codes are written as words; pick the static string.
            static_code(n)?
        }
        "RMB" => "CNY",
        // "US" "$" "2bn", "A$", "HK$", "C$": the letters are glued to the sign.
        "US" | "U.S." | "A" | "AU" | "C" | "CA" | "HK" | "NZ" | "S" | "NT"
            if cx.norm(i + 1) == "$" && cx.glued(i) =>
        {
            let code = match n {
                "US" | "U.S." => "USD",
                "A" | "AU" => "AUD",
                "C" | "CA" => "CAD",
                "HK" => "HKD",
                "NZ" => "NZD",
                "S" => "SGD",
                _ => "TWD",
            };
            let num = i + 2;
            return starts_number(cx, num).then_some((code, num));
        }
        _ => return None,
    };
    let num = i + 1;
    starts_number(cx, num).then_some((code, num))
}

fn static_code(n: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "CHF", "AUD", "CAD", "UAH", "KRW", "HKD", "SGD",
        "NZD", "TRY", "BRL", "ZAR", "MXN", "SAR", "AED",
    ];
    CODES.iter().copied().find(|c| *c == n)
}

/// True when a digit-led number starts at `i` (currency signs need digits: "$ five" is rare).
fn starts_number(cx: &Ctx, i: usize) -> bool {
    cx.toks.get(i).is_some_and(|t| t.kind == TokenKind::Number)
}

/// Multiplier words and their factors.
fn multiplier(norm: &str) -> Option<f64> {
    Some(match norm {
        "HUNDRED" => 1e2,
        "THOUSAND" => 1e3,
        "MILLION" | "MN" | "M" => 1e6,
        "BILLION" | "BN" | "B" => 1e9,
        "TRILLION" | "TN" | "TRN" => 1e12,
        "LAKH" | "LAKHS" => 1e5,
        "CRORE" | "CRORES" => 1e7,
        "DOZEN" => 12.0,
        _ => return None,
    })
}

/// Glued suffixes on digits: "190bn", "600m", "5k".
fn suffix_multiplier(suffix: &str) -> Option<f64> {
    Some(match suffix {
        "K" => 1e3,
        "M" | "MN" => 1e6,
        "BN" | "B" => 1e9,
        "TN" | "TRN" => 1e12,
        _ => return None,
    })
}

/// Number words up to ninety.
fn small_number_word(norm: &str) -> Option<f64> {
    Some(match norm {
        "ONE" => 1.0,
        "TWO" => 2.0,
        "THREE" => 3.0,
        "FOUR" => 4.0,
        "FIVE" => 5.0,
        "SIX" => 6.0,
        "SEVEN" => 7.0,
        "EIGHT" => 8.0,
        "NINE" => 9.0,
        "TEN" => 10.0,
        "ELEVEN" => 11.0,
        "TWELVE" => 12.0,
        "THIRTEEN" => 13.0,
        "FOURTEEN" => 14.0,
        "FIFTEEN" => 15.0,
        "SIXTEEN" => 16.0,
        "SEVENTEEN" => 17.0,
        "EIGHTEEN" => 18.0,
        "NINETEEN" => 19.0,
        "TWENTY" => 20.0,
        "THIRTY" => 30.0,
        "FORTY" => 40.0,
        "FIFTY" => 50.0,
        "SIXTY" => 60.0,
        "SEVENTY" => 70.0,
        "EIGHTY" => 80.0,
        "NINETY" => 90.0,
        _ => return None,
    })
}

/// A number word, including hyphenated compounds ("TWENTY-FIVE").
fn number_word(norm: &str) -> Option<f64> {
    if let Some(v) = small_number_word(norm) {
        return Some(v);
    }
    let (tens, ones) = norm.split_once('-')?;
    let (t, o) = (small_number_word(tens)?, small_number_word(ones)?);
    (t >= 20.0 && t % 10.0 == 0.0 && o < 10.0).then_some(t + o)
}

/// Parse digits with thousands commas and one decimal point; returns the value and the
/// rest of the string (a suffix).
fn parse_digits(s: &str) -> Option<(f64, &str)> {
    let b = s.as_bytes();
    let mut end = 0;
    let mut seen_point = false;
    while end < b.len() {
        match b[end] {
            b'0'..=b'9' => {}
            b',' if !seen_point && b.get(end + 1).is_some_and(u8::is_ascii_digit) => {}
            b'.' if !seen_point && b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                seen_point = true
            }
            _ => break,
        }
        end += 1;
    }
    if end == 0 {
        return None;
    }
    let digits: String = s[..end].chars().filter(|&c| c != ',').collect();
    let v: f64 = digits.parse().ok()?;
    v.is_finite().then_some((v, &s[end..]))
}

/// Read a number at token `i`.
fn number_at(cx: &Ctx, i: usize) -> Option<Num> {
    let t = cx.toks.get(i)?;
    let mut num = match t.kind {
        TokenKind::Number => Num {
            end: i + 1,
            ..digit_number(&t.norm)?
        },
        TokenKind::Word => word_number(cx, i)?,
        _ => return None,
    };
    if num.measure.is_none() {
        // "1.2 million", "500 crore", "two hundred thousand".
        while let Some(f) = multiplier(cx.norm(num.end)) {
            // "M"/"B" alone are only multipliers right after digits ("$5 m" is rare; "5 M" odd).
            if matches!(cx.norm(num.end), "M" | "B") && !cx.glued(num.end - 1) {
                break;
            }
            num.value *= f;
            num.end += 1;
            num.bare_digits = false;
            num.multiplied = true;
        }
    }
    // "one" alone is not an amount ("one of them", "no one").
    if cx.norm(i) == "ONE"
        && !num.multiplied
        && num.measure.is_none()
        && unit_after(cx, num.end).is_none()
    {
        return None;
    }
    Some(num)
}

fn digit_number(norm: &str) -> Option<Num> {
    // Relative positions: the caller sets `end` from the token index.
    let (value, rest) = parse_digits(norm)?;
    let mut num = Num {
        value,
        end: 0,
        measure: None,
        bare_digits: rest.is_empty() && !norm.contains([',', '.']),
        multiplied: false,
    };
    if rest.is_empty() {
        return Some(num);
    }
    if let Some(f) = suffix_multiplier(rest) {
        num.value *= f;
        num.multiplied = true;
        num.bare_digits = false;
        return Some(num);
    }
    if let Some(m) = rest.strip_prefix('-') {
        // "12-point", "25-year-old", "10-km"; "2022-23" and "555-0100" are not amounts.
        // An age is counted in years: "25-year-old" is 25 year.
        let m = m.strip_suffix("-OLD").unwrap_or(m);
        num.measure = Some(measure(m)?);
        num.bare_digits = false;
        return Some(num);
    }
    // "10km", "5kg": a glued measure abbreviation. Others ("24th", "1990s", "9am", "5G")
    // are not amounts.
    num.measure = Some(match rest {
        "KM" | "KG" | "MW" | "GW" | "BCM" | "MM" | "CM" => measure(rest)?,
        _ => return None,
    });
    num.bare_digits = false;
    Some(num)
}

fn word_number(cx: &Ctx, i: usize) -> Option<Num> {
    let n = cx.norm(i);
    let mut num = Num {
        value: 0.0,
        end: i + 1,
        measure: None,
        bare_digits: false,
        multiplied: false,
    };
    // "a dozen", "a hundred", "a million": the article counts as one.
    if n == "A" || n == "AN" {
        let f = multiplier(cx.norm(i + 1))?;
        if matches!(cx.norm(i + 1), "M" | "MN" | "B" | "BN" | "TN" | "TRN") {
            return None;
        }
        num.value = f;
        num.end = i + 2;
        num.multiplied = true;
        return Some(num);
    }
    // Vague plurals: "hundreds of", "thousands", "dozens".
    let vague = match n {
        "DOZENS" => Some(12.0),
        "HUNDREDS" => Some(1e2),
        "THOUSANDS" => Some(1e3),
        "MILLIONS" => Some(1e6),
        "BILLIONS" => Some(1e9),
        _ => None,
    };
    if let Some(v) = vague {
        // "hundreds of thousands" = 100 000.
        num.value = v;
        if cx.norm(i + 1) == "OF" {
            if let Some(f) = match cx.norm(i + 2) {
                "THOUSANDS" => Some(1e3),
                "MILLIONS" => Some(1e6),
                _ => None,
            } {
                num.value *= f;
                num.end = i + 3;
            }
        }
        num.multiplied = true;
        return Some(num);
    }
    if let Some(v) = number_word(n) {
        num.value = v;
        return Some(num);
    }
    // "two-day", "twelve-point", "five-year-old".
    let (head, rest) = n.split_once('-')?;
    let v = small_number_word(head)?;
    let m = rest.strip_suffix("-OLD").unwrap_or(rest);
    num.value = v;
    num.measure = Some(measure(m)?);
    Some(num)
}

/// Measures: written form (upper case) → canonical singular unit.
fn measure(norm: &str) -> Option<&'static str> {
    Some(match norm {
        "BARREL" | "BARRELS" => "barrel",
        "TONNE" | "TONNES" | "TON" | "TONS" => "tonne",
        "KILOMETRE" | "KILOMETRES" | "KILOMETER" | "KILOMETERS" | "KM" => "km",
        "MILE" | "MILES" => "mile",
        "METRE" | "METRES" | "METER" | "METERS" => "metre",
        "KILOGRAM" | "KILOGRAMS" | "KILO" | "KILOS" | "KG" => "kg",
        "LITRE" | "LITRES" | "LITER" | "LITERS" => "litre",
        "GALLON" | "GALLONS" => "gallon",
        "ACRE" | "ACRES" => "acre",
        "HECTARE" | "HECTARES" => "hectare",
        "FOOT" | "FEET" => "foot",
        "MM" => "mm",
        "CM" => "cm",
        "MEGAWATT" | "MEGAWATTS" | "MW" => "MW",
        "GIGAWATT" | "GIGAWATTS" | "GW" => "GW",
        "BCM" => "bcm",
        "SECOND" | "SECONDS" => "second",
        "MINUTE" | "MINUTES" => "minute",
        "HOUR" | "HOURS" => "hour",
        "DAY" | "DAYS" => "day",
        "WEEK" | "WEEKS" => "week",
        "MONTH" | "MONTHS" => "month",
        "YEAR" | "YEARS" => "year",
        "DECADE" | "DECADES" => "decade",
        "CENTURY" | "CENTURIES" => "century",
        "POINT" | "POINTS" => "point",
        "DEGREE" | "DEGREES" => "degree",
        "MEMBER" => "member",
        "NATION" => "nation",
        "STOREY" | "STORY" => "storey",
        "SEAT" => "seat",
        "MAN" => "man",
        "PAGE" => "page",
        "PERCENT" => "percent",
        _ => return None,
    })
}

/// Currency words after a number.
fn currency_word(norm: &str) -> Option<&'static str> {
    Some(match norm {
        "DOLLAR" | "DOLLARS" => "USD",
        "EURO" | "EUROS" => "EUR",
        "POUND" | "POUNDS" | "STERLING" => "GBP",
        "YUAN" | "RENMINBI" => "CNY",
        "YEN" => "JPY",
        "ROUBLE" | "ROUBLES" | "RUBLE" | "RUBLES" => "RUB",
        "RUPEE" | "RUPEES" => "INR",
        "HRYVNIA" | "HRYVNIAS" | "HRYVNIAS." => "UAH",
        "FRANCS" => "CHF",
        "RIYALS" => "SAR",
        "LIRA" => "TRY",
        other => static_code(other)?,
    })
}

/// A unit written after the number, starting at `j`: kind, canonical name, end index.
fn unit_after(cx: &Ctx, j: usize) -> Option<(UnitKind, &'static str, usize)> {
    let n = cx.norm(j);
    match n {
        "%" => return Some((UnitKind::Percent, "percent", j + 1)),
        "PERCENT" | "PCT" => return Some((UnitKind::Percent, "percent", j + 1)),
        "PER" if cx.norm(j + 1) == "CENT" => return Some((UnitKind::Percent, "percent", j + 2)),
        "PERCENTAGE" if matches!(cx.norm(j + 1), "POINT" | "POINTS") => {
            return Some((UnitKind::Percent, "percentage point", j + 2))
        }
        _ => {}
    }
    if let Some(code) = currency_word(n) {
        // "5 pounds of sugar" is a weight.
        if matches!(n, "POUND" | "POUNDS") && cx.norm(j + 1) == "OF" {
            return Some((UnitKind::Measure, "lb", j + 1));
        }
        return Some((UnitKind::Currency, code, j + 1));
    }
    if cx.is_word(j) {
        // Only plural or abbreviated measure words after a number ("5 km", "3 days"); the
        // singular after a number is a compound ("a 12 point plan" is rare).
        if let Some(m) = measure(n) {
            if n != "PERCENT"
                && !matches!(
                    n,
                    "MAN" | "MEMBER" | "NATION" | "SEAT" | "PAGE" | "STORY" | "STOREY"
                )
            {
                return Some((UnitKind::Measure, m, j + 1));
            }
        }
    }
    None
}

fn is_month(cx: &Ctx, i: usize) -> bool {
    let n = cx.norm(i);
    // "may" is a verb; only the capitalised form is the month.
    if n == "MAY" || n == "MARCH" {
        return cx
            .toks
            .get(i)
            .is_some_and(|t| cx.text(t.span).starts_with('M'));
    }
    herald_text::words::is_month_name(n)
}

/// Years, dates, times, labels and phone-like runs. Only called without a currency sign.
fn is_excluded(cx: &Ctx, i: usize, num: &Num) -> bool {
    let t = &cx.toks[i];
    if t.kind == TokenKind::Number {
        // Dates: "February 24", "24 February", "Feb. 24, 2022".
        if (i > 0 && is_month(cx, i - 1)) || is_month(cx, i + 1) {
            return true;
        }
        // "February 24, 2022": the year after a date.
        if i >= 3 && cx.norm(i - 1) == "," && is_month(cx, i - 3) {
            return true;
        }
        // Times: "10:30", "3 p.m.", "9 am", "1400 GMT".
        if cx.norm(i + 1) == ":" && starts_number(cx, i + 2) && cx.glued(i) {
            return true;
        }
        if i >= 2 && cx.norm(i - 1) == ":" && starts_number(cx, i - 2) && cx.glued(i - 1) {
            return true;
        }
        if matches!(
            cx.norm(num.end),
            "A.M." | "P.M." | "AM" | "PM" | "GMT" | "UTC" | "O'CLOCK" | "HRS" | "EST" | "ET"
        ) {
            return true;
        }
        // Phone-like: three or more numbers in a row ("020 7946 0958").
        let run = |k: usize| cx.toks.get(k).is_some_and(|t| t.kind == TokenKind::Number);
        let before = (i >= 1 && run(i - 1)) as u8 + (i >= 2 && run(i - 1) && run(i - 2)) as u8;
        let after = run(i + 1) as u8 + (run(i + 1) && run(i + 2)) as u8;
        if before + after >= 2 || (i >= 1 && cx.norm(i - 1) == "+") {
            return true;
        }
        if num.bare_digits {
            let units = unit_after(cx, num.end).is_some();
            // Identifiers: seven or more digits without separators.
            if t.norm.len() >= 7 && !units {
                return true;
            }
            // Years: 1800–2100 written as four bare digits.
            if t.norm.len() == 4 && (1800.0..=2100.0).contains(&num.value) && !units {
                return true;
            }
            // Labels: "Boeing 737", "Article 5", "No. 10", "#3".
            if !units && i >= 1 {
                let p = &cx.toks[i - 1];
                let capital = p.kind == TokenKind::Word
                    && cx.text(p.span).starts_with(|c: char| c.is_uppercase())
                    && i >= 2;
                if capital || matches!(p.norm.as_str(), "NO." | "#" | "NUMBER") {
                    return true;
                }
            }
        }
    }
    false
}

/// Words that end a noun phrase or cannot start one: the closed classes shared in
/// [`herald_text::words`] plus this stage's own words ([`FUNCTION_WORDS_OWN`]).
fn is_function_word(n: &str) -> bool {
    use herald_text::words as w;
    w::is_determiner(n)
        || w::is_personal_pronoun(n)
        || w::is_modal(n)
        // "AM" was never in this list (here it is also the clock's "9 AM").
        || (w::is_be(n) && n != "AM")
        || w::is_have(n)
        || w::is_do(n)
        || w::is_negation(n)
        || w::is_coordinator(n)
        || w::is_wh_word(n)
        || w::is_common_preposition(n)
        || w::is_temporal_preposition(n)
        || FUNCTION_WORDS_OWN.contains(&n)
}

/// The words only the amount finder stops a noun phrase at: other prepositions and
/// particles, quantifiers, adverbs, "said", and words of counting and time ("percent",
/// "year", "last"). "EACH." is the tokenizer's form of "each." at a sentence end.
const FUNCTION_WORDS_OWN: &[&str] = &[
    "AS", "THAN", "SAID", "SAYS", "SAY", "ABOUT", "OVER", "UNDER", "INTO", "ONTO", "UPON", "WHILE",
    "IF", "THEN", "SO", "ALSO", "ONLY", "JUST", "AGO", "EACH", "EVERY", "PER", "UP", "DOWN", "OUT",
    "OFF", "BETWEEN", "AMONG", "AGAINST", "THROUGH", "ACROSS", "AROUND", "NEAR", "LESS", "MORE",
    "MOST", "LEAST", "SOME", "ANY", "ALL", "BOTH", "EITHER", "NEITHER", "NO", "NOR", "THERE",
    "HERE", "'S", "EARLIER", "LATER", "YEAR", "YEARS", "LAST", "NEXT", "AGAIN", "ALREADY", "ONE",
    "PERCENT", "CENT", "EACH.",
];

/// The noun phrase starting at token `j`, as a token range, if any.
fn noun_phrase(cx: &Ctx, j: usize) -> Option<Range<usize>> {
    let mut k = j;
    while k < cx.toks.len() && k - j < 4 {
        let t = &cx.toks[k];
        // Adverbs in -ly end a phrase too ("four years of slowly evolving dialogue").
        if t.kind != TokenKind::Word
            || is_function_word(&t.norm)
            || t.norm.contains("://")
            || (t.norm.ends_with("LY") && cx.text(t.span).starts_with(|c: char| c.is_lowercase()))
        {
            break;
        }
        // After the first word, verb-like endings stop the phrase ("troops deployed").
        if k > j && (t.norm.ends_with("ED") || t.norm.ends_with("ING")) {
            break;
        }
        k += 1;
    }
    (k > j).then_some(j..k)
}

fn phrase_text(cx: &Ctx, r: Range<usize>) -> String {
    let span = Span::new(cx.toks[r.start].span.start, cx.toks[r.end - 1].span.end);
    cx.text(span).to_string()
}

/// Verbs of change whose subject is what a money or percent amount measures.
fn is_change_verb(n: &str) -> bool {
    matches!(
        n,
        "ROSE"
            | "RISE"
            | "RISES"
            | "RISEN"
            | "RISING"
            | "FELL"
            | "FALL"
            | "FALLS"
            | "FALLEN"
            | "FALLING"
            | "GREW"
            | "GROW"
            | "GROWS"
            | "GROWN"
            | "JUMPED"
            | "JUMP"
            | "JUMPS"
            | "SOARED"
            | "SOAR"
            | "SOARS"
            | "SOARING"
            | "INCREASED"
            | "INCREASE"
            | "INCREASES"
            | "DECREASED"
            | "DECREASE"
            | "DROPPED"
            | "DROP"
            | "DROPS"
            | "DECLINED"
            | "DECLINE"
            | "DECLINES"
            | "CLIMBED"
            | "CLIMB"
            | "SURGED"
            | "SURGE"
            | "PLUNGED"
            | "PLUNGE"
            | "SLUMPED"
            | "TUMBLED"
            | "REACHED"
            | "REACH"
            | "TOTALLED"
            | "TOTALED"
            | "TOTAL"
            | "HIT"
            | "WENT"
            | "GAINED"
            | "LOST"
            | "SHRANK"
            | "EXPANDED"
            | "COST"
            | "COSTS"
            | "WAS"
            | "IS"
            | "STOOD"
            | "AMOUNTED"
    )
}

/// Words that end a subject phrase when walking back from its verb ("we've seen trade
/// soar"): common verbs and lower-case words ending in -ed.
fn is_verb_like(n: &str) -> bool {
    n.ends_with("ED")
        || matches!(
            n,
            "'VE"
                | "'LL"
                | "'D"
                | "'RE"
                | "SEEN"
                | "SEE"
                | "SAW"
                | "SEES"
                | "EXPECT"
                | "EXPECTS"
                | "MADE"
                | "MAKE"
                | "MAKES"
                | "GOT"
                | "GET"
                | "GETS"
                | "LET"
                | "LETS"
                | "WATCH"
                | "WATCHED"
                | "SHOWS"
                | "SHOWN"
                | "SAYS"
                | "SAID"
                | "THINK"
                | "KNOW"
                | "KNOWN"
        )
}

fn is_pronoun(n: &str) -> bool {
    matches!(n, "IT" | "THIS" | "THAT" | "THEY" | "THESE")
}

/// What [`subject_before`] found.
enum Subject {
    /// A noun phrase, as a token range of the sentence.
    Phrase(Range<usize>),
    /// A pronoun, to be resolved in the previous sentence.
    Pronoun,
}

/// The subject of the last change verb before token `before` in `toks`: the content words
/// just before the verb. `copula` admits "was"/"is" ("turnout was 29 percent"), used for money and percent only:
/// for a bare count, "Romney was … the two states" would give a wrong subject.
fn subject_before(toks: &[Token], before: usize, copula: bool) -> Option<Subject> {
    let v = (0..before.min(toks.len())).rev().find(|&k| {
        let n = toks[k].norm.as_str();
        is_change_verb(n) && (copula || !matches!(n, "WAS" | "IS" | "STOOD" | "HIT"))
    })?;
    // Walk back from the verb over the noun phrase: content words and possessive 's.
    let mut k = v;
    let end = v;
    while k > 0 {
        let t = &toks[k - 1];
        let ok = t.kind == TokenKind::Word
            && (t.norm == "'S" || !(is_function_word(&t.norm) || is_verb_like(&t.norm)))
            && end - (k - 1) <= 4;
        if !ok {
            break;
        }
        k -= 1;
    }
    if k < end && toks[k].norm != "'S" {
        return Some(Subject::Phrase(k..end));
    }
    if v > 0 && is_pronoun(&toks[v - 1].norm) {
        return Some(Subject::Pronoun);
    }
    None
}

fn object_for(
    cx: &Ctx,
    num: &Num,
    unit: Option<UnitKind>,
    start: usize,
    end: usize,
) -> Option<String> {
    let after_of = |j: usize| -> Option<Range<usize>> {
        // "of the oil", "in aid", "worth of weapons".
        let mut k = j;
        if matches!(cx.norm(k), "WORTH") {
            k += 1;
        }
        if !matches!(cx.norm(k), "OF" | "IN") {
            return None;
        }
        k += 1;
        if matches!(
            cx.norm(k),
            "THE" | "A" | "AN" | "ITS" | "THEIR" | "THIS" | "THESE" | "THOSE"
        ) {
            k += 1;
        }
        noun_phrase(cx, k)
    };
    match unit {
        Some(UnitKind::Measure) => {
            if num.measure.is_some() {
                // "12-point plan", "two-day visit", "25-year-old man".
                return noun_phrase(cx, end).map(|r| phrase_text(cx, r));
            }
            if let Some(r) = after_of(end) {
                return Some(phrase_text(cx, r));
            }
            // "a 93 minute film": a singular measure after a number modifies the noun after it.
            // Abbreviations ("40 km long") have no plural and are left alone.
            let word = cx.norm(end - 1);
            let abbreviation = matches!(word, "KM" | "KG" | "MW" | "GW" | "BCM" | "MM" | "CM");
            let singular = !abbreviation && !word.ends_with('S') && num.value != 1.0;
            if singular {
                if let Some(r) = noun_phrase(cx, end) {
                    return Some(phrase_text(cx, r));
                }
            }
            // "1.2 million barrels": the measure word is what is counted.
            return Some(phrase_text(cx, end - 1..end));
        }
        Some(UnitKind::Currency) | Some(UnitKind::Percent) => {
            if let Some(r) = after_of(end) {
                return Some(phrase_text(cx, r));
            }
        }
        None => {
            if cx.norm(end) == "OF" {
                if let Some(r) = after_of(end) {
                    return Some(phrase_text(cx, r));
                }
            } else if let Some(r) = noun_phrase(cx, end) {
                return Some(phrase_text(cx, r));
            }
        }
    }
    // The subject of a change verb: "trade rose 29%", or in the previous sentence for "it".
    let copula = unit.is_some();
    match subject_before(cx.toks, start, copula) {
        Some(Subject::Phrase(r)) => Some(phrase_text(cx, r)),
        Some(Subject::Pronoun) => {
            let prev = cx.prev.clone()?;
            let toks = &cx.doc.tokens[prev.clone()];
            match subject_before(toks, toks.len(), copula)? {
                Subject::Phrase(r) => {
                    let a = &toks[r.start];
                    let b = &toks[r.end - 1];
                    Some(cx.text(Span::new(a.span.start, b.span.end)).to_string())
                }
                Subject::Pronoun => None,
            }
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_parse_with_commas_and_points() {
        assert_eq!(parse_digits("1,200"), Some((1200.0, "")));
        assert_eq!(parse_digits("29.5"), Some((29.5, "")));
        assert_eq!(parse_digits("190BN"), Some((190.0, "BN")));
        assert_eq!(parse_digits("1.2.3"), Some((1.2, ".3")));
        assert_eq!(parse_digits("X"), None);
    }

    #[test]
    fn filter_keeps_every_starter() {
        // A token covering all of `text` with the given norm.
        let starts = |text: &str, norm: &str| {
            let t = Token {
                span: Span::new(0, text.len()),
                norm: norm.to_string(),
                kind: TokenKind::Word,
                space_after: true,
            };
            could_start(text, &t)
        };
        for w in STARTER_WORDS {
            assert!(starts(w, w), "{w}");
            assert!(starts(&w.to_lowercase(), w), "{w}");
        }
        for w in ["THE", "SAID", "GOVERNMENT", "ÉTÉ", ""] {
            assert!(!starts(w, w), "{w}");
        }
        assert!(starts("two-day", "TWO-DAY"));
        assert!(starts("two\u{2010}day", "TWO-DAY"));
    }

    #[test]
    fn number_words_compose() {
        assert_eq!(number_word("TWELVE"), Some(12.0));
        assert_eq!(number_word("TWENTY-FIVE"), Some(25.0));
        assert_eq!(number_word("FIVE-TWENTY"), None);
        assert_eq!(number_word("TWO-DAY"), None);
    }
}

#[cfg(test)]
mod function_word_tests {
    use super::*;

    /// The list as it was before the shared classes moved to `herald_text::words`: the
    /// composed predicate must accept exactly these words.
    const BEFORE: &[&str] = &[
        "THE", "A", "AN", "OF", "IN", "ON", "AT", "TO", "FOR", "FROM", "BY", "WITH", "AND", "OR",
        "BUT", "AS", "THAN", "THAT", "WHICH", "WHO", "WHOM", "WHOSE", "THIS", "THESE", "THOSE",
        "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "HAS", "HAVE", "HAD", "WILL", "WOULD",
        "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "DO", "DOES", "DID", "NOT",
        "N'T", "IT", "ITS", "THEY", "THEIR", "THEM", "HE", "HIS", "HIM", "SHE", "HER", "WE", "OUR",
        "US", "YOU", "YOUR", "I", "MY", "ME", "SAID", "SAYS", "SAY", "ABOUT", "OVER", "UNDER",
        "INTO", "ONTO", "UPON", "AFTER", "BEFORE", "SINCE", "UNTIL", "DURING", "WHILE", "IF",
        "THEN", "SO", "ALSO", "ONLY", "JUST", "AGO", "EACH", "EVERY", "PER", "UP", "DOWN", "OUT",
        "OFF", "BETWEEN", "AMONG", "AGAINST", "THROUGH", "ACROSS", "AROUND", "NEAR", "LESS",
        "MORE", "MOST", "LEAST", "SOME", "ANY", "ALL", "BOTH", "EITHER", "NEITHER", "NO", "NOR",
        "WHEN", "WHERE", "WHY", "HOW", "WHAT", "THERE", "HERE", "'S", "EARLIER", "LATER", "YEAR",
        "YEARS", "LAST", "NEXT", "AGAIN", "ALREADY", "ONE", "PERCENT", "CENT", "EACH.",
    ];

    #[test]
    fn function_words_unchanged_by_the_move_to_shared_classes() {
        use herald_text::words as w;
        let shared: &[&[&str]] = &[
            w::ARTICLES,
            w::DEMONSTRATIVES,
            w::POSSESSIVE_DETERMINERS,
            w::SUBJECT_PRONOUNS,
            w::OBJECT_PRONOUNS,
            w::MODALS,
            w::BE_FORMS,
            w::HAVE_FORMS,
            w::DO_FORMS,
            w::NEGATIONS,
            w::COORDINATORS,
            w::WH_WORDS,
            w::COMMON_PREPOSITIONS,
            w::TEMPORAL_PREPOSITIONS,
            FUNCTION_WORDS_OWN,
            BEFORE,
        ];
        for word in shared.iter().flat_map(|l| l.iter()) {
            assert_eq!(is_function_word(word), BEFORE.contains(word), "{word}");
        }
    }
}
