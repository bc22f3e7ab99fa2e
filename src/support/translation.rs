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
    let unknown = |kind: &str, id: &str, known: Vec<&str>| {
        let line = crate::yaml::key_line(&text, id).unwrap_or(1);
        let d = Diagnostic::error(
            "support",
            format!("support.yaml has no {kind} `{id}` to translate"),
        )
        .at(&shown)
        .line(line);
        match crate::diagnostics::closest(id, &known) {
            Some(k) => d.hint(format!("did you mean `{k}`?")),
            None => d.hint(format!(
                "{kind}s are named as in support.yaml: {}",
                known.join(", ")
            )),
        }
    };
    let set = |field: &mut String, value: Option<String>| {
        if let Some(v) = value {
            *field = v;
        }
    };
    let set_opt = |field: &mut Option<String>, value: Option<String>| {
        if value.is_some() {
            *field = value;
        }
    };

    let holiday_names: Vec<String> = support.holidays.iter().map(|h| h.name.clone()).collect();
    for (original, translated) in raw.holidays {
        let mut found = false;
        for h in support.holidays.iter_mut().filter(|h| h.name == original) {
            h.name = translated.clone();
            found = true;
        }
        if !found {
            errors.push(unknown(
                "holiday",
                &original,
                holiday_names.iter().map(String::as_str).collect(),
            ));
        }
    }
    let ids: Vec<String> = support.tiers.iter().map(|t| t.id.clone()).collect();
    for (id, t) in raw.tiers {
        let Some(tier) = support.tiers.iter_mut().find(|x| x.id == id) else {
            errors.push(unknown(
                "tier",
                &id,
                ids.iter().map(String::as_str).collect(),
            ));
            continue;
        };
        set(&mut tier.name, t.name);
        set_opt(&mut tier.price, t.price);
        set_opt(&mut tier.summary, t.summary);
        set_opt(&mut tier.response_note, t.response_note);
        if let Some(c) = t.covers {
            tier.covers = c;
        }
        if let Some(e) = t.excludes {
            tier.excludes = e;
        }
    }
    let ids: Vec<String> = support.processes.iter().map(|p| p.id.clone()).collect();
    for (id, p) in raw.processes {
        let Some(process) = support.processes.iter_mut().find(|x| x.id == id) else {
            errors.push(unknown(
                "process",
                &id,
                ids.iter().map(String::as_str).collect(),
            ));
            continue;
        };
        set(&mut process.name, p.name);
        set_opt(&mut process.summary, p.summary);
        if let Some(steps) = p.steps {
            if steps.len() != process.steps.len() {
                let line = crate::yaml::key_line(&text, "steps").unwrap_or(1);
                errors.push(
                    Diagnostic::error(
                        "support",
                        format!(
                            "the process `{id}` has {} steps in support.yaml and {} here",
                            process.steps.len(),
                            steps.len()
                        ),
                    )
                    .at(&shown)
                    .line(line)
                    .hint("translate every step, in support.yaml's order (`- {}` keeps a step's words)"),
                );
                continue;
            }
            for (step, words) in process.steps.iter_mut().zip(steps) {
                set(&mut step.name, words.name);
                set_opt(&mut step.text, words.text);
            }
        }
    }
    let ids: Vec<String> = support.channels.iter().map(|c| c.id.clone()).collect();
    for (id, c) in raw.channels {
        let Some(channel) = support.channels.iter_mut().find(|x| x.id == id) else {
            errors.push(unknown(
                "channel",
                &id,
                ids.iter().map(String::as_str).collect(),
            ));
            continue;
        };
        set(&mut channel.name, c.name);
        set_opt(&mut channel.kind, c.kind);
        set_opt(&mut channel.purpose, c.purpose);
        set_opt(&mut channel.note, c.note);
    }
    if let Some(s) = raw.secure_access {
        match support.secure_access.as_mut() {
            Some(access) => {
                set(&mut access.name, s.name);
                set_opt(&mut access.text, s.text);
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
