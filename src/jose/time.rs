//! Time claims (RFC 7519 NumericDate) and the token's validity window. "Now" is always passed in:
//! the core never reads a clock, so every rule is testable at fixed instants.

use serde_json::{Map, Value};

/// Claims whose value is a NumericDate: RFC 7519, OpenID Connect Core, RFC 8417 (SET).
pub const TIME_CLAIMS: [&str; 6] = ["exp", "nbf", "iat", "auth_time", "updated_at", "toe"];

/// The largest time a JavaScript Date can hold, in seconds (year 275760).
pub const MAX_DATE_SECONDS: f64 = 8.64e12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStatus {
    Valid,
    Expired,
    NotYetValid,
    NoExp,
}

impl TimeStatus {
    /// The `data-status` value of the UI contract.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeStatus::Valid => "valid",
            TimeStatus::Expired => "expired",
            TimeStatus::NotYetValid => "not_yet_valid",
            TimeStatus::NoExp => "no_exp",
        }
    }
}

/// A time claim as read: its seconds when usable, and what is unusual about it.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeClaim {
    pub name: String,
    pub seconds: Option<f64>,
    pub notes: Vec<String>,
    /// Whether a note is a real problem (not just a fractional value, which RFC 7519 allows).
    pub suspicious: bool,
}

/// Reads a NumericDate: a JSON number of seconds since 1970 (fractions allowed, RFC 7519 §2).
pub fn read_numeric_date(name: &str, value: &Value) -> TimeClaim {
    let mut notes = Vec::new();
    let seconds = match value {
        Value::Number(number) => match number.as_f64() {
            Some(seconds) if seconds.is_finite() => Some(seconds),
            _ => {
                notes.push(format!("{number} is out of the range of numbers this page can evaluate"));
                None
            }
        },
        Value::String(text) => {
            notes.push(format!(
                "is a string (\"{}\"); RFC 7519 requires a JSON number of seconds, so it is not evaluated",
                text.chars().take(40).collect::<String>()
            ));
            None
        }
        other => {
            notes.push(format!("is {}; RFC 7519 requires a number of seconds", super::token::json_kind(other)));
            None
        }
    };
    if let Some(seconds) = seconds {
        if seconds.fract() != 0.0 {
            notes.push("has a fractional part (allowed by RFC 7519, but some libraries reject it)".into());
        }
        if seconds < 0.0 {
            notes.push("is before 1970".into());
        }
        if seconds.abs() > MAX_DATE_SECONDS {
            notes.push("is beyond the dates a browser can show (±275,760 years)".into());
        } else if seconds > 1e11 {
            notes.push("looks like milliseconds: NumericDate is in seconds, so this is thousands of years away".into());
        }
    }
    let fractional_only = notes.len() == 1 && seconds.is_some_and(|s| s.fract() != 0.0);
    let suspicious = !notes.is_empty() && !fractional_only;
    TimeClaim { name: name.to_string(), seconds, notes, suspicious }
}

/// Every time claim present in the payload, in payload order.
pub fn time_claims(claims: &Map<String, Value>) -> Vec<TimeClaim> {
    claims
        .iter()
        .filter(|(name, _)| TIME_CLAIMS.contains(&name.as_str()))
        .map(|(name, value)| read_numeric_date(name, value))
        .collect()
}

/// The validity window at `now`, with `leeway` seconds of tolerated clock skew.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeEvaluation {
    pub status: TimeStatus,
    pub exp: Option<f64>,
    pub nbf: Option<f64>,
    pub iat: Option<f64>,
    /// Seconds until `exp` (negative once expired).
    pub expires_in: Option<f64>,
    /// Seconds until `nbf` (positive while not yet valid).
    pub starts_in: Option<f64>,
    /// exp − (nbf or iat): how long the token is meant to be valid.
    pub lifetime: Option<f64>,
}

pub fn evaluate(claims: &Map<String, Value>, now: f64, leeway: f64) -> TimeEvaluation {
    let seconds = |name: &str| claims.get(name).and_then(|value| read_numeric_date(name, value).seconds);
    let (exp, nbf, iat) = (seconds("exp"), seconds("nbf"), seconds("iat"));
    // RFC 7519 §4.1.4: now must be before exp; §4.1.5: now must be at or after nbf.
    let status = if nbf.is_some_and(|nbf| now + leeway < nbf) {
        TimeStatus::NotYetValid
    } else {
        match exp {
            None => TimeStatus::NoExp,
            Some(exp) if now - leeway >= exp => TimeStatus::Expired,
            Some(_) => TimeStatus::Valid,
        }
    };
    TimeEvaluation {
        status,
        exp,
        nbf,
        iat,
        expires_in: exp.map(|exp| exp - now),
        starts_in: nbf.map(|nbf| nbf - now),
        lifetime: exp.and_then(|exp| nbf.or(iat).map(|start| exp - start)),
    }
}

/// A duration as people say it: "45 s", "14 min", "1 h 30 min", "3 d", "2 y 4 d".
pub fn human_duration(seconds: f64) -> String {
    let total = seconds.abs().round();
    if !total.is_finite() {
        return "forever".into();
    }
    let total = total as u64;
    let (days, rest) = (total / 86_400, total % 86_400);
    let (hours, minutes, secs) = (rest / 3600, rest % 3600 / 60, rest % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{secs} s"),
        (0, 0, m) if secs == 0 => format!("{m} min"),
        (0, 0, m) => format!("{m} min {secs} s"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, _, _) if d >= 365 => {
            let (years, days) = (d / 365, d % 365);
            if days == 0 { format!("{years} y") } else { format!("{years} y {days} d") }
        }
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn status_at_fixed_instants() {
        let token = claims(json!({"iat": 1000, "nbf": 1000, "exp": 2000}));
        assert_eq!(evaluate(&token, 999.0, 0.0).status, TimeStatus::NotYetValid);
        assert_eq!(evaluate(&token, 1000.0, 0.0).status, TimeStatus::Valid);
        assert_eq!(evaluate(&token, 1999.5, 0.0).status, TimeStatus::Valid);
        assert_eq!(evaluate(&token, 2000.0, 0.0).status, TimeStatus::Expired);
        assert_eq!(evaluate(&token, 2030.0, 60.0).status, TimeStatus::Valid);
        assert_eq!(evaluate(&token, 950.0, 60.0).status, TimeStatus::Valid);
        assert_eq!(evaluate(&claims(json!({"sub": "x"})), 0.0, 0.0).status, TimeStatus::NoExp);
        let evaluation = evaluate(&token, 1500.0, 0.0);
        assert_eq!(evaluation.expires_in, Some(500.0));
        assert_eq!(evaluation.lifetime, Some(1000.0));
    }

    #[test]
    fn odd_numeric_dates_are_read_honestly() {
        let fractional = read_numeric_date("exp", &json!(1700000000.5));
        assert_eq!(fractional.seconds, Some(1700000000.5));
        assert!(fractional.notes[0].contains("fractional"));
        let millis = read_numeric_date("exp", &json!(1700000000000u64));
        assert!(millis.notes[0].contains("milliseconds"));
        let string = read_numeric_date("exp", &json!("1700000000"));
        assert_eq!(string.seconds, None);
        assert!(string.notes[0].contains("is a string"));
        let huge: Value = serde_json::from_str("1e400").unwrap();
        let huge = read_numeric_date("exp", &huge);
        assert_eq!(huge.seconds, None);
        let far = read_numeric_date("exp", &json!(1e15));
        assert!(far.notes[0].contains("beyond the dates"));
        let negative = read_numeric_date("iat", &json!(-5));
        assert!(negative.notes.iter().any(|n| n.contains("before 1970")));
        // A non-numeric exp is not evaluated: the status says there is no usable exp.
        assert_eq!(evaluate(&claims(json!({"exp": "soon"})), 0.0, 0.0).status, TimeStatus::NoExp);
    }

    #[test]
    fn durations_read_like_people_say_them() {
        assert_eq!(human_duration(45.0), "45 s");
        assert_eq!(human_duration(840.0), "14 min");
        assert_eq!(human_duration(3600.0), "1 h");
        assert_eq!(human_duration(5400.0), "1 h 30 min");
        assert_eq!(human_duration(-3.0 * 86400.0), "3 d");
        assert_eq!(human_duration(366.0 * 86400.0), "1 y 1 d");
    }
}
