//! The variant table on disk: one Parquet file per case, replaced atomically.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use polars::prelude::*;
use sha2::{Digest, Sha256};

use super::row_group::encode_row_group;
use crate::TableError;

/// The file name of a case's variant table inside its case folder.
pub const VARIANT_TABLE_FILE: &str = "variants.parquet";

/// Bytes gathered before each write to the table file.
const WRITE_BUFFER_BYTES: usize = 1 << 20;

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> TableError + '_ {
    move |source| TableError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A Parquet table written row group by row group on its own thread into a temporary file
/// beside `path`, which [`StreamingParquet::commit`] syncs and renames over `path`; dropped
/// without a commit, it removes the temporary file and leaves `path` as it was.
pub struct StreamingParquet {
    path: PathBuf,
    temporary: PathBuf,
    sender: Option<std::sync::mpsc::SyncSender<Vec<DataFrame>>>,
    /// The writer's thread; it ends with the SHA-256 of the bytes written.
    writer: Option<std::thread::JoinHandle<Result<String, TableError>>>,
    /// Whether the temporary file became the table; until then, dropping removes it.
    committed: bool,
}

impl StreamingParquet {
    /// Starts a table of `schema` to be renamed to `path`.
    pub fn create(path: &Path, schema: &Schema) -> Result<Self, TableError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        let temporary = temporary_path(path);
        let file = File::create(&temporary).map_err(io_error(&temporary))?;
        let buffered = SharedBuffer::new(file);
        let started = ParquetWriter::new(buffered.clone())
            .with_compression(ParquetCompression::Lz4Raw)
            .with_statistics(StatisticsOptions::default())
            .batched(schema);
        let mut batched = match started {
            Ok(batched) => batched,
            Err(e) => {
                let _ = std::fs::remove_file(&temporary);
                return Err(e.into());
            }
        };
        let types = batched.parquet_schema().fields().to_vec();
        let schema = schema.clone();
        // One row group may wait while one is encoded: the builder fills the next meanwhile.
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<DataFrame>>(1);
        let at = temporary.clone();
        let writer = std::thread::spawn(move || -> Result<String, TableError> {
            for pieces in receiver {
                if let Some((rows, group)) = encode_row_group(&pieces, &schema, &types)? {
                    batched
                        .get_writer()
                        .lock()
                        .map_err(|_| {
                            io_error(&at)(std::io::Error::other("the Parquet writer failed"))
                        })?
                        .write(rows, group)?;
                }
            }
            batched.finish()?;
            drop(batched);
            let (file, sha256) = buffered.into_file().map_err(io_error(&at))?;
            file.sync_all().map_err(io_error(&at))?;
            Ok(sha256)
        });
        Ok(Self {
            path: path.to_path_buf(),
            temporary,
            sender: Some(sender),
            writer: Some(writer),
            committed: false,
        })
    }

    /// Queues one row group, given as slices of rows with the schema's columns; the writer's
    /// thread encodes them as one row group without joining them.
    pub fn write(&mut self, pieces: Vec<DataFrame>) -> Result<(), TableError> {
        let delivered = self.sender.as_ref().is_some_and(|s| s.send(pieces).is_ok());
        if delivered {
            return Ok(());
        }
        // The writer stopped early: its error says why.
        self.sender = None;
        match self.writer.take().map(std::thread::JoinHandle::join) {
            Some(Ok(Err(e))) => Err(e),
            _ => Err(TableError::Io {
                path: self.temporary.clone(),
                source: std::io::Error::other("the Parquet writer stopped"),
            }),
        }
    }

    /// Writes the footer, syncs the file and renames it over the table's path; returns the
    /// file's SHA-256 (hex), taken as it was written.
    pub fn commit(mut self) -> Result<String, TableError> {
        self.sender = None;
        let sha256 = match self.writer.take().map(std::thread::JoinHandle::join) {
            Some(Ok(Ok(sha256))) => sha256,
            Some(Ok(Err(e))) => return Err(e),
            _ => {
                return Err(TableError::Io {
                    path: self.temporary.clone(),
                    source: std::io::Error::other("the Parquet writer stopped"),
                });
            }
        };
        std::fs::rename(&self.temporary, &self.path).map_err(io_error(&self.path))?;
        self.committed = true;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        if let Ok(folder) = File::open(dir) {
            folder.sync_all().map_err(io_error(dir))?;
        }
        Ok(sha256)
    }
}

/// A writer that hashes what passes through it, so that a table's content hash costs no second
/// read of the file.
struct Hashing<W> {
    inner: W,
    digest: Sha256,
}

impl<W: Write> Hashing<W> {
    fn new(inner: W) -> Self {
        Self {
            inner,
            digest: Sha256::new(),
        }
    }

    /// The inner writer and the SHA-256 (hex) of everything written.
    fn finish(self) -> (W, String) {
        (self.inner, format!("{:x}", self.digest.finalize()))
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.digest.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The table file behind a write buffer, shared with the Parquet writer so that the buffer can
/// be flushed and the file synced after the writer has written the footer (the writer gives
/// neither back). Parquet's encoder writes page by page in small pieces: without a buffer, a
/// whole genome took about 240,000 system calls.
#[derive(Clone)]
struct SharedBuffer(Arc<Mutex<Hashing<BufWriter<File>>>>);

impl SharedBuffer {
    fn new(file: File) -> Self {
        Self(Arc::new(Mutex::new(Hashing::new(
            BufWriter::with_capacity(WRITE_BUFFER_BYTES, file),
        ))))
    }

    fn lock(&self) -> std::io::Result<std::sync::MutexGuard<'_, Hashing<BufWriter<File>>>> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("the table file's writer failed"))
    }

    /// Flushes the buffer and gives the file back with the SHA-256 (hex) of its bytes, once
    /// the writer holding the other copy is gone.
    fn into_file(self) -> std::io::Result<(File, String)> {
        let only = Arc::try_unwrap(self.0)
            .map_err(|_| std::io::Error::other("the table file is still being written"))?;
        let hashing = only
            .into_inner()
            .map_err(|_| std::io::Error::other("the table file's writer failed"))?;
        let (buffered, sha256) = hashing.finish();
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        Ok((file, sha256))
    }
}

impl Write for SharedBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.lock()?.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.lock()?.flush()
    }
}

impl Drop for StreamingParquet {
    fn drop(&mut self) {
        self.sender = None;
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
        // Also after a failed write or commit, which took the writer to report its error.
        if !self.committed {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

/// Writes `frame` to `path` through a temporary file in the same folder that is synced and then
/// renamed over the old table, so a crash leaves either the old table or the new one, whole;
/// returns the file's SHA-256 (hex).
pub fn write_parquet_atomically(path: &Path, frame: &mut DataFrame) -> Result<String, TableError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let temporary = temporary_path(path);
    let result = (|| {
        let file = File::create(&temporary).map_err(io_error(&temporary))?;
        let mut hashing = Hashing::new(BufWriter::with_capacity(WRITE_BUFFER_BYTES, file));
        ParquetWriter::new(&mut hashing)
            .with_compression(ParquetCompression::Lz4Raw)
            .with_statistics(StatisticsOptions::default())
            .finish(frame)?;
        let (buffered, sha256) = hashing.finish();
        let file = buffered
            .into_inner()
            .map_err(|e| io_error(&temporary)(e.into_error()))?;
        file.sync_all().map_err(io_error(&temporary))?;
        std::fs::rename(&temporary, path).map_err(io_error(path))?;
        if let Ok(folder) = File::open(dir) {
            folder.sync_all().map_err(io_error(dir))?;
        }
        Ok(sha256)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// `variants.parquet` → `.variants.parquet.<pid>.tmp` beside it.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Reads a table written by [`write_parquet_atomically`].
pub fn read_parquet(path: &Path) -> Result<DataFrame, TableError> {
    let file = File::open(path).map_err(io_error(path))?;
    Ok(ParquetReader::new(file).finish()?)
}

/// Which of `wanted` (allele keys `chrom-pos-ref-alt`) a variant table file holds, reading only
/// its key column.
pub fn keys_present(
    path: &Path,
    wanted: &std::collections::HashSet<String>,
) -> Result<std::collections::BTreeSet<String>, TableError> {
    let file = File::open(path).map_err(io_error(path))?;
    let frame = ParquetReader::new(file)
        .with_columns(Some(vec![super::columns::KEY.to_string()]))
        .finish()?;
    let keys = frame.column(super::columns::KEY)?.str()?;
    Ok(keys
        .iter()
        .flatten()
        .filter(|k| wanted.contains(*k))
        .map(str::to_string)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha256_of(path: &Path) -> String {
        format!("{:x}", Sha256::digest(std::fs::read(path).expect("reads")))
    }

    #[test]
    fn a_streamed_table_reads_back_as_its_slices_and_reports_the_hash_of_its_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(VARIANT_TABLE_FILE);
        // Positions are all distinct (written as differences: ascending, or jumping both
        // ways as they do where one contig ends and the next starts), the class and VAF repeat
        // (a dictionary each, across the slices of a row group), with missing values among them.
        let piece = |from: u64| {
            let rows = from..from + 1000;
            DataFrame::new_infer_height(vec![
                Column::new("pos".into(), rows.clone().collect::<Vec<u64>>()),
                Column::new(
                    "end".into(),
                    rows.clone()
                        .map(|i| if i % 3 == 0 { i * 1_000_000 } else { 3000 - i })
                        .collect::<Vec<u64>>(),
                ),
                Column::new(
                    "class".into(),
                    rows.clone()
                        .map(|i| {
                            ["snv", "deletion", "insertion"]
                                .get((i % 4) as usize)
                                .copied()
                        })
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "vaf".into(),
                    rows.map(|i| (i % 7 != 0).then_some((i % 5) as f32 / 4.0))
                        .collect::<Vec<_>>(),
                ),
            ])
            .expect("frame")
        };
        let mut table = StreamingParquet::create(&path, piece(0).schema()).expect("starts");
        table
            .write(vec![piece(0), piece(1000)])
            .expect("first group");
        table.write(vec![piece(2000)]).expect("second group");
        let sha256 = table.commit().expect("commits");
        assert_eq!(sha256, sha256_of(&path));
        let mut expected = piece(0);
        for from in [1000, 2000] {
            expected.vstack_mut_owned(piece(from)).expect("stacks");
        }
        let read = read_parquet(&path).expect("reads");
        assert!(read.equals_missing(&expected), "{read} != {expected}");
        let mut file = File::open(&path).expect("opens");
        let metadata = polars_parquet::read::read_metadata(&mut file).expect("metadata");
        let first_group = &metadata.row_groups[0];
        assert_eq!(first_group.num_rows(), 2000);
        // Plain, its 2,000 positions would take 16,000 bytes.
        let position_bytes = first_group.parquet_columns()[0].uncompressed_size();
        assert!(position_bytes < 2000, "{position_bytes} bytes");
    }

    #[test]
    fn a_slice_of_other_columns_fails_the_table_and_leaves_no_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(VARIANT_TABLE_FILE);
        let frame = |name: &str| {
            DataFrame::new_infer_height(vec![Column::new(name.into(), [1u64, 2])]).expect("frame")
        };
        let mut table = StreamingParquet::create(&path, frame("pos").schema()).expect("starts");
        let written = table.write(vec![frame("pos"), frame("end")]);
        let committed = written.and_then(|()| table.commit());
        let error = committed.expect_err("refused").to_string();
        assert!(
            error.contains("does not have the table's 1 columns"),
            "{error}"
        );
        assert_eq!(std::fs::read_dir(dir.path()).expect("lists").count(), 0);
    }

    #[test]
    fn a_written_table_reads_back_equal_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("case").join(VARIANT_TABLE_FILE);
        let mut frame = DataFrame::new_infer_height(vec![
            Column::new("pos".into(), [1u64, 2, 3]),
            Column::new("ref".into(), ["A", "C", "G"]),
        ])
        .expect("frame");
        let sha256 = write_parquet_atomically(&path, &mut frame).expect("writes");
        assert_eq!(sha256, sha256_of(&path));
        assert_eq!(read_parquet(&path).expect("reads"), frame);
        let mut second = frame.head(Some(1));
        write_parquet_atomically(&path, &mut second).expect("replaces");
        assert_eq!(read_parquet(&path).expect("reads").height(), 1);
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("folder"))
            .expect("lists")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(VARIANT_TABLE_FILE)]);
    }

    #[test]
    fn only_the_wanted_keys_a_table_holds_are_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(VARIANT_TABLE_FILE);
        let mut frame = DataFrame::new_infer_height(vec![
            Column::new("key".into(), ["chr1-10-A-G", "chr1-12-C-T"]),
            Column::new("pos".into(), [10u64, 12]),
        ])
        .expect("frame");
        write_parquet_atomically(&path, &mut frame).expect("writes");
        let wanted = ["chr1-12-C-T", "chr2-5-G-A"].map(String::from).into();
        let found = keys_present(&path, &wanted).expect("reads");
        assert_eq!(found.into_iter().collect::<Vec<_>>(), ["chr1-12-C-T"]);
    }
}
