//! Recognising the identity provider that issued a token, from its claims (`jose::vendors`).
//! Answers `Request::Recognise`.

use super::protocol::Response;

pub fn recognise(id: u64, claims: &str) -> Response {
    let recognised = serde_json::from_str::<serde_json::Value>(claims)
        .ok()
        .and_then(|value| crate::jose::vendors::recognise(value.as_object()?));
    let (vendor, summary) = recognised.map_or((String::new(), String::new()), |found| (found.vendor.to_string(), found.summary));
    Response::Recognised { id, vendor, summary }
}
