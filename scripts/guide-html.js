/**
 * The user guide (docs/huong-dan/*.md, in Vietnamese) turned into HTML: the pane's help page (dist/help.html, built
 * by webpack.config.js) and the printable officer's part (scripts/guide-pdf.js). Plain HTML, no script: the page
 * must work offline and in the Internet Explorer 11 webview of Office 2016.
 *
 * The guide is written in a small subset of Markdown, read here and nowhere else:
 *   # Title {#id}            headings (levels 1-4); the id is given, or made from the text without diacritics
 *   paragraphs, `- ` and `1. ` lists (a line indented by two spaces continues the item), pipe tables,
 *   ```fenced code```, ![caption](hinh/name.png) alone on its line (a picture), <!-- notes for writers -->,
 *   > a message quoted as tonghop words it (test/guide checks it exists in src/)
 *   **the pane's own words** (test/guide checks each against strings.ts and the core's labels), *Office's menus*,
 *   `commands, files, cells`, [links](other-part.md#anchor)
 */
const fs = require('node:fs');
const path = require('node:path');

const GUIDE_DIR = path.resolve(__dirname, '..', 'docs', 'huong-dan');
/** The parts in the order the help page shows them: the officer first (the pane's help buttons open it). */
const PARTS = ['can-bo-tong-hop.md', 'don-vi-bao-cao.md', 'cai-dat.md'];
/** The part printed as a PDF by the build. */
const PRINTED_PART = 'can-bo-tong-hop.md';

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** "Bước 3: Nhận báo cáo" → "buoc-3-nhan-bao-cao". */
function slug(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Inline Markdown → HTML, collecting what the checks need (bold words, links). */
function inline(text, found, link) {
  const codes = [];
  let s = escapeHtml(text).replace(/`([^`]+)`/g, (_m, c) => {
    codes.push(c);
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, t, href) => {
    found.links.push(unescapeHtml(href));
    const target = link(unescapeHtml(href));
    return target === null ? t : `<a href="${escapeHtml(target)}">${t}</a>`;
  });
  s = s.replace(/\*\*([^*]+)\*\*/g, (_m, b) => {
    found.bold.push(unescapeHtml(b));
    return `<b>${b}</b>`;
  });
  s = s.replace(/\*([^*\s][^*]*)\*/g, '<i>$1</i>');
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i) => `<code>${codes[Number(i)]}</code>`);
}

const unescapeHtml = (s) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');

const splitRow = (line) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

function table(rows, put) {
  const [head, , ...body] = rows.map(splitRow);
  const cells = (tag, r) => r.map((c) => `<${tag}>${put(c)}</${tag}>`).join('');
  return (
    `<div class="table"><table><thead><tr>${cells('th', head)}</tr></thead><tbody>` +
    body.map((r) => `<tr>${cells('td', r)}</tr>`).join('') +
    '</tbody></table></div>'
  );
}

function list(items, start, put) {
  const open = start === null ? '<ul>' : start === 1 ? '<ol>' : `<ol start="${start}">`;
  return `${open}${items.map((i) => `<li>${put(i)}</li>`).join('')}</${start === null ? 'ul' : 'ol'}>`;
}

/** The next block starting at lines[i]: its HTML and the index after it. */
function block(lines, i, put, found, opts) {
  const line = lines[i];
  const heading = /^(#{1,4})\s+(.*?)(?:\s+\{#([a-z0-9-]+)\})?\s*$/.exec(line);
  if (heading) {
    const level = heading[1].length + opts.shift;
    const id = heading[3] || slug(heading[2]);
    found.headings.push({ level: heading[1].length, id, text: heading[2] });
    return { html: `<h${level} id="${id}">${put(heading[2])}</h${level}>`, next: i + 1 };
  }
  if (line.startsWith('```')) {
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith('```')) j++;
    return { html: `<pre><code>${escapeHtml(lines.slice(i + 1, j).join('\n'))}</code></pre>`, next: j + 1 };
  }
  const image = /^!\[([^\]]*)\]\(([^)\s]+)\)\s*$/.exec(line);
  if (image) {
    found.images.push(image[2]);
    const src = escapeHtml(opts.imageBase + image[2]);
    const caption = put(image[1]);
    return {
      html: `<div class="figure"><img src="${src}" alt="${escapeHtml(image[1])}" /><p class="caption">${caption}</p></div>`,
      next: i + 1,
    };
  }
  const run = (test) => {
    let j = i;
    while (j < lines.length && test(lines[j])) j++;
    return j;
  };
  if (line.startsWith('|')) {
    const j = run((l) => l.startsWith('|'));
    return { html: table(lines.slice(i, j), put), next: j };
  }
  if (line.startsWith('>')) {
    const j = run((l) => l.startsWith('>'));
    const text = lines
      .slice(i, j)
      .map((l) => l.replace(/^>\s?/, ''))
      .join(' ');
    found.quotes.push(text);
    return { html: `<blockquote>${put(text)}</blockquote>`, next: j };
  }
  const item = /^(-|\d+\.)\s+/;
  if (item.test(line)) {
    const start = /^\d/.test(line) ? parseInt(line, 10) : null;
    const items = [];
    let j = i;
    while (j < lines.length && (item.test(lines[j]) || /^ {2,}\S/.test(lines[j]))) {
      if (item.test(lines[j])) items.push(lines[j].replace(item, ''));
      else items[items.length - 1] += ` ${lines[j].trim()}`;
      j++;
    }
    return { html: list(items, start, put), next: j };
  }
  const j = run((l) => l.trim() !== '' && !/^(#|```|\||>|!\[|-\s|\d+\.\s)/.test(l));
  return { html: `<p>${put(lines.slice(i, j).join(' '))}</p>`, next: j };
}

/**
 * One part of the guide: its HTML and what it names (headings, bold words, quoted messages, pictures, links).
 * `link` rewrites a link's target (other-part.md#x → #x on the one page; null: the text without a link); `shift`
 * lowers the headings' level.
 */
function parseGuide(md, opts = {}) {
  const o = { imageBase: '', link: (h) => h, shift: 0, ...opts };
  const found = { headings: [], bold: [], quotes: [], images: [], links: [] };
  const put = (t) => inline(t, found, o.link);
  const lines = md.replace(/<!--[\s\S]*?-->/g, '').split(/\r?\n/);
  const html = [];
  for (let i = 0; i < lines.length;) {
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    const b = block(lines, i, put, found, o);
    html.push(b.html);
    i = b.next;
  }
  return { html: html.join('\n'), ...found };
}

/** A link as it works on the one help page: another part's file becomes an anchor of the same page (each part's
 * title has its file's name as its id). */
function onePageLink(href) {
  const m = /^([a-z0-9-]+)\.md(#[a-z0-9-]+)?$/.exec(href);
  if (!m) return href;
  return m[2] || `#${slug(m[1])}`;
}

function readPart(file) {
  return fs.readFileSync(path.join(GUIDE_DIR, file), 'utf8');
}

/** The help page: every part, one after the other, with a table of contents (the template holds the head). */
function helpPage(template, imageBase = 'huong-dan/') {
  const parts = PARTS.map((file) => ({
    file,
    ...parseGuide(readPart(file), { imageBase, link: onePageLink }),
  }));
  const toc = parts
    .map((p) => {
      const [title, ...subs] = p.headings.filter((h) => h.level <= 2);
      const items = subs.map((h) => `<li><a href="#${h.id}">${escapeHtml(h.text)}</a></li>`).join('');
      return `<li><a href="#${title.id}">${escapeHtml(title.text)}</a><ul>${items}</ul></li>`;
    })
    .join('');
  const body =
    `<nav class="toc"><p class="toc-title">Mục lục</p><ul>${toc}</ul></nav>\n` +
    parts.map((p) => `<div class="part">\n${p.html}\n</div>`).join('\n');
  return template.replace('<!-- guide -->', body);
}

module.exports = { GUIDE_DIR, PARTS, PRINTED_PART, parseGuide, helpPage, readPart, slug, onePageLink };
