//! Integration tests of kasane-formats: conformance on the shared real files, the variant
//! reader on inline and generated inputs, and normalisation compared with bcftools.

#![allow(clippy::unwrap_used)]

mod annotation_sources;
mod bcftools_norm;
mod common;
mod gene_models;
mod shared_data;
mod variants;
