//! The reference genome as an indexed FASTA (`.fa` + `.fai`, plain or bgzip with `.gzi`): what
//! normalisation checks REF against and left-aligns with.
//!
//! Readers ask for [`SequenceWindow`]s, stretches of a contig around the variants they are
//! reading. From an uncompressed FASTA a window is read straight from the bytes the `.fai`
//! points to, without a lock, so parsing workers read the reference side by side and nothing
//! holds a chromosome in memory. A window keeps the file's line breaks: a base is found by
//! arithmetic on the line layout, and only the few bases a caller asks for are copied out. A
//! bgzipped FASTA cannot be read at an arbitrary byte, so its contigs are decompressed whole
//! (chr1 is about 250 MB), at most two at once, and a window is the whole contig. Contig names
//! are matched through the alias table, so a `chr1` VCF works with a `1` FASTA.

use std::collections::HashMap;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
    /// The file offset of the contig's 0-based base `at` (at most its length).
    fn byte_of(&self, at: u64) -> u64 {
        self.offset + at / self.line_bases * self.line_width + at % self.line_bases
    }
}

/// How a window's bytes are laid out in lines: `line_bases` bases, then line-break bytes up to
/// `line_width` bytes per line. A whole contig held without line breaks is one endless line.
#[derive(Debug, Clone, Copy)]
struct LineShape {
    line_bases: u64,
    line_width: u64,
}

impl LineShape {
    /// The shape of bases held without line breaks.
    const UNBROKEN: Self = Self {
        line_bases: u64::MAX,
        line_width: u64::MAX,
    };

    /// Where, among bytes that start with the base at `column` of its line, the base `offset`
    /// bases further on is.
    fn index(&self, column: u64, offset: u64) -> u64 {
        let at = column + offset;
        at / self.line_bases * self.line_width + at % self.line_bases - column
    }
}

/// A stretch of one contig's sequence as the FASTA stores it (upper- or lower-case, with its
/// line breaks), from 0-based position `start` up to `end`.
#[derive(Debug, Clone)]
pub struct SequenceWindow {
    start: u64,
    end: u64,
    bytes: WindowBases,
    shape: LineShape,
    contig_length: u64,
}

/// A window's bytes: read for it alone (their memory reused by the next window of its reader),
/// or a whole decompressed contig shared with other readers.
#[derive(Debug, Clone)]
enum WindowBases {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

impl WindowBases {
    fn as_slice(&self) -> &[u8] {
        match self {
            Self::Owned(bases) => bases,
            Self::Shared(bases) => bases,
        }
    }
}

impl SequenceWindow {
    /// 0-based position of the window's first base.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// 0-based position one past the window's last base.
    pub fn end(&self) -> u64 {
        self.end
    }

    /// The contig's full length, so a window's end can be told from the contig's end.
    pub fn contig_length(&self) -> u64 {
        self.contig_length
    }

    /// Whether the window holds 0-based positions `from..to`, where positions past the
    /// contig's end count as held by a window that reaches it.
    pub fn covers(&self, from: u64, to: u64) -> bool {
        from >= self.start && to.min(self.contig_length) <= self.end
    }

    /// The index among the window's bytes of the base at 0-based position `at` (inside it).
    fn index_of(&self, at: u64) -> Option<usize> {
        let column = self.start % self.shape.line_bases;
        usize::try_from(self.shape.index(column, at - self.start)).ok()
    }

    /// The base at 0-based position `at`, when the window holds it.
    pub fn base(&self, at: u64) -> Option<u8> {
        if at < self.start || at >= self.end {
            return None;
        }
        self.bytes.as_slice().get(self.index_of(at)?).copied()
    }

    /// Replaces `out` with the bases at 0-based positions `from..to`, clipped to the window;
    /// returns the position of the first base copied.
    pub fn copy_bases(&self, from: u64, to: u64, out: &mut Vec<u8>) -> u64 {
        out.clear();
        let from = from.clamp(self.start, self.end);
        let to = to.clamp(from, self.end);
        let bytes = self.bytes.as_slice();
        let mut at = from;
        while at < to {
            let left_on_line = self.shape.line_bases - at % self.shape.line_bases;
            let take = left_on_line.min(to - at);
            let Some(index) = self.index_of(at) else {
                break;
            };
            let Some(line) = usize::try_from(take)
                .ok()
                .and_then(|take| bytes.get(index..index.checked_add(take)?))
            else {
                break;
            };
            out.extend_from_slice(line);
            at += take;
        }
        from
    }
}

/// One contig of the FASTA.
#[derive(Debug)]
struct Contig {
    /// The name as the FASTA writes it.
    name: String,
    length: u64,
}

/// How the sequence is reached.
enum Storage {
    /// An uncompressed FASTA: windows are read at the offsets of each contig's lines.
    Plain {
        file: std::fs::File,
        layouts: Vec<LineLayout>,
    },
    /// A bgzipped FASTA: whole contigs decompressed through the `.gzi` index.
    Bgzip(Mutex<LoadedContigs>),
}

/// The contigs of a bgzipped FASTA held in memory, the most recently used last.
struct LoadedContigs {
    reader: fasta::io::IndexedReader<fasta::io::BufReader<std::fs::File>>,
    loaded: Vec<(usize, Arc<[u8]>)>,
}

/// Contig sequences of a bgzipped FASTA kept in memory at once (the parsing workers of one file
/// can straddle a contig boundary).
const LOADED_CONTIGS: usize = 2;

/// An indexed FASTA, shared by the threads that read one variant file.
pub struct ReferenceGenome {
    path: PathBuf,
    /// The FASTA's contigs, in `.fai` order.
    contigs: Vec<Contig>,
    /// Canonical contig name → index in `contigs`.
    by_canonical: HashMap<String, usize>,
    storage: Storage,
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
        let records = reader.index().as_ref();
        let contigs: Vec<Contig> = records
            .iter()
            .map(|record| Contig {
                name: String::from_utf8_lossy(record.name()).into_owned(),
                length: record.length(),
            })
            .collect();
        let mut by_canonical = HashMap::with_capacity(contigs.len());
        for (index, contig) in contigs.iter().enumerate() {
            by_canonical
                .entry(canonical_contig(&contig.name).into_owned())
                .or_insert(index);
        }
        let layouts = records
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
        let storage = if crate::compression::detect(&head[..head_len])
            == crate::compression::Compression::Plain
        {
            Storage::Plain { file, layouts }
        } else {
            Storage::Bgzip(Mutex::new(LoadedContigs {
                reader,
                loaded: Vec::new(),
            }))
        };
        Ok(Self {
            path: path.to_path_buf(),
            contigs,
            by_canonical,
            storage,
        })
    }

    /// The FASTA's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn index_of(&self, contig: &str) -> Option<usize> {
        self.by_canonical
            .get(canonical_contig(contig).as_ref())
            .copied()
    }

    /// The length of a contig (any alias), or `None` when the reference lacks it.
    pub fn contig_length(&self, contig: &str) -> Option<u64> {
        self.index_of(contig).map(|at| self.contigs[at].length)
    }

    /// The genome build the contig lengths point to (GRCh37 or GRCh38), if any.
    pub fn genome_build(&self) -> Result<Option<BuildClue>, BuildConflict> {
        let mut evidence = BuildEvidence::default();
        for contig in &self.contigs {
            evidence.contig_length(
                &contig.name,
                contig.length,
                format!("{} in the reference .fai", contig.name),
            );
        }
        evidence.conclude()
    }

    /// A window holding at least the 0-based positions `from..to` of a contig (any alias),
    /// clipped to the contig; `None` when the reference lacks the contig. `recycled`, a window
    /// its reader no longer needs, lends the new one its memory.
    pub fn window(
        &self,
        contig: &str,
        from: u64,
        to: u64,
        recycled: Option<SequenceWindow>,
    ) -> Result<Option<SequenceWindow>, ReferenceError> {
        let Some(at) = self.index_of(contig) else {
            return Ok(None);
        };
        let entry = &self.contigs[at];
        let failed = |source| ReferenceError::Contig {
            path: self.path.clone(),
            contig: entry.name.clone(),
            source,
        };
        let length = entry.length;
        let window = match &self.storage {
            Storage::Plain { file, layouts } => {
                let layout = layouts.get(at).copied().ok_or_else(|| {
                    failed(std::io::Error::other("the .fai index lost this contig"))
                })?;
                let from = from.min(length);
                let to = to.clamp(from, length);
                let mut bytes = match recycled.map(|window| window.bytes) {
                    Some(WindowBases::Owned(bytes)) => bytes,
                    _ => Vec::new(),
                };
                read_plain_lines(file, layout, from, to, &mut bytes).map_err(failed)?;
                SequenceWindow {
                    start: from,
                    end: to,
                    bytes: WindowBases::Owned(bytes),
                    shape: LineShape {
                        line_bases: layout.line_bases,
                        line_width: layout.line_width,
                    },
                    contig_length: length,
                }
            }
            Storage::Bgzip(loaded) => {
                let mut loaded = match loaded.lock() {
                    Ok(loaded) => loaded,
                    Err(poisoned) => poisoned.into_inner(),
                };
                let contig = loaded.contig(at, &entry.name).map_err(failed)?;
                SequenceWindow {
                    start: 0,
                    end: (contig.len() as u64).min(length),
                    bytes: WindowBases::Shared(contig),
                    shape: LineShape::UNBROKEN,
                    contig_length: length,
                }
            }
        };
        Ok(Some(window))
    }
}

impl LoadedContigs {
    /// The whole sequence of contig `at` (named `name` in the FASTA).
    fn contig(&mut self, at: usize, name: &str) -> std::io::Result<Arc<[u8]>> {
        if let Some(found) = self.loaded.iter().position(|(index, _)| *index == at) {
            let entry = self.loaded.remove(found);
            let sequence = Arc::clone(&entry.1);
            self.loaded.push(entry);
            return Ok(sequence);
        }
        if self.loaded.len() >= LOADED_CONTIGS {
            self.loaded.remove(0);
        }
        let record = self.reader.query(&Region::new(name, ..))?;
        let sequence: Arc<[u8]> = Arc::from(record.sequence().as_ref());
        self.loaded.push((at, Arc::clone(&sequence)));
        Ok(sequence)
    }
}

/// Reads the bytes that hold the 0-based bases `from..to` of a contig in an uncompressed FASTA,
/// line breaks included, into `raw` in one read (the buffer is a reader's last window: a whole
/// genome is read window by window without fresh memory). An index that disagrees with the
/// file (a byte that should be a line break is a base or the other way round, the file ends
/// early, or the contig's last line runs on) is refused as stale.
fn read_plain_lines(
    file: &std::fs::File,
    layout: LineLayout,
    from: u64,
    to: u64,
    raw: &mut Vec<u8>,
) -> std::io::Result<()> {
    let stale = |found: &str| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the .fai index says {} bases but {found}; the index is stale — rebuild it with `samtools faidx`",
                layout.length
            ),
        )
    };
    if layout.line_width < layout.line_bases {
        return Err(stale("its lines are said to be shorter than their bases"));
    }
    let first = layout.byte_of(from);
    // At the contig's end, one more byte shows whether the sequence really stops there.
    let at_end = to == layout.length;
    let last = if to > from {
        layout.byte_of(to - 1) + 1
    } else {
        first
    };
    let span = usize::try_from(last - first + u64::from(at_end)).map_err(std::io::Error::other)?;
    // Only the bytes read are looked at, so the old window's bytes need not be cleared.
    raw.resize(span, 0);
    let mut filled = 0;
    while filled < raw.len() {
        match file.read_at(&mut raw[filled..], first + filled as u64)? {
            0 => break,
            n => filled += n,
        }
    }
    let wanted = usize::try_from(last - first).map_err(std::io::Error::other)?;
    if filled < wanted {
        return Err(stale("the FASTA ends before them"));
    }
    if at_end && filled > wanted && !matches!(raw[wanted], b'\n' | b'\r' | b'>') {
        return Err(stale("the sequence goes on past them"));
    }
    raw.truncate(wanted);
    let line_bases = usize::try_from(layout.line_bases).map_err(std::io::Error::other)?;
    let line_width = usize::try_from(layout.line_width).map_err(std::io::Error::other)?;
    let break_bytes = line_width - line_bases;
    // Every place the index puts a line break must hold one, and no other place may: the
    // number of break bytes found must be the number of those places.
    let mut breaks = 0;
    let mut at = line_bases - usize::try_from(from % layout.line_bases).unwrap_or(0);
    while at < raw.len() {
        let here = break_bytes.min(raw.len() - at);
        if !raw[at..at + here].iter().all(|&b| b == b'\n' || b == b'\r') {
            return Err(stale("a line holds another number of bases"));
        }
        breaks += here;
        at += line_width;
    }
    if break_like_bytes(raw) != breaks {
        return Err(stale("a line holds another number of bases"));
    }
    Ok(())
}

/// How many bytes of `raw` are line breaks or a header's `>` (which counts as a misplaced
/// break). Counting each byte is the fast path of the `memchr` crate, where iterating over
/// the hits of three bytes at once costs a call per line; a file without `\r` and `>`, the
/// usual one, is searched once for them.
fn break_like_bytes(raw: &[u8]) -> usize {
    let newlines = memchr::memchr_iter(b'\n', raw).count();
    if memchr::memchr2(b'\r', b'>', raw).is_none() {
        return newlines;
    }
    newlines + memchr::memchr_iter(b'\r', raw).count() + memchr::memchr_iter(b'>', raw).count()
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

    fn bases(reference: &ReferenceGenome, contig: &str, from: u64, to: u64) -> Option<Vec<u8>> {
        reference
            .window(contig, from, to, None)
            .expect("reads")
            .map(|w| all_bases(&w))
    }

    /// Every base of a window, copied out of its lines.
    fn all_bases(window: &SequenceWindow) -> Vec<u8> {
        let mut out = Vec::new();
        window.copy_bases(window.start(), window.end(), &mut out);
        out
    }

    #[test]
    fn contigs_are_found_under_any_alias_and_windows_cross_line_breaks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let reference = ReferenceGenome::open(&fasta(dir.path())).expect("opens");
        assert_eq!(reference.contig_length("chr1"), Some(14));
        assert_eq!(reference.contig_length("NC_000023.11"), Some(4));
        assert_eq!(
            bases(&reference, "chr1", 0, 14).as_deref(),
            Some(&b"GGGCACACACAGGG"[..])
        );
        assert_eq!(bases(&reference, "1", 6, 10).as_deref(), Some(&b"ACAC"[..]));
        assert_eq!(bases(&reference, "1", 8, 9).as_deref(), Some(&b"A"[..]));
        assert_eq!(
            bases(&reference, "1", 10, 1000).as_deref(),
            Some(&b"AGGG"[..]),
            "a window is clipped to the contig"
        );
        let window = reference
            .window("1", 3, 9, None)
            .expect("reads")
            .expect("known");
        assert!(window.covers(3, 9) && !window.covers(2, 9) && !window.covers(3, 10));
        assert_eq!((window.start(), window.end()), (3, 9));
        assert_eq!(window.contig_length(), 14);
        // GGGCACAC|ACAGGG: the window 3..9 ends one base into the second line.
        let each: Vec<Option<u8>> = (2..10).map(|at| window.base(at)).collect();
        let expected = [
            None,
            Some(b'C'),
            Some(b'A'),
            Some(b'C'),
            Some(b'A'),
            Some(b'C'),
        ];
        assert_eq!(each[..6], expected);
        assert_eq!(each[6..], [Some(b'A'), None]);
        let mut out = b"left over".to_vec();
        assert_eq!(window.copy_bases(6, 9, &mut out), 6);
        assert_eq!(out, b"ACA");
        assert_eq!(
            window.copy_bases(0, 100, &mut out),
            3,
            "clipped to the window"
        );
        assert_eq!(out, b"CACACA");
        let end = reference
            .window("1", 12, 14, None)
            .expect("reads")
            .expect("known");
        assert!(
            end.covers(12, 20),
            "a window at the contig's end holds what lies past it"
        );
        assert_eq!(bases(&reference, "X", 0, 4).as_deref(), Some(&b"ACGT"[..]));
        assert_eq!(bases(&reference, "chr2", 0, 1), None);
        // A window read into an earlier one's memory holds its own bases only.
        let wide = reference.window("1", 0, 14, None).expect("reads");
        let narrow = reference
            .window("1", 9, 12, wide)
            .expect("reads")
            .expect("known");
        assert_eq!(all_bases(&narrow), b"CAG");
        let other = reference
            .window("X", 1, 4, Some(narrow))
            .expect("reads")
            .expect("known");
        assert_eq!((other.start(), all_bases(&other)), (1, b"CGT".to_vec()));
        assert_eq!(reference.genome_build().expect("no conflict"), None);
    }

    #[test]
    fn windows_line_breaks_are_dropped_and_a_stale_index_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("crlf.fa");
        std::fs::write(&path, b">2\r\nACGTA\r\nCC\r\n").expect("write");
        std::fs::write(dir.path().join("crlf.fa.fai"), "2\t7\t4\t5\t7\n").expect("fai");
        let reference = ReferenceGenome::open(&path).expect("opens");
        assert_eq!(
            bases(&reference, "chr2", 0, 7).as_deref(),
            Some(&b"ACGTACC"[..])
        );
        assert_eq!(bases(&reference, "chr2", 4, 6).as_deref(), Some(&b"AC"[..]));
        for (fai, window) in [
            ("2\t6\t4\t5\t7\n", 0..6),
            ("2\t9\t4\t5\t7\n", 0..9),
            ("2\t7\t4\t4\t6\n", 0..7),
            ("2\t7\t4\t5\t4\n", 0..3),
        ] {
            std::fs::write(dir.path().join("crlf.fa.fai"), fai).expect("fai");
            let stale = ReferenceGenome::open(&path).expect("opens");
            let error = stale
                .window("2", window.start, window.end, None)
                .expect_err("index disagrees with the file");
            assert!(
                error.to_string().contains("samtools faidx"),
                "{fai:?}: {error}"
            );
        }
        // The index's line breaks are all in place, but a line was split in two.
        std::fs::write(&path, b">2\r\nAC\nGT\r\nCC\r\n").expect("write");
        std::fs::write(dir.path().join("crlf.fa.fai"), "2\t6\t4\t5\t7\n").expect("fai");
        let split = ReferenceGenome::open(&path).expect("opens");
        let error = split
            .window("2", 0, 5, None)
            .expect_err("a break among the bases");
        assert!(error.to_string().contains("samtools faidx"), "{error}");
    }

    #[test]
    fn a_bgzipped_fasta_gives_whole_contigs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let plain = fasta(dir.path());
        let Ok(status) = std::process::Command::new("bgzip")
            .args(["-k", "-i"])
            .arg(&plain)
            .status()
        else {
            assert!(
                std::env::var_os("CI").is_none(),
                "bgzip must be installed under CI (scripts/test.sh installs tabix)"
            );
            eprintln!("skipped: bgzip is not installed");
            return;
        };
        assert!(status.success());
        let gz = dir.path().join("ref.fa.gz");
        let status = std::process::Command::new("samtools")
            .arg("faidx")
            .arg(&gz)
            .status()
            .expect("samtools runs where bgzip does");
        assert!(status.success());
        let reference = ReferenceGenome::open(&gz).expect("opens");
        let window = reference
            .window("chr1", 5, 7, None)
            .expect("reads")
            .expect("known");
        assert!(window.covers(0, 14));
        assert_eq!(all_bases(&window), b"GGGCACACACAGGG");
        assert_eq!((window.base(8), window.base(14)), (Some(b'A'), None));
        assert_eq!(bases(&reference, "X", 0, 4).as_deref(), Some(&b"ACGT"[..]));
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
