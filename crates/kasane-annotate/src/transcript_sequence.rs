//! One transcript's bases, read from the reference once: its genomic stretch (for 3′ shifting
//! and reference checks in exons and introns alike) and its spliced sequence (for codons,
//! protein changes and the 3′ UTR a lost stop reads into).

use kasane_core::gene_model::{Interval, Strand, TranscriptModel};

use crate::coding::start_phase;
use crate::coordinates::coding_span;
use crate::genetic_code::translate_codon;
use crate::sequence::{SequenceError, SequenceSource, reverse_complement};

/// A transcript's sequence: the genome over its extent and its exons spliced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptSequence {
    /// The genome position of `genome[0]`.
    start: u64,
    /// Forward-strand bases of the transcript's extent, upper-case.
    genome: Vec<u8>,
    /// The exons joined in transcription order (reverse-complemented on the reverse strand).
    spliced: Vec<u8>,
    /// 0-based indices into `spliced` of `c.1` and of the last coding base, when coding.
    coding: Option<(usize, usize)>,
    /// The protein, its final `*` included, when the coding sequence is sound: a whole first
    /// codon, whole codons and one stop, at the end.
    protein: Option<Vec<u8>>,
}

impl TranscriptSequence {
    /// Reads `transcript`'s extent from `reference`; `None` when the reference lacks it.
    pub fn read(
        transcript: &TranscriptModel,
        reference: &dyn SequenceSource,
    ) -> Result<Option<Self>, SequenceError> {
        Ok(reference
            .bases(&transcript.contig, transcript.extent)?
            .and_then(|genome| Self::from_bases(transcript, transcript.extent.start, genome)))
    }

    /// The sequence from the forward-strand bases `genome` starting at genome position
    /// `start`; `None` when they do not cover every exon.
    pub fn from_bases(transcript: &TranscriptModel, start: u64, genome: Vec<u8>) -> Option<Self> {
        let genome: Vec<u8> = genome.iter().map(u8::to_ascii_uppercase).collect();
        let end = start + genome.len() as u64;
        let mut exons = transcript.exons.clone();
        if transcript.strand == Strand::Reverse {
            exons.reverse();
        }
        let mut spliced = Vec::new();
        for exon in exons {
            if exon.start < start || exon.end >= end {
                return None;
            }
            let bases = &genome[(exon.start - start) as usize..=(exon.end - start) as usize];
            match transcript.strand {
                Strand::Forward => spliced.extend_from_slice(bases),
                Strand::Reverse => spliced.extend(reverse_complement(bases)),
            }
        }
        let coding = coding_span(transcript)
            .map(|(first, last)| ((first - 1) as usize, (last - 1) as usize))
            .filter(|(first, last)| first <= last && *last < spliced.len());
        let protein = coding
            .filter(|_| start_phase(transcript) == 0)
            .and_then(|(first, last)| sound_protein(&spliced[first..=last]));
        Some(Self {
            start,
            genome,
            spliced,
            coding,
            protein,
        })
    }

    /// The forward-strand base at genome position `pos`, if within the extent read.
    pub fn base(&self, pos: u64) -> Option<u8> {
        let index = pos.checked_sub(self.start)?;
        self.genome.get(usize::try_from(index).ok()?).copied()
    }

    /// The forward-strand bases of `interval`, if wholly within the extent read.
    pub fn bases(&self, interval: Interval) -> Option<&[u8]> {
        let from = usize::try_from(interval.start.checked_sub(self.start)?).ok()?;
        let to = usize::try_from(interval.end.checked_sub(self.start)?).ok()?;
        self.genome.get(from..=to)
    }

    /// The genome positions read, first and last.
    pub fn extent(&self) -> Interval {
        Interval {
            start: self.start,
            end: self.start + self.genome.len() as u64 - 1,
        }
    }

    /// The exons joined in transcription order.
    pub fn spliced(&self) -> &[u8] {
        &self.spliced
    }

    /// The 0-based indices into [`Self::spliced`] of `c.1` and of the last coding base.
    pub fn coding_indices(&self) -> Option<(usize, usize)> {
        self.coding
    }

    /// The reference protein (final `*` included) when the coding sequence is sound; protein
    /// changes are described only on it.
    pub fn protein(&self) -> Option<&[u8]> {
        self.protein.as_deref()
    }

    /// The reference protein's first methionine after the start (a potential start codon for
    /// the PVS1 tree's initiation-codon branch), as a residue number.
    pub fn next_methionine(&self) -> Option<u64> {
        self.protein()?
            .iter()
            .skip(1)
            .position(|&aa| aa == b'M')
            .map(|i| i as u64 + 2)
    }

    /// Whether the coding sequence starts with ATG.
    pub fn starts_with_atg(&self) -> bool {
        self.coding().is_some_and(|c| c.starts_with(b"ATG"))
    }

    /// The coding sequence from `c.1` to the last coding base, the 5′-most part's phase not
    /// removed; `None` for a non-coding transcript.
    pub fn coding(&self) -> Option<&[u8]> {
        self.coding.map(|(first, last)| &self.spliced[first..=last])
    }
}

/// The translation of `coding` when it is whole codons and has its only stop at its end (a
/// first codon other than ATG is allowed, and said on each effect).
fn sound_protein(coding: &[u8]) -> Option<Vec<u8>> {
    if !coding.len().is_multiple_of(3) {
        return None;
    }
    let protein = translate(coding);
    // Translation stops at the first stop: it must be the last codon.
    (protein.len() * 3 == coding.len() && protein.last() == Some(&b'*')).then_some(protein)
}

/// Translates `bases` codon by codon up to and including the first stop, or to the last whole
/// codon when there is none.
pub(crate) fn translate(bases: &[u8]) -> Vec<u8> {
    let mut protein = Vec::with_capacity(bases.len() / 3);
    for codon in bases.chunks_exact(3) {
        let amino_acid = translate_codon([codon[0], codon[1], codon[2]]);
        protein.push(amino_acid);
        if amino_acid == b'*' {
            break;
        }
    }
    protein
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_model::model;

    #[test]
    fn exons_are_spliced_in_transcription_order_on_either_strand() {
        let genome = b"ccATGGCCAAgtaagtccagGCTGGGATAAtt".to_vec();
        let forward = model(
            Strand::Forward,
            &[(1, 10), (21, 32)],
            &[(3, 10, 0), (21, 30, 1)],
        );
        let s = TranscriptSequence::from_bases(&forward, 1, genome.clone()).expect("covers");
        assert_eq!(s.spliced(), b"CCATGGCCAAGCTGGGATAATT");
        assert_eq!(s.coding(), Some(&b"ATGGCCAAGCTGGGATAA"[..]));
        assert_eq!(s.protein(), Some(&b"MAKLG*"[..]));
        assert_eq!((s.base(11), s.base(33)), (Some(b'G'), None));
        let reverse = model(Strand::Reverse, &[(1, 10), (21, 32)], &[]);
        let s = TranscriptSequence::from_bases(&reverse, 1, genome.clone()).expect("covers");
        assert_eq!(s.spliced(), b"AATTATCCCAGCTTGGCCATGG");
        assert_eq!(s.coding(), None);
        // Bases that stop short of the last exon cover no transcript.
        assert_eq!(
            TranscriptSequence::from_bases(&forward, 1, genome[..31].to_vec()),
            None
        );
    }
}
