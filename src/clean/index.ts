// clean: main-content extraction, boilerplate removal, metadata and quality flags.
import { InputError, type CleanDocument, type RawDocument, type RemovedSegment } from '../types.js';
import { classifySegments, type Segment } from './boilerplate.js';
import { extractHtml } from './html.js';
import { assessQuality } from './quality.js';
import { detectRepublication, reportingOutlet, scrapeFooter } from './republication.js';

export interface CleanOptions { published?: string | null }

/** Split plain text into segments: blank-line paragraphs; lines of a block stay separate unless hard-wrapped. */
export function textSegments(content: string): Segment[] {
  const out: Segment[] = [];
  for (const block of content.split(/\n[ \t\u00a0]*\n/)) {
    const lines = block.split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).filter(Boolean);
    if (!lines.length) continue;
    if (lines.length > 1 && hardWrapped(lines)) out.push({ text: lines.join(' ') });
    else for (const l of lines) out.push({ text: l });
  }
  return out;
}

/**
 * Hard-wrapped prose: most lines run on into the next (no final punctuation), and every line but
 * the last fills the width (a short line inside the block is a line of its own: a byline, a date).
 * A block of headline-shaped lines that all start with a capital and never break after a comma or a
 * function word is a stack of header lines (title, standfirst, byline), not one wrapped paragraph.
 */
function hardWrapped(lines: string[]): boolean {
  const inner = lines.slice(0, -1);
  const runOn = inner.filter((l) => l.length > 40 && !/[.!?:"”]$/.test(l)).length;
  if (runOn < inner.length * 0.6) return false;
  const width = Math.max(...lines.map((l) => l.length));
  if (inner.some((l) => l.length < Math.min(40, width * 0.6))) return false;
  const breaksMidPhrase = inner.some((l, i) => /[,;(–—-]$|\b(?:the|a|an|of|in|on|at|to|for|and|or|but|with|by|from|that|as|his|her|their|its|is|was|were|are|has|had|have)$/i.test(l) || /^\p{Ll}/u.test(lines[i + 1]));
  if (!breaksMidPhrase && lines.every((l) => /^[\p{Lu}\p{N}“"‘']/u.test(l)) && lines.some((l) => !/[.!?]["”’]?$/.test(l))) {
    // all lines capitalised, none breaking mid-phrase: only prose when the lines are of one width
    const lens = inner.map((l) => l.length);
    if (lines.length < 3 || Math.min(...lens) < 0.85 * Math.max(...lens)) return false;
  }
  return true;
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

  let publisher = html?.publisher ?? null;
  const bylineLines = removed.filter((r) => r.reason === 'byline').map((r) => r.text);
  const signals = { ...(html?.signals ?? {}), authors: [...(html?.signals.authors ?? []), ...bylineLines] };
  if (/^https?:\/\//i.test(raw.uri ?? '')) signals.pageUrl = raw.uri;
  let rep = detectRepublication(body, removed, publisher, signals);
  if (!isHtml && !publisher) {
    // Plain text carries no site metadata. A wire dateline, byline or sign-off with no footer saying
    // the text was taken from elsewhere makes it the wire's own copy; else the outlet the sources
    // spoke to ("told the Guardian") is the one that published the story.
    if (rep.republication && rep.original_publisher && !scrapeFooter(body, removed).scraped) {
      publisher = rep.original_publisher;
      rep = { republication: false, original_publisher: null };
    } else if (!rep.republication) publisher = reportingOutlet(body.join('\n'));
  }
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
