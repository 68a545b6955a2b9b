// HTML: metadata from meta tags / JSON-LD / <time>, then main-content extraction with Readability
// over a linkedom DOM, flattened into text segments (one per block) for the boilerplate classifier.
// Only text nodes are ever read, so markup, scripts and attributes cannot reach the body.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { CAPTION_CREDIT, isCredit, parseByline, toIsoDate, wordCount, type Segment } from './boilerplate.js';
import type { RepublicationSignals } from './republication.js';

export interface HtmlMetadata {
  title: string | null;
  byline: string[];
  published: string | null;
  publisher: string | null;
  credits: string[];
  language: string | null;
  /** hints for republication detection (authors as written, canonical link, syndication metadata) */
  signals: RepublicationSignals;
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
    if ((publisher && last.includes(publisher.toLowerCase())) || / \| /.test(t) || wordCount(last) <= 3) {
      const kept = parts.slice(0, -1).join(' - ');
      if (wordCount(kept) >= 3) t = / \| /.test(title) ? parts.reduce((a, b) => (b.length > a.length ? b : a)) : kept;
    }
  }
  return t || null;
}

export interface TitleCandidate { text: string; source: 'h1' | 'og' | 'jsonld' | 'twitter' | 'meta' | 'title'; weight?: number }
const TITLE_PREFERENCE = ['h1', 'og', 'jsonld', 'twitter', 'meta', 'title'];
const TITLE_WEIGHT: Record<string, number> = { h1: 1, og: 1, jsonld: 1, twitter: 1, meta: 0.5, title: 1 };
const titleKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The headline, chosen by agreement: each candidate (article h1, og:title, JSON-LD headline,
 * twitter:title, <title>) votes for its own text with and without a site-name suffix; the text
 * with the most votes wins, ties going to the on-page headline, then og:title. So an SEO <title>
 * or JSON-LD headline that differs from what the page shows loses to h1 + og:title, and an
 * og:title shortened for social media loses to h1 + headline + <title>.
 */
export function chooseTitle(cands: TitleCandidate[], publisher: string | null): string | null {
  const cs = cands.map((c) => ({ ...c, raw: decode(c.text) })).filter((c) => wordCount(c.raw) >= 1 && c.raw.length <= 400);
  if (!cs.length) return null;
  const keysOf = cs.map((c) => new Set([titleKey(c.raw), titleKey(tidyTitle(c.raw, publisher) ?? '')].filter(Boolean)));
  let best: { text: string; score: number; rank: number } | null = null;
  cs.forEach((c, i) => {
    // the h1 is on-page text and rarely carries the site name, so its raw form is offered too
    const forms = [tidyTitle(c.raw, publisher) ?? c.raw, ...(c.source === 'h1' ? [c.raw] : [])];
    for (const [fi, text] of forms.entries()) {
      const k = titleKey(text);
      if (!k) continue;
      const score = cs.reduce((a, o, j) => a + (keysOf[j].has(k) ? (o.weight ?? TITLE_WEIGHT[o.source]) : 0), 0);
      const rank = TITLE_PREFERENCE.indexOf(c.source) * 2 + (c.source === 'h1' ? 1 - fi : fi);
      if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && rank < best.rank)) best = { text, score, rank };
    }
  });
  return best ? (best as { text: string }).text : null;
}

/**
 * The article's headline element: an h1 of 3–40 words, outside nav/footer/aside. One inside the
 * article/main or marked as a headline (class/id/itemprop) is what the page shows as its headline
 * and weighs as much as two metadata fields; among several, one that some metadata agrees with wins.
 */
function headlineElement(doc: Document, publisher: string | null, others: string[]): { text: string; weight: number } | null {
  const h1s = Array.from(doc.querySelectorAll('h1'))
    .map((el) => ({ el, text: decode(el.textContent ?? '') }))
    .filter(({ el, text }) => wordCount(text) >= 3 && wordCount(text) <= 40 && !el.closest('nav, footer, aside')
      && !(publisher && titleKey(text) === titleKey(publisher)));
  const isMarked = (el: Element) => Boolean(el.closest('article, main, [role="main"]'))
    || /headline|title|heading|hed\b/i.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('itemprop') ?? ''}`);
  const otherKeys = new Set(others.flatMap((o) => [titleKey(o), titleKey(tidyTitle(o, publisher) ?? '')]));
  const agreed = h1s.find(({ text }) => otherKeys.has(titleKey(text)));
  const pick = agreed ?? h1s.find(({ el }) => isMarked(el)) ?? h1s[0];
  return pick ? { text: pick.text, weight: isMarked(pick.el) ? 2 : 0.8 } : null;
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

  const titleCands: TitleCandidate[] = [];
  const addTitle = (text: string | null | undefined, source: TitleCandidate['source'], weight?: number) => { if (text && text.trim()) titleCands.push({ text, source, weight }); };
  addTitle(m('og:title'), 'og');
  addTitle(ldv((o) => str(o.headline)), 'jsonld');
  addTitle(m('twitter:title'), 'twitter');
  addTitle(m('title', 'dc.title'), 'meta');
  addTitle(doc.querySelector('head title, title')?.textContent, 'title');
  const h1 = headlineElement(doc, publisher, titleCands.map((c) => c.text));
  if (h1) titleCands.unshift({ text: h1.text, source: 'h1', weight: h1.weight });
  const title = chooseTitle(titleCands, publisher);

  const credits: string[] = [];
  const addCredit = (c: string | null) => { const t = c && decode(c); if (t && wordCount(t) <= 14 && !credits.includes(t)) credits.push(t); };
  ldv((o) => { for (const img of ([] as unknown[]).concat(o.image ?? [])) if (img && typeof img === 'object') addCredit(str((img as Json).creditText) ?? nameOf((img as Json).copyrightHolder)); return null; });
  addCredit(m('og:image:credit', 'image:credit', 'twitter:image:credit'));

  const allLd = (f: (o: Json) => string[]): string[] => ld.flatMap(f).filter((x, i, a) => x && a.indexOf(x) === i);
  const urlOrName = (x: unknown): string[] => {
    if (typeof x === 'string') return [x.trim()];
    if (!x || typeof x !== 'object') return [];
    const o = x as Json;
    return [str(o.url) ?? str(o['@id']), nameOf(o.publisher), ...namesOf(o.sourceOrganization)].filter((v): v is string => !!v);
  };
  const bylineEls = Array.from(doc.querySelectorAll('[class*="byline"], [class*="Byline"], [data-test*="byline"], [itemprop="author"], a[rel="author"]'))
    .map((e) => decode(e.textContent ?? '')).filter((t) => t && wordCount(t) <= 12);
  const signals: RepublicationSignals = {
    authors: [...metaAuthors, m('sailthru.author') ?? '', ...ld.flatMap((o) => namesOf(o.author)), ...bylineEls].filter((x, i, a) => x && a.indexOf(x) === i),
    canonical: doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ?? null,
    pageUrl: m('og:url'),
    syndicationSources: [m('syndication-source'), m('original-source')].filter((x): x is string => !!x),
    sourceNames: [m('source'), m('dc.source'), m('article:source'), m('news_source')].filter((x): x is string => !!x),
    basedOn: allLd((o) => [...([] as unknown[]).concat(o.isBasedOn ?? []).flatMap(urlOrName), ...([] as unknown[]).concat(o.isBasedOnUrl ?? []).flatMap(urlOrName)]),
    sourceOrganizations: allLd((o) => [...namesOf(o.sourceOrganization), ...namesOf(o.provider)]),
  };

  const lang = (doc.documentElement?.getAttribute('lang') ?? m('og:locale', 'language', 'content-language') ?? '').slice(0, 2).toLowerCase();
  return { title, byline, published, publisher, credits, language: /^[a-z]{2}$/.test(lang) ? lang : null, signals };
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
