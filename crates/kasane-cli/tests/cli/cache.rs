//! `kasane cache build | info | verify` on the shared ClinVar and gnomAD files, as a core
//! hospital would build a cache and a rural site would check it.

use crate::{Env, shared_file, stderr, with_a_stored_value_flipped};

const CLINVAR: &str = "annotation/clinvar/clinvar_20211025_native_GRCh38.recsA_25.vcf";
const CLINVAR_37: &str = "annotation/clinvar/clinvar_20210302_10_records.GRCh37.vcf";
const REPROCESSED: &str = "annotation/clinvar/macarthur_clinvar_alleles_750_rows.single.GRCh38.vcf";
const EXOMES: &str = "annotation/gnomad/gnomad.exomes.v4.0.sites.chr1_55039893-55039951.vcf.bgz";
pub(crate) const GENOMES: &str =
    "annotation/gnomad/gnomad.genomes.v4.0.sites.chr1_55039894-55039948.vcf";

fn path(relative: &str) -> Option<String> {
    shared_file(relative).map(|p| p.to_string_lossy().into_owned())
}

#[test]
fn a_cache_built_from_clinvar_and_gnomad_describes_and_verifies_itself() {
    let (Some(clinvar), Some(exomes), Some(genomes)) = (path(CLINVAR), path(EXOMES), path(GENOMES))
    else {
        return;
    };
    let env = Env::new();
    let out = env.dir.path().join("grch38.kcache");
    let out = out.to_string_lossy();
    let built = env.json(&[
        "--json",
        "cache",
        "build",
        "--out",
        &out,
        "--clinvar",
        &clinvar,
        "--gnomad",
        &exomes,
        "--gnomad",
        &genomes,
    ]);
    assert_eq!(built["genomeBuild"], "GRCh38");
    let names: Vec<_> = built["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["manifest"]["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["clinvar", "gnomad-exomes", "gnomad-genomes"]);
    let info = env.json(&["--json", "cache", "info", &out]);
    assert_eq!(info["clinvarRecords"], 25);
    assert_eq!(info["frequencyRecords"], 123);
    assert_eq!(info["contentSha256"], built["contentSha256"]);
    let clinvar_source = &info["sources"][0];
    assert_eq!(clinvar_source["release"], "2021-10-25");
    assert_eq!(clinvar_source["licence"], "public domain (NCBI)");
    assert_eq!(
        clinvar_source["sha256"],
        "ce720828ab13f0b794da77e67b96c0dace341afb0fb2fe35c00028acb3ad3756"
    );
    assert_eq!(info["sources"][1]["release"], "v4.0 exomes");
    let verified = env.json(&["--json", "cache", "verify", &out]);
    assert_eq!(verified["sound"], true);

    // One byte flipped in a stored value: verify fails with exit code 3 and says why.
    std::fs::write(&*out, with_a_stored_value_flipped(&*out)).unwrap();
    let tampered = env.run(&["cache", "verify", &out]);
    assert_eq!(tampered.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&tampered.stdout);
    assert!(stdout.contains("FAILED"), "{stdout}");
    let stderr = String::from_utf8_lossy(&tampered.stderr);
    assert!(stderr.contains("damaged or was changed"), "{stderr}");
}

#[test]
fn a_grch37_clinvar_is_refused_beside_grch38_gnomad_and_the_old_cache_survives() {
    let (Some(clinvar), Some(clinvar_37), Some(exomes)) =
        (path(CLINVAR), path(CLINVAR_37), path(EXOMES))
    else {
        return;
    };
    let env = Env::new();
    let out = env.dir.path().join("c.kcache");
    let out = out.to_string_lossy();
    let first = env.run(&["cache", "build", "--out", &out, "--clinvar", &clinvar]);
    assert!(first.status.success());
    let before = std::fs::read(&*out).unwrap();
    let mixed = env.run(&[
        "cache",
        "build",
        "--out",
        &out,
        "--clinvar",
        &clinvar_37,
        "--gnomad",
        &exomes,
    ]);
    assert_eq!(mixed.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&mixed.stderr);
    assert!(
        stderr.contains("GRCh38") && stderr.contains("GRCh37"),
        "{stderr}"
    );
    assert!(stderr.contains("one cache per genome build"), "{stderr}");
    assert_eq!(
        std::fs::read(&*out).unwrap(),
        before,
        "the old cache is untouched"
    );
    let leftovers = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn a_source_without_release_or_a_panel_without_licence_is_refused() {
    let (Some(reprocessed), Some(genomes)) = (path(REPROCESSED), path(GENOMES)) else {
        return;
    };
    let env = Env::new();
    let out = env.dir.path().join("d.kcache");
    let out = out.to_string_lossy();
    let undated = env.run(&["cache", "build", "--out", &out, "--clinvar", &reprocessed]);
    assert_eq!(undated.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&undated.stderr);
    assert!(stderr.contains("--release clinvar=TEXT"), "{stderr}");
    let dated = env.json(&[
        "--json",
        "cache",
        "build",
        "--out",
        &out,
        "--clinvar",
        &reprocessed,
        "--release",
        "clinvar=2018-07 (MacArthur lab)",
    ]);
    assert_eq!(dated["sources"][0]["manifest"]["stored"], 515);
    let panel = format!("jpn-test={genomes}");
    let unlicensed = env.run(&["cache", "build", "--out", &out, "--population", &panel]);
    assert_eq!(unlicensed.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&unlicensed.stderr);
    assert!(stderr.contains("has no licence"), "{stderr}");
    // The refused build left the earlier cache as it was.
    let info = env.json(&["--json", "cache", "info", &out]);
    assert_eq!(info["sources"][0]["release"], "2018-07 (MacArthur lab)");
    assert_eq!(info["clinvarRecords"], 515);
}

#[test]
fn diff_lists_the_variations_reclassified_reviewed_added_and_removed() {
    let Some(clinvar) = path(CLINVAR) else { return };
    let env = Env::new();
    // A later release: SAMD11's VUS becomes Likely pathogenic, ACP1's Benign gains a second
    // submitter, CHL1's record is withdrawn and a new variant appears.
    let text = std::fs::read_to_string(&clinvar).unwrap();
    let mut later = String::new();
    for line in text.lines() {
        let line = line
            .replace("##fileDate=2021-10-25", "##fileDate=2022-01-01")
            .replace(
                "CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Uncertain_significance;CLNVC=single_nucleotide_variant;CLNVCSO=SO:0001483;GENEINFO=SAMD11",
                "CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Likely_pathogenic;CLNVC=single_nucleotide_variant;CLNVCSO=SO:0001483;GENEINFO=SAMD11",
            )
            .replace(
                "CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Benign;CLNVC=single_nucleotide_variant;CLNVCSO=SO:0001483;GENEINFO=ACP1",
                "CLNREVSTAT=criteria_provided,_multiple_submitters,_no_conflicts;CLNSIG=Benign;CLNVC=single_nucleotide_variant;CLNVCSO=SO:0001483;GENEINFO=ACP1",
            );
        if line.starts_with("3\t319781\t") {
            continue;
        }
        later.push_str(&line);
        later.push('\n');
        if line.starts_with("2\t264985\t") {
            later.push_str("2\t300000\t9999999\tC\tT\t.\t.\tALLELEID=9999998;CLNREVSTAT=reviewed_by_expert_panel;CLNSIG=Pathogenic;GENEINFO=ACP1:52\n");
        }
    }
    let later_path = env.file("clinvar_later.vcf", later.as_bytes());
    let old = env.dir.path().join("old.kcache");
    let new = env.dir.path().join("new.kcache");
    let (old, new) = (old.to_string_lossy(), new.to_string_lossy());
    assert!(
        env.run(&["cache", "build", "--out", &old, "--clinvar", &clinvar])
            .status
            .success()
    );
    let built = env.run(&["cache", "build", "--out", &new, "--clinvar", &later_path]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    // A case of the workspace holds SAMD11's variant: the work list names it.
    assert!(env.run(&["case", "new", "KSN-D1"]).status.success());
    let vcf = env.file(
        "patient.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr1,length=248956422>\n\
          ##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
          #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
          chr1\t925952\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n",
    );
    assert!(
        env.run(&["case", "add-file", "KSN-D1", "--kind", "wgs-vcf", &vcf])
            .status
            .success()
    );
    assert!(env.run(&["case", "import", "KSN-D1"]).status.success());
    // Classified (as a VUS) and signed off under the older release.
    assert!(
        env.run(&["case", "annotate", "KSN-D1", "--cache", &old])
            .status
            .success()
    );
    for (name, role) in [("ana", "annotator"), ("rev", "reviewer")] {
        assert!(
            env.run(&["profile", "add", name, "--role", role])
                .status
                .success()
        );
    }
    let classified = env.run(&[
        "--as",
        "ana",
        "classify",
        "KSN-D1",
        "chr1-925952-G-A",
        "--accept",
        "PS3_Supporting",
        "--reason",
        "assay",
        "--citation",
        "PMID:1",
    ]);
    assert!(
        classified.status.success(),
        "{}",
        String::from_utf8_lossy(&classified.stderr)
    );
    let signed = env.run(&[
        "--as",
        "rev",
        "sign-off",
        "KSN-D1",
        "chr1-925952-G-A",
        "--version",
        "1",
    ]);
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let diff = env.json(&["--json", "cache", "diff", &old, &new]);
    assert_eq!(diff["casesSearched"], 1);
    assert_eq!(
        diff["heldBy"],
        serde_json::json!({ "chr1-925952-G-A": ["KSN-D1"] })
    );
    assert_eq!(
        diff["classified"],
        serde_json::json!({ "chr1-925952-G-A": [{
            "caseLabel": "KSN-D1", "version": 1, "class": "uncertain-significance", "signedOffBy": "rev"
        }] })
    );
    let text = String::from_utf8(env.run(&["cache", "diff", &old, &new]).stdout).unwrap();
    assert!(
        text.contains("classified in KSN-D1 (version 1): uncertain-significance — signed off by rev; look at it again"),
        "{text}"
    );
    assert_eq!(diff["clinvarReleases"][0], "2021-10-25");
    assert_eq!(diff["clinvarReleases"][1], "2022-01-01");
    let changes: Vec<(String, String)> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["key"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("reclassified".to_string(), "chr1-925952-G-A".to_string()),
            ("review-status-changed".into(), "chr2-264985-G-T".into()),
            ("added".into(), "chr2-300000-C-T".into()),
            ("removed".into(), "chr3-319781-A-G".into()),
        ]
    );
    let samd11 = &diff["changes"][0];
    assert_eq!(samd11["oldSignificance"], "Uncertain significance");
    assert_eq!(samd11["newSignificance"], "Likely pathogenic");
    assert_eq!(samd11["variationId"], "1019397");
    let acp1 = &diff["changes"][1];
    assert_eq!(
        (acp1["oldStars"].as_u64(), acp1["newStars"].as_u64()),
        (Some(1), Some(2))
    );
    let text = env.run(&["cache", "diff", &old, &new]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("ClinVar 2021-10-25 → 2022-01-01: 4 changed")
            && stdout.contains("held by KSN-D1")
            && stdout.contains(
                "1 of the changed variants are held by cases of this workspace (cases searched: 1)"
            ),
        "{stdout}"
    );
}

#[test]
fn with_a_reference_source_indels_are_keyed_left_aligned_and_the_reference_is_recorded() {
    let env = Env::new();
    let reference = env.file(
        "ref.fa",
        b">chr1\nGGGCACACACAGGGTTTTACGTACGTAAAACCCCAGTCAG\n",
    );
    env.file("ref.fa.fai", b"chr1\t40\t6\t40\t41\n");
    // A CA deletion written at the right end of the CACACACA repeat.
    let panel = env.file(
        "panel.vcf",
        b"##fileformat=VCFv4.2\n##contig=<ID=chr1,length=40>\n\
          ##INFO=<ID=AC,Number=A,Type=Integer,Description=\"AC\">\n\
          ##INFO=<ID=AN,Number=1,Type=Integer,Description=\"AN\">\n\
          ##INFO=<ID=AF,Number=A,Type=Float,Description=\"AF\">\n\
          #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n\
          chr1\t9\t.\tACA\tA\t.\tPASS\tAC=3;AN=100;AF=0.03\n",
    );
    let out = env.dir.path().join("ref.kcache");
    let out = out.to_string_lossy();
    let source = format!("jpn-test={panel}");
    let built = env.run(&[
        "cache",
        "build",
        "--out",
        &out,
        "--population",
        &source,
        "--licence",
        "jpn-test=test data",
        "--release",
        "jpn-test=1",
        "--reference",
        &reference,
    ]);
    assert_eq!(built.status.code(), Some(3), "no build stated, none given");
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(stderr.contains("--genome-build"), "{stderr}");
    let built = env.run(&[
        "cache",
        "build",
        "--out",
        &out,
        "--population",
        &source,
        "--licence",
        "jpn-test=test data",
        "--release",
        "jpn-test=1",
        "--reference",
        &reference,
        "--genome-build",
        "GRCh38",
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let conn = rusqlite::Connection::open(&*out).unwrap();
    let stored: (String, i64, String, String, bool) = conn
        .query_row(
            "SELECT contig, pos, ref, alt, left_aligned FROM frequencies",
            [],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(stored, ("chr1".into(), 3, "GCA".into(), "G".into(), true));
    let info = env.json(&["--json", "cache", "info", &out]);
    let recorded = info["reference"].as_str().unwrap();
    assert!(
        recorded.contains("ref.fa") && recorded.contains("faiSha256"),
        "{recorded}"
    );
}

#[test]
fn a_signed_cache_verifies_only_with_a_trusted_key_and_a_trusting_workspace_refuses_others() {
    let Some(clinvar) = path(CLINVAR) else {
        return;
    };
    let env = Env::new();
    let out = env.dir.path().join("signed.kcache");
    let out = out.to_string_lossy().into_owned();
    assert!(
        env.run(&["cache", "build", "--out", &out, "--clinvar", &clinvar])
            .status
            .success()
    );
    let prefix = env.dir.path().join("core-hospital");
    let keys = env.json(&[
        "--json",
        "cache",
        "keygen",
        "--out",
        &prefix.to_string_lossy(),
    ]);
    let (secret, public) = (
        keys["secretKey"].as_str().unwrap().to_string(),
        keys["publicKey"].as_str().unwrap().to_string(),
    );
    assert!(
        std::fs::read_to_string(&secret)
            .unwrap()
            .contains("BEGIN PRIVATE KEY")
    );
    let again = env.run(&["cache", "keygen", "--out", &prefix.to_string_lossy()]);
    assert_eq!(again.status.code(), Some(3), "a key is never overwritten");

    // Unsigned: sound unless a signature is required.
    assert!(env.run(&["cache", "verify", &out]).status.success());
    let required = env.run(&["cache", "verify", &out, "--require-signature"]);
    assert_eq!(required.status.code(), Some(3));
    assert!(
        stderr(&required).contains("not signed"),
        "{}",
        stderr(&required)
    );

    let signed = env.json(&["--json", "cache", "sign", &out, "--key", &secret]);
    assert_eq!(signed["fingerprint"], keys["fingerprint"]);
    assert!(
        signed["signatureFile"]
            .as_str()
            .unwrap()
            .ends_with("signed.kcache.sig")
    );
    let trusted = env.json(&["--json", "cache", "verify", &out, "--trusted-key", &public]);
    assert_eq!(trusted["sound"], true);
    assert_eq!(trusted["signature"]["state"], "trusted");
    let untrusted = env.run(&["cache", "verify", &out]);
    assert_eq!(untrusted.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&untrusted.stdout).contains("NOT TRUSTED"),
        "{}",
        String::from_utf8_lossy(&untrusted.stdout)
    );

    // A workspace that trusts the key takes the signed cache and refuses an unsigned copy.
    let trusted_key = env.json(&[
        "--json",
        "cache",
        "trust",
        &public,
        "--name",
        "Core hospital",
    ]);
    assert_eq!(trusted_key["fingerprint"], keys["fingerprint"]);
    let listed = env.json(&["--json", "cache", "keys"]);
    assert_eq!(listed[0]["name"], "Core hospital");
    let copy = env.dir.path().join("copy.kcache");
    std::fs::copy(&out, &copy).unwrap();
    let refused = env.run(&["cache", "use", &copy.to_string_lossy()]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).contains("not signed"),
        "{}",
        stderr(&refused)
    );
    assert!(env.run(&["cache", "use", &out]).status.success());

    // One byte of the signed file changed: its signature no longer holds.
    let mut bytes = std::fs::read(&out).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&out, bytes).unwrap();
    let broken = env.run(&["cache", "verify", &out, "--trusted-key", &public]);
    assert_eq!(broken.status.code(), Some(3));
    assert!(
        stderr(&broken).contains("changed after it was signed"),
        "{}",
        stderr(&broken)
    );
}

#[test]
fn gene_models_go_into_a_cache_and_a_lookup_names_the_transcripts_at_a_locus() {
    let (Some(clinvar), Some(chr21), Some(chr9)) = (
        path(CLINVAR),
        path("annotation/genes/Ensembl_GRCh38_chr21_genes.gff3.gz"),
        path("annotation/genes/Ensembl91_GRCh38_chr9_1-1000000.gtf"),
    ) else {
        return;
    };
    let env = Env::new();
    let out = env.dir.path().join("genes.kcache");
    let out = out.to_string_lossy().into_owned();
    // The chr21 file states no release: the build says so and writes nothing.
    let refused = env.run(&[
        "cache",
        "build",
        "--out",
        &out,
        "--clinvar",
        &clinvar,
        "--genes",
        &chr21,
    ]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).contains("--release genes=TEXT"),
        "{}",
        stderr(&refused)
    );
    assert!(!std::path::Path::new(&out).exists());
    let chr9_source = format!("chr9={chr9}");
    let built = env.json(&[
        "--json",
        "cache",
        "build",
        "--out",
        &out,
        "--clinvar",
        &clinvar,
        "--genes",
        &chr21,
        "--release",
        "genes=Ensembl 84",
        "--genes",
        &chr9_source,
        "--release",
        "chr9=Ensembl 91",
    ]);
    let genes = &built["sources"][1]["manifest"];
    assert_eq!(genes["kind"], "genes");
    assert_eq!(genes["stored"], 2414);
    assert_eq!(genes["licence"], "no restrictions (Ensembl)");
    let info = env.json(&["--json", "cache", "info", &out]);
    assert_eq!(info["formatVersion"], 8);
    assert_eq!(info["transcripts"], 2414 + 105);
    assert!(env.run(&["cache", "verify", &out]).status.success());

    // APP's 3′ end on chr21 (reverse strand): the last exon of every APP transcript there.
    let panel = env.json(&["--json", "cache", "lookup", &out, "chr21:25,880,600"]);
    assert_eq!(panel["genes"][0]["symbol"], "APP");
    let app = panel["transcripts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["transcriptId"] == "ENST00000357903.7")
        .unwrap();
    assert_eq!(
        app["location"],
        serde_json::json!({ "kind": "exon", "number": 17 })
    );
    assert_eq!(app["strand"], "-");
    // DMRT1's first intron (842,193-846,959) on chr9, forward strand.
    let dmrt1 = env.json(&["--json", "cache", "lookup", &out, "chr9:845,000"]);
    let t = dmrt1["transcripts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["transcriptId"] == "ENST00000382276.7")
        .unwrap();
    assert_eq!(
        t["location"],
        serde_json::json!({ "kind": "intron", "number": 1 })
    );
    let vus = env.json(&["--json", "cache", "lookup", &out, "chr1-925952-G-A"]);
    assert_eq!(vus["clinvar"][0]["significance"], "Uncertain significance");
    let bad = env.run(&["cache", "lookup", &out, "BRCA1"]);
    assert_eq!(bad.status.code(), Some(3));
}

#[test]
fn a_cache_is_installed_into_the_workspace_once_and_listed_with_the_active_one_marked() {
    let Some(clinvar) = path(CLINVAR) else {
        return;
    };
    let env = Env::new();
    let usb = env.dir.path().join("usb");
    std::fs::create_dir_all(&usb).unwrap();
    let stick = usb.join("clinvar.kcache").to_string_lossy().into_owned();
    assert!(
        env.run(&["cache", "build", "--out", &stick, "--clinvar", &clinvar])
            .status
            .success()
    );
    let installed = env.json(&["--json", "cache", "install", &stick]);
    let path = installed["install"]["path"].as_str().unwrap().to_string();
    assert!(
        path.starts_with(
            &env.workspace()
                .join("caches")
                .to_string_lossy()
                .into_owned()
        )
    );
    assert_eq!(installed["install"]["signature"]["state"], "unsigned");
    assert_eq!(installed["active"], false);
    // The same content again changes nothing; a damaged copy is refused and leaves nothing.
    let again = env.json(&["--json", "cache", "install", &stick]);
    assert_eq!(again["install"]["path"], path.as_str());
    let bytes = with_a_stored_value_flipped(&stick);
    let damaged = usb.join("damaged.kcache");
    std::fs::write(&damaged, bytes).unwrap();
    let refused = env.run(&["cache", "install", &damaged.to_string_lossy()]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).contains("nothing was installed"),
        "{}",
        stderr(&refused)
    );
    let files: Vec<_> = std::fs::read_dir(env.workspace().join("caches"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["clinvar.kcache"]);

    assert!(env.run(&["cache", "use", &path]).status.success());
    let listed = env.json(&["--json", "cache", "list"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["active"], true);
    assert_eq!(listed[0]["summary"]["sources"][0]["release"], "2021-10-25");
}

#[test]
fn the_knowledge_tables_go_into_a_grch38_cache_and_are_read_by_gene() {
    let (Some(clinvar), Some(clinvar_37)) = (path(CLINVAR), path(CLINVAR_37)) else {
        return;
    };
    let env = Env::new();
    let knowledge = crate::repository().join("assets/knowledge");
    let knowledge = knowledge.to_string_lossy();
    let out = env.dir.path().join("knowledge.kcache");
    let out = out.to_string_lossy().into_owned();
    let chr21 = path("annotation/genes/Ensembl_GRCh38_chr21_genes.gff3.gz").unwrap_or_default();
    let built = env.json(&[
        "--json",
        "cache",
        "build",
        "--out",
        &out,
        "--clinvar",
        &clinvar,
        "--knowledge",
        &knowledge,
        "--genes",
        &chr21,
        "--release",
        "genes=Ensembl 84",
    ]);
    let kinds: Vec<_> = built["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["manifest"]["name"].as_str().unwrap().to_string(),
                s["manifest"]["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("diagnostic-fusions".into(), "knowledge".into())),
        "{kinds:?}"
    );
    assert!(kinds.contains(&("methylation-markers".into(), "knowledge".into())));
    let ewsr1 = env.json(&["--json", "cache", "knowledge", &out, "EWSR1"]);
    let fusions: Vec<String> = ewsr1["fusions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}::{}",
                f["fivePrime"].as_str().unwrap(),
                f["threePrime"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        fusions.contains(&"EWSR1::FLI1".to_string()) && fusions.contains(&"EWSR1::WT1".to_string())
    );
    let mgmt = env.json(&["--json", "cache", "knowledge", &out, "MGMT"]);
    assert_eq!(mgmt["methylationMarkers"][0]["start"], 129_466_685);
    assert_eq!(mgmt["methylationMarkers"][0]["methylatedAtLeast"], 0.172);
    // The ACMG secondary-findings genes: what is reported for each, shown as it is meant.
    assert!(kinds.contains(&("secondary-findings".into(), "knowledge".into())));
    let brca1 = env.json(&["--json", "cache", "knowledge", &out, "BRCA1"]);
    assert_eq!(brca1["secondaryFindings"][0]["reportable"], "all");
    assert_eq!(brca1["secondaryFindings"][0]["hgncId"], "HGNC:1100");
    let hfe = env.run(&["cache", "knowledge", &out, "HFE"]);
    let hfe_text = String::from_utf8_lossy(&hfe.stdout);
    assert!(
        hfe_text.contains("Hereditary hemochromatosis")
            && hfe_text.contains("AR; report p.(Cys282Tyr) homozygotes only"),
        "{hfe_text}"
    );
    let not_listed = env.json(&["--json", "cache", "knowledge", &out, "APP"]);
    assert_eq!(not_listed["secondaryFindings"], serde_json::json!([]));
    // ClinGen's dosage curations, in ClinGen's own layout and licence: BRCA1 haploinsufficiency
    // 3 makes loss of function an established mechanism; APP has triplosensitivity evidence only.
    let clingen = built["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["manifest"]["name"] == "clingen-dosage")
        .expect("the ClinGen list is a source of its own");
    assert_eq!(
        (
            &clingen["manifest"]["release"],
            &clingen["manifest"]["stored"],
            &clingen["manifest"]["licence"]
        ),
        (
            &serde_json::json!("2026-02-06"),
            &serde_json::json!(85),
            &serde_json::json!("CC0-1.0 (ClinGen; attribution requested)")
        )
    );
    let brca1_dosage = &brca1["dosage"];
    assert_eq!(
        (
            &brca1_dosage["haploinsufficiency"],
            &brca1_dosage["haploinsufficiencyDisease"],
            &brca1_dosage["location"]["end"]
        ),
        (
            &serde_json::json!("sufficient"),
            &serde_json::json!("MONDO:0700268"),
            &serde_json::json!(43_170_327)
        )
    );
    assert_eq!(
        (
            &not_listed["dosage"]["haploinsufficiency"],
            &not_listed["dosage"]["triplosensitivity"]
        ),
        (
            &serde_json::json!("no_evidence"),
            &serde_json::json!("little")
        )
    );
    let brca1_text = env.run(&["cache", "knowledge", &out, "BRCA1"]);
    let brca1_text = String::from_utf8_lossy(&brca1_text.stdout);
    assert!(
        brca1_text.contains(
            "haploinsufficiency 3 — Sufficient evidence for dosage pathogenicity, MONDO:0700268"
        ) && brca1_text.contains("loss of function is an established mechanism"),
        "{brca1_text}"
    );
    let cdk12 = env.json(&["--json", "cache", "knowledge", &out, "CDK12"]);
    assert_eq!(cdk12["dosage"], serde_json::Value::Null);
    assert!(env.run(&["cache", "verify", &out]).status.success());
    // A locus look-up inside TMPRSS2 on chr21 brings its knowledge: the TMPRSS2::ERG fusion.
    let panel = env.json(&["--json", "cache", "lookup", &out, "chr21:41,480,000"]);
    assert_eq!(panel["knowledge"][0]["gene"], "TMPRSS2");
    assert_eq!(panel["knowledge"][0]["fusions"][0]["threePrime"], "ERG");

    // The marker regions are GRCh38: a GRCh37 cache refuses them and is not written.
    let grch37 = env.dir.path().join("grch37.kcache");
    let refused = env.run(&[
        "cache",
        "build",
        "--out",
        &grch37.to_string_lossy(),
        "--clinvar",
        &clinvar_37,
        "--knowledge",
        &knowledge,
    ]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).contains("are GRCh38"),
        "{}",
        stderr(&refused)
    );
    assert!(!grch37.exists());
    // So are ClinGen's gene locations, when the list is the folder's only table.
    let clingen_only = env.dir.path().join("clingen-only");
    std::fs::create_dir(&clingen_only).unwrap();
    for file in ["PROVENANCE.md", "ClinGen_gene_curation_list_GRCh38.tsv"] {
        std::fs::copy(
            crate::repository().join("assets/knowledge").join(file),
            clingen_only.join(file),
        )
        .unwrap();
    }
    let refused = env.run(&[
        "cache",
        "build",
        "--out",
        &grch37.to_string_lossy(),
        "--clinvar",
        &clinvar_37,
        "--knowledge",
        &clingen_only.to_string_lossy(),
    ]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused)
            .contains("ClinGen_gene_curation_list_GRCh38.tsv: its gene locations are GRCh38"),
        "{}",
        stderr(&refused)
    );
    assert!(!grch37.exists());
}
