//! Workspace settings: small named values that belong to the workspace rather than to one case
//! (such as the annotation cache cases are annotated with), each change audited.

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::error::StoreError;
use crate::workspace::Workspace;

/// Keys the workspace itself keeps in the same table, which settings may not overwrite.
const RESERVED_KEYS: [&str; 1] = ["created_at"];

impl Workspace {
    /// The value of a setting, if it was ever set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT value FROM workspace_meta WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()
            .map_err(StoreError::from)
    }

    /// Sets a setting and records who changed it from what, in one transaction.
    pub fn set_setting(&mut self, key: &str, value: &str, actor: &str) -> Result<(), StoreError> {
        if RESERVED_KEYS.contains(&key) {
            return Err(StoreError::InvalidInput(format!(
                "{key:?} is kept by the workspace itself and cannot be set"
            )));
        }
        self.in_transaction(|tx| {
            let before: Option<String> = tx
                .query_row(
                    "SELECT value FROM workspace_meta WHERE key = ?1",
                    [key],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO workspace_meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            append(
                tx,
                actor,
                AuditAction::SettingChanged,
                None,
                &json!({ "key": key, "from": before, "to": value }),
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_is_stored_replaced_and_audited_but_workspace_facts_are_not_settable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut workspace, _) =
            Workspace::open_or_create(dir.path(), "tester").expect("workspace");
        assert_eq!(workspace.setting("active_cache").expect("reads"), None);
        workspace
            .set_setting("active_cache", "/usb/a.kcache", "tester")
            .expect("sets");
        workspace
            .set_setting("active_cache", "/usb/b.kcache", "tester")
            .expect("replaces");
        assert_eq!(
            workspace.setting("active_cache").expect("reads").as_deref(),
            Some("/usb/b.kcache")
        );
        assert!(
            workspace
                .set_setting("created_at", "yesterday", "tester")
                .is_err()
        );
        let changes = workspace
            .audit_log(None, 100)
            .expect("log")
            .into_iter()
            .filter(|e| e.action == "workspace.setting-changed")
            .count();
        assert_eq!(changes, 2);
    }
}
