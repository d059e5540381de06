//! SHA-256 of a whole file, with progress and cancellation, so a layer file's identity can be
//! recorded and re-checked before every import.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use kasane_core::{CancelToken, Cancelled, Progress};
use sha2::{Digest, Sha256};

/// Size and content hash of a file as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    /// Bytes read.
    pub size: u64,
    /// Lower-case hexadecimal SHA-256 of those bytes.
    pub sha256: String,
}

/// Why a checksum could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum ChecksumError {
    /// Reading failed part-way.
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    /// The user cancelled the job.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Name of the hashing phase in progress reports.
pub const HASHING_PHASE: &str = "checksum";

/// Reads the whole file once and returns its size and SHA-256, reporting bytes hashed.
pub fn sha256_file(
    path: &Path,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<FileDigest, ChecksumError> {
    let mut file = File::open(path)?;
    let total = file.metadata()?.len();
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut done = 0u64;
    progress.update(HASHING_PHASE, 0, Some(total));
    loop {
        cancel.check()?;
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        hasher.update(&buffer[..n]);
        done += n as u64;
        progress.update(HASHING_PHASE, done, Some(total));
    }
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(FileDigest { size: done, sha256 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use kasane_core::progress::NoProgress;
    use std::io::Write;

    #[test]
    fn known_digest_of_abc() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(b"abc").unwrap();
        let digest = sha256_file(file.path(), &NoProgress, &CancelToken::new()).unwrap();
        assert_eq!(digest.size, 3);
        assert_eq!(
            digest.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn cancelled_before_start_reads_nothing() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let token = CancelToken::new();
        token.cancel();
        let err = sha256_file(file.path(), &NoProgress, &token).unwrap_err();
        assert!(matches!(err, ChecksumError::Cancelled(_)));
    }
}
