//! Decoding arbitrary bytes: text, binary or a located error; text re-encodes to a decodable form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::input::decode;

fuzz_target!(|data: &[u8]| {
    match decode(data, None) {
        Ok(Some((text, encoding))) => {
            let encoded = encoding.encode(&text);
            let again = decode(&encoded, Some(encoding)).expect("re-encoded text decodes");
            assert_eq!(again.map(|(t, _)| t), Some(text));
        }
        Ok(None) => {}
        Err((offset, _)) => assert!(offset <= data.len()),
    }
});
