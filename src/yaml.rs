//! YAML parsing with errors a writer can act on: serde_yaml's messages are re-located
//! to lines of the whole file (front matter starts below the `---` line), and an
//! unknown key is answered with the closest known key.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, closest};

/// Parses `text` (which starts at line `first_line` of `path`) into `T`.
///
/// `what` names the document in messages ("front matter", "helpsite.yaml").
pub(crate) fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| to_diagnostic(&err, text, path, first_line, what))
}

/// How many mistakes one document reports before the rest is left unread.
const MAX_MISTAKES: usize = 50;

/// Parses like `parse`, but reads on past a mistake: the lines of the key it
/// is at (the key and the lines below it) are set aside, blanked so that
/// every line keeps its number, and the rest is parsed again. Returns what
/// parsed, with defaults where lines were set aside (`None` when nothing
/// could be), and every mistake, each at its own line.
pub(crate) fn parse_recovering<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
    what: &str,
) -> (Option<T>, Vec<Diagnostic>) {
    let mut mistakes = Vec::new();
    let mut current = text.to_string();
    for _ in 0..MAX_MISTAKES {
        let err = match serde_yaml::from_str::<T>(&current) {
            Ok(value) => return (Some(value), mistakes),
            Err(err) => err,
        };
        let diag = to_diagnostic(&err, &current, path, first_line, what);
        if diag.code == "missing-key" && !mistakes.is_empty() {
            // Most likely a key set aside above: said already.
            return (None, mistakes);
        }
        let line = diag
            .line
            .map(|l| (l as usize + 1).saturating_sub(first_line));
        mistakes.push(diag);
        // A document that does not parse as YAML at all has nothing to set aside.
        match line.and_then(|l| set_aside(&current, l)) {
            Some(rest) => current = rest,
            None => return (None, mistakes),
        }
    }
    (None, mistakes)
}

/// `text` with 1-based `line` and the lines below it that are indented
/// deeper (its value) blanked; `None` when that line is already blank.
fn set_aside(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = line.checked_sub(1)?;
    let first = lines.get(at)?;
    if first.trim().is_empty() {
        return None;
    }
    let indent = |l: &str| l.len() - l.trim_start().len();
    // A list item's own key (`- url: x`) is indented by its dash.
    let depth = indent(first);
    let mut end = at + 1;
    let mut last = at;
    while end < lines.len() {
        let l = lines[end];
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            end += 1;
            continue;
        }
        if indent(l) <= depth {
            break;
        }
        last = end;
        end += 1;
    }
    let mut out = String::with_capacity(text.len());
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !(at..=last).contains(&i) {
            out.push_str(l);
        }
    }
    Some(out)
}

/// Turns a serde_yaml error into a located diagnostic with a hint.
pub(crate) fn to_diagnostic(
    err: &serde_yaml::Error,
    text: &str,
    path: &Path,
    first_line: usize,
    what: &str,
) -> Diagnostic {
    let full = err.to_string();
    // serde_yaml writes " at line L column C" (relative to the block) into its
    // messages; we print the location of the whole file ourselves.
    let message = strip_locations(&full);
    let (mut line, mut col) = err
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));

    let mut diag;
    if let Some(field) = backticked_after(&message, "unknown field `") {
        let expected = expected_fields(&message);
        let expected_refs: Vec<&str> = expected.iter().map(String::as_str).collect();
        if let Some(found) = key_line(text, &field) {
            line = found;
            col = 1;
        }
        diag = Diagnostic::error("unknown-key", format!("unknown key `{field}` in {what}"));
        diag = match closest(&field, &expected_refs) {
            Some(best) => diag.hint(format!("did you mean `{best}`?")),
            None if !expected.is_empty() => diag.hint(format!(
                "known keys are {}; put free-form data under `extra:`",
                expected
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            None => diag,
        };
    } else if let Some(field) = backticked_after(&message, "missing field `") {
        diag = Diagnostic::error("missing-key", format!("{what} has no `{field}`"))
            .hint(format!("add a line `{field}: …`"));
        // serde reports a missing field at the start of the mapping, which is the
        // most useful place we have.
        if err.location().is_none() {
            line = 1;
            col = 1;
        }
    } else if let Some(i) = message.find("invalid type: ") {
        // serde_yaml writes "path.to.key: invalid type: string \"x\", expected i64".
        let key = (i > 2)
            .then(|| message[..i - 2].to_string())
            .or_else(|| key_at_line(text, line));
        let detail = plain_type_error(&message[i + "invalid type: ".len()..]);
        let lead = match &key {
            Some(k) => format!("`{k}` has the wrong type: {detail}"),
            None => format!("wrong type in {what}: {detail}"),
        };
        diag = Diagnostic::error("wrong-type", lead).hint(type_hint(&detail));
    } else if let Some(i) = message.find("invalid value: ") {
        // "path.to.key: invalid value: …", from serde or from our own checks.
        let detail = &message[i + "invalid value: ".len()..];
        let lead = match (i > 2).then(|| &message[..i - 2]) {
            Some(k) => format!("`{k}` in {what}: {detail}"),
            None => format!("{what}: {detail}"),
        };
        diag = Diagnostic::error("invalid-value", lead);
    } else {
        diag = Diagnostic::error(
            "invalid-yaml",
            format!("{what} is not valid YAML: {message}"),
        )
        .hint("check indentation, colons and quotes around values that contain `:` or `#`");
    }
    if message.contains("unknown variant") || message.contains("invalid value") {
        diag.code = "invalid-value";
    }
    diag.at(path).line_col(line + first_line - 1, col)
}

/// Removes every " at line N column M" from a serde_yaml message.
fn strip_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let n = digits(after);
        let tail = &after[n..];
        rest = match tail.strip_prefix(" column ") {
            Some(t) if n > 0 => &t[digits(t)..],
            _ => {
                out.push_str(" at line ");
                after
            }
        };
    }
    out.push_str(rest);
    out
}

/// `string "x", expected i64` → `expected a whole number, found the text "x"`.
fn plain_type_error(detail: &str) -> String {
    let (found, expected) = match detail.rsplit_once(", expected ") {
        Some((f, e)) => (f, e),
        None => return detail.to_string(),
    };
    let expected = match expected {
        "i64" | "u64" | "i32" | "u32" | "usize" => "a whole number",
        "f64" | "f32" => "a number",
        "a boolean" | "bool" => "true or false",
        "a string" => "text",
        e if e.starts_with("a sequence") => "a list",
        e if e.starts_with("struct") || e.starts_with("a map") || e.starts_with("a mapping") => {
            "a mapping of keys to values"
        }
        e => e,
    };
    let found = found
        .replace("string ", "the text ")
        .replace("sequence", "a list")
        .replace("map", "a mapping")
        .replace("boolean ", "");
    format!("expected {expected}, found {found}")
}

/// How to write a value of the type `detail` (plain_type_error's) expected.
fn type_hint(detail: &str) -> &'static str {
    if detail.starts_with("expected true or false") {
        "write `true` or `false`"
    } else if detail.starts_with("expected a whole number") {
        "write a whole number, such as `3`"
    } else if detail.starts_with("expected text") {
        "write the value as text; quote it if it looks like a number, a date or a list"
    } else {
        "check the value's form (a list is written `[a, b]` or as `- a` lines)"
    }
}

fn backticked_after(message: &str, prefix: &str) -> Option<String> {
    let start = message.find(prefix)? + prefix.len();
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_string())
}

/// serde's "expected one of `a`, `b`" list, or nothing.
fn expected_fields(message: &str) -> Vec<String> {
    let Some(i) = message.find("expected one of ") else {
        return message
            .find("expected `")
            .map(|i| {
                message[i..]
                    .split('`')
                    .nth(1)
                    .map(str::to_string)
                    .into_iter()
                    .collect()
            })
            .unwrap_or_default();
    };
    message[i..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The 1-based line (within `text`) where a top-level or nested `key:` is written.
pub(crate) fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches("- ");
            t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
                || t.strip_prefix(&format!("\"{key}\""))
                    .is_some_and(|r| r.starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The 1-based line and column where `key:`'s value is written (the key's
/// own column when the value is on the lines below it).
pub(crate) fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let line = key_line(text, key)?;
    let l = text.lines().nth(line - 1)?;
    let key_col = l.find(key).unwrap_or(0);
    let after = l[key_col..].find(':').map_or(l.len(), |c| key_col + c + 1);
    let value = l[after..].len() - l[after..].trim_start().len();
    let col = if l[after..].trim().is_empty() || l[after..].trim_start().starts_with('#') {
        key_col
    } else {
        after + value
    };
    Some((line, l[..col].chars().count() + 1))
}

/// The key written on 1-based `line` of `text`, if that line is a `key: value` line.
fn key_at_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let t = l.trim_start().trim_start_matches("- ");
    let (k, _) = t.split_once(':')?;
    let k = k.trim();
    (!k.is_empty() && !k.contains(' ')).then(|| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_key_names_line_and_suggestion() {
        let text = "title: x\ntitel: y\n";
        let d = parse::<Doc>(text, Path::new("a.md"), 2, "front matter").unwrap_err();
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("`titel`"), "{d}");
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn every_mistake_is_reported_at_its_line() {
        #[derive(Deserialize, Debug, Default)]
        #[serde(deny_unknown_fields, default)]
        struct Settings {
            title: String,
            weight: i64,
            inner: Inner,
            list: Vec<String>,
        }
        #[derive(Deserialize, Debug, Default)]
        #[serde(deny_unknown_fields, default)]
        struct Inner {
            on: bool,
            size: i64,
        }
        let text = "titel: x\nweight: heavy\ninner:\n  on: maybe\n  size: 3\n  colour: red\nlist:\n  - a\n  - b\ntitle: kept\n";
        let (value, mistakes) =
            parse_recovering::<Settings>(text, Path::new("s.yaml"), 1, "s.yaml");
        let lines: Vec<Option<u32>> = mistakes.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(1), Some(2), Some(4), Some(6)], "{mistakes:?}");
        let value = value.expect("the rest parses");
        assert_eq!(value.title, "kept");
        assert_eq!(value.inner.size, 3);
        assert_eq!(value.list, ["a", "b"]);
    }

    #[test]
    fn a_document_that_is_not_yaml_reports_once() {
        let (value, mistakes) = parse_recovering::<Doc>(
            "title: \"unclosed\nweight: 3\n",
            Path::new("a.md"),
            1,
            "front matter",
        );
        assert!(value.is_none());
        assert_eq!(mistakes.len(), 1, "{mistakes:?}");
        assert_eq!(mistakes[0].code, "invalid-yaml");
    }

    #[test]
    fn a_required_key_set_aside_is_not_reported_missing() {
        let (value, mistakes) = parse_recovering::<Doc>(
            "title: [a]\nweight: 3\n",
            Path::new("a.md"),
            1,
            "front matter",
        );
        assert!(value.is_none());
        let codes: Vec<&str> = mistakes.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["wrong-type"]);
    }

    #[test]
    fn inner_locations_are_removed() {
        assert_eq!(
            strip_locations(
                "did not find expected ',' at line 3 column 1, while parsing at line 2 column 5"
            ),
            "did not find expected ',', while parsing"
        );
    }

    #[test]
    fn wrong_type_names_key() {
        let text = "title: x\nweight: heavy\n";
        let d = parse::<Doc>(text, Path::new("a.md"), 2, "front matter").unwrap_err();
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("`weight`"), "{d}");
    }
}
