//! The server's words: a `WWW-Authenticate: Bearer` challenge (RFC 6750 §3) and the `Date` header
//! found in pasted text (a raw HTTP response, a `curl -v` transcript with `< ` prefixes, or a HAR
//! file), and which rule, if any, explains the server's error.

use serde_json::Value;

use super::{Evaluation, RuleStatus};

/// A `WWW-Authenticate` challenge: its scheme and auth-params.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServerChallenge {
    /// As written (`Bearer`, `DPoP`).
    pub scheme: String,
    pub realm: Option<String>,
    /// `invalid_token`, `insufficient_scope`, `invalid_request`…
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub error_uri: Option<String>,
    pub scope: Option<String>,
    /// Every auth-param, in order, names lowercased.
    pub params: Vec<(String, String)>,
}

/// Texts larger than this are not searched (the page's own limit for pasted tokens).
const MAX_TEXT: usize = 8 * 1024 * 1024;

/// The first `Bearer` challenge in `text`, preferring one with an `error`.
pub fn server_challenge(text: &str) -> Option<ServerChallenge> {
    let challenges: Vec<ServerChallenge> = header_values(text, "www-authenticate")
        .iter()
        .flat_map(|value| parse_challenges(value))
        .filter(|challenge| challenge.scheme.eq_ignore_ascii_case("bearer"))
        .collect();
    challenges.iter().find(|challenge| challenge.error.is_some()).or(challenges.first()).cloned()
}

/// The `Date` header of a pasted response, as seconds since 1970.
pub fn response_date(text: &str) -> Option<f64> {
    response_date_text(text).and_then(|value| http_date(&value))
}

/// The `Date` header of a pasted response as written (the first that is an HTTP date), for the
/// "Evaluate at" offer: `Tue, 01 Dec 2026 10:42:00 GMT`.
pub fn response_date_text(text: &str) -> Option<String> {
    header_values(text, "date").into_iter().find(|value| http_date(value).is_some())
}

/// Every value of header `name` (lowercase) in the text: HAR headers (`{"name", "value"}` of each
/// entry's response, then request), else `Name: value` lines, with curl's `< ` prefix removed.
fn header_values(text: &str, name: &str) -> Vec<String> {
    if text.len() > MAX_TEXT {
        return Vec::new();
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        if let Ok(json) = serde_json::from_str::<Value>(trimmed) {
            let mut values = Vec::new();
            har_headers(&json, name, &mut values, 0);
            return values;
        }
    }
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("< ").or_else(|| line.strip_prefix('<')).unwrap_or(line);
            let (header, value) = line.split_once(':')?;
            header.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
        })
        .collect()
}

/// Header objects (`{"name": …, "value": …}`) anywhere in a JSON document (HAR or similar),
/// responses first as HAR orders them within an entry. Depth is bounded (serde_json already
/// stops at 128 levels).
fn har_headers(json: &Value, name: &str, values: &mut Vec<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    match json {
        Value::Object(members) => {
            if let (Some(Value::String(header)), Some(Value::String(value))) = (members.get("name"), members.get("value")) {
                if header.eq_ignore_ascii_case(name) {
                    values.push(value.clone());
                }
                return;
            }
            // Within a HAR entry, the response's headers are the server's words.
            if let Some(response) = members.get("response") {
                har_headers(response, name, values, depth + 1);
            }
            for (key, member) in members {
                if key != "response" && key != "request" {
                    har_headers(member, name, values, depth + 1);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| har_headers(item, name, values, depth + 1)),
        _ => {}
    }
}

/// The challenges of one header value (RFC 9110 §11.6.1): `Scheme param=value, param="quoted"`,
/// several challenges separated by commas.
pub fn parse_challenges(value: &str) -> Vec<ServerChallenge> {
    let mut challenges: Vec<ServerChallenge> = Vec::new();
    let chars: Vec<char> = value.chars().collect();
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < chars.len() && (chars[*i].is_whitespace() || chars[*i] == ',') {
            *i += 1;
        }
    };
    let token = |i: &mut usize| -> String {
        let start = *i;
        while *i < chars.len() && !chars[*i].is_whitespace() && !matches!(chars[*i], ',' | '=' | '"') {
            *i += 1;
        }
        chars[start..*i].iter().collect()
    };
    loop {
        skip_space(&mut i);
        if i >= chars.len() {
            break;
        }
        let word = token(&mut i);
        if word.is_empty() {
            i += 1;
            continue;
        }
        let mut after = i;
        while after < chars.len() && chars[after] == ' ' {
            after += 1;
        }
        if after < chars.len() && chars[after] == '=' && !word.is_empty() {
            // An auth-param of the current challenge (or token68's trailing '=').
            i = after + 1;
            while i < chars.len() && chars[i] == ' ' {
                i += 1;
            }
            let param_value = if i < chars.len() && chars[i] == '"' {
                i += 1;
                let mut text = String::new();
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        i += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                i += 1;
                text
            } else {
                token(&mut i)
            };
            if let Some(challenge) = challenges.last_mut() {
                challenge.set(&word.to_ascii_lowercase(), param_value);
            }
        } else {
            challenges.push(ServerChallenge { scheme: word, ..ServerChallenge::default() });
        }
    }
    challenges
}

impl ServerChallenge {
    fn set(&mut self, name: &str, value: String) {
        match name {
            "realm" => self.realm = Some(value.clone()),
            "error" => self.error = Some(value.clone()),
            "error_description" => self.error_description = Some(value.clone()),
            "error_uri" => self.error_uri = Some(value.clone()),
            "scope" => self.scope = Some(value.clone()),
            _ => {}
        }
        self.params.push((name.to_string(), value));
    }
}

/// An IMF-fixdate (`Tue, 01 Dec 2026 10:42:00 GMT`, RFC 9110 §5.6.7), also without the weekday,
/// as seconds since 1970.
pub fn http_date(text: &str) -> Option<f64> {
    let text = text.trim();
    let text = text.split_once(',').map_or(text, |(_, rest)| rest).trim();
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [day, month, year, time, zone] = parts.as_slice() else { return None };
    if !matches!(zone.to_ascii_uppercase().as_str(), "GMT" | "UTC" | "Z" | "+0000") {
        return None;
    }
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = MONTHS.iter().position(|name| name.eq_ignore_ascii_case(month))? as i64 + 1;
    let year: i64 = year.parse().ok().filter(|year| (1970..=9999).contains(year))?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day: i64 = day.parse().ok().filter(|day| (1..=month_days).contains(day))?;
    let clock: Vec<i64> = time.split(':').map(|n| n.parse().ok()).collect::<Option<_>>()?;
    let [hours, minutes, seconds] = clock.as_slice() else { return None };
    if *hours > 23 || *minutes > 59 || *seconds > 60 || *hours < 0 || *minutes < 0 || *seconds < 0 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some((days * 86_400 + hours * 3600 + minutes * 60 + seconds) as f64)
}

/// "Evaluate at" as Unix seconds (`1796121720`, `1796121720.5`) or an HTTP date; `None` for
/// anything else (the page then tries ISO 8601).
pub fn instant(text: &str) -> Option<f64> {
    let text = text.trim();
    let numeric = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.') && text.matches('.').count() <= 1;
    if numeric {
        return text.parse::<f64>().ok().filter(|seconds| seconds.is_finite() && *seconds <= crate::jose::time::MAX_DATE_SECONDS);
    }
    http_date(text)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The server's error tied to the rule that explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerExplanation {
    /// The `data-rule` of the rule the server's words are about.
    pub rule: String,
    /// Whether that rule fails with the rules as set (if not, setting the field would show it).
    pub rule_fails: bool,
    pub message: String,
}

/// Which rule the server's `error_description` is about, when one is: audience, issuer, expiry,
/// not-before, signature, algorithm, type. `claims` is the token's claims (for its `aud`/`iss`).
pub fn explain(challenge: &ServerChallenge, evaluation: &Evaluation, claims: Option<&serde_json::Map<String, Value>>) -> Option<ServerExplanation> {
    let description = challenge.error_description.as_deref().unwrap_or_default();
    let lower = description.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| contains_word(&lower, word));
    let rule = if has(&["audience", "aud", "audiences"]) {
        "aud"
    } else if has(&["issuer", "iss"]) {
        "iss"
    } else if has(&["expired", "exp", "expiration", "lifetime"]) {
        "exp"
    } else if has(&["nbf", "before", "not yet valid"]) {
        "nbf"
    } else if has(&["signature", "kid", "key"]) {
        "signature"
    } else if has(&["algorithm", "alg"]) {
        "alg"
    } else if has(&["typ", "type"]) {
        "typ"
    } else {
        return None;
    };
    let rule_fails = evaluation.rules.iter().any(|r| r.id == rule && r.status == RuleStatus::Fail);
    let claim = |name: &str| claims.and_then(|claims| claims.get(name)).map_or("missing".to_string(), |value| match value {
        Value::String(text) => format!("'{text}'"),
        other => other.to_string(),
    });
    let message = match (rule, quoted(description)) {
        ("aud" | "iss", Some(named)) => {
            let found = claim(rule);
            let token_has_it = claims.and_then(|claims| claims.get(rule)).is_some_and(|value| match value {
                Value::String(text) => *text == named,
                Value::Array(items) => items.iter().any(|item| item.as_str() == Some(named.as_str())),
                _ => false,
            });
            // A Microsoft Graph token sent to another API: say whose audience it has.
            let graph = if rule == "aud" && claims.is_some_and(crate::jose::vendors::is_graph_token) { " (Microsoft Graph)" } else { "" };
            if token_has_it {
                format!("the server refuses '{named}', which is the token's {rule}")
            } else {
                format!("the server expects '{named}'; the token's {rule} is {found}{graph}")
            }
        }
        ("aud" | "iss", None) => format!("the server's error is about the {}; the token's {rule} is {}", if rule == "aud" { "audience" } else { "issuer" }, claim(rule)),
        _ => format!("the server's error is about the rule {rule}"),
    };
    Some(ServerExplanation { rule: rule.to_string(), rule_fails, message })
}

/// Whether `word` occurs in `text` on word boundaries.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text.get(..at).and_then(|s| s.chars().next_back());
        let after = text.get(at + word.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The first value quoted with `'…'` or `"…"` in the text.
fn quoted(text: &str) -> Option<String> {
    for quote in ['\'', '"'] {
        if let Some(start) = text.find(quote) {
            let rest = text.get(start + 1..)?;
            if let Some(end) = rest.find(quote) {
                return rest.get(..end).map(str::to_string).filter(|value| !value.is_empty());
            }
        }
    }
    None
}
