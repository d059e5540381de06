//! The HGVS p. description of a protein change, from the reference protein and the protein the
//! variant sequence translates to (HGVS Nomenclature, "Protein": substitution, deletion,
//! duplication, insertion, delins, frameshift, extension). Descriptions are predicted, so in
//! parentheses, with three-letter amino acids and `Ter` for a stop (`p.(Gln1756ProfsTer74)`,
//! `p.(Ter110GlnextTer17)`); the 3′ rule holds because the shared prefix is taken before the
//! shared suffix.

use kasane_core::gene_model::Interval;

use crate::genetic_code::three_letter;

/// What kind of change the protein undergoes; the consequence terms follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProteinChangeKind {
    /// The same protein.
    Unchanged,
    /// One amino acid replaced by another.
    Substitution,
    /// Amino acids removed.
    Deletion,
    /// Amino acids added (a duplication included).
    Insertion,
    /// Amino acids replaced by a different number of others, or by several.
    Delins,
    /// A stop codon earlier than the reference's.
    StopGained,
    /// The stop codon lost: the protein runs on (to a new stop, or past the sequence known).
    Extension,
    /// The reading frame shifted.
    Frameshift,
    /// The change runs through the stop codon to an end that cannot be named.
    Unknown,
}

/// A protein change and its HGVS description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProteinChange {
    pub kind: ProteinChangeKind,
    /// `p.(…)`.
    pub hgvs: String,
    /// First and last reference codon changed (1-based).
    pub codons: Interval,
    /// Reference and variant amino acids (one-letter, `-` for none).
    pub amino_acids: (String, String),
    /// For a premature stop: its index (0-based codon) in the variant protein.
    pub premature_stop: Option<usize>,
}

fn residues(protein: &[u8]) -> String {
    protein.iter().map(|aa| three_letter(*aa)).collect()
}

fn letters(protein: &[u8]) -> String {
    if protein.is_empty() {
        "-".to_string()
    } else {
        String::from_utf8_lossy(protein).into_owned()
    }
}

/// `Lys3` for the 0-based index 2.
fn named(protein: &[u8], index: usize) -> String {
    format!("{}{}", three_letter(protein[index]), index + 1)
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Describes the change from `reference` (the reference protein, its final `*` included) to
/// `variant` (the variant sequence translated from the same start up to its first stop,
/// included, or to the end of the sequence known without one). `frameshift` says the variant
/// shifts the frame; `keeps_reference_stop` that the variant's stop ends on the reference's own
/// stop codon's last base (moved only by the variant's change in length); `last_changed_codon` is the
/// 0-based index of the last reference codon the variant's bases touch.
pub(crate) fn describe(
    reference: &[u8],
    variant: &[u8],
    frameshift: bool,
    keeps_reference_stop: bool,
    last_changed_codon: usize,
) -> ProteinChange {
    let p = common_prefix(reference, variant);
    let one = |kind, hgvs: String, premature_stop| ProteinChange {
        kind,
        hgvs,
        codons: Interval {
            start: p as u64 + 1,
            end: p as u64 + 1,
        },
        amino_acids: (
            letters(reference.get(p..=p).unwrap_or_default()),
            letters(variant.get(p..=p).unwrap_or_default()),
        ),
        premature_stop,
    };
    let terminated = variant.last() == Some(&b'*');
    if variant == reference {
        // The same protein: synonymous, or a stop retained.
        let codon = last_changed_codon.min(reference.len() - 1);
        return ProteinChange {
            kind: ProteinChangeKind::Unchanged,
            hgvs: format!("p.({}=)", named(reference, codon)),
            codons: Interval {
                start: codon as u64 + 1,
                end: codon as u64 + 1,
            },
            amino_acids: (
                letters(&reference[codon..=codon]),
                letters(&reference[codon..=codon]),
            ),
            premature_stop: None,
        };
    }
    // Codons put in just before the reference's own stop: an insertion, not an extension.
    let inserted_before_stop = !frameshift && keeps_reference_stop && reference[p] == b'*';
    if reference[p] == b'*' && !inserted_before_stop {
        // The stop codon itself is the first change: an extension to the next stop.
        let Some(&new) = variant.get(p) else {
            return one(ProteinChangeKind::Unknown, "p.?".to_string(), None);
        };
        let tail = if terminated {
            (variant.len() - 1 - p).to_string()
        } else {
            "?".to_string()
        };
        return one(
            ProteinChangeKind::Extension,
            format!("p.(Ter{}{}extTer{tail})", p + 1, three_letter(new)),
            None,
        );
    }
    if variant.get(p) == Some(&b'*') && (frameshift || !keeps_reference_stop) {
        // A new stop in place of the first amino acid changed (nonsense), whatever the frame.
        return one(
            ProteinChangeKind::StopGained,
            format!("p.({}Ter)", named(reference, p)),
            Some(p),
        );
    }
    if frameshift {
        let Some(&new) = variant.get(p) else {
            return one(
                ProteinChangeKind::Frameshift,
                format!("p.({}fs)", named(reference, p)),
                None,
            );
        };
        let (length, stop) = if terminated {
            let stop = variant.len() - 1;
            ((stop - p + 1).to_string(), Some(stop))
        } else {
            ("?".to_string(), None)
        };
        return one(
            ProteinChangeKind::Frameshift,
            format!(
                "p.({}{}fsTer{length})",
                named(reference, p),
                three_letter(new)
            ),
            stop,
        );
    }
    let stop_index = reference.len() - 1;
    if !keeps_reference_stop {
        if terminated && variant.len() < reference.len() {
            // A new stop inside the changed codons: the codons replaced, up to the stop.
            let last = last_changed_codon.clamp(p, stop_index - 1);
            let range = if last == p {
                named(reference, p)
            } else {
                format!("{}_{}", named(reference, p), named(reference, last))
            };
            return ProteinChange {
                kind: ProteinChangeKind::StopGained,
                hgvs: format!("p.({range}delins{})", residues(&variant[p..])),
                codons: Interval {
                    start: p as u64 + 1,
                    end: last as u64 + 1,
                },
                amino_acids: (letters(&reference[p..=last]), letters(&variant[p..])),
                premature_stop: Some(variant.len() - 1),
            };
        }
        if !terminated {
            // The stop is lost, and the sequence read ends before a new one: the protein's
            // end is unknown, but not that it runs on.
            return ProteinChange {
                kind: ProteinChangeKind::Extension,
                hgvs: "p.?".to_string(),
                codons: Interval {
                    start: p as u64 + 1,
                    end: stop_index as u64 + 1,
                },
                amino_acids: (letters(&reference[p..]), letters(&variant[p..])),
                premature_stop: None,
            };
        }
        // The stop lost within a longer change, and a new one further on.
        return ProteinChange {
            kind: ProteinChangeKind::Extension,
            hgvs: format!(
                "p.({}_{}delins{})",
                named(reference, p),
                named(reference, stop_index),
                residues(&variant[p..])
            ),
            codons: Interval {
                start: p as u64 + 1,
                end: stop_index as u64 + 1,
            },
            amino_acids: (letters(&reference[p..]), letters(&variant[p..])),
            premature_stop: None,
        };
    }
    let q = common_suffix(&reference[p..], &variant[p..]);
    let removed = &reference[p..reference.len() - q];
    let added = &variant[p..variant.len() - q];
    let span = |first: usize, last: usize| Interval {
        start: first as u64 + 1,
        end: last as u64 + 1,
    };
    let range = |first: usize, last: usize| {
        if first == last {
            named(reference, first)
        } else {
            format!("{}_{}", named(reference, first), named(reference, last))
        }
    };
    let amino_acids = (letters(removed), letters(added));
    let (kind, hgvs, codons) = match (removed.len(), added.len()) {
        (0, k) if p >= k && &reference[p - k..p] == added => (
            ProteinChangeKind::Insertion,
            format!("p.({}dup)", range(p - k, p - 1)),
            span(p - k, p - 1),
        ),
        (0, _) if p == 0 => (ProteinChangeKind::Unknown, "p.?".to_string(), span(0, 0)),
        (0, _) => (
            ProteinChangeKind::Insertion,
            format!("p.({}ins{})", range(p - 1, p), residues(added)),
            span(p - 1, p),
        ),
        (r, 0) => (
            ProteinChangeKind::Deletion,
            format!("p.({}del)", range(p, p + r - 1)),
            span(p, p + r - 1),
        ),
        (1, 1) => (
            ProteinChangeKind::Substitution,
            format!("p.({}{})", named(reference, p), three_letter(added[0])),
            span(p, p),
        ),
        (r, _) => (
            ProteinChangeKind::Delins,
            format!("p.({}delins{})", range(p, p + r - 1), residues(added)),
            span(p, p + r - 1),
        ),
    };
    ProteinChange {
        kind,
        hgvs,
        codons,
        amino_acids,
        premature_stop: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hgvs(reference: &str, variant: &str, frameshift: bool, keeps: bool) -> String {
        describe(
            reference.as_bytes(),
            variant.as_bytes(),
            frameshift,
            keeps,
            0,
        )
        .hgvs
    }

    #[test]
    fn in_frame_changes_follow_the_3_prime_rule() {
        let r = "MAKKLG*";
        assert_eq!(hgvs(r, "MAKLG*", false, true), "p.(Lys4del)");
        assert_eq!(hgvs(r, "MAKKKLG*", false, true), "p.(Lys4dup)");
        assert_eq!(hgvs(r, "MAKKLKKLG*", false, true), "p.(Lys3_Leu5dup)");
        assert_eq!(hgvs(r, "MAKKWLG*", false, true), "p.(Lys4_Leu5insTrp)");
        assert_eq!(hgvs(r, "MALG*", false, true), "p.(Lys3_Lys4del)");
        assert_eq!(hgvs(r, "MAKWLG*", false, true), "p.(Lys4Trp)");
        assert_eq!(
            hgvs(r, "MAWWWLG*", false, true),
            "p.(Lys3_Lys4delinsTrpTrpTrp)"
        );
    }

    #[test]
    fn stops_gained_lost_and_frameshifts_name_the_new_stop() {
        let r = "MAKKLG*";
        assert_eq!(hgvs(r, "MA*", false, false), "p.(Lys3Ter)");
        assert_eq!(hgvs(r, "MA*", true, false), "p.(Lys3Ter)");
        assert_eq!(hgvs(r, "MAKRPQW*", true, false), "p.(Lys4ArgfsTer5)");
        assert_eq!(hgvs(r, "MAKRPQW", true, false), "p.(Lys4ArgfsTer?)");
        assert_eq!(hgvs(r, "MAKKLGQRS*", false, false), "p.(Ter7GlnextTer3)");
        assert_eq!(hgvs(r, "MAKKLGQRS", false, false), "p.(Ter7GlnextTer?)");
        // The codon before the stop deleted: the reference's own stop follows.
        assert_eq!(hgvs(r, "MAKKL*", false, true), "p.(Gly6del)");
        // A codon put in before the stop, which the stop's own bases then close.
        let before_stop = describe(r.as_bytes(), b"MAKKLGC*", false, true, 6);
        assert_eq!(before_stop.hgvs, "p.(Gly6_Ter7insCys)");
        assert_eq!(before_stop.kind, ProteinChangeKind::Insertion);
        // Two codons became Leu and a stop.
        let change = describe(r.as_bytes(), b"MAL*", false, false, 3);
        assert_eq!(change.hgvs, "p.(Lys3_Lys4delinsLeuTer)");
        assert_eq!(change.kind, ProteinChangeKind::StopGained);
        assert_eq!(change.premature_stop, Some(3));
        // The codon before the stop and the stop merged into one amino acid, with no stop in
        // the sequence known after it: a stop loss of unknown end.
        let lost = describe(r.as_bytes(), b"MAKKLR", false, false, 5);
        assert_eq!(
            (lost.kind, lost.hgvs.as_str()),
            (ProteinChangeKind::Extension, "p.?")
        );
    }

    #[test]
    fn an_unchanged_protein_is_named_at_the_codon_touched() {
        let change = describe(b"MAKKLG*", b"MAKKLG*", false, true, 6);
        assert_eq!(
            (change.kind, change.hgvs.as_str()),
            (ProteinChangeKind::Unchanged, "p.(Ter7=)")
        );
        assert_eq!(hgvs("MAKKLG*", "MAKKLG*", false, true), "p.(Met1=)");
    }
}
