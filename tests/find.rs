//! Finding tokens in pasted text (issue #15, `jose::find`): each source the page accepts (HTTP
//! messages, curl, URLs, JSON, HAR, logs) with two tokens or more, texts that hold no token, the
//! "just a token" test, a 5 MB HAR, and random text. Integration tests, so that they run without
//! the `crypto` feature: `cargo test --no-default-features --test find`.

use jwt_lens::jose::b64;
use jwt_lens::jose::find::{find_tokens, is_just_a_token, FoundToken};
use jwt_lens::jose::token::decode;

fn jws(claims: &str) -> String {
    let header = b64::encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    format!("{header}.{}.{}", b64::encode(claims.as_bytes()), b64::encode(b"an HMAC-SHA256 signature, 32 by"))
}

fn jwe() -> String {
    let header = b64::encode(br#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#);
    let parts = [&[1u8; 256][..], &[2; 12], b"the ciphertext", &[3; 16]].map(b64::encode);
    format!("{header}.{}", parts.join("."))
}

/// (token, place) pairs, checking that each start points at its token.
fn places(text: &str) -> Vec<(String, String)> {
    find_tokens(text)
        .into_iter()
        .map(|found| {
            assert!(text[found.start..].starts_with(&found.token), "{found:?}");
            (found.token, found.place)
        })
        .collect()
}

fn pairs_of(list: &[(&String, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(token, place)| (token.to_string(), place.to_string())).collect()
}

#[test]
fn http_request_headers_cookies_and_json_body() {
    let (a, b, c, d, e) = (jws(r#"{"sub":"a"}"#), jws(r#"{"sub":"b"}"#), jws(r#"{"sub":"c"}"#), jws(r#"{"sub":"d"}"#), jwe());
    let text = format!(
        "POST /api/orders HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer {a}\r\nDPoP: {b}\r\n\
         Cookie: theme=dark; id_token={c}\r\nX-Foo: {d}\r\nContent-Type: application/json\r\n\r\n\
         {{\"nested\":{{\"access_token\":\"{e}\"}}, \"again\": \"{a}\"}}"
    );
    assert_eq!(
        places(&text),
        pairs_of(&[
            (&a, "Authorization header"),
            (&b, "DPoP header"),
            (&c, "cookie id_token"),
            (&d, "X-Foo header"),
            (&e, "$.nested.access_token"),
        ])
    );
    assert!(!is_just_a_token(&text));
}

#[test]
fn http_response_set_cookie_and_json_paths() {
    let (a, b, c) = (jws(r#"{"n":1}"#), jws(r#"{"n":2}"#), jws(r#"{"n":3}"#));
    let text = format!(
        "HTTP/1.1 200 OK\nSet-Cookie: session={a}; Path=/; HttpOnly\nContent-Type: application/json\n\n\
         {{\"tokens\":[{{\"id_token\":\"x\"}},{{\"id_token\":\"{b}\"}}],\"weird key\":\"{c}\"}}"
    );
    assert_eq!(
        places(&text),
        pairs_of(&[(&a, "Set-Cookie session"), (&b, "$.tokens[1].id_token"), (&c, "$['weird key']")])
    );
}

#[test]
fn headers_alone_and_form_body() {
    let (a, b) = (jws(r#"{"n":1}"#), jws(r#"{"n":2}"#));
    let text = format!("authorization: bearer {a}\ncontent-type: application/x-www-form-urlencoded\n\ngrant_type=x&assertion={b}&scope=openid");
    assert_eq!(places(&text), pairs_of(&[(&a, "authorization header"), (&b, "form assertion")]));
}

#[test]
fn curl_headers_cookies_url_and_json_data() {
    let (a, b, c, d, e) = (jws(r#"{"n":1}"#), jws(r#"{"n":2}"#), jws(r#"{"n":3}"#), jws(r#"{"n":4}"#), jws(r#"{"n":5}"#));
    let text = format!(
        "curl 'https://api.example.com/v1/me?access_token={a}&x=1' \\\n  -H 'Authorization: Bearer {b}' \\\n  \
         --header \"X-Token: {c}\" \\\n  -b 'theme=dark; id_token={d}' \\\n  --data-raw $'{{\\n  \"refresh\": \"{e}\"\\n}}'\n"
    );
    assert_eq!(
        places(&text),
        pairs_of(&[
            (&a, "query access_token"),
            (&b, "Authorization header"),
            (&c, "X-Token header"),
            (&d, "cookie id_token"),
            (&e, "$.refresh"),
        ])
    );
}

#[test]
fn curl_form_data_get_and_windows_cmd() {
    let (a, b, c) = (jws(r#"{"n":1}"#), jws(r#"{"n":2}"#), jws(r#"{"n":3}"#));
    let form = format!("curl -X POST https://idp/token -d 'grant_type=jwt&assertion={a}' --cookie \"sid={b}\"");
    assert_eq!(places(&form), pairs_of(&[(&a, "form assertion"), (&b, "cookie sid")]));
    let get = format!("$ curl -G https://api/x --data-urlencode 'id_token={a}' --oauth2-bearer {c}");
    assert_eq!(places(&get), pairs_of(&[(&a, "query id_token"), (&c, "Authorization header")]));
    let cmd = format!("curl ^\"https://api/x?t={b}^\" ^\n  -H ^\"authorization: Bearer {c}^\" ^\n  --compressed");
    assert_eq!(places(&cmd), pairs_of(&[(&b, "query t"), (&c, "authorization header")]));
}

#[test]
fn urls_query_and_fragment() {
    let (a, b) = (jws(r#"{"n":1}"#), jwe());
    let text = format!("https://app.example.com/cb?state=s&id_token={a}&x=1\nhttps://app.example.com/cb?x=1#access_token={b}&token_type=Bearer");
    assert_eq!(places(&text), pairs_of(&[(&a, "query id_token"), (&b, "fragment access_token")]));
    let trailing = format!("https://a/cb#id_token={a}&");
    assert_eq!(places(&trailing), pairs_of(&[(&a, "fragment id_token")]));
    let trailing = format!("https://a/cb?id_token={a}#");
    assert_eq!(places(&trailing), pairs_of(&[(&a, "query id_token")]));
}

#[test]
fn json_documents_and_text_inside_strings() {
    let (a, b, c, d, e) = (jws(r#"{"n":1}"#), jws(r#"{"n":2}"#), jws(r#"{"n":3}"#), jws(r#"{"n":4}"#), jws(r#"{"n":5}"#));
    let inner = serde_json::to_string(&format!("{{\"id_token\": \"{d}\"}}")).unwrap();
    let text = format!(
        "{{\"access_token\":\"{a}\",\"tokens\":[{{\"id_token\":\"{b}\"}}],\"headers\":{{\"Authorization\":\"Bearer {c}\"}},\
         \"body\":{inner},\"redirect\":\"https://rp/cb#x=1&id_token={e}\"}}"
    );
    assert_eq!(
        places(&text),
        pairs_of(&[
            (&a, "$.access_token"),
            (&b, "$.tokens[0].id_token"),
            (&c, "$.headers.Authorization"),
            (&d, "$.id_token in $.body"),
            (&e, "fragment id_token in $.redirect"),
        ])
    );
    let array = format!("[\"{a}\", {{\"x-token\": \"{b}\"}}]");
    assert_eq!(places(&array), pairs_of(&[(&a, "$[0]"), (&b, "$[1]['x-token']")]));
}

/// A HAR file as browsers export it, with the same `entries` shape.
fn har(entries: &[String]) -> String {
    format!("{{\"log\":{{\"version\":\"1.2\",\"creator\":{{\"name\":\"test\"}},\"entries\":[{}]}}}}", entries.join(","))
}

fn har_entry(request: &str, response: &str) -> String {
    format!("{{\"startedDateTime\":\"2024-01-01T00:00:00Z\",\"request\":{{{request}}},\"response\":{{{response}}}}}")
}

#[test]
fn har_entries_give_human_places() {
    let t: Vec<String> = (1..=8).map(|n| jws(&format!("{{\"n\":{n}}}"))).collect();
    let body = serde_json::to_string(&format!("{{\"id_token\":\"{}\"}}", t[5])).unwrap();
    let entries = [
        har_entry(
            &format!("\"method\":\"GET\",\"url\":\"https://api/x?code=1&id_token={}\",\"headers\":[{{\"name\":\"Authorization\",\"value\":\"Bearer {}\"}}],\"cookies\":[{{\"name\":\"sid\",\"value\":\"{}\"}}],\"queryString\":[]", t[0], t[1], t[2]),
            "\"status\":200,\"headers\":[],\"content\":{\"text\":\"ok\"}",
        ),
        har_entry(
            &format!("\"method\":\"POST\",\"url\":\"https://idp/token\",\"headers\":[],\"postData\":{{\"mimeType\":\"application/x-www-form-urlencoded\",\"text\":\"grant_type=x&assertion={}\"}}", t[3]),
            &format!("\"status\":200,\"headers\":[{{\"name\":\"Set-Cookie\",\"value\":\"session={}; Path=/\"}}],\"content\":{{\"mimeType\":\"application/json\",\"text\":{body}}}", t[4]),
        ),
        har_entry("\"method\":\"GET\",\"url\":\"https://a/\"", &format!("\"status\":302,\"redirectURL\":\"https://rp/cb#access_token={}\",\"comment\":\"{}\"", t[6], t[7])),
    ];
    assert_eq!(
        places(&har(&entries)),
        pairs_of(&[
            (&t[0], "request query id_token (entry 1)"),
            (&t[1], "request Authorization header (entry 1)"),
            (&t[2], "request cookie sid (entry 1)"),
            (&t[3], "request body form assertion (entry 2)"),
            (&t[4], "response Set-Cookie session (entry 2)"),
            (&t[5], "response body $.id_token (entry 2)"),
            (&t[6], "response fragment access_token (entry 3)"),
            (&t[7], "$.log.entries[2].response.comment"),
        ])
    );
}

#[test]
fn log_lines_and_plain_text() {
    let (a, b) = (jws(r#"{"n":1}"#), jwe());
    let text = format!("2024-05-01T10:00:00Z INFO login ok\n2024-05-01T10:00:01Z DEBUG token={a}, user=bob\n\n2024-05-01T10:00:02Z WARN decrypting \"{b}\": failed");
    assert_eq!(places(&text), pairs_of(&[(&a, "line 2"), (&b, "line 4")]));
    let prose = format!("The token ({a}) was rejected; see '{b}'.");
    assert_eq!(places(&prose), pairs_of(&[(&a, "text"), (&b, "text")]));
    // A log line with a header in it is a line, not a header; a header line of a log is one.
    let log = format!("ERROR rejected Authorization: Bearer {a} from 10.0.0.1\nAuthorization: Bearer {b}");
    assert_eq!(places(&log), pairs_of(&[(&a, "line 1"), (&b, "Authorization header")]));
    let note = format!("Note: see {a}\nX-Id-Token: {b}\nlast line");
    assert_eq!(places(&note), pairs_of(&[(&a, "line 1"), (&b, "X-Id-Token header")]));
}

#[test]
fn wrapped_and_punctuated_tokens_are_found_whole() {
    let a = jws(r#"{"n":1}"#);
    let none = format!("{}.{}.", b64::encode(br#"{"alg":"none"}"#), b64::encode(br#"{"sub":"x"}"#));
    for (text, token) in [
        (format!("\"{a}\""), &a),
        (format!("'{a}'"), &a),
        (format!("Bearer {a}"), &a),
        (format!("({a})"), &a),
        (format!("{a},"), &a),
        (format!("{a};"), &a),
        (format!("see {a}.\n"), &a),
        (format!("x={a}\ny"), &a),
        (format!("token: {none}"), &none),
        (format!("{}.", jwe()), &jwe()),
    ] {
        let found = find_tokens(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(&found[0].token, token, "{text}");
    }
    // After `Bearer ` at the end of its line, a trailing '.' is the token's: the API got it.
    for text in [format!("> Authorization: Bearer {a}.\n>\n< HTTP/1.1 401"), format!("Authorization: bearer {a}.\r\n"), format!("Bearer {a}.")] {
        let found = find_tokens(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].token, format!("{a}."), "{text}");
        assert!(decode(&found[0].token).unwrap().malformed_as_pasted());
    }
    assert_eq!(find_tokens(&format!("Bearer {a}. Then")).first().map(|f| f.token.clone()), Some(a.clone()));
    // A JSON escape before a token is not part of it.
    let text = format!("{{\"log\":\"line one\\n{a}\\tend\"}}");
    assert_eq!(places(&text), pairs_of(&[(&a, "$.log")]));
}

#[test]
fn duplicates_keep_the_first_place_and_offset() {
    let a = jws(r#"{"n":1}"#);
    let text = format!("Authorization: Bearer {a}\nCookie: id_token={a}\n");
    let found = find_tokens(&text);
    assert_eq!(found, vec![FoundToken { token: a.clone(), place: "Authorization header".into(), start: 22 }]);
}

#[test]
fn non_tokens_are_not_found() {
    let not_json = format!("eyJub3QganNvbg.{}.c2ln", b64::encode(b"{}")); // header: `{"not json`
    assert!(b64::decode_lenient("eyJub3QganNvbg").unwrap().0.starts_with(b"{\"not"));
    let no_alg = format!("{}.{}.c2ln", b64::encode(br#"{"typ":"JWT"}"#), b64::encode(b"{}"));
    let jwe_no_enc = format!("{}.a2V5.aXZpdml2aXZp.Y2lwaGVy.dGFnIQ", b64::encode(br#"{"alg":"RSA-OAEP"}"#));
    let a = jws(r#"{"n":1}"#);
    let empty_payload = format!("{}..c2ln", b64::encode(br#"{"alg":"HS256"}"#));
    let unsigned_hs256 = format!("{}.e30.", b64::encode(br#"{"alg":"HS256"}"#));
    for text in [
        "aGVsbG8gd29ybGQ.dGhpcyBpcyBub3Q.YSB0b2tlbg".to_string(),
        "eyJhbGciOiJIUzI1NiJ9".to_string(),
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0".to_string(),
        "version 1.2.3, host a.b.c, www.example.com, archive.tar.gz, 10.0.0.1".to_string(),
        not_json,
        no_alg,
        jwe_no_enc,
        empty_payload,
        unsigned_hs256,
        format!("abc.{a}"),
        format!("{a}.more"),
        format!("{a}x.y"),
        r#"{"a":"eyJhbGciOiJIUzI1NiJ9","b":[1,2,{"c":"x.y.z"}],"d":"aGVsbG8.d29ybGQ.IQ"}"#.to_string(),
        String::new(),
    ] {
        assert_eq!(find_tokens(&text), vec![], "{text}");
    }
}

#[test]
fn just_a_token_or_more() {
    let a = jws(r#"{"n":1}"#);
    for text in [a.clone(), format!("  {a}\n"), format!("\"{a}\""), format!("Bearer {a}"), format!("Authorization: Bearer {a}"), jwe()] {
        assert!(is_just_a_token(&text), "{text}");
    }
    for text in [
        format!("{a} {a}"),
        format!("Cookie: id={a}"),
        format!("{{\"id_token\":\"{a}\"}}"),
        format!("token {a}"),
        format!("{a}."),
        "eyJhbGciOiJIUzI1NiJ9.x.y".to_string(),
        String::new(),
    ] {
        assert!(!is_just_a_token(&text), "{text}");
    }
}

/// A HAR-like document of about 5 MB: many strings, some base64 with dots or starting with
/// `eyJ`, and two tokens deep inside.
fn big_har() -> (String, String, String) {
    let (a, b) = (jws(r#"{"sub":"big-a"}"#), jwe());
    let filler = b64::encode(&[7u8; 600]);
    let mut entries = Vec::new();
    for n in 0..1800 {
        let auth = match n {
            1234 => format!("Bearer {a}"),
            _ => format!("Basic {}", b64::encode(format!("user{n}:pass").as_bytes())),
        };
        let text = match n {
            1700 => serde_json::to_string(&format!("{{\"access_token\":\"{b}\"}}")).unwrap(),
            _ => format!("\"{filler}.{filler}.eyJhbGciOiJIUzI1NiJ9.{n}\""),
        };
        entries.push(har_entry(
            &format!("\"method\":\"GET\",\"url\":\"https://h{n}.example.com/v1.2.3/a.b.c?x=eyJ{n}.{n}.{n}\",\"headers\":[{{\"name\":\"Authorization\",\"value\":\"{auth}\"}},{{\"name\":\"User-Agent\",\"value\":\"Mozilla/5.0 (X11) Gecko/20100101 Firefox/126.0\"}}]"),
            &format!("\"status\":200,\"headers\":[{{\"name\":\"ETag\",\"value\":\"{filler}\"}}],\"content\":{{\"size\":1,\"text\":{text}}}"),
        ));
    }
    (har(&entries), a, b)
}

#[test]
fn five_megabytes_of_har_with_two_tokens() {
    let (text, a, b) = big_har();
    assert!(text.len() > 5_000_000, "{}", text.len());
    assert_eq!(
        places(&text),
        pairs_of(&[(&a, "request Authorization header (entry 1235)"), (&b, "response body $.access_token (entry 1701)")])
    );
}

/// `cargo test --release --no-default-features --test find timing -- --ignored --nocapture`
#[test]
#[ignore]
fn timing() {
    let (text, _, _) = big_har();
    let log: String = text.replace("},{", "}\n{");
    let none = text.replace("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ", "x").replace("Bearer eyJ", "Bearer x");
    for (name, input) in [("HAR", &text), ("log lines", &log), ("no token", &none)] {
        let started = std::time::Instant::now();
        let found = find_tokens(input);
        println!("{name}: {} bytes, {} tokens, {:?}", input.len(), found.len(), started.elapsed());
    }
}

#[test]
fn every_http_header_place_has_the_name_as_written() {
    let (a, b) = (jws(r#"{"n":1}"#), jws(r#"{"n":2}"#));
    let text = format!("GET /x HTTP/2\nx-amzn-oidc-data: {a}\nX-Forwarded-Access-Token: {b}\n");
    assert_eq!(places(&text), pairs_of(&[(&a, "x-amzn-oidc-data header"), (&b, "X-Forwarded-Access-Token header")]));
}

proptest::proptest! {
    /// Random text made of token pieces and the punctuation around them never panics, and
    /// every token found is in the text at its offset and is a token.
    #[test]
    fn random_text_never_panics(pieces in proptest::collection::vec(proptest::sample::select(vec![
        "eyJ", "hbGciOiJIUzI1NiJ9", ".", "..", "eyJhbGciOiJub25lIn0", "e30", "=", "&", "?", "#", ";",
        ":", " ", "\n", "\r\n", "\"", "'", "\\", "\\n", "^", "$'", "{", "}", "[", "]", ",", "curl ",
        "-H ", "-d ", "Cookie: ", "Bearer ", "HTTP/1.1 200 OK\n", "é", "\u{2028}", "a", "_-", "0",
        "{\"log\":{\"entries\":[{\"request\":{\"headers\":[{\"name\":\"a\",\"value\":\"",
    ]), 0..60), token in proptest::bool::ANY) {
        let mut text: String = pieces.concat();
        if token {
            text.push_str(&jws("{}"));
        }
        let found = find_tokens(&text);
        for found in &found {
            proptest::prop_assert!(text[found.start..].starts_with(&found.token));
            // (A token kept with its trailing '.' after `Bearer ` is a token and that '.'.)
            let kept_dot = decode(&found.token).is_ok_and(|token| token.malformed_as_pasted());
            let token = if kept_dot { &found.token[..found.token.len() - 1] } else { found.token.as_str() };
            proptest::prop_assert!(is_just_a_token(token), "{:?}", found);
        }
        let _ = is_just_a_token(&text);
    }

    /// Arbitrary text (any Unicode) never panics either.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*") {
        for found in find_tokens(&text) {
            proptest::prop_assert!(text[found.start..].starts_with(&found.token));
        }
        let _ = is_just_a_token(&text);
    }
}
