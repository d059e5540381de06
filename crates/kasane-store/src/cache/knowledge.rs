//! The gene-level knowledge tables in a cache: written by the builder, read back by gene.

use rusqlite::params;

use kasane_core::knowledge::{
    CancerGeneRole, DiagnosticFusion, DosageLocation, DosageScore, DosageSensitivity,
    GeneDiseaseValidity, GeneKnowledge, GeneMetaboliteLink, MethylationMarker, ReportableVariants,
    SecondaryFindingGene,
};

use super::{AnnotationCache, CacheError, CacheWriter, sqlite};

impl CacheWriter {
    /// Stores one diagnostic fusion of the table `source`.
    pub fn insert_fusion(&mut self, source: &str, f: &DiagnosticFusion) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        self.conn()?
            .prepare_cached("INSERT INTO knowledge_fusions VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .and_then(|mut s| {
                s.execute(params![
                    source,
                    f.entity,
                    f.tumour,
                    f.five_prime,
                    f.three_prime,
                    f.rearrangement
                ])
            })
            .map_err(sqlite(&temp))?;
        Ok(())
    }

    /// Stores one gene–disease validity curation of the summary `source`.
    pub fn insert_validity(
        &mut self,
        source: &str,
        v: &GeneDiseaseValidity,
    ) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        self.conn()?
            .prepare_cached(
                "INSERT INTO knowledge_gene_validity VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    source,
                    v.gene,
                    v.disease,
                    v.mondo,
                    v.inheritance,
                    v.classification,
                    v.classified_on
                ])
            })
            .map_err(sqlite(&temp))?;
        Ok(())
    }

    /// Stores one cancer gene role of the list `source`.
    pub fn insert_cancer_role(
        &mut self,
        source: &str,
        r: &CancerGeneRole,
    ) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        self.conn()?
            .prepare_cached("INSERT INTO knowledge_gene_roles VALUES (?1, ?2, ?3, ?4)")
            .and_then(|mut s| s.execute(params![source, r.gene, r.oncogene, r.tumour_suppressor]))
            .map_err(sqlite(&temp))?;
        Ok(())
    }

    /// Stores one methylation marker of the table `source`.
    pub fn insert_methylation_marker(
        &mut self,
        source: &str,
        m: &MethylationMarker,
    ) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        self.conn()?
            .prepare_cached(
                "INSERT INTO knowledge_methylation VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    source,
                    m.marker,
                    m.gene,
                    m.contig,
                    m.start as i64,
                    m.end as i64,
                    m.methylated_at_least,
                    m.unmethylated_at_most,
                    m.min_coverage,
                    m.clinical_use,
                    m.basis
                ])
            })
            .map_err(sqlite(&temp))?;
        Ok(())
    }

    /// Stores one gene–metabolite link of the table `source`.
    pub fn insert_metabolite_link(
        &mut self,
        source: &str,
        l: &GeneMetaboliteLink,
    ) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        self.conn()?
            .prepare_cached("INSERT INTO knowledge_metabolites VALUES (?1, ?2, ?3, ?4, ?5)")
            .and_then(|mut s| s.execute(params![source, l.gene, l.metabolite, l.change, l.context]))
            .map_err(sqlite(&temp))?;
        Ok(())
    }

    /// Stores one secondary-findings gene–condition row of the table `source`.
    pub fn insert_secondary_finding(
        &mut self,
        source: &str,
        g: &SecondaryFindingGene,
    ) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        self.conn()?
            .prepare_cached(
                "INSERT INTO knowledge_secondary_findings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    source,
                    g.gene,
                    g.hgnc_id,
                    g.condition,
                    g.category,
                    g.inheritance,
                    g.reportable.code(),
                    g.listed_since,
                    g.note
                ])
            })
            .map_err(sqlite(&temp))?;
        Ok(())
    }

    /// Stores ClinGen's dosage curation of one gene from the table `source`.
    pub fn insert_dosage(&mut self, source: &str, d: &DosageSensitivity) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        let list = |pmids: &[String]| {
            serde_json::to_string(pmids).map_err(|e| CacheError::NotACache {
                path: temp.clone(),
                problem: format!("{}: its citations cannot be stored: {e}", d.gene),
            })
        };
        let (hi_pmids, ts_pmids) = (
            list(&d.haploinsufficiency_pmids)?,
            list(&d.triplosensitivity_pmids)?,
        );
        let location = d.location.as_ref();
        self.conn()?
            .prepare_cached(
                "INSERT INTO knowledge_dosage VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    source,
                    d.gene,
                    d.ncbi_gene_id,
                    d.cytoband,
                    location.map(|l| l.contig.as_str()),
                    location.map(|l| l.start as i64),
                    location.map(|l| l.end as i64),
                    d.haploinsufficiency.code(),
                    d.haploinsufficiency_disease,
                    hi_pmids,
                    d.triplosensitivity.code(),
                    d.triplosensitivity_disease,
                    ts_pmids,
                    d.last_evaluated
                ])
            })
            .map_err(sqlite(&temp))?;
        Ok(())
    }
}

impl AnnotationCache {
    /// What the knowledge tables say about one gene (empty for a cache without them).
    pub fn gene_knowledge(&self, gene: &str) -> Result<GeneKnowledge, CacheError> {
        let mut knowledge = GeneKnowledge {
            gene: gene.to_string(),
            ..GeneKnowledge::default()
        };
        if !self.has_table("knowledge_fusions")? {
            return Ok(knowledge);
        }
        let at = sqlite(&self.path);
        knowledge.fusions = self
            .conn
            .prepare_cached(
                "SELECT entity, tumour, five_prime, three_prime, rearrangement
                 FROM knowledge_fusions WHERE five_prime = ?1 OR three_prime = ?1 ORDER BY rowid",
            )
            .and_then(|mut s| {
                s.query_map([gene], |row| {
                    Ok(DiagnosticFusion {
                        entity: row.get(0)?,
                        tumour: row.get(1)?,
                        five_prime: row.get(2)?,
                        three_prime: row.get(3)?,
                        rearrangement: row.get(4)?,
                    })
                })?
                .collect()
            })
            .map_err(&at)?;
        knowledge.methylation_markers = self
            .conn
            .prepare_cached(
                "SELECT marker, gene, contig, start, end, methylated_at_least,
                 unmethylated_at_most, min_coverage, clinical_use, basis
                 FROM knowledge_methylation WHERE gene = ?1 ORDER BY rowid",
            )
            .and_then(|mut s| {
                s.query_map([gene], |row| {
                    Ok(MethylationMarker {
                        marker: row.get(0)?,
                        gene: row.get(1)?,
                        contig: row.get(2)?,
                        start: row.get::<_, i64>(3)? as u64,
                        end: row.get::<_, i64>(4)? as u64,
                        methylated_at_least: row.get(5)?,
                        unmethylated_at_most: row.get(6)?,
                        min_coverage: row.get(7)?,
                        clinical_use: row.get(8)?,
                        basis: row.get(9)?,
                    })
                })?
                .collect()
            })
            .map_err(&at)?;
        knowledge.metabolites = self
            .conn
            .prepare_cached(
                "SELECT gene, metabolite, change, context FROM knowledge_metabolites
                 WHERE gene = ?1 ORDER BY rowid",
            )
            .and_then(|mut s| {
                s.query_map([gene], |row| {
                    Ok(GeneMetaboliteLink {
                        gene: row.get(0)?,
                        metabolite: row.get(1)?,
                        change: row.get(2)?,
                        context: row.get(3)?,
                    })
                })?
                .collect()
            })
            .map_err(&at)?;
        if self.has_table("knowledge_secondary_findings")? {
            knowledge.secondary_findings = self.secondary_findings(gene)?;
        }
        if self.has_table("knowledge_dosage")? {
            knowledge.dosage = self.dosage(gene)?;
        }
        if self.has_table("knowledge_gene_roles")? {
            knowledge.cancer_role = self
                .conn
                .prepare_cached(
                    "SELECT gene, oncogene, tumour_suppressor FROM knowledge_gene_roles
                     WHERE gene = ?1 ORDER BY rowid LIMIT 1",
                )
                .and_then(|mut s| {
                    s.query_map([gene], |row| {
                        Ok(CancerGeneRole {
                            gene: row.get(0)?,
                            oncogene: row.get(1)?,
                            tumour_suppressor: row.get(2)?,
                        })
                    })?
                    .next()
                    .transpose()
                })
                .map_err(&at)?;
        }
        if self.has_table("knowledge_gene_validity")? {
            knowledge.validity = self
                .conn
                .prepare_cached(
                    "SELECT gene, disease, mondo, inheritance, classification, classified_on
                     FROM knowledge_gene_validity WHERE gene = ?1 ORDER BY rowid",
                )
                .and_then(|mut s| {
                    s.query_map([gene], |row| {
                        Ok(GeneDiseaseValidity {
                            gene: row.get(0)?,
                            disease: row.get(1)?,
                            mondo: row.get(2)?,
                            inheritance: row.get(3)?,
                            classification: row.get(4)?,
                            classified_on: row.get(5)?,
                        })
                    })?
                    .collect()
                })
                .map_err(&at)?;
        }
        Ok(knowledge)
    }

    /// Whether the cache holds a cancer gene list (so a gene it does not name is known not to
    /// be listed, rather than unknown).
    pub fn has_cancer_gene_roles(&self) -> Result<bool, CacheError> {
        if !self.has_table("knowledge_gene_roles")? {
            return Ok(false);
        }
        self.conn
            .query_row("SELECT count(*) > 0 FROM knowledge_gene_roles", [], |row| {
                row.get(0)
            })
            .map_err(sqlite(&self.path))
    }

    /// ClinGen's dosage curation of one gene; a score or citation list this build cannot read
    /// is a damaged or newer cache, not a curation to show without its meaning.
    /// The genes with a ClinGen dosage curation whose location overlaps `start..=end` on
    /// `contig` (none when the cache holds no curations).
    pub fn dosage_genes_overlapping(
        &self,
        contig: &str,
        start: u64,
        end: u64,
    ) -> Result<Vec<String>, CacheError> {
        if !self.has_table("knowledge_dosage")? {
            return Ok(Vec::new());
        }
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT gene FROM knowledge_dosage
                 WHERE contig = ?1 AND start <= ?3 AND end >= ?2 ORDER BY start, gene",
            )
            .map_err(sqlite(&self.path))?;
        statement
            .query_map(params![contig, start as i64, end as i64], |row| row.get(0))
            .and_then(|rows| rows.collect())
            .map_err(sqlite(&self.path))
    }

    fn dosage(&self, gene: &str) -> Result<Option<DosageSensitivity>, CacheError> {
        /// The stored texts that need reading before they are a curation.
        struct Coded {
            scores: [String; 2],
            pmids: [String; 2],
            location: (Option<String>, Option<i64>, Option<i64>),
        }
        let found = self
            .conn
            .prepare_cached(
                "SELECT gene, ncbi_gene_id, cytoband, haploinsufficiency_disease,
                 triplosensitivity_disease, last_evaluated, haploinsufficiency,
                 triplosensitivity, haploinsufficiency_pmids, triplosensitivity_pmids, contig,
                 start, end FROM knowledge_dosage WHERE gene = ?1 ORDER BY rowid LIMIT 1",
            )
            .and_then(|mut s| {
                s.query_map([gene], |row| {
                    Ok((
                        DosageSensitivity {
                            gene: row.get(0)?,
                            ncbi_gene_id: row.get(1)?,
                            cytoband: row.get(2)?,
                            location: None,
                            haploinsufficiency: DosageScore::NotYetEvaluated,
                            haploinsufficiency_disease: row.get(3)?,
                            haploinsufficiency_pmids: Vec::new(),
                            triplosensitivity: DosageScore::NotYetEvaluated,
                            triplosensitivity_disease: row.get(4)?,
                            triplosensitivity_pmids: Vec::new(),
                            last_evaluated: row.get(5)?,
                        },
                        Coded {
                            scores: [row.get(6)?, row.get(7)?],
                            pmids: [row.get(8)?, row.get(9)?],
                            location: (row.get(10)?, row.get(11)?, row.get(12)?),
                        },
                    ))
                })?
                .next()
                .transpose()
            })
            .map_err(sqlite(&self.path))?;
        let Some((mut curation, coded)) = found else {
            return Ok(None);
        };
        let damaged = |what: String| CacheError::NotACache {
            path: self.path.clone(),
            problem: format!(
                "its ClinGen dosage row for {gene} has {what} this Kasane cannot read; rebuild the cache or update Kasane"
            ),
        };
        let score = |code: &str| {
            DosageScore::from_code(code).ok_or_else(|| damaged(format!("the score {code:?}")))
        };
        let pmids = |text: &str| -> Result<Vec<String>, CacheError> {
            serde_json::from_str(text).map_err(|_| damaged("a citation list".into()))
        };
        curation.haploinsufficiency = score(&coded.scores[0])?;
        curation.triplosensitivity = score(&coded.scores[1])?;
        curation.haploinsufficiency_pmids = pmids(&coded.pmids[0])?;
        curation.triplosensitivity_pmids = pmids(&coded.pmids[1])?;
        curation.location = match coded.location {
            (Some(contig), Some(start), Some(end)) => Some(DosageLocation {
                contig,
                start: start as u64,
                end: end as u64,
            }),
            (None, None, None) => None,
            _ => return Err(damaged("a partial location".into())),
        };
        Ok(Some(curation))
    }

    /// The secondary-findings rows of one gene; a report code this build does not know is a
    /// damaged or newer cache, not a row to show without its meaning.
    fn secondary_findings(&self, gene: &str) -> Result<Vec<SecondaryFindingGene>, CacheError> {
        let rows: Vec<(SecondaryFindingGene, String)> = self
            .conn
            .prepare_cached(
                "SELECT gene, hgnc_id, condition, category, inheritance, report, listed_since, note
                 FROM knowledge_secondary_findings WHERE gene = ?1 ORDER BY rowid",
            )
            .and_then(|mut s| {
                s.query_map([gene], |row| {
                    Ok((
                        SecondaryFindingGene {
                            gene: row.get(0)?,
                            hgnc_id: row.get(1)?,
                            condition: row.get(2)?,
                            category: row.get(3)?,
                            inheritance: row.get(4)?,
                            reportable: ReportableVariants::All,
                            listed_since: row.get(6)?,
                            note: row.get(7)?,
                        },
                        row.get::<_, String>(5)?,
                    ))
                })?
                .collect()
            })
            .map_err(sqlite(&self.path))?;
        rows.into_iter()
            .map(|(mut entry, code)| {
                entry.reportable = ReportableVariants::from_code(&code).ok_or_else(|| {
                    CacheError::NotACache {
                        path: self.path.clone(),
                        problem: format!(
                            "its secondary-findings row for {} has the report code {code:?}, which this Kasane does not know; rebuild the cache or update Kasane",
                            entry.gene
                        ),
                    }
                })?;
                Ok(entry)
            })
            .collect()
    }
}
