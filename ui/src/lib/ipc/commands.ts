// Typed calls into the Tauri commands of src-tauri; argument and result types are the generated bindings.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  AddLayerFileDto, AnnotateCaseDto, Ba1ExceptionList, AuditEntryDto, CacheInfoDto, CacheVerifyDto, CaseAnnotationDto,
  ClassificationDto, ClassifyRequestDto, DominantDisorder, ExplanationDto, ListedRuleSetDto, PhenotypeScore, ProfileDto, Role, RuleSetFileDto,
  SecondaryFindingsConsent, SignOffRequestDto,
  CaseDto, CaseOverviewDto, CaseQcDto, ImportSummaryDto, InstalledCacheDto, VariantPanelDto,
  ImportVariantsDto, JobProgressDto, LayerFileDto, NewCaseDto, NewSampleDto, NoteDto, SampleDto,
  VariantPageDto, VariantPageRequestDto, VariantPresetDto, VariantTableInfoDto, WorkspaceInfoDto,
} from './bindings';
import { toAppError } from './errors';

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toAppError(error);
  }
}

let nextJobId = 1;

export const api = {
  workspaceInfo: () => call<WorkspaceInfoDto>('workspace_info'),
  initialCase: () => call<string | null>('initial_case'),
  listCases: (includeArchived: boolean) => call<CaseDto[]>('list_cases', { includeArchived }),
  createCase: (caseForm: NewCaseDto) => call<CaseDto>('create_case', { case: caseForm }),
  caseOverview: (label: string) => call<CaseOverviewDto>('case_overview', { label }),
  archiveCase: (label: string) => call<CaseDto>('archive_case', { label }),
  setConsent: (label: string, consent: SecondaryFindingsConsent) => call<CaseDto>('set_consent', { label, consent }),
  addSample: (caseLabel: string, sample: NewSampleDto) => call<SampleDto>('add_sample', { caseLabel, sample }),
  addNote: (caseLabel: string, body: string) => call<NoteDto>('add_note', { caseLabel, body }),
  pickLayerFile: () => call<string | null>('pick_layer_file'),
  auditTrail: (caseLabel: string | null, limit = 200) => call<AuditEntryDto[]>('audit_trail', { caseLabel, limit }),
  cancelJob: (jobId: number) => call<void>('cancel_job', { jobId }),
  /** Starts adding a file; returns the job id (for cancel) and the result promise. */
  addLayerFile(request: AddLayerFileDto, onProgress: (p: JobProgressDto) => void) {
    const jobId = nextJobId++;
    const channel = new Channel<JobProgressDto>();
    channel.onmessage = onProgress;
    return { jobId, result: call<LayerFileDto>('add_layer_file', { request, jobId, onProgress: channel }) };
  },
  /** Starts importing the case's variants; returns the job id (for cancel) and the result promise. */
  importVariants(request: ImportVariantsDto, onProgress: (p: JobProgressDto) => void) {
    const jobId = nextJobId++;
    const channel = new Channel<JobProgressDto>();
    channel.onmessage = onProgress;
    return { jobId, result: call<ImportSummaryDto>('import_variants', { request, jobId, onProgress: channel }) };
  },
  variantTableInfo: (label: string) => call<VariantTableInfoDto>('variant_table_info', { label }),
  variantPage: (request: VariantPageRequestDto) => call<VariantPageDto>('variant_page', { request }),
  caseQc: (label: string) => call<CaseQcDto>('case_qc', { label }),
  variantPresets: () => call<VariantPresetDto[]>('variant_presets'),
  saveVariantPreset: (preset: VariantPresetDto) => call<VariantPresetDto>('save_variant_preset', { preset }),
  deleteVariantPreset: (name: string) => call<void>('delete_variant_preset', { name }),
  installedCaches: () => call<InstalledCacheDto[]>('installed_caches'),
  pickCacheFile: () => call<string | null>('pick_cache_file'),
  /** Starts copying a cache into the workspace; returns the job id (for cancel) and the result promise. */
  installCache(path: string, onProgress: (p: JobProgressDto) => void) {
    const jobId = nextJobId++;
    const channel = new Channel<JobProgressDto>();
    channel.onmessage = onProgress;
    return { jobId, result: call<InstalledCacheDto>('install_cache', { path, jobId, onProgress: channel }) };
  },
  useCache: (path: string) => call<CacheInfoDto>('use_cache', { path }),
  verifyCache: (path: string) => call<CacheVerifyDto>('verify_cache', { path }),
  /** Starts annotating a case from a cache; returns the job id (for cancel) and the result promise. */
  annotateCase(request: AnnotateCaseDto, onProgress: (p: JobProgressDto) => void) {
    const jobId = nextJobId++;
    const channel = new Channel<JobProgressDto>();
    channel.onmessage = onProgress;
    return { jobId, result: call<CaseAnnotationDto>('annotate_case', { request, jobId, onProgress: channel }) };
  },
  caseAnnotations: (label: string) => call<CaseAnnotationDto[]>('case_annotations', { label }),
  variantPanel: (caseLabel: string, key: string) => call<VariantPanelDto>('variant_panel', { request: { caseLabel, key } }),
  profiles: () => call<ProfileDto[]>('profiles'),
  currentProfile: () => call<ProfileDto | null>('current_profile'),
  addProfile: (name: string, role: Role) => call<ProfileDto>('add_profile', { name, role }),
  useProfile: (name: string) => call<ProfileDto>('use_profile', { name }),
  explainVariant: (caseLabel: string, key: string, disorder?: DominantDisorder) =>
    call<ExplanationDto>('explain_variant', { request: { caseLabel, key, disorder } }),
  parseDisorder: (prevalence: string, allelicContribution: string, penetrance: string) =>
    call<DominantDisorder>('parse_disorder', { prevalence, allelicContribution, penetrance }),
  classifyVariant: (request: ClassifyRequestDto) => call<ClassificationDto>('classify_variant', { request }),
  signOff: (request: SignOffRequestDto) => call<ClassificationDto>('sign_off_classification', { request }),
  classificationHistory: (caseLabel: string, key: string) => call<ClassificationDto[]>('classification_history', { caseLabel, key }),
  caseClassifications: (caseLabel: string) => call<ClassificationDto[]>('case_classifications', { caseLabel }),
  ruleSets: () => call<ListedRuleSetDto[]>('rule_sets'),
  ba1Exceptions: () => call<Ba1ExceptionList>('ba1_exceptions'),
  phenotypePoints: (ruleSet: string, findings: string[]) => call<PhenotypeScore>('phenotype_points', { ruleSet, findings }),
  pickRuleSetFile: () => call<string | null>('pick_rule_set_file'),
  addRuleSet: (path: string) => call<RuleSetFileDto>('add_rule_set', { path }),
};
