//! What the CLI prints: short human text, or the DTOs as JSON with `--json`.

use kasane_app::dto::{
    AuditEntryDto, CaseDto, CaseOverviewDto, LayerFileDto, NoteDto, SampleDto, WorkspaceInfoDto,
};
use serde::Serialize;

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
    fn print_json<T: Serialize>(&self, value: &T) -> anyhow::Result<()> {
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

    /// `audit`.
    pub fn audit(&self, entries: &[AuditEntryDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&entries);
        }
        for e in entries {
            println!(
                "{} {:<12} {:<18} {:<16} {}",
                e.at,
                e.actor,
                e.action,
                or_dash(e.case_label.as_deref()),
                e.details
            );
        }
        Ok(())
    }
}
