//! The review workflow through the CLI on a case annotated from the shared ClinVar and gnomAD
//! files: profiles and roles, classification versions built from Kasane's proposals, sign-off
//! by a second reviewer, reclassification with its reason, concurrent changes that both stand,
//! and signed-off classifications shown on a later case.

use std::process::{Output, Stdio};

use crate::annotate::{CLINVAR, EXOMES, annotated_case, path};
use crate::{Env, stderr};

/// In no population source of the cache: PM2_Supporting is proposed.
const ABSENT: &str = "chr1-925952-G-T";

fn as_(env: &Env, who: &str, args: &[&str]) -> Output {
    let mut all = vec!["--as", who];
    all.extend_from_slice(args);
    env.run(&all)
}

/// The standard output of a command that must succeed.
pub(crate) fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts that a command was refused with `code` and says `says`.
pub(crate) fn refused(out: Output, code: i32, says: &str) {
    assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
    assert!(stderr(&out).contains(says), "{}", stderr(&out));
}

fn latest(env: &Env, case: &str) -> serde_json::Value {
    let history = env.json(&["--json", "history", case, ABSENT]);
    history[0].clone()
}

#[test]
fn a_classification_is_proposed_decided_signed_off_and_reclassified_with_every_step_audited() {
    let (Some(clinvar), Some(exomes)) = (path(CLINVAR), path(EXOMES)) else {
        return;
    };
    let env = Env::new();
    annotated_case(&env, "KSN-A1", &clinvar, &exomes);

    let explained = ok(as_(&env, "ana", &["explain", "KSN-A1", ABSENT]));
    assert!(
        explained.contains("PM2_Supporting   PROPOSED"),
        "{explained}"
    );
    assert!(explained.contains("classified  not yet"), "{explained}");

    // Without a profile nothing is written.
    refused(
        as_(
            &env,
            "ana",
            &["classify", "KSN-A1", ABSENT, "--accept", "PM2"],
        ),
        3,
        "kasane profile add ana",
    );
    ok(env.run(&["profile", "add", "ana", "--role", "annotator"]));
    ok(env.run(&["profile", "add", "rev", "--role", "reviewer"]));
    ok(env.run(&["profile", "add", "tomo", "--role", "trainee"]));
    refused(
        env.run(&["profile", "add", "rev", "--role", "trainee"]),
        5,
        "exists as reviewer",
    );

    // A rejection needs a reason; the refused change writes nothing.
    refused(
        as_(
            &env,
            "ana",
            &["classify", "KSN-A1", ABSENT, "--reject", "PM2"],
        ),
        3,
        "rejecting PM2_Supporting: give the reason",
    );
    let v1 = env.json(&[
        "--as", "ana", "--json", "classify", "KSN-A1", ABSENT, "--accept", "PM2",
    ]);
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["class"], "uncertain-significance");
    assert_eq!(v1["points"], 1);
    assert_eq!(v1["createdBy"], "ana");
    assert_eq!(v1["createdRole"], "annotator");
    assert_eq!(v1["ruleSet"], "clingen-svi-points-2020");
    assert_eq!(v1["reason"], "accepted PM2");
    let pm2 = &v1["criteria"]["decisions"][0];
    assert_eq!(
        (pm2["name"].as_str(), pm2["state"].as_str()),
        (Some("PM2_Supporting"), Some("accepted"))
    );
    assert!(
        pm2["proposal"]["reason"]
            .as_str()
            .unwrap()
            .contains("absent from every population source")
    );
    let info = env.json(&["--json", "case", "annotations", "KSN-A1"]);
    assert_eq!(v1["cacheSha256"], info[0]["cacheSha256"]);

    // BA1 beside pathogenic evidence is blocked; so is a code twice.
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify", "KSN-A1", ABSENT, "--accept", "PVS1", "PM4", "--reason", "x",
            ],
        ),
        3,
        "same length-changing event",
    );

    // Sign-off: a reviewer, not the author, on the latest version.
    refused(
        as_(
            &env,
            "ana",
            &["sign-off", "KSN-A1", ABSENT, "--version", "1"],
        ),
        3,
        "only a reviewer",
    );
    refused(
        as_(
            &env,
            "tomo",
            &["sign-off", "KSN-A1", ABSENT, "--version", "1"],
        ),
        3,
        "only a reviewer",
    );
    let signed = env.json(&[
        "--as",
        "rev",
        "--json",
        "sign-off",
        "KSN-A1",
        ABSENT,
        "--version",
        "1",
        "--comment",
        "agreed",
    ]);
    assert_eq!(signed["signOff"]["signedBy"], "rev");
    refused(
        as_(
            &env,
            "rev",
            &["sign-off", "KSN-A1", ABSENT, "--version", "1"],
        ),
        5,
        "was signed off by rev",
    );

    // Reclassifying a signed-off version needs the reason, and links to it.
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify",
                "KSN-A1",
                ABSENT,
                "--accept",
                "PP3_Moderate",
                "--reason",
                "",
            ],
        ),
        3,
        "a reclassification needs its reason",
    );
    let v2 = env.json(&[
        "--as",
        "ana",
        "--json",
        "classify",
        "KSN-A1",
        ABSENT,
        "--accept",
        "PS3_Moderate",
        "--reason",
        "RNA assay shows exon skipping",
        "--citation",
        "PMID:00000000",
    ]);
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["points"], 3);
    assert_eq!(
        v2["reason"],
        "reclassification of version 1 (signed off by rev): accepted PS3_Moderate — RNA assay shows exon skipping"
    );
    assert!(v2["signOff"].is_null());
    let history = ok(env.run(&["history", "KSN-A1", ABSENT]));
    assert!(
        history.contains("version 2: Uncertain significance (3 points"),
        "{history}"
    );
    assert!(
        history.contains(
            "PS3_Moderate     ACCEPTED  by ana  RNA assay shows exon skipping [PMID:00000000]"
        ),
        "{history}"
    );
    assert!(history.contains("signed off  not yet"), "{history}");
    assert!(
        history.contains("version 1: Uncertain significance (1 point;"),
        "{history}"
    );

    let audit = ok(env.run(&["audit", "--case", "KSN-A1"]));
    let actions: Vec<&str> = audit
        .lines()
        .filter(|l| l.contains("classification."))
        .map(|l| l.split_whitespace().nth(3).unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        [
            "classification.revised",
            "classification.signed-off",
            "classification.revised"
        ]
    );
    assert!(audit.contains("rev (reviewer)"), "{audit}");
}

#[test]
fn two_curators_changing_one_classification_at_once_both_keep_their_change() {
    let (Some(clinvar), Some(exomes)) = (path(CLINVAR), path(EXOMES)) else {
        return;
    };
    let env = Env::new();
    annotated_case(&env, "KSN-A1", &clinvar, &exomes);
    ok(env.run(&["profile", "add", "ana", "--role", "annotator"]));
    ok(env.run(&["profile", "add", "rev", "--role", "reviewer"]));
    for round in 0..3 {
        let first = env
            .command(&[
                "--as",
                "ana",
                "classify",
                "KSN-A1",
                ABSENT,
                "--accept",
                "PS3_Supporting",
                "--reason",
                "assay",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let second = env
            .command(&[
                "--as",
                "rev",
                "classify",
                "KSN-A1",
                ABSENT,
                "--reject",
                "PM2",
                "--reason",
                "low coverage",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        ok(first.wait_with_output().unwrap());
        ok(second.wait_with_output().unwrap());
        let v = latest(&env, "KSN-A1");
        assert_eq!(
            v["version"],
            2 * round + 2,
            "each change is its own version"
        );
        let states: Vec<(String, String)> = v["criteria"]["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["name"].as_str().unwrap().to_string(),
                    d["state"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            states,
            [
                ("PS3_Supporting".to_string(), "accepted".to_string()),
                ("PM2_Supporting".to_string(), "rejected".to_string())
            ],
            "round {round}"
        );
    }
}

#[test]
fn a_signed_off_classification_is_shown_on_a_later_case_with_the_same_variant() {
    let (Some(clinvar), Some(exomes)) = (path(CLINVAR), path(EXOMES)) else {
        return;
    };
    let env = Env::new();
    annotated_case(&env, "KSN-A1", &clinvar, &exomes);
    annotated_case(&env, "KSN-B2", &clinvar, &exomes);
    ok(env.run(&["profile", "add", "ana", "--role", "annotator"]));
    ok(env.run(&["profile", "add", "rev", "--role", "reviewer"]));
    ok(as_(
        &env,
        "ana",
        &["classify", "KSN-A1", ABSENT, "--accept", "PM2"],
    ));
    // Put on KSN-B2's shortlist with nothing decided: a first version of its own.
    let shortlisted = env.json(&[
        "--as",
        "ana",
        "--json",
        "classify",
        "KSN-B2",
        "chr1-925952-G-A",
    ]);
    assert_eq!(
        shortlisted["reason"],
        "put on the shortlist; criteria proposed from the evidence"
    );
    let again = as_(&env, "ana", &["classify", "KSN-B2", "chr1-925952-G-A"]);
    refused(again, 3, "nothing to decide");
    let list = ok(env.run(&["shortlist", "KSN-B2"]));
    assert!(
        list.starts_with("chr1-925952-G-A              Uncertain significance"),
        "{list}"
    );
    let before = env.json(&["--as", "ana", "--json", "explain", "KSN-B2", ABSENT]);
    assert_eq!(
        before["inHouse"],
        serde_json::json!([]),
        "not signed off yet"
    );
    ok(as_(
        &env,
        "rev",
        &["sign-off", "KSN-A1", ABSENT, "--version", "1"],
    ));
    let after = env.json(&["--as", "ana", "--json", "explain", "KSN-B2", ABSENT]);
    assert_eq!(after["inHouse"][0]["caseLabel"], "KSN-A1");
    assert_eq!(after["inHouse"][0]["class"], "uncertain-significance");
    assert_eq!(after["inHouse"][0]["signedBy"], "rev");
    let text = ok(as_(&env, "ana", &["explain", "KSN-B2", ABSENT]));
    assert!(
        text.contains("in-house    KSN-A1 version 1: Uncertain significance (1 point, clingen-svi-points-2020 1.1.0), signed off by rev"),
        "{text}"
    );
    // Case annotation joins it too: a column of what other cases signed off, never the
    // case's own classification.
    let cache = env
        .dir
        .path()
        .join("review.kcache")
        .to_string_lossy()
        .into_owned();
    for case in ["KSN-A1", "KSN-B2"] {
        ok(env.run(&["case", "annotate", case, "--cache", &cache]));
    }
    let in_house = |case: &str| -> Vec<String> {
        ok(env.run(&["variants", case, "--all", "--columns", "key,in_house"]))
            .lines()
            .skip(1)
            .map(String::from)
            .collect()
    };
    assert!(
        in_house("KSN-B2").contains(&format!(
            "{ABSENT}\tUncertain significance in KSN-A1 (version 1)"
        )),
        "{:?}",
        in_house("KSN-B2")
    );
    assert!(
        in_house("KSN-A1").iter().all(|l| l.ends_with("\t.")),
        "{:?}",
        in_house("KSN-A1")
    );
}

/// The shared Ensembl 91 gene models and reference of chr9:1-1,000,000 (DOCK8 and its
/// neighbours), when the shared data are here.
fn chr9_models() -> Option<(String, String)> {
    Some((
        path("annotation/genes/Ensembl91_GRCh38_chr9_1-1000000.gtf")?,
        path("annotation/reference/GRCh38_chr9_1-1000000.Ensembl_softmasked.fa")?,
    ))
}

/// Builds the cache `name` in the test's folder from the chr9 `models` (gene models and
/// reference) and the knowledge folder `knowledge`; its path.
fn chr9_cache(env: &Env, name: &str, models: (&str, &str), knowledge: &std::path::Path) -> String {
    let cache = env.dir.path().join(name).to_string_lossy().into_owned();
    ok(env.run(&[
        "cache",
        "build",
        "--out",
        &cache,
        "--genes",
        models.0,
        "--reference",
        models.1,
        "--release",
        "genes=Ensembl 91",
        "--genome-build",
        "GRCh38",
        "--knowledge",
        &knowledge.to_string_lossy(),
    ]));
    cache
}

/// The project's knowledge tables with ONE TEST FIXTURE row added: DOCK8 marked
/// haploinsufficient (score 3) so that the PVS1 tree passes its prerequisite; ClinGen's own
/// curation of DOCK8 is not in the project's subset.
fn dock8_haploinsufficient(env: &Env) -> std::path::PathBuf {
    let knowledge = knowledge_copy(env);
    let dosage = knowledge.join("ClinGen_gene_curation_list_GRCh38.tsv");
    let mut table = std::fs::read_to_string(&dosage).unwrap();
    table.push_str("DOCK8\t81704\t9p24.3\tchr9:214854-465259\t3\tSufficient evidence for dosage pathogenicity\t\t\t\t\t\t\t0\tNo evidence available\t\t\t\t\t\t\t2026-12-07\t\t\n");
    std::fs::write(&dosage, table).unwrap();
    knowledge
}

/// A copy of the project's knowledge folder in the test's folder, for a test fixture to be
/// added to.
fn knowledge_copy(env: &Env) -> std::path::PathBuf {
    let knowledge = env.dir.path().join("knowledge");
    std::fs::create_dir_all(&knowledge).unwrap();
    for entry in std::fs::read_dir(crate::repository().join("assets/knowledge")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), knowledge.join(entry.file_name())).unwrap();
    }
    knowledge
}

/// A new environment with a cache of the shared chr9 models whose dosage list rates DOCK8
/// haploinsufficient, named `name`; `None` (the test skips) without the shared files.
fn dock8_cache(name: &str) -> Option<(Env, String)> {
    let (genes, fasta) = chr9_models()?;
    let env = Env::new();
    let knowledge = dock8_haploinsufficient(&env);
    let cache = chr9_cache(&env, name, (&genes, &fasta), &knowledge);
    Some((env, cache))
}

/// Creates `case` from one WGS VCF, imports it (normalised against `reference` when given) and
/// annotates it against `cache`: the set-up every proposal test shares.
fn vcf_case_annotated(env: &Env, case: &str, vcf: &str, reference: Option<&str>, cache: &str) {
    ok(env.run(&["case", "new", case]));
    ok(env.run(&["case", "add-file", case, "--kind", "wgs-vcf", vcf]));
    match reference {
        Some(fasta) => ok(env.run(&["case", "import", case, "--reference", fasta])),
        None => ok(env.run(&["case", "import", case])),
    };
    ok(env.run(&["case", "annotate", case, "--cache", cache]));
}

/// Creates `case` from an SV VCF on chr9 holding the one data line `record` (a `<DEL>` or
/// `<INV>`), imports it and annotates it against `cache`.
fn sv_case_annotated(env: &Env, case: &str, record: &str, cache: &str) {
    let header = "##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type\">\n\
##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n\
##ALT=<ID=DEL,Description=\"Deletion\">\n##ALT=<ID=INV,Description=\"Inversion\">\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n";
    let vcf = env.file(
        &format!("{case}.vcf"),
        format!("{header}{record}\n").as_bytes(),
    );
    ok(env.run(&["case", "new", case]));
    ok(env.run(&["case", "add-file", case, "--kind", "sv-vcf", &vcf]));
    ok(env.run(&["case", "import", case]));
    ok(env.run(&["case", "annotate", case, "--cache", cache]));
}

/// A proposal of `explain --json` by criterion code.
fn proposal<'a>(explained: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    explained["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["applied"]["criterion"] == code)
        .unwrap_or_else(|| panic!("{code} not evaluated: {explained}"))
}

#[test]
fn consequence_criteria_are_proposed_from_kasanes_own_effects_on_real_gene_models() {
    let Some((genes, fasta)) = chr9_models() else {
        return;
    };
    let env = Env::new();
    let cache = chr9_cache(
        &env,
        "chr9.kcache",
        (&genes, &fasta),
        &crate::repository().join("assets/knowledge"),
    );
    // DOCK8-201 begins ATG GCC ACT CTG CCG AGC (chr9:214,977): c.6C>T is synonymous on it but
    // c.415G>A p.(Gly139Ser) on C9orf66, read on the other strand; c.7_9del takes Thr3;
    // c.15del shifts the frame.
    let header = "##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n";
    let records = "chr9\t214982\tshared\tC\tT\t50\tPASS\t.\tGT\t0/1\n\
chr9\t214982\tinframe\tCACT\tC\t50\tPASS\t.\tGT\t0/1\n\
chr9\t214990\tframeshift\tCG\tC\t50\tPASS\t.\tGT\t0/1\n";
    let vcf = env.file("e1.vcf", format!("{header}{records}").as_bytes());
    vcf_case_annotated(&env, "KSN-E1", &vcf, Some(&fasta), &cache);

    // DOCK8 has no ClinGen dosage curation in the project's subset: PVS1 waits, with the path.
    let frameshift = env.json(&["--json", "explain", "KSN-E1", "chr9-214990-CG-C"]);
    let pvs1 = proposal(&frameshift, "PVS1");
    assert_eq!(pvs1["state"], "not-evaluable");
    assert!(
        pvs1["reason"]
            .as_str()
            .unwrap()
            .contains("no ClinGen dosage curation of DOCK8")
    );
    assert_eq!(
        pvs1["path"][0],
        "null variant: frameshift_variant on DOCK8 ENST00000432829.6 c.15del p.(Ser6AlafsTer19)"
    );
    assert_eq!(proposal(&frameshift, "PM4")["state"], "not-met");
    assert!(
        frameshift["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n
                == "the cache holds no missense predictor scores: PP3 and BP4 are not evaluated"),
        "{frameshift}"
    );

    let inframe = env.json(&["--json", "explain", "KSN-E1", "chr9-214982-CACT-C"]);
    assert_eq!(proposal(&inframe, "PM4")["state"], "met");
    assert!(
        proposal(&inframe, "PM4")["reason"]
            .as_str()
            .unwrap()
            .starts_with("in-frame indel on DOCK8 ENST00000432829.6 c.7_9del p.(Thr3del)")
    );
    assert_eq!(proposal(&inframe, "BP3")["state"], "not-evaluable");
    assert_eq!(inframe["ifAccepted"]["points"], 2);

    // Missense on C9orf66 outweighs synonymous on DOCK8: read on C9orf66, no BP7.
    let shared = env.json(&["--json", "explain", "KSN-E1", "chr9-214982-C-T"]);
    let bp7 = proposal(&shared, "BP7");
    assert_eq!(bp7["state"], "not-met");
    assert_eq!(
        bp7["reason"],
        "not synonymous on C9orf66 ENST00000382387.3 c.415G>A p.(Gly139Ser)"
    );
    // Without gnomAD in the cache, the population criteria are not judged.
    assert_eq!(proposal(&shared, "PM2")["state"], "not-evaluable");
}

#[test]
fn a_variant_in_a_vcep_gene_is_explained_and_classified_under_its_specification() {
    let env = Env::new();
    // GAA's span as ClinGen's curation list places it on GRCh38 (chr17:80,101,581-80,119,881),
    // as one gene record with a placeholder transcript: a test fixture, not Ensembl's models.
    let genes = env.file(
        "gaa.gff3",
        b"##gff-version 3\n\
17\tfixture\tgene\t80101581\t80119881\t.\t+\t.\tID=gene:GAA;Name=GAA;biotype=protein_coding\n\
17\tfixture\tmRNA\t80101581\t80119881\t.\t+\t.\tID=transcript:fixture-gaa;Parent=gene:GAA;biotype=protein_coding\n\
17\tfixture\texon\t80101581\t80119881\t.\t+\t.\tParent=transcript:fixture-gaa\n",
    );
    let cache = env
        .dir
        .path()
        .join("gaa.kcache")
        .to_string_lossy()
        .into_owned();
    ok(env.run(&[
        "cache",
        "build",
        "--out",
        &cache,
        "--genes",
        &genes,
        "--release",
        "genes=fixture: GAA span",
        "--licence",
        "genes=test fixture",
        "--genome-build",
        "GRCh38",
    ]));
    let vcf = env.file(
        "gaa.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr17,length=83257441>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
chr17\t80105000\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n",
    );
    vcf_case_annotated(&env, "KSN-GAA", &vcf, None, &cache);
    let explained = env.json(&["--json", "explain", "KSN-GAA", "chr17-80105000-A-G"]);
    assert_eq!(
        explained["ifAccepted"]["ruleSet"],
        "clingen-lsd-vcep-gaa-v2"
    );
    assert!(
        explained["notes"]
            .to_string()
            .contains("its VCEP specification covers GAA"),
        "{explained}"
    );
    assert!(
        explained["notes"].to_string().contains(
            "PP4 is weighed by the specification's phenotype points (PP4_Moderate from 2 points, PP4 from 1 point): tick the patient's findings on the evidence board or run `kasane rules phenotype --rule-set clingen-lsd-vcep-gaa-v2 FINDING…`"
        ),
        "{explained}"
    );
    ok(env.run(&["profile", "add", "ana", "--role", "annotator"]));
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify",
                "KSN-GAA",
                "chr17-80105000-A-G",
                "--accept",
                "PS2",
                "--reason",
                "de novo",
            ],
        ),
        3,
        "PS2 is not used by clingen-lsd-vcep-gaa-v2",
    );
    let v1 = env.json(&[
        "--as",
        "ana",
        "--json",
        "classify",
        "KSN-GAA",
        "chr17-80105000-A-G",
        "--accept",
        "PS3_Supporting",
        "--reason",
        "assay",
        "--citation",
        "PMID:1",
    ]);
    assert_eq!(v1["ruleSet"], "clingen-lsd-vcep-gaa-v2");
    // Asked for by name, another rule set applies.
    let svi = env.json(&[
        "--json",
        "explain",
        "KSN-GAA",
        "chr17-80105000-A-G",
        "--rule-set",
        "clingen-svi-points-2020",
    ]);
    assert_eq!(svi["ifAccepted"]["ruleSet"], "clingen-svi-points-2020");
    // A rule set the workspace added (a fixture panel file without genes) is used by name.
    let gaa = std::fs::read_to_string(
        crate::repository().join("assets/rules/clingen-lsd-vcep-gaa-v2.json"),
    )
    .unwrap();
    let panel = env.file(
        "panel.json",
        gaa.replace("clingen-lsd-vcep-gaa-v2", "panel-no-genes")
            .replace("\"genes\": [\"GAA\"],", "")
            .as_bytes(),
    );
    ok(env.run(&["rules", "add", &panel]));
    let by_panel = env.json(&[
        "--json",
        "explain",
        "KSN-GAA",
        "chr17-80105000-A-G",
        "--rule-set",
        "panel-no-genes",
    ]);
    assert_eq!(by_panel["ifAccepted"]["ruleSet"], "panel-no-genes");
}

#[test]
fn ps1_and_pm5_are_proposed_from_clinvar_records_at_the_same_residue() {
    let (Some(genes), Some(fasta), Some(clinvar)) = (
        path("annotation/genes/Ensembl91_GRCh38_chr9_1-1000000.gtf"),
        path("annotation/reference/GRCh38_chr9_1-1000000.Ensembl_softmasked.fa"),
        path(CLINVAR),
    ) else {
        return;
    };
    let env = Env::new();
    // A TEST FIXTURE, not ClinVar's word: the shared ClinVar file's header with two made-up
    // records at DOCK8-201's second codon (GCC, Ala2; chr9:214,980-214,982 as the shared
    // reference has it): the MNV GCC>ACT makes p.(Ala2Thr), the SNV G>C p.(Ala2Pro), both
    // marked Pathogenic here only to drive the rule.
    let header: String = std::fs::read_to_string(&clinvar)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let info = "ALLELEID=1;CLNREVSTAT=criteria_provided,_multiple_submitters,_no_conflicts;CLNSIG=Pathogenic;GENEINFO=DOCK8:81704";
    let records = format!(
        "9\t214980\t900001\tGCC\tACT\t.\t.\t{info}\n9\t214980\t900002\tG\tC\t.\t.\t{info}\n"
    );
    let fixture = env.file(
        "clinvar_fixture.vcf",
        format!("{header}{records}").as_bytes(),
    );
    let cache = env
        .dir
        .path()
        .join("dock8.kcache")
        .to_string_lossy()
        .into_owned();
    ok(env.run(&[
        "cache",
        "build",
        "--out",
        &cache,
        "--clinvar",
        &fixture,
        "--genes",
        &genes,
        "--reference",
        &fasta,
        "--release",
        "genes=Ensembl 91",
        "--genome-build",
        "GRCh38",
    ]));
    let vcf = env.file(
        "dock8.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
chr9\t214980\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n",
    );
    vcf_case_annotated(&env, "KSN-PS1", &vcf, Some(&fasta), &cache);
    let explained = env.json(&["--json", "explain", "KSN-PS1", "chr9-214980-G-A"]);
    let find = |code: &str| {
        explained["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["applied"]["criterion"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code}: {explained}"))
    };
    let ps1 = find("PS1");
    assert_eq!(
        (ps1["name"].as_str(), ps1["state"].as_str()),
        (Some("PS1"), Some("met")),
        "{ps1}"
    );
    assert!(
        ps1["reason"].as_str().unwrap().starts_with(
            "p.(Ala2Thr) on DOCK8 ENST00000432829.6 is the same amino-acid change as chr9-214980-GCC-ACT p.(Ala2Thr) (ClinVar Pathogenic, 2★)"
        ),
        "{ps1}"
    );
    assert_eq!(
        find("PM5")["state"],
        "not-met",
        "PS1 already counts the residue"
    );
}

#[test]
fn a_nonsense_variant_escaping_nmd_is_weighed_by_the_share_of_the_protein_it_removes() {
    let Some((genes, fasta)) = chr9_models() else {
        return;
    };
    let env = Env::new();
    let knowledge = dock8_haploinsufficient(&env);
    let cache = chr9_cache(&env, "nmd.kcache", (&genes, &fasta), &knowledge);
    // DOCK8-201's last exon holds codons 2078–2099 and the stop (chr9:464,159-464,219): CAG at
    // chr9:464,199 is Gln2094, and C>T makes it a stop six residues before the end.
    let vcf = env.file(
        "nmd.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
chr9\t304705\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n\
chr9\t464199\t.\tC\tT\t50\tPASS\t.\tGT\t0/1\n",
    );
    vcf_case_annotated(&env, "KSN-NMD", &vcf, Some(&fasta), &cache);
    let explained = env.json(&["--json", "explain", "KSN-NMD", "chr9-464199-C-T"]);
    let pvs1 = proposal(&explained, "PVS1");
    assert_eq!(
        (pvs1["name"].as_str(), pvs1["state"].as_str()),
        (Some("PVS1_Moderate"), Some("met")),
        "{pvs1}"
    );
    let reason = pvs1["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("nonsense escaping NMD (the stop is in the last exon) removes or alters 0.29 % of the protein (residues 2094–2099): PVS1_Moderate, or PVS1_Strong when the truncated region is critical"),
        "{reason}"
    );
    let path: Vec<&str> = pvs1["path"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert_eq!(
        path.first().copied(),
        Some("null variant: stop_gained on DOCK8 ENST00000432829.6 c.6280C>T p.(Gln2094Ter)")
    );
    assert_eq!(
        path.last().copied(),
        Some("removes or alters 0.29 % of the protein (residues 2094–2099 of 2099): 10 % or less")
    );
    // The donor +1 of DOCK8-201's exon 5 (chr9:304,581-304,704, 124 bases): skipping the exon
    // shifts the frame with 43 exons after it, so NMD is expected.
    let splice = env.json(&["--json", "explain", "KSN-NMD", "chr9-304705-G-A"]);
    let pvs1 = proposal(&splice, "PVS1");
    assert_eq!(
        (pvs1["name"].as_str(), pvs1["state"].as_str()),
        (Some("PVS1"), Some("met")),
        "{pvs1}"
    );
    assert!(
        pvs1["reason"]
            .as_str()
            .unwrap()
            .contains("skipping exon 5 of 48 shifts the frame with NMD expected"),
        "{pvs1}"
    );
}

#[test]
fn a_start_loss_is_weighed_by_clinvar_variants_before_the_next_methionine() {
    let (Some((genes, fasta)), Some(clinvar)) = (chr9_models(), path(CLINVAR)) else {
        return;
    };
    let env = Env::new();
    let knowledge = dock8_haploinsufficient(&env);
    // A TEST FIXTURE, not ClinVar's word: the shared ClinVar header with one made-up Pathogenic
    // record, DOCK8-201 p.(Ala2Thr) (chr9:214,980 G>A), to drive the rule.
    let header: String = std::fs::read_to_string(&clinvar)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let fixture = env.file(
        "clinvar_fixture.vcf",
        format!("{header}9\t214980\t900001\tG\tA\t.\t.\tALLELEID=1;CLNREVSTAT=criteria_provided,_multiple_submitters,_no_conflicts;CLNSIG=Pathogenic;GENEINFO=DOCK8:81704\n").as_bytes(),
    );
    let build = |name: &str, with_clinvar: bool| {
        let cache = env.dir.path().join(name).to_string_lossy().into_owned();
        let knowledge = knowledge.to_string_lossy();
        let mut args = vec![
            "cache",
            "build",
            "--out",
            &cache,
            "--genes",
            &genes,
            "--reference",
            &fasta,
            "--release",
            "genes=Ensembl 91",
            "--genome-build",
            "GRCh38",
            "--knowledge",
            &knowledge,
        ];
        if with_clinvar {
            args.extend_from_slice(&["--clinvar", &fixture]);
        }
        ok(env.run(&args));
        cache
    };
    let with = build("start-clinvar.kcache", true);
    let without = build("start.kcache", false);
    // DOCK8-201's start codon ATG at chr9:214,977: A>G loses it; the next in-frame Met is Met69.
    let vcf = env.file(
        "start.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
chr9\t214977\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n",
    );
    vcf_case_annotated(&env, "KSN-START", &vcf, Some(&fasta), &with);
    vcf_case_annotated(&env, "KSN-START2", &vcf, Some(&fasta), &without);
    let explained = env.json(&["--json", "explain", "KSN-START", "chr9-214977-A-G"]);
    let pvs1 = proposal(&explained, "PVS1");
    assert_eq!(
        (pvs1["name"].as_str(), pvs1["state"].as_str()),
        (Some("PVS1_Moderate"), Some("met")),
        "{pvs1}"
    );
    assert!(
        pvs1["reason"]
            .as_str()
            .unwrap()
            .contains("before the next in-frame start Met69 (chr9-214980-G-A (Pathogenic))"),
        "{pvs1}"
    );
    let unread = env.json(&["--json", "explain", "KSN-START2", "chr9-214977-A-G"]);
    let pvs1 = proposal(&unread, "PVS1");
    assert_eq!(pvs1["state"], "not-evaluable", "{pvs1}");
    assert!(
        pvs1["reason"]
            .as_str()
            .unwrap()
            .contains("the cache holds no ClinVar"),
        "{pvs1}"
    );
}

#[test]
fn pp3_and_bp4_are_proposed_from_revel_scores_on_the_relevant_transcript() {
    let Some((genes, fasta)) = chr9_models() else {
        return;
    };
    let env = Env::new();
    // A TEST FIXTURE in REVEL 1.3's layout, not REVEL's scores (none are in ../shared): DOCK8-201's
    // second codon GCC (chr9:214,980-214,982) — G>A p.(Ala2Thr) scored 0.951, C>T p.(Ala2Val)
    // 0.1 — and a row REVEL could not lift over to GRCh38.
    let revel = env.file(
        "revel_fixture.csv",
        b"chr,hg19_pos,grch38_pos,ref,alt,aaref,aaalt,REVEL,Ensembl_transcriptid\n\
9,214980,214980,G,A,A,T,0.951,ENST00000432829\n\
9,214981,214981,C,T,A,V,0.1,ENST00000432829\n\
9,1000,.,A,G,K,E,0.5,ENST00000000001\n",
    );
    let cache = env.dir.path().join("revel.kcache");
    let cache = cache.to_string_lossy();
    let build = |extra: &[&str]| {
        let mut args = vec![
            "cache",
            "build",
            "--out",
            &cache,
            "--genes",
            &genes,
            "--reference",
            &fasta,
            "--revel",
            &revel,
            "--release",
            "genes=Ensembl 91",
            "--genome-build",
            "GRCh38",
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    refused(
        build(&["--release", "revel=v1.3"]),
        3,
        "--licence revel=TEXT",
    );
    refused(
        build(&["--licence", "revel=free for non-commercial use (fixture)"]),
        3,
        "--release revel=TEXT",
    );
    let built = ok(build(&[
        "--release",
        "revel=v1.3",
        "--licence",
        "revel=free for non-commercial use (fixture)",
    ]));
    assert!(built.contains("revel"), "{built}");
    let vcf = env.file(
        "revel.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
chr9\t214980\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n\
chr9\t214981\t.\tC\tT\t50\tPASS\t.\tGT\t0/1\n\
chr9\t214982\t.\tC\tT\t50\tPASS\t.\tGT\t0/1\n",
    );
    vcf_case_annotated(&env, "KSN-PP3", &vcf, Some(&fasta), &cache);
    let code = |key: &str, code: &str| {
        let explained = env.json(&["--json", "explain", "KSN-PP3", key]);
        let p = proposal(&explained, code);
        (
            p["name"].as_str().unwrap_or_default().to_string(),
            p["state"].as_str().unwrap_or_default().to_string(),
            p["reason"].as_str().unwrap_or_default().to_string(),
        )
    };
    let (name, state, reason) = code("chr9-214980-G-A", "PP3");
    assert_eq!(
        (name.as_str(), state.as_str()),
        ("PP3_Strong", "met"),
        "{reason}"
    );
    assert!(
        reason.starts_with("REVEL 0.951 (revel v1.3) ≥ 0.932: strong evidence of a damaging effect (Pejaver 2022; pejaver-2022-predictors 1.0.0"),
        "{reason}"
    );
    assert_eq!(code("chr9-214980-G-A", "BP4").1, "not-met");
    let (name, state, _) = code("chr9-214981-C-T", "BP4");
    assert_eq!((name.as_str(), state.as_str()), ("BP4_Moderate", "met"));
    // Synonymous on DOCK8 but missense on C9orf66, which is read first: unscored there.
    let (_, state, reason) = code("chr9-214982-C-T", "PP3");
    assert_eq!(state, "not-evaluable");
    assert_eq!(reason, "the cache holds no REVEL score for this change");

    // Accepted, PP3_Strong counts four points.
    ok(env.run(&["profile", "add", "ana", "--role", "annotator"]));
    ok(env.run(&[
        "--as",
        "ana",
        "classify",
        "KSN-PP3",
        "chr9-214980-G-A",
        "--accept",
        "PP3",
    ]));
    let latest = env.json(&["--json", "history", "KSN-PP3", "chr9-214980-G-A"]);
    assert_eq!(latest[0]["points"], 4, "{latest}");

    let text = ok(env.run(&["explain", "KSN-PP3", "chr9-214980-G-A"]));
    assert!(text.contains("PP3_Strong       PROPOSED"), "{text}");
    let info = ok(env.run(&["cache", "info", &cache]));
    assert!(info.contains("revel"), "{info}");
}

#[test]
fn ovs1_and_om2_are_proposed_from_a_cancer_gene_list_in_the_knowledge_folder() {
    let Some((genes, fasta)) = chr9_models() else {
        return;
    };
    let env = Env::new();
    // The project's knowledge tables and a TEST FIXTURE in OncoKB's cancerGeneList.tsv layout
    // (OncoKB's list is licensed and not in ../shared): DOCK8 marked a tumour suppressor only to
    // drive the rules.
    let knowledge = knowledge_copy(&env);
    std::fs::write(
        knowledge.join("cancerGeneList.tsv"),
        "# version: 2026-12-07 (test fixture)\n\
Hugo Symbol\tEntrez Gene ID\tGRCh37 Isoform\tGRCh37 RefSeq\tGRCh38 Isoform\tGRCh38 RefSeq\t# of occurrence within resources (Column J-P)\tOncoKB Annotated\tIs Oncogene\tIs Tumor Suppressor Gene\n\
DOCK8\t81704\tENST00000432829\t\tENST00000432829\t\t1\tNo\tNo\tYes\n",
    )
    .unwrap();
    // And a TEST FIXTURE in the layout of ClinGen's gene–disease validity summary.
    std::fs::write(
        knowledge.join("Clingen-Gene-Disease-Summary-2026-11-30.csv"),
        "\"CLINGEN GENE DISEASE VALIDITY CURATIONS\"\n\"FILE CREATED: 2026-11-30\"\n\
\"GENE SYMBOL\",\"GENE ID (HGNC)\",\"DISEASE LABEL\",\"DISEASE ID (MONDO)\",\"MOI\",\"SOP\",\"CLASSIFICATION\",\"ONLINE REPORT\",\"CLASSIFICATION DATE\",\"GCEP\"\n\
\"+++\",\"+++\"\n\
\"DOCK8\",\"HGNC:19191\",\"DOCK8 deficiency (test fixture)\",\"MONDO:0000000\",\"AR\",\"SOP8\",\"Definitive\",\"\",\"2026-11-30\",\"test\"\n",
    )
    .unwrap();
    let repository_knowledge = crate::repository().join("assets/knowledge");
    let listed = chr9_cache(&env, "listed.kcache", (&genes, &fasta), &knowledge);
    let unlisted = chr9_cache(
        &env,
        "unlisted.kcache",
        (&genes, &fasta),
        &repository_knowledge,
    );
    let info = ok(env.run(&["cache", "info", &listed]));
    assert!(info.contains("oncokb-cancer-genes"), "{info}");
    let vcf = env.file(
        "tumour.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOUR\n\
chr9\t214982\tinframe\tCACT\tC\t50\tPASS\t.\tGT\t0/1\n\
chr9\t214990\tframeshift\tCG\tC\t50\tPASS\t.\tGT\t0/1\n",
    );
    for (case, cache) in [("KSN-T2", &listed), ("KSN-T3", &unlisted)] {
        ok(env.run(&["case", "new", case, "--tumour-type", "Melanoma"]));
        ok(env.run(&["case", "add-file", case, "--kind", "wgs-vcf", &vcf]));
        ok(env.run(&["case", "import", case, "--reference", &fasta]));
        ok(env.run(&["case", "annotate", case, "--cache", cache]));
    }
    let code = |case: &str, key: &str, code: &str| {
        let e = env.json(&["--json", "explain", case, key]);
        let p = e["oncogenicity"]["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code}: {e}"));
        (
            p["state"].as_str().unwrap_or_default().to_string(),
            p["reason"].as_str().unwrap_or_default().to_string(),
        )
    };
    let (state, reason) = code("KSN-T2", "chr9-214990-CG-C", "OVS1");
    assert_eq!(state, "met", "{reason}");
    assert!(
        reason.starts_with("frameshift with NMD predicted on DOCK8 ENST00000432829.6"),
        "{reason}"
    );
    let (state, reason) = code("KSN-T2", "chr9-214982-CACT-C", "OM2");
    assert_eq!(state, "met", "{reason}");
    assert!(
        reason.contains("in DOCK8, a known tumour suppressor"),
        "{reason}"
    );
    assert_eq!(code("KSN-T2", "chr9-214982-CACT-C", "OVS1").0, "not-met");
    // Without the list, both wait for the curator.
    let (state, reason) = code("KSN-T3", "chr9-214990-CG-C", "OVS1");
    assert_eq!(state, "not-evaluable");
    assert!(reason.contains("cancerGeneList.tsv"), "{reason}");
    assert_eq!(
        code("KSN-T3", "chr9-214982-CACT-C", "OM2").0,
        "not-evaluable"
    );
    let gene = ok(env.run(&["cache", "knowledge", &listed, "DOCK8"]));
    assert!(
        gene.contains("role in cancer: tumour suppressor (cancer gene list)"),
        "{gene}"
    );
    assert!(
        gene.contains(
            "ClinGen gene–disease validity: Definitive for DOCK8 deficiency (test fixture) (AR)"
        ),
        "{gene}"
    );
    assert!(info.contains("clingen-gene-validity"), "{info}");

    // A somatic classification: the oncogenicity codes decided, versioned and signed off.
    ok(env.run(&["profile", "add", "ana", "--role", "annotator"]));
    ok(env.run(&["profile", "add", "rei", "--role", "reviewer"]));
    let frameshift = "chr9-214990-CG-C";
    let v1 = env.json(&[
        "--as",
        "ana",
        "--json",
        "classify",
        "KSN-T2",
        frameshift,
        "--oncogenicity",
        "--accept",
        "OVS1",
    ]);
    assert_eq!(v1["ruleSet"], "horak-2022-oncogenicity", "{v1}");
    assert_eq!(
        (v1["class"].as_str(), v1["points"].as_i64()),
        (Some("likely-oncogenic"), Some(8))
    );
    assert!(v1["criteria"].is_null());
    assert_eq!(v1["oncogenicity"]["decisions"][0]["code"], "OVS1");
    // The chain stays somatic without the flag; an ACMG code is not one of its codes.
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify", "KSN-T2", frameshift, "--accept", "PVS1", "--reason", "x",
            ],
        ),
        3,
        "\"PVS1\" is not an oncogenicity code",
    );
    let v2 = env.json(&[
        "--as",
        "ana",
        "--json",
        "classify",
        "KSN-T2",
        frameshift,
        "--accept",
        "OM4",
        "--reason",
        "in-house functional assay",
        "--citation",
        "lab SOP 12",
    ]);
    assert_eq!(
        (v2["version"].as_i64(), v2["points"].as_i64()),
        (Some(2), Some(10))
    );
    assert_eq!(v2["class"], "oncogenic");
    assert_eq!(v2["oncogenicity"]["tier"]["tier"], "III");
    // Clinical evidence with its source gives the AMP tier in the case's tumour type.
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify",
                "KSN-T2",
                frameshift,
                "--evidence",
                "A:therapeutic:Melanoma",
            ],
        ),
        3,
        "needs its source as the citation",
    );
    let v3 = env.json(&[
        "--as",
        "ana",
        "--json",
        "classify",
        "KSN-T2",
        frameshift,
        "--evidence",
        "A:therapeutic:Melanoma",
        "ja:B:diagnostic:Melanoma",
        "--citation",
        "test fixture: a made-up label",
    ]);
    assert_eq!(v3["oncogenicity"]["tier"]["tier"], "I", "{v3}");
    assert_eq!(
        v3["oncogenicity"]["evidence"].as_array().map(Vec::len),
        Some(2)
    );
    assert!(
        v3["reason"]
            .as_str()
            .unwrap()
            .starts_with("recorded level A therapeutic evidence in Melanoma; recorded Japanese level B diagnostic evidence in Melanoma"),
        "{v3}"
    );
    let signed = env.json(&[
        "--as",
        "rei",
        "--json",
        "sign-off",
        "KSN-T2",
        frameshift,
        "--version",
        "3",
    ]);
    assert_eq!(signed["signOff"]["signedBy"], "rei");
    let history = ok(env.run(&["history", "KSN-T2", frameshift]));
    assert!(
        history.starts_with(&format!("{frameshift} in case KSN-T2, version 3: Oncogenic (10 points; somatic oncogenicity, Horak 2022)")),
        "{history}"
    );
    assert!(
        history.contains("  OVS1             ACCEPTED  by ana"),
        "{history}"
    );
    assert!(
        history.contains("AMP tier    I in Melanoma: level A therapeutic evidence in Melanoma (strong clinical significance)"),
        "{history}"
    );
    let shortlist = ok(env.run(&["shortlist", "KSN-T2"]));
    assert!(shortlist.contains("Oncogenic"), "{shortlist}");
    // A germline chain stays germline; a case without a tumour type takes no oncogenicity.
    let inframe = "chr9-214982-CACT-C";
    ok(as_(&env, "ana", &["classify", "KSN-T2", inframe]));
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify",
                "KSN-T2",
                inframe,
                "--evidence",
                "A:therapeutic:Melanoma",
                "--citation",
                "x",
            ],
        ),
        3,
        "belong to a somatic classification",
    );
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify",
                "KSN-T2",
                inframe,
                "--oncogenicity",
                "--accept",
                "OM2",
            ],
        ),
        5,
        "is classified with ACMG/AMP criteria in case KSN-T2; its later versions stay so",
    );
    ok(env.run(&["case", "new", "KSN-G9"]));
    ok(env.run(&["case", "add-file", "KSN-G9", "--kind", "wgs-vcf", &vcf]));
    ok(env.run(&["case", "import", "KSN-G9", "--reference", &fasta]));
    ok(env.run(&["case", "annotate", "KSN-G9", "--cache", &listed]));
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify",
                "KSN-G9",
                frameshift,
                "--oncogenicity",
                "--accept",
                "OVS1",
            ],
        ),
        3,
        "is for a small variant of a case with a tumour type",
    );
}

#[test]
fn a_somatic_case_gets_the_oncogenicity_codes_the_cache_answers() {
    let (Some(clinvar), Some(exomes)) = (path(CLINVAR), path(EXOMES)) else {
        return;
    };
    let env = Env::new();
    annotated_case(&env, "KSN-A1", &clinvar, &exomes);
    let vcf = env.file(
        "tumour.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr1,length=248956422>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOUR\n\
chr1\t925952\t.\tG\tT\t50\tPASS\t.\tGT\t0/1\n\
chr1\t55039894\t.\tG\tC\t50\tPASS\t.\tGT\t0/1\n",
    );
    ok(env.run(&[
        "case",
        "new",
        "KSN-T1",
        "--tumour-type",
        "Colorectal adenocarcinoma",
    ]));
    ok(env.run(&["case", "add-file", "KSN-T1", "--kind", "wgs-vcf", &vcf]));
    ok(env.run(&["case", "import", "KSN-T1"]));
    let cache = env
        .dir
        .path()
        .join("review.kcache")
        .to_string_lossy()
        .into_owned();
    ok(env.run(&["case", "annotate", "KSN-T1", "--cache", &cache]));
    let code = |e: &serde_json::Value, code: &str| {
        e["oncogenicity"]["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == code)
            .map(|p| p["state"].as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    let absent = env.json(&["--json", "explain", "KSN-T1", ABSENT]);
    assert_eq!(code(&absent, "OP4"), "met");
    assert_eq!(absent["oncogenicity"]["ifAccepted"]["points"], 1);
    assert_eq!(
        absent["oncogenicity"]["ifAccepted"]["class"],
        "uncertain-significance"
    );
    // The gnomAD v4 exome allele (grpmax AF about 6e-5): held by gnomAD, far below 1 %.
    let seen = env.json(&["--json", "explain", "KSN-T1", "chr1-55039894-G-C"]);
    assert_eq!(
        (
            code(&seen, "OP4"),
            code(&seen, "SBS1"),
            code(&seen, "SBVS1")
        ),
        ("not-met".into(), "not-met".into(), "not-met".into())
    );
    // A germline case gets none.
    let germline = env.json(&["--json", "explain", "KSN-A1", ABSENT]);
    assert!(germline["oncogenicity"].is_null());
    let text = ok(env.run(&["explain", "KSN-T1", ABSENT]));
    assert!(text.contains("oncogenicity if accepted: 1 point, Uncertain significance (horak-2022-oncogenicity 1.1.0)"), "{text}");
}

/// The gnomAD v4 exome allele whose grpmax FAF95 is 5.98e-5 (afr, AN 32,576).
const RARE_IN_GNOMAD: &str = "chr1-55039894-G-C";

#[test]
fn bs1_is_read_under_the_disorders_parameters_which_are_stored_with_the_classification() {
    let (Some(clinvar), Some(exomes)) = (path(CLINVAR), path(EXOMES)) else {
        return;
    };
    let env = Env::new();
    annotated_case(&env, "KSN-A1", &clinvar, &exomes);
    let vcf = env.file(
        "germline.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr1,length=248956422>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPROBAND\n\
chr1\t55039894\t.\tG\tC\t50\tPASS\t.\tGT\t0/1\n",
    );
    ok(env.run(&["case", "new", "KSN-D1"]));
    ok(env.run(&["case", "add-file", "KSN-D1", "--kind", "wgs-vcf", &vcf]));
    ok(env.run(&["case", "import", "KSN-D1"]));
    let cache = env.dir.path().join("review.kcache");
    ok(env.run(&[
        "case",
        "annotate",
        "KSN-D1",
        "--cache",
        &cache.to_string_lossy(),
    ]));
    let bs1 = |e: &serde_json::Value| {
        let p = proposal(e, "BS1");
        (
            p["state"].as_str().unwrap_or_default().to_string(),
            p["reason"].as_str().unwrap_or_default().to_string(),
        )
    };
    let hcm = [
        "--prevalence",
        "1/500",
        "--allelic-contribution",
        "0.02",
        "--penetrance",
        "0.5",
    ];

    // Without the disorder BS1 waits for it.
    let plain = env.json(&["--json", "explain", "KSN-D1", RARE_IN_GNOMAD]);
    assert_eq!(bs1(&plain).0, "not-evaluable", "{plain}");
    // Whiffin 2017's hypertrophic cardiomyopathy: 4.0e-5 is credible, 5.98e-5 is not.
    let mut args = vec!["--json", "explain", "KSN-D1", RARE_IN_GNOMAD];
    args.extend_from_slice(&hcm);
    let explained = env.json(&args);
    let (state, reason) = bs1(&explained);
    assert_eq!(state, "met", "{reason}");
    assert!(reason.contains("maximum credible AF 4.00e-5"), "{reason}");
    assert!(
        reason.contains("0.0000598 in gnomad-exomes (grpmax FAF95 (afr), AN 32576)"),
        "{reason}"
    );
    assert_eq!(explained["disorder"]["prevalence"], 0.002);
    // Half the parameters, or one that is not a proportion, are refused.
    let half = env.run(&["explain", "KSN-D1", RARE_IN_GNOMAD, "--prevalence", "1/500"]);
    assert_eq!(half.status.code(), Some(2), "{}", stderr(&half));
    refused(
        env.run(&[
            "explain",
            "KSN-D1",
            RARE_IN_GNOMAD,
            "--prevalence",
            "1/500",
            "--allelic-contribution",
            "2",
            "--penetrance",
            "0.5",
        ]),
        3,
        "maximum allelic contribution is 2: give a proportion",
    );

    // Classified under the disorder: BS1 is proposed and the parameters are stored.
    ok(env.run(&["profile", "add", "ana", "--role", "annotator"]));
    let mut classify = vec!["--as", "ana", "classify", "KSN-D1", RARE_IN_GNOMAD];
    classify.extend_from_slice(&hcm);
    ok(env.run(&classify));
    let history = |env: &Env| env.json(&["--json", "history", "KSN-D1", RARE_IN_GNOMAD]);
    let first = history(&env)[0].clone();
    assert_eq!(
        first["criteria"]["disorder"]["maxAllelicContribution"],
        0.02
    );
    assert!(
        first["criteria"]["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["name"] == "BS1" && d["state"] == "proposed"),
        "{first}"
    );
    // A later explain reads BS1 under the stored parameters and says so.
    let later = ok(env.run(&["explain", "KSN-D1", RARE_IN_GNOMAD]));
    assert!(
        later.contains("disorder    dominant: prevalence 0.002"),
        "{later}"
    );
    assert!(
        later.contains("stored with version 1 of the classification"),
        "{later}"
    );

    // A disorder one variant may explain a tenth of: 2.0e-4 is credible, BS1 is no longer met
    // and its undecided proposal leaves the new version, whose reason names the parameters.
    ok(env.run(&[
        "--as",
        "ana",
        "classify",
        "KSN-D1",
        RARE_IN_GNOMAD,
        "--prevalence",
        "1/500",
        "--allelic-contribution",
        "0.1",
        "--penetrance",
        "0.5",
    ]));
    let second = history(&env)[0].clone();
    assert_eq!(second["version"], 2);
    assert!(
        second["reason"]
            .as_str()
            .unwrap()
            .contains("maximum allelic contribution 0.1"),
        "{second}"
    );
    assert!(
        !second["criteria"]["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["name"] == "BS1"),
        "{second}"
    );
    // The first version keeps what it was built on.
    assert_eq!(
        history(&env)[1]["criteria"]["disorder"]["maxAllelicContribution"],
        0.02
    );
    // The same parameters again change nothing.
    refused(
        env.run(&[
            "--as",
            "ana",
            "classify",
            "KSN-D1",
            RARE_IN_GNOMAD,
            "--prevalence",
            "0.002",
            "--allelic-contribution",
            "0.1",
            "--penetrance",
            "0.5",
        ]),
        3,
        "nothing to decide",
    );
}

#[test]
fn a_deletion_is_classified_by_its_riggs_sections_and_signed_off() {
    let env = Env::new();
    if crate::annotate::chr21_loss_case(&env).is_none() {
        return;
    }
    let key = crate::annotate::CHR21_LOSS;
    ok(env.run(&["profile", "add", "ana", "--role", "annotator"]));
    ok(env.run(&["profile", "add", "rev", "--role", "reviewer"]));
    // The first version holds Kasane's sections, proposed: nothing counts yet.
    let first = env.json(&["--as", "ana", "--json", "classify", "KSN-CNV", key, "--cnv"]);
    assert_eq!(first["ruleSet"], "riggs-2020-cnv");
    assert_eq!(first["points"], 0);
    let proposed: Vec<&str> = first["cnv"]["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(proposed, ["1A", "3C"]);
    refused(
        as_(&env, "rev", &["sign-off", "KSN-CNV", key, "--version", "1"]),
        3,
        "1A, 3C still proposed",
    );
    // Points outside the row's range, a section of the other table, and the other kind.
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify", "KSN-CNV", key, "--accept", "2C-1=1.5", "--reason", "x",
            ],
        ),
        3,
        "allows 0.45 to 1.00 points; 1.50 is outside",
    );
    refused(
        as_(
            &env,
            "ana",
            &[
                "classify", "KSN-CNV", key, "--accept", "2I=0.3", "--reason", "x",
            ],
        ),
        3,
        "2I is not a section of the loss table",
    );
    refused(
        as_(&env, "ana", &["classify", "KSN-CNV", key, "--oncogenicity"]),
        5,
        "classified with a CNV classification of Riggs 2020 sections",
    );
    // Later versions stay CNV ones without --cnv.
    let second = env.json(&[
        "--as", "ana", "--json", "classify", "KSN-CNV", key, "--accept", "1A", "3C",
    ]);
    assert_eq!(second["points"], 0.9);
    assert_eq!(second["class"], "likely-pathogenic");
    // The curator's section 4 points stand, said to be unchecked.
    let text = ok(as_(
        &env,
        "ana",
        &[
            "classify",
            "KSN-CNV",
            key,
            "--accept",
            "4O=-0.30",
            "--reason",
            "overlaps a population CNV in part",
            "--citation",
            "gnomAD-SV v4",
        ],
    ));
    assert!(
        text.contains(&format!(
            "{key} in case KSN-CNV, version 3: Uncertain significance (0.60 points; copy-number loss, Riggs 2020)"
        )),
        "{text}"
    );
    assert!(text.contains("4O -0.30"), "{text}");
    assert!(text.contains("[gnomAD-SV v4]"), "{text}");
    assert!(
        text.contains("note: 4O's -0.30 points are the curator's: this rule set holds no checked range for section 4O"),
        "{text}"
    );
    ok(as_(
        &env,
        "rev",
        &["sign-off", "KSN-CNV", key, "--version", "3"],
    ));
    let history = env.json(&["--json", "history", "KSN-CNV", key]);
    assert_eq!(history[0]["points"], 0.6);
    assert_eq!(history[0]["class"], "uncertain-significance");
    assert_eq!(history[0]["signOff"]["signedBy"], "rev");
    assert_eq!(history[0]["cnv"]["decisions"][2]["rangeChecked"], false);
}

#[test]
fn a_deletion_inside_one_gene_is_scored_2e_from_the_pvs1_tree() {
    let Some((env, cache)) = dock8_cache("dock8.kcache") else {
        return;
    };
    // chr9:271,000-272,000 takes DOCK8-201's exon 2 whole (CDS 271,627-271,729: 103 bases, out
    // of frame) with both breakpoints in the introns beside it.
    sv_case_annotated(
        &env,
        "KSN-2E",
        "chr9\t271000\tdel2\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;END=272000\tGT\t0/1",
        &cache,
    );
    let explained = env.json(&["--json", "explain", "KSN-2E", "chr9-271000-N-<DEL>"]);
    let pvs1 = proposal(&explained, "PVS1");
    assert_eq!(
        (pvs1["name"].as_str(), pvs1["state"].as_str()),
        (Some("PVS1"), Some("met")),
        "{pvs1}"
    );
    let cnv = &explained["cnv"];
    let sections: Vec<(&str, f64)> = cnv["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["code"].as_str().unwrap(), s["points"].as_f64().unwrap()))
        .collect();
    assert_eq!(sections, [("1A", 0.0), ("2E", 0.9), ("3A", 0.0)]);
    assert!(
        cnv["sections"][1]["reason"]
            .as_str()
            .unwrap()
            .starts_with("both breakpoints inside DOCK8 (intragenic): PVS1 by the PVS1 tree's deletion branch gives +0.90"),
        "{cnv}"
    );
    assert_eq!(cnv["class"], "likely-pathogenic");
    // A deletion wholly inside an intron is intragenic too, but the tree does not meet PVS1:
    // 2E is left to the curator with the reason.
    sv_case_annotated(
        &env,
        "KSN-2E-I",
        "chr9\t280000\tdel3\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;END=281000\tGT\t0/1",
        &cache,
    );
    let explained = env.json(&["--json", "explain", "KSN-2E-I", "chr9-280000-N-<DEL>"]);
    let notes = explained["cnv"]["notes"].to_string();
    assert!(
        notes.contains(
            "2E: both breakpoints inside DOCK8 (intragenic) and Kasane's PVS1 is not met"
        ),
        "{notes}"
    );
    assert!(
        !explained["cnv"]["sections"].to_string().contains("2E"),
        "{}",
        explained["cnv"]
    );
}

#[test]
fn a_canonical_splice_change_takes_ps1_from_a_pathogenic_variant_at_the_same_dinucleotide() {
    let (Some((genes, fasta)), Some(clinvar)) = (chr9_models(), path(CLINVAR)) else {
        return;
    };
    let env = Env::new();
    let knowledge = dock8_haploinsufficient(&env);
    // A TEST FIXTURE, not ClinVar's word: the shared ClinVar header with two made-up records
    // beside DOCK8-201's exon 5 donor (last exon base chr9:304,704): a Pathogenic +2 T>C and a
    // Likely pathogenic +3 A>G outside the dinucleotide.
    let header: String = std::fs::read_to_string(&clinvar)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let fixture = env.file(
        "clinvar_fixture.vcf",
        format!("{header}9\t304706\t900002\tT\tC\t.\t.\tALLELEID=2;CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Pathogenic;GENEINFO=DOCK8:81704\n\
9\t304707\t900003\tA\tG\t.\t.\tALLELEID=3;CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Likely_pathogenic;GENEINFO=DOCK8:81704\n").as_bytes(),
    );
    let cache = env
        .dir
        .path()
        .join("splice.kcache")
        .to_string_lossy()
        .into_owned();
    let knowledge = knowledge.to_string_lossy();
    ok(env.run(&[
        "cache",
        "build",
        "--out",
        &cache,
        "--genes",
        &genes,
        "--reference",
        &fasta,
        "--clinvar",
        &fixture,
        "--release",
        "genes=Ensembl 91",
        "--genome-build",
        "GRCh38",
        "--knowledge",
        &knowledge,
    ]));
    let vcf = env.file(
        "splice.vcf",
        b"##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr9,length=138394717>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n\
chr9\t304705\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n\
chr9\t304708\t.\tT\tC\t50\tPASS\t.\tGT\t0/1\n",
    );
    vcf_case_annotated(&env, "KSN-SPLICE", &vcf, Some(&fasta), &cache);
    let explained = env.json(&["--json", "explain", "KSN-SPLICE", "chr9-304705-G-A"]);
    assert_eq!(proposal(&explained, "PVS1")["name"], "PVS1");
    let ps1 = proposal(&explained, "PS1");
    assert_eq!(
        (ps1["name"].as_str(), ps1["state"].as_str()),
        (Some("PS1_Supporting"), Some("met")),
        "{ps1}"
    );
    let reason = ps1["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("c.528+1G>A on DOCK8 ENST00000432829.6 is at the same ±1,2 dinucleotide (c.528+1/c.528+2) as chr9-304706-T-C c.528+2T>C (ClinVar Pathogenic, 1★), and PVS1 is met as PVS1: Walker 2023 Table 2 gives PS1_Supporting beside PVS1 at full strength"),
        "{reason}"
    );
    assert_eq!(proposal(&explained, "PM5")["state"], "not-met");
    // +4 is outside the canonical sites: the splicing form of PS1 is the curator's.
    let outside = env.json(&["--json", "explain", "KSN-SPLICE", "chr9-304708-T-C"]);
    let ps1 = proposal(&outside, "PS1");
    assert_eq!(ps1["state"], "not-met", "{ps1}");
    assert!(
        ps1["reason"]
            .as_str()
            .unwrap()
            .contains("needs splice predictions"),
        "{ps1}"
    );
}

#[test]
fn an_inversion_breaking_a_gene_is_weighed_as_the_loss_of_what_it_separates_from_the_promoter() {
    let Some((env, cache)) = dock8_cache("inv.kcache") else {
        return;
    };
    // chr9:250,000-600,000 inverted: the cut at 250,000 lies in DOCK8-201's intron 1, after
    // the 53 coding bases of exon 1 (chr9:214,977-215,029); the other end is past the gene.
    sv_case_annotated(
        &env,
        "KSN-INV",
        "chr9\t250000\tinv1\tN\t<INV>\t50\tPASS\tSVTYPE=INV;END=600000\tGT\t0/1",
        &cache,
    );
    let explained = env.json(&["--json", "explain", "KSN-INV", "chr9-250000-N-<INV>"]);
    let pvs1 = proposal(&explained, "PVS1");
    assert_eq!(
        (pvs1["name"].as_str(), pvs1["state"].as_str()),
        (Some("PVS1_Strong"), Some("met")),
        "{pvs1}"
    );
    let reason = pvs1["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("a breakpoint breaks DOCK8 ENST00000432829.6 and separates 99."),
        "{reason}"
    );
    assert!(
        reason.contains("requires RNA or orthogonal confirmation"),
        "{reason}"
    );
    let path = pvs1["path"].to_string();
    assert!(path.contains("(breakpoints in intron 1)"), "{path}");
    assert!(
        path.contains("predicted loss-of-function allele (DOMAIN.md R-SV-004)"),
        "{path}"
    );
}

/// The BA1 exception list (Ghosh 2018) as `explain` reads it: HFE p.(Cys282Tyr), above 5 % in
/// a labelled fixture written in gnomAD v4's layout, is not BA1; the allele beside it at the
/// same frequency, not on the list, is.
#[test]
fn a_common_variant_on_the_ba1_exception_list_is_not_proposed_ba1() {
    let env = Env::new();
    let header = "##fileformat=VCFv4.2\n##source=kasane test fixture (not gnomAD data)\n\
##reference=GRCh38\n##contig=<ID=chr6,length=170805979>\n\
##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Alternate allele count\">\n\
##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of alleles\">\n\
##INFO=<ID=AF,Number=A,Type=Float,Description=\"Alternate allele frequency\">\n\
##INFO=<ID=nhomalt,Number=A,Type=Integer,Description=\"Homozygous individuals\">\n\
##INFO=<ID=grpmax,Number=A,Type=String,Description=\"Group with the maximum allele frequency\">\n\
##INFO=<ID=AF_grpmax,Number=A,Type=Float,Description=\"Maximum group allele frequency\">\n\
##INFO=<ID=AN_grpmax,Number=A,Type=Integer,Description=\"Alleles in that group\">\n\
##INFO=<ID=fafmax_faf95_max,Number=A,Type=Float,Description=\"Maximum filtering allele frequency\">\n\
##INFO=<ID=fafmax_faf95_max_gen_anc,Number=A,Type=String,Description=\"Its group\">\n\
##INFO=<ID=AC_nfe,Number=A,Type=Integer,Description=\"Alternate allele count, nfe\">\n\
##INFO=<ID=AN_nfe,Number=1,Type=Integer,Description=\"Total number of alleles, nfe\">\n\
##INFO=<ID=AF_nfe,Number=A,Type=Float,Description=\"Alternate allele frequency, nfe\">\n\
##INFO=<ID=nhomalt_nfe,Number=A,Type=Integer,Description=\"Homozygous individuals, nfe\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
    let info = "AC=600;AN=10000;AF=0.06;nhomalt=20;grpmax=nfe;AF_grpmax=0.07;AN_grpmax=8000;\
fafmax_faf95_max=0.065;fafmax_faf95_max_gen_anc=nfe;AC_nfe=560;AN_nfe=8000;AF_nfe=0.07;nhomalt_nfe=20";
    let gnomad = env.file(
        "fixture-gnomad.vcf",
        format!(
            "{header}chr6\t26092913\t.\tG\tA\t.\tPASS\t{info}\nchr6\t26092920\t.\tC\tT\t.\tPASS\t{info}\n"
        )
        .as_bytes(),
    );
    let cache = crate::annotate::build(
        &env,
        "ba1.kcache",
        &["--gnomad", &gnomad, "--release", "gnomad=fixture"],
    );
    let case_header = "##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr6,length=170805979>\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n";
    let vcf = env.file(
        "b1.vcf",
        format!(
            "{case_header}chr6\t26092913\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n\
chr6\t26092920\t.\tC\tT\t50\tPASS\t.\tGT\t0/1\n"
        )
        .as_bytes(),
    );
    vcf_case_annotated(&env, "KSN-B1", &vcf, None, &cache);

    let listed = env.json(&["--json", "explain", "KSN-B1", "chr6-26092913-G-A"]);
    let ba1 = proposal(&listed, "BA1");
    assert_eq!(ba1["state"], "not-met", "{ba1}");
    let reason = ba1["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("HFE NM_000410.3:c.845G>A p.(Cys282Tyr) (ClinVar variation 9) is on the ClinGen SVI BA1 exception list of 2018-07-30"),
        "{reason}"
    );
    assert!(
        reason.contains("0.065 in gnomad (grpmax FAF95 (nfe), AN 8000)"),
        "{reason}"
    );

    let beside = env.json(&["--json", "explain", "KSN-B1", "chr6-26092920-C-T"]);
    let ba1 = proposal(&beside, "BA1");
    assert_eq!(ba1["state"], "met", "{ba1}");
    assert!(
        ba1["reason"]
            .as_str()
            .unwrap()
            .contains("not on the ClinGen SVI BA1 exception list of 2018-07-30"),
        "{ba1}"
    );
}
