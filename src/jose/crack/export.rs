//! The inputs and command lines for hashcat and John the Ripper, for jobs too big for a browser.
//! hashcat's mode 16500 (JWT) reads the token itself, HS256/384/512 alike; John's HMAC formats read
//! `message#hexmac` (as John's `jwt2john.py` writes it).

use crate::jose::b64;

/// What to run elsewhere for one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalJob {
    /// The line of `jwt.hash` for hashcat: the token.
    pub hashcat_hash: String,
    /// hashcat with a wordlist (`-a 0`) and, when a mask was given, with the mask (`-a 3`).
    pub hashcat_commands: Vec<String>,
    /// The line of `jwt.john`: `header.payload#hexmac`.
    pub john_hash: String,
    pub john_commands: Vec<String>,
}

/// Quotes for a POSIX shell: single quotes, a single quote itself as `'\''`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The export for a compact HS256/384/512 token. `mask` and `custom` (the `?1`.. definitions) are
/// passed to both tools as given; `None` when the token is not three segments with an HMAC `alg`
/// (the caller has a `Cracker` for it, which already checked).
pub fn external_job(token: &str, mask: Option<&str>, custom: &[&str]) -> Option<ExternalJob> {
    let token = token.trim();
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header_json: serde_json::Value = serde_json::from_slice(&b64::decode_any_alphabet(header).ok()?).ok()?;
    let bits = match header_json.get("alg")?.as_str()? {
        "HS256" => 256,
        "HS384" => 384,
        "HS512" => 512,
        _ => return None,
    };
    let mac = b64::decode_any_alphabet(signature).ok()?;
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    let hashcat_custom: String = custom.iter().enumerate().filter(|(_, set)| !set.is_empty()).map(|(i, set)| format!(" -{} {}", i + 1, shell_quote(set))).collect();
    let john_custom: String = custom.iter().enumerate().filter(|(_, set)| !set.is_empty()).map(|(i, set)| format!(" --mask{}={}", i + 1, shell_quote(set))).collect();
    let mut hashcat_commands = vec!["hashcat -m 16500 -a 0 jwt.hash wordlist.txt".to_string()];
    let mut john_commands = vec![format!("john --format=HMAC-SHA{bits} --wordlist=wordlist.txt jwt.john")];
    if let Some(mask) = mask.filter(|mask| !mask.is_empty()) {
        hashcat_commands.push(format!("hashcat -m 16500 -a 3{hashcat_custom} jwt.hash {}", shell_quote(mask)));
        john_commands.push(format!("john --format=HMAC-SHA{bits}{john_custom} --mask={} jwt.john", shell_quote(mask)));
    }
    john_commands.push("john --show jwt.john".to_string());
    hashcat_commands.push("hashcat -m 16500 --show jwt.hash".to_string());
    Some(ExternalJob {
        hashcat_hash: token.to_string(),
        hashcat_commands,
        john_hash: format!("{header}.{payload}#{hex}"),
        john_commands,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashcat_and_john_lines() {
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        let job = external_job(&format!(" {token}\n"), Some("?l?l'?d"), &["?l?d", ""]).unwrap();
        assert_eq!(job.hashcat_hash, token);
        let (input, _) = token.rsplit_once('.').unwrap();
        assert_eq!(job.john_hash, format!("{input}#49f94ac7044948c78a285d904f87f0a4c7897f7e8f3a4eb2255fda750b2cc397"));
        assert_eq!(job.hashcat_commands[1], "hashcat -m 16500 -a 3 -1 '?l?d' jwt.hash '?l?l'\\''?d'");
        assert_eq!(job.john_commands[0], "john --format=HMAC-SHA256 --wordlist=wordlist.txt jwt.john");
        assert!(job.john_commands[1].contains("--mask1='?l?d' --mask='?l?l'\\''?d'"));
        assert!(external_job("eyJhbGciOiJSUzI1NiJ9.e30.AAAA", None, &[]).is_none());
        assert!(external_job("a.b", None, &[]).is_none());
    }
}
