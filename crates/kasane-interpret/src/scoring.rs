//! One variant's criteria scored both ways: the ClinGen SVI points and their class (the
//! reported result, DOMAIN.md R-ACMG-014) beside the Richards 2015 combining rules, with any
//! disagreement shown, after refusing what the rules forbid (a code twice, PP5/BP6 where the
//! rule set disables them, combinations that count one piece of evidence twice).

use serde::{Deserialize, Serialize};

use crate::combining::classify_2015;
use crate::criteria::{AppliedCriterion, Criterion, CriterionError, Strength, parse_applied};
use crate::rule_set::{ClassBands, RuleSet};

/// The five ACMG/AMP classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Classification {
    /// Pathogenic.
    Pathogenic,
    /// Likely pathogenic.
    LikelyPathogenic,
    /// Uncertain significance (VUS).
    UncertainSignificance,
    /// Likely benign.
    LikelyBenign,
    /// Benign.
    Benign,
}

impl Classification {
    /// Its name as a report writes it: `Likely pathogenic`.
    pub fn words(self) -> &'static str {
        match self {
            Self::Pathogenic => "Pathogenic",
            Self::LikelyPathogenic => "Likely pathogenic",
            Self::UncertainSignificance => "Uncertain significance",
            Self::LikelyBenign => "Likely benign",
            Self::Benign => "Benign",
        }
    }

    /// Its short form: `LP`.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Self::Pathogenic => "P",
            Self::LikelyPathogenic => "LP",
            Self::UncertainSignificance => "VUS",
            Self::LikelyBenign => "LB",
            Self::Benign => "B",
        }
    }
}

/// A criterion as it counted: its name, strength and points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoredCriterion {
    /// Its name with any strength modifier: `PM2_Supporting`.
    pub name: String,
    /// The criterion and the strength it counted at.
    pub applied: AppliedCriterion,
    /// The points it added (negative toward benign; none for BA1, which stands alone).
    pub points: i32,
}

/// The classification of one set of criteria under one rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assessment {
    /// The rule set's name.
    pub rule_set: String,
    /// The rule set's version, recorded with every classification.
    pub rule_set_version: String,
    /// The rule set's class bands, to show where the points fall.
    pub bands: ClassBands,
    /// The criteria in the order given.
    pub criteria: Vec<ScoredCriterion>,
    /// Their points summed.
    pub points: i32,
    /// The class of the points (BA1 makes it Benign whatever the points): the reported result.
    pub points_class: Classification,
    /// The class by the Richards 2015 combining rules on the same criteria.
    pub rules_2015_class: Classification,
    /// Whether the two classes agree; when not, the curator is shown both.
    pub agree: bool,
    /// What the curator should know about the result (BA1 deciding, a disagreement, a 2015
    /// level read another way).
    pub notes: Vec<String>,
}

/// Why a set of criteria cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    /// A code is not a criterion or not at that strength.
    #[error(transparent)]
    Criterion(#[from] CriterionError),
    /// One criterion is given twice.
    #[error(
        "{0} is given twice; a criterion counts once, at one strength (DOMAIN.md P3) — keep the strength the evidence supports"
    )]
    Twice(String),
    /// The rule set does not allow PP5 or BP6.
    #[error(
        "{code} is disabled in the rule set {rule_set}: a reputable source's assertion is not evidence (ClinGen SVI; DOMAIN.md R-ACMG-012) — use the evidence behind it instead"
    )]
    Disabled {
        /// The code.
        code: String,
        /// The rule set.
        rule_set: String,
    },
    /// The rule set's specification does not use the code.
    #[error(
        "{code} is not used by {rule_set} (its VCEP specification leaves it out) — apply the evidence under the criteria it uses"
    )]
    NotUsed {
        /// The code.
        code: String,
        /// The rule set.
        rule_set: String,
    },
    /// Two criteria count the same evidence, or together weigh more than the rules allow.
    #[error("{first} and {second} cannot be applied together: {why}")]
    Excluded {
        /// The first code.
        first: String,
        /// The second code.
        second: String,
        /// The rule that forbids it.
        why: &'static str,
    },
}

/// Pairs of criteria that count one piece of evidence twice (DOMAIN.md P3, §1.5, R-ACMG-011).
const EXCLUDED_PAIRS: [(Criterion, Criterion, &str); 2] = [
    (
        Criterion::PVS1,
        Criterion::PM4,
        "both count the same length-changing event (Abou Tayoun 2018; DOMAIN.md §1.5)",
    ),
    (
        Criterion::PS1,
        Criterion::PM5,
        "they are mutually exclusive for a residue (DOMAIN.md R-ACMG-011)",
    ),
];

/// Points PM1 and PP3 may reach together (Pejaver 2022; DOMAIN.md §1.6).
const PM1_WITH_PP3_MOST: i32 = 4;

/// Scores `codes` (`PVS1`, `PS3_Moderate`, `BA1`…) under `rule_set`.
pub fn assess(rule_set: &RuleSet, codes: &[String]) -> Result<Assessment, ScoreError> {
    let mut applied: Vec<AppliedCriterion> = Vec::with_capacity(codes.len());
    for code in codes {
        let criterion = parse_applied(code, |c| rule_set.default_strength(c))?;
        if applied.iter().any(|a| a.criterion == criterion.criterion) {
            return Err(ScoreError::Twice(criterion.criterion.code()));
        }
        if !rule_set.reputable_source_codes
            && matches!(criterion.criterion, Criterion::PP5 | Criterion::BP6)
        {
            return Err(ScoreError::Disabled {
                code: criterion.criterion.code(),
                rule_set: rule_set.name.clone(),
            });
        }
        if rule_set.unused(criterion.criterion) {
            return Err(ScoreError::NotUsed {
                code: criterion.criterion.code(),
                rule_set: rule_set.name.clone(),
            });
        }
        applied.push(criterion);
    }
    let has = |c: Criterion| applied.iter().find(|a| a.criterion == c);
    for (first, second, why) in EXCLUDED_PAIRS {
        if has(first).is_some() && has(second).is_some() {
            return Err(ScoreError::Excluded {
                first: first.code(),
                second: second.code(),
                why,
            });
        }
    }
    let scored: Vec<ScoredCriterion> = applied
        .iter()
        .map(|a| ScoredCriterion {
            name: a.name(),
            applied: *a,
            points: rule_set.points_of(a.strength, a.criterion.direction().is_pathogenic()),
        })
        .collect();
    let points_of = |c: Criterion| {
        scored
            .iter()
            .find(|s| s.applied.criterion == c)
            .map(|s| s.points)
    };
    if let (Some(pm1), Some(pp3)) = (points_of(Criterion::PM1), points_of(Criterion::PP3))
        && pm1 + pp3 > PM1_WITH_PP3_MOST
    {
        return Err(ScoreError::Excluded {
            first: "PM1".into(),
            second: "PP3".into(),
            why: "together they must not weigh more than Strong, 4 points (Pejaver 2022; DOMAIN.md §1.6) — lower PP3's strength",
        });
    }
    let points: i32 = scored.iter().map(|s| s.points).sum();
    let stand_alone = applied.iter().any(|a| a.strength == Strength::StandAlone);
    let points_class = if stand_alone {
        Classification::Benign
    } else {
        class_of_points(rule_set, points)
    };
    let (rules_2015_class, level_note) = classify_2015(&applied);
    let mut notes = Vec::new();
    if stand_alone {
        notes.push(
            "BA1 stands alone: Benign whatever the other criteria (DOMAIN.md R-ACMG-003) — check the ClinGen BA1 exception list".to_string(),
        );
        if applied
            .iter()
            .any(|a| a.criterion.direction().is_pathogenic())
        {
            notes.push("pathogenic criteria are applied beside BA1: review the population data before signing off".to_string());
        }
    }
    if has(Criterion::PVS1).is_some() && has(Criterion::PP3).is_some() {
        notes.push(
            "PVS1 with PP3: PP3 may not count the consequence PVS1 already counts (missense PP3, or splicing at a canonical site; DOMAIN.md §1.5, §1.6)".to_string(),
        );
    }
    notes.extend(level_note);
    let agree = points_class == rules_2015_class;
    if !agree {
        notes.push(format!(
            "the 2015 combining rules give {} where {} points give {}; the points are the reported result (DOMAIN.md R-ACMG-014)",
            rules_2015_class.words(),
            points,
            points_class.words()
        ));
    }
    Ok(Assessment {
        rule_set: rule_set.name.clone(),
        rule_set_version: rule_set.version.clone(),
        bands: rule_set.bands.clone(),
        criteria: scored,
        points,
        points_class,
        rules_2015_class,
        agree,
        notes,
    })
}

/// Points as a report writes them: `1 point`, `-3 points`.
pub fn points_in_words(points: i64) -> String {
    if points.abs() == 1 {
        format!("{points} point")
    } else {
        format!("{points} points")
    }
}

/// The class `points` fall in under the rule set's bands.
fn class_of_points(rule_set: &RuleSet, points: i32) -> Classification {
    [
        Classification::Pathogenic,
        Classification::LikelyPathogenic,
        Classification::UncertainSignificance,
        Classification::LikelyBenign,
        Classification::Benign,
    ][rule_set.bands.edges().band(points)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use Classification::*;

    fn score(rule_set: Option<&str>, codes: &[&str]) -> Result<Assessment, ScoreError> {
        let set = RuleSet::named(rule_set).unwrap();
        let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        assess(&set, &codes)
    }

    fn points_and_classes(codes: &[&str]) -> (i32, Classification, Classification) {
        let a = score(None, codes).unwrap();
        (a.points, a.points_class, a.rules_2015_class)
    }

    #[test]
    fn the_worked_examples_of_r_acmg_002() {
        // (codes, points, points class) as DOMAIN.md R-ACMG-002 states them.
        let examples: [(&[&str], i32, Classification); 4] = [
            (&["PVS1", "PM2_Supporting"], 9, LikelyPathogenic),
            (&["PVS1", "PS3_Moderate"], 10, Pathogenic),
            (
                &["PM2_Supporting", "PP3_Moderate"],
                3,
                UncertainSignificance,
            ),
            (&["BS1", "BP4"], -5, LikelyBenign),
        ];
        for (codes, points, class) in examples {
            let a = score(None, codes).unwrap();
            assert_eq!((a.points, a.points_class), (points, class), "{codes:?}");
        }
    }

    #[test]
    fn every_band_edge_of_both_rule_sets() {
        // (points, SVI class, ACGS class) at each edge.
        let edges = [
            (10, Pathogenic, Pathogenic),
            (9, LikelyPathogenic, LikelyPathogenic),
            (6, LikelyPathogenic, LikelyPathogenic),
            (5, UncertainSignificance, UncertainSignificance),
            (0, UncertainSignificance, UncertainSignificance),
            (-1, LikelyBenign, LikelyBenign),
            (-5, LikelyBenign, LikelyBenign),
            (-6, LikelyBenign, Benign),
            (-7, Benign, Benign),
        ];
        let svi = RuleSet::named(None).unwrap();
        let acgs = RuleSet::named(Some("acgs-2020")).unwrap();
        for (points, in_svi, in_acgs) in edges {
            assert_eq!(class_of_points(&svi, points), in_svi, "{points} in SVI");
            assert_eq!(class_of_points(&acgs, points), in_acgs, "{points} in ACGS");
        }
    }

    #[test]
    fn the_rule_set_is_recorded_and_its_bands_decide() {
        // BS1 + BP4_Moderate = -6: LB by the SVI bands, B by the ACGS ones.
        let svi = score(None, &["BS1", "BP4_Moderate"]).unwrap();
        let acgs = score(Some("acgs-2020"), &["BS1", "BP4_Moderate"]).unwrap();
        assert_eq!((svi.points, svi.points_class), (-6, LikelyBenign));
        assert_eq!((acgs.points, acgs.points_class), (-6, Benign));
        assert_eq!(
            (acgs.rule_set.as_str(), acgs.rule_set_version.as_str()),
            ("acgs-2020", "1.1.0")
        );
    }

    #[test]
    fn pm2_without_a_strength_counts_as_supporting() {
        let a = score(None, &["PVS1", "PM2"]).unwrap();
        assert_eq!(a.criteria[1].name, "PM2_Supporting");
        assert_eq!(a.criteria[1].points, 1);
        assert_eq!(a.points, 9);
    }

    #[test]
    fn the_two_modes_disagree_where_tavtigian_2018_says_they_do() {
        // 1 very strong + 1 moderate: LP by the 2015 rules, 10 points = P.
        assert_eq!(
            points_and_classes(&["PVS1", "PM1"]),
            (10, Pathogenic, LikelyPathogenic)
        );
        // Six supporting: VUS by the 2015 rules, 6 points = LP.
        let six = [
            "PM2_Supporting",
            "PP1",
            "PP2",
            "PP3",
            "PP4",
            "PM6_Supporting",
        ];
        assert_eq!(
            points_and_classes(&six),
            (6, LikelyPathogenic, UncertainSignificance)
        );
        let a = score(None, &six).unwrap();
        assert!(!a.agree);
        assert!(
            a.notes
                .iter()
                .any(|n| n.contains("the 2015 combining rules give Uncertain significance"))
        );
        // PVS1 + PM2_Supporting: 9 points = LP, but 1 very strong + 1 supporting meets no
        // 2015 rule.
        assert_eq!(
            points_and_classes(&["PVS1", "PM2_Supporting"]),
            (9, LikelyPathogenic, UncertainSignificance)
        );
        // Where they agree there is no such note.
        let p = score(None, &["PVS1", "PS3"]).unwrap();
        assert!(p.agree && p.notes.is_empty());
        assert_eq!((p.points, p.points_class), (12, Pathogenic));
    }

    #[test]
    fn each_rule_of_table_5_against_the_points() {
        // The fewest criteria meeting each Richards 2015 Table 5 rule: (codes, 2015 class,
        // points, points class). The two modes part where Tavtigian 2018 found the 2015 rules
        // inconsistent: 2 strong is P by 2015 but 8 points; 1 very strong + 1 moderate is LP by
        // 2015 but 10 points.
        let rules: [(&[&str], Classification, i32, Classification); 18] = [
            (&["PVS1", "PS1"], Pathogenic, 12, Pathogenic),
            (&["PVS1", "PM1", "PM3"], Pathogenic, 12, Pathogenic),
            (&["PVS1", "PM1", "PP1"], Pathogenic, 11, Pathogenic),
            (&["PVS1", "PP1", "PP2"], Pathogenic, 10, Pathogenic),
            (&["PS1", "PS3"], Pathogenic, 8, LikelyPathogenic),
            (&["PS3", "PM1", "PM3", "PM6"], Pathogenic, 10, Pathogenic),
            (
                &["PS3", "PM1", "PM3", "PP1", "PP2"],
                Pathogenic,
                10,
                Pathogenic,
            ),
            (
                &["PS3", "PM1", "PP1", "PP2", "PP3", "PP4"],
                Pathogenic,
                10,
                Pathogenic,
            ),
            (&["PVS1", "PM1"], LikelyPathogenic, 10, Pathogenic),
            (&["PS3", "PM1"], LikelyPathogenic, 6, LikelyPathogenic),
            (
                &["PS3", "PP1", "PP2"],
                LikelyPathogenic,
                6,
                LikelyPathogenic,
            ),
            (
                &["PM1", "PM3", "PM6"],
                LikelyPathogenic,
                6,
                LikelyPathogenic,
            ),
            (
                &["PM1", "PM3", "PP1", "PP2"],
                LikelyPathogenic,
                6,
                LikelyPathogenic,
            ),
            (
                &["PM1", "PP1", "PP2", "PP3", "PP4"],
                LikelyPathogenic,
                6,
                LikelyPathogenic,
            ),
            (&["BA1"], Benign, 0, Benign),
            (&["BS1", "BS2"], Benign, -8, Benign),
            (&["BS1", "BP1"], LikelyBenign, -5, LikelyBenign),
            (&["BP1", "BP4"], LikelyBenign, -2, LikelyBenign),
        ];
        for (codes, by_2015, points, by_points) in rules {
            let a = score(None, codes).unwrap();
            assert_eq!(
                (a.rules_2015_class, a.points, a.points_class),
                (by_2015, points, by_points),
                "{codes:?}"
            );
            assert_eq!(a.agree, by_2015 == by_points, "{codes:?}");
        }
    }

    #[test]
    fn ba1_decides_alone_and_says_so() {
        let a = score(None, &["BA1", "PVS1", "PS3"]).unwrap();
        assert_eq!(
            (a.points, a.points_class, a.rules_2015_class),
            (12, Benign, Benign)
        );
        assert_eq!(a.criteria[0].points, 0);
        assert!(a.notes[0].starts_with("BA1 stands alone"));
        assert!(a.notes[1].contains("pathogenic criteria are applied beside BA1"));
    }

    #[test]
    fn contradictory_evidence_is_uncertain_by_2015_and_summed_by_points() {
        // PVS1 + PS3 (P by 2015) and BS1 + BS2 (B by 2015): VUS; 12 - 8 = 4 points, VUS.
        assert_eq!(
            points_and_classes(&["PVS1", "PS3", "BS1", "BS2"]),
            (4, UncertainSignificance, UncertainSignificance)
        );
    }

    #[test]
    fn what_the_rules_forbid_is_refused_with_the_reason() {
        assert_eq!(
            score(None, &["PM2", "PM2_Moderate"]),
            Err(ScoreError::Twice("PM2".into()))
        );
        assert!(matches!(
            score(None, &["PP5"]),
            Err(ScoreError::Disabled { .. })
        ));
        assert!(matches!(
            score(None, &["BP6"]),
            Err(ScoreError::Disabled { .. })
        ));
        let e = score(None, &["PVS1", "PM4"]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("PVS1 and PM4 cannot be applied together")
        );
        assert!(matches!(
            score(None, &["PS1", "PM5"]),
            Err(ScoreError::Excluded { .. })
        ));
        // PM1 (2) + PP3_Moderate (2) is the most allowed; PP3_Strong beside PM1 is refused.
        assert_eq!(score(None, &["PM1", "PP3_Moderate"]).unwrap().points, 4);
        let e = score(None, &["PM1", "PP3_Strong"]).unwrap_err();
        assert!(e.to_string().contains("lower PP3's strength"));
        assert!(matches!(
            score(None, &["PX1"]),
            Err(ScoreError::Criterion(_))
        ));
    }

    #[test]
    fn pvs1_with_pp3_is_scored_with_a_warning() {
        let a = score(None, &["PVS1", "PP3"]).unwrap();
        assert_eq!(a.points, 9);
        assert!(a.notes.iter().any(|n| n.starts_with("PVS1 with PP3")));
    }

    #[test]
    fn a_code_the_vcep_leaves_out_is_refused() {
        let e = score(Some("clingen-lsd-vcep-gaa-v2"), &["PVS1", "PS2"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "PS2 is not used by clingen-lsd-vcep-gaa-v2 (its VCEP specification leaves it out) — apply the evidence under the criteria it uses"
        );
        assert!(score(None, &["PVS1", "PS2"]).is_ok());
    }

    #[test]
    fn no_criteria_are_uncertain() {
        assert_eq!(
            points_and_classes(&[]),
            (0, UncertainSignificance, UncertainSignificance)
        );
    }
}
