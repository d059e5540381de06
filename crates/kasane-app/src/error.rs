//! The one error shape that crosses every boundary: `{ kind, message, detail? }`.

use kasane_formats::checksum::ChecksumError;
use kasane_formats::{SniffError, SniffProblem};
use kasane_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure this is; front ends branch on it (exit codes, colours), never on text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A value or file given by the user is not acceptable.
    InvalidInput,
    /// The case, sample or workspace asked for does not exist.
    NotFound,
    /// The change clashes with what is stored (duplicate, archived case).
    Conflict,
    /// The workspace cannot be opened by this Kasane (newer schema, damaged database).
    IncompatibleWorkspace,
    /// The user cancelled a long job; nothing was written.
    Cancelled,
    /// Anything else: a bug or an environment problem.
    Internal,
}

/// A failed use case, worded for the person who asked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    /// The category.
    pub kind: ErrorKind,
    /// One line naming what is wrong and what to do.
    pub message: String,
    /// Technical detail for a bug report, if any.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl AppError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            detail: None,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        let kind = match &error {
            StoreError::NotAWorkspace { .. }
            | StoreError::CaseNotFound(_)
            | StoreError::SampleNotFound { .. }
            | StoreError::NotFound(_) => ErrorKind::NotFound,
            StoreError::NewerSchema { .. }
            | StoreError::Corrupt { .. }
            | StoreError::Migration(_) => ErrorKind::IncompatibleWorkspace,
            StoreError::InvalidInput(_) => ErrorKind::InvalidInput,
            StoreError::Conflict(_) | StoreError::CaseArchived(_) => ErrorKind::Conflict,
            StoreError::Io { .. } | StoreError::Sqlite(_) => ErrorKind::Internal,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<SniffError> for AppError {
    fn from(error: SniffError) -> Self {
        let kind = match error.problem {
            SniffProblem::NotFound => ErrorKind::NotFound,
            _ => ErrorKind::InvalidInput,
        };
        Self::new(kind, error.to_string())
    }
}

impl AppError {
    /// A checksum failure for `path`.
    pub(crate) fn checksum(path: &std::path::Path, error: ChecksumError) -> Self {
        match error {
            ChecksumError::Cancelled(_) => Self::new(
                ErrorKind::Cancelled,
                format!("{}: cancelled; nothing was added", path.display()),
            ),
            ChecksumError::Io(e) => Self::new(
                ErrorKind::InvalidInput,
                format!("{}: cannot read the file: {e}", path.display()),
            ),
        }
    }
}
