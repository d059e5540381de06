//! Variant normalisation (Tan 2015; DOMAIN.md §8.2, R-REP-002): the parsimonious, left-aligned
//! form of one biallelic record, which is a small variant's identity in Kasane.
//!
//! The steps and their order follow `bcftools norm`, so that a case imported by Kasane and the
//! same file normalised by bcftools key every variant identically: check REF against the
//! reference; trim the shared last base while all alleles share it, extending both alleles one
//! reference base to the left whenever one would become empty; then trim shared first bases
//! while both alleles keep at least one base.

use crate::variant::OneBased;

/// A biallelic variant at a 1-based position, alleles in upper case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllelePair {
    /// Position of the first base of `reference`.
    pub pos: OneBased,
    /// The reference allele.
    pub reference: Vec<u8>,
    /// The alternate allele.
    pub alternate: Vec<u8>,
}

impl AllelePair {
    /// An allele pair with both alleles upper-cased.
    pub fn new(pos: OneBased, reference: &[u8], alternate: &[u8]) -> Self {
        Self {
            pos,
            reference: reference.to_ascii_uppercase(),
            alternate: alternate.to_ascii_uppercase(),
        }
    }
}

/// The normalised form of an allele pair and what normalisation did to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The parsimonious allele pair; left-aligned when `left_aligned` is true.
    pub alleles: AllelePair,
    /// Whether the position moved (left-alignment or trimming).
    pub moved: bool,
    /// Whether the result is known to be leftmost: always for equal-length alleles, and for
    /// indels only when a reference sequence was used.
    pub left_aligned: bool,
}

/// Why an allele pair cannot be normalised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NormalizeError {
    /// REF differs from the reference sequence at its position.
    #[error("REF {found} does not match the reference ({expected}) at position {pos}")]
    ReferenceMismatch {
        /// Where REF starts.
        pos: u64,
        /// The reference bases there.
        expected: String,
        /// The REF of the record.
        found: String,
    },
    /// REF reaches past the end of the reference contig.
    #[error("REF at {pos} ends after the reference contig's last base ({length})")]
    PastContigEnd {
        /// Where REF starts.
        pos: u64,
        /// The contig's length.
        length: u64,
    },
    /// REF and ALT are the same sequence, which is not a variant.
    #[error("REF and ALT are identical ({allele}); this is not a variant")]
    IdenticalAlleles {
        /// The repeated allele.
        allele: String,
    },
    /// The span given does not hold the bases needed (REF runs past its end, or the allele
    /// shifts left of its start); not a fault of the variant: retry with a span that covers
    /// 0-based position `needed`.
    #[error("the reference span does not reach position {needed}; read a wider span")]
    BeyondSpan {
        /// The first 0-based position the span must hold.
        needed: u64,
    },
    /// An allele is empty or holds a character that is not a base.
    #[error("allele {allele:?} is not a DNA sequence (A, C, G, T, N)")]
    NotASequence {
        /// The offending allele.
        allele: String,
    },
}

/// Replaces IUPAC ambiguity codes by `N` and upper-cases, as bcftools does with the reference.
fn plain_base(base: u8) -> u8 {
    match base.to_ascii_uppercase() {
        b @ (b'A' | b'C' | b'G' | b'T' | b'N') => b,
        _ => b'N',
    }
}

/// Whether a reference base and an allele's base are the same base, as normalisation compares
/// REF with the reference (case and IUPAC codes ignored as bcftools ignores them).
pub fn reference_base_matches(reference: u8, allele: u8) -> bool {
    plain_base(reference) == plain_base(allele)
}

fn check_sequence(allele: &[u8]) -> Result<(), NormalizeError> {
    let valid = !allele.is_empty()
        && allele
            .iter()
            .all(|b| matches!(b.to_ascii_uppercase(), b'A' | b'C' | b'G' | b'T' | b'N'));
    if valid {
        Ok(())
    } else {
        Err(NormalizeError::NotASequence {
            allele: String::from_utf8_lossy(allele).into_owned(),
        })
    }
}

fn check_pair(pair: &AllelePair) -> Result<(), NormalizeError> {
    check_sequence(&pair.reference)?;
    check_sequence(&pair.alternate)?;
    if pair.reference == pair.alternate {
        return Err(NormalizeError::IdenticalAlleles {
            allele: String::from_utf8_lossy(&pair.reference).into_owned(),
        });
    }
    Ok(())
}

/// A stretch of one contig's reference sequence: what normalisation reads instead of the whole
/// contig, so an importer need not hold chromosomes in memory.
#[derive(Debug, Clone, Copy)]
pub struct ReferenceSpan<'a> {
    /// 0-based position of `bases[0]` on the contig.
    pub start: u64,
    /// The bases, upper- or lower-case as stored.
    pub bases: &'a [u8],
    /// The contig's full length, so the span's end can be told from the contig's end.
    pub contig_length: u64,
}

impl<'a> ReferenceSpan<'a> {
    /// A span holding the whole contig.
    pub fn whole(contig: &'a [u8]) -> Self {
        Self {
            start: 0,
            bases: contig,
            contig_length: contig.len() as u64,
        }
    }

    /// 0-based position one past the span's last base.
    pub fn end(&self) -> u64 {
        self.start + self.bases.len() as u64
    }

    /// The base at 0-based contig position `at`, when the span holds it.
    pub fn base(&self, at: u64) -> Option<u8> {
        let index = usize::try_from(at.checked_sub(self.start)?).ok()?;
        self.bases.get(index).copied()
    }

    /// The bases at 0-based contig positions `from..to` (inside the span).
    fn slice(&self, from: u64, to: u64) -> Option<&'a [u8]> {
        let from = usize::try_from(from.checked_sub(self.start)?).ok()?;
        let to = usize::try_from(to.checked_sub(self.start)?).ok()?;
        self.bases.get(from..to)
    }
}

/// Normalises `pair` against a span of its contig. When the span ends before REF does, or
/// left-alignment walks past the span's first base while the contig goes on, the result is
/// [`NormalizeError::BeyondSpan`] and the caller retries with a wider span.
pub fn normalize_with_reference(
    span: &ReferenceSpan<'_>,
    pair: &AllelePair,
) -> Result<Normalized, NormalizeError> {
    check_pair(pair)?;
    let start = pair.pos.offset() as u64;
    let end = start + pair.reference.len() as u64;
    if end > span.contig_length {
        return Err(NormalizeError::PastContigEnd {
            pos: pair.pos.get(),
            length: span.contig_length,
        });
    }
    let expected = span
        .slice(start, end)
        .ok_or(NormalizeError::BeyondSpan { needed: start })?;
    let matches = expected
        .iter()
        .zip(&pair.reference)
        .all(|(e, r)| plain_base(*e) == plain_base(*r));
    if !matches {
        return Err(NormalizeError::ReferenceMismatch {
            pos: pair.pos.get(),
            expected: String::from_utf8_lossy(expected).to_ascii_uppercase(),
            found: String::from_utf8_lossy(&pair.reference).into_owned(),
        });
    }
    if pair.reference.len() == 1 && pair.alternate.len() == 1 {
        return Ok(Normalized {
            alleles: pair.clone(),
            moved: false,
            left_aligned: true,
        });
    }

    let mut reference = pair.reference.clone();
    let mut alternate = pair.alternate.clone();
    let mut start = start;
    while let (Some(r), Some(a)) = (reference.last(), alternate.last()) {
        if r != a {
            break;
        }
        let shortest = reference.len().min(alternate.len());
        if shortest <= 1 && start == 0 {
            break;
        }
        reference.pop();
        alternate.pop();
        if reference.is_empty() || alternate.is_empty() {
            start -= 1;
            let base = plain_base(
                span.base(start)
                    .ok_or(NormalizeError::BeyondSpan { needed: start })?,
            );
            reference.insert(0, base);
            alternate.insert(0, base);
        }
    }
    let shared = leading_shared(&reference, &alternate);
    reference.drain(..shared);
    alternate.drain(..shared);
    start += shared as u64;
    let pos = OneBased::new(start + 1).unwrap_or(pair.pos);
    Ok(Normalized {
        moved: pos != pair.pos,
        alleles: AllelePair {
            pos,
            reference,
            alternate,
        },
        left_aligned: true,
    })
}

/// How many first bases both alleles share while both keep at least one base.
fn leading_shared(reference: &[u8], alternate: &[u8]) -> usize {
    reference
        .iter()
        .zip(alternate)
        .take(reference.len().min(alternate.len()).saturating_sub(1))
        .take_while(|(r, a)| r == a)
        .count()
}

/// Trims `pair` without a reference: parsimonious, but an indel in a repeat may not be leftmost,
/// so indels come back with `left_aligned: false` (the variant table flags them).
pub fn trim_without_reference(pair: &AllelePair) -> Result<Normalized, NormalizeError> {
    check_pair(pair)?;
    let mut reference = pair.reference.clone();
    let mut alternate = pair.alternate.clone();
    while reference.len() > 1 && alternate.len() > 1 && reference.last() == alternate.last() {
        reference.pop();
        alternate.pop();
    }
    let shared = leading_shared(&reference, &alternate);
    reference.drain(..shared);
    alternate.drain(..shared);
    let pos = pair.pos.plus(shared as u64);
    Ok(Normalized {
        moved: pos != pair.pos,
        left_aligned: reference.len() == alternate.len(),
        alleles: AllelePair {
            pos,
            reference,
            alternate,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(pos: u64, r: &str, a: &str) -> AllelePair {
        AllelePair::new(
            OneBased::new(pos).expect("positive"),
            r.as_bytes(),
            a.as_bytes(),
        )
    }

    fn normalized(contig: &str, pos: u64, r: &str, a: &str) -> (u64, String, String) {
        let n =
            normalize_with_reference(&ReferenceSpan::whole(contig.as_bytes()), &pair(pos, r, a))
                .expect("normalises");
        assert!(n.left_aligned);
        (
            n.alleles.pos.get(),
            String::from_utf8(n.alleles.reference).expect("ascii"),
            String::from_utf8(n.alleles.alternate).expect("ascii"),
        )
    }

    #[test]
    fn domain_r_rep_002_repeat_deletion_moves_to_the_left_end() {
        assert_eq!(
            normalized("GCACACAT", 5, "ACA", "A"),
            (1, "GCA".into(), "G".into())
        );
    }

    #[test]
    fn domain_r_rep_002_identical_alleles_are_refused() {
        assert_eq!(
            normalize_with_reference(&ReferenceSpan::whole(b"GCACACAT"), &pair(2, "CA", "CA")),
            Err(NormalizeError::IdenticalAlleles {
                allele: "CA".into()
            })
        );
        assert!(matches!(
            trim_without_reference(&pair(2, "CA", "ca")),
            Err(NormalizeError::IdenticalAlleles { .. })
        ));
    }

    #[test]
    fn tan_2015_figure_examples() {
        // Tan et al. 2015, Fig. 1: reference GGGCACACACAGGG, the same CA deletion written five
        // ways, all normalising to POS 3 GCA>G.
        let reference = "GGGCACACACAGGG";
        for (pos, r, a) in [
            (3, "GCA", "G"),
            (4, "CAC", "C"),
            (8, "CACA", "CA"),
            (9, "ACAG", "AG"),
            (3, "GCACA", "GCA"),
        ] {
            assert_eq!(
                normalized(reference, pos, r, a),
                (3, "GCA".into(), "G".into()),
                "{pos} {r}>{a}"
            );
        }
    }

    #[test]
    fn insertions_in_repeats_move_left_and_keep_one_anchor() {
        assert_eq!(
            normalized("GGGCACACACAGGG", 10, "C", "CAC"),
            (3, "G".into(), "GCA".into())
        );
        assert_eq!(
            normalized("ACGTTTTA", 7, "T", "TT"),
            (3, "G".into(), "GT".into())
        );
    }

    #[test]
    fn snvs_and_mnvs_are_trimmed_not_moved_beyond_their_change() {
        assert_eq!(normalized("ACGT", 2, "C", "T"), (2, "C".into(), "T".into()));
        assert_eq!(
            normalized("ACGT", 1, "ACG", "ATG"),
            (2, "C".into(), "T".into())
        );
        assert_eq!(
            normalized("ACGT", 1, "ACGT", "AGCT"),
            (2, "CG".into(), "GC".into())
        );
    }

    #[test]
    fn a_deletion_at_the_contig_start_keeps_its_right_anchor() {
        assert_eq!(
            normalized("AAAC", 1, "AA", "A"),
            (1, "AA".into(), "A".into())
        );
    }

    #[test]
    fn reference_errors_name_the_position_and_bases() {
        assert_eq!(
            normalize_with_reference(&ReferenceSpan::whole(b"ACGT"), &pair(2, "G", "T")),
            Err(NormalizeError::ReferenceMismatch {
                pos: 2,
                expected: "C".into(),
                found: "G".into()
            })
        );
        assert_eq!(
            normalize_with_reference(&ReferenceSpan::whole(b"ACGT"), &pair(4, "TA", "T")),
            Err(NormalizeError::PastContigEnd { pos: 4, length: 4 })
        );
        assert!(matches!(
            normalize_with_reference(&ReferenceSpan::whole(b"ACGT"), &pair(1, "A", "<DEL>")),
            Err(NormalizeError::NotASequence { .. })
        ));
    }

    #[test]
    fn lower_case_and_ambiguity_codes_in_the_reference_match() {
        assert_eq!(normalized("acgt", 2, "c", "t"), (2, "C".into(), "T".into()));
        assert_eq!(normalized("ACRT", 3, "N", "A"), (3, "N".into(), "A".into()));
    }

    #[test]
    fn without_a_reference_indels_are_trimmed_and_flagged() {
        let n = trim_without_reference(&pair(8, "CACA", "CA")).expect("trims");
        assert_eq!(n.alleles, pair(8, "CAC", "C"));
        assert!(!n.left_aligned);
        assert!(!n.moved);
        let snv = trim_without_reference(&pair(1, "ACG", "ATG")).expect("trims");
        assert_eq!(snv.alleles, pair(2, "C", "T"));
        assert!(snv.left_aligned && snv.moved);
    }

    #[test]
    fn a_span_that_is_too_short_asks_for_a_wider_one_and_a_wide_enough_one_agrees() {
        let contig = b"GGGCACACACAGGG";
        let deletion = pair(8, "CACA", "CA");
        let near = ReferenceSpan {
            start: 5,
            bases: &contig[5..12],
            contig_length: contig.len() as u64,
        };
        assert!(matches!(
            normalize_with_reference(&near, &deletion),
            Err(NormalizeError::BeyondSpan { needed }) if needed < 5
        ));
        let short = ReferenceSpan {
            start: 0,
            bases: &contig[..9],
            contig_length: contig.len() as u64,
        };
        assert_eq!(
            normalize_with_reference(&short, &deletion),
            Err(NormalizeError::BeyondSpan { needed: 7 }),
            "REF runs past the span's end"
        );
        let wide = ReferenceSpan {
            start: 1,
            bases: &contig[1..11],
            contig_length: contig.len() as u64,
        };
        assert_eq!(
            normalize_with_reference(&wide, &deletion),
            normalize_with_reference(&ReferenceSpan::whole(contig), &deletion)
        );
        assert_eq!(
            normalize_with_reference(&wide, &pair(14, "GA", "G")),
            Err(NormalizeError::PastContigEnd {
                pos: 14,
                length: 14
            }),
            "the contig's end is told from the span's"
        );
    }
}
