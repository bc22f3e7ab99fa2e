//! `helpsite serve`: builds the site into memory, serves it on loopback, watches
//! the site (notify, debounced, polling as a fallback), rebuilds on change and
//! tells open pages to reload. A change that breaks the site keeps the last good
//! version served and shows the errors over the page until they are fixed.

mod http;
mod memory;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::Watcher;
use tokio::sync::broadcast;

pub use http::{CSP, resolve_path};
use memory::{MemorySink, Snapshot};

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site_dir: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
}

#[derive(Debug, Clone)]
pub enum ServerEvent {
    /// The site was rebuilt; these output paths changed.
    Reload(Vec<String>),
    /// The site has errors (empty when they were fixed).
    Errors(String),
}

/// What the server shares between requests and the rebuild thread.
pub struct Served {
    current: RwLock<Arc<Snapshot>>,
    errors: RwLock<String>,
    events: broadcast::Sender<ServerEvent>,
}

impl Served {
    fn snapshot(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

/// Builds the site into memory.
fn build_snapshot(
    opts: &ServeOptions,
    base_url: &str,
) -> Result<(Snapshot, crate::Diagnostics), crate::Diagnostics> {
    let sink = MemorySink::default();
    let (written, warnings) =
        crate::build::build_into(&opts.site_dir, opts.drafts, Some(base_url), &sink)?;
    Ok((
        Snapshot {
            files: sink.into_files(),
            search: written.search.map(Arc::new),
        },
        warnings,
    ))
}

fn render_errors(diags: &crate::Diagnostics) -> String {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Binds `addr`, or the next free port when it is taken.
async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, Diagnostic> {
    let mut port = addr.port();
    for _ in 0..20 {
        match tokio::net::TcpListener::bind(SocketAddr::new(addr.ip(), port)).await {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 => {
                eprintln!("Port {port} is in use; trying {}.", port + 1);
                port += 1;
            }
            Err(e) => {
                return Err(Diagnostic::error(
                    "serve",
                    format!("cannot listen on {}:{port}: {e}", addr.ip()),
                )
                .hint("choose another port with --port, or stop the program using it"));
            }
        }
    }
    Err(Diagnostic::error(
        "serve",
        format!("ports {}–{port} are all in use", addr.port()),
    )
    .hint("choose another port with --port"))
}

/// Whether an event is a change: reading files (as every rebuild does) raises
/// access and metadata events that must not trigger another rebuild.
fn is_change(e: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match e.kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Whether a changed path should trigger a rebuild.
fn relevant(site_dir: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(site_dir) else {
        return false;
    };
    if path.file_name().is_some_and(crate::content::is_ignored) {
        return false;
    }
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    match parts.next().as_deref() {
        Some("content" | "templates" | "static" | "themes") => true,
        Some(crate::config::CONFIG_FILE | crate::support::SUPPORT_FILE) => {
            rel.components().count() == 1
        }
        _ => false,
    }
}

type Events = std::sync::mpsc::Receiver<notify::Result<notify::Event>>;

/// Starts watching the site (native events, else polling). Called before the
/// server says it is ready, so no change made after that is missed.
fn start_watcher(site_dir: &Path) -> Option<(Box<dyn Watcher + Send>, Events)> {
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let native = notify::recommended_watcher(tx.clone()).and_then(|mut w| {
        w.watch(site_dir, notify::RecursiveMode::Recursive)?;
        Ok(Box::new(w) as Box<dyn Watcher + Send>)
    });
    match native {
        Ok(w) => Some((w, rx)),
        Err(e) => {
            eprintln!(
                "Native file watching is unavailable ({e}); checking for changes every half second."
            );
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
            match notify::PollWatcher::new(tx, config).and_then(|mut w| {
                w.watch(site_dir, notify::RecursiveMode::Recursive)?;
                Ok(w)
            }) {
                Ok(w) => Some((Box::new(w), rx)),
                Err(e) => {
                    eprintln!(
                        "error: cannot watch {}: {e}; changes will not be picked up.",
                        site_dir.display()
                    );
                    None
                }
            }
        }
    }
}

/// Rebuilds after each burst of changes reported by the watcher.
fn watch_and_rebuild(
    opts: ServeOptions,
    base_url: String,
    served: Arc<Served>,
    watcher: Box<dyn Watcher + Send>,
    rx: Events,
) {
    // The watcher lives as long as this loop.
    let _watcher = watcher;
    let site_dir = opts
        .site_dir
        .canonicalize()
        .unwrap_or_else(|_| opts.site_dir.clone());
    loop {
        let Ok(first) = rx.recv() else { return };
        let mut dirty =
            first.is_ok_and(|e| is_change(&e) && e.paths.iter().any(|p| relevant(&site_dir, p)));
        let started = Instant::now();
        // Debounce: editors write several times per save.
        while let Ok(next) = rx.recv_timeout(Duration::from_millis(60)) {
            dirty |=
                next.is_ok_and(|e| is_change(&e) && e.paths.iter().any(|p| relevant(&site_dir, p)));
            if started.elapsed() > Duration::from_secs(2) {
                break;
            }
        }
        if !dirty {
            continue;
        }
        rebuild(&opts, &base_url, &served, started);
    }
}

fn rebuild(opts: &ServeOptions, base_url: &str, served: &Served, started: Instant) {
    match build_snapshot(opts, base_url) {
        Ok((snapshot, warnings)) => {
            for w in warnings.iter() {
                eprintln!("{w}");
            }
            let changed = snapshot.changed_since(&served.snapshot());
            let had_errors = served.errors.read().map(|e| !e.is_empty()).unwrap_or(false);
            if let Ok(mut cur) = served.current.write() {
                *cur = Arc::new(snapshot);
            }
            if let Ok(mut e) = served.errors.write() {
                e.clear();
            }
            if had_errors {
                let _ = served.events.send(ServerEvent::Errors(String::new()));
            }
            if !changed.is_empty() || had_errors {
                eprintln!(
                    "Rebuilt in {} ms: {} file(s) changed.",
                    started.elapsed().as_millis(),
                    changed.len()
                );
                let _ = served.events.send(ServerEvent::Reload(changed));
            }
        }
        Err(diags) => {
            let text = render_errors(&diags);
            let same = served.errors.read().map(|e| *e == text).unwrap_or(false);
            if same {
                return;
            }
            for d in diags.iter() {
                eprintln!("{d}");
            }
            eprintln!("The site has errors; still serving the last good version.");
            if let Ok(mut e) = served.errors.write() {
                *e = text.clone();
            }
            let _ = served.events.send(ServerEvent::Errors(text));
        }
    }
}

/// Runs the server until Ctrl-C.
pub fn serve(opts: ServeOptions) -> Result<(), Diagnostic> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error("serve", format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let listener = bind(SocketAddr::new(opts.bind, opts.port)).await?;
        let addr = listener
            .local_addr()
            .map_err(|e| Diagnostic::error("serve", e.to_string()))?;
        let host = if addr.ip().is_unspecified() {
            "127.0.0.1".to_string()
        } else {
            addr.ip().to_string()
        };
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host
        };
        let base_url = format!("http://{host}:{}/", addr.port());
        if !opts.bind.is_loopback() {
            eprintln!(
                "warning: serving on {} — other machines on your network can reach this preview.",
                opts.bind
            );
        }
        let started = Instant::now();
        let blocking_opts = opts.clone();
        let url = base_url.clone();
        let first = tokio::task::spawn_blocking(move || build_snapshot(&blocking_opts, &url))
            .await
            .map_err(|e| Diagnostic::error("serve", e.to_string()))?;
        let (events, _) = broadcast::channel(64);
        let served = Arc::new(Served {
            current: RwLock::new(Arc::new(Snapshot {
                files: Default::default(),
                search: None,
            })),
            errors: RwLock::new(String::new()),
            events,
        });
        match first {
            Ok((snapshot, warnings)) => {
                for w in warnings.iter() {
                    eprintln!("{w}");
                }
                eprintln!(
                    "Built {} files in {} ms.",
                    snapshot.files.len(),
                    started.elapsed().as_millis()
                );
                if let Ok(mut cur) = served.current.write() {
                    *cur = Arc::new(snapshot);
                }
            }
            Err(diags) => {
                for d in diags.iter() {
                    eprintln!("{d}");
                }
                eprintln!("The site has errors; fix them and the page will update.");
                if let Ok(mut e) = served.errors.write() {
                    *e = render_errors(&diags);
                }
            }
        }
        if let Some((watcher, rx)) = start_watcher(&opts.site_dir) {
            let watcher_state = served.clone();
            let watch_opts = opts.clone();
            let watch_url = base_url.clone();
            std::thread::spawn(move || {
                watch_and_rebuild(watch_opts, watch_url, watcher_state, watcher, rx)
            });
        }
        println!(
            "Serving {} at {base_url} (Ctrl-C to stop)",
            opts.site_dir.display()
        );
        axum::serve(listener, http::router(served))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Diagnostic::error("serve", format!("the server stopped: {e}")))
    })
}
