//! Signing caches and trusting signers: `kasane cache keygen | sign | trust | keys`, and the
//! signature part of `cache verify` and `cache use`.
//!
//! A core hospital makes one key pair, signs every cache it builds and gives its public key to
//! the sites it serves; a site trusts that key once, and from then on its workspace takes only
//! caches signed by a trusted key.

use std::path::{Path, PathBuf};

use kasane_store::cache::signature::{
    self, SignatureCheck, check_signature, fingerprint, generate_key_pair, public_key_from_text,
    public_key_hex, read_public_key, signature_path,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cache::{CacheVerifyDto, verify_cache};
use crate::error::{AppError, ErrorKind};
use crate::use_cases::Kasane;

/// The workspace setting listing the public keys whose cache signatures it trusts.
pub const TRUSTED_KEYS_SETTING: &str = "trusted_cache_keys";

/// A key pair made by `cache keygen`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyPairDto {
    /// The secret key file (keep it at the signing site only).
    pub secret_key: String,
    /// The public key file (give it to the sites that check signatures).
    pub public_key: String,
    /// The key's fingerprint.
    pub fingerprint: String,
}

/// A signature written by `cache sign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CacheSignedDto {
    /// The cache file.
    pub path: String,
    /// The signature file written beside it.
    pub signature_file: String,
    /// SHA-256 of the whole cache file, as signed.
    pub file_sha256: String,
    /// The signer's key fingerprint.
    pub fingerprint: String,
    /// When.
    pub signed_at: String,
}

/// What the signature of a cache says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureState {
    /// No signature file beside the cache.
    Unsigned,
    /// Signed by a trusted key, and the file is as signed.
    Trusted,
    /// Signed and intact, but by a key not trusted here.
    Untrusted,
    /// The signature does not hold (the file changed, or the signature is damaged or forged).
    Invalid,
}

/// The signature part of a cache check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureDto {
    /// The verdict.
    pub state: SignatureState,
    /// The signer's key fingerprint, when signed.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// When it was signed.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<String>,
    /// What is wrong, for an invalid signature.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

impl SignatureState {
    /// The state's name as the CLI prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unsigned => "unsigned",
            Self::Trusted => "trusted",
            Self::Untrusted => "untrusted",
            Self::Invalid => "invalid",
        }
    }
}

impl SignatureDto {
    /// Whether the signature lets the cache be used: trusted, or absent where none is required.
    pub fn acceptable(&self, required: bool) -> bool {
        match self.state {
            SignatureState::Trusted => true,
            SignatureState::Unsigned => !required,
            SignatureState::Untrusted | SignatureState::Invalid => false,
        }
    }

    /// Why the signature does not let the cache be used, in one line.
    pub fn refusal(&self) -> String {
        match self.state {
            SignatureState::Unsigned => {
                "it is not signed, and a signature by a trusted key is required; ask its builder for FILE.kcache.sig".into()
            }
            SignatureState::Untrusted => format!(
                "it is signed by key {}, which is not trusted here; if that is its builder's key, name their public key with --trusted-key KEY.pub or trust it in the workspace with `kasane cache trust KEY.pub`",
                self.fingerprint.as_deref().unwrap_or("?")
            ),
            SignatureState::Invalid => format!(
                "its signature does not hold: {}",
                self.problem.as_deref().unwrap_or("unknown problem")
            ),
            SignatureState::Trusted => "its signature is trusted".into(),
        }
    }
}

/// A public key a workspace trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrustedKeyDto {
    /// A name for people (the signing hospital).
    pub name: String,
    /// The key's fingerprint.
    pub fingerprint: String,
    /// The public key, hex.
    pub public_key: String,
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::new(ErrorKind::InvalidInput, message)
}

/// Writes a new key pair `PREFIX.key` and `PREFIX.pub`.
pub fn generate_cache_key(prefix: &Path) -> Result<KeyPairDto, AppError> {
    let with = |extension: &str| {
        let mut name = prefix.as_os_str().to_owned();
        name.push(extension);
        PathBuf::from(name)
    };
    let (secret, public) = (with(".key"), with(".pub"));
    let fingerprint = generate_key_pair(&secret, &public)?;
    Ok(KeyPairDto {
        secret_key: secret.display().to_string(),
        public_key: public.display().to_string(),
        fingerprint,
    })
}

/// Signs a cache with a secret key, writing `FILE.kcache.sig` beside it.
pub fn sign_cache(cache: &Path, secret_key: &Path) -> Result<CacheSignedDto, AppError> {
    let signed = signature::sign_cache(cache, secret_key)?;
    let key = public_key_from_text(&signed.public_key)
        .map_err(|e| AppError::new(ErrorKind::Internal, e))?;
    Ok(CacheSignedDto {
        path: cache.display().to_string(),
        signature_file: signature_path(cache).display().to_string(),
        file_sha256: signed.file_sha256,
        fingerprint: fingerprint(&key),
        signed_at: signed.signed_at,
    })
}

/// Checks the signature beside a cache against the given trusted public keys.
pub fn check_cache_signature(
    cache: &Path,
    trusted: &[TrustedKeyDto],
) -> Result<SignatureDto, AppError> {
    let keys = trusted
        .iter()
        .map(|k| public_key_from_text(&k.public_key).map_err(invalid))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(match check_signature(cache, &keys)? {
        SignatureCheck::Unsigned => SignatureDto {
            state: SignatureState::Unsigned,
            fingerprint: None,
            signed_at: None,
            problem: None,
        },
        SignatureCheck::Trusted {
            fingerprint,
            signed_at,
        } => SignatureDto {
            state: SignatureState::Trusted,
            fingerprint: Some(fingerprint),
            signed_at: Some(signed_at),
            problem: None,
        },
        SignatureCheck::Untrusted {
            fingerprint,
            signed_at,
        } => SignatureDto {
            state: SignatureState::Untrusted,
            fingerprint: Some(fingerprint),
            signed_at: Some(signed_at),
            problem: None,
        },
        SignatureCheck::Invalid { problem } => SignatureDto {
            state: SignatureState::Invalid,
            fingerprint: None,
            signed_at: None,
            problem: Some(problem),
        },
    })
}

/// Reads public key files given on the command line as trusted keys (named by their files).
pub fn trusted_key_files(paths: &[PathBuf]) -> Result<Vec<TrustedKeyDto>, AppError> {
    paths
        .iter()
        .map(|path| {
            let key = read_public_key(path)?;
            Ok(TrustedKeyDto {
                name: path.display().to_string(),
                fingerprint: fingerprint(&key),
                public_key: public_key_hex(&key),
            })
        })
        .collect()
}

/// How a workspace checks a cache: against the keys it trusts, and — once it trusts any — only
/// a cache signed by one of them passes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceTrust {
    keys: Vec<TrustedKeyDto>,
}

impl WorkspaceTrust {
    /// Checks a cache's integrity, content and signature under this workspace's rule.
    pub fn verify(&self, cache: &Path) -> Result<CacheVerifyDto, AppError> {
        verify_cache(cache, &self.keys, !self.keys.is_empty())
    }
}

impl Kasane {
    /// The rule this workspace checks caches by.
    pub fn workspace_trust(&self) -> Result<WorkspaceTrust, AppError> {
        Ok(WorkspaceTrust {
            keys: self.trusted_cache_keys()?,
        })
    }

    /// The public keys whose cache signatures this workspace trusts.
    pub fn trusted_cache_keys(&self) -> Result<Vec<TrustedKeyDto>, AppError> {
        match self.workspace.setting(TRUSTED_KEYS_SETTING)? {
            None => Ok(Vec::new()),
            Some(text) => serde_json::from_str(&text).map_err(|e| {
                AppError::new(
                    ErrorKind::IncompatibleWorkspace,
                    format!("the workspace's trusted cache keys cannot be read: {e}"),
                )
            }),
        }
    }

    /// Trusts a signer's public key; from then on `cache use` takes only caches signed by a
    /// trusted key. Trusting a key twice changes nothing.
    pub fn trust_cache_key(
        &mut self,
        public_key: &Path,
        name: Option<&str>,
    ) -> Result<TrustedKeyDto, AppError> {
        let mut added = trusted_key_files(&[public_key.to_path_buf()])?
            .pop()
            .ok_or_else(|| invalid("no key read"))?;
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
            added.name = name.to_string();
        }
        let mut keys = self.trusted_cache_keys()?;
        if let Some(known) = keys.iter().find(|k| k.public_key == added.public_key) {
            return Ok(known.clone());
        }
        keys.push(added.clone());
        let text = serde_json::to_string(&keys)
            .map_err(|e| AppError::new(ErrorKind::Internal, e.to_string()))?;
        let actor = self.actor.clone();
        self.workspace
            .set_setting(TRUSTED_KEYS_SETTING, &text, &actor)?;
        Ok(added)
    }
}
