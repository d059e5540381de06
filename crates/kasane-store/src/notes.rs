//! Free-text notes on a case, kept with author and time.

use rusqlite::{Connection, params};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::cases::find_active_case;
use crate::error::StoreError;
use crate::workspace::Workspace;

/// A note as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRecord {
    /// Row id.
    pub id: i64,
    /// The text.
    pub body: String,
    /// Who wrote it.
    pub author: String,
    /// When (RFC 3339, UTC).
    pub created_at: String,
}

/// Inserts a note inside the caller's transaction.
pub(crate) fn insert_note(
    tx: &Connection,
    case_label: &str,
    body: &str,
    actor: &str,
) -> Result<i64, StoreError> {
    let case = find_active_case(tx, case_label)?;
    let body = body.trim();
    if body.is_empty() {
        return Err(StoreError::InvalidInput("the note is empty".into()));
    }
    tx.execute(
        "INSERT INTO notes (case_id, body, author, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![case.id, body, actor, crate::now()],
    )?;
    let id = tx.last_insert_rowid();
    append(
        tx,
        actor,
        AuditAction::NoteAdded,
        Some(case.id),
        &json!({ "noteId": id, "body": body }),
    )?;
    Ok(id)
}

impl Workspace {
    /// Adds a note to an active case.
    pub fn add_note(
        &mut self,
        case_label: &str,
        body: &str,
        actor: &str,
    ) -> Result<NoteRecord, StoreError> {
        let id = self.in_transaction(|tx| insert_note(tx, case_label, body, actor))?;
        self.notes(case_label)?
            .into_iter()
            .find(|n| n.id == id)
            .ok_or_else(|| StoreError::Conflict(format!("note #{id} vanished after being stored")))
    }

    /// The notes of a case, oldest first.
    pub fn notes(&self, case_label: &str) -> Result<Vec<NoteRecord>, StoreError> {
        let case_id = self.case(case_label)?.id;
        let mut statement = self.conn.prepare(
            "SELECT id, body, author, created_at FROM notes WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([case_id], |r| {
            Ok(NoteRecord {
                id: r.get(0)?,
                body: r.get(1)?,
                author: r.get(2)?,
                created_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::tests::new_case;

    #[test]
    fn notes_are_kept_in_order_and_blank_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "dr-a").unwrap();
        ws.create_case(&new_case("KSN-001"), "dr-a").unwrap();
        ws.add_note("KSN-001", "Family history: mother BC at 42", "dr-a")
            .unwrap();
        ws.add_note("KSN-001", "家族歴あり", "dr-b").unwrap();
        assert!(ws.add_note("KSN-001", "   ", "dr-b").is_err());
        let notes = ws.notes("KSN-001").unwrap();
        assert_eq!(
            notes.iter().map(|n| n.author.as_str()).collect::<Vec<_>>(),
            ["dr-a", "dr-b"]
        );
    }
}
