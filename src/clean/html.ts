// HTML: metadata from meta tags / JSON-LD / <time>, then main-content extraction with Readability
// over a linkedom DOM, flattened into text segments (one per block) for the boilerplate classifier.
// Only text nodes are ever read, so markup, scripts and attributes cannot reach the body.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { CAPTION_CREDIT, isCredit, parseByline, toIsoDate, words, type Segment } from './boilerplate.js';

export interface HtmlMetadata {
  title: string | null;
  byline: string[];
  published: string | null;
  publisher: string | null;
  credits: string[];
  language: string | null;
}

export interface HtmlExtract extends HtmlMetadata { segments: Segment[] }

type El = Element;

export function parseDocument(html: string): Document {
  return (parseHTML(html) as unknown as { document: Document }).document;
}

// ---- metadata ----

function metaMap(doc: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = m.getAttribute('content')?.trim();
    if (key && content && !map.has(key)) map.set(key, content);
  }
  return map;
}

type Json = Record<string, unknown>;
/** Article-like objects from all JSON-LD blocks (arrays and @graph flattened). */
function jsonLdArticles(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (x: unknown) => {
    if (Array.isArray(x)) { x.forEach(visit); return; }
    if (!x || typeof x !== 'object') return;
    const o = x as Json;
    if (o['@graph']) visit(o['@graph']);
    const type = ([] as unknown[]).concat(o['@type'] ?? []).map(String).join(' ');
    if (/Article|BlogPosting|Report|NewsArticle|WebPage/.test(type)) out.push(o);
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = (s.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '');
    try { visit(JSON.parse(raw)); } catch { /* malformed JSON-LD is common; skip it */ }
  }
  // Prefer real articles over generic WebPage objects.
  return out.sort((a, b) => Number(/WebPage/.test(String(a['@type']))) - Number(/WebPage/.test(String(b['@type']))));
}

const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? x.trim() : null);
const nameOf = (x: unknown): string | null => str(x) ?? (x && typeof x === 'object' ? str((x as Json).name) : null);
const namesOf = (x: unknown): string[] => ([] as unknown[]).concat(x ?? []).map(nameOf).filter((n): n is string => !!n);
const decode = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Drop a " | Site" / " - Site" suffix when it names the site (or the title has a pipe). */
export function tidyTitle(title: string | null, publisher: string | null): string | null {
  if (!title) return null;
  let t = decode(title);
  const parts = t.split(/\s+[|–—-]\s+/);
  if (parts.length > 1) {
    const last = parts[parts.length - 1].toLowerCase();
    if ((publisher && last.includes(publisher.toLowerCase())) || / \| /.test(t) || words(last).length <= 3) {
      const kept = parts.slice(0, -1).join(' - ');
      if (words(kept).length >= 3) t = / \| /.test(title) ? parts.reduce((a, b) => (b.length > a.length ? b : a)) : kept;
    }
  }
  return t || null;
}

function cleanNames(names: string[], publisher: string | null): string[] {
  const out: string[] = [];
  for (const n of names.flatMap((x) => parseByline(decode(x).replace(/^by\s+/i, 'By ').replace(/^(?!By )/, 'By ')))) {
    if (publisher && n.toLowerCase() === publisher.toLowerCase()) continue;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

export function readMetadata(doc: Document): HtmlMetadata {
  const meta = metaMap(doc);
  const m = (...keys: string[]) => { for (const k of keys) { const v = meta.get(k); if (v) return decode(v); } return null; };
  const ld = jsonLdArticles(doc);
  const ldv = <T>(f: (o: Json) => T | null): T | null => { for (const o of ld) { const v = f(o); if (v) return v; } return null; };

  const publisher = m('og:site_name') ?? ldv((o) => nameOf(o.publisher)) ?? m('application-name', 'publisher', 'dc.publisher', 'twitter:site')?.replace(/^@/, '') ?? null;

  const timeEl = doc.querySelector('time[itemprop="datePublished"], time[pubdate], article time[datetime], time[datetime]');
  const published = toIsoDate(
    m('article:published_time', 'og:published_time', 'datepublished', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'article.published',
      'sailthru.date', 'parsely-pub-date', 'dc.date.issued', 'dc.date', 'dcterms.created', 'date', 'citation_publication_date')
    ?? ldv((o) => str(o.datePublished)) ?? timeEl?.getAttribute('datetime') ?? str(timeEl?.textContent) ?? null);

  const metaAuthors = [m('author'), m('article:author'), m('byl'), m('parsely-author'), m('dc.creator')].filter((x): x is string => !!x && !/^https?:/.test(x));
  const ldAuthors = ldv((o) => { const n = namesOf(o.author); return n.length ? n : null; }) ?? [];
  const relAuthors = Array.from(doc.querySelectorAll('a[rel="author"], [itemprop="author"] [itemprop="name"]')).map((e) => e.textContent ?? '').filter((x) => x.trim());
  const byline = cleanNames(ldAuthors.length ? ldAuthors : metaAuthors.length ? metaAuthors : relAuthors, publisher);

  const title = tidyTitle(ldv((o) => str(o.headline)) ?? m('og:title', 'twitter:title', 'title') ?? doc.querySelector('h1')?.textContent ?? doc.querySelector('title')?.textContent ?? null, publisher);

  const credits: string[] = [];
  const addCredit = (c: string | null) => { const t = c && decode(c); if (t && words(t).length <= 14 && !credits.includes(t)) credits.push(t); };
  ldv((o) => { for (const img of ([] as unknown[]).concat(o.image ?? [])) if (img && typeof img === 'object') addCredit(str((img as Json).creditText) ?? nameOf((img as Json).copyrightHolder)); return null; });
  addCredit(m('og:image:credit', 'image:credit', 'twitter:image:credit'));

  const lang = (doc.documentElement?.getAttribute('lang') ?? m('og:locale', 'language', 'content-language') ?? '').slice(0, 2).toLowerCase();
  return { title, byline, published, publisher, credits, language: /^[a-z]{2}$/.test(lang) ? lang : null };
}

// ---- content ----

/** Elements that never carry article prose; removed before extraction. (Not <form>: ASP.NET pages wrap everything in one.) */
const NEVER = 'script, style, noscript, template, iframe, object, embed, svg, canvas, button, input, select, textarea, [hidden], [aria-hidden="true"]';

const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'HR', 'ADDRESS', 'DETAILS', 'SUMMARY', 'CENTER']);
const CAPTION = new Set(['FIGCAPTION', 'CAPTION']);

/** Flatten an element into one segment per block, tracking how much of each is link text. */
export function segmentsOf(root: El, captions: string[] = []): Segment[] {
  const out: Segment[] = [];
  let buf = '', linkChars = 0, tag = 'p';
  const flush = () => {
    const text = buf.split('\n').map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim()).filter(Boolean).join('\n');
    if (text) out.push({ text, tag, linkDensity: Math.min(1, linkChars / Math.max(1, text.replace(/\s+/g, ' ').length)) });
    buf = ''; linkChars = 0;
  };
  const walk = (node: Node, inLink: boolean) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        const t = child.textContent ?? '';
        buf += t;
        if (inLink) linkChars += t.replace(/\s+/g, ' ').trim().length;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as El;
      const name = el.tagName.toUpperCase();
      if (name === 'BR') { buf += '\n'; continue; }
      if (CAPTION.has(name) || (name === 'FIGURE' && !el.querySelector('p'))) {
        const c = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (c) captions.push(c);
        continue;
      }
      if (BLOCK.has(name)) {
        flush();
        const outer = tag; tag = name.toLowerCase();
        walk(el, inLink);
        flush(); tag = outer;
      } else walk(el, inLink || name === 'A');
    }
  };
  walk(root, false);
  flush();
  return out;
}

/** Credits from captions: the caption itself if it is a credit, else a trailing "(Photo: X)" / "X/Getty". */
export function creditsFromCaptions(captions: string[]): string[] {
  const out: string[] = [];
  for (const c of captions) {
    const paren = CAPTION_CREDIT.exec(c);
    if (paren) { out.push(paren[1].trim()); continue; }
    if (isCredit(c)) { out.push(c); continue; }
    const m = /(?:\(|\b)((?:photo|photograph|image|credit|illustration)s?\s*(?:by|:)\s*[^()]{2,60}|(?:AP|AFP|EPA|Reuters)\s*Photo\/?[^()]{0,60}|[\p{Lu}][\p{L}. '’-]{1,40}\s*\/\s*(?:Getty Images|AFP|Reuters|AP|EPA|Shutterstock|NurPhoto)[^().]{0,30})\)?\s*\.?$/iu.exec(c);
    if (m) out.push(m[1].trim());
  }
  return out;
}

/** Extract the main content and metadata of an HTML page. */
export function extractHtml(html: string): HtmlExtract {
  const doc = parseDocument(html);
  const meta = readMetadata(doc); // before any mutation: Readability rewrites the DOM
  for (const el of Array.from(doc.querySelectorAll(NEVER))) el.remove();
  for (const el of Array.from(doc.querySelectorAll('[style]'))) {
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '')) el.remove();
  }
  let root: El | null = null;
  let rTitle: string | null = null, rByline: string | null = null, rSite: string | null = null, rDate: string | null = null;
  try {
    const article = new Readability<El>(doc, { serializer: (n) => n as El, charThreshold: 250 }).parse();
    if (article?.content) {
      root = article.content;
      rTitle = article.title ?? null; rByline = article.byline ?? null; rSite = article.siteName ?? null; rDate = article.publishedTime ?? null;
    }
  } catch { /* Readability gives up on some DOMs; fall back to the whole body */ }
  if (!root) root = parseDocument(html).body ?? null;
  if (root) for (const el of Array.from(root.querySelectorAll(NEVER))) el.remove();
  const captions: string[] = [];
  const segments = root ? segmentsOf(root, captions) : [];
  const credits = [...meta.credits];
  for (const c of creditsFromCaptions(captions)) if (!credits.includes(c)) credits.push(c);
  return {
    ...meta,
    title: meta.title ?? tidyTitle(rTitle, meta.publisher),
    byline: meta.byline.length ? meta.byline : cleanNames(rByline ? [rByline] : [], meta.publisher),
    publisher: meta.publisher ?? (rSite ? decode(rSite) : null),
    published: meta.published ?? toIsoDate(rDate),
    credits,
    segments,
  };
}
