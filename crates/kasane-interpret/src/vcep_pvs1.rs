//! A VCEP's own PVS1 rules for its gene, kept in its rule-set file and read before the general
//! Abou Tayoun 2018 tree (DOMAIN.md §1.5): the VCEP's statement that loss of function is the
//! disease mechanism (the tree's prerequisite), the codon before which a premature stop is
//! PVS1, the strength of a later stop that escapes decay, the strength of losing each listed
//! exon, and of an initiation-codon change. What the table does not cover goes to the general
//! tree, with the reason on the path.

use serde::{Deserialize, Serialize};

use crate::consequences::{Nmd, NullKind, TranscriptConsequence};
use crate::criteria::{AppliedCriterion, Criterion, Strength};

/// A VCEP's PVS1 table for the gene its rule set covers (ClinGen LSD VCEP for GAA, Table 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pvs1Specification {
    /// The VCEP's statement that loss of function is the disease mechanism: the tree's
    /// prerequisite, which DOMAIN.md §1.5 lets a VCEP give in place of ClinGen dosage.
    pub loss_of_function: String,
    /// The transcripts the codon and exon numbers are written on, versioned (`NM_000152.5`,
    /// and the Ensembl transcript MANE pairs with it).
    pub transcripts: Vec<String>,
    /// Those transcripts' exons, to tell that an exon number means the same exon.
    pub exon_count: usize,
    /// A nonsense, frameshift or splice change whose premature stop comes before this codon
    /// is PVS1 (Very Strong).
    pub stop_before_codon: u64,
    /// A premature stop at or after that codon that escapes nonsense-mediated decay.
    pub late_stop_escaping_decay: Strength,
    /// The whole-exon losses the table grades, with its reasons.
    pub exon_loss: Vec<ExonLossRule>,
    /// A change of the initiation codon.
    pub initiation_codon: Strength,
}

/// The strength the VCEP gives the loss of some exons, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExonLossRule {
    /// Exon numbers on the specification's transcripts.
    pub exons: Vec<usize>,
    /// Their strength.
    pub strength: Strength,
    /// The VCEP's reason, in a line.
    pub why: String,
}

/// What the VCEP's table decides for one null variant: a strength with its reason and the
/// node passed, or the note to put on the path before the general tree takes over.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum VcepDecision {
    /// The table grades the variant.
    Graded {
        /// The strength it gives.
        strength: Strength,
        /// Why, with the table's row.
        reason: String,
        /// The node passed, for the path.
        node: String,
    },
    /// The table does not cover it: the general tree decides.
    NotCovered(String),
}

impl Pvs1Specification {
    /// Whether `transcript_id` (versioned) is one the table's numbers are written on: the same
    /// accession and version, since another version may number exons differently.
    pub fn covers(&self, transcript_id: &str) -> bool {
        self.transcripts.iter().any(|t| t == transcript_id)
    }

    /// The rule for losing exon `exon`, when the table grades it.
    fn exon_rule(&self, exon: usize) -> Option<&ExonLossRule> {
        self.exon_loss.iter().find(|r| r.exons.contains(&exon))
    }

    /// Why the table cannot be read on `transcript_id`, when it cannot.
    fn not_on(&self, transcript_id: &str) -> Option<VcepDecision> {
        (!self.covers(transcript_id)).then(|| {
            VcepDecision::NotCovered(format!(
                "the VCEP's PVS1 table is written on {}; {transcript_id} is read here, so the general tree decides",
                self.transcripts.join(" / ")
            ))
        })
    }

    /// What the table says about a null variant of `kind` on `t`.
    pub(crate) fn decide(&self, t: &TranscriptConsequence, kind: NullKind) -> VcepDecision {
        if let Some(elsewhere) = self.not_on(&t.transcript_id) {
            return elsewhere;
        }
        match kind {
            NullKind::Truncating(what) => self.truncating(t, what),
            NullKind::CanonicalSplice => self.exon_skipping(t),
            NullKind::InitiationCodon => VcepDecision::Graded {
                strength: self.initiation_codon,
                reason: format!(
                    "initiation codon change: {} by the VCEP's table",
                    pvs1_at(self.initiation_codon)
                ),
                node: "VCEP table: initiation codon".to_string(),
            },
        }
    }

    fn truncating(&self, t: &TranscriptConsequence, what: &str) -> VcepDecision {
        let before = self.stop_before_codon;
        let Some(codon) = t.premature_stop else {
            return VcepDecision::NotCovered(format!(
                "the VCEP grades a {what} by where its premature stop falls (before codon {before} or not), which is not known here"
            ));
        };
        if codon < before {
            return VcepDecision::Graded {
                strength: Strength::VeryStrong,
                reason: format!(
                    "{what} whose premature stop takes codon {codon}, before codon {before}: PVS1 by the VCEP's table"
                ),
                node: format!("VCEP table: premature stop at codon {codon}, before codon {before}"),
            };
        }
        match &t.nmd {
            Some(Nmd::Escapes(why)) => VcepDecision::Graded {
                strength: self.late_stop_escaping_decay,
                reason: format!(
                    "{what} whose premature stop takes codon {codon}, 3′ of codon {before}, escaping decay ({why}): {} by the VCEP's table",
                    pvs1_at(self.late_stop_escaping_decay)
                ),
                node: format!(
                    "VCEP table: premature stop at codon {codon}, 3′ of codon {before}, escaping decay"
                ),
            },
            _ => VcepDecision::NotCovered(format!(
                "the premature stop takes codon {codon}, 3′ of codon {before}, without a predicted escape from decay: the VCEP's table does not grade it, so the general tree decides"
            )),
        }
    }

    fn exon_skipping(&self, t: &TranscriptConsequence) -> VcepDecision {
        let Some(skip) = t.exon_skip else {
            return VcepDecision::NotCovered(
                "the exon a skipping would remove is not known here, so the VCEP's exon table cannot be read".to_string(),
            );
        };
        self.exon_loss(
            &t.transcript_id,
            skip.exon,
            skip.exon_count,
            "canonical splice site whose skipping would remove",
            "assumes the exon is skipped — a cryptic site or RNA evidence may lower it",
        )
    }

    /// What the table says about losing the single exon `exon` of `exon_count` on
    /// `transcript_id` (skipped at a splice site, or deleted), worded as `how` it is lost with
    /// the `caveat` the curator must check.
    pub(crate) fn exon_loss(
        &self,
        transcript_id: &str,
        exon: usize,
        exon_count: usize,
        how: &str,
        caveat: &str,
    ) -> VcepDecision {
        if let Some(elsewhere) = self.not_on(transcript_id) {
            return elsewhere;
        }
        if exon_count != self.exon_count {
            return VcepDecision::NotCovered(format!(
                "{transcript_id} has {exon_count} exons here where the VCEP's table numbers {}: the general tree decides",
                self.exon_count
            ));
        }
        match self.exon_rule(exon) {
            Some(rule) => VcepDecision::Graded {
                strength: rule.strength,
                reason: format!(
                    "{how} exon {exon} of {exon_count}: {} by the VCEP's table ({}); {caveat}",
                    pvs1_at(rule.strength),
                    rule.why
                ),
                node: format!("VCEP table: loss of exon {exon}"),
            },
            None => VcepDecision::NotCovered(format!(
                "the VCEP's table does not list exon {exon}: the general tree decides"
            )),
        }
    }

    /// Exons numbered within the transcripts, listed once, and strengths PVS1 can take.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.loss_of_function.trim().is_empty() || self.transcripts.is_empty() {
            return Err("its PVS1 table needs the VCEP's loss-of-function statement and the transcripts it is written on".into());
        }
        let versioned = |id: &str| {
            id.rsplit_once('.').is_some_and(|(accession, version)| {
                !accession.is_empty()
                    && !version.is_empty()
                    && version.bytes().all(|b| b.is_ascii_digit())
            })
        };
        if let Some(bare) = self.transcripts.iter().find(|id| !versioned(id)) {
            return Err(format!(
                "its PVS1 table names the transcript {bare} without a version; write it as the table numbers it (NM_000152.5), since another version may number exons differently"
            ));
        }
        let pvs1_strength = |s: Strength| {
            matches!(
                s,
                Strength::Supporting | Strength::Moderate | Strength::Strong | Strength::VeryStrong
            )
        };
        if !pvs1_strength(self.late_stop_escaping_decay) || !pvs1_strength(self.initiation_codon) {
            return Err("its PVS1 table gives a strength PVS1 cannot take".into());
        }
        let mut seen = Vec::new();
        for rule in &self.exon_loss {
            if !pvs1_strength(rule.strength) {
                return Err("its PVS1 table gives a strength PVS1 cannot take".into());
            }
            for &exon in &rule.exons {
                if exon == 0 || exon > self.exon_count {
                    return Err(format!(
                        "its PVS1 table lists exon {exon}, outside the transcripts' {} exons",
                        self.exon_count
                    ));
                }
                if seen.contains(&exon) {
                    return Err(format!("its PVS1 table lists exon {exon} twice"));
                }
                seen.push(exon);
            }
        }
        Ok(())
    }
}

/// What one row of a VCEP's PVS1 table grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Pvs1Case {
    /// A premature stop before the table's codon.
    StopBeforeCodon,
    /// A premature stop from that codon on that escapes decay.
    LateStopEscapingDecay,
    /// The loss of the listed exons.
    ExonLoss,
    /// A change of the initiation codon.
    InitiationCodon,
}

/// One row of a VCEP's PVS1 table as it reads, with the criterion it gives written out
/// (`PVS1_Strong`), so that every listing names it alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pvs1Grade {
    /// What the row grades.
    pub case: Pvs1Case,
    /// The codon of a stop row.
    pub codon: Option<u64>,
    /// The exons of an exon-loss row.
    pub exons: Vec<usize>,
    /// The criterion it gives: `PVS1`, `PVS1_Strong`, `PVS1_Moderate`.
    pub code: String,
    /// The VCEP's reason, for an exon-loss row.
    pub why: Option<String>,
}

impl Pvs1Specification {
    /// The table's rows in reading order: the stops, the exon losses, the initiation codon.
    pub fn grades(&self) -> Vec<Pvs1Grade> {
        let row = |case, codon, strength| Pvs1Grade {
            case,
            codon,
            exons: Vec::new(),
            code: pvs1_at(strength),
            why: None,
        };
        let codon = Some(self.stop_before_codon);
        let mut rows = vec![
            row(Pvs1Case::StopBeforeCodon, codon, Strength::VeryStrong),
            row(
                Pvs1Case::LateStopEscapingDecay,
                codon,
                self.late_stop_escaping_decay,
            ),
        ];
        rows.extend(self.exon_loss.iter().map(|rule| Pvs1Grade {
            exons: rule.exons.clone(),
            why: Some(rule.why.clone()),
            ..row(Pvs1Case::ExonLoss, None, rule.strength)
        }));
        rows.push(row(Pvs1Case::InitiationCodon, None, self.initiation_codon));
        rows
    }
}

/// `PVS1`, `PVS1_Strong`, … for a strength.
fn pvs1_at(strength: Strength) -> String {
    AppliedCriterion {
        criterion: Criterion::PVS1,
        strength,
        modified: strength != Strength::VeryStrong,
    }
    .name()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_set::RuleSet;

    #[test]
    fn the_gaa_table_reads_row_by_row_with_its_criteria_named() {
        let rules = RuleSet::named(Some("clingen-lsd-vcep-gaa-v2")).unwrap();
        let grades = rules.pvs1.expect("GAA has a PVS1 table").grades();
        let read: Vec<(Pvs1Case, Option<u64>, Vec<usize>, &str)> = grades
            .iter()
            .map(|g| (g.case, g.codon, g.exons.clone(), g.code.as_str()))
            .collect();
        assert_eq!(
            read,
            vec![
                (Pvs1Case::StopBeforeCodon, Some(916), vec![], "PVS1"),
                (
                    Pvs1Case::LateStopEscapingDecay,
                    Some(916),
                    vec![],
                    "PVS1_Moderate"
                ),
                (Pvs1Case::ExonLoss, None, vec![2, 8, 10, 18], "PVS1"),
                (Pvs1Case::ExonLoss, None, vec![6, 9], "PVS1_Strong"),
                (Pvs1Case::ExonLoss, None, vec![17, 19, 20], "PVS1_Moderate"),
                (Pvs1Case::InitiationCodon, None, vec![], "PVS1_Strong"),
            ]
        );
        assert!(
            grades[3]
                .why
                .as_deref()
                .is_some_and(|w| w.contains("catalytic barrel"))
        );
    }
}
