//! Conformance of Kasane's population proposals on real public data: every allele of the shared
//! GRCh38 ClinVar subset and of both gnomAD v4 slices, imported as one case, annotated from a
//! cache of those files and explained one by one. Whatever the alleles are, the rules'
//! invariants must hold for each (DOMAIN.md R-ACMG-003, R-ACMG-004, P1).

use crate::annotate::{CLINVAR, EXOMES, build, path};
use crate::cache::GENOMES;
use crate::{Env, stderr};

/// An allele as `(contig, pos, ref, alt)` with `chr` names.
type Allele = (String, String, String, String);

/// The data lines of a VCF (plain or bgzipped) as alleles with their INFO/AC when it has one.
fn alleles(file: &str) -> Vec<(Allele, Option<u64>)> {
    let bytes = std::fs::read(file).unwrap();
    let text = if file.ends_with(".bgz") || file.ends_with(".gz") {
        use std::io::Read;
        let mut out = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut out)
            .unwrap();
        out
    } else {
        String::from_utf8(bytes).unwrap()
    };
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let contig = if f[0].starts_with("chr") {
                f[0].to_string()
            } else {
                format!("chr{}", f[0])
            };
            let ac = f[7]
                .split(';')
                .find_map(|kv| kv.strip_prefix("AC="))
                .and_then(|v| v.parse().ok());
            (
                (contig, f[1].to_string(), f[3].to_string(), f[4].to_string()),
                ac,
            )
        })
        .collect()
}

#[test]
fn population_proposals_keep_their_invariants_on_every_shared_clinvar_and_gnomad_allele() {
    let (Some(clinvar), Some(exomes), Some(genomes)) = (path(CLINVAR), path(EXOMES), path(GENOMES))
    else {
        return;
    };
    let env = Env::new();
    let cache = build(
        &env,
        "real.kcache",
        &[
            "--clinvar",
            &clinvar,
            "--gnomad",
            &exomes,
            "--gnomad",
            &genomes,
        ],
    );
    let mut records: Vec<Allele> = Vec::new();
    // Alleles gnomAD observed: a site with AC=0 (all its genotypes filtered) is not an observation.
    let mut observed_keys: Vec<String> = Vec::new();
    for file in [&clinvar, &exomes, &genomes] {
        let gnomad = file != &clinvar;
        for (allele, ac) in alleles(file) {
            if allele.3.contains(['<', '[', ']', '.']) {
                continue;
            }
            let key = format!("{}-{}-{}-{}", allele.0, allele.1, allele.2, allele.3);
            if gnomad && ac.is_some_and(|ac| ac > 0) && !observed_keys.contains(&key) {
                observed_keys.push(key);
            }
            if !records.contains(&allele) {
                records.push(allele);
            }
        }
    }
    records.sort_by(|a, b| {
        (a.0.as_str(), a.1.parse::<u64>().unwrap_or(0))
            .cmp(&(b.0.as_str(), b.1.parse::<u64>().unwrap_or(0)))
    });
    let mut contigs: Vec<&str> = records.iter().map(|r| r.0.as_str()).collect();
    contigs.dedup();
    let mut vcf = String::from("##fileformat=VCFv4.2\n##reference=GRCh38\n");
    for contig in &contigs {
        vcf.push_str(&format!("##contig=<ID={contig}>\n"));
    }
    vcf.push_str("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT\n");
    for (contig, pos, r, a) in &records {
        vcf.push_str(&format!(
            "{contig}\t{pos}\t.\t{r}\t{a}\t50\tPASS\t.\tGT\t0/1\n"
        ));
    }
    let file = env.file("real.vcf", vcf.as_bytes());
    assert!(
        env.run(&["case", "new", "KSN-REAL", "--consent", "consented"])
            .status
            .success()
    );
    assert!(
        env.run(&["case", "add-file", "KSN-REAL", "--kind", "wgs-vcf", &file])
            .status
            .success()
    );
    let imported = env.run(&["case", "import", "KSN-REAL"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let annotated = env.run(&["case", "annotate", "KSN-REAL", "--cache", &cache]);
    assert!(annotated.status.success(), "{}", stderr(&annotated));
    let listed = env.json(&[
        "--json",
        "variants",
        "KSN-REAL",
        "--all",
        "--columns",
        "key",
    ]);
    let keys: Vec<String> = listed["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(keys.len(), records.len(), "every allele imported");

    let (mut pm2_met, mut seen, mut ba1_met) = (0, 0, 0);
    for key in &keys {
        let e = env.json(&["--json", "explain", "KSN-REAL", key]);
        let proposals = e["proposals"].as_array().unwrap();
        let find = |code: &str| {
            proposals
                .iter()
                .find(|p| p["applied"]["criterion"] == code)
                .unwrap_or_else(|| panic!("{key}: {code} missing"))
        };
        for p in proposals {
            assert!(
                !p["reason"].as_str().unwrap_or_default().is_empty(),
                "{key}: a proposal without its reason"
            );
        }
        let evidence = find("BA1")["evidence"].as_array().unwrap().clone();
        let observed = evidence
            .iter()
            .any(|f| f["value"].as_f64().is_some_and(|v| v > 0.0));
        let above = evidence.iter().any(|f| {
            f["value"].as_f64().is_some_and(|v| v > 0.05)
                && f["alleleNumber"].as_i64().is_some_and(|an| an >= 2000)
        });
        // BA1 holds exactly when a source with enough alleles is above 5 %, and then nothing
        // scores above Benign.
        assert_eq!(
            find("BA1")["state"] == "met",
            above,
            "{key}: {}",
            find("BA1")
        );
        if above {
            ba1_met += 1;
            assert_eq!(e["ifAccepted"]["pointsClass"], "benign", "{key}");
        }
        // An allele gnomAD observed is never proposed as absent, and one it did not is.
        assert_eq!(observed, observed_keys.contains(key), "{key}: {evidence:?}");
        if observed {
            seen += 1;
            assert_ne!(find("PM2")["state"], "met", "{key}: {}", find("PM2"));
        } else {
            assert_eq!(find("PM2")["state"], "met", "{key}: {}", find("PM2"));
        }
        if find("PM2")["state"] == "met" {
            pm2_met += 1;
        }
    }
    eprintln!(
        "{} alleles explained: {seen} seen in gnomAD (PM2 never met), {pm2_met} proposed PM2_Supporting, {ba1_met} BA1",
        keys.len()
    );
    assert_eq!(
        seen,
        observed_keys.len(),
        "every allele gnomAD observed was read"
    );
    assert_eq!(pm2_met + seen, keys.len());
}
