//! The 28 ACMG/AMP 2015 criteria (Richards 2015, Table 3 and 4; DOMAIN.md §1.1), their
//! direction and default strength, and criteria as applied: a code at its default strength or
//! at another one by the SVI modifier nomenclature (`PS3_Moderate`, `PVS1_Strong`).

use serde::{Deserialize, Serialize};

/// Which way a criterion points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Direction {
    /// Toward pathogenic (PVS, PS, PM, PP).
    Pathogenic,
    /// Toward benign (BA, BS, BP).
    Benign,
}

/// How much a criterion weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Strength {
    /// ±1 point.
    Supporting,
    /// ±2 points.
    Moderate,
    /// ±4 points.
    Strong,
    /// +8 points (pathogenic only).
    VeryStrong,
    /// BA1 alone: benign whatever else holds.
    StandAlone,
}

impl Direction {
    /// Whether it points toward pathogenic.
    pub fn is_pathogenic(self) -> bool {
        self == Self::Pathogenic
    }
}

impl Strength {
    /// Its name in the modifier nomenclature: `Supporting`, `Moderate`, `Strong`, `VeryStrong`.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Supporting => "Supporting",
            Self::Moderate => "Moderate",
            Self::Strong => "Strong",
            Self::VeryStrong => "VeryStrong",
            Self::StandAlone => "StandAlone",
        }
    }

    /// Its name in words: `very strong`.
    pub fn words(self) -> &'static str {
        match self {
            Self::Supporting => "supporting",
            Self::Moderate => "moderate",
            Self::Strong => "strong",
            Self::VeryStrong => "very strong",
            Self::StandAlone => "stand-alone",
        }
    }

    fn from_suffix(text: &str) -> Option<Self> {
        [
            Self::Supporting,
            Self::Moderate,
            Self::Strong,
            Self::VeryStrong,
        ]
        .into_iter()
        .find(|s| s.suffix().eq_ignore_ascii_case(text) || s.words().eq_ignore_ascii_case(text))
    }
}

/// One of the 28 criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Criterion {
    /// Null variant (nonsense, frameshift, canonical ±1/2 splice, initiation codon, exon deletion) in a gene where loss of function is a known mechanism.
    PVS1,
    /// Same amino-acid change as an established pathogenic variant.
    PS1,
    /// De novo, maternity and paternity confirmed, in a patient with the disease.
    PS2,
    /// Well-established functional studies show a damaging effect.
    PS3,
    /// Prevalence in affected individuals significantly higher than in controls.
    PS4,
    /// In a mutational hot spot or well-established functional domain without benign variation.
    PM1,
    /// Absent from controls (or extremely rare for recessive disorders) in population databases.
    PM2,
    /// For recessive disorders, detected in trans with a pathogenic variant.
    PM3,
    /// Protein length changed by an in-frame indel in a non-repeat region or by stop loss.
    PM4,
    /// Novel missense change at a residue where another pathogenic missense change is known.
    PM5,
    /// Assumed de novo, without confirmation of maternity and paternity.
    PM6,
    /// Co-segregation with disease in multiple affected family members.
    PP1,
    /// Missense variant in a gene with a low rate of benign missense variation where missense is a common mechanism.
    PP2,
    /// Computational evidence supports a deleterious effect.
    PP3,
    /// Patient's phenotype or family history highly specific for a disease with a single genetic aetiology.
    PP4,
    /// Reputable source reports the variant as pathogenic (disabled by ClinGen SVI).
    PP5,
    /// Allele frequency above 5 % in a population database (stand-alone benign).
    BA1,
    /// Allele frequency greater than expected for the disorder.
    BS1,
    /// Observed in a healthy adult with full penetrance expected at an early age.
    BS2,
    /// Well-established functional studies show no damaging effect.
    BS3,
    /// Lack of segregation in affected members of a family.
    BS4,
    /// Missense variant in a gene where only truncating variants cause disease.
    BP1,
    /// Observed in trans with a pathogenic variant for a fully penetrant dominant disorder, or in cis with a pathogenic variant in any inheritance pattern.
    BP2,
    /// In-frame indel in a repetitive region without a known function.
    BP3,
    /// Computational evidence suggests no impact.
    BP4,
    /// Variant found in a case with an alternate molecular basis for disease.
    BP5,
    /// Reputable source reports the variant as benign (disabled by ClinGen SVI).
    BP6,
    /// Synonymous variant with no predicted splice impact.
    BP7,
}

impl Criterion {
    /// All 28, in the order of Richards 2015.
    pub const ALL: [Criterion; 28] = [
        Self::PVS1,
        Self::PS1,
        Self::PS2,
        Self::PS3,
        Self::PS4,
        Self::PM1,
        Self::PM2,
        Self::PM3,
        Self::PM4,
        Self::PM5,
        Self::PM6,
        Self::PP1,
        Self::PP2,
        Self::PP3,
        Self::PP4,
        Self::PP5,
        Self::BA1,
        Self::BS1,
        Self::BS2,
        Self::BS3,
        Self::BS4,
        Self::BP1,
        Self::BP2,
        Self::BP3,
        Self::BP4,
        Self::BP5,
        Self::BP6,
        Self::BP7,
    ];

    /// Its code: `PVS1`.
    pub fn code(self) -> String {
        format!("{self:?}")
    }

    /// Which way it points.
    pub fn direction(self) -> Direction {
        match self.code().as_bytes().first() {
            Some(b'P') => Direction::Pathogenic,
            _ => Direction::Benign,
        }
    }

    /// Its strength in Richards 2015 (PVS very strong, PS/BS strong, PM moderate, PP/BP
    /// supporting, BA stand-alone).
    pub fn default_strength(self) -> Strength {
        let code = self.code();
        if code.starts_with("PVS") {
            Strength::VeryStrong
        } else if code.starts_with("PS") || code.starts_with("BS") {
            Strength::Strong
        } else if code.starts_with("PM") {
            Strength::Moderate
        } else if code.starts_with("BA") {
            Strength::StandAlone
        } else {
            Strength::Supporting
        }
    }

    /// The strengths it may be applied at: any of supporting to very strong toward pathogenic,
    /// supporting to strong toward benign (the framework has no very strong benign level;
    /// calibrated BP4 reaches Strong, Pejaver 2022), computational PP3 at most strong
    /// (Pejaver 2022 caps it there), and BA1 only stand-alone.
    pub fn allows(self, strength: Strength) -> bool {
        match (self, self.direction(), strength) {
            (Self::BA1, _, s) => s == Strength::StandAlone,
            (_, _, Strength::StandAlone) => false,
            (Self::PP3, _, Strength::VeryStrong) => false,
            (_, Direction::Benign, Strength::VeryStrong) => false,
            _ => true,
        }
    }

    pub(crate) fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }
}

/// A criterion applied at a strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppliedCriterion {
    /// The criterion.
    pub criterion: Criterion,
    /// The strength it counts at.
    pub strength: Strength,
    /// Whether the strength was written (`PM2_Moderate`) rather than the rule set's default.
    pub modified: bool,
}

impl AppliedCriterion {
    /// Its name: `PVS1`, or `PM2_Supporting` when applied at another strength than
    /// Richards 2015's.
    pub fn name(&self) -> String {
        if self.strength == self.criterion.default_strength() {
            self.criterion.code()
        } else {
            format!("{}_{}", self.criterion.code(), self.strength.suffix())
        }
    }
}

/// Why a written criterion cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CriterionError {
    /// Not one of the 28 codes.
    #[error(
        "{0:?} is not an ACMG/AMP criterion; the codes are PVS1, PS1–PS4, PM1–PM6, PP1–PP5, BA1, BS1–BS4 and BP1–BP7, optionally with a strength (PS3_Moderate)"
    )]
    UnknownCode(String),
    /// The strength after `_` is not one.
    #[error(
        "{0:?}: the strength after _ must be Supporting, Moderate, Strong or VeryStrong (PS3_Moderate)"
    )]
    UnknownStrength(String),
    /// The criterion cannot weigh that much (or little).
    #[error("{code} cannot be applied at {strength}: {why}")]
    StrengthNotAllowed {
        /// The code.
        code: String,
        /// The strength asked for.
        strength: &'static str,
        /// Why not.
        why: &'static str,
    },
}

/// Reads `PVS1`, `pm2_supporting` or `BP4_Strong`; a code without a strength takes
/// `default` (the rule set's default for it).
pub fn parse_applied(
    text: &str,
    default: impl Fn(Criterion) -> Strength,
) -> Result<AppliedCriterion, CriterionError> {
    let text = text.trim();
    let (code, suffix) = match text.split_once('_') {
        Some((code, suffix)) => (code, Some(suffix)),
        None => (text, None),
    };
    let criterion =
        Criterion::parse(code).ok_or_else(|| CriterionError::UnknownCode(text.to_string()))?;
    let strength = match suffix {
        None => default(criterion),
        Some(s) => {
            Strength::from_suffix(s).ok_or_else(|| CriterionError::UnknownStrength(text.into()))?
        }
    };
    if !criterion.allows(strength) {
        let why = match criterion {
            Criterion::BA1 => "BA1 stands alone and has no other strength",
            Criterion::PP3 => {
                "computational evidence is capped at strong (Pejaver 2022; DOMAIN.md §1.6)"
            }
            _ => "benign criteria weigh supporting, moderate or strong",
        };
        return Err(CriterionError::StrengthNotAllowed {
            code: criterion.code(),
            strength: strength.suffix(),
            why,
        });
    }
    Ok(AppliedCriterion {
        criterion,
        strength,
        modified: suffix.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<AppliedCriterion, CriterionError> {
        parse_applied(text, Criterion::default_strength)
    }

    #[test]
    fn the_28_codes_have_their_2015_directions_and_strengths() {
        assert_eq!(Criterion::ALL.len(), 28);
        let count = |d: Direction| Criterion::ALL.iter().filter(|c| c.direction() == d).count();
        assert_eq!(
            (count(Direction::Pathogenic), count(Direction::Benign)),
            (16, 12)
        );
        assert_eq!(Criterion::PVS1.default_strength(), Strength::VeryStrong);
        assert_eq!(Criterion::PS4.default_strength(), Strength::Strong);
        assert_eq!(Criterion::BS2.default_strength(), Strength::Strong);
        assert_eq!(Criterion::PM6.default_strength(), Strength::Moderate);
        assert_eq!(Criterion::BP7.default_strength(), Strength::Supporting);
        assert_eq!(Criterion::BA1.default_strength(), Strength::StandAlone);
    }

    #[test]
    fn strength_modifiers_are_read_and_named_back() {
        let pm2 = parse("pm2_supporting").unwrap();
        assert_eq!(
            (pm2.criterion, pm2.strength, pm2.modified),
            (Criterion::PM2, Strength::Supporting, true)
        );
        assert_eq!(pm2.name(), "PM2_Supporting");
        assert_eq!(parse("PVS1_Strong").unwrap().name(), "PVS1_Strong");
        assert_eq!(parse("BP4_Strong").unwrap().strength, Strength::Strong);
        assert_eq!(parse("PS3").unwrap().name(), "PS3");
        assert_eq!(parse("PS3_Strong").unwrap().name(), "PS3");
    }

    #[test]
    fn what_cannot_be_applied_is_refused_with_the_reason() {
        assert_eq!(parse("PX9"), Err(CriterionError::UnknownCode("PX9".into())));
        assert!(matches!(
            parse("PS3_Huge"),
            Err(CriterionError::UnknownStrength(_))
        ));
        assert!(matches!(
            parse("BS1_VeryStrong"),
            Err(CriterionError::StrengthNotAllowed { .. })
        ));
        assert!(matches!(
            parse("BA1_Strong"),
            Err(CriterionError::StrengthNotAllowed { .. })
        ));
        let e = parse("PP3_VeryStrong").unwrap_err();
        assert!(e.to_string().contains("capped at strong"));
    }
}
