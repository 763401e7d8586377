//! HMAC candidate testing for HS256/384/512, prepared once per token.
//!
//! HMAC(K, m) = H((K0 ^ opad) ‖ H((K0 ^ ipad) ‖ m)). The inner hash's first block is the key block;
//! the header.payload blocks that follow (with their padding, which only depends on the length) are
//! the same for every candidate. So they are padded once, and for the scheduled path their message
//! schedules (with the round constants added) are computed once: a candidate pays the key block,
//! the rounds of the message blocks, and two outer blocks, and nothing is allocated.

use std::ops::ControlFlow;

use sha2::block_api::{compress256, compress512};
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::lanes::{hs256_lanes_native, hs512_lanes_native, LANES_256, LANES_512};
use super::mask::{Mask, MaskCursor};
use super::sha::*;
use super::wordlist::LineReader;
use super::target::{error, hmac_target, CrackError};
use crate::jose::jws::{Alg, Hash};
use crate::jose::token::{decode, DecodedToken};

/// How the blocks are compressed. `Library` calls the `sha2` crate's block function (SHA
/// instructions where the CPU has them: fastest natively); `Scheduled` runs hand-written rounds
/// over the schedules computed once per token (for targets without SHA instructions, as wasm);
/// `Lanes` does the same for many candidates at once (sixteen HS256 or eight HS384/512 ones: four
/// `v128` in wasm with simd128, portable groups elsewhere; keys over a block go one at a time).
/// All give the same answer; the tests hold each to the `hmac` crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Library,
    Scheduled,
    Lanes,
}

impl Backend {
    pub const ALL: [Backend; 3] = [Backend::Library, Backend::Scheduled, Backend::Lanes];

    /// What measured fastest on this target (see benches/core.rs).
    pub const DEFAULT: Backend = if cfg!(any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64")) {
        Backend::Library
    } else if super::lanes::SIMD {
        Backend::Lanes
    } else {
        Backend::Scheduled
    };
}

/// Candidates gathered for the `Lanes` backend ([`LANES_256`] at a time for HS256, [`LANES_512`]
/// for HS384/512; tested one by one otherwise), with their indices and bytes so a match can be
/// reported after the candidates themselves are gone.
struct Batch<'c> {
    cracker: &'c Cracker,
    /// How many make a batch: 0 when the candidates are tested one by one.
    size: usize,
    /// The hash's block length: a longer key is hashed first, so it is tested on its own.
    block: usize,
    keys: [[u8; 128]; LANES_256],
    lens: [usize; LANES_256],
    indices: [u128; LANES_256],
    count: usize,
}

impl<'c> Batch<'c> {
    fn new(cracker: &'c Cracker) -> Batch<'c> {
        let (size, block) = match (&cracker.engine, cracker.backend) {
            (_, Backend::Library | Backend::Scheduled) => (0, 0),
            (Engine::Sha256 { .. }, Backend::Lanes) => (LANES_256, 64),
            (Engine::Sha512 { .. }, Backend::Lanes) => (LANES_512, 128),
        };
        Batch { cracker, size, block, keys: [[0; 128]; LANES_256], lens: [0; LANES_256], indices: [0; LANES_256], count: 0 }
    }

    /// Adds a candidate; a match among the candidates tested so far, with its index.
    #[inline]
    fn push(&mut self, index: u128, candidate: &[u8]) -> Option<(u128, Vec<u8>)> {
        if self.size == 0 || candidate.len() > self.block {
            return self.cracker.test(candidate).then(|| (index, candidate.to_vec()));
        }
        let lane = self.count;
        self.keys[lane][..candidate.len()].copy_from_slice(candidate);
        self.keys[lane][candidate.len()..self.block].fill(0);
        self.lens[lane] = candidate.len();
        self.indices[lane] = index;
        self.count += 1;
        if self.count == self.size {
            return self.flush();
        }
        None
    }

    /// Tests what is gathered (a partial batch repeats its first lane).
    fn flush(&mut self) -> Option<(u128, Vec<u8>)> {
        let count = std::mem::take(&mut self.count);
        if count == 0 {
            return None;
        }
        for lane in count..self.size {
            self.keys[lane] = self.keys[0];
        }
        let matches: &[bool] = match &self.cracker.engine {
            Engine::Sha256 { schedules, target, .. } => &hs256_lanes_native(&self.keys, schedules, target),
            Engine::Sha512 { iv, out_words, schedules, target, .. } => {
                let keys = self.keys[..LANES_512].try_into().expect("LANES_512 keys");
                &hs512_lanes_native(keys, iv, *out_words, schedules, target)
            }
        };
        let lane = (0..count).find(|&lane| matches[lane])?;
        Some((self.indices[lane], self.keys[lane][..self.lens[lane]].to_vec()))
    }
}

/// An HS256/384/512 token ready to test candidate secrets against.
#[derive(Debug, Clone)]
pub struct Cracker {
    hash: Hash,
    backend: Backend,
    engine: Engine,
}

#[derive(Debug, Clone)]
enum Engine {
    Sha256 { blocks: Vec<[u8; 64]>, schedules: Vec<Schedule256>, target: [u32; 8] },
    /// SHA-384 and SHA-512: the same compression, another IV and a shorter output.
    Sha512 { iv: [u64; 8], out_words: usize, blocks: Vec<[u8; 128]>, schedules: Vec<Schedule512>, target: [u64; 8] },
}

/// Pads `message` as the inner hash sees it after one key block of `block_len` bytes, and splits it
/// into blocks. `length_bytes`: 8 for SHA-256, 16 for SHA-512.
fn padded_blocks<const N: usize>(message: &[u8], length_bytes: usize) -> Vec<[u8; N]> {
    let mut bytes = Vec::with_capacity(message.len() + N + length_bytes);
    bytes.extend_from_slice(message);
    bytes.push(0x80);
    while (bytes.len() + length_bytes) % N != 0 {
        bytes.push(0);
    }
    let bits = ((N as u128) + message.len() as u128) * 8;
    bytes.extend_from_slice(&bits.to_be_bytes()[16 - length_bytes..]);
    bytes
        .chunks_exact(N)
        .map(|chunk| {
            let mut block = [0u8; N];
            block.copy_from_slice(chunk);
            block
        })
        .collect()
}

impl Cracker {
    /// Reads a compact token (as pasted: `Bearer ` and the like are removed).
    pub fn from_token(text: &str) -> Result<Cracker, CrackError> {
        let token = decode(text).map_err(|e| error(e.to_string()))?;
        Cracker::new(&token)
    }

    pub fn new(token: &DecodedToken) -> Result<Cracker, CrackError> {
        Cracker::with_backend(token, Backend::DEFAULT)
    }

    pub fn with_backend(token: &DecodedToken, backend: Backend) -> Result<Cracker, CrackError> {
        let hash = hmac_target(token)?;
        Cracker::from_parts(hash, token.signing_input().as_bytes(), &token.signature, backend)
    }

    /// From the algorithm, the signing input (`header.payload`) and the MAC.
    pub fn from_parts(hash: Hash, signing_input: &[u8], mac: &[u8], backend: Backend) -> Result<Cracker, CrackError> {
        if mac.len() != hash.output_len() {
            return Err(error(format!(
                "the signature is {} bytes; an {} MAC is {}",
                mac.len(),
                Alg::Hmac(hash).name(),
                hash.output_len()
            )));
        }
        let scheduled = backend != Backend::Library;
        let engine = match hash {
            Hash::Sha256 => {
                let blocks = padded_blocks::<64>(signing_input, 8);
                let schedules = if scheduled { blocks.iter().map(schedule256).collect() } else { Vec::new() };
                let mut target = [0u32; 8];
                for (word, bytes) in target.iter_mut().zip(mac.chunks_exact(4)) {
                    *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
                }
                Engine::Sha256 { blocks: if scheduled { Vec::new() } else { blocks }, schedules, target }
            }
            Hash::Sha384 | Hash::Sha512 => {
                let blocks = padded_blocks::<128>(signing_input, 16);
                let schedules = if scheduled { blocks.iter().map(schedule512).collect() } else { Vec::new() };
                let mut target = [0u64; 8];
                for (word, bytes) in target.iter_mut().zip(mac.chunks_exact(8)) {
                    let mut b = [0u8; 8];
                    b.copy_from_slice(bytes);
                    *word = u64::from_be_bytes(b);
                }
                let iv = if hash == Hash::Sha384 { IV384 } else { IV512 };
                Engine::Sha512 { iv, out_words: hash.output_len() / 8, blocks: if scheduled { Vec::new() } else { blocks }, schedules, target }
            }
        };
        Ok(Cracker { hash, backend, engine })
    }

    pub fn hash(&self) -> Hash {
        self.hash
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether `secret` is the token's HMAC key.
    pub fn test(&self, secret: &[u8]) -> bool {
        match &self.engine {
            Engine::Sha256 { blocks, schedules, target } => self.test256(secret, blocks, schedules, target),
            Engine::Sha512 { iv, out_words, blocks, schedules, target } => {
                self.test512(secret, iv, *out_words, blocks, schedules, target)
            }
        }
    }

    /// The index of the first candidate that is the key (with the `Lanes` backend, up to sixteen are
    /// tested at a time).
    pub fn try_batch<'a, I: IntoIterator<Item = &'a [u8]>>(&self, candidates: I) -> Option<usize> {
        let mut batch = Batch::new(self);
        for (index, candidate) in candidates.into_iter().enumerate() {
            if let Some((found, _)) = batch.push(index as u128, candidate) {
                return Some(found as usize);
            }
        }
        batch.flush().map(|(found, _)| found as usize)
    }

    /// Tries the mask's candidates `start..end` (clamped to the mask's length); returns the index
    /// and the secret found. Workers each take a slice of indices.
    pub fn find_in_mask(&self, mask: &Mask, start: u128, end: u128) -> Option<(u128, Vec<u8>)> {
        let mut cursor: MaskCursor = mask.cursor(start, end);
        let mut batch = Batch::new(self);
        let mut index = start;
        while let Some(candidate) = cursor.next_candidate() {
            if let Some(found) = batch.push(index, candidate) {
                return Some(found);
            }
            index += 1;
        }
        batch.flush()
    }

    /// Feeds a wordlist chunk to `reader` and tests each whole line; the secret when one matched
    /// (the rest of the chunk is then not read). `tried` counts the lines tested.
    pub fn find_in_chunk(&self, reader: &mut LineReader, chunk: &[u8], tried: &mut u64) -> Option<Vec<u8>> {
        let mut batch = Batch::new(self);
        let mut found = None;
        let _ = reader.feed(chunk, |line| {
            *tried += 1;
            found = batch.push(0, line);
            if found.is_some() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
        found.or_else(|| batch.flush()).map(|(_, secret)| secret)
    }

    /// The last line of a wordlist (one without a final newline), once the file has been read.
    pub fn find_in_rest(&self, reader: &mut LineReader, tried: &mut u64) -> Option<Vec<u8>> {
        let mut found = None;
        let _ = reader.finish(|line| {
            *tried += 1;
            if self.test(line) {
                found = Some(line.to_vec());
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        });
        found
    }

    #[inline]
    fn test256(&self, secret: &[u8], blocks: &[[u8; 64]], schedules: &[Schedule256], target: &[u32; 8]) -> bool {
        let mut key = [0u8; 64];
        if secret.len() > 64 {
            key[..32].copy_from_slice(&Sha256::digest(secret));
        } else {
            key[..secret.len()].copy_from_slice(secret);
        }
        let mut inner = IV256;
        let mut outer = IV256;
        let mut last = [0u32; 64];
        if self.backend == Backend::Library {
            let ipad: [u8; 64] = std::array::from_fn(|i| key[i] ^ 0x36);
            let opad: [u8; 64] = std::array::from_fn(|i| key[i] ^ 0x5c);
            compress256(&mut inner, &[ipad]);
            compress256(&mut inner, blocks);
            compress256(&mut outer, &[opad]);
            let mut block = [0u8; 64];
            for (bytes, word) in block.chunks_exact_mut(4).zip(inner) {
                bytes.copy_from_slice(&word.to_be_bytes());
            }
            block[32] = 0x80;
            block[62..].copy_from_slice(&((64u16 + 32) * 8).to_be_bytes());
            compress256(&mut outer, &[block]);
        } else {
            let mut words = [0u32; 64];
            for (word, bytes) in words.iter_mut().zip(key.chunks_exact(4)) {
                *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            }
            let mut w = [0u32; 64];
            for i in 0..16 {
                w[i] = words[i] ^ 0x3636_3636;
            }
            schedule256_words(&mut w);
            rounds256(&mut inner, &w);
            for schedule in schedules {
                rounds256(&mut inner, schedule);
            }
            for i in 0..16 {
                w[i] = words[i] ^ 0x5c5c_5c5c;
            }
            schedule256_words(&mut w);
            rounds256(&mut outer, &w);
            last[..8].copy_from_slice(&inner);
            last[8] = 0x8000_0000;
            last[15] = (64 + 32) * 8;
            schedule256_words(&mut last);
            rounds256(&mut outer, &last);
        }
        outer == *target
    }

    #[inline]
    fn test512(&self, secret: &[u8], iv: &[u64; 8], out_words: usize, blocks: &[[u8; 128]], schedules: &[Schedule512], target: &[u64; 8]) -> bool {
        let mut key = [0u8; 128];
        if secret.len() > 128 {
            if out_words == 6 {
                key[..48].copy_from_slice(&Sha384::digest(secret));
            } else {
                key[..64].copy_from_slice(&Sha512::digest(secret));
            }
        } else {
            key[..secret.len()].copy_from_slice(secret);
        }
        let mut inner = *iv;
        let mut outer = *iv;
        let digest_bits = (out_words as u64) * 64;
        if self.backend == Backend::Library {
            let ipad: [u8; 128] = std::array::from_fn(|i| key[i] ^ 0x36);
            let opad: [u8; 128] = std::array::from_fn(|i| key[i] ^ 0x5c);
            compress512(&mut inner, &[ipad]);
            compress512(&mut inner, blocks);
            compress512(&mut outer, &[opad]);
            let mut block = [0u8; 128];
            for (bytes, word) in block.chunks_exact_mut(8).zip(&inner[..out_words]) {
                bytes.copy_from_slice(&word.to_be_bytes());
            }
            block[out_words * 8] = 0x80;
            block[120..].copy_from_slice(&(1024 + digest_bits).to_be_bytes());
            compress512(&mut outer, &[block]);
        } else {
            let mut words = [0u64; 16];
            for (word, bytes) in words.iter_mut().zip(key.chunks_exact(8)) {
                let mut b = [0u8; 8];
                b.copy_from_slice(bytes);
                *word = u64::from_be_bytes(b);
            }
            let mut w = [0u64; 80];
            for i in 0..16 {
                w[i] = words[i] ^ 0x3636_3636_3636_3636;
            }
            schedule512_words(&mut w);
            rounds512(&mut inner, &w);
            for schedule in schedules {
                rounds512(&mut inner, schedule);
            }
            for i in 0..16 {
                w[i] = words[i] ^ 0x5c5c_5c5c_5c5c_5c5c;
            }
            schedule512_words(&mut w);
            rounds512(&mut outer, &w);
            let mut last = [0u64; 80];
            last[..out_words].copy_from_slice(&inner[..out_words]);
            last[out_words] = 0x8000_0000_0000_0000;
            last[15] = 1024 + digest_bits;
            schedule512_words(&mut last);
            rounds512(&mut outer, &last);
        }
        outer[..out_words] == target[..out_words]
    }
}

/// The secret among the empty key and the bundled list's entries, if the token was signed with one.
/// Runs on every HS* token read (in the worker): `None` for other algorithms and malformed tokens.
pub fn known_secret<'a, I: IntoIterator<Item = &'a [u8]>>(token: &DecodedToken, list: I) -> Option<Vec<u8>> {
    known_secret_with(&Cracker::new(token).ok()?, list)
}

fn known_secret_with<'a, I: IntoIterator<Item = &'a [u8]>>(cracker: &Cracker, list: I) -> Option<Vec<u8>> {
    if cracker.test(b"") {
        return Some(Vec::new());
    }
    let mut batch = Batch::new(cracker);
    for (index, secret) in list.into_iter().enumerate() {
        if let Some((_, found)) = batch.push(index as u128, secret) {
            return Some(found);
        }
    }
    batch.flush().map(|(_, found)| found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::b64;
    use hmac::{Hmac, KeyInit, Mac};

    fn reference(hash: Hash, key: &[u8], message: &[u8]) -> Vec<u8> {
        macro_rules! mac {
            ($d:ty) => {{
                let mut mac = <Hmac<$d> as KeyInit>::new_from_slice(key).unwrap();
                mac.update(message);
                mac.finalize().into_bytes().to_vec()
            }};
        }
        match hash {
            Hash::Sha256 => mac!(Sha256),
            Hash::Sha384 => mac!(Sha384),
            Hash::Sha512 => mac!(Sha512),
        }
    }

    /// Every message length around the block boundaries, keys around the block size, both
    /// backends, every hash: the right key is found and a one-bit-off key is not.
    #[test]
    fn both_backends_agree_with_the_hmac_crate() {
        let keys: Vec<Vec<u8>> = [0usize, 1, 6, 32, 55, 63, 64, 65, 127, 128, 129, 300]
            .iter()
            .map(|&n| (0..n).map(|i| (i * 7 + n) as u8).collect())
            .collect();
        for hash in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
            for len in (0..300).step_by(23).chain([55, 56, 63, 64, 111, 112, 119, 120, 127, 128, 636]) {
                let message: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                for key in &keys {
                    let mac = reference(hash, key, &message);
                    for backend in Backend::ALL {
                        let cracker = Cracker::from_parts(hash, &message, &mac, backend).unwrap();
                        assert!(cracker.test(key), "{hash:?} {backend:?} len {len} key {}", key.len());
                        // In every lane of a whole batch, and in a partial batch after it.
                        let others: Vec<Vec<u8>> = (0..LANES_256 + 3).map(|i| vec![b'x'; i % 5 + 1]).collect();
                        for lane in (0..LANES_256 + 3).filter(|_| len % 2 == 0 && [0, 32, 64, 65, 128, 129].contains(&key.len())) {
                            let mut batch: Vec<&[u8]> = others.iter().map(Vec::as_slice).collect();
                            batch[lane] = key;
                            assert_eq!(cracker.try_batch(batch.iter().copied()), Some(lane), "{backend:?} lane {lane}");
                        }
                        assert_eq!(cracker.try_batch([b"no".as_slice(), b"nope", b"none"]), None);
                        let mut wrong = key.clone();
                        match wrong.first_mut() {
                            Some(byte) => *byte ^= 1,
                            // Not 0: HMAC pads keys with zeros, so "" and "\0" are the same key.
                            None => wrong.push(1),
                        }
                        assert!(!cracker.test(&wrong));
                    }
                }
            }
        }
    }

    #[test]
    fn tokens_batches_and_errors() {
        let input = format!("{}.{}", b64::encode(br#"{"alg":"HS384"}"#), b64::encode(br#"{"sub":"1"}"#));
        let mac = reference(Hash::Sha384, b"hunter2", input.as_bytes());
        let token = format!("{input}.{}", b64::encode(&mac));
        let cracker = Cracker::from_token(&token).unwrap();
        assert_eq!(cracker.hash(), Hash::Sha384);
        let candidates: [&[u8]; 4] = [b"", b"secret", b"hunter2", b"x"];
        assert_eq!(cracker.try_batch(candidates), Some(2));
        assert_eq!(cracker.try_batch(candidates[..2].iter().copied()), None);
        let decoded = decode(&token).unwrap();
        assert_eq!(known_secret(&decoded, candidates[1..].iter().copied()), Some(b"hunter2".to_vec()));
        assert_eq!(known_secret(&decoded, [b"nope".as_slice()]), None);
        // The list in batches (HS256 here, so the lanes are used), the secret in each place: in
        // the first batch, at its last lane, and in the partial batch after it.
        let input = format!("{}.{}", b64::encode(br#"{"alg":"HS256"}"#), b64::encode(b"{}"));
        let mac = reference(Hash::Sha256, b"hunter2", input.as_bytes());
        for backend in Backend::ALL {
            let cracker = Cracker::from_parts(Hash::Sha256, input.as_bytes(), &mac, backend).unwrap();
            let letters: Vec<[u8; 1]> = (b'a'..=b'z').map(|c| [c]).collect();
            for place in [0, 1, LANES_512 - 1, LANES_512, LANES_256 - 1, LANES_256, LANES_256 + 1, LANES_256 + 5] {
                let mut list: Vec<&[u8]> = letters[..LANES_256 + 6].iter().map(|c| c.as_slice()).collect();
                list[place] = b"hunter2";
                assert_eq!(known_secret_with(&cracker, list.iter().copied()), Some(b"hunter2".to_vec()), "{backend:?} {place}");
                list[place] = b"hunter3";
                assert_eq!(known_secret_with(&cracker, list.iter().copied()), None);
            }
        }

        let truncated = format!("{input}.{}", b64::encode(&mac[..10]));
        assert!(Cracker::from_token(&truncated).unwrap_err().message.contains("10 bytes"));
        let rs = format!("{}.{}.AAAA", b64::encode(br#"{"alg":"RS256"}"#), b64::encode(b"{}"));
        assert!(Cracker::from_token(&rs).unwrap_err().message.contains("not an HMAC"));
        assert!(Cracker::from_token("not a token").is_err());
    }
}
