//! A variant's alleles trimmed to the bases that change, and moved as far 3′ on the transcript
//! as the sequence allows (the HGVS 3′ rule), without leaving the exon or intron it lies in:
//! a description that crossed an exon–intron boundary would claim a change to splicing the
//! genome does not show (VariantValidator and VEP keep to the same bound).

use kasane_core::gene_model::{Interval, Strand};

use crate::transcript_sequence::TranscriptSequence;

/// Forward-strand reference bases by genome position, as far as they were read: a
/// transcript's stretch, or a window of the genome around a variant.
pub(crate) trait Bases {
    /// The base at `pos`, if read.
    fn base(&self, pos: u64) -> Option<u8>;
    /// The bases of `interval`, if all read.
    fn bases(&self, interval: Interval) -> Option<&[u8]>;
}

impl Bases for TranscriptSequence {
    fn base(&self, pos: u64) -> Option<u8> {
        TranscriptSequence::base(self, pos)
    }
    fn bases(&self, interval: Interval) -> Option<&[u8]> {
        TranscriptSequence::bases(self, interval)
    }
}

/// A change to the genome: the `deleted` bases from `start` (none for an insertion, which goes
/// before `start`) replaced by `inserted`; forward-strand bases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    /// First deleted base, or the base an insertion goes before.
    pub start: u64,
    /// Bases removed.
    pub deleted: Vec<u8>,
    /// Bases put in their place.
    pub inserted: Vec<u8>,
}

impl Change {
    /// The change of VCF alleles `reference` to `alternate` at `pos`, their shared leading
    /// bases (the VCF anchor base) and then their shared trailing bases removed.
    pub fn trimmed(pos: u64, reference: &[u8], alternate: &[u8]) -> Self {
        let prefix = reference
            .iter()
            .zip(alternate)
            .take_while(|(r, a)| r == a)
            .count();
        let (r, a) = (&reference[prefix..], &alternate[prefix..]);
        let suffix = r
            .iter()
            .rev()
            .zip(a.iter().rev())
            .take_while(|(r, a)| r == a)
            .count();
        Self {
            start: pos + prefix as u64,
            deleted: r[..r.len() - suffix].to_vec(),
            inserted: a[..a.len() - suffix].to_vec(),
        }
    }

    /// Whether nothing is deleted.
    pub fn is_insertion(&self) -> bool {
        self.deleted.is_empty()
    }

    /// The genome bases the change touches: the deleted ones, or for an insertion the two it
    /// goes between.
    pub fn touched(&self) -> Interval {
        if self.is_insertion() {
            Interval {
                start: self.start - 1,
                end: self.start,
            }
        } else {
            Interval {
                start: self.start,
                end: self.start + self.deleted.len() as u64 - 1,
            }
        }
    }

    /// Whether the change is a pure insertion or deletion, which the 3′ rule moves; a delins
    /// stays where it is.
    fn shiftable(&self) -> bool {
        self.deleted.is_empty() != self.inserted.is_empty()
    }

    /// The change moved as far 3′ on `strand` as `sequence` allows within `bounds`.
    pub fn shifted(&self, strand: Strand, sequence: &impl Bases, bounds: Interval) -> Self {
        let mut change = self.clone();
        if !change.shiftable() {
            return change;
        }
        let base = |pos: u64| sequence.base(pos);
        // Two bases known and equal (outside the bases read, nothing moves).
        let same = |a: u64, b: u64| matches!((base(a), base(b)), (Some(x), Some(y)) if x == y);
        if change.is_insertion() {
            let inserted = &mut change.inserted;
            match strand {
                Strand::Forward => {
                    while change.start <= bounds.end
                        && base(change.start) == inserted.first().copied()
                    {
                        inserted.rotate_left(1);
                        change.start += 1;
                    }
                }
                Strand::Reverse => {
                    while change.start > bounds.start
                        && base(change.start - 1) == inserted.last().copied()
                    {
                        inserted.rotate_right(1);
                        change.start -= 1;
                    }
                }
            }
            return change;
        }
        let length = change.deleted.len() as u64;
        let mut start = change.start;
        match strand {
            Strand::Forward => {
                while start + length <= bounds.end && same(start + length, start) {
                    start += 1;
                }
            }
            Strand::Reverse => {
                while start > bounds.start && same(start - 1, start + length - 1) {
                    start -= 1;
                }
            }
        }
        let moved = Interval {
            start,
            end: start + length - 1,
        };
        if let Some(bases) = sequence.bases(moved) {
            change.start = start;
            change.deleted = bases.to_vec();
        }
        change
    }

    /// For an insertion: the stretch it copies, when the inserted bases repeat the bases
    /// just 5′ of it on the transcript (a duplication, which HGVS prefers to an insertion).
    pub fn duplicated(&self, strand: Strand, sequence: &impl Bases) -> Option<Interval> {
        if !self.is_insertion() {
            return None;
        }
        let length = self.inserted.len() as u64;
        let copied = match strand {
            Strand::Forward => Interval {
                start: self.start.checked_sub(length)?,
                end: self.start - 1,
            },
            Strand::Reverse => Interval {
                start: self.start,
                end: self.start + length - 1,
            },
        };
        (sequence.bases(copied)? == self.inserted.as_slice()).then_some(copied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_model::model;

    /// chr1:1–20 as one exon.
    fn sequence(strand: Strand) -> TranscriptSequence {
        let t = model(strand, &[(1, 20)], &[]);
        TranscriptSequence::from_bases(&t, 1, b"GATCAAAGTCTCTCGGATCC".to_vec()).expect("covers")
    }

    const WHOLE: Interval = Interval { start: 1, end: 20 };

    #[test]
    fn alleles_lose_their_anchor_and_shared_tail() {
        let c = Change::trimmed(4, b"CA", b"C");
        assert_eq!(
            (c.start, c.deleted.as_slice(), c.inserted.as_slice()),
            (5, &b"A"[..], &b""[..])
        );
        let c = Change::trimmed(10, b"CTCG", b"CG");
        assert_eq!((c.start, c.deleted.as_slice()), (11, &b"TC"[..]));
        let c = Change::trimmed(3, b"TC", b"GA");
        assert_eq!(
            (c.start, c.deleted.as_slice(), c.inserted.as_slice()),
            (3, &b"TC"[..], &b"GA"[..])
        );
    }

    #[test]
    fn deletions_move_to_the_3_prime_end_of_a_repeat_on_the_transcript_strand() {
        // AAA at 5–7: deleting the first A is deleting the last on the forward strand.
        let c = Change::trimmed(4, b"CA", b"C");
        let forward = c.shifted(Strand::Forward, &sequence(Strand::Forward), WHOLE);
        assert_eq!(forward.start, 7);
        let reverse = c.shifted(Strand::Reverse, &sequence(Strand::Reverse), WHOLE);
        assert_eq!(reverse.start, 5);
        // TCTCTC at 9–14: deleting TC at 9 becomes deleting CT… then TC at 13 (forward).
        let c = Change::trimmed(8, b"GTC", b"G");
        let forward = c.shifted(Strand::Forward, &sequence(Strand::Forward), WHOLE);
        assert_eq!(
            (forward.start, forward.deleted.as_slice()),
            (13, &b"TC"[..])
        );
        // The bounds hold it back.
        let held = c.shifted(
            Strand::Forward,
            &sequence(Strand::Forward),
            Interval { start: 1, end: 11 },
        );
        assert_eq!(held.start, 10);
    }

    #[test]
    fn insertions_move_3_prime_and_a_repeat_of_the_bases_before_is_a_duplication() {
        let s = sequence(Strand::Forward);
        // An A inserted after the C at 4 is a fourth A of 5–7: dup of 7.
        let c = Change::trimmed(4, b"C", b"CA").shifted(Strand::Forward, &s, WHOLE);
        assert_eq!((c.start, c.inserted.as_slice()), (8, &b"A"[..]));
        assert_eq!(
            c.duplicated(Strand::Forward, &s),
            Some(Interval { start: 7, end: 7 })
        );
        // On the reverse strand 3′ is to the left: the copy is of 5.
        let r = sequence(Strand::Reverse);
        let c = Change::trimmed(4, b"C", b"CA").shifted(Strand::Reverse, &r, WHOLE);
        assert_eq!(c.start, 5);
        assert_eq!(
            c.duplicated(Strand::Reverse, &r),
            Some(Interval { start: 5, end: 5 })
        );
        // GG inserted after 4 copies nothing.
        let c = Change::trimmed(4, b"C", b"CGG").shifted(Strand::Forward, &s, WHOLE);
        assert_eq!((c.start, c.duplicated(Strand::Forward, &s)), (5, None));
        // A delins stays.
        let c = Change::trimmed(3, b"TC", b"GA");
        assert_eq!(c.shifted(Strand::Forward, &s, WHOLE), c);
    }
}
