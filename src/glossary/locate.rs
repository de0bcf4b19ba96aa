//! Where each glossary entry and each of its keys starts in the YAML text.
//!
//! serde gives typed values but no positions; yaml-rust2's event parser gives
//! positions but no types. This pass walks the events once and keeps, for the
//! i-th item of the top-level `terms` sequence, its start and its keys' starts.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// 1-based line and column.
pub type Position = (usize, usize);

/// Positions of one entry and of its keys.
#[derive(Debug, Default, Clone)]
pub struct EntryPositions {
    /// Where the entry starts.
    pub start: Position,
    /// Where each key starts.
    pub keys: Vec<(String, Position)>,
}

/// Positions of every item of the top-level `terms` sequence, in order.
/// Returns an empty list when the YAML cannot be parsed (serde reports why).
pub fn entry_positions(yaml: &str) -> Vec<EntryPositions> {
    let mut locator = Locator::default();
    let mut parser = Parser::new_from_str(yaml);
    if parser.load(&mut locator, false).is_err() {
        return Vec::new();
    }
    locator.entries
}

/// Where the first YAML anchor or alias of `yaml` is (1-based line and
/// column), if it has one. Formatting would expand an alias into a copy and
/// lose the link, so `glossary fmt` refuses such files.
pub fn first_anchor_or_alias(yaml: &str) -> Option<Position> {
    struct Finder(Option<Position>);
    impl MarkedEventReceiver for Finder {
        fn on_event(&mut self, event: Event, mark: Marker) {
            let anchored = match event {
                Event::Alias(_) => true,
                Event::Scalar(_, _, anchor, _)
                | Event::MappingStart(anchor, _)
                | Event::SequenceStart(anchor, _) => anchor > 0,
                _ => false,
            };
            if anchored && self.0.is_none() {
                self.0 = Some((mark.line(), mark.col() + 1));
            }
        }
    }
    let mut finder = Finder(None);
    let mut parser = Parser::new_from_str(yaml);
    let _ = parser.load(&mut finder, false);
    finder.0
}

#[derive(Debug)]
enum Frame {
    Mapping {
        expect_key: bool,
        key: Option<String>,
    },
    Sequence {
        index: usize,
    },
}

#[derive(Default)]
struct Locator {
    stack: Vec<Frame>,
    entries: Vec<EntryPositions>,
}

impl Locator {
    /// Whether the node about to start is an item of the top-level `terms` sequence.
    fn at_entry(&self) -> bool {
        matches!(
            self.stack.as_slice(),
            [Frame::Mapping { key: Some(key), .. }, Frame::Sequence { .. }] if key == "terms"
        )
    }

    /// Whether the scalar about to come is a key of an entry mapping.
    fn at_entry_key(&self) -> bool {
        matches!(
            self.stack.as_slice(),
            [Frame::Mapping { key: Some(key), .. }, Frame::Sequence { .. }, Frame::Mapping { expect_key: true, .. }]
                if key == "terms"
        )
    }

    /// Bookkeeping for a node (scalar, alias or container start) in its parent.
    fn begin_node(&mut self, scalar: Option<&str>, mark: Marker) {
        let position = (mark.line(), mark.col() + 1);
        if self.at_entry() {
            self.entries.push(EntryPositions {
                start: position,
                keys: Vec::new(),
            });
        }
        if self.at_entry_key() {
            if let (Some(entry), Some(key)) = (self.entries.last_mut(), scalar) {
                // A block mapping's start event is marked after its first key;
                // the entry starts where its first key does.
                if entry.keys.is_empty() {
                    entry.start = position;
                }
                entry.keys.push((key.to_owned(), position));
            }
        }
        match self.stack.last_mut() {
            Some(Frame::Mapping { expect_key, key }) => {
                if *expect_key {
                    *key = scalar.map(str::to_owned);
                }
                *expect_key = !*expect_key;
            }
            Some(Frame::Sequence { index }) => *index += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Locator {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => self.begin_node(Some(&value), mark),
            Event::Alias(_) => self.begin_node(None, mark),
            Event::MappingStart(..) => {
                self.begin_node(None, mark);
                // A container that is a value leaves its parent expecting a key
                // again; `begin_node` already toggled that.
                self.stack.push(Frame::Mapping {
                    expect_key: true,
                    key: None,
                });
            }
            Event::SequenceStart(..) => {
                self.begin_node(None, mark);
                self.stack.push(Frame::Sequence { index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_anchors_and_aliases() {
        assert_eq!(first_anchor_or_alias("name: x\nterms: []\n"), None);
        let yaml = "name: x\nshared: &s [a]\nterms:\n  - en: b\n    accept: *s\n";
        assert_eq!(first_anchor_or_alias(yaml).map(|(line, _)| line), Some(2));
    }

    #[test]
    fn finds_entries_and_their_keys() {
        let yaml = "name: x\nterms:\n  - zh: 八八战略\n    en: 8-8 Strategy\n    avoid: [a, b]\n  - en: deadlines\n    avoid:\n      - time nodes\n";
        let entries = entry_positions(yaml);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].start, (3, 5));
        assert_eq!(entries[0].keys[1], ("en".to_owned(), (4, 5)));
        assert_eq!(entries[0].keys[2].0, "avoid");
        assert_eq!(entries[1].start, (6, 5));
        assert_eq!(entries[1].keys.len(), 2);
    }
}
