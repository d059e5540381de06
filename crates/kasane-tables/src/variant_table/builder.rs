//! Builds the variant table column by column as alleles stream in, without holding them as
//! strings: each value goes straight into a typed Arrow builder.

use std::collections::HashMap;
use std::fmt::Write as _;

use kasane_core::contig::karyotype_rank;
use kasane_formats::variants::{
    InfoColumn, InfoType, InfoValue, SampleCall, TranscriptAnnotation, VafSource, VariantAllele,
    representative,
};
use polars::prelude::*;

use super::columns as col;
use crate::TableError;

/// The typed builders of one sample's call columns.
struct CallColumns {
    genotype: StringChunkedBuilder,
    zygosity: StringChunkedBuilder,
    phased: BooleanChunkedBuilder,
    phase_set: PrimitiveChunkedBuilder<Int64Type>,
    genotype_quality: PrimitiveChunkedBuilder<Float32Type>,
    depth: PrimitiveChunkedBuilder<Int64Type>,
    ref_depth: PrimitiveChunkedBuilder<Int64Type>,
    alt_depth: PrimitiveChunkedBuilder<Int64Type>,
    vaf: PrimitiveChunkedBuilder<Float32Type>,
    vaf_source: StringChunkedBuilder,
    alt_support: PrimitiveChunkedBuilder<Int64Type>,
}

impl CallColumns {
    fn new(prefix: &str, capacity: usize, padding: usize) -> Self {
        let name = |n: &str| PlSmallStr::from(format!("{prefix}{n}"));
        let mut columns = Self {
            genotype: StringChunkedBuilder::new(name(col::GT), capacity),
            zygosity: StringChunkedBuilder::new(name(col::ZYGOSITY), capacity),
            phased: BooleanChunkedBuilder::new(name(col::PHASED), capacity),
            phase_set: PrimitiveChunkedBuilder::new(name(col::PHASE_SET), capacity),
            genotype_quality: PrimitiveChunkedBuilder::new(name(col::GQ), capacity),
            depth: PrimitiveChunkedBuilder::new(name(col::DP), capacity),
            ref_depth: PrimitiveChunkedBuilder::new(name(col::AD_REF), capacity),
            alt_depth: PrimitiveChunkedBuilder::new(name(col::AD_ALT), capacity),
            vaf: PrimitiveChunkedBuilder::new(name(col::VAF), capacity),
            vaf_source: StringChunkedBuilder::new(name(col::VAF_SOURCE), capacity),
            alt_support: PrimitiveChunkedBuilder::new(name(col::ALT_SUPPORT), capacity),
        };
        for _ in 0..padding {
            columns.push(None);
        }
        columns
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
            self.phase_set.finish().into_column(),
            self.genotype_quality.finish().into_column(),
            self.depth.finish().into_column(),
            self.ref_depth.finish().into_column(),
            self.alt_depth.finish().into_column(),
            self.vaf.finish().into_column(),
            self.vaf_source.finish().into_column(),
            self.alt_support.finish().into_column(),
        ]
    }
}

/// The representative transcript's annotation, as columns.
struct AnnotationColumns {
    gene: StringChunkedBuilder,
    genes: StringChunkedBuilder,
    consequence: StringChunkedBuilder,
    impact: StringChunkedBuilder,
    transcript: StringChunkedBuilder,
    hgvs_c: StringChunkedBuilder,
    hgvs_p: StringChunkedBuilder,
    exon: StringChunkedBuilder,
    mane_select: StringChunkedBuilder,
    count: PrimitiveChunkedBuilder<UInt32Type>,
    all: StringChunkedBuilder,
    all_text: String,
}

impl AnnotationColumns {
    fn new(capacity: usize) -> Self {
        let s = |n: &str| StringChunkedBuilder::new(n.into(), capacity);
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
        self.all.append_value(&self.all_text);
    }

    fn finish(self) -> Vec<Column> {
        vec![
            self.gene.finish().into_column(),
            self.genes.finish().into_column(),
            self.consequence.finish().into_column(),
            self.impact.finish().into_column(),
            self.transcript.finish().into_column(),
            self.hgvs_c.finish().into_column(),
            self.hgvs_p.finish().into_column(),
            self.exon.finish().into_column(),
            self.mane_select.finish().into_column(),
            self.count.finish().into_column(),
            self.all.finish().into_column(),
        ]
    }
}

/// `-` for an empty field of the transcript list.
fn or_dash(text: &str) -> &str {
    if text.is_empty() { "-" } else { text }
}

/// One INFO field's column; created when a file first declares it, padded with nulls for the
/// rows of earlier files.
enum InfoBuilder {
    Integer(PrimitiveChunkedBuilder<Int64Type>),
    Float(PrimitiveChunkedBuilder<Float64Type>),
    Flag(BooleanChunkedBuilder),
    Text(StringChunkedBuilder),
}

impl InfoBuilder {
    fn new(column: &InfoColumn, capacity: usize, padding: usize) -> Self {
        let name = PlSmallStr::from(format!("{}{}", col::INFO_PREFIX, column.key));
        let mut builder = match column.column_type() {
            InfoType::Integer => Self::Integer(PrimitiveChunkedBuilder::new(name, capacity)),
            InfoType::Float => Self::Float(PrimitiveChunkedBuilder::new(name, capacity)),
            InfoType::Flag => Self::Flag(BooleanChunkedBuilder::new(name, capacity)),
            InfoType::Text => Self::Text(StringChunkedBuilder::new(name, capacity)),
        };
        for _ in 0..padding {
            builder.push(None);
        }
        builder
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
            Self::Flag(b) => match value {
                None => b.append_null(),
                Some(v) => b.append_value(*v == InfoValue::Flag),
            },
            Self::Text(b) => b.append_option(match value {
                Some(InfoValue::Text(v)) => Some(v.as_str()),
                _ => None,
            }),
        }
    }

    fn finish(self) -> Column {
        match self {
            Self::Integer(b) => b.finish().into_column(),
            Self::Float(b) => b.finish().into_column(),
            Self::Flag(b) => b.finish().into_column(),
            Self::Text(b) => b.finish().into_column(),
        }
    }
}

/// Contigs outside the primary assembly sort after chrM (rank 25), by name.
const OTHER_CONTIGS_RANK: u32 = 26;

/// The row order that puts the table in genome order — karyotype, then other contigs by name,
/// then position and end, ties in the order added — or `None` when it already is (a sorted VCF
/// stays sorted unless normalisation moved an indel left past its neighbour).
fn genome_order(mut order: Vec<(u32, u64, u64)>, other_contigs: &[String]) -> Option<Vec<IdxSize>> {
    if !other_contigs.is_empty() {
        let mut by_name: Vec<usize> = (0..other_contigs.len()).collect();
        by_name.sort_by(|a, b| other_contigs[*a].cmp(&other_contigs[*b]));
        let mut rank_of = vec![0u32; other_contigs.len()];
        for (position, index) in by_name.into_iter().enumerate() {
            rank_of[index] = OTHER_CONTIGS_RANK + position as u32;
        }
        for key in &mut order {
            if key.0 >= OTHER_CONTIGS_RANK {
                key.0 = rank_of[(key.0 - OTHER_CONTIGS_RANK) as usize];
            }
        }
    }
    if order.windows(2).all(|w| w[0] <= w[1]) {
        return None;
    }
    let mut rows: Vec<IdxSize> = (0..order.len() as IdxSize).collect();
    rows.sort_by_key(|&i| order[i as usize]);
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

/// Accumulates alleles from one or more files into the columns of the variant table.
pub struct VariantTableBuilder {
    rows: usize,
    capacity: usize,
    contig: StringChunkedBuilder,
    pos: PrimitiveChunkedBuilder<UInt64Type>,
    end: PrimitiveChunkedBuilder<UInt64Type>,
    key: StringChunkedBuilder,
    id: StringChunkedBuilder,
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
    layer: StringChunkedBuilder,
    source_file: StringChunkedBuilder,
    record_number: PrimitiveChunkedBuilder<UInt64Type>,
    sv_len: PrimitiveChunkedBuilder<Int64Type>,
    cipos_start: PrimitiveChunkedBuilder<Int64Type>,
    cipos_end: PrimitiveChunkedBuilder<Int64Type>,
    ciend_start: PrimitiveChunkedBuilder<Int64Type>,
    ciend_end: PrimitiveChunkedBuilder<Int64Type>,
    imprecise: BooleanChunkedBuilder,
    event: StringChunkedBuilder,
    event_type: StringChunkedBuilder,
    breakend_event: StringChunkedBuilder,
    mate_contig: StringChunkedBuilder,
    mate_pos: PrimitiveChunkedBuilder<UInt64Type>,
    annotation: AnnotationColumns,
    calls: CallColumns,
    normal_calls: Option<CallColumns>,
    info: Vec<(String, InfoBuilder)>,
    info_index: HashMap<String, usize>,
    source: Option<SourceFile>,
    /// Per INFO column of the current source: the builder index it feeds.
    source_info: Vec<usize>,
    /// Sort key of each row: (contig key, pos, end); see [`VariantTableBuilder::order`].
    order: Vec<(u32, u64, u64)>,
    /// Contigs outside the primary assembly, in order of first appearance.
    other_contigs: Vec<String>,
    /// Reused buffer for the `key` text of each row.
    key_text: String,
}

impl VariantTableBuilder {
    /// An empty table expecting about `capacity` rows.
    pub fn new(capacity: usize) -> Self {
        let s = |n: &str| StringChunkedBuilder::new(n.into(), capacity);
        let u = |n: &str| PrimitiveChunkedBuilder::<UInt64Type>::new(n.into(), capacity);
        let i = |n: &str| PrimitiveChunkedBuilder::<Int64Type>::new(n.into(), capacity);
        let b = |n: &str| BooleanChunkedBuilder::new(n.into(), capacity);
        Self {
            rows: 0,
            capacity,
            contig: s(col::CONTIG),
            pos: u(col::POS),
            end: u(col::END),
            key: s(col::KEY),
            id: s(col::ID),
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
            layer: s(col::LAYER),
            source_file: s(col::SOURCE_FILE),
            record_number: u(col::RECORD_NUMBER),
            sv_len: i(col::SV_LEN),
            cipos_start: i(col::CIPOS_START),
            cipos_end: i(col::CIPOS_END),
            ciend_start: i(col::CIEND_START),
            ciend_end: i(col::CIEND_END),
            imprecise: b(col::IMPRECISE),
            event: s(col::EVENT),
            event_type: s(col::EVENT_TYPE),
            breakend_event: s(col::BREAKEND_EVENT),
            mate_contig: s(col::MATE_CONTIG),
            mate_pos: u(col::MATE_POS),
            annotation: AnnotationColumns::new(capacity),
            calls: CallColumns::new("", capacity, 0),
            normal_calls: None,
            info: Vec::new(),
            info_index: HashMap::new(),
            source: None,
            source_info: Vec::new(),
            order: Vec::with_capacity(capacity),
            other_contigs: Vec::new(),
            key_text: String::with_capacity(64),
        }
    }

    /// Rows added so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Starts the alleles of another file; its INFO fields become columns (shared by name and
    /// type with earlier files; a field another file declared with another type is kept
    /// apart under `info.KEY:Type`).
    pub fn start_source(&mut self, source: SourceFile) {
        self.source_info.clear();
        for column in &source.info_columns {
            let ty = column.column_type();
            let mut name = column.key.clone();
            if let Some(&existing) = self.info_index.get(&name)
                && self.info_type(existing) != ty
            {
                name = format!("{}:{ty:?}", column.key);
            }
            let index = match self.info_index.get(&name) {
                Some(&index) => index,
                None => {
                    let renamed = InfoColumn {
                        key: name.clone(),
                        ..column.clone()
                    };
                    self.info.push((
                        name.clone(),
                        InfoBuilder::new(&renamed, self.capacity, self.rows),
                    ));
                    self.info_index.insert(name, self.info.len() - 1);
                    self.info.len() - 1
                }
            };
            self.source_info.push(index);
        }
        self.source = Some(source);
    }

    fn info_type(&self, index: usize) -> InfoType {
        match self.info[index].1 {
            InfoBuilder::Integer(_) => InfoType::Integer,
            InfoBuilder::Float(_) => InfoType::Float,
            InfoBuilder::Flag(_) => InfoType::Flag,
            InfoBuilder::Text(_) => InfoType::Text,
        }
    }

    /// Adds one allele of the current source.
    pub fn push(&mut self, allele: &VariantAllele) {
        let contig = allele.contig.as_str();
        let rank = karyotype_rank(contig);
        let contig_key = if rank < OTHER_CONTIGS_RANK {
            rank
        } else {
            let index = match self.other_contigs.iter().position(|c| c == contig) {
                Some(index) => index,
                None => {
                    self.other_contigs.push(contig.to_string());
                    self.other_contigs.len() - 1
                }
            };
            OTHER_CONTIGS_RANK + u32::try_from(index).unwrap_or(u32::MAX - OTHER_CONTIGS_RANK)
        };
        self.order.push((contig_key, allele.pos.get(), allele.end));
        self.contig.append_value(contig);
        self.pos.append_value(allele.pos.get());
        self.end.append_value(allele.end);
        self.key_text.clear();
        let _ = write!(
            self.key_text,
            "{}-{}-{}-{}",
            contig,
            allele.pos.get(),
            allele.reference,
            allele.alternate
        );
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
        let (layer, name) = self
            .source
            .as_ref()
            .map_or(("", ""), |s| (s.layer.as_str(), s.name.as_str()));
        self.layer.append_value(layer);
        self.source_file.append_value(name);
        self.record_number.append_value(allele.record_number);
        self.push_sv(allele);
        self.annotation.push(&allele.transcripts);
        self.calls.push(allele.calls.first());
        if allele.calls.len() > 1 && self.normal_calls.is_none() {
            self.normal_calls = Some(CallColumns::new(
                col::NORMAL_PREFIX,
                self.capacity,
                self.rows,
            ));
        }
        if let Some(normal) = self.normal_calls.as_mut() {
            normal.push(allele.calls.get(1));
        }
        let mut filled = vec![false; self.info.len()];
        for (value, &index) in allele.info.iter().zip(&self.source_info) {
            self.info[index].1.push(Some(value));
            filled[index] = true;
        }
        for (index, done) in filled.into_iter().enumerate() {
            if !done {
                self.info[index].1.push(None);
            }
        }
        self.rows += 1;
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

    /// Finishes the table and writes it to `path` atomically; returns its rows.
    pub fn write(self, path: &std::path::Path) -> Result<usize, TableError> {
        let mut frame = self.finish()?;
        super::write_parquet_atomically(path, &mut frame)?;
        Ok(frame.height())
    }

    /// The finished table in genome order (see [`genome_order`]), so that its natural order is
    /// the genome's.
    pub fn finish(self) -> Result<DataFrame, TableError> {
        let mut columns = vec![
            self.contig.finish().into_column(),
            self.pos.finish().into_column(),
            self.end.finish().into_column(),
            self.key.finish().into_column(),
            self.id.finish().into_column(),
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
            self.layer.finish().into_column(),
            self.source_file.finish().into_column(),
            self.record_number.finish().into_column(),
            self.sv_len.finish().into_column(),
            self.cipos_start.finish().into_column(),
            self.cipos_end.finish().into_column(),
            self.ciend_start.finish().into_column(),
            self.ciend_end.finish().into_column(),
            self.imprecise.finish().into_column(),
            self.event.finish().into_column(),
            self.event_type.finish().into_column(),
            self.breakend_event.finish().into_column(),
            self.mate_contig.finish().into_column(),
            self.mate_pos.finish().into_column(),
        ];
        columns.extend(self.annotation.finish());
        columns.extend(self.calls.finish());
        if let Some(normal) = self.normal_calls {
            columns.extend(normal.finish());
        }
        columns.extend(self.info.into_iter().map(|(_, b)| b.finish()));
        let frame = DataFrame::new_infer_height(columns)?;
        let permutation = genome_order(self.order, &self.other_contigs);
        Ok(match permutation {
            None => frame,
            Some(rows) => frame.take(&IdxCa::from_vec("rows".into(), rows))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genome_order_sorts_moved_indels_and_other_contigs_by_name() {
        assert_eq!(
            genome_order(vec![(1, 5, 5), (1, 9, 9), (2, 1, 1)], &[]),
            None
        );
        assert_eq!(
            genome_order(vec![(1, 10, 10), (1, 8, 12), (1, 8, 12), (1, 9, 9)], &[]),
            Some(vec![1, 2, 3, 0]),
            "ties keep the order they were added in"
        );
        let others = vec!["chrUn_b".to_string(), "chrUn_a".to_string()];
        assert_eq!(
            genome_order(vec![(26, 1, 1), (27, 1, 1), (23, 1, 1)], &others),
            Some(vec![2, 1, 0]),
            "chrX, then chrUn_a, then chrUn_b"
        );
    }
}
