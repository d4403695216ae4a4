//! The JSON Schema of a ruleset file, for editors that check TOML against a schema (the
//! `#:schema` line at the top of each ruleset). Generated from the model, so it cannot drift.

use crate::engine::Ruleset;

pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Ruleset);
    serde_json::to_string_pretty(&schema).expect("a schema always serialises") + "\n"
}
