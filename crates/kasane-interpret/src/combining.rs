//! The Richards 2015 combining rules (Table 5; DOMAIN.md §1.2), applied to the criteria at the
//! strengths they count at, so that `PM2_Supporting` counts as supporting here too and the two
//! modes are compared on the same evidence.

use crate::criteria::{AppliedCriterion, Direction, Strength};
use crate::scoring::Classification;

/// How many criteria count at each level, by direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Levels {
    very_strong: usize,
    strong: usize,
    moderate: usize,
    supporting: usize,
    stand_alone: usize,
}

impl Levels {
    fn of(criteria: &[AppliedCriterion], direction: Direction) -> Self {
        let mut levels = Self::default();
        for c in criteria
            .iter()
            .filter(|c| c.criterion.direction() == direction)
        {
            match c.strength {
                Strength::VeryStrong => levels.very_strong += 1,
                Strength::Strong => levels.strong += 1,
                Strength::Moderate => levels.moderate += 1,
                Strength::Supporting => levels.supporting += 1,
                Strength::StandAlone => levels.stand_alone += 1,
            }
        }
        levels
    }
}

/// The 2015 class of `criteria`, and a note when a strength had to be read into the 2015
/// levels (which have no benign moderate level).
pub fn classify_2015(criteria: &[AppliedCriterion]) -> (Classification, Option<String>) {
    let p = Levels::of(criteria, Direction::Pathogenic);
    let b = Levels::of(criteria, Direction::Benign);
    // Only one very strong criterion exists in 2015; another one raised to very strong counts
    // as strong beside it.
    let (vs, s) = (
        p.very_strong.min(1),
        p.strong + p.very_strong.saturating_sub(1),
    );
    let (m, pp) = (p.moderate, p.supporting);
    let pathogenic = (vs >= 1 && (s >= 1 || m >= 2 || (m >= 1 && pp >= 1) || pp >= 2))
        || s >= 2
        || (s >= 1 && (m >= 3 || (m >= 2 && pp >= 2) || (m >= 1 && pp >= 4)));
    // 1 very strong + 1 moderate, or 1 strong + 1–2 moderate.
    let likely_pathogenic = ((vs >= 1 || s >= 1) && m >= 1)
        || (s >= 1 && pp >= 2)
        || m >= 3
        || (m >= 2 && pp >= 2)
        || (m >= 1 && pp >= 4);
    // The 2015 levels have no benign moderate: such a criterion counts as supporting.
    let bp = b.supporting + b.moderate;
    let note = (b.moderate > 0).then(|| {
        "the 2015 rules have no benign moderate level; a benign criterion at moderate counted as supporting there".to_string()
    });
    let benign = b.stand_alone >= 1 || b.strong >= 2;
    let likely_benign = (b.strong >= 1 && bp >= 1) || bp >= 2;
    let toward_pathogenic = match (pathogenic, likely_pathogenic) {
        (true, _) => Some(Classification::Pathogenic),
        (false, true) => Some(Classification::LikelyPathogenic),
        _ => None,
    };
    let toward_benign = match (benign, likely_benign) {
        (true, _) => Some(Classification::Benign),
        (false, true) => Some(Classification::LikelyBenign),
        _ => None,
    };
    let class = match (toward_pathogenic, toward_benign) {
        // BA1 stands alone (Richards 2015; DOMAIN.md R-ACMG-003).
        (_, Some(Classification::Benign)) if b.stand_alone >= 1 => Classification::Benign,
        (Some(_), Some(_)) | (None, None) => Classification::UncertainSignificance,
        (Some(class), None) | (None, Some(class)) => class,
    };
    (class, note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::{Criterion, parse_applied};

    fn class_of(codes: &[&str]) -> Classification {
        let applied: Vec<AppliedCriterion> = codes
            .iter()
            .map(|c| parse_applied(c, Criterion::default_strength).unwrap())
            .collect();
        classify_2015(&applied).0
    }

    #[test]
    fn each_pathogenic_rule_of_table_5() {
        use Classification::*;
        assert_eq!(class_of(&["PVS1", "PS1"]), Pathogenic);
        assert_eq!(class_of(&["PVS1", "PM1", "PM2"]), Pathogenic);
        assert_eq!(class_of(&["PVS1", "PM1", "PP3"]), Pathogenic);
        assert_eq!(class_of(&["PVS1", "PP1", "PP3"]), Pathogenic);
        assert_eq!(class_of(&["PS1", "PS3"]), Pathogenic);
        assert_eq!(class_of(&["PS1", "PM1", "PM2", "PM4"]), Pathogenic);
        assert_eq!(class_of(&["PS1", "PM1", "PM2", "PP1", "PP3"]), Pathogenic);
        assert_eq!(
            class_of(&["PS1", "PM1", "PP1", "PP2", "PP3", "PP4"]),
            Pathogenic
        );
    }

    #[test]
    fn each_likely_pathogenic_rule_and_what_falls_short() {
        use Classification::*;
        assert_eq!(class_of(&["PVS1", "PM2"]), LikelyPathogenic);
        assert_eq!(class_of(&["PS3", "PM1"]), LikelyPathogenic);
        assert_eq!(class_of(&["PS3", "PP1", "PP3"]), LikelyPathogenic);
        assert_eq!(class_of(&["PM1", "PM2", "PM4"]), LikelyPathogenic);
        assert_eq!(class_of(&["PM1", "PM2", "PP1", "PP3"]), LikelyPathogenic);
        assert_eq!(
            class_of(&["PM1", "PP1", "PP2", "PP3", "PP4"]),
            LikelyPathogenic
        );
        // 1 very strong with 1 supporting, and one strong alone, meet no rule.
        assert_eq!(class_of(&["PVS1", "PP3"]), UncertainSignificance);
        assert_eq!(class_of(&["PS3"]), UncertainSignificance);
    }

    #[test]
    fn benign_rules_contradictions_and_ba1() {
        use Classification::*;
        assert_eq!(class_of(&["BS1", "BS2"]), Benign);
        assert_eq!(class_of(&["BS1", "BP4"]), LikelyBenign);
        assert_eq!(class_of(&["BP4", "BP7"]), LikelyBenign);
        assert_eq!(class_of(&["BP4"]), UncertainSignificance);
        // Pathogenic and benign rules both met: uncertain.
        assert_eq!(
            class_of(&["PVS1", "PS1", "BS1", "BS2"]),
            UncertainSignificance
        );
        assert_eq!(class_of(&["BA1", "PVS1", "PS1"]), Benign);
        // A benign moderate counts as supporting, with a note.
        let applied = [parse_applied("BP4_Moderate", Criterion::default_strength).unwrap()];
        let (class, note) = classify_2015(&applied);
        assert_eq!(class, UncertainSignificance);
        assert!(note.is_some());
    }
}
