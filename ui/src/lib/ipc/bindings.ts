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
 * The actor's profile role at the time, when they had a profile.
 */
actorRole?: string, 
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

export type ImportVariantsDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * Indexed FASTA to check REF against and left-align with; without it indels are flagged
 * as not left-aligned.
 */
reference: string | null, 
/**
 * The sample column to read from multi-sample files.
 */
sample: string | null, 
/**
 * The tumour sample of a tumour/normal pair.
 */
tumour: string | null, 
/**
 * The matched normal sample of a tumour/normal pair.
 */
normal: string | null, 
/**
 * Skip and count unusable records instead of stopping at the first.
 */
tolerant: boolean, };

export type SkipCountDto = { 
/**
 * Why they were skipped.
 */
reason: string, 
/**
 * How many.
 */
count: number, };

export type FileImportDto = { 
/**
 * The file.
 */
path: string, 
/**
 * Its layer kind.
 */
kind: LayerKind, 
/**
 * Records read.
 */
records: number, 
/**
 * Alleles kept after splitting multi-allelic records.
 */
alleles: number, 
/**
 * Records with more than one ALT.
 */
multiallelicRecords: number, 
/**
 * Alleles moved or trimmed by normalisation.
 */
realigned: number, 
/**
 * Indels that could not be left-aligned (no reference given).
 */
notLeftAligned: number, 
/**
 * Records skipped, by reason.
 */
skipped: Array<SkipCountDto>, 
/**
 * INFO/FORMAT values dropped as malformed (tolerant mode).
 */
droppedValues: number, 
/**
 * INFO keys used but not declared in the header (not kept).
 */
undeclaredInfo: Array<string>, 
/**
 * Sample columns read (tumour first for a pair).
 */
samples: Array<string>, };

export type ImportSummaryDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The import's record id.
 */
importId: number, 
/**
 * Rows (alleles) in the variant table.
 */
rows: number, 
/**
 * The genome build of the files.
 */
genomeBuild: GenomeBuild | null, 
/**
 * The reference FASTA used, if any.
 */
reference: string | null, 
/**
 * Per file.
 */
files: Array<FileImportDto>, 
/**
 * SHA-256 of the table file.
 */
tableSha256: string, 
/**
 * Whether the table is identical to the one the case already had.
 */
unchanged: boolean, };

export type ConditionDto = { "kind": "oneOf", 
/**
 * Column name.
 */
column: string, 
/**
 * Accepted values.
 */
values: Array<string>, } | { "kind": "range", 
/**
 * Column name.
 */
column: string, 
/**
 * Lower bound.
 */
min: number | null, 
/**
 * Upper bound.
 */
max: number | null, 
/**
 * Whether rows without a value pass too.
 */
orMissing?: boolean, } | { "kind": "contains", 
/**
 * Column name.
 */
column: string, 
/**
 * Text to find.
 */
text: string, } | { "kind": "locus", 
/**
 * The locus string.
 */
locus: string, } | { "kind": "text", 
/**
 * Text to find, ignoring case.
 */
text: string, } | { "kind": "missing", 
/**
 * Column name.
 */
column: string, };

export type SortDto = { 
/**
 * Column name (`locus` is the genome's order).
 */
column: string, 
/**
 * Largest first.
 */
descending: boolean, };

export type VariantQueryDto = { 
/**
 * Every condition must hold.
 */
conditions: Array<ConditionDto>, 
/**
 * The order; the genome's order when absent.
 */
sort: SortDto | null, };

export type VariantPageRequestDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * Conditions and order.
 */
query: VariantQueryDto, 
/**
 * Index of the first row wanted.
 */
offset: number, 
/**
 * Rows wanted (at most 1,000).
 */
limit: number, 
/**
 * Columns wanted; the default set when empty.
 */
columns: Array<string>, };

export type CellDto = null | boolean | number | string;

export type VariantPageDto = { 
/**
 * Rows the query selects in all.
 */
total: number, 
/**
 * Index of this page's first row.
 */
offset: number, 
/**
 * Column names, in cell order.
 */
columns: Array<string>, 
/**
 * Rows of cells.
 */
rows: Array<Array<CellDto>>, 
/**
 * Rows the query would also select that lie in ACMG secondary-findings genes and are
 * hidden because the case's consent does not allow secondary findings.
 */
hiddenSecondaryFindings: number, };

export type VariantColumnDto = { 
/**
 * Column name.
 */
name: string, 
/**
 * `text`, `number` or `flag`.
 */
kind: string, };

export type VariantTableInfoDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * Rows (alleles).
 */
rows: number, 
/**
 * Every column.
 */
columns: Array<VariantColumnDto>, 
/**
 * When the table was imported.
 */
importedAt: string, 
/**
 * Who imported it.
 */
importedBy: string, 
/**
 * The genome build.
 */
genomeBuild: GenomeBuild | null, };

export type VariantPresetDto = { 
/**
 * Unique name.
 */
name: string, 
/**
 * Its query.
 */
query: VariantQueryDto, 
/**
 * When it was saved (empty when sent to be saved).
 */
savedAt: string, 
/**
 * Who saved it (empty when sent to be saved).
 */
savedBy: string, };

export type CountDto = { 
/**
 * What is counted.
 */
label: string, 
/**
 * How many.
 */
count: number, };

export type SexCheckDto = { 
/**
 * Heterozygous chrX SNVs outside the PARs.
 */
chrxHet: number, 
/**
 * Homozygous chrX SNVs outside the PARs.
 */
chrxHom: number, 
/**
 * het / (het + hom), when there are any.
 */
hetFraction: number | null, 
/**
 * `XX`, `XY` or `undetermined`.
 */
call: string, 
/**
 * Why, in words.
 */
reason: string, };

export type FigureDto = { 
/**
 * Stable name (`classes`, `contigs`, `indel-lengths`, `vaf`).
 */
name: string, 
/**
 * The SVG document.
 */
svg: string, };

export type CaseQcDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * Rows of the table.
 */
alleles: number, 
/**
 * Alleles the sample carries.
 */
carried: number, 
/**
 * Carried alleles with FILTER PASS.
 */
passing: number, 
/**
 * By class, most first.
 */
byClass: Array<CountDto>, 
/**
 * By contig, in karyotype order.
 */
byContig: Array<CountDto>, 
/**
 * SNV transitions.
 */
transitions: number, 
/**
 * SNV transversions.
 */
transversions: number, 
/**
 * Ti/Tv.
 */
tiTv: number | null, 
/**
 * Heterozygous alleles.
 */
het: number, 
/**
 * Homozygous alleles.
 */
hom: number, 
/**
 * het/hom.
 */
hetHom: number | null, 
/**
 * Indel length → count (deletions negative; ±20 = beyond).
 */
indelLengths: Array<CountDto>, 
/**
 * Alleles per VAF bin of 0.05.
 */
vafHistogram: Array<CountDto>, 
/**
 * The chrX sex check.
 */
sex: SexCheckDto, 
/**
 * The figures, drawn by kasane-plot.
 */
figures: Array<FigureDto>, };

export type SourceKind = "clinvar" | "gnomad" | "population" | "genes" | "knowledge" | "predictor";

export type SourceManifest = { 
/**
 * The source's name in the cache (`clinvar`, `gnomad-exomes`, `tommo-54kjpn`).
 */
name: string, 
/**
 * What kind of input it is.
 */
kind: SourceKind, 
/**
 * The release or date of the data (ClinVar's fileDate, gnomAD's version).
 */
release: string, 
/**
 * The genome build of its coordinates.
 */
genomeBuild: GenomeBuild, 
/**
 * Records read from the file.
 */
records: number, 
/**
 * Facts stored from it (alleles after splitting).
 */
stored: number, 
/**
 * The file's name (without its folder, which is the builder's machine).
 */
fileName: string, 
/**
 * SHA-256 (hex) of the file's bytes.
 */
sha256: string, 
/**
 * The licence of the data, as its publisher states it (DOMAIN.md §10).
 */
licence: string, };

export type CacheSourceDto = { 
/**
 * The manifest entry.
 */
manifest: SourceManifest, 
/**
 * Indels stored without left-alignment (built without a reference).
 */
notLeftAligned: number, 
/**
 * Records or alleles passed over, by reason.
 */
skipped: Array<[string, number]>, };

export type CacheBuiltDto = { 
/**
 * The cache file.
 */
path: string, 
/**
 * Its genome build.
 */
genomeBuild: GenomeBuild, 
/**
 * Its content hash.
 */
contentSha256: string, 
/**
 * Its sources with what was read from each.
 */
sources: Array<CacheSourceDto>, };

export type CacheInfoDto = { 
/**
 * The cache file.
 */
path: string, 
/**
 * The layout version of the file.
 */
formatVersion: number, 
/**
 * The genome build of every source in it.
 */
genomeBuild: GenomeBuild, 
/**
 * When it was built (RFC 3339, UTC).
 */
builtAt: string, 
/**
 * The Kasane version that built it.
 */
builderVersion: string, 
/**
 * SHA-256 (hex) of its content, as recorded when it was built.
 */
contentSha256: string, 
/**
 * The reference FASTA the sources were normalised against (path, size, `.fai` SHA-256
 * as JSON), `None` when built without one.
 */
reference: string | null, 
/**
 * Its sources.
 */
sources: Array<SourceManifest>, 
/**
 * ClinVar facts stored.
 */
clinvarRecords: number, 
/**
 * Frequency facts stored.
 */
frequencyRecords: number, 
/**
 * Genes stored (0 for a cache without gene models).
 */
genes: number, 
/**
 * Transcripts stored.
 */
transcripts: number, };

export type SignatureState = "unsigned" | "trusted" | "untrusted" | "invalid";

export type SignatureDto = { 
/**
 * The verdict.
 */
state: SignatureState, 
/**
 * The signer's key fingerprint, when signed.
 */
fingerprint?: string, 
/**
 * When it was signed.
 */
signedAt?: string, 
/**
 * What is wrong, for an invalid signature.
 */
problem?: string, };

export type CacheVerifyDto = { 
/**
 * The cache file.
 */
path: string, 
/**
 * Whether every check passed: content intact and the signature acceptable.
 */
sound: boolean, 
/**
 * Whether the file is intact and holds exactly what was built.
 */
contentSound: boolean, 
/**
 * SQLite's integrity verdict.
 */
integrity: string, 
/**
 * Content hash recorded at build time.
 */
recordedSha256: string, 
/**
 * Content hash of the rows now.
 */
computedSha256: string, 
/**
 * What the signature beside the cache says.
 */
signature: SignatureDto, 
/**
 * Whether a signature by a trusted key was required.
 */
signatureRequired: boolean, };

export type KeyPairDto = { 
/**
 * The secret key file (keep it at the signing site only).
 */
secretKey: string, 
/**
 * The public key file (give it to the sites that check signatures).
 */
publicKey: string, 
/**
 * The key's fingerprint.
 */
fingerprint: string, };

export type CacheSignedDto = { 
/**
 * The cache file.
 */
path: string, 
/**
 * The signature file written beside it.
 */
signatureFile: string, 
/**
 * SHA-256 of the whole cache file, as signed.
 */
fileSha256: string, 
/**
 * The signer's key fingerprint.
 */
fingerprint: string, 
/**
 * When.
 */
signedAt: string, };

export type TrustedKeyDto = { 
/**
 * A name for people (the signing hospital).
 */
name: string, 
/**
 * The key's fingerprint.
 */
fingerprint: string, 
/**
 * The public key, hex.
 */
publicKey: string, };

export type CacheSummary = { 
/**
 * The layout version of the file.
 */
formatVersion: number, 
/**
 * The genome build of every source in it.
 */
genomeBuild: GenomeBuild, 
/**
 * When it was built (RFC 3339, UTC).
 */
builtAt: string, 
/**
 * The Kasane version that built it.
 */
builderVersion: string, 
/**
 * SHA-256 (hex) of its content, as recorded when it was built.
 */
contentSha256: string, 
/**
 * The reference FASTA the sources were normalised against (path, size, `.fai` SHA-256
 * as JSON), `None` when built without one.
 */
reference: string | null, 
/**
 * Its sources.
 */
sources: Array<SourceManifest>, 
/**
 * ClinVar facts stored.
 */
clinvarRecords: number, 
/**
 * Frequency facts stored.
 */
frequencyRecords: number, 
/**
 * Genes stored (0 for a cache without gene models).
 */
genes: number, 
/**
 * Transcripts stored.
 */
transcripts: number, };

export type ClinvarChangeKind = "reclassified" | "review-status-changed" | "added" | "removed";

export type ClinvarChange = { 
/**
 * What changed.
 */
kind: ClinvarChangeKind, 
/**
 * The allele, `chrom-pos-ref-alt`.
 */
key: string, 
/**
 * The ClinVar Variation ID.
 */
variationId: string | null, 
/**
 * Genes (`SYMBOL:GeneID`) as the newer cache (else the older) lists them.
 */
genes: string | null, 
/**
 * Classification in the older cache.
 */
oldSignificance: string | null, 
/**
 * Classification in the newer cache.
 */
newSignificance: string | null, 
/**
 * Review status in the older cache.
 */
oldReviewStatus: string | null, 
/**
 * Review status in the newer cache.
 */
newReviewStatus: string | null, 
/**
 * Stars in the older cache.
 */
oldStars: number | null, 
/**
 * Stars in the newer cache.
 */
newStars: number | null, };

export type HeldClassificationDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The latest version.
 */
version: number, 
/**
 * Its class (`likely-pathogenic`).
 */
class: string, 
/**
 * Who signed it off, when someone has.
 */
signedOffBy?: string, };

export type CacheDiffDto = { 
/**
 * The older cache and its content hash.
 */
oldCache: [string, string], 
/**
 * The newer cache and its content hash.
 */
newCache: [string, string], 
/**
 * The ClinVar releases compared (older, newer).
 */
clinvarReleases: [string, string], 
/**
 * Every changed variation, in genome order.
 */
changes: Array<ClinvarChange>, 
/**
 * Cases of the workspace searched for the changed variants (`None` when no workspace was
 * searched).
 */
casesSearched?: number, 
/**
 * The cases holding each changed variant, by key: the reclassification work list.
 */
heldBy: { [key in string]: Array<string> }, 
/**
 * The workspace's classifications of each changed variant (the latest version in each
 * case that classified it), by key: the classifications to look at again.
 */
classified: { [key in string]: Array<HeldClassificationDto> }, };

export type AnnotateCaseDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The cache file; the workspace's active cache when absent.
 */
cache?: string, };

export type SourceMatchesDto = { 
/**
 * The source's name in the cache.
 */
source: string, 
/**
 * Its release.
 */
release: string, 
/**
 * Case alleles it has a frequency for.
 */
rows: number, };

export type CaseAnnotationDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The annotation's number in the workspace.
 */
annotationId: number, 
/**
 * The variant import it annotated.
 */
variantImportId: number, 
/**
 * The cache file as given.
 */
cacheFile: string, 
/**
 * The cache's content hash: the release every fact traces to.
 */
cacheSha256: string, 
/**
 * The cache's genome build.
 */
genomeBuild: GenomeBuild, 
/**
 * The cache's sources with their releases.
 */
cacheSources: Array<SourceManifest>, 
/**
 * Alleles annotated (every row of the variant table).
 */
rows: number, 
/**
 * Alleles with a ClinVar record.
 */
clinvarRows: number, 
/**
 * Alleles with a frequency, per population source.
 */
frequencyRows: Array<SourceMatchesDto>, 
/**
 * What the annotator could not do and why it matters.
 */
warnings: Array<string>, 
/**
 * The annotation table, relative to the workspace folder.
 */
annotationFile: string, 
/**
 * When.
 */
annotatedAt: string, 
/**
 * By whom.
 */
annotatedBy: string, 
/**
 * Whether the case's variant table shows this annotation now (the latest one of its
 * current import; a case imported again is not annotated until it is annotated again).
 */
current: boolean, };

export type Strand = "forward" | "reverse";

export type Interval = { 
/**
 * First base.
 */
start: number, 
/**
 * Last base.
 */
end: number, };

export type GeneModel = { 
/**
 * The source's gene identifier (`ENSG00000154263`, `gene-BRCA1`, RefSeq's GeneID).
 */
geneId: string, 
/**
 * The gene symbol (`ABCA10`), when the source names one.
 */
symbol: string | null, 
/**
 * The gene's biotype (`protein_coding`, `lncRNA` …).
 */
biotype: string | null, 
/**
 * Canonical contig (`chr17`).
 */
contig: string, 
/**
 * Where it lies.
 */
extent: Interval, 
/**
 * Its strand.
 */
strand: Strand, };

export type TranscriptLocation = { "kind": "exon", "number": number } | { "kind": "intron", "number": number } | { "kind": "outside" };

export type ClinvarRecord = { 
/**
 * Canonical contig (`chr17`).
 */
contig: string, 
/**
 * 1-based position after normalisation.
 */
pos: number, 
/**
 * Normalised REF.
 */
reference: string, 
/**
 * Normalised ALT.
 */
alternate: string, 
/**
 * Whether the allele is known to be leftmost (false when built without a reference and
 * the allele is an indel).
 */
leftAligned: boolean, 
/**
 * The ClinVar Variation ID.
 */
variationId: string | null, 
/**
 * The ClinVar Allele ID.
 */
alleleId: string | null, 
/**
 * Germline classification as ClinVar words it (`Pathogenic/Likely pathogenic`).
 */
significance: string | null, 
/**
 * Aggregate review status in words.
 */
reviewStatus: string | null, 
/**
 * Gold stars of the review status.
 */
stars: number | null, 
/**
 * The conflicting classifications and their counts, when ClinVar lists them.
 */
conflicts: string | null, 
/**
 * Conditions (`|`-separated, as ClinVar lists them).
 */
conditions: string | null, 
/**
 * Condition identifiers (MedGen, OMIM, Orphanet …), `|`-separated per condition.
 */
conditionIds: string | null, 
/**
 * Genes as `SYMBOL:GeneID`, `|`-separated.
 */
genes: string | null, 
/**
 * Molecular consequences (`SO:0001583|missense_variant`, comma-separated).
 */
consequences: string | null, 
/**
 * Variant type (`single nucleotide variant`).
 */
variantType: string | null, 
/**
 * HGVS expressions ClinVar gives for the variation.
 */
hgvs: string | null, 
/**
 * Oncogenicity classification (ClinVar 2024+ `ONC`).
 */
oncogenicity: string | null, 
/**
 * Review status of the oncogenicity classification.
 */
oncogenicityReviewStatus: string | null, 
/**
 * Somatic clinical impact (ClinVar 2024+ `SCI`).
 */
somaticImpact: string | null, 
/**
 * Review status of the somatic clinical impact.
 */
somaticReviewStatus: string | null, };

export type GroupFrequency = { 
/**
 * The group's code as the source names it (`afr`, `eas`, `nfe`; `jpn` for a Japanese
 * panel).
 */
group: string, 
/**
 * Alternate allele count.
 */
alleleCount: number | null, 
/**
 * Allele number (called alleles).
 */
alleleNumber: number | null, 
/**
 * Allele frequency.
 */
alleleFrequency: number | null, 
/**
 * Homozygous individuals.
 */
homozygotes: number | null, };

export type FrequencyRecord = { 
/**
 * Canonical contig.
 */
contig: string, 
/**
 * 1-based position after normalisation.
 */
pos: number, 
/**
 * Normalised REF.
 */
reference: string, 
/**
 * Normalised ALT.
 */
alternate: string, 
/**
 * Whether the allele is known to be leftmost.
 */
leftAligned: boolean, 
/**
 * FILTER as written (`PASS`, `AC0;AS_VQSR`), `None` when `.`.
 */
filter: string | null, 
/**
 * The whole dataset's counts (group empty).
 */
overall: GroupFrequency, 
/**
 * The group with the highest frequency, as the source names it (gnomAD `grpmax`/`popmax`).
 */
grpmax: string | null, 
/**
 * Allele frequency in that group.
 */
grpmaxFrequency: number | null, 
/**
 * Allele number in that group.
 */
grpmaxAlleleNumber: number | null, 
/**
 * The largest 95 % filtering allele frequency over the groups gnomAD weighs.
 */
faf95Max: number | null, 
/**
 * The group of that filtering allele frequency.
 */
faf95MaxGroup: string | null, 
/**
 * Counts per group.
 */
groups: Array<GroupFrequency>, };

export type SourceFrequencyDto = { 
/**
 * The source's name in the cache.
 */
source: string, 
/**
 * Its release.
 */
release: string, 
/**
 * The frequencies, with per-group counts.
 */
record: FrequencyRecord, };

export type PredictorScore = { 
/**
 * The tool (`REVEL`).
 */
tool: string, 
/**
 * Canonical contig.
 */
contig: string, 
/**
 * 1-based position on the cache's genome build.
 */
pos: number, 
/**
 * Reference base.
 */
reference: string, 
/**
 * Alternate base.
 */
alternate: string, 
/**
 * The score.
 */
score: number, 
/**
 * The amino-acid change scored (`R>H`), when the source gives it.
 */
aminoAcids?: string, 
/**
 * The transcripts the score is for (Ensembl ids without version); empty when the source
 * names none.
 */
transcripts: Array<string>, };

export type SourceScoreDto = { 
/**
 * The source's name in the cache.
 */
source: string, 
/**
 * Its release.
 */
release: string, 
/**
 * The score, with the transcripts it is for.
 */
score: PredictorScore, };

export type TranscriptHitDto = { 
/**
 * Versioned identifier.
 */
transcriptId: string, 
/**
 * Gene symbol.
 */
geneSymbol?: string, 
/**
 * Biotype.
 */
biotype?: string, 
/**
 * `+` or `-`.
 */
strand: string, 
/**
 * MANE Select.
 */
maneSelect: boolean, 
/**
 * MANE Plus Clinical.
 */
manePlusClinical: boolean, 
/**
 * Ensembl canonical.
 */
canonical: boolean, 
/**
 * Whether it encodes a protein.
 */
coding: boolean, 
/**
 * Its exons.
 */
exonCount: number, 
/**
 * Where the locus start lies on it.
 */
location: TranscriptLocation, 
/**
 * The variant in HGVS c. (or n.) on it, 3′-shifted (`c.4837A>G`, `c.5266dup`), when the
 * cache's reference is at hand (a substitution's is given without it).
 */
hgvsC?: string, 
/**
 * The predicted protein change (`p.(Ser1613Gly)`), when the cache's reference is at hand.
 */
hgvsP?: string, 
/**
 * The variant's consequences on it (VEP's terms, most severe first).
 */
consequences: Array<string>, 
/**
 * For a premature stop: whether nonsense-mediated decay is predicted (DOMAIN.md
 * R-ACMG-006).
 */
nmd?: NmdPrediction, 
/**
 * For a premature stop: the codon of the variant protein it takes (1-based).
 */
prematureStop?: number, 
/**
 * For a coding change: the first and last codon it changes.
 */
proteinPositions?: Interval, 
/**
 * The reference protein's length in residues, when its coding sequence is sound and the
 * cache's reference is at hand.
 */
proteinLength?: number, 
/**
 * For a change at a canonical splice site: what skipping the exon beside it would do.
 */
exonSkipping?: ExonSkipping, 
/**
 * The reference protein's first methionine after the start (a potential start codon), as a
 * residue number, when the reference is at hand.
 */
nextMethionine?: number, 
/**
 * Why the variant could not be described on it (its REF disagrees with the transcript's
 * sequence: another genome build or reference), or what part of it is not given (it
 * crosses an exon–intron boundary, no reference is at hand).
 */
problem?: string, };

export type VariantPanelDto = { 
/**
 * The cache read.
 */
cacheFile: string, 
/**
 * Its content hash (the release every fact here traces to).
 */
cacheSha256: string, 
/**
 * The variant asked for (`chr17-43045712-T-C`), when one was.
 */
key?: string, 
/**
 * The locus read.
 */
contig: string, 
/**
 * First base.
 */
start: number, 
/**
 * Last base.
 */
end: number, 
/**
 * ClinVar records of the variant (or every record starting in the locus).
 */
clinvar: Array<ClinvarRecord>, 
/**
 * Frequencies of the variant (or of every allele starting in the locus), per source.
 */
frequencies: Array<SourceFrequencyDto>, 
/**
 * Missense predictor scores of the variant (or of every change in the locus), one per
 * transcript set the source scores.
 */
scores: Array<SourceScoreDto>, 
/**
 * Genes overlapping the locus.
 */
genes: Array<GeneModel>, 
/**
 * Transcripts overlapping the locus, MANE Select first.
 */
transcripts: Array<TranscriptHitDto>, 
/**
 * What the cache's knowledge tables say about those genes (genes they are silent on are
 * left out).
 */
knowledge: Array<GeneKnowledge>, 
/**
 * For a structural variant: its exon-level effect on the transcripts it touches (MANE
 * Select first, at most [`STRUCTURAL_TRANSCRIPTS`]), each with its exon diagram.
 */
structural: Array<StructuralEffectDto>, 
/**
 * For a breakend: the DNA-level fusions its join makes of the transcripts at its two
 * breakpoints.
 */
fusions: Array<FusionDto>, };

export type VariantPanelRequestDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The variant's key (`chr1-925952-G-A`).
 */
key: string, };

export type StructuralEffectDto = { 
/**
 * The transcript (versioned identifier).
 */
transcriptId: string, 
/**
 * Its gene symbol.
 */
geneSymbol?: string, 
/**
 * Whether it encodes a protein.
 */
coding: boolean, 
/**
 * MANE Select.
 */
maneSelect: boolean, 
/**
 * Its exon count.
 */
exonCount: number, 
/**
 * The exon-level effect; `None` more than 5 kb away.
 */
effect?: StructuralEffect, 
/**
 * The transcript's exons with the variant over them, as SVG.
 */
diagramSvg: string, };

export type FusionDto = { 
/**
 * The partner whose 5′ part is kept.
 */
fivePrime: FusionPartnerDto, 
/**
 * The partner whose 3′ part is kept.
 */
threePrime: FusionPartnerDto, 
/**
 * Whether the joined coding sequences keep one frame; `None` when it cannot be told (a
 * breakpoint in an exon or outside a coding sequence).
 */
inFrame?: boolean, };

export type FusionPartnerDto = { 
/**
 * The transcript (versioned identifier).
 */
transcriptId: string, 
/**
 * Its gene symbol.
 */
geneSymbol?: string, 
/**
 * Where the breakpoint falls on it (exon or intron number).
 */
location: TranscriptLocation, };

export type StructuralEffect = { 
/**
 * VEP's structural terms (`transcript_ablation`, `transcript_amplification`,
 * `feature_truncation`, `feature_elongation`) with the region and frame terms, most severe
 * first.
 */
consequences: Array<Consequence>, 
/**
 * The exons wholly inside the span (numbers in transcription order).
 */
exons: [number, number] | null, 
/**
 * Where each breakpoint falls on the transcript (inside its extent only).
 */
breakpoints: Array<TranscriptLocation>, 
/**
 * Whether the reading frame survives: only for a coding transcript whose breakpoints are
 * intronic and whose start and stop codons the change leaves alone.
 */
frameKept: boolean | null, 
/**
 * Whether the transcript is broken: a breakpoint inside it that is not a deletion's or
 * duplication's (whose effect the exons say), or an inversion taking part of it.
 */
disrupted: boolean, 
/**
 * For a breakend: the part of the transcript kept beside the breakpoint.
 */
kept: KeptPart | null, 
/**
 * For a breakend, or the 5′-most cut of an inversion, inside the coding sequence: coding
 * bases 5′ of the breakpoint on the transcript — what the native promoter still reads —
 * whose remainder by 3 is the phase a fusion's frame is judged by.
 */
codingBasesBefore: number | null, 
/**
 * The transcript's coding bases, beside `coding_bases_before`: the share of the protein
 * a break separates from its promoter.
 */
codingLength: number | null, };

export type KeptPart = "five-prime" | "three-prime";

export type Consequence = "transcript_ablation" | "transcript_amplification" | "feature_truncation" | "feature_elongation" | "coding_transcript_variant" | "splice_donor_variant" | "splice_acceptor_variant" | "stop_gained" | "stop_lost" | "frameshift_variant" | "start_lost" | "inframe_insertion" | "inframe_deletion" | "missense_variant" | "splice_donor_5th_base_variant" | "splice_region_variant" | "splice_donor_region_variant" | "splice_polypyrimidine_tract_variant" | "start_retained_variant" | "stop_retained_variant" | "synonymous_variant" | "coding_sequence_variant" | "5_prime_UTR_variant" | "3_prime_UTR_variant" | "non_coding_transcript_exon_variant" | "intron_variant" | "upstream_gene_variant" | "downstream_gene_variant";

export type InstallRecordDto = { 
/**
 * The installed file, inside the workspace's caches folder.
 */
path: string, 
/**
 * Where it was copied from.
 */
copiedFrom: string, 
/**
 * Its content hash at install.
 */
contentSha256: string, 
/**
 * The signature's verdict at install.
 */
signature: SignatureDto, 
/**
 * When.
 */
installedAt: string, 
/**
 * By whom.
 */
installedBy: string, };

export type InstalledCacheDto = { 
/**
 * How it was installed and checked.
 */
install: InstallRecordDto, 
/**
 * What the cache says about itself now (`None` when the file is gone or unreadable).
 */
summary?: CacheSummary, 
/**
 * Why it cannot be read, when it cannot.
 */
problem?: string, 
/**
 * Whether it is the workspace's active cache.
 */
active: boolean, };

export type DiagnosticFusion = { 
/**
 * The entity's number in DOMAIN.md §4.4.
 */
entity: number, 
/**
 * The tumour type.
 */
tumour: string, 
/**
 * The 5′ partner (HGNC symbol).
 */
fivePrime: string, 
/**
 * The 3′ partner (HGNC symbol).
 */
threePrime: string, 
/**
 * The usual rearrangement (`t(11;22)(q24;q12)`), when stated.
 */
rearrangement: string | null, };

export type MethylationMarker = { 
/**
 * The marker's name (`MGMT-DMR1`).
 */
marker: string, 
/**
 * Its gene.
 */
gene: string, 
/**
 * Canonical contig.
 */
contig: string, 
/**
 * First base (GRCh38, 1-based).
 */
start: number, 
/**
 * Last base.
 */
end: number, 
/**
 * Mean methylated fraction at or above which the region is called methylated.
 */
methylatedAtLeast: number, 
/**
 * Mean fraction at or below which it is called unmethylated (between the two: grey zone).
 */
unmethylatedAtMost: number, 
/**
 * Reads needed per CpG.
 */
minCoverage: number, 
/**
 * What the marker is used for.
 */
clinicalUse: string, 
/**
 * Where the thresholds come from.
 */
basis: string, };

export type GeneMetaboliteLink = { 
/**
 * The gene (HGNC symbol).
 */
gene: string, 
/**
 * The metabolite signal.
 */
metabolite: string, 
/**
 * `increased` or `decreased`.
 */
change: string, 
/**
 * The disorder or tumour context.
 */
context: string, };

export type ReportableVariants = "all" | "biallelic" | "x_linked" | "hemizygous_or_biallelic" | "c282y_homozygous" | "truncating";

export type SecondaryFindingGene = { 
/**
 * The gene (HGNC symbol).
 */
gene: string, 
/**
 * Its HGNC ID (`HGNC:1100`).
 */
hgncId: string, 
/**
 * The condition the gene is listed for.
 */
condition: string, 
/**
 * The list's phenotype category (Cancer, Cardiovascular, Metabolic, Miscellaneous).
 */
category: string, 
/**
 * Mode of inheritance: AD, AR or XL.
 */
inheritance: string, 
/**
 * Which variants are reported.
 */
reportable: ReportableVariants, 
/**
 * The list version that first named the gene (`1.0` … `3.3`).
 */
listedSince: string, 
/**
 * A remark of the table (a restriction, or a `[verify]` mark still open).
 */
note: string | null, };

export type DosageScore = "no_evidence" | "little" | "some" | "sufficient" | "autosomal_recessive" | "unlikely" | "not_yet_evaluated";

export type DosageLocation = { 
/**
 * Canonical contig (`chr17`).
 */
contig: string, 
/**
 * 1-based first base.
 */
start: number, 
/**
 * 1-based last base.
 */
end: number, };

export type DosageSensitivity = { 
/**
 * The gene (HGNC symbol).
 */
gene: string, 
/**
 * Its NCBI Gene ID.
 */
ncbiGeneId: string, 
/**
 * Its cytogenetic band as ClinGen writes it.
 */
cytoband: string, 
/**
 * Its GRCh38 location, when ClinGen gives one.
 */
location: DosageLocation | null, 
/**
 * Haploinsufficiency (loss of one copy).
 */
haploinsufficiency: DosageScore, 
/**
 * The disease of the haploinsufficiency curation (MONDO ID).
 */
haploinsufficiencyDisease: string | null, 
/**
 * The publications the haploinsufficiency curation cites (PubMed IDs as written).
 */
haploinsufficiencyPmids: Array<string>, 
/**
 * Triplosensitivity (gain of one copy).
 */
triplosensitivity: DosageScore, 
/**
 * The disease of the triplosensitivity curation (MONDO ID).
 */
triplosensitivityDisease: string | null, 
/**
 * The publications the triplosensitivity curation cites.
 */
triplosensitivityPmids: Array<string>, 
/**
 * When ClinGen last evaluated the gene (`YYYY-MM-DD`).
 */
lastEvaluated: string, };

export type CancerGeneRole = { 
/**
 * The gene symbol.
 */
gene: string, 
/**
 * Whether the list calls it an oncogene.
 */
oncogene: boolean, 
/**
 * Whether the list calls it a tumour suppressor.
 */
tumourSuppressor: boolean, };

export type GeneDiseaseValidity = { 
/**
 * The gene symbol.
 */
gene: string, 
/**
 * The disease as ClinGen labels it.
 */
disease: string, 
/**
 * Its MONDO identifier, when given.
 */
mondo?: string, 
/**
 * The mode of inheritance (`AD`, `AR`, `XL` …), when given.
 */
inheritance?: string, 
/**
 * The classification (`Definitive`, `Strong`, `Moderate`, `Limited`, `Disputed`,
 * `Refuted`, `No Known Disease Relationship`).
 */
classification: string, 
/**
 * When it was classified, when given.
 */
classifiedOn?: string, };

export type GeneKnowledge = { 
/**
 * The gene asked about.
 */
gene: string, 
/**
 * Diagnostic fusions with the gene as either partner.
 */
fusions: Array<DiagnosticFusion>, 
/**
 * Methylation markers of the gene.
 */
methylationMarkers: Array<MethylationMarker>, 
/**
 * Metabolite signals of the gene.
 */
metabolites: Array<GeneMetaboliteLink>, 
/**
 * The gene's entries in the ACMG secondary-findings list (one per condition).
 */
secondaryFindings: Array<SecondaryFindingGene>, 
/**
 * ClinGen's dosage-sensitivity curation of the gene, when it has one.
 */
dosage: DosageSensitivity | null, 
/**
 * The gene's role in cancer, when a cancer gene list names it.
 */
cancerRole?: CancerGeneRole, 
/**
 * ClinGen's gene–disease validity curations of the gene, one per disease and mode of
 * inheritance.
 */
validity: Array<GeneDiseaseValidity>, };

export type NmdPrediction = "triggered" | "escapes_last_exon" | "escapes_penultimate_exon_end" | "escapes_single_exon";

export type ExonSkipping = { 
/**
 * The exon skipped (transcription order).
 */
exon: number, 
/**
 * The transcript's exon count.
 */
exonCount: number, 
/**
 * Whether the reading frame survives; `None` when the exon holds the start or stop codon.
 */
frameKept: boolean | null, 
/**
 * The share of the coding sequence the exon holds.
 */
exonShare: number, 
/**
 * The share of the coding sequence from the exon's first coding base to the end.
 */
shareToEnd: number, };

export type Direction = "pathogenic" | "benign";

export type Strength = "supporting" | "moderate" | "strong" | "very-strong" | "stand-alone";

export type Criterion = "PVS1" | "PS1" | "PS2" | "PS3" | "PS4" | "PM1" | "PM2" | "PM3" | "PM4" | "PM5" | "PM6" | "PP1" | "PP2" | "PP3" | "PP4" | "PP5" | "BA1" | "BS1" | "BS2" | "BS3" | "BS4" | "BP1" | "BP2" | "BP3" | "BP4" | "BP5" | "BP6" | "BP7";

export type AppliedCriterion = { 
/**
 * The criterion.
 */
criterion: Criterion, 
/**
 * The strength it counts at.
 */
strength: Strength, 
/**
 * Whether the strength was written (`PM2_Moderate`) rather than the rule set's default.
 */
modified: boolean, };

export type ScoredCriterion = { 
/**
 * Its name with any strength modifier: `PM2_Supporting`.
 */
name: string, 
/**
 * The criterion and the strength it counted at.
 */
applied: AppliedCriterion, 
/**
 * The points it added (negative toward benign; none for BA1, which stands alone).
 */
points: number, };

export type Classification = "pathogenic" | "likely-pathogenic" | "uncertain-significance" | "likely-benign" | "benign";

export type Assessment = { 
/**
 * The rule set's name.
 */
ruleSet: string, 
/**
 * The rule set's version, recorded with every classification.
 */
ruleSetVersion: string, 
/**
 * The rule set's class bands, to show where the points fall.
 */
bands: ClassBands, 
/**
 * The criteria in the order given.
 */
criteria: Array<ScoredCriterion>, 
/**
 * Their points summed.
 */
points: number, 
/**
 * The class of the points (BA1 makes it Benign whatever the points): the reported result.
 */
pointsClass: Classification, 
/**
 * The class by the Richards 2015 combining rules on the same criteria.
 */
rules2015Class: Classification, 
/**
 * Whether the two classes agree; when not, the curator is shown both.
 */
agree: boolean, 
/**
 * What the curator should know about the result (BA1 deciding, a disagreement, a 2015
 * level read another way).
 */
notes: Array<string>, };

export type StrengthPoints = { 
/**
 * Supporting.
 */
supporting: number, 
/**
 * Moderate.
 */
moderate: number, 
/**
 * Strong.
 */
strong: number, 
/**
 * Very strong.
 */
very_strong: number, };

export type ClassBands = { 
/**
 * Fewest points of Pathogenic.
 */
pathogenic_from: number, 
/**
 * Fewest points of Likely pathogenic.
 */
likely_pathogenic_from: number, 
/**
 * Most points of Likely benign.
 */
likely_benign_to: number, 
/**
 * Most points of Benign.
 */
benign_to: number, };

export type FrequencyMetric = "faf95" | "group-af";

export type PopulationThresholds = { 
/**
 * BA1 holds above this frequency (grpmax FAF95 where the source gives it).
 */
ba1_above: number, 
/**
 * BS1 holds above this frequency, when a VCEP specification sets one (otherwise BS1 needs
 * the disorder's parameters).
 */
bs1_above?: number, 
/**
 * PM2 holds below this frequency (absent counts as below), when a VCEP specification
 * sets one; otherwise PM2 needs the allele absent from every population source.
 */
pm2_below?: number, 
/**
 * Fewest alleles a group's frequency must rest on to count for BA1 (and BS1).
 */
minimum_allele_number: number, 
/**
 * Which frequency the thresholds are compared with.
 */
metric: FrequencyMetric, };

export type ComputationalThresholds = { 
/**
 * The predictor (`REVEL`).
 */
tool: string, 
/**
 * PP3 holds from this score on; `None` when the specification's PP3 is not encoded.
 */
pp3_from?: number, 
/**
 * BP4 holds below this score; `None` when the specification's BP4 is not encoded.
 */
bp4_below?: number, };

export type Pvs1Specification = { 
/**
 * The VCEP's statement that loss of function is the disease mechanism: the tree's
 * prerequisite, which DOMAIN.md §1.5 lets a VCEP give in place of ClinGen dosage.
 */
loss_of_function: string, 
/**
 * The transcripts the codon and exon numbers are written on, versioned (`NM_000152.5`,
 * and the Ensembl transcript MANE pairs with it).
 */
transcripts: Array<string>, 
/**
 * Those transcripts' exons, to tell that an exon number means the same exon.
 */
exon_count: number, 
/**
 * A nonsense, frameshift or splice change whose premature stop comes before this codon
 * is PVS1 (Very Strong).
 */
stop_before_codon: number, 
/**
 * A premature stop at or after that codon that escapes nonsense-mediated decay.
 */
late_stop_escaping_decay: Strength, 
/**
 * The whole-exon losses the table grades, with its reasons.
 */
exon_loss: Array<ExonLossRule>, 
/**
 * A change of the initiation codon.
 */
initiation_codon: Strength, };

export type ExonLossRule = { 
/**
 * Exon numbers on the specification's transcripts.
 */
exons: Array<number>, 
/**
 * Their strength.
 */
strength: Strength, 
/**
 * The VCEP's reason, in a line.
 */
why: string, };

export type Pvs1Case = "stop-before-codon" | "late-stop-escaping-decay" | "exon-loss" | "initiation-codon";

export type Pvs1Grade = { 
/**
 * What the row grades.
 */
case: Pvs1Case, 
/**
 * The codon of a stop row.
 */
codon: number | null, 
/**
 * The exons of an exon-loss row.
 */
exons: Array<number>, 
/**
 * The criterion it gives: `PVS1`, `PVS1_Strong`, `PVS1_Moderate`.
 */
code: string, 
/**
 * The VCEP's reason, for an exon-loss row.
 */
why: string | null, };

export type GradedCode = { 
/**
 * The code (`PP4_Moderate`).
 */
code: string, 
/**
 * The fewest points.
 */
from: number, };

export type PhenotypeFinding = { 
/**
 * Its short name, as the CLI and the evidence board write it (`deficient-activity`).
 */
id: string, 
/**
 * Its points.
 */
points: number, 
/**
 * The finding as the specification words it.
 */
finding: string, };

export type PhenotypeGrade = { 
/**
 * The fewest points.
 */
from: number, 
/**
 * The strength they give.
 */
strength: Strength, };

export type PhenotypeSpecification = { 
/**
 * The criterion the points grade (`PP4`).
 */
criterion: string, 
/**
 * The findings, each with its points.
 */
findings: Array<PhenotypeFinding>, 
/**
 * The strengths the sum reaches, highest first.
 */
grades: Array<PhenotypeGrade>, 
/**
 * What the curator must still check before applying the code, as the specification says
 * it (or as far as it could be read).
 */
caveat: string, };

export type PhenotypeScore = { 
/**
 * The rule set and version whose table scored them (`clingen-lsd-vcep-gaa-v2 1.4.0`).
 */
ruleSet: string, 
/**
 * The sum of the findings' points.
 */
points: number, 
/**
 * The findings counted, in the specification's order.
 */
findings: Array<PhenotypeFinding>, 
/**
 * The code the points reach (`PP4_Moderate`), `None` below the lowest grade.
 */
code: string | null, 
/**
 * The sum in words, to keep as the reason of the decision.
 */
reason: string, 
/**
 * What the curator must still check before applying the code.
 */
caveat: string, };

export type RuleSet = { 
/**
 * Its name (`clingen-svi-points-2020`).
 */
name: string, 
/**
 * Its version; a changed file is a new version.
 */
version: string, 
/**
 * What it is, in a line.
 */
title: string, 
/**
 * The publications and recommendations it encodes.
 */
sources: Array<string>, 
/**
 * Points per strength.
 */
points: StrengthPoints, 
/**
 * Class bands.
 */
bands: ClassBands, 
/**
 * Strengths a code without a written strength takes, where they differ from 2015's
 * (`PM2` → supporting).
 */
default_strengths: { [key in string]: Strength }, 
/**
 * Whether PP5 and BP6 (reputable source) may be applied; ClinGen SVI advises against.
 */
reputable_source_codes: boolean, 
/**
 * Population-frequency thresholds.
 */
population: PopulationThresholds, 
/**
 * A VCEP specification's own thresholds for the missense predictor (PP3/BP4 at their
 * default strength); without them a VCEP's PP3 and BP4 are the curator's, and a general
 * rule set uses Pejaver 2022's calibration.
 */
computational?: ComputationalThresholds, 
/**
 * The genes a VCEP specification covers: the rule set is chosen for their variants.
 */
genes?: Array<string>, 
/**
 * Codes the specification does not use; applying one is refused.
 */
not_used?: Array<string>, 
/**
 * A VCEP's own PVS1 table for its gene, read before the general tree.
 */
pvs1?: Pvs1Specification, 
/**
 * A VCEP's phenotype-specificity points for PP4: the curator ticks a patient's findings
 * and their sum names PP4's strength.
 */
phenotype?: PhenotypeSpecification, };

export type RuleSetFileDto = { 
/**
 * The rule set's name.
 */
name: string, 
/**
 * Its version.
 */
version: string, 
/**
 * The file in the workspace's rule-set folder.
 */
fileName: string, 
/**
 * SHA-256 of the file as added.
 */
sha256: string, 
/**
 * When it was added.
 */
addedAt: string, 
/**
 * Who added it.
 */
addedBy: string, };

export type ListedRuleSetDto = { 
/**
 * Whether it is the one used when no other is named or covers the gene.
 */
default: boolean, 
/**
 * The file and its SHA-256 when the workspace added it; `None` for a built-in one.
 */
added?: RuleSetFileDto, 
/**
 * The rows of its VCEP PVS1 table as they read, when it has one.
 */
pvs1Grades: Array<Pvs1Grade>, 
/**
 * The codes its PP4 phenotype table gives, highest first, when it has one.
 */
phenotypeGrades: Array<GradedCode>, 
/**
 * Its name (`clingen-svi-points-2020`).
 */
name: string, 
/**
 * Its version; a changed file is a new version.
 */
version: string, 
/**
 * What it is, in a line.
 */
title: string, 
/**
 * The publications and recommendations it encodes.
 */
sources: Array<string>, 
/**
 * Points per strength.
 */
points: StrengthPoints, 
/**
 * Class bands.
 */
bands: ClassBands, 
/**
 * Strengths a code without a written strength takes, where they differ from 2015's
 * (`PM2` → supporting).
 */
default_strengths: { [key in string]: Strength }, 
/**
 * Whether PP5 and BP6 (reputable source) may be applied; ClinGen SVI advises against.
 */
reputable_source_codes: boolean, 
/**
 * Population-frequency thresholds.
 */
population: PopulationThresholds, 
/**
 * A VCEP specification's own thresholds for the missense predictor (PP3/BP4 at their
 * default strength); without them a VCEP's PP3 and BP4 are the curator's, and a general
 * rule set uses Pejaver 2022's calibration.
 */
computational?: ComputationalThresholds, 
/**
 * The genes a VCEP specification covers: the rule set is chosen for their variants.
 */
genes?: Array<string>, 
/**
 * Codes the specification does not use; applying one is refused.
 */
not_used?: Array<string>, 
/**
 * A VCEP's own PVS1 table for its gene, read before the general tree.
 */
pvs1?: Pvs1Specification, 
/**
 * A VCEP's phenotype-specificity points for PP4: the curator ticks a patient's findings
 * and their sum names PP4's strength.
 */
phenotype?: PhenotypeSpecification, };

export type Ba1Exception = { 
/**
 * Gene symbol.
 */
gene: string, 
/**
 * The variant as the list describes it (transcript, c. and p.).
 */
hgvs: string, 
/**
 * ClinVar variation ID.
 */
clinvar_variation_id: number, 
/**
 * ClinGen Allele Registry ID.
 */
allele_registry_id: string, 
/**
 * The allele on GRCh37 as the cache keys it (`chrom-pos-ref-alt`, left-aligned).
 */
grch37: string, 
/**
 * The allele on GRCh38 as the cache keys it.
 */
grch38: string, };

export type Ba1ExceptionList = { 
/**
 * Its name.
 */
name: string, 
/**
 * Its version (the working group's release date).
 */
version: string, 
/**
 * What it is.
 */
title: string, 
/**
 * Where it comes from and how its alleles were checked.
 */
sources: Array<string>, 
/**
 * The variants on it.
 */
variants: Array<Ba1Exception>, };

export type ProposalState = "met" | "not-met" | "not-evaluable";

export type FrequencyEvidence = { 
/**
 * The source's name.
 */
source: string, 
/**
 * Its release.
 */
release: string, 
/**
 * What was read: `grpmax FAF95 (nfe)`, `grpmax AF (afr)`, `AF`.
 */
metric: string, 
/**
 * Its value; `None` when the allele is absent.
 */
value: number | null, 
/**
 * The allele number it rests on.
 */
alleleNumber: number | null, 
/**
 * The allele count behind the value, when the source gives it (not for a filtering AF).
 */
alleleCount?: number, 
/**
 * Whether the value is a 95 % filtering allele frequency: a lower confidence bound that
 * already allows for the sample's size.
 */
filtering: boolean, };

export type Proposal = { 
/**
 * The criterion at the strength it would count at.
 */
applied: AppliedCriterion, 
/**
 * Its name with any strength modifier: `PM2_Supporting`.
 */
name: string, 
/**
 * Whether the evidence meets it.
 */
state: ProposalState, 
/**
 * Why, in a sentence naming the numbers and the rule.
 */
reason: string, 
/**
 * The frequencies read, one per source (population criteria).
 */
evidence: Array<FrequencyEvidence>, 
/**
 * The facts and decision-tree nodes the proposal went through, in order (the PVS1 tree
 * path of DOMAIN.md R-ACMG-007, the transcript read).
 */
path: Array<string>, };

export type Role = "annotator" | "reviewer" | "trainee";

export type DecisionState = "proposed" | "accepted" | "rejected";

export type CriterionDecision = { 
/**
 * The criterion at the strength it counts at when accepted.
 */
applied: AppliedCriterion, 
/**
 * Its name with any modifier: `PM2_Supporting`.
 */
name: string, 
/**
 * Proposed, accepted or rejected.
 */
state: DecisionState, 
/**
 * Kasane's proposal with its reason and evidence; `None` for a code added by hand.
 */
proposal: Proposal | null, 
/**
 * The curator's reason or note.
 */
note: string | null, 
/**
 * Where the curator's evidence is published (PMID, DOI, VCEP rule).
 */
citation: string | null, 
/**
 * Who decided last; `None` while only proposed.
 */
decidedBy: string | null, };

export type DominantDisorder = { 
/**
 * The disorder's prevalence in the population (1/500 → 0.002).
 */
prevalence: number, 
/**
 * The largest share of cases any single variant explains.
 */
maxAllelicContribution: number, 
/**
 * The penetrance of the variant, the lowest one credible.
 */
penetrance: number, };

export type ReviewedCriteria = { 
/**
 * Every criterion proposed or decided, in the order of Richards 2015.
 */
decisions: Array<CriterionDecision>, 
/**
 * The accepted criteria scored under the rule set.
 */
assessment: Assessment, 
/**
 * The disorder's parameters the population proposals were read under, stored with the
 * classification (R-ACMG-005); `None` when none were given.
 */
disorder?: DominantDisorder, };

export type ProfileDto = { 
/**
 * The name (the actor of their audit entries).
 */
name: string, 
/**
 * What they may do.
 */
role: Role, 
/**
 * When the profile was added.
 */
createdAt: string, 
/**
 * Who added it.
 */
createdBy: string, };

export type ClassifyRequestDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The variant's key (`chr17-43045711-G-A`).
 */
key: string, 
/**
 * The rule set; when absent, the latest version's, else the VCEP specification covering
 * the variant's gene, else the default.
 */
ruleSet?: string, 
/**
 * The disorder's parameters BS1 is read under from this version on (R-ACMG-005); when
 * absent, the latest version's.
 */
disorder?: DominantDisorder, 
/**
 * Codes to accept: `PVS1`, `PS3_Moderate` (a proposal keeps its strength when none is
 * written).
 */
accept: Array<string>, 
/**
 * Codes to reject.
 */
reject: Array<string>, 
/**
 * Why: needed to reject, to change a proposed strength, to add a code by hand and to
 * reclassify a signed-off version.
 */
reason?: string, 
/**
 * Where the evidence of a code added by hand is published (PMID, DOI, VCEP rule).
 */
citation?: string, 
/**
 * The version the curator was looking at: when another was written since, the new
 * version still builds on the latest and says so.
 */
seenVersion?: number, 
/**
 * Decide oncogenicity codes (a somatic classification, Horak 2022) rather than ACMG/AMP
 * criteria; a variant whose classification is already somatic stays so.
 */
oncogenicity?: boolean, 
/**
 * Decide the Riggs 2020 sections of a deletion or duplication (a CNV classification)
 * rather than ACMG/AMP criteria: accept `2A`, or a section with its points, `4A=0.45`; a
 * variant whose classification is a CNV one stays so.
 */
cnv?: boolean, 
/**
 * Clinical evidence items to record with a somatic classification
 * (`A:therapeutic:NSCLC`, `ja:B:diagnostic:GIST`); each needs the citation.
 */
recordEvidence: Array<string>, 
/**
 * Recorded evidence items to withdraw (needs the reason).
 */
withdrawEvidence: Array<string>, };

export type SignOffRequestDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The variant's key.
 */
key: string, 
/**
 * The version signed off; it must be the latest.
 */
version: number, 
/**
 * What the reviewer adds.
 */
comment?: string, };

export type SignOffDto = { 
/**
 * When.
 */
signedAt: string, 
/**
 * The reviewer.
 */
signedBy: string, 
/**
 * Their comment.
 */
comment: string, };

export type ReportedClass = Classification | Oncogenicity;

export type ClassificationDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The variant's key.
 */
key: string, 
/**
 * 1 for the first version, one more for each revision.
 */
version: number, 
/**
 * The reported class (by points; BA1 stands alone), or the oncogenicity of a somatic
 * classification.
 */
class: ReportedClass, 
/**
 * The points of the accepted criteria or codes, or a CNV's Riggs points (0.45).
 */
points: number, 
/**
 * A germline classification's criteria, proposed or decided, and the assessment of the
 * accepted ones.
 */
criteria?: ReviewedCriteria, 
/**
 * A somatic classification's oncogenicity codes, proposed or decided, and their score.
 */
oncogenicity?: ReviewedOncogenicity, 
/**
 * A CNV classification's Riggs 2020 sections, proposed or decided, and their score.
 */
cnv?: ReviewedCnv, 
/**
 * The rule set.
 */
ruleSet: string, 
/**
 * Its version.
 */
ruleSetVersion: string, 
/**
 * The annotation cache the evidence came from, by content hash.
 */
cacheSha256?: string, 
/**
 * What changed and why.
 */
reason: string, 
/**
 * When the version was written.
 */
createdAt: string, 
/**
 * Who wrote it.
 */
createdBy: string, 
/**
 * In which role.
 */
createdRole: Role, 
/**
 * The sign-off, once given.
 */
signOff?: SignOffDto, };

export type InHouseDto = { 
/**
 * The other case.
 */
caseLabel: string, 
/**
 * The version signed off there.
 */
version: number, 
/**
 * Its class.
 */
class: ReportedClass, 
/**
 * Its points and rule set: `9 points, clingen-svi-points-2020 1.1.0`.
 */
basis: string, 
/**
 * The reviewer.
 */
signedBy: string, 
/**
 * When.
 */
signedAt: string, };

export type OncogenicityCode = "OVS1" | "OS1" | "OS2" | "OS3" | "OM1" | "OM2" | "OM3" | "OM4" | "OP1" | "OP2" | "OP3" | "OP4" | "SBVS1" | "SBS1" | "SBS2" | "SBP1" | "SBP2";

export type Oncogenicity = "oncogenic" | "likely-oncogenic" | "uncertain-significance" | "likely-benign" | "benign";

export type OncogenicityBands = { 
/**
 * Fewest points of Oncogenic.
 */
oncogenic_from: number, 
/**
 * Fewest points of Likely oncogenic.
 */
likely_oncogenic_from: number, 
/**
 * Most points of Likely benign.
 */
likely_benign_to: number, 
/**
 * Most points of Benign.
 */
benign_to: number, };

export type ScoredCode = { 
/**
 * The code.
 */
code: OncogenicityCode, 
/**
 * Its points.
 */
points: number, };

export type OncogenicityAssessment = { 
/**
 * The rule set's name.
 */
ruleSet: string, 
/**
 * Its version.
 */
ruleSetVersion: string, 
/**
 * Its bands, to show where the points fall.
 */
bands: OncogenicityBands, 
/**
 * The codes in the order given.
 */
codes: Array<ScoredCode>, 
/**
 * Their points summed.
 */
points: number, 
/**
 * The class of the points.
 */
class: Oncogenicity, };

export type OncogenicityProposal = { 
/**
 * The code.
 */
code: OncogenicityCode, 
/**
 * Whether the evidence meets it.
 */
state: ProposalState, 
/**
 * Why, naming the numbers.
 */
reason: string, };

export type OncogenicityProposals = { 
/**
 * The codes evaluated.
 */
proposals: Array<OncogenicityProposal>, 
/**
 * The met codes scored (a proposal, not a classification); `None` when the SOP does not
 * allow them together.
 */
ifAccepted: OncogenicityAssessment | null, };

export type CodeDecision = { 
/**
 * The code.
 */
code: OncogenicityCode, 
/**
 * Proposed, accepted or rejected.
 */
state: DecisionState, 
/**
 * Kasane's proposal with its reason; `None` for a code added by hand.
 */
proposal: OncogenicityProposal | null, 
/**
 * The curator's reason or note.
 */
note: string | null, 
/**
 * Where the curator's evidence is published.
 */
citation: string | null, 
/**
 * Who decided last; `None` while only proposed.
 */
decidedBy: string | null, };

export type AmpLevel = "A" | "B" | "C" | "D";

export type JapaneseLevel = "A" | "B" | "C" | "D" | "E" | "F" | "R";

export type EvidenceLevel = { "system": "amp", "level": AmpLevel } | { "system": "japanese", "level": JapaneseLevel };

export type EvidenceKind = "therapeutic" | "diagnostic" | "prognostic";

export type EvidenceItem = { 
/**
 * Its level and the system of that level.
 */
level: EvidenceLevel, 
/**
 * What it bears on.
 */
kind: EvidenceKind, 
/**
 * The tumour type it holds for.
 */
tumourType: string, };

export type RecordedEvidence = { 
/**
 * The item: level, kind, tumour type.
 */
item: EvidenceItem, 
/**
 * Its source (drug label, guideline, trial, PMID).
 */
citation: string, 
/**
 * Who recorded it.
 */
recordedBy: string, };

export type AmpTier = "I" | "II" | "III" | "IV";

export type TierResult = { 
/**
 * The tumour type.
 */
tumourType: string, 
/**
 * The tier.
 */
tier: AmpTier, 
/**
 * Why, naming the item that decides.
 */
reason: string, 
/**
 * The Japanese-level items, listed beside the tier in their own vocabulary.
 */
japanese: Array<EvidenceItem>, };

export type ReviewedOncogenicity = { 
/**
 * Every code proposed or decided, in the order of Horak 2022's tables.
 */
decisions: Array<CodeDecision>, 
/**
 * The accepted codes scored.
 */
assessment: OncogenicityAssessment, 
/**
 * The clinical evidence items recorded, with their sources.
 */
evidence: Array<RecordedEvidence>, 
/**
 * The AMP/ASCO/CAP tier in the case's tumour type from that evidence and the class.
 */
tier?: TierResult, };

export type CnvDirection = "loss" | "gain";

export type CnvSection = { 
/**
 * Its code in the Riggs tables (`1A`, `2A`, `3B`).
 */
code: string, 
/**
 * Its points.
 */
points: number, 
/**
 * Why, naming the genes.
 */
reason: string, };

export type CnvAssessment = { 
/**
 * The rule set.
 */
ruleSet: string, 
/**
 * Its version.
 */
ruleSetVersion: string, 
/**
 * Loss or gain.
 */
direction: CnvDirection, 
/**
 * The sections scored.
 */
sections: Array<CnvSection>, 
/**
 * Their points summed.
 */
points: number, 
/**
 * The class of the points (before the curator's sections).
 */
class: Classification, 
/**
 * What the curator must still score.
 */
notes: Array<string>, };

export type SectionDecision = { 
/**
 * The section's code in the Riggs table (`2A`, `4C`).
 */
code: string, 
/**
 * The points it gives (counted only when accepted).
 */
points: number, 
/**
 * Proposed, accepted or rejected.
 */
state: DecisionState, 
/**
 * Kasane's section with its reason; `None` for a section added by the curator.
 */
proposal: CnvSection | null, 
/**
 * The curator's reason or note.
 */
note: string | null, 
/**
 * Where the curator's evidence is published.
 */
citation: string | null, 
/**
 * Who decided last; `None` while only proposed.
 */
decidedBy: string | null, 
/**
 * Whether the points were checked against the range of the table's row (not where the
 * rule set holds none).
 */
rangeChecked: boolean, };

export type ReviewedCnv = { 
/**
 * Loss or gain: which table the sections are of.
 */
direction: CnvDirection, 
/**
 * Every section proposed or decided, in the table's order.
 */
decisions: Array<SectionDecision>, 
/**
 * The accepted sections' points summed.
 */
points: number, 
/**
 * The class of those points.
 */
class: Classification, 
/**
 * What the curator should still weigh, and the accepted points no range checked.
 */
notes: Array<string>, };

export type FusionVerdict = "diagnostic-candidate" | "non-diagnostic" | "partner-unknown" | "uncertain-significance";

export type FusionAssessment = { 
/**
 * The fusion as HGNC writes it (`EWSR1::FLI1`, `EWSR1::?`).
 */
name: string, 
/**
 * The verdict.
 */
verdict: FusionVerdict, 
/**
 * The tumour types the list names for this pair (in this orientation).
 */
entities: Array<string>, 
/**
 * Why, one sentence per finding.
 */
reasons: Array<string>, 
/**
 * What must still be confirmed before the fusion is reported as diagnostic.
 */
toConfirm: Array<string>, };

export type ExplainRequestDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The variant's key (`chr1-925952-G-A`).
 */
key: string, 
/**
 * The rule set (the default when absent).
 */
ruleSet?: string, 
/**
 * The disorder's parameters BS1 is read under; when absent, those stored with the
 * variant's latest classification.
 */
disorder?: DominantDisorder, };

export type ExplanationDto = { 
/**
 * The case.
 */
caseLabel: string, 
/**
 * The variant's key.
 */
key: string, 
/**
 * The cache the evidence was read from.
 */
cacheFile: string, 
/**
 * That cache's content SHA-256: the release every fact traces to.
 */
cacheSha256: string, 
/**
 * Each criterion evaluated from the evidence, met or not, with its reason.
 */
proposals: Array<Proposal>, 
/**
 * The disorder's parameters the population criteria were read under (R-ACMG-005).
 */
disorder?: DominantDisorder, 
/**
 * The criteria met, scored as if all were accepted (a proposal, not a classification).
 */
ifAccepted: Assessment, 
/**
 * Criteria Kasane does not propose yet: the curator applies them by hand.
 */
notProposed: Array<Criterion>, 
/**
 * What else the curator should know (a structural allele's frequencies are not judged
 * by these rules).
 */
notes: Array<string>, 
/**
 * The latest version of the variant's classification in this case, if any.
 */
classification?: ClassificationDto, 
/**
 * Signed-off classifications of the same variant in the workspace's other cases.
 */
inHouse: Array<InHouseDto>, 
/**
 * For a breakend, each gene pair its join fuses, judged against the diagnostic fusion
 * list (R-SV-005 to 007).
 */
fusions: Array<FusionAssessment>, 
/**
 * For a deletion or duplication, the Riggs 2020 sections the cache answers.
 */
cnv?: CnvAssessment, 
/**
 * For a small variant of a case with a tumour type, the oncogenicity codes the cache
 * answers (Horak 2022).
 */
oncogenicity?: OncogenicityProposals, };
