#!/usr/bin/env python3
"""Turns a fetched public documentation repository into a helpsite site, for the
search benchmark on real content (BENCHMARKS.md, "Search on real documentation").

    python3 bench/real/site_from_repo.py NAME MIRROR_GIT_DIR OUT_DIR

NAME is one of the corpora below; each names the repository, the commit and its
generator. MIRROR_GIT_DIR is the bare git directory the search tool's `fetch`
brought (for example /work/.mirror/gohugoio+hugoDocs/repo). OUT_DIR must not
exist; it gets helpsite.yaml and content/.

This is a benchmark's loader, not an importer (that is `helpsite import`, a
separate issue): it keeps what search reads (titles, descriptions, section
indexes, headings, text, code) and drops what only the original generator
understands (shortcodes, Liquid, includes). Links become their text and images
go, so that no link into a page the original generator makes breaks the build;
search does not read link targets.
"""

import json
import os
import re
import subprocess
import sys

CORPORA = {
    # Hugo's own documentation: a Hugo site, content/en, front matter in YAML,
    # sections as _index.md, leaf bundles as DIR/index.md.
    "hugo-docs": {
        "repo": "gohugoio/hugoDocs",
        "commit": "1c613349f4220ae84070df25979d720c43e5cfa6",
        "generator": "hugo",
        "root": "content/en/",
        "title": "Hugo Documentation",
    },
    # Argo CD's documentation: an MkDocs site, docs/, titles from mkdocs.yml's
    # nav or each page's first heading, sections as DIR/index.md.
    "argo-cd": {
        "repo": "argoproj/argo-cd",
        "commit": "37ee0097cf851bc2dd7665fc081bbce61a7e836e",
        "generator": "mkdocs",
        "root": "docs/",
        "title": "Argo CD Documentation",
    },
    # Dapr's documentation: a Hugo (Docsy) site, daprdocs/content/en.
    "dapr-docs": {
        "repo": "dapr/docs",
        "commit": "0748da594aae03529034fd4aa1d10d96199df0c1",
        "generator": "hugo",
        "root": "daprdocs/content/en/",
        "title": "Dapr Documentation",
    },
}


def git(gitdir, *args, data=None):
    return subprocess.run(
        ["git", "--git-dir", gitdir, *args], input=data, capture_output=True, check=True
    ).stdout


def markdown_files(gitdir, commit, root):
    """(path below root, text) of every markdown file under root."""
    listing = git(gitdir, "ls-tree", "-r", "-z", commit, "--", root).split(b"\0")
    wanted = []
    for row in listing:
        if not row:
            continue
        meta, path = row.split(b"\t", 1)
        path = path.decode()
        if meta.split()[1] == b"blob" and path.endswith(".md"):
            wanted.append((path, meta.split()[2].decode()))
    batch = git(gitdir, "cat-file", "--batch", data="".join(f"{sha}\n" for _, sha in wanted).encode())
    out, pos = {}, 0
    for path, _ in wanted:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        body = batch[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
        out[path[len(root) :]] = body.decode("utf-8", "replace")
    return out


def split_front_matter(text):
    """(front matter as a dict, body). YAML (---) or TOML (+++), keys kept simple."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    for fence, parse in (("---", parse_yaml_lite), ("+++", parse_toml_lite)):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end < 0:
                return {}, text
            return parse(text[len(fence) + 1 : end]), text[end + len(fence) + 1 :]
    return {}, text


def unquote(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1].replace('\\"', '"')
    return v


def parse_yaml_lite(block):
    """The top-level scalar keys of a YAML block (all a benchmark needs; no
    YAML library is assumed on the machine)."""
    out, key, folded = {}, None, []
    for line in block.split("\n"):
        m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if m:
            if key and folded:
                out[key] = " ".join(folded)
            key, folded = m.group(1), []
            value = m.group(2).strip()
            if value in (">", ">-", "|", "|-", ""):
                continue
            out[key] = unquote(value)
            key = None
        elif key and line.startswith(" "):
            folded.append(line.strip())
    if key and folded:
        out[key] = " ".join(folded)
    return out


def parse_toml_lite(block):
    out = {}
    for line in block.split("\n"):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*=\s*(.*)$", line)
        if m:
            out[m.group(1)] = unquote(m.group(2))
    return out


FENCE = re.compile(r"^(\s*)(```+|~~~+)")


def clean_body(body):
    """The text as search should read it: generator syntax outside code removed,
    links as their text, images gone; code blocks kept as written."""
    out, fence = [], None
    for line in body.split("\n"):
        m = FENCE.match(line)
        if fence:
            out.append(line)
            if m and m.group(2).startswith(fence):
                fence = None
            continue
        if m:
            fence = m.group(2)
            # Fence attributes other generators allow ({file="…"}, title="…")
            # are not CommonMark info strings helpsite reads: keep the language.
            lang = re.match(r"^\s*(?:```+|~~~+)\s*\{?\.?([\w+#-]*)", line)
            out.append(m.group(1) + m.group(2) + (lang.group(1) if lang else ""))
            continue
        line = re.sub(r"\{\{[<%].*?[%>]\}\}", "", line)  # Hugo shortcodes
        line = re.sub(r"\{%.*?%\}", "", line)  # Liquid tags
        line = re.sub(r"\{\{.*?\}\}", "", line)  # Liquid / template output
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)  # images
        line = re.sub(r"!\[[^\]]*\]\[[^\]]*\]", "", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links → text
        line = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", line)
        line = re.sub(r"<(https?://[^>]+)>", r"\1", line)  # autolinks
        if re.match(r"^\s*\[[^\]]+\]:\s*\S", line):  # link definitions
            continue
        line = re.sub(r"</?a\b[^>]*>", "", line)  # HTML links
        line = re.sub(r"<img\b[^>]*>", "", line)
        # MkDocs admonitions and tabs ("!!! note", '=== "Tab"'): their title as text.
        m2 = re.match(r'^(\s*)(?:!!!|\?\?\?\+?|===)\s*(\w*)\s*(?:"([^"]*)")?', line)
        if m2:
            line = m2.group(3) or ""
        # Kramdown attribute lists ({: .note}) and heading ids Hugo adds ({#id}) stay
        # only when they are heading ids.
        line = re.sub(r"^\{:[^}]*\}\s*$", "", line)
        out.append(line)
    if fence:
        out.append(fence)
    # Links whose text runs over a line break, outside code blocks.
    parts = re.split(r"(^\s*(?:```+|~~~+)[^\n]*\n[\s\S]*?^\s*(?:```+|~~~+)\s*$)", "\n".join(out), flags=re.M)
    for k in range(0, len(parts), 2):
        parts[k] = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", parts[k])
    return "".join(parts)


def dedent_admonitions(body):
    """MkDocs indents an admonition's text by four spaces, which CommonMark reads
    as code: bring it back to the margin outside fences."""
    lines, out, inside = body.split("\n"), [], False
    for line in lines:
        if re.match(r"^\s*(?:!!!|\?\?\?|===)\s", line):
            inside = True
            out.append(line)
            continue
        if inside and (line.startswith("    ") or not line.strip()):
            out.append(line[4:] if line.startswith("    ") else line)
            continue
        inside = False
        out.append(line)
    return "\n".join(out)


def first_heading(body):
    """The first `# Title` line and the body without it."""
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.M)
    if m and not body[: m.start()].strip():
        return m.group(1).strip(), body[m.end() :]
    return None, body


def title_of_file(path):
    name = os.path.splitext(os.path.basename(path))[0]
    if name in ("index", "_index", "README"):
        name = os.path.basename(os.path.dirname(path)) or "Home"
    return name.replace("-", " ").replace("_", " ").strip().capitalize()


def mkdocs_nav_titles(gitdir, commit):
    """The titles mkdocs.yml's nav gives pages (`- Title: path.md`)."""
    try:
        text = git(gitdir, "show", f"{commit}:mkdocs.yml").decode()
    except subprocess.CalledProcessError:
        return {}
    return {m.group(2): unquote(m.group(1)) for m in re.finditer(r"^\s*-\s*(.+?):\s*(\S+\.md)\s*$", text, re.M)}


def yaml_str(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in CORPORA:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(CORPORA)}}} MIRROR_GIT_DIR OUT_DIR")
    name, gitdir, out_dir = sys.argv[1:]
    corpus = CORPORA[name]
    if os.path.exists(out_dir):
        sys.exit(f"{out_dir} exists; give a new folder")
    files = markdown_files(gitdir, corpus["commit"], corpus["root"])
    nav = mkdocs_nav_titles(gitdir, corpus["commit"]) if corpus["generator"] == "mkdocs" else {}
    # Where each source goes: sections' indexes become _index.md; a Hugo leaf
    # bundle (DIR/index.md) is the article DIR.md.
    dirs_with_pages = {os.path.dirname(p) for p in files}
    targets = {}
    for path in files:
        base = os.path.basename(path)
        folder = os.path.dirname(path)
        if base in ("_index.md", "index.md", "README.md"):
            has_children = any(d != folder and (d + "/").startswith(folder + "/" if folder else "") for d in dirs_with_pages) or sum(
                1 for p in files if os.path.dirname(p) == folder
            ) > 1
            if base == "index.md" and corpus["generator"] == "hugo" and not has_children and folder:
                targets[path] = folder + ".md"
            else:
                targets[path] = os.path.join(folder, "_index.md")
        else:
            targets[path] = path
    written, skipped = 0, 0
    seen = set()
    for path, text in sorted(files.items()):
        target = targets[path]
        lowered = target.lower()
        # Only the top-level README of a repository is not a page; duplicate
        # targets (README.md beside index.md) keep the first.
        if lowered in seen or path.startswith("_") or "/_" in path.replace("/_index.md", "") or path.startswith("proposals/"):
            skipped += 1
            continue
        seen.add(lowered)
        meta, body = split_front_matter(text)
        if meta.get("draft") == "true" or meta.get("headless") == "true" or meta.get("_build"):
            skipped += 1
            continue
        heading, rest = first_heading(body)
        title = meta.get("title") or nav.get(path) or heading or title_of_file(path)
        if heading and heading == title:
            body = rest
        if corpus["generator"] == "mkdocs":
            body = dedent_admonitions(body)
        body = clean_body(body)
        fm = [f"title: {yaml_str(title)}"]
        if meta.get("description"):
            fm.append(f"description: {yaml_str(meta['description'])}")
        weight = meta.get("weight")
        if weight and re.fullmatch(r"-?\d+", weight):
            fm.append(f"weight: {weight}")
        dest = os.path.join(out_dir, "content", target)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "w", encoding="utf-8") as f:
            f.write("---\n" + "\n".join(fm) + "\n---\n" + body.strip() + "\n")
        written += 1
    with open(os.path.join(out_dir, "helpsite.yaml"), "w", encoding="utf-8") as f:
        f.write(
            f"# {corpus['repo']} at {corpus['commit']} ({corpus['generator']}), by bench/real/site_from_repo.py\n"
            f"title: {yaml_str(corpus['title'])}\nbase_url: /\nlanguage: en\n"
            "markdown:\n  highlight_code: false\n"
        )
    print(f"{name}: {written} pages written, {skipped} left out → {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
