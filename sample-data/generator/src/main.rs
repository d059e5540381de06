//! `kasane-sample-gen`: writes the benchmark inputs of BENCHMARKS.md — a synthetic GRCh38-shaped
//! reference FASTA (+ .fai) with MANE-like gene models (GFF3) written into it, a
//! five-million-record GATK-like WGS VCF (bgzipped and tabix-indexed with the Debian `tabix`
//! package's `bgzip` and `tabix`), and a Manta-like SV VCF — all from a fixed seed, so every
//! run writes the same bytes.

mod genes;
mod genome;
mod rng;
mod small;
mod sources;
mod sv;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use clap::Parser;

use crate::rng::SplitMix64;

/// Writes synthetic benchmark inputs.
#[derive(Debug, Parser)]
#[command(name = "kasane-sample-gen", version)]
struct Args {
    /// Output folder (created)
    #[arg(long, default_value = "target/bench-data")]
    out: PathBuf,
    /// Small-variant records to write (about; a few overlap and are dropped)
    #[arg(long, default_value_t = 5_000_000)]
    variants: u64,
    /// SV events to write
    #[arg(long, default_value_t = 8_000)]
    svs: u64,
    /// Fraction of each GRCh38 chromosome's length to generate (1 = the full 3.1 Gbp)
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// MANE-like protein-coding transcripts to write into the genome and genes.gff3 (0 writes
    /// neither, and the genome and VCFs of the inputs before gene models were added)
    #[arg(long, default_value_t = 19_000)]
    transcripts: u64,
    /// Seed of the generator
    #[arg(long, default_value_t = 20_261_124)]
    seed: u64,
    /// Instead of a genome, write the annotation sources of the cache benchmarks
    /// (gnomad_like.vcf.gz, clinvar_like.vcf.gz) from this generated case VCF
    #[arg(long, value_name = "WGS.vcf.gz")]
    sources_from: Option<PathBuf>,
    /// gnomAD-like sites to aim at (with --sources-from)
    #[arg(long, default_value_t = 12_000_000)]
    gnomad_sites: u64,
    /// ClinVar-like records to aim at (with --sources-from)
    #[arg(long, default_value_t = 3_000_000)]
    clinvar_records: u64,
}

/// Pipes text through `bgzip -@2` into `path`, then indexes it with `tabix -p vcf`.
struct Bgzip {
    child: std::process::Child,
    path: PathBuf,
}

impl Bgzip {
    fn create(path: &Path) -> anyhow::Result<Self> {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        let child = Command::new("bgzip")
            .args(["-@", "2", "-c"])
            .stdin(Stdio::piped())
            .stdout(file)
            .spawn()
            .context("cannot run bgzip; install the Debian package tabix")?;
        Ok(Self {
            child,
            path: path.to_path_buf(),
        })
    }

    fn writer(&mut self) -> anyhow::Result<impl Write + '_> {
        let stdin = self.child.stdin.as_mut().context("bgzip has no input")?;
        Ok(std::io::BufWriter::with_capacity(1 << 20, stdin))
    }

    fn finish(mut self) -> anyhow::Result<()> {
        drop(self.child.stdin.take());
        if !self.child.wait()?.success() {
            bail!("bgzip failed writing {}", self.path.display());
        }
        let status = Command::new("tabix")
            .args(["-f", "-p", "vcf"])
            .arg(&self.path)
            .status()
            .context("cannot run tabix; install the Debian package tabix")?;
        if !status.success() {
            bail!("tabix failed on {}", self.path.display());
        }
        Ok(())
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if !(args.scale > 0.0 && args.scale <= 1.0) {
        bail!("--scale must be in (0, 1]");
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    if let Some(case) = &args.sources_from {
        let mut rng = SplitMix64::new(args.seed ^ 0x5EED_0003);
        let counts = sources::write_sources(
            case,
            &args.out,
            &mut rng,
            args.gnomad_sites,
            args.clinvar_records,
        )?;
        println!(
            "gnomad_like.vcf.gz  {} sites ({} of the case's {} alleles)",
            counts.gnomad_sites, counts.gnomad_case_alleles, counts.case_alleles
        );
        println!(
            "clinvar_like.vcf.gz {} records ({} of the case's alleles; {} case SNVs)",
            counts.clinvar_records, counts.clinvar_case_alleles, counts.case_snvs
        );
        return Ok(());
    }
    let contigs: Vec<(&str, u64)> = genome::GRCH38
        .iter()
        .map(|(n, l)| (*n, ((*l as f64) * args.scale) as u64))
        .collect();
    let total: u64 = contigs.iter().map(|(_, l)| l).sum();
    let fasta_path = args.out.join("synthetic_GRCh38.fa");
    let vcf_path = args.out.join("wgs.vcf.gz");
    let sv_path = args.out.join("sv.vcf.gz");
    let genes_path = args.out.join("genes.gff3");

    let mut sequence_rng = SplitMix64::new(args.seed);
    let mut variant_rng = SplitMix64::new(args.seed ^ 0x5EED_0001);
    let mut sv_rng = SplitMix64::new(args.seed ^ 0x5EED_0002);
    let mut gene_rng = SplitMix64::new(args.seed ^ 0x5EED_0004);
    let mut sv_records = sv::plan(&mut sv_rng, &contigs, args.svs);

    let mut fasta = genome::FastaWriter::create(&fasta_path)?;
    let mut vcf = Bgzip::create(&vcf_path)?;
    let mut written = small::Written::default();
    let mut gff3 = String::new();
    let mut transcripts = 0u32;
    {
        let mut out = vcf.writer()?;
        out.write_all(small::header(&contigs, &fasta_path.display().to_string()).as_bytes())?;
        for (index, (name, length)) in contigs.iter().enumerate() {
            let mut seq = genome::contig_sequence(&mut sequence_rng, *length as usize);
            let wanted = (args.transcripts as f64 * *length as f64 / total as f64).round() as u64;
            let planned = genes::plan_contig(&mut gene_rng, *length, wanted, transcripts + 1);
            genes::imprint_contig(&mut seq, &planned, &mut gene_rng);
            gff3.push_str(&genes::gff3_lines(name, &planned));
            transcripts += planned.len() as u32;
            fasta.contig(name, &seq)?;
            let count = (args.variants as f64 * *length as f64 / total as f64).round() as u64;
            small::write_contig(&mut out, &mut variant_rng, name, &seq, count, &mut written)?;
            sv::fill_reference(&mut sv_records, index, &seq);
            eprintln!("{name}: {length} bp, {} records so far", written.records);
        }
        out.flush()?;
    }
    fasta.finish(&fasta_path)?;
    vcf.finish()?;
    if transcripts > 0 {
        let text = genes::gff3_header(&contigs) + &gff3;
        std::fs::write(&genes_path, text)
            .with_context(|| format!("cannot write {}", genes_path.display()))?;
    }
    let mut sv_file = Bgzip::create(&sv_path)?;
    {
        let mut out = sv_file.writer()?;
        out.write_all(sv::text(&mut sv_rng, &sv_records, &contigs).as_bytes())?;
        out.flush()?;
    }
    sv_file.finish()?;

    let ratio = |a: u64, b: u64| a as f64 / b.max(1) as f64;
    println!("reference  {} ({total} bp)", fasta_path.display());
    if transcripts > 0 {
        println!(
            "genes      {} — {transcripts} MANE-like transcripts",
            genes_path.display()
        );
    }
    println!(
        "small      {} — {} records, {} multi-allelic, Ti/Tv {:.2}, het/hom {:.2}, indel share {:.1} %",
        vcf_path.display(),
        written.records,
        written.multiallelic,
        ratio(written.transitions, written.transversions),
        ratio(written.het, written.hom),
        100.0 * ratio(written.indels, written.records)
    );
    println!(
        "sv         {} — {} records",
        sv_path.display(),
        sv_records.len()
    );
    Ok(())
}
