//! Clinical significance of somatic variants per tumour type: the AMP/ASCO/CAP tiers I–IV from
//! evidence levels A–D (Li et al. 2017; DOMAIN.md §3.2, R-SOM-005), and the Japanese evidence
//! levels A–F and R (JSMO/JSCO/JCA guidance; DOMAIN.md §9.3, R-JP-010) kept as a second
//! vocabulary: every evidence item says which system its level belongs to, and a Japanese level
//! is never translated into an AMP tier.

use serde::{Deserialize, Serialize};

/// An AMP/ASCO/CAP evidence level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AmpLevel {
    /// Approved therapy or professional guideline for this tumour type.
    A,
    /// Well-powered studies with expert consensus.
    B,
    /// Approved for another tumour type, investigational therapy, or several small studies.
    C,
    /// Preclinical studies or case reports without consensus.
    D,
}

/// A Japanese evidence level (JSMO/JSCO/JCA guidance v2.1 as DOMAIN.md §9.3 gives it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum JapaneseLevel {
    /// Approved drug (Japan or FDA) for the biomarker in this cancer type, or guideline-recommended.
    A,
    /// Statistically reliable trials or meta-analyses in this cancer type with expert consensus.
    B,
    /// Approved or established in another cancer type, or small trials in this one.
    C,
    /// Case reports.
    D,
    /// Preclinical (in vitro or in vivo).
    E,
    /// Known to be involved in carcinogenesis, without a drug implication.
    F,
    /// Predicts resistance.
    R,
}

impl JapaneseLevel {
    /// What the level means (DOMAIN.md §9.3; D–F and R are marked \[verify\] there).
    pub fn meaning(self) -> &'static str {
        match self {
            Self::A => {
                "approved drug (Japan or FDA) for this biomarker in this cancer type, or guideline-recommended"
            }
            Self::B => {
                "statistically reliable trials or meta-analyses in this cancer type with expert consensus"
            }
            Self::C => {
                "approved or established in another cancer type, or small trials in this cancer type"
            }
            Self::D => "case reports",
            Self::E => "preclinical (in vitro or in vivo)",
            Self::F => "known to be involved in carcinogenesis, no drug implication",
            Self::R => "predicts resistance",
        }
    }
}

/// The level of one evidence item, in the system it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "system", content = "level", rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EvidenceLevel {
    /// AMP/ASCO/CAP, A–D.
    Amp(AmpLevel),
    /// Japanese guidance, A–F and R.
    Japanese(JapaneseLevel),
}

/// What an evidence item bears on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EvidenceKind {
    /// Response to a therapy.
    Therapeutic,
    /// Diagnosis.
    Diagnostic,
    /// Prognosis.
    Prognostic,
}

impl EvidenceKind {
    /// Its word: `therapeutic`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Therapeutic => "therapeutic",
            Self::Diagnostic => "diagnostic",
            Self::Prognostic => "prognostic",
        }
    }
}

/// One piece of clinical evidence for a variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvidenceItem {
    /// Its level and the system of that level.
    pub level: EvidenceLevel,
    /// What it bears on.
    pub kind: EvidenceKind,
    /// The tumour type it holds for.
    pub tumour_type: String,
}

/// An AMP/ASCO/CAP tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AmpTier {
    /// Strong clinical significance.
    I,
    /// Potential clinical significance.
    II,
    /// Unknown clinical significance.
    III,
    /// Benign or likely benign.
    IV,
}

/// A variant's tier in one tumour type, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TierResult {
    /// The tumour type.
    pub tumour_type: String,
    /// The tier.
    pub tier: AmpTier,
    /// Why, naming the item that decides.
    pub reason: String,
    /// The Japanese-level items, listed beside the tier in their own vocabulary.
    pub japanese: Vec<EvidenceItem>,
}

/// Why an evidence item cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an evidence item; write [amp:|ja:]LEVEL:KIND:TUMOUR, e.g. A:therapeutic:NSCLC or ja:B:diagnostic:GIST (AMP levels A–D; Japanese A–F, R; kinds therapeutic, diagnostic, prognostic)"
)]
pub struct EvidenceItemError(pub String);

impl EvidenceItem {
    /// Reads `A:therapeutic:NSCLC` (AMP), `amp:C:prognostic:CRC` or `ja:R:therapeutic:NSCLC`.
    pub fn parse(text: &str) -> Result<Self, EvidenceItemError> {
        let bad = || EvidenceItemError(text.to_string());
        let parts: Vec<&str> = text.trim().splitn(4, ':').collect();
        let (system, level, kind, tumour) = match parts.as_slice() {
            [level, kind, tumour] => ("amp", *level, *kind, *tumour),
            [system, level, kind, tumour] => (*system, *level, *kind, *tumour),
            _ => return Err(bad()),
        };
        let level = match (
            system.to_ascii_lowercase().as_str(),
            level.to_ascii_uppercase().as_str(),
        ) {
            ("amp", "A") => EvidenceLevel::Amp(AmpLevel::A),
            ("amp", "B") => EvidenceLevel::Amp(AmpLevel::B),
            ("amp", "C") => EvidenceLevel::Amp(AmpLevel::C),
            ("amp", "D") => EvidenceLevel::Amp(AmpLevel::D),
            ("ja", l) => EvidenceLevel::Japanese(match l {
                "A" => JapaneseLevel::A,
                "B" => JapaneseLevel::B,
                "C" => JapaneseLevel::C,
                "D" => JapaneseLevel::D,
                "E" => JapaneseLevel::E,
                "F" => JapaneseLevel::F,
                "R" => JapaneseLevel::R,
                _ => return Err(bad()),
            }),
            _ => return Err(bad()),
        };
        let kind = [
            EvidenceKind::Therapeutic,
            EvidenceKind::Diagnostic,
            EvidenceKind::Prognostic,
        ]
        .into_iter()
        .find(|k| k.word().eq_ignore_ascii_case(kind))
        .ok_or_else(bad)?;
        let tumour = tumour.trim();
        if tumour.is_empty() {
            return Err(bad());
        }
        Ok(Self {
            level,
            kind,
            tumour_type: tumour.to_string(),
        })
    }

    /// The item in words: `level A therapeutic evidence in NSCLC`.
    pub fn describe(&self) -> String {
        let level = match self.level {
            EvidenceLevel::Amp(l) => format!("level {l:?}"),
            EvidenceLevel::Japanese(l) => format!("Japanese level {l:?}"),
        };
        format!(
            "{level} {} evidence in {}",
            self.kind.word(),
            self.tumour_type
        )
    }
}

/// The AMP tier of a variant in `tumour_type` from `items` (R-SOM-005): IV when the variant is
/// benign or likely benign; I with level A or B evidence for this tumour type; II with level C
/// or D evidence for it, or level A–C evidence for another tumour type (which Li 2017 counts as
/// level C); III otherwise. Japanese-level items are listed, not converted.
pub fn amp_tier(tumour_type: &str, items: &[EvidenceItem], benign: bool) -> TierResult {
    let tumour = tumour_type.trim();
    let japanese: Vec<EvidenceItem> = items
        .iter()
        .filter(|i| matches!(i.level, EvidenceLevel::Japanese(_)))
        .cloned()
        .collect();
    let amp = |i: &EvidenceItem| match i.level {
        EvidenceLevel::Amp(l) => Some(l),
        EvidenceLevel::Japanese(_) => None,
    };
    let here = |i: &&EvidenceItem| i.tumour_type.eq_ignore_ascii_case(tumour);
    let best_here = items
        .iter()
        .filter(here)
        .filter_map(|i| amp(i).map(|l| (l, i)))
        .min_by_key(|(l, _)| *l);
    let best_elsewhere = items
        .iter()
        .filter(|i| !here(i))
        .filter_map(|i| amp(i).map(|l| (l, i)))
        .filter(|(l, _)| *l <= AmpLevel::C)
        .min_by_key(|(l, _)| *l);
    let (tier, reason) = if benign {
        (AmpTier::IV, "benign or likely benign".to_string())
    } else if let Some((AmpLevel::A | AmpLevel::B, item)) = best_here {
        (
            AmpTier::I,
            format!("{} (strong clinical significance)", item.describe()),
        )
    } else if let Some((_, item)) = best_here {
        (
            AmpTier::II,
            format!("{} (potential clinical significance)", item.describe()),
        )
    } else if let Some((_, item)) = best_elsewhere {
        (
            AmpTier::II,
            format!(
                "{}, which counts as level C in {tumour} (Li 2017: approved for another tumour type)",
                item.describe()
            ),
        )
    } else {
        (
            AmpTier::III,
            format!("no AMP-level evidence of clinical significance in {tumour}"),
        )
    };
    TierResult {
        tumour_type: tumour.to_string(),
        tier,
        reason,
        japanese,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(texts: &[&str]) -> Vec<EvidenceItem> {
        texts
            .iter()
            .map(|t| EvidenceItem::parse(t).unwrap())
            .collect()
    }

    #[test]
    fn tiers_follow_r_som_005() {
        let t = |texts: &[&str], benign| amp_tier("NSCLC", &items(texts), benign).tier;
        assert_eq!(t(&["A:therapeutic:NSCLC"], false), AmpTier::I);
        assert_eq!(
            t(&["B:prognostic:nsclc", "D:therapeutic:NSCLC"], false),
            AmpTier::I
        );
        assert_eq!(t(&["C:therapeutic:NSCLC"], false), AmpTier::II);
        assert_eq!(t(&["D:diagnostic:NSCLC"], false), AmpTier::II);
        assert_eq!(t(&["A:therapeutic:Melanoma"], false), AmpTier::II);
        assert_eq!(t(&["D:therapeutic:Melanoma"], false), AmpTier::III);
        assert_eq!(t(&[], false), AmpTier::III);
        assert_eq!(t(&["A:therapeutic:NSCLC"], true), AmpTier::IV);
    }

    #[test]
    fn japanese_levels_are_listed_in_their_own_vocabulary_not_tiered() {
        let r = amp_tier(
            "NSCLC",
            &items(&["ja:A:therapeutic:NSCLC", "ja:R:therapeutic:NSCLC"]),
            false,
        );
        assert_eq!(r.tier, AmpTier::III);
        assert_eq!(r.japanese.len(), 2);
        assert_eq!(
            r.japanese[1].level,
            EvidenceLevel::Japanese(JapaneseLevel::R)
        );
        assert_eq!(JapaneseLevel::R.meaning(), "predicts resistance");
        let with_amp = amp_tier(
            "NSCLC",
            &items(&["ja:A:therapeutic:NSCLC", "amp:A:therapeutic:NSCLC"]),
            false,
        );
        assert_eq!(with_amp.tier, AmpTier::I);
        assert_eq!(
            with_amp.reason,
            "level A therapeutic evidence in NSCLC (strong clinical significance)"
        );
    }

    #[test]
    fn an_item_that_is_not_one_is_refused_with_the_form() {
        for bad in [
            "A:therapeutic",
            "E:therapeutic:NSCLC",
            "ja:G:diagnostic:GIST",
            "A:curative:NSCLC",
            "A:therapeutic: ",
        ] {
            let e = EvidenceItem::parse(bad).unwrap_err();
            assert!(
                e.to_string().contains("[amp:|ja:]LEVEL:KIND:TUMOUR"),
                "{bad}: {e}"
            );
        }
    }
}
