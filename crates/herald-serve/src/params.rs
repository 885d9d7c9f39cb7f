//! Query-string parameters with errors that name the parameter and say what is wrong.
//!
//! Unknown and repeated parameters are errors too: a typo (`?actr=CHN`) silently
//! matching everything would mislead an analyst.

use crate::error::ApiError;
use std::str::FromStr;

/// Parsed query parameters of one request.
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parse `query` allowing only the names in `allowed`.
    pub(crate) fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| ApiError::bad_request(format!("query string: {e}")))?;
        for (i, (k, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {k:?} (expected one of: {})",
                    allowed.join(", ")
                )));
            }
            if pairs[..i].iter().any(|(p, _)| p == k) {
                return Err(ApiError::bad_request(format!(
                    "parameter {k:?} given more than once"
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, `None` when absent or empty.
    pub(crate) fn str(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The value of `name` parsed as `T`; `what` describes the expected form.
    pub(crate) fn parsed<T: FromStr>(&self, name: &str, what: &str) -> Result<Option<T>, ApiError> {
        match self.str(name) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| {
                ApiError::bad_request(format!("parameter {name}: {v:?} is not {what}"))
            }),
        }
    }

    /// A required parameter.
    pub(crate) fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.str(name)
            .ok_or_else(|| ApiError::bad_request(format!("parameter {name} is required")))
    }

    /// A number in `min..=max`, `default` when absent.
    pub(crate) fn number(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, ApiError> {
        let n = self
            .parsed::<usize>(name, "a whole number")?
            .unwrap_or(default);
        if n < min || n > max {
            return Err(ApiError::bad_request(format!(
                "parameter {name}: {n} is outside {min}..={max}"
            )));
        }
        Ok(n)
    }

    /// A date `YYYY-MM-DD`.
    pub(crate) fn date(&self, name: &str) -> Result<Option<chrono::NaiveDate>, ApiError> {
        match self.str(name) {
            None => Ok(None),
            Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    ApiError::bad_request(format!(
                        "parameter {name}: {v:?} is not a date (YYYY-MM-DD)"
                    ))
                }),
        }
    }

    /// A boolean: true/false/1/0/yes/no.
    pub(crate) fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.str(name).map(str::to_ascii_lowercase).as_deref() {
            None | Some("false" | "0" | "no") => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some(v) => Err(ApiError::bad_request(format!(
                "parameter {name}: {v:?} is not true or false"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unknown_repeated_and_malformed() {
        let ok = Params::parse(Some("a=1&b=x%20y"), &["a", "b"]).unwrap();
        assert_eq!(ok.str("b"), Some("x y"));
        assert_eq!(ok.number("a", 5, 1, 10).unwrap(), 1);
        assert_eq!(ok.number("c", 5, 1, 10).unwrap(), 5);
        let e = Params::parse(Some("actr=CHN"), &["actor"]).err().unwrap();
        assert!(
            e.message.contains("unknown parameter \"actr\""),
            "{}",
            e.message
        );
        let e = Params::parse(Some("a=1&a=2"), &["a"]).err().unwrap();
        assert!(e.message.contains("more than once"));
        let p = Params::parse(Some("a=11&d=2023-13-01&f=maybe"), &["a", "d", "f"]).unwrap();
        assert!(p.number("a", 5, 1, 10).is_err());
        assert!(p.date("d").err().unwrap().message.contains("YYYY-MM-DD"));
        assert!(p.flag("f").is_err());
        assert!(p.required("x").is_err());
    }
}
