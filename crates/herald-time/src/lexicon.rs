//! Word tables. All inputs are ASCII-lowercased token texts.

/// Calendar units a duration or a relative date can count in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Month number of a month name or news abbreviation (the names are herald-text's,
/// [`herald_text::words::month_number`]).
pub(crate) fn month(w: &str) -> Option<u32> {
    herald_text::words::month_number(w)
}

/// True for the abbreviated forms, which may take a period and must be capitalised.
pub(crate) fn month_is_abbrev(w: &str) -> bool {
    w.len() <= 4 && w != "may" && w != "june" && w != "july"
}

/// ISO weekday number (Monday = 1) of a weekday name, and whether it is plural.
pub(crate) fn weekday(w: &str) -> Option<(u32, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) if s.ends_with("day") => (s, true),
        _ => (w, false),
    };
    let d = herald_text::words::weekday_number(stem)?;
    Some((d, plural))
}

/// TimeML season code.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// First month of a season (winter starts in December of the year before its label).
pub(crate) fn season_start(code: &str) -> u32 {
    match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// TimeML part-of-day code.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        _ => return None,
    })
}

/// A time unit word and whether it is plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Cardinal number words below a hundred that stand alone.
pub(crate) fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "dozen" => 12,
        _ => return tens(w),
    })
}

/// Tens words (twenty … ninety).
pub(crate) fn tens(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Decade words: "nineties" → 9.
pub(crate) fn decade_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

/// Ordinal words and numerals up to 31 ("third", "24th").
pub(crate) fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => {
            if !w.as_bytes().first().is_some_and(|b| b.is_ascii_digit()) {
                return None;
            }
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if !matches!(suffix, "st" | "nd" | "rd" | "th") || digits.is_empty() {
                return None;
            }
            return digits.parse().ok();
        }
    })
}

/// Words that put the clause in the future (including the present of scheduled events:
/// "the trip beginning on Monday").
pub(crate) fn future_cue(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "ll"
            | "shall"
            | "would"
            | "next"
            | "upcoming"
            | "due"
            | "expected"
            | "scheduled"
            | "planned"
            | "slated"
            | "tomorrow"
            | "coming"
            | "later"
            | "planning"
            | "until"
            | "till"
            | "begins"
            | "starts"
            | "opens"
            | "beginning"
            | "starting"
            | "comes"
    )
}

/// Words that put the clause in the present.
pub(crate) fn present_cue(w: &str) -> bool {
    matches!(w, "is" | "are" | "am" | "continues" | "remains")
}

/// Words that put the clause in the past.
pub(crate) fn past_cue(w: &str) -> bool {
    if matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "ago"
            | "last"
            | "yesterday"
            | "earlier"
            | "met"
            | "went"
            | "came"
            | "took"
            | "made"
            | "gave"
            | "began"
            | "won"
            | "lost"
            | "left"
            | "saw"
            | "fell"
            | "rose"
            | "struck"
            | "sent"
            | "spoke"
            | "brought"
            | "kept"
            | "found"
            | "led"
            | "held"
            | "became"
            | "broke"
            | "ran"
            | "thought"
            | "felt"
            | "paid"
            | "sold"
            | "bought"
            | "built"
            | "wrote"
            | "chose"
            | "drove"
            | "flew"
            | "fought"
            | "shot"
            | "stood"
            | "threw"
            | "withdrew"
            | "sought"
            | "caught"
            | "meant"
            | "spent"
            | "got"
            | "knew"
            | "grew"
            | "drew"
            | "hit"
            | "killed"
            | "says"
    ) {
        // "says" is deliberately here: a reporting verb in news reports a past event.
        return true;
    }
    w.len() >= 5
        && w.ends_with("ed")
        && !matches!(
            w,
            "need"
                | "indeed"
                | "speed"
                | "proceed"
                | "succeed"
                | "exceed"
                | "united"
                | "limited"
                | "concerned"
                | "interested"
                | "alleged"
                | "armed"
                | "detailed"
                | "advanced"
                | "hundred"
                | "based"
                | "expected"
                | "scheduled"
                | "planned"
                | "related"
                | "called"
                | "associated"
                | "supposed"
        )
}
