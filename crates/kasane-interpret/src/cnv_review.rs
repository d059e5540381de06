//! The curator's decisions on a copy-number variant's Riggs 2020 sections (DOMAIN.md §4.1,
//! R-SV-001): the sections Kasane scored from the cache accepted or rejected with a reason, the
//! curator's own sections (2B–2L, 4, 5) added with their points, note and citation, and the
//! class recomputed from the accepted points — the workflow of [`crate::review`] on the CNV
//! tables. Every section's points are checked against what its table row allows where the rule
//! set holds that range, and each section is stored on its own.

use serde::{Deserialize, Serialize};

use crate::cnv::{CnvAssessment, CnvDirection, CnvRules, CnvSection, SectionRule, summed};
use crate::review::{DecisionState, ReviewChange, ReviewError, refuse_undecided};
use crate::scoring::Classification;

/// One section of a CNV classification and the curator's decision on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionDecision {
    /// The section's code in the Riggs table (`2A`, `4C`).
    pub code: String,
    /// The points it gives (counted only when accepted).
    pub points: f64,
    /// Proposed, accepted or rejected.
    pub state: DecisionState,
    /// Kasane's section with its reason; `None` for a section added by the curator.
    pub proposal: Option<CnvSection>,
    /// The curator's reason or note.
    pub note: Option<String>,
    /// Where the curator's evidence is published.
    pub citation: Option<String>,
    /// Who decided last; `None` while only proposed.
    pub decided_by: Option<String>,
    /// Whether the points were checked against the range of the table's row (not where the
    /// rule set holds none).
    pub range_checked: bool,
}

/// A CNV classification's sections, points and class: the content of one stored version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewedCnv {
    /// Loss or gain: which table the sections are of.
    pub direction: CnvDirection,
    /// Every section proposed or decided, in the table's order.
    pub decisions: Vec<SectionDecision>,
    /// The accepted sections' points summed.
    pub points: f64,
    /// The class of those points.
    pub class: Classification,
    /// What the curator should still weigh, and the accepted points no range checked.
    pub notes: Vec<String>,
}

/// The table's name, for messages.
fn table_name(direction: CnvDirection) -> &'static str {
    match direction {
        CnvDirection::Loss => "loss table (Riggs 2020 Table 1)",
        CnvDirection::Gain => "gain table (Riggs 2020 Table 2)",
    }
}

/// `section` as a decision nobody has made yet.
fn proposed(section: &CnvSection) -> SectionDecision {
    SectionDecision {
        code: section.code.clone(),
        points: section.points,
        state: DecisionState::Proposed,
        proposal: Some(section.clone()),
        note: None,
        citation: None,
        decided_by: None,
        range_checked: true,
    }
}

/// A decision's text, `4A=0.45` or `2A`, as its code and the points written, if any.
fn parse_action(text: &str) -> Result<(&str, Option<f64>), ReviewError> {
    let Some((code, points)) = text.split_once('=') else {
        return Ok((text.trim(), None));
    };
    let value: f64 = points.trim().parse().map_err(|_| {
        ReviewError::Cnv(format!(
            "{text}: the points after '=' are not a number; write them as 4A=0.45"
        ))
    })?;
    let hundredths = (value * 100.0).round() / 100.0;
    if !value.is_finite() || (hundredths - value).abs() > 1e-9 {
        return Err(ReviewError::Cnv(format!(
            "{text}: give the points in hundredths, as the Riggs tables do (0.45, -0.30)"
        )));
    }
    Ok((code.trim(), Some(hundredths)))
}

/// The row of `code` in the table of `direction`, or why there is none.
fn row_of<'r>(
    rules: &'r CnvRules,
    direction: CnvDirection,
    code: &str,
) -> Result<&'r SectionRule, ReviewError> {
    rules.section(direction, code).ok_or_else(|| {
        ReviewError::Cnv(format!(
            "{code} is not a section of the {}: its codes run {}",
            table_name(direction),
            rules
                .sections(direction)
                .iter()
                .map(|r| r.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

/// The points an accepted `code` gets: those written, else the proposal's, else the row's
/// fixed score; checked against the row's range where the rule set holds one.
fn points_of(
    rules: &CnvRules,
    direction: CnvDirection,
    code: &str,
    written: Option<f64>,
    proposal: Option<&CnvSection>,
) -> Result<(f64, bool), ReviewError> {
    let row = row_of(rules, direction, code)?;
    let points = match (written, proposal, row.points) {
        (Some(p), _, _) => p,
        (None, Some(p), _) => p.points,
        (None, None, Some((low, high))) if low == high => low,
        (None, None, Some((low, high))) => {
            return Err(ReviewError::Cnv(format!(
                "give {}'s points, as {}={low:.2}: the table allows {low:.2} to {high:.2}",
                row.code, row.code
            )));
        }
        (None, None, None) => {
            return Err(ReviewError::Cnv(format!(
                "give {}'s points, as {}=0.30, from the table's row for the evidence",
                row.code, row.code
            )));
        }
    };
    match row.points {
        Some((low, high)) if points < low - 1e-9 || points > high + 1e-9 => {
            Err(ReviewError::Cnv(format!(
                "section {} of the {} allows {low:.2} to {high:.2} points; {points:.2} is outside",
                row.code,
                table_name(direction)
            )))
        }
        Some(_) => Ok((points, true)),
        None => Ok((points, false)),
    }
}

/// Applies `change` to the `previous` version (`None` for a first one), bringing Kasane's
/// sections of `assessment` not yet decided up to date, and scores the accepted sections.
pub fn revise_cnv(
    rules: &CnvRules,
    previous: Option<&ReviewedCnv>,
    assessment: &CnvAssessment,
    change: &ReviewChange,
) -> Result<ReviewedCnv, ReviewError> {
    let direction = assessment.direction;
    if let Some(previous) = previous
        && previous.direction != direction
    {
        return Err(ReviewError::Cnv(
            "the variant's direction (loss or gain) differs from its earlier versions'".into(),
        ));
    }
    let mut decisions = previous.map(|p| p.decisions.clone()).unwrap_or_default();
    decisions.retain_mut(|d| {
        if d.state != DecisionState::Proposed {
            return true;
        }
        match assessment.sections.iter().find(|s| s.code == d.code) {
            Some(section) => {
                *d = proposed(section);
                true
            }
            None => false,
        }
    });
    for section in &assessment.sections {
        if !decisions.iter().any(|d| d.code == section.code) {
            decisions.push(proposed(section));
        }
    }
    let reason = change.given_reason().map(str::to_string);
    let citation = change.given_citation().map(str::to_string);
    let mut decided: Vec<String> = Vec::new();
    for action in &change.actions {
        let (text, accept) = action.parts();
        let (written_code, written_points) = parse_action(text)?;
        let code = rules
            .section(direction, written_code)
            .map_or(written_code.to_string(), |r| r.code.clone());
        if decided.contains(&code) {
            return Err(ReviewError::DecidedTwice(code));
        }
        decided.push(code.clone());
        let existing = decisions.iter().position(|d| d.code == code);
        let proposal = existing.and_then(|i| decisions[i].proposal.clone());
        if !accept && written_points.is_some() {
            return Err(ReviewError::Cnv(format!(
                "{text}: a rejected section gives no points; reject it as {code}"
            )));
        }
        // A rejected section counts nothing: its points are kept only as proposed.
        let (points, range_checked) = if accept {
            points_of(rules, direction, &code, written_points, proposal.as_ref())?
        } else {
            row_of(rules, direction, &code)?;
            (proposal.as_ref().map_or(0.0, |p| p.points), true)
        };
        if reason.is_none() {
            if !accept {
                return Err(ReviewError::ReasonNeeded(format!("rejecting {code}")));
            }
            match &proposal {
                None => {
                    return Err(ReviewError::ReasonNeeded(format!(
                        "{code} is not proposed by Kasane: adding it needs a note (and a citation)"
                    )));
                }
                Some(p) if (p.points - points).abs() > 1e-9 => {
                    return Err(ReviewError::ReasonNeeded(format!(
                        "giving {code} {points:.2} points where Kasane proposed {:.2}",
                        p.points
                    )));
                }
                Some(_) => {}
            }
        }
        let decision = SectionDecision {
            code,
            points,
            state: if accept {
                DecisionState::Accepted
            } else {
                DecisionState::Rejected
            },
            proposal,
            note: reason.clone(),
            citation: citation.clone(),
            decided_by: Some(change.actor.clone()),
            range_checked,
        };
        match existing {
            Some(i) => decisions[i] = decision,
            None => decisions.push(decision),
        }
    }
    let order = |code: &str| {
        rules
            .sections(direction)
            .iter()
            .position(|r| r.code == code)
    };
    decisions.sort_by_key(|d| order(&d.code));
    let accepted: Vec<&SectionDecision> = decisions
        .iter()
        .filter(|d| d.state == DecisionState::Accepted)
        .collect();
    for group in &rules.exclusive {
        let together: Vec<&str> = accepted
            .iter()
            .filter(|d| group.contains(&d.code))
            .map(|d| d.code.as_str())
            .collect();
        if together.len() > 1 {
            return Err(ReviewError::Cnv(format!(
                "{} cannot be accepted together: at most one of {} counts; reject the others with the reason",
                together.join(" and "),
                group.join(", ")
            )));
        }
    }
    if let Some(previous) = previous
        && change.actions.is_empty()
        && previous.decisions == decisions
    {
        return Err(ReviewError::NothingToDo);
    }
    let points = summed(accepted.iter().map(|d| d.points));
    let mut notes = assessment.notes.clone();
    notes.extend(accepted.iter().filter(|d| !d.range_checked).map(|d| {
        format!(
            "{}'s {:+.2} points are the curator's: this rule set holds no checked range for section {}",
            d.code, d.points, d.code
        )
    }));
    Ok(ReviewedCnv {
        direction,
        class: rules.class_of(points),
        points,
        decisions,
        notes,
    })
}

/// Refuses sign-off while any proposed section is undecided.
pub fn cnv_ready_for_sign_off(reviewed: &ReviewedCnv) -> Result<(), ReviewError> {
    refuse_undecided(
        reviewed
            .decisions
            .iter()
            .filter(|d| d.state == DecisionState::Proposed)
            .map(|d| d.code.as_str()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReviewAction::{self, Accept, Reject};

    fn section(code: &str, points: f64) -> CnvSection {
        CnvSection {
            code: code.into(),
            points,
            reason: format!("{code} from the cache"),
        }
    }

    fn assessment(direction: CnvDirection, sections: Vec<CnvSection>) -> CnvAssessment {
        let rules = CnvRules::built_in().unwrap();
        CnvAssessment {
            rule_set: rules.name.clone(),
            rule_set_version: rules.version.clone(),
            direction,
            points: summed(sections.iter().map(|s| s.points)),
            class: Classification::UncertainSignificance,
            sections,
            notes: vec!["sections 4 and 5 are the curator's".into()],
        }
    }

    fn change(actions: &[ReviewAction], reason: Option<&str>) -> ReviewChange {
        ReviewChange {
            actions: actions.to_vec(),
            disorder: None,
            also: Vec::new(),
            reason: reason.map(str::to_string),
            citation: Some("PMID:1".into()),
            actor: "ana".into(),
        }
    }

    fn loss() -> CnvAssessment {
        assessment(
            CnvDirection::Loss,
            vec![section("1A", 0.0), section("3B", 0.45)],
        )
    }

    #[test]
    fn proposed_sections_count_once_accepted_and_curator_sections_reach_the_class() {
        let rules = CnvRules::built_in().unwrap();
        let first = revise_cnv(&rules, None, &loss(), &change(&[], None)).unwrap();
        assert_eq!(first.points, 0.0);
        assert_eq!(
            cnv_ready_for_sign_off(&first),
            Err(ReviewError::Undecided("1A, 3B".into()))
        );
        let second = revise_cnv(
            &rules,
            Some(&first),
            &loss(),
            &change(&[Accept("1A".into()), Accept("3B".into())], None),
        )
        .unwrap();
        assert_eq!(
            (second.points, second.class),
            (0.45, Classification::UncertainSignificance)
        );
        assert_eq!(cnv_ready_for_sign_off(&second), Ok(()));
        // A partial 5′ overlap of an HI gene scored by the curator within 2C-1's 0.45–1.00,
        // and a de novo case of section 4 whose range this rule set does not hold.
        let third = revise_cnv(
            &rules,
            Some(&second),
            &loss(),
            &change(
                &[Accept("2c-1=0.45".into()), Accept("4A=0.09".into())],
                Some("5′ exons of NSD1 deleted; one de novo case (PMID:1)"),
            ),
        )
        .unwrap();
        assert_eq!(
            (third.points, third.class),
            (0.99, Classification::Pathogenic)
        );
        let codes: Vec<&str> = third.decisions.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["1A", "2C-1", "3B", "4A"]);
        assert!(third.decisions[1].range_checked);
        assert!(!third.decisions[3].range_checked);
        assert!(
            third
                .notes
                .iter()
                .any(|n| n.starts_with("4A's +0.09 points are the curator's"))
        );
        assert_eq!(
            revise_cnv(&rules, Some(&third), &loss(), &change(&[], None)),
            Err(ReviewError::NothingToDo)
        );
    }

    #[test]
    fn ranges_reasons_unknown_sections_and_exclusive_pairs_are_refused() {
        let rules = CnvRules::built_in().unwrap();
        let base = revise_cnv(&rules, None, &loss(), &change(&[], None)).unwrap();
        let refuse = |actions: &[ReviewAction], reason: Option<&str>| {
            revise_cnv(&rules, Some(&base), &loss(), &change(actions, reason))
                .unwrap_err()
                .to_string()
        };
        assert!(refuse(&[Reject("3B".into())], None).contains("rejecting 3B"));
        assert!(refuse(&[Accept("4A=0.3".into())], None).contains("not proposed by Kasane"));
        assert!(
            refuse(&[Accept("3B=0.9".into())], Some("x")).contains("allows 0.45 to 0.45 points")
        );
        assert!(refuse(&[Accept("2C-1=1.2".into())], Some("x")).contains("0.45 to 1.00"));
        assert!(refuse(&[Accept("2C-1".into())], Some("x")).contains("give 2C-1's points"));
        assert!(refuse(&[Accept("4A=0.333".into())], Some("x")).contains("hundredths"));
        assert!(refuse(&[Accept("2I".into())], Some("x")).contains("not a section of the loss"));
        assert!(
            refuse(&[Accept("1A".into()), Accept("1B".into())], Some("x"))
                .contains("1A and 1B cannot be accepted together")
        );
        assert!(
            refuse(&[Accept("3B".into()), Reject("3b".into())], Some("x"))
                .contains("decided twice")
        );
        // Rejecting a section nobody proposed needs no points, only the reason.
        let rejected = revise_cnv(
            &rules,
            Some(&base),
            &loss(),
            &change(&[Reject("2C-1".into())], Some("the 5′ UTR only")),
        )
        .unwrap();
        assert_eq!(rejected.points, 0.0);
        // A fixed-score row needs no points written.
        let fixed = revise_cnv(
            &rules,
            Some(&base),
            &loss(),
            &change(&[Accept("2F".into())], Some("inside a benign loss region")),
        )
        .unwrap();
        let benign_region = fixed.decisions.iter().find(|d| d.code == "2F");
        assert_eq!(benign_region.map(|d| d.points), Some(-1.0));
    }

    #[test]
    fn an_undecided_section_follows_the_evidence_and_a_gain_uses_its_own_table() {
        let rules = CnvRules::built_in().unwrap();
        let first = revise_cnv(&rules, None, &loss(), &change(&[], None)).unwrap();
        let more_genes = assessment(
            CnvDirection::Loss,
            vec![section("1A", 0.0), section("3C", 0.9)],
        );
        let next = revise_cnv(
            &rules,
            Some(&first),
            &more_genes,
            &change(&[Accept("1A".into())], None),
        )
        .unwrap();
        let codes: Vec<&str> = next.decisions.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["1A", "3C"]);
        let gain = assessment(CnvDirection::Gain, vec![section("1A", 0.0)]);
        let reviewed = revise_cnv(
            &rules,
            None,
            &gain,
            &change(&[Accept("2C".into())], Some("identical to a benign gain")),
        )
        .unwrap();
        assert_eq!(
            (reviewed.points, reviewed.class),
            (-1.0, Classification::Benign)
        );
        assert!(
            revise_cnv(&rules, Some(&reviewed), &loss(), &change(&[], None))
                .unwrap_err()
                .to_string()
                .contains("direction")
        );
    }
}
