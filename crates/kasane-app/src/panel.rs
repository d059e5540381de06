//! What a cache knows about one variant or locus — ClinVar records, each population source's
//! frequencies with their groups, and the genes and transcripts there — for the workbench's
//! population/ClinVar panel and `kasane cache lookup`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use kasane_annotate::exon_skipping::{ExonSkipping, exon_skipping_at};
use kasane_annotate::nmd::NmdPrediction;
use kasane_annotate::structural::StructuralChange;
use kasane_annotate::transcript_sequence::TranscriptSequence;
use kasane_annotate::variant::variant_effect;
use kasane_core::annotation::{ClinvarRecord, FrequencyRecord, PredictorScore};
use kasane_core::breakend::BreakendJoin;
use kasane_core::gene_model::{GeneModel, Interval, TranscriptLocation};
use kasane_core::knowledge::GeneKnowledge;
use kasane_core::locus::Region;
use kasane_store::cache::AnnotationCache;
use kasane_tables::variant_table::{Cell, Condition, VariantQuery, columns};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::annotate::ACTIVE_CACHE_SETTING;
use crate::error::{AppError, ErrorKind};
use crate::sv_alleles::structural_change_of_row;
use crate::sv_effects::{BreakSide, FusionDto, StructuralEffectDto, effects_on, fusions_between};
use crate::transcripts::{FastaSource, reference_path};
use crate::use_cases::Kasane;

/// One population source's frequencies at the variant.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceFrequencyDto {
    /// The source's name in the cache.
    pub source: String,
    /// Its release.
    pub release: String,
    /// The frequencies, with per-group counts.
    pub record: FrequencyRecord,
}

/// One predictor source's score of the variant.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceScoreDto {
    /// The source's name in the cache.
    pub source: String,
    /// Its release.
    pub release: String,
    /// The score, with the transcripts it is for.
    pub score: PredictorScore,
}

/// One transcript at the locus, as a panel lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptHitDto {
    /// Versioned identifier.
    pub transcript_id: String,
    /// Gene symbol.
    #[ts(optional)]
    pub gene_symbol: Option<String>,
    /// Biotype.
    #[ts(optional)]
    pub biotype: Option<String>,
    /// `+` or `-`.
    pub strand: String,
    /// MANE Select.
    pub mane_select: bool,
    /// MANE Plus Clinical.
    pub mane_plus_clinical: bool,
    /// Ensembl canonical.
    pub canonical: bool,
    /// Whether it encodes a protein.
    pub coding: bool,
    /// Its exons.
    pub exon_count: usize,
    /// Where the locus start lies on it.
    pub location: TranscriptLocation,
    /// The variant in HGVS c. (or n.) on it, 3′-shifted (`c.4837A>G`, `c.5266dup`), when the
    /// cache's reference is at hand (a substitution's is given without it).
    #[ts(optional)]
    pub hgvs_c: Option<String>,
    /// The predicted protein change (`p.(Ser1613Gly)`), when the cache's reference is at hand.
    #[ts(optional)]
    pub hgvs_p: Option<String>,
    /// The variant's consequences on it (VEP's terms, most severe first).
    pub consequences: Vec<String>,
    /// For a premature stop: whether nonsense-mediated decay is predicted (DOMAIN.md
    /// R-ACMG-006).
    #[ts(optional)]
    pub nmd: Option<NmdPrediction>,
    /// For a premature stop: the codon of the variant protein it takes (1-based).
    #[ts(optional)]
    pub premature_stop: Option<u64>,
    /// For a coding change: the first and last codon it changes.
    #[ts(optional)]
    pub protein_positions: Option<Interval>,
    /// The reference protein's length in residues, when its coding sequence is sound and the
    /// cache's reference is at hand.
    #[ts(optional)]
    pub protein_length: Option<u64>,
    /// For a change at a canonical splice site: what skipping the exon beside it would do.
    #[ts(optional)]
    pub exon_skipping: Option<ExonSkipping>,
    /// The reference protein's first methionine after the start (a potential start codon), as a
    /// residue number, when the reference is at hand.
    #[ts(optional)]
    pub next_methionine: Option<u64>,
    /// Why the variant could not be described on it (its REF disagrees with the transcript's
    /// sequence: another genome build or reference), or what part of it is not given (it
    /// crosses an exon–intron boundary, no reference is at hand).
    #[ts(optional)]
    pub problem: Option<String>,
}

/// What a cache says about one variant or locus.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariantPanelDto {
    /// The cache read.
    pub cache_file: String,
    /// Its content hash (the release every fact here traces to).
    pub cache_sha256: String,
    /// The variant asked for (`chr17-43045712-T-C`), when one was.
    #[ts(optional)]
    pub key: Option<String>,
    /// The locus read.
    pub contig: String,
    /// First base.
    pub start: u64,
    /// Last base.
    pub end: u64,
    /// ClinVar records of the variant (or every record starting in the locus).
    pub clinvar: Vec<ClinvarRecord>,
    /// Frequencies of the variant (or of every allele starting in the locus), per source.
    pub frequencies: Vec<SourceFrequencyDto>,
    /// Missense predictor scores of the variant (or of every change in the locus), one per
    /// transcript set the source scores.
    pub scores: Vec<SourceScoreDto>,
    /// Genes overlapping the locus.
    pub genes: Vec<GeneModel>,
    /// Transcripts overlapping the locus, MANE Select first.
    pub transcripts: Vec<TranscriptHitDto>,
    /// What the cache's knowledge tables say about those genes (genes they are silent on are
    /// left out).
    pub knowledge: Vec<GeneKnowledge>,
    /// For a structural variant: its exon-level effect on the transcripts it touches (MANE
    /// Select first, at most [`STRUCTURAL_TRANSCRIPTS`]), each with its exon diagram.
    pub structural: Vec<StructuralEffectDto>,
    /// For a breakend: the DNA-level fusions its join makes of the transcripts at its two
    /// breakpoints.
    pub fusions: Vec<FusionDto>,
}

/// The contig, position and join of a breakend allele's key (`chr9-300000-C-C[chr9:733000[`).
pub(crate) fn breakend_key(key: &str) -> Option<(&str, u64, BreakendJoin)> {
    let mut parts = key.splitn(4, '-');
    let (contig, pos, _, alt) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    Some((contig, pos.parse().ok()?, BreakendJoin::parse(alt)?))
}

/// How many transcripts a structural variant's panel draws.
pub const STRUCTURAL_TRANSCRIPTS: usize = 6;

/// A variant key (`chr1-925952-G-A`) or a locus (`chr17:43,044,295-43,125,483`).
enum Target {
    Variant {
        contig: String,
        pos: u64,
        reference: String,
        alternate: String,
    },
    Locus(Region),
}

fn parse_target(text: &str) -> Result<Target, AppError> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() == 4
        && let Ok(pos) = parts[1].parse::<u64>()
        && !parts[2].is_empty()
        && !parts[3].is_empty()
    {
        return Ok(Target::Variant {
            contig: kasane_core::contig::canonical_contig(parts[0]).into_owned(),
            pos,
            reference: parts[2].to_ascii_uppercase(),
            alternate: parts[3].to_ascii_uppercase(),
        });
    }
    let not_understood = || {
        AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{text:?} is neither a variant (chr1-925952-G-A) nor a locus (chr17:43,044,295-43,125,483)"
            ),
        )
    };
    if !text.contains(':') {
        return Err(not_understood());
    }
    text.parse::<Region>().map(Target::Locus).map_err(|e| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{text:?} is neither a variant (chr1-925952-G-A) nor a locus (chr17:43,044,295-43,125,483): {e}"
            ),
        )
    })
}

/// A reference FASTA kept open between panel look-ups, by path.
pub(crate) type OpenReference = Mutex<Option<(PathBuf, Arc<FastaSource>)>>;

/// Everything a cache holds at a variant or locus.
pub fn cache_lookup(cache_file: &Path, target: &str) -> Result<VariantPanelDto, AppError> {
    lookup(cache_file, target, &OpenReference::default())
}

/// The reference at `path`, from `open` when it holds that one, else opened and kept there.
fn reference_at(path: &Path, open: &OpenReference) -> Option<Arc<FastaSource>> {
    let mut held = match open.lock() {
        Ok(held) => held,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some((at, source)) = held.as_ref()
        && at == path
    {
        return Some(Arc::clone(source));
    }
    let source = Arc::new(FastaSource::open(path).ok()?);
    *held = Some((path.to_path_buf(), Arc::clone(&source)));
    Some(source)
}

/// [`cache_lookup`], reading protein changes from the reference `open` keeps.
fn lookup(
    cache_file: &Path,
    target: &str,
    open: &OpenReference,
) -> Result<VariantPanelDto, AppError> {
    let target = parse_target(target)?;
    let cache = AnnotationCache::open(cache_file)?;
    let (cache_sha256, sources) = cache.release()?;
    let (contig, start, end, allele) = match &target {
        Target::Variant {
            contig,
            pos,
            reference,
            alternate,
        } => (
            contig.clone(),
            *pos,
            pos + reference.len().max(1) as u64 - 1,
            Some((reference.as_str(), alternate.as_str())),
        ),
        Target::Locus(region) => (
            region.contig.clone(),
            region.start.get(),
            region.end.get(),
            None,
        ),
    };
    let is_allele = |pos: u64, reference: &str, alternate: &str| match allele {
        Some((r, a)) => pos == start && r == reference && a == alternate,
        None => true,
    };
    let positions = if allele.is_some() {
        start..=start
    } else {
        start..=end
    };
    if positions.clone().count() > 10_000 {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "a locus look-up covers at most 10,000 bases; give a smaller locus or one variant",
        ));
    }
    let releases: std::collections::HashMap<String, String> = sources
        .iter()
        .map(|s| (s.name.clone(), s.release.clone()))
        .collect();
    let mut clinvar = Vec::new();
    let mut frequencies = Vec::new();
    let mut scores = Vec::new();
    for pos in positions {
        scores.extend(
            cache
                .predictor_scores_at(&contig, pos)?
                .into_iter()
                .filter(|(_, s)| is_allele(s.pos, &s.reference, &s.alternate))
                .map(|(source, score)| SourceScoreDto {
                    release: releases.get(&source).cloned().unwrap_or_default(),
                    source,
                    score,
                }),
        );
        clinvar.extend(
            cache
                .clinvar_at(&contig, pos)?
                .into_iter()
                .filter(|r| is_allele(r.pos, &r.reference, &r.alternate)),
        );
        frequencies.extend(
            cache
                .frequencies_at(&contig, pos)?
                .into_iter()
                .filter(|(_, r)| is_allele(r.pos, &r.reference, &r.alternate))
                .map(|(source, record)| SourceFrequencyDto {
                    release: releases.get(&source).cloned().unwrap_or_default(),
                    source,
                    record,
                }),
        );
    }
    let genes = cache.genes_overlapping(&contig, start, end)?;
    let mut knowledge = Vec::new();
    let mut symbols: Vec<&str> = genes.iter().filter_map(|g| g.symbol.as_deref()).collect();
    symbols.sort_unstable();
    symbols.dedup();
    for symbol in symbols {
        let found = cache.gene_knowledge(symbol)?;
        if !found.is_empty() {
            knowledge.push(found);
        }
    }
    // A symbolic or breakend allele has no bases to describe; its transcripts are listed by
    // location (its exon-level effect is the structural part of the panel).
    let bases = |a: &str| !a.is_empty() && a.bytes().all(|b| b"ACGT".contains(&b));
    let alleles = match &target {
        Target::Variant {
            reference,
            alternate,
            ..
        } if bases(reference) && bases(alternate) => Some((reference.clone(), alternate.clone())),
        Target::Variant { .. } | Target::Locus(_) => None,
    };
    // HGVS and the protein change need the bases the gene models belong to: the cache's
    // reference, when it is on this machine.
    let source = match alleles {
        Some(_) => reference_path(&cache, None)
            .ok()
            .and_then(|path| reference_at(&path, open)),
        None => None,
    };
    let transcripts = cache
        .transcripts_overlapping(&contig, start, end)?
        .into_iter()
        .map(|t| {
            let (effect, protein_length, next_methionine) = match &alleles {
                Some((r, a)) => {
                    let sequence = source
                        .as_ref()
                        .and_then(|s| TranscriptSequence::read(&t, s.as_ref()).ok().flatten());
                    // The reference protein ends with its stop, which is not a residue.
                    let length = sequence
                        .as_ref()
                        .and_then(|s| s.protein())
                        .map(|p| p.len().saturating_sub(1) as u64);
                    let methionine = sequence.as_ref().and_then(|s| s.next_methionine());
                    (
                        variant_effect(&t, sequence.as_ref(), start, r, a),
                        length,
                        methionine,
                    )
                }
                None => (Ok(None), None, None),
            };
            let (effect, problem) = match effect {
                Ok(effect) => {
                    let problems: Vec<String> = effect
                        .iter()
                        .flat_map(|e| e.problems.iter().map(ToString::to_string))
                        .collect();
                    (effect, (!problems.is_empty()).then(|| problems.join("; ")))
                }
                Err(e) => (None, Some(e.to_string())),
            };
            (t, effect, problem, protein_length, next_methionine)
        })
        .map(
            |(t, effect, problem, protein_length, next_methionine)| TranscriptHitDto {
                next_methionine,
                exon_skipping: effect
                    .as_ref()
                    .and_then(|e| exon_skipping_at(&t, start, &e.consequences)),
                problem,
                protein_length,
                protein_positions: effect.as_ref().and_then(|e| e.protein_positions),
                hgvs_c: effect
                    .as_ref()
                    .map(|e| e.hgvs_c.clone())
                    .filter(|c| !c.is_empty()),
                hgvs_p: effect.as_ref().and_then(|e| e.hgvs_p.clone()),
                nmd: effect.as_ref().and_then(|e| e.nmd),
                premature_stop: effect.as_ref().and_then(|e| e.premature_stop),
                consequences: effect
                    .map(|e| {
                        e.consequences
                            .iter()
                            .map(|c| c.so_term().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                location: t.location(start),
                transcript_id: t.transcript_id.clone(),
                gene_symbol: t.gene_symbol.clone(),
                biotype: t.biotype.clone(),
                strand: t.strand.as_str().to_string(),
                mane_select: t.mane_select,
                mane_plus_clinical: t.mane_plus_clinical,
                canonical: t.canonical,
                coding: t.is_coding(),
                exon_count: t.exons.len(),
            },
        )
        .collect();
    Ok(VariantPanelDto {
        cache_file: cache_file.display().to_string(),
        cache_sha256,
        key: match &target {
            Target::Variant {
                contig,
                pos,
                reference,
                alternate,
            } => Some(kasane_core::annotation::variant_key(
                contig, *pos, reference, alternate,
            )),
            Target::Locus(_) => None,
        },
        contig,
        start,
        end,
        clinvar,
        frequencies,
        scores,
        genes,
        transcripts,
        knowledge,
        structural: Vec::new(),
        fusions: Vec::new(),
    })
}

/// Asks for the panel of one variant of a case.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariantPanelRequestDto {
    /// The case.
    pub case_label: String,
    /// The variant's key (`chr1-925952-G-A`).
    pub key: String,
}

impl Kasane {
    /// The panel of one variant of a case, read from the cache the case was last annotated
    /// with (so the panel and the table tell the same release), else the active cache.
    pub fn variant_panel(
        &self,
        request: &VariantPanelRequestDto,
    ) -> Result<VariantPanelDto, AppError> {
        let label = request.case_label.trim();
        let annotated = match self.workspace.latest_variant_import(label)? {
            Some(import) => self
                .workspace
                .latest_variant_annotation(label, import.id)?
                .map(|a| a.annotation.cache_file),
            None => None,
        };
        let cache = match annotated {
            Some(file) => file,
            None => self.workspace.setting(ACTIVE_CACHE_SETTING)?.ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound,
                    format!(
                        "case {label:?} is not annotated and no cache is active; annotate it with `kasane case annotate {label} --cache FILE.kcache`"
                    ),
                )
            })?,
        };
        let mut panel = lookup(Path::new(&cache), &request.key, &self.panel_reference)?;
        let breakend = breakend_key(&request.key);
        let structural = self.structural_row(label, &request.key)?;
        if breakend.is_none() && structural.is_none() {
            return Ok(panel);
        }
        let cache = AnnotationCache::open(Path::new(&cache))?;
        // A breakend's key (`chr9-300000-C-C[chr9:733000[`) names both sides of its join.
        if let Some((contig, pos, join)) = breakend {
            let (own, partner) = BreakSide::of_join(contig, pos, &join);
            panel.fusions = fusions_between(&cache, &own, &partner)?;
        }
        if let Some((contig, change)) = structural {
            let span = change.span();
            let transcripts = cache.transcripts_overlapping(&contig, span.start, span.end)?;
            let shown = &transcripts[..transcripts.len().min(STRUCTURAL_TRANSCRIPTS)];
            panel.structural = effects_on(shown, &contig, change)?;
        }
        Ok(panel)
    }

    /// The change a symbolic allele's row of the case makes (its class and END say it);
    /// `None` for any other allele.
    pub(crate) fn structural_row(
        &self,
        label: &str,
        key: &str,
    ) -> Result<Option<(String, StructuralChange)>, AppError> {
        if !key.contains('<') {
            return Ok(None);
        }
        let query = VariantQuery {
            conditions: vec![Condition::OneOf {
                column: columns::KEY.to_string(),
                values: vec![key.to_string()],
            }],
            sort: None,
        };
        let wanted =
            [columns::CLASS, columns::CONTIG, columns::POS, columns::END].map(str::to_string);
        let page = self.variant_table(label)?.page(&query, 0, 1, &wanted)?;
        Ok(match page.rows.first().map(Vec::as_slice) {
            Some(
                [
                    Cell::Text(class),
                    Cell::Text(contig),
                    Cell::Integer(pos),
                    Cell::Integer(end),
                ],
            ) => {
                let (pos, end) = (u64::try_from(*pos).ok(), u64::try_from(*end).ok());
                pos.zip(end)
                    .and_then(|(pos, end)| structural_change_of_row(class, pos, end))
                    .map(|change| (contig.clone(), change))
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_loci_are_told_apart() {
        assert!(matches!(
            parse_target("1-925952-g-a"),
            Ok(Target::Variant { ref contig, pos: 925952, ref reference, ref alternate })
                if contig == "chr1" && reference == "G" && alternate == "A"
        ));
        assert!(matches!(
            parse_target("chr17:43,044,295-43,125,483"),
            Ok(Target::Locus(_))
        ));
        assert!(parse_target("BRCA1").is_err());
    }

    #[test]
    fn the_panel_keeps_one_reference_open_and_replaces_it_for_another_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fasta = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, ">chr1\nACGTACGTAC\n").expect("fasta");
            std::fs::write(path.with_extension("fa.fai"), "chr1\t10\t6\t10\t11\n").expect("fai");
            path
        };
        let (a, b) = (fasta("a.fa"), fasta("b.fa"));
        let open = OpenReference::default();
        let first = reference_at(&a, &open).expect("opens");
        let again = reference_at(&a, &open).expect("kept");
        assert!(Arc::ptr_eq(&first, &again));
        let other = reference_at(&b, &open).expect("opens");
        assert!(!Arc::ptr_eq(&first, &other));
        assert!(reference_at(&dir.path().join("missing.fa"), &open).is_none());
    }
}
