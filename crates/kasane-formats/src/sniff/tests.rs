use std::io::Write;
use std::path::PathBuf;

use flate2::write::GzEncoder;
use kasane_core::{GenomeBuild, LayerKind};

use super::*;

const VCF: &str = "##fileformat=VCFv4.2\n\
##contig=<ID=chr21,length=46709983>\n\
##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n\
chr21\t25585733\t.\tC\tT\t.\tPASS\t.\n";

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
    fn gzip(&self, name: &str, text: &str) -> PathBuf {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        self.write(name, &encoder.finish().unwrap())
    }
}

fn problem(path: &Path, kind: LayerKind) -> String {
    let err = sniff_layer_file(path, kind).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(&path.display().to_string()),
        "error must name the file: {text}"
    );
    assert!(!text.contains('\n'), "error must be one line: {text}");
    text
}

#[test]
fn plain_and_gzip_vcf_are_accepted_with_their_build() {
    let dir = Dir::new();
    for path in [
        dir.write("a.vcf", VCF.as_bytes()),
        dir.gzip("a.vcf.gz", VCF),
    ] {
        let report = sniff_layer_file(&path, LayerKind::WgsVcf).unwrap();
        assert!(report.format.starts_with("VCF 4.2"), "{}", report.format);
        assert_eq!(report.genome_build, Some(GenomeBuild::Grch38));
        assert_eq!(
            report.build_source.as_deref(),
            Some("##contig=<ID=chr21,length=46709983>")
        );
    }
}

#[test]
fn bad_containers_and_empty_files_are_refused() {
    let dir = Dir::new();
    assert!(problem(&dir.0.path().join("missing.vcf"), LayerKind::WgsVcf).contains("not found"));
    assert!(problem(dir.0.path(), LayerKind::WgsVcf).contains("is a directory"));
    assert!(problem(&dir.write("empty.vcf", b""), LayerKind::WgsVcf).contains("empty"));
    let whole = std::fs::read(dir.gzip("whole.vcf.gz", &VCF.repeat(50))).unwrap();
    let cut = dir.write("cut.vcf.gz", &whole[..whole.len() - 20]);
    assert!(problem(&cut, LayerKind::WgsVcf).contains("truncated or corrupt"));
    let png = dir.write("image.vcf", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let text = problem(&png, LayerKind::WgsVcf);
    assert!(
        text.contains("not a wgs-vcf file") && text.contains("PNG image"),
        "{text}"
    );
}

#[test]
fn vcf_problems_name_the_line() {
    let dir = Dir::new();
    let text = problem(&dir.write("x.vcf", b"chr1\t1\n"), LayerKind::WgsVcf);
    assert!(text.contains("not '##fileformat=VCFv4.x'"), "{text}");
    let no_chrom = dir.write("y.vcf", b"##fileformat=VCFv4.2\n##source=x\n");
    assert!(problem(&no_chrom, LayerKind::WgsVcf).contains("without a '#CHROM' line"));
    let short = VCF.replace("chr21\t25585733\t.\tC\tT\t.\tPASS\t.", "chr21\t25585733");
    let text = problem(&dir.write("z.vcf", short.as_bytes()), LayerKind::WgsVcf);
    assert!(text.contains("line 5: the first record has 2"), "{text}");
}

#[test]
fn sv_vcf_needs_svtype_and_conflicting_builds_are_refused() {
    let dir = Dir::new();
    let small = VCF.replace(
        "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type\">\n",
        "",
    );
    let text = problem(&dir.write("small.vcf", small.as_bytes()), LayerKind::SvVcf);
    assert!(text.contains("no INFO/SVTYPE"), "{text}");
    assert!(sniff_layer_file(&dir.write("sv.vcf", VCF.as_bytes()), LayerKind::SvVcf).is_ok());
    let mixed = VCF.replace("##contig", "##reference=hg19.fa\n##contig");
    let text = problem(&dir.write("mixed.vcf", mixed.as_bytes()), LayerKind::WgsVcf);
    assert!(text.contains("two genome builds"), "{text}");
}

#[test]
fn gtf_is_told_from_gff3() {
    let dir = Dir::new();
    let gtf = "#!genome-build GRCh38.p13\nchr12\tFLAIR\texon\t25250751\t25250929\t50\t-\t.\tgene_id \"G\"; transcript_id \"T\";\n";
    let report =
        sniff_layer_file(&dir.write("a.gtf", gtf.as_bytes()), LayerKind::IsoformsGtf).unwrap();
    assert_eq!(report.genome_build, Some(GenomeBuild::Grch38));
    let gff3 = "##gff-version 3\nchr1\tsrc\texon\t10\t20\t.\t+\t.\tID=e1;Parent=t1\n";
    let text = problem(
        &dir.write("a.gff3", gff3.as_bytes()),
        LayerKind::IsoformsGtf,
    );
    assert!(text.contains("GFF3 attributes"), "{text}");
    let reversed = "chr1\tsrc\texon\t20\t10\t.\t+\t.\ttranscript_id \"T\";\n";
    let text = problem(
        &dir.write("r.gtf", reversed.as_bytes()),
        LayerKind::IsoformsGtf,
    );
    assert!(text.contains("line 1: start 20 and end 10"), "{text}");
}

#[test]
fn methylation_layers_check_their_columns() {
    let dir = Dir::new();
    let bismark = "chr1\t910856\t910856\t100\t1\t0\nchr1\t910868\t910868\t50\t1\t1\n";
    assert!(
        sniff_layer_file(
            &dir.write("a.cov", bismark.as_bytes()),
            LayerKind::BismarkCov
        )
        .is_ok()
    );
    let text = problem(
        &dir.write("b.cov", b"chr1\t5\t5\t150\t1\t0\n"),
        LayerKind::BismarkCov,
    );
    assert!(text.contains("outside 0–100"), "{text}");
    let bed = "chr21\t5216643\t5216644\tC\t92\t.\t5216643\t5216644\t255,0,0\t92\t1.09\t1\t91\t0\t0\t1\t2\t0\n";
    let report =
        sniff_layer_file(&dir.write("a.bed", bed.as_bytes()), LayerKind::Bedmethyl).unwrap();
    assert_eq!(report.format, "bedMethyl (modkit, 18 columns)");
    let text = problem(
        &dir.write("c.bed", bismark.as_bytes()),
        LayerKind::Bedmethyl,
    );
    assert!(text.contains("at least 11"), "{text}");
    let matrix = "ID_REF\tS1\tS2\ncg08151063\t0.08\tNA\n";
    let report = sniff_layer_file(
        &dir.write("m.tsv", matrix.as_bytes()),
        LayerKind::MethylationArray,
    )
    .unwrap();
    assert!(report.format.contains("beta-value"), "{}", report.format);
    let idat = dir.write("x.idat", b"IDAT\x03\0\0\0");
    assert_eq!(
        sniff_layer_file(&idat, LayerKind::MethylationArray)
            .unwrap()
            .format,
        "Illumina IDAT"
    );
}

#[test]
fn tables_and_fusions_are_recognised() {
    let dir = Dir::new();
    let counts = "ids\tA\tB\nENST1_ENSG1\t77.0\t46\n";
    assert!(
        sniff_layer_file(
            &dir.write("c.tsv", counts.as_bytes()),
            LayerKind::IsoformCounts
        )
        .is_ok()
    );
    let bad = "ids\tA\tB\nENST1_ENSG1\t77.0\tlots\n";
    let text = problem(
        &dir.write("d.tsv", bad.as_bytes()),
        LayerKind::IsoformCounts,
    );
    assert!(text.contains("line 2: column 3 is \"lots\""), "{text}");
    let ragged = "metabolite,HMDB,S1\n\"Palmitic acid\",HMDB0000220,3.2\nx,1\n";
    let text = problem(
        &dir.write("e.csv", ragged.as_bytes()),
        LayerKind::MetaboliteTable,
    );
    assert!(
        text.contains("line 3: 2 columns where the header has 3"),
        "{text}"
    );
    let jaffal = "sample,fusion genes,chrom1,base1,strand1\ns,BCR:ABL1,chr22,23290413,+\n";
    assert_eq!(
        sniff_layer_file(&dir.write("j.csv", jaffal.as_bytes()), LayerKind::Fusions)
            .unwrap()
            .format,
        "JAFFA/JAFFAL"
    );
    let text = problem(&dir.write("k.csv", counts.as_bytes()), LayerKind::Fusions);
    assert!(text.contains("none of the supported callers"), "{text}");
    let mztab1 = "MTD\tmzTab-version\t1.0.0\n";
    let text = problem(&dir.write("p.mzTab", mztab1.as_bytes()), LayerKind::Mztab);
    assert!(text.contains("mzTab-M 2.x"), "{text}");
}
