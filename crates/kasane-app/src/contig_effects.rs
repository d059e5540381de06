//! The effects of a contig's alleles, taken in position order, on the cache's transcripts:
//! the transcripts read once per contig, each one's bases read from the reference when the
//! first allele inside it arrives and let go once the alleles have moved past it. Shared by
//! `annotate-vcf` and case annotation so both describe an allele alike.

use std::collections::HashMap;

use kasane_annotate::consequence::FLANK;
use kasane_annotate::effect::VariantEffect;
use kasane_annotate::transcript_sequence::TranscriptSequence;
use kasane_annotate::variant::variant_effect;
use kasane_core::gene_model::TranscriptModel;
use kasane_store::cache::AnnotationCache;

use crate::error::AppError;
use crate::transcripts::FastaSource;

/// One contig's transcripts, read once, for the alleles on it.
pub(crate) struct ContigTranscripts {
    pub(crate) contig: String,
    /// In start order.
    transcripts: Vec<TranscriptModel>,
    /// The longest extent, bounding how far back an overlapping transcript can start.
    longest: u64,
}

impl ContigTranscripts {
    pub(crate) fn read(cache: &AnnotationCache, contig: &str) -> Result<Self, AppError> {
        let transcripts = cache.transcripts_on(contig)?;
        Ok(Self::of(contig, transcripts))
    }

    fn of(contig: &str, transcripts: Vec<TranscriptModel>) -> Self {
        let longest = transcripts
            .iter()
            .map(|t| t.extent.len())
            .max()
            .unwrap_or(0);
        Self {
            contig: contig.to_string(),
            transcripts,
            longest,
        }
    }

    /// The transcripts within [`FLANK`] bases of `first`–`last`, in start order.
    pub(crate) fn near(&self, first: u64, last: u64) -> impl Iterator<Item = &TranscriptModel> {
        let (from, to) = (first.saturating_sub(FLANK), last + FLANK);
        let first = self
            .transcripts
            .partition_point(|t| t.extent.start + self.longest < from);
        self.transcripts[first..]
            .iter()
            .take_while(move |t| t.extent.start <= to)
            .filter(move |t| t.extent.end >= from)
    }
}

/// A contig's transcripts with the bases of those the alleles are in, for effects taken in
/// position order.
pub(crate) struct ContigEffects {
    transcripts: ContigTranscripts,
    /// Each read transcript's bases (none when the reference lacks them) with its last position.
    sequences: HashMap<String, (u64, Option<TranscriptSequence>)>,
}

impl ContigEffects {
    /// The effects on `contig`'s transcripts of `cache`.
    pub(crate) fn read(cache: &AnnotationCache, contig: &str) -> Result<Self, AppError> {
        Ok(Self {
            transcripts: ContigTranscripts::read(cache, contig)?,
            sequences: HashMap::new(),
        })
    }

    /// The contig.
    pub(crate) fn contig(&self) -> &str {
        &self.transcripts.contig
    }

    /// The transcripts near `first`–`last`.
    pub(crate) fn near(&self, first: u64, last: u64) -> impl Iterator<Item = &TranscriptModel> {
        self.transcripts.near(first, last)
    }

    /// The effect of VCF alleles `reference` → `alternate` at `pos` on every transcript it
    /// lies in or beside, with bases from `genome` when given (without it, consequences come
    /// from positions alone and carry no HGVS); alleles must come in position order. `Err`
    /// names the transcript the alleles could not be described on (a REF that disagrees with
    /// its bases, say).
    pub(crate) fn effects(
        &mut self,
        genome: Option<&FastaSource>,
        pos: u64,
        reference: &str,
        alternate: &str,
    ) -> Result<Vec<(&TranscriptModel, VariantEffect)>, String> {
        let last = pos + reference.len() as u64 - 1;
        // Sequences of transcripts the alleles have moved past are let go.
        self.sequences.retain(|_, (end, _)| *end + FLANK >= pos);
        for t in self.transcripts.near(pos, last) {
            // Only an allele inside the transcript needs its bases.
            let inside = t.extent.start <= last && pos <= t.extent.end;
            if let Some(source) = genome
                && inside
                && !self.sequences.contains_key(&t.transcript_id)
            {
                let read = TranscriptSequence::read(t, source).map_err(|e| e.to_string())?;
                self.sequences
                    .insert(t.transcript_id.clone(), (t.extent.end, read));
            }
        }
        let mut effects = Vec::new();
        for t in self.transcripts.near(pos, last) {
            let sequence = self
                .sequences
                .get(&t.transcript_id)
                .and_then(|(_, s)| s.as_ref());
            let effect = variant_effect(t, sequence, pos, reference, alternate)
                .map_err(|e| format!("on {}: {e}", t.transcript_id))?;
            if let Some(effect) = effect {
                effects.push((t, effect));
            }
        }
        Ok(effects)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use kasane_core::gene_model::{Interval, Strand};

    /// A one-exon, non-coding transcript on chr1's forward strand.
    pub(crate) fn transcript(id: &str, start: u64, end: u64) -> TranscriptModel {
        TranscriptModel {
            transcript_id: id.into(),
            gene_id: None,
            gene_symbol: None,
            biotype: None,
            contig: "chr1".into(),
            extent: Interval { start, end },
            strand: Strand::Forward,
            protein_id: None,
            mane_select: false,
            mane_plus_clinical: false,
            canonical: false,
            tags: Vec::new(),
            exons: vec![Interval { start, end }],
            coding: Vec::new(),
        }
    }

    #[test]
    fn the_transcripts_near_a_position_include_a_long_one_starting_far_before_it() {
        let contig = ContigTranscripts::of(
            "chr1",
            vec![
                transcript("long", 1_000, 2_000_000),
                transcript("short", 100_000, 101_000),
                transcript("near", 105_000, 107_000),
                transcript("far", 200_000, 201_000),
            ],
        );
        let ids = |pos| -> Vec<&str> {
            contig
                .near(pos, pos)
                .map(|t| t.transcript_id.as_str())
                .collect()
        };
        assert_eq!(ids(100_500), vec!["long", "short", "near"]);
        assert_eq!(ids(150_000), vec!["long"]);
        assert_eq!(ids(2_005_000), vec!["long"]);
        assert_eq!(ids(2_005_001), Vec::<&str>::new());
    }
}
