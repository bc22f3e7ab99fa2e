//! `helpsite check`: every validation of `build` (nothing is written), then
//! the writer's lints (`lints.rs`: stale or unreviewed articles, missing
//! descriptions, duplicate titles, images without alt text, skipped heading
//! levels, empty sections, orphans, links through aliases, malformed external
//! links, support facts written by hand; with `--external`, dead external
//! links) at the levels `helpsite.yaml` sets, and the text and JSON reports.

pub(crate) mod external;
pub(crate) mod lints;
pub mod search_tests;

pub use lints::{LINTS, Lint, lint, malformed_url, support_facts};

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::config::{Config, LintLevel};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::output::Discard;
use crate::pipeline::{StageClock, load_site_to_check, write_site};

/// Checks that every lint named in `helpsite.yaml` exists.
pub fn validate_config(config: &Config) -> Vec<Diagnostic> {
    let names: Vec<&str> = LINTS.iter().map(|l| l.name).collect();
    config
        .check
        .lints
        .keys()
        .filter(|k| !names.contains(&k.as_str()))
        .map(|k| {
            let line = config.key_line(k);
            let d = Diagnostic::error("unknown-key", format!("unknown lint `{k}` in check.lints"))
                .at(config.path())
                .line(line);
            match crate::diagnostics::closest(k, &names) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!("known lints: {}", names.join(", "))),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub site_dir: PathBuf,
    pub drafts: bool,
    /// Fetch external links.
    pub external: bool,
    /// Settings of the external link checker (tests shorten them).
    pub external_settings: external::Settings,
}

/// What `check` found; `has_errors` decides the exit code.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub articles: usize,
    /// What `search-tests.yaml` came to, when the site has one.
    pub search_tests: Option<search_tests::Summary>,
}

pub fn check(opts: &CheckOptions) -> CheckReport {
    let failed = |diags: Diagnostics| CheckReport {
        diagnostics: diags.sorted(),
        articles: 0,
        search_tests: None,
    };
    let languages = match crate::pipeline::languages_of(&opts.site_dir) {
        Ok(l) => l,
        Err(d) => return failed(vec![d].into()),
    };
    // Every language is checked as build would build it.
    let request = crate::pipeline::Request {
        drafts: opts.drafts,
        ..crate::pipeline::Request::new(&opts.site_dir)
    };
    let (first, mut diags) = load_site_to_check(&request);
    let Some(first) = first else {
        return failed(diags);
    };
    let mut others = Vec::with_capacity(languages.len().saturating_sub(1));
    for language in languages.iter().skip(1) {
        // The others read the default language's content for their links.
        let request = crate::pipeline::Request {
            language: language.as_deref(),
            default_content: Some(&first.content),
            ..request
        };
        let (site, d) = load_site_to_check(&request);
        diags.extend(d);
        match site {
            Some(site) => others.push(site),
            None => return failed(diags),
        }
    }
    let mut sites = vec![first];
    sites.extend(others);
    let first = &sites[0];
    diags.extend(validate_config(&first.config));
    // Render every page into nothing, to find template errors as build would.
    // (The search index is left out: nothing a writer controls can break it.)
    let alternates = crate::pipeline::alternates::of(&sites);
    for site in &sites {
        if let Some(templates) = &site.templates
            && !diags.has_errors()
            && let Err(ds) = write_site(
                site,
                templates,
                &crate::pipeline::Part {
                    sink: &Discard,
                    alternates: &alternates,
                },
                false,
                &mut StageClock::default(),
                crate::pipeline::Reuse::Nothing,
            )
        {
            diags.extend(ds);
        }
    }
    let mut findings: Vec<Diagnostic> = sites.iter().flat_map(lint).collect();
    findings.extend(lints::translations(&sites));
    if opts.external {
        for site in &sites {
            findings.extend(external::check_links(
                &site.content,
                &site.articles,
                &opts.external_settings,
            ));
        }
    }
    diags.extend(apply_levels(&first.config, findings));
    let search_tests = search_tests::run(&opts.site_dir, &sites).map(|(summary, failures)| {
        diags.extend(failures);
        summary
    });
    CheckReport {
        diagnostics: diags.sorted(),
        articles: sites.iter().map(|s| s.content.articles.len()).sum(),
        search_tests,
    }
}

/// Gives each finding the level configured for its lint, dropping those set to off.
fn apply_levels(config: &Config, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .filter_map(|mut d| {
            let default = LINTS
                .iter()
                .find(|l| l.name == d.code)
                .map_or(LintLevel::Warning, |l| l.default);
            match config.check.lints.get(d.code).copied().unwrap_or(default) {
                LintLevel::Off => None,
                LintLevel::Error => {
                    d.severity = Severity::Error;
                    Some(d)
                }
                LintLevel::Warning => {
                    d.severity = Severity::Warning;
                    Some(d)
                }
            }
        })
        .collect()
}

/// The stable JSON form of a report (`helpsite check --format json`).
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// Bumped only when a field changes meaning or is removed.
    pub version: u32,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    /// `search-tests.yaml`'s outcome; left out when the site has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_tests: Option<&'a search_tests::Summary>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub code: &'a str,
    pub path: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

/// Findings of one lint shown in full in the text report; the rest are
/// counted (the JSON report lists them all).
pub const SHOWN_PER_LINT: usize = 10;

/// The text report: every build finding, and each lint's first
/// `SHOWN_PER_LINT` findings followed by how many more there are, so that a
/// few hundred skipped heading levels do not bury one broken link.
pub fn to_text(diags: &Diagnostics) -> String {
    let mut shown: HashMap<&str, usize> = HashMap::new();
    let mut out = String::new();
    for d in diags.iter() {
        let is_lint = LINTS.iter().any(|l| l.name == d.code);
        let n = shown.entry(d.code).or_default();
        *n += 1;
        if !is_lint || *n <= SHOWN_PER_LINT {
            out.push_str(&format!("{d}\n"));
        }
    }
    let mut more: Vec<(&str, usize)> = shown
        .into_iter()
        .filter(|(code, n)| *n > SHOWN_PER_LINT && LINTS.iter().any(|l| l.name == *code))
        .collect();
    more.sort();
    for (code, n) in more {
        out.push_str(&format!(
            "… and {} more `{code}` findings (`--format json` lists them all; `check: {{lints: {{{code}: off}}}}` in helpsite.yaml hides them)\n",
            n - SHOWN_PER_LINT
        ));
    }
    out
}

pub fn to_json(report: &CheckReport) -> String {
    let diags = &report.diagnostics;
    let report = JsonReport {
        search_tests: report.search_tests.as_ref(),
        version: 1,
        errors: diags.error_count(),
        warnings: diags.warning_count(),
        diagnostics: diags
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                path: d
                    .path
                    .as_ref()
                    .map(|p| p.to_string_lossy().replace('\\', "/")),
                line: d.line,
                column: d.column,
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}
