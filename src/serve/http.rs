//! HTTP: files from the in-memory snapshot, the live-reload event stream, the
//! build status and `/api/search`. Paths are decoded and checked before lookup, and
//! only keys of the snapshot can ever be answered.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{FEEDBACK_KEPT, FEEDBACK_PATH};
use serde::Deserialize;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::{Served, ServerEvent};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_TAG: &str = "<script src=\"/__helpsite/live.js\" defer></script>";
/// Longer request paths are refused outright.
const MAX_PATH: usize = 2048;

/// The Content-Security-Policy the default theme satisfies, the same as the
/// published site's `_headers` gives (a preview sends nothing elsewhere).
pub(crate) static CSP: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| crate::output::host_files::content_security_policy(&[]));

pub(super) fn router(state: Arc<Served>) -> Router {
    Router::new()
        .route("/__helpsite/live.js", get(live_js))
        .route("/__helpsite/events", get(events))
        .route("/__helpsite/status", get(status))
        .route("/api/search", get(search))
        .route(FEEDBACK_PATH, get(feedback_log).post(feedback))
        .fallback(get(file))
        .with_state(state)
}

fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, no-store, must-revalidate"),
    );
    if let Ok(csp) = HeaderValue::from_str(&CSP) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    for (name, value) in crate::output::host_files::SECURITY_HEADERS {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// The largest event kept: a vote's comment is at most 1,000 characters.
const MAX_EVENT: usize = 8 * 1024;

/// An event from a preview's page: kept when it is one JSON object, and told
/// on the terminal so the writer sees what a collector would receive.
async fn feedback(State(state): State<Arc<Served>>, body: axum::body::Bytes) -> Response {
    let parsed: Option<serde_json::Map<String, serde_json::Value>> = (body.len() <= MAX_EVENT)
        .then(|| serde_json::from_slice(&body).ok())
        .flatten();
    let Some(event) = parsed else {
        return secure((StatusCode::BAD_REQUEST, "expected one JSON object").into_response());
    };
    let line = serde_json::Value::Object(event).to_string();
    eprintln!("feedback event: {line}");
    if let Ok(mut kept) = state.feedback.lock() {
        if kept.len() == FEEDBACK_KEPT {
            kept.pop_front();
        }
        kept.push_back(line);
    }
    secure(StatusCode::NO_CONTENT.into_response())
}

/// The events kept so far, as JSON lines (`helpsite insights` reads them).
async fn feedback_log(State(state): State<Arc<Served>>) -> Response {
    let mut text = String::new();
    if let Ok(kept) = state.feedback.lock() {
        for line in kept.iter() {
            text.push_str(line);
            text.push('\n');
        }
    }
    secure(
        (
            [(header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")],
            text,
        )
            .into_response(),
    )
}

async fn live_js() -> Response {
    secure(
        (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            LIVE_JS,
        )
            .into_response(),
    )
}

async fn status(State(state): State<Arc<Served>>) -> Response {
    let errors = state.errors.read().map(|e| e.clone()).unwrap_or_default();
    let generation = state.generation.load(std::sync::atomic::Ordering::SeqCst);
    let search_generation = state
        .search_generation
        .load(std::sync::atomic::Ordering::SeqCst);
    secure(
        axum::Json(serde_json::json!({
            "errors": errors,
            "generation": generation,
            "search_current": search_generation == generation,
            "files": state.snapshot().len(),
        }))
        .into_response(),
    )
}

async fn events(
    State(state): State<Arc<Served>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(state.events.subscribe()).filter_map(|e| match e {
        Ok(ServerEvent::Reload(changed)) => Some(Ok(Event::default()
            .event("reload")
            .data(changed.join("\n")))),
        Ok(ServerEvent::Errors(text)) => Some(Ok(Event::default().event("errors").data(text))),
        Err(_) => None,
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[derive(Deserialize)]
struct SearchParams {
    #[serde(default)]
    q: String,
    limit: Option<usize>,
    section: Option<String>,
    tag: Option<String>,
    /// One of the site's languages; the default language when left out.
    lang: Option<String>,
}

async fn search(
    State(state): State<Arc<Served>>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(p)) = params else {
        return secure(
            (
                StatusCode::BAD_REQUEST,
                axum::Json(serde_json::json!({"error": "bad query string"})),
            )
                .into_response(),
        );
    };
    let snapshot = state.snapshot();
    let index = match &p.lang {
        None => snapshot.search.first(),
        Some(lang) => snapshot.search.iter().find(|ix| &ix.language == lang),
    };
    let Some(index) = index.cloned() else {
        if let Some(lang) = &p.lang
            && !snapshot.search.is_empty()
        {
            let known: Vec<&str> = snapshot
                .search
                .iter()
                .map(|ix| ix.language.as_str())
                .collect();
            return secure(
                (
                    StatusCode::BAD_REQUEST,
                    axum::Json(serde_json::json!({
                        "error": format!("the site has no language `{lang}`; its languages are {}", known.join(", "))
                    })),
                )
                    .into_response(),
            );
        }
        return secure(axum::Json(serde_json::json!([])).into_response());
    };
    let limit = p.limit.unwrap_or(10).min(50);
    let hits = tokio::task::spawn_blocking(move || {
        let query = crate::search::parse_query(&p.q, &index.language, p.section, p.tag);
        let mut analyzer =
            crate::search::analyze::analyzer(crate::search::analyze::language(&index.language));
        crate::search::query::search(&index, &query, limit, &mut analyzer)
    })
    .await
    .unwrap_or_default();
    secure(axum::Json(hits).into_response())
}

/// The output path for a request path, or `None` when it tries to leave the site.
pub(crate) fn resolve_path(raw: &str) -> Option<String> {
    if raw.len() > MAX_PATH {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

async fn file(State(state): State<Arc<Served>>, uri: Uri, _headers: HeaderMap) -> Response {
    let Some(path) = resolve_path(uri.path()) else {
        return secure((StatusCode::BAD_REQUEST, "bad path").into_response());
    };
    let snapshot = state.snapshot();
    if let Some(bytes) = snapshot.get(&path) {
        return secure(respond(&path, bytes, StatusCode::OK));
    }
    // `/folder` for a page folder: send the reader to `/folder/`.
    if !uri.path().ends_with('/') && snapshot.contains(&format!("{path}/index.html")) {
        let target = format!("{}/", uri.path());
        return secure(
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, target)]).into_response(),
        );
    }
    match snapshot.get("404.html") {
        Some(bytes) => secure(respond("404.html", bytes, StatusCode::NOT_FOUND)),
        None => secure((StatusCode::NOT_FOUND, "not found").into_response()),
    }
}

fn respond(path: &str, bytes: &Arc<[u8]>, status: StatusCode) -> Response {
    let mime = if path.ends_with(".bin") {
        "application/octet-stream".to_string()
    } else {
        mime_guess::from_path(path)
            .first_or_octet_stream()
            .to_string()
    };
    let is_html = mime.starts_with("text/html");
    let content_type = if mime.starts_with("text/")
        || mime.contains("javascript")
        || mime.contains("json")
        || mime.contains("xml")
    {
        format!("{mime}; charset=utf-8")
    } else {
        mime
    };
    let body = if is_html {
        // The reload script goes in only here, never into built files.
        let text = String::from_utf8_lossy(bytes);
        match text.rfind("</body>") {
            Some(i) => Body::from(format!("{}{LIVE_TAG}{}", &text[..i], &text[i..])),
            None => Body::from(format!("{text}{LIVE_TAG}")),
        }
    } else {
        Body::from(bytes.to_vec())
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_site() {
        assert_eq!(resolve_path("/").as_deref(), Some("index.html"));
        assert_eq!(resolve_path("/a/b/").as_deref(), Some("a/b/index.html"));
        assert_eq!(resolve_path("/style.css").as_deref(), Some("style.css"));
        assert_eq!(resolve_path("/a%20b.png").as_deref(), Some("a b.png"));
        assert_eq!(resolve_path("/../etc/passwd"), None);
        assert_eq!(resolve_path("/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve_path("/a/..%2f..%2fsecret"), None);
        assert_eq!(resolve_path("/..%5c..%5cwin.ini"), None);
        assert_eq!(resolve_path("/a%00b"), None);
        assert_eq!(resolve_path(&format!("/{}", "a".repeat(3000))), None);
    }
}
