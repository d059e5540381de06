// Typed calls into the Tauri commands of src-tauri; argument and result types are the generated bindings.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  AddLayerFileDto, AuditEntryDto, CaseDto, CaseOverviewDto, JobProgressDto, LayerFileDto,
  NewCaseDto, NewSampleDto, NoteDto, SampleDto, WorkspaceInfoDto,
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
};
