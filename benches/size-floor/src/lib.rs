//! The size floor (see Cargo.toml): the app's libraries doing the least the app does.

pub use ui::start;

mod ui {
    //! Leptos 0.8 CSR: one signal, one memo, a Show and a For.
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;

    #[component]
    fn App() -> impl IntoView {
        let text = RwSignal::new(String::new());
        let len = Memo::new(move |_| text.with(|t| t.chars().count()));
        let first = Memo::new(move |_| {
            text.with(|t| t.chars().take(10).enumerate().collect::<Vec<(usize, char)>>())
        });
        view! {
            <textarea
                prop:value=move || text.get()
                on:input:target=move |ev| text.set(ev.target().value())
            ></textarea>
            <pre>{move || len.get()}</pre>
            <Show when=move || { len.get() > 0 } fallback=|| view! { <p>"empty"</p> }>
                <ul>
                    <For each=move || first.get() key=|(i, c)| (*i, *c) let:item>
                        <li>{item.1.to_string()}</li>
                    </For>
                </ul>
            </Show>
        }
    }

    #[wasm_bindgen(start)]
    pub fn start() {
        console_error_panic_hook::set_once();
        leptos::mount::mount_to_body(App)
    }
}

use base64::Engine as _;
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use hmac::{Hmac, Mac};
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::RsaPublicKey;
use sha2::{Sha256, Sha384, Sha512};
use p256::ecdsa::signature::Verifier;
use wasm_bindgen::prelude::*;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

enum Key {
    Rsa(RsaPublicKey),
    Ec(Vec<u8>),
    Ed25519([u8; 32]),
}

fn parse_spki(der_bytes: &[u8]) -> Option<Key> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der_bytes).ok()?;
    let bits = spki.subject_public_key.as_bytes()?;
    let oid = spki.algorithm.oid;
    if oid == OID_RSA {
        RsaPublicKey::from_pkcs1_der(bits).ok().map(Key::Rsa)
    } else if oid == OID_EC {
        Some(Key::Ec(bits.to_vec()))
    } else if oid == OID_ED25519 {
        Some(Key::Ed25519(bits.try_into().ok()?))
    } else {
        None
    }
}

fn parse_key(pem: &str) -> Option<Key> {
    let (label, der_bytes) = pem_rfc7468::decode_vec(pem.trim().as_bytes()).ok()?;
    match label {
        "PUBLIC KEY" => parse_spki(&der_bytes),
        "RSA PUBLIC KEY" => pkcs1::RsaPublicKey::from_der(&der_bytes)
            .ok()
            .and_then(|_| RsaPublicKey::from_pkcs1_der(&der_bytes).ok())
            .map(Key::Rsa),
        "CERTIFICATE" => {
            let cert = x509_cert::Certificate::from_der(&der_bytes).ok()?;
            let spki_der = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
            parse_spki(&spki_der)
        }
        _ => None,
    }
}

macro_rules! hmac_ok {
    ($d:ty, $secret:expr, $msg:expr, $sig:expr) => {
        match <Hmac<$d> as Mac>::new_from_slice($secret) {
            Ok(mut mac) => {
                mac.update($msg);
                mac.verify_slice($sig).is_ok()
            }
            Err(_) => false,
        }
    };
}

fn header_ok(signing_input: &[u8], alg: &str) -> bool {
    let head = signing_input.split(|b| *b == b'.').next().unwrap_or(&[]);
    let Ok(json) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(head) else { return false };
    match serde_json::from_slice::<serde_json::Value>(&json) {
        Ok(v) => v.get("alg").and_then(|a| a.as_str()).map_or(true, |a| a == alg),
        Err(_) => false,
    }
}

/// Verifies a JWS signature: HS* with `key_pem` as the secret, the others with a PEM public key
/// or certificate. Only what the app also does, none of its messages: a lower bound.
#[wasm_bindgen]
pub fn verify(alg: &str, key_pem: &str, signing_input: &[u8], sig: &[u8]) -> bool {
    if !header_ok(signing_input, alg) {
        return false;
    }
    let msg = signing_input;
    match alg {
        "HS256" => return hmac_ok!(Sha256, key_pem.as_bytes(), msg, sig),
        "HS384" => return hmac_ok!(Sha384, key_pem.as_bytes(), msg, sig),
        "HS512" => return hmac_ok!(Sha512, key_pem.as_bytes(), msg, sig),
        _ => {}
    }
    let Some(key) = parse_key(key_pem) else { return false };
    macro_rules! rsa_check {
        ($scheme:ident, $digest:ty, $public:expr) => {{
            use rsa::$scheme;
            let Ok(s) = $scheme::Signature::try_from(sig) else { return false };
            $scheme::VerifyingKey::<$digest>::new($public).verify(msg, &s).is_ok()
        }};
    }
    macro_rules! ec_check {
        ($curve:ident, $point:expr) => {{
            let Ok(k) = $curve::ecdsa::VerifyingKey::from_sec1_bytes($point) else { return false };
            let Ok(s) = $curve::ecdsa::Signature::from_slice(sig) else { return false };
            k.verify(msg, &s).is_ok()
        }};
    }
    match (alg, key) {
        ("RS256", Key::Rsa(k)) => rsa_check!(pkcs1v15, Sha256, k),
        ("RS384", Key::Rsa(k)) => rsa_check!(pkcs1v15, Sha384, k),
        ("RS512", Key::Rsa(k)) => rsa_check!(pkcs1v15, Sha512, k),
        ("PS256", Key::Rsa(k)) => rsa_check!(pss, Sha256, k),
        ("PS384", Key::Rsa(k)) => rsa_check!(pss, Sha384, k),
        ("PS512", Key::Rsa(k)) => rsa_check!(pss, Sha512, k),
        ("ES256", Key::Ec(p)) => ec_check!(p256, &p),
        ("ES384", Key::Ec(p)) => ec_check!(p384, &p),
        ("ES512", Key::Ec(p)) => ec_check!(p521, &p),
        ("EdDSA", Key::Ed25519(b)) => {
            let Ok(k) = ed25519_dalek::VerifyingKey::from_bytes(&b) else { return false };
            let Ok(s) = ed25519_dalek::Signature::from_slice(sig) else { return false };
            k.verify_strict(msg, &s).is_ok()
        }
        _ => false,
    }
}
