//! HGVS g. beside ClinVar's own (INFO/CLNHGVS) on the real ClinVar subsets in ../shared: every
//! GRCh38 chromosome's accession and every substitution exactly as ClinVar writes it; without
//! a reference, the deletions (which must move 3′) are left undescribed rather than guessed.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use kasane_annotate::genomic::hgvs_g;
use kasane_core::genome::GenomeBuild;

fn shared_file(relative: &str) -> Option<PathBuf> {
    // The directory cargo runs the test in, not the one it was compiled in: a target dir
    // shared between clones would otherwise look in the other clone's folder.
    let path = std::env::current_dir()
        .expect("cargo runs tests in the package directory")
        .join("../../../shared/data/public")
        .join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {} is missing",
        path.display()
    );
    eprintln!("skipping: {} not found", path.display());
    None
}

/// (described like ClinVar, left undescribed) over one ClinVar VCF.
fn compare(relative: &str, build: GenomeBuild) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(shared_file(relative)?).unwrap();
    let (mut same, mut undescribed) = (0, 0);
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let clinvar = f[7]
            .split(';')
            .find_map(|kv| kv.strip_prefix("CLNHGVS="))
            .unwrap();
        let accession = build.refseq_accession(f[0]).unwrap();
        let prefix = if f[0] == "MT" { "m" } else { "g" };
        assert!(
            clinvar.starts_with(&format!("{accession}:{prefix}.")),
            "{line}"
        );
        let pos = f[1].parse().unwrap();
        match hgvs_g(&accession, f[0], pos, f[3], f[4], None).unwrap() {
            Some(ours) => {
                assert_eq!(ours, clinvar, "{line}");
                same += 1;
            }
            None => {
                assert_ne!(f[3].len(), f[4].len(), "{line}");
                undescribed += 1;
            }
        }
    }
    Some((same, undescribed))
}

#[test]
fn substitutions_match_clinvar_and_every_grch38_chromosome_has_its_accession() {
    let Some(grch38) = compare(
        "annotation/clinvar/clinvar_20211025_native_GRCh38.recsA_25.vcf",
        GenomeBuild::Grch38,
    ) else {
        return;
    };
    // 1–22, X, Y and MT, one record each: 21 substitutions, four deletions.
    assert_eq!(grch38, (21, 4));
    let grch37 = compare(
        "annotation/clinvar/clinvar_20210302_10_records.GRCh37.vcf",
        GenomeBuild::Grch37,
    );
    assert_eq!(grch37, Some((10, 0)));
}
