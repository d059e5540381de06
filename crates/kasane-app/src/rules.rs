//! The classification calculators (issue 6), for teaching and testing, needing no workspace or
//! case: ACMG/AMP criteria scored under a built-in rule set, somatic oncogenicity codes under
//! Horak 2022, a somatic variant's AMP tier in a tumour type from its evidence items, the
//! maximum credible allele frequency of a dominant disorder for BS1, and a patient's findings
//! added up by a VCEP's PP4 phenotype table.

use kasane_interpret::{
    Assessment, CredibleAfError, CredibleFrequency, DominantDisorder, EvidenceItem,
    OncogenicityAssessment, OncogenicityError, OncogenicityRules, PhenotypeError, PhenotypeScore,
    RuleSetError, RuleSets, ScoreError, TierResult, amp_tier, assess, assess_oncogenicity,
    credible_frequency,
};

use crate::error::{AppError, ErrorKind};

impl From<RuleSetError> for AppError {
    fn from(error: RuleSetError) -> Self {
        let kind = match error {
            RuleSetError::Unknown { .. } => ErrorKind::NotFound,
            RuleSetError::Unreadable { .. } => ErrorKind::InvalidInput,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<OncogenicityError> for AppError {
    fn from(error: OncogenicityError) -> Self {
        AppError::new(ErrorKind::InvalidInput, error.to_string())
    }
}

impl From<PhenotypeError> for AppError {
    fn from(error: PhenotypeError) -> Self {
        AppError::new(ErrorKind::InvalidInput, error.to_string())
    }
}

impl From<CredibleAfError> for AppError {
    fn from(error: CredibleAfError) -> Self {
        AppError::new(ErrorKind::InvalidInput, error.to_string())
    }
}

impl From<ScoreError> for AppError {
    fn from(error: ScoreError) -> Self {
        AppError::new(ErrorKind::InvalidInput, error.to_string())
    }
}

/// The rule sets built into Kasane, the default first (a workspace's own are
/// [`Kasane::rule_sets`](crate::Kasane::rule_sets)).
pub fn built_in_rule_sets() -> Result<RuleSets, AppError> {
    Ok(RuleSets::built_in()?)
}

/// `codes` (`PVS1`, `PS3_Moderate`, `BA1`…) scored under the rule set `name` of `sets` (the
/// default when `None`): points, the points class and the 2015-rules class side by side.
pub fn score_criteria(
    sets: &RuleSets,
    name: Option<&str>,
    codes: &[String],
) -> Result<Assessment, AppError> {
    let rule_set = sets.named(name)?;
    Ok(assess(&rule_set, codes)?)
}

/// One patient's `findings` (`deficient-activity`, `muscle-mri`…) added up by the phenotype
/// table of the rule set `name` of `sets`: the points and the PP4 code they reach.
pub fn phenotype_points(
    sets: &RuleSets,
    name: &str,
    findings: &[String],
) -> Result<PhenotypeScore, AppError> {
    Ok(sets.named(Some(name))?.phenotype_points(findings)?)
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

/// The mode of inheritance of the disorder a maximum credible allele frequency is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inheritance {
    /// Autosomal dominant: Whiffin 2017's formula, built in.
    Dominant,
    /// Autosomal recessive: refused, DOMAIN.md marks its formula \[verify\].
    Recessive,
}

/// A proportion as a curator types it: `0.002`, `2e-3` or `1/500`; `name` says which parameter
/// is wrong when it cannot be read.
fn parse_proportion(name: &str, text: &str) -> Result<f64, AppError> {
    let unreadable = || {
        AppError::new(
            ErrorKind::InvalidInput,
            format!("{name} `{text}` is not a number: write it as 0.002, 2e-3 or 1/500"),
        )
    };
    let number = |t: &str| t.trim().parse::<f64>().map_err(|_| unreadable());
    match text.split_once('/') {
        Some((numerator, denominator)) => Ok(number(numerator)? / number(denominator)?),
        None => number(text),
    }
}

/// The maximum credible allele frequency of a disorder from its `prevalence`, maximum allelic
/// `contribution` and `penetrance` (each `0.002` or `1/500`) and, given the `allele_number` of
/// the population the frequency comes from, the largest allele count still credible.
pub fn max_credible_frequency(
    inheritance: Inheritance,
    prevalence: &str,
    contribution: &str,
    penetrance: &str,
    allele_number: Option<u64>,
) -> Result<CredibleFrequency, AppError> {
    if inheritance == Inheritance::Recessive {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "the recessive formula is not built in: DOMAIN.md §1.4 marks it [verify]. Use the \
             VCEP's BS1 threshold, or add BS1 by hand with the calculation as its citation",
        ));
    }
    Ok(credible_frequency(
        dominant_disorder(prevalence, contribution, penetrance)?,
        allele_number,
    )?)
}

/// A dominant disorder from its `prevalence`, maximum allelic `contribution` and `penetrance`
/// as a curator types them (`0.002` or `1/500`), refused unless each is a proportion: the
/// parameters BS1 is read under (R-ACMG-005).
pub fn dominant_disorder(
    prevalence: &str,
    contribution: &str,
    penetrance: &str,
) -> Result<DominantDisorder, AppError> {
    let disorder = DominantDisorder {
        prevalence: parse_proportion("prevalence", prevalence)?,
        max_allelic_contribution: parse_proportion("allelic contribution", contribution)?,
        penetrance: parse_proportion("penetrance", penetrance)?,
    };
    credible_frequency(disorder, None)?;
    Ok(disorder)
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
        let a = score_criteria(
            &built_in_rule_sets().unwrap(),
            None,
            &codes(&["PVS1", "PM2_Supporting"]),
        )
        .unwrap();
        assert_eq!(
            (a.points, a.points_class),
            (9, Classification::LikelyPathogenic)
        );
        assert_eq!(a.rule_set, "clingen-svi-points-2020");
    }

    #[test]
    fn errors_carry_their_kind() {
        let unknown = score_criteria(
            &built_in_rule_sets().unwrap(),
            Some("nope"),
            &codes(&["PVS1"]),
        )
        .unwrap_err();
        assert_eq!(unknown.kind, ErrorKind::NotFound);
        let bad = score_criteria(
            &built_in_rule_sets().unwrap(),
            None,
            &codes(&["PVS1", "PVS1"]),
        )
        .unwrap_err();
        assert_eq!(bad.kind, ErrorKind::InvalidInput);
        assert!(bad.message.starts_with("PVS1 is given twice"));
    }

    #[test]
    fn a_credible_frequency_reads_fractions_and_refuses_what_it_cannot_compute() {
        let hcm = max_credible_frequency(
            Inheritance::Dominant,
            "1/500",
            "0.02",
            "5e-1",
            Some(121_412),
        )
        .unwrap();
        assert!((hcm.max_credible_af - 4.0e-5).abs() < 1e-12);
        assert_eq!(hcm.max_tolerated_ac, Some(9));
        let unreadable =
            max_credible_frequency(Inheritance::Dominant, "1 in 500", "0.02", "0.5", None)
                .unwrap_err();
        assert_eq!(unreadable.kind, ErrorKind::InvalidInput);
        assert!(
            unreadable
                .message
                .starts_with("prevalence `1 in 500` is not a number")
        );
        let zero =
            max_credible_frequency(Inheritance::Dominant, "1/0", "0.02", "0.5", None).unwrap_err();
        assert!(
            zero.message.starts_with("prevalence is inf"),
            "{}",
            zero.message
        );
        let recessive = max_credible_frequency(Inheritance::Recessive, "1/40000", "0.5", "1", None)
            .unwrap_err();
        assert!(recessive.message.contains("[verify]"));
    }
}
