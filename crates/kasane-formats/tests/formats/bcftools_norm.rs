//! Kasane's split + normalisation against `bcftools norm -m-any -f REF` (Debian bcftools 1.16) on
//! generated records in a repeat-rich reference: every allele must come out identical.

use std::path::Path;
use std::process::Command;

use kasane_core::{CancelToken, NoProgress};
use kasane_formats::reference::ReferenceGenome;
use kasane_formats::variants::{ReadOptions, read_variant_file};

use crate::common::peer_tool;

/// A small xorshift generator, so the test input is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn base(&mut self) -> u8 {
        b"ACGT"[self.below(4)]
    }
}

/// A reference of random stretches, homopolymers and di-/trinucleotide repeats.
fn repeat_rich_reference(rng: &mut Rng, length: usize) -> Vec<u8> {
    let mut seq = Vec::with_capacity(length + 64);
    while seq.len() < length {
        match rng.below(4) {
            0 => (0..rng.below(20) + 5).for_each(|_| seq.push(rng.base())),
            1 => {
                let b = rng.base();
                (0..rng.below(8) + 3).for_each(|_| seq.push(b));
            }
            k => {
                let unit: Vec<u8> = (0..k).map(|_| rng.base()).collect();
                (0..rng.below(5) + 2).for_each(|_| seq.extend_from_slice(&unit));
            }
        }
    }
    seq.truncate(length);
    seq
}

/// One ALT for REF: a substitution, a deletion, an insertion of nearby sequence, or a delins.
fn alternate(rng: &mut Rng, reference: &[u8], context: &[u8]) -> Vec<u8> {
    let r = reference.len();
    match rng.below(4) {
        0 => {
            let mut alt = reference.to_vec();
            let i = rng.below(r);
            alt[i] = b"ACGT"
                .iter()
                .copied()
                .find(|&b| b != alt[i])
                .unwrap_or(b'A');
            alt
        }
        1 if r >= 2 => {
            let from = 1 + rng.below(r - 1);
            let to = from + 1 + rng.below(r - from);
            [&reference[..from], &reference[to..]].concat()
        }
        2 => {
            let at = 1 + rng.below(r);
            let len = 1 + rng.below(4);
            let start = rng.below(context.len().saturating_sub(len).max(1));
            let inserted = &context[start..(start + len).min(context.len())];
            [&reference[..at], inserted, &reference[at..]].concat()
        }
        _ => {
            let len = 1 + rng.below(4);
            let mut alt = vec![reference[0]];
            alt.extend((0..len).map(|_| rng.base()));
            alt
        }
    }
}

/// Writes the FASTA (+ .fai) and a VCF of `records` multi-allelic records; returns the VCF.
fn generate(dir: &Path, records: usize) -> std::path::PathBuf {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let length = 20_000;
    let seq = repeat_rich_reference(&mut rng, length);
    let fasta = format!(">chr1\n{}\n", String::from_utf8_lossy(&seq));
    std::fs::write(dir.join("ref.fa"), fasta).unwrap();
    std::fs::write(
        dir.join("ref.fa.fai"),
        format!("chr1\t{length}\t6\t{length}\t{}\n", length + 1),
    )
    .unwrap();
    let mut vcf = String::from(
        "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=20000>\n\
         ##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
         #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n",
    );
    let mut pos = 30;
    for i in 0..records {
        pos += 1 + rng.below((length - 100) / records * 2);
        if pos >= length - 40 {
            break;
        }
        let r = 1 + rng.below(6);
        let reference = &seq[pos - 1..pos - 1 + r];
        let context = &seq[pos.saturating_sub(10)..pos + 20];
        let mut alts: Vec<Vec<u8>> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let alt = alternate(&mut rng, reference, context);
            if alt != reference && !alt.is_empty() && !alts.contains(&alt) {
                alts.push(alt);
            }
        }
        if alts.is_empty() {
            continue;
        }
        let alts: Vec<String> = alts
            .iter()
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        vcf.push_str(&format!(
            "chr1\t{pos}\tv{i}\t{}\t{}\t.\t.\t.\tGT\t0/1\n",
            String::from_utf8_lossy(reference),
            alts.join(",")
        ));
    }
    let path = dir.join("generated.vcf");
    std::fs::write(&path, vcf).unwrap();
    path
}

#[test]
fn split_and_left_alignment_match_bcftools_norm() {
    if !peer_tool("bcftools") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let vcf = generate(dir.path(), 1500);
    let output = Command::new("bcftools")
        .args(["norm", "-m-any", "-f"])
        .arg(dir.path().join("ref.fa"))
        .arg(&vcf)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut expected: Vec<(u64, String, String)> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[1].parse().unwrap(), f[3].to_string(), f[4].to_string())
        })
        .collect();
    expected.sort();

    let mut reference = ReferenceGenome::open(&dir.path().join("ref.fa")).unwrap();
    let mut found = Vec::new();
    let summary = read_variant_file(
        &vcf,
        ReadOptions {
            reference: Some(&mut reference),
            ..ReadOptions::default()
        },
        &mut |a| found.push((a.pos.get(), a.reference.clone(), a.alternate.clone())),
        &NoProgress,
        &CancelToken::new(),
    )
    .unwrap();
    found.sort();
    assert!(
        summary.multiallelic_records > 300,
        "the input exercises splitting"
    );
    assert!(
        summary.realigned > 300,
        "the input exercises left-alignment"
    );
    assert_eq!(found.len(), expected.len());
    let differences: Vec<_> = found
        .iter()
        .zip(&expected)
        .filter(|(k, b)| k != b)
        .take(5)
        .collect();
    assert!(
        differences.is_empty(),
        "kasane vs bcftools: {differences:?}"
    );
}

#[test]
fn a_bcf_reads_exactly_like_the_vcf_it_was_made_from() {
    if !peer_tool("bcftools") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let vcf = generate(dir.path(), 300);
    let bcf = dir.path().join("generated.bcf");
    let status = Command::new("bcftools")
        .args(["view", "-Ob", "-o"])
        .arg(&bcf)
        .arg(&vcf)
        .status()
        .unwrap();
    assert!(status.success());
    let read_all = |path: &Path| {
        let mut reference = ReferenceGenome::open(&dir.path().join("ref.fa")).unwrap();
        let mut alleles = Vec::new();
        read_variant_file(
            path,
            ReadOptions {
                reference: Some(&mut reference),
                ..ReadOptions::default()
            },
            &mut |a| alleles.push(a),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap();
        alleles
    };
    let from_vcf = read_all(&vcf);
    assert!(from_vcf.len() > 300);
    assert_eq!(read_all(&bcf), from_vcf);
}
