// claims: checkable assertions (numbers, allegations) with their asserting source.
//
// Three kinds, deduplicated by span:
//  - numeric: a sentence inside a quote or reported speech that holds a quantity ("we estimate that 6,000 to 10,000 ...");
//  - reported: what a source is reported to assert or deny ("officials have confirmed that X has ties with Y");
//  - allegation: hedged statements in the narration ("reportedly", "is said to", "allegedly", "claims that ...").
import type { Claim, ExtractionContext, Mention, Quote, Span } from '../types.js';
import type { Attribution } from './quotes.js';
import { DENIAL_VERBS } from './attribution/lexicon.js';
import { paragraphs } from '../nlp/index.js';

const ASSERTING = new Set(['said', 'says', 'told', 'tells', 'confirmed', 'confirms', 'reported', 'reports', 'claimed', 'claims', 'stated',
  'declared', 'estimated', 'estimates', 'alleged', 'alleges', 'revealed', 'disclosed', 'acknowledged', 'admitted', 'warned', 'added',
  'according to', 'argued', 'explained', 'insisted', 'maintained', 'testified', 'announced', 'noted',
  ...DENIAL_VERBS]);
const HEDGE = /\b(?:reportedly|allegedly|purportedly|supposedly|(?:is|are|was|were) (?:said|alleged|believed|thought|reported|suspected|understood) to|(?:is|are|was|were) accused of|claims? that|allegations? that|reports? that|suspected of)\b/i;

export function extractClaims(ctx: ExtractionContext, attr: Attribution): Claim[] {
  const text = ctx.nlp.text;
  const byKey = new Map<string, Omit<Claim, 'id'>>();
  const add = (span: Span, source: string | null, stance: string, fallbackSubject: string | null = null) => {
    const t = trim(text, span);
    if (!t) return;
    const key = `${t.start}:${t.end}`;
    const qs = ctx.quantities.filter((q) => q.start >= t.start && q.end <= t.end).map((q) => q.id);
    const prev = byKey.get(key);
    if (prev) { prev.source ??= source; return; }
    byKey.set(key, { text: text.slice(t.start, t.end), evidence: t, source, subject: subjectOf(ctx, t) ?? fallbackSubject, quantities: qs, stance });
  };

  const spoken = attr.quotes.filter((q) => !q.partial);
  for (const q of spoken) {
    const stance = q.cue && DENIAL_VERBS.has(q.cue) ? 'denies' : 'asserts';
    // numbers said by a source, one claim per sentence
    for (const s of sentences(text, q)) {
      if (ctx.quantities.some((n) => n.start >= s.start && n.end <= s.end)) add(s, q.source, stance);
    }
    // what a source is reported to assert, when it is about someone
    // (or about the source itself: "the Front denied that it had attacked")
    const own = attr.sources.find((s) => s.id === q.source)?.entity ?? null;
    if (!q.direct && q.cue && ASSERTING.has(q.cue) && (mentionsIn(ctx, q).length || own)) add(q, q.source, stance, own);
  }

  // hedged statements in the narration (outside direct quotes), attributed when reported speech covers them
  const direct = attr.quotes.filter((q) => q.direct);
  for (const p of paragraphs(text)) {
    for (const s of sentences(text, p)) {
      const m = HEDGE.exec(text.slice(s.start, s.end));
      if (!m) continue;
      const at = s.start + m.index;
      if (direct.some((q) => at >= q.start && at < q.end)) continue;
      const clause = hedgedClause(text, s, at, m[0]);
      const cover = attr.quotes.find((q) => !q.direct && !q.partial && q.start <= clause.start && q.end >= clause.end);
      add(clause, cover?.source ?? null, /claims? that|allegations? that|reports? that/i.test(m[0]) && !cover ? 'asserts' : 'alleges');
    }
  }
  return [...byKey.values()].sort((a, b) => a.evidence.start - b.evidence.start).map((c, i) => ({ id: `c${i + 1}`, ...c }));
}

/** The clause that carries a hedge: after "claims that", else from the last clause break before the hedge to the next
 *  attribution comma ("..., local officials have claimed") or the sentence end. */
function hedgedClause(text: string, s: Span, at: number, hedge: string): Span {
  if (/that$/i.test(hedge)) return { start: at + hedge.length, end: s.end };
  const pre = text.slice(s.start, at);
  const br = Math.max(pre.lastIndexOf(', '), pre.lastIndexOf(' – '), pre.lastIndexOf(' — '), pre.lastIndexOf('; '));
  const start = br >= 0 ? s.start + br + 2 : s.start;
  const post = text.slice(at, s.end);
  const attribution = /,\s+(?:[\p{L}-]+\s+){0,4}(?:have|has|had)?\s*(?:said|claimed|reported|say|says|claim|report)\b/u.exec(post);
  return { start, end: attribution ? at + attribution.index : s.end };
}

/** The claim's main entity: the first named thing not inside a prepositional or introductory phrase. */
function subjectOf(ctx: ExtractionContext, span: Span): string | null {
  const ms = mentionsIn(ctx, span);
  const text = ctx.nlp.text;
  let skipped = false;
  for (const m of ms) {
    const before = text.slice(Math.max(span.start, m.start - 12), m.start);
    // inside a prepositional phrase, or listed after one ("from Pakistan, China and Chechnya")
    if (/\b(?:in|at|from|to|of|on|with|by|for|into|against|near|inside|across|between|among|under|over|about|behind|alongside|despite|than)\s+(?:the\s+)?$/i.test(before)
        || (skipped && /(?:,|\band|\bor)\s+(?:the\s+)?$/i.test(before))) { skipped = true; continue; }
    return m.entity;
  }
  return null;
}

function mentionsIn(ctx: ExtractionContext, span: Span): Mention[] {
  return ctx.mentions.filter((m) => m.start >= span.start && m.end <= span.end && ['PERSON', 'ORG', 'GPE', 'NORP'].includes(m.type))
    .sort((a, b) => a.start - b.start);
}

function sentences(text: string, span: Span | Quote): Span[] {
  const out: Span[] = [];
  const seg = text.slice(span.start, span.end);
  let last = 0;
  for (const m of seg.matchAll(/[.!?]["”’]?(?=\s+["“‘(\[]?[\p{Lu}\d])/gu)) {
    out.push({ start: span.start + last, end: span.start + m.index! + m[0].length });
    last = m.index! + m[0].length;
  }
  out.push({ start: span.start + last, end: span.end });
  return out;
}

function trim(text: string, s: Span): Span | null {
  let a = s.start, b = s.end;
  while (a < b && /[\s,;:–—"“”‘’]/.test(text[a])) a++;
  while (b > a && /[\s,;:–—"“”‘’]/.test(text[b - 1])) b--;
  return b - a > 8 ? { start: a, end: b } : null;
}
