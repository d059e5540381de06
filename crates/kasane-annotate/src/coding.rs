//! A transcript's coding sequence spliced from the reference and translated, with every problem
//! that makes its protein untrustworthy flagged on the result — never a panic and never a
//! silent wrong protein (issue 5, item 1 and its bad-input list).
//!
//! Selenoproteins read an internal UGA as selenocysteine; until their recoding sites are in the
//! cache, such a UGA is flagged as an internal stop like any other.

use serde::{Deserialize, Serialize};

use kasane_core::gene_model::{Interval, Strand, TranscriptModel};

use crate::genetic_code::{is_stop, translate_codon};
use crate::sequence::{SequenceError, SequenceSource, reverse_complement};

/// One reason a transcript's protein cannot be taken at face value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CodingProblem {
    /// The transcript has no coding parts.
    NotCoding,
    /// The reference lacks the bases of a coding part.
    MissingSequence {
        /// The contig.
        contig: String,
        /// First base of the part.
        start: u64,
        /// Last base of the part.
        end: u64,
    },
    /// A coding part lies (partly) outside every exon: the model is inconsistent.
    CodingOutsideExons {
        /// First base of the part.
        start: u64,
        /// Last base of the part.
        end: u64,
    },
    /// The 5′-most coding part has a non-zero phase: the coding sequence starts mid-codon, so
    /// its start is incomplete (Ensembl's `cds_start_NF`).
    IncompleteStart {
        /// Bases skipped to reach the first whole codon.
        phase: u8,
    },
    /// The first codon is not ATG (a non-AUG start, or a wrong model).
    StartNotAtg {
        /// The first codon.
        codon: String,
    },
    /// The coding length (after the phase) is not a multiple of three.
    LengthNotWholeCodons {
        /// Coding bases after the phase.
        length: u64,
    },
    /// The last codon is not a stop codon.
    NoStopCodon {
        /// The last whole codon.
        #[serde(rename = "lastCodon")]
        last_codon: String,
    },
    /// Stop codons inside the coding sequence (or selenocysteine UGAs, see the module note).
    InternalStops {
        /// The codon number (1 = first) of the first one.
        #[serde(rename = "firstCodon")]
        first_codon: u64,
        /// How many there are.
        count: u64,
    },
    /// Bases other than A, C, G, T in the coding sequence (their codons translate as X).
    AmbiguousBases {
        /// How many.
        count: u64,
    },
}

/// A transcript's coding sequence and protein as the reference gives them, and what is wrong
/// with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CodingCheck {
    /// Coding bases, from the first coding base to the last, stop codon included.
    pub coding_length: u64,
    /// The protein in one-letter codes, the final stop left off (an internal stop is `*`).
    pub protein: String,
    /// Every problem found, in a fixed order; empty for a sound coding sequence.
    pub problems: Vec<CodingProblem>,
}

impl CodingCheck {
    /// Whether nothing is wrong: the protein can be used for consequences and HGVS p.
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

fn codon_text(codon: [u8; 3]) -> String {
    String::from_utf8_lossy(&codon).to_ascii_uppercase()
}

/// The coding parts in transcription order: the genome order on the forward strand, reversed
/// on the reverse.
fn coding_parts_5_to_3(transcript: &TranscriptModel) -> Vec<kasane_core::gene_model::CodingPart> {
    let mut parts = transcript.coding.clone();
    if transcript.strand == Strand::Reverse {
        parts.reverse();
    }
    parts
}

/// The coding parts' bases joined in transcription order (reverse-complemented on the reverse
/// strand, upper-case, phase not removed), or the first part the reference lacks. The bases
/// from the first coding base to the last are read once and cut into the parts.
fn spliced(
    transcript: &TranscriptModel,
    reference: &dyn SequenceSource,
) -> Result<Result<Vec<u8>, Interval>, SequenceError> {
    let parts = coding_parts_5_to_3(transcript);
    let (Some(first), Some(last)) = (
        parts.iter().map(|p| p.interval.start).min(),
        parts.iter().map(|p| p.interval.end).max(),
    ) else {
        return Ok(Ok(Vec::new()));
    };
    let span = reference.bases(
        &transcript.contig,
        Interval {
            start: first,
            end: last,
        },
    )?;
    let mut sequence = Vec::new();
    for part in parts {
        let from = (part.interval.start - first) as usize;
        let to = (part.interval.end - first) as usize + 1;
        let Some(bases) = span.as_deref().and_then(|s| s.get(from..to)) else {
            return Ok(Err(part.interval));
        };
        match transcript.strand {
            Strand::Forward => sequence.extend(bases.iter().map(u8::to_ascii_uppercase)),
            Strand::Reverse => sequence.extend(reverse_complement(bases)),
        }
    }
    Ok(Ok(sequence))
}

/// The phase of the 5′-most coding part: bases before the first whole codon (non-zero for an
/// incomplete start).
pub fn start_phase(transcript: &TranscriptModel) -> u8 {
    coding_parts_5_to_3(transcript)
        .first()
        .map_or(0, |p| p.phase)
}

/// Splices, translates and checks the coding sequence of `transcript` against `reference`.
/// Only a failure to read the reference is an error; everything wrong with the model or the
/// sequence is a problem on the result.
pub fn check_coding(
    transcript: &TranscriptModel,
    reference: &dyn SequenceSource,
) -> Result<CodingCheck, SequenceError> {
    let mut problems = Vec::new();
    if !transcript.is_coding() {
        problems.push(CodingProblem::NotCoding);
        return Ok(CodingCheck {
            coding_length: 0,
            protein: String::new(),
            problems,
        });
    }
    for part in &transcript.coding {
        let inside = transcript
            .exons
            .iter()
            .any(|exon| exon.start <= part.interval.start && part.interval.end <= exon.end);
        if !inside {
            problems.push(CodingProblem::CodingOutsideExons {
                start: part.interval.start,
                end: part.interval.end,
            });
        }
    }
    let sequence = match spliced(transcript, reference)? {
        Ok(sequence) => sequence,
        Err(part) => {
            problems.push(CodingProblem::MissingSequence {
                contig: transcript.contig.clone(),
                start: part.start,
                end: part.end,
            });
            return Ok(CodingCheck {
                coding_length: 0,
                protein: String::new(),
                problems,
            });
        }
    };
    let coding_length = sequence.len() as u64;
    let phase = start_phase(transcript);
    if phase > 0 {
        problems.push(CodingProblem::IncompleteStart { phase });
    }
    let coding = sequence.get(usize::from(phase)..).unwrap_or_default();
    if coding.len() % 3 != 0 {
        problems.push(CodingProblem::LengthNotWholeCodons {
            length: coding.len() as u64,
        });
    }
    let codons: Vec<[u8; 3]> = coding.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect();
    if phase == 0
        && let Some(first) = codons.first()
        && first != b"ATG"
    {
        problems.push(CodingProblem::StartNotAtg {
            codon: codon_text(*first),
        });
    }
    let terminal_stop = codons.last().is_some_and(|c| is_stop(*c));
    if !terminal_stop && let Some(last) = codons.last() {
        problems.push(CodingProblem::NoStopCodon {
            last_codon: codon_text(*last),
        });
    }
    let translated = if terminal_stop {
        &codons[..codons.len() - 1]
    } else {
        &codons[..]
    };
    let protein: String = translated
        .iter()
        .map(|c| translate_codon(*c) as char)
        .collect();
    let internal: Vec<usize> = protein
        .bytes()
        .enumerate()
        .filter(|(_, aa)| *aa == b'*')
        .map(|(i, _)| i)
        .collect();
    if let Some(first) = internal.first() {
        problems.push(CodingProblem::InternalStops {
            first_codon: *first as u64 + 1,
            count: internal.len() as u64,
        });
    }
    let ambiguous = coding
        .iter()
        .filter(|b| !matches!(b, b'A' | b'C' | b'G' | b'T'))
        .count();
    if ambiguous > 0 {
        problems.push(CodingProblem::AmbiguousBases {
            count: ambiguous as u64,
        });
    }
    Ok(CodingCheck {
        coding_length,
        protein,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_model::model as transcript;

    /// One contig of known bases.
    struct Contig(&'static [u8]);

    impl SequenceSource for Contig {
        fn bases(
            &self,
            contig: &str,
            interval: Interval,
        ) -> Result<Option<Vec<u8>>, SequenceError> {
            if contig != "chr1" {
                return Ok(None);
            }
            Ok(self
                .0
                .get(interval.start as usize - 1..interval.end as usize)
                .map(<[u8]>::to_vec))
        }
    }

    //                        1        10        20        30
    //                        |        |         |         |
    const FORWARD: &[u8] = b"ccATGGCCAAgtaagtccagGCTGGGATAAtt";

    #[test]
    fn a_forward_transcript_splices_its_exons_and_translates_to_its_stop() {
        // ATG GCC AA | G CTG GGA TAA: exon 1 ends at 10, exon 2 starts at 21.
        let t = transcript(
            Strand::Forward,
            &[(1, 10), (21, 32)],
            &[(3, 10, 0), (21, 30, 1)],
        );
        let check = check_coding(&t, &Contig(FORWARD)).expect("reads");
        assert_eq!(check.protein, "MAKLG");
        assert_eq!(check.coding_length, 18);
        assert!(check.is_sound(), "{:?}", check.problems);
    }

    #[test]
    fn a_reverse_transcript_is_read_on_the_other_strand_in_transcription_order() {
        // The reverse complement of FORWARD holds the same protein on the reverse strand.
        let reversed: &'static [u8] = Box::leak(reverse_complement(FORWARD).into_boxed_slice());
        let length = FORWARD.len() as u64;
        let mirror = |p: u64| length + 1 - p;
        let t = transcript(
            Strand::Reverse,
            &[(mirror(32), mirror(21)), (mirror(10), mirror(1))],
            &[(mirror(30), mirror(21), 1), (mirror(10), mirror(3), 0)],
        );
        let check = check_coding(&t, &Contig(reversed)).expect("reads");
        assert_eq!(check.protein, "MAKLG");
        assert!(check.is_sound(), "{:?}", check.problems);
    }

    #[test]
    fn every_problem_is_flagged_on_the_result() {
        let contig = Contig(FORWARD);
        // Starting one base late: a non-ATG start, a partial codon and no stop.
        let shifted = transcript(
            Strand::Forward,
            &[(1, 10), (21, 32)],
            &[(4, 10, 0), (21, 30, 1)],
        );
        let check = check_coding(&shifted, &contig).expect("reads");
        assert_eq!(
            check.problems,
            vec![
                CodingProblem::LengthNotWholeCodons { length: 17 },
                CodingProblem::StartNotAtg {
                    codon: "TGG".into()
                },
                CodingProblem::NoStopCodon {
                    last_codon: "GAT".into()
                },
            ]
        );
        // A phase on the first part: the start is incomplete, and it is said so.
        let phased = transcript(
            Strand::Forward,
            &[(1, 10), (21, 32)],
            &[(2, 10, 1), (21, 30, 1)],
        );
        let check = check_coding(&phased, &contig).expect("reads");
        assert_eq!(
            check.problems,
            vec![CodingProblem::IncompleteStart { phase: 1 }]
        );
        assert_eq!(check.protein, "MAKLG");
        // Reading through the intron: stops inside, and a coding part outside the exons.
        let through = transcript(Strand::Forward, &[(1, 10), (21, 32)], &[(3, 30, 0)]);
        let check = check_coding(&through, &contig).expect("reads");
        assert!(
            check
                .problems
                .contains(&CodingProblem::CodingOutsideExons { start: 3, end: 30 })
        );
        assert!(
            check.problems.iter().any(|p| matches!(
                p,
                CodingProblem::InternalStops {
                    first_codon: 4,
                    count: 1
                }
            )),
            "{:?}",
            check.problems
        );
        // A contig the reference lacks, and a transcript without coding parts.
        let mut elsewhere = shifted.clone();
        elsewhere.contig = "chr2".into();
        assert!(matches!(
            check_coding(&elsewhere, &contig).expect("reads").problems[..],
            [CodingProblem::MissingSequence { .. }]
        ));
        let non_coding = transcript(Strand::Forward, &[(1, 10)], &[]);
        assert_eq!(
            check_coding(&non_coding, &contig).expect("reads").problems,
            vec![CodingProblem::NotCoding]
        );
    }

    #[test]
    fn ambiguous_bases_are_counted_and_translate_as_x() {
        let t = transcript(Strand::Forward, &[(1, 12)], &[(1, 12, 0)]);
        let check = check_coding(&t, &Contig(b"ATGNNNGCCTAG")).expect("reads");
        assert_eq!(check.protein, "MXA");
        assert_eq!(
            check.problems,
            vec![CodingProblem::AmbiguousBases { count: 3 }]
        );
    }
}
