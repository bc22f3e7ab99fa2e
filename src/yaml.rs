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
    // serde_yaml appends " at line L column C"; we print the location ourselves.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
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
    } else if message.starts_with("invalid type") {
        let key = key_at_line(text, line);
        let lead = match &key {
            Some(k) => format!("`{k}` has the wrong type: {message}"),
            None => format!("wrong type in {what}: {message}"),
        };
        diag = Diagnostic::error("wrong-type", lead)
            .hint("check the value's form (a list is written `[a, b]` or as `- a` lines)");
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
    fn wrong_type_names_key() {
        let text = "title: x\nweight: heavy\n";
        let d = parse::<Doc>(text, Path::new("a.md"), 2, "front matter").unwrap_err();
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("`weight`"), "{d}");
    }
}
