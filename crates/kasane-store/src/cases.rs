//! Cases: create, list, find and archive.

use kasane_core::{CaseLabel, CaseStatus, SecondaryFindingsConsent};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::error::StoreError;
use crate::parse_column;
use crate::workspace::Workspace;

/// What is needed to open a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    /// Pseudonymous label, unique in the workspace.
    pub label: CaseLabel,
    /// Working diagnosis or indication, free text.
    pub diagnosis: Option<String>,
    /// Tumour type for somatic cases (e.g. "lung adenocarcinoma").
    pub tumour_type: Option<String>,
    /// The patient's choice about secondary findings.
    pub consent: SecondaryFindingsConsent,
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    /// Row id.
    pub id: i64,
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
    /// When it was created (RFC 3339, UTC).
    pub created_at: String,
    /// Who created it.
    pub created_by: String,
    /// When it was archived.
    pub archived_at: Option<String>,
}

/// A case with the counts shown in the case list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// The case.
    pub case: CaseRecord,
    /// Number of samples.
    pub samples: i64,
    /// Number of registered layer files.
    pub layer_files: i64,
}

const CASE_COLUMNS: &str = "c.id, c.label, c.diagnosis, c.tumour_type, c.secondary_findings_consent, c.status, c.created_at, c.created_by, c.archived_at";

fn case_from_row(row: &Row<'_>) -> rusqlite::Result<CaseRecord> {
    Ok(CaseRecord {
        id: row.get(0)?,
        label: row.get(1)?,
        diagnosis: row.get(2)?,
        tumour_type: row.get(3)?,
        consent: parse_column(row, 4)?,
        status: parse_column(row, 5)?,
        created_at: row.get(6)?,
        created_by: row.get(7)?,
        archived_at: row.get(8)?,
    })
}

/// Empty optional text is stored as NULL, so "no diagnosis" has one spelling.
fn optional(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// Inserts a case inside the caller's transaction; refuses a taken label.
pub(crate) fn insert_case(tx: &Connection, new: &NewCase, actor: &str) -> Result<i64, StoreError> {
    let label = new.label.as_str();
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM cases WHERE label = ?1)",
        [label],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::Conflict(format!(
            "a case labelled {label:?} already exists; choose another label"
        )));
    }
    tx.execute(
        "INSERT INTO cases (label, diagnosis, tumour_type, secondary_findings_consent, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![label, optional(&new.diagnosis), optional(&new.tumour_type), new.consent.as_str(), crate::now(), actor],
    )?;
    let id = tx.last_insert_rowid();
    append(
        tx,
        actor,
        AuditAction::CaseCreated,
        Some(id),
        &json!({
            "label": label,
            "diagnosis": optional(&new.diagnosis),
            "tumourType": optional(&new.tumour_type),
            "secondaryFindingsConsent": new.consent.as_str(),
        }),
    )?;
    Ok(id)
}

/// The case with this label.
pub(crate) fn find_case(conn: &Connection, label: &str) -> Result<CaseRecord, StoreError> {
    conn.query_row(
        &format!("SELECT {CASE_COLUMNS} FROM cases c WHERE c.label = ?1"),
        [label],
        case_from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::CaseNotFound(label.to_owned()))
}

/// The case with this label, refusing an archived one for changes.
pub(crate) fn find_active_case(conn: &Connection, label: &str) -> Result<CaseRecord, StoreError> {
    let case = find_case(conn, label)?;
    if case.status == CaseStatus::Archived {
        return Err(StoreError::CaseArchived(case.label));
    }
    Ok(case)
}

impl Workspace {
    /// Creates a case; refuses a label that is already taken.
    pub fn create_case(&mut self, new: &NewCase, actor: &str) -> Result<CaseRecord, StoreError> {
        self.in_transaction(|tx| insert_case(tx, new, actor))?;
        self.case(new.label.as_str())
    }

    /// The case with this label.
    pub fn case(&self, label: &str) -> Result<CaseRecord, StoreError> {
        find_case(&self.conn, label)
    }

    /// Cases with their sample and file counts, newest first; archived ones only when asked.
    pub fn list_cases(&self, include_archived: bool) -> Result<Vec<CaseSummary>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {CASE_COLUMNS},
                    (SELECT count(*) FROM samples s WHERE s.case_id = c.id),
                    (SELECT count(*) FROM layer_files f WHERE f.case_id = c.id)
             FROM cases c WHERE ?1 OR c.status = 'active' ORDER BY c.id DESC"
        ))?;
        let rows = statement.query_map([include_archived], |r| {
            Ok(CaseSummary {
                case: case_from_row(r)?,
                samples: r.get(9)?,
                layer_files: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Archives an active case; it stays readable but accepts no more changes.
    pub fn archive_case(&mut self, label: &str, actor: &str) -> Result<CaseRecord, StoreError> {
        self.in_transaction(|tx| {
            let case = find_active_case(tx, label)?;
            tx.execute(
                "UPDATE cases SET status = 'archived', archived_at = ?1 WHERE id = ?2",
                params![crate::now(), case.id],
            )?;
            append(
                tx,
                actor,
                AuditAction::CaseArchived,
                Some(case.id),
                &json!({ "label": case.label }),
            )
        })?;
        self.case(label)
    }

    /// Records what the patient now agrees to about secondary findings; audited with the
    /// consent before and after.
    pub fn set_consent(
        &mut self,
        label: &str,
        consent: SecondaryFindingsConsent,
        actor: &str,
    ) -> Result<CaseRecord, StoreError> {
        self.in_transaction(|tx| {
            let case = find_active_case(tx, label)?;
            tx.execute(
                "UPDATE cases SET secondary_findings_consent = ?1 WHERE id = ?2",
                params![consent.as_str(), case.id],
            )?;
            append(
                tx,
                actor,
                AuditAction::ConsentChanged,
                Some(case.id),
                &json!({ "from": case.consent.as_str(), "to": consent.as_str() }),
            )
        })?;
        self.case(label)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn new_case(label: &str) -> NewCase {
        NewCase {
            label: CaseLabel::parse(label).unwrap(),
            diagnosis: Some("Hereditary breast and ovarian cancer".into()),
            tumour_type: Some("  ".into()),
            consent: SecondaryFindingsConsent::Consented,
        }
    }

    #[test]
    fn consent_changes_are_stored_and_audited_with_before_and_after() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "dr-a").unwrap();
        ws.create_case(&new_case("KSN-001"), "dr-a").unwrap();
        let changed = ws
            .set_consent("KSN-001", SecondaryFindingsConsent::Declined, "dr-a")
            .unwrap();
        assert_eq!(changed.consent, SecondaryFindingsConsent::Declined);
        let log = ws.audit_log(Some("KSN-001"), 1).unwrap();
        assert_eq!(log[0].action, "case.consent-changed");
        assert_eq!(log[0].details, r#"{"from":"consented","to":"declined"}"#);
        ws.archive_case("KSN-001", "dr-a").unwrap();
        assert!(
            ws.set_consent("KSN-001", SecondaryFindingsConsent::Consented, "dr-a")
                .is_err()
        );
    }

    #[test]
    fn create_list_and_archive_with_audit() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "dr-a").unwrap();
        let case = ws.create_case(&new_case("KSN-001"), "dr-a").unwrap();
        assert_eq!(case.tumour_type, None, "blank text is stored as NULL");
        assert_eq!(case.status, CaseStatus::Active);
        let err = ws.create_case(&new_case("KSN-001"), "dr-a").unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");
        ws.create_case(&new_case("KSN-002"), "dr-b").unwrap();
        ws.archive_case("KSN-001", "dr-b").unwrap();
        let active: Vec<String> = ws
            .list_cases(false)
            .unwrap()
            .into_iter()
            .map(|s| s.case.label)
            .collect();
        assert_eq!(active, ["KSN-002"]);
        assert_eq!(ws.list_cases(true).unwrap().len(), 2);
        assert!(matches!(
            ws.archive_case("KSN-001", "dr-b"),
            Err(StoreError::CaseArchived(_))
        ));
        let log = ws.audit_log(Some("KSN-001"), 10).unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["case.archived", "case.created"]);
        assert_eq!(log[0].actor, "dr-b");
        assert!(matches!(ws.case("nope"), Err(StoreError::CaseNotFound(_))));
    }
}
