//! What skipping one exon does to a coding transcript: the usual outcome of a change at a
//! canonical ±1/2 splice site, which the PVS1 tree weighs through its deletion branch
//! (DOMAIN.md §1.5 node 2). Whether the frame survives and how much of the coding sequence the
//! exon, and everything from it to the end, holds.

use serde::{Deserialize, Serialize};

use kasane_core::gene_model::{Interval, Strand, TranscriptLocation, TranscriptModel};

use crate::consequence::Consequence;

/// The effect of skipping one exon.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExonSkipping {
    /// The exon skipped (transcription order).
    pub exon: usize,
    /// The transcript's exon count.
    pub exon_count: usize,
    /// Whether the reading frame survives; `None` when the exon holds the start or stop codon.
    pub frame_kept: Option<bool>,
    /// The share of the coding sequence the exon holds.
    pub exon_share: f64,
    /// The share of the coding sequence from the exon's first coding base to the end.
    pub share_to_end: f64,
}

/// What skipping exon `number` (1 = the 5′-most) of the coding `transcript` does; `None` for a
/// non-coding transcript or a number it does not have.
pub fn exon_skipping(transcript: &TranscriptModel, number: usize) -> Option<ExonSkipping> {
    let count = transcript.exons.len();
    if number == 0 || number > count || !transcript.is_coding() {
        return None;
    }
    let index = match transcript.strand {
        Strand::Forward => number - 1,
        Strand::Reverse => count - number,
    };
    let exon = transcript.exons[index];
    let total = transcript.coding_bases_in(transcript.extent);
    if total == 0 {
        return None;
    }
    let in_exon = transcript.coding_bases_in(exon);
    // Everything from the exon onwards in transcription order.
    let downstream = match transcript.strand {
        Strand::Forward => Interval {
            start: exon.start,
            end: transcript.extent.end,
        },
        Strand::Reverse => Interval {
            start: transcript.extent.start,
            end: exon.end,
        },
    };
    let coding = transcript.coding_span();
    let holds = |pos: Option<u64>| pos.is_some_and(|p| exon.start <= p && p <= exon.end);
    let frame_kept = if holds(coding.map(|c| c.start)) || holds(coding.map(|c| c.end)) {
        None
    } else {
        Some(in_exon.is_multiple_of(3))
    };
    Some(ExonSkipping {
        exon: number,
        exon_count: count,
        frame_kept,
        exon_share: in_exon as f64 / total as f64,
        share_to_end: transcript.coding_bases_in(downstream) as f64 / total as f64,
    })
}

/// What skipping the exon beside a change at `pos` does, when the change hits a canonical
/// splice site (its `consequences` say which): the exon before an intron's donor, after its
/// acceptor.
pub fn exon_skipping_at(
    transcript: &TranscriptModel,
    pos: u64,
    consequences: &[Consequence],
) -> Option<ExonSkipping> {
    let TranscriptLocation::Intron(intron) = transcript.location(pos) else {
        return None;
    };
    let exon = if consequences.contains(&Consequence::SpliceDonorVariant) {
        intron
    } else if consequences.contains(&Consequence::SpliceAcceptorVariant) {
        intron + 1
    } else {
        return None;
    };
    exon_skipping(transcript, exon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_model::model;

    /// Four exons; coding from 150 in exon 1 to 750 in exon 4 (400 coding bases in all).
    fn forward() -> TranscriptModel {
        model(
            Strand::Forward,
            &[(100, 200), (300, 399), (500, 549), (700, 800)],
            &[(150, 200, 0), (300, 399, 0), (500, 549, 2), (700, 750, 1)],
        )
    }

    #[test]
    fn skipping_a_middle_exon_tells_the_frame_and_the_shares() {
        let t = forward();
        let total = 51 + 100 + 50 + 51;
        let two = exon_skipping(&t, 2).unwrap();
        assert_eq!(
            (two.exon, two.exon_count, two.frame_kept),
            (2, 4, Some(false))
        );
        assert!((two.exon_share - 100.0 / total as f64).abs() < 1e-9);
        assert!((two.share_to_end - 201.0 / total as f64).abs() < 1e-9);
        assert_eq!(exon_skipping(&t, 3).unwrap().frame_kept, Some(false));
        // The exons holding the start and the stop codon: the frame cannot be told.
        assert_eq!(exon_skipping(&t, 1).unwrap().frame_kept, None);
        assert_eq!(exon_skipping(&t, 4).unwrap().frame_kept, None);
        assert!(exon_skipping(&t, 5).is_none());
        assert!(exon_skipping(&t, 0).is_none());
    }

    #[test]
    fn a_donor_change_skips_the_exon_before_its_intron_and_an_acceptor_change_the_one_after() {
        let t = forward();
        let donor = [Consequence::SpliceDonorVariant];
        let acceptor = [Consequence::SpliceAcceptorVariant];
        assert_eq!(exon_skipping_at(&t, 201, &donor).map(|s| s.exon), Some(1));
        assert_eq!(
            exon_skipping_at(&t, 299, &acceptor).map(|s| s.exon),
            Some(2)
        );
        assert_eq!(
            exon_skipping_at(&t, 250, &[Consequence::IntronVariant]),
            None
        );
        assert_eq!(exon_skipping_at(&t, 150, &donor), None);
    }

    #[test]
    fn on_the_reverse_strand_exon_one_is_the_last_in_genome_order() {
        let t = model(
            Strand::Reverse,
            &[(100, 200), (300, 398), (500, 600)],
            &[(150, 200, 0), (300, 398, 0), (500, 550, 0)],
        );
        let middle = exon_skipping(&t, 2).unwrap();
        assert_eq!(middle.frame_kept, Some(true), "99 coding bases");
        // From exon 2 to the end runs toward lower positions: exons 2 and 3.
        let total = 51.0 + 99.0 + 51.0;
        assert!((middle.share_to_end - (99.0 + 51.0) / total).abs() < 1e-9);
    }
}
