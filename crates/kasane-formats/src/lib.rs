//! File formats of Kasane's layers.
//!
//! For now this crate answers one question cheaply for every layer kind: *is this file what the
//! user says it is?* ([`sniff`]) — by magic bytes, container integrity and the first header or
//! data lines — plus the file's SHA-256 ([`checksum`]). The full readers that turn records into
//! core types arrive with the importers of later issues and live here too, on noodles.

pub mod annotation_sources;
pub mod checksum;
pub mod compression;
mod decimal;
pub mod gene_models;
pub mod knowledge;
pub mod reference;
pub mod sniff;
mod text;
pub mod variants;

pub use checksum::{FileDigest, sha256_file};
pub use compression::Compression;
pub use sniff::{SniffError, SniffProblem, SniffReport, sniff_layer_file};
