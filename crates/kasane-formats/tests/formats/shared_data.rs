//! Conformance: every real public file in `../shared/data/public` is recognised as its own kind,
//! with the genome build its header states, and refused as another kind with a clear reason.

use crate::common::shared_data;
use kasane_core::{GenomeBuild, LayerKind};
use kasane_formats::sniff_layer_file;

const GRCH38: Option<GenomeBuild> = Some(GenomeBuild::Grch38);

/// (file, kind, format starts with, build)
const ACCEPTED: &[(&str, LayerKind, &str, Option<GenomeBuild>)] = &[
    (
        "wgs/small/HG00096_chr21_1000G.GRCh38.vcf",
        LayerKind::WgsVcf,
        "VCF 4.1",
        GRCH38,
    ),
    (
        "wgs/sv/HG008-T_GIAB_somatic_SV_subset.GRCh38.vcf.gz",
        LayerKind::SvVcf,
        "VCF 4.3 (bgzip)",
        GRCH38,
    ),
    (
        "wgs/sv/NA12878_HGSVC2_PAV_chr21_SV.GRCh38.vcf.gz",
        LayerKind::SvVcf,
        "VCF 4.2 (bgzip)",
        GRCH38,
    ),
    (
        "annotation/clinvar/clinvar_20211025_native_GRCh38.recsA_25.vcf",
        LayerKind::WgsVcf,
        "VCF 4.1",
        GRCH38,
    ),
    (
        "annotation/gnomad/gnomad.exomes.v4.0.sites.chr1_55039893-55039951.vcf.bgz",
        LayerKind::WgsVcf,
        "VCF 4.2 (bgzip)",
        GRCH38,
    ),
    (
        "rna_longread/isoforms/flair_test_transcriptome.isoforms.GRCh38.gtf",
        LayerKind::IsoformsGtf,
        "GTF",
        None,
    ),
    (
        "rna_longread/isoforms/sqanti3_UHR_chr22_PacBio_isoforms.subset500.gtf",
        LayerKind::IsoformsGtf,
        "GTF",
        None,
    ),
    (
        "annotation/genes/Ensembl91_GRCh38_chr9_1-1000000.gtf",
        LayerKind::IsoformsGtf,
        "GTF",
        None,
    ),
    (
        "rna_longread/counts/flair_SGNex_MCF7_A549.isoform_counts_matrix.tsv",
        LayerKind::IsoformCounts,
        "isoform count matrix (6 samples)",
        None,
    ),
    (
        "rna_longread/fusions/K562_DepMap_MASISOseq.ctat-LR-fusion.fusion_predictions.tsv.gz",
        LayerKind::Fusions,
        "ctat-LR-fusion (gzip)",
        None,
    ),
    (
        "rna_longread/fusions/K562_SGNex_ONT_cDNA_rep3_run4.jaffal_results.csv.gz",
        LayerKind::Fusions,
        "JAFFA/JAFFAL (gzip)",
        None,
    ),
    (
        "rna_longread/fusions/K562_SGNex_ONT_directRNA_rep1_run1.longgf.out.gz",
        LayerKind::Fusions,
        "LongGF (gzip)",
        None,
    ),
    (
        "rna_longread/bam/SGNex_A549_directRNA_rep5_run1.chr9_1-1000000.GRCh38.bam",
        LayerKind::LongReadBam,
        "BAM",
        GRCH38,
    ),
    (
        "rna_longread/bam/ctat_test_transcripts.minimap2.GRCh38.bam",
        LayerKind::LongReadBam,
        "BAM",
        GRCH38,
    ),
    (
        "methylation/bedmethyl/HG002_modkit_chr21_chr22_top1000.bedMethyl.gz",
        LayerKind::Bedmethyl,
        "bedMethyl (modkit, 18 columns) (gzip)",
        None,
    ),
    (
        "methylation/bismark/bismark_test_data.bismark.cov.gz",
        LayerKind::BismarkCov,
        "Bismark coverage (gzip)",
        None,
    ),
    (
        "methylation/array/GSE50660_450k_beta_200probes.tsv",
        LayerKind::MethylationArray,
        "methylation beta-value matrix (TSV",
        None,
    ),
    (
        "metabolome/mztab/MTBLS263.mzTab",
        LayerKind::Mztab,
        "mzTab-M 2.2.0-M",
        None,
    ),
    (
        "metabolome/mztab/lipidomics-example.mzTab",
        LayerKind::Mztab,
        "mzTab-M 2.0.0-M",
        None,
    ),
    (
        "metabolome/tables/metaboanalyst_lung_adenocarcinoma_gcms_data1.csv",
        LayerKind::MetaboliteTable,
        "metabolite table (CSV",
        None,
    ),
    (
        "metabolome/tables/quartet_untargeted_L2_metabolites_HMDB.sample_data.csv",
        LayerKind::MetaboliteTable,
        "metabolite table (CSV",
        None,
    ),
];

#[test]
fn every_shared_file_is_accepted_as_its_kind() {
    let Some(root) = shared_data() else { return };
    for (file, kind, format, build) in ACCEPTED {
        let report = sniff_layer_file(&root.join(file), *kind)
            .unwrap_or_else(|e| panic!("{file} as {kind}: {e}"));
        assert!(
            report.format.starts_with(format),
            "{file}: format {:?}",
            report.format
        );
        assert_eq!(
            report.genome_build, *build,
            "{file}: build ({:?})",
            report.build_source
        );
    }
}

/// (file, kind asked for, words the refusal must contain)
const REFUSED: &[(&str, LayerKind, &str)] = &[
    (
        "wgs/small/HG00096_chr21_1000G.GRCh38.vcf",
        LayerKind::Bedmethyl,
        "at least 11",
    ),
    (
        "rna_longread/bam/ctat_test_transcripts.minimap2.GRCh38.bam",
        LayerKind::WgsVcf,
        "it is a BAM file",
    ),
    (
        "wgs/sv/NA12878_HGSVC2_PAV_chr21_SV.GRCh38.vcf.gz",
        LayerKind::LongReadBam,
        "it is text (a VCF)",
    ),
    (
        "annotation/genes/ABCA10_chr17_69147115-69327244.slice.gff3",
        LayerKind::IsoformsGtf,
        "GFF3 attributes",
    ),
    (
        "metabolome/mztab/MTBLS263.mzTab",
        LayerKind::MetaboliteTable,
        "mzTab",
    ),
    (
        "methylation/bismark/bismark_test_data.bismark.cov.gz",
        LayerKind::Bedmethyl,
        "at least 11",
    ),
    (
        "methylation/bedmethyl/HG002_modkit_chr21_chr22_top1000.bedMethyl.gz",
        LayerKind::BismarkCov,
        "Bismark coverage has 6",
    ),
    (
        "rna_longread/counts/flair_SGNex_MCF7_A549.isoform_counts_matrix.tsv",
        LayerKind::MethylationArray,
        "not an array probe id",
    ),
    (
        "rna_longread/sqanti3/UHR_chr22_classification.rows1-500.txt",
        LayerKind::Fusions,
        "none of the supported callers",
    ),
    (
        "subtype/genefu_pam50.rda",
        LayerKind::MetaboliteTable,
        "binary",
    ),
];

#[test]
fn shared_files_of_another_kind_are_refused_with_the_reason() {
    let Some(root) = shared_data() else { return };
    for (file, kind, words) in REFUSED {
        let err = sniff_layer_file(&root.join(file), *kind)
            .err()
            .unwrap_or_else(|| panic!("{file} was accepted as {kind}"))
            .to_string();
        assert!(err.contains(words), "{file} as {kind}: {err}");
    }
}
