//! Oncogenicity codes proposed from the cache for a somatic variant (Horak 2022; DOMAIN.md §3.1,
//! R-SOM-004/006): SBVS1 and SBS1 from the five continental gnomAD populations, OP4 when gnomAD
//! does not hold the allele, SBP2 for a synonymous change outside splice regions, and — when the
//! cache holds a cancer gene list — OVS1 for a null variant with NMD predicted in a tumour
//! suppressor and OM2 for an in-frame length change in an oncogene or tumour suppressor (or a
//! stop loss in a tumour suppressor). Hotspot, functional and computational codes need data the
//! cache does not hold; they are the curator's.

use serde::{Deserialize, Serialize};

use crate::consequences::{
    Nmd, NullKind, TranscriptConsequence, described, null_kind, quiet_synonymous,
    relevant_transcript,
};
use crate::oncogenicity::{
    OncogenicityAssessment, OncogenicityCode, OncogenicityRules, assess_oncogenicity,
};
use crate::population::PopulationSource;
use crate::proposal::ProposalState;
use kasane_core::annotation::SourceKind;
use kasane_core::knowledge::CancerGeneRole;

/// What the cache says of the relevant gene's role in cancer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancerRoleReading {
    /// The cache holds no cancer gene list.
    NoList,
    /// The list does not name the gene.
    NotListed,
    /// The list's entry for the gene.
    Listed(CancerGeneRole),
}

impl CancerRoleReading {
    fn tumour_suppressor(&self) -> bool {
        matches!(self, Self::Listed(r) if r.tumour_suppressor)
    }

    fn oncogene(&self) -> bool {
        matches!(self, Self::Listed(r) if r.oncogene)
    }
}

/// The in-frame length-changing terms OM2 reads.
const IN_FRAME: [&str; 2] = ["inframe_insertion", "inframe_deletion"];

/// OVS1 for `t`: a null variant with NMD predicted in a tumour suppressor (R-SOM-006 follows
/// PVS1's NMD logic); every branch the cache cannot decide is the curator's.
fn ovs1(t: &TranscriptConsequence, role: &CancerRoleReading) -> (ProposalState, String) {
    let on = described(t);
    let gene = t.gene_symbol.as_deref().unwrap_or(&t.transcript_id);
    let Some((term, kind)) = null_kind(t) else {
        return (
            ProposalState::NotMet,
            format!("not a null variant on {on} ({})", t.consequences.join(", ")),
        );
    };
    match role {
        CancerRoleReading::NoList => {
            return (
                ProposalState::NotEvaluable,
                format!(
                    "{term} on {on}: whether {gene} is a tumour suppressor needs a cancer gene list, which the cache does not hold (OncoKB's cancerGeneList.tsv in the knowledge folder; DOMAIN.md R-SOM-006)"
                ),
            );
        }
        _ if !role.tumour_suppressor() => {
            return (
                ProposalState::NotMet,
                format!("{gene} is not a tumour suppressor in the cache's cancer gene list"),
            );
        }
        _ => {}
    }
    match (kind, &t.nmd) {
        (NullKind::Truncating(what), Some(Nmd::Predicted)) => (
            ProposalState::Met,
            format!(
                "{what} with NMD predicted on {on}, in the tumour suppressor {gene} (Horak 2022; DOMAIN.md R-SOM-006) — confirm the exon is in the biologically relevant transcripts"
            ),
        ),
        (NullKind::Truncating(what), Some(Nmd::Escapes(why))) => (
            ProposalState::NotEvaluable,
            format!(
                "{what} in the tumour suppressor {gene} escaping NMD ({why}): OVS1 follows the PVS1 tree there (R-SOM-006) — the curator weighs the region it removes"
            ),
        ),
        (NullKind::Truncating(what), None) => (
            ProposalState::NotEvaluable,
            format!(
                "{what} in the tumour suppressor {gene}: no NMD prediction without the cache's reference"
            ),
        ),
        (NullKind::CanonicalSplice | NullKind::InitiationCodon, _) => (
            ProposalState::NotEvaluable,
            format!(
                "{term} in the tumour suppressor {gene}: its outcome (exon skipping, a cryptic site, another start) needs a prediction or RNA evidence before OVS1"
            ),
        ),
    }
}

/// OM2 for `t`: an in-frame length change in an oncogene or tumour suppressor, or a stop loss
/// in a tumour suppressor.
fn om2(t: &TranscriptConsequence, role: &CancerRoleReading) -> (ProposalState, String) {
    let on = described(t);
    let gene = t.gene_symbol.as_deref().unwrap_or(&t.transcript_id);
    let has = |term: &str| t.consequences.iter().any(|c| c == term);
    let in_frame = IN_FRAME.iter().copied().find(|term| has(term));
    let stop_lost = has("stop_lost");
    if in_frame.is_none() && !stop_lost {
        return (
            ProposalState::NotMet,
            format!("no in-frame length change or stop loss on {on}"),
        );
    }
    if *role == CancerRoleReading::NoList {
        return (
            ProposalState::NotEvaluable,
            format!(
                "a protein length change on {on}: whether {gene} is an oncogene or tumour suppressor needs a cancer gene list, which the cache does not hold"
            ),
        );
    }
    match in_frame {
        Some(term) if role.oncogene() || role.tumour_suppressor() => (
            ProposalState::Met,
            format!(
                "{term} on {on}, in {gene}, a known {} (Horak 2022)",
                if role.tumour_suppressor() {
                    "tumour suppressor"
                } else {
                    "oncogene"
                }
            ),
        ),
        None if role.tumour_suppressor() => (
            ProposalState::Met,
            format!("stop loss on {on}, in the tumour suppressor {gene} (Horak 2022)"),
        ),
        _ => (
            ProposalState::NotMet,
            format!(
                "{gene} is not a {} in the cache's cancer gene list",
                if in_frame.is_some() {
                    "known oncogene or tumour suppressor"
                } else {
                    "tumour suppressor (OM2 takes a stop loss only there)"
                }
            ),
        ),
    }
}

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

/// SBVS1, SBS1, OP4, SBP2, OVS1 and OM2 for a variant with these population `sources`, effects
/// on the `transcripts` at it and the `role` in cancer of the gene it is read on.
pub fn oncogenicity_proposals(
    rules: &OncogenicityRules,
    sources: &[PopulationSource],
    transcripts: &[TranscriptConsequence],
    role: &CancerRoleReading,
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
    for (code, judge) in [
        (OncogenicityCode::OVS1, ovs1 as fn(&_, &_) -> _),
        (OncogenicityCode::OM2, om2),
    ] {
        let (state, reason) = match relevant_transcript(transcripts) {
            Some(t) => judge(t, role),
            None => (
                ProposalState::NotEvaluable,
                "no protein-coding transcript of the cache lies at the variant".into(),
            ),
        };
        proposals.push(proposal(code, state, reason));
    }
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
            &CancerRoleReading::NoList,
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
        let uncommon = oncogenicity_proposals(
            &rules,
            &[gnomad(vec![group("afr", 0.02)], 100)],
            &[],
            &CancerRoleReading::NoList,
        );
        assert_eq!(state(&uncommon, SBS1), ProposalState::Met);
        // A bottlenecked group (fin) is not one of the five.
        let finnish = oncogenicity_proposals(
            &rules,
            &[gnomad(vec![group("fin", 0.2), group("nfe", 0.001)], 100)],
            &[],
            &CancerRoleReading::NoList,
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
        let ps = oncogenicity_proposals(&rules, &[absent], &[], &CancerRoleReading::NoList);
        assert_eq!(state(&ps, OP4), ProposalState::Met);
        assert_eq!(ps.if_accepted.map(|a| a.points), Some(1));
        let none = oncogenicity_proposals(&rules, &[], &[], &CancerRoleReading::NoList);
        assert_eq!(state(&none, OP4), ProposalState::NotEvaluable);
        assert_eq!(state(&none, SBP2), ProposalState::NotEvaluable);
    }

    fn on_tp53(terms: &[&str], nmd: Option<Nmd>) -> TranscriptConsequence {
        TranscriptConsequence {
            transcript_id: "ENST00000269305.9".into(),
            gene_symbol: Some("TP53".into()),
            mane_select: true,
            canonical: true,
            coding: true,
            consequences: terms.iter().map(|t| t.to_string()).collect(),
            hgvs_c: Some("c.916C>T".into()),
            hgvs_p: Some("p.(Arg306Ter)".into()),
            nmd,
            premature_stop: None,
            altered: None,
            exon_skip: None,
            start_codon: None,
        }
    }

    fn role(oncogene: bool, tumour_suppressor: bool) -> CancerRoleReading {
        CancerRoleReading::Listed(CancerGeneRole {
            gene: "TP53".into(),
            oncogene,
            tumour_suppressor,
        })
    }

    #[test]
    fn ovs1_needs_a_null_variant_with_nmd_in_a_listed_tumour_suppressor() {
        use OncogenicityCode::*;
        use ProposalState::*;
        let rules = OncogenicityRules::built_in().unwrap();
        let with = |t: TranscriptConsequence, r: CancerRoleReading| {
            let ps = oncogenicity_proposals(&rules, &[], &[t], &r);
            let p = ps
                .proposals
                .iter()
                .find(|p| p.code == OVS1)
                .unwrap()
                .clone();
            (p.state, p.reason)
        };
        let nonsense = || on_tp53(&["stop_gained"], Some(Nmd::Predicted));
        let (state, reason) = with(nonsense(), role(false, true));
        assert_eq!(state, Met, "{reason}");
        assert!(
            reason.starts_with("nonsense with NMD predicted on TP53 ENST00000269305.9"),
            "{reason}"
        );
        assert_eq!(with(nonsense(), role(true, false)).0, NotMet);
        assert_eq!(with(nonsense(), CancerRoleReading::NotListed).0, NotMet);
        let (state, reason) = with(nonsense(), CancerRoleReading::NoList);
        assert_eq!(state, NotEvaluable);
        assert!(reason.contains("cancerGeneList.tsv"), "{reason}");
        let escaping = on_tp53(
            &["stop_gained"],
            Some(Nmd::Escapes("the stop is in the last exon".into())),
        );
        assert_eq!(with(escaping, role(false, true)).0, NotEvaluable);
        assert_eq!(
            with(on_tp53(&["splice_donor_variant"], None), role(false, true)).0,
            NotEvaluable
        );
        assert_eq!(
            with(on_tp53(&["missense_variant"], None), role(false, true)).0,
            NotMet
        );
    }

    #[test]
    fn om2_takes_in_frame_changes_in_listed_genes_and_stop_loss_in_tumour_suppressors() {
        use OncogenicityCode::*;
        use ProposalState::*;
        let rules = OncogenicityRules::built_in().unwrap();
        let with = |terms: &[&str], r: CancerRoleReading| {
            let ps = oncogenicity_proposals(&rules, &[], &[on_tp53(terms, None)], &r);
            ps.proposals.iter().find(|p| p.code == OM2).unwrap().state
        };
        assert_eq!(with(&["inframe_deletion"], role(true, false)), Met);
        assert_eq!(with(&["inframe_insertion"], role(false, true)), Met);
        assert_eq!(
            with(&["inframe_deletion"], CancerRoleReading::NotListed),
            NotMet
        );
        assert_eq!(with(&["stop_lost"], role(false, true)), Met);
        assert_eq!(with(&["stop_lost"], role(true, false)), NotMet);
        assert_eq!(with(&["missense_variant"], role(true, true)), NotMet);
        assert_eq!(
            with(&["inframe_deletion"], CancerRoleReading::NoList),
            NotEvaluable
        );
    }
}
