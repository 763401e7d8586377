//! Finding tokens in pasted text that is more than a token (HTTP, curl, HAR, JSON, logs):
//! scanning megabytes happens here, off the page's thread. Answers `Request::Find`.

use super::protocol::Response;

pub fn find(id: u64, text: &str) -> Response {
    let tokens = crate::jose::find::find_tokens(text).into_iter().map(|found| (found.token, found.place)).collect();
    Response::Found { id, tokens }
}
