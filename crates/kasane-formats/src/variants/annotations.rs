//! Transcript annotations already in a VCF — Ensembl VEP's `CSQ` and SnpEff's `ANN` — read per
//! transcript and matched to each split allele, so a VEP-annotated file is interpretable before
//! Kasane computes its own consequences.

use crate::text::split_at;

/// Which annotator wrote a transcript annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationSource {
    /// Ensembl VEP (`INFO/CSQ`).
    Vep,
    /// SnpEff (`INFO/ANN`).
    SnpEff,
}

/// One transcript's annotation of one allele.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TranscriptAnnotation {
    /// HGNC symbol (`SYMBOL` / `Gene_Name`).
    pub gene: String,
    /// Gene ID (`Gene` / `Gene_ID`).
    pub gene_id: String,
    /// Transcript ID with version (`Feature` / `Feature_ID`).
    pub transcript: String,
    /// Biotype.
    pub biotype: String,
    /// Sequence Ontology terms joined by `&`.
    pub consequence: String,
    /// `HIGH`, `MODERATE`, `LOW` or `MODIFIER`.
    pub impact: String,
    /// Exon number as `n/total`.
    pub exon: String,
    /// Intron number as `n/total`.
    pub intron: String,
    /// HGVS c./n. (percent-escapes decoded).
    pub hgvs_c: String,
    /// HGVS p. (percent-escapes decoded: VEP writes `p.%3D` for `p.=`).
    pub hgvs_p: String,
    /// MANE Select transcript (RefSeq NM_) when this transcript is one.
    pub mane_select: String,
    /// Whether the annotator marks the transcript canonical.
    pub canonical: bool,
}

/// Where each field sits in one annotator's `|`-separated format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationFormat {
    /// Which annotator.
    pub source: AnnotationSource,
    allele: Option<usize>,
    allele_num: Option<usize>,
    consequence: Option<usize>,
    impact: Option<usize>,
    gene: Option<usize>,
    gene_id: Option<usize>,
    transcript: Option<usize>,
    biotype: Option<usize>,
    exon: Option<usize>,
    intron: Option<usize>,
    hgvs_c: Option<usize>,
    hgvs_p: Option<usize>,
    mane_select: Option<usize>,
    canonical: Option<usize>,
}

impl AnnotationFormat {
    /// Reads the field list from the header description of `CSQ` (`… Format: Allele|…`) or
    /// `ANN` (`Functional annotations: 'Allele | Annotation | …'`); `None` when it has none.
    pub fn from_description(key: &str, description: &str) -> Option<Self> {
        let source = match key {
            "CSQ" => AnnotationSource::Vep,
            "ANN" => AnnotationSource::SnpEff,
            _ => return None,
        };
        let list = description
            .split_once("Format:")
            .or_else(|| description.split_once("annotations:"))?
            .1;
        let fields: Vec<String> = list
            .trim()
            .trim_matches(['\'', '"', ' '])
            .split('|')
            .map(|f| f.trim().to_string())
            .collect();
        let at = |names: &[&str]| fields.iter().position(|f| names.contains(&f.as_str()));
        Some(Self {
            source,
            allele: at(&["Allele"]),
            allele_num: at(&["ALLELE_NUM"]),
            consequence: at(&["Consequence", "Annotation"]),
            impact: at(&["IMPACT", "Annotation_Impact"]),
            gene: at(&["SYMBOL", "Gene_Name"]),
            gene_id: at(&["Gene", "Gene_ID"]),
            transcript: at(&["Feature", "Feature_ID"]),
            biotype: at(&["BIOTYPE", "Transcript_BioType"]),
            exon: at(&["EXON", "Rank"]),
            intron: at(&["INTRON"]),
            hgvs_c: at(&["HGVSc", "HGVS.c"]),
            hgvs_p: at(&["HGVSp", "HGVS.p"]),
            mane_select: at(&["MANE_SELECT", "MANE"]),
            canonical: at(&["CANONICAL"]),
        })
    }

    /// The annotations of allele `alt_index` (1 = first ALT) in one record's raw value.
    /// `allele_text` is how this annotator writes that allele (see [`vep_allele_strings`]).
    pub fn for_allele(
        &self,
        raw: &str,
        alt_index: usize,
        allele_text: &str,
    ) -> Vec<TranscriptAnnotation> {
        split_at(raw, b',')
            .filter_map(|entry| {
                let fields: Vec<&str> = split_at(entry, b'|').collect();
                let get = |i: Option<usize>| i.and_then(|i| fields.get(i)).copied().unwrap_or("");
                let matches = match self.allele_num.map(|i| get(Some(i))) {
                    Some(number) if !number.is_empty() => number.parse() == Ok(alt_index),
                    _ => get(self.allele) == allele_text,
                };
                if !matches {
                    return None;
                }
                let transcript = get(self.transcript);
                let mane = get(self.mane_select);
                Some(TranscriptAnnotation {
                    gene: get(self.gene).to_string(),
                    gene_id: get(self.gene_id).to_string(),
                    transcript: transcript.to_string(),
                    biotype: get(self.biotype).to_string(),
                    consequence: get(self.consequence).to_string(),
                    impact: get(self.impact).to_string(),
                    exon: get(self.exon).to_string(),
                    intron: get(self.intron).to_string(),
                    hgvs_c: percent_decoded(get(self.hgvs_c)),
                    hgvs_p: percent_decoded(get(self.hgvs_p)),
                    mane_select: mane.to_string(),
                    canonical: get(self.canonical) == "YES",
                })
            })
            .collect()
    }
}

/// How VEP writes each ALT of a record in its `Allele` field: when every allele (REF and all
/// ALTs) starts with the same base, that base is removed and an emptied allele becomes `-`.
pub fn vep_allele_strings(reference: &str, alts: &[&str]) -> Vec<String> {
    let first = reference.as_bytes().first().copied();
    let shared = first.is_some_and(|b| b.is_ascii_alphabetic())
        && alts.iter().all(|a| {
            !a.starts_with('<') && a.as_bytes().first().copied() == first && !a.contains(['[', ']'])
        });
    alts.iter()
        .map(|a| {
            if shared {
                let rest = &a[1..];
                if rest.is_empty() {
                    "-".to_string()
                } else {
                    rest.to_string()
                }
            } else {
                (*a).to_string()
            }
        })
        .collect()
}

/// Decodes `%XX` escapes (VEP escapes `=`, `;` and `,` inside HGVS).
fn percent_decoded(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The transcript shown first for an allele: MANE Select, else the annotator's canonical
/// transcript, else the one with the most severe consequence (file order breaks ties).
pub fn representative(transcripts: &[TranscriptAnnotation]) -> Option<&TranscriptAnnotation> {
    let severity = |t: &TranscriptAnnotation| {
        kasane_core::consequence::most_severe(&t.consequence)
            .map_or(usize::MAX, kasane_core::consequence::severity_rank)
    };
    transcripts
        .iter()
        .find(|t| !t.mane_select.is_empty())
        .or_else(|| transcripts.iter().find(|t| t.canonical))
        .or_else(|| transcripts.iter().min_by_key(|t| severity(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VEP: &str = "Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|ALLELE_NUM|CANONICAL|MANE_SELECT";
    const SNPEFF: &str = "Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO' ";

    #[test]
    fn vep_entries_are_matched_by_allele_number() {
        let format = AnnotationFormat::from_description("CSQ", VEP).expect("a format");
        let raw = "G|missense_variant|MODERATE|TP53|ENSG00000141510|Transcript|ENST00000269305.9|protein_coding|5/11||ENST00000269305.9:c.524G>A|ENSP00000269305.4:p.Arg175His|1|YES|NM_000546.6,\
                   T|synonymous_variant|LOW|TP53|ENSG00000141510|Transcript|ENST00000269305.9|protein_coding|5/11||ENST00000269305.9:c.524G>T|ENSP00000269305.4:p.Arg175%3D|2|YES|NM_000546.6";
        let second = format.for_allele(raw, 2, "T");
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].hgvs_p, "ENSP00000269305.4:p.Arg175=");
        assert_eq!(second[0].mane_select, "NM_000546.6");
        let first = format.for_allele(raw, 1, "G");
        assert_eq!(first[0].consequence, "missense_variant");
        assert!(first[0].canonical);
    }

    #[test]
    fn snpeff_entries_are_matched_by_allele_text() {
        let format = AnnotationFormat::from_description("ANN", SNPEFF).expect("a format");
        assert_eq!(format.source, AnnotationSource::SnpEff);
        let raw = "A|stop_gained|HIGH|BRCA1|ENSG00000012048|transcript|ENST00000357654.9|protein_coding|10/23|c.3756C>A|p.Tyr1252*|3869/7088|3756/5592|1252/1863||,\
                   C|missense_variant|MODERATE|BRCA1|ENSG00000012048|transcript|ENST00000357654.9|protein_coding|10/23|c.3756C>G|p.Tyr1252Ter|||||";
        let hits = format.for_allele(raw, 1, "A");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (
                hits[0].gene.as_str(),
                hits[0].exon.as_str(),
                hits[0].hgvs_c.as_str()
            ),
            ("BRCA1", "10/23", "c.3756C>A")
        );
    }

    #[test]
    fn vep_writes_indel_alleles_without_their_shared_first_base() {
        assert_eq!(
            vep_allele_strings("CAG", &["C", "CAGAG"]),
            vec!["-", "AGAG"]
        );
        assert_eq!(vep_allele_strings("C", &["T", "CA"]), vec!["T", "CA"]);
        assert_eq!(vep_allele_strings("C", &["<DEL>"]), vec!["<DEL>"]);
        assert_eq!(
            vep_allele_strings("é", &["éA"]),
            vec!["éA"],
            "never split inside a character"
        );
    }

    #[test]
    fn the_representative_transcript() {
        let t = |consequence: &str, mane: &str, canonical: bool| TranscriptAnnotation {
            consequence: consequence.into(),
            mane_select: mane.into(),
            canonical,
            ..TranscriptAnnotation::default()
        };
        let list = [
            t("intron_variant", "", false),
            t("stop_gained", "", false),
            t("missense_variant", "NM_1.1", false),
        ];
        assert_eq!(
            representative(&list).map(|r| r.mane_select.as_str()),
            Some("NM_1.1")
        );
        let list = [t("intron_variant", "", true), t("stop_gained", "", false)];
        assert!(representative(&list).is_some_and(|r| r.canonical));
        let list = [
            t("intron_variant", "", false),
            t("splice_region_variant&intron_variant", "", false),
        ];
        assert_eq!(
            representative(&list).map(|r| r.consequence.as_str()),
            Some("splice_region_variant&intron_variant")
        );
        assert_eq!(representative(&[]), None);
    }
}
