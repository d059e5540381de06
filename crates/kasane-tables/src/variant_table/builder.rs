//! Builds the variant table as alleles stream in and writes it to Parquet row group by row
//! group, in genome order, without holding the whole table in memory.
//!
//! The parsing workers turn each batch of alleles into table rows ([`RowBatches`]),
//! sorted within the batch. A sorted VCF stays almost sorted after normalisation (an indel
//! moves left by a few bases), so the builder only has to mend the seams: a batch whose first
//! row sorts before the end of the previous one is merged with it. The smaller files of a case
//! are read first and held whole (they are SV sets of a few thousand records) and their rows
//! are slotted in as the largest file, read last, streams past. A file whose order cannot be
//! mended this way (contigs out of karyotype order, breakends that wait for their mates until
//! the file ends) is still stored right: the written table is read back and put in order once.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use kasane_core::contig::karyotype_rank;
use kasane_formats::variants::{
    AlleleBatches, InfoColumn, InfoType, InfoValue, SampleCall, TranscriptAnnotation, VafSource,
    VariantAllele, representative,
};
use polars::prelude::*;

use super::columns as col;
use super::sparse_column::SparseColumn;
use super::storage::StreamingParquet;
use crate::TableError;

/// The typed builders of one sample's call columns.
struct CallColumns {
    genotype: StringChunkedBuilder,
    zygosity: StringChunkedBuilder,
    phased: BooleanChunkedBuilder,
    phase_set: SparseColumn<PrimitiveChunkedBuilder<Int64Type>>,
    genotype_quality: PrimitiveChunkedBuilder<Float32Type>,
    depth: PrimitiveChunkedBuilder<Int64Type>,
    ref_depth: PrimitiveChunkedBuilder<Int64Type>,
    alt_depth: PrimitiveChunkedBuilder<Int64Type>,
    vaf: PrimitiveChunkedBuilder<Float32Type>,
    vaf_source: StringChunkedBuilder,
    alt_support: SparseColumn<PrimitiveChunkedBuilder<Int64Type>>,
}

impl CallColumns {
    fn new(prefix: &str, capacity: usize) -> Self {
        let name = |n: &str| PlSmallStr::from(format!("{prefix}{n}"));
        Self {
            genotype: StringChunkedBuilder::new(name(col::GT), capacity),
            zygosity: StringChunkedBuilder::new(name(col::ZYGOSITY), capacity),
            phased: BooleanChunkedBuilder::new(name(col::PHASED), capacity),
            phase_set: SparseColumn::new(name(col::PHASE_SET), capacity),
            genotype_quality: PrimitiveChunkedBuilder::new(name(col::GQ), capacity),
            depth: PrimitiveChunkedBuilder::new(name(col::DP), capacity),
            ref_depth: PrimitiveChunkedBuilder::new(name(col::AD_REF), capacity),
            alt_depth: PrimitiveChunkedBuilder::new(name(col::AD_ALT), capacity),
            vaf: PrimitiveChunkedBuilder::new(name(col::VAF), capacity),
            vaf_source: StringChunkedBuilder::new(name(col::VAF_SOURCE), capacity),
            alt_support: SparseColumn::new(name(col::ALT_SUPPORT), capacity),
        }
    }

    fn push(&mut self, call: Option<&SampleCall>) {
        let Some(call) = call else {
            self.genotype.append_null();
            self.zygosity.append_null();
            self.phased.append_null();
            self.phase_set.append_null();
            self.genotype_quality.append_null();
            self.depth.append_null();
            self.ref_depth.append_null();
            self.alt_depth.append_null();
            self.vaf.append_null();
            self.vaf_source.append_null();
            self.alt_support.append_null();
            return;
        };
        self.genotype
            .append_option(Some(call.genotype.as_str()).filter(|g| !g.is_empty()));
        self.zygosity
            .append_option(call.zygosity.map(|z| z.as_str()));
        self.phased.append_value(call.phased);
        self.phase_set.append_option(call.phase_set);
        self.genotype_quality.append_option(call.genotype_quality);
        self.depth.append_option(call.depth);
        self.ref_depth.append_option(call.ref_depth);
        self.alt_depth.append_option(call.alt_depth);
        self.vaf.append_option(call.vaf);
        self.vaf_source
            .append_option(call.vaf_source.map(|s| match s {
                VafSource::Caller => "caller",
                VafSource::AlleleDepths => "allele-depths",
            }));
        self.alt_support.append_option(call.alt_support);
    }

    fn finish(self) -> Vec<Column> {
        vec![
            self.genotype.finish().into_column(),
            self.zygosity.finish().into_column(),
            self.phased.finish().into_column(),
            self.phase_set.finish(),
            self.genotype_quality.finish().into_column(),
            self.depth.finish().into_column(),
            self.ref_depth.finish().into_column(),
            self.alt_depth.finish().into_column(),
            self.vaf.finish().into_column(),
            self.vaf_source.finish().into_column(),
            self.alt_support.finish(),
        ]
    }
}

/// A text column that is often missing.
type SparseText = SparseColumn<StringChunkedBuilder>;

/// The representative transcript's annotation, as columns.
struct AnnotationColumns {
    gene: SparseText,
    genes: SparseText,
    consequence: SparseText,
    impact: SparseText,
    transcript: SparseText,
    hgvs_c: SparseText,
    hgvs_p: SparseText,
    exon: SparseText,
    mane_select: SparseText,
    count: PrimitiveChunkedBuilder<UInt32Type>,
    all: SparseText,
    all_text: String,
}

impl AnnotationColumns {
    fn new(capacity: usize) -> Self {
        let s = |n: &str| SparseText::new(n.into(), capacity);
        Self {
            gene: s(col::GENE),
            genes: s(col::GENES),
            consequence: s(col::CONSEQUENCE),
            impact: s(col::IMPACT),
            transcript: s(col::TRANSCRIPT),
            hgvs_c: s(col::HGVS_C),
            hgvs_p: s(col::HGVS_P),
            exon: s(col::EXON),
            mane_select: s(col::MANE_SELECT),
            count: PrimitiveChunkedBuilder::new(col::TRANSCRIPT_COUNT.into(), capacity),
            all: s(col::TRANSCRIPTS),
            all_text: String::new(),
        }
    }

    fn push(&mut self, transcripts: &[TranscriptAnnotation]) {
        let chosen = representative(transcripts);
        fn text(value: Option<&str>) -> Option<&str> {
            value.filter(|v| !v.is_empty())
        }
        self.gene
            .append_option(text(chosen.map(|t| t.gene.as_str())));
        let mut genes: Vec<&str> = transcripts
            .iter()
            .map(|t| t.gene.as_str())
            .filter(|g| !g.is_empty())
            .collect();
        genes.sort_unstable();
        genes.dedup();
        self.genes
            .append_option((!genes.is_empty()).then(|| genes.join(",")));
        self.consequence.append_option(
            chosen.and_then(|t| kasane_core::consequence::most_severe(&t.consequence)),
        );
        self.impact
            .append_option(text(chosen.map(|t| t.impact.as_str())));
        self.transcript
            .append_option(text(chosen.map(|t| t.transcript.as_str())));
        self.hgvs_c
            .append_option(text(chosen.map(|t| t.hgvs_c.as_str())));
        self.hgvs_p
            .append_option(text(chosen.map(|t| t.hgvs_p.as_str())));
        self.exon
            .append_option(text(chosen.map(|t| t.exon.as_str())));
        self.mane_select
            .append_option(text(chosen.map(|t| t.mane_select.as_str())));
        self.count
            .append_value(u32::try_from(transcripts.len()).unwrap_or(u32::MAX));
        if transcripts.is_empty() {
            self.all.append_null();
            return;
        }
        self.all_text.clear();
        for (i, t) in transcripts.iter().enumerate() {
            if i > 0 {
                self.all_text.push_str("; ");
            }
            let _ = write!(
                self.all_text,
                "{} {} {} {} {}{}",
                or_dash(&t.gene),
                or_dash(&t.transcript),
                or_dash(&t.consequence),
                or_dash(&t.hgvs_c),
                or_dash(&t.hgvs_p),
                if t.mane_select.is_empty() {
                    String::new()
                } else {
                    format!(" MANE:{}", t.mane_select)
                }
            );
        }
        self.all.append_option(Some(&self.all_text));
    }

    fn finish(self) -> Vec<Column> {
        vec![
            self.gene.finish(),
            self.genes.finish(),
            self.consequence.finish(),
            self.impact.finish(),
            self.transcript.finish(),
            self.hgvs_c.finish(),
            self.hgvs_p.finish(),
            self.exon.finish(),
            self.mane_select.finish(),
            self.count.finish().into_column(),
            self.all.finish(),
        ]
    }
}

/// `-` for an empty field of the transcript list.
fn or_dash(text: &str) -> &str {
    if text.is_empty() { "-" } else { text }
}

/// One INFO field's column; null for the rows of files that do not declare it.
enum InfoBuilder {
    Integer(SparseColumn<PrimitiveChunkedBuilder<Int64Type>>),
    Float(SparseColumn<PrimitiveChunkedBuilder<Float64Type>>),
    Flag(SparseColumn<BooleanChunkedBuilder>),
    Text(SparseText),
}

impl InfoBuilder {
    fn new(key: &str, ty: InfoType, capacity: usize) -> Self {
        let name = PlSmallStr::from(format!("{}{key}", col::INFO_PREFIX));
        match ty {
            InfoType::Integer => Self::Integer(SparseColumn::new(name, capacity)),
            InfoType::Float => Self::Float(SparseColumn::new(name, capacity)),
            InfoType::Flag => Self::Flag(SparseColumn::new(name, capacity)),
            InfoType::Text => Self::Text(SparseColumn::new(name, capacity)),
        }
    }

    /// Appends a value; `None` when the row's file has no such field (null, or false for flags
    /// of files that declare the flag).
    fn push(&mut self, value: Option<&InfoValue>) {
        match self {
            Self::Integer(b) => b.append_option(match value {
                Some(InfoValue::Integer(v)) => Some(*v),
                _ => None,
            }),
            Self::Float(b) => b.append_option(match value {
                Some(InfoValue::Float(v)) => Some(*v),
                Some(InfoValue::Integer(v)) => Some(*v as f64),
                _ => None,
            }),
            Self::Flag(b) => b.append_option(value.map(|v| *v == InfoValue::Flag)),
            Self::Text(b) => b.append_option(match value {
                Some(InfoValue::Text(v)) => Some(v.as_str()),
                _ => None,
            }),
        }
    }

    fn finish(self) -> Column {
        match self {
            Self::Integer(b) => b.finish(),
            Self::Float(b) => b.finish(),
            Self::Flag(b) => b.finish(),
            Self::Text(b) => b.finish(),
        }
    }
}

/// Contigs outside the primary assembly sort after chrM (rank 25), by name.
const OTHER_CONTIGS_RANK: u32 = 26;

/// Rows per Parquet row group (about the size polars itself writes).
const ROW_GROUP_ROWS: usize = 1 << 18;

/// Where a row belongs in genome order: karyotype, then other contigs by name, then position
/// and end.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct RowKey {
    rank: u32,
    /// The contig's name, for contigs outside the primary assembly only.
    other: Option<Arc<str>>,
    pos: u64,
    end: u64,
}

/// The genome-order key of a contig name, position and end.
fn row_key(contig: &str, pos: u64, end: u64) -> RowKey {
    let rank = karyotype_rank(contig).min(OTHER_CONTIGS_RANK);
    RowKey {
        rank,
        other: (rank == OTHER_CONTIGS_RANK).then(|| Arc::from(contig)),
        pos,
        end,
    }
}

/// The row order that puts rows of the given keys in genome order, ties in their present
/// order, or `None` when they already are.
fn genome_order(keys: &[RowKey]) -> Option<Vec<IdxSize>> {
    if keys.windows(2).all(|w| w[0] <= w[1]) {
        return None;
    }
    let mut rows: Vec<IdxSize> = (0..keys.len() as IdxSize).collect();
    rows.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
    Some(rows)
}

/// Where the alleles being added come from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The layer kind text (`wgs-vcf`, `sv-vcf`).
    pub layer: String,
    /// The file's name, for the provenance column.
    pub name: String,
    /// The file's INFO columns (from its header).
    pub info_columns: Vec<InfoColumn>,
}

/// The table's INFO columns, shared by name and type across files (a field another file
/// declared with another type is kept apart under `info.KEY:Type`), and which of them each
/// source fills.
struct InfoLayout {
    /// (column key, type) in table order.
    columns: Vec<(String, InfoType)>,
    /// Per source, per table INFO column: the index into that source's allele INFO values.
    filled_from: Vec<Vec<Option<usize>>>,
}

impl InfoLayout {
    fn new(sources: &[SourceFile]) -> Self {
        let mut columns: Vec<(String, InfoType)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut per_source: Vec<Vec<usize>> = Vec::new();
        for source in sources {
            let mut mapping = Vec::with_capacity(source.info_columns.len());
            for column in &source.info_columns {
                let ty = column.column_type();
                let mut name = column.key.clone();
                if let Some(&existing) = index.get(&name)
                    && columns[existing].1 != ty
                {
                    name = format!("{}:{ty:?}", column.key);
                }
                let at = *index.entry(name.clone()).or_insert_with(|| {
                    columns.push((name, ty));
                    columns.len() - 1
                });
                mapping.push(at);
            }
            per_source.push(mapping);
        }
        let filled_from = per_source
            .iter()
            .map(|mapping| {
                let mut from = vec![None; columns.len()];
                for (value_index, &column) in mapping.iter().enumerate() {
                    from[column] = Some(value_index);
                }
                from
            })
            .collect();
        Self {
            columns,
            filled_from,
        }
    }
}

/// The columns of a case's table and the files that fill it: what a parsing worker needs to
/// turn alleles into rows. Shared read-only by the workers of an import.
pub struct TableLayout {
    sources: Vec<SourceFile>,
    info: InfoLayout,
    paired: bool,
}

impl TableLayout {
    fn new(sources: Vec<SourceFile>, paired: bool) -> Self {
        Self {
            info: InfoLayout::new(&sources),
            sources,
            paired,
        }
    }

    /// What a parsing worker turns the alleles of source `source` (an index into the
    /// builder's sources) into rows with.
    pub fn batches(self: &Arc<Self>, source: usize) -> RowBatches {
        RowBatches {
            layout: Arc::clone(self),
            source,
            group: None,
            keys: Vec::new(),
            expected: FIRST_BATCH_ROWS,
        }
    }

    /// The file of `source` and, per table INFO column, where its values are in the file's.
    fn source(&self, source: usize) -> Option<(&SourceFile, &[Option<usize>])> {
        let file = self.sources.get(source)?;
        let filled_from = self.info.filled_from.get(source)?;
        Some((file, filled_from))
    }

    fn empty(&self) -> Result<DataFrame, TableError> {
        RowGroup::new(&self.info, self.paired, 0).finish("", "")
    }
}

/// Rows a batch is first made room for, before the size of the batches is known.
const FIRST_BATCH_ROWS: usize = 4096;

/// Table rows made straight from the alleles a parsing worker reads: each batch becomes
/// [`TableRows`] in genome order, ties in file order.
pub struct RowBatches {
    layout: Arc<TableLayout>,
    source: usize,
    group: Option<RowGroup>,
    keys: Vec<RowKey>,
    /// Rows of the batch before: the next one is about as large.
    expected: usize,
}

impl AlleleBatches for RowBatches {
    type Batch = Result<TableRows, TableError>;

    fn take(&mut self, allele: &mut VariantAllele) {
        // A source the layout lacks is reported when the batch finishes.
        let Some((_, filled_from)) = self.layout.source(self.source) else {
            return;
        };
        let group = self.group.get_or_insert_with(|| {
            RowGroup::new(&self.layout.info, self.layout.paired, self.expected)
        });
        group.push(filled_from, allele);
        self.keys
            .push(row_key(&allele.contig, allele.pos.get(), allele.end));
    }

    fn finish(&mut self) -> Result<TableRows, TableError> {
        let Some((file, _)) = self.layout.source(self.source) else {
            return Err(TableError::BadQuery(format!(
                "source {} is not one of the table's {} files",
                self.source,
                self.layout.sources.len()
            )));
        };
        let group = match self.group.take() {
            Some(group) => group,
            None => RowGroup::new(&self.layout.info, self.layout.paired, 0),
        };
        let keys = std::mem::take(&mut self.keys);
        self.expected = keys.len().max(FIRST_BATCH_ROWS);
        TableRows::in_genome_order(group.finish(&file.layer, &file.name)?, keys)
    }
}

/// Rows of the table in genome order with their keys, as a worker made them.
pub struct TableRows {
    frame: DataFrame,
    keys: Vec<RowKey>,
}

impl TableRows {
    fn first(&self) -> Option<&RowKey> {
        self.keys.first()
    }

    fn last(&self) -> Option<&RowKey> {
        self.keys.last()
    }

    /// Both sets of rows in one, in genome order (ties: `self` first).
    fn merged(self, other: TableRows) -> Result<TableRows, TableError> {
        let mut frame = self.frame;
        frame.vstack_mut_owned(other.frame)?;
        let mut keys = self.keys;
        keys.extend(other.keys);
        Self::in_genome_order(frame, keys)
    }

    /// Rows and their keys put in genome order, ties in their present order.
    fn in_genome_order(frame: DataFrame, keys: Vec<RowKey>) -> Result<TableRows, TableError> {
        Ok(match genome_order(&keys) {
            None => TableRows { frame, keys },
            Some(order) => {
                let keys = order.iter().map(|&i| keys[i as usize].clone()).collect();
                let frame = frame.take(&IdxCa::from_vec("rows".into(), order))?;
                TableRows { frame, keys }
            }
        })
    }
}

/// The typed builders of one row group.
struct RowGroup {
    contig: StringChunkedBuilder,
    pos: PrimitiveChunkedBuilder<UInt64Type>,
    end: PrimitiveChunkedBuilder<UInt64Type>,
    key: StringChunkedBuilder,
    id: SparseText,
    reference: StringChunkedBuilder,
    alternate: StringChunkedBuilder,
    class: StringChunkedBuilder,
    length: PrimitiveChunkedBuilder<UInt64Type>,
    quality: PrimitiveChunkedBuilder<Float32Type>,
    filter: StringChunkedBuilder,
    left_aligned: BooleanChunkedBuilder,
    normalised_moved: BooleanChunkedBuilder,
    multiallelic: BooleanChunkedBuilder,
    original_pos: PrimitiveChunkedBuilder<UInt64Type>,
    /// Rows pushed: the layer and source file columns, one value for every row of a group,
    /// are filled in at the end.
    rows: usize,
    record_number: PrimitiveChunkedBuilder<UInt64Type>,
    sv_len: SparseColumn<PrimitiveChunkedBuilder<Int64Type>>,
    cipos_start: SparseColumn<PrimitiveChunkedBuilder<Int64Type>>,
    cipos_end: SparseColumn<PrimitiveChunkedBuilder<Int64Type>>,
    ciend_start: SparseColumn<PrimitiveChunkedBuilder<Int64Type>>,
    ciend_end: SparseColumn<PrimitiveChunkedBuilder<Int64Type>>,
    imprecise: SparseColumn<BooleanChunkedBuilder>,
    event: SparseText,
    event_type: SparseText,
    breakend_event: SparseText,
    mate_contig: SparseText,
    mate_pos: SparseColumn<PrimitiveChunkedBuilder<UInt64Type>>,
    annotation: AnnotationColumns,
    calls: CallColumns,
    normal_calls: Option<CallColumns>,
    info: Vec<InfoBuilder>,
    /// Reused buffer for the `key` text of each row.
    key_text: String,
}

impl RowGroup {
    fn new(layout: &InfoLayout, paired: bool, capacity: usize) -> Self {
        let s = |n: &str| StringChunkedBuilder::new(n.into(), capacity);
        let u = |n: &str| PrimitiveChunkedBuilder::<UInt64Type>::new(n.into(), capacity);
        let b = |n: &str| BooleanChunkedBuilder::new(n.into(), capacity);
        Self {
            contig: s(col::CONTIG),
            pos: u(col::POS),
            end: u(col::END),
            key: s(col::KEY),
            id: SparseColumn::new(col::ID.into(), capacity),
            reference: s(col::REF),
            alternate: s(col::ALT),
            class: s(col::CLASS),
            length: u(col::LENGTH),
            quality: PrimitiveChunkedBuilder::new(col::QUAL.into(), capacity),
            filter: s(col::FILTER),
            left_aligned: b(col::LEFT_ALIGNED),
            normalised_moved: b(col::NORMALISED_MOVED),
            multiallelic: b(col::MULTIALLELIC),
            original_pos: u(col::ORIGINAL_POS),
            rows: 0,
            record_number: u(col::RECORD_NUMBER),
            sv_len: SparseColumn::new(col::SV_LEN.into(), capacity),
            cipos_start: SparseColumn::new(col::CIPOS_START.into(), capacity),
            cipos_end: SparseColumn::new(col::CIPOS_END.into(), capacity),
            ciend_start: SparseColumn::new(col::CIEND_START.into(), capacity),
            ciend_end: SparseColumn::new(col::CIEND_END.into(), capacity),
            imprecise: SparseColumn::new(col::IMPRECISE.into(), capacity),
            event: SparseColumn::new(col::EVENT.into(), capacity),
            event_type: SparseColumn::new(col::EVENT_TYPE.into(), capacity),
            breakend_event: SparseColumn::new(col::BREAKEND_EVENT.into(), capacity),
            mate_contig: SparseColumn::new(col::MATE_CONTIG.into(), capacity),
            mate_pos: SparseColumn::new(col::MATE_POS.into(), capacity),
            annotation: AnnotationColumns::new(capacity),
            calls: CallColumns::new("", capacity),
            normal_calls: paired.then(|| CallColumns::new(col::NORMAL_PREFIX, capacity)),
            info: layout
                .columns
                .iter()
                .map(|(key, ty)| InfoBuilder::new(key, *ty, capacity))
                .collect(),
            key_text: String::with_capacity(64),
        }
    }

    /// Adds one allele.
    fn push(&mut self, filled_from: &[Option<usize>], allele: &VariantAllele) {
        let contig = allele.contig.as_str();
        self.contig.append_value(contig);
        self.pos.append_value(allele.pos.get());
        self.end.append_value(allele.end);
        self.key_text.clear();
        self.key_text.push_str(contig);
        self.key_text.push('-');
        self.key_text
            .push_str(itoa::Buffer::new().format(allele.pos.get()));
        self.key_text.push('-');
        self.key_text.push_str(&allele.reference);
        self.key_text.push('-');
        self.key_text.push_str(&allele.alternate);
        self.key.append_value(&self.key_text);
        self.id
            .append_option(Some(allele.id.as_str()).filter(|i| !i.is_empty()));
        self.reference.append_value(&allele.reference);
        self.alternate.append_value(&allele.alternate);
        self.class.append_value(allele.class.as_str());
        self.length.append_option(allele.length);
        self.quality.append_option(allele.quality);
        self.filter
            .append_option(Some(allele.filter.as_str()).filter(|f| !f.is_empty()));
        self.left_aligned.append_value(allele.left_aligned);
        self.normalised_moved.append_value(allele.normalised_moved);
        self.multiallelic.append_value(allele.alt_count > 1);
        self.original_pos.append_value(allele.original_pos.get());
        self.rows += 1;
        self.record_number.append_value(allele.record_number);
        self.push_sv(allele);
        self.annotation.push(&allele.transcripts);
        self.calls.push(allele.calls.first());
        if let Some(normal) = self.normal_calls.as_mut() {
            normal.push(allele.calls.get(1));
        }
        for (builder, from) in self.info.iter_mut().zip(filled_from) {
            builder.push(from.and_then(|i| allele.info.get(i)));
        }
    }

    fn push_sv(&mut self, allele: &VariantAllele) {
        let sv = allele.sv.as_ref();
        self.sv_len.append_option(sv.and_then(|s| s.sv_len));
        self.cipos_start
            .append_option(sv.and_then(|s| s.cipos).map(|c| c.0));
        self.cipos_end
            .append_option(sv.and_then(|s| s.cipos).map(|c| c.1));
        self.ciend_start
            .append_option(sv.and_then(|s| s.ciend).map(|c| c.0));
        self.ciend_end
            .append_option(sv.and_then(|s| s.ciend).map(|c| c.1));
        self.imprecise.append_option(sv.map(|s| s.imprecise));
        self.event
            .append_option(sv.and_then(|s| s.event.as_deref()));
        self.event_type
            .append_option(sv.and_then(|s| s.event_type.as_deref()));
        self.breakend_event
            .append_option(sv.and_then(|s| s.breakend_event).map(|e| e.as_str()));
        let mate = sv.and_then(|s| s.mate.as_ref());
        self.mate_contig.append_option(mate.map(|m| m.0.as_str()));
        self.mate_pos.append_option(mate.map(|m| m.1));
    }

    /// The row group's columns, in the table's column order; its rows are all of the file
    /// `source_file` of layer `layer`.
    fn finish(self, layer: &str, source_file: &str) -> Result<DataFrame, TableError> {
        let every_row = |name: &str, value: &str| {
            let mut column = StringChunked::full(name.into(), value, self.rows);
            // Rows of other files may join these later.
            column.set_sorted_flag(polars::series::IsSorted::Not);
            column.into_column()
        };
        let mut columns = vec![
            self.contig.finish().into_column(),
            self.pos.finish().into_column(),
            self.end.finish().into_column(),
            self.key.finish().into_column(),
            self.id.finish(),
            self.reference.finish().into_column(),
            self.alternate.finish().into_column(),
            self.class.finish().into_column(),
            self.length.finish().into_column(),
            self.quality.finish().into_column(),
            self.filter.finish().into_column(),
            self.left_aligned.finish().into_column(),
            self.normalised_moved.finish().into_column(),
            self.multiallelic.finish().into_column(),
            self.original_pos.finish().into_column(),
            every_row(col::LAYER, layer),
            every_row(col::SOURCE_FILE, source_file),
            self.record_number.finish().into_column(),
            self.sv_len.finish(),
            self.cipos_start.finish(),
            self.cipos_end.finish(),
            self.ciend_start.finish(),
            self.ciend_end.finish(),
            self.imprecise.finish(),
            self.event.finish(),
            self.event_type.finish(),
            self.breakend_event.finish(),
            self.mate_contig.finish(),
            self.mate_pos.finish(),
        ];
        columns.extend(self.annotation.finish());
        columns.extend(self.calls.finish());
        if let Some(normal) = self.normal_calls {
            columns.extend(normal.finish());
        }
        columns.extend(self.info.into_iter().map(InfoBuilder::finish));
        Ok(DataFrame::new_infer_height(columns)?)
    }
}

/// Accumulates the rows of a case's files into its variant table file, in genome order.
///
/// Sources are read in the order given; all but the last are held in memory until the last
/// one, the case's largest file, streams past them.
pub struct VariantTableBuilder {
    layout: Arc<TableLayout>,
    current: usize,
    /// Rows of the earlier sources, as they came.
    held_batches: Vec<TableRows>,
    /// Rows of the earlier sources in genome order, once the last source starts, and how many
    /// of them are written.
    held: Option<(TableRows, usize)>,
    /// The last source's latest rows, written once the next batch shows no row sorts before
    /// their end.
    pending: Option<TableRows>,
    /// Slices of rows waiting to become the next row group.
    pieces: Vec<DataFrame>,
    piece_rows: usize,
    output: StreamingParquet,
    /// Key of the last row written, to tell whether the rows came out in order.
    last_written: Option<RowKey>,
    in_order: bool,
    rows: usize,
    path: std::path::PathBuf,
}

impl VariantTableBuilder {
    /// A table for the alleles of `sources`, to be written to `path` when finished; `paired`
    /// adds the normal sample's call columns of a tumour/normal import.
    pub fn create(path: &Path, sources: Vec<SourceFile>, paired: bool) -> Result<Self, TableError> {
        let layout = Arc::new(TableLayout::new(sources, paired));
        let schema = layout.empty()?.schema().as_ref().clone();
        let output = StreamingParquet::create(path, &schema)?;
        Ok(Self {
            layout,
            current: 0,
            held_batches: Vec::new(),
            held: None,
            pending: None,
            pieces: Vec::new(),
            piece_rows: 0,
            output,
            last_written: None,
            in_order: true,
            rows: 0,
            path: path.to_path_buf(),
        })
    }

    /// What the parsing workers turn alleles into rows with.
    pub fn layout(&self) -> Arc<TableLayout> {
        Arc::clone(&self.layout)
    }

    /// Starts the rows of source `index` (of those given to [`VariantTableBuilder::create`]).
    pub fn start_source(&mut self, index: usize) -> Result<(), TableError> {
        self.current = index;
        if self.streaming() {
            self.hold_in_order()?;
        }
        Ok(())
    }

    /// Whether the current source is the last, which streams instead of being held.
    fn streaming(&self) -> bool {
        self.current + 1 >= self.layout.sources.len()
    }

    /// Puts the held rows in genome order, once.
    fn hold_in_order(&mut self) -> Result<(), TableError> {
        if self.held.is_some() {
            return Ok(());
        }
        let mut frame = self.layout.empty()?;
        let mut keys = Vec::new();
        for batch in std::mem::take(&mut self.held_batches) {
            frame.vstack_mut_owned(batch.frame)?;
            keys.extend(batch.keys);
        }
        self.held = Some((TableRows::in_genome_order(frame, keys)?, 0));
        Ok(())
    }

    /// Adds rows of the current source, as a worker's [`RowBatches`] made them.
    pub fn push(&mut self, rows: TableRows) -> Result<(), TableError> {
        self.rows += rows.keys.len();
        if rows.keys.is_empty() {
            return Ok(());
        }
        if !self.streaming() {
            self.held_batches.push(rows);
            return Ok(());
        }
        self.pending = Some(match self.pending.take() {
            None => rows,
            Some(pending) if rows.first() >= pending.last() => {
                self.write_rows(pending)?;
                rows
            }
            // An allele at the start of this batch moved left past the end of the last one.
            Some(pending) => pending.merged(rows)?,
        });
        Ok(())
    }

    /// Writes `rows` with the held rows that sort before their end slotted in.
    fn write_rows(&mut self, rows: TableRows) -> Result<(), TableError> {
        if self
            .last_written
            .as_ref()
            .is_some_and(|last| rows.first() < Some(last))
        {
            self.in_order = false;
        }
        let Some(last) = rows.last().cloned() else {
            return Ok(());
        };
        let Some((held, mut taken)) = self.held.take() else {
            self.add_piece(rows.frame)?;
            self.last_written = Some(last);
            return Ok(());
        };
        let mut start = 0;
        while taken < held.keys.len() && held.keys[taken] <= last {
            // Streamed rows before the next held row, then the held rows up to the next
            // streamed row (held rows go before streamed rows of the same key).
            let at = start + rows.keys[start..].partition_point(|k| *k < held.keys[taken]);
            if at > start {
                self.add_piece(rows.frame.slice(start as i64, at - start))?;
                start = at;
            }
            let bound = rows.keys.get(at).unwrap_or(&last);
            let run = held.keys[taken..].partition_point(|k| k <= bound).max(1);
            self.add_piece(held.frame.slice(taken as i64, run))?;
            taken += run;
        }
        if start < rows.keys.len() {
            self.add_piece(rows.frame.slice(start as i64, rows.keys.len() - start))?;
        }
        self.held = Some((held, taken));
        self.last_written = Some(last);
        Ok(())
    }

    /// Queues a slice of rows for the next row group; a full group goes to the writer.
    fn add_piece(&mut self, piece: DataFrame) -> Result<(), TableError> {
        self.piece_rows += piece.height();
        self.pieces.push(piece);
        if self.piece_rows >= ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), TableError> {
        if self.pieces.is_empty() {
            return Ok(());
        }
        self.piece_rows = 0;
        self.output.write(std::mem::take(&mut self.pieces))
    }

    /// Writes the rest of the table, puts it in genome order if the stream could not, and
    /// renames it into place.
    pub fn finish(mut self) -> Result<WrittenTable, TableError> {
        self.hold_in_order()?;
        if let Some(pending) = self.pending.take() {
            self.write_rows(pending)?;
        }
        if let Some((held, taken)) = self.held.take()
            && taken < held.keys.len()
        {
            if self
                .last_written
                .as_ref()
                .is_some_and(|last| held.keys[taken] < *last)
            {
                self.in_order = false;
            }
            self.add_piece(held.frame.slice(taken as i64, held.keys.len() - taken))?;
        }
        if self.rows == 0 {
            self.pieces.push(self.layout.empty()?);
        }
        self.flush()?;
        let mut sha256 = self.output.commit()?;
        if !self.in_order {
            sha256 = put_in_genome_order(&self.path, sha256)?;
        }
        Ok(WrittenTable {
            rows: self.rows,
            sha256,
        })
    }
}

/// A variant table as written to its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenTable {
    /// Rows (alleles) in the table.
    pub rows: usize,
    /// SHA-256 (hex) of the file, taken while it was written: the table's content name.
    pub sha256: String,
}

/// Rewrites a table file whose rows are out of genome order; returns the SHA-256 of the file
/// left, `written` (the file's as written) when it was in order after all.
fn put_in_genome_order(path: &Path, written: String) -> Result<String, TableError> {
    let frame = super::read_parquet(path)?;
    let contigs = frame.column(col::CONTIG)?.str()?.clone();
    let starts = frame.column(col::POS)?.u64()?.clone();
    let ends = frame.column(col::END)?.u64()?.clone();
    let keys: Vec<RowKey> = contigs
        .iter()
        .zip(starts.iter())
        .zip(ends.iter())
        .map(|((c, s), e)| row_key(c.unwrap_or(""), s.unwrap_or(0), e.unwrap_or(0)))
        .collect();
    match genome_order(&keys) {
        Some(rows) => {
            let mut sorted = frame.take(&IdxCa::from_vec("rows".into(), rows))?;
            super::write_parquet_atomically(path, &mut sorted)
        }
        None => Ok(written),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest as _;

    fn keys(rows: &[(&str, u64, u64)]) -> Vec<RowKey> {
        rows.iter().map(|(c, p, e)| row_key(c, *p, *e)).collect()
    }

    #[test]
    fn genome_order_sorts_moved_indels_and_other_contigs_by_name() {
        assert_eq!(
            genome_order(&keys(&[("chr1", 5, 5), ("chr1", 9, 9), ("chr2", 1, 1)])),
            None
        );
        assert_eq!(
            genome_order(&keys(&[
                ("chr1", 10, 10),
                ("chr1", 8, 12),
                ("chr1", 8, 12),
                ("chr1", 9, 9)
            ])),
            Some(vec![1, 2, 3, 0]),
            "ties keep the order they were added in"
        );
        assert_eq!(
            genome_order(&keys(&[
                ("chrUn_b", 1, 1),
                ("chrUn_a", 1, 1),
                ("chrX", 1, 1)
            ])),
            Some(vec![2, 1, 0]),
            "chrX, then chrUn_a, then chrUn_b"
        );
    }

    fn allele(contig: &str, original: u64, pos: u64) -> VariantAllele {
        let at = |p| kasane_core::OneBased::new(p).expect("positive");
        VariantAllele {
            record_number: original,
            alt_index: 1,
            alt_count: 1,
            contig: contig.into(),
            original_pos: at(original),
            end: pos,
            reference: "A".into(),
            alternate: "G".into(),
            length: Some(1),
            normalised_moved: pos != original,
            ..VariantAllele::empty_at(at(pos))
        }
    }

    fn source(name: &str) -> SourceFile {
        SourceFile {
            layer: "wgs-vcf".into(),
            name: name.into(),
            info_columns: Vec::new(),
        }
    }

    /// One batch of alleles: (contig, position as written, position after normalisation).
    type Batch<'a> = &'a [(&'a str, u64, u64)];

    /// Builds a table from files given as batches and returns its rows as (contig, pos, file).
    fn built(files: &[&[Batch<'_>]]) -> Vec<(String, u64, String)> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.parquet");
        let sources = (0..files.len()).map(|i| source(&format!("f{i}"))).collect();
        let mut builder = VariantTableBuilder::create(&path, sources, false).expect("create");
        let layout = builder.layout();
        for (index, batches) in files.iter().enumerate() {
            builder.start_source(index).expect("start");
            // One worker's rows, reused batch after batch as a parsing worker does.
            let mut rows = layout.batches(index);
            for batch in *batches {
                for (contig, original, pos) in *batch {
                    rows.take(&mut allele(contig, *original, *pos));
                }
                builder.push(rows.finish().expect("rows")).expect("push");
            }
        }
        let written = builder.finish().expect("finish");
        let rows = written.rows;
        assert_eq!(
            written.sha256,
            format!(
                "{:x}",
                sha2::Sha256::digest(std::fs::read(&path).expect("reads"))
            )
        );
        let frame = super::super::read_parquet(&path).expect("read");
        assert_eq!(frame.height(), rows);
        let text = |name: &str| frame.column(name).expect(name).str().expect("text").clone();
        let (contigs, files) = (text(col::CONTIG), text(col::SOURCE_FILE));
        let positions = frame
            .column(col::POS)
            .expect("pos")
            .u64()
            .expect("u64")
            .clone();
        (0..frame.height())
            .map(|i| {
                (
                    contigs.get(i).unwrap_or_default().to_string(),
                    positions.get(i).unwrap_or_default(),
                    files.get(i).unwrap_or_default().to_string(),
                )
            })
            .collect()
    }

    fn row(contig: &str, pos: u64, file: &str) -> (String, u64, String) {
        (contig.to_string(), pos, file.to_string())
    }

    #[test]
    fn indels_moved_left_are_put_back_in_order_within_and_across_batches() {
        assert_eq!(
            built(&[&[
                &[("chr1", 100, 100), ("chr1", 105, 98)],
                &[("chr1", 110, 99), ("chr2", 5, 5)]
            ]]),
            vec![
                row("chr1", 98, "f0"),
                row("chr1", 99, "f0"),
                row("chr1", 100, "f0"),
                row("chr2", 5, "f0")
            ]
        );
    }

    #[test]
    fn held_files_are_slotted_into_the_streaming_one() {
        assert_eq!(
            built(&[
                &[&[("chr2", 7, 7), ("chr1", 50, 50)], &[("chr1", 10, 10)]],
                &[
                    &[("chr1", 10, 10), ("chr1", 60, 60)],
                    &[("chr2", 1, 1), ("chr2", 3, 3)]
                ]
            ]),
            vec![
                row("chr1", 10, "f0"),
                row("chr1", 10, "f1"),
                row("chr1", 50, "f0"),
                row("chr1", 60, "f1"),
                row("chr2", 1, "f1"),
                row("chr2", 3, "f1"),
                row("chr2", 7, "f0"),
            ],
            "held rows first on equal keys, the rest after the last streamed row"
        );
    }

    #[test]
    fn orders_the_stream_cannot_mend_are_sorted_after_writing() {
        assert_eq!(
            built(&[&[
                &[("chrM", 1, 1)],
                &[("chr1", 10, 10)],
                &[("chr1", 5000, 5000)],
                &[("chr1", 5010, 2)]
            ]]),
            vec![
                row("chr1", 2, "f0"),
                row("chr1", 10, "f0"),
                row("chr1", 5000, "f0"),
                row("chrM", 1, "f0"),
            ],
            "chrM first (UCSC hg19 order), and an allele moved left past two batches"
        );
    }

    #[test]
    fn row_groups_fill_and_an_empty_table_is_still_a_table() {
        let many: Vec<(&str, u64, u64)> = (1..=(ROW_GROUP_ROWS as u64 + 5))
            .map(|p| ("chr3", p, p))
            .collect();
        let (first, second) = many.split_at(1000);
        let rows = built(&[&[first, second]]);
        assert_eq!(rows.len(), ROW_GROUP_ROWS + 5);
        assert!(rows.windows(2).all(|w| w[0].1 < w[1].1));
        assert!(built(&[&[]]).is_empty());
    }
}
