//! The use cases: every action a front end can take on a workspace.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use kasane_core::genome::BuildEvidence;
use kasane_core::{
    CancelToken, CaseLabel, GenomeBuild, LayerKind, Progress, SecondaryFindingsConsent,
};
use kasane_formats::{sha256_file, sniff_layer_file};
use kasane_store::{CaseBundle, NewCase, NewLayerFile, NewSample, Workspace};
use kasane_tables::VariantTable;
use serde::Deserialize;

use crate::IMPORTER_VERSION;
use crate::dto::{
    AddLayerFileDto, AuditEntryDto, CaseDto, CaseOverviewDto, LayerFileDto, NewCaseDto,
    NewSampleDto, NoteDto, SampleDto, WorkspaceInfoDto,
};
use crate::error::{AppError, ErrorKind};

/// An open workspace and the person acting on it.
#[derive(Debug)]
pub struct Kasane {
    pub(crate) workspace: Workspace,
    pub(crate) actor: String,
    /// Variant tables opened by queries, by case label: (table SHA-256, table).
    pub(crate) tables: TableCache,
    /// The reference FASTA the panel last read protein changes from, kept open so a bgzipped
    /// one does not decompress its contig again on every look-up.
    pub(crate) panel_reference: crate::panel::OpenReference,
}

/// Open variant tables kept between queries (a 5-million-row table takes a second to load).
pub(crate) type TableCache = Mutex<HashMap<String, (String, Arc<VariantTable>)>>;

/// The one genome build of a case's files (and reference), or the error naming two that differ:
/// mixing builds in one case is refused, never warned about (DESIGN.md §5).
pub(crate) fn one_build(evidence: &BuildEvidence) -> Result<Option<GenomeBuild>, AppError> {
    evidence.conclude().map(|clue| clue.map(|c| c.build)).map_err(|c| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{} is {} but {} is {}; one case's genomic data must all be on one genome build — lift the file over, use the matching reference, or open a separate case",
                c.first_source, c.first, c.second_source, c.second
            ),
        )
    })
}

/// A layer file that passed its checks and was hashed, ready to be registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLayerFile {
    case_label: String,
    file: NewLayerFile,
}

/// A teaching or hand-written case description (`case.json`): the case, its samples, its layer
/// files (paths relative to the manifest) and opening notes.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CaseManifest {
    #[serde(flatten)]
    case: NewCaseDto,
    #[serde(default)]
    samples: Vec<NewSampleDto>,
    #[serde(default)]
    layer_files: Vec<ManifestLayerFile>,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ManifestLayerFile {
    kind: LayerKind,
    path: PathBuf,
    sample: Option<String>,
}

fn new_case(dto: NewCaseDto) -> Result<NewCase, AppError> {
    let label = CaseLabel::parse(&dto.label).map_err(|e| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!("case label {:?}: {e}", dto.label),
        )
    })?;
    Ok(NewCase {
        label,
        diagnosis: dto.diagnosis,
        tumour_type: dto.tumour_type,
        consent: dto.consent,
    })
}

fn new_sample(dto: NewSampleDto) -> NewSample {
    NewSample {
        label: dto.label,
        role: dto.role,
        timepoint: dto.timepoint,
    }
}

/// Size and modification time, to notice a file that changes while it is being read.
fn fingerprint(path: &Path) -> Option<(u64, SystemTime)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

/// Checks that a file is of the kind claimed and hashes it, without touching the workspace, so a
/// front end can run this long step without holding the workspace.
pub fn check_layer_file(
    request: AddLayerFileDto,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<CheckedLayerFile, AppError> {
    let given = PathBuf::from(request.path.trim());
    let path = std::fs::canonicalize(&given)
        .or_else(|_| std::path::absolute(&given))
        .unwrap_or(given);
    let report = sniff_layer_file(&path, request.kind)?;
    let before = fingerprint(&path);
    let digest = sha256_file(&path, progress, cancel).map_err(|e| AppError::checksum(&path, e))?;
    if fingerprint(&path) != before || before.is_some_and(|(size, _)| size != digest.size) {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{}: the file changed while it was being read; wait until it is complete and add it again",
                path.display()
            ),
        ));
    }
    Ok(CheckedLayerFile {
        case_label: request.case_label.trim().to_owned(),
        file: NewLayerFile {
            kind: request.kind,
            sample_label: request
                .sample_label
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty()),
            path: path.to_string_lossy().into_owned(),
            size_bytes: digest.size,
            sha256: digest.sha256,
            format: report.format,
            genome_build: report.genome_build,
            build_source: report.build_source,
            warnings: report.warnings,
            importer_version: IMPORTER_VERSION.to_owned(),
        },
    })
}

impl Kasane {
    /// Opens the workspace in `dir`, creating it when absent; returns whether it was created.
    pub fn open_or_create(dir: &Path, actor: impl Into<String>) -> Result<(Self, bool), AppError> {
        let actor = actor.into();
        let (workspace, created) = Workspace::open_or_create(dir, &actor)?;
        Ok((
            Self {
                workspace,
                actor,
                tables: TableCache::default(),
                panel_reference: Default::default(),
            },
            created,
        ))
    }

    /// Opens an existing workspace.
    pub fn open(dir: &Path, actor: impl Into<String>) -> Result<Self, AppError> {
        Ok(Self {
            workspace: Workspace::open(dir)?,
            actor: actor.into(),
            tables: TableCache::default(),
            panel_reference: Default::default(),
        })
    }

    /// The workspace folder, counts and integrity.
    pub fn workspace_info(&self) -> Result<WorkspaceInfoDto, AppError> {
        Ok(WorkspaceInfoDto::new(
            self.workspace.dir().display().to_string(),
            self.workspace.stats()?,
            self.workspace.integrity_check()?,
        ))
    }

    /// Opens a new case.
    pub fn create_case(&mut self, dto: NewCaseDto) -> Result<CaseDto, AppError> {
        let case = self.workspace.create_case(&new_case(dto)?, &self.actor)?;
        Ok(CaseDto::new(case, 0, 0))
    }

    /// Records the patient's secondary-findings consent: with anything but `consented`, variants
    /// in ACMG secondary-findings genes are hidden from the case's variant table.
    pub fn set_consent(
        &mut self,
        label: &str,
        consent: SecondaryFindingsConsent,
    ) -> Result<CaseDto, AppError> {
        let case = self
            .workspace
            .set_consent(label.trim(), consent, &self.actor)?;
        Ok(CaseDto::new(case, 0, 0))
    }

    /// Cases, newest first; archived ones only when asked.
    pub fn list_cases(&self, include_archived: bool) -> Result<Vec<CaseDto>, AppError> {
        Ok(self
            .workspace
            .list_cases(include_archived)?
            .into_iter()
            .map(CaseDto::from)
            .collect())
    }

    /// Everything the case overview shows.
    pub fn case_overview(&self, label: &str) -> Result<CaseOverviewDto, AppError> {
        let label = label.trim();
        let case = self.workspace.case(label)?;
        let samples: Vec<SampleDto> = self
            .workspace
            .samples(label)?
            .into_iter()
            .map(SampleDto::from)
            .collect();
        let layer_files: Vec<LayerFileDto> = self
            .workspace
            .layer_files(label)?
            .into_iter()
            .map(LayerFileDto::from)
            .collect();
        let notes = self
            .workspace
            .notes(label)?
            .into_iter()
            .map(NoteDto::from)
            .collect();
        Ok(CaseOverviewDto {
            case: CaseDto::new(case, samples.len() as i64, layer_files.len() as i64),
            samples,
            layer_files,
            notes,
        })
    }

    /// Archives a case.
    pub fn archive_case(&mut self, label: &str) -> Result<CaseDto, AppError> {
        self.workspace.archive_case(label.trim(), &self.actor)?;
        Ok(self.case_overview(label)?.case)
    }

    /// Adds a sample to a case.
    pub fn add_sample(
        &mut self,
        case_label: &str,
        dto: NewSampleDto,
    ) -> Result<SampleDto, AppError> {
        Ok(self
            .workspace
            .add_sample(case_label.trim(), &new_sample(dto), &self.actor)?
            .into())
    }

    /// Adds a note to a case.
    pub fn add_note(&mut self, case_label: &str, body: &str) -> Result<NoteDto, AppError> {
        Ok(self
            .workspace
            .add_note(case_label.trim(), body, &self.actor)?
            .into())
    }

    /// Fails unless the case exists and is active; call before a long job whose result it will take.
    pub fn require_active_case(&self, label: &str) -> Result<(), AppError> {
        let case = self.workspace.case(label.trim())?;
        if case.status == kasane_core::CaseStatus::Archived {
            return Err(kasane_store::StoreError::CaseArchived(case.label).into());
        }
        Ok(())
    }

    /// Registers a file checked by [`check_layer_file`].
    pub fn register_layer_file(
        &mut self,
        checked: CheckedLayerFile,
    ) -> Result<LayerFileDto, AppError> {
        if checked.file.genome_build.is_some() {
            let registered = self.workspace.layer_files(&checked.case_label)?;
            let mut evidence = BuildEvidence::default();
            for file in registered.iter().map(|f| &f.file).chain([&checked.file]) {
                if let Some(build) = file.genome_build {
                    evidence.known(build, file.path.clone());
                }
            }
            one_build(&evidence)?;
        }
        Ok(self
            .workspace
            .add_layer_file(&checked.case_label, &checked.file, &self.actor)?
            .into())
    }

    /// Checks, hashes and registers a layer file; nothing is stored unless every step succeeds.
    pub fn add_layer_file(
        &mut self,
        request: AddLayerFileDto,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<LayerFileDto, AppError> {
        self.require_active_case(&request.case_label)?;
        let checked = check_layer_file(request, progress, cancel)?;
        self.register_layer_file(checked)
    }

    /// The audit trail, newest first; for one case when given.
    pub fn audit_trail(
        &self,
        case_label: Option<&str>,
        limit: u32,
    ) -> Result<Vec<AuditEntryDto>, AppError> {
        Ok(self
            .workspace
            .audit_log(case_label.map(str::trim), limit)?
            .into_iter()
            .map(AuditEntryDto::from)
            .collect())
    }

    /// Creates a whole case from a `case.json` manifest: every file is checked and hashed first,
    /// then case, samples, files and notes are stored in one transaction.
    pub fn load_case_manifest(
        &mut self,
        manifest_path: &Path,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<CaseDto, AppError> {
        let invalid = |message: String| AppError::new(ErrorKind::InvalidInput, message);
        let text = std::fs::read_to_string(manifest_path).map_err(|e| {
            invalid(format!(
                "{}: cannot read the case manifest: {e}",
                manifest_path.display()
            ))
        })?;
        let manifest: CaseManifest = serde_json::from_str(&text).map_err(|e| {
            invalid(format!(
                "{}: line {}: not a valid case manifest: {e}",
                manifest_path.display(),
                e.line()
            ))
        })?;
        let base = manifest_path.parent().unwrap_or(Path::new("."));
        let label = manifest.case.label.clone();
        let mut layer_files = Vec::with_capacity(manifest.layer_files.len());
        for file in manifest.layer_files {
            let request = AddLayerFileDto {
                case_label: label.clone(),
                kind: file.kind,
                path: base.join(&file.path).to_string_lossy().into_owned(),
                sample_label: file.sample,
            };
            layer_files.push(check_layer_file(request, progress, cancel)?.file);
        }
        let bundle = CaseBundle {
            case: new_case(manifest.case)?,
            samples: manifest.samples.into_iter().map(new_sample).collect(),
            layer_files,
            notes: manifest.notes,
        };
        let case = self.workspace.create_case_bundle(&bundle, &self.actor)?;
        Ok(self.case_overview(&case.label)?.case)
    }
}
