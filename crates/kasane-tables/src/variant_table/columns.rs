//! Column names of the variant table: the stable words the query language, the CLI's `--filter`
//! and `--sort`, the app and exported TSV files use.

/// Canonical contig (`chr17`).
pub const CONTIG: &str = "contig";
/// 1-based position of the normalised allele.
pub const POS: &str = "pos";
/// Last reference base covered (SV END).
pub const END: &str = "end";
/// Identity `chrom-pos-ref-alt` (gnomAD style) of the normalised allele.
pub const KEY: &str = "key";
/// The VCF ID column.
pub const ID: &str = "id";
/// Normalised REF.
pub const REF: &str = "ref";
/// Normalised ALT (or symbolic / breakend ALT).
pub const ALT: &str = "alt";
/// Variant class (`snv`, `deletion`, `sv-inversion`, `breakend` …).
pub const CLASS: &str = "class";
/// Bases changed (SVLEN for SVs).
pub const LENGTH: &str = "length";
/// QUAL.
pub const QUAL: &str = "qual";
/// FILTER as written.
pub const FILTER: &str = "filter";
/// Whether the allele is known to be leftmost.
pub const LEFT_ALIGNED: &str = "left_aligned";
/// Whether normalisation moved or trimmed it.
pub const NORMALISED_MOVED: &str = "normalised_moved";
/// Whether it was split from a multi-allelic record.
pub const MULTIALLELIC: &str = "multiallelic";
/// POS as written in the file.
pub const ORIGINAL_POS: &str = "original_pos";
/// Layer kind of the source file.
pub const LAYER: &str = "layer";
/// Name of the source file.
pub const SOURCE_FILE: &str = "source_file";
/// Record number in the source file.
pub const RECORD_NUMBER: &str = "record_number";
/// INFO/SVLEN as written.
pub const SV_LEN: &str = "sv_len";
/// CIPOS lower bound.
pub const CIPOS_START: &str = "cipos_start";
/// CIPOS upper bound.
pub const CIPOS_END: &str = "cipos_end";
/// CIEND lower bound.
pub const CIEND_START: &str = "ciend_start";
/// CIEND upper bound.
pub const CIEND_END: &str = "ciend_end";
/// INFO/IMPRECISE.
pub const IMPRECISE: &str = "imprecise";
/// Event name (INFO/EVENT or the breakend pair).
pub const EVENT: &str = "event";
/// The caller's event type (EVENTTYPE or SVTYPE).
pub const EVENT_TYPE: &str = "event_type";
/// What a breakend pair amounts to (`translocation`, `inversion` …).
pub const BREAKEND_EVENT: &str = "breakend_event";
/// Contig of a breakend's mate.
pub const MATE_CONTIG: &str = "mate_contig";
/// Position of a breakend's mate.
pub const MATE_POS: &str = "mate_pos";
/// Gene symbol of the representative transcript (MANE Select, else canonical, else most
/// severe consequence).
pub const GENE: &str = "gene";
/// Every gene symbol the allele's transcript annotations name, comma-separated.
pub const GENES: &str = "genes";
/// Most severe consequence term of the representative transcript.
pub const CONSEQUENCE: &str = "consequence";
/// The annotator's impact for the representative transcript.
pub const IMPACT: &str = "impact";
/// The representative transcript's ID.
pub const TRANSCRIPT: &str = "transcript";
/// HGVS c./n. on the representative transcript.
pub const HGVS_C: &str = "hgvs_c";
/// HGVS p. on the representative transcript.
pub const HGVS_P: &str = "hgvs_p";
/// Exon number (`n/total`) on the representative transcript.
pub const EXON: &str = "exon";
/// MANE Select RefSeq ID when the representative transcript is MANE Select.
pub const MANE_SELECT: &str = "mane_select";
/// How many transcript annotations the allele has.
pub const TRANSCRIPT_COUNT: &str = "transcript_count";
/// Every transcript annotation of the allele, `; `-separated, each as
/// `gene transcript consequence HGVS.c HGVS.p [MANE:NM_…]` (`-` for a missing field).
pub const TRANSCRIPTS: &str = "transcripts";
/// Genotype as written.
pub const GT: &str = "gt";
/// Zygosity of the allele (`het`, `hom`, `absent`, `unknown`).
pub const ZYGOSITY: &str = "zygosity";
/// Whether the genotype is phased.
pub const PHASED: &str = "phased";
/// FORMAT/PS.
pub const PHASE_SET: &str = "phase_set";
/// FORMAT/GQ.
pub const GQ: &str = "gq";
/// FORMAT/DP.
pub const DP: &str = "dp";
/// FORMAT/AD of REF.
pub const AD_REF: &str = "ad_ref";
/// FORMAT/AD of this ALT.
pub const AD_ALT: &str = "ad_alt";
/// Variant allele fraction.
pub const VAF: &str = "vaf";
/// Where the VAF came from (`caller`, `allele-depths`).
pub const VAF_SOURCE: &str = "vaf_source";
/// Reads supporting an SV allele.
pub const ALT_SUPPORT: &str = "alt_support";
/// Prefix of the matched normal's call columns in a tumour/normal import (the unprefixed call
/// columns are the tumour's).
pub const NORMAL_PREFIX: &str = "normal_";
/// Prefix of INFO columns (`info.DP`).
pub const INFO_PREFIX: &str = "info.";

/// ClinVar classification (germline significance) of the allele, as ClinVar words it; several
/// ClinVar records of one allele are joined with `; `.
pub const CLINVAR: &str = "clinvar";
/// The filterable class of [`CLINVAR`]: `P/LP`, `conflicting`, `VUS`, `B/LB` or `other`.
pub const CLINVAR_CLASS: &str = "clinvar_class";
/// ClinVar review stars (0–4), the highest of the allele's records.
pub const CLINVAR_STARS: &str = "clinvar_stars";
/// ClinVar review status in words.
pub const CLINVAR_REVIEW: &str = "clinvar_review";
/// ClinVar conditions (CLNDN in words).
pub const CLINVAR_CONDITIONS: &str = "clinvar_conditions";
/// ClinVar Variation IDs.
pub const CLINVAR_ID: &str = "clinvar_id";
/// ClinVar oncogenicity classification (2024+ releases).
pub const CLINVAR_ONCOGENICITY: &str = "clinvar_oncogenicity";
/// ClinVar somatic clinical impact (2024+ releases).
pub const CLINVAR_SOMATIC: &str = "clinvar_somatic";
/// The largest allele frequency of the allele over every population source of the cache.
pub const MAX_AF: &str = "max_af";
/// The source holding [`MAX_AF`].
pub const MAX_AF_SOURCE: &str = "max_af_source";

/// What each population source contributes, as `<source>.<field>` (`gnomad-exomes.af`).
pub const FREQUENCY_FIELDS: [&str; 8] = [
    "af",
    "ac",
    "an",
    "nhomalt",
    "grpmax",
    "grpmax_af",
    "faf95",
    "filter",
];

/// The column of one population source's field (`gnomad-exomes.af`).
pub fn frequency_column(source: &str, field: &str) -> String {
    format!("{source}.{field}")
}

/// Kasane's own description of a sequence-resolved allele on its shown transcript (MANE
/// Select, else canonical, else the most severe): gene, transcript, HGVS c. and p. on one line
/// (`DOCK8 ENST00000432829.6:c.4G>A p.(Ala2Thr)`), from the cache's gene models.
pub const KASANE_HGVS: &str = "kasane_hgvs";
/// The most severe consequence term Kasane gives that transcript (VEP's terms).
pub const KASANE_CONSEQUENCE: &str = "kasane_consequence";

/// What the workspace's other cases signed off for the allele when the case was annotated
/// (`Likely pathogenic in KSN-2026-003 (version 2)`), `; `-separated: in-house knowledge.
pub const IN_HOUSE: &str = "in_house";

/// The ACMG secondary-findings genes an allele lies in (or a structural variant breaks or
/// spans), comma-separated; empty when none. Rows holding one are hidden unless the case's
/// consent allows secondary findings.
pub const SECONDARY_FINDING: &str = "secondary_finding";

/// Genes at a structural variant's first breakpoint (POS), from the cache's gene models.
pub const GENES_AT_START: &str = "genes_at_start";
/// Genes at its other breakpoint: END for deletions, duplications and inversions, the mate's
/// position for a breakend.
pub const GENES_AT_END: &str = "genes_at_end";
/// Genes a deletion, duplication or CNV overlaps, comma-separated.
pub const GENES_SPANNED: &str = "genes_spanned";
