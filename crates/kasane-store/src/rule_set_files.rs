//! Rule-set files a workspace adds to the built-in ones (an expert panel's VCEP specification):
//! each is recorded once with its name, version and SHA-256, never changed afterwards, so that
//! every classification under it names a file whose content can be checked.

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::error::StoreError;
use crate::now;
use crate::workspace::Workspace;

/// A rule-set file as the workspace recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetFileRecord {
    /// The rule set's name (unique in the workspace).
    pub name: String,
    /// Its version.
    pub version: String,
    /// The file's name in the workspace's rule-set folder.
    pub file_name: String,
    /// SHA-256 (hex) of the file as added.
    pub sha256: String,
    /// When it was added.
    pub added_at: String,
    /// Who added it.
    pub added_by: String,
}

/// What is recorded for a rule-set file being added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRuleSetFile {
    /// The rule set's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The file's name in the workspace's rule-set folder.
    pub file_name: String,
    /// SHA-256 (hex) of its content.
    pub sha256: String,
}

impl Workspace {
    /// Records a rule-set file added to the workspace; a name already recorded is refused.
    pub fn record_rule_set_file(
        &mut self,
        file: &NewRuleSetFile,
        actor: &str,
    ) -> Result<RuleSetFileRecord, StoreError> {
        self.in_transaction_as(|tx| {
            let existing: Option<String> = tx
                .query_row(
                    "SELECT version FROM rule_set_files WHERE name = ?1",
                    [&file.name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(version) = existing {
                return Err(StoreError::Conflict(format!(
                    "the rule set {:?} (version {version}) is already in this workspace; a rule set is not replaced — give the new one another name (for example with its version in it)",
                    file.name
                )));
            }
            tx.execute(
                "INSERT INTO rule_set_files (name, version, file_name, sha256, added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    file.name,
                    file.version,
                    file.file_name,
                    file.sha256,
                    now(),
                    actor
                ],
            )?;
            append(
                tx,
                actor,
                AuditAction::RuleSetAdded,
                None,
                &json!({
                    "name": file.name,
                    "version": file.version,
                    "file": file.file_name,
                    "sha256": file.sha256,
                }),
            )
        })?;
        self.rule_set_files()?
            .into_iter()
            .find(|r| r.name == file.name)
            .ok_or_else(|| {
                StoreError::Conflict(format!(
                    "rule set {:?} vanished after being stored",
                    file.name
                ))
            })
    }

    /// Every rule-set file the workspace recorded, in the order they were added.
    pub fn rule_set_files(&self) -> Result<Vec<RuleSetFileRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT name, version, file_name, sha256, added_at, added_by FROM rule_set_files
             ORDER BY rowid",
        )?;
        let rows = statement.query_map([], |r| {
            Ok(RuleSetFileRecord {
                name: r.get(0)?,
                version: r.get(1)?,
                file_name: r.get(2)?,
                sha256: r.get(3)?,
                added_at: r.get(4)?,
                added_by: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cdh1() -> NewRuleSetFile {
        NewRuleSetFile {
            name: "panel-cdh1".into(),
            version: "3.1.0".into(),
            file_name: "panel-cdh1.json".into(),
            sha256: "ab".repeat(32),
        }
    }

    #[test]
    fn a_rule_set_file_is_recorded_once_audited_and_never_changed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "dr-sato").unwrap();
        let record = ws.record_rule_set_file(&cdh1(), "dr-sato").unwrap();
        assert_eq!(
            (record.name.as_str(), record.added_by.as_str()),
            ("panel-cdh1", "dr-sato")
        );
        let again = ws.record_rule_set_file(&cdh1(), "dr-sato").unwrap_err();
        assert!(
            again.to_string().contains("already in this workspace"),
            "{again}"
        );
        assert_eq!(ws.rule_set_files().unwrap(), vec![record]);
        let log = ws.audit_log(None, 1).unwrap();
        assert_eq!(log[0].action, "rule-set.added");
        let edit = ws
            .conn
            .execute("UPDATE rule_set_files SET sha256 = 'x'", []);
        assert!(edit.unwrap_err().to_string().contains("kept as added"));
        let delete = ws.conn.execute("DELETE FROM rule_set_files", []);
        assert!(delete.is_err());
    }
}
