//! Data transfer objects: what crosses from the application API to every front end.
//!
//! They serialise to camelCase JSON and have generated TypeScript twins in
//! `ui/src/lib/ipc/bindings.ts` (see [`crate::bindings`]).

use kasane_core::{CaseStatus, GenomeBuild, LayerKind, SampleRole, SecondaryFindingsConsent};
use kasane_store::{
    AuditEntry, CaseRecord, CaseSummary, LayerFileRecord, NoteRecord, SampleRecord, WorkspaceStats,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The open workspace and its health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceInfoDto {
    /// Folder of the workspace.
    pub path: String,
    /// Schema version of its database.
    pub schema_version: i64,
    /// When it was created.
    pub created_at: String,
    /// Cases being worked on.
    pub active_cases: i64,
    /// Closed cases.
    pub archived_cases: i64,
    /// Registered layer files.
    pub layer_files: i64,
    /// Audit log entries.
    pub audit_entries: i64,
    /// SQLite journal mode (`wal`).
    pub journal_mode: String,
    /// SQLite's integrity check result (`ok` when sound).
    pub integrity: String,
}

impl WorkspaceInfoDto {
    pub(crate) fn new(path: String, stats: WorkspaceStats, integrity: Vec<String>) -> Self {
        Self {
            path,
            schema_version: stats.schema_version,
            created_at: stats.created_at,
            active_cases: stats.active_cases,
            archived_cases: stats.archived_cases,
            layer_files: stats.layer_files,
            audit_entries: stats.audit_entries,
            journal_mode: stats.journal_mode,
            integrity: integrity.join("; "),
        }
    }
}

/// The form for a new case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCaseDto {
    /// Pseudonymous label, e.g. `KSN-2026-014`.
    pub label: String,
    /// Working diagnosis or indication.
    pub diagnosis: Option<String>,
    /// Tumour type for somatic cases.
    pub tumour_type: Option<String>,
    /// Secondary-findings consent.
    pub consent: SecondaryFindingsConsent,
}

/// A case as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseDto {
    /// Pseudonymous label.
    pub label: String,
    /// Working diagnosis.
    pub diagnosis: Option<String>,
    /// Tumour type.
    pub tumour_type: Option<String>,
    /// Secondary-findings consent.
    pub consent: SecondaryFindingsConsent,
    /// Active or archived.
    pub status: CaseStatus,
    /// When it was created.
    pub created_at: String,
    /// Who created it.
    pub created_by: String,
    /// When it was archived.
    pub archived_at: Option<String>,
    /// Number of samples.
    pub samples: i64,
    /// Number of layer files.
    pub layer_files: i64,
}

impl CaseDto {
    pub(crate) fn new(case: CaseRecord, samples: i64, layer_files: i64) -> Self {
        Self {
            label: case.label,
            diagnosis: case.diagnosis,
            tumour_type: case.tumour_type,
            consent: case.consent,
            status: case.status,
            created_at: case.created_at,
            created_by: case.created_by,
            archived_at: case.archived_at,
            samples,
            layer_files,
        }
    }
}

impl From<CaseSummary> for CaseDto {
    fn from(summary: CaseSummary) -> Self {
        Self::new(summary.case, summary.samples, summary.layer_files)
    }
}

/// The form for a new sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewSampleDto {
    /// Label unique within the case.
    pub label: String,
    /// Germline, tumour or cfDNA.
    pub role: SampleRole,
    /// When it was taken.
    pub timepoint: Option<String>,
}

/// A sample of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SampleDto {
    /// Label within the case.
    pub label: String,
    /// Material.
    pub role: SampleRole,
    /// Timepoint.
    pub timepoint: Option<String>,
    /// When it was added.
    pub created_at: String,
    /// Who added it.
    pub created_by: String,
}

impl From<SampleRecord> for SampleDto {
    fn from(s: SampleRecord) -> Self {
        Self {
            label: s.label,
            role: s.role,
            timepoint: s.timepoint,
            created_at: s.created_at,
            created_by: s.created_by,
        }
    }
}

/// A request to register a layer file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AddLayerFileDto {
    /// The case, by label.
    pub case_label: String,
    /// What the file holds.
    pub kind: LayerKind,
    /// Path of the file.
    pub path: String,
    /// The sample it belongs to, by label.
    pub sample_label: Option<String>,
}

/// A registered layer file with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LayerFileDto {
    /// Number within the workspace.
    pub id: i64,
    /// What the file holds.
    pub kind: LayerKind,
    /// Sample label.
    pub sample_label: Option<String>,
    /// Absolute path.
    pub path: String,
    /// File name alone, for display.
    pub file_name: String,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
    /// Format found, e.g. `VCF 4.2 (bgzip)`.
    pub format: String,
    /// Genome build stated by the header.
    pub genome_build: Option<GenomeBuild>,
    /// Header line the build was read from.
    pub build_source: Option<String>,
    /// Whether a genome build applies to this kind of file at all.
    pub genomic: bool,
    /// Deviations noticed while checking the file.
    pub warnings: Vec<String>,
    /// Version of Kasane that checked it.
    pub importer_version: String,
    /// When it was added.
    pub imported_at: String,
    /// Who added it.
    pub imported_by: String,
}

impl From<LayerFileRecord> for LayerFileDto {
    fn from(record: LayerFileRecord) -> Self {
        let f = record.file;
        let file_name = std::path::Path::new(&f.path)
            .file_name()
            .map_or_else(|| f.path.clone(), |n| n.to_string_lossy().into_owned());
        Self {
            id: record.id,
            genomic: f.kind.is_genomic(),
            kind: f.kind,
            sample_label: f.sample_label,
            path: f.path,
            file_name,
            size_bytes: f.size_bytes,
            sha256: f.sha256,
            format: f.format,
            genome_build: f.genome_build,
            build_source: f.build_source,
            warnings: f.warnings,
            importer_version: f.importer_version,
            imported_at: record.imported_at,
            imported_by: record.imported_by,
        }
    }
}

/// A note on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteDto {
    /// The text.
    pub body: String,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub created_at: String,
}

impl From<NoteRecord> for NoteDto {
    fn from(n: NoteRecord) -> Self {
        Self {
            body: n.body,
            author: n.author,
            created_at: n.created_at,
        }
    }
}

/// Everything the case overview shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseOverviewDto {
    /// The case.
    pub case: CaseDto,
    /// Its samples.
    pub samples: Vec<SampleDto>,
    /// Its layer files.
    pub layer_files: Vec<LayerFileDto>,
    /// Its notes.
    pub notes: Vec<NoteDto>,
}

/// One audit log entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryDto {
    /// Position in the log.
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The actor's profile role at the time, when they had a profile.
    #[ts(optional)]
    pub actor_role: Option<String>,
    /// What, e.g. `case.created`.
    pub action: String,
    /// The case concerned.
    pub case_label: Option<String>,
    /// Details as JSON text.
    pub details: String,
}

impl From<AuditEntry> for AuditEntryDto {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: e.id,
            at: e.at,
            actor: e.actor,
            actor_role: e.actor_role,
            action: e.action,
            case_label: e.case_label,
            details: e.details,
        }
    }
}

/// Progress of a long job, sent to the front end as it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JobProgressDto {
    /// Phase name, e.g. `checksum`.
    pub phase: String,
    /// Units done.
    #[ts(type = "number")]
    pub done: u64,
    /// Units in all, when known.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}
