//! Properties of the cracker's candidate sources and inner loop: the chunked wordlist reader gives
//! exactly a whole-file read's lines for any bytes and any chunking; a mask's `len`, `nth`, ranges
//! and iteration agree; any mask text gives a mask or a message, never a panic; both compression
//! paths agree with the `hmac` crate.

use hmac::{Hmac, KeyInit, Mac};
use proptest::prelude::*;
use sha2::{Sha256, Sha384, Sha512};

use jwt_lens::jose::crack::{lines_chunked, lines_cut, lines_of, Backend, Cracker, Increment, Mask};
use jwt_lens::jose::jws::Hash;

/// Bytes rich in line ends, CRs, BOM pieces and non-ASCII.
fn wordlist_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec![b'\n', b'\r', 0xef, 0xbb, 0xbf, b'a', b'z', 0xc3, 0xa9, 0]),
            1 => any::<u8>(),
        ],
        0..400,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn chunked_lines_equal_whole_file_lines(bytes in wordlist_bytes(), sizes in prop::collection::vec(0usize..40, 1..8)) {
        prop_assert_eq!(lines_chunked(&bytes, &sizes), lines_of(&bytes));
    }

    /// The page cuts a file into chunks of whole lines for the workers, each read by a reader of
    /// its own: together they give the whole file's lines, each once, and say how many.
    #[test]
    fn cut_chunks_read_apart_equal_whole_file_lines(bytes in wordlist_bytes(), sizes in prop::collection::vec(0usize..40, 1..8)) {
        let (lines, skipped) = lines_of(&bytes);
        let (got, counted, got_skipped) = lines_cut(&bytes, &sizes);
        prop_assert_eq!(&got, &lines);
        prop_assert_eq!(counted, lines.len() as u64);
        prop_assert_eq!(got_skipped, skipped);
    }

    #[test]
    fn any_mask_text_is_a_mask_or_a_message(text in "[?a-z0-9lLudhHsab1234é ]{0,12}", custom in prop::collection::vec("[?a-z0-9ld]{0,4}", 0..5)) {
        let custom: Vec<&str> = custom.iter().map(String::as_str).collect();
        match Mask::with_options(&text, &custom, None) {
            Ok(mask) => prop_assert!(!mask.is_empty()),
            Err(error) => prop_assert!(!error.message.is_empty()),
        }
    }

    #[test]
    fn mask_len_nth_ranges_and_iteration_agree(
        positions in prop::collection::vec(prop::sample::select(vec!["?d", "?h", "a", "??", "?1", "?2", "xy"]), 1..4),
        increment in prop::option::of((1usize..3, 1usize..5)),
        parts in 1usize..6,
    ) {
        let text: String = positions.concat();
        let increment = increment.map(|(min, extra)| Increment { min, max: min + extra });
        let custom = ["ab", "?1c"];
        let mask = match Mask::with_options(&text, &custom, increment) {
            Ok(mask) => mask,
            Err(_) => return Ok(()), // e.g. a shortest length past the mask's end
        };
        let mut all = Vec::new();
        let mut cursor = mask.cursor(0, u128::MAX);
        while let Some(candidate) = cursor.next_candidate() {
            all.push(candidate.to_vec());
        }
        prop_assert_eq!(all.len() as u128, mask.len());
        for (index, candidate) in all.iter().enumerate() {
            let nth = mask.nth(index as u128);
            prop_assert_eq!(nth.as_ref(), Some(candidate));
        }
        prop_assert_eq!(mask.nth(mask.len()), None);
        let mut joined = Vec::new();
        for (start, end) in mask.split(parts) {
            let mut cursor = mask.cursor(start, end);
            prop_assert_eq!(cursor.remaining(), end - start);
            while let Some(candidate) = cursor.next_candidate() {
                joined.push(candidate.to_vec());
            }
        }
        prop_assert_eq!(joined, all);
    }

    #[test]
    fn both_backends_agree_with_the_hmac_crate(
        key in prop::collection::vec(any::<u8>(), 0..200),
        message in prop::collection::vec(any::<u8>(), 0..700),
        which in 0usize..3,
    ) {
        let (hash, mac) = match which {
            0 => (Hash::Sha256, { let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap(); m.update(&message); m.finalize().into_bytes().to_vec() }),
            1 => (Hash::Sha384, { let mut m = <Hmac<Sha384> as KeyInit>::new_from_slice(&key).unwrap(); m.update(&message); m.finalize().into_bytes().to_vec() }),
            _ => (Hash::Sha512, { let mut m = <Hmac<Sha512> as KeyInit>::new_from_slice(&key).unwrap(); m.update(&message); m.finalize().into_bytes().to_vec() }),
        };
        for backend in Backend::ALL {
            let cracker = Cracker::from_parts(hash, &message, &mac, backend).unwrap();
            prop_assert!(cracker.test(&key));
            let mut other = key.clone();
            other.push(1);
            prop_assert!(!cracker.test(&other));
        }
    }
}
