//! Normalisation for matching: upper case, straight quotes, ASCII hyphens, folded diacritics.
//!
//! Only the normalised *copy* changes; spans always point at the original bytes.

/// Push the normalised form of `c` onto `out`.
pub fn push_normalized(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            out.push('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
        c => match fold_diacritic(c) {
            Some(f) => out.push(f),
            None => out.extend(c.to_uppercase()),
        },
    }
}

/// The normalised form of a string.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_normalized(c, &mut out);
    }
    out
}

/// Fold common Latin letters with diacritics to their upper-case ASCII base letter,
/// so that "Erdoğan", "Erdogan" and "ERDOGAN" match the same dictionary entry.
fn fold_diacritic(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'C',
        'ď' | 'đ' | 'Ď' | 'Đ' => 'D',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => {
            'E'
        }
        'ğ' | 'Ğ' => 'G',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ł' | 'ľ' | 'Ł' | 'Ľ' => 'L',
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => 'O',
        'ř' | 'Ř' => 'R',
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => 'T',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => {
            'U'
        }
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'Y',
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'Z',
        _ => return None,
    })
}

/// True for characters that open or close a quotation.
pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{00AB}'
            | '\u{00BB}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_dashes_case_and_diacritics() {
        assert_eq!(normalize("China’s"), "CHINA'S");
        assert_eq!(normalize("“no limits”"), "\"NO LIMITS\"");
        assert_eq!(normalize("year–old"), "YEAR-OLD");
        assert_eq!(normalize("Erdoğan"), "ERDOGAN");
        assert_eq!(normalize("Zelenskyy"), "ZELENSKYY");
        assert_eq!(normalize("wait…"), "WAIT...");
    }
}
