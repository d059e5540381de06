//! Sequence Ontology consequence terms as VEP spells and ranks them, and the position rules
//! that every kind of variant shares: up- and downstream flanks, VEP's splice region and its
//! finer splice terms (release 105, the SpliceRegion plugin's definitions).

use serde::{Deserialize, Serialize};

use kasane_core::consequence::severity_rank;
use kasane_core::gene_model::{Strand, TranscriptModel};

use crate::coordinates::intron_distances;

/// A Sequence Ontology consequence term, serialised in VEP's spelling (its SO term).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Consequence {
    /// A structural variant deleting the whole transcript.
    TranscriptAblation,
    /// A structural variant copying the whole transcript.
    TranscriptAmplification,
    /// A structural variant removing part of the transcript, or breaking it.
    FeatureTruncation,
    /// A structural variant adding to the transcript (a partial duplication).
    FeatureElongation,
    /// On a coding transcript, with no finer term (a whole-transcript inversion).
    CodingTranscriptVariant,
    /// The two intronic bases at the 5′ end of an intron.
    SpliceDonorVariant,
    /// The two intronic bases at the 3′ end of an intron.
    SpliceAcceptorVariant,
    /// A new stop codon.
    StopGained,
    /// The stop codon changed to a sense codon.
    StopLost,
    /// The reading frame shifted by an insertion or deletion of other than whole codons.
    FrameshiftVariant,
    /// The ATG start codon changed.
    StartLost,
    /// Whole codons inserted.
    InframeInsertion,
    /// Whole codons deleted.
    InframeDeletion,
    /// An amino acid changed.
    MissenseVariant,
    /// The 5th base of an intron (its 5′ end, transcription order).
    #[serde(rename = "splice_donor_5th_base_variant")]
    SpliceDonor5thBaseVariant,
    /// 1–3 exonic or 3–8 intronic bases from a splice site.
    SpliceRegionVariant,
    /// The 3rd, 4th or 6th base of an intron.
    SpliceDonorRegionVariant,
    /// The 3rd to 17th base before an intron's 3′ end.
    SplicePolypyrimidineTractVariant,
    /// The start codon touched but still ATG.
    StartRetainedVariant,
    /// A stop codon changed to another stop codon.
    StopRetainedVariant,
    /// A codon changed to one for the same amino acid.
    SynonymousVariant,
    /// In the coding sequence, the protein change not known (no reference sequence given).
    CodingSequenceVariant,
    /// In the 5′ untranslated region.
    #[serde(rename = "5_prime_UTR_variant")]
    FivePrimeUtrVariant,
    /// In the 3′ untranslated region.
    #[serde(rename = "3_prime_UTR_variant")]
    ThreePrimeUtrVariant,
    /// In an exon of a non-coding transcript.
    NonCodingTranscriptExonVariant,
    /// In an intron.
    IntronVariant,
    /// Within 5 kb 5′ of the transcript.
    UpstreamGeneVariant,
    /// Within 5 kb 3′ of the transcript.
    DownstreamGeneVariant,
}

impl Consequence {
    /// VEP's impact class of the term: HIGH, MODERATE, LOW or MODIFIER.
    pub fn impact(self) -> &'static str {
        match self {
            Self::TranscriptAblation
            | Self::TranscriptAmplification
            | Self::SpliceDonorVariant
            | Self::SpliceAcceptorVariant
            | Self::StopGained
            | Self::FrameshiftVariant
            | Self::StopLost
            | Self::StartLost => "HIGH",
            Self::InframeInsertion | Self::InframeDeletion | Self::MissenseVariant => "MODERATE",
            Self::SpliceDonor5thBaseVariant
            | Self::SpliceRegionVariant
            | Self::SpliceDonorRegionVariant
            | Self::SplicePolypyrimidineTractVariant
            | Self::StartRetainedVariant
            | Self::StopRetainedVariant
            | Self::SynonymousVariant => "LOW",
            Self::FeatureTruncation
            | Self::FeatureElongation
            | Self::CodingTranscriptVariant
            | Self::CodingSequenceVariant
            | Self::FivePrimeUtrVariant
            | Self::ThreePrimeUtrVariant
            | Self::NonCodingTranscriptExonVariant
            | Self::IntronVariant
            | Self::UpstreamGeneVariant
            | Self::DownstreamGeneVariant => "MODIFIER",
        }
    }

    /// The SO term (`missense_variant`).
    pub fn so_term(self) -> &'static str {
        match self {
            Self::TranscriptAblation => "transcript_ablation",
            Self::TranscriptAmplification => "transcript_amplification",
            Self::FeatureTruncation => "feature_truncation",
            Self::FeatureElongation => "feature_elongation",
            Self::CodingTranscriptVariant => "coding_transcript_variant",
            Self::SpliceDonorVariant => "splice_donor_variant",
            Self::SpliceAcceptorVariant => "splice_acceptor_variant",
            Self::StopGained => "stop_gained",
            Self::StopLost => "stop_lost",
            Self::FrameshiftVariant => "frameshift_variant",
            Self::StartLost => "start_lost",
            Self::InframeInsertion => "inframe_insertion",
            Self::InframeDeletion => "inframe_deletion",
            Self::MissenseVariant => "missense_variant",
            Self::SpliceDonor5thBaseVariant => "splice_donor_5th_base_variant",
            Self::SpliceRegionVariant => "splice_region_variant",
            Self::SpliceDonorRegionVariant => "splice_donor_region_variant",
            Self::SplicePolypyrimidineTractVariant => "splice_polypyrimidine_tract_variant",
            Self::StartRetainedVariant => "start_retained_variant",
            Self::StopRetainedVariant => "stop_retained_variant",
            Self::SynonymousVariant => "synonymous_variant",
            Self::CodingSequenceVariant => "coding_sequence_variant",
            Self::FivePrimeUtrVariant => "5_prime_UTR_variant",
            Self::ThreePrimeUtrVariant => "3_prime_UTR_variant",
            Self::NonCodingTranscriptExonVariant => "non_coding_transcript_exon_variant",
            Self::IntronVariant => "intron_variant",
            Self::UpstreamGeneVariant => "upstream_gene_variant",
            Self::DownstreamGeneVariant => "downstream_gene_variant",
        }
    }
}

/// The highest of the terms' impacts (HIGH, MODERATE, LOW, MODIFIER): VEP's ranking puts
/// `feature_truncation` (MODIFIER) before `inframe_deletion` (MODERATE), and the first term's
/// impact would hide the second's.
pub fn highest_impact(consequences: &[Consequence]) -> &'static str {
    ["HIGH", "MODERATE", "LOW"]
        .into_iter()
        .find(|impact| consequences.iter().any(|c| c.impact() == *impact))
        .unwrap_or("MODIFIER")
}

/// Most severe first, by VEP's ranking (kasane-core keeps it).
pub(crate) fn sort_by_severity(consequences: &mut [Consequence]) {
    consequences.sort_by_key(|c| severity_rank(c.so_term()));
}

/// How far from a transcript VEP reports a variant as up- or downstream of it.
pub const FLANK: u64 = 5_000;

/// `upstream_gene_variant` or `downstream_gene_variant` for a position outside `transcript`
/// but within [`FLANK`] bases of it; `None` inside it or farther away.
pub(crate) fn flank_consequence(transcript: &TranscriptModel, pos: u64) -> Option<Consequence> {
    let (start, end) = (transcript.extent.start, transcript.extent.end);
    let before = pos < start && start - pos <= FLANK;
    let after = pos > end && pos - end <= FLANK;
    match (transcript.strand, before, after) {
        (Strand::Forward, true, _) | (Strand::Reverse, _, true) => {
            Some(Consequence::UpstreamGeneVariant)
        }
        (Strand::Forward, _, true) | (Strand::Reverse, true, _) => {
            Some(Consequence::DownstreamGeneVariant)
        }
        _ => None,
    }
}

/// Whether genome position `pos` lies within 3 exonic or 3–8 intronic bases of an internal exon
/// boundary (a splice site): VEP's splice-region window.
pub(crate) fn near_splice_site(transcript: &TranscriptModel, pos: u64) -> bool {
    let exons = &transcript.exons;
    exons.iter().enumerate().any(|(i, exon)| {
        let first = i == 0;
        let last = i + 1 == exons.len();
        let within = |boundary: u64, inward: bool| {
            let distance = boundary.abs_diff(pos);
            let inside_exon = if inward {
                pos >= boundary
            } else {
                pos <= boundary
            };
            if inside_exon {
                distance < 3
            } else {
                (3..=8).contains(&distance)
            }
        };
        (!first && within(exon.start, true)) || (!last && within(exon.end, false))
    })
}

/// The splice and intron terms of one intronic genome position (none for an exonic one): the
/// donor or acceptor dinucleotide alone, or else the splice region, VEP's finer donor and
/// polypyrimidine-tract terms and `intron_variant`.
pub(crate) fn intronic_terms(transcript: &TranscriptModel, pos: u64) -> Vec<Consequence> {
    let Some((from_5_prime, from_3_prime)) = intron_distances(transcript, pos) else {
        return Vec::new();
    };
    let mut terms = Vec::new();
    // Both can hold in an intron of four bases or fewer.
    if from_5_prime <= 2 {
        terms.push(Consequence::SpliceDonorVariant);
    }
    if from_3_prime <= 2 {
        terms.push(Consequence::SpliceAcceptorVariant);
    }
    if !terms.is_empty() {
        return terms;
    }
    if near_splice_site(transcript, pos) {
        terms.push(Consequence::SpliceRegionVariant);
    }
    match from_5_prime {
        5 => terms.push(Consequence::SpliceDonor5thBaseVariant),
        3 | 4 | 6 => terms.push(Consequence::SpliceDonorRegionVariant),
        _ => {}
    }
    if (3..=17).contains(&from_3_prime) {
        terms.push(Consequence::SplicePolypyrimidineTractVariant);
    }
    terms.push(Consequence::IntronVariant);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_is_serialised_as_its_sequence_ontology_name() {
        use Consequence::*;
        let all = [
            TranscriptAblation,
            TranscriptAmplification,
            FeatureTruncation,
            FeatureElongation,
            CodingTranscriptVariant,
            SpliceDonorVariant,
            SpliceAcceptorVariant,
            StopGained,
            StopLost,
            FrameshiftVariant,
            StartLost,
            InframeInsertion,
            InframeDeletion,
            MissenseVariant,
            SpliceDonor5thBaseVariant,
            SpliceRegionVariant,
            SpliceDonorRegionVariant,
            SplicePolypyrimidineTractVariant,
            StartRetainedVariant,
            StopRetainedVariant,
            SynonymousVariant,
            CodingSequenceVariant,
            FivePrimeUtrVariant,
            ThreePrimeUtrVariant,
            NonCodingTranscriptExonVariant,
            IntronVariant,
            UpstreamGeneVariant,
            DownstreamGeneVariant,
        ];
        assert_eq!(
            highest_impact(&[FeatureTruncation, InframeDeletion, CodingSequenceVariant]),
            "MODERATE"
        );
        assert_eq!(highest_impact(&[IntronVariant]), "MODIFIER");
        assert_eq!(highest_impact(&[]), "MODIFIER");
        for term in all {
            let json = serde_json::to_value(term).expect("a term serialises");
            assert_eq!(json, term.so_term(), "{term:?}");
            assert!(
                severity_rank(term.so_term()) < kasane_core::consequence::VEP_SEVERITY_ORDER.len()
            );
        }
    }
}
