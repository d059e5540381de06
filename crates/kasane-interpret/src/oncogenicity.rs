//! Oncogenicity of somatic variants (Horak et al. 2022; DOMAIN.md §3.1, R-SOM-001 to 003): the
//! 17 ClinGen/CGC/VICC codes with their fixed strengths, points and class bands from the
//! versioned rule-set file `assets/rules/horak-2022-oncogenicity.json`, the combinations the SOP
//! forbids refused with the reason, and the hotspot code chosen from cancerhotspots counts.

use serde::{Deserialize, Serialize};

use crate::criteria::Strength;
use crate::rule_set::{PointEdges, RuleSetError, StrengthPoints, parse_built_in};

/// The built-in oncogenicity rule set.
const BUILT_IN: (&str, &str) = (
    "horak-2022-oncogenicity.json",
    include_str!("../../../assets/rules/horak-2022-oncogenicity.json"),
);

/// One of the 17 oncogenicity codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum OncogenicityCode {
    /// Null variant in a bona fide tumour-suppressor gene.
    OVS1,
    /// Same amino-acid change as an established oncogenic variant.
    OS1,
    /// Well-established functional studies show an oncogenic effect.
    OS2,
    /// Hotspot with at least 50 samples at the residue and at least 10 with the same change.
    OS3,
    /// In a critical, well-established part of a functional domain.
    OM1,
    /// Protein length change by an in-frame indel in an oncogene or tumour suppressor, or stop loss in a tumour suppressor.
    OM2,
    /// Hotspot with fewer than 50 samples at the residue and at least 10 with the same change.
    OM3,
    /// Missense at a residue where a different oncogenic missense is documented.
    OM4,
    /// All computational evidence supports an oncogenic effect.
    OP1,
    /// Somatic variant in a gene of a malignancy with a single genetic aetiology.
    OP2,
    /// Hotspot where the same change is seen in fewer than 10 samples.
    OP3,
    /// Absent from, or extremely rare in, population controls.
    OP4,
    /// Minor allele frequency above 5 % in a gnomAD continental population.
    SBVS1,
    /// Minor allele frequency above 1 % in a gnomAD continental population.
    SBS1,
    /// Well-established functional studies show no oncogenic effect.
    SBS2,
    /// All computational evidence suggests no impact.
    SBP1,
    /// Synonymous with no predicted splice impact and not highly conserved.
    SBP2,
}

impl OncogenicityCode {
    /// All 17, in the order of the SOP's tables.
    pub const ALL: [Self; 17] = [
        Self::OVS1,
        Self::OS1,
        Self::OS2,
        Self::OS3,
        Self::OM1,
        Self::OM2,
        Self::OM3,
        Self::OM4,
        Self::OP1,
        Self::OP2,
        Self::OP3,
        Self::OP4,
        Self::SBVS1,
        Self::SBS1,
        Self::SBS2,
        Self::SBP1,
        Self::SBP2,
    ];

    /// Its code: `OS3`.
    pub fn code(self) -> String {
        format!("{self:?}")
    }

    /// Whether it points toward oncogenic (the O codes) rather than benign (the SB codes).
    pub fn oncogenic(self) -> bool {
        !self.code().starts_with("SB")
    }

    /// Its strength, which the SOP fixes (no modifiers).
    pub fn strength(self) -> Strength {
        let code = self.code();
        let level = code.trim_start_matches("SB").trim_start_matches('O');
        match level.as_bytes().first() {
            Some(b'V') => Strength::VeryStrong,
            Some(b'S') => Strength::Strong,
            Some(b'M') => Strength::Moderate,
            _ => Strength::Supporting,
        }
    }

    /// The code written as `OS3` (any case), if it is one of the 17.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(text.trim()))
    }
}

/// Where the oncogenicity classes begin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncogenicityBands {
    /// Fewest points of Oncogenic.
    pub oncogenic_from: i32,
    /// Fewest points of Likely oncogenic.
    pub likely_oncogenic_from: i32,
    /// Most points of Likely benign.
    pub likely_benign_to: i32,
    /// Most points of Benign.
    pub benign_to: i32,
}

impl OncogenicityBands {
    fn edges(&self) -> PointEdges<i32> {
        PointEdges {
            top_from: self.oncogenic_from,
            second_from: self.likely_oncogenic_from,
            fourth_to: self.likely_benign_to,
            bottom_to: self.benign_to,
        }
    }
}

/// The cancerhotspots counts that separate OS3, OM3 and OP3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HotspotCounts {
    /// Fewest samples mutated at the residue for OS3.
    pub residue_samples_for_strong: u32,
    /// Fewest samples with the same amino-acid change for OS3 or OM3.
    pub same_change_samples: u32,
}

/// The oncogenicity rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncogenicityRules {
    /// Its name.
    pub name: String,
    /// Its version, recorded with every classification.
    pub version: String,
    /// What it is.
    pub title: String,
    /// Where its numbers come from.
    pub sources: Vec<String>,
    /// Points of each strength.
    pub points: StrengthPoints,
    /// Class bands.
    pub bands: OncogenicityBands,
    /// Hotspot counts.
    pub hotspot: HotspotCounts,
    /// Population frequencies of the benign codes.
    pub population: SomaticPopulation,
}

/// The population thresholds of SBVS1 and SBS1 (Horak 2022, Table 3; DOMAIN.md R-SOM-004).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SomaticPopulation {
    /// SBVS1 holds above this minor allele frequency.
    pub sbvs1_above: f64,
    /// SBS1 holds above this one.
    pub sbs1_above: f64,
    /// The gnomAD groups read: the five general continental populations.
    pub continental_groups: Vec<String>,
}

impl OncogenicityRules {
    /// The built-in rule set.
    pub fn built_in() -> Result<Self, RuleSetError> {
        let (file, text) = BUILT_IN;
        parse_built_in(file, text, |rules: &Self| {
            let p = &rules.population;
            if !rules.bands.edges().in_order() {
                Err("its class bands are not in order around 0".into())
            } else if !(0.0 < p.sbs1_above && p.sbs1_above < p.sbvs1_above && p.sbvs1_above < 1.0)
                || p.continental_groups.is_empty()
            {
                Err("its population thresholds are out of range (0 < SBS1 < SBVS1 < 1, some groups)".into())
            } else {
                Ok(())
            }
        })
    }

    /// The points `code` counts.
    pub fn points_of(&self, code: OncogenicityCode) -> i32 {
        self.points.signed(code.strength(), code.oncogenic())
    }
}

/// The five oncogenicity classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Oncogenicity {
    /// Oncogenic.
    Oncogenic,
    /// Likely oncogenic.
    LikelyOncogenic,
    /// Uncertain significance.
    UncertainSignificance,
    /// Likely benign.
    LikelyBenign,
    /// Benign.
    Benign,
}

impl Oncogenicity {
    /// Its name as a report writes it.
    pub fn words(self) -> &'static str {
        match self {
            Self::Oncogenic => "Oncogenic",
            Self::LikelyOncogenic => "Likely oncogenic",
            Self::UncertainSignificance => "Uncertain significance",
            Self::LikelyBenign => "Likely benign",
            Self::Benign => "Benign",
        }
    }
}

/// A code as it counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoredCode {
    /// The code.
    pub code: OncogenicityCode,
    /// Its points.
    pub points: i32,
}

/// The oncogenicity of one set of codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncogenicityAssessment {
    /// The rule set's name.
    pub rule_set: String,
    /// Its version.
    pub rule_set_version: String,
    /// Its bands, to show where the points fall.
    pub bands: OncogenicityBands,
    /// The codes in the order given.
    pub codes: Vec<ScoredCode>,
    /// Their points summed.
    pub points: i32,
    /// The class of the points.
    pub class: Oncogenicity,
}

/// Why a set of codes cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OncogenicityError {
    /// Not one of the 17 codes.
    #[error(
        "{0:?} is not an oncogenicity code; the codes are OVS1, OS1–OS3, OM1–OM4, OP1–OP4, SBVS1, SBS1, SBS2, SBP1 and SBP2 (their strengths are fixed)"
    )]
    Unknown(String),
    /// A code twice.
    #[error("{0} is given twice; a code counts once")]
    Twice(String),
    /// Two codes the SOP does not allow together.
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

use OncogenicityCode as C;

/// Pairs the SOP does not allow together, with the reason.
const EXCLUDED: [(C, C, &str); 10] = [
    (
        C::OS3,
        C::OM3,
        "one hotspot code only, the highest that holds (DOMAIN.md R-SOM-002)",
    ),
    (
        C::OS3,
        C::OP3,
        "one hotspot code only, the highest that holds (DOMAIN.md R-SOM-002)",
    ),
    (
        C::OM3,
        C::OP3,
        "one hotspot code only, the highest that holds (DOMAIN.md R-SOM-002)",
    ),
    (
        C::OS1,
        C::OS3,
        "OS3 is not used with OS1 unless the hotspot is nucleotide-specific (Horak 2022, Table 2; R-SOM-003)",
    ),
    (
        C::OM1,
        C::OM3,
        "OM3 is not used with OM1 (Horak 2022, Table 2)",
    ),
    (
        C::OM4,
        C::OS1,
        "OM4 is not used with OS1, OM1 or OM3 (DOMAIN.md R-SOM-003)",
    ),
    (
        C::OM4,
        C::OM1,
        "OM4 is not used with OS1, OM1 or OM3 (DOMAIN.md R-SOM-003)",
    ),
    (
        C::OM4,
        C::OM3,
        "OM4 is not used with OS1, OM1 or OM3 (DOMAIN.md R-SOM-003)",
    ),
    (
        C::SBVS1,
        C::SBS1,
        "both count the same population frequency (DOMAIN.md P3): keep the one that holds, SBVS1 above 5 %",
    ),
    (
        C::OP1,
        C::SBP1,
        "the computational lines cannot all support and all oppose an effect",
    ),
];

/// Scores `codes` (`OVS1`, `OS3`…) under `rules`.
pub fn assess_oncogenicity(
    rules: &OncogenicityRules,
    codes: &[String],
) -> Result<OncogenicityAssessment, OncogenicityError> {
    let mut given: Vec<OncogenicityCode> = Vec::with_capacity(codes.len());
    for text in codes {
        let code = OncogenicityCode::parse(text)
            .ok_or_else(|| OncogenicityError::Unknown(text.clone()))?;
        if given.contains(&code) {
            return Err(OncogenicityError::Twice(code.code()));
        }
        given.push(code);
    }
    for (first, second, why) in EXCLUDED {
        if given.contains(&first) && given.contains(&second) {
            return Err(OncogenicityError::Excluded {
                first: first.code(),
                second: second.code(),
                why,
            });
        }
    }
    if given.contains(&C::OP4)
        && let Some(frequent) = given.iter().find(|c| matches!(c, C::SBVS1 | C::SBS1))
    {
        return Err(OncogenicityError::Excluded {
            first: "OP4".into(),
            second: frequent.code(),
            why: "a variant cannot be absent from population controls and common in them",
        });
    }
    let scored: Vec<ScoredCode> = given
        .iter()
        .map(|&code| ScoredCode {
            code,
            points: rules.points_of(code),
        })
        .collect();
    let points: i32 = scored.iter().map(|s| s.points).sum();
    let class = [
        Oncogenicity::Oncogenic,
        Oncogenicity::LikelyOncogenic,
        Oncogenicity::UncertainSignificance,
        Oncogenicity::LikelyBenign,
        Oncogenicity::Benign,
    ][rules.bands.edges().band(points)];
    Ok(OncogenicityAssessment {
        rule_set: rules.name.clone(),
        rule_set_version: rules.version.clone(),
        bands: rules.bands.clone(),
        codes: scored,
        points,
        class,
    })
}

/// The one hotspot code cancerhotspots counts support (DOMAIN.md R-SOM-002): OS3 with at least
/// the strong residue count and the same-change count, OM3 with the same-change count on fewer
/// residue samples, OP3 below the same-change count; `None` when no sample is mutated at the
/// residue (not a hotspot).
pub fn hotspot_code(
    rules: &OncogenicityRules,
    residue_samples: u32,
    same_change_samples: u32,
) -> Option<OncogenicityCode> {
    let h = &rules.hotspot;
    if residue_samples == 0 {
        None
    } else if same_change_samples < h.same_change_samples {
        Some(C::OP3)
    } else if residue_samples >= h.residue_samples_for_strong {
        Some(C::OS3)
    } else {
        Some(C::OM3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> OncogenicityRules {
        OncogenicityRules::built_in().unwrap()
    }

    fn score(codes: &[&str]) -> Result<OncogenicityAssessment, OncogenicityError> {
        let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        assess_oncogenicity(&rules(), &codes)
    }

    #[test]
    fn each_code_has_the_points_of_tables_2_and_3() {
        let expected = [
            (C::OVS1, 8),
            (C::OS1, 4),
            (C::OS2, 4),
            (C::OS3, 4),
            (C::OM1, 2),
            (C::OM2, 2),
            (C::OM3, 2),
            (C::OM4, 2),
            (C::OP1, 1),
            (C::OP2, 1),
            (C::OP3, 1),
            (C::OP4, 1),
            (C::SBVS1, -8),
            (C::SBS1, -4),
            (C::SBS2, -4),
            (C::SBP1, -1),
            (C::SBP2, -1),
        ];
        assert_eq!(expected.len(), OncogenicityCode::ALL.len());
        for (code, points) in expected {
            assert_eq!(rules().points_of(code), points, "{code:?}");
        }
    }

    #[test]
    fn points_fall_in_the_bands_of_r_som_001() {
        let cases: [(&[&str], i32, Oncogenicity); 6] = [
            (&["OVS1", "OM2"], 10, Oncogenicity::Oncogenic),
            (&["OS2", "OM1", "OP4"], 7, Oncogenicity::LikelyOncogenic),
            (&["OS3", "OP4"], 5, Oncogenicity::UncertainSignificance),
            (&["SBP1"], -1, Oncogenicity::LikelyBenign),
            (&["SBS2", "SBP2", "SBP1"], -6, Oncogenicity::LikelyBenign),
            (&["SBVS1"], -8, Oncogenicity::Benign),
        ];
        for (codes, points, class) in cases {
            let a = score(codes).unwrap();
            assert_eq!((a.points, a.class), (points, class), "{codes:?}");
        }
        assert_eq!(
            score(&[]).unwrap().class,
            Oncogenicity::UncertainSignificance
        );
    }

    #[test]
    fn what_the_sop_forbids_is_refused_with_the_reason() {
        assert!(
            score(&["OS3", "OM3"])
                .unwrap_err()
                .to_string()
                .contains("one hotspot code only")
        );
        assert!(
            score(&["OS1", "OS3"])
                .unwrap_err()
                .to_string()
                .contains("nucleotide-specific")
        );
        assert!(score(&["OM4", "OM1"]).is_err());
        assert!(
            score(&["OP4", "SBS1"])
                .unwrap_err()
                .to_string()
                .contains("absent")
        );
        assert_eq!(
            score(&["OS2", "os2"]),
            Err(OncogenicityError::Twice("OS2".into()))
        );
        assert!(matches!(
            score(&["PVS1"]),
            Err(OncogenicityError::Unknown(_))
        ));
    }

    #[test]
    fn the_hotspot_code_follows_the_examples_of_r_som_002() {
        let r = rules();
        assert_eq!(hotspot_code(&r, 60, 12), Some(C::OS3));
        assert_eq!(hotspot_code(&r, 30, 12), Some(C::OM3));
        assert_eq!(hotspot_code(&r, 60, 4), Some(C::OP3));
        assert_eq!(hotspot_code(&r, 50, 10), Some(C::OS3), "at least, both");
        assert_eq!(hotspot_code(&r, 0, 0), None);
    }

    #[test]
    fn strengths_and_directions_come_from_the_codes() {
        assert_eq!(C::OVS1.strength(), Strength::VeryStrong);
        assert_eq!(C::SBVS1.strength(), Strength::VeryStrong);
        assert_eq!(C::SBS2.strength(), Strength::Strong);
        assert_eq!(C::OM4.strength(), Strength::Moderate);
        assert_eq!(C::SBP2.strength(), Strength::Supporting);
        assert!(C::OP4.oncogenic() && !C::SBP1.oncogenic());
    }
}
