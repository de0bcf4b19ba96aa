//! The glossary loader on arbitrary YAML: a located error or a glossary, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(yaml) = std::str::from_utf8(data) {
        if let Ok(glossary) = termlint::glossary::load_str(yaml, std::path::Path::new("fuzz.yaml")) {
            // A glossary that loads must compile and check.
            let checker = termlint::Checker::new(glossary);
            let _ = checker.check_target("the 88th Strategy and time nodes");
        }
    }
});
