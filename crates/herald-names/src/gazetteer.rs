//! The gazetteer: countries, regions and cities with their codes and coordinates.

use flate2::read::GzDecoder;
use rustc_hash::FxHashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// A country or territory with an ISO code.
    Country,
    /// A region, sea, landmark or first-level division (US state).
    Region,
    /// A populated place.
    City,
}

impl PlaceKind {
    /// The name used in [`herald_core::Location::kind`].
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
        }
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Preferred name.
    pub name: String,
    /// Country, region or city.
    pub kind: PlaceKind,
    /// ISO 3166 alpha-2 code of its country, when it lies in one.
    pub iso2: Option<String>,
    /// ISO 3166 alpha-3 code of its country.
    pub iso3: Option<String>,
    /// FIPS 10-4 code of its country.
    pub fips: Option<String>,
    /// GeoNames admin1 code.
    pub adm1: Option<String>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// Population (0 when unknown).
    pub population: u64,
    /// GeoNames id.
    pub geonameid: Option<u64>,
    /// The name is mostly a common lower-case word in news ("Nice", "Reading").
    pub common: bool,
    /// The city is its country's capital.
    pub capital: bool,
}

/// A name the gazetteer knows, pointing to a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub place: u32,
    /// True for the preferred name, false for an alternate.
    pub primary: bool,
}

/// What a normalised word sequence is in the gazetteer: a name, the start of a longer
/// name, or both. One lookup per word lets the matcher walk names like a trie.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entry {
    pub cands: Vec<Cand>,
    pub prefix: bool,
}

/// An error reading gazetteer data: the file and line it happened at.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// File name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

const GEONAMES_GZ: &[u8] = include_bytes!("../../../data/gazetteer/geonames.tsv.gz");
const CURATED: &str = include_str!("../../../data/gazetteer/curated.tsv");

/// Countries, regions and cities, indexed by normalised name.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Normalised name (token norms joined by one space) → places.
    index: FxHashMap<String, Entry>,
    iso2: FxHashMap<String, u32>,
    iso3: FxHashMap<String, u32>,
    by_geonameid: FxHashMap<u64, u32>,
}

/// The key of a name: its words normalised the way tokens are, joined by single spaces.
pub(crate) fn key_of(name: &str) -> String {
    let toks = herald_text::tokenize(name);
    let mut k = String::with_capacity(name.len());
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            k.push(' ');
        }
        k.push_str(&t.norm);
    }
    k
}

impl Gazetteer {
    /// The gazetteer shipped with herald (`data/gazetteer/`, compiled in), or the copy under
    /// `$HERALD_DATA/gazetteer/` when that variable is set.
    pub fn load_default() -> Result<Self, GazetteerError> {
        // Only an explicit `$HERALD_DATA` is read from disk; otherwise the copy compiled
        // in from `<repo>/data/gazetteer` is the same data without a file lookup.
        if let Some(dir) = herald_core::data::data_override() {
            return Self::load_dir(&dir.join("gazetteer"));
        }
        let text = gunzip(GEONAMES_GZ, Path::new("geonames.tsv.gz"))?;
        Self::parse(&text, "geonames.tsv.gz", CURATED, "curated.tsv")
    }

    /// Reads `geonames.tsv.gz` and `curated.tsv` from a directory.
    pub fn load_dir(dir: &Path) -> Result<Self, GazetteerError> {
        let gp = dir.join("geonames.tsv.gz");
        let bytes = std::fs::read(&gp).map_err(|source| GazetteerError::Io {
            path: gp.clone(),
            source,
        })?;
        let text = gunzip(&bytes, &gp)?;
        let cp = dir.join("curated.tsv");
        let curated = std::fs::read_to_string(&cp).map_err(|source| GazetteerError::Io {
            path: cp.clone(),
            source,
        })?;
        Self::parse(
            &text,
            &gp.display().to_string(),
            &curated,
            &cp.display().to_string(),
        )
    }

    /// Builds a gazetteer from the text of the two files (see `data/gazetteer/README.md`).
    pub fn parse(
        geonames: &str,
        geonames_file: &str,
        curated: &str,
        curated_file: &str,
    ) -> Result<Self, GazetteerError> {
        let mut g = Gazetteer::default();
        let mut capitals: Vec<(String, String)> = Vec::new();
        let mut cities: Vec<(usize, Vec<&str>)> = Vec::new();
        for (n, line) in geonames.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| GazetteerError::Parse {
                file: geonames_file.to_string(),
                line: n + 1,
                message,
            };
            let f: Vec<&str> = line.split('\t').collect();
            let need = |k: usize| -> Result<(), GazetteerError> {
                if f.len() < k {
                    Err(err(format!("expected {k} fields, found {}", f.len())))
                } else {
                    Ok(())
                }
            };
            match f[0] {
                "C" => {
                    need(8)?;
                    let id = num(f[6]).map_err(&err)?;
                    let pop = num(f[7]).map_err(&err)?.unwrap_or(0);
                    let p = g.push(Place {
                        name: f[1].to_string(),
                        kind: PlaceKind::Country,
                        iso2: opt(f[2]),
                        iso3: opt(f[3]),
                        fips: opt(f[4]),
                        adm1: None,
                        lat: None,
                        lon: None,
                        population: pop,
                        geonameid: id,
                        common: false,
                        capital: false,
                    });
                    g.iso2.insert(f[2].to_string(), p);
                    g.iso3.insert(f[3].to_string(), p);
                    if !f[5].is_empty() {
                        capitals.push((f[2].to_string(), f[5].to_string()));
                    }
                }
                "S" => {
                    need(5)?;
                    let id = num(f[4]).map_err(&err)?;
                    g.push(Place {
                        name: f[1].to_string(),
                        kind: PlaceKind::Region,
                        iso2: opt(f[2]),
                        iso3: None,
                        fips: None,
                        adm1: opt(f[3]),
                        lat: None,
                        lon: None,
                        population: 0,
                        geonameid: id,
                        common: false,
                        capital: false,
                    });
                }
                "P" => {
                    need(11)?;
                    cities.push((n + 1, f));
                }
                other => return Err(err(format!("unknown record type {other:?}"))),
            }
        }
        // Country fields of states and cities come from their country's row.
        for p in 0..g.places.len() {
            if g.places[p].kind == PlaceKind::Region {
                g.fill_country(p);
            }
        }
        for (line, f) in cities {
            let err = |message: String| GazetteerError::Parse {
                file: geonames_file.to_string(),
                line,
                message,
            };
            let lat: f64 = f[6]
                .parse()
                .map_err(|_| err(format!("bad latitude {:?}", f[6])))?;
            let lon: f64 = f[7]
                .parse()
                .map_err(|_| err(format!("bad longitude {:?}", f[7])))?;
            let p = g.push(Place {
                name: f[1].to_string(),
                kind: PlaceKind::City,
                iso2: opt(f[4]),
                iso3: None,
                fips: None,
                adm1: opt(f[5]),
                lat: Some(lat),
                lon: Some(lon),
                population: num(f[8]).map_err(&err)?.unwrap_or(0),
                geonameid: num(f[9]).map_err(&err)?,
                common: f[10].contains('c'),
                capital: false,
            });
            g.fill_country(p as usize);
            if !f[2].is_empty() {
                g.add_name(f[2], p, true);
            }
            for alt in f[3].split('|').filter(|a| !a.is_empty()) {
                g.add_name(alt, p, false);
            }
        }
        for (iso2, cap) in capitals {
            let key = key_of(&cap);
            if let Some(e) = g.index.get(&key) {
                let best = e
                    .cands
                    .iter()
                    .filter(|c| g.places[c.place as usize].iso2.as_deref() == Some(&iso2))
                    .max_by_key(|c| g.places[c.place as usize].population)
                    .copied();
                if let Some(c) = best {
                    g.places[c.place as usize].capital = true;
                }
            }
        }
        g.parse_curated(curated, curated_file)?;
        Ok(g)
    }

    fn parse_curated(&mut self, text: &str, file: &str) -> Result<(), GazetteerError> {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| GazetteerError::Parse {
                file: file.to_string(),
                line: n + 1,
                message,
            };
            let f: Vec<&str> = line.split('\t').collect();
            match f[0] {
                "alias" if f.len() >= 3 => {
                    let p = *self
                        .iso2
                        .get(f[2])
                        .ok_or_else(|| err(format!("unknown country code {:?}", f[2])))?;
                    self.add_name(f[1], p, true);
                }
                "region" if f.len() >= 6 => {
                    let lat: f64 = f[4]
                        .parse()
                        .map_err(|_| err(format!("bad latitude {:?}", f[4])))?;
                    let lon: f64 = f[5]
                        .parse()
                        .map_err(|_| err(format!("bad longitude {:?}", f[5])))?;
                    let country = (f[3] != "-").then(|| f[3].to_string());
                    let iso2 = match &country {
                        Some(c) => Some(
                            self.iso3
                                .get(c)
                                .map(|&p| self.places[p as usize].iso2.clone().unwrap_or_default())
                                .ok_or_else(|| err(format!("unknown country code {c:?}")))?,
                        ),
                        None => None,
                    };
                    let p = self.push(Place {
                        name: f[1].to_string(),
                        kind: PlaceKind::Region,
                        iso2,
                        iso3: None,
                        fips: None,
                        adm1: None,
                        lat: Some(lat),
                        lon: Some(lon),
                        population: 0,
                        geonameid: None,
                        common: false,
                        capital: false,
                    });
                    self.fill_country(p as usize);
                    for alt in f[2].split('|').filter(|a| !a.is_empty()) {
                        self.add_name(alt, p, true);
                    }
                }
                _ => {
                    return Err(err(format!(
                        "expected alias (3 fields) or region (6 fields): {line:?}"
                    )))
                }
            }
        }
        Ok(())
    }

    fn push(&mut self, place: Place) -> u32 {
        let p = self.places.len() as u32;
        if let Some(id) = place.geonameid {
            self.by_geonameid.insert(id, p);
        }
        let name = place.name.clone();
        self.places.push(place);
        self.add_name(&name, p, true);
        p
    }

    fn fill_country(&mut self, p: usize) {
        let Some(c) = self.places[p].iso2.as_ref().and_then(|i| self.iso2.get(i)) else {
            return;
        };
        let (iso3, fips) = {
            let c = &self.places[*c as usize];
            (c.iso3.clone(), c.fips.clone())
        };
        self.places[p].iso3 = iso3;
        self.places[p].fips = fips;
    }

    fn add_name(&mut self, name: &str, place: u32, primary: bool) {
        let key = key_of(name);
        if key.is_empty() {
            return;
        }
        for (i, _) in key.match_indices(' ') {
            self.index.entry(key[..i].to_string()).or_default().prefix = true;
        }
        let v = &mut self.index.entry(key).or_default().cands;
        if !v.iter().any(|c| c.place == place) {
            v.push(Cand { place, primary });
        }
    }

    /// Every entry.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The entries a name may denote (any case, any spacing), in no particular order.
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        self.index
            .get(&key_of(name))
            .map(|e| {
                e.cands
                    .iter()
                    .map(|c| &self.places[c.place as usize])
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The country with this ISO 3166 alpha-3 code.
    pub fn country_by_iso3(&self, iso3: &str) -> Option<&Place> {
        self.iso3.get(iso3).map(|&p| &self.places[p as usize])
    }

    /// The entry with this GeoNames id.
    pub fn by_geonameid(&self, id: u64) -> Option<&Place> {
        self.by_geonameid
            .get(&id)
            .map(|&p| &self.places[p as usize])
    }

    pub(crate) fn place(&self, p: u32) -> &Place {
        &self.places[p as usize]
    }

    pub(crate) fn cands(&self, key: &str) -> Option<&[Cand]> {
        self.index
            .get(key)
            .map(|e| e.cands.as_slice())
            .filter(|c| !c.is_empty())
    }

    pub(crate) fn entry(&self, key: &str) -> Option<&Entry> {
        self.index.get(key)
    }

    pub(crate) fn iso3_to_iso2(&self, iso3: &str) -> Option<&str> {
        self.country_by_iso3(iso3).and_then(|c| c.iso2.as_deref())
    }
}

fn gunzip(bytes: &[u8], path: &Path) -> Result<String, GazetteerError> {
    let mut s = String::new();
    GzDecoder::new(bytes)
        .read_to_string(&mut s)
        .map_err(|source| GazetteerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(s)
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn num(s: &str) -> Result<Option<u64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse().map(Some).map_err(|_| format!("bad number {s:?}"))
}
