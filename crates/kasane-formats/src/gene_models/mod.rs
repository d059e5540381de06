//! Gene models — RefSeq or Ensembl GFF3 and GTF — read into the genes and transcripts
//! ([`kasane_core::gene_model`]) an annotation cache stores.
//!
//! GFF3 links exons and coding parts to their transcript by `Parent`, GTF by `transcript_id`;
//! both become one transcript with its exons and coding parts in genome order, its versioned
//! identifier, gene, biotype and tags (MANE Select, MANE Plus Clinical, Ensembl canonical).
//! GTF leaves the stop codon out of `CDS` and writes it as `stop_codon`; it is joined back, so
//! a coding region means the same in both layouts (GFF3 includes the stop codon). A file
//! whose structure contradicts itself (an exon on another strand, overlapping exons, a coding
//! part outside every exon, one transcript twice) stops the read at its line.

mod features;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use kasane_core::contig::{canonical_contig, karyotype_order};
use kasane_core::gene_model::{CodingPart, GeneModel, Interval, Strand, TranscriptModel};
use kasane_core::genome::build_from_assembly_name;
use kasane_core::{CancelToken, GenomeBuild, NoProgress, Progress};

pub use features::GeneFileFormat;
use features::{BadLine, Feature, read_features, sniff_format};

use crate::compression::{detect, open_decompressed};
use crate::sha256_file;

/// The progress phase of reading gene models (done is features read).
pub const GENE_MODELS_PHASE: &str = "gene-models";

/// Who published the models, told from the files' source column and identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeneAnnotationSource {
    /// Ensembl / GENCODE (ENSG, ENST).
    Ensembl,
    /// NCBI RefSeq (NM_, NR_, XM_ …).
    RefSeq,
}

impl GeneAnnotationSource {
    /// The publisher's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ensembl => "Ensembl",
            Self::RefSeq => "RefSeq",
        }
    }
}

/// What reading one gene-model file gave.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneModelsRead {
    /// GFF3 or GTF.
    pub format: GeneFileFormat,
    /// Ensembl or RefSeq, when the identifiers tell.
    pub annotation_source: Option<GeneAnnotationSource>,
    /// The release the header states (`#!genebuild-last-updated`, `#!annotation-source`).
    pub release: Option<String>,
    /// The build the header states (`#!genome-build GRCh38.p14`).
    pub genome_build: Option<GenomeBuild>,
    /// Feature lines read.
    pub features: u64,
    /// Genes, in genome order.
    pub genes: Vec<GeneModel>,
    /// Transcripts, in genome order.
    pub transcripts: Vec<TranscriptModel>,
    /// Lines passed over, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
}

/// A reason a gene-model file cannot go into a cache.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GeneModelError {
    /// The file as a whole cannot be used.
    #[error("{path}: {problem}")]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        problem: String,
    },
    /// One line cannot be used.
    #[error("{path}: line {line}: {problem}")]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line in the decompressed file.
        line: u64,
        /// What is wrong and what to do.
        problem: String,
    },
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
}

/// Feature kinds that carry structure read elsewhere (UTRs and codons follow from exons and
/// coding parts) or none a transcript model needs.
const IMPLIED_KINDS: [&str; 7] = [
    "five_prime_UTR",
    "three_prime_UTR",
    "five_prime_utr",
    "three_prime_utr",
    "UTR",
    "start_codon",
    "Selenocysteine",
];

/// Why a line of another kind (`biological_region`, `chromosome` …) is not stored.
const OTHER_KIND: &str = "lines of other feature kinds (biological_region, chromosome …)";

/// Whether a feature kind names a gene (`gene`, `ncRNA_gene`, `pseudogene`).
fn is_gene_kind(kind: &str) -> bool {
    kind == "gene" || kind.ends_with("_gene") || kind == "pseudogene"
}

/// The children read for one transcript.
#[derive(Debug, Default)]
struct Children {
    exons: Vec<(Interval, u64)>,
    coding: Vec<(Interval, Option<u8>, u64)>,
    stop_codons: Vec<(Interval, u64)>,
    protein_id: Option<String>,
    /// The first child line, standing in for a GTF transcript without a `transcript` line.
    first: Option<Feature>,
}

/// Everything read from one file before transcripts are assembled.
#[derive(Debug, Default)]
struct Collected {
    /// GFF3 features with an `ID` (genes, transcripts), or GTF `gene`/`transcript` lines by
    /// `gene_id`/`transcript_id`.
    parents: HashMap<String, Feature>,
    /// IDs in file order, so output does not depend on hashing.
    order: Vec<String>,
    children: HashMap<String, Children>,
    genes: Vec<Feature>,
    skipped: BTreeMap<String, u64>,
    comments: Vec<String>,
    features: u64,
}

fn count(skipped: &mut BTreeMap<String, u64>, reason: &str) {
    *skipped.entry(reason.to_string()).or_default() += 1;
}

/// Reads a GFF3 or GTF file (plain or gzip) into genes and transcripts.
pub fn read_gene_models(
    path: &Path,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<GeneModelsRead, GeneModelError> {
    let file_error = |problem: String| GeneModelError::File {
        path: path.to_path_buf(),
        problem,
    };
    let line_error = |bad: BadLine| GeneModelError::Line {
        path: path.to_path_buf(),
        line: bad.line,
        problem: bad.problem,
    };
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(4).read_to_end(&mut head))
        .map_err(|e| file_error(e.to_string()))?;
    let compression = detect(&head);
    let mut sample = Vec::new();
    open_decompressed(path, compression)
        .and_then(|r| r.take(1 << 16).read_to_end(&mut sample))
        .map_err(|e| file_error(e.to_string()))?;
    let format = sniff_format(&sample).ok_or_else(|| {
        file_error(
            "not a GFF3 or GTF file (no feature line with key=value or key \"value\" attributes); give RefSeq or Ensembl gene models".into(),
        )
    })?;
    let reader = open_decompressed(path, compression).map_err(|e| file_error(e.to_string()))?;
    let mut collected = Collected::default();
    let mut cancelled = false;
    {
        let collected = &mut collected;
        let mut comments = Vec::new();
        read_features(
            reader,
            format,
            &mut |c| comments.push(c.to_string()),
            &mut |feature| {
                collected.features += 1;
                if collected.features.is_multiple_of(1 << 16) {
                    progress.update(GENE_MODELS_PHASE, collected.features, None);
                    if cancel.check().is_err() {
                        cancelled = true;
                        return Err(BadLine {
                            line: feature.line,
                            problem: "cancelled".into(),
                        });
                    }
                }
                collect(collected, feature, format)
            },
        )
        .map_err(|bad| {
            if cancelled {
                GeneModelError::Cancelled
            } else {
                line_error(bad)
            }
        })?;
        collected.comments = comments;
    }
    progress.update(
        GENE_MODELS_PHASE,
        collected.features,
        Some(collected.features),
    );
    let (genes, transcripts) = assemble(&mut collected, format).map_err(line_error)?;
    if transcripts.is_empty() {
        return Err(file_error(format!(
            "holds no transcript with exons ({} feature lines read); give gene models with exon lines",
            collected.features
        )));
    }
    let digest = sha256_file(path, &NoProgress, cancel).map_err(|e| file_error(e.to_string()))?;
    let annotation_source = transcripts.first().and_then(|t| {
        let id = t.transcript_id.as_str();
        if id.starts_with("ENST") {
            Some(GeneAnnotationSource::Ensembl)
        } else if ["NM_", "NR_", "XM_", "XR_", "NG_"]
            .iter()
            .any(|p| id.starts_with(p))
        {
            Some(GeneAnnotationSource::RefSeq)
        } else {
            None
        }
    });
    let (release, genome_build) = header_facts(&collected.comments);
    Ok(GeneModelsRead {
        format,
        annotation_source,
        release,
        genome_build,
        features: collected.features,
        genes,
        transcripts,
        skipped: std::mem::take(&mut collected.skipped),
        sha256: digest.sha256,
    })
}

/// The release and build a header's `#!` comments state.
fn header_facts(comments: &[String]) -> (Option<String>, Option<GenomeBuild>) {
    let value = |key: &str| {
        comments.iter().find_map(|c| {
            c.strip_prefix(key)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        })
    };
    let build = ["#!genome-build ", "#!genome-version ", "##genome-build "]
        .iter()
        .filter_map(|key| value(key))
        .find_map(|text| text.split_whitespace().find_map(build_from_assembly_name));
    let release = value("#!annotation-source ")
        .or_else(|| value("#!genebuild-last-updated ").map(|d| format!("genebuild {d}")))
        .or_else(|| value("#!genome-build ").map(|b| format!("genome build {b}")));
    (release, build)
}

fn collect(
    collected: &mut Collected,
    feature: Feature,
    format: GeneFileFormat,
) -> Result<(), BadLine> {
    if feature.interval.end < feature.interval.start {
        return Err(BadLine {
            line: feature.line,
            problem: format!(
                "ends ({}) before it starts ({}); the file is damaged",
                feature.interval.end, feature.interval.start
            ),
        });
    }
    let kind = feature.kind.as_str();
    if IMPLIED_KINDS.contains(&kind) {
        return Ok(());
    }
    let parents: Vec<String> = match format {
        GeneFileFormat::Gff3 => feature.values("Parent").map(str::to_string).collect(),
        GeneFileFormat::Gtf => feature
            .attribute("transcript_id")
            .map(|t| vec![t.to_string()])
            .unwrap_or_default(),
    };
    match kind {
        "exon" | "CDS" | "stop_codon" => {
            if parents.is_empty() {
                count(
                    &mut collected.skipped,
                    "exon or CDS line naming no transcript",
                );
                return Ok(());
            }
            for parent in parents {
                let children = collected.children.entry(parent).or_default();
                match kind {
                    "exon" => children.exons.push((feature.interval, feature.line)),
                    "CDS" => {
                        children
                            .coding
                            .push((feature.interval, feature.phase, feature.line));
                        if children.protein_id.is_none() {
                            children.protein_id = feature.attribute("protein_id").map(|p| {
                                match feature.attribute("protein_version") {
                                    Some(v) if !p.contains('.') => format!("{p}.{v}"),
                                    _ => p.to_string(),
                                }
                            });
                        }
                    }
                    _ => children.stop_codons.push((feature.interval, feature.line)),
                }
                if children.first.is_none() {
                    children.first = Some(feature.clone());
                }
            }
            Ok(())
        }
        _ if is_gene_kind(kind) => {
            collected.genes.push(feature.clone());
            if format == GeneFileFormat::Gff3 {
                remember(collected, feature)?;
            }
            Ok(())
        }
        _ => {
            match format {
                GeneFileFormat::Gff3 => remember(collected, feature)?,
                GeneFileFormat::Gtf if kind == "transcript" => {
                    if let Some(id) = feature.attribute("transcript_id").map(str::to_string) {
                        if collected.parents.contains_key(&id) {
                            return Err(BadLine {
                                line: feature.line,
                                problem: format!("transcript {id} is written twice"),
                            });
                        }
                        collected.order.push(id.clone());
                        collected.parents.insert(id, feature);
                    }
                }
                GeneFileFormat::Gtf => count(&mut collected.skipped, OTHER_KIND),
            }
            Ok(())
        }
    }
}

/// Keeps a GFF3 feature with an ID as a possible gene or transcript.
fn remember(collected: &mut Collected, feature: Feature) -> Result<(), BadLine> {
    let Some(id) = feature.attribute("ID").map(str::to_string) else {
        count(&mut collected.skipped, OTHER_KIND);
        return Ok(());
    };
    if collected.parents.contains_key(&id) {
        return Err(BadLine {
            line: feature.line,
            problem: format!("ID {id} is used by two features; IDs must be unique in GFF3"),
        });
    }
    collected.order.push(id.clone());
    collected.parents.insert(id, feature);
    Ok(())
}

/// An identifier with the version its own attribute gives, unless it already carries one.
fn versioned(id: &str, version: Option<&str>) -> String {
    match version {
        Some(v) if !id.contains('.') && !v.is_empty() => format!("{id}.{v}"),
        _ => id.to_string(),
    }
}

fn without_prefix(id: &str) -> &str {
    id.split_once(':').map_or(id, |(_, rest)| rest)
}

fn gene_model(feature: &Feature, format: GeneFileFormat) -> Option<GeneModel> {
    let gene_id = match format {
        GeneFileFormat::Gtf => feature.attribute("gene_id")?.to_string(),
        GeneFileFormat::Gff3 => feature
            .attribute("gene_id")
            .or_else(|| feature.attribute("ID").map(without_prefix))?
            .to_string(),
    };
    Some(GeneModel {
        gene_id,
        symbol: feature
            .attribute("gene_name")
            .or_else(|| feature.attribute("Name"))
            .or_else(|| feature.attribute("gene"))
            .map(str::to_string),
        biotype: feature
            .attribute("gene_biotype")
            .or_else(|| feature.attribute("biotype"))
            .or_else(|| feature.attribute("gene_type"))
            .map(str::to_string),
        contig: canonical_contig(&feature.contig).into_owned(),
        extent: feature.interval,
        strand: feature.strand?,
    })
}

/// Joins touching or overlapping intervals (a GTF stop codon beside its last CDS part).
fn merged(mut parts: Vec<Interval>) -> Vec<Interval> {
    parts.sort();
    let mut out: Vec<Interval> = Vec::with_capacity(parts.len());
    for part in parts {
        match out.last_mut() {
            Some(last) if part.start <= last.end + 1 => last.end = last.end.max(part.end),
            _ => out.push(part),
        }
    }
    out
}

fn assemble(
    collected: &mut Collected,
    format: GeneFileFormat,
) -> Result<(Vec<GeneModel>, Vec<TranscriptModel>), BadLine> {
    let mut transcripts = Vec::new();
    let mut transcript_parents: Vec<String> = Vec::new();
    let mut children = std::mem::take(&mut collected.children);
    // GFF3 transcripts in file order, then (GTF) transcripts written only through their exons.
    let mut ids: Vec<String> = collected
        .order
        .iter()
        .filter(|id| children.contains_key(*id))
        .cloned()
        .collect();
    let mut orphans: Vec<String> = children
        .keys()
        .filter(|id| !collected.parents.contains_key(*id))
        .cloned()
        .collect();
    orphans.sort();
    for id in orphans {
        match format {
            GeneFileFormat::Gtf => ids.push(id),
            GeneFileFormat::Gff3 => {
                let lines = children
                    .remove(&id)
                    .map_or(0, |c| c.exons.len() + c.coding.len());
                *collected
                    .skipped
                    .entry("exon or CDS line whose Parent is not in the file".into())
                    .or_default() += lines as u64;
            }
        }
    }
    for id in ids {
        let Some(parts) = children.remove(&id) else {
            continue;
        };
        let Some(feature) = collected.parents.get(&id).or(parts.first.as_ref()).cloned() else {
            continue;
        };
        if let Some(transcript) = transcript_model(&id, &feature, parts, collected, format)? {
            if let Some(parent) = feature.attribute("Parent") {
                transcript_parents.push(parent.to_string());
            }
            transcripts.push(transcript);
        }
    }
    transcripts.sort_by(|a, b| {
        karyotype_order(&a.contig, &b.contig)
            .then(a.extent.start.cmp(&b.extent.start))
            .then(a.transcript_id.cmp(&b.transcript_id))
    });
    // Genes are the gene-kind lines and, in GFF3, whatever a transcript names as its Parent
    // (old Ensembl files also write genes as `processed_transcript` or `RNA`).
    let mut gene_lines: Vec<&Feature> = collected.genes.iter().collect();
    if format == GeneFileFormat::Gff3 {
        let mut seen: std::collections::HashSet<&str> = gene_lines
            .iter()
            .filter_map(|g| g.attribute("ID"))
            .collect();
        for parent in transcript_parents {
            if let Some(feature) = collected.parents.get(&parent)
                && let Some(id) = feature.attribute("ID")
                && seen.insert(id)
            {
                gene_lines.push(feature);
            }
        }
    }
    let mut genes: Vec<GeneModel> = gene_lines
        .into_iter()
        .filter_map(|g| gene_model(g, format))
        .collect();
    if genes.is_empty() {
        genes = genes_from_transcripts(&transcripts);
    }
    genes.sort_by(|a, b| {
        karyotype_order(&a.contig, &b.contig)
            .then(a.extent.start.cmp(&b.extent.start))
            .then(a.gene_id.cmp(&b.gene_id))
    });
    Ok((genes, transcripts))
}

/// Genes as the hull of their transcripts, for files without gene lines.
fn genes_from_transcripts(transcripts: &[TranscriptModel]) -> Vec<GeneModel> {
    let mut genes: BTreeMap<String, GeneModel> = BTreeMap::new();
    for t in transcripts {
        let Some(id) = &t.gene_id else { continue };
        genes
            .entry(id.clone())
            .and_modify(|g| {
                g.extent.start = g.extent.start.min(t.extent.start);
                g.extent.end = g.extent.end.max(t.extent.end);
            })
            .or_insert_with(|| GeneModel {
                gene_id: id.clone(),
                symbol: t.gene_symbol.clone(),
                biotype: None,
                contig: t.contig.clone(),
                extent: t.extent,
                strand: t.strand,
            });
    }
    genes.into_values().collect()
}

fn transcript_model(
    id: &str,
    feature: &Feature,
    parts: Children,
    collected: &mut Collected,
    format: GeneFileFormat,
) -> Result<Option<TranscriptModel>, BadLine> {
    let at = |line: u64, problem: String| BadLine { line, problem };
    if parts.exons.is_empty() {
        count(&mut collected.skipped, "transcript without exon lines");
        return Ok(None);
    }
    let strand = feature.strand.ok_or_else(|| {
        at(
            feature.line,
            format!("transcript {id} has no strand (+ or -); the file is damaged"),
        )
    })?;
    let gene = match format {
        GeneFileFormat::Gff3 => feature
            .attribute("Parent")
            .and_then(|p| collected.parents.get(p)),
        GeneFileFormat::Gtf => None,
    };
    let transcript_id = match feature.attribute("transcript_id") {
        Some(t) => versioned(
            t,
            feature
                .attribute("transcript_version")
                .or_else(|| feature.attribute("version")),
        ),
        None => versioned(without_prefix(id), feature.attribute("version")),
    };
    let mut exons = parts.exons;
    exons.sort();
    for pair in exons.windows(2) {
        if pair[1].0.start <= pair[0].0.end {
            return Err(at(
                pair[1].1,
                format!(
                    "exons of {transcript_id} overlap ({}-{} and {}-{}); the file is damaged",
                    pair[0].0.start, pair[0].0.end, pair[1].0.start, pair[1].0.end
                ),
            ));
        }
    }
    let mut coding_intervals: Vec<Interval> = parts.coding.iter().map(|c| c.0).collect();
    coding_intervals.extend(parts.stop_codons.iter().map(|s| s.0));
    let coding_intervals = merged(coding_intervals);
    for (interval, line) in parts
        .coding
        .iter()
        .map(|c| (c.0, c.2))
        .chain(parts.stop_codons.iter().copied())
    {
        if !exons
            .iter()
            .any(|(e, _)| e.start <= interval.start && interval.end <= e.end)
        {
            return Err(at(
                line,
                format!(
                    "coding part {}-{} of {transcript_id} lies outside its exons; the file is damaged",
                    interval.start, interval.end
                ),
            ));
        }
    }
    // The 5′-most coding part's phase as written; the others follow from the lengths before
    // them, which is what GFF3 defines and what joining a GTF stop codon needs.
    let five_prime_phase = {
        let mut written: Vec<&(Interval, Option<u8>, u64)> = parts.coding.iter().collect();
        written.sort_by_key(|c| c.0.start);
        let first = match strand {
            Strand::Forward => written.first(),
            Strand::Reverse => written.last(),
        };
        first.and_then(|c| c.1).unwrap_or(0)
    };
    let mut coding: Vec<CodingPart> = coding_intervals
        .into_iter()
        .map(|interval| CodingPart { interval, phase: 0 })
        .collect();
    let mut before = 0u64;
    let order: Vec<usize> = match strand {
        Strand::Forward => (0..coding.len()).collect(),
        Strand::Reverse => (0..coding.len()).rev().collect(),
    };
    for i in order {
        let phase = (3 - (before + 3 - u64::from(five_prime_phase)) % 3) % 3;
        coding[i].phase = phase as u8;
        before += coding[i].interval.len();
    }
    let tags: Vec<String> = feature.values("tag").map(str::to_string).collect();
    let has_tag = |wanted: &[&str]| {
        tags.iter()
            .any(|t| wanted.iter().any(|w| t.eq_ignore_ascii_case(w)))
    };
    let attribute_or_gene = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| feature.attribute(k))
            .or_else(|| gene.and_then(|g| keys.iter().find_map(|k| g.attribute(k))))
            .map(str::to_string)
    };
    let gene_id = match format {
        GeneFileFormat::Gtf => feature.attribute("gene_id").map(str::to_string),
        GeneFileFormat::Gff3 => gene
            .and_then(|g| {
                g.attribute("gene_id")
                    .or_else(|| g.attribute("ID").map(without_prefix))
            })
            .or_else(|| feature.attribute("Parent").map(without_prefix))
            .map(str::to_string),
    };
    let gene_symbol = feature
        .attribute("gene_name")
        .or_else(|| feature.attribute("gene"))
        .or_else(|| gene.and_then(|g| g.attribute("Name").or_else(|| g.attribute("gene_name"))))
        .map(str::to_string);
    let biotype = attribute_or_gene(&["transcript_biotype", "transcript_type"])
        .or_else(|| feature.attribute("biotype").map(str::to_string))
        .or_else(|| {
            (feature.kind != "transcript" && feature.kind != "exon" && feature.kind != "CDS")
                .then(|| feature.kind.clone())
        });
    let extent = Interval {
        start: exons.first().map_or(feature.interval.start, |e| e.0.start),
        end: exons.last().map_or(feature.interval.end, |e| e.0.end),
    };
    Ok(Some(TranscriptModel {
        transcript_id,
        gene_id,
        gene_symbol,
        biotype,
        contig: canonical_contig(&feature.contig).into_owned(),
        extent,
        strand,
        protein_id: parts.protein_id,
        mane_select: has_tag(&["MANE_Select", "MANE Select"]),
        mane_plus_clinical: has_tag(&["MANE_Plus_Clinical", "MANE Plus Clinical"]),
        canonical: has_tag(&["Ensembl_canonical"]),
        tags,
        exons: exons.into_iter().map(|(e, _)| e).collect(),
        coding,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A format sample, not a real locus: a two-exon coding transcript written in RefSeq's
    /// GFF3 style with MANE tags, and the same transcript in Ensembl's GTF style with its stop
    /// codon on a line of its own.
    const GFF3: &str = "##gff-version 3\n#!genome-build GRCh38.p14\n#!annotation-source NCBI RefSeq test\n\
chr1\tBestRefSeq\tgene\t100\t400\t.\t+\t.\tID=gene-TESTG;Name=TESTG;gene_biotype=protein_coding\n\
chr1\tBestRefSeq\tmRNA\t100\t400\t.\t+\t.\tID=rna-NM_000001.1;Parent=gene-TESTG;gene=TESTG;transcript_id=NM_000001.1;tag=MANE Select\n\
chr1\tBestRefSeq\texon\t100\t200\t.\t+\t.\tParent=rna-NM_000001.1\n\
chr1\tBestRefSeq\texon\t300\t400\t.\t+\t.\tParent=rna-NM_000001.1\n\
chr1\tBestRefSeq\tCDS\t151\t200\t.\t+\t0\tParent=rna-NM_000001.1;protein_id=NP_000001.1\n\
chr1\tBestRefSeq\tCDS\t300\t351\t.\t+\t1\tParent=rna-NM_000001.1;protein_id=NP_000001.1\n";

    const GTF: &str = "#!genome-version GRCh38\n\
1\tensembl\tgene\t100\t400\t.\t+\t.\tgene_id \"ENSG1\"; gene_name \"TESTG\"; gene_biotype \"protein_coding\";\n\
1\tensembl\ttranscript\t100\t400\t.\t+\t.\tgene_id \"ENSG1\"; transcript_id \"ENST1\"; transcript_version \"3\"; gene_name \"TESTG\"; transcript_biotype \"protein_coding\"; tag \"basic\"; tag \"Ensembl_canonical\"; tag \"MANE_Select\";\n\
1\tensembl\texon\t100\t200\t.\t+\t.\tgene_id \"ENSG1\"; transcript_id \"ENST1\";\n\
1\tensembl\texon\t300\t400\t.\t+\t.\tgene_id \"ENSG1\"; transcript_id \"ENST1\";\n\
1\tensembl\tCDS\t151\t200\t.\t+\t0\tgene_id \"ENSG1\"; transcript_id \"ENST1\"; protein_id \"ENSP1\";\n\
1\tensembl\tCDS\t300\t348\t.\t+\t1\tgene_id \"ENSG1\"; transcript_id \"ENST1\"; protein_id \"ENSP1\";\n\
1\tensembl\tstop_codon\t349\t351\t.\t+\t0\tgene_id \"ENSG1\"; transcript_id \"ENST1\";\n";

    fn read(name: &str, text: &str) -> Result<GeneModelsRead, GeneModelError> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("writes");
        read_gene_models(&path, &NoProgress, &CancelToken::new())
    }

    #[test]
    fn refseq_gff3_and_ensembl_gtf_give_the_same_transcript_structure() {
        let gff3 = read("models.gff3", GFF3).expect("GFF3 reads");
        let gtf = read("models.gtf", GTF).expect("GTF reads");
        assert_eq!(gff3.format, GeneFileFormat::Gff3);
        assert_eq!(gtf.format, GeneFileFormat::Gtf);
        assert_eq!(gff3.annotation_source, Some(GeneAnnotationSource::RefSeq));
        assert_eq!(gtf.annotation_source, Some(GeneAnnotationSource::Ensembl));
        assert_eq!(gff3.genome_build, Some(GenomeBuild::Grch38));
        assert_eq!(gtf.genome_build, Some(GenomeBuild::Grch38));
        assert_eq!(gff3.release.as_deref(), Some("NCBI RefSeq test"));
        let (r, e) = (&gff3.transcripts[0], &gtf.transcripts[0]);
        assert_eq!(r.transcript_id, "NM_000001.1");
        assert_eq!(e.transcript_id, "ENST1.3");
        assert!(r.mane_select && e.mane_select && e.canonical && !r.canonical);
        assert_eq!(r.gene_symbol.as_deref(), Some("TESTG"));
        assert_eq!(e.gene_symbol.as_deref(), Some("TESTG"));
        assert_eq!(r.gene_id.as_deref(), Some("gene-TESTG"));
        assert_eq!(r.protein_id.as_deref(), Some("NP_000001.1"));
        assert_eq!((r.contig.as_str(), e.contig.as_str()), ("chr1", "chr1"));
        assert_eq!(r.exons, e.exons);
        // GTF's stop codon joins its CDS part: the coding parts match GFF3's, phases included.
        assert_eq!(r.coding, e.coding);
        assert_eq!(
            r.coding[1].phase, 1,
            "50 bases before it leave one base to finish a codon"
        );
        assert_eq!(gff3.genes[0].symbol.as_deref(), Some("TESTG"));
        assert_eq!(gtf.genes[0].gene_id, "ENSG1");
    }

    #[test]
    fn a_self_contradicting_file_is_refused_at_its_line() {
        let overlapping = GFF3.replace("exon\t300\t400", "exon\t180\t400");
        let refused = read("overlap.gff3", &overlapping);
        assert!(
            matches!(refused, Err(GeneModelError::Line { line: 7, ref problem, .. }) if problem.contains("overlap")),
            "{refused:?}"
        );
        let outside = GFF3.replace("CDS\t300\t351", "CDS\t300\t450");
        let refused = read("outside.gff3", &outside);
        assert!(
            matches!(refused, Err(GeneModelError::Line { line: 9, ref problem, .. }) if problem.contains("outside its exons")),
            "{refused:?}"
        );
        let twice = format!("{GFF3}chr1\tBestRefSeq\tgene\t100\t400\t.\t+\t.\tID=gene-TESTG\n");
        assert!(matches!(
            read("twice.gff3", &twice),
            Err(GeneModelError::Line { line: 10, .. })
        ));
        assert!(matches!(
            read("bed.gff3", "chr1\t10\t20\n"),
            Err(GeneModelError::File { .. })
        ));
    }
}
