//! "Would your API accept it?": the rules a receiving API applies (issuer, audiences, algorithms,
//! `typ`, required claims, max age, leeway, and a library's own defaults: `jose::rules`), checked
//! against the token the reader shows, one line per rule, and the server's own words when the
//! pasted text holds a `WWW-Authenticate` challenge. The reader sends its token and signature
//! verdict (`reader::rules`); the panel sends back the verdict for the card and the claim to mark.
//! It lives in the maker module, loaded after the first view, so it costs the start-up nothing.

use leptos::prelude::*;

use crate::jose::rules::server::{explain, http_date, response_date_text, server_challenge};
use crate::jose::vendors::{entra_issuer_forms, graph_note};
use crate::jose::rules::{evaluate, Evaluation, Fields, Preset, Rules, Signature, SignatureCheck, Status};
use crate::jose::token::{decode, open_jwe};
use crate::ui::shared::bridge::{to_reader, RulesInput};

/// The expected rules as typed (`expect-*`).
#[derive(Clone, Copy)]
struct Expected {
    preset: RwSignal<String>,
    issuer: RwSignal<String>,
    audiences: RwSignal<String>,
    algs: RwSignal<String>,
    typ: RwSignal<String>,
    required: RwSignal<String>,
    max_age: RwSignal<String>,
    leeway: RwSignal<String>,
}

impl Expected {
    fn new() -> Expected {
        let field = || RwSignal::new(String::new());
        Expected {
            preset: RwSignal::new("generic".into()),
            issuer: field(),
            audiences: field(),
            algs: field(),
            typ: field(),
            required: field(),
            max_age: field(),
            leeway: field(),
        }
    }

    fn fields(self) -> Fields {
        Fields {
            issuer: self.issuer.get(),
            audiences: self.audiences.get(),
            algs: self.algs.get(),
            typ: self.typ.get(),
            required: self.required.get(),
            max_age: self.max_age.get(),
            leeway: self.leeway.get(),
        }
    }
}

/// What the panel shows: the evaluation, the problems of the fields as typed, and the server's words.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    evaluation: Option<Evaluation>,
    field_problems: Vec<(&'static str, String)>,
    /// `(error, words)` of a `WWW-Authenticate: Bearer error=…` in the pasted text.
    server: Option<(String, String)>,
    /// What explains a failing rule beyond the library's words: `(rule id, hint)` (Entra ID's v1
    /// and v2 issuer forms, a Microsoft Graph token's audience and signature).
    hints: Vec<(&'static str, String)>,
}

fn work_out(input: &RulesInput, expected: Expected) -> Shown {
    let preset = Preset::from_name(&expected.preset.get()).unwrap_or(Preset::Generic);
    let (rules, field_problems): (Rules, _) = Rules::from_fields(&expected.fields());
    let mut token = decode(&input.token).ok();
    if let (Some(token), Some(plaintext)) = (token.as_mut(), input.plaintext.as_ref()) {
        open_jwe(token, plaintext.clone());
    }
    let check = SignatureCheck::from_status(&input.signature_status, (!input.signature_reason.is_empty()).then_some(input.signature_reason.as_str()));
    let ignoring_crit = (!input.crit_free_status.is_empty()).then(|| SignatureCheck::from_status(&input.crit_free_status, None));
    let signature = Signature { check, ignoring_crit };
    let evaluation = token.as_ref().map(|token| evaluate(token, &rules, preset, &signature, input.moment));
    let mut hints = Vec::new();
    if let Some(token) = token.as_ref().map(|token| token.inner.as_deref().unwrap_or(token)) {
        let claims = token.claims().cloned().unwrap_or_default();
        let token_iss = claims.get("iss").and_then(|iss| iss.as_str()).unwrap_or_default();
        if let Some(hint) = rules.issuer.as_deref().and_then(|expected| entra_issuer_forms(token_iss, expected)) {
            hints.push(("iss", hint));
        }
        if let Some(note) = graph_note(&token.header, &claims) {
            hints.push(("aud", note.clone()));
            hints.push(("signature", note));
        }
    }
    let challenge = server_challenge(&input.pasted);
    let server = challenge.map(|challenge| {
        let error = challenge.error.clone().unwrap_or_default();
        let mut words = format!("The server answered {} {}", challenge.scheme, if error.is_empty() { "without an error code".to_string() } else { format!("error=\"{error}\"") });
        if let Some(description) = &challenge.error_description {
            words.push_str(&format!(": \"{description}\""));
        }
        if let Some(scope) = &challenge.scope {
            words.push_str(&format!(" (scope \"{scope}\")"));
        }
        words.push('.');
        let claims = token.as_ref().and_then(|token| token.inner.as_deref().unwrap_or(token).claims());
        if let Some(explained) = evaluation.as_ref().and_then(|evaluation| explain(&challenge, evaluation, claims)) {
            words.push(' ');
            words.push_str(&explained.message);
        }
        (error, words)
    });
    Shown { evaluation, field_problems, server, hints }
}

/// Marks the member of the reader's header and payload views whose rule fails (`id` is its
/// `data-claim-id`, "payload:aud"): `data-rule-fails` and the API's words in `data-why`, which the
/// style sheet shows after the member, outside the views' text (which stays the JSON), and screen
/// readers read. Done here, on the reader's elements, so that it costs the start-up download
/// nothing; every other member loses the mark.
fn mark_failing_member(id: &str, why: &str) {
    use wasm_bindgen::JsCast;
    let Ok(members) = document().query_selector_all(".j-member[data-claim-id]") else { return };
    for index in 0..members.length() {
        let Some(member) = members.get(index).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) else { continue };
        let _ = if !why.is_empty() && member.get_attribute("data-claim-id").as_deref() == Some(id) {
            member.set_attribute("data-rule-fails", "true").and_then(|_| member.set_attribute("data-why", why))
        } else {
            member.remove_attribute("data-rule-fails").and_then(|_| member.remove_attribute("data-why"))
        };
    }
}

/// Beside the reader's "Evaluate at" (`#date-offer-slot`): the pasted response's `Date` header,
/// one click from being the moment the token is evaluated at (unless it already is).
#[component]
pub fn DateOffer(input: RwSignal<Option<RulesInput>>) -> impl IntoView {
    // A memo: the input comes every second (the clock), the button only when the offer changes.
    let offer = Memo::new(move |_| {
        input.with(|input| {
            let input = input.as_ref()?;
            let date = response_date_text(&input.pasted)?;
            (http_date(&date) != Some(input.moment)).then_some(date)
        })
    });
    move || {
        offer.get().map(|date| {
            let label = format!("Use the response's Date: {date}");
            view! {
                <button type="button" class="small" data-testid="use-response-date" on:click=move |_| to_reader(&["eval-at", &date])>{label}</button>
            }
        })
    }
}

fn text_field(label: &'static str, testid: &'static str, value: RwSignal<String>, placeholder: &'static str) -> impl IntoView {
    view! {
        <label class="encoder-field">
            <span>{label}</span>
            <input
                type="text"
                data-testid=testid
                autocomplete="off"
                spellcheck="false"
                placeholder=placeholder
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
        </label>
    }
}

#[component]
pub fn RulesPanel(input: RwSignal<Option<RulesInput>>) -> impl IntoView {
    let expected = Expected::new();
    let shown = Memo::new(move |_| input.with(|input| input.as_ref().map(|input| work_out(input, expected))));
    // The verdict for the reader's card and the claim to mark: ["validation", status, summary, part, claim].
    Effect::new(move |_| {
        shown.with(|shown| {
            let evaluation = shown.as_ref().and_then(|shown| shown.evaluation.as_ref());
            let status = evaluation.map_or("none", |evaluation| evaluation.status.as_str());
            let summary = evaluation.map(Evaluation::summary).unwrap_or_default();
            let marks = evaluation.and_then(|evaluation| evaluation.failure()).and_then(|rule| rule.marks.clone());
            let (part, claim) = marks.map(|(part, name)| (part.name().to_lowercase(), name)).unwrap_or_default();
            to_reader(&["validation", status, &summary, &part, &claim]);
            // After the reader has shown the token (the input follows its every change).
            let (why, id) = (if claim.is_empty() { String::new() } else { summary }, format!("{part}:{claim}"));
            set_timeout(move || mark_failing_member(&id, &why), std::time::Duration::ZERO);
        });
    });
    let status = move || shown.with(|shown| shown.as_ref().and_then(|s| s.evaluation.as_ref()).map_or("none", |e| e.status.as_str()));
    let rules = move || {
        shown.with(|shown| {
            let evaluation = shown.as_ref()?.evaluation.as_ref()?;
            let items = evaluation
                .rules
                .iter()
                .map(|rule| {
                    let status = rule.status.as_str();
                    // A hint explains a failure only.
                    let hint = shown
                        .as_ref()
                        .and_then(|shown| shown.hints.iter().find(|(id, _)| *id == rule.id && status == "fail"))
                        .map(|(_, hint)| view! { <span class="rule-hint" data-testid="rule-hint">{format!(" {hint}")}</span> });
                    view! {
                        <li data-testid="validation-rule" data-rule=rule.id.clone() data-status=status class=format!("rule-{status}")>
                            <strong>{format!("{} ", rule.id)}</strong>
                            <span class="rule-status">{format!("{status}: ")}</span>
                            {rule.message.clone()}
                            {hint}
                        </li>
                    }
                })
                .collect_view();
            Some(view! { <ul class="rules">{items}</ul> })
        })
    };
    let problems = move || {
        shown.with(|shown| {
            let problems = shown.as_ref()?.field_problems.clone();
            (!problems.is_empty()).then(|| {
                let items = problems.into_iter().map(|(field, problem)| view! { <li>{format!("{field}: {problem}")}</li> }).collect_view();
                view! { <ul class="error-text" role="alert">{items}</ul> }
            })
        })
    };
    let server = move || {
        shown.with(|shown| {
            let (error, words) = shown.as_ref()?.server.clone()?;
            Some(view! { <p class="server-error" data-testid="server-error" data-error=error>{words}</p> })
        })
    };
    let headline = move || {
        shown.with(|shown| {
            let evaluation = shown.as_ref().and_then(|s| s.evaluation.as_ref());
            match evaluation {
                None => "Paste a token to check it against your API's rules".to_string(),
                Some(evaluation) if evaluation.status == Status::None => {
                    "Set what your API expects (or pick its library) to see whether it would accept this token".to_string()
                }
                Some(evaluation) => format!("{} ({})", evaluation.summary(), evaluation.preset.label()),
            }
        })
    };
    let presets = Preset::ALL
        .into_iter()
        .map(|preset| view! { <option value=preset.name()>{format!("{} — {}", preset.name(), preset.label())}</option> })
        .collect_view();
    view! {
        <section class="panel p-rules" id="rules" aria-labelledby="rules-title">
            <div class="panel-head"><h2 id="rules-title">"Would your API accept it?"</h2></div>
            {server}
            <div class="verdict" data-testid="validation-status" data-status=status role="status">
                <strong class="status-label">{headline}</strong>
            </div>
            <div class="rules-grid">
                <label class="encoder-field">
                    <span>"Library (its defaults and words)"</span>
                    <select
                        data-testid="expect-preset"
                        prop:value=move || expected.preset.get()
                        on:change:target=move |ev| expected.preset.set(ev.target().value())
                    >
                        {presets}
                    </select>
                </label>
                {text_field("Issuer (iss)", "expect-iss", expected.issuer, "https://issuer.example/")}
                {text_field("Audiences (aud), comma-separated", "expect-aud", expected.audiences, "api://my-api")}
                {text_field("Algorithms allowed, comma-separated", "expect-alg", expected.algs, "the library's default")}
                {text_field("Type (typ)", "expect-typ", expected.typ, "at+jwt")}
                {text_field("Required claims, comma-separated", "expect-required", expected.required, "sub, exp")}
                {text_field("Max age of iat (seconds)", "expect-max-age", expected.max_age, "not checked")}
                {text_field("Leeway (seconds)", "expect-leeway", expected.leeway, "the library's default")}
            </div>
            {problems}
            {rules}
        </section>
    }
}
