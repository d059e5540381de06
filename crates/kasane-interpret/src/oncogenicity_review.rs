//! The curator's decisions on a somatic variant's oncogenicity codes (Horak 2022; DOMAIN.md
//! §3.1): each proposed code accepted or rejected with a reason, codes added by hand with a note
//! and citation, and the oncogenicity class recomputed from the accepted ones — the same
//! workflow as the germline criteria ([`crate::review`]), on the codes' fixed strengths.

use serde::{Deserialize, Serialize};

use crate::oncogenicity::{
    OncogenicityAssessment, OncogenicityCode, OncogenicityError, OncogenicityRules,
    assess_oncogenicity,
};
use crate::proposal::ProposalState;
use crate::review::{DecisionState, ReviewAction, ReviewChange, ReviewError};
use crate::somatic::OncogenicityProposal;

/// One oncogenicity code of a classification and the curator's decision on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CodeDecision {
    /// The code.
    pub code: OncogenicityCode,
    /// Proposed, accepted or rejected.
    pub state: DecisionState,
    /// Kasane's proposal with its reason; `None` for a code added by hand.
    pub proposal: Option<OncogenicityProposal>,
    /// The curator's reason or note.
    pub note: Option<String>,
    /// Where the curator's evidence is published.
    pub citation: Option<String>,
    /// Who decided last; `None` while only proposed.
    pub decided_by: Option<String>,
}

/// A somatic classification's codes and their class: the content of one stored version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewedOncogenicity {
    /// Every code proposed or decided, in the order of Horak 2022's tables.
    pub decisions: Vec<CodeDecision>,
    /// The accepted codes scored.
    pub assessment: OncogenicityAssessment,
}

impl From<OncogenicityError> for ReviewError {
    fn from(error: OncogenicityError) -> Self {
        ReviewError::Oncogenicity(error.to_string())
    }
}

/// `proposal` as a decision nobody has made yet.
fn proposed(proposal: &OncogenicityProposal) -> CodeDecision {
    CodeDecision {
        code: proposal.code,
        state: DecisionState::Proposed,
        proposal: Some(proposal.clone()),
        note: None,
        citation: None,
        decided_by: None,
    }
}

/// Applies `change` to the `previous` version (`None` for a first one), bringing Kasane's
/// `proposals` not yet decided up to date with the evidence, and scores the accepted codes.
pub fn revise_oncogenicity(
    rules: &OncogenicityRules,
    previous: Option<&ReviewedOncogenicity>,
    proposals: &[OncogenicityProposal],
    change: &ReviewChange,
) -> Result<ReviewedOncogenicity, ReviewError> {
    let mut decisions = previous.map(|p| p.decisions.clone()).unwrap_or_default();
    decisions.retain_mut(|d| {
        if d.state != DecisionState::Proposed {
            return true;
        }
        match proposals.iter().find(|p| p.code == d.code) {
            None => true,
            Some(p) if p.state == ProposalState::Met => {
                *d = proposed(p);
                true
            }
            Some(_) => false,
        }
    });
    for p in proposals.iter().filter(|p| p.state == ProposalState::Met) {
        if !decisions.iter().any(|d| d.code == p.code) {
            decisions.push(proposed(p));
        }
    }
    let trimmed = |text: &Option<String>| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let reason = trimmed(&change.reason);
    let citation = trimmed(&change.citation);
    let mut decided: Vec<OncogenicityCode> = Vec::new();
    for action in &change.actions {
        let (text, accept) = match action {
            ReviewAction::Accept(t) => (t, true),
            ReviewAction::Reject(t) => (t, false),
        };
        let code = OncogenicityCode::parse(text)
            .ok_or_else(|| OncogenicityError::Unknown(text.clone()))?;
        if decided.contains(&code) {
            return Err(ReviewError::DecidedTwice(code.code()));
        }
        decided.push(code);
        let existing = decisions.iter().position(|d| d.code == code);
        let proposal = existing.and_then(|i| decisions[i].proposal.clone());
        if reason.is_none() {
            if !accept {
                return Err(ReviewError::ReasonNeeded(format!(
                    "rejecting {}",
                    code.code()
                )));
            }
            if proposal.is_none() {
                return Err(ReviewError::ReasonNeeded(format!(
                    "{} is not proposed by Kasane: adding it by hand needs a note (and a citation)",
                    code.code()
                )));
            }
        }
        let decision = CodeDecision {
            code,
            state: if accept {
                DecisionState::Accepted
            } else {
                DecisionState::Rejected
            },
            proposal,
            note: reason.clone(),
            citation: citation.clone(),
            decided_by: Some(change.actor.clone()),
        };
        match existing {
            Some(i) => decisions[i] = decision,
            None => decisions.push(decision),
        }
    }
    decisions.sort_by_key(|d| OncogenicityCode::ALL.iter().position(|c| *c == d.code));
    if let Some(previous) = previous
        && change.actions.is_empty()
        && previous.decisions == decisions
    {
        return Err(ReviewError::NothingToDo);
    }
    let accepted: Vec<String> = decisions
        .iter()
        .filter(|d| d.state == DecisionState::Accepted)
        .map(|d| d.code.code())
        .collect();
    let assessment = assess_oncogenicity(rules, &accepted)?;
    Ok(ReviewedOncogenicity {
        decisions,
        assessment,
    })
}

/// Refuses sign-off while any proposed code is undecided.
pub fn oncogenicity_ready_for_sign_off(reviewed: &ReviewedOncogenicity) -> Result<(), ReviewError> {
    let open: Vec<String> = reviewed
        .decisions
        .iter()
        .filter(|d| d.state == DecisionState::Proposed)
        .map(|d| d.code.code())
        .collect();
    if open.is_empty() {
        Ok(())
    } else {
        Err(ReviewError::Undecided(open.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oncogenicity::Oncogenicity;
    use OncogenicityCode::*;
    use ReviewAction::{Accept, Reject};

    fn met(code: OncogenicityCode) -> OncogenicityProposal {
        OncogenicityProposal {
            code,
            state: ProposalState::Met,
            reason: format!("{} from the evidence", code.code()),
        }
    }

    fn change(actions: &[ReviewAction], reason: Option<&str>) -> ReviewChange {
        ReviewChange {
            actions: actions.to_vec(),
            disorder: None,
            reason: reason.map(str::to_string),
            citation: None,
            actor: "ana".into(),
        }
    }

    #[test]
    fn proposed_codes_count_once_accepted_and_the_class_follows() {
        let rules = OncogenicityRules::built_in().unwrap();
        let proposals = [met(OVS1), met(OP4)];
        let first = revise_oncogenicity(&rules, None, &proposals, &change(&[], None)).unwrap();
        assert_eq!(first.assessment.points, 0);
        assert!(
            first
                .decisions
                .iter()
                .all(|d| d.state == DecisionState::Proposed)
        );
        assert_eq!(
            oncogenicity_ready_for_sign_off(&first),
            Err(ReviewError::Undecided("OVS1, OP4".into()))
        );
        let second = revise_oncogenicity(
            &rules,
            Some(&first),
            &proposals,
            &change(
                &[Accept("OVS1".into()), Accept("OS3".into())],
                Some("hotspot counts from cancerhotspots.org v2"),
            ),
        )
        .unwrap();
        assert_eq!(
            (second.assessment.points, second.assessment.class),
            (12, Oncogenicity::Oncogenic)
        );
        let third = revise_oncogenicity(
            &rules,
            Some(&second),
            &proposals,
            &change(&[Reject("OP4".into())], Some("site poorly covered")),
        )
        .unwrap();
        assert_eq!(oncogenicity_ready_for_sign_off(&third), Ok(()));
        assert_eq!(
            revise_oncogenicity(&rules, Some(&third), &proposals, &change(&[], None)),
            Err(ReviewError::NothingToDo)
        );
    }

    #[test]
    fn reasons_unknown_codes_and_excluded_pairs_are_refused() {
        let rules = OncogenicityRules::built_in().unwrap();
        let base = revise_oncogenicity(&rules, None, &[met(OP4)], &change(&[], None)).unwrap();
        let refuse = |actions: &[ReviewAction], reason: Option<&str>| {
            revise_oncogenicity(&rules, Some(&base), &[met(OP4)], &change(actions, reason))
                .unwrap_err()
                .to_string()
        };
        assert!(refuse(&[Reject("OP4".into())], None).contains("rejecting OP4"));
        assert!(refuse(&[Accept("OS1".into())], None).contains("not proposed by Kasane"));
        assert!(refuse(&[Accept("PVS1".into())], Some("x")).contains("not an oncogenicity code"));
        assert!(
            refuse(&[Accept("OP4".into()), Accept("SBS1".into())], Some("x"))
                .contains("cannot be applied together")
        );
        assert!(
            refuse(&[Accept("OP4".into()), Reject("OP4".into())], Some("x"))
                .contains("decided twice")
        );
    }
}
