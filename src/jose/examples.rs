//! The one-click example tokens (made by scripts/make_examples.py with PyJWT), so a newcomer sees
//! every panel at work without a token of their own. The first is built into the page (it opens
//! with it); the others are in `assets/page-texts.json`, fetched after the first view, and
//! `registry` owns that bundled data (`registry::examples` lists them all). This module imports
//! neither.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub label: String,
    pub token: String,
    pub key: String,
    pub note: String,
}

/// The example the page opens with.
pub fn default_example() -> Example {
    let parsed: Value = serde_json::from_str(include_str!("examples.json")).unwrap_or(Value::Null);
    examples_in(&parsed).into_iter().next().unwrap_or(Example { label: String::new(), token: String::new(), key: String::new(), note: String::new() })
}

/// The examples of a JSON array of `{label, token, key, note}`.
pub fn examples_in(parsed: &Value) -> Vec<Example> {
    let Some(items) = parsed.as_array() else { return Vec::new() };
    items
        .iter()
        .map(|item| {
            let field = |name: &str| item.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
            Example { label: field("label"), token: field("token"), key: field("key"), note: field("note") }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::jose::registry::examples;
    use crate::jose::keys::{parse_key, SecretEncoding};
    use crate::jose::token::decode;
    use crate::jose::jws::{verify, Verdict};

    #[test]
    fn every_example_decodes_and_verifies_with_its_key() {
        let examples = examples();
        assert_eq!(examples.iter().map(|e| e.label.as_str()).collect::<Vec<_>>(), ["HS256", "RS256", "ES256"]);
        for example in examples {
            let token = decode(&example.token).unwrap();
            let key = parse_key(&example.key, SecretEncoding::Utf8).unwrap();
            assert_eq!(verify(&token, key.as_ref()).verdict, Verdict::Valid, "{}", example.label);
        }
    }
}
