//! What the CLI prints: short human text, or the DTOs as JSON with `--json`.

use kasane_annotate::coding::CodingProblem;
use kasane_annotate::nmd::NmdPrediction;
use kasane_app::annotate::CaseAnnotationDto;
use kasane_app::annotate_vcf::AnnotateVcfDto;
use kasane_app::cache::{CacheBuiltDto, CacheDiffDto, CacheInfoDto, CacheVerifyDto};
use kasane_app::cache_signing::{CacheSignedDto, KeyPairDto, SignatureState, TrustedKeyDto};
use kasane_app::dto::{
    AuditEntryDto, CaseDto, CaseOverviewDto, LayerFileDto, NoteDto, SampleDto, WorkspaceInfoDto,
};
use kasane_app::installed_caches::InstalledCacheDto;
use kasane_app::panel::VariantPanelDto;
use kasane_app::sv_effects::{FusionDto, FusionPartnerDto, StructuralEffectDto};
use kasane_app::transcripts::{TranscriptCheckDto, TranscriptPositionDto, VariantEffectDto};
use kasane_app::variant_dto::{
    CaseQcDto, CellDto, ImportSummaryDto, VariantPageDto, VariantPresetDto, VariantTableInfoDto,
};
use kasane_core::annotation::{SourceKind, SourceManifest};
use kasane_core::gene_model::TranscriptLocation;
use kasane_core::knowledge::{
    CancerGeneRole, DosageSensitivity, GeneDiseaseValidity, GeneKnowledge,
};
use kasane_core::locus::with_thousands;
use serde::Serialize;

use crate::cli::TableFormat;

/// A number with thousands separators, as counts are shown to people.
fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn cell_text(cell: &CellDto) -> String {
    match cell {
        CellDto::Null => ".".into(),
        CellDto::Bool(b) => b.to_string(),
        CellDto::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        CellDto::Number(n) => n.to_string(),
        CellDto::Text(t) => t.replace(['\t', '\n'], " "),
    }
}

/// Printer for one invocation.
pub struct Output {
    /// Print JSON instead of text.
    pub json: bool,
}

fn or_dash(value: Option<&str>) -> &str {
    value.filter(|v| !v.is_empty()).unwrap_or("-")
}

fn build_text(file: &LayerFileDto) -> String {
    match (file.genome_build, file.genomic) {
        (Some(build), _) => build.to_string(),
        (None, true) => "not stated".into(),
        (None, false) => "n/a".into(),
    }
}

impl Output {
    pub(crate) fn print_json<T: Serialize>(&self, value: &T) -> anyhow::Result<()> {
        println!("{}", serde_json::to_string_pretty(value)?);
        Ok(())
    }

    /// After `workspace init`.
    pub fn workspace_init(&self, info: &WorkspaceInfoDto, created: bool) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(info);
        }
        let verb = if created {
            "Created"
        } else {
            "Already a workspace:"
        };
        println!("{verb} {} (schema {})", info.path, info.schema_version);
        Ok(())
    }

    /// `workspace info`.
    pub fn workspace_info(&self, info: &WorkspaceInfoDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(info);
        }
        println!("workspace      {}", info.path);
        println!("schema         {}", info.schema_version);
        println!("created        {}", info.created_at);
        println!(
            "cases          {} active, {} archived",
            info.active_cases, info.archived_cases
        );
        println!("layer files    {}", info.layer_files);
        println!("audit entries  {}", info.audit_entries);
        println!("journal        {}", info.journal_mode);
        println!("integrity      {}", info.integrity);
        Ok(())
    }

    /// After `case new` or `case load`.
    pub fn case_created(&self, case: &CaseDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(case);
        }
        let plural =
            |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        println!(
            "Created case {} ({}, {})",
            case.label,
            plural(case.samples, "sample", "samples"),
            plural(case.layer_files, "layer file", "layer files")
        );
        Ok(())
    }

    /// `case list`.
    pub fn case_list(&self, cases: &[CaseDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&cases);
        }
        if cases.is_empty() {
            println!("No cases yet; create one with `kasane case new LABEL`.");
            return Ok(());
        }
        println!(
            "{:<20} {:<9} {:>7} {:>5}  {:<24} diagnosis",
            "label", "status", "samples", "files", "created"
        );
        for case in cases {
            println!(
                "{:<20} {:<9} {:>7} {:>5}  {:<24} {}",
                case.label,
                case.status.as_str(),
                case.samples,
                case.layer_files,
                case.created_at,
                or_dash(case.diagnosis.as_deref())
            );
        }
        Ok(())
    }

    /// `case show`.
    pub fn case_overview(&self, overview: &CaseOverviewDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(overview);
        }
        let case = &overview.case;
        println!("case           {} ({})", case.label, case.status.as_str());
        println!("diagnosis      {}", or_dash(case.diagnosis.as_deref()));
        println!("tumour type    {}", or_dash(case.tumour_type.as_deref()));
        println!("SF consent     {}", case.consent.as_str());
        println!("created        {} by {}", case.created_at, case.created_by);
        println!("\nsamples ({})", overview.samples.len());
        for s in &overview.samples {
            println!(
                "  {:<16} {:<9} {}",
                s.label,
                s.role.as_str(),
                or_dash(s.timepoint.as_deref())
            );
        }
        println!("\nlayer files ({})", overview.layer_files.len());
        for f in &overview.layer_files {
            println!("  #{} {} {}", f.id, f.kind, f.file_name);
            println!(
                "      format {} | build {} | {} bytes",
                f.format,
                build_text(f),
                f.size_bytes
            );
            println!("      sha256 {}", f.sha256);
            println!(
                "      added {} by {} | sample {}",
                f.imported_at,
                f.imported_by,
                or_dash(f.sample_label.as_deref())
            );
            for warning in &f.warnings {
                println!("      warning: {warning}");
            }
        }
        println!("\nnotes ({})", overview.notes.len());
        for n in &overview.notes {
            println!("  {} {}: {}", n.created_at, n.author, n.body);
        }
        Ok(())
    }

    /// After `case archive`.
    pub fn case_archived(&self, case: &CaseDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(case);
        }
        println!("Archived case {}", case.label);
        Ok(())
    }

    /// After `case add-sample`.
    pub fn sample_added(&self, sample: &SampleDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(sample);
        }
        println!("Added {} sample {}", sample.role.as_str(), sample.label);
        Ok(())
    }

    /// After `case add-file`.
    pub fn file_added(&self, file: &LayerFileDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(file);
        }
        println!("Added {} #{}: {}", file.kind, file.id, file.path);
        println!("  format  {}", file.format);
        match &file.build_source {
            Some(source) => println!("  build   {} (from {source})", build_text(file)),
            None => println!("  build   {}", build_text(file)),
        }
        println!("  size    {} bytes", file.size_bytes);
        println!("  sha256  {}", file.sha256);
        for warning in &file.warnings {
            println!("  warning {warning}");
        }
        Ok(())
    }

    /// After `case note`.
    pub fn note_added(&self, note: &NoteDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(note);
        }
        println!("Added note by {} at {}", note.author, note.created_at);
        Ok(())
    }

    /// After `case consent`.
    pub fn consent_set(&self, case: &CaseDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(case);
        }
        println!(
            "Secondary-findings consent of {}: {}",
            case.label, case.consent
        );
        Ok(())
    }

    /// `audit`.
    pub fn audit(&self, entries: &[AuditEntryDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&entries);
        }
        for e in entries {
            let actor = match &e.actor_role {
                Some(role) => format!("{} ({role})", e.actor),
                None => e.actor.clone(),
            };
            println!(
                "{} {:<12} {:<18} {:<16} {}",
                e.at,
                actor,
                e.action,
                or_dash(e.case_label.as_deref()),
                e.details
            );
        }
        Ok(())
    }
}

impl Output {
    /// After `case import`.
    pub fn variants_imported(&self, summary: &ImportSummaryDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(summary);
        }
        println!(
            "Imported {} alleles into the variant table of {}{}",
            count(summary.rows),
            summary.case_label,
            if summary.unchanged {
                " (identical to the previous import)"
            } else {
                ""
            }
        );
        println!(
            "  genome build  {}",
            summary
                .genome_build
                .map_or("not stated".into(), |b| b.to_string())
        );
        println!(
            "  reference     {}",
            summary
                .reference
                .as_deref()
                .unwrap_or("none (indels not left-aligned)")
        );
        for file in &summary.files {
            println!("  {} ({})", file.path, file.kind);
            println!(
                "    records read {}, alleles after split {}, multi-allelic records {}, realigned {}",
                count(file.records),
                count(file.alleles),
                count(file.multiallelic_records),
                count(file.realigned)
            );
            if file.not_left_aligned > 0 {
                println!(
                    "    {} indels not left-aligned: give --reference FASTA to normalise them",
                    count(file.not_left_aligned)
                );
            }
            if !file.samples.is_empty() {
                println!("    samples {}", file.samples.join(", "));
            }
            let skipped: u64 = file.skipped.iter().map(|s| s.count).sum();
            if skipped > 0 {
                let reasons: Vec<String> = file
                    .skipped
                    .iter()
                    .map(|s| format!("{} {}", count(s.count), s.reason))
                    .collect();
                println!("    skipped {}: {}", count(skipped), reasons.join("; "));
            } else {
                println!("    skipped 0");
            }
            if file.dropped_values > 0 {
                println!(
                    "    {} malformed INFO/FORMAT values dropped",
                    count(file.dropped_values)
                );
            }
            if !file.undeclared_info.is_empty() {
                println!(
                    "    INFO keys not declared in the header (not kept): {}",
                    file.undeclared_info.join(", ")
                );
            }
        }
        Ok(())
    }

    /// A page of `kasane variants`; `header` prints the TSV header line and its notes,
    /// `paged` says that rows beyond the page are left out (not so under `--all`).
    pub fn variant_page(
        &self,
        page: &VariantPageDto,
        format: TableFormat,
        header: bool,
        paged: bool,
    ) -> anyhow::Result<()> {
        if format == TableFormat::Json {
            return self.print_json(page);
        }
        use std::io::Write;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        if header {
            writeln!(out, "{}", page.columns.join("\t"))?;
        }
        for row in &page.rows {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            writeln!(out, "{}", cells.join("\t"))?;
        }
        out.flush()?;
        if header && page.hidden_secondary_findings > 0 {
            eprintln!(
                "{} more rows lie in ACMG secondary-findings genes and are hidden: the case has no consent to secondary findings (`kasane case consent CASE consented` once the patient agrees)",
                count(page.hidden_secondary_findings)
            );
        }
        if header && paged && page.total as usize > page.rows.len() {
            eprintln!(
                "{} of {} rows shown (from row {}); use --offset/--limit or --all for more",
                count(page.rows.len() as u64),
                count(page.total),
                page.offset
            );
        }
        Ok(())
    }

    /// `kasane variants --list-columns`.
    pub fn variant_columns(
        &self,
        info: &VariantTableInfoDto,
        format: TableFormat,
    ) -> anyhow::Result<()> {
        if format == TableFormat::Json || self.json {
            return self.print_json(info);
        }
        println!(
            "{} rows, imported {} by {}",
            count(info.rows),
            info.imported_at,
            info.imported_by
        );
        for column in &info.columns {
            println!("{}\t{}", column.name, column.kind);
        }
        Ok(())
    }

    /// `kasane preset list`.
    pub fn presets(&self, presets: &[VariantPresetDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&presets);
        }
        if presets.is_empty() {
            println!(
                "No presets; save one with `kasane variants CASE --filter … --save-preset NAME`"
            );
        }
        for preset in presets {
            println!(
                "{}\t{}\t(saved {} by {})",
                preset.name,
                serde_json::to_string(&preset.query)?,
                preset.saved_at,
                preset.saved_by
            );
        }
        Ok(())
    }

    /// After `kasane preset delete`.
    pub fn preset_deleted(&self, name: &str) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&serde_json::json!({ "deleted": name }));
        }
        println!("Deleted preset {name:?}");
        Ok(())
    }
}

/// `items` joined by `separator`, or `none` when there are none: an empty value after its
/// label reads as a fault.
fn joined_or_none(items: &[String], separator: &str) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(separator)
    }
}

impl Output {
    /// `kasane case qc`.
    pub fn case_qc(&self, qc: &CaseQcDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(qc);
        }
        let ratio = |r: Option<f64>| r.map_or("n/a".to_string(), |r| format!("{r:.2}"));
        println!("QC of {}", qc.case_label);
        println!(
            "  alleles {} (carried {}, PASS {})",
            count(qc.alleles),
            count(qc.carried),
            count(qc.passing)
        );
        let classes: Vec<String> = qc
            .by_class
            .iter()
            .map(|c| format!("{} {}", c.label, count(c.count)))
            .collect();
        println!("  by class      {}", joined_or_none(&classes, ", "));
        println!(
            "  Ti/Tv         {} ({} transitions, {} transversions)",
            ratio(qc.ti_tv),
            count(qc.transitions),
            count(qc.transversions)
        );
        println!(
            "  het/hom       {} ({} het, {} hom)",
            ratio(qc.het_hom),
            count(qc.het),
            count(qc.hom)
        );
        println!("  sex check     {}: {}", qc.sex.call, qc.sex.reason);
        let contigs: Vec<String> = qc
            .by_contig
            .iter()
            .map(|c| format!("{} {}", c.label, count(c.count)))
            .collect();
        println!("  by chromosome {}", joined_or_none(&contigs, ", "));
        let indels: Vec<String> = qc
            .indel_lengths
            .iter()
            .map(|c| format!("{}:{}", c.label, count(c.count)))
            .collect();
        println!("  indel lengths {}", joined_or_none(&indels, " "));
        let vaf: Vec<String> = if qc.vaf_histogram.iter().all(|c| c.count == 0) {
            Vec::new()
        } else {
            qc.vaf_histogram.iter().map(|c| count(c.count)).collect()
        };
        println!("  VAF by 0.05   {}", joined_or_none(&vaf, " "));
        Ok(())
    }

    /// After `cache build`.
    pub fn cache_built(&self, built: &CacheBuiltDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(built);
        }
        println!("built {} ({})", built.path, built.genome_build);
        for source in &built.sources {
            source_line(&source.manifest);
            if source.not_left_aligned > 0 {
                println!(
                    "    {} indels not left-aligned (no --reference)",
                    count(source.not_left_aligned)
                );
            }
            for (reason, n) in &source.skipped {
                println!("    skipped {}: {reason}", count(*n));
            }
        }
        println!("content sha256 {}", built.content_sha256);
        Ok(())
    }

    /// `cache info`.
    pub fn cache_info(&self, info: &CacheInfoDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(info);
        }
        println!("cache           {}", info.path);
        println!("genome build    {}", info.summary.genome_build);
        println!(
            "built           {} by {}",
            info.summary.built_at, info.summary.builder_version
        );
        println!("format version  {}", info.summary.format_version);
        println!("content sha256  {}", info.summary.content_sha256);
        println!(
            "reference       {}",
            info.summary
                .reference
                .as_deref()
                .unwrap_or("none (indels not left-aligned)")
        );
        println!("ClinVar facts   {}", count(info.summary.clinvar_records));
        println!("frequency facts {}", count(info.summary.frequency_records));
        println!(
            "gene models     {} genes, {} transcripts",
            count(info.summary.genes),
            count(info.summary.transcripts)
        );
        println!("sources:");
        for source in &info.summary.sources {
            source_line(source);
        }
        Ok(())
    }

    /// `cache diff`: one line per changed variation.
    pub fn cache_diff(&self, diff: &CacheDiffDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(diff);
        }
        let (old, new) = &diff.clinvar_releases;
        println!(
            "ClinVar {old} → {new}: {} changed",
            count(diff.changes.len() as u64)
        );
        for c in &diff.changes {
            let stars = |s: Option<u8>| s.map_or("-".to_string(), |s| format!("{s}★"));
            println!(
                "{}\t{}\tVCV {}\t{}\t{} ({}) → {} ({})",
                c.kind.as_str(),
                c.key,
                or_dash(c.variation_id.as_deref()),
                or_dash(c.genes.as_deref()),
                or_dash(c.old_significance.as_deref()),
                stars(c.old_stars),
                or_dash(c.new_significance.as_deref()),
                stars(c.new_stars)
            );
            if let Some(cases) = diff.held_by.get(&c.key) {
                println!("\t  held by {}", cases.join(", "));
            }
            for k in diff.classified.get(&c.key).into_iter().flatten() {
                let signed = match &k.signed_off_by {
                    Some(who) => format!("signed off by {who}"),
                    None => "not signed off".to_string(),
                };
                println!(
                    "\t  classified in {} (version {}): {} — {signed}; look at it again",
                    k.case_label, k.version, k.class
                );
            }
        }
        match diff.cases_searched {
            Some(searched) => println!(
                "{} of the changed variants are held by cases of this workspace (cases searched: {})",
                count(diff.held_by.len() as u64),
                count(searched)
            ),
            None => println!(
                "no workspace searched: give --workspace DIR to list the cases holding them"
            ),
        }
        Ok(())
    }

    /// `cache verify`.
    pub fn cache_verified(&self, verified: &CacheVerifyDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(verified);
        }
        println!(
            "{}: {}",
            verified.path,
            if verified.sound { "sound" } else { "FAILED" }
        );
        println!("  SQLite integrity  {}", verified.integrity);
        println!("  recorded content  {}", verified.recorded_sha256);
        println!("  computed content  {}", verified.computed_sha256);
        let s = &verified.signature;
        let signer = || {
            format!(
                "by {} on {}",
                s.fingerprint.as_deref().unwrap_or("?"),
                s.signed_at.as_deref().unwrap_or("?")
            )
        };
        let verdict = match s.state {
            SignatureState::Unsigned if verified.signature_required => {
                "none, but one is required".to_string()
            }
            SignatureState::Unsigned => "none".to_string(),
            SignatureState::Trusted => format!("trusted, {}", signer()),
            SignatureState::Untrusted => format!("NOT TRUSTED, {}", signer()),
            SignatureState::Invalid => {
                format!("INVALID: {}", s.problem.as_deref().unwrap_or("?"))
            }
        };
        println!("  signature         {verdict}");
        Ok(())
    }

    /// `cache keygen`: the two key files.
    pub fn key_pair(&self, pair: &KeyPairDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(pair);
        }
        println!("Key {} written:", pair.fingerprint);
        println!(
            "  secret  {} (keep it at the signing site; never copy it out)",
            pair.secret_key
        );
        println!(
            "  public  {} (give it to the sites that check your caches)",
            pair.public_key
        );
        Ok(())
    }

    /// `cache sign`: the signature written.
    pub fn cache_signed(&self, signed: &CacheSignedDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(signed);
        }
        println!(
            "Signed {} with key {} → {}",
            signed.path, signed.fingerprint, signed.signature_file
        );
        println!("  file sha256  {}", signed.file_sha256);
        Ok(())
    }

    /// `cache trust`: the key now trusted.
    pub fn key_trusted(&self, key: &TrustedKeyDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(key);
        }
        println!(
            "Trusted key {} ({}); caches must now be signed by a trusted key to be used",
            key.fingerprint, key.name
        );
        Ok(())
    }

    /// `cache keys`: every trusted key.
    pub fn trusted_keys(&self, keys: &[TrustedKeyDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&keys);
        }
        if keys.is_empty() {
            println!("no trusted keys; any intact cache can be used (see `kasane cache trust`)");
        }
        for key in keys {
            println!("{}  {}", key.fingerprint, key.name);
        }
        Ok(())
    }

    /// `cache use`: the cache now active.
    pub fn cache_used(&self, info: &CacheInfoDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(info);
        }
        println!(
            "Active cache: {} ({}, content {})",
            info.path, info.summary.genome_build, info.summary.content_sha256
        );
        for source in &info.summary.sources {
            source_line(source);
        }
        Ok(())
    }

    /// `case annotate`: what the cache found for the case.
    pub fn case_annotated(&self, annotation: &CaseAnnotationDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(annotation);
        }
        println!(
            "Annotated {} alleles of {} from {}",
            count(annotation.rows),
            annotation.case_label,
            annotation.cache_file
        );
        annotation_lines(annotation);
        Ok(())
    }

    /// `case annotations`: every annotation of a case, oldest first.
    pub fn case_annotations(&self, annotations: &[CaseAnnotationDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&annotations);
        }
        if annotations.is_empty() {
            println!("not annotated yet; run `kasane case annotate CASE --cache FILE.kcache`");
        }
        for a in annotations {
            println!(
                "#{} {} by {}: {} alleles of import #{} from {}",
                a.annotation_id,
                a.annotated_at,
                a.annotated_by,
                count(a.rows),
                a.variant_import_id,
                a.cache_file
            );
            annotation_lines(a);
        }
        Ok(())
    }

    /// `cache lookup`: what the cache holds at a variant or locus.
    pub fn panel(&self, panel: &VariantPanelDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(panel);
        }
        println!(
            "{} in {} (content {})",
            panel.key.clone().unwrap_or_else(|| format!(
                "{}:{}-{}",
                panel.contig,
                with_thousands(panel.start),
                with_thousands(panel.end)
            )),
            panel.cache_file,
            &panel.cache_sha256[..16.min(panel.cache_sha256.len())]
        );
        if panel.clinvar.is_empty() {
            println!("ClinVar: no record");
        }
        for c in &panel.clinvar {
            println!(
                "ClinVar {} VCV {}: {} ({}★, {}) — {}",
                c.key(),
                or_dash(c.variation_id.as_deref()),
                or_dash(c.significance.as_deref()),
                c.stars.map_or("-".into(), |s| s.to_string()),
                or_dash(c.review_status.as_deref()),
                or_dash(c.conditions.as_deref())
            );
        }
        if panel.frequencies.is_empty() {
            println!("frequencies: none in this cache");
        }
        for f in &panel.frequencies {
            let o = &f.record.overall;
            let number = |v: Option<i64>| v.map_or("-".into(), |v| count(v.max(0) as u64));
            println!(
                "{} {} {}: AF {} (AC {}, AN {}, hom {}){}{}",
                f.source,
                f.release,
                f.record.key(),
                o.allele_frequency.map_or("-".into(), |v| v.to_string()),
                number(o.allele_count),
                number(o.allele_number),
                number(o.homozygotes),
                f.record
                    .grpmax
                    .as_deref()
                    .map(|g| format!(
                        ", grpmax {g} {}",
                        f.record
                            .grpmax_frequency
                            .map_or("-".into(), |v| v.to_string())
                    ))
                    .unwrap_or_default(),
                f.record
                    .faf95_max
                    .map(|v| format!(", FAF95 {v}"))
                    .unwrap_or_default()
            );
            for g in &f.record.groups {
                println!(
                    "    {:<8} AF {} (AC {}, AN {})",
                    g.group,
                    g.allele_frequency.map_or("-".into(), |v| v.to_string()),
                    number(g.allele_count),
                    number(g.allele_number)
                );
            }
        }
        for g in &panel.genes {
            println!(
                "gene {} {} {} {}:{}-{} ({})",
                or_dash(g.symbol.as_deref()),
                g.gene_id,
                or_dash(g.biotype.as_deref()),
                g.contig,
                with_thousands(g.extent.start),
                with_thousands(g.extent.end),
                g.strand.as_str()
            );
        }
        for t in &panel.transcripts {
            let location = match t.location {
                TranscriptLocation::Exon(n) => format!("exon {n}/{}", t.exon_count),
                TranscriptLocation::Intron(n) => {
                    format!("intron {n}/{}", t.exon_count.saturating_sub(1))
                }
                TranscriptLocation::Outside => "outside".into(),
            };
            let flags: Vec<&str> = [
                (t.mane_select, "MANE Select"),
                (t.mane_plus_clinical, "MANE Plus Clinical"),
                (t.canonical, "canonical"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| *name)
            .collect();
            let described = match &t.hgvs_c {
                Some(c) => format!(
                    " {c}{} {}{}",
                    t.hgvs_p
                        .as_deref()
                        .map(|p| format!(" {p}"))
                        .unwrap_or_default(),
                    t.consequences.join(", "),
                    t.nmd.map(nmd_words).unwrap_or_default()
                ),
                None => t
                    .problem
                    .as_deref()
                    .map(|p| format!(" cannot be described: {p}"))
                    .unwrap_or_default(),
            };
            println!(
                "transcript {} {} {} {}{}{}",
                t.transcript_id,
                or_dash(t.gene_symbol.as_deref()),
                or_dash(t.biotype.as_deref()),
                location,
                if flags.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", flags.join(", "))
                },
                described
            );
        }
        for k in &panel.knowledge {
            let fusions: Vec<String> = k.fusions.iter().map(|f| f.name()).collect();
            if !fusions.is_empty() {
                println!("{} diagnostic fusions: {}", k.gene, fusions.join(", "));
            }
            for m in &k.methylation_markers {
                println!("{} methylation marker {}", k.gene, m.marker);
            }
            for l in &k.metabolites {
                println!("{} metabolite {} {}", k.gene, l.metabolite, l.change);
            }
            for g in &k.secondary_findings {
                println!(
                    "{} ACMG secondary findings (since v{}): {} ({}; report {})",
                    k.gene,
                    g.listed_since,
                    g.condition,
                    g.inheritance,
                    g.reportable.description()
                );
            }
            if let Some(d) = &k.dosage {
                println!("{} {}", k.gene, dosage_line(d));
            }
            if let Some(r) = &k.cancer_role {
                println!("{} {}", k.gene, cancer_role_line(r));
            }
            for v in &k.validity {
                println!("{} {}", k.gene, validity_line(v));
            }
        }
        Ok(())
    }

    /// `cache install`: the installed cache.
    pub fn cache_installed(&self, installed: &InstalledCacheDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(installed);
        }
        println!(
            "Installed {} (content {}, signature {})",
            installed.install.path,
            installed.install.content_sha256,
            installed.install.signature.state.as_str()
        );
        println!(
            "  use it with `kasane cache use {}`",
            installed.install.path
        );
        Ok(())
    }

    /// `cache list`: the installed caches, newest first.
    pub fn installed_caches(&self, caches: &[InstalledCacheDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&caches);
        }
        if caches.is_empty() {
            println!("no caches installed; install one with `kasane cache install FILE.kcache`");
        }
        for c in caches {
            println!(
                "{} {} — installed {} by {}, signature {}",
                if c.active { "*" } else { " " },
                c.install.path,
                c.install.installed_at,
                c.install.installed_by,
                c.install.signature.state.as_str()
            );
            match (&c.summary, &c.problem) {
                (Some(summary), _) => {
                    for source in &summary.sources {
                        println!("    {} {} ({})", source.name, source.release, source.kind);
                    }
                }
                (None, Some(problem)) => println!("    cannot be read: {problem}"),
                (None, None) => {}
            }
        }
        Ok(())
    }

    /// `cache effect`: variants on a transcript.
    pub fn variant_effects(&self, effects: &[VariantEffectDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&effects);
        }
        for e in effects {
            let described = match &e.effect {
                Some(effect) => {
                    format!(
                        "{}{}  {}{}",
                        effect.hgvs_c,
                        effect
                            .hgvs_p
                            .as_deref()
                            .map(|p| format!(" {p}"))
                            .unwrap_or_default(),
                        effect
                            .consequences
                            .iter()
                            .map(|c| c.so_term())
                            .collect::<Vec<_>>()
                            .join(", "),
                        effect.nmd.map(nmd_words).unwrap_or_default()
                    ) + &effect
                        .problems
                        .iter()
                        .map(|p| format!("  ({p})"))
                        .collect::<String>()
                }
                None => "more than 5 kb from the transcript".into(),
            };
            println!(
                "{}  {}  {} {}  {}",
                e.variant,
                if e.hgvs_g.is_empty() { "-" } else { &e.hgvs_g },
                e.transcript_id,
                e.gene_symbol.as_deref().unwrap_or("-"),
                described
            );
        }
        Ok(())
    }

    /// `cache fusion`: the fusions a breakend pair makes.
    pub fn fusions(&self, fusions: &[FusionDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&fusions);
        }
        if fusions.is_empty() {
            println!("no fusion: the breakpoints break no two transcripts into a 5′ and a 3′ part");
        }
        let side = |p: &FusionPartnerDto| {
            format!(
                "{} {} ({})",
                p.gene_symbol.as_deref().unwrap_or("-"),
                p.transcript_id,
                location_words(p.location)
            )
        };
        for f in fusions {
            let frame = match f.in_frame {
                Some(true) => "in frame",
                Some(false) => "out of frame",
                None => "frame unknown (a breakpoint in an exon or outside the coding sequence)",
            };
            println!(
                "5′ {} :: 3′ {}  {frame}",
                side(&f.five_prime),
                side(&f.three_prime)
            );
        }
        Ok(())
    }

    /// `cache sv`: a structural variant on a transcript.
    pub fn structural_effects(
        &self,
        effects: &[StructuralEffectDto],
        svg: Option<&std::path::Path>,
    ) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&effects);
        }
        for e in effects {
            let described = match &e.effect {
                None => "more than 5 kb from the transcript".to_string(),
                Some(effect) => {
                    let terms: Vec<&str> =
                        effect.consequences.iter().map(|c| c.so_term()).collect();
                    let exons = effect
                        .exons
                        .map(|(a, b)| match a == b {
                            true => format!("  exon {a}"),
                            false => format!("  exons {a}–{b}"),
                        })
                        .unwrap_or_default();
                    let frame = match effect.frame_kept {
                        Some(true) => "  frame kept",
                        Some(false) => "  frame shifted",
                        None => "",
                    };
                    let breakpoints: Vec<String> = effect
                        .breakpoints
                        .iter()
                        .map(|b| location_words(*b))
                        .collect();
                    let at = match breakpoints.is_empty() {
                        true => String::new(),
                        false => format!("  breakpoints in {}", breakpoints.join(" and ")),
                    };
                    format!("{}{exons}{frame}{at}", terms.join(", "))
                }
            };
            println!(
                "{} {}  {described}",
                e.transcript_id,
                e.gene_symbol.as_deref().unwrap_or("-")
            );
        }
        if let (Some(path), Some(first)) = (svg, effects.first()) {
            println!(
                "exon diagram of {} written to {}",
                first.transcript_id,
                path.display()
            );
        }
        Ok(())
    }

    /// `cache position`: genome positions on a transcript.
    pub fn transcript_positions(&self, positions: &[TranscriptPositionDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&positions);
        }
        for p in positions {
            let location = location_words(p.location);
            println!(
                "{}:{}  {} {}  {}  {}",
                p.contig,
                with_thousands(p.pos),
                p.transcript_id,
                p.gene_symbol.as_deref().unwrap_or("-"),
                p.hgvs.as_deref().unwrap_or("-"),
                location
            );
        }
        Ok(())
    }

    /// `annotate-vcf`: what was written.
    pub fn vcf_annotated(&self, done: &AnnotateVcfDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(done);
        }
        println!("wrote {}", done.output);
        println!(
            "  {} records; {} alleles described ({} CSQ entries); {} alleles on no transcript",
            with_thousands(done.records),
            with_thousands(done.described),
            with_thousands(done.entries),
            with_thousands(done.on_no_transcript)
        );
        if done.fusion_records > 0 {
            println!(
                "  {} breakend records given their pair's DNA-level fusions (INFO/KASANE_FUSION)",
                with_thousands(done.fusion_records)
            );
        }
        for (reason, count) in &done.not_described {
            println!("  not described: {} {reason}", with_thousands(*count));
        }
        if !done.with_protein_changes {
            println!(
                "  no reference FASTA at hand: c. changes only, no protein changes (give --reference)"
            );
        }
        println!("  cache {}", done.cache_sha256);
        Ok(())
    }

    /// `cache transcript`: each transcript's coding sequence on the reference.
    pub fn transcript_checks(&self, checks: &[TranscriptCheckDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&checks);
        }
        for c in checks {
            let t = &c.transcript;
            let tags = [
                (t.mane_select, "MANE Select"),
                (t.mane_plus_clinical, "MANE Plus Clinical"),
                (t.canonical, "canonical"),
            ]
            .iter()
            .filter(|(set, _)| *set)
            .map(|(_, name)| *name)
            .collect::<Vec<_>>();
            println!(
                "{} {} ({}) {}:{}-{} {} strand, {} exons{}",
                t.transcript_id,
                t.gene_symbol.as_deref().unwrap_or("-"),
                t.biotype.as_deref().unwrap_or("-"),
                t.contig,
                with_thousands(t.extent.start),
                with_thousands(t.extent.end),
                t.strand.as_str(),
                t.exons.len(),
                if tags.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", tags.join(", "))
                }
            );
            let check = &c.check;
            if t.is_coding() {
                println!(
                    "  coding sequence {} bases, protein {} amino acids{}",
                    with_thousands(check.coding_length),
                    with_thousands(check.protein.len() as u64),
                    t.protein_id
                        .as_deref()
                        .map(|p| format!(" ({p})"))
                        .unwrap_or_default()
                );
            }
            if check.is_sound() {
                println!(
                    "  sound: starts with ATG, ends with a stop codon, whole codons, no stop inside"
                );
            }
            for problem in &check.problems {
                println!("  problem: {}", coding_problem(problem));
            }
            println!("  reference {}", c.reference);
        }
        Ok(())
    }

    /// `cache knowledge`: what the knowledge tables say about a gene.
    pub fn gene_knowledge(&self, knowledge: &GeneKnowledge) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(knowledge);
        }
        if knowledge.is_empty() {
            println!(
                "{}: nothing in this cache's knowledge tables",
                knowledge.gene
            );
        }
        for f in &knowledge.fusions {
            println!(
                "fusion {} — {} (entity {}){}",
                f.name(),
                f.tumour,
                f.entity,
                f.rearrangement
                    .as_deref()
                    .map(|r| format!(", {r}"))
                    .unwrap_or_default()
            );
        }
        for m in &knowledge.methylation_markers {
            println!(
                "methylation {} {}:{}-{}: methylated ≥ {}, unmethylated ≤ {}, ≥ {} reads per CpG — {} ({})",
                m.marker,
                m.contig,
                with_thousands(m.start),
                with_thousands(m.end),
                m.methylated_at_least,
                m.unmethylated_at_most,
                m.min_coverage,
                m.clinical_use,
                m.basis
            );
        }
        for l in &knowledge.metabolites {
            println!("metabolite {} {} — {}", l.metabolite, l.change, l.context);
        }
        for g in &knowledge.secondary_findings {
            println!(
                "ACMG secondary findings {} ({}, listed since v{}): {} — {}, {}; report {}{}",
                g.gene,
                g.hgnc_id,
                g.listed_since,
                g.condition,
                g.category,
                g.inheritance,
                g.reportable.description(),
                g.note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            );
        }
        if let Some(r) = &knowledge.cancer_role {
            println!("{}", cancer_role_line(r));
        }
        for v in &knowledge.validity {
            println!("{}", validity_line(v));
        }
        if let Some(d) = &knowledge.dosage {
            println!("{}", dosage_line(d));
            let cited = |pmids: &[String]| {
                if pmids.is_empty() {
                    "none".to_string()
                } else {
                    pmids.join(", ")
                }
            };
            println!(
                "  location {} · haploinsufficiency PMIDs {} · triplosensitivity PMIDs {}",
                d.location
                    .as_ref()
                    .map(|l| format!(
                        "{}:{}-{} ({})",
                        l.contig,
                        with_thousands(l.start),
                        with_thousands(l.end),
                        d.cytoband
                    ))
                    .unwrap_or_else(|| d.cytoband.clone()),
                cited(&d.haploinsufficiency_pmids),
                cited(&d.triplosensitivity_pmids)
            );
        }
        Ok(())
    }
}

/// `ClinGen gene–disease validity: Definitive for glycogen storage disease II (AR)`.
fn validity_line(v: &GeneDiseaseValidity) -> String {
    format!(
        "ClinGen gene–disease validity: {} for {}{}{}",
        v.classification,
        v.disease,
        v.inheritance
            .as_deref()
            .map(|m| format!(" ({m})"))
            .unwrap_or_default(),
        v.mondo
            .as_deref()
            .map(|m| format!(", {m}"))
            .unwrap_or_default()
    )
}

/// `role in cancer: tumour suppressor (cancer gene list)`.
fn cancer_role_line(r: &CancerGeneRole) -> String {
    let role = match (r.oncogene, r.tumour_suppressor) {
        (true, true) => "oncogene and tumour suppressor",
        (false, true) => "tumour suppressor",
        (true, false) => "oncogene",
        (false, false) => "listed, neither oncogene nor tumour suppressor",
    };
    format!("role in cancer: {role} (cancer gene list)")
}

/// One line for ClinGen's dosage curation of a gene: both scores with ClinGen's wording, their
/// diseases, and whether loss of function is established (the PVS1 prerequisite).
fn dosage_line(d: &DosageSensitivity) -> String {
    let disease = |id: &Option<String>| id.as_deref().map(|i| format!(", {i}")).unwrap_or_default();
    format!(
        "ClinGen dosage (evaluated {}): haploinsufficiency {} — {}{} · triplosensitivity {} — {}{}{}",
        d.last_evaluated,
        d.haploinsufficiency.code(),
        d.haploinsufficiency.description(),
        disease(&d.haploinsufficiency_disease),
        d.triplosensitivity.code(),
        d.triplosensitivity.description(),
        disease(&d.triplosensitivity_disease),
        if d.loss_of_function_established() {
            " · loss of function is an established mechanism"
        } else {
            ""
        }
    )
}

/// The cache release of an annotation and what each source matched.
fn annotation_lines(a: &CaseAnnotationDto) {
    println!("  cache content  {} ({})", a.cache_sha256, a.genome_build);
    let release = |kind: SourceKind| {
        a.cache_sources
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.release.clone())
    };
    match release(SourceKind::Clinvar) {
        Some(r) => println!(
            "  ClinVar {r}: {} alleles with a record",
            count(a.clinvar_rows)
        ),
        None => println!("  ClinVar: not in this cache"),
    }
    for f in &a.frequency_rows {
        println!(
            "  {} {}: {} alleles with a frequency",
            f.source,
            f.release,
            count(f.rows)
        );
    }
    for warning in &a.warnings {
        println!("  warning: {warning}");
    }
    println!("  table          {}", a.annotation_file);
}

/// One source of a cache on one line, then its file and licence.
fn source_line(source: &SourceManifest) {
    println!(
        "  {} ({}, release {}, {}): {} records, {} stored",
        source.name,
        source.kind,
        source.release,
        source.genome_build,
        count(source.records),
        count(source.stored)
    );
    println!(
        "    {} sha256 {} — licence: {}",
        source.file_name, source.sha256, source.licence
    );
}

/// A coding problem in words.
fn coding_problem(problem: &CodingProblem) -> String {
    match problem {
        CodingProblem::NotCoding => "the transcript has no coding parts".into(),
        CodingProblem::MissingSequence { contig, start, end } => format!(
            "the reference lacks {contig}:{}-{}, a coding part",
            with_thousands(*start),
            with_thousands(*end)
        ),
        CodingProblem::CodingOutsideExons { start, end } => format!(
            "the coding part {}-{} lies outside every exon",
            with_thousands(*start),
            with_thousands(*end)
        ),
        CodingProblem::IncompleteStart { phase } => {
            format!("the coding sequence starts mid-codon (phase {phase}): its start is incomplete")
        }
        CodingProblem::StartNotAtg { codon } => format!("the first codon is {codon}, not ATG"),
        CodingProblem::LengthNotWholeCodons { length } => format!(
            "{} coding bases are not a whole number of codons",
            with_thousands(*length)
        ),
        CodingProblem::NoStopCodon { last_codon } => {
            format!("the last codon is {last_codon}, not a stop codon")
        }
        CodingProblem::InternalStops { first_codon, count } => format!(
            "{count} stop codon(s) inside the coding sequence, the first at codon {first_codon} (a wrong model, or selenocysteine)"
        ),
        CodingProblem::AmbiguousBases { count } => {
            format!("{count} coding base(s) are not A, C, G or T")
        }
    }
}

/// An NMD prediction in words, for a stop gained.
fn nmd_words(nmd: NmdPrediction) -> &'static str {
    match nmd {
        NmdPrediction::Triggered => "  NMD predicted",
        NmdPrediction::EscapesLastExon => "  NMD escaped (last exon)",
        NmdPrediction::EscapesPenultimateExonEnd => {
            "  NMD escaped (3′-most 50 nt of the penultimate exon)"
        }
        NmdPrediction::EscapesSingleExon => "  NMD escaped (single exon)",
    }
}

/// `exon 4`, `intron 3` or `outside the transcript`.
fn location_words(location: TranscriptLocation) -> String {
    match location {
        TranscriptLocation::Exon(n) => format!("exon {n}"),
        TranscriptLocation::Intron(n) => format!("intron {n}"),
        TranscriptLocation::Outside => "outside the transcript".into(),
    }
}
