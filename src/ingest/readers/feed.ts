// RSS 2.0 / RSS 1.0 (RDF) / Atom feeds → items with link, date and (when the feed carries it) full text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface FeedItem { link: string | null; title: string | null; published: string | null; content: string | null }
export interface Feed { title: string | null; items: FeedItem[] }

/** Words of text in an HTML fragment: decides whether an item's content is the article or a teaser. */
export const wordCount = (html: string) => (html.replace(/<[^>]*>/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).length;
export const FULL_TEXT_WORDS = 150;

const arr = <T>(x: T | T[] | undefined | null): T[] => (x == null ? [] : Array.isArray(x) ? x : [x]);
const txt = (x: unknown): string | null => {
  if (x == null) return null;
  if (typeof x === 'string' || typeof x === 'number') return String(x).trim() || null;
  if (typeof x === 'object' && '#text' in (x as any)) return txt((x as any)['#text']);
  return null;
};
function isoDate(s: string | null): string | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

export function looksLikeFeed(body: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(body.slice(0, 2000));
}

/** Parse a feed document; throws with the parser's line/column on broken XML. */
export function parseFeed(xml: string): Feed {
  const v = XMLValidator.validate(xml);
  if (v !== true) throw new Error(`broken feed XML: ${v.err.msg} (line ${v.err.line}, column ${v.err.col})`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, htmlEntities: true }).parse(xml);
  if (doc.rss?.channel || doc['rdf:RDF']) {
    const ch = doc.rss?.channel ?? doc['rdf:RDF'].channel ?? {};
    const items = arr(doc.rss?.channel?.item ?? doc['rdf:RDF']?.item);
    return {
      title: txt(ch.title),
      items: items.map((it: any) => ({
        link: txt(it.link) ?? (it.guid && it.guid['@_isPermaLink'] !== 'false' ? txt(it.guid) : null),
        title: txt(it.title),
        published: isoDate(txt(it.pubDate) ?? txt(it['dc:date'])),
        content: txt(it['content:encoded']) ?? txt(it.description),
      })),
    };
  }
  if (doc.feed) {
    return {
      title: txt(doc.feed.title),
      items: arr(doc.feed.entry).map((e: any) => {
        const links = arr(e.link);
        const alt = links.find((l: any) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
        return {
          link: typeof alt === 'string' ? alt : alt?.['@_href'] ?? null,
          title: txt(e.title),
          published: isoDate(txt(e.published) ?? txt(e.updated)),
          content: txt(e.content) ?? txt(e.summary),
        };
      }),
    };
  }
  throw new Error('not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root)');
}
