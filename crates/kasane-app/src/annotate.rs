//! Annotating a case from an annotation cache (`kasane case annotate`): the case's variant table
//! joined with the cache's ClinVar and population facts by a sorted merge, written as the case's
//! annotation table and recorded with the cache's content hash. Earlier annotations stay on
//! record, so a report can always name the cache release behind each number.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use kasane_annotate::consequence::Consequence;
use kasane_annotate::effect::VariantEffect;
use kasane_annotate::structural::{StructuralChange, structural_effect};
use kasane_core::annotation::SourceManifest;
use kasane_core::annotation_merge::SortedAlleles;
use kasane_core::breakend::BreakendJoin;
use kasane_core::consequence::severity_rank;
use kasane_core::gene_model::{TranscriptLocation, TranscriptModel};
use kasane_core::{CancelToken, GenomeBuild, Progress};
use kasane_store::cache::AnnotationCache;
use kasane_store::{NewVariantAnnotation, VariantAnnotationRecord};
use kasane_tables::VariantTable;
use kasane_tables::variant_table::{
    AnnotationTableWriter, ContigRun, RunAnnotations, StructuralRow,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::cache::{CacheInfoDto, cache_info};
use crate::contig_effects::ContigEffects;
use crate::error::{AppError, ErrorKind};
use crate::in_house::InHouseIndex;
use crate::sv_alleles::structural_change_of_row;
use crate::sv_effects::{BreakSide, fusions_between};
use crate::transcripts::{FastaSource, reference_path};
use crate::use_cases::Kasane;

/// The progress phase of annotating a case (done and total are rows).
pub const ANNOTATE_PHASE: &str = "annotate";

/// The workspace setting naming the cache a case is annotated with when none is given.
pub const ACTIVE_CACHE_SETTING: &str = "active_cache";

/// What to annotate, and with which cache.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnotateCaseDto {
    /// The case.
    pub case_label: String,
    /// The cache file; the workspace's active cache when absent.
    #[ts(optional)]
    pub cache: Option<String>,
}

/// Matches of one population source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceMatchesDto {
    /// The source's name in the cache.
    pub source: String,
    /// Its release.
    pub release: String,
    /// Case alleles it has a frequency for.
    pub rows: u64,
}

/// One annotation of a case: which cache release, what it found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseAnnotationDto {
    /// The case.
    pub case_label: String,
    /// The annotation's number in the workspace.
    pub annotation_id: i64,
    /// The variant import it annotated.
    pub variant_import_id: i64,
    /// The cache file as given.
    pub cache_file: String,
    /// The cache's content hash: the release every fact traces to.
    pub cache_sha256: String,
    /// The cache's genome build.
    pub genome_build: GenomeBuild,
    /// The cache's sources with their releases.
    pub cache_sources: Vec<SourceManifest>,
    /// Alleles annotated (every row of the variant table).
    pub rows: u64,
    /// Alleles with a ClinVar record.
    pub clinvar_rows: u64,
    /// Alleles with a frequency, per population source.
    pub frequency_rows: Vec<SourceMatchesDto>,
    /// What the annotator could not do and why it matters.
    pub warnings: Vec<String>,
    /// The annotation table, relative to the workspace folder.
    pub annotation_file: String,
    /// When.
    pub annotated_at: String,
    /// By whom.
    pub annotated_by: String,
    /// Whether the case's variant table shows this annotation now (the latest one of its
    /// current import; a case imported again is not annotated until it is annotated again).
    pub current: bool,
}

/// An annotation checked against the workspace, ready to run without holding it.
pub struct PreparedAnnotation {
    label: String,
    variant_import_id: i64,
    table: Arc<VariantTable>,
    cache_file: PathBuf,
    cache: AnnotationCache,
    genome_build: GenomeBuild,
    workspace_dir: PathBuf,
    table_dir: PathBuf,
    /// The other cases' signed-off classifications, read when the annotation was prepared.
    in_house: InHouseIndex,
}

impl std::fmt::Debug for PreparedAnnotation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedAnnotation")
            .field("label", &self.label)
            .field("cache_file", &self.cache_file)
            .finish()
    }
}

/// An annotation table written under its content name, waiting to be recorded.
#[derive(Debug)]
pub struct WrittenAnnotation {
    label: String,
    new: NewVariantAnnotation,
}

/// The cache's content hash, build and sources, without counting its rows.
fn cache_release(
    cache: &AnnotationCache,
) -> Result<(String, GenomeBuild, Vec<SourceManifest>), AppError> {
    let (content_sha256, sources) = cache.release()?;
    Ok((content_sha256, cache.genome_build()?, sources))
}

impl Kasane {
    /// Annotates a case in one step: prepare, run, record.
    pub fn annotate_case(
        &mut self,
        request: &AnnotateCaseDto,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<CaseAnnotationDto, AppError> {
        let prepared = self.prepare_annotation(request)?;
        let written = prepared.run(progress, cancel)?;
        self.record_annotation(written)
    }

    /// Checks the case (active, with a variant table) and the cache (same genome build) before
    /// any work.
    pub fn prepare_annotation(
        &self,
        request: &AnnotateCaseDto,
    ) -> Result<PreparedAnnotation, AppError> {
        let label = request.case_label.trim().to_string();
        self.require_active_case(&label)?;
        let cache_file = match &request.cache {
            Some(path) => PathBuf::from(path),
            None => self
                .workspace
                .setting(ACTIVE_CACHE_SETTING)?
                .map(PathBuf::from)
                .ok_or_else(|| {
                    AppError::new(
                        ErrorKind::InvalidInput,
                        "no cache given and none is active; give one with --cache FILE.kcache or choose one with `kasane cache use FILE.kcache`",
                    )
                })?,
        };
        let cache = AnnotationCache::open(&cache_file)?;
        let (_, cache_build, _) = cache_release(&cache)?;
        let import = self
            .workspace
            .latest_variant_import(&label)?
            .ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound,
                    format!(
                        "case {label:?} has no variant table yet; run `kasane case import {label}`"
                    ),
                )
            })?;
        let case_build = import.import.genome_build.ok_or_else(|| {
            AppError::new(
                ErrorKind::InvalidInput,
                format!(
                    "the genome build of case {label:?} is not known, so a {cache_build} cache cannot be matched to it; import it again with --reference FASTA of the build its files use"
                ),
            )
        })?;
        if case_build != cache_build {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                format!(
                    "case {label:?} is {case_build} but {} is {cache_build}; annotate it with a {case_build} cache",
                    cache_file.display()
                ),
            ));
        }
        let table = Arc::new(VariantTable::open_for_annotation(
            &self.workspace.dir().join(&import.import.table_file),
        )?);
        let in_house = InHouseIndex::of_workspace(&self.workspace, &label)?;
        Ok(PreparedAnnotation {
            in_house,
            variant_import_id: import.id,
            table,
            cache_file,
            cache,
            genome_build: case_build,
            workspace_dir: self.workspace.dir().to_path_buf(),
            table_dir: self.workspace.case_table_dir(&label)?,
            label,
        })
    }

    /// Records a written annotation as the case's current one (earlier ones stay on record).
    pub fn record_annotation(
        &mut self,
        written: WrittenAnnotation,
    ) -> Result<CaseAnnotationDto, AppError> {
        let actor = self.actor.clone();
        let recorded =
            self.workspace
                .record_variant_annotation(&written.label, &written.new, &actor)?;
        self.forget_table(&written.label);
        Ok(annotation_dto(&written.label, recorded, true))
    }

    /// Makes a cache the workspace's active one once it verifies (SQLite integrity, content hash,
    /// and a trusted signature once the workspace trusts any key), recording its absolute path;
    /// a cache that fails is refused and the active one kept.
    pub fn use_cache(&mut self, file: &Path) -> Result<CacheInfoDto, AppError> {
        let verified = self.workspace_trust()?.verify(file)?;
        if !verified.content_sound {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                format!(
                    "{}: the cache is damaged or was changed after it was built (content {} recorded, {} now); the active cache is unchanged — copy it again from its source",
                    verified.path, verified.recorded_sha256, verified.computed_sha256
                ),
            ));
        }
        if !verified.sound {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                format!(
                    "{}: {}; the active cache is unchanged",
                    verified.path,
                    verified.signature.refusal()
                ),
            ));
        }
        let absolute = std::path::absolute(file).map_err(|e| {
            AppError::new(ErrorKind::InvalidInput, format!("{}: {e}", file.display()))
        })?;
        let info = cache_info(&absolute)?;
        let actor = self.actor.clone();
        self.workspace
            .set_setting(ACTIVE_CACHE_SETTING, &info.path, &actor)?;
        Ok(info)
    }

    /// The workspace's active cache, if one was chosen.
    pub fn active_cache(&self) -> Result<Option<CacheInfoDto>, AppError> {
        self.workspace
            .setting(ACTIVE_CACHE_SETTING)?
            .map(|path| cache_info(Path::new(&path)))
            .transpose()
    }

    /// Every annotation of a case, oldest first.
    pub fn case_annotations(&self, label: &str) -> Result<Vec<CaseAnnotationDto>, AppError> {
        let label = label.trim();
        let current = match self.workspace.latest_variant_import(label)? {
            Some(import) => self
                .workspace
                .latest_variant_annotation(label, import.id)?
                .map(|a| a.id),
            None => None,
        };
        Ok(self
            .workspace
            .variant_annotations(label)?
            .into_iter()
            .map(|r| {
                let is_current = Some(r.id) == current;
                annotation_dto(label, r, is_current)
            })
            .collect())
    }
}

fn annotation_dto(
    label: &str,
    record: VariantAnnotationRecord,
    current: bool,
) -> CaseAnnotationDto {
    let a = record.annotation;
    let summary = &a.summary;
    let count = |key: &str| summary.get(key).and_then(serde_json::Value::as_u64);
    let frequency_rows = a
        .cache_sources
        .iter()
        .filter(|s| s.kind.is_frequency())
        .map(|s| SourceMatchesDto {
            source: s.name.clone(),
            release: s.release.clone(),
            rows: summary
                .get("frequencyRows")
                .and_then(|f| f.get(&s.name))
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0),
        })
        .collect();
    CaseAnnotationDto {
        case_label: label.to_string(),
        annotation_id: record.id,
        variant_import_id: a.variant_import_id,
        cache_file: a.cache_file,
        cache_sha256: a.cache_sha256,
        genome_build: a.cache_genome_build,
        cache_sources: a.cache_sources,
        rows: a.row_count,
        clinvar_rows: count("clinvarRows").unwrap_or(0),
        frequency_rows,
        warnings: summary
            .get("warnings")
            .and_then(serde_json::Value::as_array)
            .map(|w| {
                w.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        annotation_file: a.annotation_file,
        annotated_at: record.annotated_at,
        annotated_by: record.annotated_by,
        current,
    }
}

impl PreparedAnnotation {
    /// Runs the sorted merge contig by contig and writes the annotation table under its content
    /// name; touches no workspace record, so a failure or a cancel leaves the case as it was.
    pub fn run(
        self,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<WrittenAnnotation, AppError> {
        let (cache_sha256, _, cache_sources) = cache_release(&self.cache)?;
        let sources: Vec<String> = self
            .cache
            .frequency_sources()?
            .into_iter()
            .map(|s| s.name)
            .collect();
        let runs = self.table.allele_runs()?;
        let structural = if self.cache.has_gene_models()? {
            self.table.structural_rows()?
        } else {
            Vec::new()
        };
        let total = runs.rows() as u64;
        // The reference the cache's models were built against, when it is on this machine.
        let reference_file = reference_path(&self.cache, None).ok();
        let dir = self.workspace_dir.join(&self.table_dir);
        let staging = dir.join(format!(
            ".annotations-staging-{}.parquet",
            std::process::id()
        ));
        let mut writer = AnnotationTableWriter::create(&staging, &self.table, &sources)?;
        progress.update(ANNOTATE_PHASE, 0, Some(total));
        let contig_runs: Vec<ContigRun<'_>> = runs.runs().collect();
        let next_run = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let (sender, receiver) = std::sync::mpsc::sync_channel(WORKERS * 2);
        std::thread::scope(|scope| -> Result<(), AppError> {
            for _ in 0..WORKERS {
                let sender = sender.clone();
                let (contig_runs, next_run, stop, structural, in_house) =
                    (&contig_runs, &next_run, &stop, &structural, &self.in_house);
                let (cache_file, count) = (&self.cache_file, sources.len());
                let reference_file = reference_file.as_deref();
                scope.spawn(move || {
                    // Each worker reads the cache through its own connection, and the
                    // reference through its own reader.
                    let opened = AnnotationCache::open(cache_file)
                        .map_err(AppError::from)
                        .and_then(|cache| {
                            let reference = reference_file.map(FastaSource::open).transpose()?;
                            Ok((cache, reference))
                        });
                    let (cache, reference) = match opened {
                        Ok(opened) => opened,
                        Err(e) => {
                            let _ = sender.send((0, Err(e)));
                            return;
                        }
                    };
                    while !stop.load(Ordering::Relaxed) {
                        let index = next_run.fetch_add(1, Ordering::Relaxed);
                        let Some(run) = contig_runs.get(index) else {
                            return;
                        };
                        let found = annotate_run(
                            &cache,
                            run,
                            structural,
                            in_house,
                            count,
                            reference.as_ref(),
                        );
                        if sender.send((index, found)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(sender);
            // Runs are written in table order as they come back from either worker.
            let mut waiting = BTreeMap::new();
            let mut expected = 0usize;
            for (index, found) in receiver {
                let result = (|| {
                    waiting.insert(index, found?);
                    while let Some(found) = waiting.remove(&expected) {
                        let rows = contig_runs[expected].rows.clone();
                        writer.push(rows.clone(), found)?;
                        progress.update(ANNOTATE_PHASE, rows.end as u64, Some(total));
                        expected += 1;
                    }
                    cancel.check().map_err(|_| {
                        AppError::new(
                            ErrorKind::Cancelled,
                            "cancelled; the case keeps its earlier annotation",
                        )
                    })
                })();
                if let Err(e) = result {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
            Ok(())
        })?;
        let counts = writer.commit()?;
        let (annotation_file, annotation_sha256) =
            store_annotation(&staging, &dir, &self.table_dir)?;
        let mut warnings = Vec::new();
        if reference_file.is_none() && self.cache.has_gene_models()? {
            let why = match self.cache.reference()? {
                Some(_) => {
                    "the cache's reference FASTA is not on this machine (put it back where the cache records it)"
                }
                None => "the cache was built without a reference FASTA (build it with --reference)",
            };
            warnings.push(format!(
                "Kasane's own consequences come from positions alone and carry no HGVS: {why}"
            ));
        }
        if runs.not_left_aligned() > 0 {
            warnings.push(format!(
                "Indels imported without a reference may not be leftmost ({} in this case), so their ClinVar and population facts can be missed — import the case again with --reference FASTA",
                runs.not_left_aligned()
            ));
        }
        let frequency_rows: serde_json::Map<String, serde_json::Value> = sources
            .iter()
            .zip(&counts.frequency_rows)
            .map(|(s, n)| (s.clone(), json!(n)))
            .collect();
        Ok(WrittenAnnotation {
            label: self.label,
            new: NewVariantAnnotation {
                variant_import_id: self.variant_import_id,
                cache_file: self.cache_file.to_string_lossy().into_owned(),
                cache_sha256,
                cache_genome_build: self.genome_build,
                cache_sources,
                annotation_file,
                annotation_sha256,
                row_count: counts.rows,
                summary: json!({
                    "clinvarRows": counts.clinvar_rows,
                    "frequencyRows": frequency_rows,
                    "warnings": warnings,
                }),
                annotator_version: crate::IMPORTER_VERSION.to_string(),
            },
        })
    }
}

/// Contig runs annotated at once: the two cores of a site's machine.
const WORKERS: usize = 2;

/// One contig run's facts from the cache and the workspace's signed-off classifications of
/// other cases, with the ACMG secondary-findings genes each allele
/// lies in or a structural variant touches, the genes at its structural variants'
/// breakpoints (`structural` holds every structural row of the table, in row order) and, when
/// the cache has gene models, Kasane's own effect of each sequence-resolved allele (HGVS when
/// `reference` holds the bases).
fn annotate_run(
    cache: &AnnotationCache,
    run: &ContigRun<'_>,
    structural: &[StructuralRow],
    in_house: &InHouseIndex,
    sources: usize,
    reference: Option<&FastaSource>,
) -> Result<RunAnnotations, AppError> {
    let mut found = RunAnnotations::new(run.rows.len(), sources);
    cache.annotate_contig(run.contig, run, &mut found)?;
    if in_house.has(run.contig) {
        for row in 0..run.len() {
            let (pos, r, a) = (run.position(row), run.reference(row), run.alternate(row));
            if let Some(summary) = in_house.summary(run.contig, pos, r, a) {
                found.set_in_house(row, summary.to_string());
            }
        }
    }
    if cache.has_gene_models()? {
        set_effects(cache, run, reference, &mut found)?;
    }
    let secondary = cache.secondary_finding_genes_on(run.contig)?;
    let rows_to_flag = if secondary.is_empty() { 0 } else { run.len() };
    for row in 0..rows_to_flag {
        let start = run.position(row);
        let end = start + run.reference(row).len().max(1) as u64 - 1;
        let genes: Vec<String> = secondary
            .iter()
            .filter(|g| g.extent.start <= end && start <= g.extent.end)
            .filter_map(|g| g.symbol.clone())
            .collect();
        found.set_secondary_finding(row, &dedup(genes));
    }
    let listed = cache.secondary_finding_symbols()?;
    let first = structural.partition_point(|sv| sv.row < run.rows.start);
    let names = |contig: &str, start: u64, end: u64| -> Result<Vec<String>, AppError> {
        Ok(cache
            .genes_overlapping(contig, start, end)?
            .into_iter()
            .map(|g| g.symbol.unwrap_or(g.gene_id))
            .collect())
    };
    for sv in structural[first..]
        .iter()
        .take_while(|sv| sv.row < run.rows.end)
    {
        let at_start = names(&sv.contig, sv.start, sv.start)?;
        let at_end = match &sv.mate {
            Some((contig, pos)) => names(contig, *pos, *pos)?,
            None if sv.end > sv.start => names(&sv.contig, sv.end, sv.end)?,
            None => Vec::new(),
        };
        let spanned = if sv.spans {
            names(&sv.contig, sv.start, sv.end)?
        } else {
            Vec::new()
        };
        found.set_breakpoint_genes(sv.row - run.rows.start, &at_start, &at_end, &spanned);
        let touched: Vec<String> = [&at_start, &at_end, &spanned]
            .into_iter()
            .flatten()
            .filter(|g| listed.contains(g.as_str()))
            .cloned()
            .collect();
        found.set_secondary_finding(sv.row - run.rows.start, &dedup(touched));
        if let Some((hgvs, consequence)) = structural_summary(cache, sv)? {
            found.set_effect(sv.row - run.rows.start, hgvs, consequence);
        }
    }
    Ok(found)
}

/// `genes` once each, in their first order.
fn dedup(genes: Vec<String>) -> Vec<String> {
    let mut seen = Vec::with_capacity(genes.len());
    for gene in genes {
        if !seen.contains(&gene) {
            seen.push(gene);
        }
    }
    seen
}

/// A structural row's effect on the transcript [`shown_first`] picks, as the Kasane columns
/// hold it:
/// `DOCK8 ENST00000432829.6 ex3_4del` (the exons taken in, in transcription order) and the
/// most severe term (`frameshift_variant` when the exons left shift the frame); a breakend's
/// is [`breakend_summary`]'s.
fn structural_summary(
    cache: &AnnotationCache,
    sv: &StructuralRow,
) -> Result<Option<(String, Option<String>)>, AppError> {
    if sv.class == "breakend" {
        return breakend_summary(cache, sv);
    }
    let Some(change) = structural_change_of_row(&sv.class, sv.start, sv.end) else {
        return Ok(None);
    };
    let (span, symbol) = (change.span(), change.symbol().to_ascii_lowercase());
    let transcripts = cache.transcripts_overlapping(&sv.contig, span.start, span.end)?;
    let shown = transcripts
        .iter()
        .filter_map(|t| structural_effect(t, change).map(|e| (t, e)))
        .min_by_key(|(t, e)| shown_first(t, &e.consequences));
    Ok(shown.map(|(t, effect)| {
        let gene = t.gene_symbol.as_deref().unwrap_or("-");
        let exons = match effect.exons {
            Some((a, b)) if a == b => format!(" ex{a}{symbol}"),
            Some((a, b)) => format!(" ex{a}_{b}{symbol}"),
            None => String::new(),
        };
        let most_severe = effect.consequences.first().map(|c| c.so_term().to_string());
        (format!("{gene} {}{exons}", t.transcript_id), most_severe)
    }))
}

/// A breakend row's effect as the Kasane columns hold it: the DNA-level fusion its join makes
/// (`DMRT1::APP ENST00000382276.7::ENST00000346798.8 out of frame`, 5′ partner first), else
/// the transcript it breaks (`DMRT1 ENST00000382276.7 broken in intron 3`), with the most
/// severe term on the broken transcript shown first; `None` when it breaks no transcript.
fn breakend_summary(
    cache: &AnnotationCache,
    sv: &StructuralRow,
) -> Result<Option<(String, Option<String>)>, AppError> {
    let Some(join) = sv.alt.as_deref().and_then(BreakendJoin::parse) else {
        return Ok(None);
    };
    let change = StructuralChange::Breakend {
        pos: sv.start,
        keeps_left: join.keeps_left,
    };
    let transcripts = cache.transcripts_overlapping(&sv.contig, sv.start, sv.start)?;
    let Some((t, effect)) = transcripts
        .iter()
        .filter_map(|t| structural_effect(t, change).map(|e| (t, e)))
        .filter(|(_, e)| e.disrupted)
        .min_by_key(|(t, e)| shown_first(t, &e.consequences))
    else {
        return Ok(None);
    };
    let most_severe = effect.consequences.first().map(|c| c.so_term().to_string());
    let (here, there) = BreakSide::of_join(&sv.contig, sv.start, &join);
    let gene = |symbol: &Option<String>| symbol.clone().unwrap_or_else(|| "-".to_string());
    let text = match fusions_between(cache, &here, &there)?.into_iter().next() {
        Some(fusion) => format!(
            "{}::{} {}::{} {}",
            gene(&fusion.five_prime.gene_symbol),
            gene(&fusion.three_prime.gene_symbol),
            fusion.five_prime.transcript_id,
            fusion.three_prime.transcript_id,
            match fusion.in_frame {
                Some(true) => "in frame",
                Some(false) => "out of frame",
                None => "frame unknown",
            }
        ),
        None => {
            let place = match effect.breakpoints.first() {
                Some(TranscriptLocation::Exon(n)) => format!(" in exon {n}"),
                Some(TranscriptLocation::Intron(n)) => format!(" in intron {n}"),
                _ => String::new(),
            };
            format!("{} {} broken{place}", gene(&t.gene_symbol), t.transcript_id)
        }
    };
    Ok(Some((text, most_severe)))
}

/// How the Kasane columns choose the transcript they show, lower first: MANE Select, else
/// canonical, else the most severe consequence (`consequences` most severe first), and ties to
/// the transcript a report prefers (coding, then the longer).
fn shown_first(t: &TranscriptModel, consequences: &[Consequence]) -> impl Ord + use<> {
    let most_severe = consequences
        .first()
        .map_or(usize::MAX, |c| severity_rank(c.so_term()));
    (!t.mane_select, !t.canonical, most_severe, t.preference())
}

/// Whether an allele is A, C, G and T bases (symbolic and breakend alleles are not).
fn sequence_resolved(allele: &str) -> bool {
    !allele.is_empty() && allele.bytes().all(|b| b"ACGTacgt".contains(&b))
}

/// Kasane's effect of each sequence-resolved allele of `run`, on the transcript
/// [`shown_first`] picks.
fn set_effects(
    cache: &AnnotationCache,
    run: &ContigRun<'_>,
    reference: Option<&FastaSource>,
    found: &mut RunAnnotations,
) -> Result<(), AppError> {
    let mut effects = ContigEffects::read(cache, run.contig)?;
    for row in 0..run.len() {
        let (pos, r, a) = (run.position(row), run.reference(row), run.alternate(row));
        if !sequence_resolved(r) || !sequence_resolved(a) || r.eq_ignore_ascii_case(a) {
            continue;
        }
        let (r, a) = (r.to_ascii_uppercase(), a.to_ascii_uppercase());
        let on = effects.effects(reference, pos, &r, &a).map_err(|e| {
            AppError::new(
                ErrorKind::InvalidInput,
                format!(
                    "{}-{pos}-{r}-{a} {e}; the case and the cache's reference disagree — annotate it with a cache built against the case's reference",
                    run.contig
                ),
            )
        })?;
        let shown = on
            .iter()
            .min_by_key(|(t, e)| shown_first(t, &e.consequences));
        if let Some((t, effect)) = shown {
            found.set_effect(
                row,
                one_line(t, effect),
                effect.consequences.first().map(|c| c.so_term().to_string()),
            );
        }
    }
    Ok(())
}

/// `DOCK8 ENST00000432829.6:c.4G>A p.(Ala2Thr)`: gene, transcript, HGVS c. and p.; the
/// transcript alone when no HGVS could be given (no reference, beside the transcript).
fn one_line(t: &TranscriptModel, effect: &VariantEffect) -> String {
    let gene = t.gene_symbol.as_deref().unwrap_or("-");
    let mut line = format!("{gene} {}", t.transcript_id);
    if !effect.hgvs_c.is_empty() {
        line = format!("{line}:{}", effect.hgvs_c);
    }
    if let Some(p) = &effect.hgvs_p {
        line = format!("{line} {p}");
    }
    line
}

/// Names the written annotation table by its content (`cases/<id>/annotations-<hash>.parquet`);
/// returns (path relative to the workspace, SHA-256).
fn store_annotation(
    staging: &Path,
    dir: &Path,
    table_dir: &Path,
) -> Result<(String, String), AppError> {
    let internal = |e: std::io::Error| AppError::new(ErrorKind::Internal, e.to_string());
    let digest =
        kasane_formats::sha256_file(staging, &kasane_core::NoProgress, &CancelToken::new())
            .map_err(|e| {
                let _ = std::fs::remove_file(staging);
                AppError::new(ErrorKind::Internal, e.to_string())
            })?;
    let name = format!("annotations-{}.parquet", &digest.sha256[..16]);
    let target = dir.join(&name);
    if target.is_file() {
        std::fs::remove_file(staging).map_err(internal)?;
    } else {
        std::fs::rename(staging, &target).map_err(internal)?;
    }
    Ok((
        table_dir.join(&name).to_string_lossy().into_owned(),
        digest.sha256,
    ))
}
