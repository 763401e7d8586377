#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| jwt_lens_fuzz::harness::crack_input(data));
