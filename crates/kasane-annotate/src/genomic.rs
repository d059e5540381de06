//! HGVS g.: a variant described on the genome itself, 3′-shifted on the forward strand as
//! HGVS asks whatever strand a transcript lies on, and named by the chromosome's RefSeq
//! accession (`NC_000017.11:g.43045712del`), or by the contig's own name where it has none;
//! `m.` on the mitochondrial genome.

use kasane_core::contig::bare_primary_name;
use kasane_core::gene_model::{Interval, Strand};

use crate::sequence::{SequenceError, SequenceSource};
use crate::shift::{Bases, Change};

/// How far each side of a change the genome is read at first; a repeat reaching the window's
/// edge has it read again, twice as wide, up to [`MAX_WINDOW`].
const WINDOW: u64 = 256;
/// The widest window read (a repeat longer than this is described where it stops).
const MAX_WINDOW: u64 = 1 << 20;

/// Forward-strand genome bases read around a variant.
struct GenomeWindow {
    start: u64,
    bases: Vec<u8>,
}

impl Bases for GenomeWindow {
    fn base(&self, pos: u64) -> Option<u8> {
        let index = usize::try_from(pos.checked_sub(self.start)?).ok()?;
        self.bases.get(index).copied()
    }
    fn bases(&self, interval: Interval) -> Option<&[u8]> {
        let from = usize::try_from(interval.start.checked_sub(self.start)?).ok()?;
        let to = usize::try_from(interval.end.checked_sub(self.start)?).ok()?;
        self.bases.get(from..=to)
    }
}

/// Why an HGVS g. could not be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenomicError {
    /// The alleles hold something other than A, C, G and T, or are equal.
    #[error("alleles {0} and {1} are not a change of A, C, G and T bases")]
    NotAChange(String, String),
    /// The reference could not be read.
    #[error(transparent)]
    Sequence(#[from] SequenceError),
}

/// The window of `contig` around `touched`, `flank` bases each side, narrowed at the
/// contig's end; `None` when the reference lacks the contig.
fn read_window(
    reference: &dyn SequenceSource,
    contig: &str,
    touched: Interval,
    flank: u64,
) -> Result<Option<GenomeWindow>, SequenceError> {
    let start = touched.start.saturating_sub(flank).max(1);
    let mut right = flank;
    loop {
        let interval = Interval {
            start,
            end: touched.end + right,
        };
        if let Some(bases) = reference.bases(contig, interval)? {
            let bases = bases.iter().map(u8::to_ascii_uppercase).collect();
            return Ok(Some(GenomeWindow { start, bases }));
        }
        if right == 0 {
            return Ok(None);
        }
        right /= 2;
    }
}

/// The HGVS g. (m. on chrM) of VCF alleles `reference` → `alternate` at `pos` on `contig`, named
/// `accession`. A deletion or insertion is moved 3′ over `genome` (an insertion repeating the
/// bases before it is a duplication); without the reference, or where it lacks the contig,
/// only a substitution or delins (which do not move) is described, and `None` is returned for
/// the rest.
pub fn hgvs_g(
    accession: &str,
    contig: &str,
    pos: u64,
    reference: &str,
    alternate: &str,
    genome: Option<&dyn SequenceSource>,
) -> Result<Option<String>, GenomicError> {
    let is_base = |a: &str| !a.is_empty() && a.bytes().all(|b| b"ACGTacgt".contains(&b));
    if !is_base(reference) || !is_base(alternate) || reference.eq_ignore_ascii_case(alternate) {
        return Err(GenomicError::NotAChange(
            reference.to_string(),
            alternate.to_string(),
        ));
    }
    let (r, a) = (
        reference.to_ascii_uppercase().into_bytes(),
        alternate.to_ascii_uppercase().into_bytes(),
    );
    let change = Change::trimmed(pos, &r, &a);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let range = |i: Interval| match i.start == i.end {
        true => i.start.to_string(),
        false => format!("{}_{}", i.start, i.end),
    };
    let described = match (change.deleted.len(), change.inserted.len()) {
        (1, 1) => format!(
            "{}{}>{}",
            change.start,
            text(&change.deleted),
            text(&change.inserted)
        ),
        (d, i) if d > 0 && i > 0 => {
            format!(
                "{}delins{}",
                range(change.touched()),
                text(&change.inserted)
            )
        }
        _ => {
            let Some(genome) = genome else {
                return Ok(None);
            };
            let Some(moved) = shifted_3_prime(&change, genome, contig)? else {
                return Ok(None);
            };
            let window = moved.1;
            let moved = moved.0;
            if moved.is_insertion() {
                match moved.duplicated(Strand::Forward, &window) {
                    Some(copied) => format!("{}dup", range(copied)),
                    None => format!("{}ins{}", range(moved.touched()), text(&moved.inserted)),
                }
            } else {
                format!("{}del", range(moved.touched()))
            }
        }
    };
    // HGVS numbers the mitochondrial genome as m., any other as g.
    let prefix = match bare_primary_name(contig) {
        Some("MT") => "m",
        _ => "g",
    };
    Ok(Some(format!("{accession}:{prefix}.{described}")))
}

/// `change` moved as far 3′ on the forward strand as the genome allows, with the window it
/// was moved in; `None` when the reference lacks the contig.
fn shifted_3_prime(
    change: &Change,
    genome: &dyn SequenceSource,
    contig: &str,
) -> Result<Option<(Change, GenomeWindow)>, SequenceError> {
    // Wide enough to hold the copy a duplication repeats.
    let mut flank = WINDOW.max(2 * (change.deleted.len() + change.inserted.len()) as u64);
    loop {
        let Some(window) = read_window(genome, contig, change.touched(), flank)? else {
            return Ok(None);
        };
        let read = Interval {
            start: window.start,
            end: window.start + window.bases.len() as u64 - 1,
        };
        let moved = change.shifted(Strand::Forward, &window, read);
        // Stopped short of the window's end: the repeat ended there, not the bases read.
        let reached_edge = moved.touched().end + 1 >= read.end;
        let contig_end = read.end < change.touched().end + flank;
        if !reached_edge || contig_end || flank >= MAX_WINDOW {
            return Ok(Some((moved, window)));
        }
        flank *= 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-contig genome: `chr1` is `bases`.
    struct Genome(&'static [u8]);

    impl SequenceSource for Genome {
        fn bases(
            &self,
            contig: &str,
            interval: Interval,
        ) -> Result<Option<Vec<u8>>, SequenceError> {
            let from = interval.start as usize - 1;
            Ok((contig == "chr1")
                .then(|| self.0.get(from..interval.end as usize).map(<[u8]>::to_vec))
                .flatten())
        }
    }

    //                          1234567890123456789012
    const GENOME: Genome = Genome(b"GATCAAAGTCTCTCGGATCCAA");

    fn g(pos: u64, r: &str, a: &str) -> Option<String> {
        hgvs_g("NC_000001.11", "chr1", pos, r, a, Some(&GENOME)).expect("a change")
    }

    #[test]
    fn substitutions_and_delins_need_no_reference() {
        let blind = |pos, r, a| hgvs_g("NC_000001.11", "chr1", pos, r, a, None).unwrap();
        assert_eq!(blind(4, "C", "T").as_deref(), Some("NC_000001.11:g.4C>T"));
        assert_eq!(
            blind(3, "TC", "GA").as_deref(),
            Some("NC_000001.11:g.3_4delinsGA")
        );
        assert_eq!(blind(4, "CA", "C"), None);
        assert!(matches!(
            hgvs_g("NC_000001.11", "chr1", 4, "C", "N", None),
            Err(GenomicError::NotAChange(..))
        ));
    }

    #[test]
    fn deletions_and_insertions_move_3_prime_on_the_genome() {
        // AAA at 5–7: one A deleted is the last one.
        assert_eq!(g(4, "CA", "C").as_deref(), Some("NC_000001.11:g.7del"));
        // TCTCTC at 9–14: a TC deleted is 13_14; one put in duplicates 13_14.
        assert_eq!(g(8, "GTC", "G").as_deref(), Some("NC_000001.11:g.13_14del"));
        assert_eq!(g(8, "G", "GTC").as_deref(), Some("NC_000001.11:g.13_14dup"));
        assert_eq!(g(4, "C", "CA").as_deref(), Some("NC_000001.11:g.7dup"));
        assert_eq!(
            g(16, "G", "GTT").as_deref(),
            Some("NC_000001.11:g.16_17insTT")
        );
        // The last bases of the contig: the shift stops at its end.
        assert_eq!(g(20, "CA", "C").as_deref(), Some("NC_000001.11:g.22del"));
        // A contig the reference lacks: a deletion cannot be placed.
        assert_eq!(
            hgvs_g("NC_000002.12", "chr2", 4, "CA", "C", Some(&GENOME)).unwrap(),
            None
        );
    }
}
