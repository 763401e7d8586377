//! The messages between the page and the crypto worker, sent as JSON text with `postMessage`
//! (serde_json is in both binaries already; a binary codec would add code to the page).

use serde::{Deserialize, Serialize};

use crate::jose::findings::Finding;
use crate::jose::jws::VerdictReport;
use crate::jose::keys::SecretEncoding;

/// Bumped when a message changes shape, so a page never trusts a worker of another build
/// (the worker's files have no content hash in their names).
pub const PROTOCOL_VERSION: u32 = 5;

/// The worker's file, relative to the page (Trunk's loader for the `crypto-worker` binary).
pub const WORKER_SCRIPT: &str = "./crypto-worker_loader.js";

/// What the page asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read the key box and verify the token with it.
    Check(CheckRequest),
    /// Sign the header and payload texts with the signing key box.
    Sign(SignRequest),
    /// Generate a key of one of the UI contract's `keygen-type` values.
    Generate { id: u64, key_type: String },
    /// Show a pasted key in every form (PEM, JWK, JWKS) with its thumbprint; answered as `Generated`.
    Convert { id: u64, key: String, encoding: SecretEncoding, password: String },
    /// Verify `iterations` times with the token and key parsed once, and say how long one took;
    /// with 0 iterations, only the verdict (the benchmark and `verifyStatus` use this).
    Bench { id: u64, token: String, key: String, encoding: SecretEncoding, iterations: u32 },
    /// Sign `iterations` times with the key parsed once; the status is "ok" or why it cannot.
    BenchSign { id: u64, header: String, payload: String, key: String, encoding: SecretEncoding, iterations: u32 },
    /// Generate `iterations` keys of a type.
    BenchGenerate { id: u64, key_type: String, iterations: u32 },
    /// Find the tokens in a pasted text that is more than a token (HTTP, curl, HAR, JSON, logs):
    /// scanning megabytes is done here, off the page's thread.
    Find { id: u64, text: String },
    /// Which identity provider issued a token, from its claims (JSON text): `jose::vendors`.
    Recognise { id: u64, claims: String },
    /// Whether an HS256/384/512 token was signed with the empty key or a secret of the bundled list
    /// (`assets/jwt-secrets.txt`): tried on sight, with no key typed.
    KnownSecret { id: u64, token: String },
    /// Craft the attack tokens (`jose::attacks`) from the encoder's header and payload.
    Attacks(AttacksRequest),
}

/// The attacks panel's inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttacksRequest {
    /// Increases with every request; the page drops answers to anything but the latest.
    pub generation: u64,
    /// The encoder's header and payload texts, as typed.
    pub header: String,
    pub payload: String,
    /// The target's public key (PEM, certificate, JWK or JWKS), for key confusion; empty: none made.
    pub public_key: String,
    /// A URL the tester controls, for `jku`; empty: none made.
    pub url: String,
    /// The fresh key that signs the embedded-JWK and `jku` tokens stays in the worker (one per key
    /// type) while this number stays the same: tokens do not change as the header is typed. The
    /// page increases it to ask for a new key.
    pub key_session: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// Increases with every request; the page drops answers to anything but the latest.
    pub generation: u64,
    pub token: String,
    pub key: String,
    pub encoding: SecretEncoding,
    /// For a JWE whose plaintext is a JWS (a nested JWT): the key that verifies the inner token.
    pub inner_key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignRequest {
    pub generation: u64,
    pub header: String,
    pub payload: String,
    /// The signing key; for a JWE header (one with `enc`), the recipient's key or the password.
    pub key: String,
    pub encoding: SecretEncoding,
    /// For an `ENCRYPTED PRIVATE KEY`.
    pub password: String,
    /// A nested JWT: when not empty, the payload is first signed with this header and key, and the
    /// JWS is what the JWE encrypts.
    pub inner_header: String,
    pub inner_key: String,
}

/// What signing gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SignOutcome {
    Token {
        token: String,
        key_used: String,
        warnings: Vec<String>,
        /// The RFC 7638 thumbprint of the key that signed (for a `kid`).
        thumbprint: String,
        /// Its public JWK, for the reader (empty for a secret, which verifies itself).
        public_jwk: String,
    },
    Error { message: String },
}

/// A generated key, as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum GenerateOutcome {
    Key {
        description: String,
        /// `(name, text)`: `private-pem`, `public-pem`, `private-jwk`, `public-jwk`, `jwks` (the PEM
        /// forms are absent for a secret).
        forms: Vec<(String, String)>,
        /// What signs (the private JWK; empty for a public key) and what verifies (the public JWK;
        /// the secret itself for `oct`).
        signing_key: String,
        verifying_key: String,
        /// The first JWS algorithm the key signs (empty for X25519, which signs none).
        alg: String,
    },
    Error { message: String },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// Sent once, unprompted, when the worker has loaded and listens.
    Ready { version: u32 },
    Checked { generation: u64, report: CheckReport },
    Signed { generation: u64, outcome: SignOutcome },
    Generated { id: u64, outcome: GenerateOutcome },
    Bench { id: u64, status: String, ms_per_op: Option<f64> },
    /// The tokens of a `Find`: `(token, where it was)`, in the order of the text.
    Found { id: u64, tokens: Vec<(String, String)> },
    /// The answer to `Recognise`: the vendor's id and the summary line (both empty for none).
    Recognised { id: u64, vendor: String, summary: String },
    /// The answer to `KnownSecret`: the `known-secret` or `empty-secret` finding and the secret
    /// (as text) when the token was signed with one; none and `None` otherwise.
    KnownSecret { id: u64, findings: Vec<Finding>, secret: Option<String> },
    /// The answer to `Attacks`. The page's `read::response` leaves it out (only the maker asks, and
    /// reads it with `read::attacks`: the reader's start-up wasm links no reader for it). Boxed: the
    /// reader still links the code that drops a `Response`, and a box of it is one call (measured:
    /// 208 bytes of the start-up gzip unboxed, 85 boxed).
    Attacks { generation: u64, report: Box<AttacksReport> },
    /// The request was not understood (a page and worker of different builds).
    BadRequest { message: String },
    /// Sent by the worker's panic hook just before it stops.
    Crashed { message: String },
}

/// One crafted attack token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttackToken {
    /// The UI contract's `data-attack`: `none`, `null-signature`, `empty-key`, `key-confusion`,
    /// `embedded-jwk`, `jku`, `kid-traversal`, `kid-sql`, `psychic`.
    pub attack: String,
    /// `data-variant`: a few words (`nOnE`, `HS384, PEM without final newline`, `ES256 DER`).
    pub variant: String,
    pub token: String,
    /// What it tests and which CVEs or libraries it caught (the same for every token of an attack).
    pub about: String,
}

/// What the attacks panel shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttacksReport {
    /// Why no token could be made at all (the header or the payload is not valid JSON).
    pub error: Option<String>,
    pub tokens: Vec<AttackToken>,
    /// `(attack, why it could not be made)`, e.g. a private key where the target's public key goes.
    pub errors: Vec<(String, String)>,
    /// The JWKS to host at the URL for `jku` (empty when no `jku` token was made).
    pub jwks: String,
    /// The fresh key of the embedded-JWK and `jku` tokens, in words (type and kid).
    pub fresh_key: String,
    /// Every attack, in the panel's order, with what it tests: `(attack, about)`, also for the
    /// attacks that wait for an input (key confusion, `jku`).
    pub attacks: Vec<(String, String)>,
}

/// Everything the page shows that needs the key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    pub key: KeySummary,
    /// `None` while the token does not decode.
    pub verdict: Option<VerdictReport>,
    /// The key findings (`weak-secret`, `alg-confusion`, `rsa-key-short`, `private-key-pasted`).
    pub findings: Vec<Finding>,
    /// How many known secrets the key box's HMAC secret was checked against (the worker's bundled
    /// list; a hit is a `known-secret` finding); 0 when the key holds no HMAC secret.
    pub known_secrets_listed: u32,
    /// The key box holds a key that can sign (a secret or a private key): "Edit" takes it along.
    pub can_sign: bool,
    /// For a JWE and a key: what decrypting gave.
    pub decryption: Option<DecryptReport>,
    /// For a token refused for an unknown `crit`: the signature's verdict with `crit` ignored, as
    /// libraries that never look at `crit` see it (the expected rules' `node-jsonwebtoken` and
    /// `rust-jsonwebtoken` presets).
    pub crit_free: Option<VerdictReport>,
}

/// A JWE decrypted (or why not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecryptReport {
    /// `ok` or `error`.
    pub status: String,
    pub reason: Option<String>,
    /// The plaintext, base64url (it may be any bytes).
    pub plaintext: String,
    pub key_used: Option<String>,
    /// For a nested JWT: the inner JWS verified with the request's `inner_key`.
    pub inner: Option<VerdictReport>,
}

/// What the key box was read as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum KeySummary {
    Empty,
    Single { description: String },
    Set { descriptions: Vec<String>, skipped: Vec<String> },
    Error { message: String },
}

impl Request {
    /// The request as the JSON text serde's derived `Serialize` writes, built from a
    /// `serde_json::Value` (for the page's wasm size, as in [`read`]; tests check they agree).
    pub fn to_json(&self) -> String {
        use serde_json::json;
        let value = match self {
            Request::Check(check) => return check.to_json(),
            Request::Sign(sign) => return sign.to_json(),
            Request::Generate { id, key_type } => json!({"Generate": {"id": id, "key_type": key_type}}),
            Request::Convert { id, key, encoding, password } => json!({"Convert": {
                "id": id, "key": key, "encoding": encoding_name(*encoding), "password": password,
            }}),
            Request::Bench { id, token, key, encoding, iterations } => json!({"Bench": {
                "id": id, "token": token, "key": key, "encoding": encoding_name(*encoding), "iterations": iterations,
            }}),
            Request::BenchSign { id, header, payload, key, encoding, iterations } => json!({"BenchSign": {
                "id": id, "header": header, "payload": payload, "key": key, "encoding": encoding_name(*encoding),
                "iterations": iterations,
            }}),
            Request::BenchGenerate { id, key_type, iterations } => {
                json!({"BenchGenerate": {"id": id, "key_type": key_type, "iterations": iterations}})
            }
            Request::Find { id, text } => return find_json(*id, text),
            Request::Recognise { id, claims } => return recognise_json(*id, claims),
            Request::KnownSecret { id, token } => return known_secret_json(*id, token),
            Request::Attacks(attacks) => return attacks.to_json(),
        };
        value.to_string()
    }
}

fn encoding_name(encoding: SecretEncoding) -> &'static str {
    match encoding {
        SecretEncoding::Utf8 => "Utf8",
        SecretEncoding::Base64 => "Base64",
        SecretEncoding::Hex => "Hex",
    }
}

/// `Request::Find` as JSON text, written from a reference (the text may be megabytes; and the
/// page, which sends only checks and finds, then links no writer for the other requests).
pub fn find_json(id: u64, text: &str) -> String {
    serde_json::json!({"Find": {"id": id, "text": text}}).to_string()
}

/// `Request::KnownSecret` as JSON text.
pub fn known_secret_json(id: u64, token: &str) -> String {
    serde_json::json!({"KnownSecret": {"id": id, "token": token}}).to_string()
}

/// `Request::Recognise` as JSON text.
pub fn recognise_json(id: u64, claims: &str) -> String {
    serde_json::json!({"Recognise": {"id": id, "claims": claims}}).to_string()
}

impl CheckRequest {
    /// `Request::Check` as JSON text, written from a reference: the token may be megabytes, and
    /// the page sends one on every keystroke while the key box is filled.
    pub fn to_json(&self) -> String {
        serde_json::json!({"Check": {
            "generation": self.generation, "token": self.token, "key": self.key, "encoding": encoding_name(self.encoding),
            "inner_key": self.inner_key,
        }})
        .to_string()
    }
}

impl SignRequest {
    /// `Request::Sign` as JSON text, written from a reference.
    pub fn to_json(&self) -> String {
        serde_json::json!({"Sign": {
            "generation": self.generation, "header": self.header, "payload": self.payload, "key": self.key,
            "encoding": encoding_name(self.encoding), "password": self.password,
            "inner_header": self.inner_header, "inner_key": self.inner_key,
        }})
        .to_string()
    }
}

impl AttacksRequest {
    /// `Request::Attacks` as JSON text (written only by the maker).
    pub fn to_json(&self) -> String {
        serde_json::json!({"Attacks": {
            "generation": self.generation, "header": self.header, "payload": self.payload,
            "public_key": self.public_key, "url": self.url, "key_session": self.key_session,
        }})
        .to_string()
    }
}

/// Reading a response on the page's side from its JSON value. The page's wasm must stay small
/// (it loads before the first view), and serde's derived `Deserialize` for these enums and structs
/// came to about 30 kB of wasm there, where `serde_json::Value` is already linked for the token;
/// tests check that this reads back exactly what the derived `Serialize` writes.
pub mod read {
    use serde_json::Value;

    use super::{AttackToken, AttacksReport, CheckReport, DecryptReport, GenerateOutcome, KeySummary, Response, SignOutcome};
    use crate::jose::findings::{Finding, Severity, CODES};
    use crate::jose::jws::VerdictReport;

    fn text(value: &Value, name: &str) -> Option<String> {
        value.get(name)?.as_str().map(str::to_string)
    }

    fn number(value: &Value, name: &str) -> Option<u64> {
        value.get(name)?.as_u64()
    }

    fn texts(value: &Value, name: &str) -> Option<Vec<String>> {
        value.get(name)?.as_array()?.iter().map(|item| item.as_str().map(str::to_string)).collect()
    }

    /// An externally tagged enum value: `"Unit"` or `{"Variant": {...}}`.
    fn variant(value: &Value) -> Option<(&str, &Value)> {
        match value {
            Value::String(name) => Some((name.as_str(), &Value::Null)),
            Value::Object(object) if object.len() == 1 => object.iter().next().map(|(name, body)| (name.as_str(), body)),
            _ => None,
        }
    }

    pub fn response(value: &Value) -> Option<Response> {
        let (name, body) = variant(value)?;
        Some(match name {
            "Ready" => Response::Ready { version: u32::try_from(number(body, "version")?).ok()? },
            "Checked" => Response::Checked { generation: number(body, "generation")?, report: report(body.get("report")?)? },
            "Signed" => Response::Signed { generation: number(body, "generation")?, outcome: sign_outcome(body.get("outcome")?)? },
            "Generated" => Response::Generated { id: number(body, "id")?, outcome: generate_outcome(body.get("outcome")?)? },
            "Bench" => Response::Bench {
                id: number(body, "id")?,
                status: text(body, "status")?,
                ms_per_op: body.get("ms_per_op")?.as_f64(),
            },
            "Found" => Response::Found {
                id: number(body, "id")?,
                tokens: body
                    .get("tokens")?
                    .as_array()?
                    .iter()
                    .map(|pair| Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string())))
                    .collect::<Option<Vec<_>>>()?,
            },
            "Recognised" => Response::Recognised { id: number(body, "id")?, vendor: text(body, "vendor")?, summary: text(body, "summary")? },
            "KnownSecret" => Response::KnownSecret {
                id: number(body, "id")?,
                findings: body.get("findings")?.as_array()?.iter().map(finding).collect::<Option<Vec<_>>>()?,
                secret: match body.get("secret")? {
                    Value::Null => None,
                    secret => Some(secret.as_str()?.to_string()),
                },
            },
            "BadRequest" => Response::BadRequest { message: text(body, "message")? },
            "Crashed" => Response::Crashed { message: text(body, "message")? },
            _ => return None,
        })
    }

    /// The body of a `Response::Attacks` (`{"generation": …, "report": …}`): read by the maker
    /// only, so it is not part of [`response`], which the reader links.
    pub fn attacks(body: &Value) -> Option<(u64, AttacksReport)> {
        let report = body.get("report")?;
        let pair = |pair: &Value| Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string()));
        let tokens = report
            .get("tokens")?
            .as_array()?
            .iter()
            .map(|token| {
                Some(AttackToken {
                    attack: text(token, "attack")?,
                    variant: text(token, "variant")?,
                    token: text(token, "token")?,
                    about: text(token, "about")?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let error = match report.get("error")? {
            Value::Null => None,
            error => Some(error.as_str()?.to_string()),
        };
        Some((
            number(body, "generation")?,
            AttacksReport {
                error,
                tokens,
                errors: report.get("errors")?.as_array()?.iter().map(pair).collect::<Option<Vec<_>>>()?,
                jwks: text(report, "jwks")?,
                fresh_key: text(report, "fresh_key")?,
                attacks: report.get("attacks")?.as_array()?.iter().map(pair).collect::<Option<Vec<_>>>()?,
            },
        ))
    }

    fn verdict(value: &Value) -> Option<Option<VerdictReport>> {
        Some(match value {
            Value::Null => None,
            verdict => Some(VerdictReport {
                status: text(verdict, "status")?,
                reason: text(verdict, "reason"),
                key_used: text(verdict, "key_used"),
                warnings: texts(verdict, "warnings")?,
            }),
        })
    }

    fn report(value: &Value) -> Option<CheckReport> {
        let checked = verdict(value.get("verdict")?)?;
        let decryption = match value.get("decryption")? {
            Value::Null => None,
            body => Some(DecryptReport {
                status: text(body, "status")?,
                reason: text(body, "reason"),
                plaintext: text(body, "plaintext")?,
                key_used: text(body, "key_used"),
                inner: verdict(body.get("inner")?)?,
            }),
        };
        let findings = value.get("findings")?.as_array()?.iter().map(finding).collect::<Option<Vec<_>>>()?;
        let known_secrets_listed = u32::try_from(number(value, "known_secrets_listed")?).ok()?;
        let crit_free = verdict(value.get("crit_free")?)?;
        Some(CheckReport { key: key_summary(value.get("key")?)?, verdict: checked, findings, known_secrets_listed, can_sign: value.get("can_sign")?.as_bool()?, decryption, crit_free })
    }

    fn key_summary(value: &Value) -> Option<KeySummary> {
        let (name, body) = variant(value)?;
        Some(match name {
            "Empty" => KeySummary::Empty,
            "Single" => KeySummary::Single { description: text(body, "description")? },
            "Set" => KeySummary::Set { descriptions: texts(body, "descriptions")?, skipped: texts(body, "skipped")? },
            "Error" => KeySummary::Error { message: text(body, "message")? },
            _ => return None,
        })
    }

    fn finding(value: &Value) -> Option<Finding> {
        let code = text(value, "code")?;
        let severity = match value.get("severity")?.as_str()? {
            "High" => Severity::High,
            "Medium" => Severity::Medium,
            "Low" => Severity::Low,
            _ => Severity::Info,
        };
        Some(Finding {
            code: CODES.iter().find(|known| **known == code).copied().unwrap_or("unknown"),
            severity,
            title: text(value, "title")?,
            advice: text(value, "advice")?,
        })
    }

    fn generate_outcome(value: &Value) -> Option<GenerateOutcome> {
        let (name, body) = variant(value)?;
        Some(match name {
            "Key" => GenerateOutcome::Key {
                description: text(body, "description")?,
                forms: body
                    .get("forms")?
                    .as_array()?
                    .iter()
                    .map(|pair| Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string())))
                    .collect::<Option<Vec<_>>>()?,
                signing_key: text(body, "signing_key")?,
                verifying_key: text(body, "verifying_key")?,
                alg: text(body, "alg")?,
            },
            "Error" => GenerateOutcome::Error { message: text(body, "message")? },
            _ => return None,
        })
    }

    fn sign_outcome(value: &Value) -> Option<SignOutcome> {
        let (name, body) = variant(value)?;
        Some(match name {
            "Token" => SignOutcome::Token {
                token: text(body, "token")?,
                key_used: text(body, "key_used")?,
                warnings: texts(body, "warnings")?,
                thumbprint: text(body, "thumbprint")?,
                public_jwk: text(body, "public_jwk")?,
            },
            "Error" => SignOutcome::Error { message: text(body, "message")? },
            _ => return None,
        })
    }
}
