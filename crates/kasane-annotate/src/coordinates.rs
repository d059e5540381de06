//! Genome positions projected onto a transcript in HGVS numbering: `c.` for coding transcripts
//! (`c.123`, `c.-15` in the 5′ UTR, `c.*37` in the 3′ UTR, `c.123+5` and `c.124-2` in introns)
//! and `n.` for non-coding ones (HGVS Nomenclature, "Numbering": the DNA reference sequence).

use std::fmt;

use serde::{Deserialize, Serialize};

use kasane_core::gene_model::{Interval, Strand, TranscriptModel};

/// Which HGVS coordinate system a position is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Anchor {
    /// `c.N`: the Nth coding base (1 = the A of the ATG).
    Coding(u64),
    /// `c.-N`: N bases 5′ of the first coding base.
    FivePrimeUtr(u64),
    /// `c.*N`: N bases 3′ of the last coding base (the stop codon's last base).
    ThreePrimeUtr(u64),
    /// `n.N`: the Nth base of a non-coding transcript.
    NonCoding(u64),
}

/// A position on a transcript: an exonic base, and for an intronic position the distance from
/// the nearest exonic base (`+` 3′ of an exon, `-` 5′ of one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TranscriptPosition {
    /// The exonic base the position is numbered from.
    pub anchor: Anchor,
    /// Bases into the intron from that base; 0 for an exonic position.
    pub offset: i64,
}

impl TranscriptPosition {
    /// The HGVS prefix of its coordinate system: `c.` or `n.`.
    pub fn prefix(&self) -> &'static str {
        match self.anchor {
            Anchor::NonCoding(_) => "n.",
            _ => "c.",
        }
    }

    /// The position without its prefix (`-15-2`, `*37`, `123+5`), as a range's second end is
    /// written (`c.123_125+2`).
    pub fn number(&self) -> String {
        let base = match self.anchor {
            Anchor::Coding(n) | Anchor::NonCoding(n) => n.to_string(),
            Anchor::FivePrimeUtr(n) => format!("-{n}"),
            Anchor::ThreePrimeUtr(n) => format!("*{n}"),
        };
        match self.offset {
            0 => base,
            o if o > 0 => format!("{base}+{o}"),
            o => format!("{base}{o}"),
        }
    }
}

impl fmt::Display for TranscriptPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.prefix(), self.number())
    }
}

/// The exons in transcription order.
fn exons_5_to_3(transcript: &TranscriptModel) -> Vec<Interval> {
    let mut exons = transcript.exons.clone();
    if transcript.strand == Strand::Reverse {
        exons.reverse();
    }
    exons
}

/// The 1-based position along the spliced transcript (the cDNA position) of an exonic genome
/// position; `None` for a position in no exon.
pub fn spliced_index(transcript: &TranscriptModel, pos: u64) -> Option<u64> {
    let mut before = 0;
    for exon in exons_5_to_3(transcript) {
        if exon.start <= pos && pos <= exon.end {
            let into = match transcript.strand {
                Strand::Forward => pos - exon.start,
                Strand::Reverse => exon.end - pos,
            };
            return Some(before + into + 1);
        }
        before += exon.len();
    }
    None
}

/// The first and last coding bases along the spliced transcript (cDNA positions of c.1 and of
/// the stop codon's last base), when it is coding.
pub fn coding_span(transcript: &TranscriptModel) -> Option<(u64, u64)> {
    let first = transcript.coding.first()?.interval;
    let last = transcript.coding.last()?.interval;
    let (five, three) = match transcript.strand {
        Strand::Forward => (first.start, last.end),
        Strand::Reverse => (last.end, first.start),
    };
    Some((
        spliced_index(transcript, five)?,
        spliced_index(transcript, three)?,
    ))
}

/// The HGVS anchor of a spliced-transcript index.
fn anchor(coding: Option<(u64, u64)>, index: u64) -> Anchor {
    match coding {
        None => Anchor::NonCoding(index),
        Some((first, _)) if index < first => Anchor::FivePrimeUtr(first - index),
        Some((_, last)) if index > last => Anchor::ThreePrimeUtr(index - last),
        Some((first, _)) => Anchor::Coding(index - first + 1),
    }
}

/// For an intronic position: how many bases it lies from the exon 5′ of its intron (1 = the
/// intron's first base) and from the exon 3′ of it (1 = its last base), in transcription order.
/// `None` outside every intron.
pub fn intron_distances(transcript: &TranscriptModel, pos: u64) -> Option<(u64, u64)> {
    let exons = exons_5_to_3(transcript);
    exons.windows(2).find_map(|pair| {
        let (upstream, downstream) = (pair[0], pair[1]);
        match transcript.strand {
            Strand::Forward if upstream.end < pos && pos < downstream.start => {
                Some((pos - upstream.end, downstream.start - pos))
            }
            Strand::Reverse if downstream.end < pos && pos < upstream.start => {
                Some((upstream.start - pos, pos - downstream.end))
            }
            _ => None,
        }
    })
}

/// Where genome position `pos` lies on `transcript` in HGVS numbering; `None` outside the
/// transcript (up- or downstream of it, or on a model whose coding parts leave its exons).
/// An intronic position is numbered from the nearer exon; the middle base of an intron with an
/// odd number of bases from the exon 5′ of it (`+`), as HGVS requires.
pub fn transcript_position(transcript: &TranscriptModel, pos: u64) -> Option<TranscriptPosition> {
    let coding = if transcript.is_coding() {
        Some(coding_span(transcript)?)
    } else {
        None
    };
    if let Some(index) = spliced_index(transcript, pos) {
        return Some(TranscriptPosition {
            anchor: anchor(coding, index),
            offset: 0,
        });
    }
    let exons = exons_5_to_3(transcript);
    for pair in exons.windows(2) {
        let (upstream, downstream) = (pair[0], pair[1]);
        // The intron's bases, and the exonic bases on either side in genome coordinates.
        let (last_up, first_down, inside) = match transcript.strand {
            Strand::Forward => (
                upstream.end,
                downstream.start,
                upstream.end < pos && pos < downstream.start,
            ),
            Strand::Reverse => (
                upstream.start,
                downstream.end,
                downstream.end < pos && pos < upstream.start,
            ),
        };
        if !inside {
            continue;
        }
        let from_up = last_up.abs_diff(pos);
        let from_down = first_down.abs_diff(pos);
        let (exonic, offset) = if from_up <= from_down {
            (last_up, from_up as i64)
        } else {
            (first_down, -(from_down as i64))
        };
        let index = spliced_index(transcript, exonic)?;
        return Some(TranscriptPosition {
            anchor: anchor(coding, index),
            offset,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_model::model;
    use kasane_core::gene_model::CodingPart;

    fn interval(start: u64, end: u64) -> Interval {
        Interval { start, end }
    }

    /// Exons 101–200, 301–400, 501–600; coding 151–550 (genome order).
    fn transcript(strand: Strand, coding: bool) -> TranscriptModel {
        let parts: &[(u64, u64, u8)] = if coding {
            &[(151, 200, 0), (301, 400, 1), (501, 550, 0)]
        } else {
            &[]
        };
        model(strand, &[(101, 200), (301, 400), (501, 600)], parts)
    }

    fn at(t: &TranscriptModel, pos: u64) -> String {
        transcript_position(t, pos).map_or_else(|| "-".into(), |p| p.to_string())
    }

    #[test]
    fn forward_positions_in_utrs_cds_and_introns() {
        let t = transcript(Strand::Forward, true);
        for (pos, expected) in [
            (151, "c.1"),
            (150, "c.-1"),
            (101, "c.-50"),
            (200, "c.50"),
            (201, "c.50+1"),
            (250, "c.50+50"),
            // The intron 201–300 has 100 bases: 250 is 50 from exon 1, 251 is 50 from exon 2.
            (251, "c.51-50"),
            (300, "c.51-1"),
            (301, "c.51"),
            (550, "c.200"),
            (551, "c.*1"),
            (600, "c.*50"),
            (100, "-"),
            (601, "-"),
        ] {
            assert_eq!(at(&t, pos), expected, "{pos}");
        }
    }

    #[test]
    fn reverse_positions_count_from_the_other_end() {
        let t = transcript(Strand::Reverse, true);
        for (pos, expected) in [
            (550, "c.1"),
            (551, "c.-1"),
            (600, "c.-50"),
            (501, "c.50"),
            (500, "c.50+1"),
            (451, "c.50+50"),
            (450, "c.51-50"),
            (401, "c.51-1"),
            (400, "c.51"),
            (151, "c.200"),
            (150, "c.*1"),
            (101, "c.*50"),
        ] {
            assert_eq!(at(&t, pos), expected, "{pos}");
        }
    }

    #[test]
    fn the_middle_of_an_odd_intron_is_numbered_from_the_exon_before_it() {
        let mut t = transcript(Strand::Forward, true);
        t.exons[1] = interval(302, 400);
        t.coding[1].interval = interval(302, 400);
        // The intron 201–301 has 101 bases; its middle base 251 is 51 from both exons.
        assert_eq!(at(&t, 251), "c.50+51");
        assert_eq!(at(&t, 252), "c.51-50");
    }

    #[test]
    fn utr_introns_and_non_coding_transcripts() {
        let mut t = transcript(Strand::Forward, true);
        // Coding starts in exon 2: exon 1 and the first intron are 5′ UTR.
        t.coding = vec![
            CodingPart {
                interval: interval(321, 400),
                phase: 0,
            },
            CodingPart {
                interval: interval(501, 520),
                phase: 2,
            },
        ];
        // 301–320 are c.-20 to c.-1, so exon 1 ends at c.-21.
        assert_eq!(at(&t, 301), "c.-20");
        assert_eq!(at(&t, 200), "c.-21");
        assert_eq!(at(&t, 202), "c.-21+2");
        assert_eq!(at(&t, 299), "c.-20-2");
        assert_eq!(at(&t, 521), "c.*1");
        let n = transcript(Strand::Forward, false);
        assert_eq!(at(&n, 101), "n.1");
        assert_eq!(at(&n, 301), "n.101");
        assert_eq!(at(&n, 202), "n.100+2");
    }
}
