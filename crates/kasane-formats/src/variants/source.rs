//! Opening a variant file: the container (plain, gzip, BGZF with two decompression workers),
//! the header read and validated line by line, and BCF turned into VCF text by noodles on a
//! second thread so that one record reader serves both formats. Records are then taken in
//! batches of whole lines, for the parsing workers.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::num::NonZero;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use flate2::bufread::MultiGzDecoder;
use noodles::bcf;
use noodles::vcf;
use noodles_bgzf as bgzf;
use sha2::{Digest, Sha256};

use super::VariantReadError;
use super::header::HeaderPlan;
use crate::compression::{self, Compression};
use crate::sniff::check_vcf_header_text;

/// Largest header accepted; real headers (gnomAD, ClinVar, DRAGEN) stay far below this.
const MAX_HEADER_BYTES: usize = 64 << 20;

/// Counts and hashes the bytes taken from the file: progress, and proof that the file read is
/// the file registered (its SHA-256), without reading it twice.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
    digest: Arc<Mutex<Sha256>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        if let Ok(mut digest) = self.digest.lock() {
            digest.update(&buf[..n]);
        }
        Ok(n)
    }
}

/// An open variant file positioned at its first record.
pub(super) struct VcfSource {
    text: Box<dyn BufRead + Send>,
    /// A read error met while filling the last batch, returned by the next call.
    pending_error: Option<io::Error>,
    plan: HeaderPlan,
    read: Arc<AtomicU64>,
    digest: Arc<Mutex<Sha256>>,
    total: Option<u64>,
    bcf_error: Option<DecodeError>,
}

/// The message a BCF decoding thread left, if any.
fn decode_error(slot: &Option<DecodeError>) -> Option<String> {
    slot.as_ref()?.lock().ok()?.clone()
}

fn file_error(path: &Path, problem: impl Into<String>) -> VariantReadError {
    VariantReadError::File {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}

impl VcfSource {
    /// Opens `path`, detects its container and reads and checks its header.
    pub(super) fn open(path: &Path) -> Result<Self, VariantReadError> {
        let cannot_open = |e: io::Error| file_error(path, format!("cannot open the file ({e})"));
        let mut head = [0u8; 18];
        let head_len = {
            let mut file = File::open(path).map_err(cannot_open)?;
            read_up_to(&mut file, &mut head).map_err(cannot_open)?
        };
        let container = compression::detect(&head[..head_len]);
        if container == Compression::Bgzf
            && !compression::bgzf_is_complete(path).map_err(cannot_open)?
        {
            return Err(file_error(
                path,
                "the BGZF file has no end-of-file marker: it was cut short while being copied or written; copy it again",
            ));
        }
        let total = std::fs::metadata(path).ok().map(|m| m.len());
        let read = Arc::new(AtomicU64::new(0));
        let digest = Arc::new(Mutex::new(Sha256::new()));
        let counting = Counting {
            inner: File::open(path).map_err(cannot_open)?,
            read: Arc::clone(&read),
            digest: Arc::clone(&digest),
        };
        let decompressed: Box<dyn BufRead + Send> = match container {
            Compression::Plain => Box::new(BufReader::with_capacity(1 << 16, counting)),
            Compression::Gzip => Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(
                counting,
            )))),
            // noodles takes each block in two reads (its header, then the rest): a buffer in
            // front turns 36,000 system calls for a whole genome into a few hundred, and the
            // hash then takes whole megabytes.
            Compression::Bgzf => Box::new(bgzf::io::MultithreadedReader::with_worker_count(
                NonZero::<usize>::MIN.saturating_add(1),
                BufReader::with_capacity(1 << 20, counting),
            )),
        };
        let mut text: Box<dyn BufRead + Send> = decompressed;
        let mut bcf_error = None;
        if is_bcf(&mut text).map_err(cannot_open)? {
            let (converted, slot) = bcf_as_vcf_text(text).map_err(cannot_open)?;
            text = converted;
            bcf_error = Some(slot);
        }
        let header =
            read_header_text(path, &mut text).map_err(|e| match decode_error(&bcf_error) {
                Some(problem) => file_error(path, format!("the BCF cannot be decoded ({problem})")),
                None => e,
            })?;
        check_vcf_header_text(&header).map_err(|(line, problem)| {
            file_error(path, format!("header line {line}: {problem}"))
        })?;
        Ok(Self {
            text,
            pending_error: None,
            plan: HeaderPlan::from_text(&header),
            read,
            digest,
            total,
            bcf_error,
        })
    }

    /// What the header says.
    pub(super) fn plan(&self) -> &HeaderPlan {
        &self.plan
    }

    /// The file's size in bytes, when known.
    pub(super) fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    /// A live count of the bytes of the file consumed so far.
    pub(super) fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// The SHA-256 (hex) of every byte read from the file; call after the last record, when the
    /// decompressor has consumed the whole file.
    pub(super) fn finish(self) -> String {
        drop(self.text);
        match self.digest.lock() {
            Ok(mut digest) => std::mem::take(&mut *digest)
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
            Err(_) => String::new(),
        }
    }

    /// Fills `batch` with whole record lines, about `target` bytes of them; `Ok(false)` at the
    /// end of the records. A read error comes after the whole lines read before it, so the
    /// records ahead of a damaged block are still checked first.
    pub(super) fn read_lines(&mut self, batch: &mut Vec<u8>, target: usize) -> io::Result<bool> {
        batch.clear();
        if let Some(error) = self.pending_error.take() {
            return Err(error);
        }
        let filled = self.fill(batch, target);
        // A BCF decoding thread that failed ends its text early, maybe mid-line: its error is
        // the one to report, after the whole lines before it.
        let failed = match (filled, decode_error(&self.bcf_error)) {
            (_, Some(problem)) => Some(io::Error::other(format!(
                "the BCF cannot be decoded ({problem})"
            ))),
            (Err(error), None) => Some(error),
            (Ok(()), None) => None,
        };
        if let Some(error) = failed {
            let whole = batch.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            batch.truncate(whole);
            if batch.is_empty() {
                return Err(error);
            }
            self.pending_error = Some(error);
        }
        Ok(!batch.is_empty())
    }

    fn fill(&mut self, batch: &mut Vec<u8>, target: usize) -> io::Result<()> {
        while batch.len() < target {
            let available = self.text.fill_buf()?;
            if available.is_empty() {
                return Ok(());
            }
            let take = available.len().min(target - batch.len());
            batch.extend_from_slice(&available[..take]);
            self.text.consume(take);
        }
        if batch.last() != Some(&b'\n') {
            self.text.read_until(b'\n', batch)?;
        }
        Ok(())
    }
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Whether the decompressed stream starts with BCF's magic `BCF\2`.
fn is_bcf(reader: &mut Box<dyn BufRead + Send>) -> io::Result<bool> {
    let head = reader.fill_buf()?;
    Ok(head.starts_with(b"BCF\x02"))
}

/// Reads header lines up to and including `#CHROM`.
fn read_header_text(
    path: &Path,
    reader: &mut Box<dyn BufRead + Send>,
) -> Result<String, VariantReadError> {
    let mut header = String::new();
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(|e| {
            file_error(
                path,
                format!(
                    "cannot read header line {} ({e}); the file is not VCF text or is corrupt",
                    number + 1
                ),
            )
        })?;
        if n == 0 {
            return Err(file_error(
                path,
                format!(
                    "the header ends at line {number} without a '#CHROM' line; the file is incomplete or not a VCF"
                ),
            ));
        }
        number += 1;
        if number == 1 && !line.starts_with("##fileformat=VCF") {
            return Err(file_error(
                path,
                "line 1 is not '##fileformat=VCFv4.x'; this is not a VCF file",
            ));
        }
        if !line.starts_with('#') {
            return Err(file_error(
                path,
                format!(
                    "line {number} is a record but no '#CHROM' header line came before it; add the header line"
                ),
            ));
        }
        header.push_str(&line);
        if line.starts_with("#CHROM") {
            return Ok(header);
        }
        if header.len() > MAX_HEADER_BYTES {
            return Err(file_error(
                path,
                "the header is larger than 64 MiB; this is not a VCF header",
            ));
        }
    }
}

/// The error of a BCF decoding thread, shared with the reader that consumes its text.
type DecodeError = Arc<Mutex<Option<String>>>;

/// Turns a BCF stream into VCF text: noodles decodes it on a thread writing into a pipe; a
/// decoding error is left in the returned slot for the reader to report.
fn bcf_as_vcf_text(
    reader: Box<dyn BufRead + Send>,
) -> io::Result<(Box<dyn BufRead + Send>, DecodeError)> {
    let (pipe_reader, pipe_writer) = io::pipe()?;
    let slot: DecodeError = Arc::default();
    let thread_slot = Arc::clone(&slot);
    std::thread::spawn(move || {
        let mut writer = vcf::io::Writer::new(io::BufWriter::new(pipe_writer));
        let result = (|| -> io::Result<()> {
            let mut bcf_reader = bcf::io::Reader::from(reader);
            let header = bcf_reader.read_header()?;
            writer.write_header(&header)?;
            let mut record = bcf::Record::default();
            while bcf_reader.read_record(&mut record)? != 0 {
                vcf::variant::io::Write::write_variant_record(&mut writer, &header, &record)?;
            }
            io::Write::flush(writer.get_mut())
        })();
        if let Err(e) = result
            && let Ok(mut slot) = thread_slot.lock()
        {
            *slot = Some(e.to_string());
        }
    });
    Ok((Box::new(BufReader::new(pipe_reader)), slot))
}
