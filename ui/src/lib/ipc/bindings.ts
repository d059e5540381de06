// Generated from the Rust DTOs of kasane-app by `KASANE_UPDATE_BINDINGS=1 cargo test -p kasane-app bindings`.
// Do not edit by hand.

export type LayerKind = "wgs-vcf" | "sv-vcf" | "isoforms-gtf" | "isoform-counts" | "fusions" | "long-read-bam" | "bedmethyl" | "bismark-cov" | "methylation-array" | "mztab" | "metabolite-table";

export type GenomeBuild = "GRCh37" | "GRCh38";

export type SampleRole = "germline" | "tumour" | "cfdna";

export type CaseStatus = "active" | "archived";

export type SecondaryFindingsConsent = "unknown" | "consented" | "declined";

export type ErrorKind = "invalid-input" | "not-found" | "conflict" | "incompatible-workspace" | "cancelled" | "internal";

export type AppError = { 
/**
 * The category.
 */
kind: ErrorKind, 
/**
 * One line naming what is wrong and what to do.
 */
message: string, 
/**
 * Technical detail for a bug report, if any.
 */
detail?: string, };

export type WorkspaceInfoDto = { 
/**
 * Folder of the workspace.
 */
path: string, 
/**
 * Schema version of its database.
 */
schemaVersion: number, 
/**
 * When it was created.
 */
createdAt: string, 
/**
 * Cases being worked on.
 */
activeCases: number, 
/**
 * Closed cases.
 */
archivedCases: number, 
/**
 * Registered layer files.
 */
layerFiles: number, 
/**
 * Audit log entries.
 */
auditEntries: number, 
/**
 * SQLite journal mode (`wal`).
 */
journalMode: string, 
/**
 * SQLite's integrity check result (`ok` when sound).
 */
integrity: string, };

export type NewCaseDto = { 
/**
 * Pseudonymous label, e.g. `KSN-2026-014`.
 */
label: string, 
/**
 * Working diagnosis or indication.
 */
diagnosis: string | null, 
/**
 * Tumour type for somatic cases.
 */
tumourType: string | null, 
/**
 * Secondary-findings consent.
 */
consent: SecondaryFindingsConsent, };

export type CaseDto = { 
/**
 * Pseudonymous label.
 */
label: string, 
/**
 * Working diagnosis.
 */
diagnosis: string | null, 
/**
 * Tumour type.
 */
tumourType: string | null, 
/**
 * Secondary-findings consent.
 */
consent: SecondaryFindingsConsent, 
/**
 * Active or archived.
 */
status: CaseStatus, 
/**
 * When it was created.
 */
createdAt: string, 
/**
 * Who created it.
 */
createdBy: string, 
/**
 * When it was archived.
 */
archivedAt: string | null, 
/**
 * Number of samples.
 */
samples: number, 
/**
 * Number of layer files.
 */
layerFiles: number, };

export type NewSampleDto = { 
/**
 * Label unique within the case.
 */
label: string, 
/**
 * Germline, tumour or cfDNA.
 */
role: SampleRole, 
/**
 * When it was taken.
 */
timepoint: string | null, };

export type SampleDto = { 
/**
 * Label within the case.
 */
label: string, 
/**
 * Material.
 */
role: SampleRole, 
/**
 * Timepoint.
 */
timepoint: string | null, 
/**
 * When it was added.
 */
createdAt: string, 
/**
 * Who added it.
 */
createdBy: string, };

export type AddLayerFileDto = { 
/**
 * The case, by label.
 */
caseLabel: string, 
/**
 * What the file holds.
 */
kind: LayerKind, 
/**
 * Path of the file.
 */
path: string, 
/**
 * The sample it belongs to, by label.
 */
sampleLabel: string | null, };

export type LayerFileDto = { 
/**
 * Number within the workspace.
 */
id: number, 
/**
 * What the file holds.
 */
kind: LayerKind, 
/**
 * Sample label.
 */
sampleLabel: string | null, 
/**
 * Absolute path.
 */
path: string, 
/**
 * File name alone, for display.
 */
fileName: string, 
/**
 * Size in bytes.
 */
sizeBytes: number, 
/**
 * SHA-256, lower-case hex.
 */
sha256: string, 
/**
 * Format found, e.g. `VCF 4.2 (bgzip)`.
 */
format: string, 
/**
 * Genome build stated by the header.
 */
genomeBuild: GenomeBuild | null, 
/**
 * Header line the build was read from.
 */
buildSource: string | null, 
/**
 * Whether a genome build applies to this kind of file at all.
 */
genomic: boolean, 
/**
 * Deviations noticed while checking the file.
 */
warnings: Array<string>, 
/**
 * Version of Kasane that checked it.
 */
importerVersion: string, 
/**
 * When it was added.
 */
importedAt: string, 
/**
 * Who added it.
 */
importedBy: string, };

export type NoteDto = { 
/**
 * The text.
 */
body: string, 
/**
 * Who wrote it.
 */
author: string, 
/**
 * When.
 */
createdAt: string, };

export type CaseOverviewDto = { 
/**
 * The case.
 */
case: CaseDto, 
/**
 * Its samples.
 */
samples: Array<SampleDto>, 
/**
 * Its layer files.
 */
layerFiles: Array<LayerFileDto>, 
/**
 * Its notes.
 */
notes: Array<NoteDto>, };

export type AuditEntryDto = { 
/**
 * Position in the log.
 */
id: number, 
/**
 * When (RFC 3339, UTC).
 */
at: string, 
/**
 * Who.
 */
actor: string, 
/**
 * What, e.g. `case.created`.
 */
action: string, 
/**
 * The case concerned.
 */
caseLabel: string | null, 
/**
 * Details as JSON text.
 */
details: string, };

export type JobProgressDto = { 
/**
 * Phase name, e.g. `checksum`.
 */
phase: string, 
/**
 * Units done.
 */
done: number, 
/**
 * Units in all, when known.
 */
total: number | null, };
