//! Opening, creating and describing a workspace folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::error::StoreError;
use crate::schema::{LATEST_SCHEMA_VERSION, migrations};

/// Name of the database file inside a workspace folder.
pub const DATABASE_FILE: &str = "workspace.sqlite";

/// An open case workspace.
#[derive(Debug)]
pub struct Workspace {
    dir: PathBuf,
    pub(crate) conn: Connection,
}

/// Counts and facts shown by `kasane workspace info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceStats {
    /// Schema version of the database.
    pub schema_version: i64,
    /// When the workspace was created (RFC 3339).
    pub created_at: String,
    /// Cases being worked on.
    pub active_cases: i64,
    /// Closed cases.
    pub archived_cases: i64,
    /// Registered layer files across all cases.
    pub layer_files: i64,
    /// Entries in the audit log.
    pub audit_entries: i64,
    /// SQLite journal mode (expected `wal`).
    pub journal_mode: String,
}

impl Workspace {
    /// Opens the workspace in `dir`, creating folder and database when absent; returns whether
    /// it was created. An existing workspace is migrated forward, never backward.
    pub fn open_or_create(dir: &Path, actor: &str) -> Result<(Self, bool), StoreError> {
        if dir.join(DATABASE_FILE).exists() {
            return Ok((Self::open(dir)?, false));
        }
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            dir: dir.to_owned(),
            source,
        })?;
        let mut workspace = Self::connect(dir, OpenFlags::default())?;
        let tx = workspace.conn.transaction()?;
        let created = crate::now();
        tx.execute(
            "INSERT INTO workspace_meta (key, value) VALUES ('created_at', ?1)",
            [&created],
        )?;
        append(
            &tx,
            actor,
            AuditAction::WorkspaceCreated,
            None,
            &json!({ "schemaVersion": LATEST_SCHEMA_VERSION }),
        )?;
        tx.commit()?;
        Ok((workspace, true))
    }

    /// Opens an existing workspace; refuses a folder without one and a newer schema.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        if !dir.join(DATABASE_FILE).is_file() {
            return Err(StoreError::NotAWorkspace {
                dir: dir.to_owned(),
            });
        }
        Self::connect(dir, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE)
    }

    fn connect(dir: &Path, flags: OpenFlags) -> Result<Self, StoreError> {
        let path = dir.join(DATABASE_FILE);
        let corrupt = |e: rusqlite::Error| StoreError::Corrupt {
            path: path.clone(),
            reason: e.to_string(),
        };
        let mut conn = Connection::open_with_flags(&path, flags).map_err(corrupt)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(corrupt)?;
        if found > LATEST_SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                dir: dir.to_owned(),
                found,
                supported: LATEST_SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        migrations().to_latest(&mut conn)?;
        Ok(Self {
            dir: dir.to_owned(),
            conn,
        })
    }

    /// The workspace folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Counts and facts about the workspace.
    pub fn stats(&self) -> Result<WorkspaceStats, StoreError> {
        let count = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        Ok(WorkspaceStats {
            schema_version: self
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))?,
            created_at: self.conn.query_row(
                "SELECT value FROM workspace_meta WHERE key = 'created_at'",
                [],
                |r| r.get(0),
            )?,
            active_cases: count("SELECT count(*) FROM cases WHERE status = 'active'")?,
            archived_cases: count("SELECT count(*) FROM cases WHERE status = 'archived'")?,
            layer_files: count("SELECT count(*) FROM layer_files")?,
            audit_entries: count("SELECT count(*) FROM audit_log")?,
            journal_mode: self
                .conn
                .pragma_query_value(None, "journal_mode", |r| r.get(0))?,
        })
    }

    /// SQLite's own consistency check; `["ok"]` when the database is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = statement.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Runs `change` in one transaction: all of it is stored, or none of it. The transaction
    /// takes the write lock before its first read, so a change that reads what it builds on
    /// (the latest classification version) cannot interleave with another process's change.
    pub(crate) fn in_transaction<T>(
        &mut self,
        change: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.in_transaction_as(change)
    }

    /// [`Self::in_transaction`] for a change whose own steps fail with the caller's error type
    /// (a use case's decision inside the store's transaction).
    pub(crate) fn in_transaction_as<T, E: From<StoreError>>(
        &mut self,
        change: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let value = change(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_then_opens_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let ws_dir = dir.path().join("ws");
        let (workspace, created) = Workspace::open_or_create(&ws_dir, "tester").unwrap();
        assert!(created);
        let stats = workspace.stats().unwrap();
        assert_eq!(stats.journal_mode, "wal");
        assert_eq!(stats.schema_version, LATEST_SCHEMA_VERSION);
        assert_eq!(stats.audit_entries, 1);
        drop(workspace);
        let (workspace, created) = Workspace::open_or_create(&ws_dir, "tester").unwrap();
        assert!(!created);
        assert_eq!(workspace.integrity_check().unwrap(), ["ok"]);
    }

    #[test]
    fn refuses_a_folder_without_a_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let err = Workspace::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::NotAWorkspace { .. }));
        assert!(
            !dir.path().join(DATABASE_FILE).exists(),
            "open must not create a database"
        );
    }

    #[test]
    fn a_version_1_workspace_is_upgraded_keeping_its_cases() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO workspace_meta (key, value) VALUES ('created_at', '2026-01-01T00:00:00.000Z');
             INSERT INTO cases (label, created_at, created_by) VALUES ('KSN-OLD', '2026-01-01T00:00:00.000Z', 'ana');",
        )
        .unwrap();
        drop(conn);
        let ws = Workspace::open(dir.path()).unwrap();
        assert_eq!(ws.stats().unwrap().schema_version, LATEST_SCHEMA_VERSION);
        assert_eq!(ws.case("KSN-OLD").unwrap().created_by, "ana");
        assert_eq!(ws.latest_variant_import("KSN-OLD").unwrap(), None);
    }

    #[test]
    fn refuses_a_newer_schema_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        drop(Workspace::open_or_create(dir.path(), "tester").unwrap());
        let conn = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = Workspace::open(dir.path()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(&format!(
                "newer Kasane (schema version 99; this Kasane reads up to {LATEST_SCHEMA_VERSION})"
            )),
            "{text}"
        );
        let conn = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 99);
    }

    #[test]
    fn refuses_a_file_that_is_not_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(DATABASE_FILE),
            b"\x89PNG\r\n\x1a\n not a database",
        )
        .unwrap();
        let err = Workspace::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    }
}
