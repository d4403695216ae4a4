//! TOML -> `Ruleset`, with every problem named by file, line and column.

use super::model::Ruleset;
use super::validate::{validate, Path, Step};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// One problem, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub column: usize,
    /// The path of the value in the document, when known (e.g. `indicators[3].level`).
    pub path: Option<String>,
    pub message: String,
}

/// Why a ruleset could not be loaded: every problem found, in file order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}:{}: {}", self.file, p.line, p.column, p.message)?;
            if let Some(path) = &p.path {
                write!(f, " (at `{path}`)")?;
            }
        }
        Ok(())
    }
}

/// Reads a ruleset from TOML text; `file` names it in messages and, when it ends in
/// `<area>.toml`, must match the ruleset's `area`.
pub fn load_str(file: &str, text: &str) -> Result<Ruleset, LoadError> {
    let fail = |problems| LoadError {
        file: file.to_owned(),
        problems,
    };
    let ruleset: Ruleset = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        fail(vec![Problem {
            line,
            column,
            path: None,
            message: e.message().trim_end().to_owned(),
        }])
    })?;

    let mut diagnostics = validate(&ruleset);
    if let Some(stem) = file_stem(file) {
        if stem != ruleset.area.as_str() {
            diagnostics.push(super::validate::Diagnostic {
                path: Path(vec![Step::Key("area")]),
                message: format!(
                    "area `{}` does not match the file name `{stem}.toml`",
                    ruleset.area
                ),
            });
        }
    }
    if diagnostics.is_empty() {
        return Ok(ruleset);
    }

    // The text parsed above, so it parses again; the fallback only guards against surprises.
    let tree: Option<Spanned<Node>> = toml::from_str(text).ok();
    let mut problems: Vec<Problem> = diagnostics
        .into_iter()
        .map(|d| {
            let offset = tree.as_ref().map(|t| offset_of(t, &d.path.0)).unwrap_or(0);
            let (line, column) = line_col(text, offset);
            Problem {
                line,
                column,
                path: Some(d.path.to_string()),
                message: d.message,
            }
        })
        .collect();
    problems.sort_by_key(|p| (p.line, p.column));
    Err(fail(problems))
}

/// Reads and checks a ruleset file.
pub fn load_file(path: &std::path::Path) -> Result<Ruleset, LoadError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| LoadError {
        file: name.clone(),
        problems: vec![Problem {
            line: 0,
            column: 0,
            path: None,
            message: format!("cannot read the file: {e}"),
        }],
    })?;
    load_str(&name, &text)
}

fn file_stem(file: &str) -> Option<&str> {
    let name = file.rsplit(['/', '\\']).next()?;
    name.strip_suffix(".toml")
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The document as a tree of spans, to find where a path points.
enum Node {
    Table(BTreeMap<String, Spanned<Node>>),
    Array(Vec<Spanned<Node>>),
    Leaf,
}

/// Start of the deepest value along `path` that exists.
fn offset_of(tree: &Spanned<Node>, path: &[Step]) -> usize {
    let mut here = tree;
    for step in path {
        let next = match (here.get_ref(), step) {
            (Node::Table(map), Step::Key(k)) => map.get(*k),
            (Node::Array(items), Step::Index(i)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => here = n,
            None => break,
        }
    }
    here.span().start
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any TOML value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, Spanned<Node>>()? {
                    out.insert(k, v);
                }
                Ok(Node::Table(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<Spanned<Node>>()? {
                    out.push(v);
                }
                Ok(Node::Array(out))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
        }
        d.deserialize_any(NodeVisitor)
    }
}
