//! Finding every compact JWS and JWE in pasted text (issue #15): an HTTP request or response, a
//! curl command, a log, a HAR file, a URL or any JSON document. Each token comes with where it was,
//! in words, for the page's list (`found-token`, `data-where`).
//!
//! Two passes, so that finding stays linear and placing never invents a token:
//! 1. `scan` finds the tokens and their byte offsets in the raw text. Only maximal runs of
//!    base64url characters and dots that start with `eyJ` (`{"` encoded) and have 2 or 4 dots are
//!    decoded, and only after cheap checks of their layout; a token is a run whose header decodes
//!    to a JSON object with `alg` (and `enc` for a JWE).
//! 2. `Places` reads the structure (JSON, HAR, curl, HTTP headers, URLs) and names where each
//!    token is. It runs only when the scan found something, and the first place of a token wins.
//!    A token the structure does not explain is on "line N" (1-based) of a text of several lines,
//!    or in the "text" of a one-line paste.
//!
//! Places (what `data-where` shows):
//! - HTTP headers: `Authorization header`, `DPoP header`, `X-Foo header` (the name as written),
//!   `cookie id_token` (a `Cookie` header), `Set-Cookie session` (the cookie a `Set-Cookie` sets).
//!   In an HTTP message (a start line or only header lines, then a blank line and a body) every
//!   `Name: value` line is a header; among the lines of a log only those whose value is the token
//!   alone or after an auth scheme (`Bearer`, `DPoP`) and cookie headers are.
//! - URLs and bodies: `query id_token`, `fragment access_token`, `form access_token` (a form body,
//!   curl `-d`/`-F`; with curl `-G` the data is the `query`).
//! - JSON: the JSONPath of the string, `$.access_token`, `$.tokens[0].id_token`, `$['weird key']`.
//!   A string that holds a token among other text is read as text, and its inner place is followed
//!   by the string's path: `query id_token in $.redirect`, `$.id_token in $.body`, or just
//!   `$.headers.Authorization` when the text says nothing more (`Bearer <t>`).
//! - HAR (`log.entries`): `{request|response} {place} (entry N)`, entries counted from 1, with the
//!   header, cookie, query and body places above: `request Authorization header (entry 3)`,
//!   `response Set-Cookie session (entry 1)`, `request cookie sid (entry 2)`,
//!   `request query code (entry 2)`, `response body $.id_token (entry 4)`,
//!   `request body form assertion (entry 5)`, or `request url (entry 3)`, `response body (entry 4)`
//!   when nothing more precise applies. Anything else in a HAR gets its JSONPath.
//!
//! Not found: tokens whose header JSON does not start with `{"` (no `eyJ`), padded or
//! standard-alphabet base64, tokens split by line breaks, and tokens that appear only through JSON
//! `\u` escapes (they have no offset in the input) or in base64-encoded HAR bodies. The page
//! decodes such a paste as a single token, as before.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::token::{clean_input, decode_header, Stripped};

/// A token found in pasted text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundToken {
    pub token: String,
    /// Where it was, in words (see the module documentation).
    pub place: String,
    /// Byte offset of its first occurrence in the input.
    pub start: usize,
}

/// Every JWS (3 segments) and JWE (5 segments) in `text`, in order of first appearance, each once.
pub fn find_tokens(text: &str) -> Vec<FoundToken> {
    let spans = scan(text);
    if spans.is_empty() {
        return Vec::new();
    }
    let mut places = Places::default();
    places.text(text, &At::default());
    let several_lines = text.trim().contains('\n');
    let (mut line, mut counted) = (1, 0);
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for (start, end) in spans {
        let token = &text[start..end];
        if !seen.insert(token) {
            continue;
        }
        line += text.as_bytes()[counted..start].iter().filter(|&&c| c == b'\n').count();
        counted = start;
        let place = match places.0.remove(token) {
            Some(place) => place,
            None if several_lines => format!("line {line}"),
            None => "text".to_string(),
        };
        found.push(FoundToken { token: token.to_string(), place, start });
    }
    found
}

/// Whether `text` is one token and nothing more, once the clean-up that decoding does anyway is
/// removed (surrounding whitespace and quotes, `Authorization:`, `Bearer `). The page lists the
/// found tokens only when there are several or when the text was more than a token.
pub fn is_just_a_token(text: &str) -> bool {
    // A JSON document is more than a token (and clean-up would parse all of it).
    if text.trim_start().starts_with(['{', '[']) {
        return false;
    }
    let (compact, stripped) = clean_input(text);
    // A trailing '.' is in the token as pasted, not around it.
    !stripped.iter().any(|s| matches!(s, Stripped::InnerWhitespace { .. } | Stripped::JsonMember { .. } | Stripped::TrailingDot))
        && scan(&compact) == [(0, compact.len())]
}

/// What may be in a compact token: base64url and the segment separator.
fn is_token_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.')
}

/// The byte ranges of the tokens in `s`, in order. Linear: the search jumps from one `eyJ` to the
/// next, each run is walked once, and only runs with the right number of dots are decoded.
fn scan(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(offset) = s.get(i..).and_then(|rest| rest.find("eyJ")) {
        let start = i + offset;
        let (mut end, mut dots) = (start, 0);
        while end < b.len() && is_token_byte(b[end]) {
            dots += usize::from(b[end] == b'.');
            end += 1;
        }
        i = end;
        // `eyJ` inside a longer run is not the start of a token; after a JSON escape such as
        // `\n` it is (the escape's letter is not part of the text).
        let escaped = start >= 2 && b[start - 2] == b'\\' && b"nrtbf".contains(&b[start - 1]);
        if start > 0 && is_token_byte(b[start - 1]) && !escaped {
            continue;
        }
        // A token that ends a sentence: the period is not part of it. After `Bearer ` at the end
        // of its line (an Authorization header) it is: the token is kept with it, so the page
        // says that the API got a malformed token (`Stripped::TrailingDot`).
        let mut kept_dot = false;
        if b[end - 1] == b'.' && (dots == 3 || dots == 5) {
            end -= 1;
            dots -= 1;
            kept_dot = matches!(b.get(end + 1), None | Some(b'\r' | b'\n')) && after_bearer(&s[..start]);
        }
        if (dots == 2 || dots == 4) && is_token(&s[start..end]) {
            found.push((start, end + usize::from(kept_dot)));
        }
    }
    found
}

/// Whether the text before a token ends its line with the `Bearer` auth scheme and a space.
fn after_bearer(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    let Some(rest) = line.strip_suffix(' ') else { return false };
    let rest = rest.trim_end_matches(' ');
    rest.len() >= 6 && rest.get(rest.len() - 6..).is_some_and(|scheme| scheme.eq_ignore_ascii_case("bearer"))
}

/// Whether a run with 2 or 4 dots is a token: the segment layout first (cheap), then the header.
/// JWS (RFC 7515 §7.1): header and payload not empty; the signature only empty with `alg` "none".
/// JWE (RFC 7516 §7.1): only the encrypted key may be empty (`dir`, `ECDH-ES`); the header has
/// `alg` and `enc`. No segment may have a length base64 cannot have (4n + 1).
fn is_token(run: &str) -> bool {
    let segments: Vec<&str> = run.split('.').collect();
    let layout = match segments[..] {
        [_, payload, _] => !payload.is_empty(),
        [_, _, iv, ciphertext, tag] => !iv.is_empty() && !ciphertext.is_empty() && !tag.is_empty(),
        _ => false,
    };
    if !layout || segments.iter().any(|segment| segment.len() % 4 == 1) {
        return false;
    }
    let Some(header) = decode_header(run) else { return false };
    let Some(alg) = header.get("alg").and_then(Value::as_str) else { return false };
    match segments[..] {
        [_, _, signature] => !signature.is_empty() || alg == "none",
        _ => header.get("enc").is_some_and(Value::is_string),
    }
}

/// How the places found in a part of the input are worded: `pre` and `post` around the inner
/// place (`request ` … ` (entry 3)`, or … ` in $.body`), and the place of a token the part's
/// structure says nothing about (`None`: left to `find_tokens`, which says "line N").
#[derive(Default, Clone)]
struct At {
    pre: String,
    post: String,
    fallback: Option<String>,
}

impl At {
    fn place(&self, inner: &str) -> String {
        format!("{}{inner}{}", self.pre, self.post)
    }
}

/// The place of each token, the first one found kept.
#[derive(Default)]
struct Places(HashMap<String, String>);

impl Places {
    fn add(&mut self, token: &str, place: String) {
        self.0.entry(token.to_string()).or_insert(place);
    }

    /// Every token in `s` is at `place` (built only when there is one).
    fn all(&mut self, s: &str, place: &dyn Fn() -> String) {
        for (start, end) in scan(s) {
            self.add(&s[start..end], place());
        }
    }

    /// Any text: a JSON document, curl commands, or an HTTP message or lines of a log.
    fn text(&mut self, mut s: &str, at: &At) {
        loop {
            let t = s.trim_start();
            if self.json(t, at) {
                return;
            }
            let t = t.strip_prefix("$ ").unwrap_or(t);
            match t.strip_prefix("curl ") {
                Some(command) => s = self.curl(command, at),
                None => return self.message(s, at),
            }
        }
    }

    /// A JSON object or array (a HAR file is recognised by `log.entries`); false if `t` is not one.
    fn json(&mut self, t: &str, at: &At) -> bool {
        if !t.starts_with(['{', '[']) {
            return false;
        }
        let Ok(mut value) = serde_json::from_str::<Json>(t) else { return false };
        // A HAR file: its entries by what they hold, the rest of it by JSONPath.
        if let Json::Map(root) = &mut value {
            if let Some((_, Json::Map(log))) = root.iter_mut().find(|(key, _)| key == "log") {
                let entries = log.iter().position(|(key, item)| key == "entries" && matches!(item, Json::List(_)));
                if let Some((_, Json::List(entries))) = entries.map(|index| log.remove(index)) {
                    self.har(&entries);
                }
            }
        }
        self.walk(&value, &mut "$".to_string(), at);
        true
    }

    /// Every string in a JSON value, at its JSONPath.
    fn walk(&mut self, value: &Json, path: &mut String, at: &At) {
        match value {
            Json::Str(s) => self.string(s, path, at),
            Json::List(items) => {
                for (index, item) in items {
                    let len = path.len();
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                    self.walk(item, path, at);
                    path.truncate(len);
                }
            }
            Json::Map(members) => {
                for (key, item) in members {
                    let len = push_key(path, key);
                    self.walk(item, path, at);
                    path.truncate(len);
                }
            }
            Json::Text(_) | Json::Skip => {}
        }
    }

    /// A JSON string at `path`: a token, or text in which the tokens are placed, then said to be
    /// in the string (`query id_token in $.redirect`; just the path for `Bearer <t>`).
    fn string(&mut self, s: &str, path: &str, at: &At) {
        match scan(s)[..] {
            [] => {}
            [(0, end)] if end == s.len() => self.add(s, at.place(path)),
            _ => {
                let post = format!(" in {path}{}", at.post);
                self.text(s, &At { pre: at.pre.clone(), post, fallback: Some(at.place(path)) });
            }
        }
    }

    /// HAR entries: the request and response by what they hold, the rest by JSONPath.
    fn har(&mut self, entries: &[(usize, Json)]) {
        for (index, entry) in entries {
            let mut path = format!("$.log.entries[{index}]");
            let Json::Map(members) = entry else { continue };
            for (key, item) in members {
                let len = push_key(&mut path, key);
                match item {
                    Json::Map(side) if key == "request" || key == "response" => {
                        self.har_side(key, side, &mut path, index + 1)
                    }
                    _ => self.walk(item, &mut path, &At::default()),
                }
                path.truncate(len);
            }
        }
    }

    /// A HAR request or response, `path` being its JSONPath.
    fn har_side(&mut self, side: &str, members: &[(Cow<str>, Json)], path: &mut String, entry: usize) {
        let at = At { pre: format!("{side} "), post: format!(" (entry {entry})"), fallback: None };
        let body = At {
            pre: format!("{side} body "),
            post: at.post.clone(),
            fallback: Some(format!("{side} body{}", at.post)),
        };
        let cookie = if side == "request" { "cookie" } else { "Set-Cookie" };
        for (key, item) in members {
            match key.as_ref() {
                "headers" => pairs(item).for_each(|(name, value)| self.header(name, value, &at)),
                "cookies" => {
                    pairs(item).for_each(|(name, value)| self.all(value, &|| at.place(&format!("{cookie} {name}"))))
                }
                "queryString" => {
                    pairs(item).for_each(|(name, value)| self.all(value, &|| at.place(&format!("query {name}"))))
                }
                "url" | "redirectURL" => {
                    let url = At { fallback: Some(at.place(key)), ..at.clone() };
                    self.generic(item.as_str().unwrap_or_default(), &url, None);
                }
                "postData" | "content" => {
                    for (name, value) in item.get("params").map(pairs).into_iter().flatten() {
                        self.all(value, &|| body.place(&format!("form {name}")));
                    }
                    // Scanned first: parsing a large JSON body costs more.
                    let text = item.get("text").and_then(Json::as_str).unwrap_or_default();
                    if !scan(text).is_empty() {
                        self.body(text, &body);
                    }
                }
                _ => {
                    let len = push_key(path, key);
                    self.walk(item, path, &At::default());
                    path.truncate(len);
                }
            }
        }
    }

    /// A header, by name: cookies by their names, any other header by its own.
    fn header(&mut self, name: &str, value: &str, at: &At) {
        if name.eq_ignore_ascii_case("cookie") {
            self.cookies(value, "cookie", at);
        } else if name.eq_ignore_ascii_case("set-cookie") {
            // The cookie set is the first pair; the rest are attributes.
            self.cookies(value.split(';').next().unwrap_or_default(), "Set-Cookie", at);
            self.all(value, &|| at.place("Set-Cookie header"));
        } else {
            self.all(value, &|| at.place(&format!("{name} header")));
        }
    }

    /// `a=1; id_token=<t>`: each value by its cookie's name.
    fn cookies(&mut self, value: &str, label: &str, at: &At) {
        for pair in value.split(';') {
            if let Some((name, value)) = pair.split_once('=') {
                self.all(value, &|| at.place(&format!("{label} {}", name.trim())));
            }
        }
    }

    /// A message body: a JSON document, else form parameters (`form key`).
    fn body(&mut self, s: &str, at: &At) {
        if !self.json(s.trim_start(), at) {
            self.generic(s, at, Some("form"));
        }
    }

    /// Text with no known structure: a token after `key=` is a URL's `query key` or `fragment
    /// key` when a `?` or `#` comes first in the same word, else a `{bare} key` (a form), else at
    /// `at`'s fallback.
    fn generic(&mut self, s: &str, at: &At, bare: Option<&str>) {
        for (start, end) in scan(s) {
            let place = match (parameter(s, start), bare) {
                (Some((Some(section), key)), _) | (Some((None, key)), Some(section)) => {
                    at.place(&format!("{section} {key}"))
                }
                _ => match &at.fallback {
                    Some(fallback) => fallback.clone(),
                    None => continue,
                },
            };
            self.add(&s[start..end], place);
        }
    }

    /// An HTTP request or response (an optional start line, header lines, a blank line, a body),
    /// or else lines of a log, in which a line such as `Authorization: Bearer <t>` still counts as
    /// a header when it is a cookie header or its value is one word or an auth scheme and a word
    /// (so that `Note: see <t>` is a line, not a "Note header").
    fn message(&mut self, s: &str, at: &At) {
        let s = s.trim_start();
        let (first, after_first) = s.split_once('\n').unwrap_or((s, ""));
        let start_line = is_start_line(first.trim_end());
        let (mut headers, mut body, mut rest) = (Vec::new(), None, if start_line { after_first } else { s });
        let mut message = true;
        while !rest.is_empty() {
            let (line, next) = rest.split_once('\n').unwrap_or((rest, ""));
            match header_line(line.trim_end()) {
                _ if line.trim().is_empty() => {
                    body = Some(next);
                    break;
                }
                Some(header) => headers.push(header),
                None => {
                    message = false;
                    break;
                }
            }
            rest = next;
        }
        if message && (start_line || !headers.is_empty()) {
            if start_line {
                self.generic(first, at, None);
            }
            for (name, value) in headers {
                self.header(name, value, at);
            }
            if let Some(body) = body {
                self.body(body, at);
            }
            return;
        }
        for line in s.split('\n') {
            match header_line(line) {
                Some((name, value)) if is_cookie(name) || is_credential(value) => self.header(name, value, at),
                _ => self.generic(line, at, None),
            }
        }
    }

    /// A curl command (after `curl `) up to its end of line; returns the text after it. Headers
    /// (`-H`), cookies (`-b`), data (`-d` and the like: JSON or form, the query with `-G`), form
    /// fields (`-F`), `--oauth2-bearer`, and URLs among the other words.
    fn curl<'s>(&mut self, command: &'s str, at: &At) -> &'s str {
        let (words, rest) = shell_words(command);
        let get = words.iter().any(|word| word == "-G" || word == "--get");
        let mut words = words.iter().map(String::as_str);
        while let Some(word) = words.next() {
            let mut argument = || words.next().unwrap_or_default();
            match word {
                "-H" | "--header" | "--proxy-header" => {
                    if let Some((name, value)) = header_line(argument()) {
                        self.header(name, value, at);
                    }
                }
                "-b" | "--cookie" => self.cookies(argument(), "cookie", at),
                "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii" | "--data-urlencode" | "--json" => {
                    let data = argument();
                    if get {
                        self.generic(data, at, Some("query"));
                    } else {
                        self.body(data, at);
                    }
                }
                "-F" | "--form" | "--form-string" => self.generic(argument(), at, Some("form")),
                "--oauth2-bearer" => self.all(argument(), &|| at.place("Authorization header")),
                _ => self.generic(word, at, None),
            }
        }
        rest
    }
}

/// Appends `key` to the JSONPath `path` (`.key`, or `['key']` when it is not an identifier) and
/// returns the length to truncate it back to.
fn push_key(path: &mut String, key: &str) -> usize {
    let len = path.len();
    let identifier = key.bytes().next().is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
    if identifier {
        path.push('.');
        path.push_str(key);
    } else {
        path.push_str("['");
        for c in key.chars() {
            if c == '\'' || c == '\\' {
                path.push('\\');
            }
            path.push(c);
        }
        path.push_str("']");
    }
    len
}

/// HAR's `[{"name": …, "value": …}]` lists.
fn pairs<'j>(list: &'j Json) -> impl Iterator<Item = (&'j str, &'j str)> {
    let items = match list {
        Json::List(items) => &items[..],
        _ => &[],
    };
    items.iter().filter_map(|(_, pair)| Some((pair.get("name")?.as_str()?, pair.get("value")?.as_str()?)))
}

/// What a JSON document holds that can hold a token, read in one pass without building the
/// document: a `serde_json::Value` of a 5 MB HAR costs several times the parse to build and to
/// drop, and wasm memory never shrinks back. Kept: the strings with `eyJ` in them (every token
/// starts with it), the arrays and objects holding them (array items with their index), and the
/// `name` next to them (HAR's name/value pairs). Everything else is dropped as it is read.
enum Json<'a> {
    Str(Cow<'a, str>),
    /// A string without `eyJ`, kept (unescaped only) as a `name`.
    Text(&'a str),
    List(Vec<(usize, Json<'a>)>),
    Map(Vec<(Cow<'a, str>, Json<'a>)>),
    Skip,
}

impl<'a> Json<'a> {
    fn get(&self, name: &str) -> Option<&Json<'a>> {
        match self {
            Json::Map(members) => members.iter().find(|(key, _)| key == name).map(|(_, value)| value),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            Json::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Pruning)
    }
}

/// Builds a [`Json`]. Numbers, booleans and null are dropped; with serde_json's
/// `arbitrary_precision` a number arrives as a one-member map whose value is a string of digits,
/// which is dropped as any map without `eyJ`.
struct Pruning;

impl<'de> Visitor<'de> for Pruning {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Json<'de>, E> {
        Ok(Json::Skip)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Json<'de>, E> {
        Ok(Json::Skip)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Json<'de>, E> {
        Ok(Json::Skip)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Json<'de>, E> {
        Ok(Json::Skip)
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Skip)
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(if s.contains("eyJ") { Json::Str(Cow::Borrowed(s)) } else { Json::Text(s) })
    }

    /// A string with escapes: copied only when it may hold a token.
    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(if s.contains("eyJ") { Json::Str(Cow::Owned(s.to_string())) } else { Json::Skip })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let (mut items, mut index) = (Vec::new(), 0);
        while let Some(item) = seq.next_element::<Json>()? {
            if matches!(item, Json::Str(_) | Json::List(_) | Json::Map(_)) {
                items.push((index, item));
            }
            index += 1;
        }
        Ok(if items.is_empty() { Json::Skip } else { Json::List(items) })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let (mut members, mut name) = (Vec::new(), None);
        while let Some(Key(key)) = map.next_key()? {
            match map.next_value::<Json>()? {
                Json::Text(text) if key == "name" => name = Some(text),
                Json::Text(_) | Json::Skip => {}
                value => members.push((key, value)),
            }
        }
        if members.is_empty() {
            return Ok(Json::Skip);
        }
        members.extend(name.map(|name| (Cow::Borrowed("name"), Json::Text(name))));
        Ok(Json::Map(members))
    }
}

/// An object member's name, borrowed from the input unless it has escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl<'de> Visitor<'de> for Name {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
        }
        deserializer.deserialize_str(Name)
    }
}

fn is_cookie(name: &str) -> bool {
    name.eq_ignore_ascii_case("cookie") || name.eq_ignore_ascii_case("set-cookie")
}

/// A header value that is a credential alone: `<t>`, `Bearer <t>`, `DPoP <t>`, `JWT <t>`.
fn is_credential(value: &str) -> bool {
    let mut words = value.split_ascii_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(_), None, None) => true,
        (Some(scheme), Some(_), None) => {
            ["bearer", "dpop", "jwt", "token"].iter().any(|known| scheme.eq_ignore_ascii_case(known))
        }
        _ => false,
    }
}

/// `GET /path HTTP/1.1` or `HTTP/1.1 200 OK`.
fn is_start_line(line: &str) -> bool {
    let mut words = line.split(' ');
    line.starts_with("HTTP/")
        || matches!(
            (words.next(), words.next(), words.next(), words.next()),
            (Some(method), Some(_), Some(version), None)
                if !method.is_empty() && method.bytes().all(|c| c.is_ascii_uppercase()) && version.starts_with("HTTP/")
        )
}

/// `Name: value` with an HTTP header name. Names with `_` are left out (they are YAML or log keys
/// far more often than headers), and so is `https://…`.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let value = value.trim();
    let is_name = name.bytes().next()?.is_ascii_alphabetic()
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    (is_name && !value.starts_with("//")).then_some((name, value))
}

/// The `key` of a `key=<token>` at byte `start` of `s`, and whether it is in a URL's query or
/// fragment: the last `?` or `#` before it in the same word. Both searches are bounded, so that
/// many tokens in one huge word stay linear.
fn parameter(s: &str, start: usize) -> Option<(Option<&'static str>, &str)> {
    let b = s.as_bytes();
    let equals = start.checked_sub(1).filter(|&at| b[at] == b'=')?;
    let is_key = |c: &u8| c.is_ascii_alphanumeric() || b"_-.[]%".contains(c);
    let key_len = b[..equals].iter().rev().take(256).take_while(|c| is_key(c)).count();
    if key_len == 0 || key_len == 256 {
        return None;
    }
    let key_start = equals - key_len;
    let section = b[..key_start]
        .iter()
        .rev()
        .take(8192)
        .take_while(|c| !c.is_ascii_whitespace() && !b"\"'<>`".contains(c))
        .find_map(|c| match c {
            b'?' => Some("query"),
            b'#' => Some("fragment"),
            _ => None,
        });
    Some((section, &s[key_start..equals]))
}

/// The words of a shell command up to its first unquoted line break (`\` at the end of a line
/// continues it), and the text after it. POSIX quoting as "Copy as cURL" writes it: `'…'`, `"…"`,
/// `$'…'`, `\`. A command whose first line ends with `^` or has `^"` is for Windows cmd, where `^`
/// escapes (also the line break), `^"` quotes and `'` is an ordinary character.
fn shell_words(s: &str) -> (Vec<String>, &str) {
    let first_line = s.split('\n').next().unwrap_or_default().trim_end();
    let cmd = first_line.ends_with('^') || first_line.contains("^\"");
    let escape = if cmd { '^' } else { '\\' };
    let (mut words, mut word) = (Vec::new(), None::<String>);
    let mut quote = None;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match (quote, c) {
            (None, '\n') => {
                words.extend(word.take());
                return (words, &s[at + 1..]);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) if c == escape => match chars.next() {
                Some((_, '\r')) if chars.peek().is_some_and(|&(_, c)| c == '\n') => {
                    chars.next();
                }
                Some((_, '\n')) => {}
                Some((_, '"')) if cmd => quote = Some('"'),
                Some((_, next)) => word.get_or_insert_default().push(next),
                None => {}
            },
            (None, '\'') if !cmd => quote = Some('\''),
            (None, '$') if !cmd && chars.peek().is_some_and(|&(_, c)| c == '\'') => {
                chars.next();
                quote = Some('$');
            }
            (None, '"') => quote = Some('"'),
            (Some('\''), '\'') | (Some('$'), '\'') | (Some('"'), '"') => quote = None,
            (Some('"'), '^') if cmd => {}
            (Some('"' | '$'), '\\') => {
                let word = word.get_or_insert_default();
                match (quote, chars.next()) {
                    (Some('$'), Some((_, 'n'))) => word.push('\n'),
                    (Some('$'), Some((_, 't'))) => word.push('\t'),
                    (Some('$'), Some((_, 'r'))) => word.push('\r'),
                    (Some('$'), Some((_, next))) => word.push(next),
                    (_, Some((_, '\n'))) => {}
                    (_, Some((_, next @ ('"' | '\\' | '$' | '`')))) => word.push(next),
                    (_, Some((_, next))) => word.extend(['\\', next]),
                    (_, None) => {}
                }
            }
            _ => word.get_or_insert_default().push(c),
        }
        if quote.is_some() {
            word.get_or_insert_default();
        }
    }
    words.extend(word);
    (words, "")
}
