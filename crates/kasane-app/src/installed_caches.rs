//! Caches installed in a workspace: a `.kcache` brought on a USB stick is copied into the
//! workspace's `caches/` folder (with its signature), checked there, and listed on the Caches
//! page, where one is chosen as the active cache.
//!
//! An installed file is never overwritten: annotations name the cache file they were read from,
//! so a second cache of the same name is installed beside the first under its content hash.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use kasane_core::annotation::CacheSummary;
use kasane_core::{CancelToken, Progress};
use kasane_store::cache::AnnotationCache;
use kasane_store::cache::signature::signature_path;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::annotate::ACTIVE_CACHE_SETTING;
use crate::cache_signing::{SignatureDto, WorkspaceTrust};
use crate::error::{AppError, ErrorKind};
use crate::use_cases::Kasane;

/// The workspace folder installed caches are copied into.
pub const CACHES_DIR: &str = "caches";

/// The workspace setting listing the installed caches.
const INSTALLED_SETTING: &str = "installed_caches";

/// The progress phase of copying a cache in (done and total are bytes).
pub const INSTALL_PHASE: &str = "cache-install";

/// How an installed cache came to the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstallRecordDto {
    /// The installed file, inside the workspace's caches folder.
    pub path: String,
    /// Where it was copied from.
    pub copied_from: String,
    /// Its content hash at install.
    pub content_sha256: String,
    /// The signature's verdict at install.
    pub signature: SignatureDto,
    /// When.
    pub installed_at: String,
    /// By whom.
    pub installed_by: String,
}

/// One installed cache as the Caches page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstalledCacheDto {
    /// How it was installed and checked.
    pub install: InstallRecordDto,
    /// What the cache says about itself now (`None` when the file is gone or unreadable).
    #[ts(optional)]
    pub summary: Option<CacheSummary>,
    /// Why it cannot be read, when it cannot.
    #[ts(optional)]
    pub problem: Option<String>,
    /// Whether it is the workspace's active cache.
    pub active: bool,
}

/// A cache checked and ready to copy in, without holding the workspace.
#[derive(Debug)]
pub struct PreparedInstall {
    source: PathBuf,
    target: PathBuf,
    content_sha256: String,
    trust: WorkspaceTrust,
    already: Option<InstallRecordDto>,
}

/// A cache copied in and checked, waiting to be recorded.
#[derive(Debug)]
pub struct CopiedCache {
    record: InstallRecordDto,
    new: bool,
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorKind::Internal, e.to_string())
}

/// Copies `from` to `to` in 1 MiB blocks, reporting bytes and stopping when cancelled.
fn copy_with_progress(
    from: &Path,
    to: &Path,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<(), AppError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |e: std::io::Error| AppError::new(ErrorKind::InvalidInput, format!("{path}: {e}"))
    };
    let mut input = fs::File::open(from).map_err(io(from))?;
    let total = input.metadata().map_err(io(from))?.len();
    let mut output = fs::File::create(to).map_err(io(to))?;
    let mut buffer = vec![0u8; 1 << 20];
    let mut done = 0u64;
    progress.update(INSTALL_PHASE, 0, Some(total));
    loop {
        if cancel.check().is_err() {
            return Err(AppError::new(
                ErrorKind::Cancelled,
                "cancelled; nothing was installed",
            ));
        }
        let read = input.read(&mut buffer).map_err(io(from))?;
        if read == 0 {
            break;
        }
        output.write_all(&buffer[..read]).map_err(io(to))?;
        done += read as u64;
        progress.update(INSTALL_PHASE, done, Some(total));
    }
    output.sync_all().map_err(io(to))
}

impl Kasane {
    /// Who is working (recorded with every change).
    pub fn actor(&self) -> &str {
        &self.actor
    }

    fn install_records(&self) -> Result<Vec<InstallRecordDto>, AppError> {
        match self.workspace.setting(INSTALLED_SETTING)? {
            None => Ok(Vec::new()),
            Some(text) => serde_json::from_str(&text).map_err(|e| {
                AppError::new(
                    ErrorKind::IncompatibleWorkspace,
                    format!("the workspace's list of installed caches cannot be read: {e}"),
                )
            }),
        }
    }

    /// Every installed cache with what it says about itself, newest first.
    pub fn installed_caches(&self) -> Result<Vec<InstalledCacheDto>, AppError> {
        let active = self.workspace.setting(ACTIVE_CACHE_SETTING)?;
        let mut listed: Vec<InstalledCacheDto> = self
            .install_records()?
            .into_iter()
            .map(|install| {
                let read = AnnotationCache::open(Path::new(&install.path))
                    .and_then(|cache| cache.summary());
                let (summary, problem) = match read {
                    Ok(summary) => (Some(summary), None),
                    Err(e) => (None, Some(e.to_string())),
                };
                InstalledCacheDto {
                    active: active.as_deref() == Some(install.path.as_str()),
                    install,
                    summary,
                    problem,
                }
            })
            .collect();
        listed.reverse();
        Ok(listed)
    }

    /// Checks that `source` is a cache and chooses where it goes in the workspace.
    pub fn prepare_cache_install(&self, source: &Path) -> Result<PreparedInstall, AppError> {
        let summary = AnnotationCache::open(source)?.summary()?;
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| AppError::new(ErrorKind::InvalidInput, "give a .kcache file"))?;
        let dir = self.workspace.dir().join(CACHES_DIR);
        fs::create_dir_all(&dir).map_err(internal)?;
        let records = self.install_records()?;
        let already = records
            .iter()
            .find(|r| r.content_sha256 == summary.content_sha256)
            .cloned();
        let mut target = dir.join(&name);
        if target.exists() {
            let stem = name.strip_suffix(".kcache").unwrap_or(&name);
            target = dir.join(format!("{stem}-{}.kcache", &summary.content_sha256[..12]));
        }
        Ok(PreparedInstall {
            source: source.to_path_buf(),
            target,
            content_sha256: summary.content_sha256,
            trust: self.workspace_trust()?,
            already,
        })
    }

    /// Records a copied cache as installed (once; installing the same content again changes
    /// nothing).
    pub fn record_cache_install(
        &mut self,
        copied: CopiedCache,
    ) -> Result<InstalledCacheDto, AppError> {
        if copied.new {
            let mut records = self.install_records()?;
            records.push(copied.record.clone());
            let text = serde_json::to_string(&records).map_err(internal)?;
            let actor = self.actor.clone();
            self.workspace
                .set_setting(INSTALLED_SETTING, &text, &actor)?;
        }
        self.installed_caches()?
            .into_iter()
            .find(|c| c.install.path == copied.record.path)
            .ok_or_else(|| internal("the installed cache is not listed"))
    }

    /// Installs a cache in one step: prepare, copy and check, record.
    pub fn install_cache(
        &mut self,
        source: &Path,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<InstalledCacheDto, AppError> {
        let prepared = self.prepare_cache_install(source)?;
        let copied = prepared.copy(&self.actor, progress, cancel)?;
        self.record_cache_install(copied)
    }
}

impl PreparedInstall {
    /// Copies the cache (and its signature) into the workspace through a temporary file and
    /// checks the copy — integrity, content hash and, once the workspace trusts any key, a
    /// trusted signature — before renaming it into place; a copy that fails is removed, and so
    /// is one whose content is installed already (the installed cache is returned).
    pub fn copy(
        self,
        actor: &str,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<CopiedCache, AppError> {
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = self
            .target
            .with_file_name(format!(".{name}.{}.partial", std::process::id()));
        let temp_signature = signature_path(&temp);
        let cleanup = || {
            let _ = fs::remove_file(&temp);
            let _ = fs::remove_file(&temp_signature);
        };
        let copied = (|| {
            copy_with_progress(&self.source, &temp, progress, cancel)?;
            let signature = signature_path(&self.source);
            if signature.exists() {
                fs::copy(&signature, &temp_signature).map_err(internal)?;
            }
            let verified = self.trust.verify(&temp)?;
            if !verified.content_sound {
                return Err(AppError::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "{}: the cache is damaged or was changed after it was built; nothing was installed — copy it again from its source",
                        self.source.display()
                    ),
                ));
            }
            if verified.computed_sha256 != self.content_sha256 {
                return Err(AppError::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "{}: the file changed while it was copied; nothing was installed",
                        self.source.display()
                    ),
                ));
            }
            if !verified.sound {
                return Err(AppError::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "{}: {}; nothing was installed",
                        self.source.display(),
                        verified.signature.refusal()
                    ),
                ));
            }
            if self.already.is_some() {
                return Ok(verified.signature);
            }
            if temp_signature.exists() {
                fs::rename(&temp_signature, signature_path(&self.target)).map_err(internal)?;
            }
            fs::rename(&temp, &self.target).map_err(internal)?;
            Ok(verified.signature)
        })();
        let signature = copied.inspect_err(|_| cleanup())?;
        // The same content is installed already: the checked copy is not needed.
        if let Some(record) = self.already {
            cleanup();
            return Ok(CopiedCache { record, new: false });
        }
        Ok(CopiedCache {
            record: InstallRecordDto {
                path: self.target.display().to_string(),
                copied_from: self.source.display().to_string(),
                content_sha256: self.content_sha256,
                signature,
                installed_at: kasane_store::now(),
                installed_by: actor.to_string(),
            },
            new: true,
        })
    }
}
