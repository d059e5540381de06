//! `kasane case annotate`, `case annotations` and `cache use` on a case whose alleles come from
//! the shared ClinVar and gnomAD files, with the facts asserted as those files state them.

use crate::{Env, shared_file, stderr, with_a_stored_value_flipped};

pub(crate) const CLINVAR: &str = "annotation/clinvar/clinvar_20211025_native_GRCh38.recsA_25.vcf";
const CLINVAR_37: &str = "annotation/clinvar/clinvar_20210302_10_records.GRCh37.vcf";
pub(crate) const EXOMES: &str =
    "annotation/gnomad/gnomad.exomes.v4.0.sites.chr1_55039893-55039951.vcf.bgz";

const HEADER: &str = "##fileformat=VCFv4.2\n##reference=GRCh38\n\
##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr4,length=190214555>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n";

/// Two ClinVar alleles (chr1-925952-G-A, a VUS; chr4-86075-AC-A, not provided), one gnomAD v4
/// exome allele (chr1-55039894-G-C) and one allele neither file holds (G>T beside the VUS).
const RECORDS: &str = "chr1\t925952\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n\
chr1\t925952\t.\tG\tT\t50\tPASS\t.\tGT\t0/1\n\
chr1\t55039894\trs1271212224\tG\tC\t50\tPASS\t.\tGT\t0/1\n\
chr4\t86075\t.\tAC\tA\t50\tPASS\t.\tGT\t1/1\n";

pub(crate) fn path(relative: &str) -> Option<String> {
    shared_file(relative).map(|p| p.to_string_lossy().into_owned())
}

pub(crate) fn build(env: &Env, name: &str, args: &[&str]) -> String {
    let out = env.dir.path().join(name).to_string_lossy().into_owned();
    let mut command = vec!["cache", "build", "--out", &out];
    command.extend_from_slice(args);
    let built = env.run(&command);
    assert!(built.status.success(), "{}", stderr(&built));
    out
}

fn imported_case(env: &Env) {
    imported_case_labelled(env, "KSN-A1");
}

/// A case `label` holding [`RECORDS`], imported.
fn imported_case_labelled(env: &Env, label: &str) {
    assert!(env.run(&["case", "new", label]).status.success());
    let vcf = env.file(
        &format!("{label}.vcf"),
        format!("{HEADER}{RECORDS}").as_bytes(),
    );
    let added = env.run(&["case", "add-file", label, "--kind", "wgs-vcf", &vcf]);
    assert!(added.status.success(), "{}", stderr(&added));
    let imported = env.run(&["case", "import", label]);
    assert!(imported.status.success(), "{}", stderr(&imported));
}

/// A case `label` holding [`RECORDS`], imported and annotated from a cache of `clinvar` and
/// the gnomAD `exomes` (built once per workspace).
pub(crate) fn annotated_case(env: &Env, label: &str, clinvar: &str, exomes: &str) {
    let cache = env.dir.path().join("review.kcache");
    if !cache.exists() {
        build(
            env,
            "review.kcache",
            &["--clinvar", clinvar, "--gnomad", exomes],
        );
    }
    imported_case_labelled(env, label);
    let cache = cache.to_string_lossy();
    let annotated = env.run(&["case", "annotate", label, "--cache", &cache]);
    assert!(annotated.status.success(), "{}", stderr(&annotated));
}

/// The annotation columns of every row of KSN-A1, in genome order, as TSV cells.
fn annotation_rows(env: &Env, columns: &str) -> Vec<Vec<String>> {
    case_rows(env, "KSN-A1", columns)
}

/// `columns` of every row of `case`, in genome order, as TSV cells.
fn case_rows(env: &Env, case: &str, columns: &str) -> Vec<Vec<String>> {
    let out = env.run(&["variants", case, "--all", "--columns", columns]);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

#[test]
fn a_case_is_annotated_from_clinvar_and_gnomad_and_keeps_every_annotation() {
    let (Some(clinvar), Some(exomes)) = (path(CLINVAR), path(EXOMES)) else {
        return;
    };
    let env = Env::new();
    let full = build(
        &env,
        "full.kcache",
        &["--clinvar", &clinvar, "--gnomad", &exomes],
    );
    imported_case(&env);
    let annotated = env.json(&["--json", "case", "annotate", "KSN-A1", "--cache", &full]);
    assert_eq!(annotated["rows"], 4);
    assert_eq!(annotated["clinvarRows"], 2);
    assert_eq!(annotated["frequencyRows"][0]["source"], "gnomad-exomes");
    assert_eq!(annotated["frequencyRows"][0]["release"], "v4.0 exomes");
    assert_eq!(annotated["frequencyRows"][0]["rows"], 1);
    assert_eq!(annotated["cacheSources"][0]["release"], "2021-10-25");
    let info = env.json(&["--json", "cache", "info", &full]);
    assert_eq!(annotated["cacheSha256"], info["contentSha256"]);
    // Imported without a reference, the deletion may not be leftmost: the annotator says so.
    let warnings = annotated["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .contains("imported without a reference"),
        "{warnings:?}"
    );

    let rows = annotation_rows(
        &env,
        "key,clinvar,clinvar_stars,clinvar_review,clinvar_conditions,clinvar_id,gnomad-exomes.af,gnomad-exomes.an,gnomad-exomes.grpmax,gnomad-exomes.faf95,max_af_source",
    );
    let expected = [
        [
            "chr1-925952-G-A",
            "Uncertain significance",
            "1",
            "criteria provided, single submitter",
            "not provided",
            "1019397",
            ".",
            ".",
            ".",
            ".",
            ".",
        ],
        [
            "chr1-925952-G-T",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
        ],
        [
            "chr1-55039894-G-C",
            ".",
            ".",
            ".",
            ".",
            ".",
            "0.00000424589",
            "1413132",
            "afr",
            "0.0000598",
            "gnomad-exomes",
        ],
        [
            "chr4-86075-AC-A",
            "not provided",
            "0",
            "no assertion provided",
            "not provided",
            "441007",
            ".",
            ".",
            ".",
            ".",
            ".",
        ],
    ];
    assert_eq!(rows, expected);
    let filtered = env.run(&[
        "variants",
        "KSN-A1",
        "--filter",
        "clinvar_stars>=1",
        "--columns",
        "key",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&filtered.stdout),
        "key\nchr1-925952-G-A\n"
    );
    // Rare alleles: AF at most 1e-6 drops the gnomAD allele (4.2e-6); with `?` the alleles no
    // population source holds stay.
    let rare = |filter: &str| {
        let out = env.run(&["variants", "KSN-A1", "--filter", filter, "--columns", "key"]);
        String::from_utf8_lossy(&out.stdout).lines().count() - 1
    };
    assert_eq!(rare("max_af<=0.000001"), 0);
    assert_eq!(rare("max_af<=0.000001?"), 3);
    assert_eq!(rare("max_af<=0.001?"), 4);
    assert_eq!(rare("clinvar_class=VUS"), 1);

    // A second cache without gnomAD: the case now reads it, and the first annotation stays on
    // record with its file.
    let clinvar_only = build(&env, "clinvar.kcache", &["--clinvar", &clinvar]);
    let used = env.json(&["--json", "cache", "use", &clinvar_only]);
    assert_eq!(used["sources"].as_array().unwrap().len(), 1);
    let again = env.json(&["--json", "case", "annotate", "KSN-A1"]);
    assert_eq!(again["cacheFile"], used["path"]);
    assert_eq!(again["frequencyRows"].as_array().unwrap().len(), 0);
    let history = env.json(&["--json", "case", "annotations", "KSN-A1"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["cacheSha256"], annotated["cacheSha256"]);
    assert_eq!(
        (
            history[0]["current"].as_bool(),
            history[1]["current"].as_bool()
        ),
        (Some(false), Some(true))
    );
    assert_ne!(history[0]["cacheSha256"], history[1]["cacheSha256"]);
    for annotation in history {
        let file = env
            .workspace()
            .join(annotation["annotationFile"].as_str().unwrap());
        assert!(file.is_file(), "{} kept", file.display());
    }
    let columns = env.run(&["variants", "KSN-A1", "--list-columns"]);
    let columns = String::from_utf8_lossy(&columns.stdout);
    assert!(columns.contains("clinvar_stars"), "{columns}");
    assert!(!columns.contains("gnomad-exomes.af"), "{columns}");
    // Imported again, the case shows no annotation until it is annotated again; the earlier
    // ones stay on record.
    assert!(env.run(&["case", "import", "KSN-A1"]).status.success());
    let history = env.json(&["--json", "case", "annotations", "KSN-A1"]);
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["current"] == false)
    );
    let columns = env.run(&["variants", "KSN-A1", "--list-columns"]);
    assert!(!String::from_utf8_lossy(&columns.stdout).contains("clinvar_stars"));
    let audit = env.json(&["--json", "audit", "--case", "KSN-A1"]);
    let annotations = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "case.variants-annotated")
        .count();
    assert_eq!(annotations, 2);
}

#[test]
fn a_cache_of_the_other_build_or_a_damaged_one_is_refused_and_nothing_changes() {
    let (Some(clinvar), Some(clinvar_37)) = (path(CLINVAR), path(CLINVAR_37)) else {
        return;
    };
    let env = Env::new();
    imported_case(&env);
    let grch37 = build(&env, "grch37.kcache", &["--clinvar", &clinvar_37]);
    let refused = env.run(&["case", "annotate", "KSN-A1", "--cache", &grch37]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).contains("is GRCh38 but") && stderr(&refused).contains("GRCh37"),
        "{}",
        stderr(&refused)
    );
    let none = env.run(&["case", "annotate", "KSN-A1"]);
    assert_eq!(none.status.code(), Some(3));
    assert!(
        stderr(&none).contains("none is active"),
        "{}",
        stderr(&none)
    );

    let good = build(&env, "good.kcache", &["--clinvar", &clinvar]);
    assert!(env.run(&["cache", "use", &good]).status.success());
    let damaged = env.dir.path().join("damaged.kcache");
    std::fs::write(&damaged, with_a_stored_value_flipped(&good)).unwrap();
    let refused = env.run(&["cache", "use", &damaged.to_string_lossy()]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).contains("active cache is unchanged"),
        "{}",
        stderr(&refused)
    );
    let annotated = env.json(&["--json", "case", "annotate", "KSN-A1"]);
    assert!(
        annotated["cacheFile"]
            .as_str()
            .unwrap()
            .ends_with("good.kcache")
    );
    let history = env.json(&["--json", "case", "annotations", "KSN-A1"]);
    assert_eq!(history.as_array().unwrap().len(), 1);

    // An archived case is not annotated again; its record stays as it was.
    assert!(env.run(&["case", "archive", "KSN-A1"]).status.success());
    let archived = env.run(&["case", "annotate", "KSN-A1"]);
    assert_eq!(archived.status.code(), Some(5), "{}", stderr(&archived));
    let history = env.json(&["--json", "case", "annotations", "KSN-A1"]);
    assert_eq!(history.as_array().unwrap().len(), 1);
}

/// Structural variants written for this test over genes of the shared gene models: a deletion
/// from APP's 3′ end into the intergenic space before it, and a breakend pair joining APP to
/// DMRT1.
const SV_VCF: &str = "##fileformat=VCFv4.2\n##reference=GRCh38\n\
##contig=<ID=chr9,length=138394717>\n##contig=<ID=chr21,length=46709983>\n\
##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type\">\n\
##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n\
##INFO=<ID=SVLEN,Number=A,Type=Integer,Description=\"Length\">\n\
##INFO=<ID=MATEID,Number=.,Type=String,Description=\"Mate\">\n\
##ALT=<ID=DEL,Description=\"Deletion\">\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
chr9\t800000\tbnd_c\tA\tA[chr9:845500[\t50\tPASS\tSVTYPE=BND;MATEID=bnd_d\tGT\t0/1\n\
chr9\t845000\tbnd_b\tA\tA]chr21:25900000]\t50\tPASS\tSVTYPE=BND;MATEID=bnd_a\tGT\t0/1\n\
chr9\t845500\tbnd_d\tC\t]chr9:800000]C\t50\tPASS\tSVTYPE=BND;MATEID=bnd_c\tGT\t0/1\n\
chr21\t25870000\tdel1\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;END=25890000;SVLEN=-20000\tGT\t0/1\n\
chr21\t25900000\tbnd_a\tG\tG]chr9:845000]\t50\tPASS\tSVTYPE=BND;MATEID=bnd_b\tGT\t0/1\n";

#[test]
fn structural_variants_are_annotated_with_the_genes_at_their_breakpoints() {
    let (Some(chr21), Some(chr9)) = (
        path("annotation/genes/Ensembl_GRCh38_chr21_genes.gff3.gz"),
        path("annotation/genes/Ensembl91_GRCh38_chr9_1-1000000.gtf"),
    ) else {
        return;
    };
    let env = Env::new();
    let chr9_source = format!("chr9={chr9}");
    let cache = build(
        &env,
        "genes.kcache",
        &[
            "--genes",
            &chr21,
            "--release",
            "genes=Ensembl 84",
            "--genes",
            &chr9_source,
            "--release",
            "chr9=Ensembl 91",
            "--genome-build",
            "GRCh38",
        ],
    );
    assert!(env.run(&["case", "new", "KSN-SV1"]).status.success());
    let vcf = env.file("sv.vcf", SV_VCF.as_bytes());
    assert!(
        env.run(&["case", "add-file", "KSN-SV1", "--kind", "sv-vcf", &vcf])
            .status
            .success()
    );
    let imported = env.run(&["case", "import", "KSN-SV1"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let annotated = env.run(&["case", "annotate", "KSN-SV1", "--cache", &cache]);
    assert!(annotated.status.success(), "{}", stderr(&annotated));
    let rows = case_rows(
        &env,
        "KSN-SV1",
        "id,class,genes_at_start,genes_at_end,genes_spanned,kasane_consequence,kasane_hgvs",
    );
    assert_eq!(
        rows,
        [
            // A join from the gene-free chr9:746–841 kb into DMRT1's intron 1 breaks DMRT1 on
            // the mate's row; the row whose own breakpoint is in no gene has no Kasane effect.
            vec!["bnd_c", "breakend", ".", "DMRT1", ".", ".", "."],
            // The join keeps DMRT1's 5′ part (chr9 forward strand, left of 845,000: its
            // first CDS piece, 354 coding bases) and APP's 3′ part (reverse strand, left of
            // 25,900,000: after 1,906 coding bases); 354 and 1,906 leave different phases, so
            // the fusion is out of frame — the same on both mates' rows.
            vec![
                "bnd_b",
                "breakend",
                "DMRT1",
                "APP",
                ".",
                "feature_truncation",
                "DMRT1::APP ENST00000382276.7::ENST00000357903.7 out of frame"
            ],
            vec![
                "bnd_d",
                "breakend",
                "DMRT1",
                ".",
                ".",
                "feature_truncation",
                "DMRT1 ENST00000382276.7 broken in intron 1"
            ],
            // APP-751 (reverse strand, 17 exons): the deletion takes its last exon,
            // 25,880,550-25,881,771, and stops in intron 16 before exon 16 at 25,891,722.
            vec![
                "del1",
                "sv-deletion",
                ".",
                "APP",
                "APP",
                "feature_truncation",
                "APP ENST00000357903.7 ex17del"
            ],
            vec![
                "bnd_a",
                "breakend",
                "APP",
                "DMRT1",
                ".",
                "feature_truncation",
                "DMRT1::APP ENST00000382276.7::ENST00000357903.7 out of frame"
            ],
        ],
        "{rows:?}"
    );
    // The breakend's fusion judged against the diagnostic list: DMRT1::APP is on none.
    let explained = env.json(&[
        "--json",
        "explain",
        "KSN-SV1",
        "chr9-845000-A-A]chr21:25900000]",
    ]);
    let fusion = &explained["fusions"][0];
    assert_eq!(fusion["name"], "DMRT1::APP");
    assert_eq!(fusion["verdict"], "uncertain-significance");
    assert_eq!(
        explained["fusions"].as_array().map(Vec::len),
        Some(1),
        "one gene pair"
    );
    let text = String::from_utf8(
        env.run(&["explain", "KSN-SV1", "chr9-845000-A-A]chr21:25900000]"])
            .stdout,
    )
    .unwrap();
    assert!(
        text.contains(
            "fusion      DMRT1::APP — uncertain significance: not on the diagnostic fusion list"
        ),
        "{text}"
    );
    // The deletion's PVS1 follows the deletion branch on APP-751, which this cache holds no
    // dosage curation for.
    let deletion = env.json(&["--json", "explain", "KSN-SV1", "chr21-25870000-N-<DEL>"]);
    let pvs1 = &deletion["proposals"][0];
    assert_eq!(
        (pvs1["name"].as_str(), pvs1["state"].as_str()),
        (Some("PVS1"), Some("not-evaluable"))
    );
    assert_eq!(
        pvs1["path"][0],
        "deletion: feature_truncation&coding_sequence_variant&3_prime_UTR_variant on APP ENST00000357903.7 (breakpoints in intron 16)"
    );
    assert!(
        pvs1["reason"]
            .as_str()
            .unwrap()
            .contains("no ClinGen dosage curation of APP")
    );
    let broken = env.json(&[
        "--json",
        "explain",
        "KSN-SV1",
        "chr9-845500-C-]chr9:800000]C",
    ]);
    // A breakend is weighed on its own row by the side of the join it names: this one's cut
    // lies in DMRT1's intron 1, and this cache holds no dosage curation of DMRT1.
    let pvs1 = &broken["proposals"][0];
    assert_eq!(pvs1["state"], "not-evaluable", "{broken}");
    assert_eq!(
        pvs1["path"][0],
        "breakend: feature_truncation&intron_variant on DMRT1 ENST00000382276.7 (breakpoints in intron 1)"
    );
    assert!(
        pvs1["reason"]
            .as_str()
            .unwrap()
            .contains("no ClinGen dosage curation of DMRT1"),
        "{pvs1}"
    );
}

#[test]
fn a_case_gets_kasanes_own_hgvs_and_consequence_on_the_transcript_shown_first() {
    let (Some(genes), Some(fasta)) = (
        path("annotation/genes/Ensembl91_GRCh38_chr9_1-1000000.gtf"),
        path("annotation/reference/GRCh38_chr9_1-1000000.Ensembl_softmasked.fa"),
    ) else {
        return;
    };
    let env = Env::new();
    let cache = build(
        &env,
        "chr9.kcache",
        &[
            "--genes",
            &genes,
            "--reference",
            &fasta,
            "--release",
            "genes=Ensembl 91",
            "--genome-build",
            "GRCh38",
        ],
    );
    assert!(env.run(&["case", "new", "KSN-E1"]).status.success());
    // DOCK8-201's c.4G>A and c.15del (checked in the annotate-vcf test), one allele in no
    // transcript's reach, and a deletion whose REF is not the reference's (refused below).
    let header = "##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n";
    let records = "chr9\t214980\tmissense\tG\tA\t50\tPASS\t.\tGT\t0/1\n\
chr9\t214990\tframeshift\tCG\tC\t50\tPASS\t.\tGT\t0/1\n";
    let vcf = env.file("e1.vcf", format!("{header}{records}").as_bytes());
    let added = env.run(&["case", "add-file", "KSN-E1", "--kind", "wgs-vcf", &vcf]);
    assert!(added.status.success(), "{}", stderr(&added));
    let imported = env.run(&["case", "import", "KSN-E1", "--reference", &fasta]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let annotated = env.run(&["case", "annotate", "KSN-E1", "--cache", &cache]);
    assert!(annotated.status.success(), "{}", stderr(&annotated));
    let rows = case_rows(&env, "KSN-E1", "id,kasane_consequence,kasane_hgvs");
    assert_eq!(
        rows,
        [
            vec![
                "missense",
                "missense_variant",
                "DOCK8 ENST00000432829.6:c.4G>A p.(Ala2Thr)"
            ],
            vec![
                "frameshift",
                "frameshift_variant",
                "DOCK8 ENST00000432829.6:c.15del p.(Ser6AlafsTer19)"
            ],
        ],
        "{rows:?}"
    );
    // The free text finds a variant by Kasane's HGVS.
    let found = env.run(&[
        "variants",
        "KSN-E1",
        "--filter",
        "text~c.15del",
        "--columns",
        "id",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&found.stdout).lines().nth(1),
        Some("frameshift")
    );
}

#[test]
fn variants_in_secondary_findings_genes_are_flagged_and_shown_only_with_consent() {
    let (Some(clinvar), Some(exomes)) = (path(CLINVAR), path(EXOMES)) else {
        return;
    };
    let env = Env::new();
    // PCSK9's span as Ensembl places it on GRCh38 (ENSG00000169174, chr1:55,039,548-55,064,852;
    // ClinGen's curation list gives the same); one gene record, no transcripts of its own.
    let genes = env.file(
        "pcsk9.gff3",
        b"##gff-version 3\n\
1\tfixture\tgene\t55039548\t55064852\t.\t+\t.\tID=gene:ENSG00000169174;Name=PCSK9;biotype=protein_coding\n\
1\tfixture\tmRNA\t55039893\t55039951\t.\t+\t.\tID=transcript:fixture-1;Parent=gene:ENSG00000169174;biotype=protein_coding\n\
1\tfixture\texon\t55039893\t55039951\t.\t+\t.\tParent=transcript:fixture-1\n",
    );
    let knowledge = crate::repository().join("assets/knowledge");
    let cache = build(
        &env,
        "sf.kcache",
        &[
            "--clinvar",
            &clinvar,
            "--gnomad",
            &exomes,
            "--genes",
            &genes,
            "--release",
            "genes=fixture: PCSK9 span",
            "--licence",
            "genes=test fixture",
            "--knowledge",
            &knowledge.to_string_lossy(),
        ],
    );
    imported_case(&env);
    let annotated = env.run(&["case", "annotate", "KSN-A1", "--cache", &cache]);
    assert!(annotated.status.success(), "{}", stderr(&annotated));

    // Consent not recorded: the PCSK9 allele (an ACMG SF v3.3 gene) is hidden, and counted.
    let listed = env.run(&[
        "variants",
        "KSN-A1",
        "--all",
        "--columns",
        "key,secondary_finding",
    ]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let keys: Vec<String> = String::from_utf8(listed.stdout.clone())
        .unwrap()
        .lines()
        .skip(1)
        .map(String::from)
        .collect();
    assert_eq!(
        keys,
        [
            "chr1-925952-G-A\t.",
            "chr1-925952-G-T\t.",
            "chr4-86075-AC-A\t."
        ]
    );
    assert!(
        stderr(&listed).contains("1 more rows lie in ACMG secondary-findings genes and are hidden"),
        "{}",
        stderr(&listed)
    );
    let json = env.json(&["--json", "variants", "KSN-A1", "--columns", "key"]);
    assert_eq!(
        (
            json["total"].as_u64(),
            json["hiddenSecondaryFindings"].as_u64()
        ),
        (Some(3), Some(1))
    );

    // Once the patient consents, it is shown with its flag; the change is audited.
    let consented = env.run(&["case", "consent", "KSN-A1", "consented"]);
    assert!(consented.status.success(), "{}", stderr(&consented));
    let rows = case_rows(&env, "KSN-A1", "key,secondary_finding");
    assert_eq!(rows[2], ["chr1-55039894-G-C", "PCSK9"]);
    assert_eq!(rows.len(), 4);
    let audit = String::from_utf8(
        env.run(&["audit", "--case", "KSN-A1", "--limit", "1"])
            .stdout,
    )
    .unwrap();
    assert!(
        audit.contains(
            r#"case.consent-changed KSN-A1           {"from":"unknown","to":"consented"}"#
        ),
        "{audit}"
    );
    // Declined hides it again.
    assert!(
        env.run(&["case", "consent", "KSN-A1", "declined"])
            .status
            .success()
    );
    assert_eq!(case_rows(&env, "KSN-A1", "key").len(), 3);
}

/// The key of the deletion of chr21:25,000,000-35,000,000 in case KSN-CNV.
pub(crate) const CHR21_LOSS: &str = "chr21-24999999-N-<DEL>";

/// Case KSN-CNV holding [`CHR21_LOSS`], annotated with a cache of the shared chr21 Ensembl
/// models and the bundled knowledge; the protein-coding genes over the span, counted here
/// independently of Kasane. `None` (the test skips) without the shared folder.
pub(crate) fn chr21_loss_case(env: &Env) -> Option<usize> {
    let chr21 = path("annotation/genes/Ensembl_GRCh38_chr21_genes.gff3.gz")?;
    let knowledge = crate::repository().join("assets/knowledge");
    let cache = build(
        env,
        "chr21.kcache",
        &[
            "--genes",
            &chr21,
            "--release",
            "genes=Ensembl 84",
            "--genome-build",
            "GRCh38",
            "--knowledge",
            &knowledge.to_string_lossy(),
        ],
    );
    // chr21:25,000,000-35,000,000 lost; the protein-coding genes of the GFF3 over it counted
    // here independently of Kasane.
    let expected = {
        use std::io::Read;
        let mut text = String::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&chr21).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        let mut names: Vec<&str> = text
            .lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let (start, end) = (
                    f.get(3)?.parse::<u64>().ok()?,
                    f.get(4)?.parse::<u64>().ok()?,
                );
                (f[2] == "gene"
                    && f[8].contains("biotype=protein_coding")
                    && start <= 35_000_000
                    && end >= 25_000_000)
                    .then(|| f[8].split(';').find_map(|kv| kv.strip_prefix("Name=")))
                    .flatten()
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    };
    assert!(
        expected >= 35,
        "a span with at least 35 protein-coding genes: {expected}"
    );
    let vcf = env.file(
        "cnv.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr21,length=46709983>\n\
##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type\">\n\
##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n##ALT=<ID=DEL,Description=\"Deletion\">\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
chr21\t24999999\tbig\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;END=35000000\tGT\t0/1\n",
    );
    assert!(env.run(&["case", "new", "KSN-CNV"]).status.success());
    assert!(
        env.run(&["case", "add-file", "KSN-CNV", "--kind", "sv-vcf", &vcf])
            .status
            .success()
    );
    assert!(env.run(&["case", "import", "KSN-CNV"]).status.success());
    let annotated = env.run(&["case", "annotate", "KSN-CNV", "--cache", &cache]);
    assert!(annotated.status.success(), "{}", stderr(&annotated));
    Some(expected)
}

#[test]
fn a_deletion_is_scored_by_the_riggs_sections_the_cache_answers() {
    let env = Env::new();
    let Some(expected) = chr21_loss_case(&env) else {
        return;
    };
    let explained = env.json(&["--json", "explain", "KSN-CNV", CHR21_LOSS]);
    let cnv = &explained["cnv"];
    assert_eq!(cnv["direction"], "loss");
    assert_eq!(cnv["sections"][0]["code"], "1A");
    assert_eq!(cnv["sections"][1]["code"], "3C");
    assert_eq!(cnv["sections"][1]["points"], 0.9);
    assert_eq!(
        cnv["sections"][1]["reason"],
        format!("{expected} protein-coding gene(s) wholly or partly in the span")
    );
    assert_eq!(cnv["class"], "likely-pathogenic");
    assert!(cnv["notes"].to_string().contains("sections 4"), "{cnv}");
}
