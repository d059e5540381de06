//! Detached ed25519 signatures of cache files, so a rural site can tell that the cache on a USB
//! stick is the one its core hospital built and signed.
//!
//! `FILE.kcache.sig` beside the cache is a small JSON document: the SHA-256 of the whole cache
//! file, the signer's public key, when it was signed, and the signature over a fixed domain tag
//! followed by that digest. Keys are PEM files (PKCS#8 secret, SPKI public), so openssl can read
//! them. Signature checking is separate from the content check: a cache can be intact and
//! unsigned, or signed by a key this site does not trust, and the caller decides what it needs.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{CacheError, hex};

/// What every signature signs before the file digest, so a Kasane cache signature cannot be
/// replayed as a signature of anything else.
const DOMAIN_TAG: &[u8] = b"kasane cache signature v1\0";

/// The `format` of signature files this build writes and reads.
pub const SIGNATURE_FORMAT: &str = "kasane-cache-signature/1";

/// A detached signature of one cache file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CacheSignature {
    /// [`SIGNATURE_FORMAT`].
    pub format: String,
    /// The cache file's name when it was signed.
    pub file_name: String,
    /// SHA-256 of the whole cache file, hex.
    pub file_sha256: String,
    /// The signer's ed25519 public key, hex.
    pub public_key: String,
    /// When it was signed (RFC 3339, UTC).
    pub signed_at: String,
    /// The ed25519 signature, hex.
    pub signature: String,
}

/// What the signature beside a cache says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// No signature file beside the cache.
    Unsigned,
    /// Signed, intact, by a trusted key (its fingerprint).
    Trusted {
        /// The signer's key fingerprint.
        fingerprint: String,
        /// When it was signed.
        signed_at: String,
    },
    /// Signed and intact, but by a key not among the trusted ones.
    Untrusted {
        /// The signer's key fingerprint.
        fingerprint: String,
        /// When it was signed.
        signed_at: String,
    },
    /// The signature does not hold: the file changed after signing, or the signature file is
    /// damaged or forged.
    Invalid {
        /// What is wrong.
        problem: String,
    },
}

/// The signature file of a cache: `FILE.kcache.sig`.
pub fn signature_path(cache: &Path) -> PathBuf {
    let mut name = cache.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

/// A public key as the 64 hex digits signature files and trust lists write.
pub fn public_key_hex(key: &VerifyingKey) -> String {
    hex(key.as_bytes())
}

/// A key's short name: `ed25519:` and the first 16 hex digits of the SHA-256 of its bytes.
pub fn fingerprint(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    format!("ed25519:{}", &hex(&digest)[..16])
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> CacheError + '_ {
    move |source| CacheError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn signature_error(path: &Path, problem: impl Into<String>) -> CacheError {
    CacheError::Signature {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}

/// Writes a new key pair: `NAME.key` (secret, readable by its owner only) and `NAME.pub`;
/// refuses to overwrite either. Returns the public key's fingerprint.
pub fn generate_key_pair(secret: &Path, public: &Path) -> Result<String, CacheError> {
    for path in [secret, public] {
        if path.exists() {
            return Err(signature_error(
                path,
                "already exists; a key is never overwritten — choose another name",
            ));
        }
    }
    let key = SigningKey::generate(&mut rand_core::OsRng);
    let secret_pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| signature_error(secret, e.to_string()))?;
    let public_pem = key
        .verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| signature_error(public, e.to_string()))?;
    write_new(secret, secret_pem.as_bytes(), true)?;
    write_new(public, public_pem.as_bytes(), false)?;
    Ok(fingerprint(&key.verifying_key()))
}

/// Creates a file that must not exist yet; a secret one gets owner-only permissions.
fn write_new(path: &Path, bytes: &[u8], secret: bool) -> Result<(), CacheError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(io(path))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io(path))
}

/// Reads a public key from an SPKI PEM file (as `generate_key_pair` writes) or a file holding
/// its 64 hex digits.
pub fn read_public_key(path: &Path) -> Result<VerifyingKey, CacheError> {
    let text = fs::read_to_string(path).map_err(io(path))?;
    public_key_from_text(text.trim())
        .map_err(|problem| signature_error(path, format!("not an ed25519 public key: {problem}")))
}

/// A public key from PEM text or 64 hex digits.
pub fn public_key_from_text(text: &str) -> Result<VerifyingKey, String> {
    if text.starts_with("-----BEGIN") {
        return VerifyingKey::from_public_key_pem(text).map_err(|e| e.to_string());
    }
    let bytes: [u8; 32] = unhex(text)
        .and_then(|b| b.try_into().ok())
        .ok_or("expected a PEM public key or 64 hex digits")?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| e.to_string())
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    ::hex::decode(text).ok()
}

/// SHA-256 of a whole file, hex.
fn file_sha256(path: &Path) -> Result<String, CacheError> {
    let mut file = fs::File::open(path).map_err(io(path))?;
    let mut digest = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer).map_err(io(path))?;
        if read == 0 {
            break;
        }
        digest.update(&buffer[..read]);
    }
    Ok(hex(&digest.finalize()))
}

fn message(file_sha256: &str) -> Vec<u8> {
    [DOMAIN_TAG, file_sha256.as_bytes()].concat()
}

/// Signs a cache file with a PKCS#8 PEM secret key, writing `FILE.kcache.sig` (replacing an
/// older signature only once the new one is complete).
pub fn sign_cache(cache: &Path, secret_key: &Path) -> Result<CacheSignature, CacheError> {
    let pem = fs::read_to_string(secret_key).map_err(io(secret_key))?;
    let key = SigningKey::from_pkcs8_pem(pem.trim()).map_err(|e| {
        signature_error(
            secret_key,
            format!(
                "not an ed25519 secret key in PKCS#8 PEM ({e}); make one with `kasane cache keygen`"
            ),
        )
    })?;
    super::AnnotationCache::open(cache)?;
    let file_sha256 = file_sha256(cache)?;
    let signature = CacheSignature {
        format: SIGNATURE_FORMAT.into(),
        file_name: cache
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        public_key: hex(key.verifying_key().as_bytes()),
        signed_at: crate::now(),
        signature: hex(&key.sign(&message(&file_sha256)).to_bytes()),
        file_sha256,
    };
    let path = signature_path(cache);
    let temp = path.with_extension("sig.partial");
    let text = serde_json::to_string_pretty(&signature)
        .map_err(|e| signature_error(&path, e.to_string()))?;
    let written = fs::write(&temp, format!("{text}\n"))
        .and_then(|()| fs::File::open(&temp).and_then(|f| f.sync_all()))
        .and_then(|()| fs::rename(&temp, &path));
    if let Err(source) = written {
        let _ = fs::remove_file(&temp);
        return Err(CacheError::Io { path, source });
    }
    Ok(signature)
}

/// Checks the signature beside a cache against the whole file and the trusted keys.
pub fn check_signature(
    cache: &Path,
    trusted: &[VerifyingKey],
) -> Result<SignatureCheck, CacheError> {
    let path = signature_path(cache);
    if !path.exists() {
        return Ok(SignatureCheck::Unsigned);
    }
    let invalid = |problem: &str| {
        Ok(SignatureCheck::Invalid {
            problem: problem.to_string(),
        })
    };
    let text = fs::read_to_string(&path).map_err(io(&path))?;
    let Ok(signature) = serde_json::from_str::<CacheSignature>(&text) else {
        return invalid("the signature file is not a Kasane cache signature; copy it again");
    };
    if signature.format != SIGNATURE_FORMAT {
        return invalid(&format!(
            "the signature is of format {:?}; this Kasane reads {SIGNATURE_FORMAT}",
            signature.format
        ));
    }
    let Ok(key) = public_key_from_text(&signature.public_key) else {
        return invalid("the signature names no valid public key");
    };
    let Some(bytes) = unhex(&signature.signature).and_then(|b| <[u8; 64]>::try_from(b).ok()) else {
        return invalid("the signature is not 64 bytes of hex");
    };
    let actual = file_sha256(cache)?;
    if actual != signature.file_sha256 {
        return invalid(&format!(
            "the cache changed after it was signed (SHA-256 now {actual}, signed {})",
            signature.file_sha256
        ));
    }
    if key
        .verify(&message(&actual), &Signature::from_bytes(&bytes))
        .is_err()
    {
        return invalid("the signature does not match the cache; it is damaged or forged");
    }
    let fingerprint = fingerprint(&key);
    Ok(if trusted.contains(&key) {
        SignatureCheck::Trusted {
            fingerprint,
            signed_at: signature.signed_at,
        }
    } else {
        SignatureCheck::Untrusted {
            fingerprint,
            signed_at: signature.signed_at,
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::cache::CacheWriter;
    use kasane_core::GenomeBuild;

    fn cache(dir: &Path) -> PathBuf {
        let path = dir.join("site.kcache");
        CacheWriter::create(&path)
            .unwrap()
            .finish(GenomeBuild::Grch38, "test", None)
            .unwrap();
        path
    }

    #[test]
    fn a_signed_cache_checks_against_trusted_keys_and_any_change_breaks_it() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        assert_eq!(
            check_signature(&cache, &[]).unwrap(),
            SignatureCheck::Unsigned
        );
        let (secret, public) = (dir.path().join("core.key"), dir.path().join("core.pub"));
        let printed = generate_key_pair(&secret, &public).unwrap();
        assert!(generate_key_pair(&secret, &dir.path().join("other.pub")).is_err());
        let key = read_public_key(&public).unwrap();
        assert_eq!(fingerprint(&key), printed);
        let signed = sign_cache(&cache, &secret).unwrap();
        assert_eq!(signed.public_key, hex(key.as_bytes()));
        assert!(matches!(
            check_signature(&cache, &[key]).unwrap(),
            SignatureCheck::Trusted { ref fingerprint, .. } if *fingerprint == printed
        ));
        assert!(matches!(
            check_signature(&cache, &[]).unwrap(),
            SignatureCheck::Untrusted { .. }
        ));
        // The public key also reads as 64 hex digits.
        let hex_file = dir.path().join("core.hex");
        fs::write(&hex_file, &signed.public_key).unwrap();
        assert_eq!(read_public_key(&hex_file).unwrap(), key);

        let mut bytes = fs::read(&cache).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&cache, &bytes).unwrap();
        assert!(matches!(
            check_signature(&cache, &[key]).unwrap(),
            SignatureCheck::Invalid { ref problem } if problem.contains("changed after it was signed")
        ));
        bytes[last] ^= 1;
        fs::write(&cache, &bytes).unwrap();
        let mut forged = signed.clone();
        forged.file_sha256 = file_sha256(&cache).unwrap();
        let flipped = if forged.signature.starts_with('0') {
            "1"
        } else {
            "0"
        };
        forged.signature.replace_range(0..1, flipped);
        fs::write(
            signature_path(&cache),
            serde_json::to_string(&forged).unwrap(),
        )
        .unwrap();
        assert!(matches!(
            check_signature(&cache, &[key]).unwrap(),
            SignatureCheck::Invalid { ref problem } if problem.contains("damaged or forged")
        ));
        fs::write(signature_path(&cache), "not json").unwrap();
        assert!(matches!(
            check_signature(&cache, &[key]).unwrap(),
            SignatureCheck::Invalid { .. }
        ));
    }
}
