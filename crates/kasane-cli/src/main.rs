//! `kasane`: every Kasane pipeline step, headless.

mod cli;
mod output;
mod progress;

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use kasane_app::{
    AppError, CancelToken, ErrorKind, Kasane, actor_from_env, dto, resolve_workspace_dir,
};

use crate::cli::{CaseCommand, Cli, Command, WorkspaceCommand};
use crate::output::Output;
use crate::progress::TerminalProgress;

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

fn main() -> ExitCode {
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
    let dir = resolve_workspace_dir(cli.workspace.clone())
        .context("no workspace folder: pass --workspace DIR or set KASANE_WORKSPACE")?;
    let actor = actor_from_env();
    let command = match cli.command {
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
        Command::Audit { case, limit } => out.audit(&kasane.audit_trail(case.as_deref(), limit)?),
    }
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
        CaseCommand::Load { manifest } => {
            let progress = TerminalProgress::new(out.json);
            let loaded = kasane.load_case_manifest(&manifest, &progress, &CancelToken::new());
            progress.finish();
            out.case_created(&loaded?)
        }
    }
}
