//! Sequence Ontology consequence terms in Ensembl VEP's order of severity, most severe first:
//! how one transcript's `splice_region_variant&intron_variant` is summarised, and how the
//! transcript shown first for a variant is chosen when none is MANE Select.

/// VEP's consequence terms, most severe first (Ensembl "Calculated variant consequences").
pub const VEP_SEVERITY_ORDER: [&str; 41] = [
    "transcript_ablation",
    "splice_acceptor_variant",
    "splice_donor_variant",
    "stop_gained",
    "frameshift_variant",
    "stop_lost",
    "start_lost",
    "transcript_amplification",
    "feature_elongation",
    "feature_truncation",
    "inframe_insertion",
    "inframe_deletion",
    "missense_variant",
    "protein_altering_variant",
    "splice_donor_5th_base_variant",
    "splice_region_variant",
    "splice_donor_region_variant",
    "splice_polypyrimidine_tract_variant",
    "incomplete_terminal_codon_variant",
    "start_retained_variant",
    "stop_retained_variant",
    "synonymous_variant",
    "coding_sequence_variant",
    "mature_miRNA_variant",
    "5_prime_UTR_variant",
    "3_prime_UTR_variant",
    "non_coding_transcript_exon_variant",
    "intron_variant",
    "NMD_transcript_variant",
    "non_coding_transcript_variant",
    "coding_transcript_variant",
    "upstream_gene_variant",
    "downstream_gene_variant",
    "TFBS_ablation",
    "TFBS_amplification",
    "TF_binding_site_variant",
    "regulatory_region_ablation",
    "regulatory_region_amplification",
    "regulatory_region_variant",
    "intergenic_variant",
    "sequence_variant",
];

/// The rank of a term (0 = most severe); unknown terms (SnpEff's own words, typos) rank after
/// every known one.
pub fn severity_rank(term: &str) -> usize {
    VEP_SEVERITY_ORDER
        .iter()
        .position(|t| *t == term)
        .unwrap_or(VEP_SEVERITY_ORDER.len())
}

/// The most severe of `&`-joined terms (`splice_region_variant&intron_variant` →
/// `splice_region_variant`); `None` for an empty text.
pub fn most_severe(terms: &str) -> Option<&str> {
    terms
        .split('&')
        .filter(|t| !t.is_empty())
        .min_by_key(|t| severity_rank(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_severe_term_wins() {
        assert_eq!(
            most_severe("splice_region_variant&intron_variant"),
            Some("splice_region_variant")
        );
        assert_eq!(
            most_severe("intron_variant&splice_donor_5th_base_variant&splice_region_variant"),
            Some("splice_donor_5th_base_variant")
        );
        assert_eq!(
            most_severe("missense_variant&stop_gained"),
            Some("stop_gained")
        );
        assert_eq!(
            most_severe("made_up&intron_variant"),
            Some("intron_variant")
        );
        assert_eq!(most_severe(""), None);
        assert!(severity_rank("splice_acceptor_variant") < severity_rank("splice_donor_variant"));
    }
}
