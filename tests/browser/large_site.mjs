// A large generated site for the theme at real size: 30 top-level sections
// (some with long names), sections nested three deep, a section of 40
// articles, an article with 25 headings and wide parameter tables.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { binary } from "./harness.mjs";

const TOPICS = [
  "Getting started", "Installation", "Configuration", "Content management", "Templates and themes",
  "Hosting and deployment", "Site search", "Multilingual support", "Shortcodes", "Image processing",
  "Taxonomies", "Menus", "Data files", "Troubleshooting", "Command line reference", "Functions",
  "Methods", "Render hooks", "Modules", "Security", "Performance tuning", "Migrating from other tools",
  "Billing and accounts", "Integrations with third-party services", "Privacy", "Release notes",
  "Contributing", "Glossary", "Frequently asked questions", "Support policies",
];

function slug(s) { return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }

function article(title, body, weight) {
  return `---\ntitle: "${title}"\ndescription: "How ${title.toLowerCase()} works and what to check first."\nweight: ${weight}\n---\n\n${body}\n`;
}

function paragraph(topic, i) {
  return `This part explains ${topic} step ${i}: what to set, what the default does, and how to check that it worked before you publish the change.`;
}

function wideTable(rows) {
  const head = "| Parameter | Type | Default | Required | Since | Description | Example |\n|---|---|---|---|---|---|---|\n";
  let body = "";
  for (let i = 0; i < rows; i++) {
    body += `| \`option_name_${i}_with_long_suffix\` | string | \`default-value-${i}\` | no | v0.${100 + i} | Sets how the build treats item ${i} when more than one source defines it. | \`option_name_${i}: value\` |\n`;
  }
  return head + body;
}

export function writeLargeSite(dir) {
  fs.mkdirSync(path.join(dir, "content"), { recursive: true });
  fs.writeFileSync(path.join(dir, "helpsite.yaml"), "title: Large Documentation Center\ndescription: Everything about the product, in thirty topics.\nbase_url: http://127.0.0.1/\n");
  TOPICS.forEach((topic, t) => {
    const sdir = path.join(dir, "content", slug(topic));
    fs.mkdirSync(sdir, { recursive: true });
    fs.writeFileSync(path.join(sdir, "_index.md"), `---\ntitle: "${topic}"\ndescription: "Guides about ${topic.toLowerCase()}."\nweight: ${t + 1}\n---\n\n${paragraph(topic, 0)}\n`);
    const count = t === 2 ? 40 : 6;
    for (let a = 0; a < count; a++) {
      const title = `${topic}: guide ${a + 1}`;
      fs.writeFileSync(path.join(sdir, `guide-${a + 1}.md`), article(title, `${paragraph(topic, a)}\n\n## Before you start\n\n${paragraph(topic, a + 1)}\n\n## Steps\n\n${paragraph(topic, a + 2)}\n`, a + 1));
    }
    if (t < 3) {
      // Nested sections, three levels deep.
      for (let n = 0; n < 14; n++) {
        const ndir = path.join(sdir, `part-${n + 1}`);
        fs.mkdirSync(ndir, { recursive: true });
        fs.writeFileSync(path.join(ndir, "_index.md"), `---\ntitle: "${topic} part ${n + 1}"\nweight: ${n + 1}\n---\n\n${paragraph(topic, n)}\n`);
        for (let a = 0; a < 7; a++) {
          fs.writeFileSync(path.join(ndir, `page-${a + 1}.md`), article(`${topic} part ${n + 1}, page ${a + 1}`, paragraph(topic, a), a + 1));
        }
        const deep = path.join(ndir, "details");
        fs.mkdirSync(deep, { recursive: true });
        fs.writeFileSync(path.join(deep, "_index.md"), `---\ntitle: "Details of part ${n + 1}"\n---\n\n${paragraph(topic, n)}\n`);
        fs.writeFileSync(path.join(deep, "reference.md"), article(`Reference for part ${n + 1}`, paragraph(topic, n), 1));
      }
    }
  });
  // The long reference article: 25 headings (h2 and h3) and wide tables.
  let body = "Every setting the configuration file accepts, grouped by what it changes. Read the group you need; each table lists the parameters, their types and defaults.\n\n";
  for (let h = 0; h < 25; h++) {
    body += h % 3 === 2 ? `### Sub-settings ${h + 1}\n\n` : `## Settings group ${h + 1}\n\n`;
    body += `${paragraph("configuration", h)}\n\n`;
    if (h % 5 === 0) body += wideTable(6) + "\n";
  }
  fs.writeFileSync(path.join(dir, "content", "configuration", "all-settings.md"), article("All configuration settings", body, 0));
}

/** Writes and builds the large site; returns the output folder. */
export function buildLarge() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "helpsite-large-"));
  const site = path.join(root, "site");
  writeLargeSite(site);
  const out = path.join(root, "public");
  execFileSync(binary(), ["build", "--site", site, "--output", out], { stdio: "pipe" });
  return out;
}
