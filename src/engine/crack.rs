//! The crack worker's work, without the browser (tested natively): a session holds the token's
//! `Cracker` and answers each job, reporting progress through a callback about every
//! [`PROGRESS_MS`] (the clock is passed in). Candidates are made here: a mask range by the mask's
//! cursor, lines by a `LineReader` over the chunk the page cut at line ends.

use super::crack_protocol::{CrackRequest, CrackResponse, PROGRESS_MS};
use crate::jose::crack::{Cracker, Increment, LineReader, Mask};

/// Mask candidates tried between two looks at the clock (about 2-4 ms in wasm).
const MASK_STEP: u128 = 4096;
/// Bytes of a chunk read between two looks at the clock.
const LINES_STEP: usize = 64 * 1024;

#[derive(Default)]
pub struct CrackSession {
    cracker: Option<Cracker>,
    /// The last mask parsed, with its text and options.
    mask: Option<(CrackRequest, Mask)>,
    tried: u64,
    last_progress: f64,
}

impl CrackSession {
    pub fn new() -> CrackSession {
        CrackSession::default()
    }

    pub fn tried(&self) -> u64 {
        self.tried
    }

    /// Answers one request; `chunk` is the bytes of a `Lines` job. `progress` gets `Progress`
    /// messages while a job runs.
    pub fn handle(&mut self, request: CrackRequest, chunk: Option<&[u8]>, now_ms: &dyn Fn() -> f64, progress: &mut dyn FnMut(CrackResponse)) -> Option<CrackResponse> {
        match request {
            CrackRequest::Start { token } => match Cracker::from_token(&token) {
                Ok(cracker) => {
                    self.cracker = Some(cracker);
                    self.tried = 0;
                    self.last_progress = now_ms();
                    None
                }
                Err(error) => Some(CrackResponse::Error { message: error.message }),
            },
            CrackRequest::Lines { job, starts_file } => {
                let Some(cracker) = self.cracker.take() else { return Some(not_started()) };
                let answer = self.lines(&cracker, job, starts_file, chunk.unwrap_or_default(), now_ms, progress);
                self.cracker = Some(cracker);
                Some(answer)
            }
            CrackRequest::Mask { job, ref mask, ref custom, increment, ref start, ref end } => {
                let Some(cracker) = self.cracker.take() else { return Some(not_started()) };
                let (Ok(start), Ok(end)) = (start.parse::<u128>(), end.parse::<u128>()) else {
                    self.cracker = Some(cracker);
                    return Some(CrackResponse::Error { message: "a mask range is not two numbers".into() });
                };
                let same = |(known, _): &(CrackRequest, Mask)| match known {
                    CrackRequest::Mask { mask: m, custom: c, increment: i, .. } => m == mask && c == custom && *i == increment,
                    _ => false,
                };
                if !self.mask.as_ref().is_some_and(same) {
                    let custom: Vec<&str> = custom.iter().map(String::as_str).collect();
                    let increment = increment.map(|(min, max)| Increment { min, max });
                    match Mask::with_options(mask, &custom, increment) {
                        Ok(parsed) => self.mask = Some((request.clone(), parsed)),
                        Err(error) => {
                            self.cracker = Some(cracker);
                            return Some(CrackResponse::Error { message: error.message });
                        }
                    }
                }
                let answer = self.mask_range(&cracker, job, start, end, now_ms, progress);
                self.cracker = Some(cracker);
                Some(answer)
            }
        }
    }

    fn tick(&mut self, now_ms: &dyn Fn() -> f64, progress: &mut dyn FnMut(CrackResponse)) {
        let now = now_ms();
        if now - self.last_progress >= PROGRESS_MS {
            self.last_progress = now;
            progress(CrackResponse::Progress { tried: self.tried });
        }
    }

    fn lines(&mut self, cracker: &Cracker, job: u64, starts_file: bool, chunk: &[u8], now_ms: &dyn Fn() -> f64, progress: &mut dyn FnMut(CrackResponse)) -> CrackResponse {
        let mut reader = LineReader::for_chunk(starts_file);
        for piece in chunk.chunks(LINES_STEP) {
            let found = cracker.find_in_chunk(&mut reader, piece, &mut self.tried);
            if let Some(secret) = found {
                return CrackResponse::Found { job, secret, tried: self.tried };
            }
            self.tick(now_ms, progress);
        }
        match cracker.find_in_rest(&mut reader, &mut self.tried) {
            Some(secret) => CrackResponse::Found { job, secret, tried: self.tried },
            None => CrackResponse::Done { job, tried: self.tried },
        }
    }

    fn mask_range(&mut self, cracker: &Cracker, job: u64, start: u128, end: u128, now_ms: &dyn Fn() -> f64, progress: &mut dyn FnMut(CrackResponse)) -> CrackResponse {
        let Some((_, mask)) = &self.mask else { return not_started() };
        let end = end.min(mask.len());
        let mut at = start;
        while at < end {
            let step_end = end.min(at.saturating_add(MASK_STEP));
            if let Some((index, secret)) = cracker.find_in_mask(mask, at, step_end) {
                self.tried += (index - at + 1) as u64;
                return CrackResponse::Found { job, secret, tried: self.tried };
            }
            self.tried += (step_end - at) as u64;
            at = step_end;
            let now = now_ms();
            if now - self.last_progress >= PROGRESS_MS {
                self.last_progress = now;
                progress(CrackResponse::Progress { tried: self.tried });
            }
        }
        CrackResponse::Done { job, tried: self.tried }
    }
}

fn not_started() -> CrackResponse {
    CrackResponse::Error { message: "no token: Start comes first".into() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::b64;
    use crate::jose::crack::LineCutter;
    use hmac::{Hmac, KeyInit, Mac};
    use sha2::Sha384;
    use std::cell::Cell;

    fn hs384(secret: &[u8]) -> String {
        let input = format!("{}.{}", b64::encode(br#"{"alg":"HS384","typ":"JWT"}"#), b64::encode(br#"{"sub":"crack"}"#));
        let mut mac = <Hmac<Sha384> as KeyInit>::new_from_slice(secret).unwrap();
        mac.update(input.as_bytes());
        format!("{input}.{}", b64::encode(&mac.finalize().into_bytes()))
    }

    fn mask_job(job: u64, mask: &str, start: u128, end: u128) -> CrackRequest {
        CrackRequest::Mask { job, mask: mask.into(), custom: vec![], increment: None, start: start.to_string(), end: end.to_string() }
    }

    #[test]
    fn jobs_of_lines_and_masks_count_and_find() {
        let clock = Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 1.0);
            clock.get()
        };
        let mut reports = Vec::new();
        let mut session = CrackSession::new();
        let mut ask = |session: &mut CrackSession, request, chunk: Option<&[u8]>| session.handle(request, chunk, &now, &mut |r| reports.push(r));
        assert_eq!(ask(&mut session, mask_job(1, "?d", 0, 10), None), Some(not_started()));
        assert_eq!(ask(&mut session, CrackRequest::Start { token: hs384(b"4821") }, None), None);
        // Two ranges of a mask: the one without the secret is done, all tried; the other finds it.
        assert_eq!(ask(&mut session, mask_job(1, "?d?d?d?d", 0, 4821), None), Some(CrackResponse::Done { job: 1, tried: 4821 }));
        assert_eq!(ask(&mut session, mask_job(2, "?d?d?d?d", 4821, 10_000), None), Some(CrackResponse::Found { job: 2, secret: b"4821".to_vec(), tried: 4822 }));
        // Lines cut by the page: CRLF, UTF-8, the secret in the second chunk's middle.
        let mut session = CrackSession::new();
        ask(&mut session, CrackRequest::Start { token: hs384("clé secrète".as_bytes()) }, None);
        let mut cutter = LineCutter::new();
        let first = cutter.push(b"alpha\r\nbeta\r\ncl").unwrap();
        assert_eq!(ask(&mut session, CrackRequest::Lines { job: 3, starts_file: first.starts_file }, Some(&first.bytes)), Some(CrackResponse::Done { job: 3, tried: 2 }));
        let second = cutter.push("é secrète\r\nomega\r\n".as_bytes()).unwrap();
        assert_eq!(
            ask(&mut session, CrackRequest::Lines { job: 4, starts_file: second.starts_file }, Some(&second.bytes)),
            Some(CrackResponse::Found { job: 4, secret: "clé secrète".as_bytes().to_vec(), tried: 3 })
        );
        // A bad mask or range is an error message.
        assert!(matches!(ask(&mut session, mask_job(5, "?z", 0, 1), None), Some(CrackResponse::Error { message }) if message.contains("?z")));
        let mut bad = mask_job(6, "?d", 0, 1);
        if let CrackRequest::Mask { start, .. } = &mut bad {
            *start = "x".into();
        }
        assert!(matches!(ask(&mut session, bad, None), Some(CrackResponse::Error { .. })));
        assert!(matches!(ask(&mut CrackSession::new(), CrackRequest::Start { token: "a.b".into() }, None), Some(CrackResponse::Error { .. })));
        // Progress was reported while working (the test clock moves 1 ms per look).
        drop(ask);
        assert!(reports.is_empty() || reports.iter().all(|r| matches!(r, CrackResponse::Progress { .. })));
    }

    #[test]
    fn progress_every_quarter_second() {
        let clock = Cell::new(0.0);
        // Each look at the clock is 100 ms later: progress at least every third step.
        let now = || {
            clock.set(clock.get() + 100.0);
            clock.get()
        };
        let mut reports = Vec::new();
        let mut session = CrackSession::new();
        session.handle(CrackRequest::Start { token: hs384(b"not a digit") }, None, &now, &mut |r| reports.push(r));
        let done = session.handle(mask_job(1, "?d?d?d?d?d", 0, 100_000), None, &now, &mut |r| reports.push(r));
        assert_eq!(done, Some(CrackResponse::Done { job: 1, tried: 100_000 }));
        let tried: Vec<u64> = reports.iter().map(|r| match r { CrackResponse::Progress { tried } => *tried, other => panic!("{other:?}") }).collect();
        assert!(tried.len() >= 7, "{tried:?}");
        assert!(tried.windows(2).all(|w| w[0] < w[1]) && *tried.last().unwrap() < 100_000);
    }
}
