//! How a file is compressed, and whether the compressed stream is complete.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::num::NonZero;
use std::path::Path;

use flate2::read::MultiGzDecoder;
use noodles_bgzf as bgzf;

/// The container around a file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Uncompressed.
    Plain,
    /// Ordinary gzip (one or more members), as written by `gzip`.
    Gzip,
    /// Blocked gzip (BGZF), as written by `bgzip`, samtools and bcftools; indexable.
    Bgzf,
}

impl Compression {
    /// Words for messages and the recorded format, e.g. `bgzip`.
    pub fn describe(self) -> &'static str {
        match self {
            Compression::Plain => "plain text",
            Compression::Gzip => "gzip",
            Compression::Bgzf => "bgzip",
        }
    }
}

/// The empty block that ends every complete BGZF file (SAM/BAM specification §4.1.2).
const BGZF_EOF: [u8; 28] = [
    0x1f, 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x06, 0x00, 0x42, 0x43, 0x02, 0x00,
    0x1b, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

/// Tells plain, gzip and BGZF apart from a file's first bytes.
pub fn detect(head: &[u8]) -> Compression {
    match head {
        [
            0x1f,
            0x8b,
            0x08,
            flags,
            _,
            _,
            _,
            _,
            _,
            _,
            _,
            _,
            b'B',
            b'C',
            ..,
        ] if flags & 0x04 != 0 => Compression::Bgzf,
        [0x1f, 0x8b, ..] => Compression::Gzip,
        _ => Compression::Plain,
    }
}

/// Whether a BGZF file ends with the end-of-file block; a file without it was cut short.
pub fn bgzf_is_complete(path: &Path) -> io::Result<bool> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    if len < BGZF_EOF.len() as u64 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-(BGZF_EOF.len() as i64)))?;
    let mut tail = [0u8; 28];
    file.read_exact(&mut tail)?;
    Ok(tail == BGZF_EOF)
}

/// Decompresses a whole gzip file and discards the output; an error means it is truncated or
/// corrupt (bad CRC, cut member). Plain gzip has no end marker, so this is the only sure check.
pub fn verify_gzip_stream(path: &Path) -> io::Result<()> {
    let mut decoder = MultiGzDecoder::new(BufReader::new(File::open(path)?));
    io::copy(&mut decoder, &mut io::sink()).map(|_| ())
}

/// Opens a file for reading its decompressed content; BGZF blocks are inflated by two
/// worker threads, so a whole-genome file is not bound by one core's inflation.
pub fn open_decompressed(
    path: &Path,
    compression: Compression,
) -> io::Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)?;
    Ok(match compression {
        Compression::Plain => Box::new(BufReader::new(file)),
        Compression::Gzip => Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(file)))),
        Compression::Bgzf => Box::new(bgzf::io::MultithreadedReader::with_worker_count(
            NonZero::<usize>::MIN.saturating_add(1),
            file,
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    #[test]
    fn detects_containers_from_magic_bytes() {
        assert_eq!(detect(b"##fileformat=VCFv4.2"), Compression::Plain);
        assert_eq!(
            detect(&[0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]),
            Compression::Gzip
        );
        assert_eq!(detect(&BGZF_EOF), Compression::Bgzf);
        assert_eq!(detect(&[]), Compression::Plain);
    }

    #[test]
    fn truncated_gzip_fails_verification() {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(&b"chr1\t1\t2\n".repeat(1000)).unwrap();
        let whole = encoder.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.gz");
        let cut = dir.path().join("cut.gz");
        std::fs::write(&good, &whole).unwrap();
        std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
        assert!(verify_gzip_stream(&good).is_ok());
        assert!(verify_gzip_stream(&cut).is_err());
    }
}
