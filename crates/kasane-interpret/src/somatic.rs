//! Oncogenicity codes proposed from the cache for a somatic variant (Horak 2022; DOMAIN.md §3.1,
//! R-SOM-004): SBVS1 and SBS1 from the five continental gnomAD populations, OP4 when gnomAD
//! does not hold the allele, SBP2 for a synonymous change outside splice regions. Hotspot,
//! functional, tumour-suppressor and computational codes need data the cache does not hold;
//! they are the curator's.

use serde::{Deserialize, Serialize};

use crate::consequences::{TranscriptConsequence, quiet_synonymous, relevant_transcript};
use crate::oncogenicity::{
    OncogenicityAssessment, OncogenicityCode, OncogenicityRules, assess_oncogenicity,
};
use crate::population::PopulationSource;
use crate::proposal::ProposalState;
use kasane_core::annotation::SourceKind;

/// One oncogenicity code proposed, or not, from the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncogenicityProposal {
    /// The code.
    pub code: OncogenicityCode,
    /// Whether the evidence meets it.
    pub state: ProposalState,
    /// Why, naming the numbers.
    pub reason: String,
}

/// The oncogenicity codes the cache can speak to, and what the met ones would score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncogenicityProposals {
    /// The codes evaluated.
    pub proposals: Vec<OncogenicityProposal>,
    /// The met codes scored (a proposal, not a classification); `None` when the SOP does not
    /// allow them together.
    pub if_accepted: Option<OncogenicityAssessment>,
}

/// The highest allele frequency of the continental groups over the gnomAD sources, with where.
fn highest_continental(
    rules: &OncogenicityRules,
    sources: &[PopulationSource],
) -> Option<(f64, String)> {
    sources
        .iter()
        .filter(|s| s.kind == SourceKind::Gnomad)
        .filter_map(|s| s.record.as_ref().map(|r| (s, r)))
        .flat_map(|(s, r)| {
            r.groups
                .iter()
                .filter(|g| rules.population.continental_groups.contains(&g.group))
                .filter_map(move |g| {
                    g.allele_frequency
                        .map(|af| (af, format!("{} in {} ({})", af, s.name, g.group)))
                })
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// SBVS1, SBS1, OP4 and SBP2 for a variant with these population `sources` and effects on the
/// `transcripts` at it.
pub fn oncogenicity_proposals(
    rules: &OncogenicityRules,
    sources: &[PopulationSource],
    transcripts: &[TranscriptConsequence],
) -> OncogenicityProposals {
    let p = &rules.population;
    let has_gnomad = sources.iter().any(|s| s.kind == SourceKind::Gnomad);
    let proposal = |code, state, reason: String| OncogenicityProposal {
        code,
        state,
        reason,
    };
    let mut proposals = Vec::new();
    if !has_gnomad {
        for code in [
            OncogenicityCode::SBVS1,
            OncogenicityCode::SBS1,
            OncogenicityCode::OP4,
        ] {
            proposals.push(proposal(
                code,
                ProposalState::NotEvaluable,
                "the cache holds no gnomAD source".into(),
            ));
        }
    } else {
        let highest = highest_continental(rules, sources);
        let groups = p.continental_groups.join(", ");
        let (sbvs1, sbs1) = match &highest {
            Some((af, at)) if *af > p.sbvs1_above => (
                proposal(
                    OncogenicityCode::SBVS1,
                    ProposalState::Met,
                    format!(
                        "above {} in a continental population: {at} (Horak 2022, Table 3)",
                        p.sbvs1_above
                    ),
                ),
                proposal(
                    OncogenicityCode::SBS1,
                    ProposalState::NotMet,
                    "SBVS1 already counts this frequency".into(),
                ),
            ),
            Some((af, at)) if *af > p.sbs1_above => (
                proposal(
                    OncogenicityCode::SBVS1,
                    ProposalState::NotMet,
                    format!("not above {}: {at}", p.sbvs1_above),
                ),
                proposal(
                    OncogenicityCode::SBS1,
                    ProposalState::Met,
                    format!(
                        "above {} in a continental population: {at} (Horak 2022, Table 3) — for a hereditary-cancer gene consult its VCEP cut-off",
                        p.sbs1_above
                    ),
                ),
            ),
            Some((_, at)) => (
                proposal(
                    OncogenicityCode::SBVS1,
                    ProposalState::NotMet,
                    format!("not above {}: highest {at}", p.sbvs1_above),
                ),
                proposal(
                    OncogenicityCode::SBS1,
                    ProposalState::NotMet,
                    format!("not above {}: highest {at}", p.sbs1_above),
                ),
            ),
            None => (
                proposal(
                    OncogenicityCode::SBVS1,
                    ProposalState::NotMet,
                    format!("no frequency in {groups}"),
                ),
                proposal(
                    OncogenicityCode::SBS1,
                    ProposalState::NotMet,
                    format!("no frequency in {groups}"),
                ),
            ),
        };
        proposals.push(sbvs1);
        proposals.push(sbs1);
        let observed = sources
            .iter()
            .filter(|s| s.kind == SourceKind::Gnomad)
            .any(|s| {
                s.record
                    .as_ref()
                    .is_some_and(|r| r.overall.allele_count != Some(0))
            });
        proposals.push(if observed {
            proposal(
                OncogenicityCode::OP4,
                ProposalState::NotMet,
                "gnomAD holds the allele".into(),
            )
        } else {
            proposal(
                OncogenicityCode::OP4,
                ProposalState::Met,
                "absent from every gnomAD source of the cache — confirm the site is covered".into(),
            )
        });
    }
    proposals.push(match relevant_transcript(transcripts) {
        None => proposal(OncogenicityCode::SBP2, ProposalState::NotEvaluable, "no protein-coding transcript of the cache lies at the variant".into()),
        Some(t) => match quiet_synonymous(t, transcripts) {
            Ok(()) => proposal(OncogenicityCode::SBP2, ProposalState::Met, "synonymous outside every splice region — confirm no predicted splice impact and a base not highly conserved".into()),
            Err(why) => proposal(OncogenicityCode::SBP2, ProposalState::NotMet, why),
        },
    });
    let met: Vec<String> = proposals
        .iter()
        .filter(|x| x.state == ProposalState::Met)
        .map(|x| x.code.code())
        .collect();
    let if_accepted = assess_oncogenicity(rules, &met).ok();
    OncogenicityProposals {
        proposals,
        if_accepted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kasane_core::annotation::{FrequencyRecord, GroupFrequency};

    fn group(name: &str, af: f64) -> GroupFrequency {
        GroupFrequency {
            group: name.into(),
            allele_count: Some(10),
            allele_number: Some(10_000),
            allele_frequency: Some(af),
            homozygotes: None,
        }
    }

    fn gnomad(groups: Vec<GroupFrequency>, ac: i64) -> PopulationSource {
        PopulationSource {
            name: "gnomad-genomes".into(),
            release: "v4.0".into(),
            kind: SourceKind::Gnomad,
            record: Some(FrequencyRecord {
                contig: "chr1".into(),
                pos: 1,
                reference: "A".into(),
                alternate: "G".into(),
                left_aligned: true,
                filter: None,
                overall: GroupFrequency {
                    group: String::new(),
                    allele_count: Some(ac),
                    allele_number: Some(20_000),
                    allele_frequency: Some(ac as f64 / 20_000.0),
                    homozygotes: None,
                },
                grpmax: None,
                grpmax_frequency: None,
                grpmax_allele_number: None,
                faf95_max: None,
                faf95_max_group: None,
                groups,
            }),
        }
    }

    fn state(ps: &OncogenicityProposals, code: OncogenicityCode) -> ProposalState {
        ps.proposals
            .iter()
            .find(|p| p.code == code)
            .map(|p| p.state)
            .unwrap()
    }

    #[test]
    fn continental_frequencies_decide_sbvs1_and_sbs1_and_others_do_not() {
        use OncogenicityCode::*;
        let rules = OncogenicityRules::built_in().unwrap();
        let common = oncogenicity_proposals(
            &rules,
            &[gnomad(vec![group("eas", 0.08), group("nfe", 0.001)], 100)],
            &[],
        );
        assert_eq!(
            (
                state(&common, SBVS1),
                state(&common, SBS1),
                state(&common, OP4)
            ),
            (
                ProposalState::Met,
                ProposalState::NotMet,
                ProposalState::NotMet
            )
        );
        assert!(
            common.proposals[0]
                .reason
                .contains("0.08 in gnomad-genomes (eas)")
        );
        assert_eq!(common.if_accepted.as_ref().map(|a| a.points), Some(-8));
        let uncommon =
            oncogenicity_proposals(&rules, &[gnomad(vec![group("afr", 0.02)], 100)], &[]);
        assert_eq!(state(&uncommon, SBS1), ProposalState::Met);
        // A bottlenecked group (fin) is not one of the five.
        let finnish = oncogenicity_proposals(
            &rules,
            &[gnomad(vec![group("fin", 0.2), group("nfe", 0.001)], 100)],
            &[],
        );
        assert_eq!(
            (state(&finnish, SBVS1), state(&finnish, SBS1)),
            (ProposalState::NotMet, ProposalState::NotMet)
        );
    }

    #[test]
    fn absence_from_gnomad_is_op4_and_no_gnomad_leaves_it_open() {
        use OncogenicityCode::*;
        let rules = OncogenicityRules::built_in().unwrap();
        let mut absent = gnomad(vec![], 0);
        absent.record = None;
        let ps = oncogenicity_proposals(&rules, &[absent], &[]);
        assert_eq!(state(&ps, OP4), ProposalState::Met);
        assert_eq!(ps.if_accepted.map(|a| a.points), Some(1));
        let none = oncogenicity_proposals(&rules, &[], &[]);
        assert_eq!(state(&none, OP4), ProposalState::NotEvaluable);
        assert_eq!(state(&none, SBP2), ProposalState::NotEvaluable);
    }
}
