//! Kasane's interpretation rules (issue 6): the 28 ACMG/AMP criteria with their directions,
//! default strengths and strength modifiers (`PM2_Supporting`), the ClinGen SVI point system
//! and the Richards 2015 combining rules computed side by side, with thresholds from versioned
//! rule-set files (`assets/rules/`), never inline constants; the criteria proposed from the
//! evidence (population frequencies; PVS1, PM4, BP3 and BP7 from the consequence; PS1 and PM5
//! from ClinVar, PS1 also at canonical splice sites; PP3 and BP4 from one calibrated missense
//! predictor; PVS1 for structural variants), each with its reason, sources and decision path;
//! the curator's decisions on them, from which each classification version is scored; CNVs
//! scored by the Riggs 2020 sections the cache answers, with the curator's sections beside
//! them; DNA-level fusions judged against the diagnostic list; and, for somatic variants, the
//! oncogenicity codes and points of Horak 2022 (those the cache answers proposed) and the
//! AMP/ASCO/CAP tiers beside the Japanese evidence levels.

pub mod ba1_exceptions;
pub mod clinvar_match;
pub mod cnv;
pub mod cnv_review;
pub mod combining;
pub mod computational;
pub mod consequences;
pub mod credible_af;
pub mod criteria;
pub mod fusions;
pub mod oncogenicity;
pub mod oncogenicity_review;
pub mod phenotype_points;
pub mod population;
pub mod proposal;
pub mod review;
pub mod rule_set;
pub mod scoring;
pub mod somatic;
pub mod splice_ps1;
pub mod structural;
pub mod tiers;
pub mod vcep_pvs1;

pub use ba1_exceptions::{Ba1Exception, Ba1ExceptionList, Ba1Listing};
pub use clinvar_match::{KnownChange, KnownClass, ProteinChange, clinvar_proposals};
pub use cnv::{
    CnvAssessment, CnvDirection, CnvEvidence, CnvRules, CnvSection, IntragenicLoss, score_cnv,
};
pub use cnv_review::{ReviewedCnv, SectionDecision, cnv_ready_for_sign_off, revise_cnv};
pub use computational::{PredictorCalibration, PredictorReading, computational_proposals};
pub use consequences::{
    ExonSkip, Nmd, StartCodonEvidence, TranscriptConsequence, consequence_proposals,
};
pub use credible_af::{CredibleAfError, CredibleFrequency, DominantDisorder, credible_frequency};
pub use criteria::{AppliedCriterion, Criterion, CriterionError, Direction, Strength};
pub use fusions::{FusionAssessment, FusionCall, FusionVerdict, assess_fusion};
pub use oncogenicity::{
    Oncogenicity, OncogenicityAssessment, OncogenicityCode, OncogenicityError, OncogenicityRules,
    assess_oncogenicity, hotspot_code,
};
pub use oncogenicity_review::{
    CodeDecision, EvidenceChange, RecordedEvidence, ReviewedOncogenicity,
    oncogenicity_ready_for_sign_off, revise_oncogenicity,
};
pub use phenotype_points::{
    GradedCode, PhenotypeError, PhenotypeFinding, PhenotypeGrade, PhenotypeScore,
    PhenotypeSpecification,
};
pub use population::{FrequencyEvidence, PopulationSource, population_proposals};
pub use proposal::{Proposal, ProposalState};
pub use review::{
    CriterionDecision, DecisionState, ReviewAction, ReviewChange, ReviewError, ReviewedCriteria,
};
pub use rule_set::{RuleSet, RuleSetError, RuleSets};
pub use scoring::{
    Assessment, Classification, ScoreError, ScoredCriterion, assess, points_in_words,
};
pub use somatic::{
    CancerRoleReading, OncogenicityProposal, OncogenicityProposals, oncogenicity_proposals,
};
pub use splice_ps1::{IntronicPosition, KnownSpliceChange, splice_site_ps1};
pub use structural::{StructuralHit, StructuralKind, structural_pvs1};
pub use tiers::{AmpTier, EvidenceItem, TierResult, amp_tier};
