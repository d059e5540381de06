//! The reference genome as an indexed FASTA (`.fa` + `.fai`, plain or bgzip with `.gzi`): what
//! normalisation checks REF against and left-aligns with.
//!
//! Variant files arrive sorted by contig, so one whole contig is held at a time (chr1 is about
//! 250 MB) and replaced when the next contig starts; contig names are matched through the alias
//! table, so a `chr1` VCF works with a `1` FASTA.

use std::path::{Path, PathBuf};

use kasane_core::contig::canonical_contig;
use kasane_core::genome::{BuildClue, BuildConflict, BuildEvidence};
use noodles::core::Region;
use noodles::fasta;

/// Why the reference cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    /// The FASTA or its `.fai` index cannot be opened or read.
    #[error(
        "cannot read the reference {path} or its index ({source}); give an indexed FASTA (run `samtools faidx` to make the .fai)"
    )]
    Unreadable {
        /// The FASTA.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A contig's sequence could not be read.
    #[error("cannot read contig {contig} from the reference {path} ({source})")]
    Contig {
        /// The FASTA.
        path: PathBuf,
        /// The contig as the FASTA names it.
        contig: String,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// An indexed FASTA holding at most one contig's sequence in memory.
pub struct ReferenceGenome {
    path: PathBuf,
    reader: fasta::io::IndexedReader<fasta::io::BufReader<std::fs::File>>,
    /// Canonical contig name → (name in the FASTA, length).
    contigs: Vec<(String, String, u64)>,
    loaded: Option<(String, Vec<u8>)>,
}

impl std::fmt::Debug for ReferenceGenome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferenceGenome")
            .field("path", &self.path)
            .field("contigs", &self.contigs.len())
            .finish()
    }
}

impl ReferenceGenome {
    /// Opens an indexed FASTA; its `.fai` must sit beside it.
    pub fn open(path: &Path) -> Result<Self, ReferenceError> {
        let unreadable = |source| ReferenceError::Unreadable {
            path: path.to_path_buf(),
            source,
        };
        let reader = fasta::io::indexed_reader::Builder::default()
            .build_from_path(path)
            .map_err(unreadable)?;
        let contigs = reader
            .index()
            .as_ref()
            .iter()
            .map(|record| {
                let name = String::from_utf8_lossy(record.name()).into_owned();
                (canonical_contig(&name).into_owned(), name, record.length())
            })
            .collect();
        Ok(Self {
            path: path.to_path_buf(),
            reader,
            contigs,
            loaded: None,
        })
    }

    /// The FASTA's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The length of a contig (any alias), or `None` when the reference lacks it.
    pub fn contig_length(&self, contig: &str) -> Option<u64> {
        let canonical = canonical_contig(contig);
        self.contigs
            .iter()
            .find(|(c, _, _)| *c == canonical)
            .map(|(_, _, length)| *length)
    }

    /// The genome build the contig lengths point to (GRCh37 or GRCh38), if any.
    pub fn genome_build(&self) -> Result<Option<BuildClue>, BuildConflict> {
        let mut evidence = BuildEvidence::default();
        for (_, name, length) in &self.contigs {
            evidence.contig_length(name, *length, format!("{} in the reference .fai", name));
        }
        evidence.conclude()
    }

    /// The whole sequence of a contig (any alias), upper- or lower-case as stored; `None` when
    /// the reference lacks the contig.
    pub fn contig(&mut self, contig: &str) -> Result<Option<&[u8]>, ReferenceError> {
        let canonical = canonical_contig(contig);
        let loaded_here = self
            .loaded
            .as_ref()
            .is_some_and(|(name, _)| *name == canonical);
        if !loaded_here {
            let Some((_, name, _)) = self.contigs.iter().find(|(c, _, _)| *c == canonical) else {
                return Ok(None);
            };
            let name = name.clone();
            self.loaded = None;
            let record = self
                .reader
                .query(&Region::new(name.as_str(), ..))
                .map_err(|source| ReferenceError::Contig {
                    path: self.path.clone(),
                    contig: name.clone(),
                    source,
                })?;
            let sequence: Vec<u8> = record.sequence().as_ref().to_vec();
            self.loaded = Some((canonical.into_owned(), sequence));
        }
        Ok(self
            .loaded
            .as_ref()
            .map(|(_, sequence)| sequence.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn fasta(dir: &Path) -> PathBuf {
        let path = dir.join("ref.fa");
        let mut file = std::fs::File::create(&path).expect("create");
        file.write_all(b">1 first\nGGGCACAC\nACAGGG\n>chrX\nACGT\n")
            .expect("write");
        std::fs::write(
            dir.join("ref.fa.fai"),
            "1\t14\t9\t8\t9\nchrX\t4\t31\t4\t5\n",
        )
        .expect("fai");
        path
    }

    #[test]
    fn contigs_are_found_under_any_alias_and_read_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut reference = ReferenceGenome::open(&fasta(dir.path())).expect("opens");
        assert_eq!(reference.contig_length("chr1"), Some(14));
        assert_eq!(reference.contig_length("NC_000023.11"), Some(4));
        assert_eq!(
            reference.contig("chr1").expect("reads"),
            Some(&b"GGGCACACACAGGG"[..])
        );
        assert_eq!(reference.contig("X").expect("reads"), Some(&b"ACGT"[..]));
        assert_eq!(reference.contig("chr2").expect("reads"), None);
        assert_eq!(reference.genome_build().expect("no conflict"), None);
    }

    #[test]
    fn a_fasta_without_its_index_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("plain.fa");
        std::fs::write(&path, ">1\nACGT\n").expect("write");
        let error = ReferenceGenome::open(&path).expect_err("no .fai");
        assert!(error.to_string().contains("samtools faidx"), "{error}");
    }
}
