//! DTOs of the variant layer: importing a case's WGS/SV files, querying its variant table, and
//! saved presets.

use kasane_core::{GenomeBuild, LayerKind};
use kasane_tables::variant_table::{Cell, ColumnKind, VariantPage};

/// The query types cross the IPC boundary as they are (their TypeScript twins are generated
/// from kasane-tables under these names).
pub use kasane_tables::variant_table::{
    Condition as ConditionDto, SexCheck as SexCheckDto, SortOrder as SortDto,
    VariantQuery as VariantQueryDto,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to import: the case's registered WGS and SV files, with these options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportVariantsDto {
    /// The case.
    pub case_label: String,
    /// Indexed FASTA to check REF against and left-align with; without it indels are flagged
    /// as not left-aligned.
    pub reference: Option<String>,
    /// The sample column to read from multi-sample files.
    pub sample: Option<String>,
    /// The tumour sample of a tumour/normal pair.
    pub tumour: Option<String>,
    /// The matched normal sample of a tumour/normal pair.
    pub normal: Option<String>,
    /// Skip and count unusable records instead of stopping at the first.
    pub tolerant: bool,
}

/// One count of skipped records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkipCountDto {
    /// Why they were skipped.
    pub reason: String,
    /// How many.
    pub count: u64,
}

/// What the import did with one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileImportDto {
    /// The file.
    pub path: String,
    /// Its layer kind.
    pub kind: LayerKind,
    /// Records read.
    pub records: u64,
    /// Alleles kept after splitting multi-allelic records.
    pub alleles: u64,
    /// Records with more than one ALT.
    pub multiallelic_records: u64,
    /// Alleles moved or trimmed by normalisation.
    pub realigned: u64,
    /// Indels that could not be left-aligned (no reference given).
    pub not_left_aligned: u64,
    /// Records skipped, by reason.
    pub skipped: Vec<SkipCountDto>,
    /// INFO/FORMAT values dropped as malformed (tolerant mode).
    pub dropped_values: u64,
    /// INFO keys used but not declared in the header (not kept).
    pub undeclared_info: Vec<String>,
    /// Sample columns read (tumour first for a pair).
    pub samples: Vec<String>,
}

/// The result of importing a case's variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummaryDto {
    /// The case.
    pub case_label: String,
    /// The import's record id.
    pub import_id: i64,
    /// Rows (alleles) in the variant table.
    pub rows: u64,
    /// The genome build of the files.
    pub genome_build: Option<GenomeBuild>,
    /// The reference FASTA used, if any.
    pub reference: Option<String>,
    /// Per file.
    pub files: Vec<FileImportDto>,
    /// SHA-256 of the table file.
    pub table_sha256: String,
    /// Whether the table is identical to the one the case already had.
    pub unchanged: bool,
}

/// A request for one page of the variant table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariantPageRequestDto {
    /// The case.
    pub case_label: String,
    /// Conditions and order.
    pub query: VariantQueryDto,
    /// Index of the first row wanted.
    pub offset: u64,
    /// Rows wanted (at most 1,000).
    pub limit: u64,
    /// Columns wanted; the default set when empty.
    pub columns: Vec<String>,
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum CellDto {
    /// No value.
    Null,
    /// Yes/no.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

impl From<Cell> for CellDto {
    fn from(cell: Cell) -> Self {
        match cell {
            Cell::Null => CellDto::Null,
            Cell::Bool(b) => CellDto::Bool(b),
            Cell::Integer(i) => CellDto::Number(i as f64),
            Cell::Float(f) if f.is_finite() => CellDto::Number(f),
            Cell::Float(f) => CellDto::Text(f.to_string()),
            Cell::Text(t) => CellDto::Text(t),
        }
    }
}

/// One page of rows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariantPageDto {
    /// Rows the query selects in all.
    pub total: u64,
    /// Index of this page's first row.
    pub offset: u64,
    /// Column names, in cell order.
    pub columns: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<CellDto>>,
    /// Rows the query would also select that lie in ACMG secondary-findings genes and are
    /// hidden because the case's consent does not allow secondary findings.
    pub hidden_secondary_findings: u64,
}

impl From<VariantPage> for VariantPageDto {
    fn from(page: VariantPage) -> Self {
        VariantPageDto {
            total: page.total as u64,
            offset: page.offset as u64,
            columns: page.columns,
            rows: page
                .rows
                .into_iter()
                .map(|r| r.into_iter().map(CellDto::from).collect())
                .collect(),
            hidden_secondary_findings: 0,
        }
    }
}

/// A column of the variant table and the kind of its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariantColumnDto {
    /// Column name.
    pub name: String,
    /// `text`, `number` or `flag`.
    pub kind: String,
}

impl VariantColumnDto {
    pub(crate) fn new(name: String, kind: ColumnKind) -> Self {
        let kind = match kind {
            ColumnKind::Text => "text",
            ColumnKind::Number => "number",
            ColumnKind::Flag => "flag",
        };
        Self {
            name,
            kind: kind.into(),
        }
    }
}

/// A case's variant table at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariantTableInfoDto {
    /// The case.
    pub case_label: String,
    /// Rows (alleles).
    pub rows: u64,
    /// Every column.
    pub columns: Vec<VariantColumnDto>,
    /// When the table was imported.
    pub imported_at: String,
    /// Who imported it.
    pub imported_by: String,
    /// The genome build.
    pub genome_build: Option<GenomeBuild>,
}

/// A saved preset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariantPresetDto {
    /// Unique name.
    pub name: String,
    /// Its query.
    pub query: VariantQueryDto,
    /// When it was saved (empty when sent to be saved).
    pub saved_at: String,
    /// Who saved it (empty when sent to be saved).
    pub saved_by: String,
}

/// A labelled count (a bar of a QC figure).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountDto {
    /// What is counted.
    pub label: String,
    /// How many.
    pub count: u64,
}

/// One QC figure as SVG text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FigureDto {
    /// Stable name (`classes`, `contigs`, `indel-lengths`, `vaf`).
    pub name: String,
    /// The SVG document.
    pub svg: String,
}

/// QC of a case's variant table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseQcDto {
    /// The case.
    pub case_label: String,
    /// Rows of the table.
    pub alleles: u64,
    /// Alleles the sample carries.
    pub carried: u64,
    /// Carried alleles with FILTER PASS.
    pub passing: u64,
    /// By class, most first.
    pub by_class: Vec<CountDto>,
    /// By contig, in karyotype order.
    pub by_contig: Vec<CountDto>,
    /// SNV transitions.
    pub transitions: u64,
    /// SNV transversions.
    pub transversions: u64,
    /// Ti/Tv.
    pub ti_tv: Option<f64>,
    /// Heterozygous alleles.
    pub het: u64,
    /// Homozygous alleles.
    pub hom: u64,
    /// het/hom.
    pub het_hom: Option<f64>,
    /// Indel length → count (deletions negative; ±20 = beyond).
    pub indel_lengths: Vec<CountDto>,
    /// Alleles per VAF bin of 0.05.
    pub vaf_histogram: Vec<CountDto>,
    /// The chrX sex check.
    pub sex: SexCheckDto,
    /// The figures, drawn by kasane-plot.
    pub figures: Vec<FigureDto>,
}
