//! What a single-base substitution does to one transcript: its HGVS c./n. and p. descriptions
//! and Sequence Ontology consequences (VEP's terms), for the coding and splice cases settled so
//! far, with the NMD prediction of a stop gained. Not yet here (issue 5 keeps them open): the
//! new stop of a stop loss (written `ext*?`), and every variant longer than one base.

use serde::{Deserialize, Serialize};

use kasane_core::consequence::severity_rank;
use kasane_core::gene_model::{Strand, TranscriptModel};

use crate::coding::start_phase;
use crate::coordinates::{Anchor, coding_span, intron_distances, transcript_position};
use crate::genetic_code::translate_codon;
use crate::nmd::{NmdPrediction, nmd_prediction};

/// A Sequence Ontology consequence term, serialised in VEP's spelling (its SO term).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Consequence {
    /// The two intronic bases at the 5′ end of an intron.
    SpliceDonorVariant,
    /// The two intronic bases at the 3′ end of an intron.
    SpliceAcceptorVariant,
    /// A new stop codon.
    StopGained,
    /// The stop codon changed to a sense codon.
    StopLost,
    /// The ATG start codon changed.
    StartLost,
    /// An amino acid changed.
    MissenseVariant,
    /// The 5th base of an intron (its 5′ end, transcription order).
    SpliceDonor5thBaseVariant,
    /// 1–3 exonic or 3–8 intronic bases from a splice site.
    SpliceRegionVariant,
    /// The 3rd, 4th or 6th base of an intron.
    SpliceDonorRegionVariant,
    /// The 3rd to 17th base before an intron's 3′ end.
    SplicePolypyrimidineTractVariant,
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
            Self::SpliceDonorVariant
            | Self::SpliceAcceptorVariant
            | Self::StopGained
            | Self::StopLost
            | Self::StartLost => "HIGH",
            Self::MissenseVariant => "MODERATE",
            Self::SpliceDonor5thBaseVariant
            | Self::SpliceRegionVariant
            | Self::SpliceDonorRegionVariant
            | Self::SplicePolypyrimidineTractVariant
            | Self::StopRetainedVariant
            | Self::SynonymousVariant => "LOW",
            Self::CodingSequenceVariant
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
            Self::SpliceDonorVariant => "splice_donor_variant",
            Self::SpliceAcceptorVariant => "splice_acceptor_variant",
            Self::StopGained => "stop_gained",
            Self::StopLost => "stop_lost",
            Self::StartLost => "start_lost",
            Self::MissenseVariant => "missense_variant",
            Self::SpliceDonor5thBaseVariant => "splice_donor_5th_base_variant",
            Self::SpliceRegionVariant => "splice_region_variant",
            Self::SpliceDonorRegionVariant => "splice_donor_region_variant",
            Self::SplicePolypyrimidineTractVariant => "splice_polypyrimidine_tract_variant",
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

/// Most severe first, by VEP's ranking (kasane-core keeps it).
fn sort_by_severity(consequences: &mut [Consequence]) {
    consequences.sort_by_key(|c| severity_rank(c.so_term()));
}

/// The effect of one substitution on one transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnvEffect {
    /// Consequences, most severe first (VEP's order).
    pub consequences: Vec<Consequence>,
    /// `c.4837A>G` (or `n.`), bases on the transcript's strand; empty up- or downstream of
    /// the transcript.
    pub hgvs_c: String,
    /// The predicted protein change, `p.(Ser1613Gly)`, for a coding change.
    pub hgvs_p: Option<String>,
    /// The codon number of a coding change.
    pub protein_position: Option<u64>,
    /// Reference and variant amino acids (one-letter), for a coding change.
    pub amino_acids: Option<(char, char)>,
    /// Reference and variant codons, the changed base in lower case (`aGc/aCc`).
    pub codons: Option<(String, String)>,
    /// For a stop gained: whether nonsense-mediated decay is predicted (DOMAIN.md R-ACMG-006).
    pub nmd: Option<NmdPrediction>,
}

/// Why a substitution cannot be described on a transcript.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnvError {
    /// The coding sequence does not hold the stated reference base there.
    #[error("the reference base is {stated} but the transcript has {found} at {position}")]
    ReferenceMismatch {
        /// The base the variant states (transcript strand).
        stated: char,
        /// The base of the transcript's sequence.
        found: char,
        /// The HGVS position.
        position: String,
    },
    /// A base that is not A, C, G or T.
    #[error("{0:?} is not A, C, G or T")]
    NotABase(char),
}

/// How far from a transcript VEP reports a variant as up- or downstream of it.
pub const FLANK: u64 = 5_000;

/// `upstream_gene_variant` or `downstream_gene_variant` for a position outside `transcript`
/// but within [`FLANK`] bases of it; `None` inside it or farther away.
fn flank_consequence(transcript: &TranscriptModel, pos: u64) -> Option<Consequence> {
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

/// Three-letter amino acid codes as HGVS writes them (`Ter` for a stop).
fn three_letter(amino_acid: u8) -> &'static str {
    match amino_acid {
        b'A' => "Ala",
        b'R' => "Arg",
        b'N' => "Asn",
        b'D' => "Asp",
        b'C' => "Cys",
        b'Q' => "Gln",
        b'E' => "Glu",
        b'G' => "Gly",
        b'H' => "His",
        b'I' => "Ile",
        b'L' => "Leu",
        b'K' => "Lys",
        b'M' => "Met",
        b'F' => "Phe",
        b'P' => "Pro",
        b'S' => "Ser",
        b'T' => "Thr",
        b'W' => "Trp",
        b'Y' => "Tyr",
        b'V' => "Val",
        b'*' => "Ter",
        _ => "Xaa",
    }
}

fn complement(base: u8) -> u8 {
    match base {
        b'A' => b'T',
        b'C' => b'G',
        b'G' => b'C',
        b'T' => b'A',
        other => other,
    }
}

/// Whether genome position `pos` lies within 3 exonic or 3–8 intronic bases of an internal exon
/// boundary (a splice site): VEP's splice-region window.
fn near_splice_site(transcript: &TranscriptModel, pos: u64) -> bool {
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

/// The effect of substituting `reference` by `alternate` (forward-strand bases) at genome
/// position `pos` on `transcript`, whose coding sequence from `c.1` is `coding` (see
/// [`crate::coding::coding_sequence`]; ignored for a non-coding transcript). Without it, or on
/// a transcript whose start is incomplete, a coding change is a `coding_sequence_variant` with
/// no protein change. Beside the transcript it is up- or downstream of it (within [`FLANK`]);
/// `None` farther away.
pub fn snv_effect(
    transcript: &TranscriptModel,
    coding: Option<&[u8]>,
    pos: u64,
    reference: char,
    alternate: char,
) -> Result<Option<SnvEffect>, SnvError> {
    let base = |c: char| -> Result<u8, SnvError> {
        let b = c.to_ascii_uppercase() as u8;
        matches!(b, b'A' | b'C' | b'G' | b'T')
            .then_some(b)
            .ok_or(SnvError::NotABase(c))
    };
    let (mut r, mut a) = (base(reference)?, base(alternate)?);
    if transcript.strand == Strand::Reverse {
        (r, a) = (complement(r), complement(a));
    }
    let Some(position) = transcript_position(transcript, pos) else {
        // Beside the transcript: up- or downstream within FLANK, else nothing.
        return Ok(flank_consequence(transcript, pos).map(|flank| SnvEffect {
            consequences: vec![flank],
            hgvs_c: String::new(),
            hgvs_p: None,
            protein_position: None,
            amino_acids: None,
            codons: None,
            nmd: None,
        }));
    };
    let hgvs_c = format!("{position}{}>{}", r as char, a as char);
    let mut effect = SnvEffect {
        consequences: Vec::new(),
        hgvs_c,
        hgvs_p: None,
        protein_position: None,
        amino_acids: None,
        codons: None,
        nmd: None,
    };
    let splice_region = near_splice_site(transcript, pos);
    if let Some((from_5_prime, from_3_prime)) = intron_distances(transcript, pos) {
        // Both can hold in an intron of four bases or fewer.
        if from_5_prime <= 2 {
            effect.consequences.push(Consequence::SpliceDonorVariant);
        }
        if from_3_prime <= 2 {
            effect.consequences.push(Consequence::SpliceAcceptorVariant);
        }
        if effect.consequences.is_empty() {
            if splice_region {
                effect.consequences.push(Consequence::SpliceRegionVariant);
            }
            // VEP's finer splice terms (release 105, the SpliceRegion plugin's definitions).
            match from_5_prime {
                5 => effect
                    .consequences
                    .push(Consequence::SpliceDonor5thBaseVariant),
                3 | 4 | 6 => effect
                    .consequences
                    .push(Consequence::SpliceDonorRegionVariant),
                _ => {}
            }
            if (3..=17).contains(&from_3_prime) {
                effect
                    .consequences
                    .push(Consequence::SplicePolypyrimidineTractVariant);
            }
            effect.consequences.push(Consequence::IntronVariant);
        }
        sort_by_severity(&mut effect.consequences);
        return Ok(Some(effect));
    }
    let primary = match position.anchor {
        Anchor::FivePrimeUtr(_) => Consequence::FivePrimeUtrVariant,
        Anchor::ThreePrimeUtr(_) => Consequence::ThreePrimeUtrVariant,
        Anchor::NonCoding(_) => Consequence::NonCodingTranscriptExonVariant,
        // Without the sequence, or with a start that begins mid-codon (whose codons cannot be
        // numbered from c.1), the protein change is not given.
        Anchor::Coding(_) if coding.is_none() || start_phase(transcript) != 0 => {
            Consequence::CodingSequenceVariant
        }
        Anchor::Coding(n) => {
            let index = (n - 1) as usize;
            let codon_start = index - index % 3;
            // A base of an incomplete last codon has no codon to name.
            let Some((coding, codon)) =
                coding.and_then(|c| c.get(codon_start..codon_start + 3).map(|codon| (c, codon)))
            else {
                effect.consequences.push(Consequence::CodingSequenceVariant);
                if splice_region {
                    effect.consequences.push(Consequence::SpliceRegionVariant);
                }
                sort_by_severity(&mut effect.consequences);
                return Ok(Some(effect));
            };
            let found = coding[index];
            if found != r {
                return Err(SnvError::ReferenceMismatch {
                    stated: r as char,
                    found: found as char,
                    position: position.to_string(),
                });
            }
            let reference_codon = [codon[0], codon[1], codon[2]];
            let mut variant_codon = reference_codon;
            variant_codon[index % 3] = a;
            let (from, to) = (
                translate_codon(reference_codon),
                translate_codon(variant_codon),
            );
            let number = (codon_start / 3) as u64 + 1;
            let show = |codon: [u8; 3]| -> String {
                codon
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let c = *b as char;
                        if i == index % 3 {
                            c
                        } else {
                            c.to_ascii_lowercase()
                        }
                    })
                    .collect()
            };
            effect.protein_position = Some(number);
            effect.amino_acids = Some((from as char, to as char));
            effect.codons = Some((show(reference_codon), show(variant_codon)));
            let (consequence, p) = match (from, to) {
                _ if number == 1 && &reference_codon == b"ATG" && to != b'M' => {
                    (Consequence::StartLost, "p.(Met1?)".to_string())
                }
                (b'*', b'*') => (
                    Consequence::StopRetainedVariant,
                    format!("p.(Ter{number}=)"),
                ),
                (b'*', _) => (
                    Consequence::StopLost,
                    format!("p.(Ter{number}{}ext*?)", three_letter(to)),
                ),
                (_, b'*') => (
                    Consequence::StopGained,
                    format!("p.({}{number}Ter)", three_letter(from)),
                ),
                _ if from == to => (
                    Consequence::SynonymousVariant,
                    format!("p.({}{number}=)", three_letter(from)),
                ),
                _ => (
                    Consequence::MissenseVariant,
                    format!("p.({}{number}{})", three_letter(from), three_letter(to)),
                ),
            };
            if consequence == Consequence::StopGained {
                effect.nmd = coding_span(transcript)
                    .and_then(|(first, _)| nmd_prediction(transcript, first + codon_start as u64));
            }
            effect.hgvs_p = Some(p);
            consequence
        }
    };
    effect.consequences.push(primary);
    if splice_region {
        effect.consequences.push(Consequence::SpliceRegionVariant);
    }
    sort_by_severity(&mut effect.consequences);
    Ok(Some(effect))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_model::model;
    use kasane_core::gene_model::{CodingPart, Interval};

    fn interval(start: u64, end: u64) -> Interval {
        Interval { start, end }
    }

    /// Exons 1–10 and 21–32 of the forward test sequence of `coding.rs`: ATG GCC AA|G CTG GGA
    /// TAA, coding 3–10 and 21–30.
    fn forward() -> TranscriptModel {
        model(
            Strand::Forward,
            &[(1, 10), (21, 32)],
            &[(3, 10, 0), (21, 30, 1)],
        )
    }

    const CODING: &[u8] = b"ATGGCCAAGCTGGGATAA";

    fn effect(pos: u64, r: char, a: char) -> SnvEffect {
        snv_effect(&forward(), Some(CODING), pos, r, a)
            .expect("describable")
            .expect("on the transcript")
    }

    #[test]
    fn coding_substitutions_are_named_by_their_protein_change() {
        let start = effect(4, 'T', 'C');
        assert_eq!(
            (start.hgvs_c.as_str(), start.hgvs_p.as_deref()),
            ("c.2T>C", Some("p.(Met1?)"))
        );
        assert_eq!(start.consequences, vec![Consequence::StartLost]);
        let missense = effect(6, 'G', 'A');
        assert_eq!(missense.hgvs_p.as_deref(), Some("p.(Ala2Thr)"));
        assert_eq!(missense.codons, Some(("Gcc".into(), "Acc".into())));
        let synonymous = effect(8, 'C', 'T');
        assert_eq!(synonymous.hgvs_p.as_deref(), Some("p.(Ala2=)"));
        // Two bases from the exon's end: in the splice region as well.
        assert_eq!(
            synonymous.consequences,
            vec![
                Consequence::SpliceRegionVariant,
                Consequence::SynonymousVariant
            ]
        );
        // c.13G>T: GGA → TGA.
        let stop = effect(25, 'G', 'T');
        assert_eq!(
            (stop.hgvs_c.as_str(), stop.hgvs_p.as_deref()),
            ("c.13G>T", Some("p.(Gly5Ter)"))
        );
        // c.13 is in the last exon: decay escaped.
        assert_eq!(stop.nmd, Some(NmdPrediction::EscapesLastExon));
        assert_eq!(missense.nmd, None);
        let lost = effect(29, 'A', 'C');
        assert_eq!(lost.hgvs_p.as_deref(), Some("p.(Ter6Serext*?)"));
        let retained = effect(30, 'A', 'G');
        assert_eq!(retained.hgvs_p.as_deref(), Some("p.(Ter6=)"));
    }

    #[test]
    fn splice_sites_regions_utrs_and_introns() {
        assert_eq!(
            effect(11, 'g', 'a').consequences,
            vec![Consequence::SpliceDonorVariant]
        );
        assert_eq!(effect(11, 'G', 'A').hgvs_c, "c.8+1G>A");
        assert_eq!(
            effect(20, 'G', 'A').consequences,
            vec![Consequence::SpliceAcceptorVariant]
        );
        // The intron 11–20: 14 is its 4th base, 15 its 5th, 17 the 4th before its end.
        assert_eq!(
            effect(14, 'A', 'G').consequences,
            vec![
                Consequence::SpliceRegionVariant,
                Consequence::SpliceDonorRegionVariant,
                Consequence::SplicePolypyrimidineTractVariant,
                Consequence::IntronVariant
            ]
        );
        assert_eq!(
            effect(15, 'G', 'A').consequences,
            vec![
                Consequence::SpliceDonor5thBaseVariant,
                Consequence::SpliceRegionVariant,
                Consequence::SplicePolypyrimidineTractVariant,
                Consequence::IntronVariant
            ]
        );
        // The last exonic base before the intron is in the splice region too (AAG → AGG).
        let last = effect(10, 'A', 'G');
        assert_eq!(last.hgvs_p.as_deref(), Some("p.(Lys3Arg)"));
        assert_eq!(
            last.consequences,
            vec![
                Consequence::MissenseVariant,
                Consequence::SpliceRegionVariant
            ]
        );
        assert_eq!(
            effect(1, 'C', 'T').consequences,
            vec![Consequence::FivePrimeUtrVariant]
        );
        assert_eq!(effect(31, 'T', 'C').hgvs_c, "c.*1T>C");
        // Beside the transcript: downstream within 5 kb, nothing farther.
        let beside = snv_effect(&forward(), Some(CODING), 40, 'A', 'C')
            .unwrap()
            .unwrap();
        assert_eq!(
            (beside.consequences, beside.hgvs_c.as_str()),
            (vec![Consequence::DownstreamGeneVariant], "")
        );
        assert!(
            snv_effect(&forward(), Some(CODING), 5_033, 'A', 'C')
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_base_of_a_two_base_intron_is_both_donor_and_acceptor() {
        let mut t = forward();
        t.exons = vec![interval(1, 10), interval(13, 32)];
        t.coding = vec![
            CodingPart {
                interval: interval(3, 10),
                phase: 0,
            },
            CodingPart {
                interval: interval(13, 22),
                phase: 1,
            },
        ];
        let e = snv_effect(&t, Some(CODING), 11, 'G', 'A').unwrap().unwrap();
        assert_eq!(
            e.consequences,
            vec![
                Consequence::SpliceAcceptorVariant,
                Consequence::SpliceDonorVariant
            ]
        );
    }

    #[test]
    fn positions_beside_a_transcript_are_up_or_downstream_by_its_strand() {
        let mut t = forward();
        assert_eq!(
            flank_consequence(&t, 5_032),
            Some(Consequence::DownstreamGeneVariant)
        );
        assert_eq!(flank_consequence(&t, 5_033), None);
        assert_eq!(flank_consequence(&t, 10), None);
        t.extent = interval(5_001, 5_032);
        assert_eq!(
            flank_consequence(&t, 1),
            Some(Consequence::UpstreamGeneVariant)
        );
        t.strand = Strand::Reverse;
        assert_eq!(
            flank_consequence(&t, 1),
            Some(Consequence::DownstreamGeneVariant)
        );
        assert_eq!(
            flank_consequence(&t, 6_000),
            Some(Consequence::UpstreamGeneVariant)
        );
    }

    #[test]
    fn a_base_of_an_incomplete_last_codon_is_a_coding_sequence_variant() {
        // The coding sequence stops two bases into its last codon.
        let e = snv_effect(&forward(), Some(&CODING[..17]), 30, 'A', 'G')
            .unwrap()
            .unwrap();
        assert_eq!((e.hgvs_c.as_str(), e.hgvs_p.as_deref()), ("c.18A>G", None));
        assert_eq!(e.consequences, vec![Consequence::CodingSequenceVariant]);
    }

    #[test]
    fn a_wrong_reference_base_or_a_non_base_is_an_error() {
        assert!(matches!(
            snv_effect(&forward(), Some(CODING), 6, 'T', 'A'),
            Err(SnvError::ReferenceMismatch {
                stated: 'T',
                found: 'G',
                ..
            })
        ));
        assert_eq!(
            snv_effect(&forward(), Some(CODING), 6, 'G', 'N'),
            Err(SnvError::NotABase('N'))
        );
    }

    #[test]
    fn a_reverse_strand_substitution_is_named_on_the_transcript_strand() {
        let mut t = forward();
        t.strand = Strand::Reverse;
        // A one-exon reverse transcript over 3–11 reading the complement: ATG on the reverse
        // strand is CAT on the forward one.
        t.exons = vec![interval(1, 12)];
        t.coding = vec![CodingPart {
            interval: interval(1, 9),
            phase: 0,
        }];
        let coding = b"ATGGCCTAA";
        // c.1 is genome position 9 (forward base T, transcript base A).
        let e = snv_effect(&t, Some(coding), 9, 'T', 'C')
            .expect("describable")
            .expect("on the transcript");
        assert_eq!(
            (e.hgvs_c.as_str(), e.hgvs_p.as_deref()),
            ("c.1A>G", Some("p.(Met1?)"))
        );
    }
}
