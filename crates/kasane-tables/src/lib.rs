//! Big per-case tables on polars: the variant table built from imported VCFs, stored as Parquet
//! and filtered, sorted and paged for the app and the CLI.
//!
//! Only this crate touches polars (DESIGN.md §2); callers see plain Rust types.

pub mod variant_table;

pub use variant_table::{VariantTable, VariantTableBuilder};

/// Why a table operation failed.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// polars refused an operation (a bug or a damaged file).
    #[error("table operation failed: {0}")]
    Polars(#[from] polars::prelude::PolarsError),
    /// The table file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A query names a column the table does not have.
    #[error("no column {column:?}; columns are: {known}")]
    UnknownColumn {
        /// The name asked for.
        column: String,
        /// The table's columns, comma-separated.
        known: String,
    },
    /// A query cannot be understood.
    #[error("{0}")]
    BadQuery(String),
}
