//! The classification calculators (issue 6), for teaching and testing, needing no workspace or
//! case: ACMG/AMP criteria scored under a built-in rule set, somatic oncogenicity codes under
//! Horak 2022, and a somatic variant's AMP tier in a tumour type from its evidence items.

use kasane_interpret::{
    Assessment, EvidenceItem, OncogenicityAssessment, OncogenicityError, OncogenicityRules,
    RuleSet, RuleSetError, ScoreError, TierResult, amp_tier, assess, assess_oncogenicity,
};

use crate::error::{AppError, ErrorKind};

impl From<RuleSetError> for AppError {
    fn from(error: RuleSetError) -> Self {
        let kind = match error {
            RuleSetError::Unknown { .. } => ErrorKind::NotFound,
            RuleSetError::Unreadable { .. } => ErrorKind::Internal,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<OncogenicityError> for AppError {
    fn from(error: OncogenicityError) -> Self {
        AppError::new(ErrorKind::InvalidInput, error.to_string())
    }
}

impl From<ScoreError> for AppError {
    fn from(error: ScoreError) -> Self {
        AppError::new(ErrorKind::InvalidInput, error.to_string())
    }
}

/// The rule sets built into Kasane, the default first.
pub fn rule_sets() -> Result<Vec<RuleSet>, AppError> {
    Ok(RuleSet::built_in()?)
}

/// `codes` (`PVS1`, `PS3_Moderate`, `BA1`…) scored under the rule set `name` (the default
/// when `None`): points, the points class and the 2015-rules class side by side.
pub fn score_criteria(name: Option<&str>, codes: &[String]) -> Result<Assessment, AppError> {
    let rule_set = RuleSet::named(name)?;
    Ok(assess(&rule_set, codes)?)
}

/// Oncogenicity `codes` (`OVS1`, `OS3`…) scored under the built-in Horak 2022 rule set.
pub fn score_oncogenicity(codes: &[String]) -> Result<OncogenicityAssessment, AppError> {
    Ok(assess_oncogenicity(&OncogenicityRules::built_in()?, codes)?)
}

/// The AMP tier of a variant in `tumour_type` from `items` (`A:therapeutic:NSCLC`,
/// `ja:B:diagnostic:GIST`); `benign` when it is benign or likely benign.
pub fn somatic_tier(
    tumour_type: &str,
    items: &[String],
    benign: bool,
) -> Result<TierResult, AppError> {
    if tumour_type.trim().is_empty() {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "name the tumour type the tier is for (--tumour NSCLC)",
        ));
    }
    let items = items
        .iter()
        .map(|t| {
            EvidenceItem::parse(t)
                .map_err(|e| AppError::new(ErrorKind::InvalidInput, e.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(amp_tier(tumour_type, &items, benign))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kasane_interpret::Classification;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn the_default_rule_set_scores_and_names_itself() {
        let a = score_criteria(None, &codes(&["PVS1", "PM2_Supporting"])).unwrap();
        assert_eq!(
            (a.points, a.points_class),
            (9, Classification::LikelyPathogenic)
        );
        assert_eq!(a.rule_set, "clingen-svi-points-2020");
    }

    #[test]
    fn errors_carry_their_kind() {
        let unknown = score_criteria(Some("nope"), &codes(&["PVS1"])).unwrap_err();
        assert_eq!(unknown.kind, ErrorKind::NotFound);
        let bad = score_criteria(None, &codes(&["PVS1", "PVS1"])).unwrap_err();
        assert_eq!(bad.kind, ErrorKind::InvalidInput);
        assert!(bad.message.starts_with("PVS1 is given twice"));
    }
}
