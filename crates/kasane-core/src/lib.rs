//! Domain types and pure rules shared by every Kasane crate.
//!
//! Nothing here touches files, databases or user interfaces: these are the words the rest of
//! the program speaks (cases, samples, layer kinds, genome builds, contigs, variants) and the small rules that go
//! with them, so that every front end and library agrees on their meaning.

pub mod annotation;
pub mod annotation_merge;
pub mod breakend;
pub mod case;
pub mod consequence;
pub mod contig;
pub mod gene_model;
pub mod genome;
pub mod knowledge;
pub mod layer;
pub mod locus;
pub mod normalize;
pub mod profile;
pub mod progress;
pub mod variant;

pub use case::{CaseLabel, CaseStatus, LabelError, SampleRole, SecondaryFindingsConsent};
pub use genome::GenomeBuild;
pub use layer::LayerKind;
pub use profile::Role;
pub use progress::{CancelToken, Cancelled, NoProgress, Progress};
pub use variant::{OneBased, VariantClass, Zygosity};
