//! The case workspace: a folder holding `workspace.sqlite` (and, later, per-case Parquet tables).
//!
//! Every change is one SQLite transaction that also appends to the audit log, so a crash or a
//! killed process leaves either the whole change or none of it. The schema is versioned; a
//! workspace written by a newer Kasane is refused rather than misread.

mod audit;
mod bundle;
mod cases;
mod error;
mod layer_files;
mod notes;
mod samples;
mod schema;
mod workspace;

pub use audit::{AuditAction, AuditEntry};
pub use bundle::CaseBundle;
pub use cases::{CaseRecord, CaseSummary, NewCase};
pub use error::StoreError;
pub use layer_files::{LayerFileRecord, NewLayerFile};
pub use notes::NoteRecord;
pub use samples::{NewSample, SampleRecord};
pub use schema::LATEST_SCHEMA_VERSION;
pub use workspace::{DATABASE_FILE, Workspace, WorkspaceStats};

/// Current time as stored: RFC 3339 in UTC with milliseconds, sortable as text.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
