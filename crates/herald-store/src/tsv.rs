//! Field pieces shared by the tab-separated exports (GDELT events and mentions in
//! `export`, GKG in `gkg`): kept apart so neither export module imports the other.

/// A field safe for a tab-separated line: tabs, line breaks and other control characters
/// become spaces, and double quotes become single quotes, because CSV readers (pandas'
/// default) would take a field starting with `"` as quoted and run it across tabs.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// One location as GDELT's eight geo columns.
#[derive(Default)]
pub(crate) struct Geo {
    pub(crate) kind: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) fips: Option<String>,
    pub(crate) adm1: Option<String>,
    pub(crate) lat: Option<f64>,
    pub(crate) lon: Option<f64>,
    pub(crate) geonameid: Option<i64>,
}

impl Geo {
    pub(crate) fn push(&self, f: &mut Vec<String>) {
        let Some(kind) = &self.kind else {
            f.extend(std::iter::repeat_n(String::new(), 8));
            return;
        };
        let us = self.fips.as_deref() == Some("US");
        // GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
        let t = match (kind.as_str(), us) {
            ("country", _) => "1",
            ("region", true) => "2",
            ("region", false) => "5",
            (_, true) => "3",
            (_, false) => "4",
        };
        f.push(t.into());
        f.push(clean(self.name.as_deref().unwrap_or("")));
        f.push(self.fips.clone().unwrap_or_default());
        // GDELT's ADM1 code is the FIPS country code followed by the admin1 code; a
        // country-level place carries the country code alone.
        f.push(match (&self.fips, &self.adm1) {
            (Some(c), Some(a)) if t != "1" => format!("{c}{a}"),
            (Some(c), _) => c.clone(),
            _ => String::new(),
        });
        f.push(String::new()); // ADM2: the gazetteer has no second-level codes.
        f.push(self.lat.map(|v| format!("{v:.4}")).unwrap_or_default());
        f.push(self.lon.map(|v| format!("{v:.4}")).unwrap_or_default());
        f.push(self.geonameid.map(|v| v.to_string()).unwrap_or_default());
    }
}
