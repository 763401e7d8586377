//! One-line explanations of registered names: the IANA "JSON Web Token Claims" registry (RFC 7519,
//! OpenID Connect, RFC 8693, RFC 9068, RFC 8417, RFC 7800, RFC 9449 ...) and the IANA "JSON Web
//! Signature and Encryption Header Parameters" registry (RFC 7515, 7516, 7518, 7797, 8225, 8555 ...).

/// (name, description) of registered JWT claims.
pub const CLAIMS: &[(&str, &str)] = &[
    ("iss", "Issuer: who created and signed the token"),
    ("sub", "Subject: whom the token is about (usually a user id)"),
    ("aud", "Audience: the recipients the token is meant for; others must reject it"),
    ("exp", "Expiration time: the token must not be accepted at or after this time"),
    ("nbf", "Not before: the token must not be accepted before this time"),
    ("iat", "Issued at: when the token was created"),
    ("jti", "JWT ID: a unique identifier, used to prevent replay"),
    ("name", "Full name of the end-user (OpenID Connect)"),
    ("given_name", "Given (first) name (OpenID Connect)"),
    ("family_name", "Family (last) name (OpenID Connect)"),
    ("middle_name", "Middle name (OpenID Connect)"),
    ("nickname", "Casual name (OpenID Connect)"),
    ("preferred_username", "Shorthand name the user wants to be referred to by (OpenID Connect)"),
    ("profile", "Profile page URL (OpenID Connect)"),
    ("picture", "Profile picture URL (OpenID Connect)"),
    ("website", "Web page or blog URL (OpenID Connect)"),
    ("email", "Preferred e-mail address (OpenID Connect)"),
    ("email_verified", "Whether the e-mail address was verified (OpenID Connect)"),
    ("gender", "Gender (OpenID Connect)"),
    ("birthdate", "Birthday (OpenID Connect)"),
    ("zoneinfo", "Time zone (OpenID Connect)"),
    ("locale", "Locale (OpenID Connect)"),
    ("phone_number", "Preferred telephone number (OpenID Connect)"),
    ("phone_number_verified", "Whether the phone number was verified (OpenID Connect)"),
    ("address", "Preferred postal address (OpenID Connect)"),
    ("updated_at", "Time the user's information was last updated (OpenID Connect)"),
    ("azp", "Authorized party: the client the ID token was issued to (OpenID Connect)"),
    ("nonce", "Value binding the ID token to the client's authentication request (OpenID Connect)"),
    ("auth_time", "Time the end-user authenticated (OpenID Connect)"),
    ("at_hash", "Access token hash: binds the ID token to an access token (OpenID Connect)"),
    ("c_hash", "Authorization code hash: binds the ID token to a code (OpenID Connect)"),
    ("acr", "Authentication context class reference: the level of assurance (OpenID Connect)"),
    ("amr", "Authentication methods references, e.g. pwd, otp, mfa (RFC 8176)"),
    ("sub_jwk", "Public key used to check self-issued ID token signatures (OpenID Connect)"),
    ("sid", "Session ID (OpenID Connect Front-Channel Logout)"),
    ("cnf", "Confirmation: the key the presenter must prove possession of (RFC 7800)"),
    ("scope", "Space-separated OAuth scopes granted (RFC 8693)"),
    ("client_id", "OAuth client the token was issued to (RFC 8693)"),
    ("act", "Actor: the party acting on behalf of the subject (token exchange, RFC 8693)"),
    ("may_act", "Who is authorized to act on behalf of the subject (RFC 8693)"),
    ("roles", "Roles of the subject (RFC 7643 / RFC 9068)"),
    ("groups", "Groups the subject belongs to (RFC 7643 / RFC 9068)"),
    ("entitlements", "Entitlements of the subject (RFC 7643 / RFC 9068)"),
    ("events", "Security events (Security Event Token, RFC 8417)"),
    ("toe", "Time of event (Security Event Token, RFC 8417)"),
    ("txn", "Transaction identifier (Security Event Token, RFC 8417)"),
    ("rph", "Resource priority header (RFC 8443)"),
    ("orig", "Originator of a telephone call (PASSporT, RFC 8225)"),
    ("dest", "Destination of a telephone call (PASSporT, RFC 8225)"),
    ("mky", "Media key fingerprint (PASSporT, RFC 8225)"),
    ("attest", "Attestation level (SHAKEN, RFC 8588)"),
    ("origid", "Originating identifier (SHAKEN, RFC 8588)"),
    ("vot", "Vector of trust value (RFC 8485)"),
    ("vtm", "Vector of trust trustmark URL (RFC 8485)"),
    ("jcard", "jCard data (RFC 8688)"),
    ("div", "Diverted target of a call (RFC 8946)"),
    ("opt", "Original PASSporT (RFC 8946)"),
    ("vc", "Verifiable credential (W3C)"),
    ("vp", "Verifiable presentation (W3C)"),
    ("sph", "SIP priority header (RFC 9027)"),
    ("ace_profile", "ACE profile the token is used with (RFC 9200)"),
    ("cnonce", "Client nonce (RFC 9200)"),
    ("exi", "Expires in: lifetime in seconds, for devices without a clock (RFC 9200)"),
    ("htm", "HTTP method of the request the DPoP proof is for (RFC 9449)"),
    ("htu", "HTTP URI of the request the DPoP proof is for (RFC 9449)"),
    ("ath", "Access token hash in a DPoP proof (RFC 9449)"),
    ("token_introspection", "Token introspection response (RFC 9701)"),
    ("authorization_details", "Rich authorization request details (RFC 9396)"),
    ("eat_nonce", "Nonce of an Entity Attestation Token (RFC 9711)"),
    ("ueid", "Universal entity ID (EAT, RFC 9711)"),
    ("tenant", "Tenant identifier (common, not registered)"),
    ("tid", "Tenant ID (Microsoft Entra ID)"),
    ("oid", "Object ID of the user (Microsoft Entra ID)"),
    ("upn", "User principal name (Microsoft Entra ID)"),
];

/// (name, description) of registered JOSE header parameters.
pub const HEADER_PARAMETERS: &[(&str, &str)] = &[
    ("alg", "Algorithm used to sign (JWS) or to encrypt the key (JWE)"),
    ("typ", "Media type of the whole token, e.g. JWT or at+jwt"),
    ("cty", "Content type of the payload, e.g. JWT for a nested token"),
    ("kid", "Key ID: tells the verifier which key to use"),
    ("jku", "JWK Set URL: where to fetch the verification key (dangerous if followed blindly)"),
    ("jwk", "The verification key embedded in the token (never trust it on its own)"),
    ("x5u", "X.509 certificate URL (dangerous if followed blindly)"),
    ("x5c", "X.509 certificate chain embedded in the token"),
    ("x5t", "SHA-1 thumbprint of the X.509 certificate"),
    ("x5t#S256", "SHA-256 thumbprint of the X.509 certificate"),
    ("crit", "Extensions the verifier must understand, or reject the token"),
    ("b64", "false means the payload is not base64url-encoded (RFC 7797)"),
    ("zip", "Compression of the plaintext before encryption (JWE only)"),
    ("enc", "Content encryption algorithm (JWE)"),
    ("epk", "Ephemeral public key for ECDH key agreement (JWE)"),
    ("apu", "Agreement PartyUInfo for ECDH (JWE)"),
    ("apv", "Agreement PartyVInfo for ECDH (JWE)"),
    ("iv", "Initialization vector for AES-GCM key wrapping (JWE)"),
    ("tag", "Authentication tag for AES-GCM key wrapping (JWE)"),
    ("p2s", "PBES2 salt (JWE)"),
    ("p2c", "PBES2 iteration count (JWE)"),
    ("ppt", "PASSporT extension identifier (RFC 8225)"),
    ("url", "URL the JWS is for (ACME, RFC 8555)"),
    ("nonce", "Anti-replay nonce (ACME, RFC 8555)"),
    ("svt", "Signature validation token (RFC 9321)"),
    ("trust_chain", "OpenID Federation trust chain"),
    ("iss", "Issuer replicated in the header (RFC 7519 §5.3)"),
    ("sub", "Subject replicated in the header (RFC 7519 §5.3)"),
    ("aud", "Audience replicated in the header (RFC 7519 §5.3)"),
];

fn lookup(table: &'static [(&'static str, &'static str)], name: &str) -> Option<&'static str> {
    table.iter().find(|(known, _)| *known == name).map(|(_, description)| *description)
}

/// The description of a payload claim, or `None` for a custom claim.
pub fn claim_description(name: &str) -> Option<&'static str> {
    lookup(CLAIMS, name)
}

/// The description of a header parameter, or `None` for a custom one.
pub fn header_description(name: &str) -> Option<&'static str> {
    lookup(HEADER_PARAMETERS, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_and_custom_names() {
        assert!(claim_description("exp").unwrap().starts_with("Expiration time"));
        assert!(claim_description("at_hash").is_some());
        assert!(claim_description("may_act").is_some());
        assert_eq!(claim_description("favourite_colour"), None);
        assert!(header_description("x5t#S256").is_some());
        assert_eq!(header_description("exp"), None);
    }

    #[test]
    fn tables_have_no_duplicates() {
        for table in [CLAIMS, HEADER_PARAMETERS] {
            let mut names: Vec<_> = table.iter().map(|(n, _)| *n).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(before, names.len());
        }
    }
}
