//! HS256 on sixteen candidates at once: SHA-256's rounds over vectors of 32-bit lanes, one
//! candidate per lane, the header.payload schedules (the same for every lane) splatted. In wasm
//! with `simd128` a lane group is one `v128` of four; elsewhere a plain `[u32; 4]`, the same code
//! path, so the native tests check, bit for bit, what the wasm build computes. Natively the
//! portable lanes are slow (`Backend::Library` with SHA instructions is far faster): they exist
//! there for the tests.
//!
//! Sixteen, not four: a SHA-256 round is one long dependency chain, so four `v128` groups side by
//! side ([`Pair`] of pairs), their instructions interleaved, keep the CPU's vector units busy while
//! each chain waits. In a Chromium 156 worker (HS256, a 636-byte header.payload, the mask cursor
//! included) one thread tried 0.70 M candidates/s with four lanes, 1.24 M/s with eight and
//! 1.33 M/s with sixteen.
//!
//! SIMD is enabled for this path alone (`#[target_feature(enable = "simd128")]` on
//! [`hs256_lanes_native`], the `simd` feature: the crack worker's build), not for the whole build:
//! the other wasm modules, which also link the cracker (the on-sight known-secret check), and
//! every dependency stay without SIMD instructions.

use super::sha::{Schedule256, IV256, K256};

/// How many candidates [`hs256_lanes_native`] tests at once.
pub(crate) const LANES: usize = 16;

/// A vector of 32-bit lanes and the operations SHA-256 needs.
pub(crate) trait Lanes: Copy {
    /// How many lanes.
    const WIDTH: usize;
    fn splat(x: u32) -> Self;
    /// Lane `i` from `words[i]` (`words` holds `WIDTH` words).
    fn load(words: &[u32]) -> Self;
    /// Lane `i` into `out[i]`.
    fn store(self, out: &mut [u32]);
    fn add(self, other: Self) -> Self;
    fn xor(self, other: Self) -> Self;
    fn rotr(self, n: u32) -> Self;
    fn shr(self, n: u32) -> Self;
    /// Each bit from `if_one` where `self` has a 1, from `if_zero` where it has a 0 (one
    /// `v128.bitselect`): SHA-256's Ch and Maj.
    fn select(self, if_one: Self, if_zero: Self) -> Self;
}

/// The portable lanes (and the reference the wasm vectors are tested against, through the same
/// generic code).
#[derive(Clone, Copy)]
#[cfg_attr(all(target_arch = "wasm32", feature = "simd"), allow(dead_code))]
pub(crate) struct Portable([u32; 4]);

impl Lanes for Portable {
    const WIDTH: usize = 4;
    #[inline(always)]
    fn splat(x: u32) -> Self {
        Portable([x; 4])
    }
    #[inline(always)]
    fn load(words: &[u32]) -> Self {
        Portable([words[0], words[1], words[2], words[3]])
    }
    #[inline(always)]
    fn store(self, out: &mut [u32]) {
        out[..4].copy_from_slice(&self.0);
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Portable(std::array::from_fn(|i| self.0[i].wrapping_add(o.0[i])))
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        Portable(std::array::from_fn(|i| self.0[i] ^ o.0[i]))
    }
    #[inline(always)]
    fn rotr(self, n: u32) -> Self {
        Portable(self.0.map(|x| x.rotate_right(n)))
    }
    #[inline(always)]
    fn shr(self, n: u32) -> Self {
        Portable(self.0.map(|x| x >> n))
    }
    #[inline(always)]
    fn select(self, if_one: Self, if_zero: Self) -> Self {
        Portable(std::array::from_fn(|i| (if_one.0[i] & self.0[i]) | (if_zero.0[i] & !self.0[i])))
    }
}

/// Two lane groups side by side (a pair of pairs for sixteen lanes): every operation is done on both, so the two dependency chains
/// interleave.
#[derive(Clone, Copy)]
pub(crate) struct Pair<L>(L, L);

impl<L: Lanes> Lanes for Pair<L> {
    const WIDTH: usize = 2 * L::WIDTH;
    #[inline(always)]
    fn splat(x: u32) -> Self {
        let half = L::splat(x);
        Pair(half, half)
    }
    #[inline(always)]
    fn load(words: &[u32]) -> Self {
        Pair(L::load(&words[..L::WIDTH]), L::load(&words[L::WIDTH..]))
    }
    #[inline(always)]
    fn store(self, out: &mut [u32]) {
        self.0.store(&mut out[..L::WIDTH]);
        self.1.store(&mut out[L::WIDTH..]);
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Pair(self.0.add(o.0), self.1.add(o.1))
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        Pair(self.0.xor(o.0), self.1.xor(o.1))
    }
    #[inline(always)]
    fn rotr(self, n: u32) -> Self {
        Pair(self.0.rotr(n), self.1.rotr(n))
    }
    #[inline(always)]
    fn shr(self, n: u32) -> Self {
        Pair(self.0.shr(n), self.1.shr(n))
    }
    #[inline(always)]
    fn select(self, if_one: Self, if_zero: Self) -> Self {
        Pair(self.0.select(if_one.0, if_zero.0), self.1.select(if_one.1, if_zero.1))
    }
}

#[cfg(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128")))]
mod simd {
    use core::arch::wasm32::*;

    #[derive(Clone, Copy)]
    pub(crate) struct Simd(pub(crate) v128);

    impl super::Lanes for Simd {
        const WIDTH: usize = 4;
        #[inline(always)]
        fn splat(x: u32) -> Self {
            Simd(u32x4_splat(x))
        }
        #[inline(always)]
        fn load(w: &[u32]) -> Self {
            Simd(u32x4(w[0], w[1], w[2], w[3]))
        }
        #[inline(always)]
        fn store(self, out: &mut [u32]) {
            out[0] = u32x4_extract_lane::<0>(self.0);
            out[1] = u32x4_extract_lane::<1>(self.0);
            out[2] = u32x4_extract_lane::<2>(self.0);
            out[3] = u32x4_extract_lane::<3>(self.0);
        }
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            Simd(u32x4_add(self.0, o.0))
        }
        #[inline(always)]
        fn xor(self, o: Self) -> Self {
            Simd(v128_xor(self.0, o.0))
        }
        #[inline(always)]
        fn rotr(self, n: u32) -> Self {
            Simd(v128_or(u32x4_shr(self.0, n), u32x4_shl(self.0, 32 - n)))
        }
        #[inline(always)]
        fn shr(self, n: u32) -> Self {
            Simd(u32x4_shr(self.0, n))
        }
        #[inline(always)]
        fn select(self, if_one: Self, if_zero: Self) -> Self {
            Simd(v128_bitselect(if_one.0, if_zero.0, self.0))
        }
    }
}

/// Whether this build has the SIMD lanes (else the portable ones, for the tests).
pub(crate) const SIMD: bool = cfg!(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128")));

/// HS256 of [`LANES`] keys on this build's lanes: four `v128` per word with SIMD. Everything it
/// calls is `#[inline(always)]`, so the whole computation is compiled inside this function, with
/// `simd128` enabled.
#[cfg(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128")))]
#[target_feature(enable = "simd128")]
pub(crate) fn hs256_lanes_native(keys: &[[u8; 64]; LANES], schedules: &[Schedule256], target: &[u32; 8]) -> [bool; LANES] {
    hs256_lanes::<Pair<Pair<simd::Simd>>, LANES>(keys, schedules, target)
}

#[cfg(not(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128"))))]
pub(crate) fn hs256_lanes_native(keys: &[[u8; 64]; LANES], schedules: &[Schedule256], target: &[u32; 8]) -> [bool; LANES] {
    hs256_lanes::<Pair<Pair<Portable>>, LANES>(keys, schedules, target)
}

/// Expands `w[0..16]` into the schedule and adds the round constants.
#[inline(always)]
fn schedule<L: Lanes>(w: &mut [L; 64]) {
    for i in 16..64 {
        let s0 = w[i - 15].rotr(7).xor(w[i - 15].rotr(18)).xor(w[i - 15].shr(3));
        let s1 = w[i - 2].rotr(17).xor(w[i - 2].rotr(19)).xor(w[i - 2].shr(10));
        w[i] = w[i - 16].add(s0).add(w[i - 7]).add(s1);
    }
    for i in 0..64 {
        w[i] = w[i].add(L::splat(K256[i]));
    }
}

#[inline(always)]
fn rounds<L: Lanes>(state: &mut [L; 8], kw: impl Fn(usize) -> L) {
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for i in 0..64 {
        let s1 = e.rotr(6).xor(e.rotr(11)).xor(e.rotr(25));
        // Ch: f where e is 1, g where it is 0.
        let ch = e.select(f, g);
        let t1 = h.add(s1).add(ch).add(kw(i));
        let s0 = a.rotr(2).xor(a.rotr(13)).xor(a.rotr(22));
        // Maj: the bit of a (= b) where a and b agree, else c's.
        let maj = a.xor(b).select(c, a);
        let t2 = s0.add(maj);
        h = g;
        g = f;
        f = e;
        e = d.add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.add(t2);
    }
    for (word, add) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *word = word.add(add);
    }
}

/// HMAC-SHA256 of `N` keys of at most 64 bytes (already zero-padded to 64) on lanes `L` of
/// width `N`, compared with `target`: which lanes match.
#[inline(always)]
pub(crate) fn hs256_lanes<L: Lanes, const N: usize>(keys: &[[u8; 64]; N], schedules: &[Schedule256], target: &[u32; 8]) -> [bool; N] {
    const { assert!(L::WIDTH == N) };
    let mut key_words = [[0u32; N]; 16];
    for (i, words) in key_words.iter_mut().enumerate() {
        for (lane, key) in keys.iter().enumerate() {
            words[lane] = u32::from_be_bytes([key[4 * i], key[4 * i + 1], key[4 * i + 2], key[4 * i + 3]]);
        }
    }
    let mut w = [L::splat(0); 64];
    let mut inner = IV256.map(L::splat);
    for i in 0..16 {
        w[i] = L::load(&key_words[i]).xor(L::splat(0x3636_3636));
    }
    schedule(&mut w);
    rounds(&mut inner, |i| w[i]);
    for kw in schedules {
        rounds(&mut inner, |i| L::splat(kw[i]));
    }
    let mut outer = IV256.map(L::splat);
    for i in 0..16 {
        w[i] = L::load(&key_words[i]).xor(L::splat(0x5c5c_5c5c));
    }
    schedule(&mut w);
    rounds(&mut outer, |i| w[i]);
    w[..8].copy_from_slice(&inner);
    w[8] = L::splat(0x8000_0000);
    for word in &mut w[9..15] {
        *word = L::splat(0);
    }
    w[15] = L::splat((64 + 32) * 8);
    schedule(&mut w);
    rounds(&mut outer, |i| w[i]);
    let mut matches = [true; N];
    let mut lanes = [0u32; N];
    for (word, expected) in outer.iter().zip(target) {
        word.store(&mut lanes);
        for (matched, lane) in matches.iter_mut().zip(lanes) {
            *matched &= lane == *expected;
        }
    }
    matches
}
