//! The review workflow (issue 6): local profiles with a role, classifications of a case's
//! variants as immutable versions built from Kasane's proposals and the curator's decisions,
//! sign-off by a second person, and signed-off classifications as in-house knowledge.

use kasane_core::Role;
use kasane_interpret::review::{self, ReviewedCriteria};
use kasane_interpret::{
    Classification, CnvRules, DominantDisorder, EvidenceChange, EvidenceItem, Oncogenicity,
    OncogenicityRules, ReviewAction, ReviewChange, ReviewError, ReviewedCnv, ReviewedOncogenicity,
    cnv_ready_for_sign_off, oncogenicity_ready_for_sign_off, points_in_words, revise_cnv,
    revise_oncogenicity,
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
    /// Decide the Riggs 2020 sections of a deletion or duplication (a CNV classification)
    /// rather than ACMG/AMP criteria: accept `2A`, or a section with its points, `4A=0.45`; a
    /// variant whose classification is a CNV one stays so.
    #[serde(default)]
    #[ts(optional)]
    pub cnv: Option<bool>,
    /// Clinical evidence items to record with a somatic classification
    /// (`A:therapeutic:NSCLC`, `ja:B:diagnostic:GIST`); each needs the citation.
    #[serde(default)]
    pub record_evidence: Vec<String>,
    /// Recorded evidence items to withdraw (needs the reason).
    #[serde(default)]
    pub withdraw_evidence: Vec<String>,
}

/// The class a version reports: germline (ACMG/AMP, or a CNV's Riggs 2020 score) or somatic
/// oncogenicity (Horak 2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum ReportedClass {
    /// A germline or CNV classification's class.
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
    /// The points of the accepted criteria or codes, or a CNV's Riggs points (0.45).
    #[ts(type = "number")]
    pub points: ReportedPoints,
    /// A germline classification's criteria, proposed or decided, and the assessment of the
    /// accepted ones.
    #[ts(optional)]
    pub criteria: Option<ReviewedCriteria>,
    /// A somatic classification's oncogenicity codes, proposed or decided, and their score.
    #[ts(optional)]
    pub oncogenicity: Option<ReviewedOncogenicity>,
    /// A CNV classification's Riggs 2020 sections, proposed or decided, and their score.
    #[ts(optional)]
    pub cnv: Option<ReviewedCnv>,
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

/// What a classification weighs: ACMG/AMP criteria, oncogenicity codes or a CNV's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// ACMG/AMP criteria under a germline rule set.
    Germline,
    /// Horak 2022's oncogenicity codes (somatic).
    Oncogenicity,
    /// Riggs 2020's CNV sections.
    Cnv,
}

impl Kind {
    /// The kind of a stored version, told by its rule set: Horak 2022's and Riggs 2020's are
    /// Kasane's own names, which a workspace rule set cannot take.
    fn of(record: &ClassificationRecord) -> Result<Self, AppError> {
        let rule_set = &record.body.rule_set;
        Ok(if *rule_set == OncogenicityRules::built_in()?.name {
            Self::Oncogenicity
        } else if *rule_set == CnvRules::built_in()?.name {
            Self::Cnv
        } else {
            Self::Germline
        })
    }

    /// The kind a request asks for.
    fn asked(request: &ClassifyRequestDto) -> Result<Option<Self>, AppError> {
        match (
            request.oncogenicity == Some(true),
            request.cnv == Some(true),
        ) {
            (true, true) => Err(AppError::new(
                ErrorKind::InvalidInput,
                "a classification is either somatic (oncogenicity codes) or a CNV's (Riggs sections), not both",
            )),
            (true, false) => Ok(Some(Self::Oncogenicity)),
            (false, true) => Ok(Some(Self::Cnv)),
            (false, false) => Ok(None),
        }
    }

    /// How a report names it.
    fn words(self) -> &'static str {
        match self {
            Self::Germline => "ACMG/AMP criteria",
            Self::Oncogenicity => "an oncogenicity classification (--oncogenicity)",
            Self::Cnv => "a CNV classification of Riggs 2020 sections (--cnv)",
        }
    }
}

/// A CNV's points in the store's whole-number column, in hundredths (0.45 is 45).
fn stored_cnv_points(points: f64) -> i64 {
    (points * 100.0).round() as i64
}

/// A version's points as reported: a CNV's from hundredths, others as stored.
fn reported_points(record: &ClassificationRecord, kind: Kind) -> ReportedPoints {
    ReportedPoints(match kind {
        Kind::Cnv => record.body.points as f64 / 100.0,
        Kind::Germline | Kind::Oncogenicity => record.body.points as f64,
    })
}

/// A version's points: whole for ACMG/AMP criteria and oncogenicity codes, to the hundredth
/// for a CNV's Riggs score. Whole points are written as an integer (`9`, as they always were)
/// and a CNV's as a number with a fraction (`0.45`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportedPoints(pub f64);

impl Serialize for ReportedPoints {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

impl ReportedPoints {
    /// As a report writes them: `1 point`, `-3 points`, `0.45 points`.
    pub fn words(self) -> String {
        if self.0.fract() == 0.0 {
            points_in_words(self.0 as i64)
        } else {
            format!("{:.2} points", self.0)
        }
    }
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
    Ok(match Kind::of(record)? {
        Kind::Oncogenicity => ReportedClass::Oncogenicity(stored_word(record)?),
        Kind::Germline | Kind::Cnv => ReportedClass::Germline(stored_word(record)?),
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

/// A stored CNV version's sections read back.
fn stored_cnv(record: &ClassificationRecord) -> Result<ReviewedCnv, AppError> {
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
        let kind = Kind::of(&record)?;
        Ok(Self {
            class: stored_class(&record)?,
            criteria: match kind {
                Kind::Germline => Some(stored_criteria(&record)?),
                Kind::Oncogenicity | Kind::Cnv => None,
            },
            oncogenicity: match kind {
                Kind::Oncogenicity => Some(stored_oncogenicity(&record)?),
                Kind::Germline | Kind::Cnv => None,
            },
            cnv: match kind {
                Kind::Cnv => Some(stored_cnv(&record)?),
                Kind::Germline | Kind::Oncogenicity => None,
            },
            points: reported_points(&record, kind),
            case_label: record.case_label,
            key: record.variant_key,
            version: record.version,
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
        let asked = Kind::asked(request)?;
        let kind = match latest {
            Some(r) => {
                let kind = Kind::of(r)?;
                if asked.is_some_and(|a| a != kind) {
                    return Err(AppError::new(
                        ErrorKind::Conflict,
                        format!(
                            "{key} is classified with {} in case {label}; its later versions stay so — {} of it needs a case of its own",
                            kind.words(),
                            asked.unwrap_or(kind).words()
                        ),
                    ));
                }
                kind
            }
            None => asked.unwrap_or(Kind::Germline),
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
        match kind {
            Kind::Oncogenicity => return self.classify_oncogenicity(request, label, key, actions),
            Kind::Cnv => return self.classify_cnv(request, label, key, actions),
            Kind::Germline => {}
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
                    Some(r) if Kind::of(r)? != Kind::Germline => return Err(switched(key)),
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
                    Some(r) if Kind::of(r)? != Kind::Oncogenicity => return Err(switched(key)),
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

    /// The next version of a CNV classification: Kasane's Riggs 2020 sections for the deletion
    /// or duplication, the request's decisions on them and the curator's own sections, scored.
    fn classify_cnv(
        &mut self,
        request: &ClassifyRequestDto,
        label: &str,
        key: &str,
        actions: Vec<ReviewAction>,
    ) -> Result<ClassificationDto, AppError> {
        if request.disorder.is_some()
            || !request.record_evidence.is_empty()
            || !request.withdraw_evidence.is_empty()
        {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                "a CNV classification weighs Riggs 2020 sections: a disorder's parameters (BS1) and clinical evidence items (AMP tiers) belong to other kinds",
            ));
        }
        let explanation = self.explain(&ExplainRequestDto {
            case_label: label.to_string(),
            key: key.to_string(),
            ..ExplainRequestDto::default()
        })?;
        let assessment = explanation.cnv.ok_or_else(|| {
            AppError::new(
                ErrorKind::InvalidInput,
                format!(
                    "{key} is not a deletion or duplication of stated direction (<DEL>, <DUP>, <DUP:TANDEM>, or a long deletion or insertion): a CNV classification scores copies lost or gained"
                ),
            )
        })?;
        let rules = CnvRules::built_in()?;
        let change = self.review_change(request, actions, None);
        let actor = self.actor.clone();
        let record = self
            .workspace
            .revise_classification(label, key, &actor, |latest| {
                let previous: Option<ReviewedCnv> = match latest {
                    Some(r) if Kind::of(r)? != Kind::Cnv => return Err(switched(key)),
                    Some(r) => Some(stored_cnv(r)?),
                    None => None,
                };
                let reason = version_reason(&change, latest, request.seen_version)?;
                let reviewed = revise_cnv(&rules, previous.as_ref(), &assessment, &change)?;
                Ok::<_, AppError>(ClassificationBody {
                    class: class_text(reviewed.class)?,
                    points: stored_cnv_points(reviewed.points),
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
                match Kind::of(record)? {
                    Kind::Oncogenicity => {
                        oncogenicity_ready_for_sign_off(&stored_oncogenicity(record)?)?
                    }
                    Kind::Cnv => cnv_ready_for_sign_off(&stored_cnv(record)?)?,
                    Kind::Germline => review::ready_for_sign_off(&stored_criteria(record)?)?,
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
                        reported_points(&r, Kind::of(&r)?).words(),
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
