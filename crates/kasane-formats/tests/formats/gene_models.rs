//! The gene-model reader on the shared Ensembl GFF3 and GTF files, with the structure of named
//! transcripts as the files state it (exon and coding-part counts, coding length with the stop
//! codon, strand, extent).

use kasane_core::gene_model::{Interval, Strand, TranscriptModel};
use kasane_core::{CancelToken, NoProgress};
use kasane_formats::gene_models::{
    GeneAnnotationSource, GeneFileFormat, GeneModelsRead, read_gene_models,
};

use crate::common::shared_data;

fn read(relative: &str) -> Option<GeneModelsRead> {
    let path = shared_data()?.join(relative);
    Some(read_gene_models(&path, &NoProgress, &CancelToken::new()).expect("reads"))
}

fn transcript<'a>(read: &'a GeneModelsRead, id: &str) -> &'a TranscriptModel {
    read.transcripts
        .iter()
        .find(|t| t.transcript_id == id)
        .unwrap_or_else(|| panic!("{id} is read"))
}

fn coding_length(t: &TranscriptModel) -> u64 {
    t.coding.iter().map(|c| c.interval.len()).sum()
}

#[test]
fn ensembl_chr21_gff3_gives_every_transcript_with_its_gene() {
    let Some(read) = read("annotation/genes/Ensembl_GRCh38_chr21_genes.gff3.gz") else {
        return;
    };
    assert_eq!(read.format, GeneFileFormat::Gff3);
    assert_eq!(read.annotation_source, Some(GeneAnnotationSource::Ensembl));
    // 2,414 distinct exon parents in the file; the 31 gene-level parents it writes as
    // processed_transcript, RNA or pseudogene count as genes beside the 837 gene-kind lines.
    assert_eq!(read.transcripts.len(), 2414);
    assert_eq!(read.genes.len(), 868);
    let app = transcript(&read, "ENST00000357903.7");
    assert_eq!(app.gene_symbol.as_deref(), Some("APP"));
    assert_eq!(app.gene_id.as_deref(), Some("ENSG00000142192"));
    assert_eq!(app.biotype.as_deref(), Some("protein_coding"));
    assert_eq!(app.contig, "chr21");
    assert_eq!(app.strand, Strand::Reverse);
    assert_eq!(app.exons.len(), 17);
    assert_eq!(
        app.extent,
        Interval {
            start: 25880550,
            end: 26170787
        }
    );
    assert_eq!(app.coding.len(), 17);
    // 751 amino acids and the stop codon.
    assert_eq!(coding_length(app), 2256);
    assert_eq!(app.tags, ["basic"]);
    assert!(!app.mane_select);
    assert!(
        read.transcripts
            .windows(2)
            .all(|w| w[0].extent.start <= w[1].extent.start),
        "genome order"
    );
}

#[test]
fn the_abca10_slice_gff3_gives_its_one_transcript_on_the_reverse_strand() {
    let Some(read) = read("annotation/genes/ABCA10_chr17_69147115-69327244.slice.gff3") else {
        return;
    };
    assert_eq!(read.transcripts.len(), 1);
    let abca10 = &read.transcripts[0];
    assert_eq!(abca10.transcript_id, "ENST00000269081.8");
    assert_eq!(abca10.gene_symbol.as_deref(), Some("ABCA10"));
    assert_eq!(abca10.contig, "chr17");
    assert_eq!(abca10.strand, Strand::Reverse);
    // Slice-relative coordinates, as the file writes them (add 69,147,114 for GRCh38).
    assert_eq!(
        abca10.extent,
        Interval {
            start: 893,
            end: 97732
        }
    );
    assert_eq!((abca10.exons.len(), abca10.coding.len()), (40, 37));
    // 1,543 amino acids and the stop codon.
    assert_eq!(coding_length(abca10), 4632);
    assert_eq!(
        abca10.exon_number(0),
        40,
        "the 3′-most exon is exon 40 on the reverse strand"
    );
    assert_eq!(abca10.protein_id.as_deref(), Some("ENSP00000269081"));
    assert_eq!(read.genes.len(), 1);
    assert_eq!(read.genes[0].gene_id, "ENSG00000154263");
}

#[test]
fn ensembl_91_gtf_joins_each_stop_codon_to_its_coding_region() {
    let Some(read) = read("annotation/genes/Ensembl91_GRCh38_chr9_1-1000000.gtf") else {
        return;
    };
    assert_eq!(read.format, GeneFileFormat::Gtf);
    assert_eq!((read.genes.len(), read.transcripts.len()), (23, 105));
    let dmrt1 = transcript(&read, "ENST00000382276.7");
    assert_eq!(dmrt1.gene_symbol.as_deref(), Some("DMRT1"));
    assert_eq!(dmrt1.contig, "chr9");
    assert_eq!(dmrt1.strand, Strand::Forward);
    assert_eq!(dmrt1.exons.len(), 5);
    assert_eq!(
        dmrt1.extent,
        Interval {
            start: 841690,
            end: 969090
        }
    );
    // 1,119 CDS bases plus the stop codon at 968,137-968,139: DMRT1's 373 amino acids.
    assert_eq!(coding_length(dmrt1), 1122);
    let last = dmrt1.coding.last().expect("coding");
    assert_eq!(
        last.interval,
        Interval {
            start: 967985,
            end: 968139
        }
    );
    assert_eq!(last.phase, 2, "as the file's last CDS line states");
    assert_eq!(dmrt1.coding[0].phase, 0);
}
