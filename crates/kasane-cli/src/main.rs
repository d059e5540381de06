//! `kasane`: every Kasane pipeline step, headless.

mod cli;
mod output;
mod progress;
mod rules_output;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use kasane_app::annotate::AnnotateCaseDto;
use kasane_app::annotate_vcf;
use kasane_app::cache::{self, CacheBuildRequest, NamedSource};
use kasane_app::cache_signing;
use kasane_app::classify::{ClassifyRequestDto, SignOffRequestDto};
use kasane_app::explain::ExplainRequestDto;
use kasane_app::panel;
use kasane_app::rule_set_files::{RuleSetFileDto, ba1_exception_list, listed_rule_sets};
use kasane_app::rules;
use kasane_app::transcripts;
use kasane_app::{
    AppError, CancelToken, ErrorKind, Kasane, MAX_PAGE_ROWS, actor_from_env, dto, parse_condition,
    parse_sort, resolve_workspace_dir, variant_dto, workspace_exists,
};
use kasane_interpret::{DominantDisorder, RuleSets};

use crate::cli::{
    CacheCommand, CaseCommand, Cli, Command, DisorderArgs, InheritanceArg, PresetCommand,
    ProfileCommand, RulesCommand, TableFormat, VariantsArgs, WorkspaceCommand,
};
use crate::output::Output;
use crate::progress::TerminalProgress;

/// mimalloc keeps freed memory for reuse: with glibc every large vector of an import or a
/// query is fresh memory from the kernel, a page fault per 4 KiB (ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status of a failure, by kind; documented in `kasane --help` and the README.
fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Internal => 1,
        ErrorKind::InvalidInput => 3,
        ErrorKind::NotFound => 4,
        ErrorKind::Conflict => 5,
        ErrorKind::IncompatibleWorkspace => 6,
        ErrorKind::Cancelled => 130,
    }
}

/// A reader that closes the pipe early (`kasane variants … | head`) ends the program quietly
/// with the shell's broken-pipe status, as a Unix tool does; `println!` would report it as a
/// panic with a backtrace.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let code = error
                .downcast_ref::<AppError>()
                .map_or(1, |e| exit_code(e.kind));
            eprintln!("error: {error:#}");
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let out = Output { json: cli.json };
    let command = match cli.command {
        Command::Cache(command) => return run_cache(command, cli.workspace, &out),
        Command::Rules(RulesCommand::Score { rule_set, codes }) => {
            let (sets, _) = usable_rule_sets(&cli.workspace, &cli.actor)?;
            return out.assessment(&rules::score_criteria(&sets, rule_set.as_deref(), &codes)?);
        }
        Command::Rules(RulesCommand::List) => {
            let (sets, added) = usable_rule_sets(&cli.workspace, &cli.actor)?;
            return out.rule_sets(&listed_rule_sets(&sets, &added));
        }
        Command::Rules(RulesCommand::Ba1Exceptions) => {
            return out.ba1_exceptions(&ba1_exception_list()?);
        }
        Command::Rules(RulesCommand::Phenotype { rule_set, findings }) => {
            let (sets, _) = usable_rule_sets(&cli.workspace, &cli.actor)?;
            return out.phenotype(&rules::phenotype_points(&sets, &rule_set, &findings)?);
        }
        Command::Rules(RulesCommand::Oncogenicity { codes }) => {
            return out.oncogenicity(&rules::score_oncogenicity(&codes)?);
        }
        Command::Rules(RulesCommand::Tier {
            tumour,
            benign,
            items,
        }) => return out.tier(&rules::somatic_tier(&tumour, &items, benign)?),
        Command::Rules(RulesCommand::CredibleAf {
            inheritance,
            prevalence,
            allelic_contribution,
            penetrance,
            allele_number,
        }) => {
            let inheritance = match inheritance {
                InheritanceArg::Dominant => rules::Inheritance::Dominant,
                InheritanceArg::Recessive => rules::Inheritance::Recessive,
            };
            return out.credible_frequency(&rules::max_credible_frequency(
                inheritance,
                &prevalence,
                &allelic_contribution,
                &penetrance,
                allele_number,
            )?);
        }
        Command::AnnotateVcf {
            input,
            cache,
            output,
            reference,
        } => {
            return out.vcf_annotated(&annotate_vcf::annotate_vcf(
                &input,
                &cache,
                &output,
                reference.as_deref(),
            )?);
        }
        other => other,
    };
    let dir = resolve_workspace_dir(cli.workspace.clone())
        .context("no workspace folder: pass --workspace DIR or set KASANE_WORKSPACE")?;
    let actor = cli.actor.clone().unwrap_or_else(actor_from_env);
    let command = match command {
        Command::Workspace(WorkspaceCommand::Init) => {
            let (kasane, created) = Kasane::open_or_create(&dir, actor)?;
            return out.workspace_init(&kasane.workspace_info()?, created);
        }
        other => other,
    };
    let mut kasane = Kasane::open(&dir, actor)?;
    match command {
        Command::Workspace(WorkspaceCommand::Info | WorkspaceCommand::Init) => {
            out.workspace_info(&kasane.workspace_info()?)
        }
        Command::Case(command) => run_case(&mut kasane, command, &out),
        Command::Variants(args) => run_variants(&mut kasane, args, &out),
        Command::Preset(PresetCommand::List) => out.presets(&kasane.variant_presets()?),
        Command::Preset(PresetCommand::Delete { name }) => {
            kasane.delete_variant_preset(&name)?;
            out.preset_deleted(&name)
        }
        Command::Audit { case, limit } => out.audit(&kasane.audit_trail(case.as_deref(), limit)?),
        Command::Explain {
            case,
            variant,
            rule_set,
            disorder,
        } => out.explanation(&kasane.explain(&ExplainRequestDto {
            case_label: case,
            key: variant,
            rule_set,
            disorder: dominant_disorder(disorder)?,
        })?),
        Command::Classify(args) => out.classification(&kasane.classify(&ClassifyRequestDto {
            case_label: args.case,
            key: args.variant,
            rule_set: args.rule_set,
            accept: args.accept,
            reject: args.reject,
            reason: args.reason,
            citation: args.citation,
            seen_version: None,
            disorder: dominant_disorder(args.disorder)?,
            oncogenicity: args.oncogenicity.then_some(true),
            cnv: args.cnv.then_some(true),
            record_evidence: args.evidence,
            withdraw_evidence: args.withdraw_evidence,
        })?),
        Command::Shortlist { case } => out.shortlist(&kasane.case_classifications(&case)?),
        Command::History { case, variant } => {
            out.classification_history(&kasane.classification_history(&case, &variant)?)
        }
        Command::SignOff {
            case,
            variant,
            classification_version,
            comment,
        } => out.classification(&kasane.sign_off(&SignOffRequestDto {
            case_label: case,
            key: variant,
            version: classification_version,
            comment,
        })?),
        Command::Profile(ProfileCommand::Add { name, role }) => {
            out.profile_added(&kasane.add_profile(&name, role)?)
        }
        Command::Profile(ProfileCommand::List) => out.profiles(&kasane.profiles()?),
        Command::Cache(command) => run_cache(command, cli.workspace, &out),
        Command::Rules(RulesCommand::Add { file }) => {
            out.rule_set_added(&kasane.add_rule_set(&file)?)
        }
        Command::AnnotateVcf { .. } | Command::Rules(_) => {
            anyhow::bail!("this command needs no workspace and is answered before one is opened")
        }
    }
}

/// The rule sets a command may use, with the files the workspace added: the workspace's when
/// one is given (or found) and exists, else the built-in ones.
fn usable_rule_sets(
    workspace: &Option<PathBuf>,
    actor: &Option<String>,
) -> anyhow::Result<(RuleSets, Vec<RuleSetFileDto>)> {
    match resolve_workspace_dir(workspace.clone()).filter(|dir| workspace_exists(dir)) {
        Some(dir) => {
            let actor = actor.clone().unwrap_or_else(actor_from_env);
            let kasane = Kasane::open(&dir, actor)?;
            Ok((kasane.rule_sets()?, kasane.rule_set_files()?))
        }
        None => Ok((rules::built_in_rule_sets()?, Vec::new())),
    }
}

/// The disorder of `--prevalence`, `--allelic-contribution` and `--penetrance` (clap requires
/// all three or none).
fn dominant_disorder(args: DisorderArgs) -> Result<Option<DominantDisorder>, AppError> {
    match (args.prevalence, args.allelic_contribution, args.penetrance) {
        (Some(prevalence), Some(contribution), Some(penetrance)) => Ok(Some(
            rules::dominant_disorder(&prevalence, &contribution, &penetrance)?,
        )),
        _ => Ok(None),
    }
}

/// `NAME=TEXT` pairs of an option, refused with the option's name when malformed.
fn name_value_pairs(option: &str, values: Vec<String>) -> Result<Vec<(String, String)>, AppError> {
    values
        .into_iter()
        .map(|value| match value.split_once('=') {
            Some((name, text)) if !name.is_empty() => Ok((name.to_string(), text.to_string())),
            _ => Err(AppError::new(
                ErrorKind::InvalidInput,
                format!("{option} {value:?}: expected NAME=TEXT, e.g. {option} clinvar=2024-05-01"),
            )),
        })
        .collect()
}

/// `kasane cache …`: every command but `use` works on cache files alone, without a workspace.
fn run_cache(
    command: CacheCommand,
    workspace: Option<PathBuf>,
    out: &Output,
) -> anyhow::Result<()> {
    match command {
        CacheCommand::Use { file } => out.cache_used(&open_workspace(workspace)?.use_cache(&file)?),
        CacheCommand::Build {
            out: file,
            clinvar,
            gnomad,
            population,
            genes,
            knowledge,
            revel,
            reference,
            release,
            licence,
            genome_build,
        } => {
            let genome_build = genome_build
                .map(|b| {
                    b.parse()
                        .map_err(|e: String| AppError::new(ErrorKind::InvalidInput, e))
                })
                .transpose()?;
            let request = CacheBuildRequest {
                out: file,
                clinvar,
                gnomad: gnomad.iter().map(|g| NamedSource::parse(g)).collect(),
                populations: population.iter().map(|p| NamedSource::parse(p)).collect(),
                genes: genes.iter().map(|g| NamedSource::parse(g)).collect(),
                knowledge,
                revel,
                reference,
                releases: name_value_pairs("--release", release)?,
                licences: name_value_pairs("--licence", licence)?,
                genome_build,
            };
            let progress = TerminalProgress::new(out.json);
            let built = cache::build_cache(&request, &progress, &CancelToken::new());
            progress.finish();
            out.cache_built(&built?)
        }
        CacheCommand::Info { file } => out.cache_info(&cache::cache_info(&file)?),
        CacheCommand::Knowledge { file, gene } => {
            out.gene_knowledge(&cache::gene_knowledge(&file, &gene)?)
        }
        CacheCommand::Lookup { file, target } => out.panel(&panel::cache_lookup(&file, &target)?),
        CacheCommand::Effect {
            file,
            transcript,
            variants,
            reference,
        } => out.variant_effects(&transcripts::variant_effects(
            &file,
            &transcript,
            &variants,
            reference.as_deref(),
        )?),
        CacheCommand::Fusion {
            file,
            first,
            second,
        } => out.fusions(&kasane_app::sv_effects::fusions(&file, &first, &second)?),
        CacheCommand::Sv {
            file,
            transcript,
            variant,
            svg,
        } => {
            let effects = kasane_app::sv_effects::structural_effects(&file, &transcript, &variant)?;
            if let (Some(path), Some(first)) = (&svg, effects.first()) {
                std::fs::write(path, &first.diagram_svg)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            out.structural_effects(&effects, svg.as_deref())
        }
        CacheCommand::Position {
            file,
            transcript,
            positions,
        } => out.transcript_positions(&transcripts::transcript_positions(
            &file,
            &transcript,
            &positions,
        )?),
        CacheCommand::Transcript {
            file,
            transcript,
            reference,
        } => out.transcript_checks(&transcripts::check_transcripts(
            &file,
            &transcript,
            reference.as_deref(),
        )?),
        CacheCommand::Diff { old, new } => {
            let diff = match resolve_workspace_dir(workspace).filter(|d| workspace_exists(d)) {
                Some(dir) => Kasane::open(&dir, actor_from_env())?.diff_caches(&old, &new)?,
                None => cache::diff_caches(&old, &new)?,
            };
            out.cache_diff(&diff)
        }
        CacheCommand::Verify {
            file,
            trusted_key,
            require_signature,
        } => {
            let trusted = cache_signing::trusted_key_files(&trusted_key)?;
            let verified = cache::verify_cache(&file, &trusted, require_signature)?;
            out.cache_verified(&verified)?;
            if verified.sound {
                Ok(())
            } else if !verified.content_sound {
                Err(AppError::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "{}: the cache is damaged or was changed after it was built; do not annotate with it — copy it again from its source",
                        verified.path
                    ),
                )
                .into())
            } else {
                Err(AppError::new(
                    ErrorKind::InvalidInput,
                    format!("{}: {}", verified.path, verified.signature.refusal()),
                )
                .into())
            }
        }
        CacheCommand::Keygen { out: prefix } => {
            out.key_pair(&cache_signing::generate_cache_key(&prefix)?)
        }
        CacheCommand::Sign { file, key } => {
            out.cache_signed(&cache_signing::sign_cache(&file, &key)?)
        }
        CacheCommand::Trust { key, name } => {
            let mut kasane = open_workspace(workspace)?;
            out.key_trusted(&kasane.trust_cache_key(&key, name.as_deref())?)
        }
        CacheCommand::Install { file } => {
            let mut kasane = open_workspace(workspace)?;
            let progress = TerminalProgress::new(out.json);
            let installed = kasane.install_cache(&file, &progress, &CancelToken::new());
            progress.finish();
            out.cache_installed(&installed?)
        }
        CacheCommand::List => out.installed_caches(&open_workspace(workspace)?.installed_caches()?),
        CacheCommand::Keys => out.trusted_keys(&open_workspace(workspace)?.trusted_cache_keys()?),
    }
}

/// The workspace the few cache commands that belong to one work on.
fn open_workspace(workspace: Option<PathBuf>) -> anyhow::Result<Kasane> {
    let dir = resolve_workspace_dir(workspace)
        .context("no workspace folder: pass --workspace DIR or set KASANE_WORKSPACE")?;
    Ok(Kasane::open(&dir, actor_from_env())?)
}

fn run_case(kasane: &mut Kasane, command: CaseCommand, out: &Output) -> anyhow::Result<()> {
    match command {
        CaseCommand::New {
            label,
            diagnosis,
            tumour_type,
            consent,
        } => {
            let case = kasane.create_case(dto::NewCaseDto {
                label,
                diagnosis,
                tumour_type,
                consent,
            })?;
            out.case_created(&case)
        }
        CaseCommand::List { all } => out.case_list(&kasane.list_cases(all)?),
        CaseCommand::Show { case } => out.case_overview(&kasane.case_overview(&case)?),
        CaseCommand::Archive { case } => out.case_archived(&kasane.archive_case(&case)?),
        CaseCommand::Consent { case, consent } => {
            out.consent_set(&kasane.set_consent(&case, consent)?)
        }
        CaseCommand::AddSample {
            case,
            label,
            role,
            timepoint,
        } => out.sample_added(&kasane.add_sample(
            &case,
            dto::NewSampleDto {
                label,
                role,
                timepoint,
            },
        )?),
        CaseCommand::AddFile {
            case,
            kind,
            file,
            sample,
        } => {
            let request = dto::AddLayerFileDto {
                case_label: case,
                kind,
                path: file.to_string_lossy().into_owned(),
                sample_label: sample,
            };
            let progress = TerminalProgress::new(out.json);
            let added = kasane.add_layer_file(request, &progress, &CancelToken::new());
            progress.finish();
            out.file_added(&added?)
        }
        CaseCommand::Note { case, text } => out.note_added(&kasane.add_note(&case, &text)?),
        CaseCommand::Import {
            case,
            reference,
            sample,
            tumor,
            normal,
            tolerant,
        } => {
            let request = variant_dto::ImportVariantsDto {
                case_label: case,
                reference: reference.map(|p| p.to_string_lossy().into_owned()),
                sample,
                tumour: tumor,
                normal,
                tolerant,
            };
            let progress = TerminalProgress::new(out.json);
            let imported = kasane.import_variants(request, &progress, &CancelToken::new());
            progress.finish();
            out.variants_imported(&imported?)
        }
        CaseCommand::Annotate { case, cache } => {
            let request = AnnotateCaseDto {
                case_label: case,
                cache: cache.map(|p| p.to_string_lossy().into_owned()),
            };
            let progress = TerminalProgress::new(out.json);
            let annotated = kasane.annotate_case(&request, &progress, &CancelToken::new());
            progress.finish();
            out.case_annotated(&annotated?)
        }
        CaseCommand::Annotations { case } => out.case_annotations(&kasane.case_annotations(&case)?),
        CaseCommand::Qc { case, svg_dir } => {
            let qc = kasane.case_qc(&case)?;
            if let Some(dir) = svg_dir {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                for figure in &qc.figures {
                    let path = dir.join(format!("{}-{}.svg", qc.case_label, figure.name));
                    std::fs::write(&path, &figure.svg)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
            }
            out.case_qc(&qc)
        }
        CaseCommand::Load { manifest } => {
            let progress = TerminalProgress::new(out.json);
            let loaded = kasane.load_case_manifest(&manifest, &progress, &CancelToken::new());
            progress.finish();
            out.case_created(&loaded?)
        }
    }
}

fn run_variants(kasane: &mut Kasane, args: VariantsArgs, out: &Output) -> anyhow::Result<()> {
    let format = if out.json {
        TableFormat::Json
    } else {
        args.format
    };
    if args.list_columns {
        return out.variant_columns(&kasane.variant_table_info(&args.case)?, format);
    }
    let mut query = match &args.preset {
        Some(name) => kasane
            .variant_presets()?
            .into_iter()
            .find(|p| &p.name == name)
            .map(|p| p.query)
            .ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound,
                    format!("no preset named {name:?}; `kasane preset list` shows them"),
                )
            })?,
        None => variant_dto::VariantQueryDto::default(),
    };
    for filter in &args.filters {
        query.conditions.push(parse_condition(filter)?);
    }
    if let Some(sort) = &args.sort {
        query.sort = Some(parse_sort(sort)?);
    }
    if let Some(name) = &args.save_preset {
        kasane.save_variant_preset(variant_dto::VariantPresetDto {
            name: name.clone(),
            query: query.clone(),
            saved_at: String::new(),
            saved_by: String::new(),
        })?;
    }
    let request = |offset: u64, limit: u64| variant_dto::VariantPageRequestDto {
        case_label: args.case.clone(),
        query: query.clone(),
        offset,
        limit,
        columns: args.columns.clone(),
    };
    if !args.all {
        let page = kasane.variant_page(request(args.offset, args.limit))?;
        return out.variant_page(&page, format, true, true);
    }
    let mut offset = 0;
    let mut combined: Option<variant_dto::VariantPageDto> = None;
    loop {
        let page = kasane.variant_page(request(offset, MAX_PAGE_ROWS))?;
        let rows = page.rows.len() as u64;
        let total = page.total;
        match (format, combined.as_mut()) {
            (TableFormat::Tsv, _) => out.variant_page(&page, format, offset == 0, false)?,
            (TableFormat::Json, None) => combined = Some(page),
            (TableFormat::Json, Some(all)) => all.rows.extend(page.rows),
        }
        offset += rows;
        if rows == 0 || offset >= total {
            break;
        }
    }
    match combined {
        Some(all) => out.variant_page(&all, format, true, false),
        None => Ok(()),
    }
}
