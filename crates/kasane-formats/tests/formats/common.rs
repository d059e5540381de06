//! Helpers shared by the test modules.

use std::path::PathBuf;

/// The shared data folder; `None` (with a message) on a user's machine without it, a failure in CI.
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::current_dir()
        .expect("cargo runs tests in the package directory")
        .join("../../../shared/data/public");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but the shared data folder {} is missing",
        dir.display()
    );
    eprintln!("skipping: shared data folder {} not found", dir.display());
    None
}

/// Whether a command-line peer tool (bcftools …) runs here; a failure in CI, where the test
/// setup installs it, and a skip with a message elsewhere.
pub fn peer_tool(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {name} is not installed; scripts/lib.sh installs it"
        );
        eprintln!("skipping: {name} is not installed");
    }
    found
}
