//! `support.CODE.yaml`: one language's words for the support data (names,
//! prices, summaries, what a tier covers, process steps, channel
//! descriptions, holiday names). Only texts: times, zones, addresses and
//! answer targets come from `support.yaml` alone, so the languages cannot
//! drift apart. Tiers, processes and channels are named by their id,
//! holidays by their name in `support.yaml`; anything it does not name keeps
//! the words of `support.yaml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Support;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawTranslation {
    /// Name in support.yaml → name in this language.
    holidays: BTreeMap<String, String>,
    tiers: BTreeMap<String, TierText>,
    processes: BTreeMap<String, ProcessText>,
    channels: BTreeMap<String, ChannelText>,
    secure_access: Option<SecureText>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct TierText {
    name: Option<String>,
    price: Option<String>,
    summary: Option<String>,
    covers: Option<Vec<String>>,
    excludes: Option<Vec<String>>,
    response_note: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ProcessText {
    name: Option<String>,
    summary: Option<String>,
    /// In the order of support.yaml's steps, one for each.
    steps: Option<Vec<StepText>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct StepText {
    name: Option<String>,
    text: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ChannelText {
    name: Option<String>,
    kind: Option<String>,
    #[serde(rename = "for")]
    purpose: Option<String>,
    note: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct SecureText {
    name: Option<String>,
    text: Option<String>,
}

/// The file of `language`'s support texts (`support.ru.yaml`).
pub fn file_name(language: &str) -> String {
    format!("support.{language}.yaml")
}

/// Lays `support.LANGUAGE.yaml`, when the site has one, over `support`'s
/// texts; every entry that names nothing in support.yaml is an error at its
/// line.
pub fn apply(
    site_dir: &Path,
    language: &str,
    support: &mut Support,
) -> Result<(), Vec<Diagnostic>> {
    let name = file_name(language);
    let path = site_dir.join(&name);
    if !path.exists() {
        return Ok(());
    }
    let shown = PathBuf::from(&name);
    let text = crate::content::read_text(&path, &shown).map_err(|d| vec![d])?;
    let raw: RawTranslation = if text.trim().is_empty() {
        RawTranslation::default()
    } else {
        crate::yaml::parse(&text, &shown, 1, &name).map_err(|d| vec![d])?
    };
    let mut errors = Vec::new();
    // Every entry naming nothing in support.yaml is an error at its line.
    let mut unknown = |kind: &str, names: Vec<String>, known: Vec<&str>| {
        for id in names {
            let line = crate::yaml::key_line(&text, &id).unwrap_or(1);
            let d = Diagnostic::error(
                "support",
                format!("support.yaml has no {kind} `{id}` to translate"),
            )
            .at(&shown)
            .line(line);
            errors.push(match crate::diagnostics::closest(&id, &known) {
                Some(k) => d.hint(format!("did you mean `{k}`?")),
                None => d.hint(format!(
                    "{kind}s are named as in support.yaml: {}",
                    known.join(", ")
                )),
            });
        }
    };
    let set = |field: &mut String, value: &Option<String>| {
        if let Some(v) = value {
            field.clone_from(v);
        }
    };
    let set_opt = |field: &mut Option<String>, value: &Option<String>| {
        if value.is_some() {
            field.clone_from(value);
        }
    };

    let known: Vec<String> = support.holidays.iter().map(|h| h.name.clone()).collect();
    let (pairs, names) = pair(&mut support.holidays, |h| &h.name, &raw.holidays);
    for (holiday, name) in pairs {
        holiday.name.clone_from(name);
    }
    unknown("holiday", names, known.iter().map(String::as_str).collect());

    let known: Vec<String> = support.tiers.iter().map(|t| t.id.clone()).collect();
    let (pairs, names) = pair(&mut support.tiers, |t| &t.id, &raw.tiers);
    for (tier, t) in pairs {
        set(&mut tier.name, &t.name);
        set_opt(&mut tier.price, &t.price);
        set_opt(&mut tier.summary, &t.summary);
        set_opt(&mut tier.response_note, &t.response_note);
        if let Some(c) = &t.covers {
            tier.covers.clone_from(c);
        }
        if let Some(e) = &t.excludes {
            tier.excludes.clone_from(e);
        }
    }
    unknown("tier", names, known.iter().map(String::as_str).collect());

    let known: Vec<String> = support.processes.iter().map(|p| p.id.clone()).collect();
    let (pairs, names) = pair(&mut support.processes, |p| &p.id, &raw.processes);
    let mut mismatched = Vec::new();
    for (process, p) in pairs {
        set(&mut process.name, &p.name);
        set_opt(&mut process.summary, &p.summary);
        let Some(steps) = &p.steps else { continue };
        if steps.len() != process.steps.len() {
            mismatched.push((process.id.clone(), process.steps.len(), steps.len()));
            continue;
        }
        for (step, words) in process.steps.iter_mut().zip(steps) {
            set(&mut step.name, &words.name);
            set_opt(&mut step.text, &words.text);
        }
    }
    unknown("process", names, known.iter().map(String::as_str).collect());
    let known: Vec<String> = support.channels.iter().map(|c| c.id.clone()).collect();
    let (pairs, names) = pair(&mut support.channels, |c| &c.id, &raw.channels);
    for (channel, c) in pairs {
        set(&mut channel.name, &c.name);
        set_opt(&mut channel.kind, &c.kind);
        set_opt(&mut channel.purpose, &c.purpose);
        set_opt(&mut channel.note, &c.note);
    }
    unknown("channel", names, known.iter().map(String::as_str).collect());
    for (id, theirs, ours) in mismatched {
        let line = crate::yaml::key_line(&text, "steps").unwrap_or(1);
        errors.push(
            Diagnostic::error(
                "support",
                format!("the process `{id}` has {theirs} steps in support.yaml and {ours} here"),
            )
            .at(&shown)
            .line(line)
            .hint("translate every step, in support.yaml's order (`- {}` keeps a step's words)"),
        );
    }

    if let Some(s) = &raw.secure_access {
        match support.secure_access.as_mut() {
            Some(access) => {
                set(&mut access.name, &s.name);
                set_opt(&mut access.text, &s.text);
            }
            None => {
                let line = crate::yaml::key_line(&text, "secure_access").unwrap_or(1);
                errors.push(
                    Diagnostic::error("support", "support.yaml has no secure_access to translate")
                        .at(&shown)
                        .line(line)
                        .hint("remove `secure_access:` here, or add it to support.yaml"),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Each item of `items` with its entry in `entries` (by the name `name_of`
/// gives it; several items may share one), and the entries' names that name
/// no item.
fn pair<'a, T, W>(
    items: &'a mut [T],
    name_of: impl Fn(&T) -> &str,
    entries: &'a BTreeMap<String, W>,
) -> (Vec<(&'a mut T, &'a W)>, Vec<String>) {
    let mut used = std::collections::BTreeSet::new();
    let mut pairs = Vec::new();
    for item in items.iter_mut() {
        if let Some((name, words)) = entries.get_key_value(name_of(item)) {
            used.insert(name.as_str());
            pairs.push((item, words));
        }
    }
    let unused = entries
        .keys()
        .filter(|k| !used.contains(k.as_str()))
        .cloned()
        .collect();
    (pairs, unused)
}
