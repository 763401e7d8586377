//! Identity providers' own claims: which vendor issued a token (recognised from `iss` and the token's
//! shape, in code, so the page can name it before any data arrives) and what that vendor's claims
//! mean (data, `assets/vendor-claims.json`, one table per vendor naming the vendor document it comes
//! from, fetched after the first view like `page-texts.json`).
//!
//! A vendor's meanings apply only to a token recognised as that vendor's: `describe` takes the vendor
//! id that [`recognise`] returned.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// The vendor dictionaries of `assets/vendor-claims.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VendorClaims {
    vendors: Vec<Vendor>,
}

#[derive(Debug, Clone, PartialEq)]
struct Vendor {
    id: String,
    name: String,
    source: String,
    claims: HashMap<String, String>,
    /// Descriptions of every claim whose name starts with the prefix (Auth0's URL-namespaced claims,
    /// Cognito's `custom:` attributes).
    prefixes: Vec<(String, String)>,
    time_claims: Vec<String>,
}

impl VendorClaims {
    /// Reads the file; `None` if it is not the expected JSON.
    pub fn from_json(text: &str) -> Option<VendorClaims> {
        let value: Value = serde_json::from_str(text).ok()?;
        let text_of = |value: &Value, name: &str| value.get(name)?.as_str().map(str::to_string);
        let pairs = |value: Option<&Value>| -> Option<Vec<(String, String)>> {
            match value {
                None => Some(Vec::new()),
                Some(table) => table.as_object()?.iter().map(|(key, text)| Some((key.clone(), text.as_str()?.to_string()))).collect(),
            }
        };
        let vendors = value.get("vendors")?.as_array()?.iter().map(|vendor| {
            Some(Vendor {
                id: text_of(vendor, "id")?,
                name: text_of(vendor, "name")?,
                source: text_of(vendor, "source")?,
                claims: pairs(Some(vendor.get("claims")?))?.into_iter().collect(),
                prefixes: pairs(vendor.get("prefixes"))?,
                time_claims: match vendor.get("time_claims") {
                    None => Vec::new(),
                    Some(names) => names.as_array()?.iter().map(|name| name.as_str().map(str::to_string)).collect::<Option<_>>()?,
                },
            })
        });
        Some(VendorClaims { vendors: vendors.collect::<Option<_>>()? })
    }

    fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|vendor| vendor.id == id)
    }

    /// The vendor's display name, e.g. "Microsoft Entra ID".
    pub fn name(&self, vendor: &str) -> Option<&str> {
        self.vendor(vendor).map(|vendor| vendor.name.as_str())
    }

    /// The vendor document the meanings come from.
    pub fn source(&self, vendor: &str) -> Option<&str> {
        self.vendor(vendor).map(|vendor| vendor.source.as_str())
    }

    /// What `claim` means in a token of `vendor` (an id from [`recognise`]), or `None`.
    pub fn describe(&self, vendor: &str, claim: &str) -> Option<&str> {
        let vendor = self.vendor(vendor)?;
        if let Some(text) = vendor.claims.get(claim) {
            return Some(text);
        }
        vendor.prefixes.iter().find(|(prefix, _)| claim.len() > prefix.len() && claim.starts_with(prefix.as_str())).map(|(_, text)| text.as_str())
    }

    /// Whether `claim` holds a time (NumericDate) in tokens of `vendor`, beyond the registered ones.
    pub fn is_time_claim(&self, vendor: &str, claim: &str) -> bool {
        self.vendor(vendor).is_some_and(|vendor| vendor.time_claims.iter().any(|name| name == claim))
    }
}

/// The dictionaries as the page's build ships them (native code and tests read the same file).
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled() -> VendorClaims {
    VendorClaims::from_json(include_str!("../../assets/vendor-claims.json")).unwrap_or_default()
}

/// A token recognised as an identity provider's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// The vendor's id in `vendor-claims.json`: entra, google, cognito, keycloak, auth0, okta,
    /// firebase, apple or salesforce.
    pub vendor: &'static str,
    /// One line for the summary, e.g. "Microsoft Entra ID v2.0 access token, tenant 72f988bf-…".
    pub summary: String,
}

const FIREBASE_CUSTOM_TOKEN_AUDIENCE: &str = "https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit";
const MICROSOFT_ACCOUNT_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// Which identity provider issued the token, from its payload's `iss` and shape; `None` for any other.
pub fn recognise(claims: &Map<String, Value>) -> Option<Recognised> {
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let has = |name: &str| claims.contains_key(name);
    let found = |vendor: &'static str, summary: String| Some(Recognised { vendor, summary });

    if text("aud") == Some(FIREBASE_CUSTOM_TOKEN_AUDIENCE) {
        return found("firebase", "Firebase custom token".to_string());
    }
    let iss = text("iss")?;
    if iss == "accounts.google.com" {
        return found("google", google_summary(text("hd")));
    }
    let (https, rest) = match (strip_prefix_ascii(iss, "https://"), strip_prefix_ascii(iss, "http://")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        _ => return None,
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let segments: Vec<&str> = path.split('/').filter(|segment| !segment.is_empty()).collect();

    // Keycloak runs anywhere, often on plain http in development: `…/realms/{realm}` and its `typ`.
    if let [.., "realms", realm] = segments[..] {
        if has("typ") || has("realm_access") || has("resource_access") {
            let kind = match text("typ") {
                Some(typ) if typ.eq_ignore_ascii_case("Bearer") => "access token",
                Some("ID") => "ID token",
                Some("Refresh") => "refresh token",
                Some("Offline") => "offline token",
                Some("Logout") => "logout token",
                _ => "token",
            };
            return found("keycloak", format!("Keycloak {kind}, realm {realm}"));
        }
    }
    if !https {
        return None;
    }
    let host = host.as_str();
    let label = host.split('.').next().unwrap_or(host);

    // Microsoft Entra ID: v1.0 tokens come from sts.windows.net, v2.0 from login.microsoftonline.com/{tenant}/v2.0.
    let version = match (host, &segments[..]) {
        ("sts.windows.net" | "sts.chinacloudapi.cn", [_]) => Some("1.0"),
        ("login.microsoftonline.com" | "login.microsoftonline.us" | "login.chinacloudapi.cn", [_, "v2.0"]) => Some("2.0"),
        _ => None,
    };
    if let Some(version) = version {
        let tenant = text("tid").unwrap_or(segments[0]);
        let access = has("scp") || has("idtyp") || has("appid") || has("azp") || has("appidacr") || has("azpacr");
        let kind = match (access, text("idtyp")) {
            (true, Some("app")) => "app-only access token",
            (true, _) => "access token",
            (false, _) => "ID token",
        };
        let personal = if tenant == MICROSOFT_ACCOUNT_TENANT { " (personal Microsoft accounts)" } else { "" };
        return found("entra", format!("Microsoft Entra ID v{version} {kind}, tenant {tenant}{personal}"));
    }

    if (host.starts_with("cognito-idp.") || host.starts_with("issuer.cognito-idp.")) && host.ends_with(".amazonaws.com") {
        if let [pool] = segments[..] {
            let kind = match text("token_use") {
                Some("id") => "ID token",
                Some("access") => "access token",
                _ => "token",
            };
            return found("cognito", format!("AWS Cognito {kind}, user pool {pool}"));
        }
    }

    if segments.is_empty() {
        match host {
            "accounts.google.com" => return found("google", google_summary(text("hd"))),
            "appleid.apple.com" => return found("apple", "Sign in with Apple identity token".to_string()),
            "login.salesforce.com" | "test.salesforce.com" => return found("salesforce", salesforce_summary(claims, host == "test.salesforce.com", None)),
            _ if host.ends_with(".my.salesforce.com") => return found("salesforce", salesforce_summary(claims, false, Some(label))),
            _ => {}
        }
    }

    if let [project] = segments[..] {
        match host {
            "securetoken.google.com" => return found("firebase", format!("Firebase ID token, project {project}")),
            "session.firebase.google.com" => return found("firebase", format!("Firebase session cookie, project {project}")),
            _ => {}
        }
    }

    // Auth0: https://{tenant}.auth0.com/ or https://{tenant}.{region}.auth0.com/; on a custom domain,
    // Auth0's user ids (auth0|…) or a client-credentials token's {client}@clients subject.
    let auth0_kind = || if has("scope") || has("gty") || has("permissions") || has("client_id") { "access token" } else { "ID token" };
    if segments.is_empty() && host.ends_with(".auth0.com") {
        let labels: Vec<&str> = host.split('.').collect();
        let region = if labels.len() == 4 { format!(" ({})", labels[1]) } else { String::new() };
        return found("auth0", format!("Auth0 {}, tenant {label}{region}", auth0_kind()));
    }
    let sub = text("sub").unwrap_or("");
    if segments.is_empty() && (sub.starts_with("auth0|") || sub.starts_with("google-oauth2|") || (has("gty") && sub.ends_with("@clients"))) {
        return found("auth0", format!("Auth0 {}, custom domain {host}", auth0_kind()));
    }

    // Okta: https://{org}.okta.com (the org authorization server) or …/oauth2/{server}; on a custom
    // domain, Okta's AT./ID. token ids with its cid or idp and ver claims.
    let okta_server = match segments[..] {
        [] => Some("org authorization server".to_string()),
        ["oauth2", server] => Some(format!("authorization server {server}")),
        _ => None,
    };
    if let Some(server) = okta_server {
        let okta_host = [".okta.com", ".oktapreview.com", ".okta-emea.com", ".okta-gov.com"].iter().any(|suffix| host.ends_with(suffix));
        let jti = text("jti").unwrap_or("");
        let okta_shape = (jti.starts_with("AT.") && has("cid")) || (jti.starts_with("ID.") && has("idp") && has("ver"));
        if okta_host || okta_shape {
            let kind = if has("cid") || has("uid") || has("scp") { "access token" } else { "ID token" };
            let org = if okta_host { format!("org {label}") } else { format!("custom domain {host}") };
            return found("okta", format!("Okta {kind}, {org}, {server}"));
        }
    }
    None
}

/// Microsoft Graph's application id: the `aud` of a v1 access token for Graph.
pub const MICROSOFT_GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// Whether the token is an access token for Microsoft Graph (`aud` its app id or URL).
pub fn is_graph_token(claims: &Map<String, Value>) -> bool {
    let graph = |aud: &str| aud == MICROSOFT_GRAPH_APP_ID || aud.trim_end_matches('/').eq_ignore_ascii_case("https://graph.microsoft.com");
    match claims.get("aud") {
        Some(Value::String(aud)) => graph(aud),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(graph),
        _ => false,
    }
}

/// What to know about a Microsoft Graph access token: only Graph validates it. With a header
/// `nonce`, Entra ID signed the header with the nonce replaced by its SHA-256 hash, which Graph
/// recomputes; as written, the signature verifies nowhere else, even with the right key.
pub fn graph_note(header: &Map<String, Value>, claims: &Map<String, Value>) -> Option<String> {
    if !is_graph_token(claims) {
        return None;
    }
    let mut note = String::from("A Microsoft Graph access token (aud ");
    note.push_str(claims.get("aud").and_then(Value::as_str).unwrap_or(MICROSOFT_GRAPH_APP_ID));
    note.push_str("): only Microsoft Graph validates it, and your API should not accept it; ask Entra ID for a token whose audience is your API (a scope of your API, such as api://{your API's app id}/.default).");
    if header.contains_key("nonce") {
        note.push_str(" Its header has a nonce: Entra ID signed the header with that nonce replaced by its SHA-256 hash, which only Graph recomputes, so the signature does not verify as written, with the right key, here or in any JWT library.");
    }
    Some(note)
}

/// An Entra ID issuer: its version form (1 = `https://sts.windows.net/{tenant}/`, 2 =
/// `https://login.microsoftonline.com/{tenant}/v2.0`) and tenant.
fn entra_issuer(iss: &str) -> Option<(u8, &str)> {
    let rest = strip_prefix_ascii(iss, "https://")?;
    let (host, path) = rest.split_once('/')?;
    let segments: Vec<&str> = path.split('/').collect();
    let host = host.to_ascii_lowercase();
    match (host.as_str(), &segments[..]) {
        ("sts.windows.net" | "sts.chinacloudapi.cn", [tenant] | [tenant, ""]) if safe_segment(tenant) => Some((1, tenant)),
        ("login.microsoftonline.com" | "login.microsoftonline.us" | "login.chinacloudapi.cn", [tenant, "v2.0"] | [tenant, "v2.0", ""]) if safe_segment(tenant) => Some((2, tenant)),
        _ => None,
    }
}

/// When the token's issuer and the expected one are the same Entra ID tenant in the other version
/// form (v1 `https://sts.windows.net/{tenant}/`, v2 `https://login.microsoftonline.com/{tenant}/v2.0`),
/// what that means and what to change.
pub fn entra_issuer_forms(token_iss: &str, expected: &str) -> Option<String> {
    let (token_version, token_tenant) = entra_issuer(token_iss.trim())?;
    let (expected_version, expected_tenant) = entra_issuer(expected.trim())?;
    if token_version == expected_version || !token_tenant.eq_ignore_ascii_case(expected_tenant) {
        return None;
    }
    let change = if expected_version == 2 {
        "set accessTokenAcceptedVersion to 2 in the manifest of your API's app registration (api.requestedAccessTokenVersion in Microsoft Graph)"
    } else {
        "set accessTokenAcceptedVersion to 1 (or null) in the manifest of your API's app registration (api.requestedAccessTokenVersion in Microsoft Graph)"
    };
    Some(format!(
        "Same Entra ID tenant, other issuer form: the token has the v{token_version} issuer form and your API expects the v{expected_version} form. An access token's form follows the version your API's app registration asks for: {change}, or accept both issuers."
    ))
}

/// Where the token's identity provider publishes its OpenID configuration and signing keys, for
/// the providers whose addresses follow from `iss` (Entra ID, Google, Cognito, Okta, Keycloak,
/// Auth0): `(label, URL)`, https only, built from an issuer whose host and path segments are plain
/// (letters, digits, `.-_~`): any other issuer gives none.
pub fn key_locations(claims: &Map<String, Value>) -> Vec<(&'static str, String)> {
    const DISCOVERY: &str = "OpenID configuration";
    const KEYS: &str = "Signing keys (JWKS)";
    let Some(recognised) = recognise(claims) else { return Vec::new() };
    let Some(iss) = claims.get("iss").and_then(Value::as_str) else { return Vec::new() };
    if recognised.vendor == "google" {
        return vec![
            (DISCOVERY, "https://accounts.google.com/.well-known/openid-configuration".into()),
            (KEYS, "https://www.googleapis.com/oauth2/v3/certs".into()),
        ];
    }
    let Some((host, segments)) = plain_https(iss) else { return Vec::new() };
    let base = |segments: &[&str]| segments.iter().fold(format!("https://{host}"), |url, segment| format!("{url}/{segment}"));
    let both = |discovery: String, keys: String| vec![(DISCOVERY, discovery), (KEYS, keys)];
    match (recognised.vendor, host.as_str(), &segments[..]) {
        ("entra", "sts.windows.net" | "sts.chinacloudapi.cn", [tenant]) => {
            let login = if host == "sts.windows.net" { "login.microsoftonline.com" } else { "login.chinacloudapi.cn" };
            both(format!("https://{login}/{tenant}/.well-known/openid-configuration"), format!("https://{login}/{tenant}/discovery/keys"))
        }
        ("entra", _, [tenant, "v2.0"]) => both(
            format!("https://{host}/{tenant}/v2.0/.well-known/openid-configuration"),
            format!("https://{host}/{tenant}/discovery/v2.0/keys"),
        ),
        ("cognito", _, [_]) => both(format!("{}/.well-known/openid-configuration", base(&segments)), format!("{}/.well-known/jwks.json", base(&segments))),
        ("okta", _, []) => both(format!("https://{host}/.well-known/openid-configuration"), format!("https://{host}/oauth2/v1/keys")),
        ("okta", _, ["oauth2", _]) => both(format!("{}/.well-known/openid-configuration", base(&segments)), format!("{}/v1/keys", base(&segments))),
        ("keycloak", _, [.., "realms", _]) => {
            both(format!("{}/.well-known/openid-configuration", base(&segments)), format!("{}/protocol/openid-connect/certs", base(&segments)))
        }
        ("auth0", _, []) => both(format!("https://{host}/.well-known/openid-configuration"), format!("https://{host}/.well-known/jwks.json")),
        _ => Vec::new(),
    }
}

/// An `https://` issuer with a plain host (letters, digits, `.-`, an optional port) and plain path
/// segments (one trailing `/` allowed): its lowercased host and its segments.
fn plain_https(iss: &str) -> Option<(String, Vec<&str>)> {
    let rest = strip_prefix_ascii(iss, "https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (name, port) = host.split_once(':').map_or((host, None), |(name, port)| (name, Some(port)));
    let name_ok = !name.is_empty()
        && name.len() <= 253
        && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-'))
        && !name.starts_with(['.', '-'])
        && name.contains('.');
    let port_ok = port.is_none_or(|port| !port.is_empty() && port.len() <= 5 && port.bytes().all(|byte| byte.is_ascii_digit()));
    if !name_ok || !port_ok {
        return None;
    }
    let path = path.strip_suffix('/').unwrap_or(path);
    let segments: Vec<&str> = if path.is_empty() { Vec::new() } else { path.split('/').collect() };
    segments.iter().all(|segment| safe_segment(segment)).then(|| (host.to_ascii_lowercase(), segments))
}

/// A path segment of unreserved characters only (RFC 3986 §2.3), not `.` or `..`.
fn safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= 128
        && segment != "."
        && segment != ".."
        && segment.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_' | b'~'))
}

fn google_summary(hosted_domain: Option<&str>) -> String {
    match hosted_domain {
        Some(domain) => format!("Google ID token, hosted domain {domain}"),
        None => "Google ID token".to_string(),
    }
}

fn salesforce_summary(claims: &Map<String, Value>, sandbox: bool, my_domain: Option<&str>) -> String {
    let kind = if claims.contains_key("scp") || claims.contains_key("client_id") { "access token" } else { "ID token" };
    let sandbox = if sandbox { "sandbox " } else { "" };
    match my_domain {
        Some(domain) => format!("Salesforce {sandbox}{kind}, My Domain {domain}"),
        None => format!("Salesforce {sandbox}{kind}"),
    }
}

fn strip_prefix_ascii<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::registry;
    use std::collections::HashSet;

    const TEXT: &str = include_str!("../../assets/vendor-claims.json");

    fn payload(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn the_file_has_no_duplicate_names() {
        // serde_json keeps the last of two equal names: count the entry lines instead.
        let vendors = bundled();
        assert_eq!(vendors.vendors.len(), 9);
        let entries: usize = vendors.vendors.iter().map(|vendor| vendor.claims.len() + vendor.prefixes.len()).sum();
        let lines = TEXT.lines().filter(|line| line.starts_with("    \"")).count();
        assert_eq!(entries, lines);
        let ids: HashSet<&str> = vendors.vendors.iter().map(|vendor| vendor.id.as_str()).collect();
        assert_eq!(ids.len(), vendors.vendors.len());
        for vendor in &vendors.vendors {
            let times: HashSet<&String> = vendor.time_claims.iter().collect();
            assert_eq!(times.len(), vendor.time_claims.len(), "{}", vendor.id);
        }
    }

    #[test]
    fn every_vendor_names_its_source_and_every_description_its_vendor() {
        for vendor in &bundled().vendors {
            assert!(vendor.source.starts_with("https://") && vendor.source.len() > "https://".len(), "{}", vendor.id);
            assert!(!vendor.claims.is_empty(), "{}", vendor.id);
            for (claim, text) in vendor.claims.iter().chain(vendor.prefixes.iter().map(|(prefix, text)| (prefix, text))) {
                assert!(text.starts_with(&vendor.name), "{}: {claim}", vendor.id);
                assert!(text.chars().count() <= 160, "{}: {claim} is {} characters", vendor.id, text.chars().count());
                assert!(!text.ends_with('.'), "{}: {claim}", vendor.id);
            }
            for claim in &vendor.time_claims {
                assert!(vendor.claims.contains_key(claim), "{}: time claim {claim} is not described", vendor.id);
            }
        }
    }

    #[test]
    fn describe_and_time_claims() {
        let vendors = bundled();
        assert!(vendors.describe("entra", "wids").unwrap().starts_with("Microsoft Entra ID: "));
        assert!(vendors.describe("cognito", "cognito:groups").is_some());
        assert!(vendors.describe("cognito", "custom:plan").unwrap().contains("custom user pool attribute"));
        assert!(vendors.describe("cognito", "custom:").is_none());
        let namespaced = vendors.describe("auth0", "https://example.com/roles").unwrap();
        assert_eq!(namespaced, "Auth0: a custom claim, namespaced with a URL as Auth0 requires for custom claims");
        assert!(vendors.describe("auth0", "http://example.com/plan").is_some());
        // Vendor meanings stay with their vendor.
        assert_eq!(vendors.describe("okta", "https://example.com/roles"), None);
        assert_eq!(vendors.describe("okta", "wids"), None);
        assert_eq!(vendors.describe("nobody", "sub"), None);
        assert!(vendors.is_time_claim("entra", "xms_tcdt"));
        assert!(!vendors.is_time_claim("okta", "xms_tcdt"));
        assert!(!vendors.is_time_claim("entra", "wids"));
        assert_eq!(vendors.name("entra"), Some("Microsoft Entra ID"));
        assert!(vendors.source("keycloak").unwrap().starts_with("https://www.keycloak.org/"));
        assert_eq!(VendorClaims::from_json("{}"), None);
        assert_eq!(VendorClaims::from_json(r#"{"vendors": [{"id": "x", "name": "X", "source": "https://x"}]}"#), None);
    }

    /// Each fixture is {"summary", "vendor", "payload"}: a payload in the vendor's documented shape.
    #[test]
    fn vendor_samples_are_recognised_and_fully_described() {
        let registered = registry::bundled();
        let vendors = bundled();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vendors");
        let mut seen = HashSet::new();
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|ext| ext.to_str()) != Some("json") {
                continue;
            }
            files += 1;
            let name = path.display().to_string();
            let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let claims = payload(fixture["payload"].clone());
            let recognised = recognise(&claims).unwrap_or_else(|| panic!("{name} is not recognised"));
            assert_eq!(recognised.vendor, fixture["vendor"].as_str().unwrap(), "{name}");
            assert_eq!(recognised.summary, fixture["summary"].as_str().unwrap(), "{name}");
            seen.insert(recognised.vendor);
            let undescribed: Vec<&String> = claims.keys().filter(|claim| registered.claim(claim).is_none() && vendors.describe(recognised.vendor, claim).is_none()).collect();
            assert!(undescribed.is_empty(), "{name}: {undescribed:?}");
        }
        assert!(files >= 16, "{files} fixtures");
        for vendor in &vendors.vendors {
            assert!(seen.contains(vendor.id.as_str()), "no sample for {}", vendor.id);
        }
    }

    #[test]
    fn the_entra_samples_need_the_vendor_table() {
        let registered = registry::bundled();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vendors");
        let fixture: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("entra-v2-access.json")).unwrap()).unwrap();
        let claims = payload(fixture["payload"].clone());
        assert!(claims.len() >= 38, "{}", claims.len());
        let custom = claims.keys().filter(|claim| registered.claim(claim).is_none()).count();
        assert!(custom >= 15, "{custom}");
    }

    #[test]
    fn other_issuers_are_not_recognised() {
        let plain = payload(serde_json::json!({"iss": "https://example.com", "sub": "42", "scp": "read", "wids": ["x"], "typ": "Bearer"}));
        assert_eq!(recognise(&plain), None);
        for iss in [
            "https://example.com/realms",
            "https://login.microsoftonline.com/common",
            "https://evil.example/sts.windows.net/tenant/",
            "http://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
            "https://accounts.google.com.evil.example",
            "https://auth0.com.evil.example/",
            "https://cognito-idp.eu-west-1.amazonaws.com/",
            "https://securetoken.google.com/",
            "https://example.okta.com/oauth2/default/v1",
            "not a url",
        ] {
            let claims = payload(serde_json::json!({"iss": iss, "sub": "42"}));
            assert_eq!(recognise(&claims), None, "{iss}");
        }
        assert_eq!(recognise(&payload(serde_json::json!({"iss": 42}))), None);
        assert_eq!(recognise(&Map::new()), None);
        // Keycloak's path alone is not enough: it needs Keycloak's shape.
        assert_eq!(recognise(&payload(serde_json::json!({"iss": "https://id.example.com/realms/demo"}))), None);
        // A custom domain is Auth0's or Okta's only with their shapes.
        assert_eq!(recognise(&payload(serde_json::json!({"iss": "https://login.example.com/", "sub": "user|1"}))), None);
        assert_eq!(recognise(&payload(serde_json::json!({"iss": "https://login.example.com/oauth2/default", "jti": "AT.1"}))), None);
    }

    #[test]
    fn summaries_of_other_shapes() {
        let summary = |value: Value| recognise(&payload(value)).map(|recognised| recognised.summary);
        assert_eq!(
            summary(serde_json::json!({"iss": "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0", "ver": "2.0", "nonce": "n"})).unwrap(),
            "Microsoft Entra ID v2.0 ID token, tenant 9188040d-6c67-4c5b-b112-36a304b66dad (personal Microsoft accounts)"
        );
        assert_eq!(
            summary(serde_json::json!({"iss": "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/", "appid": "a", "idtyp": "app", "roles": ["x"]})).unwrap(),
            "Microsoft Entra ID v1.0 app-only access token, tenant 72f988bf-86f1-41af-91ab-2d7cd011db47"
        );
        assert_eq!(summary(serde_json::json!({"iss": "accounts.google.com", "hd": "example.com"})).unwrap(), "Google ID token, hosted domain example.com");
        assert_eq!(summary(serde_json::json!({"iss": "http://localhost:8080/realms/demo", "typ": "Refresh"})).unwrap(), "Keycloak refresh token, realm demo");
        assert_eq!(summary(serde_json::json!({"iss": "https://sso.example.com/auth/realms/staff", "typ": "ID"})).unwrap(), "Keycloak ID token, realm staff");
        assert_eq!(summary(serde_json::json!({"iss": "https://dev-abc.eu.auth0.com/", "nonce": "n"})).unwrap(), "Auth0 ID token, tenant dev-abc (eu)");
        assert_eq!(summary(serde_json::json!({"iss": "https://login.example.com/", "sub": "auth0|1", "scope": "read"})).unwrap(), "Auth0 access token, custom domain login.example.com");
        assert_eq!(
            summary(serde_json::json!({"iss": "https://id.example.com/oauth2/default", "jti": "AT.x", "cid": "c", "ver": 1})).unwrap(),
            "Okta access token, custom domain id.example.com, authorization server default"
        );
        assert_eq!(summary(serde_json::json!({"iss": "https://dev-1.okta.com", "ver": 1, "idp": "00o"})).unwrap(), "Okta ID token, org dev-1, org authorization server");
        assert_eq!(summary(serde_json::json!({"iss": "https://session.firebase.google.com/my-app"})).unwrap(), "Firebase session cookie, project my-app");
        assert_eq!(
            summary(serde_json::json!({"iss": "svc@my-app.iam.gserviceaccount.com", "aud": FIREBASE_CUSTOM_TOKEN_AUDIENCE, "uid": "u"})).unwrap(),
            "Firebase custom token"
        );
        assert_eq!(summary(serde_json::json!({"iss": "https://test.salesforce.com"})).unwrap(), "Salesforce sandbox ID token");
        assert_eq!(summary(serde_json::json!({"iss": "https://acme.my.salesforce.com", "scp": ["api"]})).unwrap(), "Salesforce access token, My Domain acme");
        assert_eq!(summary(serde_json::json!({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ex", "token_use": "refresh"})).unwrap(), "AWS Cognito token, user pool us-east-1_Ex");
    }

    fn links(value: Value) -> Vec<(&'static str, String)> {
        key_locations(&payload(value))
    }

    #[test]
    fn key_locations_per_provider() {
        let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        let pair = |discovery: &str, keys: &str| vec![("OpenID configuration", discovery.to_string()), ("Signing keys (JWKS)", keys.to_string())];
        assert_eq!(
            links(serde_json::json!({"iss": format!("https://login.microsoftonline.com/{tid}/v2.0"), "scp": "read"})),
            pair(
                &format!("https://login.microsoftonline.com/{tid}/v2.0/.well-known/openid-configuration"),
                &format!("https://login.microsoftonline.com/{tid}/discovery/v2.0/keys")
            )
        );
        assert_eq!(
            links(serde_json::json!({"iss": format!("https://sts.windows.net/{tid}/"), "appid": "a"})),
            pair(&format!("https://login.microsoftonline.com/{tid}/.well-known/openid-configuration"), &format!("https://login.microsoftonline.com/{tid}/discovery/keys"))
        );
        let google = pair("https://accounts.google.com/.well-known/openid-configuration", "https://www.googleapis.com/oauth2/v3/certs");
        assert_eq!(links(serde_json::json!({"iss": "https://accounts.google.com", "sub": "1"})), google);
        assert_eq!(links(serde_json::json!({"iss": "accounts.google.com", "sub": "1"})), google);
        assert_eq!(
            links(serde_json::json!({"iss": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123", "token_use": "access"})),
            pair(
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/openid-configuration",
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"
            )
        );
        assert_eq!(
            links(serde_json::json!({"iss": "https://dev-1.okta.com/oauth2/default", "cid": "c", "ver": 1})),
            pair("https://dev-1.okta.com/oauth2/default/.well-known/openid-configuration", "https://dev-1.okta.com/oauth2/default/v1/keys")
        );
        assert_eq!(
            links(serde_json::json!({"iss": "https://dev-1.okta.com", "ver": 1, "idp": "00o"})),
            pair("https://dev-1.okta.com/.well-known/openid-configuration", "https://dev-1.okta.com/oauth2/v1/keys")
        );
        assert_eq!(
            links(serde_json::json!({"iss": "https://sso.example.com:8443/auth/realms/staff", "typ": "Bearer"})),
            pair(
                "https://sso.example.com:8443/auth/realms/staff/.well-known/openid-configuration",
                "https://sso.example.com:8443/auth/realms/staff/protocol/openid-connect/certs"
            )
        );
        assert_eq!(
            links(serde_json::json!({"iss": "https://dev-abc.eu.auth0.com/", "nonce": "n"})),
            pair("https://dev-abc.eu.auth0.com/.well-known/openid-configuration", "https://dev-abc.eu.auth0.com/.well-known/jwks.json")
        );
    }

    #[test]
    fn key_locations_only_from_plain_https_issuers() {
        // Plain http (Keycloak in development), unrecognised issuers and odd characters: no links.
        assert!(links(serde_json::json!({"iss": "http://localhost:8080/realms/demo", "typ": "Bearer"})).is_empty());
        assert!(links(serde_json::json!({"iss": "https://example.com", "sub": "1"})).is_empty());
        assert!(links(serde_json::json!({"iss": "https://firebase.example", "aud": FIREBASE_CUSTOM_TOKEN_AUDIENCE})).is_empty());
        for iss in [
            "https://id.example.com/realms/a\"onmouseover=\"x",
            "https://id.example.com/realms/a b",
            "https://id.example.com/realms/%2e%2e",
            "https://id.example.com/realms/..",
            "https://id.example.com/x/../realms/demo",
            "https://id.example.com/realms/demo?x=1",
            "https://id.example.com/realms/demo#x",
            "https://user@id.example.com/realms/demo",
            "https://id.example.com:80x/realms/demo",
            "https://id.example.com//realms/demo",
            "https://-id.example.com/realms/demo",
            "https://id.example.com/realms/<script>",
            "javascript:alert(1)//realms/demo",
        ] {
            assert!(links(serde_json::json!({"iss": iss, "typ": "Bearer"})).is_empty(), "{iss}");
        }
        for (url, _) in links(serde_json::json!({"iss": "https://dev-abc.auth0.com/", "sub": "auth0|1"})).iter().map(|(label, url)| (url, label)) {
            assert!(url.starts_with("https://dev-abc.auth0.com/.well-known/"), "{url}");
        }
        // Every URL of the vendor samples is https and plain.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vendors");
        let mut with_links = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(fixture) = serde_json::from_str::<Value>(&std::fs::read_to_string(&path).unwrap()) else { continue };
            let Some(claims) = fixture["payload"].as_object() else { continue };
            let found = key_locations(claims);
            with_links += usize::from(!found.is_empty());
            for (_, url) in found {
                assert!(url.starts_with("https://") && url.bytes().all(|b| b.is_ascii_alphanumeric() || b"/:.-_~".contains(&b)), "{url}");
            }
        }
        assert!(with_links >= 8, "{with_links} samples with links");
    }

    #[test]
    fn graph_tokens_are_explained() {
        let header = payload(serde_json::json!({"alg": "RS256", "nonce": "abc", "kid": "k"}));
        let graph = payload(serde_json::json!({"aud": MICROSOFT_GRAPH_APP_ID, "iss": "https://sts.windows.net/t/"}));
        let note = graph_note(&header, &graph).unwrap();
        assert!(note.contains("only Microsoft Graph validates it") && note.contains("SHA-256 hash"), "{note}");
        let without_nonce = graph_note(&Map::new(), &payload(serde_json::json!({"aud": "https://graph.microsoft.com/"}))).unwrap();
        assert!(!without_nonce.contains("SHA-256"), "{without_nonce}");
        assert!(is_graph_token(&payload(serde_json::json!({"aud": ["https://graph.microsoft.com"]}))));
        assert_eq!(graph_note(&header, &payload(serde_json::json!({"aud": "api://mine"}))), None);
    }

    #[test]
    fn entra_issuer_forms_are_named() {
        let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        let v1 = format!("https://sts.windows.net/{tid}/");
        let v2 = format!("https://login.microsoftonline.com/{tid}/v2.0");
        let note = entra_issuer_forms(&v1, &v2).unwrap();
        assert!(note.contains("the token has the v1 issuer form and your API expects the v2 form"), "{note}");
        assert!(note.contains("accessTokenAcceptedVersion to 2") && note.contains("requestedAccessTokenVersion"), "{note}");
        let back = entra_issuer_forms(&v2, &v1).unwrap();
        assert!(back.contains("the token has the v2 issuer form and your API expects the v1 form"), "{back}");
        assert_eq!(entra_issuer_forms(&v1, &v1), None);
        assert_eq!(entra_issuer_forms(&v1, "https://login.microsoftonline.com/another-tenant/v2.0"), None);
        assert_eq!(entra_issuer_forms(&v1, "https://issuer.example"), None);
        assert_eq!(entra_issuer_forms("https://sts.windows.net/a b/", &v2), None);
    }
}
