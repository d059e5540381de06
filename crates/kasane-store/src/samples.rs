//! Samples of a case: germline, tumour or cfDNA material, with an optional timepoint.

use kasane_core::SampleRole;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::cases::{find_active_case, find_case};
use crate::error::StoreError;
use crate::parse_column;
use crate::workspace::Workspace;

/// What is needed to add a sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSample {
    /// Label unique within the case, e.g. `T1` or the VCF sample column name.
    pub label: String,
    /// Germline, tumour or cfDNA.
    pub role: SampleRole,
    /// When it was taken, free text (e.g. "diagnosis", "2026-03 relapse").
    pub timepoint: Option<String>,
}

/// A sample as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleRecord {
    /// Row id.
    pub id: i64,
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

/// Inserts a sample inside the caller's transaction; labels are unique within the case.
pub(crate) fn insert_sample(
    tx: &Connection,
    case_label: &str,
    new: &NewSample,
    actor: &str,
) -> Result<(), StoreError> {
    let case = find_active_case(tx, case_label)?;
    let label = kasane_core::case::validate_label(&new.label)
        .map_err(|e| StoreError::InvalidInput(format!("sample label {:?}: {e}", new.label)))?;
    if find_sample(tx, case_label, &label).is_ok() {
        return Err(StoreError::Conflict(format!(
            "case {case_label:?} already has a sample labelled {label:?}"
        )));
    }
    let timepoint = new
        .timepoint
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    tx.execute(
        "INSERT INTO samples (case_id, label, role, timepoint, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![case.id, label, new.role.as_str(), timepoint, crate::now(), actor],
    )?;
    append(
        tx,
        actor,
        AuditAction::SampleAdded,
        Some(case.id),
        &json!({
            "sample": label, "role": new.role.as_str(), "timepoint": timepoint,
        }),
    )
}

/// One sample of a case by label.
pub(crate) fn find_sample(
    conn: &Connection,
    case_label: &str,
    sample_label: &str,
) -> Result<SampleRecord, StoreError> {
    let case = find_case(conn, case_label)?;
    conn.query_row(
        "SELECT id, label, role, timepoint, created_at, created_by FROM samples WHERE case_id = ?1 AND label = ?2",
        params![case.id, sample_label],
        sample_from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::SampleNotFound { case: case_label.to_owned(), sample: sample_label.to_owned() })
}

impl Workspace {
    /// Adds a sample to an active case; labels are unique within the case.
    pub fn add_sample(
        &mut self,
        case_label: &str,
        new: &NewSample,
        actor: &str,
    ) -> Result<SampleRecord, StoreError> {
        self.in_transaction(|tx| insert_sample(tx, case_label, new, actor))?;
        find_sample(&self.conn, case_label, new.label.trim())
    }

    /// The samples of a case in the order they were added.
    pub fn samples(&self, case_label: &str) -> Result<Vec<SampleRecord>, StoreError> {
        let case = self.case(case_label)?;
        let mut statement = self.conn.prepare(
            "SELECT id, label, role, timepoint, created_at, created_by FROM samples WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([case.id], sample_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn sample_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SampleRecord> {
    Ok(SampleRecord {
        id: row.get(0)?,
        label: row.get(1)?,
        role: parse_column(row, 2)?,
        timepoint: row.get(3)?,
        created_at: row.get(4)?,
        created_by: row.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::tests::new_case;

    #[test]
    fn samples_are_unique_per_case_and_audited() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "dr-a").unwrap();
        ws.create_case(&new_case("KSN-001"), "dr-a").unwrap();
        let tumour = NewSample {
            label: "T1".into(),
            role: SampleRole::Tumour,
            timepoint: Some("diagnosis".into()),
        };
        ws.add_sample("KSN-001", &tumour, "dr-a").unwrap();
        assert!(matches!(
            ws.add_sample("KSN-001", &tumour, "dr-a"),
            Err(StoreError::Conflict(_))
        ));
        let samples = ws.samples("KSN-001").unwrap();
        assert_eq!(samples.len(), 1);
        assert_eq!(samples[0].role, SampleRole::Tumour);
        assert_eq!(
            ws.audit_log(Some("KSN-001"), 5).unwrap()[0].action,
            "sample.added"
        );
        ws.archive_case("KSN-001", "dr-a").unwrap();
        let normal = NewSample {
            label: "N1".into(),
            role: SampleRole::Germline,
            timepoint: None,
        };
        assert!(matches!(
            ws.add_sample("KSN-001", &normal, "dr-a"),
            Err(StoreError::CaseArchived(_))
        ));
    }
}
