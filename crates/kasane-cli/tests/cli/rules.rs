//! `kasane rules`: the classification calculator (answered without a workspace), and the rule sets
//! a workspace adds.

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

use crate::stderr;

/// Runs `kasane ARGS` with a workspace folder that does not exist, to show none is needed.
fn rules(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("kasane")
        .unwrap()
        .args(args)
        .env("KASANE_WORKSPACE", dir.path().join("absent"))
        .output()
        .unwrap()
}

#[test]
fn score_prints_points_both_classes_and_the_rule_set() {
    let out = rules(&["rules", "score", "PVS1", "PM2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("rule set    clingen-svi-points-2020 1.1.0\n"),
        "{text}"
    );
    assert!(
        text.contains("  PM2_Supporting    +1  supporting\n"),
        "{text}"
    );
    assert!(text.contains("points      9\n"), "{text}");
    assert!(
        text.contains(
            "class       Likely pathogenic  (points; P ≥ 10, LP 6–9, VUS 0–5, LB -1…-6, B ≤ -7)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("2015 rules  Uncertain significance  (differs)\n"),
        "{text}"
    );
}

#[test]
fn score_as_json_names_the_rule_set_version_and_each_criterion() {
    let out = rules(&[
        "--json",
        "rules",
        "score",
        "--rule-set",
        "acgs-2020",
        "BS1",
        "BP4_Moderate",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ruleSet"], "acgs-2020");
    assert_eq!(json["ruleSetVersion"], "1.1.0");
    assert_eq!(json["points"], -6);
    assert_eq!(json["pointsClass"], "benign");
    assert_eq!(json["rules2015Class"], "likely-benign");
    assert_eq!(json["agree"], false);
    assert_eq!(json["criteria"][1]["name"], "BP4_Moderate");
    assert_eq!(json["criteria"][1]["points"], -2);
}

#[test]
fn forbidden_codes_and_unknown_rule_sets_are_refused_with_the_reason() {
    let out = rules(&["rules", "score", "PVS1", "PM4"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("PVS1 and PM4 cannot be applied together"),
        "{}",
        stderr(&out)
    );
    let out = rules(&["rules", "score", "PP5"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("PP5 is disabled in the rule set clingen-svi-points-2020"));
    let out = rules(&["rules", "score", "PS3_Huge"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("the strength after _ must be"));
    let out = rules(&["rules", "score", "--rule-set", "vcep-x", "PVS1"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("the rule sets are clingen-svi-points-2020, acgs-2020"));
    let out = rules(&["rules", "score"]);
    assert_eq!(out.status.code(), Some(2), "a code is required");
}

#[test]
fn list_shows_each_rule_set_with_its_bands() {
    let out = rules(&["rules", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("clingen-svi-points-2020 1.1.0  (default)\n"),
        "{text}"
    );
    assert!(text.contains("acgs-2020 1.1.0\n"), "{text}");
    assert!(
        text.contains("  bands:  P ≥ 10, LP 6–9, VUS 0–5, LB -1…-5, B ≤ -6\n"),
        "{text}"
    );
}

#[test]
fn oncogenicity_codes_are_scored_with_horak_points_and_bands() {
    let out = rules(&["rules", "oncogenicity", "OVS1", "OM2", "OP4"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("rule set    horak-2022-oncogenicity 1.1.0\n"),
        "{text}"
    );
    assert!(text.contains("points      11\n"), "{text}");
    assert!(
        text.contains("class       Oncogenic  (O ≥ 10, LO 6–9, VUS 0–5, LB -1…-6, B ≤ -7)"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&rules(&["--json", "rules", "oncogenicity", "SBS1", "SBP2"]).stdout)
            .unwrap();
    assert_eq!(
        (json["points"].as_i64(), json["class"].as_str()),
        (Some(-5), Some("likely-benign"))
    );
    let hotspots = rules(&["rules", "oncogenicity", "OS3", "OM3"]);
    assert_eq!(hotspots.status.code(), Some(3));
    assert!(
        stderr(&hotspots).contains("one hotspot code only"),
        "{}",
        stderr(&hotspots)
    );
}

#[test]
fn a_tier_is_given_per_tumour_type_with_japanese_levels_beside_it() {
    let out = rules(&[
        "rules",
        "tier",
        "--tumour",
        "NSCLC",
        "A:therapeutic:Melanoma",
        "ja:R:therapeutic:NSCLC",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "Tier II in NSCLC: level A therapeutic evidence in Melanoma, which counts as level C in NSCLC (Li 2017: approved for another tumour type)\n\
Japanese level R (predicts resistance), therapeutic in NSCLC: listed, not converted to an AMP tier\n"
    );
    let benign = rules(&[
        "--json",
        "rules",
        "tier",
        "--tumour",
        "CRC",
        "--benign",
        "A:therapeutic:CRC",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&benign.stdout).unwrap();
    assert_eq!(json["tier"], "IV");
    let bad = rules(&["rules", "tier", "--tumour", "NSCLC", "A:curative:NSCLC"]);
    assert_eq!(bad.status.code(), Some(3));
    assert!(stderr(&bad).contains("[amp:|ja:]LEVEL:KIND:TUMOUR"));
}

#[test]
fn a_vcep_rule_set_is_listed_with_its_genes_and_refuses_the_codes_it_leaves_out() {
    let out = rules(&["rules", "list"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("clingen-lsd-vcep-gaa-v2 1.4.0\n"), "{text}");
    assert!(
        text.contains("  computational (REVEL): PP3 from: not encoded, BP4 below 0.5\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  population: BA1 above 0.01, BS1 above 0.005, PM2 below 0.001, groups of at least 2001 alleles\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  PVS1 table on NM_000152.5 / ENST00000302262.8: a premature stop before codon 916 → PVS1; a premature stop from codon 916 on, escaping decay → PVS1_Moderate; loss of exons 2, 8, 10, 18 → PVS1; loss of exons 6, 9 → PVS1_Strong; loss of exons 17, 19, 20 → PVS1_Moderate; an initiation codon change → PVS1_Strong\n"),
        "{text}"
    );
    assert!(
        text.contains("  chosen for variants of GAA\n  not used: PS2, BS4, BP1, BP3, BP5, BP6\n"),
        "{text}"
    );
    let refused = rules(&[
        "rules",
        "score",
        "--rule-set",
        "clingen-lsd-vcep-gaa-v2",
        "PVS1",
        "BP3",
    ]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).contains("BP3 is not used by clingen-lsd-vcep-gaa-v2"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn a_patients_findings_are_added_up_by_the_gaa_pp4_table() {
    let listed = String::from_utf8(rules(&["rules", "list"]).stdout).unwrap();
    assert!(
        listed.contains("  PP4 phenotype points (PP4_Moderate from 2 points, PP4 from 1 point):\n    deficient-activity     2     Deficient GAA activity"),
        "{listed}"
    );
    assert!(
        listed.contains(
            "    muscle-mri             0.25  Muscle MRI shows evidence of Pompe disease\n"
        ),
        "{listed}"
    );
    let gaa = [
        "rules",
        "phenotype",
        "--rule-set",
        "clingen-lsd-vcep-gaa-v2",
    ];
    let out = rules(&[&gaa[..], &["iopd", "urinary-glc4", "muscle-histology"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("rule set    clingen-lsd-vcep-gaa-v2 1.4.0\n  iopd                   1     Infantile-onset Pompe disease"),
        "{text}"
    );
    assert!(
        text.contains("\npoints      1.5\ncode        PP4\n"),
        "{text}"
    );
    assert!(
        text.contains("\ncheck       Table 4 ends with the cases where PP4 is not applied"),
        "{text}"
    );
    let json = rules(&[&["--json"][..], &gaa[..], &["deficient-activity", "ert"]].concat());
    assert!(json.status.success(), "{}", stderr(&json));
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["points"], 3.0);
    assert_eq!(json["code"], "PP4_Moderate");
    assert_eq!(
        json["reason"],
        "clingen-lsd-vcep-gaa-v2 1.4.0 phenotype points 3 (deficient-activity 2, ert 1): PP4_Moderate, reached from 2 points"
    );
    let below = rules(&[&gaa[..], &["newborn-screening"]].concat());
    assert!(
        String::from_utf8(below.stdout)
            .unwrap()
            .contains("\ncode        none\n")
    );
    let unknown = rules(&[&gaa[..], &["cardiomegaly"]].concat());
    assert_eq!(unknown.status.code(), Some(3));
    assert!(
        stderr(&unknown).contains("\"cardiomegaly\" is not a finding of the clingen-lsd-vcep-gaa-v2 1.4.0 phenotype table; its findings are deficient-activity, iopd, crim, ert"),
        "{}",
        stderr(&unknown)
    );
    let no_table = rules(&["rules", "phenotype", "--rule-set", "acgs-2020", "iopd"]);
    assert_eq!(no_table.status.code(), Some(3));
    assert!(stderr(&no_table).contains("acgs-2020 1.1.0 has no phenotype points table"));
}

#[test]
fn the_credible_frequency_of_a_dominant_disorder_gives_the_tolerated_allele_count() {
    let args = [
        "rules",
        "credible-af",
        "--inheritance",
        "dominant",
        "--prevalence",
        "1/500",
        "--allelic-contribution",
        "0.02",
        "--penetrance",
        "0.5",
    ];
    let out = rules(&[&args[..], &["--allele-number", "121412"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("maximum credible allele frequency  4.000e-5\n"),
        "{text}"
    );
    assert!(
        text.contains("allele number 121412: 4.86 alleles expected; at most 9 credible"),
        "{text}"
    );
    let json = rules(&[&["--json"], &args[..]].concat());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["maxToleratedAc"], serde_json::Value::Null);
    let recessive = rules(&[&args[..2], &["--inheritance", "recessive"], &args[4..]].concat());
    assert_eq!(recessive.status.code(), Some(3));
    assert!(stderr(&recessive).contains("recessive formula is not built in"));
    let unreadable = rules(&[&args[..5], &["1 in 500"], &args[6..]].concat());
    assert_eq!(unreadable.status.code(), Some(3));
    assert!(stderr(&unreadable).contains("prevalence `1 in 500` is not a number"));
}

#[test]
fn a_workspace_adds_a_panels_rule_set_checked_recorded_and_guarded_against_edits() {
    let env = crate::Env::new();
    // A panel's own specification for CDH1: a TEST FIXTURE made from the built-in GAA file,
    // not a ClinGen specification.
    let gaa = std::fs::read_to_string(
        crate::repository().join("assets/rules/clingen-lsd-vcep-gaa-v2.json"),
    )
    .unwrap();
    let panel = gaa
        .lines()
        .map(|l| match l.trim_start().starts_with("\"version\"") {
            true => "  \"version\": \"3.0.0\",",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace("clingen-lsd-vcep-gaa-v2", "panel-cdh1")
        .replace("\"GAA\"", "\"CDH1\"");
    use crate::review::{ok, refused};
    // Out of range: refused with the file and the line, nothing copied in.
    let broken = panel.replace("\"ba1_above\": 0.01", "\"ba1_above\": 1.5");
    let line = broken
        .lines()
        .position(|l| l.contains("\"population\""))
        .unwrap()
        + 1;
    let broken_file = env.file("broken.json", broken.as_bytes());
    refused(
        env.run(&["rules", "add", &broken_file]),
        3,
        &format!(
            "the rule set broken.json cannot be read: line {line}: its population thresholds are out of range"
        ),
    );
    assert!(!env.workspace().join("rule-sets/broken.json").exists());

    let file = env.file("panel-cdh1.json", panel.as_bytes());
    let added = ok(env.run(&["--as", "dr-sato", "rules", "add", &file]));
    assert!(
        added.starts_with("added rule set panel-cdh1 3.0.0 (panel-cdh1.json, sha256 "),
        "{added}"
    );
    let listed = ok(env.run(&["rules", "list"]));
    assert!(listed.contains("panel-cdh1 3.0.0\n"), "{listed}");
    assert!(
        listed.contains("  added to this workspace by dr-sato on "),
        "{listed}"
    );
    assert!(
        listed.contains("  chosen for variants of CDH1\n"),
        "{listed}"
    );
    let json = env.json(&["--json", "rules", "list"]);
    let listed_panel = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "panel-cdh1")
        .unwrap()
        .clone();
    assert_eq!(listed_panel["added"]["addedBy"], "dr-sato");
    refused(
        env.run(&["rules", "score", "--rule-set", "panel-cdh1", "PS2"]),
        3,
        "PS2 is not used by panel-cdh1",
    );
    // The same file again, or another file taking the name: refused.
    refused(
        env.run(&["rules", "add", &file]),
        5,
        "already in this workspace",
    );
    let renamed = env.file("second.json", panel.as_bytes());
    refused(
        env.run(&["rules", "add", &renamed]),
        3,
        "the name panel-cdh1 is taken",
    );
    let somatic_name = env.file(
        "horak.json",
        panel
            .replace("panel-cdh1", "horak-2022-oncogenicity")
            .replace("\"CDH1\"", "\"KIT\"")
            .as_bytes(),
    );
    refused(
        env.run(&["rules", "add", &somatic_name]),
        3,
        "belongs to one of Kasane's own rule files",
    );
    let audit = ok(env.run(&["audit"]));
    assert!(audit.contains("rule-set.added"), "{audit}");

    // Edited in the workspace folder after it was added: every use refuses it.
    let copied = env.workspace().join("rule-sets/panel-cdh1.json");
    std::fs::write(
        &copied,
        panel.replace("\"pm2_below\": 0.001", "\"pm2_below\": 0.002"),
    )
    .unwrap();
    refused(
        env.run(&["rules", "list"]),
        5,
        "changed after dr-sato added it",
    );
}

#[test]
fn the_ba1_exception_list_is_printed_with_both_builds_and_as_json() {
    let out = rules(&["rules", "ba1-exceptions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("ClinGen SVI BA1 exception list 2018-07-30\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "HFE\tNM_000410.3:c.845G>A p.(Cys282Tyr)\t9\tCA113795\tchr6-26093141-G-A\tchr6-26092913-G-A\n"
        ),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&rules(&["--json", "rules", "ba1-exceptions"]).stdout).unwrap();
    assert_eq!(json["variants"].as_array().map(Vec::len), Some(9));
    assert_eq!(json["variants"][0]["grch38"], "chr3-128879647-C-CTAAG");
}
