//! Big per-case tables on polars.
