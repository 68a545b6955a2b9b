// clean: main-content extraction, boilerplate removal, metadata and quality flags.
import { InputError, type CleanDocument, type RawDocument, type RemovedSegment } from '../types.js';
import { classifySegments, type Segment } from './boilerplate.js';
import { extractHtml } from './html.js';
import { assessQuality } from './quality.js';
import { detectRepublication } from './republication.js';

export interface CleanOptions { published?: string | null }

/** Split plain text into segments: blank-line paragraphs; lines of a block stay separate unless hard-wrapped. */
export function textSegments(content: string): Segment[] {
  const out: Segment[] = [];
  for (const block of content.split(/\n[ \t\u00a0]*\n/)) {
    const lines = block.split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).filter(Boolean);
    if (!lines.length) continue;
    // Hard-wrapped prose: most lines run on into the next (no final punctuation, similar lengths).
    const runOn = lines.slice(0, -1).filter((l) => l.length > 40 && !/[.!?:"”]$/.test(l)).length;
    if (lines.length > 1 && runOn >= (lines.length - 1) * 0.6) out.push({ text: lines.join(' ') });
    else for (const l of lines) out.push({ text: l });
  }
  return out;
}

/** Markup that must never reach the body, even when a page escapes it into its text. */
const MARKUP = /<\/?(?:script|style|iframe|object|embed|svg|img|a|div|span|p|link|meta|form|input|button|body|html|head|frame|base)\b[^<>]*>|\bjavascript:[^\s"'<>]*/gi;

function stripMarkup(paragraphs: string[], removed: RemovedSegment[]): string[] {
  return paragraphs.map((p) => p.replace(MARKUP, (m) => { removed.push({ text: m, reason: 'markup' }); return ' '; }).replace(/ {2,}/g, ' ').trim()).filter(Boolean);
}

export function cleanDocument(raw: RawDocument, opts: CleanOptions = {}): CleanDocument {
  const isHtml = raw.kind === 'html';
  const html = isHtml ? extractHtml(raw.content) : null;
  const segments = html ? html.segments : textSegments(raw.content);
  const c = classifySegments(segments, { plainText: !isHtml, knownTitle: html?.title ?? null });
  const removed = c.removed;
  const body = isHtml ? stripMarkup(c.body, removed) : c.body;
  if (!body.length) throw new InputError(raw.uri ?? '<stdin>', 'no article text found');

  const publisher = html?.publisher ?? null;
  const bylineLines = removed.filter((r) => r.reason === 'byline').map((r) => r.text);
  const signals = { ...(html?.signals ?? {}), authors: [...(html?.signals.authors ?? []), ...bylineLines] };
  if (/^https?:\/\//i.test(raw.uri ?? '')) signals.pageUrl = raw.uri;
  const rep = detectRepublication(body, removed, publisher, signals);
  const credits = [...(html?.credits ?? [])];
  for (const x of c.credits) if (!credits.includes(x)) credits.push(x);
  const byline = html?.byline.length ? html.byline : c.byline;

  return {
    uri: raw.uri,
    title: html?.title ?? c.title,
    publisher,
    original_publisher: rep.original_publisher,
    republication: rep.republication,
    published: opts.published ?? html?.published ?? c.published ?? null,
    language: html?.language ?? 'en',
    byline,
    credits,
    text: body.join('\n\n'),
    removed,
    quality: assessQuality(body),
  };
}
