//! Errors of the case workspace.

use std::path::PathBuf;

/// Why a workspace operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder holds no `workspace.sqlite`.
    #[error("no Kasane workspace at {}; create one with `kasane workspace init`", dir.display())]
    NotAWorkspace {
        /// The folder looked in.
        dir: PathBuf,
    },
    /// The workspace was written by a newer Kasane.
    #[error(
        "the workspace at {} was written by a newer Kasane (schema version {found}; this Kasane reads up to {supported}); update Kasane to open it",
        dir.display()
    )]
    NewerSchema {
        /// The workspace folder.
        dir: PathBuf,
        /// Schema version found in the file.
        found: i64,
        /// Newest schema version this build knows.
        supported: i64,
    },
    /// The file is not an SQLite database or is damaged.
    #[error("{} is not a readable Kasane workspace database ({reason}); restore it from a backup", path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
    /// No case has that label.
    #[error("no case labelled {0:?} in this workspace; `kasane case list` shows the labels")]
    CaseNotFound(String),
    /// The case has no sample with that label.
    #[error("case {case:?} has no sample labelled {sample:?}")]
    SampleNotFound {
        /// The case label.
        case: String,
        /// The sample label asked for.
        sample: String,
    },
    /// A named thing (a preset …) does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A value given for the change is not acceptable.
    #[error("{0}")]
    InvalidInput(String),
    /// The change would duplicate something that must be unique.
    #[error("{0}")]
    Conflict(String),
    /// The change is not allowed on an archived case.
    #[error("case {0:?} is archived; archived cases are read-only")]
    CaseArchived(String),
    /// The folder could not be created or read.
    #[error("cannot use the workspace folder {}: {source}", dir.display())]
    Io {
        /// The workspace folder.
        dir: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("workspace database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A schema migration failed; the workspace was left at its previous version.
    #[error("could not upgrade the workspace schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}
