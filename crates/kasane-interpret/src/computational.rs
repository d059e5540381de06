//! PP3 and BP4 for a missense change from one calibrated predictor chosen in advance
//! (Pejaver 2022; DOMAIN.md §1.6, R-ACMG-008): the score's interval in the versioned file
//! `assets/rules/pejaver-2022-predictors.json` gives the strength, capped at Strong. Splicing
//! predictions are not in the cache; for any other consequence both criteria are left to the
//! curator with the reason.

use kasane_core::annotation::PredictorScore;
use serde::{Deserialize, Serialize};

use crate::consequences::TranscriptConsequence;
use crate::criteria::{Criterion, Strength};
use crate::proposal::{Proposal, ProposalState};
use crate::rule_set::{RuleSet, RuleSetError, parse_built_in};

const BUILT_IN: (&str, &str) = (
    "pejaver-2022-predictors.json",
    include_str!("../../../assets/rules/pejaver-2022-predictors.json"),
);

/// The VEP term a missense predictor is calibrated for.
const MISSENSE: &str = "missense_variant";

/// One tool's calibrated intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolIntervals {
    /// The tool's name as the cache's scores name it (`REVEL`).
    pub tool: String,
    /// BP4 strengths, strongest first, each with the highest score it covers (inclusive).
    pub benign_at_most: Vec<(Strength, f64)>,
    /// PP3 strengths, weakest first, each with the lowest score it covers (inclusive).
    pub pathogenic_from: Vec<(Strength, f64)>,
}

/// The calibration file: every tool's intervals and the one tool Kasane reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictorCalibration {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// What it is.
    pub title: String,
    /// Where its numbers come from.
    pub sources: Vec<String>,
    /// The one tool chosen in advance (R-ACMG-008).
    pub tool: String,
    /// The strongest strength computational evidence may reach.
    pub strongest: Strength,
    /// The calibrated tools.
    pub tools: Vec<ToolIntervals>,
}

impl PredictorCalibration {
    /// The built-in calibration, checked: the chosen tool is calibrated, each tool's benign
    /// intervals lie below its pathogenic ones and strengths grow away from the middle.
    pub fn built_in() -> Result<Self, RuleSetError> {
        let (file, text) = BUILT_IN;
        parse_built_in(file, text, |c: &Self| {
            if !c.tools.iter().any(|t| t.tool == c.tool) {
                return Err(format!("the chosen tool {} is not calibrated here", c.tool));
            }
            for t in &c.tools {
                let benign_rises = t
                    .benign_at_most
                    .windows(2)
                    .all(|w| w[0].0 > w[1].0 && w[0].1 < w[1].1);
                let pathogenic_rises = t
                    .pathogenic_from
                    .windows(2)
                    .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1);
                let apart = match (t.benign_at_most.last(), t.pathogenic_from.first()) {
                    (Some(b), Some(p)) => b.1 < p.1,
                    _ => false,
                };
                if !(benign_rises && pathogenic_rises && apart) {
                    return Err(format!(
                        "{}: its intervals overlap or are not ordered by strength",
                        t.tool
                    ));
                }
            }
            Ok(())
        })
    }

    fn chosen(&self) -> Option<&ToolIntervals> {
        self.tools.iter().find(|t| t.tool == self.tool)
    }
}

/// A predictor score of the variant with the cache source it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct PredictorReading {
    /// The source's name in the cache (`revel`).
    pub source: String,
    /// Its release.
    pub release: String,
    /// The score.
    pub score: PredictorScore,
}

/// `id` without its version (`ENST00000382387.5` → `ENST00000382387`).
fn unversioned(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

/// The reading that speaks for `transcript`: the one scored on it, else the only score there is
/// (with a note that it was scored on other transcripts); `Err` names the scores when they
/// disagree and none is for this transcript.
fn reading_for<'r>(
    readings: &[&'r PredictorReading],
    transcript: &TranscriptConsequence,
) -> Result<(&'r PredictorReading, Option<String>), String> {
    let id = unversioned(&transcript.transcript_id);
    if let Some(r) = readings
        .iter()
        .find(|r| r.score.transcripts.iter().any(|t| unversioned(t) == id))
    {
        return Ok((r, None));
    }
    let first = readings[0];
    let on = |r: &PredictorReading| {
        if r.score.transcripts.is_empty() {
            "no transcript named".to_string()
        } else {
            r.score.transcripts.join(", ")
        }
    };
    if readings.iter().all(|r| r.score.score == first.score.score) {
        return Ok((
            first,
            Some(format!(
                "scored on {}, not on {} (the same score on each)",
                on(first),
                transcript.transcript_id
            )),
        ));
    }
    Err(readings
        .iter()
        .map(|r| format!("{} on {}", r.score.score, on(r)))
        .collect::<Vec<_>>()
        .join("; "))
}

/// PP3 and BP4 for the variant read on `transcript` (the one the case table shows first),
/// from the chosen tool's scores among `readings`.
pub fn computational_proposals(
    rule_set: &RuleSet,
    calibration: &PredictorCalibration,
    readings: &[PredictorReading],
    transcript: Option<&TranscriptConsequence>,
) -> Vec<Proposal> {
    let both = |state: ProposalState, reason: String| {
        [Criterion::PP3, Criterion::BP4]
            .into_iter()
            .map(|c| Proposal::new(rule_set, c, state, reason.clone()))
            .collect()
    };
    let Some(intervals) = calibration.chosen() else {
        return both(
            ProposalState::NotEvaluable,
            format!("{} is not calibrated", calibration.tool),
        );
    };
    let spec = format!("{} {}", rule_set.name, rule_set.version);
    if rule_set.computational.is_none() && !rule_set.genes.is_empty() {
        return both(
            ProposalState::NotEvaluable,
            format!(
                "{spec} is a VCEP specification with its own computational criteria, which are not encoded here — apply PP3 and BP4 by hand (DOMAIN.md R-ACMG-013)"
            ),
        );
    }
    let tool = rule_set
        .computational
        .as_ref()
        .map_or(intervals.tool.as_str(), |c| c.tool.as_str());
    let Some(transcript) = transcript else {
        return both(
            ProposalState::NotEvaluable,
            "no protein-coding transcript of the cache lies at the variant".to_string(),
        );
    };
    if !transcript.consequences.iter().any(|c| c == MISSENSE) {
        let consequence = transcript
            .consequences
            .first()
            .map_or("no consequence", String::as_str);
        return both(
            ProposalState::NotEvaluable,
            format!(
                "{tool} is calibrated for missense changes; on {} this is {consequence} — a splicing prediction (SpliceAI, R-ACMG-009) is the curator's, the cache holds none",
                transcript.transcript_id
            ),
        );
    }
    let mine: Vec<&PredictorReading> = readings.iter().filter(|r| r.score.tool == tool).collect();
    if mine.is_empty() {
        return both(
            ProposalState::NotEvaluable,
            format!("the cache holds no {tool} score for this change"),
        );
    }
    let (reading, note) = match reading_for(&mine, transcript) {
        Ok(found) => found,
        Err(scores) => {
            return both(
                ProposalState::NotEvaluable,
                format!(
                    "{tool} scores this change differently on other transcripts ({scores}) and not on {}: choose the score of the disease transcript by hand",
                    transcript.transcript_id
                ),
            );
        }
    };
    let score = reading.score.score;
    if let Some(thresholds) = &rule_set.computational {
        let read = format!("{tool} {score} ({} {})", reading.source, reading.release);
        let judged = |criterion: Criterion, threshold: Option<f64>, holds: bool, words: String| {
            let (state, reason) = match threshold {
                None => (
                    ProposalState::NotEvaluable,
                    format!(
                        "{spec}'s {} threshold is not encoded here — the curator's",
                        criterion.code()
                    ),
                ),
                Some(_) if holds => (ProposalState::Met, format!("{read} {words} ({spec})")),
                Some(_) => (
                    ProposalState::NotMet,
                    format!("{read}: not {words} ({spec})"),
                ),
            };
            Proposal::new(rule_set, criterion, state, reason).with_path(vec![read.clone()])
        };
        return vec![
            judged(
                Criterion::PP3,
                thresholds.pp3_from,
                thresholds.pp3_from.is_some_and(|from| score >= from),
                format!("≥ {}", thresholds.pp3_from.unwrap_or_default()),
            ),
            judged(
                Criterion::BP4,
                thresholds.bp4_below,
                thresholds.bp4_below.is_some_and(|below| score < below),
                format!("< {}", thresholds.bp4_below.unwrap_or_default()),
            ),
        ];
    }
    let read = format!(
        "{tool} {score} ({} {}{})",
        reading.source,
        reading.release,
        note.map(|n| format!("; {n}")).unwrap_or_default()
    );
    let basis = format!(
        "Pejaver 2022; {} {}; DOMAIN.md R-ACMG-008",
        calibration.name, calibration.version
    );
    let pathogenic = intervals
        .pathogenic_from
        .iter()
        .rev()
        .find(|(_, from)| score >= *from);
    let benign = intervals
        .benign_at_most
        .iter()
        .find(|(_, at_most)| score <= *at_most);
    let capped = |strength: Strength| {
        if strength > calibration.strongest {
            (
                calibration.strongest,
                format!(
                    ", capped at {} from {} (computational evidence weighs at most Strong)",
                    calibration.strongest.words(),
                    strength.words()
                ),
            )
        } else {
            (strength, String::new())
        }
    };
    let unused = |c: Criterion| {
        rule_set.unused(c).then(|| {
            Proposal::new(
                rule_set,
                c,
                ProposalState::NotEvaluable,
                format!(
                    "{} {} does not use {}",
                    rule_set.name,
                    rule_set.version,
                    c.code()
                ),
            )
        })
    };
    let path = vec![read.clone()];
    let (pp3, bp4) = match (pathogenic, benign) {
        (Some((strength, from)), _) => {
            let (strength, cap) = capped(*strength);
            (
                Proposal::at(
                    rule_set,
                    Criterion::PP3,
                    strength,
                    ProposalState::Met,
                    format!(
                        "{read} ≥ {from}: {} evidence of a damaging effect{cap} ({basis})",
                        strength.words()
                    ),
                ),
                Proposal::new(
                    rule_set,
                    Criterion::BP4,
                    ProposalState::NotMet,
                    format!("{read} lies in PP3's interval"),
                ),
            )
        }
        (None, Some((strength, at_most))) => {
            let (strength, cap) = capped(*strength);
            (
                Proposal::new(
                    rule_set,
                    Criterion::PP3,
                    ProposalState::NotMet,
                    format!("{read} lies in BP4's interval"),
                ),
                Proposal::at(
                    rule_set,
                    Criterion::BP4,
                    strength,
                    ProposalState::Met,
                    format!(
                        "{read} ≤ {at_most}: {} evidence of no impact{cap} ({basis})",
                        strength.words()
                    ),
                ),
            )
        }
        (None, None) => {
            let low = intervals.benign_at_most.last().map_or(0.0, |b| b.1);
            let high = intervals.pathogenic_from.first().map_or(1.0, |p| p.1);
            let reason = format!(
                "{read} lies between BP4's {low} and PP3's {high}: neither applies ({basis})"
            );
            (
                Proposal::new(
                    rule_set,
                    Criterion::PP3,
                    ProposalState::NotMet,
                    reason.clone(),
                ),
                Proposal::new(rule_set, Criterion::BP4, ProposalState::NotMet, reason),
            )
        }
    };
    [
        unused(Criterion::PP3).unwrap_or(pp3),
        unused(Criterion::BP4).unwrap_or(bp4),
    ]
    .into_iter()
    .map(|p| p.with_path(path.clone()))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missense_on(id: &str) -> TranscriptConsequence {
        TranscriptConsequence {
            transcript_id: id.into(),
            gene_symbol: Some("DOCK8".into()),
            mane_select: true,
            canonical: true,
            coding: true,
            consequences: vec![MISSENSE.into()],
            hgvs_c: None,
            hgvs_p: None,
            nmd: None,
            premature_stop: None,
            altered: None,
            exon_skip: None,
            start_codon: None,
        }
    }

    fn revel(score: f64, transcripts: &[&str]) -> PredictorReading {
        PredictorReading {
            source: "revel".into(),
            release: "v1.3".into(),
            score: PredictorScore {
                tool: "REVEL".into(),
                contig: "chr9".into(),
                pos: 214_980,
                reference: "G".into(),
                alternate: "A".into(),
                score,
                amino_acids: Some("R>Q".into()),
                transcripts: transcripts.iter().map(|t| t.to_string()).collect(),
            },
        }
    }

    fn proposals(score: f64) -> (Proposal, Proposal) {
        let set = RuleSet::named(None).unwrap();
        let calibration = PredictorCalibration::built_in().unwrap();
        let t = missense_on("ENST00000432829.7");
        let mut p = computational_proposals(
            &set,
            &calibration,
            &[revel(score, &["ENST00000432829"])],
            Some(&t),
        );
        let bp4 = p.pop().unwrap();
        let pp3 = p.pop().unwrap();
        (pp3, bp4)
    }

    #[test]
    fn revel_scores_fall_into_pejavers_intervals_with_their_bounds() {
        use ProposalState::*;
        // (score, PP3 name and state, BP4 name and state)
        let table = [
            (0.932, "PP3_Strong", Met, NotMet),
            (0.9319, "PP3_Moderate", Met, NotMet),
            (0.773, "PP3_Moderate", Met, NotMet),
            (0.644, "PP3", Met, NotMet),
            (0.6439, "PP3", NotMet, NotMet),
            (0.291, "PP3", NotMet, NotMet),
            (0.290, "BP4", NotMet, Met),
            (0.183, "BP4_Moderate", NotMet, Met),
            (0.016, "BP4_Strong", NotMet, Met),
        ];
        for (score, name, pp3_state, bp4_state) in table {
            let (pp3, bp4) = proposals(score);
            assert_eq!((pp3.state, bp4.state), (pp3_state, bp4_state), "{score}");
            let met = if pp3.state == Met { &pp3 } else { &bp4 };
            if pp3_state == Met || bp4_state == Met {
                assert_eq!(met.name, name, "{score}");
            }
        }
        let (_, bp4) = proposals(0.5);
        assert!(
            bp4.reason.contains("between BP4's 0.29 and PP3's 0.644"),
            "{}",
            bp4.reason
        );
    }

    #[test]
    fn very_strong_benign_evidence_is_capped_at_strong() {
        let (_, bp4) = proposals(0.002);
        assert_eq!(bp4.name, "BP4_Strong");
        assert!(
            bp4.reason.contains("capped at strong from very strong"),
            "{}",
            bp4.reason
        );
        assert_eq!(bp4.path, ["REVEL 0.002 (revel v1.3)"]);
    }

    #[test]
    fn the_transcripts_score_is_read_and_disagreeing_scores_elsewhere_are_left_to_the_curator() {
        let set = RuleSet::named(None).unwrap();
        let calibration = PredictorCalibration::built_in().unwrap();
        let t = missense_on("ENST00000432829.7");
        let read = |readings: &[PredictorReading]| {
            computational_proposals(&set, &calibration, readings, Some(&t))
        };
        let chosen = read(&[
            revel(0.2, &["ENST00000469391"]),
            revel(0.95, &["ENST00000432829"]),
        ]);
        assert_eq!(chosen[0].name, "PP3_Strong");
        let elsewhere = read(&[revel(0.95, &["ENST00000469391"])]);
        assert_eq!(elsewhere[0].state, ProposalState::Met);
        assert!(
            elsewhere[0]
                .reason
                .contains("scored on ENST00000469391, not on ENST00000432829.7")
        );
        let disagree = read(&[revel(0.2, &["ENST1"]), revel(0.95, &["ENST2"])]);
        assert_eq!(disagree[0].state, ProposalState::NotEvaluable);
        assert!(
            disagree[0].reason.contains("0.2 on ENST1; 0.95 on ENST2"),
            "{}",
            disagree[0].reason
        );
        assert_eq!(read(&[])[1].state, ProposalState::NotEvaluable);
    }

    #[test]
    fn a_change_that_is_not_missense_is_left_to_the_curator() {
        let set = RuleSet::named(None).unwrap();
        let calibration = PredictorCalibration::built_in().unwrap();
        let mut t = missense_on("ENST00000432829.7");
        t.consequences = vec!["synonymous_variant".into()];
        let p = computational_proposals(&set, &calibration, &[revel(0.9, &[])], Some(&t));
        assert!(p.iter().all(|p| p.state == ProposalState::NotEvaluable));
        assert!(
            p[0].reason.contains("this is synonymous_variant"),
            "{}",
            p[0].reason
        );
        let none = computational_proposals(&set, &calibration, &[revel(0.9, &[])], None);
        assert_eq!(none.len(), 2);
    }

    #[test]
    fn a_vcep_rule_set_uses_its_own_thresholds_and_leaves_the_rest_to_the_curator() {
        let gaa = RuleSet::named(Some("clingen-lsd-vcep-gaa-v2")).unwrap();
        let calibration = PredictorCalibration::built_in().unwrap();
        let t = missense_on("ENST00000432829.7");
        let read = |set: &RuleSet, score: f64| {
            computational_proposals(
                set,
                &calibration,
                &[revel(score, &["ENST00000432829"])],
                Some(&t),
            )
        };
        // REVEL 0.2 is BP4_Moderate by Pejaver, BP4 (Supporting) by the GAA VCEP's < 0.5.
        let low = read(&gaa, 0.2);
        assert_eq!(
            (low[1].name.as_str(), low[1].state),
            ("BP4", ProposalState::Met)
        );
        assert!(
            low[1]
                .reason
                .contains("REVEL 0.2 (revel v1.3) < 0.5 (clingen-lsd-vcep-gaa-v2 1.4.0)"),
            "{}",
            low[1].reason
        );
        assert_eq!(low[0].state, ProposalState::NotEvaluable);
        assert!(
            low[0].reason.contains("PP3 threshold is not encoded"),
            "{}",
            low[0].reason
        );
        assert_eq!(read(&gaa, 0.5)[1].state, ProposalState::NotMet);
        // A VCEP without encoded thresholds leaves both to the curator.
        let mut other = gaa.clone();
        other.computational = None;
        let none = read(&other, 0.95);
        assert!(none.iter().all(|p| p.state == ProposalState::NotEvaluable));
        assert!(none[0].reason.contains("its own computational criteria"));
    }

    #[test]
    fn the_built_in_calibration_holds_pejavers_revel_row() {
        let c = PredictorCalibration::built_in().unwrap();
        assert_eq!(c.tool, "REVEL");
        let revel = c.chosen().unwrap();
        assert_eq!(
            revel.pathogenic_from,
            [
                (Strength::Supporting, 0.644),
                (Strength::Moderate, 0.773),
                (Strength::Strong, 0.932)
            ]
        );
        assert_eq!(revel.benign_at_most[0], (Strength::VeryStrong, 0.003));
    }
}
