//! Validity: expiry status, countdown, and every time claim as local time, UTC and relative.

use leptos::prelude::*;

use super::app::use_lens;
use super::browser;
use crate::jose::time::{human_duration, time_claims, TimeStatus};

#[component]
pub fn TimePanel() -> impl IntoView {
    let lens = use_lens();
    move || {
        let evaluation = lens.time.get()?;
        let now = lens.now.get();
        let headline = match evaluation.status {
            TimeStatus::Valid => match evaluation.expires_in {
                Some(left) => format!("Valid: expires {} ({} left)", browser::relative(left), human_duration(left)),
                None => "Valid".to_string(),
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
        let rows = lens.decoded.with(|decoded| {
            let claims = decoded.as_ref().ok()?.claims()?;
            Some(
                time_claims(claims)
                    .into_iter()
                    .map(|claim| {
                        let when = claim.seconds.map(|s| {
                            let local = browser::local_date(s).unwrap_or_else(|| "—".into());
                            let iso = browser::iso_utc(s).unwrap_or_else(|| "out of range".into());
                            let relative = browser::relative(s - now);
                            view! {
                                <td>{local}</td>
                                <td class="mono">{iso}</td>
                                <td>{relative}</td>
                            }
                        });
                        let notes = claim.notes.join("; ");
                        view! {
                            <tr data-testid="time-claim" data-claim=claim.name.clone()>
                                <th scope="row" class="mono">{claim.name.clone()}</th>
                                {when}
                                <td class="note">{notes}</td>
                            </tr>
                        }
                    })
                    .collect_view(),
            )
        });
        Some(view! {
            <section class="panel" aria-labelledby="time-title">
                <div class="panel-head">
                    <h2 id="time-title">"Validity"</h2>
                    <label class="leeway">
                        "Clock-skew leeway (s) "
                        <input
                            type="number"
                            min="0"
                            step="1"
                            data-testid="leeway"
                            prop:value=move || lens.leeway.get().to_string()
                            on:input:target=move |ev| {
                                let value = ev.target().value().parse::<f64>().unwrap_or(0.0);
                                lens.leeway.set(if value.is_finite() && value >= 0.0 { value } else { 0.0 });
                            }
                        />
                    </label>
                </div>
                <div class="time-status" data-testid="time-status" data-status=evaluation.status.as_str()>
                    {headline}
                </div>
                {lifetime}
                <table class="times">
                    <thead>
                        <tr><th>"Claim"</th><th>"Local time"</th><th>"UTC"</th><th>"Relative"</th><th>"Notes"</th></tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        })
    }
}
