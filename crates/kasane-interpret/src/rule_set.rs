//! Versioned rule sets: the points of each strength, the class bands and the default strengths
//! a profile sets, read from the JSON files of `assets/rules/` that are built into Kasane (so a
//! rural site needs nothing else). Every classification records the rule set's name and
//! version.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::criteria::{Criterion, Strength};
use crate::phenotype_points::{PhenotypeError, PhenotypeScore, PhenotypeSpecification};
use crate::vcep_pvs1::Pvs1Specification;

/// The rule sets built in, as `(file name, text)`; the first is the default.
const BUILT_IN: [(&str, &str); 3] = [
    (
        "clingen-svi-points-2020.json",
        include_str!("../../../assets/rules/clingen-svi-points-2020.json"),
    ),
    (
        "acgs-2020.json",
        include_str!("../../../assets/rules/acgs-2020.json"),
    ),
    (
        "clingen-lsd-vcep-gaa-v2.json",
        include_str!("../../../assets/rules/clingen-lsd-vcep-gaa-v2.json"),
    ),
];

/// A rule-set file built into Kasane, read and checked by `check`; a file that does not read
/// or check is a build defect, which the tests catch.
pub(crate) fn parse_built_in<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    check: impl Fn(&T) -> Result<(), String>,
) -> Result<T, RuleSetError> {
    let parsed: T = serde_json::from_str(text).map_err(|e| RuleSetError::Unreadable {
        file: file.to_string(),
        problem: e.to_string(),
    })?;
    check(&parsed).map_err(|problem| RuleSetError::Unreadable {
        file: file.to_string(),
        problem,
    })?;
    Ok(parsed)
}

/// The 1-based line of `text` where `needle` first appears in quotes (0 when it does not).
fn line_of(text: &str, needle: &str) -> usize {
    let quoted = format!("\"{needle}\"");
    text.lines()
        .position(|l| l.contains(&quoted))
        .map_or(0, |i| i + 1)
}

/// Points of each strength (benign criteria count them negative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StrengthPoints {
    /// Supporting.
    pub supporting: i32,
    /// Moderate.
    pub moderate: i32,
    /// Strong.
    pub strong: i32,
    /// Very strong.
    pub very_strong: i32,
}

impl StrengthPoints {
    /// The points of `strength` toward pathogenic (or oncogenic), negative toward benign; the
    /// stand-alone strength is worth none (it decides the class by itself).
    pub fn signed(&self, strength: Strength, toward_disease: bool) -> i32 {
        let magnitude = match strength {
            Strength::Supporting => self.supporting,
            Strength::Moderate => self.moderate,
            Strength::Strong => self.strong,
            Strength::VeryStrong => self.very_strong,
            Strength::StandAlone => 0,
        };
        if toward_disease {
            magnitude
        } else {
            -magnitude
        }
    }
}

/// Where the classes begin: P from `pathogenic_from` points, LP from `likely_pathogenic_from`,
/// LB up to `likely_benign_to`, B up to `benign_to`; VUS between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClassBands {
    /// Fewest points of Pathogenic.
    pub pathogenic_from: i32,
    /// Fewest points of Likely pathogenic.
    pub likely_pathogenic_from: i32,
    /// Most points of Likely benign.
    pub likely_benign_to: i32,
    /// Most points of Benign.
    pub benign_to: i32,
}

/// The population-frequency thresholds (DOMAIN.md §1.4, R-ACMG-003).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PopulationThresholds {
    /// BA1 holds above this frequency (grpmax FAF95 where the source gives it).
    pub ba1_above: f64,
    /// BS1 holds above this frequency, when a VCEP specification sets one (otherwise BS1 needs
    /// the disorder's parameters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub bs1_above: Option<f64>,
    /// PM2 holds below this frequency (absent counts as below), when a VCEP specification
    /// sets one; otherwise PM2 needs the allele absent from every population source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pm2_below: Option<f64>,
    /// Fewest alleles a group's frequency must rest on to count for BA1 (and BS1).
    pub minimum_allele_number: i64,
    /// Which frequency the thresholds are compared with.
    #[serde(default)]
    pub metric: FrequencyMetric,
}

/// The frequency population thresholds are compared with (DOMAIN.md R-ACMG-003): gnomAD's
/// grpmax FAF95 by default, or the highest continental group's allele frequency as some VCEP
/// specifications write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FrequencyMetric {
    /// The filtering allele frequency of the group with the highest one.
    #[default]
    Faf95,
    /// The allele frequency of the group with the highest one.
    GroupAf,
}

impl ClassBands {
    /// The four edges that cut the points scale into the five classes.
    pub(crate) fn edges(&self) -> PointEdges<i32> {
        PointEdges {
            top_from: self.pathogenic_from,
            second_from: self.likely_pathogenic_from,
            fourth_to: self.likely_benign_to,
            bottom_to: self.benign_to,
        }
    }
}

/// Five classes cut from a points scale by four edges, as the ACMG/AMP, the oncogenicity and
/// the CNV scales all are: at least `top_from` is the top class, at least `second_from` the
/// second, at most `bottom_to` the bottom, at most `fourth_to` the fourth, and the middle
/// between.
pub(crate) struct PointEdges<T> {
    pub(crate) top_from: T,
    pub(crate) second_from: T,
    pub(crate) fourth_to: T,
    pub(crate) bottom_to: T,
}

impl<T: PartialOrd + Default> PointEdges<T> {
    /// Whether the edges rise in order with 0 in the middle class.
    pub(crate) fn in_order(&self) -> bool {
        let zero = T::default();
        self.bottom_to < self.fourth_to
            && self.fourth_to < zero
            && zero < self.second_from
            && self.second_from < self.top_from
    }

    /// The class `points` fall in, 0 for the top to 4 for the bottom.
    pub(crate) fn band(&self, points: T) -> usize {
        if points >= self.top_from {
            0
        } else if points >= self.second_from {
            1
        } else if points <= self.bottom_to {
            4
        } else if points <= self.fourth_to {
            3
        } else {
            2
        }
    }
}

/// One rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleSet {
    /// Its name (`clingen-svi-points-2020`).
    pub name: String,
    /// Its version; a changed file is a new version.
    pub version: String,
    /// What it is, in a line.
    pub title: String,
    /// The publications and recommendations it encodes.
    pub sources: Vec<String>,
    /// Points per strength.
    pub points: StrengthPoints,
    /// Class bands.
    pub bands: ClassBands,
    /// Strengths a code without a written strength takes, where they differ from 2015's
    /// (`PM2` → supporting).
    pub default_strengths: BTreeMap<String, Strength>,
    /// Whether PP5 and BP6 (reputable source) may be applied; ClinGen SVI advises against.
    pub reputable_source_codes: bool,
    /// Population-frequency thresholds.
    pub population: PopulationThresholds,
    /// A VCEP specification's own thresholds for the missense predictor (PP3/BP4 at their
    /// default strength); without them a VCEP's PP3 and BP4 are the curator's, and a general
    /// rule set uses Pejaver 2022's calibration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub computational: Option<ComputationalThresholds>,
    /// The genes a VCEP specification covers: the rule set is chosen for their variants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub genes: Vec<String>,
    /// Codes the specification does not use; applying one is refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_used: Vec<String>,
    /// A VCEP's own PVS1 table for its gene, read before the general tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pvs1: Option<Pvs1Specification>,
    /// A VCEP's phenotype-specificity points for PP4: the curator ticks a patient's findings
    /// and their sum names PP4's strength.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub phenotype: Option<PhenotypeSpecification>,
}

/// A VCEP specification's thresholds on one missense predictor's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComputationalThresholds {
    /// The predictor (`REVEL`).
    pub tool: String,
    /// PP3 holds from this score on; `None` when the specification's PP3 is not encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pp3_from: Option<f64>,
    /// BP4 holds below this score; `None` when the specification's BP4 is not encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub bp4_below: Option<f64>,
}

/// Why a rule set cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleSetError {
    /// No rule set of that name is built in.
    #[error("no rule set {name:?}; the rule sets are {known}")]
    Unknown {
        /// The name asked for.
        name: String,
        /// The names there are.
        known: String,
    },
    /// A rule-set file does not read or check: a build defect for a built-in one (the tests
    /// catch it), bad input for one a workspace adds.
    #[error("the rule set {file} cannot be read: {problem}")]
    Unreadable {
        /// The file.
        file: String,
        /// What is wrong, with the line where the file says it.
        problem: String,
    },
}

/// The rule sets a classification may use: the built-in ones (the default first), then those
/// a workspace added (an expert panel's VCEP specification).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSets {
    sets: Vec<RuleSet>,
}

impl RuleSets {
    /// The built-in rule sets.
    pub fn built_in() -> Result<Self, RuleSetError> {
        Ok(Self {
            sets: RuleSet::read_all(&BUILT_IN)?,
        })
    }

    /// The built-in rule sets and `added` (file name, text), each added one checked as the
    /// built-in ones are: a file that does not read, a threshold out of range, an unknown code,
    /// a name already taken or a gene another rule set covers is refused with the file and line.
    pub fn with_added(added: &[(String, String)]) -> Result<Self, RuleSetError> {
        let files: Vec<(&str, &str)> = BUILT_IN
            .iter()
            .copied()
            .chain(added.iter().map(|(f, t)| (f.as_str(), t.as_str())))
            .collect();
        Ok(Self {
            sets: RuleSet::read_all(&files)?,
        })
    }

    /// Every rule set, the default first.
    pub fn all(&self) -> &[RuleSet] {
        &self.sets
    }

    /// The rule set `name`, or the default when `None`.
    pub fn named(&self, name: Option<&str>) -> Result<RuleSet, RuleSetError> {
        let found = match name {
            None => self.sets.first(),
            Some(name) => self.sets.iter().find(|s| s.name.eq_ignore_ascii_case(name)),
        };
        found.cloned().ok_or_else(|| RuleSetError::Unknown {
            name: name.unwrap_or_default().to_string(),
            known: self
                .sets
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// The rule set for a variant in `genes` (the gene it is read on first): the VCEP
    /// specification covering the first of them that one covers, else the default.
    pub fn for_genes(&self, genes: &[&str]) -> Result<RuleSet, RuleSetError> {
        let covering = genes.iter().find_map(|g| {
            self.sets
                .iter()
                .find(|s| s.genes.iter().any(|x| x.eq_ignore_ascii_case(g)))
        });
        match covering {
            Some(set) => Ok(set.clone()),
            None => self.named(None),
        }
    }
}

impl RuleSet {
    /// Every built-in rule set, the default first.
    pub fn built_in() -> Result<Vec<RuleSet>, RuleSetError> {
        Ok(RuleSets::built_in()?.sets)
    }

    /// The rule sets of `files`, refusing one that does not read or check, a name taken twice
    /// and a gene two of them claim (named with the file and line of the second claim).
    fn read_all(files: &[(&str, &str)]) -> Result<Vec<RuleSet>, RuleSetError> {
        let mut sets: Vec<RuleSet> = Vec::with_capacity(files.len());
        for (file, text) in files {
            let refused = |problem: String| RuleSetError::Unreadable {
                file: file.to_string(),
                problem,
            };
            let set: RuleSet = serde_json::from_str(text).map_err(|e| refused(e.to_string()))?;
            set.check().map_err(|(needle, problem)| {
                refused(format!("line {}: {problem}", line_of(text, &needle)))
            })?;
            if let Some(other) = sets.iter().find(|s| s.name.eq_ignore_ascii_case(&set.name)) {
                return Err(refused(format!(
                    "line {}: the name {} is taken by a rule set already there (version {}); give this one another name",
                    line_of(text, &set.name),
                    set.name,
                    other.version
                )));
            }
            for gene in &set.genes {
                if let Some(other) = sets.iter().find(|s| s.genes.contains(gene)) {
                    return Err(refused(format!(
                        "line {}: the gene {gene} is listed twice (also by {}); one gene takes one specification",
                        line_of(text, gene),
                        other.name
                    )));
                }
            }
            sets.push(set);
        }
        Ok(sets)
    }

    /// The built-in rule set for a variant in `genes`: the VCEP specification covering the
    /// first of them that one covers, else the default.
    pub fn for_genes(genes: &[&str]) -> Result<RuleSet, RuleSetError> {
        RuleSets::built_in()?.for_genes(genes)
    }

    /// The findings `ids` of one patient added up by this rule set's phenotype table.
    pub fn phenotype_points(&self, ids: &[String]) -> Result<PhenotypeScore, PhenotypeError> {
        let label = format!("{} {}", self.name, self.version);
        match &self.phenotype {
            Some(table) => table.score(&label, ids),
            None => Err(PhenotypeError::NoTable(label)),
        }
    }

    /// Whether the specification leaves `criterion` unused.
    pub fn unused(&self, criterion: Criterion) -> bool {
        self.not_used.iter().any(|c| *c == criterion.code())
    }

    /// The built-in rule set `name`, or the default when `None`.
    pub fn named(name: Option<&str>) -> Result<RuleSet, RuleSetError> {
        RuleSets::built_in()?.named(name)
    }

    /// The points `strength` is worth toward `pathogenic` (negative toward benign); BA1's
    /// stand-alone strength is worth none (it decides the class by itself).
    pub fn points_of(&self, strength: Strength, pathogenic: bool) -> i32 {
        self.points.signed(strength, pathogenic)
    }

    /// The strength `criterion` takes when none is written: this rule set's, else 2015's.
    pub fn default_strength(&self, criterion: Criterion) -> Strength {
        self.default_strengths
            .get(&criterion.code())
            .copied()
            .unwrap_or_else(|| criterion.default_strength())
    }

    /// Bands in order, points rising by strength, default strengths of known codes.
    fn check(&self) -> Result<(), (String, String)> {
        if !self.bands.edges().in_order() {
            return Err((
                "bands".into(),
                "its class bands are not in order around 0".into(),
            ));
        }
        let p = &self.points;
        if !(0 < p.supporting
            && p.supporting < p.moderate
            && p.moderate < p.strong
            && p.strong < p.very_strong)
        {
            return Err((
                "points".into(),
                "its points do not rise with strength".into(),
            ));
        }
        let f = &self.population;
        let frequency = |v: f64| v > 0.0 && v < 1.0;
        if !frequency(f.ba1_above)
            || f.bs1_above
                .is_some_and(|bs1| !frequency(bs1) || bs1 >= f.ba1_above)
            || f.pm2_below
                .is_some_and(|pm2| !frequency(pm2) || pm2 >= f.bs1_above.unwrap_or(f.ba1_above))
            || f.minimum_allele_number < 1
        {
            return Err(("population".into(), "its population thresholds are out of range (BA1, BS1 and PM2 frequencies between 0 and 1, PM2 below BS1 below BA1, allele number at least 1)".into()));
        }
        if let Some(c) = &self.computational {
            let score = |v: f64| (0.0..=1.0).contains(&v);
            let apart = match (c.bp4_below, c.pp3_from) {
                (Some(bp4), Some(pp3)) => bp4 <= pp3,
                _ => true,
            };
            if !c.pp3_from.is_none_or(score) || !c.bp4_below.is_none_or(score) || !apart {
                return Err((
                    "computational".into(),
                    "its computational thresholds are out of range (scores from 0 to 1, BP4 below PP3)"
                        .into(),
                ));
            }
        }
        if let Some(pvs1) = &self.pvs1 {
            pvs1.check()
                .map_err(|problem| ("pvs1".to_string(), problem))?;
        }
        if let Some(phenotype) = &self.phenotype {
            phenotype
                .check()
                .map_err(|problem| ("phenotype".to_string(), problem))?;
        }
        for code in &self.not_used {
            if !Criterion::ALL.iter().any(|c| c.code() == *code) {
                return Err((
                    code.clone(),
                    format!("{code} in not_used is not an ACMG/AMP criterion"),
                ));
            }
        }
        for (code, strength) in &self.default_strengths {
            let known = Criterion::ALL.iter().find(|c| c.code() == *code);
            match known {
                Some(c) if c.allows(*strength) => {}
                _ => {
                    return Err((
                        code.clone(),
                        format!("its default strength for {code} is not one it can take"),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_rule_set_reads_and_the_default_is_the_svi_points() {
        let sets = RuleSet::built_in().unwrap();
        assert_eq!(sets.len(), BUILT_IN.len());
        let default = RuleSet::named(None).unwrap();
        assert_eq!(default.name, "clingen-svi-points-2020");
        assert_eq!(
            (default.bands.pathogenic_from, default.bands.benign_to),
            (10, -7)
        );
        assert_eq!(
            RuleSet::named(Some("ACGS-2020")).unwrap().bands.benign_to,
            -6
        );
        assert_eq!(
            default.default_strength(Criterion::PM2),
            Strength::Supporting
        );
        assert_eq!(default.default_strength(Criterion::PS3), Strength::Strong);
        assert_eq!(default.points_of(Strength::Moderate, false), -2);
    }

    #[test]
    fn an_unknown_name_lists_the_rule_sets() {
        let e = RuleSet::named(Some("vcep-x")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no rule set \"vcep-x\"; the rule sets are clingen-svi-points-2020, acgs-2020, clingen-lsd-vcep-gaa-v2"
        );
    }

    #[test]
    fn a_vcep_specification_is_chosen_for_its_genes() {
        let gaa = RuleSet::for_genes(&["LINC0001", "GAA"]).unwrap();
        assert_eq!(gaa.name, "clingen-lsd-vcep-gaa-v2");
        assert_eq!(
            (
                gaa.population.ba1_above,
                gaa.population.bs1_above,
                gaa.population.minimum_allele_number
            ),
            (0.01, Some(0.005), 2001)
        );
        assert_eq!(gaa.population.metric, FrequencyMetric::GroupAf);
        assert!(gaa.unused(Criterion::PS2) && !gaa.unused(Criterion::PS1));
        assert_eq!(
            RuleSet::for_genes(&["BRCA1"]).unwrap().name,
            "clingen-svi-points-2020"
        );
        assert_eq!(
            RuleSet::for_genes(&[]).unwrap().name,
            "clingen-svi-points-2020"
        );
    }

    /// A panel's own specification for CDH1 (a test fixture modelled on the GAA file, not a
    /// ClinGen specification).
    fn panel_file(text_of_gaa: &str) -> String {
        text_of_gaa
            .replace("clingen-lsd-vcep-gaa-v2", "panel-cdh1")
            .replace("\"GAA\"", "\"CDH1\"")
    }

    #[test]
    fn a_workspace_adds_its_own_rule_sets_checked_like_the_built_in_ones() {
        let (_, gaa) = BUILT_IN[2];
        let panel = panel_file(gaa);
        let sets = RuleSets::with_added(&[("panel-cdh1.json".into(), panel.clone())]).unwrap();
        assert_eq!(sets.all().len(), BUILT_IN.len() + 1);
        assert_eq!(sets.named(Some("PANEL-CDH1")).unwrap().name, "panel-cdh1");
        assert_eq!(sets.for_genes(&["CDH1"]).unwrap().name, "panel-cdh1");
        assert_eq!(
            sets.for_genes(&["BRCA1"]).unwrap().name,
            "clingen-svi-points-2020"
        );
        let line_of_key = |text: &str, key: &str| {
            text.lines()
                .position(|l| l.contains(key))
                .map(|i| i + 1)
                .unwrap()
        };
        let refused = |file: &str, text: String| {
            RuleSets::with_added(&[(file.to_string(), text)])
                .unwrap_err()
                .to_string()
        };
        let range = panel.replace("\"ba1_above\": 0.01", "\"ba1_above\": 1.5");
        assert_eq!(
            refused("range.json", range.clone()),
            format!(
                "the rule set range.json cannot be read: line {}: its population thresholds are out of range (BA1, BS1 and PM2 frequencies between 0 and 1, PM2 below BS1 below BA1, allele number at least 1)",
                line_of_key(&range, "\"population\"")
            )
        );
        let unknown = panel.replace("\"BS4\"", "\"BS5\"");
        assert!(
            refused("code.json", unknown.clone()).ends_with(&format!(
                "line {}: BS5 in not_used is not an ACMG/AMP criterion",
                line_of_key(&unknown, "\"BS5\"")
            )),
            "{}",
            refused("code.json", unknown)
        );
        let past_end = panel.replace("[17, 19, 20]", "[17, 19, 21]");
        assert_eq!(
            refused("exons.json", past_end.clone()),
            format!(
                "the rule set exons.json cannot be read: line {}: its PVS1 table lists exon 21, outside the transcripts' 20 exons",
                line_of_key(&past_end, "\"pvs1\"")
            )
        );
        assert!(
            refused("twice.json", panel.replace("[6, 9]", "[6, 9, 10]"))
                .ends_with("its PVS1 table lists exon 10 twice")
        );
        assert!(
            refused(
                "bare.json",
                panel.replace("\"NM_000152.5\"", "\"NM_000152\"")
            )
            .contains("names the transcript NM_000152 without a version")
        );
        assert!(
            refused(
                "stand-alone.json",
                panel.replace(
                    "\"initiation_codon\": \"strong\"",
                    "\"initiation_codon\": \"stand-alone\""
                )
            )
            .ends_with("its PVS1 table gives a strength PVS1 cannot take")
        );
        let thirds = panel.replace(
            "\"points\": 0.25, \"finding\": \"Urinary",
            "\"points\": 0.333, \"finding\": \"Urinary",
        );
        assert_eq!(
            refused("thirds.json", thirds.clone()),
            format!(
                "the rule set thirds.json cannot be read: line {}: its phenotype table gives the finding urinary-glc4 0.333 points; points are above 0, at most 100, in hundredths",
                line_of_key(&thirds, "\"phenotype\"")
            )
        );
        assert!(
            refused(
                "grade.json",
                panel.replace("\"criterion\": \"PP4\"", "\"criterion\": \"BA1\"")
            )
            .ends_with("its phenotype table gives BA1 a strength it cannot take (moderate)")
        );
        let taken = panel.replace("panel-cdh1", "acgs-2020");
        assert!(refused("taken.json", taken.clone()).contains(&format!(
            "line {}: the name acgs-2020 is taken",
            line_of_key(&taken, "\"acgs-2020\"")
        )));
        assert!(
            refused(
                "gaa.json",
                gaa.replace("clingen-lsd-vcep-gaa-v2", "panel-gaa")
            )
            .contains("the gene GAA is listed twice")
        );
    }

    #[test]
    fn a_gene_listed_twice_or_an_unknown_code_is_refused_with_file_and_line() {
        let (_, gaa) = BUILT_IN[2];
        let twice = gaa.replace("clingen-lsd-vcep-gaa-v2", "a-second-gaa-set");
        let e = RuleSet::read_all(&[BUILT_IN[2], ("second.json", &twice)]).unwrap_err();
        let genes_line = twice
            .lines()
            .position(|l| l.contains("\"genes\""))
            .map(|i| i + 1)
            .unwrap();
        assert_eq!(
            e.to_string(),
            format!(
                "the rule set second.json cannot be read: line {genes_line}: the gene GAA is listed twice (also by clingen-lsd-vcep-gaa-v2); one gene takes one specification"
            )
        );
        let unknown = gaa.replace("\"BP6\"", "\"BP9\"");
        let e = RuleSet::read_all(&[("unknown.json", &unknown)]).unwrap_err();
        assert!(
            e.to_string()
                .contains("BP9 in not_used is not an ACMG/AMP criterion"),
            "{e}"
        );
        let broken = gaa.replace("\"bs1_above\": 0.005", "\"bs1_above\": 0.5");
        assert!(RuleSet::read_all(&[("range.json", &broken)]).is_err());
        let pm2_above_bs1 = gaa.replace("\"pm2_below\": 0.001", "\"pm2_below\": 0.005");
        let e = RuleSet::read_all(&[("pm2.json", &pm2_above_bs1)]).unwrap_err();
        assert!(e.to_string().contains("PM2 below BS1 below BA1"), "{e}");
        let typo = gaa.replace("\"genes\"", "\"genez\"");
        let e = RuleSet::read_all(&[("typo.json", &typo)]).unwrap_err();
        assert!(
            e.to_string().contains(&format!("line {genes_line}")),
            "serde names the line: {e}"
        );
    }

    #[test]
    fn bands_out_of_order_are_refused() {
        let mut set = RuleSet::named(None).unwrap();
        set.bands.likely_pathogenic_from = 12;
        assert!(set.check().is_err());
        let mut set = RuleSet::named(None).unwrap();
        set.population.ba1_above = 5.0;
        assert!(
            set.check()
                .unwrap_err()
                .1
                .contains("population thresholds are out of range")
        );
    }
}
