//! The reference genome as an indexed FASTA (`.fa` + `.fai`, plain or bgzip with `.gzi`): what
//! normalisation checks REF against and left-aligns with.
//!
//! Variant files arrive sorted by contig, so whole contigs are held (chr1 is about 250 MB) and
//! dropped as later contigs start: at most two at once, because the parsing workers of one file
//! can straddle a contig boundary. Contig names are matched through the alias table, so a `chr1`
//! VCF works with a `1` FASTA.

use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// Where one contig's sequence lies in an uncompressed FASTA (from its `.fai` record).
#[derive(Debug, Clone, Copy)]
struct LineLayout {
    offset: u64,
    length: u64,
    line_bases: u64,
    line_width: u64,
}

impl LineLayout {
    /// Bytes from the first base to the last, line breaks included.
    fn span(&self) -> u64 {
        let full = self.length / self.line_bases;
        let rest = self.length % self.line_bases;
        let breaks = if rest == 0 {
            full.saturating_sub(1)
        } else {
            full
        };
        self.length + breaks * (self.line_width - self.line_bases)
    }
}

/// Contig sequences kept in memory at once.
const LOADED_CONTIGS: usize = 2;

/// An indexed FASTA holding at most [`LOADED_CONTIGS`] contig sequences in memory.
pub struct ReferenceGenome {
    path: PathBuf,
    reader: fasta::io::IndexedReader<fasta::io::BufReader<std::fs::File>>,
    /// Canonical contig name → (name in the FASTA, length).
    contigs: Vec<(String, String, u64)>,
    /// For an uncompressed FASTA: the file and, per contig (same order as `contigs`), where
    /// its lines are, so a contig is read in one go instead of line by line.
    plain: Option<(std::fs::File, Vec<LineLayout>)>,
    /// Loaded sequences by canonical name, the most recently used last.
    loaded: Vec<(String, Arc<[u8]>)>,
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
        let layouts = reader
            .index()
            .as_ref()
            .iter()
            .map(|record| LineLayout {
                offset: record.position(),
                length: record.length(),
                line_bases: record.line_base_count().get(),
                line_width: record.line_width().get(),
            })
            .collect();
        let mut file = std::fs::File::open(path).map_err(unreadable)?;
        let mut head = [0u8; 18];
        let head_len = std::io::Read::read(&mut file, &mut head).map_err(unreadable)?;
        let plain = (crate::compression::detect(&head[..head_len])
            == crate::compression::Compression::Plain)
            .then_some((file, layouts));
        Ok(Self {
            path: path.to_path_buf(),
            reader,
            contigs,
            plain,
            loaded: Vec::new(),
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
    /// the reference lacks the contig. The sequence is shared, so a caller may keep it while
    /// the reference moves on to other contigs.
    pub fn contig(&mut self, contig: &str) -> Result<Option<Arc<[u8]>>, ReferenceError> {
        let canonical = canonical_contig(contig);
        if let Some(at) = self.loaded.iter().position(|(name, _)| *name == canonical) {
            let entry = self.loaded.remove(at);
            let sequence = Arc::clone(&entry.1);
            self.loaded.push(entry);
            return Ok(Some(sequence));
        }
        let Some(at) = self.contigs.iter().position(|(c, _, _)| *c == canonical) else {
            return Ok(None);
        };
        let name = self.contigs[at].1.clone();
        if self.loaded.len() >= LOADED_CONTIGS {
            self.loaded.remove(0);
        }
        let failed = |source| ReferenceError::Contig {
            path: self.path.clone(),
            contig: name.clone(),
            source,
        };
        let sequence: Arc<[u8]> = match &mut self.plain {
            Some((file, layouts)) => {
                let layout = layouts.get(at).copied().ok_or_else(|| {
                    failed(std::io::Error::other("the .fai index lost this contig"))
                })?;
                Arc::from(read_plain_contig(file, layout).map_err(failed)?)
            }
            None => {
                let record = self
                    .reader
                    .query(&Region::new(name.as_str(), ..))
                    .map_err(failed)?;
                Arc::from(record.sequence().as_ref())
            }
        };
        self.loaded
            .push((canonical.into_owned(), Arc::clone(&sequence)));
        Ok(Some(sequence))
    }
}

/// Reads a contig's lines from an uncompressed FASTA in one read and drops the line breaks. An
/// index that disagrees with the file (the sequence then ends mid-line, runs past the file's
/// end or holds another number of bases) is refused as stale.
fn read_plain_contig(file: &mut std::fs::File, layout: LineLayout) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let stale = |found: &str| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the .fai index says {} bases but {found}; the index is stale — rebuild it with `samtools faidx`",
                layout.length
            ),
        )
    };
    let span = usize::try_from(layout.span()).map_err(std::io::Error::other)?;
    let mut bytes = vec![0u8; span + 1];
    file.seek(SeekFrom::Start(layout.offset))?;
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    if filled < span {
        return Err(stale("the FASTA ends before them"));
    }
    if filled > span && !matches!(bytes[span], b'\n' | b'\r' | b'>') {
        return Err(stale("the sequence goes on past them"));
    }
    bytes.truncate(span);
    bytes.retain(|&b| b != b'\n' && b != b'\r');
    if bytes.len() as u64 != layout.length {
        return Err(stale(&format!("the FASTA holds {} there", bytes.len())));
    }
    Ok(bytes)
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
            reference.contig("chr1").expect("reads").as_deref(),
            Some(&b"GGGCACACACAGGG"[..])
        );
        assert_eq!(
            reference.contig("X").expect("reads").as_deref(),
            Some(&b"ACGT"[..])
        );
        assert_eq!(reference.contig("chr2").expect("reads"), None);
        assert_eq!(
            reference.contig("1").expect("reads again").as_deref(),
            Some(&b"GGGCACACACAGGG"[..]),
            "a third contig evicts the least recently used one, never the one asked for"
        );
        assert_eq!(reference.genome_build().expect("no conflict"), None);
    }

    #[test]
    fn windows_line_breaks_are_dropped_and_a_stale_index_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("crlf.fa");
        std::fs::write(&path, b">2\r\nACGTA\r\nCC\r\n").expect("write");
        std::fs::write(dir.path().join("crlf.fa.fai"), "2\t7\t4\t5\t7\n").expect("fai");
        let mut reference = ReferenceGenome::open(&path).expect("opens");
        assert_eq!(
            reference.contig("chr2").expect("reads").as_deref(),
            Some(&b"ACGTACC"[..])
        );
        for length in [6, 9] {
            std::fs::write(
                dir.path().join("crlf.fa.fai"),
                format!("2\t{length}\t4\t5\t7\n"),
            )
            .expect("fai");
            let mut stale = ReferenceGenome::open(&path).expect("opens");
            let error = stale.contig("2").expect_err("length disagrees");
            assert!(
                error.to_string().contains("samtools faidx"),
                "{length}: {error}"
            );
        }
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
