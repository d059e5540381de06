//! Use cases of the variant layer: import a case's WGS/SV files into its variant table, query
//! the table, keep presets.
//!
//! An import reads every registered WGS and SV file (checking each is still the file that was
//! registered), writes the table under a name derived from its content, and only then records
//! the import; a failure at any step leaves the case's previous table in force.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kasane_core::genome::BuildEvidence;
use kasane_core::{CancelToken, GenomeBuild, LayerKind, Progress, SecondaryFindingsConsent};
use kasane_formats::reference::ReferenceGenome;
use kasane_formats::sha256_file;
use kasane_formats::variants::{
    ReadOptions, ReadSummary, SampleSelection, Strictness, VariantReadError, read_variant_batches,
    read_variant_header,
};
use kasane_store::{LayerFileRecord, NewVariantImport, VariantImportRecord};
use kasane_tables::variant_table::{Condition, SourceFile, VariantQuery, columns};
use kasane_tables::{TableError, VariantTable, VariantTableBuilder};
use serde_json::json;

use crate::IMPORTER_VERSION;
use crate::error::{AppError, ErrorKind};
use crate::use_cases::{Kasane, one_build};
use crate::variant_dto::{
    ConditionDto, FileImportDto, ImportSummaryDto, ImportVariantsDto, SkipCountDto, SortDto,
    VariantColumnDto, VariantPageDto, VariantPageRequestDto, VariantPresetDto, VariantTableInfoDto,
};

/// The progress phase of an import (bytes of all files read).
pub const IMPORT_PHASE: &str = "import-variants";
/// The progress phase of writing the table.
pub const WRITE_PHASE: &str = "write-table";
/// Largest page a caller may ask for.
pub const MAX_PAGE_ROWS: u64 = 1000;

impl From<TableError> for AppError {
    fn from(error: TableError) -> Self {
        let kind = match error {
            TableError::UnknownColumn { .. } | TableError::BadQuery(_) => ErrorKind::InvalidInput,
            TableError::Io { .. } | TableError::Polars(_) => ErrorKind::Internal,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<VariantReadError> for AppError {
    fn from(error: VariantReadError) -> Self {
        match error {
            VariantReadError::Cancelled(_) => {
                AppError::new(ErrorKind::Cancelled, error.to_string())
            }
            VariantReadError::Reference(_) => {
                AppError::new(ErrorKind::InvalidInput, error.to_string())
            }
            VariantReadError::File { .. } | VariantReadError::Record { .. } => {
                AppError::new(ErrorKind::InvalidInput, error.to_string())
            }
        }
    }
}

/// Progress of one file, re-expressed as bytes of the whole import.
struct ImportProgress<'a> {
    inner: &'a dyn Progress,
    before: u64,
    total: u64,
}

impl Progress for ImportProgress<'_> {
    fn update(&self, _phase: &str, done: u64, _total: Option<u64>) {
        self.inner
            .update(IMPORT_PHASE, self.before + done, Some(self.total));
    }
}

/// The sample columns to read from one file, given what the user chose.
fn selection_for(request: &ImportVariantsDto) -> Result<SampleSelection, AppError> {
    match (&request.sample, &request.tumour, &request.normal) {
        (None, None, None) => Ok(SampleSelection::Only),
        (Some(sample), None, None) => Ok(SampleSelection::One(sample.clone())),
        (None, Some(tumour), Some(normal)) => Ok(SampleSelection::Pair {
            tumour: tumour.clone(),
            normal: normal.clone(),
        }),
        _ => Err(AppError::new(
            ErrorKind::InvalidInput,
            "choose either one sample (--sample NAME) or a tumour/normal pair (--tumor NAME --normal NAME), not both and not half a pair",
        )),
    }
}

fn file_dto(record: &LayerFileRecord, summary: &ReadSummary) -> FileImportDto {
    FileImportDto {
        path: record.file.path.clone(),
        kind: record.file.kind,
        records: summary.records,
        alleles: summary.alleles,
        multiallelic_records: summary.multiallelic_records,
        realigned: summary.realigned,
        not_left_aligned: summary.not_left_aligned,
        skipped: summary
            .skipped
            .iter()
            .map(|(reason, count)| SkipCountDto {
                reason: reason.describe().into(),
                count: *count,
            })
            .collect(),
        dropped_values: summary.dropped_values,
        undeclared_info: summary.undeclared_info.clone(),
        samples: summary.samples.clone(),
    }
}

/// An import checked against the workspace: its files, reference and build, ready to be read
/// without holding the workspace (so the workbench stays usable during a whole-genome import).
#[derive(Debug)]
pub struct PreparedImport {
    label: String,
    request: ImportVariantsDto,
    selection: SampleSelection,
    files: Vec<LayerFileRecord>,
    reference: Option<ReferenceGenome>,
    build: Option<GenomeBuild>,
    workspace_dir: PathBuf,
    table_dir: PathBuf,
}

/// Files read and the table written under its content name, waiting to be recorded.
#[derive(Debug)]
pub struct ReadImport {
    prepared: PreparedImport,
    file_dtos: Vec<FileImportDto>,
    table_file: String,
    table_sha256: String,
    rows: u64,
    unchanged: bool,
}

impl Kasane {
    /// Imports the case's registered WGS and SV files into its variant table: prepare, read,
    /// record, in one call.
    pub fn import_variants(
        &mut self,
        request: ImportVariantsDto,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<ImportSummaryDto, AppError> {
        let read = self.prepare_import(request)?.read(progress, cancel)?;
        self.record_import(read, progress)
    }

    /// Checks an import against the workspace: an active case with WGS/SV files, a usable
    /// reference, one genome build for all of them.
    pub fn prepare_import(&self, request: ImportVariantsDto) -> Result<PreparedImport, AppError> {
        let label = request.case_label.trim().to_string();
        self.require_active_case(&label)?;
        let selection = selection_for(&request)?;
        let files: Vec<LayerFileRecord> = self
            .workspace
            .layer_files(&label)?
            .into_iter()
            .filter(|f| matches!(f.file.kind, LayerKind::WgsVcf | LayerKind::SvVcf))
            .collect();
        if files.is_empty() {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                format!(
                    "case {label:?} has no WGS or SV file to import; register one first with `kasane case add-file {label} --kind wgs-vcf FILE`"
                ),
            ));
        }
        let reference = request
            .reference
            .as_deref()
            .map(|path| ReferenceGenome::open(Path::new(path)))
            .transpose()
            .map_err(|e| AppError::new(ErrorKind::InvalidInput, e.to_string()))?;
        let mut evidence = BuildEvidence::default();
        for file in &files {
            if let Some(build) = file.file.genome_build {
                evidence.known(build, file.file.path.clone());
            }
        }
        if let Some(r) = &reference {
            let clue = r.genome_build().map_err(|e| {
                AppError::new(ErrorKind::InvalidInput, format!("the reference: {e}"))
            })?;
            if let Some(clue) = clue {
                evidence.known(clue.build, format!("the reference {}", r.path().display()));
            }
        }
        let build = one_build(&evidence)?;
        Ok(PreparedImport {
            table_dir: self.workspace.case_table_dir(&label)?,
            workspace_dir: self.workspace.dir().to_path_buf(),
            label,
            request,
            selection,
            files,
            reference,
            build,
        })
    }

    /// Records a read import in one transaction and removes the case's older table files.
    pub fn record_import(
        &mut self,
        read: ReadImport,
        progress: &dyn Progress,
    ) -> Result<ImportSummaryDto, AppError> {
        let prepared = &read.prepared;
        let options = json!({
            "samples": format!("{:?}", prepared.selection),
            "strictness": if prepared.request.tolerant { "tolerant" } else { "strict" },
        });
        let new = NewVariantImport {
            layer_file_ids: prepared.files.iter().map(|f| f.id).collect(),
            genome_build: prepared.build,
            reference: prepared
                .reference
                .as_ref()
                .map(|r| reference_description(r.path())),
            options,
            table_file: read.table_file.clone(),
            table_sha256: read.table_sha256.clone(),
            row_count: read.rows,
            summary: serde_json::to_value(&read.file_dtos).unwrap_or_default(),
            importer_version: IMPORTER_VERSION.into(),
        };
        let actor = self.actor.to_string();
        let recorded = match self
            .workspace
            .record_variant_import(&prepared.label, &new, &actor)
        {
            Ok(recorded) => recorded,
            Err(e) => {
                if !read.unchanged {
                    let _ = std::fs::remove_file(prepared.workspace_dir.join(&read.table_file));
                }
                return Err(e.into());
            }
        };
        remove_stale_tables(
            &prepared.workspace_dir.join(&prepared.table_dir),
            &read.table_file,
        );
        self.forget_table(&prepared.label);
        progress.update(WRITE_PHASE, 1, Some(1));
        Ok(ImportSummaryDto {
            case_label: read.prepared.label,
            import_id: recorded.id,
            rows: read.rows,
            genome_build: read.prepared.build,
            reference: read.prepared.request.reference,
            files: read.file_dtos,
            table_sha256: read.table_sha256,
            unchanged: read.unchanged,
        })
    }

    /// The case's current variant table, opened once and kept while it stays current.
    pub(crate) fn variant_table(&self, label: &str) -> Result<Arc<VariantTable>, AppError> {
        Ok(self.current_table(label)?.1)
    }

    /// The case's latest import and its table.
    pub(crate) fn current_table(
        &self,
        label: &str,
    ) -> Result<(VariantImportRecord, Arc<VariantTable>), AppError> {
        let label = label.trim();
        let import = self
            .workspace
            .latest_variant_import(label)?
            .ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound,
                    format!(
                        "case {label:?} has no variant table yet; run `kasane case import {label}`"
                    ),
                )
            })?;
        let annotation = self.workspace.latest_variant_annotation(label, import.id)?;
        // The open table is kept under the contents it joins: the variant table and, when the
        // case was annotated, its current annotation table.
        let contents = match &annotation {
            Some(a) => format!(
                "{}+{}",
                import.import.table_sha256, a.annotation.annotation_sha256
            ),
            None => import.import.table_sha256.clone(),
        };
        if let Some(table) = self.cached_table(label, &contents) {
            return Ok((import, table));
        }
        let path = self.workspace.dir().join(&import.import.table_file);
        let table = Arc::new(match &annotation {
            Some(a) => VariantTable::open_annotated(
                &path,
                &self.workspace.dir().join(&a.annotation.annotation_file),
            )?,
            None => VariantTable::open(&path)?,
        });
        self.cache_table(label, contents, Arc::clone(&table));
        Ok((import, table))
    }

    /// Rows, columns and provenance of the case's variant table.
    pub fn variant_table_info(&self, label: &str) -> Result<VariantTableInfoDto, AppError> {
        let (import, table) = self.current_table(label)?;
        Ok(VariantTableInfoDto {
            case_label: label.trim().into(),
            rows: table.rows() as u64,
            columns: table
                .columns()
                .into_iter()
                .map(|(name, kind)| VariantColumnDto::new(name, kind))
                .collect(),
            imported_at: import.imported_at,
            imported_by: import.imported_by,
            genome_build: import.import.genome_build,
        })
    }

    /// One page of the case's variant table under a query.
    pub fn variant_page(&self, request: VariantPageRequestDto) -> Result<VariantPageDto, AppError> {
        if request.limit > MAX_PAGE_ROWS {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                format!("a page holds at most {MAX_PAGE_ROWS} rows"),
            ));
        }
        let table = self.variant_table(&request.case_label)?;
        let consent = self.workspace.case(request.case_label.trim())?.consent;
        let hide = consent != SecondaryFindingsConsent::Consented
            && table.has_column(columns::SECONDARY_FINDING);
        let mut query = request.query.clone();
        if hide {
            query.conditions.push(Condition::Missing {
                column: columns::SECONDARY_FINDING.to_string(),
            });
        }
        let page = table.page(
            &query,
            usize::try_from(request.offset).unwrap_or(usize::MAX),
            usize::try_from(request.limit).unwrap_or(0),
            &request.columns,
        )?;
        let hidden = if hide {
            table
                .page(&request.query, 0, 0, &[])?
                .total
                .saturating_sub(page.total)
        } else {
            0
        };
        let mut dto = VariantPageDto::from(page);
        dto.hidden_secondary_findings = hidden as u64;
        Ok(dto)
    }

    /// Saves a preset under its name (replacing one of the same name).
    pub fn save_variant_preset(
        &mut self,
        preset: VariantPresetDto,
    ) -> Result<VariantPresetDto, AppError> {
        let query = serde_json::to_string(&preset.query)
            .map_err(|e| AppError::new(ErrorKind::Internal, e.to_string()))?;
        let actor = self.actor.to_string();
        let saved = self
            .workspace
            .save_variant_preset(&preset.name, &query, &actor)?;
        Ok(VariantPresetDto {
            name: saved.name,
            query: preset.query,
            saved_at: saved.saved_at,
            saved_by: saved.saved_by,
        })
    }

    /// Every saved preset, by name.
    pub fn variant_presets(&self) -> Result<Vec<VariantPresetDto>, AppError> {
        self.workspace
            .variant_presets()?
            .into_iter()
            .map(|p| {
                let query: VariantQuery = serde_json::from_str(&p.query).map_err(|e| {
                    AppError::new(
                        ErrorKind::Internal,
                        format!("preset {:?} cannot be read: {e}", p.name),
                    )
                })?;
                Ok(VariantPresetDto {
                    name: p.name,
                    query,
                    saved_at: p.saved_at,
                    saved_by: p.saved_by,
                })
            })
            .collect()
    }

    /// Deletes a preset.
    pub fn delete_variant_preset(&mut self, name: &str) -> Result<(), AppError> {
        let actor = self.actor.to_string();
        Ok(self.workspace.delete_variant_preset(name, &actor)?)
    }
}

impl Kasane {
    fn cached_table(&self, label: &str, sha256: &str) -> Option<Arc<VariantTable>> {
        let cache = self.tables.lock().ok()?;
        cache
            .get(label)
            .filter(|(hash, _)| hash == sha256)
            .map(|(_, table)| Arc::clone(table))
    }

    fn cache_table(&self, label: &str, sha256: String, table: Arc<VariantTable>) {
        if let Ok(mut cache) = self.tables.lock() {
            cache.insert(label.to_string(), (sha256, table));
        }
    }

    pub(crate) fn forget_table(&self, label: &str) {
        if let Ok(mut cache) = self.tables.lock() {
            cache.remove(label);
        }
    }
}

impl PreparedImport {
    /// Reads every file into the variant table and writes it under its content name; touches
    /// no workspace record, so a failure here leaves the case as it was.
    ///
    /// The largest file is read last so that it streams into the table past the others, which
    /// are held in memory (see `VariantTableBuilder`).
    pub fn read(
        self,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<ReadImport, AppError> {
        let total: u64 = self.files.iter().map(|f| f.file.size_bytes).sum();
        let mut order: Vec<usize> = (0..self.files.len()).collect();
        order.sort_by_key(|&i| self.files[i].file.size_bytes);
        let mut headers = Vec::with_capacity(order.len());
        for &i in &order {
            headers.push(read_variant_header(Path::new(&self.files[i].file.path))?);
        }
        let sources = order
            .iter()
            .zip(&headers)
            .map(|(&i, header)| {
                let path = Path::new(&self.files[i].file.path);
                SourceFile {
                    layer: self.files[i].file.kind.as_str().into(),
                    name: path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    info_columns: header.info_columns.clone(),
                }
            })
            .collect();
        let staging = self.staging_path();
        let paired = matches!(self.selection, SampleSelection::Pair { .. });
        let mut builder = VariantTableBuilder::create(&staging, sources, paired)?;
        let layout = builder.layout();
        let mut file_dtos = vec![None; self.files.len()];
        let mut before = 0;
        let reference = self.reference;
        for (source, (&i, header)) in order.iter().zip(&headers).enumerate() {
            let record = &self.files[i];
            let path = PathBuf::from(&record.file.path);
            builder.start_source(source)?;
            let mut stored = Ok(());
            let summary = read_variant_batches(
                &path,
                ReadOptions {
                    samples: selection_in_file(&header.samples, &self.selection),
                    reference: reference.as_ref(),
                    strictness: if self.request.tolerant {
                        Strictness::Tolerant
                    } else {
                        Strictness::Strict
                    },
                    info_keys: None,
                },
                &|| layout.batches(source),
                &mut |rows| {
                    if stored.is_ok() {
                        stored = rows.and_then(|rows| builder.push(rows));
                    }
                },
                &ImportProgress {
                    inner: progress,
                    before,
                    total,
                },
                cancel,
            )?;
            stored?;
            if summary.sha256 != record.file.sha256 {
                return Err(AppError::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "{} changed since it was registered on {} (SHA-256 now {}, then {}); register the new version with `kasane case add-file` if the change is intended",
                        record.file.path, record.imported_at, summary.sha256, record.file.sha256
                    ),
                ));
            }
            before += record.file.size_bytes;
            file_dtos[i] = Some(file_dto(record, &summary));
        }
        cancel
            .check()
            .map_err(|e| AppError::new(ErrorKind::Cancelled, e.to_string()))?;
        progress.update(WRITE_PHASE, 0, Some(1));
        let written = builder.finish().inspect_err(|_| {
            let _ = std::fs::remove_file(&staging);
        })?;
        let rows = written.rows as u64;
        let prepared = Self { reference, ..self };
        let (table_file, unchanged) = prepared.store_table(&staging, &written.sha256)?;
        let table_sha256 = written.sha256;
        Ok(ReadImport {
            prepared,
            file_dtos: file_dtos.into_iter().flatten().collect(),
            table_file,
            table_sha256,
            rows,
            unchanged,
        })
    }

    /// A fresh name in the case's table folder for the table being written.
    fn staging_path(&self) -> PathBuf {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        self.workspace_dir.join(&self.table_dir).join(format!(
            ".variants-staging-{}-{nanos}.parquet",
            std::process::id()
        ))
    }

    /// Names the written table by its content (`sha256`, taken as it was written):
    /// `cases/<id>/variants-<hash>.parquet`; returns (relative path, whether that file already
    /// existed).
    fn store_table(&self, staging: &Path, sha256: &str) -> Result<(String, bool), AppError> {
        let internal = |e: std::io::Error| AppError::new(ErrorKind::Internal, e.to_string());
        let name = format!("variants-{}.parquet", sha256.get(..16).unwrap_or(sha256));
        let target = self.workspace_dir.join(&self.table_dir).join(&name);
        let unchanged = target.is_file();
        if unchanged {
            std::fs::remove_file(staging).map_err(internal)?;
        } else {
            std::fs::rename(staging, &target).map_err(internal)?;
        }
        let relative = self.table_dir.join(&name).to_string_lossy().into_owned();
        Ok((relative, unchanged))
    }
}

/// Deletes the older table files in a case's table folder once a new import is recorded.
fn remove_stale_tables(dir: &Path, current: &str) {
    let current_name = Path::new(current).file_name().map(|n| n.to_os_string());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text.starts_with("variants-")
            && text.ends_with(".parquet")
            && Some(&name) != current_name.as_ref()
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Reads a condition written as text (`vaf>=0.3`, `class=snv,mnv`, `locus=chr17:43,044,295-
/// 43,125,483`, `hgvs_c~c.68`, `text~rs429358`), as the CLI's `--filter` takes it.
pub fn parse_condition(text: &str) -> Result<ConditionDto, AppError> {
    text.parse()
        .map_err(|e: String| AppError::new(ErrorKind::InvalidInput, e))
}

/// Reads a sort written as text (`vaf`, `vaf:desc`, `-vaf`).
pub fn parse_sort(text: &str) -> Result<SortDto, AppError> {
    text.parse()
        .map_err(|e: String| AppError::new(ErrorKind::InvalidInput, e))
}

/// The sample choice for one file: a pair where the file has both samples, the tumour alone
/// where it has only that one (a tumour-only SV call set), otherwise the user's choice.
fn selection_in_file(samples: &[String], selection: &SampleSelection) -> SampleSelection {
    if let SampleSelection::Pair { tumour, normal } = selection {
        let has = |n: &String| samples.iter().any(|s| s == n);
        if has(tumour) && !has(normal) {
            return SampleSelection::One(tumour.clone());
        }
    }
    selection.clone()
}

/// What identifies the reference used: its path, size and the checksum of its `.fai` index
/// (hashing a 3 GB FASTA on every import would cost more than the import itself).
pub(crate) fn reference_description(path: &Path) -> serde_json::Value {
    let size = std::fs::metadata(path).map(|m| m.len()).ok();
    let mut fai = path.as_os_str().to_os_string();
    fai.push(".fai");
    let fai_sha256 = sha256_file(
        Path::new(&fai),
        &kasane_core::NoProgress,
        &CancelToken::new(),
    )
    .ok()
    .map(|d| d.sha256);
    json!({ "path": path.display().to_string(), "sizeBytes": size, "faiSha256": fai_sha256 })
}
