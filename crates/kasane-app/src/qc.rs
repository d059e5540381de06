//! The QC use case: figures and numbers of a case's variant table.

use kasane_plot::{Bar, BarChart, Palette, bar_chart_svg};
use kasane_tables::variant_table::{INDEL_LENGTH_LIMIT, VAF_BINS, VariantQc, variant_qc};

use crate::error::{AppError, ErrorKind};
use crate::use_cases::Kasane;
use crate::variant_dto::{CaseQcDto, CountDto, FigureDto};

fn counts(pairs: &[(String, u64)]) -> Vec<CountDto> {
    pairs
        .iter()
        .map(|(label, count)| CountDto {
            label: label.clone(),
            count: *count,
        })
        .collect()
}

fn indel_label(length: i64) -> String {
    match length {
        l if l <= -INDEL_LENGTH_LIMIT => format!("≤{l}"),
        l if l >= INDEL_LENGTH_LIMIT => format!("≥+{l}"),
        l if l > 0 => format!("+{l}"),
        l => l.to_string(),
    }
}

fn figure(
    name: &str,
    title: &str,
    x: &str,
    y: &str,
    bars: Vec<Bar>,
) -> Result<FigureDto, AppError> {
    let chart = BarChart {
        title: title.into(),
        x_label: x.into(),
        y_label: y.into(),
        bars,
        size: (560, 300),
    };
    let svg = bar_chart_svg(&chart, &Palette::default())
        .map_err(|e| AppError::new(ErrorKind::Internal, e.to_string()))?;
    Ok(FigureDto {
        name: name.into(),
        svg,
    })
}

fn bars(items: &[CountDto], highlight: impl Fn(&str) -> bool) -> Vec<Bar> {
    items
        .iter()
        .map(|c| Bar {
            label: c.label.clone(),
            value: c.count as f64,
            highlighted: highlight(&c.label),
        })
        .collect()
}

impl Kasane {
    /// QC figures and numbers of the case's variant table.
    pub fn case_qc(&self, label: &str) -> Result<CaseQcDto, AppError> {
        let (import, table) = self.current_table(label)?;
        let qc: VariantQc = variant_qc(table.frame(), import.import.genome_build)?;
        let by_class = counts(&qc.by_class);
        let by_contig = counts(&qc.by_contig);
        let indel_lengths: Vec<CountDto> = qc
            .indel_lengths
            .iter()
            .map(|(length, count)| CountDto {
                label: indel_label(*length),
                count: *count,
            })
            .collect();
        let vaf_histogram: Vec<CountDto> = qc
            .vaf_histogram
            .iter()
            .enumerate()
            .map(|(i, count)| CountDto {
                label: format!("{:.2}", i as f64 / VAF_BINS as f64),
                count: *count,
            })
            .collect();
        let figures = vec![
            figure(
                "classes",
                "Alleles by class",
                "class",
                "alleles",
                bars(&by_class, |l| l.starts_with("sv-") || l == "breakend"),
            )?,
            figure(
                "contigs",
                "Alleles by chromosome",
                "chromosome",
                "alleles",
                bars(&by_contig, |l| l == "chrX" || l == "chrY"),
            )?,
            figure(
                "indel-lengths",
                "Indel lengths (deletions < 0 < insertions)",
                "length (bp)",
                "indels",
                bars(&indel_lengths, |l| l.starts_with('-') || l.starts_with('≤')),
            )?,
            figure(
                "vaf",
                "Variant allele fraction",
                "VAF (bin start)",
                "alleles",
                bars(&vaf_histogram, |_| false),
            )?,
        ];
        Ok(CaseQcDto {
            case_label: label.trim().into(),
            alleles: qc.alleles,
            carried: qc.carried,
            passing: qc.passing,
            by_class,
            by_contig,
            transitions: qc.transitions,
            transversions: qc.transversions,
            ti_tv: qc.ti_tv,
            het: qc.het,
            hom: qc.hom,
            het_hom: qc.het_hom,
            indel_lengths,
            vaf_histogram,
            sex: qc.sex,
            figures,
        })
    }
}
