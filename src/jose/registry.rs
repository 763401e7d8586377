//! One-line explanations of registered names (the IANA "JSON Web Token Claims" registry: RFC 7519,
//! OpenID Connect, RFC 8693, 9068, 8417, 7800, 9449 …; the IANA "JSON Web Signature and Encryption
//! Header Parameters" registry: RFC 7515, 7516, 7518, 7797, 8225, 8555 …) and each finding's advice.
//!
//! They are data, `assets/page-texts.json`, which the page fetches after its first view (like the
//! known-secrets list), so that these texts are not part of the download before it.

use std::collections::HashMap;

use serde_json::Value;

/// The texts of `assets/page-texts.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageTexts {
    claims: HashMap<String, String>,
    header_parameters: HashMap<String, String>,
    finding_advice: HashMap<String, String>,
    /// The names of the IANA "JSON Web Token Claims" registry (the other described claims come from
    /// OpenID Connect and other specifications, or are well known).
    registered_claims: std::collections::HashSet<String>,
    /// The one-click examples after the built-in first one.
    pub examples: Vec<crate::jose::examples::Example>,
}

impl PageTexts {
    /// Reads the file; `None` if it is not the expected JSON.
    pub fn from_json(text: &str) -> Option<PageTexts> {
        let value: Value = serde_json::from_str(text).ok()?;
        let table = |name: &str| -> Option<HashMap<String, String>> {
            value.get(name)?.as_object()?.iter().map(|(key, text)| Some((key.clone(), text.as_str()?.to_string()))).collect()
        };
        Some(PageTexts {
            claims: table("claims")?,
            header_parameters: table("header_parameters")?,
            finding_advice: table("finding_advice")?,
            registered_claims: value
                .get("registered_claims")?
                .as_array()?
                .iter()
                .map(|name| name.as_str().map(str::to_string))
                .collect::<Option<_>>()?,
            examples: crate::jose::examples::examples_in(value.get("examples")?),
        })
    }

    /// The description of a payload claim, or `None` for a custom claim.
    pub fn claim(&self, name: &str) -> Option<&str> {
        self.claims.get(name).map(String::as_str)
    }

    /// Whether the claim is in the IANA JWT claims registry.
    pub fn is_registered(&self, name: &str) -> bool {
        self.registered_claims.contains(name)
    }

    /// The description of a header parameter, or `None` for a custom one.
    pub fn header_parameter(&self, name: &str) -> Option<&str> {
        self.header_parameters.get(name).map(String::as_str)
    }

    /// What a finding's code means and what to do about it.
    pub fn advice(&self, code: &str) -> Option<&str> {
        self.finding_advice.get(code).map(String::as_str)
    }
}

/// The texts as the page's build ships them (native code and tests read the same file).
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled() -> PageTexts {
    PageTexts::from_json(include_str!("../../assets/page-texts.json")).unwrap_or_default()
}

/// Every example: the built-in one and those of the page texts.
#[cfg(not(target_arch = "wasm32"))]
pub fn examples() -> Vec<crate::jose::examples::Example> {
    let mut all = vec![crate::jose::examples::default_example()];
    all.extend(bundled().examples);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::findings::CODES;

    #[test]
    fn registered_and_custom_names() {
        let texts = bundled();
        assert!(texts.claim("exp").unwrap().starts_with("Expiration time"));
        assert!(texts.claim("at_hash").is_some());
        assert!(texts.claim("may_act").is_some());
        assert_eq!(texts.claim("favourite_colour"), None);
        assert!(texts.is_registered("exp") && texts.is_registered("groups") && !texts.is_registered("scp"));
        assert!(texts.header_parameter("x5t#S256").is_some());
        assert_eq!(texts.header_parameter("exp"), None);
        assert_eq!(PageTexts::from_json("{}"), None);
    }

    #[test]
    fn every_finding_code_has_advice_except_the_one_that_computes_it() {
        let texts = bundled();
        for code in CODES {
            assert_eq!(texts.advice(code).is_some(), code != "long-lifetime", "{code}");
        }
    }

    #[test]
    fn the_file_has_no_duplicate_names() {
        // serde_json keeps the last of two equal names: count them in the text instead.
        let text = include_str!("../../assets/page-texts.json");
        let texts = bundled();
        let entries = texts.claims.len() + texts.header_parameters.len() + texts.finding_advice.len();
        let lines = text.lines().filter(|line| line.starts_with("  \"")).count();
        assert_eq!(entries, lines);
    }
}
