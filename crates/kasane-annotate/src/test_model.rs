//! The transcript models the unit tests are written against.

use kasane_core::gene_model::{CodingPart, Interval, Strand, TranscriptModel};

/// A transcript on chr1 with `exons` and coding parts `coding` (start, end, phase), both in
/// genome order; its extent runs from the first exon's start to the last exon's end.
pub(crate) fn model(
    strand: Strand,
    exons: &[(u64, u64)],
    coding: &[(u64, u64, u8)],
) -> TranscriptModel {
    let interval = |(start, end): (u64, u64)| Interval { start, end };
    TranscriptModel {
        transcript_id: "T.1".into(),
        gene_id: None,
        gene_symbol: None,
        biotype: None,
        contig: "chr1".into(),
        extent: Interval {
            start: exons.first().map_or(0, |e| e.0),
            end: exons.last().map_or(0, |e| e.1),
        },
        strand,
        protein_id: None,
        mane_select: false,
        mane_plus_clinical: false,
        canonical: false,
        tags: Vec::new(),
        exons: exons.iter().copied().map(interval).collect(),
        coding: coding
            .iter()
            .map(|&(start, end, phase)| CodingPart {
                interval: interval((start, end)),
                phase,
            })
            .collect(),
    }
}
