//! What a variant does to one transcript, as every kind of variant reports it: consequences,
//! HGVS c./n. and p., positions, and what kept a part of the answer from being given.

use std::fmt;

use serde::{Deserialize, Serialize};

use kasane_core::gene_model::Interval;

use crate::consequence::Consequence;
use crate::nmd::NmdPrediction;

/// The effect of one variant on one transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VariantEffect {
    /// Consequences, most severe first (VEP's order).
    pub consequences: Vec<Consequence>,
    /// `c.4837A>G`, `c.5266dup`, `c.123+5del` (or `n.`): 3′-shifted as HGVS requires, bases on
    /// the transcript's strand; empty up- or downstream of the transcript, or when it cannot be
    /// given (see `problems`).
    pub hgvs_c: String,
    /// The predicted protein change, `p.(Ser1613Gly)`, `p.(Gln1756ProfsTer74)`, for a coding
    /// change.
    pub hgvs_p: Option<String>,
    /// First and last position along the spliced transcript, for a variant within one exon.
    pub cdna_positions: Option<Interval>,
    /// First and last coding position (`c.` number), for a variant within the coding sequence.
    pub cds_positions: Option<Interval>,
    /// First and last codon changed.
    pub protein_positions: Option<Interval>,
    /// Reference and variant amino acids (one-letter, `-` for none), for a coding change.
    pub amino_acids: Option<(String, String)>,
    /// Reference and variant codons, the changed bases in upper case (`aGc/aCc`), for a
    /// substitution.
    pub codons: Option<(String, String)>,
    /// For a premature stop (a stop gained or a frameshift): whether nonsense-mediated decay is
    /// predicted (DOMAIN.md R-ACMG-006).
    pub nmd: Option<NmdPrediction>,
    /// For a premature stop: the codon of the variant protein it takes (1-based) — 854 for
    /// `p.(Arg854Ter)`, 1829 for `p.(Gln1756ProfsTer74)` — which VCEP PVS1 rules are written
    /// against ("a premature stop before codon 916").
    pub premature_stop: Option<u64>,
    /// What kept HGVS or the protein change from being given; empty when nothing did.
    pub problems: Vec<EffectProblem>,
}

impl VariantEffect {
    /// An effect with only consequences (beside a transcript, or nothing more to say yet).
    pub fn with_consequences(consequences: Vec<Consequence>) -> Self {
        Self {
            consequences,
            hgvs_c: String::new(),
            hgvs_p: None,
            cdna_positions: None,
            cds_positions: None,
            protein_positions: None,
            amino_acids: None,
            codons: None,
            nmd: None,
            premature_stop: None,
            problems: Vec::new(),
        }
    }
}

/// Why part of an effect is not given: the answer would be a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EffectProblem {
    /// The variant crosses an exon–intron boundary: its effect on splicing, and so on the
    /// protein, cannot be predicted from the sequence.
    CrossesExonIntronBoundary,
    /// The variant runs past the transcript's first or last base.
    RunsPastTranscript,
    /// No reference sequence was at hand: a longer variant cannot be 3′-shifted, so its HGVS
    /// is not given, nor is any protein change.
    NoReference,
    /// The transcript's coding sequence is not sound (an incomplete start, no stop, a stop
    /// inside, a partial codon): no protein change is given on it.
    UnsoundCodingSequence,
    /// The transcript's first codon is not ATG (a non-AUG start, or a model to check): codons
    /// are numbered from it as the model says, and no start loss is predicted.
    NonAtgStart,
}

impl fmt::Display for EffectProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CrossesExonIntronBoundary => {
                "crosses an exon-intron boundary: splicing effect not predicted"
            }
            Self::RunsPastTranscript => "runs past the end of the transcript",
            Self::NoReference => "no reference sequence: HGVS and protein change not given",
            Self::UnsoundCodingSequence => {
                "the transcript's coding sequence is not sound: protein change not given"
            }
            Self::NonAtgStart => {
                "the transcript's start codon is not ATG: start loss not predicted"
            }
        })
    }
}

/// Why a variant cannot be described on a transcript at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EffectError {
    /// The reference does not hold the stated reference bases there.
    #[error(
        "the reference allele is {stated} but the reference sequence has {found} at {position}"
    )]
    ReferenceMismatch {
        /// The bases the variant states (forward strand for a longer variant, the transcript's
        /// strand for a substitution).
        stated: String,
        /// The bases of the reference.
        found: String,
        /// Where (an HGVS or genome position).
        position: String,
    },
    /// A base that is not A, C, G or T.
    #[error("{0:?} is not A, C, G or T")]
    NotABase(char),
    /// REF and ALT are the same.
    #[error("the alternate allele equals the reference allele: there is no change")]
    NoChange,
}
