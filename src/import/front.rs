//! Front matter of imported pages: reading it (YAML between `---`, TOML
//! between `+++`) and writing helpsite's, with the source's other keys kept
//! under `extra` so nothing is lost.

use serde_yaml::{Mapping, Value};

use super::Report;

/// A page's text split at its front matter.
pub(crate) struct Split<'a> {
    /// The front matter's keys (empty when there is none).
    pub keys: Mapping,
    pub body: &'a str,
    /// 1-based line of the source where `body` starts.
    pub body_line: usize,
}

/// Splits and parses front matter; a malformed one is reported with its line
/// and the page is imported from its body alone.
pub(crate) fn split<'a>(text: &'a str, source: &str, report: &mut Report) -> Split<'a> {
    for (fence, toml) in [("---", false), ("+++", true)] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('\n') else {
            continue;
        };
        let close = format!("\n{fence}");
        let end = if rest.starts_with(fence) {
            Some(0)
        } else {
            rest.find(&close).map(|i| i + 1)
        };
        let Some(end) = end else {
            report.problem(
                source,
                1,
                format!("front matter opened with `{fence}` is never closed; imported without it"),
                &format!("close it with a line of `{fence}`"),
            );
            return Split {
                keys: Mapping::new(),
                body: text,
                body_line: 1,
            };
        };
        let raw = &rest[..end];
        let after = &rest[end + fence.len()..];
        let body = after.strip_prefix('\n').unwrap_or(after);
        let body_line = 2 + raw.lines().count() + 1;
        let keys = if toml {
            parse_toml(raw, source, report)
        } else {
            parse_yaml(raw, source, report)
        };
        return Split {
            keys,
            body,
            body_line,
        };
    }
    Split {
        keys: Mapping::new(),
        body: text,
        body_line: 1,
    }
}

fn parse_yaml(raw: &str, source: &str, report: &mut Report) -> Mapping {
    if raw.trim().is_empty() {
        return Mapping::new();
    }
    match serde_yaml::from_str::<Value>(raw) {
        Ok(Value::Mapping(m)) => m,
        Ok(_) => {
            report.problem(
                source,
                2,
                "front matter is not a list of keys; ignored",
                "write `key: value` lines",
            );
            Mapping::new()
        }
        Err(e) => {
            let line = e.location().map_or(1, |l| l.line()) + 1;
            report.problem(
                source,
                line,
                format!("malformed front matter ({e}); the page is imported without it"),
                "fix the YAML in the source and import again",
            );
            Mapping::new()
        }
    }
}

fn parse_toml(raw: &str, source: &str, report: &mut Report) -> Mapping {
    match raw.parse::<toml::Table>() {
        Ok(t) => match toml_to_yaml(toml::Value::Table(t)) {
            Value::Mapping(m) => m,
            _ => Mapping::new(),
        },
        Err(e) => {
            let line = e
                .span()
                .map_or(1, |s| raw[..s.start.min(raw.len())].lines().count().max(1))
                + 1;
            report.problem(
                source,
                line,
                format!(
                    "malformed TOML front matter ({}); the page is imported without it",
                    e.message()
                ),
                "fix the TOML in the source and import again",
            );
            Mapping::new()
        }
    }
}

/// A TOML value as YAML (dates become their text).
pub(crate) fn toml_to_yaml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Sequence(a.into_iter().map(toml_to_yaml).collect()),
        toml::Value::Table(t) => Value::Mapping(
            t.into_iter()
                .map(|(k, v)| (Value::String(k), toml_to_yaml(v)))
                .collect(),
        ),
    }
}

/// Reads a key as text (strings, numbers and booleans).
pub(crate) fn text(m: &Mapping, key: &str) -> Option<String> {
    match m.get(key)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads a key as a list of words (a list, or one comma-separated string).
pub(crate) fn list(m: &Mapping, key: &str) -> Vec<String> {
    match m.get(key) {
        Some(Value::Sequence(s)) => s
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) => s
            .split(',')
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn integer(m: &Mapping, key: &str) -> Option<i64> {
    match m.get(key)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.round() as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(crate) fn flag(m: &Mapping, key: &str) -> Option<bool> {
    match m.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `2024-05-01T10:00:00Z` or `2024-05-01 10:00` → `2024-05-01`.
pub(crate) fn date(m: &Mapping, key: &str) -> Option<String> {
    let t = text(m, key)?;
    let d = t.get(..10)?;
    jiff::civil::Date::strptime("%Y-%m-%d", d)
        .ok()
        .map(|d| d.to_string())
}

/// helpsite's front matter, filled by a reader.
#[derive(Debug, Default, Clone)]
pub(crate) struct Front {
    pub title: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub weight: Option<i64>,
    pub tags: Vec<String>,
    pub keywords: Vec<String>,
    pub draft: bool,
    pub updated: Option<String>,
    pub aliases: Vec<String>,
    /// The source's keys with no helpsite equivalent.
    pub extra: Mapping,
}

impl Front {
    /// Keeps every key of `keys` not named in `used` under `extra`.
    pub(crate) fn keep_rest(&mut self, keys: &Mapping, used: &[&str], report: &mut Report) {
        for (k, v) in keys {
            let name = k.as_str().unwrap_or_default();
            if !used.contains(&name) {
                self.extra.insert(k.clone(), v.clone());
                report.count("front matter keys kept under `extra`");
            }
        }
    }

    /// The front matter of an article (`section: false`) or a section page.
    pub(crate) fn to_mapping(&self, section: bool) -> Mapping {
        let mut m = Mapping::new();
        let mut put = |k: &str, v: Value| {
            m.insert(Value::String(k.to_string()), v);
        };
        if let Some(t) = &self.title {
            put("title", t.clone().into());
        }
        if let Some(d) = &self.description {
            put("description", d.clone().into());
        }
        if let Some(s) = &self.slug {
            put("slug", s.clone().into());
        }
        if let Some(w) = self.weight {
            put("weight", w.into());
        }
        if !section {
            let seq =
                |v: &[String]| Value::Sequence(v.iter().cloned().map(Value::String).collect());
            if !self.tags.is_empty() {
                put("tags", seq(&self.tags));
            }
            if !self.keywords.is_empty() {
                put("keywords", seq(&self.keywords));
            }
            if self.draft {
                put("draft", true.into());
            }
            if let Some(u) = &self.updated {
                put("updated", u.clone().into());
            }
            if !self.aliases.is_empty() {
                put("aliases", seq(&self.aliases));
            }
        }
        if !self.extra.is_empty() {
            put("extra", Value::Mapping(self.extra.clone()));
        }
        m
    }
}

/// A title from a file name: `getting-started` → `Getting started`.
pub(crate) fn title_from_name(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let words = words.trim();
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => "Untitled".into(),
    }
}
