//! The reader's state: the input signals and the memos derived from them (text in → decoded token
//! → verdicts), shared with the panels by context. Panels import this module; it imports no panel.

use leptos::prelude::*;

use std::sync::Arc;

use crate::ui::shared::browser;
use crate::ui::shared::crypto::{Answer, CryptoWorker, WorkerState};
use crate::jose::findings::{clock_findings, known_secret_findings, token_findings, Clock, Finding, SecretList, DEFAULT_MAX_LIFETIME};
use crate::jose::jws::{quick_hmac, verdict_without_key, VerdictReport};
use crate::jose::keys::SecretEncoding;
use crate::jose::registry::PageTexts;
use crate::jose::vendors::VendorClaims;
use crate::jose::time::{evaluate, TimeEvaluation};
use crate::jose::find::FoundToken;
use crate::jose::token::{decode, open_jwe, DecodedToken, TokenKind};
use crate::jose::JoseError;

/// Everything the panels read. Signals hold what the user typed; memos hold what follows from it.
#[derive(Clone, Copy)]
pub struct Lens {
    /// The token box as typed: a token, or any text with tokens in it (a request, a HAR file...).
    pub token_text: RwSignal<String>,
    /// Which of `found` is shown.
    pub selected_found: RwSignal<usize>,
    /// The evaluation moment as typed (`eval-time`; empty: now).
    pub eval_text: RwSignal<String>,

    pub key_text: RwSignal<String>,
    pub secret_encoding: RwSignal<SecretEncoding>,
    /// Tolerated clock skew in seconds.
    pub leeway: RwSignal<f64>,
    /// Unix seconds, ticking once a second for countdowns and relative times.
    pub now: RwSignal<f64>,
    /// For a nested JWT (a JWE holding a JWS): the key that verifies the inner token.
    pub inner_key_text: RwSignal<String>,
    /// The token as decoded; a JWE that the worker decrypted has its plaintext as payload (and a
    /// nested JWS as `inner`).
    pub decoded: Memo<Result<DecodedToken, JoseError>>,
    /// The token kind and its header and payload segments as written; `None` while the token does
    /// not decode. Views of the header and payload track this instead of `decoded`, so typing in
    /// the signature does not rebuild them.
    pub decoded_parts: Memo<Option<(TokenKind, String, String, bool)>>,
    /// Key parsing, verification and key findings, in the crypto worker.
    pub crypto: CryptoWorker,
    /// `None` while the token does not decode.
    pub verification: Memo<Option<VerifyView>>,
    /// `None` unless the payload is a claims set.
    pub time: Memo<Option<TimeEvaluation>>,
    /// Lifetimes above this many hours are flagged.
    pub max_lifetime_hours: RwSignal<f64>,
    /// The key text loaded with an example token, while it is unchanged: typing or pasting another
    /// token then clears it, instead of judging the user's token with the example's key.
    pub example_key: RwSignal<Option<String>>,
    /// The claim under the pointer or focus ("payload:exp"), highlighted in the table and the JSON.
    pub hovered_claim: RwSignal<Option<String>>,
    /// The bundled list of known secrets, fetched from the app's own files when first needed.
    pub secret_list: RwSignal<SecretListState>,
    /// Registry descriptions and findings' advice, fetched after the first view (`None` until then).
    pub texts: RwSignal<Option<Arc<PageTexts>>>,
    /// The identity providers' claim dictionaries (`assets/vendor-claims.json`), fetched likewise.
    pub vendor_claims: RwSignal<Option<Arc<VendorClaims>>>,

    pub findings: Memo<Vec<Finding>>,
    /// `token NUL key` for which the browser's WebCrypto verified an HS* signature before the
    /// crypto worker answered (`jws::quick_hmac`): the opening example's verdict does not wait for
    /// the worker's download. "" for none.
    pub quick_verified: RwSignal<String>,
    /// The maker module has started (it then takes the rules panel's input).
    pub maker_ready: RwSignal<bool>,
    /// The rules panel's verdict, `status NUL summary NUL part NUL claim` ("" until it answers):
    /// `validation-status`, the card's words, and the header parameter or claim that fails.
    pub validation: RwSignal<String>,
}

/// A JWE's decryption as shown: `status` is `decrypt-status`'s `none`, `pending`, `ok` or `error`.
#[derive(Clone, Debug, PartialEq)]
pub struct DecryptView {
    pub status: &'static str,
    pub reason: Option<String>,
    pub key_used: Option<String>,
    /// For a nested JWT: the inner token's verdict (`None` until the worker answers).
    pub inner: Option<VerdictReport>,
}

/// The verdict shown, and whether it is still being worked out.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyView {
    pub report: VerdictReport,
    /// The worker has not answered for these inputs yet: `data-status` is `pending`, and the
    /// previous verdict stays on screen until the answer takes longer than a frame.
    pub pending: bool,
}

impl VerifyView {
    fn settled(report: VerdictReport) -> VerifyView {
        VerifyView { report, pending: false }
    }

    fn checking() -> VerifyView {
        let report = VerdictReport { status: "pending".into(), reason: None, key_used: None, warnings: Vec::new() };
        VerifyView { report, pending: true }
    }

    /// What the key box says once the crypto worker is gone.
    fn worker_failed(message: &str) -> VerifyView {
        VerifyView::settled(VerdictReport {
            status: "error".into(),
            reason: Some(format!("cannot verify: {message}. Decoding still works; use Retry to load the crypto worker again.")),
            key_used: None,
            warnings: Vec::new(),
        })
    }
}

#[derive(Clone, Debug)]
pub enum SecretListState {
    NotLoaded,
    Loading,
    Loaded(Arc<SecretList>),
    Failed(String),
}

/// The worker's list of the tokens in the box, while it is for the text as it is.
fn found_in(crypto: CryptoWorker, token_text: RwSignal<String>) -> Option<Arc<Vec<FoundToken>>> {
    let (text, found) = crypto.found.get()?;
    (!found.is_empty() && token_text.with(|current| *current == *text)).then_some(found)
}

fn moment_of(eval_text: RwSignal<String>, now: RwSignal<f64>) -> f64 {
    eval_text
        .with(|text| browser::parse_date(text.trim()))
        .unwrap_or_else(|| now.get())
}

/// Tokens up to this size are verified by WebCrypto before the worker answers (typical tokens are
/// a few kB; the verdict of a huge one comes from the worker).
const QUICK_HMAC_MAX_BYTES: usize = 64 * 1024;

/// The list is a static asset beside index.html; loading it is a request to our own origin only.
const SECRET_LIST_URL: &str = "jwt-secrets.txt";
/// Likewise: the registry descriptions and findings' advice (`assets/page-texts.json`).
pub const PAGE_TEXTS_URL: &str = "page-texts.json";
/// And the identity providers' claims (`assets/vendor-claims.json`).
pub const VENDOR_CLAIMS_URL: &str = "vendor-claims.json";

pub fn use_lens() -> Lens {
    expect_context::<Lens>()
}

impl Lens {
    pub fn new() -> Lens {
        // A token pasted in the HTML shell before the app started, or a shared link (#token=...),
        // opens with its token and an empty key box; otherwise the first
        // example shows every panel at work.
        let (initial_token, initial_key) = match browser::take_shell().or_else(browser::token_from_fragment) {
            Some(token) => (token, String::new()),
            None => {
                let example = browser::opening_example();
                (example.token, example.key)
            }
        };
        let example_key = RwSignal::new((!initial_key.is_empty()).then(|| initial_key.clone()));
        let token_text = RwSignal::new(initial_token);
        let crypto = CryptoWorker::new();
        let found = move || found_in(crypto, token_text);
        let selected_found = RwSignal::new(0usize);
        // The text that is decoded and checked: the chosen token found in the box, or the box.
        let with_token = move |f: &mut dyn FnMut(&str) -> bool| -> bool {
            match found() {
                Some(found) => f(found.get(selected_found.get()).or(found.first()).map_or("", |token| token.token.as_str())),
                None => token_text.with(|text| f(text)),
            }
        };
        let eval_text = RwSignal::new(String::new());
        let key_text = RwSignal::new(initial_key);
        let secret_encoding = RwSignal::new(SecretEncoding::Utf8);
        let leeway = RwSignal::new(0.0);
        let now = RwSignal::new(browser::now_seconds());
        // Plain functions, not memos: each memo of a new type adds code to the start-up download
        // (five of them came to 0.6 kB gzip, measured).
        let moment = move || moment_of(eval_text, now);
        let inner_key_text = RwSignal::new(String::new());
        // The worker's answer when it is for the token and key as they are now (the inner key of a
        // nested JWT only changes the inner verdict, so typing there keeps the decrypted view).
        let current_answer = move || {
            let encoding = secret_encoding.get();
            crypto.answer.get().filter(|answer| key_text.with(|key| with_token(&mut |token| answer.is_for(token, key, encoding))))
        };
        let plaintext = move || {
            let answer = current_answer()?;
            let decryption = answer.report.decryption.as_ref()?;
            (decryption.status == "ok").then(|| crate::jose::b64::decode_lenient(&decryption.plaintext).ok().map(|(bytes, _)| bytes)).flatten()
        };
        let decoded = Memo::new(move |_| {
            let mut decoded = Err(JoseError::EmptyToken);
            with_token(&mut |text| {
                decoded = decode(text);
                true
            });
            if let Ok(token) = decoded.as_mut() {
                if token.kind == TokenKind::Jwe {
                    if let Some(plaintext) = plaintext() {
                        open_jwe(token, plaintext);
                    }
                }
            }
            decoded
        });
        let decoded_parts = Memo::new(move |_| {
            decoded.with(|token| {
                let token = token.as_ref().ok()?;
                let segment = |i: usize| token.segments.get(i).map(|s| s.text.clone()).unwrap_or_default();
                Some((token.kind, segment(0), segment(1), !matches!(token.payload, crate::jose::token::Payload::Encrypted)))
            })
        });
        let quick_verified = RwSignal::new(String::new());
        let verification = Memo::new(move |previous: Option<&Option<VerifyView>>| {
            let encoding = secret_encoding.get();
            let state = crypto.state.get();
            decoded.with(|token| {
                let token = token.as_ref().ok()?;
                key_text.with(|key| {
                    if key.trim().is_empty() || token.kind == TokenKind::Jwe {
                        return Some(VerifyView::settled(VerdictReport::from(&verdict_without_key(token))));
                    }
                    if let WorkerState::Failed(message) = &state {
                        return Some(VerifyView::worker_failed(message));
                    }
                    let answered = crypto.answer.with(|answer| {
                        let answer = answer.as_ref().filter(|a| with_token(&mut |text| a.is_for(text, key, encoding)))?;
                        answer.report.verdict.clone()
                    });
                    if let Some(report) = answered {
                        return Some(VerifyView::settled(report));
                    }
                    let quick = quick_verified.with(|verified| {
                        let (verified_token, verified_key) = verified.split_once('\0')?;
                        (verified_key == key && encoding == SecretEncoding::Utf8 && verified_token == token.compact)
                            .then(|| quick_hmac(token, key, true).map(|job| job.valid_report))
                            .flatten()
                    });
                    if let Some(report) = quick {
                        return Some(VerifyView::settled(report));
                    }
                    let previous = previous.cloned().flatten().filter(|view| view.report.status != "pending");
                    match previous {
                        Some(view) if !crypto.slow.get() => Some(VerifyView { pending: true, ..view }),
                        _ => Some(VerifyView::checking()),
                    }
                })
            })
        });
        let time = Memo::new(move |_| {
            let (now, leeway) = (moment(), leeway.get());
            decoded.with(|token| token.as_ref().ok()?.claims().map(|claims| evaluate(claims, now, leeway)))
        });
        let max_lifetime_hours = RwSignal::new(DEFAULT_MAX_LIFETIME / 3600.0);
        let hovered_claim = RwSignal::new(None);
        let secret_list = RwSignal::new(SecretListState::NotLoaded);
        // Token and key findings do not change with the clock: only the window findings are
        // recomputed every second.
        let token_findings = Memo::new(move |_| {
            decoded.with(|token| token.as_ref().map(token_findings).unwrap_or_default())
        });
        // The key's findings come from the worker's answer for the key box as it is (the token's
        // findings do not wait for it).
        let key_findings = Memo::new(move |_| {
            let encoding = secret_encoding.get();
            let answer = crypto.answer.get();
            let answer = key_text.with(|key| answer.filter(|answer| !key.trim().is_empty() && answer.is_for_key(key, encoding)));
            let Some(answer) = answer else { return Vec::new() };
            let mut findings = answer.report.findings.clone();
            secret_list.with(|list| {
                if let SecretListState::Loaded(list) = list {
                    findings.extend(known_secret_findings(&answer.report.hmac_secrets, list));
                }
            });
            findings
        });
        let clock_findings = Memo::new(move |_| {
            let (now, leeway, max_lifetime) = (moment(), leeway.get(), max_lifetime_hours.get() * 3600.0);
            time.with(|time| {
                time.as_ref()
                    .map(|time| clock_findings(&Clock { time, now, leeway, max_lifetime }))
                    .unwrap_or_default()
            })
        });
        // An HS* token tried on sight against the known secrets (in the worker): its finding,
        // unless the key box already says the same.
        let known_findings = move || {
            let current = decoded.with(|token| token.as_ref().ok().map(|token| token.compact.clone()))?;
            crypto.known.with(|known| known.as_ref().filter(|known| known.token == current).map(|known| known.findings.clone()))
        };
        let findings = Memo::new(move |_| {
            let mut all = token_findings.get();
            all.extend(key_findings.get());
            for finding in known_findings().unwrap_or_default() {
                if !all.iter().any(|other| other.code == finding.code) {
                    all.push(finding);
                }
            }
            all.extend(clock_findings.get());
            crate::ui::shared::widgets::sort_short(&mut all, |finding| finding.severity);
            all
        });
        Lens {
            token_text,
            selected_found,
            eval_text,
            key_text,
            secret_encoding,
            leeway,
            now,
            inner_key_text,
            decoded,
            decoded_parts,
            crypto,
            verification,
            time,
            max_lifetime_hours,
            example_key,
            hovered_claim,
            secret_list,
            texts: RwSignal::new(None),
            vendor_claims: RwSignal::new(None),
            findings,
            quick_verified,
            maker_ready: RwSignal::new(false),
            validation: RwSignal::new(String::new()),
        }
    }

    /// Makes the running effect or memo re-run when the header or payload text changes. It reads
    /// the memo rather than only tracking it: a memo is lazy, and one never read never follows
    /// its sources.
    pub fn track_decoded_parts(self) {
        self.decoded_parts.with(|_| ());
    }

    /// A token typed or pasted by the user (not an example): the example's key no longer applies.
    pub fn set_user_token(self, text: String) {
        // Editing the example (the classic demo: change a character, see the signature fail)
        // keeps its key; another token, or clearing the box, takes it away.
        let edited = self.token_text.with_untracked(|before| {
            let header = |token: &str| token.trim().split('.').next().unwrap_or_default().len();
            !text.trim().is_empty() && text.len().abs_diff(before.len()) <= 4 && header(&text) == header(before)
        });
        if let Some(example_key) = self.example_key.get_untracked().filter(|_| !edited) {
            if self.key_text.with_untracked(|key| *key == example_key) {
                self.key_text.set(String::new());
                self.secret_encoding.set(SecretEncoding::Utf8);
            }
            self.example_key.set(None);
        }
        self.selected_found.set(0);
        self.token_text.set(text);
    }

    /// The tokens found in the token box when it holds more than a token (`None` otherwise).
    pub fn found(self) -> Option<Arc<Vec<FoundToken>>> {
        found_in(self.crypto, self.token_text)
    }

    /// For a JWE: what decrypting it with the key box gave (`None` for a JWS). Not a memo: read
    /// by the decryption panel and the status card, and a memo of a new type adds code to the
    /// start-up download.
    pub fn decryption(self) -> Option<DecryptView> {
        let is_jwe = self.decoded.with(|token| token.as_ref().is_ok_and(|token| token.kind == TokenKind::Jwe));
        if !is_jwe {
            return None;
        }
        let view = |status, reason, key_used, inner| Some(DecryptView { status, reason, key_used, inner });
        if self.key_text.with(|key| key.trim().is_empty()) {
            return view("none", None, None, None);
        }
        if let WorkerState::Failed(message) = self.crypto.state.get() {
            return view("error", Some(format!("cannot decrypt: {message}. Use Retry to load the crypto worker again.")), None, None);
        }
        let Some(answer) = self.current_answer(&self.token()) else { return view("pending", None, None, None) };
        let Some(report) = answer.report.decryption.clone() else { return view("pending", None, None, None) };
        let inner_current = self.inner_key_text.with(|inner| answer.request.inner_key == *inner);
        let pending = VerdictReport { status: "pending".into(), reason: None, key_used: None, warnings: Vec::new() };
        let inner = report.inner.map(|inner| if inner_current { inner } else { pending });
        view(if report.status == "ok" { "ok" } else { "error" }, report.reason, report.key_used, inner)
    }

    /// The worker's answer when it is for `token` and the key box as they are now.
    pub fn current_answer(self, token: &str) -> Option<Answer> {
        let encoding = self.secret_encoding.get();
        self.crypto.answer.get().filter(|answer| self.key_text.with(|key| answer.is_for(token, key, encoding)))
    }

    /// The rules panel's verdict: `(status, summary, part, claim)`, or `None` before it answers
    /// or while it has nothing to say (`none`).
    pub fn validation(self) -> Option<(String, String, String, String)> {
        self.validation.with(|text| {
            let mut fields = text.split('\0').map(str::to_string);
            let status = fields.next().filter(|status| !status.is_empty() && status != "none")?;
            Some((status, fields.next().unwrap_or_default(), fields.next().unwrap_or_default(), fields.next().unwrap_or_default()))
        })
    }

    /// The moment time claims are evaluated at: `eval_text` when it is a date, else now.
    pub fn moment(self) -> f64 {
        moment_of(self.eval_text, self.now)
    }

    /// The identity provider whose token this is, `(vendor id, summary)`: recognised from `iss`
    /// and the claims' shape in the crypto worker (`jose::vendors`).
    pub fn vendor(self) -> Option<(String, String)> {
        self.crypto.recognised.get()
    }

    /// Asks the worker which identity provider issued the token, whenever its claims change.
    pub fn recognise_in_the_worker(self) {
        Effect::new(move |_| {
            self.track_decoded_parts();
            let claims = self.decoded.with_untracked(|token| {
                let claims = token.as_ref().ok()?.claims()?;
                (claims.contains_key("iss") || claims.contains_key("aud")).then(|| serde_json::to_string(claims).ok()).flatten()
            });
            match claims {
                Some(claims) => self.crypto.recognise(&claims),
                None => self.crypto.recognised.set(None),
            }
        });
    }

    /// The text decoded and checked: the chosen token found in the token box, or the whole box.
    pub fn token(self) -> String {
        match self.found() {
            Some(found) => found.get(self.selected_found.get()).or(found.first()).map(|token| token.token.clone()).unwrap_or_default(),
            None => self.token_text.get(),
        }
    }

    /// Loads an example token with the key that verifies it.
    pub fn load_example(self, token: String, key: String) {
        self.selected_found.set(0);
        self.token_text.set(token);
        self.key_text.set(key.clone());
        self.secret_encoding.set(SecretEncoding::Utf8);
        self.example_key.set(Some(key));
    }

    /// Text that is more than a token (a JSON document, or text that does not decode as a token: a
    /// request, a curl command, a URL, a log) is searched for tokens in the crypto worker:
    /// megabytes of HAR are scanned off this thread.
    pub fn find_tokens_in_the_worker(self) {
        Effect::new(move |_| {
            let search = self.token_text.with(|text| {
                let trimmed = text.trim();
                // Until the worker answers for this text, `decoded` is the box read as one token.
                let decodes = self.decoded.with_untracked(Result::is_ok);
                let more_than_a_token = !trimmed.is_empty() && (trimmed.starts_with(['{', '[']) || !decodes);
                more_than_a_token.then(|| (text.clone(), decodes))
            });
            if let Some((text, decodes)) = search {
                self.crypto.find(text, decodes);
            }
        });
    }

    /// Sends the token and key box to the crypto worker whenever either changes and the key box is
    /// not empty (with no key there is nothing to ask: the page says "no key" itself).
    pub fn check_in_the_worker(self) {
        Effect::new(move |_| {
            let encoding = self.secret_encoding.get();
            let key = self.key_text.get();
            let inner_key = self.inner_key_text.get();
            let token = self.token();
            if !key.trim().is_empty() {
                self.crypto.check(token, key, encoding, inner_key);
            }
        });
    }

    /// Hands a plain HS* token with a UTF-8 secret to the browser's WebCrypto as soon as both are
    /// there (`jws::quick_hmac`), so its verdict does not wait for the crypto worker to load; the
    /// worker's answer, with its findings, replaces it when it comes.
    pub fn verify_hmac_with_webcrypto(self) {
        Effect::new(move |_| {
            // Once the worker is there it answers within a frame: typing does not ask twice.
            if self.crypto.state.get() == WorkerState::Ready {
                return;
            }
            let utf8 = self.secret_encoding.get() == SecretEncoding::Utf8;
            let key = self.key_text.get();
            let job = self.decoded.with(|token| {
                let token = token.as_ref().ok().filter(|token| token.compact.len() <= QUICK_HMAC_MAX_BYTES)?;
                Some((quick_hmac(token, &key, utf8)?, token.signing_input().to_string(), token.compact.clone()))
            });
            let Some((job, input, token)) = job else { return };
            leptos::task::spawn_local(async move {
                if browser::webcrypto_hmac_verify(job.hash, &job.secret, input.as_bytes(), &job.signature).await == Some(true) {
                    self.quick_verified.set(format!("{token}\0{key}"));
                }
            });
        });
    }

    /// Tries every HS256/384/512 token read against the empty key and the bundled known secrets,
    /// in the crypto worker, with no key typed: a hit is the `known-secret` (or `empty-secret`)
    /// finding, naming the secret.
    pub fn try_known_secrets(self) {
        Effect::new(move |_| {
            let token = self.decoded.with(|token| {
                let token = token.as_ref().ok().filter(|token| token.kind == TokenKind::Jws && token.json.is_none())?;
                token.alg().is_some_and(|alg| matches!(alg, "HS256" | "HS384" | "HS512")).then(|| token.compact.clone())
            });
            if let Some(token) = token {
                self.crypto.known_secret(token);
            }
        });
    }

    /// Fetches the known-secrets list the first time an HMAC secret is checked against a token.
    pub fn load_secret_list_when_needed(self) {
        Effect::new(move |_| {
            let has_secret = self.crypto.answer.with(|answer| {
                answer.as_ref().is_some_and(|answer| !answer.report.hmac_secrets.is_empty())
            });
            if has_secret && matches!(self.secret_list.get_untracked(), SecretListState::NotLoaded) {
                self.secret_list.set(SecretListState::Loading);
                leptos::task::spawn_local(async move {
                    self.secret_list.set(match browser::fetch_text(SECRET_LIST_URL).await {
                        Ok(text) => SecretListState::Loaded(Arc::new(SecretList::from_text(&text))),
                        Err(error) => SecretListState::Failed(error),
                    });
                });
            }
        });
    }
}

