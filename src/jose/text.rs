//! Making hostile text visible: characters that change how a value reads without being seen
//! (bidi overrides, zero-width characters, BOM, C1 controls) are shown as `\uXXXX` escapes.

use std::borrow::Cow;

use serde_json::{Map, Value};

/// Invisible or direction-changing characters, the raw material of spoofed issuers and user names.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{80}'..='\u{9F}'
    )
}

/// `text` as a JSON string literal in which invisible characters are `\u` escapes (still valid
/// JSON for the same string), and whether there were any.
pub fn visible_json_string(text: &str) -> (String, bool) {
    let literal = serde_json::to_string(text).unwrap_or_default();
    match escape_invisible(&literal) {
        Cow::Borrowed(_) => (literal, false),
        Cow::Owned(escaped) => (escaped, true),
    }
}

/// `text` with every invisible character replaced by its `\uXXXX` escape (UTF-16 units).
pub fn escape_invisible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_invisible(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether any member name or string of an object (header or claims) holds an invisible character.
pub fn members_have_invisible(map: &Map<String, Value>) -> bool {
    map.iter().any(|(name, value)| name.chars().any(is_invisible) || has_invisible(value))
}

/// Whether any member name or string inside `value` holds an invisible character (bounded walk).
pub fn has_invisible(value: &Value) -> bool {
    fn walk(value: &Value, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        match value {
            Value::String(text) => text.chars().any(is_invisible),
            Value::Array(items) => items.iter().any(|item| walk(item, depth + 1)),
            Value::Object(map) => map.iter().any(|(key, item)| key.chars().any(is_invisible) || walk(item, depth + 1)),
            _ => false,
        }
    }
    walk(value, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_zero_width_become_escapes() {
        let (literal, found) = visible_json_string("admin\u{202E}nimda\u{200B}");
        assert!(found);
        assert_eq!(literal, "\"admin\\u202enimda\\u200b\"");
        assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), "admin\u{202E}nimda\u{200B}");
        let (literal, found) = visible_json_string("tag\u{E0041}");
        assert!(found);
        assert_eq!(literal, "\"tag\\udb40\\udc41\"");
        assert_eq!(visible_json_string("Zoë 😀 <script>"), ("\"Zoë 😀 <script>\"".to_string(), false));
    }

    #[test]
    fn finds_invisible_characters_in_names_and_values() {
        assert!(has_invisible(&serde_json::json!({"a": ["x", "y\u{2067}"]})));
        assert!(has_invisible(&serde_json::json!({"\u{FEFF}sub": 1})));
        assert!(!has_invisible(&serde_json::json!({"name": "Zoë"})));
    }
}
