//! The curator's decisions on a variant's criteria (DOMAIN.md P1, R-ACMG-001): each proposal
//! accepted, changed in strength or rejected with a reason, codes added by hand with a note
//! and citation, and the class recomputed from the accepted ones. A change is a list of
//! decisions applied on top of the latest version, so two curators' changes to one
//! classification both stand.

use serde::{Deserialize, Serialize};

use crate::credible_af::DominantDisorder;
use crate::criteria::{AppliedCriterion, Criterion, CriterionError, Direction, parse_applied};
use crate::proposal::{Proposal, ProposalState};
use crate::rule_set::RuleSet;
use crate::scoring::{Assessment, ScoreError, assess};

/// Where a criterion stands in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DecisionState {
    /// Kasane proposed it and nobody has decided yet; it does not count.
    Proposed,
    /// A curator accepted it; it counts.
    Accepted,
    /// A curator rejected it, with the reason; it does not count.
    Rejected,
}

/// One criterion of a classification and the curator's decision on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CriterionDecision {
    /// The criterion at the strength it counts at when accepted.
    pub applied: AppliedCriterion,
    /// Its name with any modifier: `PM2_Supporting`.
    pub name: String,
    /// Proposed, accepted or rejected.
    pub state: DecisionState,
    /// Kasane's proposal with its reason and evidence; `None` for a code added by hand.
    pub proposal: Option<Proposal>,
    /// The curator's reason or note.
    pub note: Option<String>,
    /// Where the curator's evidence is published (PMID, DOI, VCEP rule).
    pub citation: Option<String>,
    /// Who decided last; `None` while only proposed.
    pub decided_by: Option<String>,
}

/// What a curator does to one criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAction {
    /// Accept a code (`PVS1`, `PS3_Moderate`): at its proposed strength when none is written.
    Accept(String),
    /// Reject a code.
    Reject(String),
}

impl ReviewAction {
    /// The code as written, and whether it is accepted.
    pub fn parts(&self) -> (&str, bool) {
        match self {
            Self::Accept(t) => (t, true),
            Self::Reject(t) => (t, false),
        }
    }
}

/// One change to a classification: decisions with their reason.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewChange {
    /// The decisions, in order.
    pub actions: Vec<ReviewAction>,
    /// The disorder's parameters BS1 is now read under (R-ACMG-005); `None` keeps the
    /// previous version's.
    pub disorder: Option<DominantDisorder>,
    /// What else the change does, in words, for its description (evidence items recorded).
    pub also: Vec<String>,
    /// Why: needed to reject, to change a proposed strength and to add a code by hand.
    pub reason: Option<String>,
    /// Where the evidence is published, for codes added by hand.
    pub citation: Option<String>,
    /// Who decides.
    pub actor: String,
}

impl ReviewChange {
    /// The reason given, trimmed; `None` when blank.
    pub fn given_reason(&self) -> Option<&str> {
        self.reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
    }

    /// The citation given, trimmed; `None` when blank.
    pub fn given_citation(&self) -> Option<&str> {
        self.citation
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
    }
}

/// A classification's criteria and their class: the content of one stored version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewedCriteria {
    /// Every criterion proposed or decided, in the order of Richards 2015.
    pub decisions: Vec<CriterionDecision>,
    /// The accepted criteria scored under the rule set.
    pub assessment: Assessment,
    /// The disorder's parameters the population proposals were read under, stored with the
    /// classification (R-ACMG-005); `None` when none were given.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub disorder: Option<DominantDisorder>,
}

/// Why a change cannot be made or a version cannot be signed off.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// A code is not a criterion or not at that strength.
    #[error(transparent)]
    Criterion(#[from] CriterionError),
    /// The accepted criteria break a combining rule.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// A decision needs a reason and none was given.
    #[error("{0}: give the reason (the note; --reason on the command line)")]
    ReasonNeeded(String),
    /// One change decides one criterion twice.
    #[error("{0} is decided twice in one change; decide it once")]
    DecidedTwice(String),
    /// BA1 is accepted beside pathogenic criteria.
    #[error(
        "BA1 stands alone: with BA1 accepted the variant is Benign, yet {0} are accepted too (DOMAIN.md R-ACMG-003). Reject BA1 with the reason it does not apply (ClinGen BA1 exception list, a VCEP rule), or reject the pathogenic criteria"
    )]
    StandAloneContradicted(String),
    /// Proposals are still undecided.
    #[error(
        "{0} still proposed and undecided; accept or reject each before signing off (DOMAIN.md P1)"
    )]
    Undecided(String),
    /// Nothing to change.
    #[error("nothing to decide: name criteria to accept or reject")]
    NothingToDo,
    /// The accepted oncogenicity codes cannot be scored together (or one is not a code).
    #[error("{0}")]
    Oncogenicity(String),
    /// A CNV section is not in its table, its points are outside the row's range, or it
    /// cannot count beside another accepted section.
    #[error("{0}")]
    Cnv(String),
}

/// Applies `change` to the `previous` version (`None` for a first version, which may hold no
/// decision at all: a variant put on the shortlist), bringing Kasane's `proposals` not yet
/// decided up to date with the evidence, and scores the accepted criteria under `rule_set`.
/// The disorder's parameters are the change's, else the previous version's.
pub fn revise(
    rule_set: &RuleSet,
    previous: Option<&ReviewedCriteria>,
    proposals: &[Proposal],
    change: &ReviewChange,
) -> Result<ReviewedCriteria, ReviewError> {
    let mut decisions = previous.map(|p| p.decisions.clone()).unwrap_or_default();
    // A proposal nobody has decided follows the current evidence: it is replaced by the
    // current proposal, and dropped when the evidence no longer meets it.
    decisions.retain_mut(|d| {
        if d.state != DecisionState::Proposed {
            return true;
        }
        match proposals
            .iter()
            .find(|p| p.applied.criterion == d.applied.criterion)
        {
            None => true,
            Some(p) if p.state == ProposalState::Met => {
                *d = proposed(p);
                true
            }
            Some(_) => false,
        }
    });
    for proposal in proposals.iter().filter(|p| p.state == ProposalState::Met) {
        if !decisions
            .iter()
            .any(|d| d.applied.criterion == proposal.applied.criterion)
        {
            decisions.push(proposed(proposal));
        }
    }
    let reason = change.given_reason();
    let citation = change.given_citation();
    let mut decided: Vec<Criterion> = Vec::new();
    for action in &change.actions {
        let (text, accept) = action.parts();
        let written = parse_applied(text, |c| rule_set.default_strength(c))?;
        let criterion = written.criterion;
        if decided.contains(&criterion) {
            return Err(ReviewError::DecidedTwice(criterion.code()));
        }
        decided.push(criterion);
        let existing = decisions
            .iter()
            .position(|d| d.applied.criterion == criterion);
        let applied = match (existing, written.modified) {
            (Some(i), false) => decisions[i].applied,
            _ => written,
        };
        let proposed = existing.and_then(|i| decisions[i].proposal.as_ref());
        if reason.is_none() {
            let needs = if !accept {
                Some(format!("rejecting {}", applied.name()))
            } else if proposed.is_none() {
                Some(format!(
                    "{} is not proposed by Kasane: adding it by hand needs a note (and a citation)",
                    applied.name()
                ))
            } else if proposed.is_some_and(|p| p.applied.strength != applied.strength) {
                Some(format!("{} changes the proposed strength", applied.name()))
            } else {
                None
            };
            if let Some(what) = needs {
                return Err(ReviewError::ReasonNeeded(what));
            }
        }
        let decision = CriterionDecision {
            applied,
            name: applied.name(),
            state: if accept {
                DecisionState::Accepted
            } else {
                DecisionState::Rejected
            },
            proposal: proposed.cloned(),
            note: reason.map(str::to_string),
            citation: citation.map(str::to_string),
            decided_by: Some(change.actor.clone()),
        };
        match existing {
            Some(i) => decisions[i] = decision,
            None => decisions.push(decision),
        }
    }
    decisions.sort_by_key(|d| {
        Criterion::ALL
            .iter()
            .position(|c| *c == d.applied.criterion)
    });
    let disorder = change.disorder.or(previous.and_then(|p| p.disorder));
    if let Some(previous) = previous
        && change.actions.is_empty()
        && previous.decisions == decisions
        && previous.disorder == disorder
    {
        return Err(ReviewError::NothingToDo);
    }
    let assessment = score_accepted(rule_set, &decisions)?;
    Ok(ReviewedCriteria {
        decisions,
        assessment,
        disorder,
    })
}

/// `proposal` as a decision nobody has made yet.
fn proposed(proposal: &Proposal) -> CriterionDecision {
    CriterionDecision {
        applied: proposal.applied,
        name: proposal.name.clone(),
        state: DecisionState::Proposed,
        proposal: Some(proposal.clone()),
        note: None,
        citation: None,
        decided_by: None,
    }
}

/// The accepted decisions scored, refusing BA1 beside accepted pathogenic criteria.
pub fn score_accepted(
    rule_set: &RuleSet,
    decisions: &[CriterionDecision],
) -> Result<Assessment, ReviewError> {
    let accepted: Vec<&CriterionDecision> = decisions
        .iter()
        .filter(|d| d.state == DecisionState::Accepted)
        .collect();
    if accepted
        .iter()
        .any(|d| d.applied.criterion == Criterion::BA1)
    {
        let pathogenic: Vec<&str> = accepted
            .iter()
            .filter(|d| d.applied.criterion.direction() == Direction::Pathogenic)
            .map(|d| d.name.as_str())
            .collect();
        if !pathogenic.is_empty() {
            return Err(ReviewError::StandAloneContradicted(pathogenic.join(", ")));
        }
    }
    let names: Vec<String> = accepted.iter().map(|d| d.name.clone()).collect();
    Ok(assess(rule_set, &names)?)
}

/// Refuses sign-off while any proposal is undecided.
pub fn ready_for_sign_off(criteria: &ReviewedCriteria) -> Result<(), ReviewError> {
    refuse_undecided(
        criteria
            .decisions
            .iter()
            .filter(|d| d.state == DecisionState::Proposed)
            .map(|d| d.name.as_str()),
    )
}

/// Refuses sign-off when `open` names proposals nobody has decided yet.
pub(crate) fn refuse_undecided<S: AsRef<str>>(
    open: impl IntoIterator<Item = S>,
) -> Result<(), ReviewError> {
    let open: Vec<String> = open.into_iter().map(|s| s.as_ref().to_string()).collect();
    if open.is_empty() {
        Ok(())
    } else {
        Err(ReviewError::Undecided(open.join(", ")))
    }
}

/// The change in words, for the version's reason and the audit log:
/// `accepted PVS1; rejected PM2_Supporting — absent only because of low coverage`.
pub fn describe(change: &ReviewChange) -> String {
    let list = |accept: bool| -> Vec<&str> {
        change
            .actions
            .iter()
            .filter_map(|a| match (a, accept) {
                (ReviewAction::Accept(t), true) | (ReviewAction::Reject(t), false) => {
                    Some(t.as_str())
                }
                _ => None,
            })
            .collect()
    };
    let mut parts = Vec::new();
    for (accept, verb) in [(true, "accepted"), (false, "rejected")] {
        let codes = list(accept);
        if !codes.is_empty() {
            parts.push(format!("{verb} {}", codes.join(", ")));
        }
    }
    parts.extend(change.also.iter().cloned());
    if let Some(d) = &change.disorder {
        parts.push(format!(
            "population criteria read under the disorder's parameters: prevalence {}, maximum allelic contribution {}, penetrance {}",
            d.prevalence, d.max_allelic_contribution, d.penetrance
        ));
    }
    let mut text = if parts.is_empty() {
        "criteria proposed from the evidence".to_string()
    } else {
        parts.join("; ")
    };
    if let Some(reason) = change
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        text.push_str(" — ");
        text.push_str(reason);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::Strength;
    use crate::scoring::Classification;

    fn set() -> RuleSet {
        RuleSet::named(None).unwrap()
    }

    fn proposal(code: &str) -> Proposal {
        let applied = parse_applied(code, |c| set().default_strength(c)).unwrap();
        Proposal::at(
            &set(),
            applied.criterion,
            applied.strength,
            ProposalState::Met,
            format!("{code} from the evidence"),
        )
    }

    fn change(actions: &[ReviewAction], reason: Option<&str>) -> ReviewChange {
        ReviewChange {
            actions: actions.to_vec(),
            reason: reason.map(str::to_string),
            citation: None,
            actor: "ana".into(),
            disorder: None,
            also: Vec::new(),
        }
    }

    use ReviewAction::{Accept, Reject};

    #[test]
    fn a_first_version_may_hold_nothing_but_a_later_one_must_change_something() {
        let empty = revise(&set(), None, &[], &change(&[], None)).unwrap();
        assert!(empty.decisions.is_empty());
        let again = revise(&set(), Some(&empty), &[], &change(&[], None));
        assert_eq!(again, Err(ReviewError::NothingToDo));
    }

    #[test]
    fn an_undecided_proposal_follows_the_evidence_and_a_decided_one_stays() {
        let first = revise(
            &set(),
            None,
            &[proposal("BS1"), proposal("PM2_Supporting")],
            &change(&[Accept("PM2".into())], None),
        )
        .unwrap();
        // BS1 is no longer met (another disorder), PM2's evidence changed too.
        let not_met = |code: &str| Proposal {
            state: ProposalState::NotMet,
            ..proposal(code)
        };
        let hcm = DominantDisorder {
            prevalence: 0.002,
            max_allelic_contribution: 0.02,
            penetrance: 0.5,
        };
        let second = revise(
            &set(),
            Some(&first),
            &[not_met("BS1"), not_met("PM2_Supporting")],
            &ReviewChange {
                disorder: Some(hcm),
                ..change(&[], None)
            },
        )
        .unwrap();
        let names: Vec<(&str, DecisionState)> = second
            .decisions
            .iter()
            .map(|d| (d.name.as_str(), d.state))
            .collect();
        assert_eq!(names, [("PM2_Supporting", DecisionState::Accepted)]);
        assert_eq!(second.disorder, Some(hcm));
        // The parameters carry over to the next version unless changed; setting the same ones
        // again changes nothing.
        let third = revise(
            &set(),
            Some(&second),
            &[not_met("BS1")],
            &change(&[Reject("PM2".into())], Some("covered poorly")),
        )
        .unwrap();
        assert_eq!(third.disorder, Some(hcm));
        let same = ReviewChange {
            disorder: Some(hcm),
            ..change(&[], None)
        };
        assert_eq!(
            revise(&set(), Some(&third), &[not_met("BS1")], &same),
            Err(ReviewError::NothingToDo)
        );
        assert!(
            describe(&same)
                .contains("prevalence 0.002, maximum allelic contribution 0.02, penetrance 0.5")
        );
    }

    #[test]
    fn proposals_count_only_once_accepted_and_the_class_follows() {
        let proposals = [proposal("PM2_Supporting")];
        let first = revise(&set(), None, &proposals, &change(&[], None)).unwrap();
        assert_eq!(first.decisions[0].state, DecisionState::Proposed);
        assert_eq!(first.assessment.points, 0);
        let second = revise(
            &set(),
            Some(&first),
            &proposals,
            &change(
                &[Accept("PM2".into()), Accept("PVS1".into())],
                Some("nonsense in LoF gene"),
            ),
        )
        .unwrap();
        assert_eq!(second.assessment.points, 9);
        assert_eq!(
            second.assessment.points_class,
            Classification::LikelyPathogenic
        );
        // PM2 kept its proposed strength though written without one.
        assert_eq!(second.decisions[1].name, "PM2_Supporting");
        assert!(second.decisions[1].proposal.is_some());
        assert!(
            second.decisions[0].proposal.is_none(),
            "PVS1 was added by hand"
        );
        assert!(ready_for_sign_off(&second).is_ok());
        assert!(
            ready_for_sign_off(&first)
                .unwrap_err()
                .to_string()
                .contains("PM2_Supporting still proposed")
        );
    }

    #[test]
    fn reasons_are_needed_to_reject_change_strength_or_add_by_hand() {
        let proposals = [proposal("PM2_Supporting")];
        let reject = revise(
            &set(),
            None,
            &proposals,
            &change(&[Reject("PM2".into())], None),
        );
        assert!(
            reject
                .unwrap_err()
                .to_string()
                .contains("rejecting PM2_Supporting")
        );
        let stronger = revise(
            &set(),
            None,
            &proposals,
            &change(&[Accept("PM2_Moderate".into())], None),
        );
        assert!(
            stronger
                .unwrap_err()
                .to_string()
                .contains("changes the proposed strength")
        );
        let by_hand = revise(
            &set(),
            None,
            &proposals,
            &change(&[Accept("PS3".into())], None),
        );
        assert!(
            by_hand
                .unwrap_err()
                .to_string()
                .contains("not proposed by Kasane")
        );
        let ok = revise(
            &set(),
            None,
            &proposals,
            &change(
                &[Accept("PM2_Moderate".into())],
                Some("recessive, VCEP allows Moderate"),
            ),
        )
        .unwrap();
        assert_eq!(ok.decisions[0].applied.strength, Strength::Moderate);
        assert_eq!(
            ok.decisions[0].note.as_deref(),
            Some("recessive, VCEP allows Moderate")
        );
    }

    #[test]
    fn two_curators_changes_both_stand() {
        let proposals = [proposal("PM2_Supporting")];
        let base = revise(&set(), None, &proposals, &change(&[], None)).unwrap();
        let by_ana = revise(
            &set(),
            Some(&base),
            &proposals,
            &change(&[Accept("PM2".into())], None),
        )
        .unwrap();
        let mut other = change(
            &[Accept("PS3_Moderate".into())],
            Some("functional assay, PMID 1"),
        );
        other.actor = "rev".into();
        let by_rev = revise(&set(), Some(&by_ana), &proposals, &other).unwrap();
        let names: Vec<(&str, DecisionState)> = by_rev
            .decisions
            .iter()
            .map(|d| (d.name.as_str(), d.state))
            .collect();
        assert_eq!(
            names,
            [
                ("PS3_Moderate", DecisionState::Accepted),
                ("PM2_Supporting", DecisionState::Accepted)
            ]
        );
        assert_eq!(by_rev.assessment.points, 3);
    }

    #[test]
    fn what_the_rules_forbid_is_blocked_with_the_reason() {
        let proposals = [proposal("BA1")];
        let blocked = revise(
            &set(),
            None,
            &proposals,
            &change(
                &[Accept("BA1".into()), Accept("PVS1".into())],
                Some("nonsense"),
            ),
        );
        let text = blocked.unwrap_err().to_string();
        assert!(text.starts_with("BA1 stands alone"), "{text}");
        assert!(text.contains("PVS1 are accepted"), "{text}");
        let twice = revise(
            &set(),
            None,
            &[],
            &change(&[Accept("PS3".into()), Reject("PS3".into())], Some("x")),
        );
        assert!(matches!(twice, Err(ReviewError::DecidedTwice(_))));
        let pm4 = revise(
            &set(),
            None,
            &[],
            &change(&[Accept("PVS1".into()), Accept("PM4".into())], Some("x")),
        );
        assert!(
            pm4.unwrap_err()
                .to_string()
                .contains("same length-changing event")
        );
        let pp5 = revise(
            &set(),
            None,
            &[],
            &change(&[Accept("PP5".into())], Some("x")),
        );
        assert!(pp5.unwrap_err().to_string().contains("disabled"));
        // Rejecting BA1 with the reason lets the pathogenic evidence count.
        let exception = revise(
            &set(),
            None,
            &proposals,
            &change(
                &[Reject("BA1".into()), Accept("PVS1".into())],
                Some("on the ClinGen BA1 exception list"),
            ),
        )
        .unwrap();
        assert_eq!(exception.assessment.points, 8);
        assert!(matches!(
            revise(&set(), Some(&exception), &proposals, &change(&[], None)),
            Err(ReviewError::NothingToDo)
        ));
    }

    #[test]
    fn the_change_is_described_for_the_audit_trail() {
        let c = change(
            &[
                Accept("PVS1".into()),
                Reject("PM2".into()),
                Accept("PP3".into()),
            ],
            Some("low coverage"),
        );
        assert_eq!(
            describe(&c),
            "accepted PVS1, PP3; rejected PM2 — low coverage"
        );
        assert_eq!(
            describe(&change(&[], None)),
            "criteria proposed from the evidence"
        );
    }
}
