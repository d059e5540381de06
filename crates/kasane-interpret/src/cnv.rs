//! Copy-number variants scored by the sections of Riggs et al. 2020 that the cache can answer
//! (DOMAIN.md §4.1, R-SV-001/002): section 1 (protein-coding genes present or not), 2A (an
//! established haploinsufficient gene wholly lost, or triplosensitive gene wholly gained) and
//! section 3 (the number of protein-coding genes) and, for a loss with both breakpoints inside
//! one gene, 2E from the PVS1 tree's deletion branch (R-SV-003), with the thresholds of the
//! versioned file `assets/rules/riggs-2020-cnv.json`. Partial overlaps of dosage-sensitive
//! genes, sections 4 and 5 are the curator's; each section is kept with its reason.

use kasane_core::knowledge::{DosageScore, DosageSensitivity};
use serde::{Deserialize, Serialize};

use crate::criteria::{AppliedCriterion, Criterion, Strength};
use crate::rule_set::{PointEdges, RuleSetError, parse_built_in};
use crate::scoring::Classification;

const BUILT_IN: (&str, &str) = (
    "riggs-2020-cnv.json",
    include_str!("../../../assets/rules/riggs-2020-cnv.json"),
);

/// Whether copies are lost or gained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CnvDirection {
    /// A deletion or copy loss.
    Loss,
    /// A duplication or copy gain.
    Gain,
}

/// Where the CNV classes begin, in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CnvBands {
    /// Fewest points of Pathogenic.
    pub pathogenic_from: f64,
    /// Fewest points of Likely pathogenic.
    pub likely_pathogenic_from: f64,
    /// Most points of Likely benign.
    pub likely_benign_to: f64,
    /// Most points of Benign.
    pub benign_to: f64,
}

impl CnvBands {
    fn edges(&self) -> PointEdges<f64> {
        PointEdges {
            top_from: self.pathogenic_from,
            second_from: self.likely_pathogenic_from,
            fourth_to: self.likely_benign_to,
            bottom_to: self.benign_to,
        }
    }
}

/// The CNV rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CnvRules {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// What it is.
    pub title: String,
    /// Where its numbers come from.
    pub sources: Vec<String>,
    /// Class bands.
    pub bands: CnvBands,
    /// Section 1B: no protein-coding or functionally important element.
    pub no_functional_elements: f64,
    /// Section 2A: an established dosage-sensitive gene wholly inside the change.
    pub established_dosage_gene_contained: f64,
    /// Section 3 for losses: (fewest protein-coding genes, points), rising.
    pub loss_gene_counts: Vec<(usize, f64)>,
    /// Section 3 for gains.
    pub gain_gene_counts: Vec<(usize, f64)>,
    /// Section 2E of losses: the points of each PVS1 strength for an intragenic deletion.
    pub intragenic_loss_pvs1_points: PvsPoints,
    /// Every section of the loss table, with the points it allows where they were checked.
    pub loss_sections: Vec<SectionRule>,
    /// Every section of the gain table.
    pub gain_sections: Vec<SectionRule>,
    /// Sections of which at most one counts (`1A`/`1B`; `3A`/`3B`/`3C`).
    pub exclusive: Vec<Vec<String>>,
}

/// Riggs points by the strength PVS1 is met at (R-SV-003).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PvsPoints {
    /// PVS1 at Very strong.
    pub very_strong: f64,
    /// PVS1_Strong.
    pub strong: f64,
    /// PVS1_Moderate.
    pub moderate: f64,
    /// PVS1_Supporting.
    pub supporting: f64,
}

impl PvsPoints {
    /// The points of PVS1 met at `strength`; `None` for a strength PVS1 cannot have.
    fn at(&self, strength: Strength) -> Option<f64> {
        match strength {
            Strength::VeryStrong => Some(self.very_strong),
            Strength::Strong => Some(self.strong),
            Strength::Moderate => Some(self.moderate),
            Strength::Supporting => Some(self.supporting),
            Strength::StandAlone => None,
        }
    }
}

/// One section of a Riggs table and the points a curator may give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionRule {
    /// Its code (`2C-1`, `4A`).
    pub code: String,
    /// The lowest and highest points the table allows (equal for a fixed score); `None` where
    /// the table's row was not checked, leaving the points to the curator.
    pub points: Option<(f64, f64)>,
}

impl CnvRules {
    /// The built-in rule set.
    pub fn built_in() -> Result<Self, RuleSetError> {
        let (file, text) = BUILT_IN;
        let rising = |counts: &[(usize, f64)]| {
            counts
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1)
        };
        parse_built_in(file, text, |rules: &Self| {
            if !(rules.bands.edges().in_order()
                && rising(&rules.loss_gene_counts)
                && rising(&rules.gain_gene_counts))
            {
                return Err(
                    "its bands are not in order around 0 or its gene counts do not rise".into(),
                );
            }
            for direction in [CnvDirection::Loss, CnvDirection::Gain] {
                let table = rules.sections(direction);
                for (i, row) in table.iter().enumerate() {
                    if table[..i].iter().any(|r| r.code == row.code) {
                        return Err(format!("section {} is listed twice", row.code));
                    }
                    if row.points.is_some_and(|(low, high)| low > high) {
                        return Err(format!("section {}'s points run backwards", row.code));
                    }
                }
                for code in rules.exclusive.iter().flatten() {
                    if rules.section(direction, code).is_none() {
                        return Err(format!("exclusive section {code} is not in the table"));
                    }
                }
            }
            let p = &rules.intragenic_loss_pvs1_points;
            let within = |points: f64| {
                rules
                    .section(CnvDirection::Loss, "2E")
                    .and_then(|r| r.points)
                    .is_some_and(|(low, high)| low <= points && points <= high)
            };
            if ![p.very_strong, p.strong, p.moderate, p.supporting]
                .into_iter()
                .all(within)
            {
                return Err("its 2E points for PVS1 lie outside the loss table's 2E row".into());
            }
            Ok(())
        })
    }

    /// The class a CNV of `points` has (P ≥ 0.99 … B ≤ −0.99).
    pub fn class_of(&self, points: f64) -> Classification {
        [
            Classification::Pathogenic,
            Classification::LikelyPathogenic,
            Classification::UncertainSignificance,
            Classification::LikelyBenign,
            Classification::Benign,
        ][self.bands.edges().band(points)]
    }

    /// The table of `direction`.
    pub fn sections(&self, direction: CnvDirection) -> &[SectionRule] {
        match direction {
            CnvDirection::Loss => &self.loss_sections,
            CnvDirection::Gain => &self.gain_sections,
        }
    }

    /// The row of `code` (`2c-1` is read as `2C-1`) in the table of `direction`.
    pub fn section(&self, direction: CnvDirection, code: &str) -> Option<&SectionRule> {
        self.sections(direction)
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(code.trim()))
    }
}

/// What the cache says about the span of a CNV.
#[derive(Debug, Clone, PartialEq)]
pub struct CnvEvidence {
    /// Loss or gain.
    pub direction: CnvDirection,
    /// The protein-coding genes it overlaps, wholly or in part; `None` when the cache holds no
    /// gene models.
    pub protein_coding_genes: Option<Vec<String>>,
    /// ClinGen dosage curations whose gene lies wholly inside it.
    pub dosage_contained: Vec<DosageSensitivity>,
    /// ClinGen dosage curations whose gene it overlaps only in part.
    pub dosage_partial: Vec<DosageSensitivity>,
    /// For a loss with both breakpoints inside one gene, what the PVS1 tree made of it.
    pub intragenic: Option<IntragenicLoss>,
}

/// A deletion with both breakpoints inside one gene (Riggs 2020 section 2E) and the PVS1
/// deletion branch's verdict on it.
#[derive(Debug, Clone, PartialEq)]
pub struct IntragenicLoss {
    /// The gene (its symbol, else the transcript).
    pub gene: String,
    /// The strength PVS1 is met at; `None` when the tree does not meet it.
    pub pvs1: Option<Strength>,
    /// The PVS1 proposal's reason.
    pub pvs1_reason: String,
}

/// One section as scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CnvSection {
    /// Its code in the Riggs tables (`1A`, `2A`, `3B`).
    pub code: String,
    /// Its points.
    pub points: f64,
    /// Why, naming the genes.
    pub reason: String,
}

/// A CNV's score from the sections the cache answers, and what is left to the curator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CnvAssessment {
    /// The rule set.
    pub rule_set: String,
    /// Its version.
    pub rule_set_version: String,
    /// Loss or gain.
    pub direction: CnvDirection,
    /// The sections scored.
    pub sections: Vec<CnvSection>,
    /// Their points summed.
    pub points: f64,
    /// The class of the points (before the curator's sections).
    pub class: Classification,
    /// What the curator must still score.
    pub notes: Vec<String>,
}

/// Section points added up and rounded to hundredths, the precision of the tables, so that
/// 0.45 + 0.45 + 0.09 is 0.99 (Pathogenic) and not a hair below it.
pub fn summed(points: impl Iterator<Item = f64>) -> f64 {
    (points.sum::<f64>() * 100.0).round() / 100.0
}

/// The sections the cache answers for `evidence` under `rules`.
pub fn score_cnv(rules: &CnvRules, evidence: &CnvEvidence) -> CnvAssessment {
    let loss = evidence.direction == CnvDirection::Loss;
    let mut sections = Vec::new();
    let mut notes = Vec::new();
    match &evidence.protein_coding_genes {
        None => notes.push("the cache holds no gene models: sections 1 and 3 are not scored".to_string()),
        Some(genes) if genes.is_empty() => sections.push(CnvSection {
            code: "1B".into(),
            points: rules.no_functional_elements,
            reason: "no protein-coding gene in the span (check for other functionally important elements)".into(),
        }),
        Some(genes) => sections.push(CnvSection {
            code: "1A".into(),
            points: 0.0,
            reason: format!("{} protein-coding gene(s) in the span", genes.len()),
        }),
    }
    let established = |d: &&DosageSensitivity| {
        let score = if loss {
            d.haploinsufficiency
        } else {
            d.triplosensitivity
        };
        score == DosageScore::Sufficient
    };
    let contained: Vec<&str> = evidence
        .dosage_contained
        .iter()
        .filter(established)
        .map(|d| d.gene.as_str())
        .collect();
    if !contained.is_empty() {
        sections.push(CnvSection {
            code: "2A".into(),
            points: rules.established_dosage_gene_contained,
            reason: format!(
                "wholly {} established {} gene(s) (ClinGen score 3): {}",
                if loss { "deletes" } else { "duplicates" },
                if loss {
                    "haploinsufficient"
                } else {
                    "triplosensitive"
                },
                contained.join(", ")
            ),
        });
    }
    let partial: Vec<&str> = evidence
        .dosage_partial
        .iter()
        .filter(established)
        .map(|d| d.gene.as_str())
        .collect();
    if !partial.is_empty() {
        notes.push(format!(
            "overlaps part of established {} gene(s) {}: sections {} are the curator's",
            if loss {
                "haploinsufficient"
            } else {
                "triplosensitive"
            },
            partial.join(", "),
            if loss {
                "2C–2E (2E through the PVS1 tree)"
            } else {
                "2B and 2I–2L"
            }
        ));
    }
    if !loss {
        let hi: Vec<&str> = evidence
            .dosage_contained
            .iter()
            .filter(|d| d.haploinsufficiency == DosageScore::Sufficient)
            .map(|d| d.gene.as_str())
            .collect();
        if !hi.is_empty() {
            notes.push(format!(
                "2H: haploinsufficient gene(s) {} wholly inside the gain (0, continue)",
                hi.join(", ")
            ));
        }
    }
    if let Some(intragenic) = evidence.intragenic.as_ref().filter(|_| loss) {
        let mapped = intragenic
            .pvs1
            .and_then(|s| Some((s, rules.intragenic_loss_pvs1_points.at(s)?)));
        match mapped {
            Some((strength, points)) => sections.push(CnvSection {
                code: "2E".into(),
                points,
                reason: format!(
                    "both breakpoints inside {} (intragenic): {} by the PVS1 tree's deletion branch gives {points:+.2} (R-SV-003; DOMAIN.md marks this mapping [verify])",
                    intragenic.gene,
                    AppliedCriterion {
                        criterion: Criterion::PVS1,
                        strength,
                        modified: false,
                    }
                    .name()
                ),
            }),
            None => notes.push(format!(
                "2E: both breakpoints inside {} (intragenic) and Kasane's PVS1 is not met ({}): score 2E by hand from the PVS1 tree",
                intragenic.gene, intragenic.pvs1_reason
            )),
        }
    }
    if let Some(genes) = &evidence.protein_coding_genes {
        let counts = if loss {
            &rules.loss_gene_counts
        } else {
            &rules.gain_gene_counts
        };
        let (code, points) = counts
            .iter()
            .enumerate()
            .rev()
            .find(|(_, (from, _))| genes.len() >= *from)
            .map_or(("3A", 0.0), |(i, (_, p))| {
                (if i == 0 { "3B" } else { "3C" }, *p)
            });
        sections.push(CnvSection {
            code: code.into(),
            points,
            reason: format!(
                "{} protein-coding gene(s) wholly or partly in the span",
                genes.len()
            ),
        });
    }
    notes.push("sections 4 (published cases, population CNVs) and 5 (inheritance, segregation) are the curator's".to_string());
    let points = summed(sections.iter().map(|s| s.points));
    let class = rules.class_of(points);
    CnvAssessment {
        rule_set: rules.name.clone(),
        rule_set_version: rules.version.clone(),
        direction: evidence.direction,
        sections,
        points,
        class,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curation(gene: &str, hi: DosageScore, ts: DosageScore) -> DosageSensitivity {
        DosageSensitivity {
            gene: gene.into(),
            ncbi_gene_id: "1".into(),
            cytoband: "1p1".into(),
            location: None,
            haploinsufficiency: hi,
            haploinsufficiency_disease: None,
            haploinsufficiency_pmids: vec![],
            triplosensitivity: ts,
            triplosensitivity_disease: None,
            triplosensitivity_pmids: vec![],
            last_evaluated: "2020-01-01".into(),
        }
    }

    fn genes(n: usize) -> Option<Vec<String>> {
        Some((0..n).map(|i| format!("G{i}")).collect())
    }

    fn score(
        direction: CnvDirection,
        genes: Option<Vec<String>>,
        contained: Vec<DosageSensitivity>,
    ) -> CnvAssessment {
        let evidence = CnvEvidence {
            direction,
            protein_coding_genes: genes,
            dosage_contained: contained,
            dosage_partial: vec![],
            intragenic: None,
        };
        score_cnv(&CnvRules::built_in().unwrap(), &evidence)
    }

    fn codes(a: &CnvAssessment) -> Vec<(&str, f64)> {
        a.sections
            .iter()
            .map(|s| (s.code.as_str(), s.points))
            .collect()
    }

    #[test]
    fn section_3_counts_follow_r_sv_002() {
        use CnvDirection::*;
        let cases = [
            (Loss, 24, "3A", 0.0),
            (Loss, 25, "3B", 0.45),
            (Loss, 34, "3B", 0.45),
            (Loss, 35, "3C", 0.90),
            (Gain, 34, "3A", 0.0),
            (Gain, 35, "3B", 0.45),
            (Gain, 49, "3B", 0.45),
            (Gain, 50, "3C", 0.90),
        ];
        for (direction, n, code, points) in cases {
            let a = score(direction, genes(n), vec![]);
            assert_eq!(codes(&a)[1], (code, points), "{direction:?} {n}");
        }
        assert_eq!(
            score(Loss, genes(35), vec![]).class,
            Classification::LikelyPathogenic
        );
    }

    #[test]
    fn an_established_dosage_gene_wholly_inside_scores_2a() {
        use DosageScore::*;
        let loss = score(
            CnvDirection::Loss,
            genes(3),
            vec![curation("NSD1", Sufficient, NoEvidence)],
        );
        assert_eq!(codes(&loss), [("1A", 0.0), ("2A", 1.0), ("3A", 0.0)]);
        assert_eq!((loss.points, loss.class), (1.0, Classification::Pathogenic));
        // A gain of a haploinsufficient (not triplosensitive) gene is 2H, not 2A.
        let gain = score(
            CnvDirection::Gain,
            genes(3),
            vec![curation("NSD1", Sufficient, NoEvidence)],
        );
        assert_eq!(codes(&gain), [("1A", 0.0), ("3A", 0.0)]);
        assert!(gain.notes[0].starts_with("2H"));
        let ts = score(
            CnvDirection::Gain,
            genes(3),
            vec![curation("PMP22", Unlikely, Sufficient)],
        );
        assert_eq!(ts.class, Classification::Pathogenic);
    }

    #[test]
    fn an_intragenic_loss_scores_2e_by_the_strength_pvs1_is_met_at() {
        let rules = CnvRules::built_in().unwrap();
        let score = |direction, pvs1| {
            score_cnv(
                &rules,
                &CnvEvidence {
                    direction,
                    protein_coding_genes: genes(1),
                    dosage_contained: vec![],
                    dosage_partial: vec![],
                    intragenic: Some(IntragenicLoss {
                        gene: "G0".into(),
                        pvs1,
                        pvs1_reason: "in frame".into(),
                    }),
                },
            )
        };
        let strong = score(CnvDirection::Loss, Some(Strength::Strong));
        assert_eq!(codes(&strong), [("1A", 0.0), ("2E", 0.45), ("3A", 0.0)]);
        assert!(strong.sections[1].reason.contains("PVS1_Strong"));
        let supporting = score(CnvDirection::Loss, Some(Strength::Supporting));
        assert_eq!(codes(&supporting)[1], ("2E", 0.15));
        let unmet = score(CnvDirection::Loss, None);
        assert_eq!(codes(&unmet), [("1A", 0.0), ("3A", 0.0)]);
        assert!(unmet.notes[0].contains("PVS1 is not met (in frame)"));
        // A gain's intragenic branch (2I) is not scored here.
        assert_eq!(
            codes(&score(CnvDirection::Gain, Some(Strength::VeryStrong))),
            [("1A", 0.0), ("3A", 0.0)]
        );
    }

    #[test]
    fn an_empty_span_is_1b_and_no_gene_models_leave_sections_unscored() {
        let empty = score(CnvDirection::Loss, Some(vec![]), vec![]);
        assert_eq!(codes(&empty), [("1B", -0.6), ("3A", 0.0)]);
        assert_eq!(empty.class, Classification::UncertainSignificance);
        let unknown = score(CnvDirection::Loss, None, vec![]);
        assert!(unknown.sections.is_empty());
        assert!(unknown.notes[0].contains("no gene models"));
    }
}
