//! The review workflow (issue 6): local profiles with a role, classifications of a case's
//! variants as immutable versions built from Kasane's proposals and the curator's decisions,
//! sign-off by a second person, and signed-off classifications as in-house knowledge.

use kasane_core::Role;
use kasane_interpret::review::{self, ReviewedCriteria};
use kasane_interpret::{
    Classification, DominantDisorder, EvidenceChange, EvidenceItem, Oncogenicity,
    OncogenicityRules, ReviewAction, ReviewChange, ReviewError, ReviewedOncogenicity,
    oncogenicity_ready_for_sign_off, points_in_words, revise_oncogenicity,
};
use kasane_store::{ClassificationBody, ClassificationRecord, ProfileRecord};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, ErrorKind};
use crate::explain::ExplainRequestDto;
use crate::use_cases::Kasane;

impl From<ReviewError> for AppError {
    fn from(error: ReviewError) -> Self {
        AppError::new(ErrorKind::InvalidInput, error.to_string())
    }
}

/// A local profile: the name a person works under and their role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDto {
    /// The name (the actor of their audit entries).
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// When the profile was added.
    pub created_at: String,
    /// Who added it.
    pub created_by: String,
}

impl From<ProfileRecord> for ProfileDto {
    fn from(p: ProfileRecord) -> Self {
        Self {
            name: p.name,
            role: p.role,
            created_at: p.created_at,
            created_by: p.created_by,
        }
    }
}

/// Decisions on one variant's criteria, written as the next version of its classification.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClassifyRequestDto {
    /// The case.
    pub case_label: String,
    /// The variant's key (`chr17-43045711-G-A`).
    pub key: String,
    /// The rule set; when absent, the latest version's, else the VCEP specification covering
    /// the variant's gene, else the default.
    #[ts(optional)]
    pub rule_set: Option<String>,
    /// The disorder's parameters BS1 is read under from this version on (R-ACMG-005); when
    /// absent, the latest version's.
    #[ts(optional)]
    pub disorder: Option<DominantDisorder>,
    /// Codes to accept: `PVS1`, `PS3_Moderate` (a proposal keeps its strength when none is
    /// written).
    pub accept: Vec<String>,
    /// Codes to reject.
    pub reject: Vec<String>,
    /// Why: needed to reject, to change a proposed strength, to add a code by hand and to
    /// reclassify a signed-off version.
    #[ts(optional)]
    pub reason: Option<String>,
    /// Where the evidence of a code added by hand is published (PMID, DOI, VCEP rule).
    #[ts(optional)]
    pub citation: Option<String>,
    /// The version the curator was looking at: when another was written since, the new
    /// version still builds on the latest and says so.
    #[ts(optional)]
    pub seen_version: Option<i64>,
    /// Decide oncogenicity codes (a somatic classification, Horak 2022) rather than ACMG/AMP
    /// criteria; a variant whose classification is already somatic stays so.
    #[serde(default)]
    #[ts(optional)]
    pub oncogenicity: Option<bool>,
    /// Clinical evidence items to record with a somatic classification
    /// (`A:therapeutic:NSCLC`, `ja:B:diagnostic:GIST`); each needs the citation.
    #[serde(default)]
    pub record_evidence: Vec<String>,
    /// Recorded evidence items to withdraw (needs the reason).
    #[serde(default)]
    pub withdraw_evidence: Vec<String>,
}

/// The class a version reports: germline (ACMG/AMP) or somatic oncogenicity (Horak 2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum ReportedClass {
    /// A germline classification's class.
    Germline(Classification),
    /// A somatic classification's oncogenicity.
    Oncogenicity(Oncogenicity),
}

impl ReportedClass {
    /// Its name as a report writes it.
    pub fn words(self) -> &'static str {
        match self {
            Self::Germline(c) => c.words(),
            Self::Oncogenicity(o) => o.words(),
        }
    }
}

/// Asks a reviewer's sign-off of one version.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignOffRequestDto {
    /// The case.
    pub case_label: String,
    /// The variant's key.
    pub key: String,
    /// The version signed off; it must be the latest.
    pub version: i64,
    /// What the reviewer adds.
    #[ts(optional)]
    pub comment: Option<String>,
}

/// A reviewer's sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignOffDto {
    /// When.
    pub signed_at: String,
    /// The reviewer.
    pub signed_by: String,
    /// Their comment.
    pub comment: String,
}

/// One version of a variant's classification.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClassificationDto {
    /// The case.
    pub case_label: String,
    /// The variant's key.
    pub key: String,
    /// 1 for the first version, one more for each revision.
    pub version: i64,
    /// The reported class (by points; BA1 stands alone), or the oncogenicity of a somatic
    /// classification.
    pub class: ReportedClass,
    /// The points of the accepted criteria or codes.
    pub points: i64,
    /// A germline classification's criteria, proposed or decided, and the assessment of the
    /// accepted ones.
    #[ts(optional)]
    pub criteria: Option<ReviewedCriteria>,
    /// A somatic classification's oncogenicity codes, proposed or decided, and their score.
    #[ts(optional)]
    pub oncogenicity: Option<ReviewedOncogenicity>,
    /// The rule set.
    pub rule_set: String,
    /// Its version.
    pub rule_set_version: String,
    /// The annotation cache the evidence came from, by content hash.
    #[ts(optional)]
    pub cache_sha256: Option<String>,
    /// What changed and why.
    pub reason: String,
    /// When the version was written.
    pub created_at: String,
    /// Who wrote it.
    pub created_by: String,
    /// In which role.
    pub created_role: Role,
    /// The sign-off, once given.
    #[ts(optional)]
    pub sign_off: Option<SignOffDto>,
}

/// A signed-off classification of the same variant in another case of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InHouseDto {
    /// The other case.
    pub case_label: String,
    /// The version signed off there.
    pub version: i64,
    /// Its class.
    pub class: ReportedClass,
    /// Its points and rule set: `9 points, clingen-svi-points-2020 1.1.0`.
    pub basis: String,
    /// The reviewer.
    pub signed_by: String,
    /// When.
    pub signed_at: String,
}

/// A class as stored (`likely-pathogenic`, `oncogenic`).
fn class_text(class: impl Serialize) -> Result<String, AppError> {
    match serde_json::to_value(class) {
        Ok(serde_json::Value::String(text)) => Ok(text),
        _ => Err(AppError::new(
            ErrorKind::Internal,
            "a class is written as a word",
        )),
    }
}

/// Whether a stored version is a somatic (oncogenicity) classification: its rule set is
/// Horak 2022's.
fn is_oncogenicity(record: &ClassificationRecord) -> Result<bool, AppError> {
    Ok(record.body.rule_set == OncogenicityRules::built_in()?.name)
}

/// A stored class word (`likely-pathogenic`) read back as `T`.
fn stored_word<T: serde::de::DeserializeOwned>(
    record: &ClassificationRecord,
) -> Result<T, AppError> {
    serde_json::from_value(serde_json::Value::String(record.body.class.clone())).map_err(|e| {
        AppError::new(
            ErrorKind::IncompatibleWorkspace,
            format!(
                "classification #{} holds the class {:?} this Kasane does not know ({e})",
                record.id, record.body.class
            ),
        )
    })
}

/// A stored class read back.
fn stored_class(record: &ClassificationRecord) -> Result<ReportedClass, AppError> {
    Ok(if is_oncogenicity(record)? {
        ReportedClass::Oncogenicity(stored_word(record)?)
    } else {
        ReportedClass::Germline(stored_word(record)?)
    })
}

/// A stored germline version's criteria read back.
fn stored_criteria(record: &ClassificationRecord) -> Result<ReviewedCriteria, AppError> {
    serde_json::from_str(&record.body.content).map_err(|e| content_unreadable(record, e))
}

/// A stored somatic version's codes read back.
fn stored_oncogenicity(record: &ClassificationRecord) -> Result<ReviewedOncogenicity, AppError> {
    serde_json::from_str(&record.body.content).map_err(|e| content_unreadable(record, e))
}

fn content_unreadable(record: &ClassificationRecord, e: serde_json::Error) -> AppError {
    AppError::new(
        ErrorKind::IncompatibleWorkspace,
        format!(
            "classification #{} (version {} of {}) cannot be read by this Kasane: {e}",
            record.id, record.version, record.variant_key
        ),
    )
}

impl ClassificationDto {
    fn from_record(record: ClassificationRecord) -> Result<Self, AppError> {
        Ok(Self {
            class: stored_class(&record)?,
            criteria: match is_oncogenicity(&record)? {
                true => None,
                false => Some(stored_criteria(&record)?),
            },
            oncogenicity: match is_oncogenicity(&record)? {
                true => Some(stored_oncogenicity(&record)?),
                false => None,
            },
            case_label: record.case_label,
            key: record.variant_key,
            version: record.version,
            points: record.body.points,
            rule_set: record.body.rule_set,
            rule_set_version: record.body.rule_set_version,
            cache_sha256: record.body.cache_sha256,
            reason: record.body.reason,
            created_at: record.created_at,
            created_by: record.created_by,
            created_role: record.created_role,
            sign_off: record.sign_off.map(|s| SignOffDto {
                signed_at: s.signed_at,
                signed_by: s.signed_by,
                comment: s.comment,
            }),
        })
    }
}

/// The words of the version written on top of `latest`: the change, and what the curator
/// should know about what it was built on.
fn version_reason(
    change: &ReviewChange,
    latest: Option<&ClassificationRecord>,
    seen_version: Option<i64>,
) -> Result<String, AppError> {
    let mut reason = review::describe(change);
    let Some(latest) = latest else {
        if change.actions.is_empty() {
            reason = format!("put on the shortlist; {reason}");
        }
        return Ok(reason);
    };
    if let Some(sign_off) = &latest.sign_off {
        if change.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                format!(
                    "version {} of {} was signed off by {} — a reclassification needs its reason (--reason)",
                    latest.version, latest.variant_key, sign_off.signed_by
                ),
            ));
        }
        reason = format!(
            "reclassification of version {} (signed off by {}): {reason}",
            latest.version, sign_off.signed_by
        );
    }
    if let Some(seen) = seen_version
        && seen != latest.version
    {
        reason.push_str(&format!(
            " (made on version {seen}; built on version {} by {}, written meanwhile)",
            latest.version, latest.created_by
        ));
    }
    Ok(reason)
}

/// The error of a version written while another process turned the variant's classification
/// into the other kind.
fn switched(key: &str) -> AppError {
    AppError::new(
        ErrorKind::Conflict,
        format!(
            "{key}'s classification changed kind meanwhile; look at its history and decide again"
        ),
    )
}

/// A version's content as stored.
fn written(content: &impl Serialize) -> Result<String, AppError> {
    serde_json::to_string(content)
        .map_err(|e| AppError::new(ErrorKind::Internal, format!("criteria not written: {e}")))
}

impl Kasane {
    /// Adds a local profile (a name and a role); audited.
    pub fn add_profile(&mut self, name: &str, role: Role) -> Result<ProfileDto, AppError> {
        Ok(self.workspace.add_profile(name, role, &self.actor)?.into())
    }

    /// Every local profile.
    pub fn profiles(&self) -> Result<Vec<ProfileDto>, AppError> {
        Ok(self
            .workspace
            .profiles()?
            .into_iter()
            .map(ProfileDto::from)
            .collect())
    }

    /// Works as the profile `name` from now on (the workbench's profile picker); refuses a
    /// name that is not a profile of this workspace.
    pub fn use_profile(&mut self, name: &str) -> Result<ProfileDto, AppError> {
        let profile = self.workspace.profile(name)?.ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                format!(
                    "no profile named {:?} in this workspace; add it first",
                    name.trim()
                ),
            )
        })?;
        self.actor = profile.name.clone();
        Ok(profile.into())
    }

    /// The profile of the person acting, if they have one.
    pub fn current_profile(&self) -> Result<Option<ProfileDto>, AppError> {
        Ok(self.workspace.profile(&self.actor)?.map(ProfileDto::from))
    }

    /// Writes the next version of a variant's classification under the rule set asked for, else
    /// the one of its earlier versions, else the VCEP specification covering its gene, else the
    /// default: Kasane's current proposals (from the cache the case was annotated with) not yet
    /// decided are added as proposed,
    /// the request's decisions are applied on top of the latest version, and the accepted
    /// criteria are scored.
    pub fn classify(
        &mut self,
        request: &ClassifyRequestDto,
    ) -> Result<ClassificationDto, AppError> {
        let label = request.case_label.trim();
        let key = request.key.trim();
        let history = self.workspace.classification_history(label, key)?;
        let latest = history.first();
        let somatic = match latest {
            Some(r) => {
                let somatic = is_oncogenicity(r)?;
                if request.oncogenicity == Some(true) && !somatic {
                    return Err(AppError::new(
                        ErrorKind::Conflict,
                        format!(
                            "{key} is classified under ACMG/AMP criteria in case {label}; its later versions stay germline — an oncogenicity classification of it needs a case of its own"
                        ),
                    ));
                }
                somatic
            }
            None => request.oncogenicity == Some(true),
        };
        let actions: Vec<ReviewAction> = request
            .accept
            .iter()
            .map(|c| ReviewAction::Accept(c.clone()))
            .chain(
                request
                    .reject
                    .iter()
                    .map(|c| ReviewAction::Reject(c.clone())),
            )
            .collect();
        if somatic {
            return self.classify_oncogenicity(request, label, key, actions);
        }
        if !request.record_evidence.is_empty() || !request.withdraw_evidence.is_empty() {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                "clinical evidence items (AMP tiers) belong to a somatic classification (--oncogenicity)",
            ));
        }
        let stored_disorder = match latest {
            Some(r) => stored_criteria(r)?.disorder,
            None => None,
        };
        let explanation = self.explain(&ExplainRequestDto {
            case_label: label.to_string(),
            key: key.to_string(),
            rule_set: request
                .rule_set
                .clone()
                .or(latest.map(|r| r.body.rule_set.clone())),
            disorder: request.disorder.or(stored_disorder),
        })?;
        let rule_set = self
            .rule_sets()?
            .named(Some(&explanation.if_accepted.rule_set))?;
        let change = self.review_change(
            request,
            actions,
            request.disorder.filter(|d| Some(*d) != stored_disorder),
        );
        let actor = self.actor.clone();
        let record = self
            .workspace
            .revise_classification(label, key, &actor, |latest| {
                let previous: Option<ReviewedCriteria> = match latest {
                    Some(r) if is_oncogenicity(r)? => return Err(switched(key)),
                    Some(r) => Some(stored_criteria(r)?),
                    None => None,
                };
                let reason = version_reason(&change, latest, request.seen_version)?;
                let reviewed = review::revise(
                    &rule_set,
                    previous.as_ref(),
                    &explanation.proposals,
                    &change,
                )?;
                Ok::<_, AppError>(ClassificationBody {
                    class: class_text(reviewed.assessment.points_class)?,
                    points: i64::from(reviewed.assessment.points),
                    rule_set: rule_set.name.clone(),
                    rule_set_version: rule_set.version.clone(),
                    cache_sha256: Some(explanation.cache_sha256.clone()),
                    content: written(&reviewed)?,
                    reason,
                })
            })?;
        ClassificationDto::from_record(record)
    }

    /// The request's decisions as a change by the acting profile.
    fn review_change(
        &self,
        request: &ClassifyRequestDto,
        actions: Vec<ReviewAction>,
        disorder: Option<DominantDisorder>,
    ) -> ReviewChange {
        ReviewChange {
            actions,
            disorder,
            also: Vec::new(),
            reason: request.reason.clone(),
            citation: request.citation.clone(),
            actor: self.actor.clone(),
        }
    }

    /// The next version of a somatic classification: Kasane's oncogenicity proposals for the
    /// case's tumour type, the request's decisions on the codes, scored by Horak 2022.
    fn classify_oncogenicity(
        &mut self,
        request: &ClassifyRequestDto,
        label: &str,
        key: &str,
        actions: Vec<ReviewAction>,
    ) -> Result<ClassificationDto, AppError> {
        if request.disorder.is_some() {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                "a disorder's parameters are for BS1 of a germline classification, not for oncogenicity codes",
            ));
        }
        let explanation = self.explain(&ExplainRequestDto {
            case_label: label.to_string(),
            key: key.to_string(),
            ..ExplainRequestDto::default()
        })?;
        let proposals = explanation
            .oncogenicity
            .map(|o| o.proposals)
            .ok_or_else(|| {
                AppError::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "an oncogenicity classification is for a small variant of a case with a tumour type; {label} has none (give it with `kasane case new … --tumour-type`)"
                    ),
                )
            })?;
        let rules = OncogenicityRules::built_in()?;
        let mut change = self.review_change(request, actions, None);
        let items = |texts: &[String]| {
            texts
                .iter()
                .map(|t| {
                    EvidenceItem::parse(t)
                        .map_err(|e| AppError::new(ErrorKind::InvalidInput, e.to_string()))
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let evidence = EvidenceChange {
            record: items(&request.record_evidence)?,
            withdraw: items(&request.withdraw_evidence)?,
        };
        for (verb, list) in [
            ("recorded", &evidence.record),
            ("withdrew", &evidence.withdraw),
        ] {
            change.also.extend(
                list.iter()
                    .map(|item| format!("{verb} {}", item.describe())),
            );
        }
        let tumour_type = self.workspace.case(label)?.tumour_type.unwrap_or_default();
        let actor = self.actor.clone();
        let record = self
            .workspace
            .revise_classification(label, key, &actor, |latest| {
                let previous: Option<ReviewedOncogenicity> = match latest {
                    Some(r) if !is_oncogenicity(r)? => return Err(switched(key)),
                    Some(r) => Some(stored_oncogenicity(r)?),
                    None => None,
                };
                let reason = version_reason(&change, latest, request.seen_version)?;
                let reviewed = revise_oncogenicity(
                    &rules,
                    previous.as_ref(),
                    &proposals,
                    &change,
                    &evidence,
                    &tumour_type,
                )?;
                Ok::<_, AppError>(ClassificationBody {
                    class: class_text(reviewed.assessment.class)?,
                    points: i64::from(reviewed.assessment.points),
                    rule_set: rules.name.clone(),
                    rule_set_version: rules.version.clone(),
                    cache_sha256: Some(explanation.cache_sha256.clone()),
                    content: written(&reviewed)?,
                    reason,
                })
            })?;
        ClassificationDto::from_record(record)
    }

    /// Signs off a version as the acting reviewer: refused while proposals are undecided.
    pub fn sign_off(&mut self, request: &SignOffRequestDto) -> Result<ClassificationDto, AppError> {
        let actor = self.actor.clone();
        let record = self.workspace.sign_off_classification(
            request.case_label.trim(),
            request.key.trim(),
            request.version,
            request.comment.as_deref().unwrap_or_default(),
            &actor,
            |record| {
                if is_oncogenicity(record)? {
                    oncogenicity_ready_for_sign_off(&stored_oncogenicity(record)?)?;
                } else {
                    review::ready_for_sign_off(&stored_criteria(record)?)?;
                }
                Ok::<_, AppError>(())
            },
        )?;
        ClassificationDto::from_record(record)
    }

    /// Every version of a variant's classification in the case, newest first.
    pub fn classification_history(
        &self,
        case_label: &str,
        key: &str,
    ) -> Result<Vec<ClassificationDto>, AppError> {
        self.workspace
            .classification_history(case_label.trim(), key.trim())?
            .into_iter()
            .map(ClassificationDto::from_record)
            .collect()
    }

    /// The case's shortlist: the latest version of every variant it classifies, by key.
    pub fn case_classifications(
        &self,
        case_label: &str,
    ) -> Result<Vec<ClassificationDto>, AppError> {
        self.workspace
            .case_classifications(case_label.trim())?
            .into_iter()
            .map(ClassificationDto::from_record)
            .collect()
    }

    /// The signed-off classifications of `key` in the workspace's other cases.
    pub fn in_house_classifications(
        &self,
        case_label: &str,
        key: &str,
    ) -> Result<Vec<InHouseDto>, AppError> {
        self.workspace
            .in_house_classifications(key.trim(), case_label.trim())?
            .into_iter()
            .map(|seen| {
                let r = seen.record;
                let sign_off = r.sign_off.clone().ok_or_else(|| {
                    AppError::new(
                        ErrorKind::Internal,
                        "an in-house classification is signed off",
                    )
                })?;
                Ok(InHouseDto {
                    case_label: seen.case_label,
                    version: r.version,
                    class: stored_class(&r)?,
                    basis: format!(
                        "{}, {} {}",
                        points_in_words(r.body.points),
                        r.body.rule_set,
                        r.body.rule_set_version
                    ),
                    signed_by: sign_off.signed_by,
                    signed_at: sign_off.signed_at,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_works_as_a_chosen_profile_and_its_role_reaches_the_audit_trail() {
        let dir = tempfile::tempdir().unwrap();
        let (mut kasane, _) = Kasane::open_or_create(dir.path(), "login-name").unwrap();
        assert_eq!(kasane.current_profile().unwrap(), None);
        kasane.add_profile("dr-sato", Role::Reviewer).unwrap();
        let unknown = kasane.use_profile("dr-nobody").unwrap_err();
        assert_eq!(unknown.kind, ErrorKind::NotFound);
        assert_eq!(
            kasane.actor(),
            "login-name",
            "a refused choice changes nothing"
        );
        let chosen = kasane.use_profile(" dr-sato ").unwrap();
        assert_eq!(
            (chosen.name.as_str(), chosen.role),
            ("dr-sato", Role::Reviewer)
        );
        assert_eq!(
            kasane.current_profile().unwrap().map(|p| p.name),
            Some("dr-sato".into())
        );
        kasane.add_profile("dr-ito", Role::Annotator).unwrap();
        let trail = kasane.audit_trail(None, 1).unwrap();
        assert_eq!(
            (trail[0].actor.as_str(), trail[0].actor_role.as_deref()),
            ("dr-sato", Some("reviewer"))
        );
    }
}
