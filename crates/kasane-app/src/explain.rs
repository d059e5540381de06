//! `kasane explain`: every criterion Kasane proposes for one variant of a case, with its
//! reason, evidence and the cache release it was read from, and what the proposals would
//! score if a curator accepted them all (issue 6).

use std::collections::BTreeSet;
use std::path::Path;

use kasane_annotate::nmd::NmdPrediction;
use kasane_annotate::structural::StructuralChange;
use kasane_core::annotation::SourceKind;
use kasane_core::gene_model::{Interval, TranscriptLocation};
use kasane_core::variant::VariantClass;
use kasane_interpret::consequences::{AlteredProtein, relevant_transcript};
use kasane_interpret::{
    Assessment, Ba1ExceptionList, CancerRoleReading, CnvAssessment, CnvDirection, CnvEvidence,
    CnvRules, Criterion, DominantDisorder, ExonSkip, FusionAssessment, FusionCall, IntragenicLoss,
    IntronicPosition, KnownChange, KnownClass, KnownSpliceChange, Nmd, OncogenicityProposals,
    OncogenicityRules, PopulationSource, PredictorCalibration, PredictorReading, Proposal,
    ProposalState, ProteinChange, RuleSet, StartCodonEvidence, StructuralHit, StructuralKind,
    TranscriptConsequence, assess, assess_fusion, clinvar_proposals, computational_proposals,
    consequence_proposals, oncogenicity_proposals, population_proposals, score_cnv,
    splice_site_ps1, structural_pvs1,
};
use kasane_store::cache::AnnotationCache;
use kasane_tables::variant_table::{Condition, VariantQuery, columns};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::classify::{ClassificationDto, InHouseDto};
use crate::error::{AppError, ErrorKind};
use crate::panel::{TranscriptHitDto, VariantPanelRequestDto, breakend_key};
use crate::sv_effects::{BreakSide, FusionDto, StructuralEffectDto, effects_on};
use crate::use_cases::Kasane;

/// Asks for the proposals of one variant of a case.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExplainRequestDto {
    /// The case.
    pub case_label: String,
    /// The variant's key (`chr1-925952-G-A`).
    pub key: String,
    /// The rule set (the default when absent).
    #[ts(optional)]
    pub rule_set: Option<String>,
    /// The disorder's parameters BS1 is read under; when absent, those stored with the
    /// variant's latest classification.
    #[ts(optional)]
    pub disorder: Option<DominantDisorder>,
}

/// The proposals for one variant and where their evidence comes from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExplanationDto {
    /// The case.
    pub case_label: String,
    /// The variant's key.
    pub key: String,
    /// The cache the evidence was read from.
    pub cache_file: String,
    /// That cache's content SHA-256: the release every fact traces to.
    pub cache_sha256: String,
    /// Each criterion evaluated from the evidence, met or not, with its reason.
    pub proposals: Vec<Proposal>,
    /// The disorder's parameters the population criteria were read under (R-ACMG-005).
    #[ts(optional)]
    pub disorder: Option<DominantDisorder>,
    /// The criteria met, scored as if all were accepted (a proposal, not a classification).
    pub if_accepted: Assessment,
    /// Criteria Kasane does not propose yet: the curator applies them by hand.
    pub not_proposed: Vec<Criterion>,
    /// What else the curator should know (a structural allele's frequencies are not judged
    /// by these rules).
    pub notes: Vec<String>,
    /// The latest version of the variant's classification in this case, if any.
    #[ts(optional)]
    pub classification: Option<ClassificationDto>,
    /// Signed-off classifications of the same variant in the workspace's other cases.
    pub in_house: Vec<InHouseDto>,
    /// For a breakend, each gene pair its join fuses, judged against the diagnostic fusion
    /// list (R-SV-005 to 007).
    pub fusions: Vec<FusionAssessment>,
    /// For a deletion or duplication, the Riggs 2020 sections the cache answers.
    #[ts(optional)]
    pub cnv: Option<CnvAssessment>,
    /// For a small variant of a case with a tumour type, the oncogenicity codes the cache
    /// answers (Horak 2022).
    #[ts(optional)]
    pub oncogenicity: Option<OncogenicityProposals>,
}

/// A panel transcript as the consequence rules read it.
fn transcript_consequence(t: &TranscriptHitDto) -> TranscriptConsequence {
    TranscriptConsequence {
        transcript_id: t.transcript_id.clone(),
        gene_symbol: t.gene_symbol.clone(),
        mane_select: t.mane_select,
        canonical: t.canonical,
        coding: t.coding,
        consequences: t.consequences.clone(),
        hgvs_c: t.hgvs_c.clone(),
        hgvs_p: t.hgvs_p.clone(),
        start_codon: None,
        exon_skip: t.exon_skipping.map(|e| ExonSkip {
            exon: e.exon,
            exon_count: e.exon_count,
            frame_kept: e.frame_kept,
            exon_share: e.exon_share,
            share_to_end: e.share_to_end,
        }),
        altered: t
            .protein_positions
            .zip(t.protein_length)
            .map(|(codons, length)| AlteredProtein {
                first_residue: codons.start,
                length,
            }),
        premature_stop: t.premature_stop,
        nmd: t.nmd.map(|n| match n {
            NmdPrediction::Triggered => Nmd::Predicted,
            NmdPrediction::EscapesLastExon => Nmd::Escapes("the stop is in the last exon".into()),
            NmdPrediction::EscapesPenultimateExonEnd => Nmd::Escapes(
                "the stop is within the 3′-most 50 nucleotides of the penultimate exon".into(),
            ),
            NmdPrediction::EscapesSingleExon => {
                Nmd::Escapes("the transcript has a single exon".into())
            }
        }),
    }
}

/// Each gene pair of `fusions` (one per transcript pair) judged once against the diagnostic
/// list entries of its genes.
fn fusion_assessments(
    cache: &AnnotationCache,
    fusions: &[FusionDto],
    tumour_type: Option<&str>,
) -> Result<Vec<FusionAssessment>, AppError> {
    let calls = FusionCall::per_gene_pair(fusions.iter().map(|f| FusionCall {
        five_prime: f.five_prime.gene_symbol.clone(),
        three_prime: f.three_prime.gene_symbol.clone(),
        in_frame: f.in_frame,
    }));
    calls
        .iter()
        .map(|call| {
            let mut listed = Vec::new();
            for gene in [&call.five_prime, &call.three_prime].into_iter().flatten() {
                for f in cache.gene_knowledge(gene)?.fusions {
                    if !listed.contains(&f) {
                        listed.push(f);
                    }
                }
            }
            Ok(assess_fusion(call, &listed, tumour_type))
        })
        .collect()
}

/// A deletion whose two breakpoints fall inside its relevant coding transcript (Riggs 2020
/// section 2E), with what Kasane's PVS1 proposal made of it; `None` for any other deletion.
fn intragenic_loss(
    effects: &[StructuralEffectDto],
    proposals: &[Proposal],
) -> Option<IntragenicLoss> {
    let (transcript, effect) = effects
        .iter()
        .filter(|t| t.coding)
        .find_map(|t| t.effect.as_ref().map(|e| (t, e)))?;
    if effect.breakpoints.len() != 2 {
        return None;
    }
    let pvs1 = proposals
        .iter()
        .find(|p| p.applied.criterion == Criterion::PVS1)?;
    Some(IntragenicLoss {
        gene: transcript
            .gene_symbol
            .clone()
            .unwrap_or_else(|| transcript.transcript_id.clone()),
        pvs1: (pvs1.state == ProposalState::Met).then_some(pvs1.applied.strength),
        pvs1_reason: pvs1.reason.clone(),
    })
}

/// The Riggs 2020 sections the cache answers for a copy-number change of `span` on `contig`
/// (`intragenic` for a loss inside one gene).
fn cnv_assessment(
    cache: &AnnotationCache,
    contig: &str,
    span: Interval,
    direction: CnvDirection,
    intragenic: Option<IntragenicLoss>,
) -> Result<CnvAssessment, AppError> {
    let protein_coding_genes = if cache.has_gene_models()? {
        let genes: BTreeSet<String> = cache
            .genes_overlapping(contig, span.start, span.end)?
            .into_iter()
            .filter(|g| g.biotype.as_deref() == Some("protein_coding"))
            .map(|g| g.symbol.unwrap_or(g.gene_id))
            .collect();
        Some(genes.into_iter().collect())
    } else {
        None
    };
    let (mut dosage_contained, mut dosage_partial) = (Vec::new(), Vec::new());
    for gene in cache.dosage_genes_overlapping(contig, span.start, span.end)? {
        if let Some(curation) = cache.gene_knowledge(&gene)?.dosage {
            let inside = curation
                .location
                .as_ref()
                .is_some_and(|l| l.start >= span.start && l.end <= span.end);
            if inside {
                dosage_contained.push(curation);
            } else {
                dosage_partial.push(curation);
            }
        }
    }
    let evidence = CnvEvidence {
        direction,
        protein_coding_genes,
        dosage_contained,
        dosage_partial,
        intragenic,
    };
    Ok(score_cnv(&CnvRules::built_in()?, &evidence))
}

/// The kind of change a structural key names — a symbolic ALT (`<DEL>`, `<DUP:TANDEM>`,
/// `<INV>`) read as the importer classes the allele, or a breakend join; `None` for another
/// allele (an `<INS>`, a `<CNV>` of unstated direction).
fn structural_kind(key: &str) -> Option<StructuralKind> {
    if !key.contains('<') && key.contains(['[', ']']) {
        return Some(StructuralKind::Breakend);
    }
    let alternate = key.rsplit('-').next()?;
    match VariantClass::of_symbolic(alternate)? {
        VariantClass::SvDeletion => Some(StructuralKind::Deletion),
        VariantClass::SvDuplication => Some(StructuralKind::Duplication { tandem: false }),
        VariantClass::SvTandemDuplication => Some(StructuralKind::Duplication { tandem: true }),
        VariantClass::SvInversion => Some(StructuralKind::Inversion),
        _ => None,
    }
}

/// The effect of a breakend's own side of its join (`key` names it) on the transcripts its
/// cut lies in: one side of a translocation, weighed on its own row.
fn own_side_effects(
    cache: &AnnotationCache,
    key: &str,
) -> Result<Vec<StructuralEffectDto>, AppError> {
    let Some((contig, pos, join)) = breakend_key(key) else {
        return Ok(Vec::new());
    };
    let (own, _) = BreakSide::of_join(contig, pos, &join);
    let transcripts = cache.transcripts_overlapping(&own.contig, own.pos, own.pos)?;
    effects_on(
        &transcripts,
        &own.contig,
        StructuralChange::Breakend {
            pos: own.pos,
            keeps_left: own.keeps_left,
        },
    )
}

/// The change on its relevant coding transcript (MANE Select first, as the panel lists them).
fn structural_hit(effects: &[StructuralEffectDto], kind: StructuralKind) -> Option<StructuralHit> {
    let (t, effect) = effects
        .iter()
        .filter(|t| t.coding)
        .find_map(|t| t.effect.as_ref().map(|e| (t, e)))?;
    Some(StructuralHit {
        transcript_id: t.transcript_id.clone(),
        gene_symbol: t.gene_symbol.clone(),
        kind,
        consequences: effect
            .consequences
            .iter()
            .map(|c| c.so_term().to_string())
            .collect(),
        exons: effect.exons,
        exon_count: t.exon_count,
        frame_kept: effect.frame_kept,
        disrupted: effect.disrupted,
        breakpoints: effect.breakpoints.iter().map(location_words).collect(),
        coding_share_after: match (effect.coding_bases_before, effect.coding_length) {
            (Some(before), Some(total)) if total > 0 && before < total => {
                Some((total - before) as f64 / total as f64)
            }
            _ => None,
        },
    })
}

/// `exon 3`, `intron 2`, `outside`.
fn location_words(location: &TranscriptLocation) -> String {
    match location {
        TranscriptLocation::Exon(number) => format!("exon {number}"),
        TranscriptLocation::Intron(number) => format!("intron {number}"),
        TranscriptLocation::Outside => "outside the transcript".to_string(),
    }
}

/// Why PVS1 is not proposed for a symbolic allele whose change the rules do not read: a
/// `<CNV>` of unstated direction, or another symbolic allele.
fn pvs1_not_proposed(key: &str) -> String {
    if key.ends_with("<CNV>") {
        "a copy-number change of unstated direction (<CNV>): PVS1 is not proposed — state whether copies are lost or gained".to_string()
    } else {
        let allele = key.rsplit('-').next().unwrap_or(key);
        format!("Kasane does not propose PVS1 for a {allele} allele: judge it by hand")
    }
}

/// How many bases downstream of a start codon ClinVar is read for the initiation-codon branch
/// (within what a locus look-up allows).
const START_SEARCH: u64 = 9_000;

/// The index of the transcript the criteria are read on.
fn relevant_index(transcripts: &[TranscriptConsequence]) -> Option<usize> {
    let relevant = relevant_transcript(transcripts)?;
    transcripts
        .iter()
        .position(|t| t.transcript_id == relevant.transcript_id)
}

/// Whether a key's ALT is symbolic (`<DEL>`) or a breakend join.
fn is_structural(key: &str) -> bool {
    key.contains(['<', '[', ']'])
}

impl Kasane {
    /// The criteria proposed for `request.key` of the case, from the cache the case was
    /// annotated with.
    pub fn explain(&self, request: &ExplainRequestDto) -> Result<ExplanationDto, AppError> {
        let label = request.case_label.trim();
        let key = request.key.trim();
        self.require_case_variant(label, key)?;
        let panel = self.variant_panel(&VariantPanelRequestDto {
            case_label: label.to_string(),
            key: key.to_string(),
        })?;
        let cache = AnnotationCache::open(Path::new(&panel.cache_file))?;
        let (cache_sha256, sources) = cache.release()?;
        let population: Vec<PopulationSource> = sources
            .iter()
            .filter(|s| s.kind.is_frequency())
            .map(|s| PopulationSource {
                name: s.name.clone(),
                release: s.release.clone(),
                kind: s.kind,
                record: panel
                    .frequencies
                    .iter()
                    .find(|f| f.source == s.name)
                    .map(|f| f.record.clone()),
            })
            .collect();
        let mut notes = Vec::new();
        let classification = self.classification_history(label, key)?.into_iter().next();
        let stored_disorder = classification
            .as_ref()
            .and_then(|c| c.criteria.as_ref()?.disorder);
        let disorder = request.disorder.or(stored_disorder);
        if let (None, Some(c)) = (request.disorder, &classification)
            && stored_disorder.is_some()
        {
            notes.push(format!(
                "BS1 is read under the disorder's parameters stored with version {} of the classification",
                c.version
            ));
        }
        let mut transcripts: Vec<TranscriptConsequence> = panel
            .transcripts
            .iter()
            .map(transcript_consequence)
            .collect();
        let has_clinvar = sources.iter().any(|s| s.kind == SourceKind::Clinvar);
        if let Some(index) = relevant_index(&transcripts)
            && transcripts[index]
                .consequences
                .iter()
                .any(|c| c == "start_lost")
        {
            let evidence = self.start_codon_evidence(
                label,
                key,
                &panel.transcripts,
                &transcripts[index],
                has_clinvar,
            )?;
            transcripts[index].start_codon = Some(evidence);
        }
        let gene = relevant_transcript(&transcripts).and_then(|t| t.gene_symbol.clone());
        // The genes the variant lies in, the one it is read on first.
        let genes: Vec<&str> = gene
            .as_deref()
            .into_iter()
            .chain(
                panel
                    .structural
                    .iter()
                    .filter_map(|t| t.gene_symbol.as_deref()),
            )
            .chain(panel.genes.iter().filter_map(|g| g.symbol.as_deref()))
            .collect();
        let rule_sets = self.rule_sets()?;
        let rule_set = match request.rule_set.as_deref() {
            Some(name) => rule_sets.named(Some(name))?,
            None => rule_sets.for_genes(&genes)?,
        };
        if let Some(covered) = genes
            .iter()
            .find(|g| rule_set.genes.iter().any(|x| x.eq_ignore_ascii_case(g)))
        {
            notes.push(format!(
                "{} {} applies: its VCEP specification covers {covered}",
                rule_set.name, rule_set.version
            ));
        }
        if let Some(table) = &rule_set.phenotype {
            notes.push(format!(
                "{} is weighed by the specification's phenotype points ({}): tick the patient's findings on the evidence board or run `kasane rules phenotype --rule-set {} FINDING…`",
                table.criterion,
                table.grades_text(),
                rule_set.name
            ));
        }
        let proposals = if is_structural(key) {
            notes.push("a structural allele's ACMG criteria beyond PVS1 are the curator's; a deletion's or duplication's copy-number score follows Riggs 2020 (below)".to_string());
            for f in &panel.fusions {
                let genes: Vec<&str> = [&f.five_prime.gene_symbol, &f.three_prime.gene_symbol]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                let note = format!(
                    "the join breaks {}: each is a predicted loss-of-function allele (DOMAIN.md R-SV-004) — judge PVS1 for the gene of the disease under review, after RNA or orthogonal confirmation",
                    genes.join(" and ")
                );
                if !genes.is_empty() && !notes.contains(&note) {
                    notes.push(note);
                }
            }
            if let Some(kind) = structural_kind(key) {
                let breakend_effects;
                let effects = match kind {
                    StructuralKind::Breakend => {
                        breakend_effects = own_side_effects(&cache, key)?;
                        &breakend_effects
                    }
                    _ => &panel.structural,
                };
                let hit = structural_hit(effects, kind);
                let dosage = match hit.as_ref().and_then(|h| h.gene_symbol.as_deref()) {
                    Some(gene) => cache.gene_knowledge(gene)?.dosage,
                    None => None,
                };
                vec![structural_pvs1(&rule_set, hit.as_ref(), dosage.as_ref())]
            } else {
                notes.push(pvs1_not_proposed(key));
                Vec::new()
            }
        } else {
            let exceptions = Ba1ExceptionList::built_in()?;
            let listing = exceptions.listing(cache.genome_build()?, key);
            let mut proposals =
                population_proposals(&rule_set, &population, disorder.as_ref(), &listing);
            if sources.iter().any(|s| s.kind == SourceKind::Genes) {
                let dosage = panel
                    .knowledge
                    .iter()
                    .find(|k| Some(&k.gene) == gene.as_ref())
                    .and_then(|k| k.dosage.as_ref());
                proposals.extend(consequence_proposals(&rule_set, &transcripts, dosage));
                if sources.iter().any(|s| s.kind == SourceKind::Predictor) {
                    let readings: Vec<PredictorReading> = panel
                        .scores
                        .iter()
                        .map(|s| PredictorReading {
                            source: s.source.clone(),
                            release: s.release.clone(),
                            score: s.score.clone(),
                        })
                        .collect();
                    proposals.extend(computational_proposals(
                        &rule_set,
                        &PredictorCalibration::built_in()?,
                        &readings,
                        relevant_transcript(&transcripts),
                    ));
                } else {
                    notes.push(
                        "the cache holds no missense predictor scores: PP3 and BP4 are not evaluated"
                            .to_string(),
                    );
                }
                if let Some(t) = relevant_transcript(&transcripts) {
                    if has_clinvar {
                        let pvs1 = proposals
                            .iter()
                            .find(|p| p.applied.criterion == Criterion::PVS1)
                            .cloned();
                        proposals.extend(self.clinvar_residue_proposals(
                            label,
                            key,
                            t,
                            &rule_set,
                            pvs1.as_ref(),
                        )?);
                    } else {
                        notes.push(
                            "the cache holds no ClinVar: PS1 and PM5 are not evaluated".to_string(),
                        );
                    }
                }
            } else {
                notes.push(
                    "the cache holds no gene models: PVS1, PM4, BP3 and BP7 are not evaluated"
                        .to_string(),
                );
            }
            proposals
        };
        let met: Vec<String> = proposals
            .iter()
            .filter(|p| p.state == ProposalState::Met)
            .map(|p| p.name.clone())
            .collect();
        let if_accepted = assess(&rule_set, &met)?;
        let not_proposed = Criterion::ALL
            .into_iter()
            .filter(|c| !proposals.iter().any(|p| p.applied.criterion == *c))
            .collect();
        let in_house = self.in_house_classifications(label, key)?;
        let tumour_type = self.workspace.case(label)?.tumour_type;
        let somatic = tumour_type.as_deref().is_some_and(|t| !t.trim().is_empty());
        let oncogenicity = if somatic && !is_structural(key) {
            let role = if !cache.has_cancer_gene_roles()? {
                CancerRoleReading::NoList
            } else {
                match panel
                    .knowledge
                    .iter()
                    .find(|k| Some(&k.gene) == gene.as_ref())
                    .and_then(|k| k.cancer_role.clone())
                {
                    Some(role) => CancerRoleReading::Listed(role),
                    None => CancerRoleReading::NotListed,
                }
            };
            Some(oncogenicity_proposals(
                &OncogenicityRules::built_in()?,
                &population,
                &transcripts,
                &role,
            ))
        } else {
            None
        };
        let fusions = fusion_assessments(&cache, &panel.fusions, tumour_type.as_deref())?;
        let cnv = match (structural_kind(key), self.structural_row(label, key)?) {
            (Some(StructuralKind::Deletion), Some((contig, change))) => Some(cnv_assessment(
                &cache,
                &contig,
                change.span(),
                CnvDirection::Loss,
                intragenic_loss(&panel.structural, &proposals),
            )?),
            (Some(StructuralKind::Duplication { .. }), Some((contig, change))) => Some(
                cnv_assessment(&cache, &contig, change.span(), CnvDirection::Gain, None)?,
            ),
            _ => None,
        };
        Ok(ExplanationDto {
            classification,
            in_house,
            fusions,
            cnv,
            oncogenicity,
            case_label: label.to_string(),
            key: key.to_string(),
            cache_file: panel.cache_file,
            cache_sha256,
            proposals,
            disorder,
            if_accepted,
            not_proposed,
            notes,
        })
    }

    /// What the initiation-codon branch needs for `key` on transcript `t`: another coding
    /// transcript of the gene that starts elsewhere, the next in-frame methionine, and the
    /// ClinVar P/LP variants changing residues before it (read over [`START_SEARCH`] bases
    /// downstream of the start).
    fn start_codon_evidence(
        &self,
        label: &str,
        key: &str,
        hits: &[TranscriptHitDto],
        t: &TranscriptConsequence,
        has_clinvar: bool,
    ) -> Result<StartCodonEvidence, AppError> {
        let hit = hits.iter().find(|h| h.transcript_id == t.transcript_id);
        let other_start = hits
            .iter()
            .find(|h| {
                h.coding
                    && h.transcript_id != t.transcript_id
                    && h.gene_symbol == t.gene_symbol
                    && !h.consequences.iter().any(|c| c == "start_lost")
            })
            .map(|h| h.transcript_id.clone());
        let next_methionine = hit.and_then(|h| h.next_methionine);
        let searched = format!("ClinVar read over {START_SEARCH} bases downstream of the start");
        let pathogenic_upstream = match (has_clinvar, next_methionine, hit) {
            (false, ..) => None,
            (true, Some(methionine), Some(hit)) => {
                let mut parts = key.splitn(3, '-');
                let (Some(contig), Some(Ok(pos))) =
                    (parts.next(), parts.next().map(str::parse::<u64>))
                else {
                    return Err(AppError::new(
                        ErrorKind::InvalidInput,
                        format!("{key} is not a variant key"),
                    ));
                };
                let (start, end) = if hit.strand == "-" {
                    (pos.saturating_sub(START_SEARCH), pos + 2)
                } else {
                    (pos.saturating_sub(2), pos + START_SEARCH)
                };
                let mut found = Vec::new();
                for (other, class, _) in self.clinvar_near(label, key, contig, start, end)? {
                    let described = self.variant_panel(&VariantPanelRequestDto {
                        case_label: label.to_string(),
                        key: other.clone(),
                    })?;
                    let before = described
                        .transcripts
                        .iter()
                        .find(|x| x.transcript_id == t.transcript_id)
                        .and_then(|x| x.protein_positions)
                        .is_some_and(|p| p.start < methionine);
                    if before {
                        found.push(format!("{other} ({})", class.words()));
                    }
                }
                Some(found)
            }
            (true, ..) => Some(Vec::new()),
        };
        Ok(StartCodonEvidence {
            next_methionine,
            other_start,
            pathogenic_upstream,
            searched,
        })
    }

    /// PS1 and PM5 for `key`, read on transcript `t`: the ClinVar P/LP records starting within
    /// two bases of it (its codon, unless an intron splits it; its ±1,2 dinucleotide for a
    /// change at a canonical splice site, weighed with its `pvs1` proposal) described on the
    /// same transcript.
    fn clinvar_residue_proposals(
        &self,
        label: &str,
        key: &str,
        t: &TranscriptConsequence,
        rule_set: &RuleSet,
        pvs1: Option<&Proposal>,
    ) -> Result<Vec<Proposal>, AppError> {
        let on = format!(
            "{} {}",
            t.gene_symbol.as_deref().unwrap_or("-"),
            t.transcript_id
        );
        let missense = t.consequences.iter().any(|c| c == "missense_variant");
        let change = t
            .hgvs_p
            .as_deref()
            .filter(|_| missense)
            .and_then(ProteinChange::parse_missense);
        let mut parts = key.splitn(4, '-');
        let (Some(contig), Some(Ok(pos)), Some(reference)) = (
            parts.next(),
            parts.next().map(str::parse::<u64>),
            parts.next(),
        ) else {
            return Ok(clinvar_proposals(rule_set, &on, None, &[]));
        };
        let splice_site = t
            .hgvs_c
            .as_deref()
            .and_then(|c| Some((c, IntronicPosition::parse_substitution(c)?)))
            .filter(|(_, p)| p.canonical());
        if let (Some((hgvs_c, position)), Some(pvs1)) = (splice_site, pvs1) {
            let mut known = Vec::new();
            for (other, class, stars) in
                self.clinvar_near(label, key, contig, pos.saturating_sub(2), pos + 2)?
            {
                let described = self.variant_panel(&VariantPanelRequestDto {
                    case_label: label.to_string(),
                    key: other.clone(),
                })?;
                let theirs = described
                    .transcripts
                    .iter()
                    .find(|x| x.transcript_id == t.transcript_id)
                    .and_then(|x| x.hgvs_c.clone());
                if let Some(hgvs) = theirs
                    && let Some(at) = IntronicPosition::parse_substitution(&hgvs)
                {
                    known.push(KnownSpliceChange {
                        key: other,
                        hgvs_c: hgvs,
                        position: at,
                        class,
                        stars,
                    });
                }
            }
            if let Some(ps1) = splice_site_ps1(rule_set, &on, hgvs_c, &position, pvs1, &known) {
                let pm5 = Proposal::new(
                    rule_set,
                    Criterion::PM5,
                    ProposalState::NotMet,
                    format!("not a missense change on {on}: PM5 compares missense changes"),
                );
                return Ok(vec![ps1, pm5]);
            }
        }
        let mut known = Vec::new();
        if change.is_some() {
            let end = pos + reference.len() as u64 + 1;
            for (other, class, stars) in
                self.clinvar_near(label, key, contig, pos.saturating_sub(2), end)?
            {
                let described = self.variant_panel(&VariantPanelRequestDto {
                    case_label: label.to_string(),
                    key: other.clone(),
                })?;
                let their = described
                    .transcripts
                    .iter()
                    .find(|x| x.transcript_id == t.transcript_id)
                    .and_then(|x| x.hgvs_p.as_deref())
                    .and_then(ProteinChange::parse_missense);
                if let Some(change) = their {
                    known.push(KnownChange {
                        key: other,
                        change,
                        class,
                        stars,
                    });
                }
            }
        }
        Ok(clinvar_proposals(rule_set, &on, change.as_ref(), &known))
    }

    /// The ClinVar Pathogenic or Likely pathogenic records at `contig`:`start`-`end` other than
    /// `key` itself: each one's key, class and stars.
    fn clinvar_near(
        &self,
        label: &str,
        key: &str,
        contig: &str,
        start: u64,
        end: u64,
    ) -> Result<Vec<(String, KnownClass, Option<u8>)>, AppError> {
        let near = self.variant_panel(&VariantPanelRequestDto {
            case_label: label.to_string(),
            key: format!("{contig}:{}-{end}", start.max(1)),
        })?;
        Ok(near
            .clinvar
            .into_iter()
            .filter_map(|record| {
                let other = record.key();
                let class = record
                    .significance
                    .as_deref()
                    .and_then(KnownClass::of_significance)?;
                (other != key).then_some((other, class, record.stars))
            })
            .collect())
    }

    /// Refuses a key that is not one of the case's variants.
    fn require_case_variant(&self, label: &str, key: &str) -> Result<(), AppError> {
        let query = VariantQuery {
            conditions: vec![Condition::OneOf {
                column: columns::KEY.to_string(),
                values: vec![key.to_string()],
            }],
            sort: None,
        };
        let page = self
            .variant_table(label)?
            .page(&query, 0, 1, &[columns::KEY.to_string()])?;
        if page.rows.is_empty() {
            return Err(AppError::new(
                ErrorKind::NotFound,
                format!(
                    "case {label:?} has no variant {key}; keys are chrom-pos-ref-alt as `kasane variants {label}` lists them"
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symbolic_key_names_its_change_and_a_cnv_of_unstated_direction_none() {
        assert_eq!(
            structural_kind("chr21-25870000-N-<DEL>"),
            Some(StructuralKind::Deletion)
        );
        assert_eq!(
            structural_kind("chr1-5-N-<DEL:ME:ALU>"),
            Some(StructuralKind::Deletion)
        );
        assert_eq!(structural_kind("chr1-5-N-<INS>"), None);
        assert_eq!(
            structural_kind("chr1-5-N-<DUP:TANDEM>"),
            Some(StructuralKind::Duplication { tandem: true })
        );
        assert_eq!(
            structural_kind("chr1-5-N-<DUP>"),
            Some(StructuralKind::Duplication { tandem: false })
        );
        assert_eq!(
            structural_kind("chr1-5-N-<INV>"),
            Some(StructuralKind::Inversion)
        );
        assert_eq!(structural_kind("chr1-5-N-<CNV>"), None);
        assert_eq!(
            structural_kind("chr9-845000-A-A]chr21:25900000]"),
            Some(StructuralKind::Breakend)
        );
    }

    #[test]
    fn each_structural_allele_without_pvs1_says_why() {
        assert!(pvs1_not_proposed("chr1-5-N-<CNV>").contains("unstated direction"));
        assert_eq!(
            pvs1_not_proposed("chr1-5-N-<INS:ME>"),
            "Kasane does not propose PVS1 for a <INS:ME> allele: judge it by hand"
        );
    }
}
