// Direct-quote spans from quotation marks, tolerant of the broken marks of scraped and machine-translated copy.
import { paragraphs } from '../../nlp/index.js';

export interface QuoteSpan {
  /** the quoted words (marks and surrounding spaces excluded) */
  start: number; end: number;
  /** index of the opening and closing mark; close is null when the quote runs to the paragraph end */
  open: number; close: number | null;
  para: number;
  /** previous span of a quote carried over from the previous paragraph (opening mark without a closing one) */
  continues: number | null;
}

const OPEN = new Set(['“', '„', '«']);
const CLOSE = new Set(['”', '»']);
const DOUBLE = /["“”„«»]/g;
const SPEECH_TAG = /^\s*[,.]?\s*(?:(?:he|she|they|we|i)\s+[a-z]+|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+[a-z]+)\s*[,.]?\s*$/;

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Find direct-quote spans in every paragraph. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const paras = paragraphs(text);
  let carried: number | null = null; // index in out of an unclosed quote at the end of the previous paragraph
  paras.forEach((p, pi) => {
    const spans = paragraphSpans(text, p.start, p.end);
    const firstIsOpening = spans.length > 0 && text.slice(p.start, spans[0].open).trim() === '';
    for (const s of spans) out.push({ ...s, para: pi, continues: null });
    if (carried !== null && firstIsOpening) out[out.length - spans.length].continues = carried;
    const last = spans[spans.length - 1];
    carried = last && last.close === null ? out.length - 1 : null;
  });
  return out;
}

function paragraphSpans(text: string, pStart: number, pEnd: number): Omit<QuoteSpan, 'para' | 'continues'>[] {
  const para = text.slice(pStart, pEnd);
  const marks: number[] = [];
  for (const m of para.matchAll(DOUBLE)) marks.push(pStart + m.index!);
  if (!marks.length) return singleQuoteSpans(text, pStart, pEnd);
  const out: Omit<QuoteSpan, 'para' | 'continues'>[] = [];
  const emit = (open: number, close: number | null, end = close ?? pEnd) => {
    let s = open + 1, e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /[\s,]/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e, open, close });
  };
  let openAt = -1;
  for (let k = 0; k < marks.length; k++) {
    const m = marks[k], c = text[m];
    const before = text[m - 1], after = text[m + 1];
    const leftFlank = !isSpace(after) && (isSpace(before) || /[(\[—–-]/.test(before));
    if (openAt < 0) {
      // a closing glyph followed by space or paragraph end cannot open anything: stray mark
      if (CLOSE.has(c) && isSpace(after) && m + 1 >= pEnd) continue;
      openAt = m; continue;
    }
    if (OPEN.has(c) && leftFlank) {
      const next = marks[k + 1];
      // ", “he said,” so ...": marks swapped around a speech tag — this mark closes, the next reopens
      if (next !== undefined && SPEECH_TAG.test(text.slice(m + 1, next))) { emit(openAt, m); openAt = -1; continue; }
      // "his whole “empire”, for ...": a short pair inside an open quote, with the outer close still to come
      if (next !== undefined && words(text.slice(m + 1, next)) <= 6 && (marks.length - (k + 2)) % 2 === 1) { k++; continue; }
      // an opening mark while a quote is open: the earlier quote never closed; it ends at the last sentence end before this one
      const inner = text.slice(openAt + 1, m);
      const ends = [...inner.matchAll(/[.!?…](?=\s+\S)/g)];
      const cut = ends.length ? openAt + 1 + ends[ends.length - 1].index! + 1 : m;
      emit(openAt, null, cut);
      openAt = m; continue;
    }
    emit(openAt, m); openAt = -1;
  }
  if (openAt >= 0) emit(openAt, null);
  return out;
}

/** Single marks as primary quotes (British style), only where a paragraph has no double marks and the pair is clearly not an apostrophe. */
function singleQuoteSpans(text: string, pStart: number, pEnd: number): Omit<QuoteSpan, 'para' | 'continues'>[] {
  const out: Omit<QuoteSpan, 'para' | 'continues'>[] = [];
  const re = /(^|[\s(\[—–-])‘([^‘’]*?[^\s‘’])’(?=[\s,.;:!?)—–-]|$)/g;
  const para = text.slice(pStart, pEnd);
  for (const m of para.matchAll(re)) {
    const open = pStart + m.index! + m[1].length;
    if (words(m[2]) < 4) continue; // short single-quoted phrases are scare quotes or titles
    out.push({ start: open + 1, end: open + 1 + m[2].length, open, close: open + 1 + m[2].length });
  }
  return out;
}
