//! `annotate-vcf`: a VCF written back with Kasane's consequences in VEP's CSQ layout, so a user
//! can set them beside their own pipeline's (issue 5, item 5). Every sequence-resolved allele
//! (substitution, MNV, insertion, deletion, delins) is described on every transcript it lies
//! in or within 5 kb of (up- and downstream, as VEP reports them); structural alleles
//! (`<DEL>`, `<DUP>`, `<INV>`, `<CNV>` with a copy number, breakends) get their exon-level
//! terms (`sv_alleles`), without HGVS; what is not described is counted, by reason, in the
//! summary — the header says so.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use kasane_annotate::consequence::{Consequence, highest_impact};
use kasane_annotate::effect::VariantEffect;
use kasane_annotate::genomic::hgvs_g;
use kasane_annotate::sequence::SequenceSource;
use kasane_annotate::structural::structural_effect;
use kasane_annotate::variant::changed_bases;
use kasane_core::contig::canonical_contig;
use kasane_core::gene_model::{Interval, Strand, TranscriptModel};
use kasane_formats::compression::{detect, open_decompressed};
use kasane_store::cache::AnnotationCache;
use serde::Serialize;

use crate::contig_effects::ContigEffects;
use crate::error::{AppError, ErrorKind};
use crate::sv_alleles::{structural_change, structural_csq_entry};
use crate::transcripts::{FastaSource, check_reference_allele, genomic_name, reference_path};
use crate::vcf_fusions::{FUSION_KEY, breakend_fusions};

/// The CSQ fields, in order (VEP's names).
pub const CSQ_FIELDS: [&str; 20] = [
    "Allele",
    "Consequence",
    "IMPACT",
    "SYMBOL",
    "Gene",
    "Feature_type",
    "Feature",
    "BIOTYPE",
    "EXON",
    "INTRON",
    "HGVSc",
    "HGVSp",
    "cDNA_position",
    "CDS_position",
    "Protein_position",
    "Amino_acids",
    "Codons",
    "STRAND",
    "MANE_SELECT",
    "HGVSg",
];

/// What `annotate-vcf` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnotateVcfDto {
    /// The file written.
    pub output: String,
    /// Records read.
    pub records: u64,
    /// Alleles given a CSQ entry on at least one transcript.
    pub described: u64,
    /// Alleles on no transcript of the cache.
    pub on_no_transcript: u64,
    /// Alleles not described, by reason.
    pub not_described: BTreeMap<String, u64>,
    /// CSQ entries written (one per allele and transcript).
    pub entries: u64,
    /// Breakend records given their pair's DNA-level fusions (INFO/KASANE_FUSION).
    pub fusion_records: u64,
    /// Whether protein changes could be computed (the cache's reference was at hand).
    pub with_protein_changes: bool,
    /// The cache's content hash, written into the header.
    pub cache_sha256: String,
}

fn invalid(message: String) -> AppError {
    AppError::new(ErrorKind::InvalidInput, message)
}

/// A CSQ value: VCF forbids `,`, `;`, `=`, `|` and whitespace inside it (VEP writes `%3D`).
fn csq_value(text: &str) -> String {
    text.replace('%', "%25")
        .replace('=', "%3D")
        .replace(';', "%3B")
        .replace(',', "%2C")
        .replace('|', "%7C")
        .replace(' ', "_")
}

/// Why an ALT allele gets no CSQ entry; `None` when it can be described.
fn not_describable(reference: &str, alternate: &str) -> Option<&'static str> {
    let bases =
        |a: &str| !a.is_empty() && a.bytes().all(|b| matches!(b, b'A' | b'C' | b'G' | b'T'));
    // Symbolic alleles were taken (or refused, with their reason) as structural ones.
    if alternate.contains('[') || alternate.contains(']') {
        Some("breakend alleles that cannot be read")
    } else if alternate == "*" || alternate == "." {
        Some("missing or spanning-deletion alleles")
    } else if !bases(reference) || !bases(alternate) {
        Some("alleles with a base other than A, C, G, T")
    } else if reference == alternate {
        Some("ALT equal to REF")
    } else {
        None
    }
}

/// The allele as VEP writes it in CSQ: without the anchor base both alleles share, `-` for
/// none left (a deletion).
fn vep_allele(reference: &str, alternate: &str) -> String {
    let anchored = reference.len() != alternate.len()
        && reference.as_bytes().first() == alternate.as_bytes().first();
    match (anchored, alternate.get(1..)) {
        (true, Some("")) => "-".to_string(),
        (true, Some(rest)) => rest.to_string(),
        _ => alternate.to_string(),
    }
}

/// `5` or `5-7`, VEP's way of giving a position or a range.
fn positions(interval: Option<Interval>) -> String {
    match interval {
        Some(i) if i.start == i.end => i.start.to_string(),
        Some(i) => format!("{}-{}", i.start, i.end),
        None => String::new(),
    }
}

/// VEP's `26/40` or `25-26/40`.
fn numbered(found: Option<(usize, usize)>, of: usize) -> String {
    match found {
        Some((low, high)) if low == high => format!("{low}/{of}"),
        Some((low, high)) => format!("{low}-{high}/{of}"),
        None => String::new(),
    }
}

/// The part of a CSQ entry that describes the variant in HGVS and positions (VEP's fields from
/// HGVSc to Codons); empty for a structural allele.
pub(crate) type HgvsFields = [String; 7];

/// One CSQ entry, in VEP's layout: `allele` with its `consequences` (most severe first) and
/// their highest impact on `t`, EXON and INTRON counted over the genome bases `span`, then the
/// variant's HGVS and positions and its genomic HGVS.
pub(crate) fn csq_line(
    allele: &str,
    consequences: &[Consequence],
    t: &TranscriptModel,
    span: Interval,
    described: HgvsFields,
    hgvs_g: &str,
) -> String {
    let (exons, introns) = t.exons_and_introns(span);
    let mut fields = vec![
        allele.to_string(),
        consequences
            .iter()
            .map(|c| c.so_term())
            .collect::<Vec<_>>()
            .join("&"),
        highest_impact(consequences).to_string(),
        t.gene_symbol.clone().unwrap_or_default(),
        t.gene_id.clone().unwrap_or_default(),
        "Transcript".to_string(),
        t.transcript_id.clone(),
        t.biotype.clone().unwrap_or_default(),
        numbered(exons, t.exons.len()),
        numbered(introns, t.exons.len().saturating_sub(1)),
    ];
    fields.extend(described);
    fields.push(match t.strand {
        Strand::Forward => "1".to_string(),
        Strand::Reverse => "-1".to_string(),
    });
    fields.push(match t.mane_select {
        true => t.transcript_id.clone(),
        false => String::new(),
    });
    fields.push(hgvs_g.to_string());
    fields
        .iter()
        .map(|f| csq_value(f))
        .collect::<Vec<_>>()
        .join("|")
}

/// One CSQ entry of the allele pair `reference`/`alternate` at `pos` on `t`, whose genomic
/// HGVS is `hgvs_g`; EXON and INTRON name where the changed bases lie (not the VCF's anchor
/// base).
fn csq_entry(
    reference: &str,
    alternate: &str,
    t: &TranscriptModel,
    pos: u64,
    effect: &VariantEffect,
    hgvs_g: &str,
) -> String {
    let described: HgvsFields = [
        if effect.hgvs_c.is_empty() {
            String::new()
        } else {
            format!("{}:{}", t.transcript_id, effect.hgvs_c)
        },
        match (&t.protein_id, &effect.hgvs_p) {
            (Some(protein), Some(p)) => format!("{protein}:{p}"),
            _ => String::new(),
        },
        positions(effect.cdna_positions),
        positions(effect.cds_positions),
        positions(effect.protein_positions),
        effect
            .amino_acids
            .as_ref()
            .map(|(r, a)| {
                if r == a {
                    r.clone()
                } else {
                    format!("{r}/{a}")
                }
            })
            .unwrap_or_default(),
        effect
            .codons
            .as_ref()
            .map(|(r, a)| format!("{r}/{a}"))
            .unwrap_or_default(),
    ];
    csq_line(
        &vep_allele(reference, alternate),
        &effect.consequences,
        t,
        changed_bases(pos, reference, alternate),
        described,
        hgvs_g,
    )
}

/// Opens a plain, gzip or BGZF VCF for reading its text.
pub(crate) fn open_vcf(path: &Path) -> Result<Box<dyn BufRead>, AppError> {
    let unreadable = |e: std::io::Error| invalid(format!("{}: {e}", path.display()));
    let mut head = [0u8; 4];
    let read = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(unreadable)?;
    open_decompressed(path, detect(&head[..read])).map_err(unreadable)
}

/// Writes `input` to `output` with a CSQ entry for every sequence-resolved allele on every
/// transcript of the cache it lies on. The output appears only when complete (written beside
/// it, then renamed); a REF that disagrees with the reference stops it, naming the line.
pub fn annotate_vcf(
    input: &Path,
    cache_file: &Path,
    output: &Path,
    reference: Option<&Path>,
) -> Result<AnnotateVcfDto, AppError> {
    let cache = AnnotationCache::open(cache_file)?;
    let (cache_sha256, _) = cache.release()?;
    let build = cache.genome_build()?;
    let source = match reference_path(&cache, reference) {
        Ok(path) => Some(FastaSource::open(&path)?),
        Err(e) if reference.is_some() => return Err(e),
        Err(_) => None,
    };
    let temp: PathBuf = output.with_extension("vcf.partial");
    let written = (|| -> Result<AnnotateVcfDto, AppError> {
        let failed = |e: std::io::Error| invalid(format!("{}: {e}", temp.display()));
        let mut out = BufWriter::new(File::create(&temp).map_err(failed)?);
        let mut summary = AnnotateVcfDto {
            output: output.display().to_string(),
            records: 0,
            described: 0,
            on_no_transcript: 0,
            not_described: BTreeMap::new(),
            entries: 0,
            fusion_records: 0,
            with_protein_changes: source.is_some(),
            cache_sha256: cache_sha256.clone(),
        };
        // Breakend pairs lie far apart in a file: their fusions are found in a first pass.
        let fusions = match cache.has_gene_models()? {
            true => breakend_fusions(open_vcf(input)?, input, &cache)?,
            false => HashMap::new(),
        };
        let mut header_done = false;
        // The transcripts of the contig being read, with the bases of those near the records.
        let mut on_contig: Option<ContigEffects> = None;
        for (index, line) in open_vcf(input)?.lines().enumerate() {
            let line_number = index + 1;
            let line =
                line.map_err(|e| invalid(format!("{}: line {line_number}: {e}", input.display())))?;
            // A file written with CRLF line ends keeps its lines' text without the CR.
            let line = line.trim_end_matches('\r');
            if line.starts_with("##INFO=<ID=CSQ,") {
                return Err(invalid(format!(
                    "{}: line {line_number}: the file already declares INFO/CSQ (another annotator's); remove it first (bcftools annotate -x INFO/CSQ) so the two are not mixed",
                    input.display()
                )));
            }
            if line.starts_with("##") {
                writeln!(out, "{line}").map_err(failed)?;
                continue;
            }
            if line.starts_with("#CHROM") {
                writeln!(
                    out,
                    "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Kasane (structural alleles: exon-level terms, no HGVS; <INS> without sequence and <CNV> without CN have no entry). Format: {}\">",
                    CSQ_FIELDS.join("|")
                )
                .and_then(|()| writeln!(out, "##INFO=<ID={FUSION_KEY},Number=.,Type=String,Description=\"DNA-level fusions of this breakend pair (Kasane): 5' gene::3' gene|5' transcript|3' transcript|in_frame, out_of_frame or frame_unknown\">"))
                .and_then(|()| writeln!(out, "##kasane_cache_sha256={cache_sha256}"))
                .and_then(|()| writeln!(out, "{line}"))
                .map_err(failed)?;
                header_done = true;
                continue;
            }
            if !header_done {
                return Err(invalid(format!(
                    "{}: line {line_number}: a record before the #CHROM header line; this is not a VCF",
                    input.display()
                )));
            }
            let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
            if fields.len() < 8 {
                return Err(invalid(format!(
                    "{}: line {line_number}: {} columns where a VCF record has at least 8",
                    input.display(),
                    fields.len()
                )));
            }
            summary.records += 1;
            let contig = canonical_contig(&fields[0]).into_owned();
            let pos: u64 = fields[1].parse().map_err(|_| {
                invalid(format!(
                    "{}: line {line_number}: POS {:?} is not a position",
                    input.display(),
                    fields[1]
                ))
            })?;
            let reference_allele = fields[3].to_ascii_uppercase();
            let mut entries = Vec::new();
            let alternates: Vec<String> = fields[4].split(',').map(str::to_string).collect();
            for alternate in alternates {
                let change = match structural_change(pos, &alternate, &fields[7]) {
                    Err(reason) => {
                        *summary.not_described.entry(reason.to_string()).or_default() += 1;
                        continue;
                    }
                    Ok(change) => change,
                };
                // Bases are compared upper-case; a breakend's ALT keeps its contig's spelling.
                let alternate = match change {
                    Some(_) => alternate,
                    None => alternate.to_ascii_uppercase(),
                };
                if change.is_none()
                    && let Some(reason) = not_describable(&reference_allele, &alternate)
                {
                    *summary.not_described.entry(reason.to_string()).or_default() += 1;
                    continue;
                }
                if let Some(source) = &source {
                    check_reference_allele(source, &contig, pos, &reference_allele).map_err(
                        |e| invalid(format!("{}: line {line_number}: {e}", input.display())),
                    )?;
                }
                if on_contig.as_ref().is_none_or(|c| c.contig() != contig) {
                    on_contig = Some(ContigEffects::read(&cache, &contig, source.as_ref())?);
                }
                let on_contig = on_contig.as_mut().ok_or_else(|| {
                    AppError::new(
                        ErrorKind::Internal,
                        "the contig's transcripts were not read",
                    )
                })?;
                let before = entries.len();
                if let Some(change) = change {
                    let span = change.span();
                    for t in on_contig.near(span.start, span.end) {
                        if let Some(effect) = structural_effect(t, change) {
                            entries.push(structural_csq_entry(&alternate, t, change, &effect));
                        }
                    }
                } else {
                    let effects = on_contig
                        .effects(pos, &reference_allele, &alternate)
                        .map_err(|e| {
                            invalid(format!(
                                "{}: line {line_number}: {contig}-{pos}-{reference_allele}-{alternate} {e}",
                                input.display()
                            ))
                        })?;
                    if !effects.is_empty() {
                        let name = genomic_name(build, source.as_ref(), &contig);
                        let genome = source.as_ref().map(|s| s as &dyn SequenceSource);
                        let genomic =
                            hgvs_g(&name, &contig, pos, &reference_allele, &alternate, genome)
                                .map_err(|e| {
                                    invalid(format!("{}: line {line_number}: {e}", input.display()))
                                })?
                                .unwrap_or_default();
                        for (t, effect) in &effects {
                            entries.push(csq_entry(
                                &reference_allele,
                                &alternate,
                                t,
                                pos,
                                effect,
                                &genomic,
                            ));
                        }
                    }
                }
                if entries.len() > before {
                    summary.described += 1;
                } else {
                    summary.on_no_transcript += 1;
                }
            }
            if let Some(fusion) = fusions.get(&summary.records) {
                summary.fusion_records += 1;
                let written = format!("{FUSION_KEY}={fusion}");
                fields[7] = if fields[7] == "." || fields[7].is_empty() {
                    written
                } else {
                    format!("{};{written}", fields[7])
                };
            }
            if !entries.is_empty() {
                summary.entries += entries.len() as u64;
                let csq = format!("CSQ={}", entries.join(","));
                fields[7] = if fields[7] == "." || fields[7].is_empty() {
                    csq
                } else {
                    format!("{};{csq}", fields[7])
                };
            }
            writeln!(out, "{}", fields.join("\t")).map_err(failed)?;
        }
        if !header_done {
            return Err(invalid(format!(
                "{}: no #CHROM header line; this is not a VCF",
                input.display()
            )));
        }
        out.flush().map_err(failed)?;
        Ok(summary)
    })();
    match written {
        Ok(summary) => {
            std::fs::rename(&temp, output)
                .map_err(|e| invalid(format!("{}: {e}", output.display())))?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contig_effects::tests::transcript;

    #[test]
    fn exon_and_intron_numbers_follow_the_changed_bases_not_the_anchor() {
        let span = |start, end| Interval { start, end };
        // An exon at 101–200 of 2: the anchor at 100 is intronic, the deleted base exonic.
        let mut t = transcript("T", 1, 200);
        t.exons = vec![span(1, 50), span(101, 200)];
        let entry = csq_entry(
            "CA",
            "C",
            &t,
            100,
            &VariantEffect::with_consequences(Vec::new()),
            "NC_000001.11:g.101del",
        );
        let fields: Vec<&str> = entry.split('|').collect();
        assert_eq!((fields[0], fields[8], fields[9]), ("-", "2/2", ""));
        assert_eq!(fields.len(), CSQ_FIELDS.len());
        assert_eq!(fields[19], "NC_000001.11:g.101del");
    }
}
