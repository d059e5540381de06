//! Proposals from population frequencies (DOMAIN.md §1.4): BA1 from gnomAD's grpmax FAF95 and
//! the Japanese panels' frequencies with the allele-number floor, PM2 at the rule set's
//! strength when no population source holds the allele (or, under a VCEP specification with a
//! PM2 threshold, when every source is below it), and BS1 from a VCEP threshold or else
//! the disorder's maximum credible allele frequency (Whiffin 2017, R-ACMG-005). Each is a
//! proposal with its evidence and sources (DOMAIN.md P1); a person accepts or rejects it.

use kasane_core::annotation::{FrequencyRecord, SourceKind};
use serde::{Deserialize, Serialize};

use crate::ba1_exceptions::Ba1Listing;
use crate::credible_af::{CredibleFrequency, DominantDisorder, credible_frequency};
use crate::criteria::Criterion;
use crate::proposal::{Proposal, ProposalState};
use crate::rule_set::{FrequencyMetric, RuleSet};

/// One population source of the cache and what it holds at the variant.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationSource {
    /// The source's name in the cache (`gnomad-exomes`, `jmorp`).
    pub name: String,
    /// Its release.
    pub release: String,
    /// gnomAD, or another population's panel.
    pub kind: SourceKind,
    /// Its frequencies at the allele; `None` when the allele is absent from it.
    pub record: Option<FrequencyRecord>,
}

/// A frequency a proposal rests on, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FrequencyEvidence {
    /// The source's name.
    pub source: String,
    /// Its release.
    pub release: String,
    /// What was read: `grpmax FAF95 (nfe)`, `grpmax AF (afr)`, `AF`.
    pub metric: String,
    /// Its value; `None` when the allele is absent.
    pub value: Option<f64>,
    /// The allele number it rests on.
    pub allele_number: Option<i64>,
    /// The allele count behind the value, when the source gives it (not for a filtering AF).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub allele_count: Option<i64>,
    /// Whether the value is a 95 % filtering allele frequency: a lower confidence bound that
    /// already allows for the sample's size.
    #[serde(default)]
    pub filtering: bool,
}

/// What one source says toward BA1.
enum Ba1Reading {
    Above,
    Below,
    TooFewAlleles,
    NoFrequency,
}

/// BA1, PM2 and BS1 as the population sources of the cache support them; BA1 is not met for a
/// variant `ba1_listing` finds on the BA1 exception list; BS1 reads the `disorder`'s maximum
/// credible allele frequency when the rule set holds no VCEP threshold.
pub fn population_proposals(
    rule_set: &RuleSet,
    sources: &[PopulationSource],
    disorder: Option<&DominantDisorder>,
    ba1_listing: &Ba1Listing<'_>,
) -> Vec<Proposal> {
    let sources: Vec<&PopulationSource> =
        sources.iter().filter(|s| s.kind.is_frequency()).collect();
    let evidence: Vec<FrequencyEvidence> = sources
        .iter()
        .map(|s| frequency_evidence(s, rule_set.population.metric))
        .collect();
    let ba1 = ba1(rule_set, &evidence, ba1_listing);
    let ba1_met = ba1.state == ProposalState::Met;
    vec![
        ba1,
        pm2(rule_set, &sources, &evidence),
        bs1(rule_set, &evidence, ba1_met, disorder),
    ]
}

/// The frequency BA1 reads from one source: gnomAD's grpmax FAF95 with its group's allele
/// number, else its grpmax AF, else the overall AF (a panel of one population).
fn frequency_evidence(source: &PopulationSource, metric: FrequencyMetric) -> FrequencyEvidence {
    let (metric, value, allele_number, allele_count, filtering) = match &source.record {
        None => ("absent".to_string(), None, None, None, false),
        Some(r) => {
            let group_counts = |group: &str| {
                r.groups
                    .iter()
                    .find(|g| g.group == group)
                    .map_or((None, None), |g| (g.allele_number, g.allele_count))
            };
            let faf = match metric {
                FrequencyMetric::Faf95 => r.faf95_max,
                FrequencyMetric::GroupAf => None,
            };
            match (&faf, &r.faf95_max_group, &r.grpmax_frequency) {
                (Some(faf), Some(group), _) => (
                    format!("grpmax FAF95 ({group})"),
                    Some(*faf),
                    group_counts(group).0,
                    None,
                    true,
                ),
                (_, _, Some(af)) => {
                    let group = r.grpmax.clone().unwrap_or_default();
                    (
                        format!("grpmax AF ({group})"),
                        Some(*af),
                        r.grpmax_allele_number,
                        group_counts(&group).1,
                        false,
                    )
                }
                _ => (
                    "AF".to_string(),
                    r.overall.allele_frequency,
                    r.overall.allele_number,
                    r.overall.allele_count,
                    false,
                ),
            }
        }
    };
    FrequencyEvidence {
        source: source.name.clone(),
        release: source.release.clone(),
        metric,
        value,
        allele_number,
        allele_count,
        filtering,
    }
}

fn reading(rule_set: &RuleSet, above: f64, e: &FrequencyEvidence) -> Ba1Reading {
    let t = &rule_set.population;
    match (e.value, e.allele_number) {
        (None, _) => Ba1Reading::NoFrequency,
        (Some(_), an) if an.unwrap_or(0) < t.minimum_allele_number => Ba1Reading::TooFewAlleles,
        (Some(v), _) if v > above => Ba1Reading::Above,
        (Some(_), _) => Ba1Reading::Below,
    }
}

fn proposal(
    rule_set: &RuleSet,
    criterion: Criterion,
    state: ProposalState,
    reason: String,
    evidence: &[FrequencyEvidence],
) -> Proposal {
    Proposal::new(rule_set, criterion, state, reason).with_evidence(evidence.to_vec())
}

/// `0.051 in gnomad-exomes (grpmax FAF95 (nfe), AN 10,000)`.
fn described(e: &FrequencyEvidence) -> String {
    let an = e
        .allele_number
        .map_or("AN unknown".to_string(), |an| format!("AN {an}"));
    match e.value {
        Some(v) => format!("{v} in {} ({}, {an})", e.source, e.metric),
        None => format!("absent from {}", e.source),
    }
}

/// Every source's reading, `; `-separated.
fn all_described(evidence: &[FrequencyEvidence]) -> String {
    evidence
        .iter()
        .map(described)
        .collect::<Vec<_>>()
        .join("; ")
}

/// `criterion` met when a source with enough alleles is above `above` (`why` names the rule
/// and what to check), not met when every source is below it, not evaluable without one.
fn above_threshold(
    rule_set: &RuleSet,
    criterion: Criterion,
    above: f64,
    why: &str,
    evidence: &[FrequencyEvidence],
) -> Proposal {
    let t = &rule_set.population;
    let readings: Vec<(Ba1Reading, &FrequencyEvidence)> = evidence
        .iter()
        .map(|e| (reading(rule_set, above, e), e))
        .collect();
    let over: Vec<String> = readings
        .iter()
        .filter(|(r, _)| matches!(r, Ba1Reading::Above))
        .map(|(_, e)| described(e))
        .collect();
    let decided = readings.iter().any(|(r, _)| {
        matches!(
            r,
            Ba1Reading::Above | Ba1Reading::Below | Ba1Reading::NoFrequency
        )
    });
    let (state, reason) = if !over.is_empty() {
        (
            ProposalState::Met,
            format!(
                "above {above} with at least {} alleles: {} ({why})",
                t.minimum_allele_number,
                over.join("; ")
            ),
        )
    } else if evidence.is_empty() {
        (
            ProposalState::NotEvaluable,
            "the cache holds no population frequencies".to_string(),
        )
    } else if !decided {
        (
            ProposalState::NotEvaluable,
            format!(
                "every frequency rests on fewer than {} alleles: {}",
                t.minimum_allele_number,
                all_described(evidence)
            ),
        )
    } else {
        (
            ProposalState::NotMet,
            format!(
                "not above {above} in any source with at least {} alleles: {}",
                t.minimum_allele_number,
                all_described(evidence)
            ),
        )
    };
    proposal(rule_set, criterion, state, reason, evidence)
}

fn ba1(rule_set: &RuleSet, evidence: &[FrequencyEvidence], listing: &Ba1Listing<'_>) -> Proposal {
    let basis = if rule_set.genes.is_empty() {
        "Ghosh 2018; DOMAIN.md R-ACMG-003".to_string()
    } else {
        format!(
            "{} {}; DOMAIN.md R-ACMG-013",
            rule_set.name, rule_set.version
        )
    };
    let list = format!("the {} of {}", listing.list.name, listing.list.version);
    let Some(entry) = listing.entry else {
        return above_threshold(
            rule_set,
            Criterion::BA1,
            rule_set.population.ba1_above,
            &format!("{basis}; not on {list}"),
            evidence,
        );
    };
    let frequencies = above_threshold(
        rule_set,
        Criterion::BA1,
        rule_set.population.ba1_above,
        &basis,
        evidence,
    );
    Proposal {
        state: ProposalState::NotMet,
        reason: format!(
            "{} {} (ClinVar variation {}) is on {list}: BA1 does not apply whatever its frequency (Ghosh 2018; DOMAIN.md R-ACMG-003) — weigh the frequency with BS1 and the other evidence; frequencies: {}",
            entry.gene, entry.hgvs, entry.clinvar_variation_id, frequencies.reason
        ),
        ..frequencies
    }
}

/// Whether a source holds the allele as observed (a record of allele count 0 is not an
/// observation).
fn observed(source: &PopulationSource) -> bool {
    source
        .record
        .as_ref()
        .is_some_and(|r| r.overall.allele_count != Some(0))
}

fn pm2(
    rule_set: &RuleSet,
    sources: &[&PopulationSource],
    evidence: &[FrequencyEvidence],
) -> Proposal {
    let has_gnomad = sources.iter().any(|s| s.kind == SourceKind::Gnomad);
    let seen: Vec<String> = sources
        .iter()
        .zip(evidence)
        .filter(|(s, _)| observed(s))
        .map(|(_, e)| described(e))
        .collect();
    let names = sources
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let (state, reason) = if !has_gnomad {
        (
            ProposalState::NotEvaluable,
            "the cache holds no gnomAD source; absence cannot be judged (DOMAIN.md R-ACMG-004)"
                .to_string(),
        )
    } else if let Some(below) = rule_set.population.pm2_below {
        let over: Vec<String> = evidence
            .iter()
            .filter(|e| e.value.is_some_and(|v| v >= below))
            .map(described)
            .collect();
        let spec = format!("{} {}", rule_set.name, rule_set.version);
        if over.is_empty() {
            (
                ProposalState::Met,
                format!(
                    "below {spec}'s PM2 threshold {below} in every population source ({}) — confirm the site is well covered before accepting",
                    all_described(evidence)
                ),
            )
        } else {
            (
                ProposalState::NotMet,
                format!(
                    "at or above {spec}'s PM2 threshold {below}: {}",
                    over.join("; ")
                ),
            )
        }
    } else if seen.is_empty() {
        (
            ProposalState::Met,
            format!(
                "absent from every population source of the cache ({names}) — the cache holds no coverage: confirm the site is well covered before accepting, else it is not evaluable (DOMAIN.md R-ACMG-004)"
            ),
        )
    } else {
        (
            ProposalState::NotMet,
            format!(
                "observed: {} — for a recessive disorder a gene-specific threshold may still allow PM2 (a VCEP specification)",
                seen.join("; ")
            ),
        )
    };
    proposal(rule_set, Criterion::PM2, state, reason, evidence)
}

fn bs1(
    rule_set: &RuleSet,
    evidence: &[FrequencyEvidence],
    ba1_met: bool,
    disorder: Option<&DominantDisorder>,
) -> Proposal {
    if ba1_met {
        let reason =
            "BA1 already stands on this frequency; BS1 would count it twice (DOMAIN.md P3)"
                .to_string();
        return proposal(
            rule_set,
            Criterion::BS1,
            ProposalState::NotMet,
            reason,
            evidence,
        );
    }
    match (rule_set.population.bs1_above, disorder) {
        (Some(bs1_above), _) => {
            let mut why = format!(
                "{} {}; DOMAIN.md R-ACMG-005",
                rule_set.name, rule_set.version
            );
            if disorder.is_some() {
                why.push_str(
                    " — the VCEP threshold stands in for the disorder's maximum credible frequency (R-ACMG-013)",
                );
            }
            above_threshold(rule_set, Criterion::BS1, bs1_above, &why, evidence)
        }
        (None, Some(disorder)) => bs1_above_credible(rule_set, evidence, disorder),
        (None, None) => proposal(
            rule_set,
            Criterion::BS1,
            ProposalState::NotEvaluable,
            "needs the disorder's maximum credible allele frequency — give its prevalence, maximum allelic contribution and penetrance (Whiffin 2017) — or a VCEP threshold, which this rule set does not hold (DOMAIN.md R-ACMG-005)".to_string(),
            evidence,
        ),
    }
}

/// What one source says toward BS1 under a disorder's maximum credible frequency.
enum CredibleReading {
    Above(String),
    NotAbove,
    TooFewAlleles,
}

/// One source read against `credible`: a filtering AF is compared with the maximum credible
/// frequency itself; any other frequency by its allele count against the largest count its
/// allele number credibly allows (the upper 95 % Poisson bound, Whiffin 2017).
fn credible_reading(
    rule_set: &RuleSet,
    credible: &CredibleFrequency,
    e: &FrequencyEvidence,
) -> CredibleReading {
    let Some(value) = e.value else {
        return CredibleReading::NotAbove;
    };
    let an = e.allele_number.unwrap_or(0);
    if an < rule_set.population.minimum_allele_number {
        return CredibleReading::TooFewAlleles;
    }
    if e.filtering {
        return if value > credible.max_credible_af {
            CredibleReading::Above(described(e))
        } else {
            CredibleReading::NotAbove
        };
    }
    let count = e
        .allele_count
        .unwrap_or_else(|| (value * an as f64).round() as i64);
    let tolerated = u64::try_from(an)
        .ok()
        .and_then(|an| credible_frequency(credible.disorder, Some(an)).ok())
        .and_then(|c| c.max_tolerated_ac);
    match tolerated {
        Some(tolerated) if count > 0 && count as u64 > tolerated => {
            CredibleReading::Above(format!(
                "{} — allele count {count}, above the {tolerated} a sample of {an} alleles credibly shows",
                described(e)
            ))
        }
        _ => CredibleReading::NotAbove,
    }
}

/// BS1 from the disorder's maximum credible allele frequency (R-ACMG-005), with the allele
/// number floor of the rule set.
fn bs1_above_credible(
    rule_set: &RuleSet,
    evidence: &[FrequencyEvidence],
    disorder: &DominantDisorder,
) -> Proposal {
    let credible = match credible_frequency(*disorder, None) {
        Ok(c) => c,
        Err(e) => {
            return proposal(
                rule_set,
                Criterion::BS1,
                ProposalState::NotEvaluable,
                format!("the disorder's parameters cannot be used: {e}"),
                evidence,
            );
        }
    };
    let basis = format!(
        "maximum credible AF {:.2e} = prevalence {} × maximum allelic contribution {} ÷ penetrance {} ÷ 2 (Whiffin 2017; DOMAIN.md R-ACMG-005)",
        credible.max_credible_af,
        disorder.prevalence,
        disorder.max_allelic_contribution,
        disorder.penetrance
    );
    let readings: Vec<CredibleReading> = evidence
        .iter()
        .map(|e| credible_reading(rule_set, &credible, e))
        .collect();
    let over: Vec<&str> = readings
        .iter()
        .filter_map(|r| match r {
            CredibleReading::Above(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let floor = rule_set.population.minimum_allele_number;
    let (state, reason) = if !over.is_empty() {
        (
            ProposalState::Met,
            format!("above the {basis}: {}", over.join("; ")),
        )
    } else if evidence.is_empty() {
        (
            ProposalState::NotEvaluable,
            "the cache holds no population frequencies".to_string(),
        )
    } else if readings
        .iter()
        .all(|r| matches!(r, CredibleReading::TooFewAlleles))
    {
        (
            ProposalState::NotEvaluable,
            format!(
                "every frequency rests on fewer than {floor} alleles: {}",
                all_described(evidence)
            ),
        )
    } else {
        (
            ProposalState::NotMet,
            format!(
                "not above the {basis} in any source with at least {floor} alleles: {}",
                all_described(evidence)
            ),
        )
    };
    proposal(rule_set, Criterion::BS1, state, reason, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ba1_exceptions::Ba1ExceptionList;
    use kasane_core::GenomeBuild;
    use kasane_core::annotation::GroupFrequency;

    /// The population proposals of a variant that is not on the BA1 exception list.
    fn proposals(
        set: &RuleSet,
        sources: &[PopulationSource],
        disorder: Option<&DominantDisorder>,
    ) -> Vec<Proposal> {
        let list = Ba1ExceptionList::built_in().unwrap();
        population_proposals(
            set,
            sources,
            disorder,
            &list.listing(GenomeBuild::Grch38, "chr1-55039893-C-T"),
        )
    }

    fn group(name: &str, ac: i64, an: i64) -> GroupFrequency {
        GroupFrequency {
            group: name.into(),
            allele_count: Some(ac),
            allele_number: Some(an),
            allele_frequency: Some(ac as f64 / an as f64),
            homozygotes: None,
        }
    }

    /// A gnomAD record whose grpmax FAF95 is `faf` in `nfe` of `an` alleles.
    fn gnomad(faf: f64, an: i64) -> PopulationSource {
        PopulationSource {
            name: "gnomad-exomes".into(),
            release: "v4.1".into(),
            kind: SourceKind::Gnomad,
            record: Some(FrequencyRecord {
                contig: "chr1".into(),
                pos: 100,
                reference: "A".into(),
                alternate: "G".into(),
                left_aligned: true,
                filter: None,
                overall: group("", 10, 20_000),
                grpmax: Some("nfe".into()),
                grpmax_frequency: Some(faf + 0.002),
                grpmax_allele_number: Some(an),
                faf95_max: Some(faf),
                faf95_max_group: Some("nfe".into()),
                groups: vec![group("nfe", 1, an)],
            }),
        }
    }

    /// A Japanese panel of one population with `ac` of `an` alleles.
    fn panel(ac: i64, an: i64) -> PopulationSource {
        let mut record = gnomad(0.0, 0).record;
        if let Some(r) = record.as_mut() {
            r.overall = group("", ac, an);
            r.grpmax = None;
            r.grpmax_frequency = None;
            r.grpmax_allele_number = None;
            r.faf95_max = None;
            r.faf95_max_group = None;
            r.groups = vec![];
        }
        PopulationSource {
            name: "jmorp".into(),
            release: "54KJPN".into(),
            kind: SourceKind::Population,
            record,
        }
    }

    fn absent(name: &str, kind: SourceKind) -> PopulationSource {
        PopulationSource {
            name: name.into(),
            release: "r".into(),
            kind,
            record: None,
        }
    }

    fn state_of(code: Criterion, sources: &[PopulationSource]) -> (ProposalState, String) {
        let set = RuleSet::named(None).unwrap();
        let p = proposals(&set, sources, None)
            .into_iter()
            .find(|p| p.applied.criterion == code)
            .unwrap();
        (p.state, p.reason)
    }

    #[test]
    fn ba1_follows_the_examples_of_r_acmg_003() {
        use ProposalState::*;
        assert_eq!(state_of(Criterion::BA1, &[gnomad(0.051, 10_000)]).0, Met);
        assert_eq!(state_of(Criterion::BA1, &[gnomad(0.049, 10_000)]).0, NotMet);
        // AF 0.2 on 1,500 alleles: not evaluable for BA1.
        let (state, reason) = state_of(Criterion::BA1, &[panel(300, 1_500)]);
        assert_eq!(state, NotEvaluable);
        assert!(reason.contains("fewer than 2000 alleles"), "{reason}");
        // The Japanese panel is read in parallel with the same floor.
        let (state, reason) =
            state_of(Criterion::BA1, &[gnomad(0.001, 10_000), panel(600, 10_000)]);
        assert_eq!(state, Met);
        assert!(reason.contains("0.06 in jmorp (AF, AN 10000)"), "{reason}");
    }

    #[test]
    fn ba1_names_the_metric_and_needs_a_source() {
        let (_, reason) = state_of(Criterion::BA1, &[gnomad(0.051, 10_000)]);
        assert!(
            reason.contains("0.051 in gnomad-exomes (grpmax FAF95 (nfe), AN 10000)"),
            "{reason}"
        );
        assert!(reason.contains("BA1 exception list"));
        assert_eq!(state_of(Criterion::BA1, &[]).0, ProposalState::NotEvaluable);
    }

    #[test]
    fn ba1_is_not_met_for_a_variant_on_the_exception_list_whatever_its_frequency() {
        let set = RuleSet::named(None).unwrap();
        let list = Ba1ExceptionList::built_in().unwrap();
        let common = [gnomad(0.06, 10_000)];
        let hfe = list.listing(GenomeBuild::Grch38, "chr6-26092913-G-A");
        let found = population_proposals(&set, &common, None, &hfe);
        let ba1 = &found[0];
        assert_eq!(ba1.applied.criterion, Criterion::BA1);
        assert_eq!(ba1.state, ProposalState::NotMet);
        assert!(
            ba1.reason.starts_with(
                "HFE NM_000410.3:c.845G>A p.(Cys282Tyr) (ClinVar variation 9) is on the ClinGen SVI BA1 exception list of 2018-07-30: BA1 does not apply"
            ),
            "{}",
            ba1.reason
        );
        assert!(
            ba1.reason.contains("0.06 in gnomad-exomes"),
            "{}",
            ba1.reason
        );
        // With BA1 not met, BS1 is weighed as for any variant (not held back by BA1).
        let bs1 = &found[2];
        assert_eq!(bs1.applied.criterion, Criterion::BS1);
        assert_eq!(
            bs1.state,
            proposals(&set, &[gnomad(0.049, 10_000)], None)[2].state
        );
        // The same frequency off the list is BA1, and the reason says the list was consulted.
        let (state, reason) = state_of(Criterion::BA1, &common);
        assert_eq!(state, ProposalState::Met);
        assert!(
            reason.contains("not on the ClinGen SVI BA1 exception list of 2018-07-30"),
            "{reason}"
        );
    }

    #[test]
    fn pm2_supporting_when_absent_from_every_source_with_gnomad_among_them() {
        use ProposalState::*;
        let both_absent = [
            absent("gnomad-exomes", SourceKind::Gnomad),
            absent("jmorp", SourceKind::Population),
        ];
        let set = RuleSet::named(None).unwrap();
        let pm2 = &proposals(&set, &both_absent, None)[1];
        assert_eq!((pm2.name.as_str(), pm2.state), ("PM2_Supporting", Met));
        assert!(pm2.reason.contains("confirm the site is well covered"));
        // Seen in the Japanese panel only: not met.
        let seen = [
            absent("gnomad-exomes", SourceKind::Gnomad),
            panel(2, 100_000),
        ];
        assert_eq!(state_of(Criterion::PM2, &seen).0, NotMet);
        // A record of allele count 0 is not an observation.
        assert_eq!(
            state_of(
                Criterion::PM2,
                &[
                    absent("gnomad-exomes", SourceKind::Gnomad),
                    panel(0, 100_000)
                ]
            )
            .0,
            Met
        );
        // Without gnomAD, absence cannot be judged.
        assert_eq!(
            state_of(Criterion::PM2, &[absent("jmorp", SourceKind::Population)]).0,
            NotEvaluable
        );
    }

    #[test]
    fn a_vcep_rule_set_reads_group_frequencies_against_its_own_thresholds() {
        let gaa = RuleSet::named(Some("clingen-lsd-vcep-gaa-v2")).unwrap();
        let disorder = None;
        let at = |code: Criterion, sources: &[PopulationSource]| {
            proposals(&gaa, sources, disorder)
                .into_iter()
                .find(|p| p.applied.criterion == code)
                .unwrap()
        };
        // grpmax AF = FAF + 0.002 in the fixture: 0.007 > 0.005 for BS1, below BA1's 0.01.
        let bs1 = at(Criterion::BS1, &[gnomad(0.005, 10_000)]);
        assert_eq!(bs1.state, ProposalState::Met);
        assert!(bs1.reason.contains("above 0.005 with at least 2001 alleles: 0.007 in gnomad-exomes (grpmax AF (nfe), AN 10000)"), "{}", bs1.reason);
        assert!(bs1.reason.contains("clingen-lsd-vcep-gaa-v2 1.4.0"));
        assert_eq!(
            at(Criterion::BA1, &[gnomad(0.005, 10_000)]).state,
            ProposalState::NotMet
        );
        // Above BA1: BS1 would count the same frequency twice.
        assert_eq!(
            at(Criterion::BA1, &[gnomad(0.012, 10_000)]).state,
            ProposalState::Met
        );
        assert_eq!(
            at(Criterion::BS1, &[gnomad(0.012, 10_000)]).state,
            ProposalState::NotMet
        );
        // 2,000 alleles are not more than 2,000.
        assert_eq!(
            at(Criterion::BS1, &[gnomad(0.005, 2_000)]).state,
            ProposalState::NotEvaluable
        );
    }

    #[test]
    fn a_vcep_pm2_threshold_allows_pm2_below_it() {
        use ProposalState::*;
        let gaa = RuleSet::named(Some("clingen-lsd-vcep-gaa-v2")).unwrap();
        let pm2 = |sources: &[PopulationSource]| {
            proposals(&gaa, sources, None)
                .into_iter()
                .find(|p| p.applied.criterion == Criterion::PM2)
                .unwrap()
        };
        // A gnomAD record read by its grpmax AF (the specification's metric).
        let grpmax_af = |af: f64| {
            let mut source = gnomad(0.0, 127_034);
            if let Some(r) = source.record.as_mut() {
                r.grpmax_frequency = Some(af);
            }
            source
        };
        // 0.0003149, as gnomAD gives GAA c.1194+3G>C in the ClinGen curation PROVENANCE.md quotes.
        let rare = pm2(&[grpmax_af(0.0003149)]);
        assert_eq!(
            (rare.name.as_str(), rare.state),
            ("PM2_Supporting", Met),
            "{}",
            rare.reason
        );
        assert!(
            rare.reason
                .contains("below clingen-lsd-vcep-gaa-v2 1.4.0's PM2 threshold 0.001"),
            "{}",
            rare.reason
        );
        // Seen in the Japanese panel at 0.1 %: not below.
        let seen = pm2(&[grpmax_af(0.0001), panel(10, 10_000)]);
        assert_eq!(seen.state, NotMet);
        assert!(
            seen.reason.contains(
                "at or above clingen-lsd-vcep-gaa-v2 1.4.0's PM2 threshold 0.001: 0.001 in jmorp"
            ),
            "{}",
            seen.reason
        );
        // Absent everywhere is below.
        assert_eq!(
            pm2(&[absent("gnomad-exomes", SourceKind::Gnomad)]).state,
            Met
        );
        // Without gnomAD nothing is judged.
        assert_eq!(pm2(&[panel(0, 10_000)]).state, NotEvaluable);
    }

    #[test]
    fn bs1_waits_for_the_disorder() {
        let (state, reason) = state_of(Criterion::BS1, &[gnomad(0.01, 10_000)]);
        assert_eq!(state, ProposalState::NotEvaluable);
        assert!(reason.contains("give its prevalence"), "{reason}");
    }

    /// Whiffin 2017's hypertrophic cardiomyopathy: maximum credible AF 4.0e-5.
    const HCM: DominantDisorder = DominantDisorder {
        prevalence: 1.0 / 500.0,
        max_allelic_contribution: 0.02,
        penetrance: 0.5,
    };

    fn bs1_under(
        rule_set: &str,
        disorder: &DominantDisorder,
        sources: &[PopulationSource],
    ) -> Proposal {
        let set = RuleSet::named(Some(rule_set)).unwrap();
        proposals(&set, sources, Some(disorder))
            .into_iter()
            .find(|p| p.applied.criterion == Criterion::BS1)
            .unwrap()
    }

    #[test]
    fn bs1_compares_a_filtering_af_with_the_maximum_credible_frequency() {
        use ProposalState::*;
        let svi = "clingen-svi-points-2020";
        let over = bs1_under(svi, &HCM, &[gnomad(0.0001, 100_000)]);
        assert_eq!(over.state, Met);
        assert!(
            over.reason.contains("maximum credible AF 4.00e-5 = prevalence 0.002 × maximum allelic contribution 0.02 ÷ penetrance 0.5 ÷ 2"),
            "{}",
            over.reason
        );
        assert!(
            over.reason
                .contains("0.0001 in gnomad-exomes (grpmax FAF95 (nfe), AN 100000)")
        );
        assert_eq!(
            bs1_under(svi, &HCM, &[gnomad(0.00003, 100_000)]).state,
            NotMet
        );
        // Absent everywhere: read, and not above.
        assert_eq!(
            bs1_under(svi, &HCM, &[absent("gnomad-exomes", SourceKind::Gnomad)]).state,
            NotMet
        );
        // On too few alleles nothing is decided.
        assert_eq!(
            bs1_under(svi, &HCM, &[panel(300, 1_500)]).state,
            NotEvaluable
        );
        // BA1 already met: BS1 would count the same frequency twice.
        let ba1 = bs1_under(svi, &HCM, &[gnomad(0.06, 100_000)]);
        assert_eq!(ba1.state, NotMet);
        assert!(ba1.reason.contains("count it twice"));
    }

    #[test]
    fn bs1_reads_a_plain_frequency_by_its_allele_count_against_the_tolerated_count() {
        use ProposalState::*;
        let svi = "clingen-svi-points-2020";
        // AN 121,412 at 4.0e-5 tolerates 9 alleles: 9 (AF 7.4e-5, above 4.0e-5) is still
        // credible, 10 is not.
        let nine = bs1_under(svi, &HCM, &[panel(9, 121_412)]);
        assert_eq!(nine.state, NotMet, "{}", nine.reason);
        let ten = bs1_under(svi, &HCM, &[panel(10, 121_412)]);
        assert_eq!(ten.state, Met);
        assert!(
            ten.reason
                .contains("allele count 10, above the 9 a sample of 121412 alleles credibly shows"),
            "{}",
            ten.reason
        );
    }

    #[test]
    fn a_vcep_threshold_stands_in_for_the_disorder() {
        let gaa = bs1_under("clingen-lsd-vcep-gaa-v2", &HCM, &[gnomad(0.001, 10_000)]);
        // 0.003 is below the VCEP's 0.005 though far above HCM's 4.0e-5.
        assert_eq!(gaa.state, ProposalState::NotMet, "{}", gaa.reason);
        let over = bs1_under("clingen-lsd-vcep-gaa-v2", &HCM, &[gnomad(0.005, 10_000)]);
        assert_eq!(over.state, ProposalState::Met);
        assert!(over.reason.contains("above 0.005"), "{}", over.reason);
        assert!(over.reason.contains("R-ACMG-013"), "{}", over.reason);
    }

    #[test]
    fn unusable_parameters_leave_bs1_not_evaluable() {
        let broken = DominantDisorder {
            penetrance: 0.0,
            ..HCM
        };
        let p = bs1_under("clingen-svi-points-2020", &broken, &[gnomad(0.01, 10_000)]);
        assert_eq!(p.state, ProposalState::NotEvaluable);
        assert!(p.reason.contains("penetrance is 0"), "{}", p.reason);
    }
}
