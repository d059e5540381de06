//! The curator's decisions on a somatic variant's oncogenicity codes (Horak 2022; DOMAIN.md
//! §3.1): each proposed code accepted or rejected with a reason, codes added by hand with a note
//! and citation, and the oncogenicity class recomputed from the accepted ones — the same
//! workflow as the germline criteria ([`crate::review`]), on the codes' fixed strengths. The
//! clinical evidence items recorded with their sources give the AMP/ASCO/CAP tier in the case's
//! tumour type (R-SOM-005), Japanese levels listed beside it.

use serde::{Deserialize, Serialize};

use crate::oncogenicity::{
    Oncogenicity, OncogenicityAssessment, OncogenicityCode, OncogenicityError, OncogenicityRules,
    assess_oncogenicity,
};
use crate::proposal::ProposalState;
use crate::review::{DecisionState, ReviewChange, ReviewError, refuse_undecided};
use crate::somatic::OncogenicityProposal;
use crate::tiers::{EvidenceItem, TierResult, amp_tier};

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

/// A clinical evidence item recorded with the source it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordedEvidence {
    /// The item: level, kind, tumour type.
    pub item: EvidenceItem,
    /// Its source (drug label, guideline, trial, PMID).
    pub citation: String,
    /// Who recorded it.
    pub recorded_by: String,
}

/// Evidence items a change records or withdraws.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EvidenceChange {
    /// Items to record (each needs the change's citation).
    pub record: Vec<EvidenceItem>,
    /// Items to withdraw (needs the change's reason).
    pub withdraw: Vec<EvidenceItem>,
}

/// A somatic classification's codes, class, evidence and tier: the content of one stored
/// version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewedOncogenicity {
    /// Every code proposed or decided, in the order of Horak 2022's tables.
    pub decisions: Vec<CodeDecision>,
    /// The accepted codes scored.
    pub assessment: OncogenicityAssessment,
    /// The clinical evidence items recorded, with their sources.
    #[serde(default)]
    pub evidence: Vec<RecordedEvidence>,
    /// The AMP/ASCO/CAP tier in the case's tumour type from that evidence and the class.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub tier: Option<TierResult>,
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

/// Applies `change` and `evidence` to the `previous` version (`None` for a first one), bringing
/// Kasane's `proposals` not yet decided up to date, scores the accepted codes and tiers the
/// variant in `tumour_type`.
pub fn revise_oncogenicity(
    rules: &OncogenicityRules,
    previous: Option<&ReviewedOncogenicity>,
    proposals: &[OncogenicityProposal],
    change: &ReviewChange,
    evidence: &EvidenceChange,
    tumour_type: &str,
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
    let reason = change.given_reason().map(str::to_string);
    let citation = change.given_citation().map(str::to_string);
    let mut decided: Vec<OncogenicityCode> = Vec::new();
    for action in &change.actions {
        let (text, accept) = action.parts();
        let code = OncogenicityCode::parse(text)
            .ok_or_else(|| OncogenicityError::Unknown(text.to_string()))?;
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
    let recorded = revise_evidence(previous, evidence, &reason, &citation, &change.actor)?;
    if let Some(previous) = previous
        && change.actions.is_empty()
        && previous.decisions == decisions
        && previous.evidence == recorded
    {
        return Err(ReviewError::NothingToDo);
    }
    let accepted: Vec<String> = decisions
        .iter()
        .filter(|d| d.state == DecisionState::Accepted)
        .map(|d| d.code.code())
        .collect();
    let assessment = assess_oncogenicity(rules, &accepted)?;
    let benign = matches!(
        assessment.class,
        Oncogenicity::Benign | Oncogenicity::LikelyBenign
    );
    let items: Vec<EvidenceItem> = recorded.iter().map(|r| r.item.clone()).collect();
    Ok(ReviewedOncogenicity {
        decisions,
        assessment,
        tier: Some(amp_tier(tumour_type, &items, benign)),
        evidence: recorded,
    })
}

/// The previous version's evidence with `evidence` applied: a recorded item needs its source
/// (the change's citation), a withdrawn one the reason, and neither may be there twice or be
/// missing.
fn revise_evidence(
    previous: Option<&ReviewedOncogenicity>,
    evidence: &EvidenceChange,
    reason: &Option<String>,
    citation: &Option<String>,
    actor: &str,
) -> Result<Vec<RecordedEvidence>, ReviewError> {
    let mut recorded = previous.map(|p| p.evidence.clone()).unwrap_or_default();
    for item in &evidence.withdraw {
        if reason.is_none() {
            return Err(ReviewError::ReasonNeeded(format!(
                "withdrawing {}",
                item.describe()
            )));
        }
        let at = recorded
            .iter()
            .position(|r| r.item == *item)
            .ok_or_else(|| {
                ReviewError::Oncogenicity(format!(
                    "{} is not recorded for this variant; `kasane history` lists what is",
                    item.describe()
                ))
            })?;
        recorded.remove(at);
    }
    for item in &evidence.record {
        let Some(citation) = citation else {
            return Err(ReviewError::ReasonNeeded(format!(
                "{} needs its source as the citation (drug label, guideline, PMID)",
                item.describe()
            )));
        };
        if recorded.iter().any(|r| r.item == *item) {
            return Err(ReviewError::DecidedTwice(item.describe()));
        }
        recorded.push(RecordedEvidence {
            item: item.clone(),
            citation: citation.clone(),
            recorded_by: actor.to_string(),
        });
    }
    Ok(recorded)
}

/// Refuses sign-off while any proposed code is undecided.
pub fn oncogenicity_ready_for_sign_off(reviewed: &ReviewedOncogenicity) -> Result<(), ReviewError> {
    refuse_undecided(
        reviewed
            .decisions
            .iter()
            .filter(|d| d.state == DecisionState::Proposed)
            .map(|d| d.code.code()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oncogenicity::Oncogenicity;
    use crate::review::ReviewAction::{self, Accept, Reject};
    use OncogenicityCode::*;

    fn met(code: OncogenicityCode) -> OncogenicityProposal {
        OncogenicityProposal {
            code,
            state: ProposalState::Met,
            reason: format!("{} from the evidence", code.code()),
        }
    }

    const CRC: &str = "Colorectal adenocarcinoma";

    fn none() -> EvidenceChange {
        EvidenceChange::default()
    }

    fn change(actions: &[ReviewAction], reason: Option<&str>) -> ReviewChange {
        ReviewChange {
            actions: actions.to_vec(),
            disorder: None,
            also: Vec::new(),
            reason: reason.map(str::to_string),
            citation: None,
            actor: "ana".into(),
        }
    }

    #[test]
    fn proposed_codes_count_once_accepted_and_the_class_follows() {
        let rules = OncogenicityRules::built_in().unwrap();
        let proposals = [met(OVS1), met(OP4)];
        let first = revise_oncogenicity(&rules, None, &proposals, &change(&[], None), &none(), CRC)
            .unwrap();
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
            &none(),
            CRC,
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
            &none(),
            CRC,
        )
        .unwrap();
        assert_eq!(oncogenicity_ready_for_sign_off(&third), Ok(()));
        assert_eq!(
            revise_oncogenicity(
                &rules,
                Some(&third),
                &proposals,
                &change(&[], None),
                &none(),
                CRC
            ),
            Err(ReviewError::NothingToDo)
        );
    }

    #[test]
    fn reasons_unknown_codes_and_excluded_pairs_are_refused() {
        let rules = OncogenicityRules::built_in().unwrap();
        let base = revise_oncogenicity(&rules, None, &[met(OP4)], &change(&[], None), &none(), CRC)
            .unwrap();
        let refuse = |actions: &[ReviewAction], reason: Option<&str>| {
            revise_oncogenicity(
                &rules,
                Some(&base),
                &[met(OP4)],
                &change(actions, reason),
                &none(),
                CRC,
            )
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

    #[test]
    fn recorded_evidence_needs_its_source_and_gives_the_tier() {
        let rules = OncogenicityRules::built_in().unwrap();
        let item = |text: &str| EvidenceItem::parse(text).unwrap();
        let base = revise_oncogenicity(&rules, None, &[met(OP4)], &change(&[], None), &none(), CRC)
            .unwrap();
        assert_eq!(
            base.tier.as_ref().map(|t| t.tier),
            Some(crate::tiers::AmpTier::III)
        );
        let record =
            |previous: &ReviewedOncogenicity, citation: Option<&str>, e: EvidenceChange| {
                let mut c = change(&[], Some("trial data"));
                c.citation = citation.map(str::to_string);
                revise_oncogenicity(&rules, Some(previous), &[met(OP4)], &c, &e, CRC)
            };
        let a = EvidenceChange {
            record: vec![item("A:therapeutic:Colorectal adenocarcinoma")],
            withdraw: vec![],
        };
        assert!(
            record(&base, None, a.clone())
                .unwrap_err()
                .to_string()
                .contains("needs its source")
        );
        let tier1 = record(&base, Some("FDA label"), a.clone()).unwrap();
        assert_eq!(
            tier1.tier.as_ref().map(|t| t.tier),
            Some(crate::tiers::AmpTier::I)
        );
        assert_eq!(tier1.evidence[0].citation, "FDA label");
        assert_eq!(
            record(&tier1, Some("FDA label"), a.clone()),
            Err(ReviewError::DecidedTwice(
                "level A therapeutic evidence in Colorectal adenocarcinoma".into()
            ))
        );
        let withdraw = EvidenceChange {
            record: vec![],
            withdraw: a.record.clone(),
        };
        let back = record(&tier1, None, withdraw).unwrap();
        assert!(back.evidence.is_empty());
        assert_eq!(back.tier.map(|t| t.tier), Some(crate::tiers::AmpTier::III));
    }
}
