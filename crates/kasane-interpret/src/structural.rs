//! PVS1 for structural variants on their relevant transcript (DOMAIN.md §1.5 nodes 3 and 4,
//! §4.2, R-SV-004): a deletion of the whole transcript, or of exons that shift the frame short
//! of the last exon, in a gene where loss of function is established is proposed at Very strong
//! with its path; an in-frame or last-exon deletion, a duplication, and an inversion breaking
//! the gene (a *predicted loss-of-function allele*, which needs RNA or orthogonal confirmation)
//! are not evaluable and say what the curator must settle — unless the break falls inside the
//! coding sequence: then an inversion or a breakend (one side of a translocation, each side its
//! own row) is weighed as the deletion of what it separates from the promoter and proposed for
//! review with the confirmation it needs (DOMAIN.md §4.2). A single exon deleted in a gene
//! whose VCEP grades the loss of that exon takes the VCEP's strength first.

use kasane_core::knowledge::DosageSensitivity;

use crate::consequences::{
    loss_of_function, pvs1_not_evaluable, ten_percent_branch, vcep_proposal,
};
use crate::criteria::{Criterion, Strength};
use crate::proposal::{Proposal, ProposalState};
use crate::rule_set::RuleSet;

/// What kind of structural change it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructuralKind {
    /// A deletion (or copy loss).
    Deletion,
    /// A duplication; `tandem` when the caller says so (`DUP:TANDEM`).
    Duplication {
        /// Whether it is stated to be in tandem.
        tandem: bool,
    },
    /// An inversion.
    Inversion,
    /// One side of a breakend join (a translocation or another rearrangement).
    Breakend,
}

/// A structural variant's exon-level effect on one coding transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct StructuralHit {
    /// Versioned transcript id.
    pub transcript_id: String,
    /// Gene symbol.
    pub gene_symbol: Option<String>,
    /// The change.
    pub kind: StructuralKind,
    /// VEP's structural terms, most severe first (`transcript_ablation` …).
    pub consequences: Vec<String>,
    /// The exons wholly inside the change (transcription order).
    pub exons: Option<(usize, usize)>,
    /// The transcript's exon count.
    pub exon_count: usize,
    /// Whether the reading frame survives, when it can be told.
    pub frame_kept: Option<bool>,
    /// Whether a breakpoint breaks the transcript (inversion, breakend).
    pub disrupted: bool,
    /// Where the breakpoints fall (`intron 2`), for the path.
    pub breakpoints: Vec<String>,
    /// For a break inside the coding sequence, the share of it after the break in transcription
    /// order — what the break separates from the promoter.
    pub coding_share_after: Option<f64>,
}

/// PVS1 for the structural change described by `hit` (the relevant transcript's), in a gene
/// whose ClinGen dosage curation is `dosage`; `None` when no coding transcript is touched.
pub fn structural_pvs1(
    rule_set: &RuleSet,
    hit: Option<&StructuralHit>,
    dosage: Option<&DosageSensitivity>,
) -> Proposal {
    let Some(hit) = hit else {
        return Proposal::new(
            rule_set,
            Criterion::PVS1,
            ProposalState::NotMet,
            "the change touches no protein-coding transcript of the cache".to_string(),
        );
    };
    let gene = hit
        .gene_symbol
        .clone()
        .unwrap_or_else(|| hit.transcript_id.clone());
    let on = format!("{gene} {}", hit.transcript_id);
    let exons = hit.exons.map(|(a, b)| {
        if a == b {
            format!("exon {a}")
        } else {
            format!("exons {a}–{b}")
        }
    });
    let where_broken = if hit.breakpoints.is_empty() {
        String::new()
    } else {
        format!(" (breakpoints in {})", hit.breakpoints.join(", "))
    };
    let mut path = vec![format!(
        "{}: {} on {on}{where_broken}",
        match hit.kind {
            StructuralKind::Deletion => "deletion",
            StructuralKind::Duplication { .. } => "duplication",
            StructuralKind::Inversion => "inversion",
            StructuralKind::Breakend => "breakend",
        },
        hit.consequences.join("&")
    )];
    if let Err(refused) = loss_of_function(rule_set, &gene, dosage, &mut path) {
        return refused;
    }
    let not_evaluable =
        |reason: String, path: Vec<String>| pvs1_not_evaluable(rule_set, reason, path);
    let whole = hit.consequences.iter().any(|c| c == "transcript_ablation");
    if let (Some(vcep), StructuralKind::Deletion, Some((first, last))) =
        (&rule_set.pvs1, hit.kind, hit.exons)
        && !whole
        && first == last
    {
        let decision = vcep.exon_loss(
            &hit.transcript_id,
            first,
            hit.exon_count,
            "deletion of",
            "confirm the breakpoints and that the exon is in the biologically relevant transcripts",
        );
        if let Some(graded) = vcep_proposal(rule_set, decision, &on, &mut path) {
            return graded;
        }
    }
    match hit.kind {
        StructuralKind::Deletion if whole => {
            path.push("whole-gene deletion (Abou Tayoun 2018, node 3)".to_string());
            Proposal::at(
                rule_set,
                Criterion::PVS1,
                Strength::VeryStrong,
                ProposalState::Met,
                format!(
                    "deletion of the whole of {on}, in a gene where loss of function is established"
                ),
            )
            .with_path(path)
        }
        StructuralKind::Deletion => match (exons, hit.frame_kept, hit.exons) {
            (Some(taken), Some(false), Some((_, last))) if last < hit.exon_count => {
                path.push(format!(
                    "{taken} deleted, out of frame, exons after them kept: NMD expected"
                ));
                Proposal::at(
                    rule_set,
                    Criterion::PVS1,
                    Strength::VeryStrong,
                    ProposalState::Met,
                    format!("out-of-frame deletion of {taken} of {on} with NMD expected (Abou Tayoun 2018, node 3) — confirm the exons are in the biologically relevant transcripts"),
                )
                .with_path(path)
            }
            (Some(taken), Some(false), _) => not_evaluable(
                format!(
                    "out-of-frame deletion of {taken} of {on} reaching the last exon: NMD is not expected, so the critical-region and 10 % branch decides (PVS1_Strong or PVS1_Moderate; DOMAIN.md §1.5)"
                ),
                path,
            ),
            (Some(taken), Some(true), _) => not_evaluable(
                format!(
                    "in-frame deletion of {taken} of {on}: PVS1_Strong if the removed region is critical or more than 10 % of the protein, else PVS1_Moderate (DOMAIN.md §1.5)"
                ),
                path,
            ),
            _ => not_evaluable(
                format!(
                    "deletion of part of {on} whose effect on the frame cannot be told (a breakpoint in an exon, or the start or stop codon taken): settle it from the breakpoints or RNA"
                ),
                path,
            ),
        },
        StructuralKind::Duplication { tandem } => not_evaluable(
            format!(
                "duplication of {} of {on}{}: PVS1 when proven in tandem, out of frame and with NMD; PVS1_Strong when presumed in tandem; not applicable when not in tandem (DOMAIN.md §1.5 node 4, branches marked [verify])",
                exons.unwrap_or_else(|| "part".to_string()),
                if tandem {
                    ", called in tandem (not proven)"
                } else {
                    ""
                }
            ),
            path,
        ),
        StructuralKind::Inversion | StructuralKind::Breakend if hit.disrupted => {
            path.push("predicted loss-of-function allele (DOMAIN.md R-SV-004)".to_string());
            if let Some(share) = hit.coding_share_after {
                return separated_from_promoter(rule_set, &on, share, path);
            }
            not_evaluable(
                format!(
                    "a breakpoint breaks {on}: a predicted loss-of-function allele, to be evaluated as a deletion of the exons it separates — requires RNA or orthogonal confirmation before PVS1 (DOMAIN.md §4.2, R-SV-004)"
                ),
                path,
            )
        }
        StructuralKind::Inversion | StructuralKind::Breakend => Proposal::new(
            rule_set,
            Criterion::PVS1,
            ProposalState::NotMet,
            format!("no breakpoint breaks {on}"),
        )
        .with_path(path),
    }
}

/// A break that separates `share` of the coding sequence of `on` from its promoter, weighed as
/// the deletion of that part (DOMAIN.md §4.2): it reaches the last exon, so NMD is not expected
/// and the tree's 10 % branch gives PVS1_Strong or PVS1_Moderate — proposed for review, as a
/// predicted loss-of-function allele needs RNA or orthogonal confirmation (R-SV-004).
fn separated_from_promoter(
    rule_set: &RuleSet,
    on: &str,
    share: f64,
    mut path: Vec<String>,
) -> Proposal {
    let percent = share * 100.0;
    path.push(format!(
        "weighed as the deletion of the coding sequence after the break: {percent:.2} % of it, reaching the last exon (NMD not expected; DOMAIN.md §4.2)"
    ));
    let (strength, words) = ten_percent_branch(share);
    let branch = match strength {
        Strength::Strong => format!("more than 10 %: {words}"),
        _ => format!("10 % or less: {words}"),
    };
    path.push(branch.clone());
    Proposal::at(
        rule_set,
        Criterion::PVS1,
        strength,
        ProposalState::Met,
        format!(
            "a breakpoint breaks {on} and separates {percent:.2} % of its coding sequence from the promoter: a predicted loss-of-function allele weighed as the deletion of that part ({branch}) — requires RNA or orthogonal confirmation (loss of allele-specific expression, a fusion or read-through transcript) before accepting (DOMAIN.md §4.2, R-SV-004)"
        ),
    )
    .with_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kasane_core::knowledge::DosageScore;

    fn hit(
        kind: StructuralKind,
        terms: &[&str],
        exons: Option<(usize, usize)>,
        frame: Option<bool>,
    ) -> StructuralHit {
        StructuralHit {
            transcript_id: "ENST00000357654.9".into(),
            gene_symbol: Some("BRCA1".into()),
            kind,
            consequences: terms.iter().map(|t| t.to_string()).collect(),
            exons,
            exon_count: 23,
            frame_kept: frame,
            disrupted: matches!(kind, StructuralKind::Inversion | StructuralKind::Breakend),
            breakpoints: vec!["intron 2".into()],
            coding_share_after: None,
        }
    }

    fn established() -> DosageSensitivity {
        DosageSensitivity {
            gene: "BRCA1".into(),
            ncbi_gene_id: "672".into(),
            cytoband: "17q21.31".into(),
            location: None,
            haploinsufficiency: DosageScore::Sufficient,
            haploinsufficiency_disease: None,
            haploinsufficiency_pmids: vec![],
            triplosensitivity: DosageScore::NoEvidence,
            triplosensitivity_disease: None,
            triplosensitivity_pmids: vec![],
            last_evaluated: "2023-01-01".into(),
        }
    }

    fn state(h: StructuralHit) -> (ProposalState, String, Vec<String>) {
        let p = structural_pvs1(
            &RuleSet::named(None).unwrap(),
            Some(&h),
            Some(&established()),
        );
        (p.state, p.reason, p.path)
    }

    #[test]
    fn whole_and_out_of_frame_deletions_short_of_the_last_exon_are_pvs1() {
        let (s, reason, path) = state(hit(
            StructuralKind::Deletion,
            &["transcript_ablation"],
            Some((1, 23)),
            None,
        ));
        assert_eq!(s, ProposalState::Met);
        assert!(reason.starts_with("deletion of the whole of BRCA1"));
        assert_eq!(
            path.last().unwrap(),
            "whole-gene deletion (Abou Tayoun 2018, node 3)"
        );
        let (s, _, path) = state(hit(
            StructuralKind::Deletion,
            &["feature_truncation"],
            Some((3, 4)),
            Some(false),
        ));
        assert_eq!(s, ProposalState::Met);
        assert_eq!(
            path.last().unwrap(),
            "exons 3–4 deleted, out of frame, exons after them kept: NMD expected"
        );
    }

    #[test]
    fn a_single_gaa_exon_deleted_is_graded_by_the_vceps_table() {
        let gaa = |exons: (usize, usize), frame: Option<bool>| {
            let mut h = hit(
                StructuralKind::Deletion,
                &["feature_truncation"],
                Some(exons),
                frame,
            );
            h.transcript_id = "ENST00000302262.8".into();
            h.gene_symbol = Some("GAA".into());
            h.exon_count = 20;
            structural_pvs1(&RuleSet::for_genes(&["GAA"]).unwrap(), Some(&h), None)
        };
        // Exon 9 (catalytic barrel): PVS1_Strong by the table, without a ClinGen dosage curation.
        let barrel = gaa((9, 9), Some(true));
        assert_eq!(
            (barrel.name.as_str(), barrel.state),
            ("PVS1_Strong", ProposalState::Met)
        );
        assert!(
            barrel
                .reason
                .starts_with("deletion of exon 9 of 20: PVS1_Strong by the VCEP's table"),
            "{}",
            barrel.reason
        );
        assert_eq!(barrel.path.last().unwrap(), "VCEP table: loss of exon 9");
        // Two exons are not a row of the table: the general tree decides (out of frame → PVS1).
        let two = gaa((3, 4), Some(false));
        assert_eq!(two.name, "PVS1");
        assert!(!two.path.iter().any(|n| n.starts_with("VCEP table")));
        // An exon the table does not list: the general tree, after saying so.
        let unlisted = gaa((12, 12), Some(true));
        assert_eq!(unlisted.state, ProposalState::NotEvaluable);
        assert!(
            unlisted
                .path
                .iter()
                .any(|n| n == "the VCEP's table does not list exon 12: the general tree decides")
        );
    }

    #[test]
    fn what_the_tree_cannot_settle_is_not_evaluable_with_the_branch_to_take() {
        let (s, reason, _) = state(hit(
            StructuralKind::Deletion,
            &["feature_truncation"],
            Some((22, 23)),
            Some(false),
        ));
        assert_eq!(s, ProposalState::NotEvaluable);
        assert!(reason.contains("reaching the last exon"));
        let (s, reason, _) = state(hit(
            StructuralKind::Deletion,
            &["feature_truncation"],
            Some((5, 5)),
            Some(true),
        ));
        assert_eq!(s, ProposalState::NotEvaluable);
        assert!(reason.starts_with("in-frame deletion of exon 5"));
        let (_, reason, _) = state(hit(
            StructuralKind::Duplication { tandem: true },
            &["feature_elongation"],
            Some((5, 6)),
            None,
        ));
        assert!(reason.contains("called in tandem (not proven)"));
        let (s, reason, path) = state(hit(
            StructuralKind::Inversion,
            &["feature_truncation"],
            None,
            None,
        ));
        assert_eq!(s, ProposalState::NotEvaluable);
        assert!(reason.contains("requires RNA or orthogonal confirmation"));
        assert_eq!(
            path[0],
            "inversion: feature_truncation on BRCA1 ENST00000357654.9 (breakpoints in intron 2)"
        );
        assert_eq!(
            path.last().unwrap(),
            "predicted loss-of-function allele (DOMAIN.md R-SV-004)"
        );
        // A break in BRCA1's intron 2 separates most of the coding sequence from the promoter:
        // the 10 % branch, proposed for review with the confirmation it needs.
        let mut broken = hit(
            StructuralKind::Inversion,
            &["feature_truncation"],
            None,
            None,
        );
        broken.coding_share_after = Some(0.98);
        let (s, reason, path) = state(broken.clone());
        assert_eq!(s, ProposalState::Met);
        assert!(
            reason.starts_with("a breakpoint breaks BRCA1 ENST00000357654.9 and separates 98.00 % of its coding sequence from the promoter"),
            "{reason}"
        );
        assert!(reason.contains("requires RNA or orthogonal confirmation"));
        assert_eq!(path.last().unwrap(), "more than 10 %: PVS1_Strong");
        broken.coding_share_after = Some(0.04);
        assert!(
            state(broken)
                .1
                .contains("PVS1_Moderate, or PVS1_Strong when the region is critical")
        );
    }

    #[test]
    fn without_an_established_mechanism_or_a_coding_transcript_there_is_no_pvs1() {
        let set = RuleSet::named(None).unwrap();
        let h = hit(
            StructuralKind::Deletion,
            &["transcript_ablation"],
            Some((1, 23)),
            None,
        );
        assert_eq!(
            structural_pvs1(&set, Some(&h), None).state,
            ProposalState::NotEvaluable
        );
        assert_eq!(
            structural_pvs1(&set, None, None).state,
            ProposalState::NotMet
        );
    }
}
