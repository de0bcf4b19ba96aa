//! A sparse map from offsets in a derived text to offsets in the text it came from.

/// Maps byte offsets of a derived text (a normalised view, a decoded segment)
/// back to byte offsets of the text it was derived from.
///
/// Only the points where the two texts stop advancing in step are stored: a
/// derived offset maps to the last breakpoint at or before it plus the distance
/// from that breakpoint. A text whose derivation changes no lengths has a
/// single breakpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(derived, original)` pairs, strictly increasing in `derived`.
    breakpoints: Vec<(usize, usize)>,
}

impl Default for OffsetMap {
    fn default() -> Self {
        Self {
            breakpoints: vec![(0, 0)],
        }
    }
}

impl OffsetMap {
    /// A map in which derived offset `0` is original offset `base` and the texts
    /// advance in step.
    pub fn shifted(base: usize) -> Self {
        Self {
            breakpoints: vec![(0, base)],
        }
    }

    /// States that derived offset `derived` corresponds to original offset
    /// `original`. Calls must come in increasing `derived` order.
    ///
    /// O(1): since calls come in order, only the last breakpoint matters (a
    /// binary search per character was most of the time of a check).
    #[inline]
    pub fn record(&mut self, derived: usize, original: usize) {
        let Some(last) = self.breakpoints.last_mut() else {
            self.breakpoints.push((derived, original));
            return;
        };
        if derived < last.0 {
            // Out of order (not done by this crate): the general lookup.
            if self.start_of(derived) != original {
                self.breakpoints.push((derived, original));
            }
            return;
        }
        if last.1 + (derived - last.0) == original {
            return;
        }
        if last.0 == derived {
            last.1 = original;
        } else {
            self.breakpoints.push((derived, original));
        }
    }

    /// Records the end of both texts, so that the derived end maps to the original end.
    pub fn finish(&mut self, derived_len: usize, original_len: usize) {
        self.record(derived_len, original_len);
    }

    /// The original offset of derived offset `derived`.
    pub fn start_of(&self, derived: usize) -> usize {
        let index = self
            .breakpoints
            .partition_point(|&(breakpoint, _)| breakpoint <= derived)
            .saturating_sub(1);
        let (breakpoint, original) = self.breakpoints[index];
        original + (derived - breakpoint)
    }

    /// How many breakpoints the map holds (a measure of its memory).
    pub fn breakpoint_count(&self) -> usize {
        self.breakpoints.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_map_has_one_breakpoint() {
        let mut map = OffsetMap::default();
        for offset in 0..10 {
            map.record(offset, offset);
        }
        map.finish(10, 10);
        assert_eq!(map.breakpoint_count(), 1);
        assert_eq!(map.start_of(7), 7);
    }

    #[test]
    fn contractions_and_expansions_are_recorded() {
        // original "a\r\nb": derived "a b"
        let mut map = OffsetMap::default();
        map.record(0, 0);
        map.record(1, 1);
        map.record(2, 3);
        map.finish(3, 4);
        assert_eq!(
            (map.start_of(1), map.start_of(2), map.start_of(3)),
            (1, 3, 4)
        );
    }

    #[test]
    fn records_in_step_add_nothing_and_same_offset_records_overwrite() {
        let mut map = OffsetMap::default();
        map.record(3, 3);
        map.record(4, 6);
        map.record(4, 7);
        map.record(5, 8);
        map.record(9, 20);
        assert_eq!(map.breakpoint_count(), 3);
        assert_eq!(
            (
                map.start_of(2),
                map.start_of(4),
                map.start_of(5),
                map.start_of(10)
            ),
            (2, 7, 8, 21)
        );
    }

    #[test]
    fn shifted_map_adds_base() {
        assert_eq!(OffsetMap::shifted(100).start_of(5), 105);
    }
}
