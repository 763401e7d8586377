//! Content encryption (`enc`, RFC 7518 §5): AES-GCM, and AES-CBC with HMAC-SHA-2 where the tag is
//! checked (in constant time) before anything is decrypted.

use aes::{Aes128, Aes192, Aes256};
use aes_gcm::aead::consts::U12;
use aes_gcm::{AeadInOut, AesGcm, KeyInit};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::alg::ContentEncryption;
use super::error::JweError;

/// Decrypts and authenticates; lengths of the CEK, IV and tag are checked by the caller.
pub fn decrypt(enc: ContentEncryption, cek: &[u8], iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) -> Result<Vec<u8>, JweError> {
    let mismatch = JweError::TagMismatch { key_agreement: false };
    match enc {
        ContentEncryption::Gcm(16) => gcm_decrypt::<Aes128>(cek, iv, aad, ciphertext, tag),
        ContentEncryption::Gcm(24) => gcm_decrypt::<Aes192>(cek, iv, aad, ciphertext, tag),
        ContentEncryption::Gcm(_) => gcm_decrypt::<Aes256>(cek, iv, aad, ciphertext, tag),
        ContentEncryption::CbcHmac(len) => {
            let (mac_key, enc_key) = cek.split_at(len / 2);
            if !cbc_tag_matches(len, mac_key, aad, iv, ciphertext, tag) {
                return Err(mismatch);
            }
            let plaintext = match len {
                32 => cbc::Decryptor::<Aes128>::new_from_slices(enc_key, iv).map(|c| c.decrypt_padded_vec::<Pkcs7>(ciphertext)),
                48 => cbc::Decryptor::<Aes192>::new_from_slices(enc_key, iv).map(|c| c.decrypt_padded_vec::<Pkcs7>(ciphertext)),
                _ => cbc::Decryptor::<Aes256>::new_from_slices(enc_key, iv).map(|c| c.decrypt_padded_vec::<Pkcs7>(ciphertext)),
            };
            // The tag matched, so a padding error means the sender encrypted badly, not an attack.
            match plaintext {
                Ok(Ok(plaintext)) => Ok(plaintext),
                _ => Err(mismatch),
            }
        }
    }
}

/// Encrypts; returns the ciphertext and the tag.
pub fn encrypt(enc: ContentEncryption, cek: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> (Vec<u8>, Vec<u8>) {
    match enc {
        ContentEncryption::Gcm(16) => gcm_encrypt::<Aes128>(cek, iv, aad, plaintext),
        ContentEncryption::Gcm(24) => gcm_encrypt::<Aes192>(cek, iv, aad, plaintext),
        ContentEncryption::Gcm(_) => gcm_encrypt::<Aes256>(cek, iv, aad, plaintext),
        ContentEncryption::CbcHmac(len) => {
            let (mac_key, enc_key) = cek.split_at(len / 2);
            let ciphertext = match len {
                32 => cbc_encrypt::<Aes128>(enc_key, iv, plaintext),
                48 => cbc_encrypt::<Aes192>(enc_key, iv, plaintext),
                _ => cbc_encrypt::<Aes256>(enc_key, iv, plaintext),
            };
            let tag = cbc_tag(len, mac_key, aad, iv, &ciphertext);
            (ciphertext, tag)
        }
    }
}

fn cbc_encrypt<C: BlockCipherEncrypt + KeyInit>(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Vec<u8> {
    cbc::Encryptor::<C>::new_from_slices(key, iv).map(|c| c.encrypt_padded_vec::<Pkcs7>(plaintext)).unwrap_or_default()
}

fn gcm_decrypt<C>(cek: &[u8], iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) -> Result<Vec<u8>, JweError>
where
    C: BlockCipherEncrypt<BlockSize = aes::cipher::consts::U16> + KeyInit,
{
    let mismatch = JweError::TagMismatch { key_agreement: false };
    let cipher = AesGcm::<C, U12>::new_from_slice(cek).map_err(|_| mismatch.clone())?;
    let nonce = iv.try_into().map_err(|_| mismatch.clone())?;
    let tag = tag.try_into().map_err(|_| mismatch.clone())?;
    let mut buffer = ciphertext.to_vec();
    cipher.decrypt_inout_detached(nonce, aad, buffer.as_mut_slice().into(), tag).map_err(|_| mismatch)?;
    Ok(buffer)
}

fn gcm_encrypt<C>(cek: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> (Vec<u8>, Vec<u8>)
where
    C: BlockCipherEncrypt<BlockSize = aes::cipher::consts::U16> + KeyInit,
{
    let mut buffer = plaintext.to_vec();
    let tag = AesGcm::<C, U12>::new_from_slice(cek).ok().and_then(|cipher| {
        let nonce = iv.try_into().ok()?;
        cipher.encrypt_inout_detached(nonce, aad, buffer.as_mut_slice().into()).ok()
    });
    (buffer, tag.map(|tag| tag.to_vec()).unwrap_or_default())
}

/// RFC 7518 §5.2.2.1: the first half of HMAC(AAD ‖ IV ‖ ciphertext ‖ AL), AL the AAD's bit length.
fn cbc_tag(len: usize, mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let al = ((aad.len() as u64) * 8).to_be_bytes();
    let parts = [aad, iv, ciphertext, &al];
    let full = match len {
        32 => mac::<Hmac<Sha256>>(mac_key, &parts),
        48 => mac::<Hmac<Sha384>>(mac_key, &parts),
        _ => mac::<Hmac<Sha512>>(mac_key, &parts),
    };
    full[..len / 2].to_vec()
}

fn cbc_tag_matches(len: usize, mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8], tag: &[u8]) -> bool {
    let expected = cbc_tag(len, mac_key, aad, iv, ciphertext);
    // Constant time: the comparison does not stop at the first differing byte.
    expected.len() == tag.len() && expected.iter().zip(tag).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
}

fn mac<M: Mac + KeyInit>(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = <M as KeyInit>::new_from_slice(key).unwrap_or_else(|_| <M as KeyInit>::new(&Default::default()));
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}
