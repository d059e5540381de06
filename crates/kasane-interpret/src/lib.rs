//! Kasane's interpretation rules (issue 6): the 28 ACMG/AMP criteria with their directions,
//! default strengths and strength modifiers (`PM2_Supporting`), the ClinGen SVI point system
//! and the Richards 2015 combining rules computed side by side, with thresholds from versioned
//! rule-set files (`assets/rules/`), never inline constants.

pub mod combining;
pub mod criteria;
pub mod rule_set;
pub mod scoring;

pub use criteria::{AppliedCriterion, Criterion, CriterionError, Direction, Strength};
pub use rule_set::{RuleSet, RuleSetError};
pub use scoring::{Assessment, Classification, ScoreError, ScoredCriterion, assess};
