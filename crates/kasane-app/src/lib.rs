//! The one application API of Kasane.
//!
//! The CLI, the Tauri workbench and the egui viewer are thin front ends over [`Kasane`]: every
//! step a user can take is a method here, taking and returning the DTOs of [`dto`], failing with
//! the one [`AppError`] shape, and reporting progress of long jobs through
//! [`kasane_core::Progress`] with a [`kasane_core::CancelToken`].

pub mod annotate;
pub mod annotate_vcf;
pub mod bindings;
pub mod cache;
pub mod cache_signing;
pub mod classify;
mod contig_effects;
pub mod dto;
mod error;
pub mod explain;
mod in_house;
pub mod installed_caches;
mod line_batches;
mod location;
pub mod panel;
mod qc;
pub mod rule_set_files;
pub mod rules;
mod sv_alleles;
pub mod sv_effects;
pub mod transcripts;
mod use_cases;
pub mod variant_dto;
mod variants;
mod vcf_fusions;

pub use error::{AppError, ErrorKind};
pub use kasane_core::{CancelToken, NoProgress, Progress, Role, SecondaryFindingsConsent};
pub use kasane_interpret::{DominantDisorder, PhenotypeScore};
pub use location::{
    WORKSPACE_ENV, actor_from_env, default_workspace_dir, resolve_workspace_dir, workspace_exists,
};
pub use use_cases::{CheckedLayerFile, Kasane, check_layer_file};
pub use variants::{
    IMPORT_PHASE, MAX_PAGE_ROWS, PreparedImport, ReadImport, WRITE_PHASE, parse_condition,
    parse_sort,
};

/// The version recorded with every registered file ("which Kasane checked this").
pub const IMPORTER_VERSION: &str = concat!("kasane ", env!("CARGO_PKG_VERSION"));
