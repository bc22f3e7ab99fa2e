//! helpsite serve: pages and API over HTTP, reload events after edits, renames and
//! deletions, errors shown and cleared, path traversal refused, busy ports, load.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::Site;

struct Server {
    child: Child,
    port: u16,
    stderr: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site, port: u16) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args([
            "serve",
            "--site",
            site.path().to_str().expect("utf-8"),
            "--port",
            &port.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (ptx, prx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: u16 = rest
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0);
                let _ = ptx.send(port);
            }
        }
    });
    let port = prx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve printed its URL");
    Server {
        child,
        port,
        stderr: rx,
    }
}

impl Server {
    /// A GET whose status is returned, not turned into an error.
    fn request(&self, path: &str) -> ureq::http::Response<ureq::Body> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        agent
            .get(&format!("http://127.0.0.1:{}{path}", self.port))
            .call()
            .expect("request")
    }

    fn get(&self, path: &str) -> (u16, String, Vec<(String, String)>) {
        let mut resp = self.request(path);
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        (status, body, headers)
    }

    /// Sends a request line as written (no normalisation by a client library).
    fn raw(&self, path: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .expect("write");
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }

    fn events(&self) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(s, "GET /__helpsite/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").expect("write");
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        let mut events = Events {
            stream: s,
            seen: String::new(),
        };
        // The server subscribes when it answers: wait for that before changing files.
        events.wait_for("text/event-stream");
        events
    }

    fn stderr_text(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Waits for an event whose text contains `needle`; returns everything read.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut buf = [0u8; 8192];
        while Instant::now() < deadline {
            if self.seen.contains(needle) {
                let all = std::mem::take(&mut self.seen);
                return all;
            }
            if let Ok(n) = self.stream.read(&mut buf) {
                self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
        panic!("no event containing {needle:?}; got:\n{}", self.seen);
    }
}

fn site() -> Site {
    Site::new(&[
        (
            "content/a/one.md",
            "---\ntitle: One\n---\nFirst version of one.\n\n## Setup\n\nWords about refunds.\n",
        ),
        (
            "content/a/two.md",
            "---\ntitle: Two\n---\nSee [one](one.md).\n",
        ),
    ])
}

#[test]
fn serves_pages_with_preview_headers_and_the_reload_script() {
    let site = site();
    let server = start(&site, 0);
    let (status, body, headers) = server.get("/a/one/");
    assert_eq!(status, 200);
    assert!(body.contains("First version of one."));
    assert!(
        body.contains("/__helpsite/live.js"),
        "reload script injected"
    );
    let header = |k: &str| {
        headers
            .iter()
            .find(|(h, _)| h == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert!(header("cache-control").contains("no-cache"));
    assert!(header("content-security-policy").contains("script-src 'self'"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(server.get("/a/one").0, 200, "redirected to the folder");
    assert_eq!(server.get("/style.css").0, 200);
    let (status, body, _) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("can’t find"), "the theme's 404 page");
    // The build output never carries the reload script.
    site.build(&[]).assert_ok();
    assert!(!site.read_out("a/one/index.html").contains("live.js"));
}

#[test]
fn search_api_answers_like_helpsite_search() {
    let site = site();
    let server = start(&site, 0);
    let (status, body, _) = server.get("/api/search?q=refnds&limit=5");
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v[0]["url"], "/a/one/#setup");
    let cli = crate::common::helpsite(&[
        "search",
        "refnds",
        "--format",
        "json",
        "--limit",
        "5",
        "--site",
        site.path().to_str().expect("utf-8"),
    ]);
    let cli: serde_json::Value = serde_json::from_str(&cli.stdout).expect("json");
    assert_eq!(v, cli, "same ranking and excerpts");
    let long = "x".repeat(5000);
    assert_eq!(server.get(&format!("/api/search?q={long}")).0, 200);
    assert_eq!(server.get("/api/search?limit=notanumber").0, 400);
}

/// Waits up to `wait` for a line of the server's stderr containing `text`.
fn stderr_has(server: &Server, text: &str, wait: Duration) -> bool {
    let until = std::time::Instant::now() + wait;
    while std::time::Instant::now() < until {
        match server.stderr.recv_timeout(Duration::from_millis(100)) {
            Ok(line) if line.contains(text) => return true,
            _ => {}
        }
    }
    false
}

/// A fresh `helpsite build` spares serve its first indexing: the index is read
/// from `public/search/`, and answers as indexing would.
#[test]
fn serve_starts_from_the_built_search_index_when_it_is_fresh() {
    let site = site();
    let fresh = start(&site, 0);
    let (_, indexed, _) = fresh.get("/api/search?q=refunds");
    // The first build (search included) is done before the server answers.
    assert!(!stderr_has(
        &fresh,
        "Search index read from",
        Duration::from_secs(1)
    ));
    drop(fresh);
    site.build(&[]).assert_ok();
    let kept = start(&site, 0);
    assert!(stderr_has(
        &kept,
        "Search index read from",
        Duration::from_secs(10)
    ));
    let (status, body, _) = kept.get("/api/search?q=refunds");
    assert_eq!(status, 200);
    assert_eq!(body, indexed, "the same results as an index built by serve");
    let (status, manifest, _) = kept.get("/search/manifest.json");
    assert_eq!(status, 200);
    assert_eq!(manifest, site.read_out("search/manifest.json"));
}

#[test]
fn edits_renames_and_deletions_reload_open_pages() {
    let site = site();
    let server = start(&site, 0);
    let mut events = server.events();
    site.write(
        "content/a/one.md",
        "---\ntitle: One\n---\nSecond version of one.\n",
    );
    let got = events.wait_for("a/one/index.html");
    assert!(got.contains("event: reload"), "{got}");
    assert!(server.get("/a/one/").1.contains("Second version"));

    site.write("content/a/three.md", "---\ntitle: Three\n---\nBrand new.\n");
    events.wait_for("a/three/index.html");
    assert!(
        server.get("/a/").1.contains("Three"),
        "section lists the new article"
    );

    std::fs::rename(
        site.path().join("content/a/three.md"),
        site.path().join("content/a/four.md"),
    )
    .expect("rename");
    events.wait_for("a/four/index.html");
    assert_eq!(server.get("/a/three/").0, 404);
    assert_eq!(server.get("/a/four/").0, 200);

    std::fs::remove_file(site.path().join("content/a/four.md")).expect("rm");
    events.wait_for("a/four/index.html");
    assert_eq!(server.get("/a/four/").0, 404);

    // Editor droppings do not rebuild anything: after them, a real edit is
    // the next rebuild (waited for, so a slow server cannot pass unseen).
    let before = server.status()["generation"].as_u64().unwrap_or(0);
    site.write("content/a/.one.md.swp", "junk");
    site.write("content/a/one.md~", "junk");
    // Longer than the debounce, so a rebuild for them would be one of its own.
    std::thread::sleep(Duration::from_millis(600));
    site.write(
        "content/a/one.md",
        "---\ntitle: One\n---\nThird version of one.\n",
    );
    events.wait_for("a/one/index.html");
    assert!(server.get("/a/one/").1.contains("Third version"));
    assert_eq!(
        server.status()["generation"].as_u64(),
        Some(before + 1),
        "temp files rebuilt nothing: {}",
        server.stderr_text()
    );
    assert!(
        !server.stderr_text().contains("error"),
        "temp files ignored"
    );
}

#[test]
fn a_broken_change_keeps_the_last_good_site_and_shows_the_error() {
    let site = site();
    let server = start(&site, 0);
    let mut events = server.events();
    site.write(
        "content/a/two.md",
        "---\ntitle: Two\n---\nSee [one](one.md#nowhere).\n",
    );
    let got = events.wait_for("nowhere");
    assert!(got.contains("event: errors"), "{got}");
    assert!(got.contains("content/a/two.md:4:5"), "{got}");
    let (status, body, _) = server.get("/a/two/");
    assert_eq!(status, 200, "last good version still served");
    assert!(body.contains("See"));
    let (_, status_json, _) = server.get("/__helpsite/status");
    assert!(status_json.contains("no such heading"), "{status_json}");

    site.write(
        "content/a/two.md",
        "---\ntitle: Two\n---\nSee [one](one.md#setup), fixed.\n",
    );
    events.wait_for("event: reload");
    let (_, status_json, _) = server.get("/__helpsite/status");
    assert!(status_json.contains("\"errors\":\"\""), "{status_json}");
    assert!(server.get("/a/two/").1.contains("fixed"));
}

#[test]
fn paths_outside_the_site_are_never_served() {
    let site = site();
    std::fs::write(site.path().join("secret.txt"), "SECRET").expect("secret");
    let server = start(&site, 0);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/a/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/a/%2e%2e/%2e%2e/secret.txt",
        "//etc/passwd",
        "/content/a/one.md",
        "/helpsite.yaml",
    ] {
        let reply = server.raw(path);
        assert!(
            !reply.contains("SECRET") && !reply.contains("root:") && !reply.contains("title: One"),
            "{path} leaked:\n{reply}"
        );
        assert!(
            reply.starts_with("HTTP/1.1 400") || reply.starts_with("HTTP/1.1 404"),
            "{path}: {}",
            reply.lines().next().unwrap_or("")
        );
    }
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = blocker.local_addr().expect("addr").port();
    let site = site();
    let server = start(&site, port);
    assert_ne!(server.port, port);
    assert!(server.port > port);
    assert_eq!(server.get("/a/one/").0, 200);
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        server
            .stderr_text()
            .contains(&format!("Port {port} is in use"))
    );
}

#[test]
fn keeps_answering_under_concurrent_load_while_rebuilding() {
    let site = site();
    let server = start(&site, 0);
    let port = server.port;
    let writer_site = site.path().to_path_buf();
    let edits = std::thread::spawn(move || {
        for i in 0..5 {
            std::fs::write(
                writer_site.join("content/a/one.md"),
                format!("---\ntitle: One\n---\nVersion {i}.\n"),
            )
            .expect("edit");
            std::thread::sleep(Duration::from_millis(150));
        }
    });
    let workers: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                let mut ok = 0;
                for k in 0..40 {
                    let path = if k % 2 == 0 {
                        "/a/one/"
                    } else {
                        "/api/search?q=version"
                    };
                    if let Ok(r) = agent.get(&format!("http://127.0.0.1:{port}{path}")).call()
                        && r.status().as_u16() == 200
                    {
                        ok += 1;
                    }
                }
                ok
            })
        })
        .collect();
    let total: usize = workers.into_iter().map(|w| w.join().expect("worker")).sum();
    edits.join().expect("edits");
    assert_eq!(total, 8 * 40, "every request answered");
}

impl Server {
    fn get_bytes(&self, path: &str) -> Vec<u8> {
        let mut resp = self.request(&format!("/{path}"));
        assert_eq!(resp.status().as_u16(), 200, "GET /{path}");
        resp.body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_vec()
            .expect("body")
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__helpsite/status").1).expect("status json")
    }

    /// Waits until a rebuild after `generation` is served with its search index
    /// and no further rebuild follows within a moment.
    fn settle_after(&self, generation: u64) -> u64 {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(
                Instant::now() < deadline,
                "no rebuild: {}",
                self.stderr_text()
            );
            let s = self.status();
            let g = s["generation"].as_u64().unwrap_or(0);
            if g > generation && s["search_current"] == true {
                std::thread::sleep(Duration::from_millis(300));
                let again = self.status();
                if again["generation"].as_u64() == Some(g) && again["search_current"] == true {
                    assert_eq!(again["errors"], "", "the site has errors");
                    return g;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Compares every served file with a full build of the same folder.
    fn assert_same_as_full_build(&self, site: &Site, step: &str) {
        let out = tempfile::tempdir().expect("temp dir");
        let out = out.path().join("out");
        let base = format!("http://127.0.0.1:{}/", self.port);
        crate::common::helpsite(&[
            "build",
            "--site",
            site.path().to_str().expect("utf-8"),
            "--output",
            out.to_str().expect("utf-8"),
            "--base-url",
            &base,
        ])
        .assert_ok();
        let mut built = crate::common::snapshot(&out);
        // The marker by which build knows the folder is its own.
        built.remove(std::path::Path::new(".helpsite-output"));
        let live_tag = b"<script src=\"/__helpsite/live.js\" defer></script>";
        for (rel, bytes) in &built {
            let rel = rel.to_string_lossy().replace('\\', "/");
            let mut served = self.get_bytes(&rel);
            if rel.ends_with(".html")
                && let Some(i) = served.windows(live_tag.len()).position(|w| w == live_tag)
            {
                served.drain(i..i + live_tag.len());
            }
            assert!(
                served == *bytes,
                "after {step}: /{rel} differs from a full build\nserved:\n{}\nbuilt:\n{}",
                String::from_utf8_lossy(&served),
                String::from_utf8_lossy(bytes)
            );
        }
        assert_eq!(
            self.status()["files"].as_u64(),
            Some(built.len() as u64),
            "after {step}: serve has other files than the full build"
        );
    }
}

/// Incremental rebuilds reuse what a change cannot affect; whatever they skip,
/// what is served must be exactly what a full build of the folder produces.
#[test]
fn incremental_rebuilds_equal_full_builds_byte_for_byte() {
    let support = std::fs::read_to_string(crate::common::repo_root().join("support.yaml"))
        .expect("bundled support.yaml");
    let site = Site::new(&[
        ("support.yaml", &support),
        ("content/_index.md", "---\ntitle: Help\n---\nWelcome.\n"),
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\n---\nMoney.\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\ntags: [money]\n---\nRefunds take {{support:hours}}.\n\n## Partial refunds\n\nSome words.\n",
        ),
        (
            "content/billing/invoices.md",
            "---\ntitle: Invoices\ntags: [money, pdf]\n---\nSee [refunds](refunds.md#partial-refunds).\n",
        ),
        (
            "content/billing/taxes.md",
            "---\ntitle: Taxes\n---\nVAT is added.\n",
        ),
        (
            "content/account/login.md",
            "---\ntitle: Logging in\nfaq: true\n---\n## Forgot my password?\n\nReset it.\n\n## Locked out?\n\nWrite to us.\n",
        ),
        (
            "content/account/profile.md",
            "---\ntitle: Profile\ntags: [pdf]\n---\nYour name and photo.\n",
        ),
    ]);
    let server = start(&site, 0);
    let mut generation = server.settle_after(0);
    server.assert_same_as_full_build(&site, "the first build");

    type Step = (&'static str, fn(&Site));
    let steps: &[Step] = &[
        ("editing an article's text", |s| {
            s.write(
                "content/billing/taxes.md",
                "---\ntitle: Taxes\n---\nVAT is added at checkout.\n",
            )
        }),
        ("adding a heading", |s| {
            s.write(
                "content/billing/taxes.md",
                "---\ntitle: Taxes\n---\nVAT is added at checkout.\n\n## Exemptions\n\nCharities.\n",
            )
        }),
        ("renaming an article's title", |s| {
            s.write(
                "content/billing/invoices.md",
                "---\ntitle: Invoices and receipts\ntags: [money, pdf]\n---\nSee [refunds](refunds.md#partial-refunds).\n",
            )
        }),
        ("retagging an article", |s| {
            s.write(
                "content/account/profile.md",
                "---\ntitle: Profile\ntags: [avatar]\n---\nYour name and photo.\n",
            )
        }),
        ("renaming a file", |s| {
            std::fs::rename(
                s.path().join("content/billing/taxes.md"),
                s.path().join("content/billing/vat.md"),
            )
            .expect("rename")
        }),
        ("adding a section", |s| {
            s.write(
                "content/shipping/rates.md",
                "---\ntitle: Rates\n---\nFlat rate, see [VAT](../billing/vat.md#exemptions).\n",
            )
        }),
        ("deleting an article", |s| {
            std::fs::remove_file(s.path().join("content/account/profile.md")).expect("rm")
        }),
        ("retitling a section", |s| {
            s.write(
                "content/billing/_index.md",
                "---\ntitle: Billing and payments\n---\nMoney.\n",
            )
        }),
        ("moving a link's target", |s| {
            s.write(
                "content/billing/refunds.md",
                "---\ntitle: Refunds\nslug: money-back\ntags: [money]\n---\nRefunds take {{support:hours}}.\n\n## Partial refunds\n\nSome words.\n",
            )
        }),
        ("changing support.yaml", |s| {
            let text = std::fs::read_to_string(s.path().join("support.yaml")).expect("read");
            s.write("support.yaml", &text.replacen("name:", "name: Our", 1))
        }),
        ("overriding a template", |s| {
            let base = std::fs::read_to_string(
                crate::common::repo_root().join("themes/default/templates/article.html"),
            )
            .expect("theme article.html");
            s.write(
                "templates/article.html",
                &base.replacen("</article>", "<p>Overridden.</p></article>", 1),
            )
        }),
        ("changing helpsite.yaml", |s| {
            s.write(
                "helpsite.yaml",
                "title: Fixture help\nbase_url: https://example.com/\n",
            )
        }),
        ("deleting a section", |s| {
            std::fs::remove_dir_all(s.path().join("content/shipping")).expect("rm -r")
        }),
        ("dating an article", |s| {
            s.write(
                "content/billing/invoices.md",
                "---\ntitle: Invoices and receipts\nupdated: 2026-01-02\ntags: [money, pdf]\n---\nSee [refunds](refunds.md#partial-refunds).\n",
            )
        }),
        ("describing an article", |s| {
            s.write(
                "content/billing/invoices.md",
                "---\ntitle: Invoices and receipts\ndescription: PDFs of every order.\nupdated: 2026-01-02\ntags: [money, pdf]\n---\nSee [refunds](refunds.md#partial-refunds).\n",
            )
        }),
        ("adding an image", |s| {
            s.write("content/billing/receipt.png", "first image")
        }),
        ("replacing an image", |s| {
            s.write("content/billing/receipt.png", "second image")
        }),
        ("renaming a folder", |s| {
            std::fs::rename(
                s.path().join("content/account"),
                s.path().join("content/my-account"),
            )
            .expect("rename folder")
        }),
        ("adding a language", |s| {
            s.write(
                "helpsite.yaml",
                "title: Fixture help\nbase_url: https://example.com/\nlanguages:\n  ru: {title: Помощь}\n",
            )
        }),
        ("adding a translation", |s| {
            s.write(
                "content/billing/invoices.ru.md",
                "---\ntitle: Счета\n---\nСмотрите [возвраты](refunds.md#partial-refunds).\n",
            )
        }),
        ("editing a translation", |s| {
            s.write(
                "content/billing/invoices.ru.md",
                "---\ntitle: Счета и квитанции\nupdated: 2026-01-03\n---\nPDF каждого заказа.\n",
            )
        }),
        ("translating a section", |s| {
            s.write(
                "content/billing/_index.ru.md",
                "---\ntitle: Оплата\n---\nДеньги.\n",
            )
        }),
        ("editing the source of a translation", |s| {
            s.write(
                "content/billing/invoices.md",
                "---\ntitle: Invoices\nupdated: 2026-01-04\n---\nPDFs.\n",
            )
        }),
        ("deleting a translation", |s| {
            std::fs::remove_file(s.path().join("content/billing/_index.ru.md")).expect("rm")
        }),
    ];
    for (step, change) in steps {
        change(&site);
        generation = server.settle_after(generation);
        server.assert_same_as_full_build(&site, step);
    }
    // The API answers from the new index too.
    site.write(
        "content/my-account/zanzibar.md",
        "---\ntitle: Shipping to Zanzibar\n---\nIslands take longer.\n",
    );
    server.settle_after(generation);
    let (_, body, _) = server.get("/api/search?q=zanzibar");
    assert!(body.contains("/my-account/zanzibar/"), "{body}");
    // Each language has its index: the API searches the one asked for.
    let (status, body, _) = server.get("/api/search?q=%D1%81%D1%87%D0%B5%D1%82&lang=ru");
    assert_eq!(status, 200);
    assert!(body.contains("/ru/billing/invoices/"), "{body}");
    let (status, body, _) = server.get("/api/search?q=x&lang=fr");
    assert_eq!(status, 400);
    assert!(body.contains("no language `fr`"), "{body}");
    let log = server.stderr_text();
    assert!(!log.contains("error"), "{log}");
}

/// Indexing runs at the lowest priority on its own threads, so saves that
/// arrive meanwhile get the cores first.
#[test]
#[cfg(target_os = "linux")]
fn search_indexing_runs_at_the_lowest_priority() {
    let site = Site::new(&[("content/a.md", "---\ntitle: A\n---\nText.\n")]);
    let server = start(&site, 0);
    let generation = server.settle_after(0);
    site.write("content/a.md", "---\ntitle: A\n---\nMore text.\n");
    server.settle_after(generation);
    let tasks = format!("/proc/{}/task", server.child.id());
    let mut niceness = std::collections::BTreeMap::new();
    for task in std::fs::read_dir(&tasks).expect("tasks").flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // Fields after the parenthesised name; nice is field 19 of stat.
        let after = stat.rsplit_once(") ").map_or("", |(_, rest)| rest);
        let nice: i64 = after
            .split(' ')
            .nth(16)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        niceness.insert(comm.trim().to_string(), nice);
    }
    let search: Vec<_> = niceness
        .iter()
        .filter(|(name, _)| name.starts_with("hs-search"))
        .collect();
    assert!(search.len() >= 2, "search threads: {niceness:?}");
    assert!(search.iter().all(|(_, n)| **n == 19), "{niceness:?}");
    assert!(niceness.get("helpsite") == Some(&0), "{niceness:?}");
}

/// `--open` hands the preview's URL to the browser ($BROWSER, here a script
/// that writes down what it was given).
#[test]
#[cfg(unix)]
fn open_hands_the_url_to_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let site = site();
    let tools = tempfile::tempdir().expect("temp dir");
    let opened = tools.path().join("opened.txt");
    let browser = tools.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .expect("write script");
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut child = Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(["serve", "--site", site.path().to_str().expect("utf-8")])
        .args(["--port", "0", "--open"])
        .env("BROWSER", &browser)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    let _ = BufReader::new(stdout).read_line(&mut line);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut got = String::new();
    while Instant::now() < deadline && got.is_empty() {
        got = std::fs::read_to_string(&opened).unwrap_or_default();
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or("no URL printed")
        .to_string();
    assert_eq!(got.trim(), url, "printed: {line}");
}

#[test]
fn a_preview_keeps_feedback_events_for_insights_and_sends_nothing_elsewhere() {
    let site = site();
    site.write(
        "helpsite.yaml",
        "title: T\nbase_url: https://example.com/\nfeedback:\n  endpoint: https://collector.example.com/events\n  analytics: plausible\n",
    );
    let server = start(&site, 0);
    // The pages point at the preview itself, and tell no analytics script.
    let page = (0..50)
        .find_map(|_| {
            let (status, body, _) = server.get("/a/one/");
            if status == 200 {
                return Some(body);
            }
            std::thread::sleep(Duration::from_millis(100));
            None
        })
        .expect("the article is served");
    assert!(
        page.contains("data-endpoint=\"/__helpsite/feedback\""),
        "{page}"
    );
    assert!(!page.contains("collector.example.com") && !page.contains("data-analytics"));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let post = |body: &str| {
        agent
            .post(&format!(
                "http://127.0.0.1:{}/__helpsite/feedback",
                server.port
            ))
            .header("content-type", "text/plain;charset=UTF-8")
            .send(body)
            .expect("post")
            .status()
            .as_u16()
    };
    assert_eq!(
        post(
            r#"{"type":"vote","path":"/a/","language":"en","vote":"no","reason":"It is out of date","comment":null,"updated":null}"#
        ),
        204
    );
    assert_eq!(post("not json"), 400);
    assert_eq!(
        post(&format!("{{\"comment\":\"{}\"}}", "x".repeat(9000))),
        400
    );
    let (status, log, _) = server.get("/__helpsite/feedback");
    assert_eq!(status, 200);
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("\"vote\":\"no\""));
    // The log is what `helpsite insights` reads.
    site.write("events.jsonl", &log);
    let run = crate::common::helpsite(&[
        "insights",
        site.path().join("events.jsonl").to_str().expect("utf-8"),
        "--site",
        site.path().to_str().expect("utf-8"),
    ]);
    assert!(run.stdout.contains("1 no, 0 yes"), "{}", run.stdout);
}
