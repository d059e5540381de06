//! Where the workspace lives and who is acting, resolved the same way by every front end.

use std::path::PathBuf;

/// Environment variable naming the workspace folder.
pub const WORKSPACE_ENV: &str = "KASANE_WORKSPACE";

/// The default workspace folder in the OS data directory
/// (`~/.local/share/kasane/workspace` on Linux).
pub fn default_workspace_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Kasane", "kasane")
        .map(|d| d.data_dir().join("workspace"))
}

/// The workspace folder: the explicit choice (`--workspace`), else `KASANE_WORKSPACE`, else the default.
pub fn resolve_workspace_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| {
            std::env::var_os(WORKSPACE_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(default_workspace_dir)
}

/// The person acting, for the audit log: `KASANE_ACTOR`, else the operating-system account.
pub fn actor_from_env() -> String {
    std::env::var("KASANE_ACTOR")
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .or_else(|| whoami::username().ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// Whether `dir` holds a Kasane workspace (so commands that can use one, such as `cache diff`,
/// search it without creating one).
pub fn workspace_exists(dir: &std::path::Path) -> bool {
    dir.join(kasane_store::DATABASE_FILE).is_file()
}
