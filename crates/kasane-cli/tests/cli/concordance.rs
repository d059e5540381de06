//! Kasane's consequences beside bcftools csq's (the Debian package, an independent annotator),
//! on every single-base substitution a real transcript can carry: each coding base and the
//! ten bases either side of each exon boundary of ABCA10-201 (issue 5, item 6).

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use crate::{Env, shared_file, stderr};

const GENES: &str = "annotation/genes/ABCA10_chr17_69147115-69327244.slice.gff3";
const FASTA: &str = "annotation/reference/ABCA10_chr17_69147115-69327244.GRCh38.fa";
const CSQ_FIELDS: usize = 19;

/// Whether a peer tool runs here; under CI=true its absence is a failure.
fn peer_tool(name: &str) -> bool {
    let found = Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {name} is not installed; scripts/lib.sh installs it"
        );
        eprintln!("skipping: {name} is not installed");
    }
    found
}

/// Per (position, ALT): the consequence terms (without `intron`, which bcftools leaves out
/// beside `splice_region`; a plain intronic variant is left out on both sides) and the amino
/// acid change, in bcftools' spelling (`5F>5C`, `278S`).
type Calls = BTreeMap<(u64, String), (BTreeSet<String>, Option<String>)>;

fn info<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.split('\t')
        .nth(7)?
        .split(';')
        .find_map(|f| f.strip_prefix(key)?.strip_prefix('='))
}

fn site(line: &str) -> (u64, String) {
    let f: Vec<&str> = line.split('\t').collect();
    (f[1].parse().unwrap(), f[4].to_string())
}

/// bcftools may write one transcript's consequences as several entries (`splice_region` and
/// `synonymous` apart); they are joined.
fn bcftools_calls(vcf: &str) -> Calls {
    vcf.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let mut terms = BTreeSet::new();
            let mut change = None;
            for entry in info(line, "BCSQ")?.split(',') {
                let parts: Vec<&str> = entry.split('|').collect();
                if parts.get(2) != Some(&"ENST00000269081") {
                    continue;
                }
                terms.extend(
                    parts[0]
                        .split('&')
                        .filter(|t| *t != "intron")
                        .map(str::to_string),
                );
                if let Some(aa) = parts.get(5) {
                    change = Some(aa.to_string());
                }
            }
            (!terms.is_empty()).then(|| (site(line), (terms, change)))
        })
        .collect()
}

fn kasane_calls(vcf: &str) -> Calls {
    vcf.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let entry = info(line, "CSQ")?
                .split(',')
                .map(|e| e.split('|').collect::<Vec<_>>())
                .find(|p| p.len() == CSQ_FIELDS && p[6].starts_with("ENST00000269081."))?;
            let terms = entry[1]
                .split('&')
                .map(|t| t.trim_end_matches("_variant").to_ascii_lowercase())
                .filter(|t| t != "intron")
                .collect();
            let change = (!entry[14].is_empty()).then(|| {
                let (position, amino_acids) = (entry[14], entry[15]);
                match amino_acids.split_once('/') {
                    Some((from, to)) => format!("{position}{from}>{position}{to}"),
                    None => format!("{position}{amino_acids}"),
                }
            });
            let terms: BTreeSet<String> = terms;
            (!terms.is_empty()).then(|| (site(line), (terms, change)))
        })
        .collect()
}

#[test]
fn every_abca10_substitution_agrees_with_bcftools_csq() {
    let (Some(genes), Some(fasta)) = (shared_file(GENES), shared_file(FASTA)) else {
        return;
    };
    if !peer_tool("bcftools") {
        return;
    }
    let env = Env::new();
    let cache = env
        .dir
        .path()
        .join("abca10.kcache")
        .to_string_lossy()
        .into_owned();
    let built = env.run(&[
        "cache",
        "build",
        "--out",
        &cache,
        "--genes",
        &genes.to_string_lossy(),
        "--reference",
        &fasta.to_string_lossy(),
        "--release",
        "genes=Ensembl",
        "--genome-build",
        "GRCh38",
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    let model = env.json(&["--json", "cache", "transcript", &cache, "ENST00000269081"]);
    let transcript = &model[0]["transcript"];
    let span = |v: &serde_json::Value| (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
    let exons: Vec<(u64, u64)> = transcript["exons"]
        .as_array()
        .unwrap()
        .iter()
        .map(span)
        .collect();
    let mut positions = BTreeSet::new();
    for part in transcript["coding"].as_array().unwrap() {
        let (start, end) = span(&part["interval"]);
        positions.extend(start..=end);
    }
    for &(start, end) in &exons {
        for boundary in [start, end] {
            positions.extend(boundary - 10..=boundary + 10);
        }
    }
    let text = std::fs::read_to_string(&fasta).unwrap();
    let bases: Vec<u8> = text
        .lines()
        .filter(|l| !l.starts_with('>'))
        .flat_map(|l| l.trim().bytes())
        .collect();
    let mut vcf = String::from(
        "##fileformat=VCFv4.2\n##contig=<ID=17,length=180130>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n",
    );
    for &pos in &positions {
        let reference = bases[pos as usize - 1].to_ascii_uppercase();
        for alternate in *b"ACGT" {
            if alternate != reference && reference != b'N' {
                vcf.push_str(&format!(
                    "17\t{pos}\t.\t{}\t{}\t.\t.\t.\n",
                    reference as char, alternate as char
                ));
            }
        }
    }
    let input = env.file("every.vcf", vcf.as_bytes());
    let peer = Command::new("bcftools")
        .args([
            "csq",
            "-l",
            "-f",
            &fasta.to_string_lossy(),
            "-g",
            &genes.to_string_lossy(),
            &input,
        ])
        .output()
        .unwrap();
    assert!(
        peer.status.success(),
        "{}",
        String::from_utf8_lossy(&peer.stderr)
    );
    let theirs = bcftools_calls(&String::from_utf8_lossy(&peer.stdout));
    let output = env
        .dir
        .path()
        .join("kasane.vcf")
        .to_string_lossy()
        .into_owned();
    let annotated = env.run(&["annotate-vcf", &input, "--cache", &cache, "-o", &output]);
    assert!(annotated.status.success(), "{}", stderr(&annotated));
    let ours = kasane_calls(&std::fs::read_to_string(&output).unwrap());

    let mut agree = 0;
    for (site, theirs) in &theirs {
        let ours = ours
            .get(site)
            .unwrap_or_else(|| panic!("{site:?}: no Kasane entry"));
        // bcftools leaves the amino acid change out of some entries (a start loss on the
        // reverse strand); the change is compared where it gives one.
        assert_eq!(ours.0, theirs.0, "{site:?}: terms, Kasane then bcftools");
        if theirs.1.is_some() {
            assert_eq!(
                ours.1, theirs.1,
                "{site:?}: amino acids, Kasane then bcftools"
            );
        }
        agree += 1;
    }
    let pairs = theirs.len();
    eprintln!(
        "bcftools csq concordance on ABCA10-201: {agree}/{pairs} transcript–variant pairs identical"
    );
    assert!(pairs > 16_000, "{pairs} transcript–variant pairs compared");
    assert_eq!(
        ours.len(),
        pairs,
        "Kasane and bcftools describe the same variants"
    );
}
