//! Splitting a CAMEO actor code into GDELT's actor attribute columns.

/// GDELT's view of a CAMEO actor code: country, known group, religion and role types.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorParts {
    /// Three-letter country code (CHN in CHNGOV), when the code starts with one.
    pub country: String,
    /// Known group (UNO in IGOUNO, NAT, HAM…).
    pub known_group: String,
    /// Ethnic code; herald's dictionaries carry none, so always empty.
    pub ethnic: String,
    /// First religion code (MOS, CHR…).
    pub religion1: String,
    /// Second religion code (SUN in MOSSUN).
    pub religion2: String,
    /// Role types (GOV, MIL, IGO…), at most three.
    pub types: [String; 3],
}

/// CAMEO role and organisation type codes (CAMEO manual, chapter on actor codes).
const TYPES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "LAB", "LEG", "HLH", "REF", "MOD", "RAD", "AGR", "DEV", "ELI", "ENV", "HRI", "IGO", "NGO",
    "NGM", "INS", "SEP", "UAF", "IMG", "MNC", "SET", "UIS", "ACT",
];
/// CAMEO religion codes; the first three letters of a religion code.
const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "ENG", "EVA", "HIN",
    "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN", "SIK",
    "SUN", "TAO", "UDX", "ZRO",
];
/// Prefixes after which the next three letters name a known group (IGOUNO → UNO).
const GROUP_HOLDERS: &[&str] = &["IGO", "NGO", "NGM", "IMG", "MNC"];

/// Split `code` into its three-letter parts.
pub fn split(code: &str) -> ActorParts {
    let code = code.trim();
    let chunks: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let mut p = ActorParts::default();
    let mut i = 0;
    if let Some(first) = chunks.first() {
        let is_role = TYPES.contains(first) || RELIGIONS.contains(first);
        // Region codes such as AFR, EUR, WST are country-like in GDELT's columns too.
        if !is_role && first.chars().all(|c| c.is_ascii_uppercase()) {
            p.country = first.to_string();
            i = 1;
        }
    }
    let mut ntypes = 0;
    let mut after_group_holder = false;
    while i < chunks.len() {
        let c = chunks[i];
        if after_group_holder && p.known_group.is_empty() && !TYPES.contains(&c) {
            p.known_group = c.to_string();
            after_group_holder = false;
        } else if RELIGIONS.contains(&c) {
            if p.religion1.is_empty() {
                p.religion1 = c.to_string();
            } else if p.religion2.is_empty() {
                p.religion2 = c.to_string();
            }
        } else if TYPES.contains(&c) {
            if ntypes < 3 {
                p.types[ntypes] = c.to_string();
                ntypes += 1;
            }
            after_group_holder = GROUP_HOLDERS.contains(&c);
        } else if p.known_group.is_empty() {
            p.known_group = c.to_string();
        }
        i += 1;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_common_codes() {
        let p = split("CHNGOV");
        assert_eq!(p.country, "CHN");
        assert_eq!(p.types[0], "GOV");
        let p = split("IGOUNO");
        assert_eq!(p.country, "");
        assert_eq!(p.types[0], "IGO");
        assert_eq!(p.known_group, "UNO");
        let p = split("RUSMILREB");
        assert_eq!(p.country, "RUS");
        assert_eq!(p.types, ["MIL".to_string(), "REB".into(), String::new()]);
        let p = split("PSEREBMOSSUN");
        assert_eq!(p.religion1, "MOS");
        assert_eq!(p.religion2, "SUN");
        assert_eq!(split(""), ActorParts::default());
        assert_eq!(split("US").country, "");
    }
}
