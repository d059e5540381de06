//! Proposals from a variant's consequence on its biologically relevant transcript (MANE
//! Select, else the canonical one, else the one most severely hit): PVS1 through the entry of the
//! Abou Tayoun 2018 tree with the NMD rule and ClinGen's haploinsufficiency as the
//! loss-of-function prerequisite (DOMAIN.md §1.5, R-ACMG-006/007), PM4 and BP3 for in-frame
//! length changes, BP7 for synonymous variants outside splice regions that alter no other
//! coding transcript. An NMD-escaping null variant is weighed by the share of the protein it
//! removes. Each branch the tree cannot take from the cache's data is *not
//! evaluable* and says what the curator must check.

use kasane_core::consequence::severity_rank;
use kasane_core::knowledge::{DosageScore, DosageSensitivity};

use crate::criteria::{Criterion, Strength};
use crate::proposal::{Proposal, ProposalState};
use crate::rule_set::RuleSet;
use crate::vcep_pvs1::VcepDecision;

/// Whether nonsense-mediated decay is predicted for a premature stop (DOMAIN.md R-ACMG-006).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nmd {
    /// Decay predicted.
    Predicted,
    /// Decay escaped, and why (`the stop is in the last exon`).
    Escapes(String),
}

/// A variant's effect on one transcript, as the consequence engine described it.
#[derive(Debug, Clone, PartialEq)]
pub struct TranscriptConsequence {
    /// Versioned transcript id.
    pub transcript_id: String,
    /// Gene symbol.
    pub gene_symbol: Option<String>,
    /// MANE Select.
    pub mane_select: bool,
    /// Ensembl canonical.
    pub canonical: bool,
    /// Whether it encodes a protein.
    pub coding: bool,
    /// VEP's terms, most severe first.
    pub consequences: Vec<String>,
    /// HGVS c.
    pub hgvs_c: Option<String>,
    /// HGVS p.
    pub hgvs_p: Option<String>,
    /// For a premature stop, the NMD prediction.
    pub nmd: Option<Nmd>,
    /// For a premature stop, the codon of the variant protein it takes (1-based).
    pub premature_stop: Option<u64>,
    /// For a coding change, where it begins in the reference protein and how long that is.
    pub altered: Option<AlteredProtein>,
    /// For a change at a canonical splice site, what skipping the exon beside it would do.
    pub exon_skip: Option<ExonSkip>,
    /// For a change of the initiation codon, what the tree's start-codon branch needs.
    pub start_codon: Option<StartCodonEvidence>,
}

/// What the initiation-codon branch of the PVS1 tree reads (DOMAIN.md §1.5 node 5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartCodonEvidence {
    /// The next in-frame methionine of the reference protein (a potential start), as a residue.
    pub next_methionine: Option<u64>,
    /// Another coding transcript of the gene the change does not start-lose: it starts
    /// elsewhere.
    pub other_start: Option<String>,
    /// ClinVar P/LP variants changing residues before that methionine (`key (class)`); `None`
    /// when the cache holds no ClinVar.
    pub pathogenic_upstream: Option<Vec<String>>,
    /// How far downstream the ClinVar records were read, for the reason.
    pub searched: String,
}

/// What skipping the exon beside a canonical splice site would do to the transcript — the
/// outcome the PVS1 tree assumes unless a cryptic site or RNA evidence says otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExonSkip {
    /// The exon (transcription order).
    pub exon: usize,
    /// The transcript's exon count.
    pub exon_count: usize,
    /// Whether the reading frame survives; `None` when the exon holds the start or stop codon.
    pub frame_kept: Option<bool>,
    /// The share of the coding sequence the exon holds.
    pub exon_share: f64,
    /// The share of the coding sequence from the exon to the end.
    pub share_to_end: f64,
}

/// Where a coding change begins in the reference protein, and the protein's length: what the
/// NMD-escape branch of the PVS1 tree weighs (the share of the protein removed or altered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlteredProtein {
    /// The first residue changed (1-based).
    pub first_residue: u64,
    /// The reference protein's length in residues (the stop not counted).
    pub length: u64,
}

impl AlteredProtein {
    /// The share of the protein from the first changed residue to its end, when the residue
    /// lies within it.
    pub fn share_from_first(&self) -> Option<f64> {
        (self.first_residue >= 1 && self.first_residue <= self.length)
            .then(|| (self.length - self.first_residue + 1) as f64 / self.length as f64)
    }
}

/// More than this share of the protein removed keeps an NMD-escaping null variant at
/// PVS1_Strong (Abou Tayoun 2018; DOMAIN.md §1.5).
const REMOVED_SHARE_FOR_STRONG: f64 = 0.10;

/// The tree's 10 % branch for a change removing or altering `share` of the protein (or of
/// the coding sequence): the strength and its words — PVS1_Strong above 10 %, else
/// PVS1_Moderate, which the curator raises to Strong for a critical region.
pub(crate) fn ten_percent_branch(share: f64) -> (Strength, &'static str) {
    if share > REMOVED_SHARE_FOR_STRONG {
        (Strength::Strong, "PVS1_Strong")
    } else {
        (
            Strength::Moderate,
            "PVS1_Moderate, or PVS1_Strong when the region is critical",
        )
    }
}

/// Coding bases from the start within which a premature stop may let translation re-initiate
/// downstream and escape decay: an escape DOMAIN.md §1.5 has flagged, not applied (the VEP NMD
/// plugin's window).
const REINITIATION_CODING_BASES: u64 = 100;

/// The flag for a premature stop at `codon` (1-based) whose first base lies within
/// [`REINITIATION_CODING_BASES`] of the start, for the curator to check.
fn reinitiation_flag(codon: u64) -> Option<String> {
    let first_base = codon.checked_sub(1)? * 3 + 1;
    (first_base <= REINITIATION_CODING_BASES).then(|| {
        format!(
            "the premature stop takes codon {codon}, within the first {REINITIATION_CODING_BASES} coding bases: translation may re-initiate at a later start and escape decay — check before accepting (DOMAIN.md §1.5)"
        )
    })
}

/// Terms that put a variant in or next to a splice site (VEP's set).
const SPLICE_TERMS: [&str; 6] = [
    "splice_donor_variant",
    "splice_acceptor_variant",
    "splice_region_variant",
    "splice_donor_5th_base_variant",
    "splice_donor_region_variant",
    "splice_polypyrimidine_tract_variant",
];

/// The null-variant kinds of the PVS1 tree, by VEP term.
const NULL_KINDS: [(&str, NullKind); 5] = [
    ("stop_gained", NullKind::Truncating("nonsense")),
    ("frameshift_variant", NullKind::Truncating("frameshift")),
    ("splice_donor_variant", NullKind::CanonicalSplice),
    ("splice_acceptor_variant", NullKind::CanonicalSplice),
    ("start_lost", NullKind::InitiationCodon),
];

/// What kind of null variant a consequence term makes (Abou Tayoun 2018's entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NullKind {
    /// Nonsense or frameshift, with its word.
    Truncating(&'static str),
    /// A canonical ±1/2 splice site.
    CanonicalSplice,
    /// The initiation codon.
    InitiationCodon,
}

/// The null-variant term of `t` and its kind, when it has one.
pub(crate) fn null_kind(t: &TranscriptConsequence) -> Option<(&'static str, NullKind)> {
    NULL_KINDS
        .iter()
        .find(|(term, _)| t.consequences.iter().any(|c| c == term))
        .copied()
}

/// The coding transcript the criteria are read on, chosen as the case table's Kasane columns
/// choose theirs: MANE Select, else canonical, else the most severe consequence (the first of
/// equals, in the order given).
pub fn relevant_transcript(
    transcripts: &[TranscriptConsequence],
) -> Option<&TranscriptConsequence> {
    transcripts.iter().filter(|t| t.coding).min_by_key(|t| {
        let most_severe = t
            .consequences
            .first()
            .map_or(usize::MAX, |c| severity_rank(c));
        (!t.mane_select, !t.canonical, most_severe)
    })
}

/// `BRCA1 ENST00000357654.9 (MANE Select) c.5266dup p.(Gln1756ProfsTer74)`.
pub(crate) fn described(t: &TranscriptConsequence) -> String {
    let tag = if t.mane_select {
        " (MANE Select)"
    } else if t.canonical {
        " (canonical)"
    } else {
        ""
    };
    let mut text = match &t.gene_symbol {
        Some(gene) => format!("{gene} {}{tag}", t.transcript_id),
        None => format!("{}{tag}", t.transcript_id),
    };
    for part in [&t.hgvs_c, &t.hgvs_p].into_iter().flatten() {
        text.push(' ');
        text.push_str(part);
    }
    text
}

/// PVS1, PM4, BP3 and BP7 for a small variant whose effects on the transcripts at it are
/// `transcripts`, in a gene whose ClinGen dosage curation is `dosage` (when the cache has one).
pub fn consequence_proposals(
    rule_set: &RuleSet,
    transcripts: &[TranscriptConsequence],
    dosage: Option<&DosageSensitivity>,
) -> Vec<Proposal> {
    let Some(t) = relevant_transcript(transcripts) else {
        let why = "no protein-coding transcript of the cache lies at the variant".to_string();
        return [
            Criterion::PVS1,
            Criterion::PM4,
            Criterion::BP3,
            Criterion::BP7,
        ]
        .into_iter()
        .map(|c| Proposal::new(rule_set, c, ProposalState::NotEvaluable, why.clone()))
        .collect();
    };
    let has = |term: &str| t.consequences.iter().any(|c| c == term);
    let pvs1 = pvs1(rule_set, t, dosage);
    let in_frame = has("inframe_deletion") || has("inframe_insertion");
    let length_changed = in_frame || has("stop_lost");
    let on = described(t);
    let pm4 = if !length_changed {
        Proposal::new(
            rule_set,
            Criterion::PM4,
            ProposalState::NotMet,
            format!("no in-frame length change or stop loss on {on}"),
        )
    } else if pvs1.state == ProposalState::Met {
        Proposal::new(
            rule_set,
            Criterion::PM4,
            ProposalState::NotMet,
            "PVS1 already counts this length-changing event (DOMAIN.md §1.5)".to_string(),
        )
    } else {
        let what = if in_frame {
            "in-frame indel"
        } else {
            "stop loss"
        };
        Proposal::new(
            rule_set,
            Criterion::PM4,
            ProposalState::Met,
            format!(
                "{what} on {on} — the cache holds no repeat annotation: in a repeat region without known function it is BP3 instead"
            ),
        )
    };
    let bp3 = if in_frame {
        Proposal::new(
            rule_set,
            Criterion::BP3,
            ProposalState::NotEvaluable,
            format!(
                "in-frame indel on {on}: whether it lies in a repeat without known function needs repeat annotation, which the cache does not hold"
            ),
        )
    } else {
        Proposal::new(
            rule_set,
            Criterion::BP3,
            ProposalState::NotMet,
            format!("not an in-frame indel on {on}"),
        )
    };
    let bp7 = match quiet_synonymous(t, transcripts) {
        Ok(()) => Proposal::new(
            rule_set,
            Criterion::BP7,
            ProposalState::Met,
            format!(
                "synonymous on {on}, outside every splice region — the cache holds no SpliceAI or conservation scores: accept only when SpliceAI ≤ 0.10 and the base is not highly conserved (DOMAIN.md §1.6)"
            ),
        ),
        Err(why) => Proposal::new(rule_set, Criterion::BP7, ProposalState::NotMet, why),
    };
    vec![pvs1, pm4, bp3, bp7]
}

/// Whether the variant is synonymous on `t` (the transcript read), outside every splice region
/// and altering no other coding transcript — what BP7 and the somatic SBP2 rest on; else why not.
pub fn quiet_synonymous(
    t: &TranscriptConsequence,
    transcripts: &[TranscriptConsequence],
) -> Result<(), String> {
    let on = described(t);
    if !t.consequences.iter().any(|c| c == "synonymous_variant") {
        return Err(format!("not synonymous on {on}"));
    }
    let synonymous_rank = severity_rank("synonymous_variant");
    let altering = transcripts.iter().find(|x| {
        x.coding
            && x.consequences
                .first()
                .is_some_and(|c| severity_rank(c) < synonymous_rank)
    });
    if let Some(other) = altering {
        return Err(format!(
            "synonymous on {on} but {} on {}",
            other.consequences.join("&"),
            described(other)
        ));
    }
    let splice = transcripts
        .iter()
        .flat_map(|x| x.consequences.iter())
        .find(|c| SPLICE_TERMS.contains(&c.as_str()));
    match splice {
        Some(term) => Err(format!(
            "synonymous on {on} but a {term} on a transcript here: splicing may be affected"
        )),
        None => Ok(()),
    }
}

/// A PVS1 proposal the decision tree cannot settle from the cache, with the branch taken so
/// far on `path`, so the annotator sees where the tree stopped and what to check by hand.
pub(crate) fn pvs1_not_evaluable(
    rule_set: &RuleSet,
    reason: String,
    path: Vec<String>,
) -> Proposal {
    Proposal::new(
        rule_set,
        Criterion::PVS1,
        ProposalState::NotEvaluable,
        reason,
    )
    .with_path(path)
}

/// The PVS1 prerequisite (DOMAIN.md §1.5, R-ACMG-007): loss of function established for
/// `gene` by the VCEP whose rule set this is, or by ClinGen's haploinsufficiency score 3,
/// recorded on `path`; else the proposal that PVS1 is not evaluable (no curation in the cache,
/// or a recessive gene, whose mechanism haploinsufficiency does not speak to) or not met.
pub(crate) fn loss_of_function(
    rule_set: &RuleSet,
    gene: &str,
    dosage: Option<&DosageSensitivity>,
    path: &mut Vec<String>,
) -> Result<(), Proposal> {
    // The VCEP speaks for the genes its specification covers only, whichever rule set the
    // curator chose.
    let covered = rule_set.genes.iter().any(|g| g.eq_ignore_ascii_case(gene));
    if let Some(vcep) = rule_set.pvs1.as_ref().filter(|_| covered) {
        path.push(format!(
            "loss of function established by the VCEP ({}): {}",
            rule_set.name, vcep.loss_of_function
        ));
        return Ok(());
    }
    match dosage {
        None => Err(Proposal::new(
            rule_set,
            Criterion::PVS1,
            ProposalState::NotEvaluable,
            format!(
                "the cache holds no ClinGen dosage curation of {gene}: loss of function is not established as its disease mechanism here — check ClinGen gene–disease validity or the VCEP before applying PVS1 (DOMAIN.md §1.5)"
            ),
        )
        .with_path(path.clone())),
        Some(d) if d.haploinsufficiency == DosageScore::AutosomalRecessive => {
            path.push(format!(
                "ClinGen haploinsufficiency 30: {gene} is associated with an autosomal recessive phenotype"
            ));
            Err(Proposal::new(
                rule_set,
                Criterion::PVS1,
                ProposalState::NotEvaluable,
                format!(
                    "ClinGen scores {gene} as associated with an autosomal recessive phenotype (30), where haploinsufficiency is not the question: whether loss of function is the recessive disease's mechanism needs ClinGen gene–disease validity or the VCEP, which the cache does not hold — check before applying PVS1 (DOMAIN.md §1.5)"
                ),
            )
            .with_path(path.clone()))
        }
        Some(d) if !d.loss_of_function_established() => {
            path.push(format!(
                "loss of function not established: ClinGen haploinsufficiency {} ({})",
                d.haploinsufficiency.code(),
                d.haploinsufficiency.description()
            ));
            Err(Proposal::new(
                rule_set,
                Criterion::PVS1,
                ProposalState::NotMet,
                format!(
                    "ClinGen does not establish haploinsufficiency of {gene} (score {}, {}): PVS1 does not apply unless a VCEP says otherwise (DOMAIN.md R-ACMG-007)",
                    d.haploinsufficiency.code(),
                    d.haploinsufficiency.description()
                ),
            )
            .with_path(path.clone()))
        }
        Some(d) => {
            path.push(format!(
                "loss of function established: ClinGen haploinsufficiency 3 ({}, evaluated {})",
                d.haploinsufficiency_disease
                    .as_deref()
                    .unwrap_or("disease not named"),
                d.last_evaluated
            ));
            Ok(())
        }
    }
}

/// The NMD-escape branch of the tree (DOMAIN.md §1.5) for a null variant altering
/// `altered`: the critical-region and frequent-LoF questions are the curator's (the cache holds
/// no domains or per-exon LoF counts), so the share of the protein decides the strength
/// proposed — Strong above 10 %, else Moderate (Strong instead when the region is critical) —
/// with both checks named in the reason.
fn nmd_escape(
    rule_set: &RuleSet,
    what: &str,
    why: &str,
    altered: Option<AlteredProtein>,
    mut path: Vec<String>,
) -> Proposal {
    let Some((share, a)) = altered.and_then(|a| a.share_from_first().map(|s| (s, a))) else {
        return pvs1_not_evaluable(
            rule_set,
            format!(
                "{what} escaping NMD ({why}), and the share of the protein it removes is not known here (no sound reference protein): PVS1_Strong if the truncated region is critical to the protein; not applicable if loss-of-function variants in this exon are frequent in the population or the exon is not in relevant transcripts; otherwise PVS1_Strong when more than 10 % of the protein is removed, else PVS1_Moderate (DOMAIN.md §1.5)"
            ),
            path,
        );
    };
    let percent = share * 100.0;
    path.push(
        "truncated region critical to the protein? the curator's (the cache holds no domains)"
            .to_string(),
    );
    path.push("loss-of-function variants frequent in this exon, or the exon absent from relevant transcripts? the curator's".to_string());
    let checks = "not applicable if loss-of-function variants in this exon are frequent in the population or the exon is not in the biologically relevant transcripts — check before accepting";
    let (strength, reason) = if ten_percent_branch(share).0 == Strength::Strong {
        path.push(format!(
            "removes or alters {percent:.2} % of the protein (residues {}–{} of {}): more than 10 %",
            a.first_residue, a.length, a.length
        ));
        (
            Strength::Strong,
            format!(
                "{what} escaping NMD ({why}) removes or alters {percent:.2} % of the protein (residues {}–{}): PVS1_Strong; {checks} (Abou Tayoun 2018; DOMAIN.md §1.5)",
                a.first_residue, a.length
            ),
        )
    } else {
        path.push(format!(
            "removes or alters {percent:.2} % of the protein (residues {}–{} of {}): 10 % or less",
            a.first_residue, a.length, a.length
        ));
        (
            Strength::Moderate,
            format!(
                "{what} escaping NMD ({why}) removes or alters {percent:.2} % of the protein (residues {}–{}): PVS1_Moderate, or PVS1_Strong when the truncated region is critical to its function (an experimentally shown domain, or pathogenic non-truncating variants there) — change the strength with that reason; {checks} (Abou Tayoun 2018; DOMAIN.md §1.5)",
                a.first_residue, a.length
            ),
        )
    };
    pvs1_met(rule_set, strength, reason, path)
}

/// PVS1 as a VCEP's table grades it on `on`, with the table's node on the path; `None` when
/// the table does not grade the variant, whose reason then goes on the path for the general
/// tree.
pub(crate) fn vcep_proposal(
    rule_set: &RuleSet,
    decision: VcepDecision,
    on: &str,
    path: &mut Vec<String>,
) -> Option<Proposal> {
    match decision {
        VcepDecision::Graded {
            strength,
            reason,
            node,
        } => {
            path.push(node);
            Some(pvs1_met(
                rule_set,
                strength,
                format!("{reason}, on {on} ({} {})", rule_set.name, rule_set.version),
                std::mem::take(path),
            ))
        }
        VcepDecision::NotCovered(why) => {
            path.push(why);
            None
        }
    }
}

/// PVS1 proposed at `strength` with its reason and tree path.
fn pvs1_met(rule_set: &RuleSet, strength: Strength, reason: String, path: Vec<String>) -> Proposal {
    Proposal::at(
        rule_set,
        Criterion::PVS1,
        strength,
        ProposalState::Met,
        reason,
    )
    .with_path(path)
}

/// The canonical-splice branch of the tree (DOMAIN.md §1.5 node 2), assuming the exon beside
/// the site is skipped (its usual outcome; a cryptic site would change it): out of frame with
/// NMD expected → PVS1; out of frame reaching the last exons, or in frame → the 10 % branch on
/// the share of the coding sequence lost.
fn canonical_splice(
    rule_set: &RuleSet,
    on: &str,
    skip: ExonSkip,
    mut path: Vec<String>,
) -> Proposal {
    let exon = format!("exon {} of {}", skip.exon, skip.exon_count);
    path.push(format!(
        "assumed outcome: skipping of {exon} (a cryptic site would change it — confirm with RNA or a splicing predictor)"
    ));
    let confirm =
        "assumes the exon is skipped — confirm with RNA or a splicing predictor before accepting";
    let share_branch = |lost: f64, what: &str, mut path: Vec<String>| {
        let percent = lost * 100.0;
        let (strength, branch) = ten_percent_branch(lost);
        path.push(format!("{what}: {percent:.2} % of the coding sequence"));
        pvs1_met(
            rule_set,
            strength,
            format!(
                "canonical splice site on {on}: skipping {exon} {what} ({percent:.2} % of the coding sequence): {branch}; not applicable if loss-of-function variants there are frequent or the exon is not in the relevant transcripts; {confirm} (Abou Tayoun 2018; DOMAIN.md §1.5)"
            ),
            path,
        )
    };
    match skip.frame_kept {
        _ if skip.exon_share == 0.0 => pvs1_not_evaluable(
            rule_set,
            format!(
                "canonical splice site on {on}: {exon} holds no coding sequence, so skipping it leaves the protein — only another outcome (a cryptic site, intron retention) would make a null allele"
            ),
            path,
        ),
        Some(false) if skip.exon + 1 < skip.exon_count => {
            path.push("out of frame, exons after it kept: NMD expected (node 1, yes)".to_string());
            pvs1_met(
                rule_set,
                Strength::VeryStrong,
                format!(
                    "canonical splice site on {on}: skipping {exon} shifts the frame with NMD expected — PVS1 in a gene where loss of function is established; {confirm} (Abou Tayoun 2018, node 2)"
                ),
                path,
            )
        }
        Some(false) => share_branch(
            skip.share_to_end,
            "shifts the frame into the last exons (NMD not expected) and alters everything after it",
            path,
        ),
        Some(true) => share_branch(
            skip.exon_share,
            "keeps the frame and removes the exon",
            path,
        ),
        None => pvs1_not_evaluable(
            rule_set,
            format!(
                "canonical splice site on {on}: skipping {exon} takes the start or stop codon; the outcome needs RNA evidence"
            ),
            path,
        ),
    }
}

/// The initiation-codon branch of the tree (DOMAIN.md §1.5 node 5): not applicable when another
/// coding transcript of the gene starts elsewhere (if it is functional — the curator's);
/// otherwise PVS1_Moderate when ClinVar holds P/LP variants before the next in-frame
/// methionine, else PVS1_Supporting.
fn initiation_codon(
    rule_set: &RuleSet,
    on: &str,
    gene: &str,
    evidence: Option<&StartCodonEvidence>,
    mut path: Vec<String>,
) -> Proposal {
    let waiting = |why: String, path: Vec<String>| pvs1_not_evaluable(rule_set, why, path);
    let Some(evidence) = evidence else {
        return waiting(
            "initiation codon: not applicable if another functional transcript starts elsewhere; PVS1_Moderate if pathogenic variants lie upstream of the nearest in-frame start, else PVS1_Supporting (DOMAIN.md §1.5)".to_string(),
            path,
        );
    };
    if let Some(other) = &evidence.other_start {
        path.push(format!(
            "another coding transcript of {gene} starts elsewhere: {other}"
        ));
        return waiting(
            format!(
                "initiation codon on {on}: {other} of {gene} is coding and starts elsewhere — not applicable if it is functional in the relevant tissue, else the next in-frame start decides (DOMAIN.md §1.5)"
            ),
            path,
        );
    }
    let Some(methionine) = evidence.next_methionine else {
        return waiting(
            format!(
                "initiation codon on {on}: no next in-frame methionine can be read (the cache's reference is not at hand, or the protein has none)"
            ),
            path,
        );
    };
    path.push(format!("next in-frame potential start: Met{methionine}"));
    let Some(upstream) = &evidence.pathogenic_upstream else {
        return waiting(
            format!(
                "initiation codon on {on}: the cache holds no ClinVar, so whether pathogenic variants lie before Met{methionine} cannot be read — PVS1_Moderate if they do, else PVS1_Supporting"
            ),
            path,
        );
    };
    if upstream.is_empty() {
        path.push(format!(
            "no ClinVar P/LP variant before Met{methionine} ({})",
            evidence.searched
        ));
        pvs1_met(
            rule_set,
            Strength::Supporting,
            format!(
                "initiation codon on {on}: no ClinVar P/LP variant changes a residue before the next in-frame start Met{methionine} ({}) — PVS1_Supporting (Abou Tayoun 2018; DOMAIN.md §1.5)",
                evidence.searched
            ),
            path,
        )
    } else {
        path.push(format!(
            "ClinVar P/LP before Met{methionine}: {}",
            upstream.join(", ")
        ));
        pvs1_met(
            rule_set,
            Strength::Moderate,
            format!(
                "initiation codon on {on}: ClinVar P/LP variants change residues before the next in-frame start Met{methionine} ({}) — PVS1_Moderate (Abou Tayoun 2018; DOMAIN.md §1.5)",
                upstream.join(", ")
            ),
            path,
        )
    }
}

/// PVS1 by the entry of the decision tree; every node passed is in the path.
fn pvs1(
    rule_set: &RuleSet,
    t: &TranscriptConsequence,
    dosage: Option<&DosageSensitivity>,
) -> Proposal {
    let on = described(t);
    let gene = t
        .gene_symbol
        .clone()
        .unwrap_or_else(|| t.transcript_id.clone());
    let kind = null_kind(t);
    let not_evaluable =
        |reason: String, path: Vec<String>| pvs1_not_evaluable(rule_set, reason, path);
    let Some((term, kind)) = kind else {
        return Proposal::new(
            rule_set,
            Criterion::PVS1,
            ProposalState::NotMet,
            format!("not a null variant on {on} ({})", t.consequences.join(", ")),
        );
    };
    let mut path = vec![format!("null variant: {term} on {on}")];
    if let Err(refused) = loss_of_function(rule_set, &gene, dosage, &mut path) {
        return refused;
    }
    if let Some(vcep) = &rule_set.pvs1
        && let Some(graded) = vcep_proposal(rule_set, vcep.decide(t, kind), &on, &mut path)
    {
        return graded;
    }
    match kind {
        NullKind::Truncating(what) => match &t.nmd {
            Some(Nmd::Predicted) => {
                path.push("NMD predicted (DOMAIN.md R-ACMG-006)".to_string());
                let reinitiation = t.premature_stop.and_then(reinitiation_flag);
                if let Some(flag) = &reinitiation {
                    path.push(flag.clone());
                }
                path.push(format!("exon read on {on}"));
                let check = reinitiation.map(|f| format!("; {f}")).unwrap_or_default();
                pvs1_met(
                    rule_set,
                    Strength::VeryStrong,
                    format!(
                        "{what} with NMD predicted on {on}, in a gene where loss of function is established — confirm the exon is in the biologically relevant transcripts (Abou Tayoun 2018, node 1){check}"
                    ),
                    path,
                )
            }
            Some(Nmd::Escapes(why)) => {
                path.push(format!("NMD escaped: {why}"));
                nmd_escape(rule_set, what, why, t.altered, path)
            }
            None => not_evaluable(
                format!("{what}: no NMD prediction without the new stop codon (the cache's reference is not at hand)"),
                path,
            ),
        },
        NullKind::CanonicalSplice => match t.exon_skip {
            Some(skip) => canonical_splice(rule_set, &on, skip, path),
            None => not_evaluable(
                "canonical ±1/2 splice site: the tree needs the predicted outcome (exon skipping or a cryptic site, RNA evidence) — out of frame with NMD → PVS1, otherwise the critical-region and 10 % branch (DOMAIN.md §1.5)".to_string(),
                path,
            ),
        },
        NullKind::InitiationCodon => initiation_codon(rule_set, &on, &gene, t.start_codon.as_ref(), path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript(id: &str, mane: bool, terms: &[&str], nmd: Option<Nmd>) -> TranscriptConsequence {
        TranscriptConsequence {
            transcript_id: id.into(),
            gene_symbol: Some("BRCA1".into()),
            mane_select: mane,
            canonical: false,
            coding: true,
            consequences: terms.iter().map(|t| t.to_string()).collect(),
            hgvs_c: Some("c.5266dup".into()),
            hgvs_p: Some("p.(Gln1756ProfsTer74)".into()),
            nmd,
            premature_stop: None,
            altered: None,
            exon_skip: None,
            start_codon: None,
        }
    }

    fn dosage(score: DosageScore) -> DosageSensitivity {
        DosageSensitivity {
            gene: "BRCA1".into(),
            ncbi_gene_id: "672".into(),
            cytoband: "17q21.31".into(),
            location: None,
            haploinsufficiency: score,
            haploinsufficiency_disease: Some("MONDO:0011450".into()),
            haploinsufficiency_pmids: vec![],
            triplosensitivity: DosageScore::NoEvidence,
            triplosensitivity_disease: None,
            triplosensitivity_pmids: vec![],
            last_evaluated: "2023-01-01".into(),
        }
    }

    fn find(ps: &[Proposal], c: Criterion) -> &Proposal {
        ps.iter().find(|p| p.applied.criterion == c).unwrap()
    }

    fn run(ts: &[TranscriptConsequence], d: Option<DosageSensitivity>) -> Vec<Proposal> {
        consequence_proposals(&RuleSet::named(None).unwrap(), ts, d.as_ref())
    }

    #[test]
    fn a_frameshift_with_nmd_in_a_haploinsufficient_gene_is_pvs1_with_its_tree_path() {
        let ts = [
            transcript("ENST1.1", false, &["intron_variant"], None),
            transcript(
                "ENST2.1",
                true,
                &["frameshift_variant"],
                Some(Nmd::Predicted),
            ),
        ];
        let ps = run(&ts, Some(dosage(DosageScore::Sufficient)));
        let pvs1 = find(&ps, Criterion::PVS1);
        assert_eq!(
            (pvs1.name.as_str(), pvs1.state),
            ("PVS1", ProposalState::Met)
        );
        assert_eq!(pvs1.path.len(), 4, "{:?}", pvs1.path);
        assert!(
            pvs1.path[0].contains("frameshift_variant on BRCA1 ENST2.1 (MANE Select) c.5266dup")
        );
        assert!(pvs1.path[1].contains("haploinsufficiency 3 (MONDO:0011450"));
        assert_eq!(find(&ps, Criterion::PM4).state, ProposalState::NotMet);
    }

    #[test]
    fn pvs1_waits_for_what_the_cache_cannot_say() {
        let nmd = |n| vec![transcript("ENST2.1", true, &["stop_gained"], n)];
        let no_dosage = run(&nmd(Some(Nmd::Predicted)), None);
        let p = find(&no_dosage, Criterion::PVS1);
        assert_eq!(p.state, ProposalState::NotEvaluable);
        assert!(p.reason.contains("no ClinGen dosage curation of BRCA1"));
        let not_hi = run(
            &nmd(Some(Nmd::Predicted)),
            Some(dosage(DosageScore::Little)),
        );
        assert_eq!(find(&not_hi, Criterion::PVS1).state, ProposalState::NotMet);
        let escape = run(
            &nmd(Some(Nmd::Escapes("the stop is in the last exon".into()))),
            Some(dosage(DosageScore::Sufficient)),
        );
        let p = find(&escape, Criterion::PVS1);
        assert_eq!(p.state, ProposalState::NotEvaluable);
        assert!(
            p.reason
                .contains("the share of the protein it removes is not known here")
        );
        assert_eq!(
            p.path.last().unwrap(),
            "NMD escaped: the stop is in the last exon"
        );
        let splice = run(
            &[transcript("ENST2.1", true, &["splice_donor_variant"], None)],
            Some(dosage(DosageScore::Sufficient)),
        );
        assert!(
            find(&splice, Criterion::PVS1)
                .reason
                .starts_with("canonical ±1/2 splice site")
        );
        let missense = run(
            &[transcript("ENST2.1", true, &["missense_variant"], None)],
            None,
        );
        assert_eq!(
            find(&missense, Criterion::PVS1).state,
            ProposalState::NotMet
        );
    }

    #[test]
    fn the_initiation_codon_branch_reads_other_starts_and_pathogenic_variants_before_the_next_methionine()
     {
        let at = |evidence: Option<StartCodonEvidence>| {
            let mut t = transcript("ENST2.1", true, &["start_lost"], None);
            t.start_codon = evidence;
            let ps = run(&[t], Some(dosage(DosageScore::Sufficient)));
            find(&ps, Criterion::PVS1).clone()
        };
        let evidence = |other: Option<&str>, upstream: Option<Vec<String>>| StartCodonEvidence {
            next_methionine: Some(18),
            other_start: other.map(str::to_string),
            pathogenic_upstream: upstream,
            searched: "ClinVar read over 10,000 bases downstream".into(),
        };
        assert_eq!(at(None).state, ProposalState::NotEvaluable);
        let elsewhere = at(Some(evidence(Some("ENST9.1"), Some(vec![]))));
        assert_eq!(elsewhere.state, ProposalState::NotEvaluable);
        assert!(
            elsewhere
                .reason
                .contains("ENST9.1 of BRCA1 is coding and starts elsewhere"),
            "{}",
            elsewhere.reason
        );
        let none = at(Some(evidence(None, Some(vec![]))));
        assert_eq!(
            (none.name.as_str(), none.state),
            ("PVS1_Supporting", ProposalState::Met)
        );
        assert!(
            none.reason.contains("before the next in-frame start Met18"),
            "{}",
            none.reason
        );
        let reported = at(Some(evidence(
            None,
            Some(vec!["chr17-43124094-C-T (Pathogenic)".into()]),
        )));
        assert_eq!(reported.name, "PVS1_Moderate");
        assert_eq!(
            at(Some(evidence(None, None))).state,
            ProposalState::NotEvaluable
        );
    }

    #[test]
    fn a_canonical_splice_variant_is_weighed_as_the_skipping_of_its_exon() {
        let at = |exon: usize, frame_kept: Option<bool>, exon_share: f64, share_to_end: f64| {
            let mut t = transcript("ENST2.1", true, &["splice_donor_variant"], None);
            t.exon_skip = Some(ExonSkip {
                exon,
                exon_count: 23,
                frame_kept,
                exon_share,
                share_to_end,
            });
            let ps = run(&[t], Some(dosage(DosageScore::Sufficient)));
            find(&ps, Criterion::PVS1).clone()
        };
        let shifted = at(5, Some(false), 0.02, 0.8);
        assert_eq!(
            (shifted.name.as_str(), shifted.state),
            ("PVS1", ProposalState::Met)
        );
        assert!(
            shifted
                .reason
                .contains("skipping exon 5 of 23 shifts the frame with NMD expected"),
            "{}",
            shifted.reason
        );
        assert!(
            shifted
                .path
                .iter()
                .any(|n| n.starts_with("assumed outcome: skipping of exon 5 of 23"))
        );
        // Out of frame into the last exons: the share altered decides.
        assert_eq!(at(22, Some(false), 0.03, 0.05).name, "PVS1_Moderate");
        assert_eq!(at(22, Some(false), 0.03, 0.12).name, "PVS1_Strong");
        // In frame: the share removed decides.
        assert_eq!(at(10, Some(true), 0.11, 0.6).name, "PVS1_Strong");
        assert_eq!(at(10, Some(true), 0.04, 0.6).name, "PVS1_Moderate");
        assert_eq!(at(1, None, 0.05, 1.0).state, ProposalState::NotEvaluable);
        assert_eq!(
            at(3, Some(true), 0.0, 0.9).state,
            ProposalState::NotEvaluable
        );
    }

    /// A null variant on GAA's MANE Select transcript, read under the LSD VCEP's rule set.
    fn on_gaa(
        terms: &[&str],
        edit: impl FnOnce(&mut TranscriptConsequence),
        d: Option<DosageSensitivity>,
    ) -> Proposal {
        let mut t = transcript("ENST00000302262.8", true, terms, None);
        t.gene_symbol = Some("GAA".into());
        edit(&mut t);
        let rules = RuleSet::for_genes(&["GAA"]).unwrap();
        let ps = consequence_proposals(&rules, &[t], d.as_ref());
        find(&ps, Criterion::PVS1).clone()
    }

    fn skipping(exon: usize, frame_kept: Option<bool>) -> impl FnOnce(&mut TranscriptConsequence) {
        move |t| {
            t.exon_skip = Some(ExonSkip {
                exon,
                exon_count: 20,
                frame_kept,
                exon_share: 0.04,
                share_to_end: 0.5,
            })
        }
    }

    #[test]
    fn the_gaa_vceps_pvs1_table_grades_null_variants_before_the_general_tree() {
        // ClinGen scores GAA 30 (autosomal recessive): the VCEP's statement stands for the
        // prerequisite.
        let recessive = Some(dosage(DosageScore::AutosomalRecessive));
        let early = on_gaa(
            &["stop_gained"],
            |t| {
                t.premature_stop = Some(854);
                t.nmd = Some(Nmd::Predicted);
            },
            recessive.clone(),
        );
        assert_eq!(
            (early.name.as_str(), early.state),
            ("PVS1", ProposalState::Met)
        );
        assert!(
            early.reason.contains("takes codon 854, before codon 916"),
            "{}",
            early.reason
        );
        assert!(
            early.reason.contains("clingen-lsd-vcep-gaa-v2"),
            "{}",
            early.reason
        );
        assert!(
            early.path[1].starts_with("loss of function established by the VCEP"),
            "{:?}",
            early.path
        );
        // A stop 3′ of codon 916 that escapes decay: PVS1_Moderate, whatever share it removes.
        let late = on_gaa(
            &["frameshift_variant"],
            |t| {
                t.premature_stop = Some(930);
                t.nmd = Some(Nmd::Escapes("the stop is in the last exon".into()));
                t.altered = Some(AlteredProtein {
                    first_residue: 700,
                    length: 952,
                });
            },
            recessive.clone(),
        );
        assert_eq!(late.name, "PVS1_Moderate");
        assert!(
            late.reason.contains("3′ of codon 916, escaping decay"),
            "{}",
            late.reason
        );
        // Exons by the table: 10 (active site) PVS1, 9 (catalytic barrel) Strong, 17 Moderate,
        // 2 (it holds the start codon) PVS1 as the table says.
        let exon = |n: usize, frame: Option<bool>| {
            on_gaa(
                &["splice_acceptor_variant"],
                skipping(n, frame),
                recessive.clone(),
            )
        };
        assert_eq!(exon(10, Some(true)).name, "PVS1");
        assert!(exon(10, Some(true)).reason.contains("remove exon 10 of 20"));
        assert_eq!(exon(9, Some(true)).name, "PVS1_Strong");
        assert_eq!(exon(17, Some(true)).name, "PVS1_Moderate");
        assert_eq!(exon(2, None).name, "PVS1");
        // An exon the table does not list goes to the general tree, which says so on its path.
        let unlisted = exon(12, Some(true));
        assert_eq!(unlisted.name, "PVS1_Moderate");
        assert!(
            unlisted
                .path
                .iter()
                .any(|n| n == "the VCEP's table does not list exon 12: the general tree decides"),
            "{:?}",
            unlisted.path
        );
        let start = on_gaa(&["start_lost"], |_| {}, None);
        assert_eq!(
            (start.name.as_str(), start.state),
            ("PVS1_Strong", ProposalState::Met)
        );
    }

    #[test]
    fn the_vcep_table_is_read_only_on_the_transcripts_it_numbers() {
        let other = on_gaa(
            &["stop_gained"],
            |t| {
                t.transcript_id = "ENST00000390015.7".into();
                t.mane_select = false;
                t.premature_stop = Some(854);
                t.nmd = Some(Nmd::Predicted);
            },
            None,
        );
        // The general tree's node 1, after the note that the table does not apply here.
        assert_eq!(other.name, "PVS1");
        assert!(
            other.path.iter().any(|n| n.contains(
                "the VCEP's PVS1 table is written on NM_000152.5 / ENST00000302262.8; ENST00000390015.7 is read here"
            )),
            "{:?}",
            other.path
        );
        assert!(
            other.reason.contains("Abou Tayoun 2018, node 1"),
            "{}",
            other.reason
        );
        // A 3′ stop with decay predicted is not in the table either.
        let decayed = on_gaa(
            &["stop_gained"],
            |t| {
                t.premature_stop = Some(920);
                t.nmd = Some(Nmd::Predicted);
            },
            None,
        );
        assert!(decayed.reason.contains("node 1"), "{}", decayed.reason);
    }

    #[test]
    fn a_premature_stop_near_the_start_is_flagged_for_reinitiation_not_downgraded() {
        let pvs1_at_codon = |codon: u64| {
            let mut t = transcript("ENST1.1", true, &["stop_gained"], Some(Nmd::Predicted));
            t.premature_stop = Some(codon);
            find(
                &run(&[t], Some(dosage(DosageScore::Sufficient))),
                Criterion::PVS1,
            )
            .clone()
        };
        // Codon 34 starts at coding base 100: flagged; codon 35 at base 103: not.
        let early = pvs1_at_codon(34);
        assert_eq!(
            (early.name.as_str(), early.state),
            ("PVS1", ProposalState::Met)
        );
        assert!(
            early.reason.contains(
                "the premature stop takes codon 34, within the first 100 coding bases: translation may re-initiate"
            ),
            "{}",
            early.reason
        );
        assert!(
            early
                .path
                .iter()
                .any(|n| n.starts_with("the premature stop takes codon 34"))
        );
        let later = pvs1_at_codon(35);
        assert_eq!(later.name, "PVS1");
        assert!(!later.reason.contains("re-initiate"), "{}", later.reason);
    }

    #[test]
    fn a_vceps_statement_establishes_loss_of_function_for_its_own_genes_only() {
        // The GAA rule set chosen by hand for a BRCA1 variant: BRCA1's own curation decides.
        let rules = RuleSet::named(Some("clingen-lsd-vcep-gaa-v2")).unwrap();
        let t = transcript(
            "ENST00000357654.9",
            true,
            &["stop_gained"],
            Some(Nmd::Predicted),
        );
        let pvs1 = |d: Option<DosageSensitivity>| {
            find(
                &consequence_proposals(&rules, std::slice::from_ref(&t), d.as_ref()),
                Criterion::PVS1,
            )
            .clone()
        };
        let without = pvs1(None);
        assert_eq!(without.state, ProposalState::NotEvaluable);
        assert!(
            without
                .reason
                .contains("no ClinGen dosage curation of BRCA1"),
            "{}",
            without.reason
        );
        let with = pvs1(Some(dosage(DosageScore::Sufficient)));
        assert_eq!(with.name, "PVS1");
        assert!(
            with.path.iter().any(
                |n| n.starts_with("loss of function established: ClinGen haploinsufficiency 3")
            )
        );
        assert!(!with.path.iter().any(|n| n.contains("by the VCEP")));
    }

    #[test]
    fn a_recessive_gene_without_a_vcep_leaves_pvs1_to_the_curator() {
        let t = transcript("ENST1.1", true, &["stop_gained"], Some(Nmd::Predicted));
        let pvs1 = find(
            &run(&[t], Some(dosage(DosageScore::AutosomalRecessive))),
            Criterion::PVS1,
        )
        .clone();
        assert_eq!(pvs1.state, ProposalState::NotEvaluable);
        assert!(
            pvs1.reason
                .contains("associated with an autosomal recessive phenotype (30), where haploinsufficiency is not the question"),
            "{}",
            pvs1.reason
        );
    }

    #[test]
    fn an_nmd_escaping_null_variant_is_weighed_by_the_share_of_the_protein_it_removes() {
        // BRCA1 has 1,863 residues: a stop at residue 1,677 removes 187 (10.04 %), one at
        // 1,678 removes 186 (9.98 %).
        let escaping = |first_residue: u64| {
            let mut t = transcript(
                "ENST2.1",
                true,
                &["stop_gained"],
                Some(Nmd::Escapes("the stop is in the last exon".into())),
            );
            t.altered = Some(AlteredProtein {
                first_residue,
                length: 1863,
            });
            let ps = run(&[t], Some(dosage(DosageScore::Sufficient)));
            find(&ps, Criterion::PVS1).clone()
        };
        let strong = escaping(1677);
        assert_eq!(
            (strong.name.as_str(), strong.state),
            ("PVS1_Strong", ProposalState::Met)
        );
        assert!(
            strong.reason.contains("removes or alters 10.04 % of the protein (residues 1677–1863): PVS1_Strong; not applicable if loss-of-function variants in this exon are frequent"),
            "{}",
            strong.reason
        );
        assert_eq!(
            strong.path.last().unwrap(),
            "removes or alters 10.04 % of the protein (residues 1677–1863 of 1863): more than 10 %"
        );
        let moderate = escaping(1678);
        assert_eq!(
            (moderate.name.as_str(), moderate.state),
            ("PVS1_Moderate", ProposalState::Met)
        );
        assert!(
            moderate
                .reason
                .contains("or PVS1_Strong when the truncated region is critical")
        );
        // A residue beyond the protein is not weighed.
        assert_eq!(escaping(1864).state, ProposalState::NotEvaluable);
        assert_eq!(
            AlteredProtein {
                first_residue: 1,
                length: 10
            }
            .share_from_first(),
            Some(1.0)
        );
    }

    #[test]
    fn in_frame_changes_propose_pm4_and_leave_bp3_to_the_curator() {
        let ps = run(
            &[transcript("ENST2.1", true, &["inframe_deletion"], None)],
            None,
        );
        assert_eq!(find(&ps, Criterion::PM4).state, ProposalState::Met);
        assert_eq!(find(&ps, Criterion::BP3).state, ProposalState::NotEvaluable);
        let stop_lost = run(&[transcript("ENST2.1", true, &["stop_lost"], None)], None);
        assert!(
            find(&stop_lost, Criterion::PM4)
                .reason
                .starts_with("stop loss on BRCA1 ENST2.1")
        );
    }

    #[test]
    fn bp7_for_synonymous_variants_outside_splice_regions_only() {
        let quiet = run(
            &[transcript("ENST2.1", true, &["synonymous_variant"], None)],
            None,
        );
        let bp7 = find(&quiet, Criterion::BP7);
        assert_eq!(bp7.state, ProposalState::Met);
        assert!(bp7.reason.contains("SpliceAI ≤ 0.10"));
        let near_splice = run(
            &[
                transcript("ENST2.1", true, &["synonymous_variant"], None),
                transcript(
                    "ENST3.1",
                    false,
                    &["splice_region_variant", "synonymous_variant"],
                    None,
                ),
            ],
            None,
        );
        assert_eq!(
            find(&near_splice, Criterion::BP7).state,
            ProposalState::NotMet
        );
    }

    #[test]
    fn without_a_coding_transcript_nothing_is_evaluable() {
        let mut t = transcript(
            "ENST9.1",
            true,
            &["non_coding_transcript_exon_variant"],
            None,
        );
        t.coding = false;
        let ps = run(&[t], None);
        assert_eq!(ps.len(), 4);
        assert!(ps.iter().all(|p| p.state == ProposalState::NotEvaluable));
    }
}
