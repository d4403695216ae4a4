//! TOML -> `Ruleset`, with every problem named by file, line and column.

use super::model::Ruleset;
use super::validate::{validate, Path, Step};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// Largest ruleset text `load_str` reads: the biggest bundled ruleset is about 70 kB, so a
/// bigger text is the wrong file or an attack, and it is refused before parsing.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// Deepest nesting of arrays and inline tables, and most parts of one dotted key, that
/// `load_str` reads; a ruleset needs three levels and keys of two parts. Checked before
/// parsing, so neither the parser nor the walks over the parsed tree can recurse deeper
/// whatever the `toml` crate does: its own limit (80) goes if any crate in the build turns
/// on its `unbounded` feature, and its error for a long dotted key names no line.
pub const MAX_NESTING: usize = 64;

/// One problem, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based. `load_str` always names a line of its text: from 1 to the number of `\n`
    /// plus 1 (the line after a final newline, for "unexpected end of file"). Only
    /// `load_file` gives 0, when the file cannot be read at all.
    pub line: usize,
    /// 1-based, in characters: from 1 to the length of the line plus 1.
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

/// Reads a ruleset from TOML text; `file` names it in messages and, for a bundled ruleset
/// (`rulesets/<area>.toml`), must match the ruleset's `area`. Any other file may have any
/// name, as a site's own ruleset may ([`load_site_ruleset`]).
///
/// Never panics, whatever the text (tests/loader_fuzz.rs); a text over [`MAX_FILE_BYTES`]
/// or nested deeper than [`MAX_NESTING`] is refused before it is parsed.
pub fn load_str(file: &str, text: &str) -> Result<Ruleset, LoadError> {
    load(file, text, file_stem(file))
}

/// Reads a ruleset a partnership publishes on its own site (the page's `ruleset` setting):
/// as [`load_str`], but its file may have any name, since the site, not this repository,
/// decides where it lives.
pub fn load_site_ruleset(file: &str, text: &str) -> Result<Ruleset, LoadError> {
    load(file, text, None)
}

fn load(file: &str, text: &str, expected_area: Option<&str>) -> Result<Ruleset, LoadError> {
    let fail = |problems| LoadError {
        file: file.to_owned(),
        problems,
    };
    if let Some(problem) = refuse_before_parsing(text) {
        return Err(fail(vec![problem]));
    }
    let (ruleset, mut problems) = parse_all(text).map_err(fail)?;

    let mut diagnostics = validate(&ruleset);
    if let Some(stem) = expected_area {
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
    if diagnostics.is_empty() && problems.is_empty() {
        return Ok(ruleset);
    }

    // The text parsed above, so it parses again; the fallback only guards against surprises.
    let tree: Option<Spanned<Node>> = toml::from_str(text).ok();
    let offsets: Vec<usize> = diagnostics
        .iter()
        .map(|d| tree.as_ref().map(|t| offset_of(t, &d.path.0)).unwrap_or(0))
        .collect();
    problems.extend(diagnostics.into_iter().zip(line_cols(text, &offsets)).map(
        |(d, (line, column))| Problem {
            line,
            column,
            message: advise_on_path(&d.path.to_string(), d.message),
            path: Some(d.path.to_string()),
        },
    ));
    problems.sort_by_key(|p| (p.line, p.column));
    Err(fail(problems))
}

/// Most unknown fields reported from one file: each costs a parse of the whole text.
const MAX_UNKNOWN_FIELDS: usize = 50;

/// Parses the text into a ruleset. An unknown field is reported and taken out of the text
/// (blanked, so lines and columns stay), and the parse tried again, so every unknown field
/// is listed at once and the rest of the file is still checked; any other error stops it.
fn parse_all(text: &str) -> Result<(Ruleset, Vec<Problem>), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut edited: Option<String> = None;
    loop {
        let current = edited.as_deref().unwrap_or(text);
        let e = match toml::from_str::<Ruleset>(current) {
            Ok(ruleset) => return Ok((ruleset, problems)),
            Err(e) => e,
        };
        // An error with no place (e.g. the toml crate's own recursion limit) is put at the start.
        let span = e.span();
        let (line, column) = span
            .clone()
            .map(|s| line_col(text, s.start))
            .unwrap_or((1, 1));
        let message = e.message().trim_end().to_owned();
        let unknown = message.starts_with("unknown field");
        problems.push(Problem {
            line,
            column,
            path: None,
            message: advise_on_syntax(text, span.as_ref().map_or(0, |s| s.start), message),
        });
        let blanked = span
            .filter(|_| unknown && problems.len() < MAX_UNKNOWN_FIELDS)
            .and_then(|s| without_key_value(current, s.start));
        match blanked {
            Some(next) => edited = Some(next),
            None => {
                problems.sort_by_key(|p| (p.line, p.column));
                return Err(problems);
            }
        }
    }
}

/// `text` with the key-value pair whose key starts at `key_start` blanked out (and a comma
/// next to it, inside an inline table), or `None` when it cannot be found.
fn without_key_value(text: &str, key_start: usize) -> Option<String> {
    let tree: Spanned<Node> = toml::from_str(text).ok()?;
    let eq = key_start + text.get(key_start..)?.find('=')?;
    if text[key_start..eq].contains(['\n', ']']) {
        return None; // not a `key = value` line, e.g. a `[table]` header
    }
    let after = text.get(eq + 1..)?;
    let value_start = eq + 1 + (after.len() - after.trim_start_matches([' ', '\t']).len());
    let value_end = span_end_at(&tree, value_start)?;
    let bytes = text.as_bytes();
    let (mut from, mut to) = (key_start, value_end);
    let next = (to..bytes.len()).find(|&i| !matches!(bytes[i], b' ' | b'\t'));
    let prev = (0..from).rev().find(|&i| !matches!(bytes[i], b' ' | b'\t'));
    match (next, prev) {
        (Some(n), _) if bytes[n] == b',' => to = n + 1,
        (_, Some(p)) if bytes[p] == b',' => from = p,
        _ => {}
    }
    let blank: String = text[from..to]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    let edited = format!("{}{blank}{}", &text[..from], &text[to..]);
    toml::from_str::<Spanned<Node>>(&edited)
        .ok()
        .map(|_| edited)
}

/// The end of the value that starts at `start`, anywhere in the tree.
fn span_end_at(node: &Spanned<Node>, start: usize) -> Option<usize> {
    if node.span().start == start {
        return Some(node.span().end);
    }
    match node.get_ref() {
        Node::Table(map) => map.values().find_map(|c| span_end_at(c, start)),
        Node::Array(items) => items.iter().find_map(|c| span_end_at(c, start)),
        Node::Leaf => None,
    }
}

/// The key of the line holding `offset`, e.g. `phone` for `phone = 0170`.
fn key_of_line(text: &str, offset: usize) -> (&str, &str) {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[start..end];
    match line.split_once('=') {
        Some((key, value)) => (key.trim(), value.trim_start()),
        None => ("", line),
    }
}

const FIND_DETAILS: &str = "if the document gives no number, leave `phone` out and say where to find the number in `find_details`";

/// What to do about a TOML error an author meets often: a quote inside a text, curly quotes
/// from a word processor, a phone number without quotes. Other errors are left as they are.
fn advise_on_syntax(text: &str, offset: usize, message: String) -> String {
    let (key, value) = key_of_line(text, offset);
    let advice = if value.starts_with(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']) {
        "this text starts with a curly quote (\u{201c} or \u{2018}), as a word processor types it: a text must start and end with straight quotes, \"like this\"; curly quotes inside it are fine".to_owned()
    } else if value.starts_with("\"\"\"") || value.starts_with("'''") {
        return message;
    } else if value.starts_with('"') && value[1..].matches('"').count() >= 2 {
        "a straight double quote (\") inside a text ends it early: inside the text use single quotes ('like this') or curly quotes, or write \\\"".to_owned()
    } else if value.starts_with('\'') && value[1..].matches('\'').count() >= 2 {
        "a text in single quotes cannot hold an apostrophe or a single quote: put the text in double quotes, \"like this\"".to_owned()
    } else if key == "phone" {
        format!("write the number in quotes, e.g. `phone = \"01709 336080\"`; {FIND_DETAILS}")
    } else {
        return message;
    };
    format!("{advice} (the TOML reader says: {message})")
}

/// What to do about a checker problem, by the place it is at.
fn advise_on_path(path: &str, message: String) -> String {
    if path.ends_with(".phone") {
        format!("{message}: {FIND_DETAILS}")
    } else {
        message
    }
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

/// The area a bundled ruleset must have: its file name, for a file in a `rulesets` folder.
fn file_stem(file: &str) -> Option<&str> {
    let mut parts = file.rsplit(['/', '\\']);
    let name = parts.next()?;
    if parts.next()? != "rulesets" {
        return None;
    }
    name.strip_suffix(".toml")
}

/// What is wrong with a text too big or too deep to parse safely, before parsing it: one
/// cheap pass over the bytes, skipping strings and comments.
fn refuse_before_parsing(text: &str) -> Option<Problem> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_col(text, offset);
        Some(Problem {
            line,
            column,
            path: None,
            message,
        })
    };
    if text.len() > MAX_FILE_BYTES {
        return at(
            0,
            format!(
                "the file is too large: {} bytes, more than the {MAX_FILE_BYTES} bytes ({} MB) a ruleset may have; it was not read",
                text.len(),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        );
    }
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // Dots since the last `=`, `,`, bracket, brace or newline: the parts of a dotted key.
    // A number or a date has at most one dot, so only a key can have many.
    let mut dots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            quote @ (b'"' | b'\'') => {
                i = skip_string(bytes, i, quote);
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                dots = 0;
                if depth > MAX_NESTING {
                    return at(
                        i,
                        format!("arrays and inline tables are nested more than {MAX_NESTING} deep; a ruleset needs only a few levels"),
                    );
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                dots = 0;
            }
            b'.' => {
                dots += 1;
                if dots >= MAX_NESTING {
                    return at(
                        i,
                        format!("a dotted key has more than {MAX_NESTING} parts; a ruleset needs at most two"),
                    );
                }
            }
            b'=' | b',' | b'\n' => dots = 0,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset just after the string that opens at `start` with `quote` (`"` or `'`), single-
/// or multi-line. A single-line string also ends at a newline, where the parser will complain,
/// so one bad string cannot hide the rest of the file.
fn skip_string(bytes: &[u8], start: usize, quote: u8) -> usize {
    let triple = [quote; 3];
    let multi = bytes[start..].starts_with(&triple);
    let mut i = start + if multi { 3 } else { 1 };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && quote == b'"' {
            // An escape; but a single-line string still ends at the newline.
            i += if !multi && bytes.get(i + 1) == Some(&b'\n') {
                1
            } else {
                2
            };
        } else if multi && bytes[i..].starts_with(&triple) {
            i += 3;
            // A closing `"""` may be followed by up to two quotes of the content.
            let mut extra = 0;
            while extra < 2 && bytes.get(i) == Some(&quote) {
                i += 1;
                extra += 1;
            }
            return i;
        } else if !multi && b == quote {
            return i + 1;
        } else if !multi && b == b'\n' {
            return i;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// 1-based line and column of a byte offset (one past the end at most; an offset inside a
/// character counts as that character's start).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    line_cols(text, &[offset])[0]
}

/// [`line_col`] of many offsets in one pass over the text, so that a big file with
/// thousands of problems takes no longer than reading it once.
fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut found = vec![(1, 1); offsets.len()];
    let (mut done, mut line, mut column) = (0, 1, 1);
    for i in order {
        let offset = text.floor_char_boundary(offsets[i].min(text.len()));
        for c in text[done..offset].chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        done = offset;
        found[i] = (line, column);
    }
    found
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
