//! Generated knowledge-base corpora for benchmarks and large-scale tests: nested
//! sections, realistic prose, code blocks in several languages, tables, callouts,
//! cross-links and FAQ articles. The same folder also builds with Hugo (a minimal
//! Hugo config and comparable layouts are written too), so both tools can be timed
//! on identical content. Deterministic: the same count gives the same corpus.

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (xorshift64*), so every run makes the same
/// corpus, with the body vocabulary it draws from.
struct Rng {
    state: u64,
    /// Words beyond `WORDS`, ranked after them, for a corpus with a long-tailed
    /// (Zipf) vocabulary; empty for the default corpus, whose body words are
    /// `WORDS` drawn uniformly.
    extra: Vec<String>,
}

impl Rng {
    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A body word: uniform over `WORDS`, or with a long-tailed vocabulary the
    /// word of rank r with probability about 1/r (`WORDS` hold the top ranks).
    fn word(&mut self) -> String {
        if self.extra.is_empty() {
            return self.pick(WORDS).to_string();
        }
        let total = WORDS.len() + self.extra.len();
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = ((total as f64 + 1.0).powf(u) as usize)
            .saturating_sub(1)
            .min(total - 1);
        match WORDS.get(rank) {
            Some(w) => w.to_string(),
            None => self.extra[rank - WORDS.len()].clone(),
        }
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub const WORDS: &[&str] = &[
    "order",
    "customer",
    "payment",
    "shipping",
    "product",
    "catalog",
    "invoice",
    "refund",
    "store",
    "theme",
    "checkout",
    "address",
    "settings",
    "cache",
    "module",
    "update",
    "version",
    "server",
    "backup",
    "access",
    "category",
    "discount",
    "coupon",
    "tax",
    "currency",
    "language",
    "email",
    "notification",
    "report",
    "export",
    "import",
    "field",
    "option",
    "variant",
    "warehouse",
    "stock",
    "price",
    "page",
    "redirect",
    "search",
    "account",
    "password",
    "permission",
    "admin",
    "panel",
    "request",
    "ticket",
    "priority",
    "response",
    "schedule",
    "the",
    "a",
    "your",
    "this",
    "when",
    "after",
    "before",
    "each",
    "every",
    "new",
    "works",
    "changes",
    "shows",
    "keeps",
    "sends",
    "stores",
    "opens",
    "saves",
    "checks",
    "creates",
    "quickly",
    "automatically",
    "safely",
    "again",
    "once",
    "only",
    "also",
    "then",
    "still",
    "always",
];

const TOPICS: &[&str] = &[
    "Payments",
    "Shipping",
    "Catalog",
    "Orders",
    "Customers",
    "Marketing",
    "Reports",
    "Security",
    "Themes",
    "Integrations",
    "Taxes",
    "Checkout",
    "Inventory",
    "Emails",
    "Localization",
    "Performance",
    "Backups",
    "Accounts",
    "Site search",
    "Mobile",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(12);
    let mut s = String::new();
    for i in 0..n {
        let word = rng.word();
        let w = word.as_str();
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            if rng.below(14) == 0 {
                let _ = write!(s, "`{w}_{}`", rng.below(100));
            } else if rng.below(20) == 0 {
                let _ = write!(s, "**{w}**");
            } else {
                s.push_str(w);
            }
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng) -> String {
    (0..3 + rng.below(4))
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

fn title(rng: &mut Rng) -> String {
    let mut t = String::new();
    for i in 0..3 + rng.below(4) {
        let w = rng.pick(&WORDS[..50]);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                t.extend(f.to_uppercase());
                t.push_str(c.as_str());
            }
        } else {
            t.push(' ');
            t.push_str(w);
        }
    }
    t
}

fn code_block(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => "```php\n<?php\nfunction fn_addon_update_price($product_id, $price)\n{\n    db_query('UPDATE ?:products SET price = ?d WHERE product_id = ?i', $price, $product_id);\n    return true;\n}\n```\n".into(),
        1 => "```bash\ncd /var/www/store\nphp admin.php --dispatch=addons.refresh --addon=example\ntail -n 50 var/log/error.log | grep -i addon\n```\n".into(),
        2 => "```json\n{\n  \"addon\": \"example\",\n  \"settings\": { \"enabled\": true, \"batch\": 500, \"mode\": \"fast\" }\n}\n```\n".into(),
        3 => "```javascript\ndocument.addEventListener(\"DOMContentLoaded\", () => {\n  const form = document.querySelector(\"#checkout\");\n  form?.addEventListener(\"submit\", (e) => console.log(e.type));\n});\n```\n".into(),
        _ => "```sql\nSELECT order_id, total, status\nFROM cscart_orders\nWHERE timestamp > UNIX_TIMESTAMP() - 86400\nORDER BY total DESC;\n```\n".into(),
    }
}

fn table(rng: &mut Rng) -> String {
    let mut t = String::from("| Setting | Default | Meaning |\n|---|---|---|\n");
    for _ in 0..3 + rng.below(4) {
        let _ = writeln!(
            t,
            "| `{}` | {} | {} |",
            rng.pick(&WORDS[..50]),
            rng.below(1000),
            sentence(rng)
        );
    }
    t
}

struct Article {
    dir: String,
    file: String,
    headings: Vec<String>,
}

fn slug(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes a corpus of `count` articles into `out` (which is replaced).
pub fn generate(count: usize, out: &Path) -> std::io::Result<()> {
    generate_with_vocabulary(count, 0, out)
}

/// A made-up word for rank `i` of the long tail: two or more syllables.
fn pseudo_word(i: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ba", "ce", "di", "fo", "gu", "ka", "le", "mi", "no", "pu", "ra", "se", "ti", "vo", "zu",
        "bri", "cla", "dro", "fle", "gra", "pla", "stro", "tri", "vin",
    ];
    let mut word = String::new();
    let mut n = i + SYLLABLES.len();
    while n > 0 {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    word
}

/// `generate`, with `extra` more body words ranked after `WORDS` and drawn
/// with Zipf's law, as in real text (0: the default corpus, where every body
/// word is common to most sections).
pub fn generate_with_vocabulary(count: usize, extra: usize, out: &Path) -> std::io::Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    let mut rng = Rng {
        state: 0x9E37_79B9_7F4A_7C15 ^ count as u64,
        extra: (0..extra).map(pseudo_word).collect(),
    };

    // Sections: 20 topics × up to 10 sub-topics, about 50 articles per leaf section.
    let leaves = count.div_ceil(50).max(1);
    let per_topic = leaves.div_ceil(TOPICS.len()).max(1);
    let mut leaf_dirs = Vec::new();
    for (t, topic) in TOPICS.iter().enumerate() {
        for s in 0..per_topic {
            if leaf_dirs.len() == leaves {
                break;
            }
            leaf_dirs.push(format!("{}/part-{s}", slug(topic)));
        }
        let _ = t;
    }

    // Plan articles first so cross-links point at real files and headings.
    let mut plan: Vec<Article> = Vec::with_capacity(count);
    for i in 0..count {
        let dir = leaf_dirs[i % leaf_dirs.len()].clone();
        let faq = i % 7 == 0;
        let n_head = 3 + rng.below(4);
        let headings: Vec<String> = (0..n_head)
            .map(|h| {
                let t = title(&mut rng);
                if faq {
                    format!("How does {} {h} work", t.to_lowercase())
                } else {
                    format!("{t} {h}")
                }
            })
            .collect();
        plan.push(Article {
            dir,
            file: format!("article-{i}.md"),
            headings,
        });
    }

    let write = |rel: &str, text: &str| -> std::io::Result<()> {
        let p = out.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(p, text)
    };

    for (t, topic) in TOPICS.iter().enumerate() {
        if leaf_dirs.iter().any(|d| d.starts_with(&slug(topic))) {
            write(
                &format!("content/{}/_index.md", slug(topic)),
                &format!(
                    "---\ntitle: {topic}\nweight: {t}\ndescription: Everything about {}.\n---\n",
                    topic.to_lowercase()
                ),
            )?;
        }
    }
    for (k, d) in leaf_dirs.iter().enumerate() {
        write(
            &format!("content/{d}/_index.md"),
            &format!("---\ntitle: Part {k}\n---\n{}\n", paragraph(&mut rng)),
        )?;
    }
    write(
        "content/_index.md",
        "---\ntitle: Benchmark Support Center\n---\nGenerated corpus.\n",
    )?;

    for i in 0..count {
        let a = &plan[i];
        let faq = i % 7 == 0;
        let mut body = String::new();
        let _ = writeln!(body, "---\ntitle: \"{} {i}\"", title(&mut rng));
        let _ = writeln!(body, "description: \"{}\"", sentence(&mut rng));
        let _ = writeln!(body, "weight: {}", rng.below(100));
        let _ = writeln!(
            body,
            "tags: [{}, {}]",
            rng.pick(&WORDS[..50]),
            rng.pick(&WORDS[..50])
        );
        let _ = writeln!(
            body,
            "updated: 2026-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        );
        if faq {
            body.push_str("faq: true\n");
        }
        body.push_str("---\n");
        let _ = writeln!(body, "{}\n", paragraph(&mut rng));
        for (h, heading) in a.headings.iter().enumerate() {
            let _ = writeln!(body, "## {heading}\n");
            let _ = writeln!(body, "{}\n", paragraph(&mut rng));
            if h % 2 == 0 {
                // A cross-link to another article's heading.
                let j = rng.below(count);
                let target = &plan[j];
                let rel = if target.dir == a.dir {
                    target.file.clone()
                } else {
                    format!("../../{}/{}", target.dir, target.file)
                };
                let anchor = slug(&target.headings[0].replace(['(', ')'], ""));
                let _ = writeln!(body, "See also [{}]({rel}#{anchor}).\n", target.headings[0]);
            }
            match rng.below(6) {
                0 | 1 => body.push_str(&code_block(&mut rng)),
                2 => body.push_str(&table(&mut rng)),
                3 => {
                    let _ = writeln!(body, "> [!TIP]\n> {}", sentence(&mut rng));
                }
                4 => {
                    for _ in 0..4 {
                        let _ = writeln!(body, "- {}", sentence(&mut rng));
                    }
                }
                _ => {
                    let _ = writeln!(body, "### Details\n\n{}", paragraph(&mut rng));
                }
            }
            body.push('\n');
        }
        write(&format!("content/{}/{}", a.dir, a.file), &body)?;
    }

    write(
        "helpsite.yaml",
        "title: Benchmark Support Center\nbase_url: https://example.com/\n",
    )?;
    // Hugo: same content, highlighting with classes, comparable layouts.
    write(
        "hugo.toml",
        "baseURL = 'https://example.com/'\ntitle = 'Benchmark Support Center'\ndisableKinds = ['RSS']\n[markup.highlight]\n  noClasses = false\n  codeFences = true\n[markup.goldmark.parser.attribute]\n  block = true\n[markup.tableOfContents]\n  startLevel = 2\n  endLevel = 3\n",
    )?;
    write(
        "layouts/_default/baseof.html",
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ site.Title }}</title><meta name=\"description\" content=\"{{ .Description }}\"></head><body><header><a href=\"{{ site.Home.RelPermalink }}\">{{ site.Title }}</a><nav>{{ range site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</nav></header>{{ block \"main\" . }}{{ end }}</body></html>\n",
    )?;
    write(
        "layouts/_default/single.html",
        "{{ define \"main\" }}<aside><ul>{{ range .CurrentSection.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></aside><main><nav>{{ range .Ancestors.Reverse }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> › {{ end }}</nav><h1>{{ .Title }}</h1><p>{{ .Lastmod.Format \"2 January 2006\" }}</p>{{ range .Params.tags }}<a href=\"/tags/{{ . | urlize }}/\">#{{ . }}</a> {{ end }}{{ .TableOfContents }}{{ .Content }}{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</main>{{ end }}\n",
    )?;
    write(
        "layouts/_default/list.html",
        "{{ define \"main\" }}<main><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Description }}</li>{{ end }}</ul></main>{{ end }}\n",
    )?;
    Ok(())
}
