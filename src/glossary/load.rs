//! Reading glossary files and folders into a [`Glossary`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::locate::entry_positions;
use super::{Glossary, GlossaryDocument, GlossaryEntry, GlossaryFile, Locations, Origin};
use crate::error::{Error, Result};

/// Largest glossary file accepted, so that a runaway file is an error, not an
/// out-of-memory kill.
const MAX_GLOSSARY_BYTES: u64 = 256 * 1024 * 1024;

/// Loads one glossary from YAML text; `path` is used in messages and origins.
pub fn load_str(yaml: &str, path: &Path) -> Result<Glossary> {
    load_str_with(yaml, path, Locations::Recorded)
}

/// Loads one glossary from YAML text, recording entry locations or not. An
/// error always names the line: without recorded locations, a glossary that
/// fails validation is loaded again with them to say where.
pub fn load_str_with(yaml: &str, path: &Path, locations: Locations) -> Result<Glossary> {
    let glossary = parse_str_with(yaml, path, locations)?;
    match glossary.validate() {
        Ok(()) => Ok(glossary),
        Err(error) if locations == Locations::Skipped => {
            load_str_with(yaml, path, Locations::Recorded).and(Err(error))
        }
        Err(error) => Err(error),
    }
}

/// Parses one glossary from YAML text without [`Glossary::validate`]: the
/// YAML must be well-formed and typed, but duplicates and empty values are
/// kept, for `glossary lint` to report all of them rather than the first.
pub fn parse_str(yaml: &str, path: &Path) -> Result<Glossary> {
    parse_str_with(yaml, path, Locations::Recorded)
}

/// [`parse_str`], recording where each entry and key starts or not.
pub fn parse_str_with(yaml: &str, path: &Path, locations: Locations) -> Result<Glossary> {
    // The typed parse and the position pass read the same text independently:
    // run them side by side (a large glossary spends most of its load here).
    let (document, positions) = match locations {
        Locations::Recorded => rayon::join(
            || serde_yaml::from_str::<GlossaryDocument>(yaml),
            || entry_positions(yaml),
        ),
        Locations::Skipped => (serde_yaml::from_str::<GlossaryDocument>(yaml), Vec::new()),
    };
    let document: GlossaryDocument = document.map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((1, 1), |location| (location.line(), location.column()));
        Error::Glossary {
            path: path.to_path_buf(),
            line,
            column,
            message: strip_location(&error.to_string()),
        }
    })?;
    let path: Arc<Path> = Arc::from(path);
    let origin_at = |(line, column): (usize, usize)| Origin {
        path: Arc::clone(&path),
        line,
        column,
    };
    let entries: Vec<GlossaryEntry> = document
        .terms
        .into_iter()
        .enumerate()
        .map(|(index, fields)| {
            let located = positions.get(index);
            GlossaryEntry {
                fields,
                origin: origin_at(located.map_or((1, 1), |p| p.start)),
                key_origins: located
                    .map(|p| {
                        p.keys
                            .iter()
                            .map(|(key, position)| (key.clone(), origin_at(*position)))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let glossary = Glossary {
        files: vec![GlossaryFile {
            path: Arc::clone(&path),
            name: document.name,
            description: document.description,
            entry_count: entries.len(),
        }],
        entries,
    };
    Ok(glossary)
}

/// Loads a glossary file, or every `*.yaml`/`*.yml` file under a folder (in
/// path order), merged.
pub fn load_path(path: &Path) -> Result<Glossary> {
    load_paths(&[path])
}

/// Loads and merges several glossary files or folders, in order.
pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Glossary> {
    load_paths_with(paths, Locations::Recorded)
}

/// [`load_paths`], recording entry locations or not. An error always names
/// the line: without recorded locations, glossaries that fail validation are
/// loaded again with them to say where.
pub fn load_paths_with<P: AsRef<Path>>(paths: &[P], locations: Locations) -> Result<Glossary> {
    let mut texts = Vec::new();
    for path in paths {
        for file in glossary_files(path.as_ref())? {
            let text = read_glossary_text(&file)?;
            texts.push((file, text));
        }
    }
    load_texts(
        texts
            .iter()
            .map(|(file, text)| (file.as_path(), text.as_str())),
        locations,
    )
}

/// Loads and merges glossary texts, each with the path it is shown under,
/// validating the whole once. An error always names the line: without
/// recorded locations, texts that fail validation are parsed again with them
/// to say where.
pub fn load_texts<'t>(
    texts: impl Iterator<Item = (&'t Path, &'t str)> + Clone,
    locations: Locations,
) -> Result<Glossary> {
    let mut glossary = Glossary::default();
    for (path, text) in texts.clone() {
        glossary.extend_unvalidated(parse_str_with(text, path, locations)?);
    }
    match glossary.validate() {
        Ok(()) => Ok(glossary),
        Err(error) if locations == Locations::Skipped => {
            load_texts(texts, Locations::Recorded).and(Err(error))
        }
        Err(error) => Err(error),
    }
}

/// Every glossary file a path names: the file itself, or every
/// `*.yaml`/`*.yml` file under a folder, in path order.
pub fn glossary_files(path: &Path) -> Result<Vec<PathBuf>> {
    let metadata = std::fs::metadata(path).map_err(|error| Error::io(path, error))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    collect_yaml_files(path, &mut files)?;
    files.sort();
    Ok(files)
}

/// Reads a glossary file as text: size-limited, BOM stripped, UTF-8 required.
pub fn read_glossary_text(path: &Path) -> Result<String> {
    let metadata = std::fs::metadata(path).map_err(|error| Error::io(path, error))?;
    if metadata.len() > MAX_GLOSSARY_BYTES {
        return Err(Error::Glossary {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("glossary file is larger than {MAX_GLOSSARY_BYTES} bytes"),
        });
    }
    let bytes = std::fs::read(path).map_err(|error| Error::io(path, error))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| Error::Decode {
        path: path.to_path_buf(),
        offset: error.valid_up_to(),
        message: "glossary is not valid UTF-8".to_owned(),
    })?;
    Ok(text.to_owned())
}

fn collect_yaml_files(folder: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let listing = std::fs::read_dir(folder).map_err(|error| Error::io(folder, error))?;
    for item in listing {
        let item = item.map_err(|error| Error::io(folder, error))?;
        let path = item.path();
        let file_type = item.file_type().map_err(|error| Error::io(&path, error))?;
        if file_type.is_dir() {
            collect_yaml_files(&path, files)?;
        } else if path
            .extension()
            .is_some_and(|extension| extension == "yaml" || extension == "yml")
        {
            files.push(path);
        }
    }
    Ok(())
}

/// serde_yaml ends messages with " at line L column C"; the error carries the
/// position separately.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> Result<Glossary> {
        load_str(yaml, Path::new("test.yaml"))
    }

    #[test]
    fn loads_entries_with_origins() -> Result<()> {
        let glossary = load(
            "name: t\nterms:\n  - zh: 八八战略\n    en: 8-8 Strategy\n    avoid: [88th Strategy]\n",
        )?;
        assert_eq!(glossary.entries.len(), 1);
        let entry = &glossary.entries[0];
        assert_eq!((entry.origin.line, entry.origin.column), (3, 5));
        assert_eq!(entry.origin_of("avoid").line, 5);
        Ok(())
    }

    #[test]
    fn unknown_key_is_located() {
        let error = load("name: t\nterms:\n  - en: x\n    colour: red\n")
            .map(|_| ())
            .unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("test.yaml:4:5: "), "{message}");
        assert!(message.contains("unknown field `colour`"), "{message}");
    }

    #[test]
    fn wrong_type_is_located() {
        let message = load("name: t\nterms:\n  - en: x\n    avoid: 3\n")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("test.yaml:4:"), "{message}");
    }

    #[test]
    fn duplicates_and_empty_terms_are_rejected() {
        let duplicate = load(
            "name: t\nterms:\n  - zh: 全会\n    en: plenary session\n  - zh: 全会\n    en: plenum\n",
        );
        assert!(
            duplicate
                .map(|_| ())
                .unwrap_err()
                .to_string()
                .contains("test.yaml:5:")
        );
        let empty = load("name: t\nterms:\n  - zh: 全会\n    en: '  '\n");
        assert!(
            empty
                .map(|_| ())
                .unwrap_err()
                .to_string()
                .contains("is empty")
        );
        let twice =
            load("name: t\nterms:\n  - en: a\n    avoid: [x y]\n  - en: b\n    avoid: [X  Y]\n");
        assert!(
            twice
                .map(|_| ())
                .unwrap_err()
                .to_string()
                .contains("already listed")
        );
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut yaml = String::from("name: t\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let previous = level - 1;
            yaml.push_str(&format!("a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"));
        }
        yaml.push_str("terms: []\n");
        assert!(load(&yaml).is_err());
    }
}
