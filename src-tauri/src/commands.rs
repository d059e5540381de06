//! The IPC commands: each one a call into `kasane-app`.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use kasane_app::annotate::{AnnotateCaseDto, CaseAnnotationDto};
use kasane_app::cache::{CacheInfoDto, CacheVerifyDto};
use kasane_app::classify::{ClassificationDto, ClassifyRequestDto, ProfileDto, SignOffRequestDto};
use kasane_app::dto::{
    AddLayerFileDto, AuditEntryDto, CaseDto, CaseOverviewDto, JobProgressDto, LayerFileDto,
    NewCaseDto, NewSampleDto, NoteDto, SampleDto, WorkspaceInfoDto,
};
use kasane_app::explain::{ExplainRequestDto, ExplanationDto};
use kasane_app::installed_caches::InstalledCacheDto;
use kasane_app::panel::{VariantPanelDto, VariantPanelRequestDto};
use kasane_app::rule_set_files::{Ba1ExceptionList, ListedRuleSetDto, RuleSetFileDto};
use kasane_app::variant_dto::{
    CaseQcDto, ImportSummaryDto, ImportVariantsDto, VariantPageDto, VariantPageRequestDto,
    VariantPresetDto, VariantTableInfoDto,
};
use kasane_app::{
    AppError, CancelToken, DominantDisorder, ErrorKind, Kasane, PhenotypeScore, Progress, Role,
    SecondaryFindingsConsent, rules,
};
use tauri::ipc::Channel;
use tauri_plugin_dialog::DialogExt;

/// What the window's commands share.
pub struct AppState {
    /// The open workspace.
    pub kasane: Mutex<Kasane>,
    /// The case named by `--case`, opened first.
    pub initial_case: Option<String>,
    /// Running long jobs, by id, so the UI can cancel them.
    pub jobs: Jobs,
}

/// Cancellation tokens of running jobs.
#[derive(Default)]
pub struct Jobs {
    running: Mutex<HashMap<u64, CancelToken>>,
}

impl Jobs {
    /// Registers a job and runs `work` with its cancellation token; the job is forgotten when
    /// the work ends, however it ends.
    fn run<T>(&self, job_id: u64, work: impl FnOnce(&CancelToken) -> T) -> T {
        let token = CancelToken::new();
        if let Ok(mut running) = self.running.lock() {
            running.insert(job_id, token.clone());
        }
        let result = work(&token);
        if let Ok(mut running) = self.running.lock() {
            running.remove(&job_id);
        }
        result
    }
}

type State<'a> = tauri::State<'a, AppState>;

fn lock<'a>(state: &'a State<'_>) -> Result<MutexGuard<'a, Kasane>, AppError> {
    state.kasane.lock().map_err(|_| {
        AppError::new(
            ErrorKind::Internal,
            "the workspace lock was poisoned; restart Kasane",
        )
    })
}

/// Sends progress to the web view through a channel.
struct ChannelProgress(Channel<JobProgressDto>);

impl Progress for ChannelProgress {
    fn update(&self, phase: &str, done: u64, total: Option<u64>) {
        let _ = self.0.send(JobProgressDto {
            phase: phase.to_owned(),
            done,
            total,
        });
    }
}

/// The workspace and its health.
#[tauri::command]
pub fn workspace_info(state: State<'_>) -> Result<WorkspaceInfoDto, AppError> {
    lock(&state)?.workspace_info()
}

/// The case to open first (from `--case`).
#[tauri::command]
pub fn initial_case(state: State<'_>) -> Option<String> {
    state.initial_case.clone()
}

/// Cases, newest first.
#[tauri::command]
pub fn list_cases(state: State<'_>, include_archived: bool) -> Result<Vec<CaseDto>, AppError> {
    lock(&state)?.list_cases(include_archived)
}

/// Opens a new case.
#[tauri::command]
pub fn create_case(state: State<'_>, case: NewCaseDto) -> Result<CaseDto, AppError> {
    lock(&state)?.create_case(case)
}

/// Everything the case overview shows.
#[tauri::command]
pub fn case_overview(state: State<'_>, label: String) -> Result<CaseOverviewDto, AppError> {
    lock(&state)?.case_overview(&label)
}

/// Archives a case.
#[tauri::command]
pub fn archive_case(state: State<'_>, label: String) -> Result<CaseDto, AppError> {
    lock(&state)?.archive_case(&label)
}

/// Adds a sample.
#[tauri::command]
pub fn add_sample(
    state: State<'_>,
    case_label: String,
    sample: NewSampleDto,
) -> Result<SampleDto, AppError> {
    lock(&state)?.add_sample(&case_label, sample)
}

/// Adds a note.
#[tauri::command]
pub fn add_note(state: State<'_>, case_label: String, body: String) -> Result<NoteDto, AppError> {
    lock(&state)?.add_note(&case_label, &body)
}

/// Opens the native file dialog and returns the chosen path.
#[tauri::command]
pub async fn pick_layer_file(app: tauri::AppHandle) -> Option<String> {
    app.dialog()
        .file()
        .blocking_pick_file()
        .map(|path| path.to_string())
}

/// Checks, hashes and registers a layer file, streaming progress; the workspace is locked only
/// for the final write, so the window stays usable while a large file is hashed.
#[tauri::command]
pub async fn add_layer_file(
    state: State<'_>,
    request: AddLayerFileDto,
    job_id: u64,
    on_progress: Channel<JobProgressDto>,
) -> Result<LayerFileDto, AppError> {
    lock(&state)?.require_active_case(&request.case_label)?;
    let progress = ChannelProgress(on_progress);
    let checked = state.jobs.run(job_id, |token| {
        kasane_app::check_layer_file(request, &progress, token)
    });
    lock(&state)?.register_layer_file(checked?)
}

/// Asks a running job to stop.
#[tauri::command]
pub fn cancel_job(state: State<'_>, job_id: u64) {
    if let Some(token) = state
        .jobs
        .running
        .lock()
        .ok()
        .and_then(|r| r.get(&job_id).cloned())
    {
        token.cancel();
    }
}

/// The audit trail, newest first.
#[tauri::command]
pub fn audit_trail(
    state: State<'_>,
    case_label: Option<String>,
    limit: u32,
) -> Result<Vec<AuditEntryDto>, AppError> {
    lock(&state)?.audit_trail(case_label.as_deref(), limit)
}

/// Imports the case's WGS/SV files into its variant table, streaming progress; the workspace is
/// locked only to prepare and to record, so the window stays usable while the files are read.
#[tauri::command]
pub async fn import_variants(
    state: State<'_>,
    request: ImportVariantsDto,
    job_id: u64,
    on_progress: Channel<JobProgressDto>,
) -> Result<ImportSummaryDto, AppError> {
    let prepared = lock(&state)?.prepare_import(request)?;
    let progress = ChannelProgress(on_progress);
    let read = state
        .jobs
        .run(job_id, |token| prepared.read(&progress, token));
    lock(&state)?.record_import(read?, &progress)
}

/// Rows, columns and provenance of a case's variant table.
#[tauri::command]
pub async fn variant_table_info(
    state: State<'_>,
    label: String,
) -> Result<VariantTableInfoDto, AppError> {
    lock(&state)?.variant_table_info(&label)
}

/// One page of a case's variant table under a query.
#[tauri::command]
pub async fn variant_page(
    state: State<'_>,
    request: VariantPageRequestDto,
) -> Result<VariantPageDto, AppError> {
    lock(&state)?.variant_page(request)
}

/// QC numbers and figures of a case's variant table.
#[tauri::command]
pub async fn case_qc(state: State<'_>, label: String) -> Result<CaseQcDto, AppError> {
    lock(&state)?.case_qc(&label)
}

/// Saved variant-table presets.
#[tauri::command]
pub fn variant_presets(state: State<'_>) -> Result<Vec<VariantPresetDto>, AppError> {
    lock(&state)?.variant_presets()
}

/// Saves a preset.
#[tauri::command]
pub fn save_variant_preset(
    state: State<'_>,
    preset: VariantPresetDto,
) -> Result<VariantPresetDto, AppError> {
    lock(&state)?.save_variant_preset(preset)
}

/// Deletes a preset.
#[tauri::command]
pub fn delete_variant_preset(state: State<'_>, name: String) -> Result<(), AppError> {
    lock(&state)?.delete_variant_preset(&name)
}

/// The caches installed in the workspace, newest first.
#[tauri::command]
pub fn installed_caches(state: State<'_>) -> Result<Vec<InstalledCacheDto>, AppError> {
    lock(&state)?.installed_caches()
}

/// Opens the native file dialog for a `.kcache` file.
#[tauri::command]
pub async fn pick_cache_file(app: tauri::AppHandle) -> Option<String> {
    app.dialog()
        .file()
        .add_filter("Kasane annotation cache", &["kcache"])
        .blocking_pick_file()
        .map(|path| path.to_string())
}

/// Copies a cache into the workspace and checks the copy, streaming progress; the workspace is
/// locked only to prepare and to record.
#[tauri::command]
pub async fn install_cache(
    state: State<'_>,
    path: String,
    job_id: u64,
    on_progress: Channel<JobProgressDto>,
) -> Result<InstalledCacheDto, AppError> {
    let (prepared, actor) = {
        let kasane = lock(&state)?;
        (
            kasane.prepare_cache_install(std::path::Path::new(&path))?,
            kasane.actor().to_string(),
        )
    };
    let progress = ChannelProgress(on_progress);
    let copied = state
        .jobs
        .run(job_id, |token| prepared.copy(&actor, &progress, token));
    lock(&state)?.record_cache_install(copied?)
}

/// Makes an installed cache the active one (after checking it again).
#[tauri::command]
pub async fn use_cache(state: State<'_>, path: String) -> Result<CacheInfoDto, AppError> {
    lock(&state)?.use_cache(std::path::Path::new(&path))
}

/// Checks a cache's integrity, content and signature against the workspace's trusted keys.
#[tauri::command]
pub async fn verify_cache(state: State<'_>, path: String) -> Result<CacheVerifyDto, AppError> {
    let trust = lock(&state)?.workspace_trust()?;
    trust.verify(std::path::Path::new(&path))
}

/// Annotates a case's variant table from a cache (the active one when none is named),
/// streaming progress; the workspace is locked only to prepare and to record.
#[tauri::command]
pub async fn annotate_case(
    state: State<'_>,
    request: AnnotateCaseDto,
    job_id: u64,
    on_progress: Channel<JobProgressDto>,
) -> Result<CaseAnnotationDto, AppError> {
    let prepared = lock(&state)?.prepare_annotation(&request)?;
    let progress = ChannelProgress(on_progress);
    let written = state
        .jobs
        .run(job_id, |token| prepared.run(&progress, token));
    lock(&state)?.record_annotation(written?)
}

/// Every annotation of a case, oldest first.
#[tauri::command]
pub fn case_annotations(
    state: State<'_>,
    label: String,
) -> Result<Vec<CaseAnnotationDto>, AppError> {
    lock(&state)?.case_annotations(&label)
}

/// What the case's cache holds about one of its variants.
#[tauri::command]
pub async fn variant_panel(
    state: State<'_>,
    request: VariantPanelRequestDto,
) -> Result<VariantPanelDto, AppError> {
    lock(&state)?.variant_panel(&request)
}

/// Records a case's secondary-findings consent.
#[tauri::command]
pub fn set_consent(
    state: State<'_>,
    label: String,
    consent: SecondaryFindingsConsent,
) -> Result<CaseDto, AppError> {
    lock(&state)?.set_consent(&label, consent)
}

/// The workspace's local profiles.
#[tauri::command]
pub fn profiles(state: State<'_>) -> Result<Vec<ProfileDto>, AppError> {
    lock(&state)?.profiles()
}

/// The profile the window works as, if the person has one.
#[tauri::command]
pub fn current_profile(state: State<'_>) -> Result<Option<ProfileDto>, AppError> {
    lock(&state)?.current_profile()
}

/// Adds a local profile.
#[tauri::command]
pub fn add_profile(state: State<'_>, name: String, role: Role) -> Result<ProfileDto, AppError> {
    lock(&state)?.add_profile(&name, role)
}

/// Works as another profile from now on.
#[tauri::command]
pub fn use_profile(state: State<'_>, name: String) -> Result<ProfileDto, AppError> {
    lock(&state)?.use_profile(&name)
}

/// A dominant disorder's parameters as the curator typed them (`0.002` or `1/500`), checked:
/// what BS1 is read under (R-ACMG-005).
#[tauri::command]
pub fn parse_disorder(
    prevalence: String,
    allelic_contribution: String,
    penetrance: String,
) -> Result<DominantDisorder, AppError> {
    rules::dominant_disorder(&prevalence, &allelic_contribution, &penetrance)
}

/// Kasane's proposals for one variant, with its classification and in-house knowledge.
#[tauri::command]
pub async fn explain_variant(
    state: State<'_>,
    request: ExplainRequestDto,
) -> Result<ExplanationDto, AppError> {
    lock(&state)?.explain(&request)
}

/// Writes the next version of a variant's classification.
#[tauri::command]
pub fn classify_variant(
    state: State<'_>,
    request: ClassifyRequestDto,
) -> Result<ClassificationDto, AppError> {
    lock(&state)?.classify(&request)
}

/// Signs off the latest version of a variant's classification.
#[tauri::command]
pub fn sign_off_classification(
    state: State<'_>,
    request: SignOffRequestDto,
) -> Result<ClassificationDto, AppError> {
    lock(&state)?.sign_off(&request)
}

/// The case's shortlist: the latest version of each variant it classifies.
#[tauri::command]
pub fn case_classifications(
    state: State<'_>,
    case_label: String,
) -> Result<Vec<ClassificationDto>, AppError> {
    lock(&state)?.case_classifications(&case_label)
}

/// Every version of a variant's classification, newest first.
#[tauri::command]
pub fn classification_history(
    state: State<'_>,
    case_label: String,
    key: String,
) -> Result<Vec<ClassificationDto>, AppError> {
    lock(&state)?.classification_history(&case_label, &key)
}

/// Every rule set the workspace may use: the built-in ones and those a panel added.
#[tauri::command]
pub fn rule_sets(state: State<'_>) -> Result<Vec<ListedRuleSetDto>, AppError> {
    lock(&state)?.listed_rule_sets()
}

/// One patient's findings added up by the PP4 phenotype table of the rule set `rule_set`.
#[tauri::command]
pub fn phenotype_points(
    state: State<'_>,
    rule_set: String,
    findings: Vec<String>,
) -> Result<PhenotypeScore, AppError> {
    let sets = lock(&state)?.rule_sets()?;
    kasane_app::rules::phenotype_points(&sets, &rule_set, &findings)
}

/// The BA1 exception list built in: the variants BA1 is never applied to.
#[tauri::command]
pub fn ba1_exceptions() -> Result<Ba1ExceptionList, AppError> {
    kasane_app::rule_set_files::ba1_exception_list()
}

/// Opens the native file dialog for a rule-set file (`.json`).
#[tauri::command]
pub async fn pick_rule_set_file(app: tauri::AppHandle) -> Option<String> {
    app.dialog()
        .file()
        .add_filter("Kasane rule set", &["json"])
        .blocking_pick_file()
        .map(|path| path.to_string())
}

/// Adds a panel's rule-set file to the workspace after checking it; audited.
#[tauri::command]
pub fn add_rule_set(state: State<'_>, path: String) -> Result<RuleSetFileDto, AppError> {
    lock(&state)?.add_rule_set(std::path::Path::new(path.trim()))
}
