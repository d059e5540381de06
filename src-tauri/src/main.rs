//! The Kasane workbench: a Tauri window over the application API.
//!
//! Commands are one-line calls into `kasane-app`; errors cross as its `{kind, message, detail?}`
//! shape. The native file dialog opens from Rust (tauri-plugin-dialog, built on rfd), so the web
//! view holds no file-system permission at all.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod launch;

use std::sync::Mutex;

use anyhow::Context;
use kasane_app::{Kasane, actor_from_env};

use crate::commands::{AppState, Jobs};

/// mimalloc keeps freed memory for reuse: with glibc every large vector of an import or a
/// query is fresh memory from the kernel, a page fault per 4 KiB (ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let options = launch::LaunchOptions::from_args(std::env::args().skip(1))?;
    let dir = kasane_app::resolve_workspace_dir(options.workspace)
        .context("no workspace folder: pass --workspace DIR or set KASANE_WORKSPACE")?;
    let (kasane, _) = Kasane::open_or_create(&dir, actor_from_env())
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState {
            kasane: Mutex::new(kasane),
            initial_case: options.case,
            jobs: Jobs::default(),
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspace_info,
            commands::initial_case,
            commands::list_cases,
            commands::create_case,
            commands::case_overview,
            commands::archive_case,
            commands::set_consent,
            commands::add_sample,
            commands::add_note,
            commands::pick_layer_file,
            commands::add_layer_file,
            commands::cancel_job,
            commands::audit_trail,
            commands::import_variants,
            commands::variant_table_info,
            commands::variant_page,
            commands::case_qc,
            commands::variant_presets,
            commands::save_variant_preset,
            commands::delete_variant_preset,
            commands::installed_caches,
            commands::pick_cache_file,
            commands::install_cache,
            commands::use_cache,
            commands::verify_cache,
            commands::annotate_case,
            commands::case_annotations,
            commands::variant_panel,
            commands::profiles,
            commands::current_profile,
            commands::add_profile,
            commands::use_profile,
            commands::parse_disorder,
            commands::explain_variant,
            commands::classify_variant,
            commands::sign_off_classification,
            commands::classification_history,
            commands::case_classifications,
            commands::rule_sets,
            commands::ba1_exceptions,
            commands::phenotype_points,
            commands::pick_rule_set_file,
            commands::add_rule_set,
        ])
        .run(tauri::generate_context!())
        .context("the workbench window could not be started")
}
