//! Command-line options of the workbench binary.

use std::path::PathBuf;

use anyhow::bail;

/// How the workbench was asked to start.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `--workspace DIR`
    pub workspace: Option<PathBuf>,
    /// `--case LABEL`: the case to open first.
    pub case: Option<String>,
}

impl LaunchOptions {
    /// Reads `--workspace DIR` and `--case LABEL`; refuses anything else.
    pub fn from_args(mut args: impl Iterator<Item = String>) -> anyhow::Result<Self> {
        let mut options = Self::default();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--workspace" => options.workspace = args.next().map(PathBuf::from),
                "--case" => options.case = args.next(),
                other => bail!(
                    "unknown option {other:?}; usage: kasane-desktop [--workspace DIR] [--case LABEL]"
                ),
            }
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_workspace_and_case_and_refuses_the_rest() {
        let args = ["--workspace", "/w", "--case", "KSN-1"].map(String::from);
        let options = LaunchOptions::from_args(args.into_iter()).unwrap();
        assert_eq!(options.workspace, Some(PathBuf::from("/w")));
        assert_eq!(options.case.as_deref(), Some("KSN-1"));
        assert!(LaunchOptions::from_args(["--bogus".to_string()].into_iter()).is_err());
    }
}
