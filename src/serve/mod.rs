//! `helpsite serve`: builds the site into memory, serves it on loopback, watches
//! the site (notify, debounced, polling as a fallback), rebuilds on change and
//! tells open pages to reload. Rebuilds are incremental (`pipeline::memo`): the
//! pages are rebuilt and swapped in first, then a lower-priority thread rebuilds
//! the search index and swaps it in. A change that breaks the site keeps the last
//! good version served and shows the errors over the page until they are fixed.

mod http;
mod memory;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::Watcher;
use tokio::sync::broadcast;

/// Where a preview's pages send feedback and search events.
pub(crate) const FEEDBACK_PATH: &str = crate::config::FeedbackConfig::PREVIEW_ENDPOINT;
/// The events a preview keeps (the oldest go first).
const FEEDBACK_KEPT: usize = 10_000;
use memory::{Files, MemorySink, Snapshot};

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub site_dir: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// Open the preview in a browser once it answers.
    pub open: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum ServerEvent {
    /// The site was rebuilt; these output paths changed.
    Reload(Vec<String>),
    /// The site has errors (empty when they were fixed).
    Errors(String),
}

/// What the server shares between requests and the rebuild thread.
pub(crate) struct Served {
    current: RwLock<Arc<Snapshot>>,
    errors: RwLock<String>,
    events: broadcast::Sender<ServerEvent>,
    /// Counts good page builds; `search_generation` reaches it once the search
    /// index of that build is served too (tests and tools wait for that).
    generation: AtomicU64,
    search_generation: AtomicU64,
    /// Feedback and search events the preview's pages sent, one JSON line each.
    feedback: std::sync::Mutex<std::collections::VecDeque<String>>,
}

impl Served {
    fn snapshot(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Replaces the served snapshot with `f(current)`, under the lock, so the
    /// pages thread and the search thread never undo each other's swap.
    /// Returns the replaced snapshot too, so the caller can drop it (tens of
    /// thousands of entries) after the lock is released and the reload sent.
    fn update<T>(&self, f: impl FnOnce(&Snapshot) -> (Snapshot, T)) -> (T, Arc<Snapshot>) {
        let mut guard = match self.current.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let (next, out) = f(&guard);
        let previous = std::mem::replace(&mut *guard, Arc::new(next));
        (out, previous)
    }
}

/// Builds the site into memory, keeping what the next rebuild can reuse.
struct Builder {
    opts: ServeOptions,
    base_url: String,
    /// One per language (`pipeline::build_pages_into` makes them).
    memos: Vec<crate::pipeline::memo::Memo>,
}

/// Builds search indexes on its own thread, so a long indexing run never delays
/// the next save's pages; when saves come faster than indexing, only the latest
/// site is indexed.
struct SearchWorker {
    /// What the served search index was built from.
    key: Option<u64>,
}

impl Builder {
    /// The pages and every other file but the search index's.
    fn pages(
        &mut self,
    ) -> Result<(Arc<Files>, Vec<crate::site::Site>, crate::Diagnostics), crate::Diagnostics> {
        let sink = MemorySink::default();
        let (sites, warnings) = crate::pipeline::build_pages_into(
            &self.opts.site_dir,
            self.opts.drafts,
            Some(&self.base_url),
            &sink,
            Some(&mut self.memos),
            &mut crate::pipeline::StageClock::default(),
        )?;
        Ok((Arc::new(sink.into_files()), sites, warnings))
    }
}

impl SearchWorker {
    /// Every language's search index and export, or `None` when nothing they
    /// read changed.
    fn build(&mut self, sites: &[crate::site::Site]) -> Result<Option<SearchFiles>, Diagnostic> {
        let key = crate::hashing::hash_of(
            &sites
                .iter()
                .map(|site| crate::search::inputs_key(&site.search_inputs()))
                .collect::<Vec<_>>(),
        );
        if self.key == Some(key) {
            return Ok(None);
        }
        // The first build looks for fresh built indexes; when there are none,
        // the fingerprints it computed go into the new exports.
        let mut fingerprints: Vec<Option<String>> = vec![None; sites.len()];
        if self.key.is_none() {
            for (fp, site) in fingerprints.iter_mut().zip(sites) {
                if site.config.search.enabled {
                    *fp = Some(crate::search::reuse::export_fingerprint(
                        &site.search_inputs(),
                    ));
                }
            }
            if let Some(kept) = built_search(sites, &fingerprints) {
                self.key = Some(key);
                return Ok(Some(kept));
            }
        }
        let sink = MemorySink::default();
        let mut indexes = Vec::new();
        for (site, fingerprint) in sites.iter().zip(fingerprints) {
            let part = crate::output::Prefixed {
                inner: &sink,
                prefix: &site.layout.prefix,
            };
            let index = crate::pipeline::write_search(site, &part, fingerprint).map_err(|ds| {
                ds.into_iter().next().unwrap_or_else(|| {
                    Diagnostic::error("search", "the search index could not be built")
                })
            })?;
            indexes.extend(index.map(Arc::new));
        }
        self.key = Some(key);
        Ok(Some((Arc::new(sink.into_files()), indexes)))
    }
}

type SearchFiles = (Arc<Files>, Vec<Arc<crate::search::SearchIndex>>);

/// The search indexes `helpsite build` left in `SITE/public`, when each was
/// made from its language as served now (search/reuse.rs): serve then starts
/// without indexing (22 s instead of 30 at 100,000 articles, 2.2 s instead of
/// 2.6 at 10,000). Only for the first build; the preview's base URL must give
/// the same URLs, as it does for a site at `/`. `fingerprints` are the
/// sites' (`reuse::export_fingerprint`), `None` where search is off.
fn built_search(
    sites: &[crate::site::Site],
    fingerprints: &[Option<String>],
) -> Option<SearchFiles> {
    let sink = MemorySink::default();
    let mut indexes = Vec::new();
    let mut output = None;
    for (site, fingerprint) in sites.iter().zip(fingerprints) {
        let Some(fingerprint) = fingerprint else {
            continue;
        };
        let root = site.site_dir.join("public");
        let prefix = &site.layout.prefix;
        let export = crate::search::reuse::fresh_export(&root, prefix, fingerprint)?;
        let index = crate::search::read_export::read(&root.join(prefix), &export)?;
        let part = crate::output::Prefixed {
            inner: &sink,
            prefix,
        };
        if !crate::search::reuse::copy_export(&root.join(prefix), &export, &part) {
            return None;
        }
        indexes.push(Arc::new(index));
        output = Some(root);
    }
    eprintln!(
        "Search index read from {} (nothing it indexes changed since that build).",
        output?.join("search").display()
    );
    Some((Arc::new(sink.into_files()), indexes))
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
        Some("content" | "templates" | "static" | "themes" | crate::i18n::FOLDER) => true,
        Some(crate::config::CONFIG_FILE | crate::support::SUPPORT_FILE) => {
            rel.components().count() == 1
        }
        // A language's support texts (support.ru.yaml).
        Some(name) if name.starts_with("support.") && name.ends_with(".yaml") => {
            rel.components().count() == 1
        }
        _ => false,
    }
}

/// How long the watcher waits for more events before rebuilding: editors write
/// a file in several steps, and a rename arrives as two events.
const DEBOUNCE_MS: u64 = 10;

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
    mut builder: Builder,
    served: Arc<Served>,
    search: std::sync::mpsc::Sender<SearchJob>,
    watcher: Box<dyn Watcher + Send>,
    rx: Events,
) {
    // The watcher lives as long as this loop.
    let _watcher = watcher;
    let site_dir = builder
        .opts
        .site_dir
        .canonicalize()
        .unwrap_or_else(|_| builder.opts.site_dir.clone());
    loop {
        let Ok(first) = rx.recv() else { return };
        let started = Instant::now();
        let mut touched: Vec<PathBuf> = Vec::new();
        let mut note = |event: notify::Result<notify::Event>| {
            if let Ok(e) = event
                && is_change(&e)
            {
                touched.extend(e.paths.into_iter().filter(|p| relevant(&site_dir, p)));
            }
        };
        note(first);
        // Debounce: editors write several times per save.
        while let Ok(next) = rx.recv_timeout(Duration::from_millis(DEBOUNCE_MS)) {
            note(next);
            if started.elapsed() > Duration::from_secs(2) {
                break;
            }
        }
        if touched.is_empty() {
            continue;
        }
        // The watcher names the files; they are read again whatever their stamps say.
        let given = builder.opts.site_dir.clone();
        let paths: Vec<PathBuf> = touched
            .iter()
            .flat_map(|p| {
                // Events name canonical paths; the cache knows the paths as walked.
                let relative = p.strip_prefix(&site_dir).ok().map(|r| given.join(r));
                [Some(p.as_path().to_path_buf()), relative]
                    .into_iter()
                    .flatten()
            })
            .collect();
        for memo in &mut builder.memos {
            memo.forget(paths.iter().map(PathBuf::as_path));
        }
        rebuild(&mut builder, &served, &search, started);
    }
}

fn rebuild(
    builder: &mut Builder,
    served: &Served,
    search: &std::sync::mpsc::Sender<SearchJob>,
    started: Instant,
) {
    let (pages, site, warnings) = match builder.pages() {
        Ok(built) => built,
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
            return;
        }
    };
    for w in warnings.iter() {
        eprintln!("{w}");
    }
    // Pages first: the reload goes out as soon as they are complete, with the
    // previous search index (complete and consistent in itself) until the new
    // one is ready.
    let (changed, previous) = served.update(|previous| {
        let next = Snapshot {
            pages,
            index_files: previous.index_files.clone(),
            search: previous.search.clone(),
        };
        let changed = next.changed_since(previous);
        (next, changed)
    });
    let had_errors = served.errors.read().map(|e| !e.is_empty()).unwrap_or(false);
    let generation = served.generation.fetch_add(1, Ordering::SeqCst) + 1;
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
    drop(previous);
    let _ = search.send((Arc::new(site), generation));
}

type SearchJob = (Arc<Vec<crate::site::Site>>, u64);

/// The search thread: indexes the newest site it was sent, skipping older ones.
/// It runs at the lowest priority, on its own worker threads (which inherit
/// it), so a save that arrives while it indexes gets the cores first.
fn search_thread(
    mut worker: SearchWorker,
    served: Arc<Served>,
    jobs: std::sync::mpsc::Receiver<SearchJob>,
) {
    lower_priority();
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("hs-search-{i}"))
        .build();
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        match &pool {
            Ok(pool) => pool.install(|| update_search(&mut worker, &served, &job.0, job.1)),
            Err(_) => update_search(&mut worker, &served, &job.0, job.1),
        }
    }
}

/// Gives the calling thread, and the threads it starts from now on, the lowest
/// scheduling priority (nice 19). On Linux a priority belongs to a thread.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on the calling thread's own id.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 19);
    }
}

/// The build before the server answers: pages and search index both.
fn first_build(
    builder: &mut Builder,
    worker: &mut SearchWorker,
    served: &Served,
    started: Instant,
) {
    match builder.pages() {
        Ok((pages, site, warnings)) => {
            for w in warnings.iter() {
                eprintln!("{w}");
            }
            served.update(|_| {
                let first = Snapshot {
                    pages,
                    ..Default::default()
                };
                (first, ())
            });
            served.generation.store(1, Ordering::SeqCst);
            update_search(worker, served, &site, 1);
            eprintln!(
                "Built {} files in {} ms.",
                served.snapshot().len(),
                started.elapsed().as_millis()
            );
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
}

/// Rebuilds the search indexes of `sites` if their inputs changed, and serves them.
fn update_search(
    worker: &mut SearchWorker,
    served: &Served,
    site: &[crate::site::Site],
    generation: u64,
) {
    let started = Instant::now();
    match worker.build(site) {
        Ok(Some((index_files, search))) => {
            // Pages may have been rebuilt meanwhile: keep the newest.
            served.update(|current| {
                let next = Snapshot {
                    pages: current.pages.clone(),
                    index_files,
                    search,
                };
                (next, ())
            });
            if generation > 1 {
                eprintln!(
                    "Search index updated in {} ms.",
                    started.elapsed().as_millis()
                );
            }
        }
        Ok(None) => {}
        Err(d) => eprintln!("{d}"),
    }
    served.search_generation.store(generation, Ordering::SeqCst);
}

/// Runs the server until Ctrl-C.
pub(crate) fn serve(opts: ServeOptions) -> Result<(), Diagnostic> {
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
        let (events, _) = broadcast::channel(64);
        let served = Arc::new(Served {
            current: RwLock::new(Arc::new(Snapshot::default())),
            errors: RwLock::new(String::new()),
            events,
            generation: AtomicU64::new(0),
            search_generation: AtomicU64::new(0),
            feedback: Default::default(),
        });
        let mut builder = Builder {
            opts: opts.clone(),
            base_url: base_url.clone(),
            memos: Vec::new(),
        };
        let mut worker = SearchWorker { key: None };
        let state = served.clone();
        let (builder, worker) = tokio::task::spawn_blocking(move || {
            first_build(&mut builder, &mut worker, &state, started);
            (builder, worker)
        })
        .await
        .map_err(|e| Diagnostic::error("serve", e.to_string()))?;
        if let Some((watcher, rx)) = start_watcher(&opts.site_dir) {
            let (jobs, queue) = std::sync::mpsc::channel();
            let search_state = served.clone();
            let spawned = std::thread::Builder::new()
                .name("hs-search".into())
                .spawn(move || search_thread(worker, search_state, queue));
            if let Err(e) = spawned {
                eprintln!(
                    "warning: cannot start the search thread ({e}); search will not follow edits."
                );
            }
            let watcher_state = served.clone();
            std::thread::spawn(move || {
                watch_and_rebuild(builder, watcher_state, jobs, watcher, rx)
            });
        }
        println!(
            "Serving {} at {base_url} (Ctrl-C to stop)",
            opts.site_dir.display()
        );
        if opts.open {
            // The listener is bound, so the browser's first request is answered.
            let url = base_url.clone();
            std::thread::spawn(move || {
                if let Err(e) = opener::open_browser(&url) {
                    eprintln!("Could not open a browser ({e}); open {url} yourself.");
                }
            });
        }
        axum::serve(listener, http::router(served))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Diagnostic::error("serve", format!("the server stopped: {e}")))
    })
}
