//! The case workspace: a folder holding `workspace.sqlite` and, under `cases/<id>/`, the
//! per-case Parquet tables that its import records point to.
//!
//! Every change is one SQLite transaction that also appends to the audit log, so a crash or a
//! killed process leaves either the whole change or none of it. The schema is versioned; a
//! workspace written by a newer Kasane is refused rather than misread.

mod audit;
mod bundle;
pub mod cache;
mod cases;
mod classifications;
mod error;
mod layer_files;
mod notes;
mod profiles;
mod rule_set_files;
mod samples;
mod schema;
mod settings;
mod variant_annotations;
mod variant_imports;
mod variant_presets;
mod workspace;

pub use audit::{AuditAction, AuditEntry};
pub use bundle::CaseBundle;
pub use cases::{CaseRecord, CaseSummary, NewCase};
pub use classifications::{
    ClassificationBody, ClassificationRecord, InHouseClassification, SignOffRecord,
};
pub use error::StoreError;
pub use layer_files::{LayerFileRecord, NewLayerFile};
pub use notes::NoteRecord;
pub use profiles::ProfileRecord;
pub use rule_set_files::{NewRuleSetFile, RuleSetFileRecord};
pub use samples::{NewSample, SampleRecord};
pub use schema::LATEST_SCHEMA_VERSION;
pub use variant_annotations::{NewVariantAnnotation, VariantAnnotationRecord};
pub use variant_imports::{NewVariantImport, VariantImportRecord};
pub use variant_presets::VariantPreset;
pub use workspace::{DATABASE_FILE, Workspace, WorkspaceStats};

/// Current time as stored: RFC 3339 in UTC with milliseconds, sortable as text.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A text column parsed into a domain value; a value this build cannot read is a conversion
/// error naming the column, never a panic.
pub(crate) fn parse_column<T: std::str::FromStr<Err = String>>(
    row: &rusqlite::Row<'_>,
    index: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    text.parse().map_err(|e: String| conversion_error(index, e))
}

/// The error for a stored value that cannot be converted.
pub(crate) fn conversion_error(index: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, message.into())
}
