//! Building, describing and verifying local annotation caches (`*.kcache`): the use cases
//! behind `kasane cache build | info | verify` and the workbench's Caches page.
//!
//! A cache does not belong to a workspace: a core hospital builds it once and carries it to
//! the sites that annotate with it, so these use cases take only file paths.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use kasane_core::annotation::{
    CacheSummary, ClinvarChange, ClinvarRecord, SourceKind, SourceManifest,
};
use kasane_core::knowledge::GeneKnowledge;
use kasane_core::{CancelToken, GenomeBuild, LayerKind, Progress};
use kasane_formats::annotation_sources::{
    SourceError, SourceRead, read_clinvar, read_frequencies, read_revel,
};
use kasane_formats::gene_models::{
    GeneAnnotationSource, GeneModelError, GeneModelsRead, read_gene_models,
};
use kasane_formats::knowledge::{
    CLINGEN_DOSAGE, CLINGEN_VALIDITY_PREFIX, DIAGNOSTIC_FUSIONS, GENE_METABOLITES,
    METHYLATION_MARKERS, ONCOKB_GENES, SECONDARY_FINDINGS, read_knowledge_dir,
};
use kasane_formats::reference::ReferenceGenome;
use kasane_formats::sniff_layer_file;
use kasane_formats::variants::VariantReadError;
use kasane_store::cache::{AnnotationCache, CacheError, CacheWriter, StoredFrequency};
use serde::Serialize;
use ts_rs::TS;

use crate::cache_signing::{SignatureDto, TrustedKeyDto, check_cache_signature};
use crate::error::{AppError, ErrorKind};
use crate::use_cases::Kasane;
use kasane_tables::variant_table::keys_present;

/// The progress phase of reading one cache source.
pub const CACHE_BUILD_PHASE: &str = "cache-build";

/// One population source given as `NAME=FILE` or `FILE` (named from the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedSource {
    /// The name given, when one was.
    pub name: Option<String>,
    /// The file.
    pub path: PathBuf,
}

impl NamedSource {
    /// Reads `NAME=FILE` (a name of lower-case letters, digits and `-`) or a bare `FILE`.
    pub fn parse(text: &str) -> Self {
        match text.split_once('=') {
            Some((name, path)) if is_source_name(name) => Self {
                name: Some(name.to_string()),
                path: PathBuf::from(path),
            },
            _ => Self {
                name: None,
                path: PathBuf::from(text),
            },
        }
    }
}

fn is_source_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// What to build a cache from.
#[derive(Debug, Clone, Default)]
pub struct CacheBuildRequest {
    /// The cache file to write (replaced only when the build succeeds).
    pub out: PathBuf,
    /// A ClinVar VCF (NCBI's or the reprocessed form).
    pub clinvar: Option<PathBuf>,
    /// gnomAD sites VCFs/BCFs.
    pub gnomad: Vec<NamedSource>,
    /// Other population panels (jMorp/ToMMo, TogoVar), each with a name.
    pub populations: Vec<NamedSource>,
    /// Gene models (RefSeq or Ensembl GFF3/GTF).
    pub genes: Vec<NamedSource>,
    /// A folder of gene-level knowledge tables (`assets/knowledge`).
    pub knowledge: Option<PathBuf>,
    /// REVEL's precomputed missense scores (`revel_with_transcript_ids`), for PP3/BP4.
    pub revel: Option<PathBuf>,
    /// Reference FASTA for left-aligning the sources' indels.
    pub reference: Option<PathBuf>,
    /// Releases for sources whose file states none, as (source name, release).
    pub releases: Vec<(String, String)>,
    /// Licences, as (source name, licence); required for population panels.
    pub licences: Vec<(String, String)>,
    /// The build, for sources whose header states none.
    pub genome_build: Option<GenomeBuild>,
}

/// What a cache build wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CacheBuiltDto {
    /// The cache file.
    pub path: String,
    /// Its genome build.
    pub genome_build: GenomeBuild,
    /// Its content hash.
    pub content_sha256: String,
    /// Its sources with what was read from each.
    pub sources: Vec<CacheSourceDto>,
}

/// One source of a cache as the builder read it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CacheSourceDto {
    /// The manifest entry.
    pub manifest: SourceManifest,
    /// Indels stored without left-alignment (built without a reference).
    pub not_left_aligned: u64,
    /// Records or alleles passed over, by reason.
    pub skipped: Vec<(String, u64)>,
}

/// `kasane cache info`: a cache's file, build facts and sources.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CacheInfoDto {
    /// The cache file.
    pub path: String,
    /// What the cache says about itself.
    #[serde(flatten)]
    pub summary: CacheSummary,
}

/// `kasane cache verify`: whether a cache is intact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CacheVerifyDto {
    /// The cache file.
    pub path: String,
    /// Whether every check passed: content intact and the signature acceptable.
    pub sound: bool,
    /// Whether the file is intact and holds exactly what was built.
    pub content_sound: bool,
    /// SQLite's integrity verdict.
    pub integrity: String,
    /// Content hash recorded at build time.
    pub recorded_sha256: String,
    /// Content hash of the rows now.
    pub computed_sha256: String,
    /// What the signature beside the cache says.
    pub signature: SignatureDto,
    /// Whether a signature by a trusted key was required.
    pub signature_required: bool,
}

impl From<CacheError> for AppError {
    fn from(error: CacheError) -> Self {
        let kind = match &error {
            CacheError::NotACache { .. }
            | CacheError::Signature { .. }
            | CacheError::UnstorableFact { .. } => ErrorKind::InvalidInput,
            CacheError::Io { .. } | CacheError::Sqlite { .. } => ErrorKind::Internal,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<GeneModelError> for AppError {
    fn from(error: GeneModelError) -> Self {
        match error {
            GeneModelError::Cancelled => Self::new(
                ErrorKind::Cancelled,
                "cancelled; no cache was written and an existing one is unchanged",
            ),
            other => Self::new(ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

impl From<SourceError> for AppError {
    fn from(error: SourceError) -> Self {
        match error {
            SourceError::Read(VariantReadError::Cancelled(_)) => Self::new(
                ErrorKind::Cancelled,
                "cancelled; no cache was written and an existing one is unchanged",
            ),
            other => Self::new(ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::new(ErrorKind::InvalidInput, message)
}

/// The licence a well-known source publishes its data under (DOMAIN.md §10).
fn default_licence(kind: SourceKind) -> Option<&'static str> {
    match kind {
        SourceKind::Clinvar => Some("public domain (NCBI)"),
        SourceKind::Gnomad => Some("CC0-1.0 (gnomAD)"),
        SourceKind::Population
        | SourceKind::Genes
        | SourceKind::Knowledge
        | SourceKind::Predictor => None,
    }
}

/// The licence of a gene-model publisher, once the file tells which it is.
fn gene_models_licence(source: Option<GeneAnnotationSource>) -> Option<&'static str> {
    match source? {
        GeneAnnotationSource::Ensembl => Some("no restrictions (Ensembl)"),
        GeneAnnotationSource::RefSeq => Some("public domain (NCBI RefSeq)"),
    }
}

/// gnomAD's data set and version from its release file name
/// (`gnomad.exomes.v4.0.sites.….vcf.bgz` → `exomes`, `v4.0`).
fn gnomad_file_facts(path: &Path) -> (Option<String>, Option<String>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    let set = parts
        .iter()
        .find(|p| matches!(**p, "exomes" | "genomes" | "joint"))
        .map(|p| p.to_string());
    let version = parts.iter().position(|p| {
        p.strip_prefix('v')
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
    });
    let version = version.map(|i| {
        let minor = parts
            .get(i + 1)
            .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        match minor {
            Some(minor) => format!("{}.{minor}", parts[i]),
            None => parts[i].to_string(),
        }
    });
    (set, version)
}

/// One source to read, with what the request says about it.
struct PlannedSource {
    name: String,
    kind: SourceKind,
    path: PathBuf,
    release_from_name: Option<String>,
}

fn plan_sources(request: &CacheBuildRequest) -> Result<Vec<PlannedSource>, AppError> {
    let mut planned = Vec::new();
    if let Some(path) = &request.clinvar {
        planned.push(PlannedSource {
            name: "clinvar".into(),
            kind: SourceKind::Clinvar,
            path: path.clone(),
            release_from_name: None,
        });
    }
    for source in &request.gnomad {
        let (set, version) = gnomad_file_facts(&source.path);
        let name = source.name.clone().unwrap_or_else(|| match &set {
            Some(set) => format!("gnomad-{set}"),
            None => "gnomad".into(),
        });
        planned.push(PlannedSource {
            name,
            kind: SourceKind::Gnomad,
            path: source.path.clone(),
            release_from_name: version.map(|v| match &set {
                Some(set) => format!("{v} {set}"),
                None => v,
            }),
        });
    }
    for source in &request.populations {
        let name = source.name.clone().ok_or_else(|| {
            invalid(format!(
                "--population {}: name the panel, e.g. --population tommo-54kjpn={}",
                source.path.display(),
                source.path.display()
            ))
        })?;
        planned.push(PlannedSource {
            name,
            kind: SourceKind::Population,
            path: source.path.clone(),
            release_from_name: None,
        });
    }
    for source in &request.genes {
        planned.push(PlannedSource {
            name: source.name.clone().unwrap_or_else(|| "genes".into()),
            kind: SourceKind::Genes,
            path: source.path.clone(),
            release_from_name: None,
        });
    }
    // Read last: its rows carry a position per build, so the cache's build must be known.
    if let Some(path) = &request.revel {
        planned.push(PlannedSource {
            name: "revel".into(),
            kind: SourceKind::Predictor,
            path: path.clone(),
            release_from_name: None,
        });
    }
    if planned.is_empty() && request.knowledge.is_none() {
        return Err(invalid(
            "no sources given; name at least one of --clinvar, --gnomad, --population, --genes, --revel or --knowledge",
        ));
    }
    let mut names = BTreeSet::new();
    for source in &planned {
        if !names.insert(source.name.clone()) {
            return Err(invalid(format!(
                "two sources are named {:?}; name them apart as NAME=FILE",
                source.name
            )));
        }
    }
    for (name, _) in request.releases.iter().chain(&request.licences) {
        if !names.contains(name) {
            return Err(invalid(format!(
                "--release/--licence name {name:?} is not a source of this build (sources: {})",
                names.iter().cloned().collect::<Vec<_>>().join(", ")
            )));
        }
    }
    Ok(planned)
}

fn given<'r>(pairs: &'r [(String, String)], name: &str) -> Option<&'r str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The build of one source: what its header states, checked against the cache's build so far
/// (or, when it states none, the cache's build).
fn resolve_build(
    path: &Path,
    stated: Option<GenomeBuild>,
    stated_where: Option<&str>,
    build: &mut Option<(GenomeBuild, String)>,
) -> Result<GenomeBuild, AppError> {
    match (stated, &build) {
        (Some(stated), Some((cache, from))) if stated != *cache => Err(invalid(format!(
            "{}: its header says {stated} ({}) but this cache is {cache} (from {from}); build one cache per genome build",
            path.display(),
            stated_where.unwrap_or("header")
        ))),
        (Some(stated), None) => {
            *build = Some((stated, path.display().to_string()));
            Ok(stated)
        }
        (_, Some((cache, _))) => Ok(*cache),
        (None, None) => Err(invalid(format!(
            "{}: its header states no genome build; give --genome-build GRCh38 (or GRCh37)",
            path.display()
        ))),
    }
}

/// Stores the genes and transcripts read from one file.
fn store_gene_models(
    name: &str,
    models: &GeneModelsRead,
    writer: &mut CacheWriter,
) -> Result<SourceRead, AppError> {
    for gene in &models.genes {
        writer.insert_gene(name, gene)?;
    }
    for transcript in &models.transcripts {
        writer.insert_transcript(name, transcript)?;
    }
    Ok(SourceRead {
        release: models.release.clone(),
        records: models.features,
        stored: models.transcripts.len() as u64,
        not_left_aligned: 0,
        skipped: models.skipped.clone(),
        sha256: models.sha256.clone(),
    })
}

/// The licence of the project's knowledge tables (PROVENANCE.md).
const KNOWLEDGE_LICENCE: &str =
    "Kasane project transcription of the cited literature (see PROVENANCE.md)";

/// The licence of ClinGen's curated content (clinicalgenome.org terms of use).
const CLINGEN_LICENCE: &str = "CC0-1.0 (ClinGen; attribution requested)";

/// The manifest name of ClinGen's gene curation list.
const CLINGEN_DOSAGE_SOURCE: &str = "clingen-dosage";

/// The licence recorded for OncoKB's cancer gene list, which the laboratory supplies.
const ONCOKB_LICENCE: &str = "OncoKB terms of use: supplied by the laboratory under its own OncoKB licence; Kasane ships no copy";

/// The source name of OncoKB's cancer gene list in a cache.
const ONCOKB_GENES_SOURCE: &str = "oncokb-cancer-genes";

/// The source name of ClinGen's gene–disease validity summary in a cache.
const CLINGEN_VALIDITY_SOURCE: &str = "clingen-gene-validity";

/// Stores the knowledge tables of `dir`, one manifest entry per table; their marker regions and
/// ClinGen's gene locations are GRCh38, so a cache of another build refuses them.
fn store_knowledge(
    dir: &Path,
    genome_build: GenomeBuild,
    writer: &mut CacheWriter,
) -> Result<Vec<CacheSourceDto>, AppError> {
    let tables = read_knowledge_dir(dir).map_err(|e| invalid(e.to_string()))?;
    if genome_build != GenomeBuild::Grch38 {
        let grch38_only = [
            (
                !tables.methylation_markers.is_empty(),
                METHYLATION_MARKERS,
                "methylation marker regions",
            ),
            (!tables.dosage.is_empty(), CLINGEN_DOSAGE, "gene locations"),
        ];
        if let Some((_, file, what)) = grch38_only.iter().find(|(present, ..)| *present) {
            return Err(invalid(format!(
                "{}: its {what} are GRCh38 but this cache is {genome_build}; build the knowledge into a GRCh38 cache",
                dir.join(file).display()
            )));
        }
    }
    let name_of = |file: &str| {
        if file == CLINGEN_DOSAGE {
            CLINGEN_DOSAGE_SOURCE.to_string()
        } else if file == ONCOKB_GENES {
            ONCOKB_GENES_SOURCE.to_string()
        } else if file.starts_with(CLINGEN_VALIDITY_PREFIX) {
            CLINGEN_VALIDITY_SOURCE.to_string()
        } else {
            file.trim_end_matches(".tsv").replace('_', "-")
        }
    };
    for f in &tables.fusions {
        writer.insert_fusion(&name_of(DIAGNOSTIC_FUSIONS), f)?;
    }
    for m in &tables.methylation_markers {
        writer.insert_methylation_marker(&name_of(METHYLATION_MARKERS), m)?;
    }
    for l in &tables.metabolites {
        writer.insert_metabolite_link(&name_of(GENE_METABOLITES), l)?;
    }
    for g in &tables.secondary_findings {
        writer.insert_secondary_finding(&name_of(SECONDARY_FINDINGS), g)?;
    }
    for d in &tables.dosage {
        writer.insert_dosage(CLINGEN_DOSAGE_SOURCE, d)?;
    }
    for r in &tables.cancer_roles {
        writer.insert_cancer_role(ONCOKB_GENES_SOURCE, r)?;
    }
    for v in &tables.validity {
        writer.insert_validity(CLINGEN_VALIDITY_SOURCE, v)?;
    }
    let mut sources = Vec::new();
    for file in &tables.files {
        let manifest = SourceManifest {
            name: name_of(&file.file_name),
            kind: SourceKind::Knowledge,
            release: file.version.clone(),
            genome_build,
            records: file.rows,
            stored: file.rows,
            file_name: file.file_name.clone(),
            sha256: file.sha256.clone(),
            licence: if file.file_name == CLINGEN_DOSAGE
                || file.file_name.starts_with(CLINGEN_VALIDITY_PREFIX)
            {
                CLINGEN_LICENCE
            } else if file.file_name == ONCOKB_GENES {
                ONCOKB_LICENCE
            } else {
                KNOWLEDGE_LICENCE
            }
            .to_string(),
        };
        writer.add_source(&manifest)?;
        sources.push(CacheSourceDto {
            manifest,
            not_left_aligned: 0,
            skipped: Vec::new(),
        });
    }
    Ok(sources)
}

/// Builds a cache from the request's sources; the output file appears only when every source
/// was read and stored. Sources must agree on one genome build.
pub fn build_cache(
    request: &CacheBuildRequest,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<CacheBuiltDto, AppError> {
    let planned = plan_sources(request)?;
    for source in planned.iter().filter(|s| s.kind != SourceKind::Genes) {
        let licence = given(&request.licences, &source.name).or(default_licence(source.kind));
        if licence.is_none_or(|l| l.trim().is_empty()) {
            return Err(invalid(format!(
                "source {:?} has no licence; state the terms of its publisher with --licence {}=TEXT (DOMAIN.md §10: a component without a licence is refused)",
                source.name, source.name
            )));
        }
    }
    let reference = request
        .reference
        .as_deref()
        .map(ReferenceGenome::open)
        .transpose()
        .map_err(|e| invalid(e.to_string()))?;
    let mut writer = CacheWriter::create(&request.out)?;
    let mut build: Option<(GenomeBuild, String)> = request
        .genome_build
        .map(|b| (b, "--genome-build".to_string()));
    let mut sources = Vec::new();
    for source in &planned {
        let (read, genome_build, licence_found) = if source.kind == SourceKind::Genes {
            let phase = PhaseProgress {
                inner: progress,
                name: &source.name,
            };
            let models = read_gene_models(&source.path, &phase, cancel)?;
            let genome_build = resolve_build(&source.path, models.genome_build, None, &mut build)?;
            let read = store_gene_models(&source.name, &models, &mut writer)?;
            (
                read,
                genome_build,
                gene_models_licence(models.annotation_source),
            )
        } else if source.kind == SourceKind::Predictor {
            let Some((genome_build, _)) = build.clone() else {
                return Err(invalid(format!(
                    "{}: REVEL gives GRCh37 and GRCh38 positions; name the cache's build with --genome-build or give a VCF source that states it",
                    source.path.display()
                )));
            };
            let read = store_predictor_scores(source, genome_build, &mut writer, progress, cancel)?;
            (read, genome_build, default_licence(source.kind))
        } else {
            // The header is checked before the records are read, so a wrong build fails at once.
            let sniffed = sniff_layer_file(&source.path, LayerKind::WgsVcf)?;
            let genome_build = resolve_build(
                &source.path,
                sniffed.genome_build,
                sniffed.build_source.as_deref(),
                &mut build,
            )?;
            let mut failed = Ok(());
            let read = read_one(
                source,
                reference.as_ref(),
                &mut writer,
                &mut failed,
                progress,
                cancel,
            )?;
            failed?;
            (read, genome_build, default_licence(source.kind))
        };
        let release = given(&request.releases, &source.name)
            .map(str::to_string)
            .or_else(|| read.release.clone())
            .or_else(|| source.release_from_name.clone())
            .ok_or_else(|| {
                invalid(format!(
                    "{}: the file states no release or date; give it with --release {}=TEXT",
                    source.path.display(),
                    source.name
                ))
            })?;
        let licence = given(&request.licences, &source.name)
            .or(licence_found)
            .filter(|l| !l.trim().is_empty())
            .ok_or_else(|| {
                invalid(format!(
                    "source {:?} has no licence Kasane knows; state the terms of its publisher with --licence {}=TEXT (DOMAIN.md §10: a component without a licence is refused)",
                    source.name, source.name
                ))
            })?
            .to_string();
        let manifest = SourceManifest {
            name: source.name.clone(),
            kind: source.kind,
            release,
            genome_build,
            records: read.records,
            stored: read.stored,
            file_name: source
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: read.sha256.clone(),
            licence,
        };
        writer.add_source(&manifest)?;
        sources.push(CacheSourceDto {
            manifest,
            not_left_aligned: read.not_left_aligned,
            skipped: read.skipped.into_iter().collect(),
        });
    }
    let Some((genome_build, _)) = build else {
        return Err(invalid(
            "no source states a genome build; give --genome-build",
        ));
    };
    if let Some(dir) = &request.knowledge {
        sources.extend(store_knowledge(dir, genome_build, &mut writer)?);
    }
    let reference_description = request
        .reference
        .as_deref()
        .map(|path| crate::variants::reference_description(path).to_string());
    let content_sha256 = writer.finish(
        genome_build,
        crate::IMPORTER_VERSION,
        reference_description.as_deref(),
    )?;
    Ok(CacheBuiltDto {
        path: request.out.display().to_string(),
        genome_build,
        content_sha256,
        sources,
    })
}

/// Reads a REVEL file's scores on `genome_build` into the cache.
fn store_predictor_scores(
    source: &PlannedSource,
    genome_build: GenomeBuild,
    writer: &mut CacheWriter,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<SourceRead, AppError> {
    let phase = PhaseProgress {
        inner: progress,
        name: &source.name,
    };
    let mut stored = Ok(());
    let read = read_revel(
        &source.path,
        genome_build,
        &mut |score| {
            if stored.is_ok() {
                stored = writer.insert_predictor_score(&source.name, &score);
            }
        },
        &phase,
        cancel,
    )?;
    stored?;
    Ok(read)
}

/// One fact on its way from a source's reader to the cache writer.
enum Fact {
    Clinvar(ClinvarRecord),
    Frequency(StoredFrequency),
}

/// Facts sent to the writer thread at once.
const FACT_BATCH: usize = 4096;

/// Reads one source into the writer; a storage failure is left in `failed`. The file is parsed
/// on this thread while a second one stores the facts, so both cores work (the reader's own
/// BGZF workers aside).
fn read_one(
    source: &PlannedSource,
    reference: Option<&ReferenceGenome>,
    writer: &mut CacheWriter,
    failed: &mut Result<(), AppError>,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<SourceRead, AppError> {
    let phase = PhaseProgress {
        inner: progress,
        name: &source.name,
    };
    let name = source.name.as_str();
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Fact>>(8);
        let stored = scope.spawn(move || -> Result<(), AppError> {
            let mut frequencies = Vec::with_capacity(FACT_BATCH);
            for batch in receiver {
                for fact in batch {
                    match fact {
                        Fact::Clinvar(record) => {
                            writer.insert_frequencies(name, &frequencies)?;
                            frequencies.clear();
                            writer.insert_clinvar(name, &record)?;
                        }
                        Fact::Frequency(record) => frequencies.push(record),
                    }
                }
                writer.insert_frequencies(name, &frequencies)?;
                frequencies.clear();
            }
            Ok(())
        });
        let mut batch = Vec::with_capacity(FACT_BATCH);
        // A fact that cannot be stored stops the sending; the reading runs to its end.
        let mut unstorable: Option<CacheError> = None;
        let mut send = |fact: Fact| {
            batch.push(fact);
            if batch.len() == FACT_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(FACT_BATCH));
                // A closed channel means the writer stopped; its error is reported below.
                let _ = sender.send(full);
            }
        };
        let read = match source.kind {
            SourceKind::Clinvar => read_clinvar(
                &source.path,
                reference,
                &mut |record| send(Fact::Clinvar(record)),
                &phase,
                cancel,
            )
            .map(|(_, read)| read),
            SourceKind::Gnomad | SourceKind::Population => read_frequencies(
                &source.path,
                reference,
                &mut |record| {
                    if unstorable.is_none() {
                        match StoredFrequency::new(name, record) {
                            Ok(fact) => send(Fact::Frequency(fact)),
                            Err(e) => unstorable = Some(e),
                        }
                    }
                },
                &phase,
                cancel,
            )
            .map(|(_, read)| read),
            SourceKind::Genes | SourceKind::Knowledge | SourceKind::Predictor => {
                return Err(AppError::new(
                    ErrorKind::Internal,
                    format!("{} is not a VCF source", source.name),
                ));
            }
        };
        let rest = std::mem::take(&mut batch);
        if !rest.is_empty() {
            let _ = sender.send(rest);
        }
        drop(sender);
        *failed = stored.join().unwrap_or_else(|_| {
            Err(AppError::new(
                ErrorKind::Internal,
                "the cache writer stopped",
            ))
        });
        if let (Ok(()), Some(e)) = (&*failed, unstorable) {
            *failed = Err(e.into());
        }
        Ok(read?)
    })
}

/// Progress of one source, reported under the cache-build phase with the source's name.
struct PhaseProgress<'p> {
    inner: &'p dyn Progress,
    name: &'p str,
}

impl Progress for PhaseProgress<'_> {
    fn update(&self, _phase: &str, done: u64, total: Option<u64>) {
        self.inner
            .update(&format!("{CACHE_BUILD_PHASE} {}", self.name), done, total);
    }
}

/// A cache's build facts and sources.
pub fn cache_info(path: &Path) -> Result<CacheInfoDto, AppError> {
    Ok(CacheInfoDto {
        path: path.display().to_string(),
        summary: AnnotationCache::open(path)?.summary()?,
    })
}

/// Checks a cache's integrity and content hash and, when a signature lies beside it, that it
/// holds and a trusted key made it; `require_signature` refuses an unsigned cache too.
pub fn verify_cache(
    path: &Path,
    trusted: &[TrustedKeyDto],
    require_signature: bool,
) -> Result<CacheVerifyDto, AppError> {
    let verification = AnnotationCache::open(path)?.verify()?;
    let signature = check_cache_signature(path, trusted)?;
    Ok(CacheVerifyDto {
        path: path.display().to_string(),
        sound: verification.is_sound() && signature.acceptable(require_signature),
        content_sound: verification.is_sound(),
        integrity: verification.integrity,
        recorded_sha256: verification.recorded_sha256,
        computed_sha256: verification.computed_sha256,
        signature_required: require_signature,
        signature,
    })
}

/// What a cache's knowledge tables say about one gene.
pub fn gene_knowledge(path: &Path, gene: &str) -> Result<GeneKnowledge, AppError> {
    let gene = gene.trim();
    if gene.is_empty() {
        return Err(invalid("name a gene, e.g. EWSR1"));
    }
    Ok(AnnotationCache::open(path)?.gene_knowledge(gene)?)
}

/// `kasane cache diff OLD NEW`: what changed in ClinVar between two cache releases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CacheDiffDto {
    /// The older cache and its content hash.
    pub old_cache: (String, String),
    /// The newer cache and its content hash.
    pub new_cache: (String, String),
    /// The ClinVar releases compared (older, newer).
    pub clinvar_releases: (String, String),
    /// Every changed variation, in genome order.
    pub changes: Vec<ClinvarChange>,
    /// Cases of the workspace searched for the changed variants (`None` when no workspace was
    /// searched).
    #[ts(optional)]
    pub cases_searched: Option<u64>,
    /// The cases holding each changed variant, by key: the reclassification work list.
    pub held_by: BTreeMap<String, Vec<String>>,
    /// The workspace's classifications of each changed variant (the latest version in each
    /// case that classified it), by key: the classifications to look at again.
    pub classified: BTreeMap<String, Vec<HeldClassificationDto>>,
}

/// A case's classification of a variant whose ClinVar record changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldClassificationDto {
    /// The case.
    pub case_label: String,
    /// The latest version.
    pub version: i64,
    /// Its class (`likely-pathogenic`).
    pub class: String,
    /// Who signed it off, when someone has.
    #[ts(optional)]
    pub signed_off_by: Option<String>,
}

/// The ClinVar variations whose classification or review status differ between two caches
/// of one genome build, and those added or removed.
pub fn diff_caches(old: &Path, new: &Path) -> Result<CacheDiffDto, AppError> {
    let older = AnnotationCache::open(old)?;
    let newer = AnnotationCache::open(new)?;
    let (old_summary, new_summary) = (older.summary()?, newer.summary()?);
    if old_summary.genome_build != new_summary.genome_build {
        return Err(invalid(format!(
            "{} is {} but {} is {}; compare caches of one genome build",
            old.display(),
            old_summary.genome_build,
            new.display(),
            new_summary.genome_build
        )));
    }
    let release = |summary: &CacheSummary| {
        summary
            .sources
            .iter()
            .find(|s| s.kind == SourceKind::Clinvar)
            .map(|s| s.release.clone())
    };
    let (Some(old_release), Some(new_release)) = (release(&old_summary), release(&new_summary))
    else {
        let lacking = if release(&old_summary).is_none() {
            old
        } else {
            new
        };
        return Err(invalid(format!(
            "{} holds no ClinVar source, so there is nothing to compare; diff two caches built with --clinvar",
            lacking.display()
        )));
    };
    let changes = newer.clinvar_changes_since(&older)?;
    Ok(CacheDiffDto {
        old_cache: (old.display().to_string(), old_summary.content_sha256),
        new_cache: (new.display().to_string(), new_summary.content_sha256),
        clinvar_releases: (old_release, new_release),
        changes,
        cases_searched: None,
        held_by: BTreeMap::new(),
        classified: BTreeMap::new(),
    })
}

impl Kasane {
    /// [`diff_caches`] with, for each changed variant, the cases of this workspace whose
    /// variant table holds it (archived cases too: their reports may need a second look) and
    /// their classifications of it.
    pub fn diff_caches(&self, old: &Path, new: &Path) -> Result<CacheDiffDto, AppError> {
        let mut diff = diff_caches(old, new)?;
        let wanted: HashSet<String> = diff.changes.iter().map(|c| c.key.clone()).collect();
        let cases = self.workspace.list_cases(true)?;
        for summary in &cases {
            let label = &summary.case.label;
            let Some(import) = self.workspace.latest_variant_import(label)? else {
                continue;
            };
            let table = self.workspace.dir().join(&import.import.table_file);
            for key in keys_present(&table, &wanted)? {
                diff.held_by.entry(key).or_default().push(label.clone());
            }
        }
        for labels in diff.held_by.values_mut() {
            labels.sort();
        }
        for key in &wanted {
            let versions: Vec<HeldClassificationDto> = self
                .workspace
                .classifications_of_variant(key)?
                .into_iter()
                .map(|r| HeldClassificationDto {
                    case_label: r.case_label,
                    version: r.version,
                    class: r.body.class,
                    signed_off_by: r.sign_off.map(|s| s.signed_by),
                })
                .collect();
            if !versions.is_empty() {
                diff.classified.insert(key.clone(), versions);
            }
        }
        diff.cases_searched = Some(cases.len() as u64);
        Ok(diff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_names_and_gnomad_file_facts() {
        assert_eq!(
            NamedSource::parse("tommo-54kjpn=/data/x=y.vcf"),
            NamedSource {
                name: Some("tommo-54kjpn".into()),
                path: "/data/x=y.vcf".into()
            }
        );
        assert_eq!(NamedSource::parse("/data/a=b.vcf").name, None);
        assert_eq!(
            gnomad_file_facts(Path::new(
                "gnomad.exomes.v4.0.sites.chr1_55039893-55039951.vcf.bgz"
            )),
            (Some("exomes".into()), Some("v4.0".into()))
        );
        assert_eq!(
            gnomad_file_facts(Path::new("gnomad.genomes.r2.1.1.sites.vcf.bgz")),
            (Some("genomes".into()), None)
        );
    }
}
