//! Rule sets a workspace adds to the built-in ones: an expert panel encodes its VCEP
//! specification as a rule-set file, and `kasane rules add` checks it like the built-in files
//! (file and line of what is wrong), copies it into the workspace's `rule-sets/` folder and
//! records its SHA-256. Every later use reads the file again and refuses it if it changed.

use std::fs;
use std::io::Write;
use std::path::Path;

use kasane_core::{CancelToken, NoProgress};
use kasane_formats::sha256_file;
pub use kasane_interpret::Ba1ExceptionList;
use kasane_interpret::vcep_pvs1::Pvs1Grade;
use kasane_interpret::{
    CnvRules, GradedCode, OncogenicityRules, PredictorCalibration, RuleSet, RuleSets,
};
use kasane_store::{NewRuleSetFile, RuleSetFileRecord};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, ErrorKind};
use crate::use_cases::Kasane;

/// The workspace folder added rule-set files are copied into.
pub const RULE_SETS_DIR: &str = "rule-sets";

/// A rule-set file the workspace added, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleSetFileDto {
    /// The rule set's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The file in the workspace's rule-set folder.
    pub file_name: String,
    /// SHA-256 of the file as added.
    pub sha256: String,
    /// When it was added.
    pub added_at: String,
    /// Who added it.
    pub added_by: String,
}

impl From<RuleSetFileRecord> for RuleSetFileDto {
    fn from(r: RuleSetFileRecord) -> Self {
        Self {
            name: r.name,
            version: r.version,
            file_name: r.file_name,
            sha256: r.sha256,
            added_at: r.added_at,
            added_by: r.added_by,
        }
    }
}

/// A rule set as listed (`kasane rules list`, the Rule sets page): its contents, whether it is
/// the default, and how the workspace added it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListedRuleSetDto {
    /// The rule set's contents.
    #[serde(flatten)]
    pub rule_set: RuleSet,
    /// Whether it is the one used when no other is named or covers the gene.
    pub default: bool,
    /// The file and its SHA-256 when the workspace added it; `None` for a built-in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub added: Option<RuleSetFileDto>,
    /// The rows of its VCEP PVS1 table as they read, when it has one.
    pub pvs1_grades: Vec<Pvs1Grade>,
    /// The codes its PP4 phenotype table gives, highest first, when it has one.
    pub phenotype_grades: Vec<GradedCode>,
}

/// `sets` as listed, the first the default, each with the file it was added from.
pub fn listed_rule_sets(sets: &RuleSets, added: &[RuleSetFileDto]) -> Vec<ListedRuleSetDto> {
    sets.all()
        .iter()
        .enumerate()
        .map(|(i, set)| ListedRuleSetDto {
            rule_set: set.clone(),
            default: i == 0,
            added: added.iter().find(|f| f.name == set.name).cloned(),
            pvs1_grades: set.pvs1.as_ref().map(|t| t.grades()).unwrap_or_default(),
            phenotype_grades: set
                .phenotype
                .as_ref()
                .map(|t| t.graded_codes())
                .unwrap_or_default(),
        })
        .collect()
}

/// The BA1 exception list built into Kasane (`kasane rules ba1-exceptions`, the Rule sets
/// page), so an annotator can see which variants BA1 is never applied to.
pub fn ba1_exception_list() -> Result<Ba1ExceptionList, AppError> {
    Ok(Ba1ExceptionList::built_in()?)
}

/// SHA-256 (hex) of a file.
fn file_sha256(path: &Path) -> Result<String, AppError> {
    sha256_file(path, &NoProgress, &CancelToken::default())
        .map(|d| d.sha256)
        .map_err(|e| {
            AppError::new(
                ErrorKind::InvalidInput,
                format!("{}: cannot be read ({e})", path.display()),
            )
        })
}

impl Kasane {
    /// The workspace's rule-set folder.
    fn rule_sets_dir(&self) -> std::path::PathBuf {
        self.workspace.dir().join(RULE_SETS_DIR)
    }

    /// Each added file's text, checked against the SHA-256 recorded when it was added.
    fn added_rule_set_texts(&self) -> Result<Vec<(String, String)>, AppError> {
        let dir = self.rule_sets_dir();
        self.workspace
            .rule_set_files()?
            .into_iter()
            .map(|r| {
                let path = dir.join(&r.file_name);
                let unreadable = |e: String| {
                    AppError::new(
                        ErrorKind::Conflict,
                        format!(
                            "{}: the rule set {} {} that {} added on {} cannot be read ({e}); restore the file from a backup",
                            path.display(),
                            r.name,
                            r.version,
                            r.added_by,
                            r.added_at
                        ),
                    )
                };
                let text = fs::read_to_string(&path).map_err(|e| unreadable(e.to_string()))?;
                let sha256 = file_sha256(&path).map_err(|e| unreadable(e.message))?;
                if sha256 != r.sha256 {
                    return Err(AppError::new(
                        ErrorKind::Conflict,
                        format!(
                            "{}: the rule set {} {} changed after {} added it on {} (SHA-256 {sha256}, recorded {}); restore it from a backup — a rule set is never edited in place: add the new text under another name",
                            path.display(),
                            r.name,
                            r.version,
                            r.added_by,
                            r.added_at,
                            r.sha256
                        ),
                    ));
                }
                Ok((r.file_name, text))
            })
            .collect()
    }

    /// The rule sets this workspace may use: the built-in ones and those added to it, each
    /// added file checked to be the one recorded.
    pub fn rule_sets(&self) -> Result<RuleSets, AppError> {
        Ok(RuleSets::with_added(&self.added_rule_set_texts()?)?)
    }

    /// Every rule set this workspace may use, as listed.
    pub fn listed_rule_sets(&self) -> Result<Vec<ListedRuleSetDto>, AppError> {
        Ok(listed_rule_sets(
            &self.rule_sets()?,
            &self.rule_set_files()?,
        ))
    }

    /// The rule-set files added to this workspace.
    pub fn rule_set_files(&self) -> Result<Vec<RuleSetFileDto>, AppError> {
        Ok(self
            .workspace
            .rule_set_files()?
            .into_iter()
            .map(RuleSetFileDto::from)
            .collect())
    }

    /// Adds the rule-set file at `path` (JSON, as the files of `assets/rules/`): checked with
    /// the rule sets already there, copied into the workspace under its own name (written to a
    /// temporary file and renamed) and recorded with its SHA-256; audited.
    pub fn add_rule_set(&mut self, path: &Path) -> Result<RuleSetFileDto, AppError> {
        let invalid = |message: String| AppError::new(ErrorKind::InvalidInput, message);
        let text = fs::read_to_string(path)
            .map_err(|e| invalid(format!("{}: cannot be read ({e})", path.display())))?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .ok_or_else(|| {
                invalid(format!(
                    "{}: a rule-set file is a .json file like those of assets/rules/",
                    path.display()
                ))
            })?;
        let mut files = self.added_rule_set_texts()?;
        if files.iter().any(|(f, _)| *f == file_name) {
            return Err(AppError::new(
                ErrorKind::Conflict,
                format!(
                    "a rule-set file named {file_name} is already in this workspace; rename the new one"
                ),
            ));
        }
        files.push((file_name.clone(), text.clone()));
        let sets = RuleSets::with_added(&files)?;
        let added = sets.all().last().ok_or_else(|| {
            AppError::new(ErrorKind::Internal, "the added rule set is listed last")
        })?;
        // The somatic, CNV and predictor rule files name a classification's kind; an ACMG rule
        // set may not take one of their names.
        let reserved = [
            OncogenicityRules::built_in()?.name,
            CnvRules::built_in()?.name,
            PredictorCalibration::built_in()?.name,
        ];
        if reserved.iter().any(|r| r.eq_ignore_ascii_case(&added.name)) {
            return Err(invalid(format!(
                "{}: the name {} belongs to one of Kasane's own rule files; give the rule set another name",
                path.display(),
                added.name
            )));
        }
        let dir = self.rule_sets_dir();
        fs::create_dir_all(&dir)
            .map_err(|e| AppError::new(ErrorKind::Internal, format!("{}: {e}", dir.display())))?;
        let target = dir.join(&file_name);
        let temp = dir.join(format!(".{file_name}.{}.partial", std::process::id()));
        let written = fs::File::create(&temp)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
            .and_then(|()| fs::rename(&temp, &target));
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(AppError::new(
                ErrorKind::Internal,
                format!("{}: the rule set was not copied in ({e})", target.display()),
            ));
        }
        let recorded = file_sha256(&target).and_then(|sha256| {
            let actor = self.actor.clone();
            Ok(self.workspace.record_rule_set_file(
                &NewRuleSetFile {
                    name: added.name.clone(),
                    version: added.version.clone(),
                    file_name: file_name.clone(),
                    sha256,
                },
                &actor,
            )?)
        });
        match recorded {
            Ok(record) => Ok(record.into()),
            Err(e) => {
                // Not recorded: the copy goes too, so the folder holds only recorded files.
                let _ = fs::remove_file(&target);
                Err(e)
            }
        }
    }
}
