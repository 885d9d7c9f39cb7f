//! A tiny scanner: words, numbers and single punctuation marks with byte offsets.
//!
//! The grammar works on these tokens rather than on regexes so that one pass over the
//! text is enough and every span lands on a char boundary by construction.

/// Coarse token class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (any script).
    Word,
    /// ASCII digits, with inner `,` `.` `:` between digits and an attached letter suffix
    /// (`1,000`, `10:30`, `24th`, `1990s`, `3pm`).
    Num,
    /// One non-space, non-alphanumeric char.
    Punct,
}

/// One token: byte range `[s, e)` into the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
}

/// Splits `text` into tokens, appending to `out`.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_whitespace() {
                i += 1;
            } else if c.is_ascii_alphabetic() {
                let s = i;
                i = scan_word(text, i);
                out.push(Tok {
                    s,
                    e: i,
                    kind: Kind::Word,
                });
            } else if c.is_ascii_digit() {
                let s = i;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                // Inner separators only when a digit follows: "1,000", "3.5", "10:30".
                while i + 1 < n && matches!(b[i], b',' | b'.' | b':') && b[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < n && b[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                while i < n && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                out.push(Tok {
                    s,
                    e: i,
                    kind: Kind::Num,
                });
            } else {
                out.push(Tok {
                    s: i,
                    e: i + 1,
                    kind: Kind::Punct,
                });
                i += 1;
            }
        } else {
            // Non-ASCII: decode one char; `i` is always on a char boundary here.
            let ch = text[i..].chars().next().unwrap_or(' ');
            let len = ch.len_utf8();
            if ch.is_alphabetic() {
                let s = i;
                i = scan_word(text, i);
                out.push(Tok {
                    s,
                    e: i,
                    kind: Kind::Word,
                });
            } else if ch.is_whitespace() {
                i += len;
            } else {
                out.push(Tok {
                    s: i,
                    e: i + len,
                    kind: Kind::Punct,
                });
                i += len;
            }
        }
    }
}

/// Returns the end of the run of letters starting at `i`.
fn scan_word(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i].is_ascii_alphabetic() {
            i += 1;
        } else if b[i] >= 0x80 {
            match text[i..].chars().next() {
                Some(ch) if ch.is_alphabetic() => i += ch.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(t, &mut v);
        v.iter().map(|k| &t[k.s..k.e]).collect()
    }

    #[test]
    fn splits_words_numbers_punct() {
        assert_eq!(
            words("On Feb. 24, 1,000 troops left at 10:30 in the 1990s — two-day"),
            vec![
                "On", "Feb", ".", "24", ",", "1,000", "troops", "left", "at", "10:30", "in", "the",
                "1990s", "—", "two", "-", "day"
            ]
        );
    }

    #[test]
    fn non_ascii_letters_stay_in_words() {
        assert_eq!(words("Zürich’s café"), vec!["Zürich", "’", "s", "café"]);
    }
}
