//! Local profiles: who is at the keyboard and in which role, so that every audit event names
//! them and a classification is signed off by a reviewer other than its author (until
//! authenticated accounts arrive).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::case::text_enum;

/// What a profile may do in the review workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Role {
    /// Proposes and edits classifications.
    Annotator,
    /// Edits classifications and signs off those another person wrote.
    Reviewer,
    /// Classifies for practice; never signs off.
    Trainee,
}

text_enum!(Role, "role", {
    Role::Annotator => "annotator",
    Role::Reviewer => "reviewer",
    Role::Trainee => "trainee",
});

impl Role {
    /// Whether this role may sign off a classification.
    pub fn signs_off(self) -> bool {
        self == Self::Reviewer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reviewers_sign_off_and_roles_round_trip() {
        for role in Role::all() {
            assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
            assert_eq!(role.signs_off(), *role == Role::Reviewer);
        }
        assert!(
            "admin"
                .parse::<Role>()
                .unwrap_err()
                .contains("annotator, reviewer, trainee")
        );
    }
}
