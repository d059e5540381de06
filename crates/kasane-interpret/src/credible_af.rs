//! The maximum credible population allele frequency of a dominant disorder (Whiffin 2017,
//! DOMAIN.md §1.4, R-ACMG-005) and the largest allele count a reference sample of a given size
//! could show at it: the two numbers BS1 under a disorder's parameters rests on. A calculator for
//! the curator; it decides nothing by itself.
//!
//! The Poisson quantile is written here rather than taken from a statistics crate: it is one
//! cumulative sum, and no crate of the workspace provides it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The one-sided confidence of the tolerated allele count (Whiffin 2017 uses 95 %).
pub const TOLERATED_COUNT_CONFIDENCE: f64 = 0.95;

/// The parameters of a dominant disorder the maximum credible allele frequency is computed from;
/// stored with a classification whose BS1 was read under them (R-ACMG-005).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DominantDisorder {
    /// The disorder's prevalence in the population (1/500 → 0.002).
    pub prevalence: f64,
    /// The largest share of cases any single variant explains.
    pub max_allelic_contribution: f64,
    /// The penetrance of the variant, the lowest one credible.
    pub penetrance: f64,
}

/// The maximum credible allele frequency, and the tolerated allele count when an allele number
/// was given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredibleFrequency {
    /// The parameters it was computed from, to be stored with a classification that uses it.
    pub disorder: DominantDisorder,
    /// prevalence × maximum allelic contribution ÷ penetrance × ½.
    pub max_credible_af: f64,
    /// The allele number of the reference sample, when one was given.
    pub allele_number: Option<u64>,
    /// The expected allele count at the maximum credible frequency: allele number × that
    /// frequency.
    pub expected_count: Option<f64>,
    /// The largest allele count still credible: the upper 95 % Poisson quantile of the expected
    /// count. An observed count above it supports BS1.
    pub max_tolerated_ac: Option<u64>,
}

/// Why the calculator refused its input.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CredibleAfError {
    /// A parameter is not a proportion in (0, 1].
    #[error("{name} is {value}: give a proportion above 0 and at most 1 (0.002 or 1/500)")]
    NotAProportion {
        /// The parameter's name as the user typed it.
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// The allele number is zero.
    #[error("the allele number is 0: give the AN of the population the frequency comes from")]
    NoAlleles,
}

/// Checks that `value` of the parameter `name` is a proportion in (0, 1].
fn proportion(name: &'static str, value: f64) -> Result<f64, CredibleAfError> {
    if value > 0.0 && value <= 1.0 {
        Ok(value)
    } else {
        Err(CredibleAfError::NotAProportion { name, value })
    }
}

/// The maximum credible allele frequency of `disorder` and, given `allele_number`, the largest
/// allele count a sample of that many alleles could credibly show.
pub fn credible_frequency(
    disorder: DominantDisorder,
    allele_number: Option<u64>,
) -> Result<CredibleFrequency, CredibleAfError> {
    let prevalence = proportion("prevalence", disorder.prevalence)?;
    let contribution = proportion(
        "maximum allelic contribution",
        disorder.max_allelic_contribution,
    )?;
    let penetrance = proportion("penetrance", disorder.penetrance)?;
    let max_credible_af = prevalence * contribution / penetrance / 2.0;
    let expected_count = match allele_number {
        Some(0) => return Err(CredibleAfError::NoAlleles),
        Some(an) => Some(an as f64 * max_credible_af),
        None => None,
    };
    Ok(CredibleFrequency {
        disorder,
        max_credible_af,
        allele_number,
        expected_count,
        max_tolerated_ac: expected_count
            .map(|mean| poisson_quantile(mean, TOLERATED_COUNT_CONFIDENCE)),
    })
}

/// The smallest count `k` with P(X ≤ k) ≥ `p` for X ~ Poisson(`mean`), as R's `qpois` defines
/// it. The terms are carried as logarithms so a large mean does not underflow.
fn poisson_quantile(mean: f64, p: f64) -> u64 {
    if mean <= 0.0 {
        return 0;
    }
    let log_mean = mean.ln();
    let mut k = 0u64;
    let mut log_term = -mean;
    let mut cumulative = log_term.exp();
    while cumulative < p {
        k += 1;
        log_term += log_mean - (k as f64).ln();
        cumulative += log_term.exp();
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hcm() -> DominantDisorder {
        DominantDisorder {
            prevalence: 1.0 / 500.0,
            max_allelic_contribution: 0.02,
            penetrance: 0.5,
        }
    }

    #[test]
    fn the_worked_check_of_domain_md_gives_four_in_a_hundred_thousand() {
        let f = credible_frequency(hcm(), None).unwrap();
        assert!((f.max_credible_af - 4.0e-5).abs() < 1e-12, "{f:?}");
        assert_eq!(f.max_tolerated_ac, None);
    }

    #[test]
    fn the_tolerated_count_is_the_upper_95_percent_poisson_quantile() {
        // Whiffin 2017's ExAC example: AN 121,412 × 4.0e-5 = 4.86 → at most 9 alleles.
        let exac = credible_frequency(hcm(), Some(121_412)).unwrap();
        assert_eq!(exac.max_tolerated_ac, Some(9));
        // Values R's qpois(0.95, mean) gives.
        for (mean, quantile) in [(0.5, 2), (1.0, 3), (10.0, 15), (1000.0, 1052)] {
            assert_eq!(poisson_quantile(mean, 0.95), quantile, "mean {mean}");
        }
        assert_eq!(poisson_quantile(0.0, 0.95), 0);
    }

    #[test]
    fn parameters_outside_a_proportion_and_an_empty_sample_are_refused() {
        let mut d = hcm();
        d.penetrance = 0.0;
        assert_eq!(
            credible_frequency(d, None),
            Err(CredibleAfError::NotAProportion {
                name: "penetrance",
                value: 0.0
            })
        );
        d = hcm();
        d.prevalence = 2.0;
        assert!(matches!(
            credible_frequency(d, None),
            Err(CredibleAfError::NotAProportion {
                name: "prevalence",
                ..
            })
        ));
        d = hcm();
        d.max_allelic_contribution = f64::NAN;
        assert!(credible_frequency(d, None).is_err());
        assert_eq!(
            credible_frequency(hcm(), Some(0)),
            Err(CredibleAfError::NoAlleles)
        );
    }
}
