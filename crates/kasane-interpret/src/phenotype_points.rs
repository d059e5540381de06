//! A VCEP's phenotype-specificity points for PP4, kept in its rule-set file: each finding a
//! patient's records may show carries points, and their sum gives PP4's strength (the ClinGen
//! LSD VCEP for GAA, Table 4: 2 points or more PP4_Moderate, 1 point PP4). The curator ticks
//! the findings of one patient; Kasane adds them up and names the code, which the curator then
//! applies with the findings as its reason.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::criteria::{AppliedCriterion, Criterion, Strength};

/// The findings a VCEP scores for PP4 and the strengths their points give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhenotypeSpecification {
    /// The criterion the points grade (`PP4`).
    pub criterion: String,
    /// The findings, each with its points.
    pub findings: Vec<PhenotypeFinding>,
    /// The strengths the sum reaches, highest first.
    pub grades: Vec<PhenotypeGrade>,
    /// What the curator must still check before applying the code, as the specification says
    /// it (or as far as it could be read).
    pub caveat: String,
}

/// One finding of a patient's records and what it is worth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhenotypeFinding {
    /// Its short name, as the CLI and the evidence board write it (`deficient-activity`).
    pub id: String,
    /// Its points.
    pub points: f64,
    /// The finding as the specification words it.
    pub finding: String,
}

/// A strength and the fewest points that reach it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhenotypeGrade {
    /// The fewest points.
    pub from: f64,
    /// The strength they give.
    pub strength: Strength,
}

/// A code a phenotype table gives and the fewest points that reach it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GradedCode {
    /// The code (`PP4_Moderate`).
    pub code: String,
    /// The fewest points.
    pub from: f64,
}

/// The findings of one patient added up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhenotypeScore {
    /// The rule set and version whose table scored them (`clingen-lsd-vcep-gaa-v2 1.4.0`).
    pub rule_set: String,
    /// The sum of the findings' points.
    pub points: f64,
    /// The findings counted, in the specification's order.
    pub findings: Vec<PhenotypeFinding>,
    /// The code the points reach (`PP4_Moderate`), `None` below the lowest grade.
    pub code: Option<String>,
    /// The sum in words, to keep as the reason of the decision.
    pub reason: String,
    /// What the curator must still check before applying the code.
    pub caveat: String,
}

/// Why findings cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhenotypeError {
    /// The rule set has no phenotype table.
    #[error("the rule set {0} has no phenotype points table; PP4 is the curator's to weigh")]
    NoTable(String),
    /// A finding the table does not list.
    #[error(
        "{finding:?} is not a finding of the {rule_set} phenotype table; its findings are {known}"
    )]
    UnknownFinding {
        /// The finding asked for.
        finding: String,
        /// The rule set.
        rule_set: String,
        /// The findings there are.
        known: String,
    },
    /// A finding named twice.
    #[error("the finding {0} is named twice; each finding of a patient counts once")]
    Twice(String),
}

/// Points in hundredths: a table's points are whole hundredths (checked), so sums and
/// comparisons are exact.
fn hundredths(points: f64) -> i64 {
    (points * 100.0).round() as i64
}

impl PhenotypeSpecification {
    /// The criterion the points grade, when the table names one.
    fn criterion_graded(&self) -> Option<Criterion> {
        Criterion::parse(&self.criterion)
    }

    /// What is wrong with the table, if anything: an unknown criterion, a strength it cannot
    /// take, findings without points or named twice, grades out of order.
    pub(crate) fn check(&self) -> Result<(), String> {
        let Some(criterion) = self.criterion_graded() else {
            return Err(format!(
                "its phenotype table grades {:?}, not an ACMG/AMP criterion",
                self.criterion
            ));
        };
        let whole_hundredths =
            |p: f64| p > 0.0 && p <= 100.0 && ((p * 100.0) - (p * 100.0).round()).abs() < 1e-6;
        let mut ids = BTreeSet::new();
        for f in &self.findings {
            if f.id.trim().is_empty() || f.finding.trim().is_empty() {
                return Err("its phenotype table has a finding without a name or wording".into());
            }
            if !ids.insert(f.id.as_str()) {
                return Err(format!(
                    "its phenotype table lists the finding {} twice",
                    f.id
                ));
            }
            if !whole_hundredths(f.points) {
                return Err(format!(
                    "its phenotype table gives the finding {} {} points; points are above 0, at most 100, in hundredths",
                    f.id, f.points
                ));
            }
        }
        if self.findings.is_empty() || self.grades.is_empty() {
            return Err("its phenotype table needs findings and grades".into());
        }
        let descending = self.grades.windows(2).all(|w| {
            hundredths(w[0].from) > hundredths(w[1].from) && w[0].strength > w[1].strength
        });
        if !descending || self.grades.iter().any(|g| !whole_hundredths(g.from)) {
            return Err(
                "its phenotype grades must go from the highest points and strength down, points above 0 in hundredths"
                    .into(),
            );
        }
        if let Some(g) = self.grades.iter().find(|g| !criterion.allows(g.strength)) {
            return Err(format!(
                "its phenotype table gives {} a strength it cannot take ({})",
                self.criterion,
                g.strength.words()
            ));
        }
        Ok(())
    }

    /// The code the criterion is applied as at `strength` (`PP4_Moderate`).
    fn code_at(&self, strength: Strength) -> Option<String> {
        let criterion = self.criterion_graded()?;
        Some(
            AppliedCriterion {
                criterion,
                strength,
                modified: strength != criterion.default_strength(),
            }
            .name(),
        )
    }

    /// The grades with the codes they give, highest first (`PP4_Moderate` from 2 points).
    pub fn graded_codes(&self) -> Vec<GradedCode> {
        self.grades
            .iter()
            .filter_map(|g| {
                Some(GradedCode {
                    code: self.code_at(g.strength)?,
                    from: g.from,
                })
            })
            .collect()
    }

    /// The grades as they read: `PP4_Moderate from 2 points, PP4 from 1 point`.
    pub fn grades_text(&self) -> String {
        let grades: Vec<String> = self
            .graded_codes()
            .iter()
            .map(|g| format!("{} from {}", g.code, points_words(g.from)))
            .collect();
        grades.join(", ")
    }

    /// Adds up the findings `ids` of one patient from the table of `rule_set` (its name and
    /// version, as the reason will cite it).
    pub fn score(&self, rule_set: &str, ids: &[String]) -> Result<PhenotypeScore, PhenotypeError> {
        let mut named = BTreeSet::new();
        for id in ids {
            let id = id.trim();
            if !self.findings.iter().any(|f| f.id == id) {
                return Err(PhenotypeError::UnknownFinding {
                    finding: id.to_string(),
                    rule_set: rule_set.to_string(),
                    known: self
                        .findings
                        .iter()
                        .map(|f| f.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            if !named.insert(id) {
                return Err(PhenotypeError::Twice(id.to_string()));
            }
        }
        let findings: Vec<PhenotypeFinding> = self
            .findings
            .iter()
            .filter(|f| named.contains(f.id.as_str()))
            .cloned()
            .collect();
        let total: i64 = findings.iter().map(|f| hundredths(f.points)).sum();
        let points = total as f64 / 100.0;
        let grade = self.grades.iter().find(|g| total >= hundredths(g.from));
        let code = grade.and_then(|g| self.code_at(g.strength));
        let listed = if findings.is_empty() {
            "no finding".to_string()
        } else {
            findings
                .iter()
                .map(|f| format!("{} {}", f.id, points_text(f.points)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let lowest = self.grades.last().map_or(0.0, |g| g.from);
        let reason = match (&code, grade) {
            (Some(code), Some(g)) => format!(
                "{rule_set} phenotype points {} ({listed}): {code}, reached from {}",
                points_text(points),
                points_words(g.from)
            ),
            _ => format!(
                "{rule_set} phenotype points {} ({listed}): below the {} {} needs",
                points_text(points),
                points_words(lowest),
                self.criterion
            ),
        };
        Ok(PhenotypeScore {
            rule_set: rule_set.to_string(),
            points,
            findings,
            code,
            reason,
            caveat: self.caveat.clone(),
        })
    }
}

/// Points in words: `1 point`, `0.25 points`.
fn points_words(points: f64) -> String {
    let text = points_text(points);
    if text == "1" {
        "1 point".to_string()
    } else {
        format!("{text} points")
    }
}

/// Points as the table writes them: `2`, `0.25`.
fn points_text(points: f64) -> String {
    let text = format!("{points:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_set::RuleSet;

    fn gaa() -> PhenotypeSpecification {
        RuleSet::named(Some("clingen-lsd-vcep-gaa-v2"))
            .unwrap()
            .phenotype
            .unwrap()
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_gaa_table_grades_a_patients_findings_as_table_4_says() {
        let table = gaa();
        let score = |list: &[&str]| table.score("gaa", &ids(list)).unwrap();
        let moderate = score(&["deficient-activity", "muscle-mri"]);
        assert_eq!(moderate.points, 2.25);
        assert_eq!(moderate.code.as_deref(), Some("PP4_Moderate"));
        assert_eq!(
            moderate.reason,
            "gaa phenotype points 2.25 (deficient-activity 2, muscle-mri 0.25): PP4_Moderate, reached from 2 points"
        );
        assert_eq!(
            table.grades_text(),
            "PP4_Moderate from 2 points, PP4 from 1 point"
        );
        let supporting = score(&["iopd", "urinary-glc4", "muscle-histology"]);
        assert_eq!(
            (supporting.points, supporting.code.as_deref()),
            (1.5, Some("PP4"))
        );
        let exactly_one = score(&["activity-without-data", "newborn-screening", "muscle-mri"]);
        assert_eq!(
            (exactly_one.points, exactly_one.code.as_deref()),
            (1.0, Some("PP4"))
        );
        let below = score(&["newborn-screening", "muscle-mri", "muscle-histology"]);
        assert_eq!((below.points, below.code), (0.75, None));
        assert!(below.reason.ends_with("below the 1 point PP4 needs"));
        assert!(!below.caveat.is_empty());
    }

    #[test]
    fn an_unknown_or_repeated_finding_is_refused() {
        let table = gaa();
        let unknown = table.score("gaa", &ids(&["cardiomegaly"])).unwrap_err();
        assert!(
            unknown
                .to_string()
                .starts_with("\"cardiomegaly\" is not a finding of the gaa phenotype table; its findings are deficient-activity, iopd"),
            "{unknown}"
        );
        assert_eq!(
            table.score("gaa", &ids(&["iopd", "iopd"])).unwrap_err(),
            PhenotypeError::Twice("iopd".into())
        );
    }

    #[test]
    fn a_table_out_of_shape_is_refused() {
        let mut table = gaa();
        table.findings[1].points = 0.333;
        assert!(table.check().unwrap_err().contains("in hundredths"));
        let mut table = gaa();
        table.grades.reverse();
        assert!(table.check().unwrap_err().contains("from the highest"));
        let mut table = gaa();
        table.criterion = "PP9".into();
        assert!(
            table
                .check()
                .unwrap_err()
                .contains("not an ACMG/AMP criterion")
        );
        let mut table = gaa();
        table.findings[2].id = table.findings[0].id.clone();
        assert!(table.check().unwrap_err().ends_with("twice"));
        let mut table = gaa();
        table.criterion = "BP4".into();
        table.grades[0].strength = Strength::VeryStrong;
        assert!(table.check().unwrap_err().contains("cannot take"));
    }
}
