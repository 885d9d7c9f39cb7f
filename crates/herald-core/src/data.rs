//! Where herald's data folder is: one search order for every crate that reads from it
//! (dictionaries in herald-lexicon, the gazetteer in herald-names, the model in
//! herald-syntax).
//!
//! The search order is:
//! 1. `$HERALD_DATA`, when that environment variable is set (any value, used as given);
//! 2. else the folder an embedding set with [`set_installed_dir`] (the Python wheel,
//!    whose `herald/data` travels inside the installed package);
//! 3. else the `data/` folder of the source tree herald was built from
//!    (`<repo>/data`, found from this crate's source directory at compile time).
//!
//! Files compiled into the binary (the ontology, the tone lexicon, the gazetteer's
//! built-in copy) are not looked up here; they are read at build time.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The environment variable that overrides the data folder.
pub const DATA_ENV: &str = "HERALD_DATA";

/// The data folder named by `$HERALD_DATA`, if that variable is set.
///
/// Crates with a compiled-in copy of their data (the gazetteer) read from disk only
/// when this is `Some`.
pub fn data_override() -> Option<PathBuf> {
    std::env::var_os(DATA_ENV).map(PathBuf::from)
}

/// The folder set by [`set_installed_dir`].
static INSTALLED: OnceLock<PathBuf> = OnceLock::new();

/// Use `dir` as the data folder when `$HERALD_DATA` is unset, instead of the source
/// tree's: for a build that ships its data beside it rather than running from the
/// repository (the Python extension, installed far from the tree it was built in). The
/// first call wins; returns false when a folder was already set. Files compiled into
/// the binary (the gazetteer's built-in copy) are still used as they are.
pub fn set_installed_dir(dir: PathBuf) -> bool {
    INSTALLED.set(dir).is_ok()
}

/// herald's data folder: `$HERALD_DATA`, else the installed folder
/// ([`set_installed_dir`]), else the `data/` folder of this source tree.
pub fn data_dir() -> PathBuf {
    // herald-core sits at `<repo>/crates/herald-core`, like every crate that used to
    // resolve this itself, so `../../data` is the same folder it found.
    data_override()
        .or_else(|| INSTALLED.get().cloned())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"))
}

/// A path inside the data folder: `data_dir().join(rel)`.
pub fn data_path(rel: impl AsRef<Path>) -> PathBuf {
    data_dir().join(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_tree_data_folder_exists_without_override() {
        if data_override().is_none() {
            assert!(
                data_dir().join("models").is_dir(),
                "{}",
                data_dir().display()
            );
        }
        assert_eq!(data_path("models"), data_dir().join("models"));
    }
}
