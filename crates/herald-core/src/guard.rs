//! The one place herald catches panics.
//!
//! Stages and third-party parsers run on untrusted text: a bug in one must cost one
//! record, not the run. Every guard in the workspace goes through [`catch`], so there
//! is one unwind boundary to audit.

use std::fmt;

/// A panic caught by [`catch`], with its message when it had one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panicked {
    /// The panic message (`panic!`'s text), or a placeholder for other payloads.
    pub message: String,
}

impl fmt::Display for Panicked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "panicked: {}", self.message)
    }
}

impl std::error::Error for Panicked {}

/// Run `f`, turning a panic into `Err(Panicked)`.
///
/// `f` is treated as unwind-safe: callers drop whatever `f` was working on when it
/// panics (a half-coded document, a half-parsed page), so no broken state is seen again.
/// The panic hook still runs, so the panic is also printed where panics usually go.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| Panicked {
        message: payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_the_value_or_the_panic_message() {
        assert_eq!(catch(|| 7), Ok(7));
        let e = catch(|| -> i32 { panic!("bad {}", "input") }).unwrap_err();
        assert_eq!(e.message, "bad input");
        let e = catch(|| -> i32 { panic!("static") }).unwrap_err();
        assert_eq!(e.to_string(), "panicked: static");
    }
}
