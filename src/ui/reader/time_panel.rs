//! Validity: expiry status, countdown, and every time claim as local time, UTC and relative.

use leptos::prelude::*;

use super::state::use_lens;
use crate::ui::shared::browser;
use crate::ui::shared::dom::{self, El};
use crate::ui::shared::widgets::NumberSetting;
use crate::jose::time::{human_duration, time_claims, TimeEvaluation, TimeStatus};

/// The moment the token is evaluated at (`eval-time`): now, or a date-time the user types, to
/// answer "was this token valid when the request failed at 10:42?".
#[component]
pub fn EvalTime() -> impl IntoView {
    let lens = use_lens();
    let typed = move || lens.eval_text.with(|text| text.trim().to_string());
    let note = move || {
        let text = typed();
        if text.is_empty() {
            return None;
        }
        Some(match browser::parse_date(&text) {
            Some(seconds) => view! {
                <p class="muted" data-testid="eval-time-note">
                    {format!("Evaluated at {} ({}), not now.", browser::local_date(seconds).unwrap_or_default(), browser::iso_utc(seconds).unwrap_or_default())}
                </p>
            }
            .into_any(),
            None => view! {
                <p class="error-text" role="alert" data-testid="eval-time-error">
                    {format!("\"{text}\" is not a date-time: write it like 2026-01-02T10:42:00Z, as Unix seconds, or as an HTTP date (Tue, 01 Dec 2026 10:42:00 GMT)")}
                </p>
            }
            .into_any(),
        })
    };
    view! {
        <div class="eval-time">
            <label class="setting">
                "Evaluate at "
                <input
                    type="text"
                    data-testid="eval-time"
                    placeholder="now, or 2026-01-02T10:42:00Z"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || lens.eval_text.get()
                    on:input:target=move |ev| lens.eval_text.set(ev.target().value())
                />
            </label>
            {move || (!typed().is_empty()).then(|| view! {
                <button type="button" class="small" on:click=move |_| lens.eval_text.set(String::new())>"Now"</button>
            })}
            // The pasted response's Date header, offered by the maker ("was this token valid when
            // the server answered?"): `rules_panel::DateOffer`.
            <span id="date-offer-slot"></span>
            {note}
        </div>
    }
}

#[component]
pub fn TimePanel() -> impl IntoView {
    let lens = use_lens();
    // The panel and its leeway input are built once per token with claims; only the body below is
    // rebuilt every second, so typing in the input is never interrupted by the clock.
    let has_claims = Memo::new(move |_| lens.time.with(Option::is_some));
    let body = move || {
        let evaluation = lens.time.get()?;
        let now = lens.moment();
        let headline = match evaluation.status {
            TimeStatus::Valid => match (evaluation.expires_in, evaluation.starts_in) {
                // Accepted only thanks to the leeway: say so, and how much of it is left.
                (Some(left), _) if left <= 0.0 => format!(
                    "Valid within the leeway: expired {}, accepted for {} more",
                    browser::relative(left),
                    human_duration(lens.leeway.get() + left)
                ),
                (_, Some(wait)) if wait > 0.0 => format!(
                    "Valid within the leeway: not valid until {}, accepted {} early",
                    browser::relative(wait),
                    human_duration(wait)
                ),
                (Some(left), _) => format!("Valid: expires {} ({} left)", browser::relative(left), human_duration(left)),
                (None, _) => "Valid".to_string(),
            },
            TimeStatus::Expired => {
                format!("Expired {}", browser::relative(evaluation.expires_in.unwrap_or_default()))
            }
            TimeStatus::NotYetValid => format!(
                "Not yet valid: becomes valid {}",
                browser::relative(evaluation.starts_in.unwrap_or_default())
            ),
            TimeStatus::NoExp => "No expiry: the token has no usable \"exp\" claim and never expires".to_string(),
        };
        let lifetime = evaluation
            .lifetime
            .map(|lifetime| view! { <p class="muted">{format!("Lifetime: valid for {}", human_duration(lifetime))}</p> });
        lens.track_decoded_parts();
        // The rows as text nodes (`dom`), rebuilt with the clock every second anyway.
        let rows = lens.decoded.with_untracked(|decoded| {
            let Some(claims) = decoded.as_ref().ok().and_then(|token| token.claims()) else { return Vec::new() };
            time_claims(claims)
                .into_iter()
                .map(|claim| {
                    // The claim that fails now is marked (in words too, for screen readers).
                    let failing = matches!((evaluation.status, claim.name.as_str()), (TimeStatus::Expired, "exp") | (TimeStatus::NotYetValid, "nbf"));
                    let mut row = El::new("tr")
                        .attr("class", if failing { "failing" } else { "" })
                        .attr("data-failing", if failing { "true" } else { "false" })
                        .attr("data-testid", "time-claim")
                        .attr("data-claim", &claim.name)
                        .child(El::new("th").attr("scope", "row").attr("class", "mono").text(&claim.name));
                    if let Some(s) = claim.seconds {
                        // "…" for the moment after the first view, before the date formatter is made.
                        let local = browser::local_date(s).unwrap_or_else(|| if browser::dates_ready() { "—" } else { "…" }.into());
                        let iso = browser::iso_utc(s).unwrap_or_else(|| "out of range".into());
                        row = row
                            .child(El::new("td").text(&local))
                            .child(El::new("td").attr("class", "mono nowrap").text(&iso))
                            .child(El::new("td").text(&browser::relative(s - now)));
                    }
                    let mut notes = claim.notes.clone();
                    if failing {
                        notes.insert(0, if claim.name == "exp" { "expired: the token is no longer valid".into() } else { "not yet valid".into() });
                    }
                    row.child(El::new("td").attr("class", "note").text(&notes.join("; ")))
                })
                .collect::<Vec<_>>()
        });
        let body = NodeRef::<leptos::html::Tbody>::new();
        body.on_load(move |body| dom::fill(&body, rows));
        Some(view! {
            <div class="time-status" data-testid="time-status" data-status=evaluation.status.as_str()>
                {headline}
            </div>
            {lifetime}
            {timeline(&evaluation, now)}
            <div class="table-scroll" tabindex="0" role="region" aria-label="Time claims table (scrolls)"><table class="times">
                <thead>
                    <tr><th>"Claim"</th><th>"Local time"</th><th>"UTC"</th><th>"Relative"</th><th>"Notes"</th></tr>
                </thead>
                <tbody node_ref=body></tbody>
            </table></div>
        })
    };
    move || {
        has_claims.get().then(|| {
            view! {
                <section class="panel p-time" aria-labelledby="time-title">
                    <div class="panel-head">
                        <h2 id="time-title">"Validity"</h2>
                        <NumberSetting label="Clock-skew leeway (s)" testid="leeway" value=lens.leeway fallback=0.0/>
                    </div>
                    {body}
                </section>
            }
        })
    }
}

/// A fraction of the axis as a CSS percentage with two decimals ("12.34%"), formatted as integers:
/// Rust's float formatting would add about 15 kB to the wasm for these two numbers.
fn percent(fraction: f64) -> String {
    let hundredths = (fraction.clamp(0.0, 1.0) * 10_000.0).round() as u32;
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// iat → nbf → exp on one axis with a "now" marker; only when exp is known.
fn timeline(evaluation: &TimeEvaluation, now: f64) -> Option<impl IntoView> {
    let exp = evaluation.exp?;
    let start = evaluation.nbf.or(evaluation.iat).unwrap_or(now.min(exp));
    let points: Vec<(&'static str, f64)> = [("iat", evaluation.iat), ("nbf", evaluation.nbf), ("exp", Some(exp)), ("now", Some(now))]
        .into_iter()
        .filter_map(|(name, at)| at.map(|at| (name, at)))
        .collect();
    let low = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let high = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let span = (high - low).max(1.0);
    let position = move |at: f64| percent((at - low) / span);
    let window_left = position(start.min(exp));
    let window_width = percent((exp - start).max(0.0) / span);
    // Points closer than 3% of the axis share one marker ("iat, nbf"), so labels never overlap.
    let mut groups: Vec<(Vec<&'static str>, f64)> = Vec::new();
    let mut sorted = points;
    crate::ui::shared::widgets::sort_short(&mut sorted, |point| point.1);
    for (name, at) in sorted {
        match groups.last_mut() {
            Some((names, first)) if (at - *first) / span < 0.03 => names.push(name),
            _ => groups.push((vec![name], at)),
        }
    }
    let markers = groups
        .into_iter()
        .map(|(names, at)| {
            let label = names.join(", ");
            let edge = match (at - low) / span {
                x if x < 0.1 => " edge-start",
                x if x > 0.9 => " edge-end",
                _ => "",
            };
            let class = format!("{}{edge}", if names.contains(&"now") { "mark mark-now" } else { "mark" });
            let title = format!("{label}: {}", browser::iso_utc(at).unwrap_or_default());
            view! {
                <span class=class style:left=position(at) title=title data-mark=label.clone()>
                    <span class="mark-label">{label.clone()}</span>
                </span>
            }
        })
        .collect_view();
    Some(view! {
        <div class="timeline" data-testid="timeline" aria-label="Validity window: iat, nbf, exp and now">
            <div class="timeline-bar">
                <span class="timeline-window" style:left=window_left style:width=window_width></span>
                {markers}
            </div>
        </div>
    })
}
