//! HMAC-SHA-2 on many candidates at once: the rounds over vectors of lanes, one candidate per lane,
//! the header.payload schedules (the same for every lane) splatted. HS256 runs sixteen candidates
//! (four groups of four 32-bit lanes), HS384/512 eight (four groups of two 64-bit lanes). In wasm
//! with `simd128` a group is one `v128`; elsewhere a plain array, the same code path, so the native
//! tests check, bit for bit, what the wasm build computes. Natively the portable lanes are slow
//! (`Backend::Library` with SHA instructions is far faster): they exist there for the tests.
//!
//! Four groups, not one: a SHA-2 round is one long dependency chain, so four `v128` groups side
//! by side ([`Pair`] of pairs), their instructions interleaved, keep the CPU's vector units busy
//! while each chain waits. In a Chromium 156 worker (HS256, a 636-byte header.payload, the mask
//! cursor included) one thread tried 0.70 M candidates/s with one group of four lanes, 1.24 M/s
//! with two groups and 1.33 M/s with four. For HS384/512 the gain over the scalar rounds is
//! smaller, as x86 rotates a 64-bit scalar in one instruction and `i64x2` takes three: the page's
//! two workers went from 1.14 to 1.52 M/s on HS512 (a pair of pairs; eight groups were slower).
//!
//! SIMD is enabled for this path alone (`#[target_feature(enable = "simd128")]` on the
//! `*_lanes_native` functions, the `simd` feature: the crack worker's build), not for the whole
//! build: the other wasm modules, which also link the cracker (the on-sight known-secret check),
//! and every dependency stay without SIMD instructions.

use super::sha::{Schedule256, Schedule512, IV256, K256, K512};

/// How many HS256 candidates [`hs256_lanes_native`] tests at once.
pub(crate) const LANES_256: usize = 16;
/// How many HS384/512 candidates [`hs512_lanes_native`] tests at once.
pub(crate) const LANES_512: usize = 8;

/// A SHA-2 word: `u32` for SHA-256, `u64` for SHA-384/512.
pub(crate) trait Word: Copy + PartialEq + Default + 'static {
    const BYTES: usize;
    /// The word of `bytes` (`BYTES` of them), big-endian.
    fn from_be(bytes: &[u8]) -> Self;
    /// Every byte `byte` (HMAC's ipad and opad).
    fn repeat(byte: u8) -> Self;
    /// The top bit alone (the padding's 0x80).
    const TOP: Self;
    fn from_u64(value: u64) -> Self;
}

impl Word for u32 {
    const BYTES: usize = 4;
    const TOP: u32 = 1 << 31;
    #[inline(always)]
    fn from_be(b: &[u8]) -> u32 {
        u32::from_be_bytes([b[0], b[1], b[2], b[3]])
    }
    #[inline(always)]
    fn repeat(byte: u8) -> u32 {
        u32::from_ne_bytes([byte; 4])
    }
    #[inline(always)]
    fn from_u64(value: u64) -> u32 {
        value as u32
    }
}

impl Word for u64 {
    const BYTES: usize = 8;
    const TOP: u64 = 1 << 63;
    #[inline(always)]
    fn from_be(b: &[u8]) -> u64 {
        u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    }
    #[inline(always)]
    fn repeat(byte: u8) -> u64 {
        u64::from_ne_bytes([byte; 8])
    }
    #[inline(always)]
    fn from_u64(value: u64) -> u64 {
        value
    }
}

/// What tells SHA-256 from SHA-512: the word, the rounds and constants, the rotations.
pub(crate) trait Sha2 {
    type Word: Word;
    const ROUNDS: usize;
    const K: &'static [Self::Word];
    /// Σ0 (on a) and Σ1 (on e): three rotations each.
    const SIGMA0: [u32; 3];
    const SIGMA1: [u32; 3];
    /// σ0 and σ1 of the schedule: two rotations and a shift each.
    const SCHEDULE0: [u32; 3];
    const SCHEDULE1: [u32; 3];
}

pub(crate) struct Sha256Params;
impl Sha2 for Sha256Params {
    type Word = u32;
    const ROUNDS: usize = 64;
    const K: &'static [u32] = &K256;
    const SIGMA0: [u32; 3] = [2, 13, 22];
    const SIGMA1: [u32; 3] = [6, 11, 25];
    const SCHEDULE0: [u32; 3] = [7, 18, 3];
    const SCHEDULE1: [u32; 3] = [17, 19, 10];
}

pub(crate) struct Sha512Params;
impl Sha2 for Sha512Params {
    type Word = u64;
    const ROUNDS: usize = 80;
    const K: &'static [u64] = &K512;
    const SIGMA0: [u32; 3] = [28, 34, 39];
    const SIGMA1: [u32; 3] = [14, 18, 41];
    const SCHEDULE0: [u32; 3] = [1, 8, 7];
    const SCHEDULE1: [u32; 3] = [19, 61, 6];
}

/// A vector of lanes and the operations SHA-2 needs.
pub(crate) trait Lanes: Copy {
    type Word: Word;
    /// How many lanes.
    const WIDTH: usize;
    fn splat(x: Self::Word) -> Self;
    /// Lane `i` from `words[i]` (`words` holds `WIDTH` words).
    fn load(words: &[Self::Word]) -> Self;
    /// Lane `i` into `out[i]`.
    fn store(self, out: &mut [Self::Word]);
    fn add(self, other: Self) -> Self;
    fn xor(self, other: Self) -> Self;
    fn rotr(self, n: u32) -> Self;
    fn shr(self, n: u32) -> Self;
    /// Each bit from `if_one` where `self` has a 1, from `if_zero` where it has a 0 (one
    /// `v128.bitselect`): SHA-2's Ch and Maj.
    fn select(self, if_one: Self, if_zero: Self) -> Self;
}

/// The portable lanes (and the reference the wasm vectors are tested against, through the same
/// generic code): `N` words of `W`.
#[derive(Clone, Copy)]
#[cfg_attr(all(target_arch = "wasm32", feature = "simd"), allow(dead_code))]
pub(crate) struct Portable<W, const N: usize>([W; N]);

macro_rules! portable {
    ($word:ty, $n:literal) => {
        impl Lanes for Portable<$word, $n> {
            type Word = $word;
            const WIDTH: usize = $n;
            #[inline(always)]
            fn splat(x: $word) -> Self {
                Portable([x; $n])
            }
            #[inline(always)]
            fn load(words: &[$word]) -> Self {
                Portable(std::array::from_fn(|i| words[i]))
            }
            #[inline(always)]
            fn store(self, out: &mut [$word]) {
                out[..$n].copy_from_slice(&self.0);
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
    };
}
portable!(u32, 4);
portable!(u64, 2);

/// Two lane groups side by side (a pair of pairs for four): every operation is done on both, so
/// the dependency chains interleave.
#[derive(Clone, Copy)]
pub(crate) struct Pair<L>(L, L);

impl<L: Lanes> Lanes for Pair<L> {
    type Word = L::Word;
    const WIDTH: usize = 2 * L::WIDTH;
    #[inline(always)]
    fn splat(x: L::Word) -> Self {
        let half = L::splat(x);
        Pair(half, half)
    }
    #[inline(always)]
    fn load(words: &[L::Word]) -> Self {
        Pair(L::load(&words[..L::WIDTH]), L::load(&words[L::WIDTH..]))
    }
    #[inline(always)]
    fn store(self, out: &mut [L::Word]) {
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

    /// Four 32-bit lanes in one `v128`.
    #[derive(Clone, Copy)]
    pub(crate) struct Simd32(v128);
    /// Two 64-bit lanes in one `v128`.
    #[derive(Clone, Copy)]
    pub(crate) struct Simd64(v128);

    impl super::Lanes for Simd32 {
        type Word = u32;
        const WIDTH: usize = 4;
        #[inline(always)]
        fn splat(x: u32) -> Self {
            Simd32(u32x4_splat(x))
        }
        #[inline(always)]
        fn load(w: &[u32]) -> Self {
            Simd32(u32x4(w[0], w[1], w[2], w[3]))
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
            Simd32(u32x4_add(self.0, o.0))
        }
        #[inline(always)]
        fn xor(self, o: Self) -> Self {
            Simd32(v128_xor(self.0, o.0))
        }
        #[inline(always)]
        fn rotr(self, n: u32) -> Self {
            Simd32(v128_or(u32x4_shr(self.0, n), u32x4_shl(self.0, 32 - n)))
        }
        #[inline(always)]
        fn shr(self, n: u32) -> Self {
            Simd32(u32x4_shr(self.0, n))
        }
        #[inline(always)]
        fn select(self, if_one: Self, if_zero: Self) -> Self {
            Simd32(v128_bitselect(if_one.0, if_zero.0, self.0))
        }
    }

    impl super::Lanes for Simd64 {
        type Word = u64;
        const WIDTH: usize = 2;
        #[inline(always)]
        fn splat(x: u64) -> Self {
            Simd64(u64x2_splat(x))
        }
        #[inline(always)]
        fn load(w: &[u64]) -> Self {
            Simd64(u64x2(w[0], w[1]))
        }
        #[inline(always)]
        fn store(self, out: &mut [u64]) {
            out[0] = u64x2_extract_lane::<0>(self.0);
            out[1] = u64x2_extract_lane::<1>(self.0);
        }
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            Simd64(u64x2_add(self.0, o.0))
        }
        #[inline(always)]
        fn xor(self, o: Self) -> Self {
            Simd64(v128_xor(self.0, o.0))
        }
        #[inline(always)]
        fn rotr(self, n: u32) -> Self {
            Simd64(v128_or(u64x2_shr(self.0, n), u64x2_shl(self.0, 64 - n)))
        }
        #[inline(always)]
        fn shr(self, n: u32) -> Self {
            Simd64(u64x2_shr(self.0, n))
        }
        #[inline(always)]
        fn select(self, if_one: Self, if_zero: Self) -> Self {
            Simd64(v128_bitselect(if_one.0, if_zero.0, self.0))
        }
    }
}

/// Whether this build has the SIMD lanes (else the portable ones, for the tests).
pub(crate) const SIMD: bool = cfg!(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128")));

#[cfg(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128")))]
type Lanes256 = Pair<Pair<simd::Simd32>>;
#[cfg(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128")))]
type Lanes512 = Pair<Pair<simd::Simd64>>;
#[cfg(not(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128"))))]
type Lanes256 = Pair<Pair<Portable<u32, 4>>>;
#[cfg(not(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128"))))]
type Lanes512 = Pair<Pair<Portable<u64, 2>>>;

/// HS256 of [`LANES_256`] keys (the first 64 bytes of each: zero-padded, at most a block) on this
/// build's lanes. Everything it calls is `#[inline(always)]`, so the whole computation is compiled
/// inside this function, with `simd128` enabled in the crack worker.
#[cfg_attr(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128")), target_feature(enable = "simd128"))]
pub(crate) fn hs256_lanes_native(keys: &[[u8; 128]; LANES_256], schedules: &[Schedule256], target: &[u32; 8]) -> [bool; LANES_256] {
    hmac_lanes::<Sha256Params, Lanes256, LANES_256>(keys, &IV256, schedules, 8, target)
}

/// HS384 (`iv` IV384, 6 output words) or HS512 (IV512, 8) of [`LANES_512`] keys of at most a
/// 128-byte block, likewise.
#[cfg_attr(all(target_arch = "wasm32", any(feature = "simd", target_feature = "simd128")), target_feature(enable = "simd128"))]
pub(crate) fn hs512_lanes_native(keys: &[[u8; 128]; LANES_512], iv: &[u64; 8], out_words: usize, schedules: &[Schedule512], target: &[u64; 8]) -> [bool; LANES_512] {
    hmac_lanes::<Sha512Params, Lanes512, LANES_512>(keys, iv, schedules, out_words, target)
}

/// Expands `w[0..16]` into the schedule and adds the round constants.
#[inline(always)]
fn schedule<S: Sha2, L: Lanes<Word = S::Word>>(w: &mut [L; 80]) {
    let ([r0, r1, s0_shift], [r2, r3, s1_shift]) = (S::SCHEDULE0, S::SCHEDULE1);
    for i in 16..S::ROUNDS {
        let s0 = w[i - 15].rotr(r0).xor(w[i - 15].rotr(r1)).xor(w[i - 15].shr(s0_shift));
        let s1 = w[i - 2].rotr(r2).xor(w[i - 2].rotr(r3)).xor(w[i - 2].shr(s1_shift));
        w[i] = w[i - 16].add(s0).add(w[i - 7]).add(s1);
    }
    for (word, k) in w.iter_mut().zip(S::K) {
        *word = word.add(L::splat(*k));
    }
}

#[inline(always)]
fn rounds<S: Sha2, L: Lanes<Word = S::Word>>(state: &mut [L; 8], kw: impl Fn(usize) -> L) {
    let ([a0, a1, a2], [e0, e1, e2]) = (S::SIGMA0, S::SIGMA1);
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for i in 0..S::ROUNDS {
        let s1 = e.rotr(e0).xor(e.rotr(e1)).xor(e.rotr(e2));
        // Ch: f where e is 1, g where it is 0.
        let ch = e.select(f, g);
        let t1 = h.add(s1).add(ch).add(kw(i));
        let s0 = a.rotr(a0).xor(a.rotr(a1)).xor(a.rotr(a2));
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

/// HMAC of `N` keys of at most one block (zero-padded; a block is 16 words) on lanes `L` of width
/// `N`: the inner hash from `iv` over the key block and the message `schedules`, the outer hash
/// over the key block and the first `out_words` words of the inner one, compared with `target`'s
/// first `out_words`: which lanes match.
#[inline(always)]
fn hmac_lanes<S: Sha2, L: Lanes<Word = S::Word>, const N: usize>(
    keys: &[[u8; 128]; N],
    iv: &[S::Word; 8],
    schedules: &[impl AsRef<[S::Word]>],
    out_words: usize,
    target: &[S::Word; 8],
) -> [bool; N] {
    const { assert!(L::WIDTH == N) };
    let bytes = <S::Word as Word>::BYTES;
    let mut key_words = [[S::Word::default(); N]; 16];
    for (i, words) in key_words.iter_mut().enumerate() {
        for (lane, key) in keys.iter().enumerate() {
            words[lane] = S::Word::from_be(&key[bytes * i..bytes * (i + 1)]);
        }
    }
    let mut w = [L::splat(S::Word::default()); 80];
    let mut inner = iv.map(L::splat);
    for i in 0..16 {
        w[i] = L::load(&key_words[i]).xor(L::splat(S::Word::repeat(0x36)));
    }
    schedule::<S, L>(&mut w);
    rounds::<S, L>(&mut inner, |i| w[i]);
    for kw in schedules {
        let kw = kw.as_ref();
        rounds::<S, L>(&mut inner, |i| L::splat(kw[i]));
    }
    let mut outer = iv.map(L::splat);
    for i in 0..16 {
        w[i] = L::load(&key_words[i]).xor(L::splat(S::Word::repeat(0x5c)));
    }
    schedule::<S, L>(&mut w);
    rounds::<S, L>(&mut outer, |i| w[i]);
    // The outer hash's last block: the inner digest, the padding, the length in bits (a block
    // and the digest).
    w[..out_words].copy_from_slice(&inner[..out_words]);
    w[out_words] = L::splat(S::Word::TOP);
    for word in &mut w[out_words + 1..15] {
        *word = L::splat(S::Word::default());
    }
    w[15] = L::splat(S::Word::from_u64(((16 + out_words) * bytes * 8) as u64));
    schedule::<S, L>(&mut w);
    rounds::<S, L>(&mut outer, |i| w[i]);
    let mut matches = [true; N];
    let mut lanes = [S::Word::default(); N];
    for (word, expected) in outer.iter().zip(target).take(out_words) {
        word.store(&mut lanes);
        for (matched, lane) in matches.iter_mut().zip(lanes) {
            *matched &= lane == *expected;
        }
    }
    matches
}
