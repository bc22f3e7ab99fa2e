// Shared set-up for the browser tests: build the bundled site with the real
// binary, serve the output on loopback like a static host, and drive Debian's
// Chromium through playwright-core.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const artifacts = path.join(root, "test-artifacts", "screenshots");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export function chromiumOrExplain() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with 'apt-get install chromium' (scripts/test does), or set CHROMIUM=/path/to/chromium`);
  }
  return CHROMIUM;
}

export function binary() {
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, "target");
  const candidates = [process.env.HELPSITE_BIN, path.join(targetDir, "debug/helpsite"), path.join(targetDir, "release/helpsite")];
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) throw new Error("no helpsite binary: run 'cargo build' first (scripts/test does)");
  return found;
}

/** Builds the bundled site into a temporary folder; returns its path. */
export function buildBundled() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "helpsite-browser-"));
  const target = path.join(out, "site");
  execFileSync(binary(), ["build", "--site", root, "--output", target, "--base-url", "http://127.0.0.1/"], { stdio: "pipe" });
  return target;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".xml": "application/xml", ".json": "application/json", ".bin": "application/octet-stream", ".ics": "text/calendar", ".txt": "text/plain" };

/** A static file server like a plain host: folders serve index.html, misses 404.html. */
export function serveStatic(dir) {
  const transferred = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let p = decodeURIComponent(url.pathname);
    if (p.includes("..")) { res.writeHead(400); return res.end(); }
    let file = path.join(dir, p);
    if (p.endsWith("/")) file = path.join(file, "index.html");
    let status = 200;
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) { file = path.join(dir, "404.html"); status = 404; }
    const body = fs.readFileSync(file);
    transferred.push({ path: p, bytes: body.length });
    res.writeHead(status, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: server.address().port, transferred })));
}

export async function launch() {
  const { chromium } = require("playwright-core");
  return chromium.launch({
    executablePath: chromiumOrExplain(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Opens `url`, recording console errors and failed requests. */
export async function open(context, url, options = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e}`));
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => { if (r.status() >= 400 && !options.expectStatus) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const response = await page.goto(url, { waitUntil: "load" });
  return { page, problems, response };
}

export async function axe(page) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}
