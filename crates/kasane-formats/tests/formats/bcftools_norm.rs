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

/// The reference of a generated test: its length, how many bases each FASTA line holds, and
/// long dinucleotide repeats (start, units) laid over the repeat-rich sequence.
struct Layout {
    length: usize,
    line_bases: usize,
    long_repeats: &'static [(usize, usize)],
}

/// A short contig on one FASTA line.
const ONE_LINE: Layout = Layout {
    length: 20_000,
    line_bases: 20_000,
    long_repeats: &[],
};

/// Writes the FASTA (+ .fai) and a VCF of `records` multi-allelic records; returns the VCF.
fn generate(dir: &Path, records: usize) -> std::path::PathBuf {
    generate_on(dir, records, &ONE_LINE)
}

/// [`generate`] on a reference laid out as `layout` says.
fn generate_on(dir: &Path, records: usize, layout: &Layout) -> std::path::PathBuf {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let length = layout.length;
    let mut seq = repeat_rich_reference(&mut rng, length);
    for &(start, units) in layout.long_repeats {
        for unit in 0..units {
            seq[start + 2 * unit..start + 2 * unit + 2].copy_from_slice(b"CA");
        }
    }
    let mut fasta = String::from(">chr1\n");
    for line in seq.chunks(layout.line_bases) {
        fasta.push_str(&String::from_utf8_lossy(line));
        fasta.push('\n');
    }
    std::fs::write(dir.join("ref.fa"), fasta).unwrap();
    std::fs::write(
        dir.join("ref.fa.fai"),
        format!(
            "chr1\t{length}\t6\t{}\t{}\n",
            layout.line_bases,
            layout.line_bases + 1
        ),
    )
    .unwrap();
    let mut vcf = format!(
        "##fileformat=VCFv4.2\n##contig=<ID=chr1,length={length}>\n\
         ##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
         #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n",
    );
    let mut pos = 30;
    for i in 0..records {
        pos += 1 + rng.below((length - 100) / records * 2);
        if pos >= length - 40 {
            break;
        }
        // No generated record falls in a long repeat: those get their own, below.
        if let Some(&(start, units)) = layout
            .long_repeats
            .iter()
            .find(|(start, units)| pos + 10 > *start && pos < start + 2 * units)
        {
            pos = start + 2 * units + 10;
            continue;
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
    // At the right end of each long repeat, a CA deletion and a CA insertion that move to its
    // left end. They come first, so the window read for each starts inside the repeat and the
    // reader must read wider ones (bcftools does not need sorted records).
    let header_end = vcf
        .find("#CHROM")
        .and_then(|at| vcf[at..].find('\n').map(|n| at + n + 1));
    let mut long = String::new();
    for &(start, units) in layout.long_repeats {
        let end = start + 2 * units;
        long.push_str(&format!(
            "chr1\t{}\tlong{end}\tACA\tA\t.\t.\t.\tGT\t0/1\n",
            end - 2
        ));
        long.push_str(&format!(
            "chr1\t{end}\tlong{end}b\tA\tACA\t.\t.\t.\tGT\t0/1\n"
        ));
    }
    vcf.insert_str(header_end.unwrap(), &long);
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
    same_alleles_as_bcftools_norm(dir.path(), &vcf);
}

#[test]
fn records_far_apart_and_shifts_through_long_repeats_match_bcftools_norm() {
    if !peer_tool("bcftools") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Three megabases on 60-base lines: the reader reads several windows, and the 30 kb and
    // 150 kb CA repeats make alleles move further left than the first window read reaches.
    let layout = Layout {
        length: 3_000_000,
        line_bases: 60,
        long_repeats: &[(1_200_000, 15_000), (2_400_000, 75_000)],
    };
    let vcf = generate_on(dir.path(), 3000, &layout);
    let text = std::fs::read_to_string(&vcf).unwrap();
    assert_eq!(
        text.matches("\tlong").count(),
        4,
        "both long repeats get their indels"
    );
    same_alleles_as_bcftools_norm(dir.path(), &vcf);
}

/// Reads `vcf` against `dir`/ref.fa and checks that every allele is the one bcftools gives.
fn same_alleles_as_bcftools_norm(dir: &Path, vcf: &Path) {
    let output = Command::new("bcftools")
        .args(["norm", "-m-any", "-f"])
        .arg(dir.join("ref.fa"))
        .arg(vcf)
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

    let reference = ReferenceGenome::open(&dir.join("ref.fa")).unwrap();
    let mut found = Vec::new();
    let summary = read_variant_file(
        vcf,
        ReadOptions {
            reference: Some(&reference),
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
        let reference = ReferenceGenome::open(&dir.path().join("ref.fa")).unwrap();
        let mut alleles = Vec::new();
        read_variant_file(
            path,
            ReadOptions {
                reference: Some(&reference),
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
