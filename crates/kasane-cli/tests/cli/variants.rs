//! `kasane case import`, `kasane variants` and `kasane preset` as a user runs them.

use std::path::Path;

use crate::{Env, repository, shared_file, stderr};

/// chr1 of the test reference: repeats for left-alignment, 60 bp.
const CHR1: &str = "GGGCACACACAGGGTTTTACGTACGTAAAACCCCAGTCAGGATCCATTGCAAGTCCGATC";

const HEADER: &str = "##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr1,length=60>\n\
##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allele depths\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\tNORMAL\n";

const RECORDS: &str = "chr1\t8\tms1\tCACA\tCA,CACACA\t60\tPASS\tDP=40\tGT:AD\t1/2:10,20,10\t0/0:30,0,0\n\
chr1\t20\tsnv1\tC\tT\t50\tPASS\tDP=30\tGT:AD\t0/1:20,10\t0/0:30,0\n\
chr1\t36\tlow\tG\tA\t5\tLowQual\tDP=8\tGT:AD\t0/1:6,2\t0/0:8,0\n";

fn reference(env: &Env) -> String {
    let fasta = env.file("ref.fa", format!(">chr1\n{CHR1}\n").as_bytes());
    env.file("ref.fa.fai", b"chr1\t60\t6\t60\t61\n");
    fasta
}

fn case_with(env: &Env, records: &str) -> String {
    assert!(env.run(&["case", "new", "KSN-V1"]).status.success());
    let vcf = env.file("pair.vcf", format!("{HEADER}{records}").as_bytes());
    let out = env.run(&["case", "add-file", "KSN-V1", "--kind", "wgs-vcf", &vcf]);
    assert!(out.status.success(), "{}", stderr(&out));
    vcf
}

fn tsv(env: &Env, args: &[&str]) -> Vec<Vec<String>> {
    let out = env.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

fn table_files(env: &Env) -> Vec<String> {
    let dir = env.workspace().join("cases/1");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_tumour_normal_pair_is_imported_normalised_and_queried() {
    let env = Env::new();
    case_with(&env, RECORDS);
    let fasta = reference(&env);
    let summary = env.json(&[
        "--json",
        "case",
        "import",
        "KSN-V1",
        "--reference",
        &fasta,
        "--tumor",
        "TUMOR",
        "--normal",
        "NORMAL",
    ]);
    assert_eq!(summary["rows"], 4);
    assert_eq!(summary["genomeBuild"], "GRCh38");
    let file = &summary["files"][0];
    assert_eq!(
        (file["records"].as_u64(), file["alleles"].as_u64()),
        (Some(3), Some(4))
    );
    assert_eq!(file["multiallelicRecords"], 1);
    assert_eq!(
        file["realigned"], 2,
        "both alleles of the CA repeat move to POS 3"
    );
    assert_eq!(file["samples"], serde_json::json!(["TUMOR", "NORMAL"]));
    assert_eq!(summary["unchanged"], false);

    let rows = tsv(
        &env,
        &[
            "variants",
            "KSN-V1",
            "--columns",
            "locus,ref,alt,gt,vaf,normal_gt,normal_vaf,info.DP",
        ],
    );
    assert_eq!(
        rows[0],
        [
            "locus",
            "ref",
            "alt",
            "gt",
            "vaf",
            "normal_gt",
            "normal_vaf",
            "info.DP"
        ]
    );
    assert_eq!(
        rows[1],
        ["chr1:3", "G", "GCA", "1/2", "0.25", "0/0", "0", "40"],
        "at one position the shorter span comes first"
    );
    assert_eq!(
        rows[2],
        ["chr1:3-5", "GCA", "G", "1/2", "0.5", "0/0", "0", "40"]
    );
    assert_eq!(rows.len(), 5);

    let passing = tsv(
        &env,
        &[
            "variants",
            "KSN-V1",
            "--filter",
            "filter=PASS",
            "--filter",
            "class=snv",
            "--columns",
            "id,vaf",
        ],
    );
    assert_eq!(passing, [vec!["id", "vaf"], vec!["snv1", "0.33333334"]]);
    let by_vaf = tsv(
        &env,
        &[
            "variants",
            "KSN-V1",
            "--sort",
            "-vaf",
            "--columns",
            "id",
            "--limit",
            "2",
        ],
    );
    assert_eq!(
        by_vaf,
        [vec!["id"], vec!["ms1"], vec!["snv1"]],
        "VAF 0.5 then 0.333"
    );
    let region = tsv(
        &env,
        &[
            "variants",
            "KSN-V1",
            "--filter",
            "locus=chr1:30-40",
            "--columns",
            "id",
            "--all",
        ],
    );
    assert_eq!(region, [vec!["id"], vec!["low"]]);

    let again = env.json(&[
        "--json",
        "case",
        "import",
        "KSN-V1",
        "--reference",
        &fasta,
        "--tumor",
        "TUMOR",
        "--normal",
        "NORMAL",
    ]);
    assert_eq!(
        again["unchanged"], true,
        "re-importing the same files gives the same table"
    );
    assert_eq!(again["tableSha256"], summary["tableSha256"]);
    assert_eq!(table_files(&env).len(), 1);
    let audit = env.json(&["--json", "audit", "--case", "KSN-V1"]);
    let imports = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "case.variants-imported")
        .count();
    assert_eq!(imports, 2);
}

#[test]
fn all_prints_every_row_of_a_selection_longer_than_a_page() {
    let env = Env::new();
    // 1,020 records (more than the 1,000 rows of the largest page), sorted, on the 60 bp chr1.
    let records: String = (0..1020)
        .map(|i| {
            format!(
                "chr1\t{}\tr{i}\tA\tC\t50\tPASS\tDP=30\tGT:AD\t0/1:20,10\t0/0:30,0\n",
                1 + i / 17
            )
        })
        .collect();
    case_with(&env, &records);
    let out = env.run(&["case", "import", "KSN-V1", "--sample", "TUMOR"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let all = env.run(&["variants", "KSN-V1", "--columns", "id", "--all"]);
    assert!(all.status.success(), "{}", stderr(&all));
    let lines: Vec<String> = String::from_utf8(all.stdout.clone())
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), 1 + 1020, "the header and every row");
    assert_eq!((lines[1].as_str(), lines[1020].as_str()), ("r0", "r1019"));
    assert!(
        !stderr(&all).contains("rows shown"),
        "--all leaves no row out: {}",
        stderr(&all)
    );

    let page = env.run(&["variants", "KSN-V1", "--columns", "id", "--limit", "1000"]);
    assert!(page.status.success(), "{}", stderr(&page));
    assert!(
        stderr(&page).contains("1,000 of 1,020 rows shown (from row 0)"),
        "{}",
        stderr(&page)
    );
}

#[test]
fn presets_are_saved_reused_listed_and_deleted() {
    let env = Env::new();
    case_with(&env, RECORDS);
    assert!(
        env.run(&["case", "import", "KSN-V1", "--sample", "TUMOR"])
            .status
            .success()
    );
    let saved = tsv(
        &env,
        &[
            "variants",
            "KSN-V1",
            "--filter",
            "filter=PASS",
            "--sort",
            "-vaf",
            "--save-preset",
            "PASS by VAF",
            "--columns",
            "id",
        ],
    );
    assert_eq!(
        saved,
        [vec!["id"], vec!["ms1"], vec!["snv1"], vec!["ms1"]],
        "VAF 0.5 (AD 20 of 40), 0.333, 0.25"
    );
    let reused = tsv(
        &env,
        &[
            "variants",
            "KSN-V1",
            "--preset",
            "PASS by VAF",
            "--filter",
            "class=snv",
            "--columns",
            "id",
        ],
    );
    assert_eq!(reused, [vec!["id"], vec!["snv1"]]);
    let listed = env.json(&["--json", "preset", "list"]);
    assert_eq!(listed[0]["name"], "PASS by VAF");
    assert_eq!(listed[0]["query"]["sort"]["descending"], true);
    assert!(
        env.run(&["preset", "delete", "PASS by VAF"])
            .status
            .success()
    );
    let missing = env.run(&["variants", "KSN-V1", "--preset", "PASS by VAF"]);
    assert_eq!(missing.status.code(), Some(4), "{}", stderr(&missing));
}

#[test]
fn a_bad_record_stops_the_import_naming_it_and_the_previous_table_stays() {
    let env = Env::new();
    let vcf = case_with(&env, RECORDS);
    let fasta = reference(&env);
    let first = env.run(&[
        "case",
        "import",
        "KSN-V1",
        "--sample",
        "TUMOR",
        "--reference",
        &fasta,
    ]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = table_files(&env);

    let bad = env.file(
        "bad.vcf",
        format!("{HEADER}chr1\t20\tsnv1\tC\tT\t50\tPASS\t.\tGT\t0/1\t0/0\nchr1\t21\twrong\tA\tT\t50\tPASS\t.\tGT\t0/1\t0/0\n").as_bytes(),
    );
    assert!(
        env.run(&["case", "add-file", "KSN-V1", "--kind", "wgs-vcf", &bad])
            .status
            .success()
    );
    let failed = env.run(&[
        "case",
        "import",
        "KSN-V1",
        "--sample",
        "TUMOR",
        "--reference",
        &fasta,
    ]);
    assert_eq!(failed.status.code(), Some(3));
    let message = stderr(&failed);
    assert!(message.contains("bad.vcf: line 9 (record 2)"), "{message}");
    assert!(
        message.contains("REF A does not match the reference (G) at position 21"),
        "{message}"
    );
    assert_eq!(
        table_files(&env),
        before,
        "the old table is kept, no half-written file"
    );
    let rows = tsv(&env, &["variants", "KSN-V1", "--columns", "id"]);
    assert_eq!(rows.len(), 5, "the case still shows the previous import");

    let tolerant = env.json(&[
        "--json",
        "case",
        "import",
        "KSN-V1",
        "--sample",
        "TUMOR",
        "--reference",
        &fasta,
        "--tolerant",
    ]);
    assert_eq!(tolerant["rows"], 5);
    assert_eq!(
        tolerant["files"][1]["skipped"][0]["reason"],
        "REF does not match the reference"
    );
    assert_eq!(tolerant["files"][1]["skipped"][0]["count"], 1);

    std::fs::write(&vcf, format!("{HEADER}{}", RECORDS.replace("snv1", "snv2"))).unwrap();
    let changed = env.run(&[
        "case",
        "import",
        "KSN-V1",
        "--sample",
        "TUMOR",
        "--tolerant",
    ]);
    assert_eq!(changed.status.code(), Some(3));
    assert!(
        stderr(&changed).contains("changed since it was registered"),
        "{}",
        stderr(&changed)
    );
}

#[test]
fn import_needs_a_sample_choice_for_a_pair_file_and_a_matching_reference() {
    let env = Env::new();
    case_with(&env, RECORDS);
    let out = env.run(&["case", "import", "KSN-V1"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("--tumor NAME --normal NAME"),
        "{}",
        stderr(&out)
    );
    let no_index = env.file("plain.fa", b">chr1\nACGT\n");
    let out = env.run(&[
        "case",
        "import",
        "KSN-V1",
        "--sample",
        "TUMOR",
        "--reference",
        &no_index,
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("samtools faidx"), "{}", stderr(&out));
    let out = env.run(&["variants", "KSN-V1"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("kasane case import KSN-V1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_shared_wgs_and_sv_files_import_with_every_breakend_paired() {
    let (Some(small), Some(sv)) = (
        shared_file("wgs/small/HG00096_chr21_1000G.GRCh38.vcf"),
        shared_file("wgs/sv/HG008-T_GIAB_somatic_SV_subset.GRCh38.vcf.gz"),
    ) else {
        return;
    };
    let env = Env::new();
    assert!(env.run(&["case", "new", "KSN-SV"]).status.success());
    for (kind, path) in [("wgs-vcf", &small), ("sv-vcf", &sv)] {
        let out = env.run(&[
            "case",
            "add-file",
            "KSN-SV",
            "--kind",
            kind,
            &path.to_string_lossy(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let summary = env.json(&["--json", "case", "import", "KSN-SV"]);
    assert_eq!(summary["rows"], 328);
    let events = tsv(
        &env,
        &[
            "variants",
            "KSN-SV",
            "--filter",
            "class=breakend",
            "--columns",
            "breakend_event",
            "--all",
        ],
    );
    let count = |e: &str| events.iter().filter(|r| r[0] == e).count();
    assert_eq!(
        (
            count("translocation"),
            count("inversion"),
            count("deletion-like"),
            count("duplication-like"),
            count("unpaired")
        ),
        (22, 40, 4, 6, 4)
    );
}

#[test]
fn qc_of_the_shared_1000_genomes_and_pav_files_reads_as_printed() {
    let (Some(small), Some(sv)) = (
        shared_file("wgs/small/HG00096_chr21_1000G.GRCh38.vcf"),
        shared_file("wgs/sv/NA12878_HGSVC2_PAV_chr21_SV.GRCh38.vcf.gz"),
    ) else {
        return;
    };
    let env = Env::new();
    assert!(env.run(&["case", "new", "KSN-QC"]).status.success());
    for (kind, path) in [("wgs-vcf", &small), ("sv-vcf", &sv)] {
        let path = path.to_string_lossy();
        let out = env.run(&["case", "add-file", "KSN-QC", "--kind", kind, &path]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(env.run(&["case", "import", "KSN-QC"]).status.success());
    let out = env.run(&["case", "qc", "KSN-QC"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    // HG00096 carries 45 of the 132 chr21 records with PAV's 43 sequence-resolved SVs; no
    // small indel is carried and no caller wrote a VAF, which the lines say instead of
    // ending blank or in a row of zeros.
    for line in [
        "  alleles 175 (carried 45, PASS 45)\n",
        "  by class      sv-insertion 23, sv-deletion 20, snv 2\n",
        "  het/hom       2.00 (30 het, 15 hom)\n",
        "  indel lengths none\n",
        "  VAF by 0.05   none\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
}

#[test]
fn the_teaching_case_imports() {
    let env = Env::new();
    let manifest = repository().join("sample-data/cases/KSN-TEACH-001/case.json");
    assert!(
        env.run(&["case", "load", &manifest.to_string_lossy()])
            .status
            .success()
    );
    let summary = env.json(&["--json", "case", "import", "KSN-TEACH-001"]);
    assert_eq!(summary["rows"], 15);
    assert!(Path::new(&env.workspace()).join("cases/1").is_dir());
}

#[test]
fn genome_builds_are_never_mixed_in_a_case() {
    let env = Env::new();
    case_with(&env, RECORDS);
    let grch37 = env.file(
        "b37.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh37\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tC\t.\t.\t.\n",
    );
    let out = env.run(&["case", "add-file", "KSN-V1", "--kind", "wgs-vcf", &grch37]);
    assert_eq!(out.status.code(), Some(3));
    let message = stderr(&out);
    assert!(
        message.contains("is GRCh38 but") && message.contains("b37.vcf is GRCh37"),
        "{message}"
    );
    assert!(message.contains("one genome build"), "{message}");

    // A reference whose index gives chr21 its GRCh37 length is a GRCh37 reference.
    let fasta = env.file("b37.fa", b">chr21\nACGT\n");
    env.file("b37.fa.fai", b"chr21\t48129895\t7\t4\t5\n");
    let out = env.run(&[
        "case",
        "import",
        "KSN-V1",
        "--sample",
        "TUMOR",
        "--reference",
        &fasta,
    ]);
    assert_eq!(out.status.code(), Some(3));
    let message = stderr(&out);
    assert!(
        message.contains("the reference") && message.contains("GRCh37"),
        "{message}"
    );
    let out = env.run(&["variants", "KSN-V1"]);
    assert_eq!(out.status.code(), Some(4), "nothing was imported");
}
