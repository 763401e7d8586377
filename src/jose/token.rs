//! Splitting and decoding a compact JWS or JWE, after tolerant clean-up of what users paste.

use serde_json::{Map, Value};

use super::b64::{self, Base64Problem, Leniency};
use super::error::{JoseError, Part};

/// Tokens larger than this are refused with a message instead of freezing the page.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024 * 1024;

/// Something removed from the pasted text before decoding; the page tells the user about each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stripped {
    SurroundingWhitespace,
    Quotes,
    AuthorizationHeader,
    BearerPrefix,
    InnerWhitespace { count: usize },
    /// The token was taken from this member of a pasted JSON object (an OAuth token response).
    JsonMember { name: String },
    /// One '.' after the last segment (`header.payload.signature.`): unlike the others, this is
    /// not around the token but in it, and APIs refuse it (PyJWT, jwcrypto, joserfc, npm jose and
    /// jsonwebtoken, the Rust crate: tests/compact_libraries.rs, tests/fixtures/rules): the token
    /// is decoded and verified without it, and judged malformed as pasted.
    TrailingDot,
}

impl Stripped {
    pub fn describe(&self) -> String {
        match self {
            Stripped::SurroundingWhitespace => "surrounding whitespace".into(),
            Stripped::Quotes => "surrounding quotes".into(),
            Stripped::AuthorizationHeader => "the \"Authorization:\" header name".into(),
            Stripped::BearerPrefix => "the \"Bearer \" prefix".into(),
            Stripped::InnerWhitespace { count } => {
                format!("{count} whitespace character(s) inside the token, such as line breaks")
            }
            Stripped::JsonMember { name } => {
                format!("the JSON around it: the token is the \"{name}\" member of the pasted object")
            }
            Stripped::TrailingDot => "a '.' after the last segment (as pasted, the token is malformed: APIs reject it)".into(),
        }
    }
}

/// A non-canonical encoding RFC 7515 forbids but that was decoded anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingNote {
    pub part: Part,
    pub leniency: Leniency,
}

impl EncodingNote {
    pub fn describe(&self) -> String {
        match self.leniency {
            Leniency::Padding => format!(
                "{}: has '=' padding; RFC 7515 requires unpadded base64url, strict verifiers reject it",
                self.part
            ),
            Leniency::StandardAlphabet => format!(
                "{}: uses '+' or '/' from standard base64; RFC 7515 requires base64url ('-' and '_'), strict verifiers reject it",
                self.part
            ),
        }
    }
}

/// The payload as it could be understood. Non-JSON payloads are legitimate (RFC 7515 allows any
/// octets), so they are shown, not rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A JSON object: a JWT claims set.
    Claims(Map<String, Value>),
    /// Valid JSON that is not an object (so not a JWT claims set).
    OtherJson(Value),
    /// UTF-8 text that is not JSON; `json_error` says why it did not parse.
    Text { text: String, json_error: String },
    /// Bytes that are not UTF-8.
    Binary(Vec<u8>),
    /// An empty payload segment (e.g. detached content, RFC 7515 Appendix F).
    Empty,
    /// JWE: the content is encrypted and cannot be shown.
    Encrypted,
}

/// One segment of the cleaned token, for the colored view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub part: Part,
    pub text: String,
    /// Decoded length, when the segment is valid base64url.
    pub byte_len: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Jws,
    Jwe,
}

/// A successfully decoded token.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedToken {
    pub kind: TokenKind,
    /// The token after clean-up: exactly what is decoded and verified.
    pub compact: String,
    pub stripped: Vec<Stripped>,
    pub segments: Vec<Segment>,
    pub header: Map<String, Value>,
    pub payload: Payload,
    pub signature: Vec<u8>,
    pub encoding_notes: Vec<EncodingNote>,
    /// Member names that appear more than once at the top level of the header or payload.
    pub duplicate_members: Vec<(Part, String)>,
    /// A decrypted JWE whose plaintext is a compact JWS (a nested JWT): that token. Its payload is
    /// then this token's payload too, so claims and time are the inner token's.
    pub inner: Option<Box<DecodedToken>>,
    /// A token pasted in the JSON serialization: all its signatures or recipients.
    pub json: Option<JsonSerialization>,
    /// Why the JWS signature segment does not decode (bad base64, truncated): the header and
    /// payload are still shown, and verification reports this.
    pub signature_error: Option<JoseError>,
}

/// A JWS or JWE in the JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2), general or flattened.
/// The token is decoded from one signature or recipient at a time, as the compact token that it
/// equals (same signing input, same AAD), with that entry's header.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonSerialization {
    pub general: bool,
    /// Per signature (JWS) or recipient (JWE): its header, protected and unprotected members merged.
    pub headers: Vec<Map<String, Value>>,
    /// The entry this token was decoded from.
    pub index: usize,
    /// JWE: the `aad` member (base64url), which the authentication tag also covers.
    pub aad: Option<String>,
}

/// One signature or recipient of a JSON serialization, as a compact token and its merged header.
struct JsonEntry {
    compact: String,
    unprotected: Map<String, Value>,
}

/// Reads a JSON serialization; `None` when the text is not one (then it is read as a compact
/// token, or a JSON document holding one).
fn json_serialization(text: &str) -> Option<(Vec<JsonEntry>, bool, Option<String>)> {
    if !text.starts_with('{') || text.len() > MAX_TOKEN_BYTES {
        return None;
    }
    let Ok(Value::Object(members)) = serde_json::from_str::<Value>(text) else { return None };
    let string = |object: &Map<String, Value>, name: &str| object.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
    let object = |object: &Map<String, Value>, name: &str| object.get(name).and_then(Value::as_object).cloned().unwrap_or_default();
    let general = members.contains_key("signatures") || members.contains_key("recipients");
    let list = |name: &str| -> Vec<Map<String, Value>> {
        match members.get(name) {
            Some(Value::Array(entries)) => entries.iter().map(|entry| entry.as_object().cloned().unwrap_or_default()).collect(),
            _ => vec![members.clone()],
        }
    };
    if members.contains_key("payload") && (members.contains_key("signature") || members.contains_key("signatures")) {
        let payload = string(&members, "payload");
        let entries = list("signatures")
            .iter()
            .map(|entry| JsonEntry {
                compact: format!("{}.{payload}.{}", string(entry, "protected"), string(entry, "signature")),
                unprotected: object(entry, "header"),
            })
            .collect();
        return Some((entries, general, None));
    }
    if members.contains_key("ciphertext") {
        let body = [string(&members, "iv"), string(&members, "ciphertext"), string(&members, "tag")].join(".");
        let protected = string(&members, "protected");
        let shared = object(&members, "unprotected");
        let entries = list("recipients")
            .iter()
            .map(|entry| {
                let mut unprotected = shared.clone();
                unprotected.extend(object(entry, "header"));
                JsonEntry { compact: format!("{protected}.{}.{body}", string(entry, "encrypted_key")), unprotected }
            })
            .collect();
        let aad = members.get("aad").and_then(Value::as_str).map(str::to_string);
        return Some((entries, general, aad));
    }
    None
}

/// Every signature or recipient of a JSON serialization, decoded (the JSON is read once); for a
/// compact token, that token alone. `decode` gives the first.
pub fn decode_entries(raw: &str) -> Vec<Result<DecodedToken, JoseError>> {
    match json_serialization(raw.trim()) {
        Some(parsed) => (0..parsed.0.len()).map(|index| entry_token(&parsed, index)).collect(),
        None => vec![decode(raw)],
    }
}

/// Signature or recipient `index` of a read JSON serialization, as the compact token it equals,
/// with its merged header.
fn entry_token((entries, general, aad): &(Vec<JsonEntry>, bool, Option<String>), index: usize) -> Result<DecodedToken, JoseError> {
    let entry = entries.get(index).ok_or(JoseError::EmptyToken)?;
    let headers = entries
        .iter()
        .map(|entry| {
            let mut header = decode_header(&entry.compact).unwrap_or_default();
            header.extend(entry.unprotected.clone());
            header
        })
        .collect();
    // Without a protected header (all members unprotected, as RFC 7520 §5.12 shows), it is decoded
    // as `{}`, and the segment stays empty: it is what the signature or the tag covers.
    let unprotected_only = entry.compact.starts_with('.');
    let mut token = if unprotected_only { decode(&format!("e30{}", entry.compact))? } else { decode(&entry.compact)? };
    if unprotected_only {
        token.compact = entry.compact.clone();
        if let Some(first) = token.segments.first_mut() {
            first.text.clear();
        }
    }
    // The protected header as decoded, with the unprotected members it does not have.
    for (name, value) in &entry.unprotected {
        token.header.entry(name.clone()).or_insert_with(|| value.clone());
    }
    token.json = Some(JsonSerialization { general: *general, headers, index, aad: aad.clone() });
    Ok(token)
}

impl DecodedToken {
    /// The JWS signing input: `BASE64URL(header) '.' BASE64URL(payload)` exactly as written.
    pub fn signing_input(&self) -> &str {
        let end = self.compact.rfind('.').unwrap_or(self.compact.len());
        self.compact.get(..end).unwrap_or_default()
    }

    pub fn alg(&self) -> Option<&str> {
        self.header.get("alg").and_then(Value::as_str)
    }

    /// Whether the token as pasted had a trailing '.', which APIs reject ([`Stripped::TrailingDot`]).
    pub fn malformed_as_pasted(&self) -> bool {
        self.stripped.contains(&Stripped::TrailingDot)
    }

    pub fn claims(&self) -> Option<&Map<String, Value>> {
        match &self.payload {
            Payload::Claims(claims) => Some(claims),
            _ => None,
        }
    }
}

/// Removes what commonly surrounds a pasted token: whitespace, quotes, `Authorization: Bearer`.
pub fn clean_input(raw: &str) -> (String, Vec<Stripped>) {
    let mut stripped = Vec::new();
    let mut text = raw.trim();
    if text.len() != raw.len() {
        stripped.push(Stripped::SurroundingWhitespace);
    }
    if let Some((name, token)) = token_in_json(text) {
        stripped.push(Stripped::JsonMember { name });
        return (token, stripped);
    }
    for quote in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(quote) && text.ends_with(quote) {
            text = text.get(1..text.len() - 1).unwrap_or_default().trim();
            stripped.push(Stripped::Quotes);
            break;
        }
    }
    if let Some(rest) = strip_prefix_ignore_case(text, "authorization:") {
        text = rest.trim_start();
        stripped.push(Stripped::AuthorizationHeader);
    }
    if let Some(rest) = strip_prefix_ignore_case(text, "bearer") {
        if rest.starts_with(char::is_whitespace) {
            text = rest.trim_start();
            stripped.push(Stripped::BearerPrefix);
        }
    }
    // Tokens are ASCII: counting over bytes then skips decoding a megabyte into chars (about 2 ms
    // of a 1 MB paste in wasm, within this machine's noise). An ASCII byte is whitespace exactly
    // when its char is.
    let inner = if text.is_ascii() {
        text.bytes().filter(|byte| char::from(*byte).is_whitespace()).count()
    } else {
        text.chars().filter(|c| c.is_whitespace()).count()
    };
    let mut text: String = if inner > 0 {
        stripped.push(Stripped::InnerWhitespace { count: inner });
        text.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        text.to_string()
    };
    // `h.p.s.` (or a JWE's five segments and a dot): one '.' too many, at the end.
    if text.ends_with('.') && matches!(text.bytes().filter(|byte| *byte == b'.').count(), 3 | 5) {
        text.pop();
        stripped.push(Stripped::TrailingDot);
    }
    (text, stripped)
}

/// A token inside a pasted JSON object, such as an OAuth token response
/// (`{"access_token": "eyJ...", "id_token": "eyJ..."}`): the first member, in order, whose value
/// has the shape of a compact JWS or JWE.
fn token_in_json(text: &str) -> Option<(String, String)> {
    if !text.starts_with('{') || text.len() > MAX_TOKEN_BYTES {
        return None;
    }
    let Ok(Value::Object(members)) = serde_json::from_str::<Value>(text) else { return None };
    members.into_iter().find_map(|(name, value)| match value {
        Value::String(token) if matches!(token.matches('.').count(), 2 | 4) && !token.contains(char::is_whitespace) => {
            Some((name, token))
        }
        _ => None,
    })
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

/// Decodes a pasted token: clean-up, segment split, base64url, UTF-8 and JSON of the header,
/// and a best-effort reading of the payload.
pub fn decode(raw: &str) -> Result<DecodedToken, JoseError> {
    if raw.len() > MAX_TOKEN_BYTES {
        return Err(JoseError::TokenTooLarge { size: raw.len(), limit: MAX_TOKEN_BYTES });
    }
    if raw.trim_start().starts_with('{') {
        if let Some(parsed) = json_serialization(raw.trim()) {
            return entry_token(&parsed, 0);
        }
    }
    let (compact, stripped) = clean_input(raw);
    if compact.is_empty() {
        return Err(JoseError::EmptyToken);
    }
    let texts: Vec<&str> = compact.split('.').collect();
    let kind = match texts.len() {
        3 => TokenKind::Jws,
        5 => TokenKind::Jwe,
        found => return Err(JoseError::SegmentCount { found }),
    };
    let parts: &[Part] = match kind {
        TokenKind::Jws => &Part::JWS,
        TokenKind::Jwe => &Part::JWE,
    };

    let mut encoding_notes = Vec::new();
    let mut signature_error = None;
    let mut segments = Vec::with_capacity(texts.len());
    let mut decoded: Vec<Option<Vec<u8>>> = Vec::with_capacity(texts.len());
    for (&part, &text) in parts.iter().zip(&texts) {
        // Only the JWS header, payload and signature must decode; JWE bodies are shown by length.
        // Best effort: the header and payload of a JWS must decode; a broken signature is reported
        // at the signature (and by verification), and JWE bodies are shown by length.
        let must_decode = (kind == TokenKind::Jws && part != Part::Signature) || part == Part::Header;
        let bytes = match b64::decode_lenient(text) {
            Ok((bytes, notes)) => {
                encoding_notes.extend(notes.into_iter().map(|leniency| EncodingNote { part, leniency }));
                Some(bytes)
            }
            Err(problem) if must_decode => return Err(base64_error(part, problem)),
            Err(problem) => {
                if part == Part::Signature {
                    signature_error = Some(base64_error(part, problem));
                }
                None
            }
        };
        segments.push(Segment { part, text: text.to_string(), byte_len: bytes.as_ref().map(Vec::len) });
        decoded.push(bytes);
    }
    let mut decoded = decoded.into_iter();
    let header_bytes = decoded.next().flatten().unwrap_or_default();
    if header_bytes.is_empty() {
        return Err(JoseError::EmptySegment { part: Part::Header });
    }
    let (header, repeated) = parse_object(Part::Header, &header_bytes)?;
    let mut duplicate_members: Vec<(Part, String)> = repeated.into_iter().map(|name| (Part::Header, name)).collect();

    let (payload, signature) = match kind {
        TokenKind::Jws => {
            let payload_bytes = decoded.next().flatten().unwrap_or_default();
            let signature = decoded.next().flatten().unwrap_or_default();
            let (payload, repeated) = read_payload(payload_bytes);
            duplicate_members.extend(repeated.into_iter().map(|name| (Part::Payload, name)));
            (payload, signature)
        }
        TokenKind::Jwe => (Payload::Encrypted, Vec::new()),
    };
    Ok(DecodedToken { kind, compact, stripped, segments, header, payload, signature, encoding_notes, duplicate_members, inner: None, json: None, signature_error })
}

/// Shows a decrypted JWE's plaintext as its payload: a compact JWS (a nested JWT, `cty: "JWT"`)
/// is read as the inner token, anything else like a JWS payload (claims, other JSON, text, bytes).
pub fn open_jwe(token: &mut DecodedToken, plaintext: Vec<u8>) {
    let inner = std::str::from_utf8(&plaintext).ok().map(decode).and_then(Result::ok).filter(|inner| inner.kind == TokenKind::Jws);
    if let Some(inner) = inner {
        token.payload = inner.payload.clone();
        token.inner = Some(Box::new(inner));
    } else {
        let (payload, repeated) = read_payload(plaintext);
        token.payload = payload;
        token.duplicate_members.extend(repeated.into_iter().map(|name| (Part::Payload, name)));
    }
}

/// The header alone, when it decodes: shown while a later segment of the token is broken, so the
/// user still sees what the token claims to be.
pub fn decode_header(raw: &str) -> Option<Map<String, Value>> {
    if raw.len() > MAX_TOKEN_BYTES {
        return None;
    }
    let (compact, _) = clean_input(raw);
    let first = compact.split('.').next()?;
    let (bytes, _) = b64::decode_lenient(first).ok()?;
    parse_object(Part::Header, &bytes).ok().map(|(header, _)| header)
}

pub(crate) fn base64_error(part: Part, problem: Base64Problem) -> JoseError {
    match problem {
        Base64Problem::Character { character, offset } => {
            JoseError::Base64Character { part, character, offset }
        }
        Base64Problem::Length { length } => JoseError::Base64Length { part, length },
        Base64Problem::TrailingBits { character, offset } => {
            JoseError::Base64TrailingBits { part, character, offset }
        }
    }
}

/// Parses UTF-8 JSON that must be an object (the JOSE header), with its repeated member names.
fn parse_object(part: Part, bytes: &[u8]) -> Result<(Map<String, Value>, Vec<String>), JoseError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|error| JoseError::Utf8 { part, offset: error.valid_up_to() })?;
    match parse_json(part, text)? {
        (Value::Object(map), repeated) => Ok((map, repeated)),
        (other, _) => Err(JoseError::NotAnObject { part, found: json_kind(&other) }),
    }
}

/// Parses JSON, turning serde's error into one that says where (line, column) and why.
/// Numbers keep the exact text written in the token (serde_json's `arbitrary_precision`), and
/// members keep their order (`preserve_order`): the page shows what the token says, not what a
/// float or a hash map would make of it.
///
/// A top-level object is read member by member, in the same pass, to list the names that appear
/// more than once. RFC 7515 §4 and RFC 7519 §4: names must be unique, and a parser must reject
/// duplicates or keep the lexically last one. Like serde_json, this keeps the last (so the page
/// shows what such parsers see), and the list lets the page warn: parsers that keep the first see
/// another token, which has been used to smuggle claims past one of two verifiers.
pub fn parse_json(part: Part, text: &str) -> Result<(Value, Vec<String>), JoseError> {
    use serde::de::{Deserializer, MapAccess, Visitor};
    struct Members;
    impl<'de> Visitor<'de> for Members {
        type Value = (Value, Vec<String>);
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut map = Map::new();
            let mut repeated: Vec<String> = Vec::new();
            while let Some(name) = access.next_key::<String>()? {
                let value: Value = access.next_value()?;
                if map.contains_key(&name) && !repeated.contains(&name) {
                    repeated.push(name.clone());
                }
                map.insert(name, value);
            }
            Ok((Value::Object(map), repeated))
        }
    }
    let to_error = |error: serde_json::Error| JoseError::Json {
        part,
        line: error.line(),
        column: error.column(),
        message: json_error_message(&error),
    };
    if !text.trim_start().starts_with('{') {
        return serde_json::from_str(text).map(|value| (value, Vec::new())).map_err(to_error);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = deserializer.deserialize_map(Members).map_err(to_error)?;
    deserializer.end().map_err(to_error)?;
    Ok(parsed)
}

/// serde_json's message without its " at line L column C" suffix (we say where ourselves).
pub fn json_error_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let message = full.rfind(" at line ").and_then(|at| full.get(..at)).unwrap_or(&full);
    // serde_json stops at 128 levels of nesting (its recursion limit, which keeps the parser from
    // overflowing the stack): say so in words.
    if message == "recursion limit exceeded" {
        "nested more than 128 levels deep, the limit this page parses".to_string()
    } else {
        message.to_string()
    }
}

/// The payload as far as it can be understood, with its repeated member names.
fn read_payload(bytes: Vec<u8>) -> (Payload, Vec<String>) {
    if bytes.is_empty() {
        return (Payload::Empty, Vec::new());
    }
    match String::from_utf8(bytes) {
        Ok(text) => match parse_json(Part::Payload, &text) {
            Ok((Value::Object(claims), repeated)) => (Payload::Claims(claims), repeated),
            Ok((other, _)) => (Payload::OtherJson(other), Vec::new()),
            Err(error) => (Payload::Text { text, json_error: error.to_string() }, Vec::new()),
        },
        Err(error) => (Payload::Binary(error.into_bytes()), Vec::new()),
    }
}

pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7519 §3.1 example JWT (HS256).
    pub const RFC7519_3_1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    #[test]
    fn decodes_rfc7519_example_preserving_order_and_numbers() {
        let token = decode(RFC7519_3_1).unwrap();
        assert_eq!(token.kind, TokenKind::Jws);
        assert_eq!(token.alg(), Some("HS256"));
        assert_eq!(token.header.keys().collect::<Vec<_>>(), ["typ", "alg"]);
        let claims = token.claims().unwrap();
        assert_eq!(claims.keys().collect::<Vec<_>>(), ["iss", "exp", "http://example.com/is_root"]);
        assert_eq!(claims["exp"].to_string(), "1300819380");
        assert_eq!(token.signature.len(), 32);
        assert!(token.stripped.is_empty());
        assert!(token.encoding_notes.is_empty());
        assert_eq!(token.signing_input(), &RFC7519_3_1[..RFC7519_3_1.rfind('.').unwrap()]);
    }

    #[test]
    fn keeps_numbers_exactly_as_written() {
        // {"n":12345678901234567890123,"f":1.50}
        let payload = b64::encode(br#"{"n":12345678901234567890123,"f":1.50}"#);
        let token = decode(&format!("eyJhbGciOiJub25lIn0.{payload}.")).unwrap();
        let claims = token.claims().unwrap();
        assert_eq!(claims["n"].to_string(), "12345678901234567890123");
        assert_eq!(claims["f"].to_string(), "1.50");
    }

    #[test]
    fn strips_bearer_quotes_and_whitespace_and_says_so() {
        let pasted = format!("  \"Bearer {}\"\n", RFC7519_3_1);
        let token = decode(&pasted).unwrap();
        assert_eq!(token.compact, RFC7519_3_1);
        assert_eq!(
            token.stripped,
            vec![Stripped::SurroundingWhitespace, Stripped::Quotes, Stripped::BearerPrefix]
        );
        let wrapped = format!("Authorization: bearer {}\n{}", &RFC7519_3_1[..40], &RFC7519_3_1[40..]);
        let token = decode(&wrapped).unwrap();
        assert_eq!(token.compact, RFC7519_3_1);
        assert_eq!(
            token.stripped,
            vec![
                Stripped::AuthorizationHeader,
                Stripped::BearerPrefix,
                Stripped::InnerWhitespace { count: 1 }
            ]
        );
    }

    #[test]
    fn one_trailing_dot_is_removed_and_the_token_judged_malformed_as_pasted() {
        let token = decode(&format!("{RFC7519_3_1}.")).unwrap();
        assert_eq!(token.compact, RFC7519_3_1);
        assert_eq!(token.stripped, vec![Stripped::TrailingDot]);
        assert!(token.malformed_as_pasted());
        assert!(Stripped::TrailingDot.describe().contains("APIs reject it"));
        // Around the token (Bearer, quotes, whitespace) is not in it: those are not malformed.
        assert!(!decode(&format!("Bearer {RFC7519_3_1}")).unwrap().malformed_as_pasted());
        // An unsigned token keeps its own final '.', and loses only the extra one.
        let unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.";
        assert!(!decode(unsigned).unwrap().malformed_as_pasted());
        let extra = decode(&format!("{unsigned}.")).unwrap();
        assert_eq!((extra.compact.as_str(), extra.malformed_as_pasted()), (unsigned, true));
        // A dot that is not at the end is still an error.
        assert_eq!(decode("a.b.c.d").unwrap_err(), JoseError::SegmentCount { found: 4 });
        // A JWE with a trailing dot (six segments).
        let jwe = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
        let token = decode(&format!("{jwe}.")).unwrap();
        assert_eq!((token.kind, token.compact.as_str(), token.malformed_as_pasted()), (TokenKind::Jwe, jwe, true));
    }

    #[test]
    fn inner_whitespace_is_counted_in_ascii_and_unicode_text_alike() {
        // Line breaks, tab and vertical tab (ASCII path); a no-break space and a line separator
        // (char path, the text being non-ASCII).
        let ascii = format!("{}\r\n{}\t{}\x0b{}", &RFC7519_3_1[..10], &RFC7519_3_1[10..20], &RFC7519_3_1[20..30], &RFC7519_3_1[30..]);
        let unicode = format!("{}\u{a0}{}\u{2028}{}", &RFC7519_3_1[..10], &RFC7519_3_1[10..20], &RFC7519_3_1[20..]);
        for (text, count) in [(ascii, 4), (unicode, 2)] {
            let token = decode(&text).unwrap();
            assert_eq!(token.compact, RFC7519_3_1);
            assert_eq!(token.stripped, vec![Stripped::InnerWhitespace { count }]);
        }
    }

    #[test]
    fn a_token_inside_an_oauth_response_is_found() {
        let response = format!(r#"{{"token_type":"Bearer","expires_in":3600,"id_token":"{RFC7519_3_1}"}}"#);
        let token = decode(&response).unwrap();
        assert_eq!(token.compact, RFC7519_3_1);
        assert_eq!(token.stripped, vec![Stripped::JsonMember { name: "id_token".into() }]);
        // Any other JSON is not a token.
        assert_eq!(decode(r#"{"a":"b"}"#).unwrap_err(), JoseError::SegmentCount { found: 1 });
    }

    #[test]
    fn wrong_segment_count() {
        assert_eq!(decode("abc.def").unwrap_err().to_string(), "expected 3 segments separated by '.' (JWS) or 5 (JWE), found 2");
        assert_eq!(decode("a.b.c.d").unwrap_err(), JoseError::SegmentCount { found: 4 });
        assert_eq!(decode("   ").unwrap_err(), JoseError::EmptyToken);
    }

    #[test]
    fn invalid_base64_character_in_payload() {
        let mut token = RFC7519_3_1.to_string();
        let payload_start = token.find('.').unwrap() + 1;
        token.replace_range(payload_start + 17..payload_start + 18, "*");
        assert_eq!(
            decode(&token).unwrap_err().to_string(),
            "payload: invalid base64url character '*' at offset 17"
        );
    }

    #[test]
    fn header_json_error_says_line_and_column() {
        let header = b64::encode(br#"{"alg" "HS256"}"#);
        let error = decode(&format!("{header}.e30.")).unwrap_err();
        assert_eq!(error.to_string(), "header: JSON error at line 1 column 8: expected `:`");
    }

    #[test]
    fn header_must_be_an_object_and_not_empty() {
        let header = b64::encode(b"[1]");
        assert_eq!(
            decode(&format!("{header}.e30.")).unwrap_err().to_string(),
            "header: must be a JSON object, found an array"
        );
        assert_eq!(decode(".e30.").unwrap_err().to_string(), "header: the segment is empty");
        let bad_utf8 = b64::encode(&[b'{', 0xff, b'}']);
        assert_eq!(
            decode(&format!("{bad_utf8}.e30.")).unwrap_err().to_string(),
            "header: not valid UTF-8 at byte 1"
        );
    }

    #[test]
    fn truncated_signature_is_reported_and_the_rest_decodes() {
        let cut = &RFC7519_3_1[..RFC7519_3_1.len() - 2];
        let decoded = decode(cut).unwrap();
        assert_eq!(decoded.claims().unwrap()["iss"], "joe");
        assert_eq!(
            decoded.signature_error.unwrap().to_string(),
            "signature: 41 base64url characters cannot encode whole bytes (length mod 4 is 1): the segment looks truncated"
        );
        assert_eq!(decode(RFC7519_3_1).unwrap().signature_error, None);
        let verdict = crate::jose::jws::verdict_without_key(&decode(&format!("{}!", RFC7519_3_1)).unwrap()).verdict;
        assert!(matches!(verdict, crate::jose::jws::Verdict::Error(JoseError::Base64Character { part: Part::Signature, .. })), "{verdict:?}");
    }

    #[test]
    fn padding_and_standard_alphabet_are_reported_but_decoded() {
        // header {"alg":"HS256"} padded; signature with '+' and '/'.
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0=.ab+/";
        let decoded = decode(token).unwrap();
        assert_eq!(decoded.claims().unwrap()["sub"], "1");
        assert_eq!(
            decoded.encoding_notes,
            vec![
                EncodingNote { part: Part::Payload, leniency: Leniency::Padding },
                EncodingNote { part: Part::Signature, leniency: Leniency::StandardAlphabet },
            ]
        );
    }

    #[test]
    fn non_json_payloads_are_shown_not_rejected() {
        let text = b64::encode(b"hello world");
        let token = decode(&format!("eyJhbGciOiJub25lIn0.{text}.")).unwrap();
        assert!(matches!(&token.payload, Payload::Text { text, .. } if text == "hello world"));
        let array = b64::encode(b"[1,2]");
        let token = decode(&format!("eyJhbGciOiJub25lIn0.{array}.")).unwrap();
        assert!(matches!(token.payload, Payload::OtherJson(Value::Array(_))));
        let binary = b64::encode(&[0xff, 0x00, 0x80]);
        let token = decode(&format!("eyJhbGciOiJub25lIn0.{binary}.")).unwrap();
        assert_eq!(token.payload, Payload::Binary(vec![0xff, 0x00, 0x80]));
        let token = decode("eyJhbGciOiJub25lIn0..").unwrap();
        assert_eq!(token.payload, Payload::Empty);
    }

    #[test]
    fn five_segments_are_jwe_with_header_decoded() {
        // RFC 7516 Appendix A.1 token, shortened bodies.
        let token = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ";
        let decoded = decode(token).unwrap();
        assert_eq!(decoded.kind, TokenKind::Jwe);
        assert_eq!(decoded.header["enc"], "A256GCM");
        assert_eq!(decoded.payload, Payload::Encrypted);
        assert_eq!(decoded.segments.len(), 5);
        assert_eq!(decoded.segments[2].byte_len, Some(12));
    }

    #[test]
    fn duplicate_member_names_are_listed_and_the_last_value_shown() {
        let header = b64::encode(br#"{"alg":"HS256","alg":"none"}"#);
        let payload = b64::encode(br#"{"sub":"user","admin":false,"admin":true,"sub":"x"}"#);
        let token = decode(&format!("{header}.{payload}.")).unwrap();
        assert_eq!(token.alg(), Some("none"));
        assert_eq!(token.claims().unwrap()["admin"], true);
        assert_eq!(
            token.duplicate_members,
            vec![(Part::Header, "alg".to_string()), (Part::Payload, "admin".to_string()), (Part::Payload, "sub".to_string())]
        );
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_a_message_not_a_crash() {
        let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
        let payload = b64::encode(format!("{{\"a\":{deep}}}").as_bytes());
        let token = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{payload}.")).unwrap();
        match token.payload {
            Payload::Text { json_error, .. } => assert!(json_error.contains("nested more than 128 levels"), "{json_error}"),
            other => panic!("{other:?}"),
        }
        let header = b64::encode(format!("{{\"a\":{deep}}}").as_bytes());
        let error = decode(&format!("{header}.e30.")).unwrap_err().to_string();
        assert!(error.starts_with("header: JSON error at line 1 column 132: nested more than 128 levels"), "{error}");
    }

    #[test]
    fn the_header_is_readable_when_a_later_segment_is_broken() {
        let broken = RFC7519_3_1.replace(".eyJpc3Mi", ".eyJ!c3Mi");
        assert!(decode(&broken).is_err());
        assert_eq!(decode_header(&broken).unwrap()["alg"], "HS256");
        assert_eq!(decode_header("!!!.e30."), None);
    }

    #[test]
    fn huge_input_is_refused_with_a_message() {
        let huge = "a".repeat(MAX_TOKEN_BYTES + 1);
        assert!(matches!(decode(&huge), Err(JoseError::TokenTooLarge { .. })));
    }
}
