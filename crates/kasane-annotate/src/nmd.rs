//! Whether a premature termination codon is predicted to trigger nonsense-mediated decay, by
//! the rule of DOMAIN.md R-ACMG-006 (the "50–55 nucleotide rule"): NMD unless the PTC's first
//! nucleotide lies in the last exon or within the 3′-most 50 nucleotides of the penultimate
//! exon, counted on the mature transcript with its UTR exons. The further escape situations
//! of §1.5 (a PTC near the start, very long exons) are for the PVS1 tree to flag, not here.

use serde::{Deserialize, Serialize};

use kasane_core::gene_model::{Strand, TranscriptModel};

/// The prediction, with the reason when decay is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum NmdPrediction {
    /// Decay predicted.
    Triggered,
    /// The PTC is in the last exon.
    EscapesLastExon,
    /// The PTC is within the 3′-most 50 nucleotides of the penultimate exon.
    EscapesPenultimateExonEnd,
    /// The transcript has a single exon.
    EscapesSingleExon,
}

/// The prediction for a PTC whose first nucleotide is at `cdna` (1-based along the spliced
/// transcript); `None` when that is beyond the transcript.
pub fn nmd_prediction(transcript: &TranscriptModel, cdna: u64) -> Option<NmdPrediction> {
    let mut lengths: Vec<u64> = transcript.exons.iter().map(|e| e.len()).collect();
    if transcript.strand == Strand::Reverse {
        lengths.reverse();
    }
    let total: u64 = lengths.iter().sum();
    if cdna == 0 || cdna > total {
        return None;
    }
    if lengths.len() == 1 {
        return Some(NmdPrediction::EscapesSingleExon);
    }
    let mut end = 0;
    for (index, length) in lengths.iter().enumerate() {
        end += length;
        if cdna <= end {
            let from_3_prime_end = end - cdna + 1;
            return Some(if index + 1 == lengths.len() {
                NmdPrediction::EscapesLastExon
            } else if index + 2 == lengths.len() && from_3_prime_end <= 50 {
                NmdPrediction::EscapesPenultimateExonEnd
            } else {
                NmdPrediction::Triggered
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_model::model;

    /// Exons of 100, 200 and 150 bases (cDNA 1–100, 101–300, 301–450).
    fn transcript(strand: Strand) -> TranscriptModel {
        let exons = match strand {
            Strand::Forward => vec![(1, 100), (1001, 1200), (2001, 2150)],
            Strand::Reverse => vec![(1, 150), (1001, 1200), (2001, 2100)],
        };
        model(strand, &exons, &[])
    }

    #[test]
    fn the_domain_examples_of_r_acmg_006() {
        for strand in [Strand::Forward, Strand::Reverse] {
            let t = transcript(strand);
            // The penultimate exon ends at cDNA 300: its 50th base from the 3′ end is 251.
            assert_eq!(
                nmd_prediction(&t, 251),
                Some(NmdPrediction::EscapesPenultimateExonEnd),
                "{strand:?}"
            );
            assert_eq!(
                nmd_prediction(&t, 250),
                Some(NmdPrediction::Triggered),
                "{strand:?}"
            );
            assert_eq!(
                nmd_prediction(&t, 301),
                Some(NmdPrediction::EscapesLastExon)
            );
            assert_eq!(
                nmd_prediction(&t, 450),
                Some(NmdPrediction::EscapesLastExon)
            );
            assert_eq!(nmd_prediction(&t, 1), Some(NmdPrediction::Triggered));
            assert_eq!(nmd_prediction(&t, 451), None);
        }
        let mut single = transcript(Strand::Forward);
        single.exons.truncate(1);
        assert_eq!(
            nmd_prediction(&single, 40),
            Some(NmdPrediction::EscapesSingleExon)
        );
    }
}
