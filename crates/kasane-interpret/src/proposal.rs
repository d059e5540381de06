//! A criterion as Kasane proposes it from the evidence (DOMAIN.md P1, R-ACMG-001): met, not
//! met or not evaluable, with the reason, the frequencies or decision-tree path behind it, at
//! the strength it would count at. A person accepts or rejects it.

use serde::{Deserialize, Serialize};

use crate::criteria::{AppliedCriterion, Criterion, Strength};
use crate::population::FrequencyEvidence;
use crate::rule_set::RuleSet;

/// Whether a proposed criterion holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ProposalState {
    /// The evidence meets the criterion: proposed for the curator to accept.
    Met,
    /// The evidence was read and does not meet it.
    NotMet,
    /// The evidence needed is missing or too thin to decide.
    NotEvaluable,
}

/// One criterion proposed, or not, from the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Proposal {
    /// The criterion at the strength it would count at.
    pub applied: AppliedCriterion,
    /// Its name with any strength modifier: `PM2_Supporting`.
    pub name: String,
    /// Whether the evidence meets it.
    pub state: ProposalState,
    /// Why, in a sentence naming the numbers and the rule.
    pub reason: String,
    /// The frequencies read, one per source (population criteria).
    pub evidence: Vec<FrequencyEvidence>,
    /// The facts and decision-tree nodes the proposal went through, in order (the PVS1 tree
    /// path of DOMAIN.md R-ACMG-007, the transcript read).
    #[serde(default)]
    pub path: Vec<String>,
}

impl Proposal {
    /// `criterion` at the rule set's default strength, without evidence or path.
    pub fn new(
        rule_set: &RuleSet,
        criterion: Criterion,
        state: ProposalState,
        reason: String,
    ) -> Self {
        Self::at(
            rule_set,
            criterion,
            rule_set.default_strength(criterion),
            state,
            reason,
        )
    }

    /// `criterion` at `strength` (a PVS1 strength from the decision tree).
    pub fn at(
        rule_set: &RuleSet,
        criterion: Criterion,
        strength: Strength,
        state: ProposalState,
        reason: String,
    ) -> Self {
        let applied = AppliedCriterion {
            criterion,
            strength,
            modified: strength != rule_set.default_strength(criterion),
        };
        Self {
            name: applied.name(),
            applied,
            state,
            reason,
            evidence: Vec::new(),
            path: Vec::new(),
        }
    }

    /// With the frequencies read.
    pub fn with_evidence(mut self, evidence: Vec<FrequencyEvidence>) -> Self {
        self.evidence = evidence;
        self
    }

    /// With the path of facts and tree nodes.
    pub fn with_path(mut self, path: Vec<String>) -> Self {
        self.path = path;
        self
    }
}
