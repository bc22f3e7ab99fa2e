//! YAML parsing with errors a writer can act on: serde_yaml's messages are re-located
//! to lines of the whole file (front matter starts below the `---` line), and an
//! unknown key is answered with the closest known key.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, closest};

/// Parses `text` (which starts at line `first_line` of `path`) into `T`.
///
/// `what` names the document in messages ("front matter", "helpsite.yaml").
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| to_diagnostic(&err, text, path, first_line, what))
}

/// Turns a serde_yaml error into a located diagnostic with a hint.
pub fn to_diagnostic(
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
pub fn key_line(text: &str, key: &str) -> Option<usize> {
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
