//! Gene and transcript models as a cache holds them: exons and coding parts on the genome,
//! with the tags (MANE Select, MANE Plus Clinical, canonical) that decide which transcript a
//! report leads with. Read from RefSeq or Ensembl GFF3/GTF by the cache builder, used for the
//! genes at a breakpoint now and for consequences and HGVS later.
//!
//! Coordinates are 1-based and inclusive, as GFF3, GTF and VCF write them.

use serde::{Deserialize, Serialize};

/// The strand a gene or transcript lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Strand {
    /// `+`
    Forward,
    /// `-`
    Reverse,
}

impl Strand {
    /// The GFF3 sign.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Forward => "+",
            Self::Reverse => "-",
        }
    }

    /// Reads `+` or `-`.
    pub fn from_sign(sign: &str) -> Option<Self> {
        match sign {
            "+" => Some(Self::Forward),
            "-" => Some(Self::Reverse),
            _ => None,
        }
    }
}

/// A stretch of one contig, 1-based inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Interval {
    /// First base.
    pub start: u64,
    /// Last base.
    pub end: u64,
}

impl Interval {
    /// Bases covered.
    pub fn len(&self) -> u64 {
        self.end + 1 - self.start
    }

    /// Whether it covers no base (never, for a well-formed interval).
    pub fn is_empty(&self) -> bool {
        self.end < self.start
    }
}

/// One coding part of a transcript (a CDS feature), with its GFF3 phase: the bases to skip
/// from its 5′ end (in transcription order) to reach the next codon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CodingPart {
    /// Where it lies.
    pub interval: Interval,
    /// 0, 1 or 2.
    pub phase: u8,
}

/// Where a position lies on a transcript, numbered in transcription order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "number")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TranscriptLocation {
    /// In exon N.
    Exon(usize),
    /// In intron N (between exons N and N+1).
    Intron(usize),
    /// Outside the transcript.
    Outside,
}

/// A gene: its identifier, symbol, type and extent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GeneModel {
    /// The source's gene identifier (`ENSG00000154263`, `gene-BRCA1`, RefSeq's GeneID).
    pub gene_id: String,
    /// The gene symbol (`ABCA10`), when the source names one.
    pub symbol: Option<String>,
    /// The gene's biotype (`protein_coding`, `lncRNA` …).
    pub biotype: Option<String>,
    /// Canonical contig (`chr17`).
    pub contig: String,
    /// Where it lies.
    pub extent: Interval,
    /// Its strand.
    pub strand: Strand,
}

/// The first and last exon (or intron) number of a stretch, in transcription order.
pub type NumberRange = (usize, usize);

/// A transcript with its exons and coding parts, in genome order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TranscriptModel {
    /// The versioned transcript identifier (`ENST00000269081.8`, `NM_007294.4`); unversioned
    /// only when the source gives no version.
    pub transcript_id: String,
    /// The gene it belongs to.
    pub gene_id: Option<String>,
    /// The gene symbol.
    pub gene_symbol: Option<String>,
    /// The transcript's biotype (`protein_coding`, `nonsense_mediated_decay`, `mRNA` …).
    pub biotype: Option<String>,
    /// Canonical contig.
    pub contig: String,
    /// From the first exon's start to the last exon's end.
    pub extent: Interval,
    /// Its strand.
    pub strand: Strand,
    /// The protein it encodes, when coding.
    pub protein_id: Option<String>,
    /// Tagged MANE Select.
    pub mane_select: bool,
    /// Tagged MANE Plus Clinical.
    pub mane_plus_clinical: bool,
    /// Tagged as the gene's canonical transcript (Ensembl_canonical).
    pub canonical: bool,
    /// Every tag the source gives (`basic`, `CCDS`, `MANE_Select` …).
    pub tags: Vec<String>,
    /// Exons in genome order.
    pub exons: Vec<Interval>,
    /// Coding parts in genome order (empty for a non-coding transcript).
    pub coding: Vec<CodingPart>,
}

impl TranscriptModel {
    /// Whether it encodes a protein.
    pub fn is_coding(&self) -> bool {
        !self.coding.is_empty()
    }

    /// The genome span from the first to the last coding base; `None` when non-coding.
    pub fn coding_span(&self) -> Option<Interval> {
        Some(Interval {
            start: self.coding.first()?.interval.start,
            end: self.coding.last()?.interval.end,
        })
    }

    /// How many coding bases lie inside `span`: what a structural change or a skipped exon
    /// takes of the coding sequence.
    pub fn coding_bases_in(&self, span: Interval) -> u64 {
        self.coding
            .iter()
            .map(|part| {
                let start = part.interval.start.max(span.start);
                let end = part.interval.end.min(span.end);
                if start <= end { end - start + 1 } else { 0 }
            })
            .sum()
    }

    /// The exon number (1 = the 5′-most exon in transcription order) of the exon at genome
    /// index `index`.
    pub fn exon_number(&self, index: usize) -> usize {
        match self.strand {
            Strand::Forward => index + 1,
            Strand::Reverse => self.exons.len() - index,
        }
    }

    /// Where `pos` lies: the exon or intron holding it, numbered in transcription order.
    pub fn location(&self, pos: u64) -> TranscriptLocation {
        match self.exons_and_introns(Interval {
            start: pos,
            end: pos,
        }) {
            (Some((exon, _)), _) => TranscriptLocation::Exon(exon),
            (None, Some((intron, _))) => TranscriptLocation::Intron(intron),
            (None, None) => TranscriptLocation::Outside,
        }
    }

    /// The exons and the introns the genome bases `span` touch, each as the first and last
    /// number in transcription order (VEP's EXON and INTRON fields: `26/40`, `25-26/40`), so a
    /// deletion across a splice site names both its exon and its intron.
    pub fn exons_and_introns(&self, span: Interval) -> (Option<NumberRange>, Option<NumberRange>) {
        let widen = |found: Option<NumberRange>, n: usize| match found {
            Some((low, high)) => Some((low.min(n), high.max(n))),
            None => Some((n, n)),
        };
        let (mut exons, mut introns) = (None, None);
        for (index, exon) in self.exons.iter().enumerate() {
            if exon.start <= span.end && span.start <= exon.end {
                exons = widen(exons, self.exon_number(index));
            }
            if let Some(next) = self.exons.get(index + 1)
                && exon.end < span.end
                && span.start < next.start
                && exon.end + 1 < next.start
            {
                let number = match self.strand {
                    Strand::Forward => self.exon_number(index),
                    Strand::Reverse => self.exon_number(index + 1),
                };
                introns = widen(introns, number);
            }
        }
        (exons, introns)
    }

    /// How a report ranks the transcripts of one locus: MANE Select, then MANE Plus Clinical,
    /// then canonical, then coding, then longer — lower sorts first.
    pub fn preference(&self) -> (bool, bool, bool, bool, std::cmp::Reverse<u64>) {
        (
            !self.mane_select,
            !self.mane_plus_clinical,
            !self.canonical,
            !self.is_coding(),
            std::cmp::Reverse(self.exons.iter().map(Interval::len).sum()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript(strand: Strand, mane: bool, canonical: bool) -> TranscriptModel {
        TranscriptModel {
            transcript_id: "T.1".into(),
            gene_id: None,
            gene_symbol: None,
            biotype: None,
            contig: "chr1".into(),
            extent: Interval { start: 1, end: 30 },
            strand,
            protein_id: None,
            mane_select: mane,
            mane_plus_clinical: false,
            canonical,
            tags: vec![],
            exons: vec![
                Interval { start: 1, end: 10 },
                Interval { start: 21, end: 30 },
            ],
            coding: vec![],
        }
    }

    #[test]
    fn exons_are_numbered_in_transcription_order_and_mane_leads() {
        let forward = transcript(Strand::Forward, false, false);
        let reverse = transcript(Strand::Reverse, true, false);
        assert_eq!((forward.exon_number(0), forward.exon_number(1)), (1, 2));
        assert_eq!((reverse.exon_number(0), reverse.exon_number(1)), (2, 1));
        let canonical = transcript(Strand::Forward, false, true);
        let mut all = [&forward, &canonical, &reverse];
        all.sort_by_key(|t| t.preference());
        assert!(all[0].mane_select && all[1].canonical);
        assert_eq!(forward.location(15), TranscriptLocation::Intron(1));
        assert_eq!(reverse.location(15), TranscriptLocation::Intron(1));
        assert_eq!(reverse.location(25), TranscriptLocation::Exon(1));
        assert_eq!(reverse.location(5), TranscriptLocation::Exon(2));
        assert_eq!(forward.location(31), TranscriptLocation::Outside);
        assert_eq!(Interval { start: 5, end: 9 }.len(), 5);
    }

    #[test]
    fn a_span_names_every_exon_and_intron_it_touches() {
        let forward = transcript(Strand::Forward, false, false);
        let reverse = transcript(Strand::Reverse, false, false);
        let span = |start, end| Interval { start, end };
        assert_eq!(forward.exons_and_introns(span(3, 4)), (Some((1, 1)), None));
        assert_eq!(
            forward.exons_and_introns(span(11, 20)),
            (None, Some((1, 1)))
        );
        // A deletion across the splice site: its exon and its intron.
        assert_eq!(
            forward.exons_and_introns(span(9, 12)),
            (Some((1, 1)), Some((1, 1)))
        );
        assert_eq!(
            reverse.exons_and_introns(span(5, 25)),
            (Some((1, 2)), Some((1, 1)))
        );
        assert_eq!(reverse.exons_and_introns(span(31, 40)), (None, None));
    }
}
