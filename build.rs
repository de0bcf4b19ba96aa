//! Embeds the shipped glossary (`glossary/**/*.yaml`) into the binary.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return;
    };
    for item in listing.flatten() {
        let path = item.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "yaml" || extension == "yml")
        {
            files.push(path);
        }
    }
}

fn main() {
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let glossary_dir = manifest_dir.join("glossary");
    println!("cargo:rerun-if-changed={}", glossary_dir.display());
    let mut files = Vec::new();
    collect(&glossary_dir, &mut files);
    files.sort();
    let mut generated = String::from(
        "/// The shipped glossary files: (path shown in messages, YAML text).\npub static EMBEDDED_FILES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let shown = file
            .strip_prefix(&manifest_dir)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            generated,
            "    ({shown:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .expect("writing to a String");
    }
    generated.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_glossary.rs");
    std::fs::write(out, generated).expect("OUT_DIR is writable");
}
