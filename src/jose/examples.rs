//! The one-click example tokens (made by scripts/make_examples.py with PyJWT), so a newcomer sees
//! every panel at work without a token of their own.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub label: String,
    pub token: String,
    pub key: String,
    pub note: String,
}

pub fn examples() -> Vec<Example> {
    let parsed: Value = serde_json::from_str(include_str!("examples.json")).unwrap_or(Value::Null);
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
    use super::*;
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
