// quotes and sources: who said what, direct and reported, and how well sourced.
//
// 1. find direct-quote spans from the quotation marks (attribution/marks.ts);
// 2. read the speech tag after each closing mark ("..., he said", "..., said X", "..., X told Y");
// 3. scan the narration (text outside quotes and tags) for speech verbs: reported speech ("X said that ..."),
//    "according to X", and speakers introduced before their quotes ("X spoke of ...", "X told Y: “...");
// 4. walk all of it in text order, resolving pronouns and untagged quotes to the most recent speaker.
import type { ExtractionContext, Quote, Source, Token } from '../types.js';
import { paragraphs } from '../nlp/index.js';
import { findQuoteSpans, type QuoteSpan } from './attribution/marks.js';
import { isCueVerb, REPORT_VERBS, CUE_VERBS, sentenceEnd, isAbbreviationPeriod, PLACE_NOUNS } from './attribution/lexicon.js';
import { parseSpeaker, SourceRegistry, titledAntecedent, institutionAntecedent, pseudonymsIn, type SpeakerRef } from './attribution/speakers.js';

export interface Attribution {
  sources: Source[];
  quotes: Quote[];
  /** sentence-level evidence of each quote's attribution (tag or introducing sentence), by quote id */
  evidence?: Record<string, { start: number; end: number }>;
}

interface Tag { ref: SpeakerRef; cue: string; recipient: string | null; start: number; end: number }
interface SpeechEvent { pos: number; ref: SpeakerRef; cue: string; recipient: string | null; clause: { start: number; end: number } | null; sentence: { start: number; end: number } }

const MASK = '\u2063';
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const wordCount = (s: string) => (s.match(WORD) ?? []).length;

export function extractQuotes(ctx: ExtractionContext): Attribution {
  const text = ctx.nlp.text;
  const paras = paragraphs(text);
  const spans = findQuoteSpans(text);
  const paraOf = (pos: number) => paras.findIndex((p) => pos >= p.start && pos <= p.end);

  // narration = the text with quotes (and, below, their tags) blanked out, offsets preserved
  const masked = new Uint8Array(text.length);
  const blank = (s: number, e: number) => { masked.fill(1, s, e); };
  const spanEnd = (q: QuoteSpan) => (q.close !== null ? q.close + 1 : q.end);
  for (const q of spans) blank(q.open, spanEnd(q));

  const tags = spans.map((q) => (q.close !== null ? readTag(ctx, q, paras[q.para].start, paras[q.para].end) : null));
  for (const t of tags) if (t) blank(t.start, t.end);
  const narration = maskText(text, masked);
  const events = paras.flatMap((p, pi) => speechEvents(ctx, narration, p.start, p.end, pi));

  // walk quotes and narration events in text order
  type Item = { pos: number; quote?: number; event?: SpeechEvent };
  const items: Item[] = [...spans.map((q, i) => ({ pos: q.open, quote: i })), ...events.map((e) => ({ pos: e.pos, event: e }))]
    .sort((a, b) => a.pos - b.pos);
  const registry = new SourceRegistry(pseudonymsIn(text));
  const timeline: { pos: number; src: Source & { plural?: boolean } }[] = [];
  const typeOf = new Map(ctx.entities.map((e) => [e.id, e.type]));
  // an organisation, place or document speaks as "it"/"they", never as "he"/"she"
  const collective = (src: Source & { plural?: boolean }) => Boolean(src.plural)
    || (src.entity ? typeOf.get(src.entity) !== 'PERSON' : ['report', 'statement', 'ministry', 'government', 'office', 'agency'].includes(src.role ?? ''));
  const latest = (pos: number, pronoun?: string) => {
    // "they"/"we" prefer a plural or organisational source, "it" an organisational one; "he"/"she"/"I" a person
    const before = timeline.filter((t) => t.pos < pos);
    const person = pronoun === 'he' || pronoun === 'she' || pronoun === 'i';
    for (let i = before.length - 1; i >= 0; i--) {
      const src = before[i].src;
      if (!pronoun || (person ? !collective(src) : collective(src))) return src;
    }
    return person ? null : before[before.length - 1]?.src ?? null;
  };
  const latestSince = (pos: number, since: number) => {
    const t = timeline.filter((x) => x.pos < pos).pop();
    return t && t.pos >= since ? t.src : null;
  };
  // "he"/"she" with no person among the sources so far: the last person named in the narration (not inside a quote)
  const quoted = (m: { start: number }) => spans.some((q) => m.start >= q.open && m.start < spanEnd(q));
  const personBefore = (ref: SpeakerRef, pos: number, context: string) => {
    if (ref.core !== 'he' && ref.core !== 'she') return null;
    // (the name has to be close: this or the previous paragraph)
    const near = paras[Math.max(0, paraOf(pos) - 1)]?.start ?? 0;
    const m = ctx.mentions.filter((x) => x.type === 'PERSON' && x.end <= pos && x.start >= near && !quoted(x)).sort((a, b) => a.start - b.start).pop();
    if (!m) return null;
    return registry.resolve({ ...ref, kind: 'name', text: m.text, core: m.text, mention: m, start: m.start, end: m.end }, context);
  };
  // a person named as the subject of a narration sentence (not inside a quote, not a possessive) in [from, to)
  const subjects = (from: number, to: number) => ctx.mentions.filter((m) => m.type === 'PERSON' && m.start >= from && m.end <= to && !quoted(m)
    && !/^['’]s?\b/.test(text.slice(m.end, m.end + 2)) && opensSentence(text, m.start, paras[paraOf(m.start)]?.start ?? 0));
  const sameSource = (src: Source, m: { entity: string; text: string }) => src.entity === m.entity
    || (registry.entries.find((e) => e === src)?.names.has(m.text.toLowerCase()) ?? false);
  const nameRef = (m: (typeof ctx.mentions)[number]): SpeakerRef => ({ kind: 'name', start: m.start, end: m.end, text: m.text, core: m.text, mention: m,
    role: null, affiliation: null, definite: false, plural: false, pseudonym: null, document: false });
  const resolve = (ref: SpeakerRef, pos: number, context: string) => {
    if (ref.kind === 'pronoun') {
      const src = latest(pos, ref.core);
      // "“…,” said A. B disagreed. “…,” he said.": a person made the subject after the last speaker is "he"
      if (src && (ref.core === 'he' || ref.core === 'she')) {
        const since = timeline.filter((t) => t.src === src && t.pos < pos).pop()?.pos ?? 0;
        const near = paras[Math.max(0, paraOf(pos) - 1)]?.start ?? 0;
        const m = subjects(Math.max(since, near), pos).pop();
        if (m && !sameSource(src, m)) return registry.resolve(nameRef(m), context);
      }
      return src ?? personBefore(ref, pos, context);
    }
    // "The president said" → the person introduced as "President X", unless an earlier source already fits the description
    const named = registry.knows(ref) ? null : titledAntecedent(ctx, ref, ref.start) ?? institutionAntecedent(ctx, ref, ref.start);
    return registry.resolve(named ?? ref, context);
  };
  // a paragraph that opens with an untagged quote: the speaker tagged later in the paragraph ("“…” He paused. “…,” said X"),
  // else a person introduced as a sentence subject in the previous paragraph after the last speaker, else the last speaker
  const opener = (i: number): Source | null | undefined => {
    const q = spans[i], p = paras[q.para];
    if (text.slice(p.start, q.open).trim()) return undefined;
    const laterTag = spans.findIndex((x, j) => j > i && x.para === q.para && tags[j] !== null);
    const laterEvent = events.find((ev) => ev.pos > q.open && ev.pos < p.end && ev.cue !== 'according to'
      && ev.ref.kind === 'name' && (!ev.ref.mention || ev.ref.mention.type === 'PERSON'));
    const tagPos = laterTag >= 0 ? tags[laterTag]!.start : Infinity;
    if (laterTag >= 0 && tagPos < (laterEvent?.pos ?? Infinity)) {
      const t = tags[laterTag]!;
      if (t.ref.kind === 'pronoun') return undefined;
      return resolve(t.ref, spans[laterTag].open, text.slice(t.start, t.end));
    }
    if (laterEvent) return resolve(laterEvent.ref, laterEvent.pos, text.slice(laterEvent.sentence.start, laterEvent.sentence.end));
    const prev = latest(q.open);
    if (!prev || q.para === 0) return undefined;
    const since = timeline.filter((t) => t.src === prev && t.pos < q.open).pop()?.pos ?? 0;
    const m = subjects(Math.max(since, paras[q.para - 1].start), q.open).pop();
    if (m && !sameSource(prev, m)) return registry.resolve(nameRef(m), text.slice(paras[q.para - 1].start, paras[q.para - 1].end));
    return undefined;
  };

  const out: { quote: Omit<Quote, 'id' | 'source'>; src: Source | null; ev?: { start: number; end: number } }[] = [];
  const spanSource: (Source | null)[] = [];
  for (const it of items) {
    if (it.event) {
      const ev = it.event;
      const src = resolve(ev.ref, ev.pos, text.slice(ev.sentence.start, ev.sentence.end));
      if (!src) continue;
      timeline.push({ pos: ev.pos, src });
      if (ev.clause) out.push({ quote: { start: ev.clause.start, end: ev.clause.end, text: text.slice(ev.clause.start, ev.clause.end),
        direct: false, cue: ev.cue, recipient: ev.recipient }, src, ev: ev.sentence });
      continue;
    }
    const i = it.quote!, q = spans[i], tag = tags[i];
    const { kind, sentence } = classify(text, q, paras, tag, narration);
    let src: Source | null = null;
    if (tag) src = resolve(tag.ref, q.open, text.slice(tag.start, tag.end));
    else if (q.continues !== null) src = spanSource[q.continues];
    else if (sentence === null && kind === 'direct') src = opener(i) ?? null;
    // a quote inside reported speech takes the speaker of its own sentence, never an earlier one
    if (sentence !== null) src ??= latestSince(q.open, sentence);
    else src ??= latest(q.open);
    spanSource[i] = src;
    if (tag && src) timeline.push({ pos: tag.start, src });
    if (kind === 'scare') continue;
    out.push({ quote: { start: q.start, end: q.end, text: text.slice(q.start, q.end), direct: kind === 'direct', cue: tag?.cue ?? null,
      recipient: tag?.recipient ?? null, ...(kind === 'partial' ? { partial: true } : {}) }, src, ev: tag ?? undefined });
  }
  // a multi-paragraph quote whose first part had no speaker takes the speaker of its continuation
  spans.forEach((q, i) => { if (q.continues !== null && !spanSource[q.continues] && spanSource[i]) {
    for (const o of out) if (o.quote.start === spans[q.continues].start) o.src = spanSource[i];
  } });

  // ids in text order; only sources that end up with a quote are listed
  out.sort((a, b) => a.quote.start - b.quote.start);
  // one sentence interrupted by its tag ("“If we cannot agree,” he said, “the war goes on.”") is one quote
  for (let k = out.length - 1; k > 0; k--) {
    const a = out[k - 1].quote, b = out[k].quote;
    const between = text.slice(a.end, b.start);
    if (a.direct && b.direct && out[k - 1].src === out[k].src && !/[.!?\n]/.test(between) && wordCount(between) <= 6
        && /^[\p{Ll}]/u.test(b.text) && !/[.!?]$/.test(a.text)) {
      a.end = b.end; a.text = text.slice(a.start, a.end); a.cue ??= b.cue; a.recipient ??= b.recipient;
      out.splice(k, 1);
    }
  }
  const quotes: Quote[] = [];
  const evidence: Record<string, { start: number; end: number }> = {};
  const used = new Map<Source, Source>();
  const sources: Source[] = [];
  out.forEach((o, k) => {
    const id = `q${k + 1}`;
    let s: Source | null = null;
    if (o.src) {
      s = used.get(o.src) ?? null;
      if (!s) {
        const { id: _x, quotes: _q, ...rest } = o.src as Source;
        const keep = { id: `s${sources.length + 1}`, entity: rest.entity ?? null, description: rest.description ?? null,
          anonymous: rest.anonymous, affiliation: rest.affiliation ?? null, role: rest.role ?? null, quotes: [] as string[] };
        s = keep; used.set(o.src, keep); sources.push(keep);
      }
      s.quotes.push(id);
    }
    quotes.push({ id, ...o.quote, source: s?.id ?? null } as Quote);
    if (o.ev) evidence[id] = { start: o.ev.start, end: o.ev.end };
  });
  return { sources, quotes, evidence };
}

/** The text with every marked UTF-16 unit except line breaks replaced by MASK (same length, same offsets). */
function maskText(text: string, masked: Uint8Array): string {
  let out = '';
  for (let i = 0, n = text.length; i < n;) {
    let j = i;
    const on = masked[i];
    while (j < n && masked[j] === on) j++;
    out += on ? text.slice(i, j).replace(/[^\n]/g, MASK) : text.slice(i, j);
    i = j;
  }
  return out;
}

// Tokens are in text order and never overlap (start and end both non-decreasing), so the tokens
// inside a span are one contiguous run that a binary search finds.
/** Index of the first token starting at or after `offset`. */
function firstTokenFrom(tokens: Token[], offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].start < offset) lo = mid + 1; else hi = mid; }
  return lo;
}
/** Index of the first token ending after `offset`. */
function firstTokenEndingAfter(tokens: Token[], offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].end <= offset) lo = mid + 1; else hi = mid; }
  return lo;
}
/** The tokens with start >= s and end <= e, in text order. */
function tokensWithin(tokens: Token[], s: number, e: number): Token[] {
  const out: Token[] = [];
  for (let i = firstTokenFrom(tokens, s); i < tokens.length && tokens[i].end <= e; i++) out.push(tokens[i]);
  return out;
}

/** The speech tag right after a closing mark: "he said", "did he declare", "said X, ...", "X told Y", "according to X". */
function readTag(ctx: ExtractionContext, q: QuoteSpan, paraStart: number, paraEnd: number): Tag | null {
  const text = ctx.nlp.text;
  let s = q.close! + 1;
  // the tag runs to the sentence end (abbreviations such as "U.S." or "Cmdr." do not end it) or the next quotation mark
  let e = paraEnd;
  const se = sentenceEnd(text, s, paraEnd);
  if (se >= 0) e = se;
  const mark = /["“”„«]/.exec(text.slice(s, e));
  if (mark) e = s + mark.index;
  const seg = text.slice(s, e);
  const lead = /^[\s,.;:–—-]*/.exec(seg)![0].length;
  s += lead;
  const body = text.slice(s, e);
  if (!body.trim()) return null;
  // "..., and both analysts told X ...": a new coordinated clause, not this quote's tag
  if (/^(?:and|but|or|while|so|because|although|though|whereas|yet)\b/i.test(body)) return null;
  const mk = (refStart: number, refEnd: number, cue: string, cueEnd: number): Tag | null => {
    const ref = parseSpeaker(ctx, refStart, refEnd);
    return ref ? { ref, cue: cue.toLowerCase(), recipient: recipientAt(ctx, cueEnd, e, cue), start: q.close! + 1, end: e } : null;
  };
  // "he said", "did he declare", "he mentionned"
  let m = /^((?:(?:did|does|do)\s+)?)(he|she|they|we|I|it)\s+([\p{L}]+)/u.exec(body);
  if (m && isCueVerb(m[3], true)) return mk(s + m[1].length, s + m[1].length + m[2].length, m[3], s + m[0].length);
  // "said Sami Sadat, commanding general of ...", "added the spokesman"
  m = /^([\p{Ll}]+)\s+(?!that\b)/u.exec(body) as RegExpExecArray | null;
  if (m && isCueVerb(m[1])) { const t = mk(s + m[0].length, e, m[1], s + m[1].length); if (t) return t; }
  // "according to X"
  m = /^according to\s+/i.exec(body);
  if (m) return mk(s + m[0].length, e, 'according to', s + m[0].length);
  // the quote is the subject or object of a longer sentence whose speaker comes after a comma:
  // "“...” announced in October, said Derek Scissors, a scholar ..." / "..., according to X"
  m = /,\s+(?:([\p{Ll}]+)\s+(?!that\b)|(according to)\s+)/u.exec(body) as RegExpExecArray | null;
  if (m && (m[2] || isCueVerb(m[1]))) {
    const at = s + m.index + m[0].length;
    const t = mk(at, e, m[1] ?? m[2], at);
    if (t) return t;
  }
  // "an official from X told Y", "Ali Mir Asfandyar, fellow at X, told Y", "UN report says"
  // (not after a dash or bracket, which continue the narration; not a passive "is said to")
  if (/^[\s,]*[–—(]/.test(seg)) return null;
  // a phrase quoted inside a running sentence ("his “tough on China” stance, which ...") has no tag after it
  const quoted = text.slice(q.start, q.end);
  const before = text.slice(paraStart, q.open).trimEnd();
  if (/[\p{L}\p{N}’']$/u.test(before) && !/[,.!?…;:]$/.test(quoted) && !/^[,;:]/.test(seg.trimStart())) return null;
  // (only cue verbs pass the test, so only they are visited)
  for (const w of cueWords(body)) {
    if (w.index > 0 && isCueVerb(w.word) && /^[\p{Ll}]/u.test(w.word) && body[w.index - 1] !== '-' && !nounUse(ctx, s + w.index)) {
      const np = body.slice(0, w.index);
      if (wordCount(np) > 25 || /\b(?:is|are|was|were|be|been|being|to)\s*$/i.test(np) || hasVerb(ctx, s, s + w.index)) break;
      return mk(s, s + w.index, w.word, s + w.index + w.word.length);
    }
  }
  return null;
}

/** A cue word the tagger reads as a noun or adjective here ("key states", "the reports"). */
function nounUse(ctx: ExtractionContext, at: number): boolean {
  const tokens = ctx.nlp.tokens;
  const t = tokens[firstTokenFrom(tokens, at)];
  if (!t || t.start !== at || (t.pos !== 'NOUN' && t.pos !== 'ADJ' && t.pos !== 'PROPN')) return false;
  // a preceding determiner or adjective confirms the noun reading
  const prev = tokens[firstTokenEndingAfter(tokens, at) - 1];
  return !!prev && (prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'NUM' || prev.pos === 'NOUN');
}

/** The entity a cue verb is addressed to: "told The Daily Beast", "confirmed to the Daily Beast", "said in an interview with X". */
function recipientAt(ctx: ExtractionContext, pos: number, limit: number, cue: string): string | null {
  const rest = ctx.nlp.text.slice(pos, limit);
  const direct = /^(?:told|tells|tell|informed|assured|briefed)$/i.test(cue);
  // "told X" takes its recipient as object; other verbs need "to X" ("said to", "confirmed to")
  const m = (direct ? /^\s+(?:to\s+)?(?:the\s+)?/i : /^\s+(?:to|in an interview with|in a statement to)\s+(?:the\s+)?/i).exec(rest);
  if (!m) return null;
  const at = pos + m[0].length;
  const men = ctx.mentions.find((x) => x.start >= pos && x.start <= at + 4 && x.type !== 'GPE' && x.type !== 'NORP');
  // the recipient has to be right after the verb, not somewhere later in the clause
  return men && ctx.nlp.text.slice(pos, men.start).trim().split(/\s+/).filter(Boolean).length <= 2 ? men.entity : null;
}

type Kind = 'direct' | 'partial' | 'scare';

/** Words that also mark a quote inside a sentence as someone's words ("the rebels were saying to villagers “…”"). */
const EMBED_CUES = new Set(['saying', 'telling', 'shouting', 'shouted', 'chanting', 'chanted', 'ordered', 'ordering', 'demanded',
  'demanding', 'according', 'warning', 'insisting', 'adding', 'claiming', 'stating', 'declaring', 'promising', 'vowing', 'urging']);

/** Whether the word at `at` opens its sentence, after at most a few capitalised title words ("Captain X", "But X"). */
function opensSentence(text: string, at: number, paraStart: number): boolean {
  const pre = text.slice(paraStart, at);
  const cut = Math.max(...[...pre.matchAll(/[.!?]["”’]?\s+|[”"]\s+/g)].filter((m) => !isAbbreviationPeriod(text, paraStart + m.index!))
    .map((m) => m.index! + m[0].length), 0);
  return /^[\s“"]*(?:[\p{Lu}][\p{L}.’'-]*\s+){0,3}$/u.test(pre.slice(cut));
}

/** direct: a real quote; partial: a short phrase of someone's words inside narration; scare: neither (emphasis, titles).
 *  `sentence` is where the quote's sentence starts, for quotes that can only take a speaker from their own sentence. */
function classify(text: string, q: QuoteSpan, paras: { start: number; end: number }[], tag: Tag | null, narration: string): { kind: Kind; sentence: number | null } {
  const words = wordCount(text.slice(q.start, q.end));
  if (tag) return { kind: words ? 'direct' : 'scare', sentence: null };
  if (q.continues !== null) return { kind: 'direct', sentence: null };
  const p = paras[q.para];
  const before = text.slice(p.start, q.open).replace(/\s+$/, '');
  const embedded = /[\p{L}\p{N}’']$/u.test(before);
  const headline = q.para === 0 && !/[.!?]["”’]?\s*$/.test(text.slice(p.start, p.end));
  if (headline) return { kind: 'scare', sentence: null };
  // a paragraph that is nothing but a quoted phrase without sentence punctuation: a subheading or pull quote
  if (q.close !== null && !before && !text.slice(q.close + 1, p.end).trim() && !/[.!?…]$/.test(text.slice(q.start, q.end)))
    return { kind: 'scare', sentence: null };
  if (!embedded) return { kind: words >= 3 ? 'direct' : 'scare', sentence: null };
  // an embedded quote counts as someone's words only when a speech verb governs its sentence
  let sentStart = p.start;
  for (const m of narration.slice(p.start, q.open).matchAll(/[.!?](?=\s)/g)) {
    const at = p.start + m.index!;
    if (!isAbbreviationPeriod(text, at)) sentStart = at + 1;
  }
  const lead = narration.slice(sentStart, q.open);
  const cued = [...lead.matchAll(/[\p{L}]+/gu)].some((m) => (CUE_VERBS.has(m[0].toLowerCase()) || EMBED_CUES.has(m[0].toLowerCase())) && lead[m.index! - 1] !== '-'
    && !/\b(?:is|are|was|were|be|been|being)\s+$/.test(lead.slice(0, m.index)));
  if (!cued) return { kind: 'scare', sentence: null };
  return { kind: words >= 5 ? 'direct' : 'partial', sentence: sentStart };
}

/** Whole words (letter runs) that may be cue verbs: every word isCueVerb accepts, found without visiting every word. */
const CUE_WORD = new RegExp(`(?<!\\p{L})(?:${[...CUE_VERBS].join('|')}|mention+e?d|sa[iy]d)(?!\\p{L})`, 'giu');
/** The same words by a faster pattern: ASCII case-insensitive, longest alternative first, word edges checked by hand
 *  (at a position the longest alternative is the only one that can end the word). Not for texts with the Kelvin sign,
 *  which only the Unicode pattern folds to "k". */
const CUE_WORD_FAST = new RegExp(`mention+e?d|sa[iy]d|${[...CUE_VERBS].sort((a, b) => b.length - a.length).join('|')}`, 'gi');
const LETTER = /\p{L}/u;
/** Is the code point ending just before `i` a letter? */
function letterBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return LETTER.test(s.slice(i - 2, i));
  }
  return LETTER.test(s[i - 1]);
}
/** Is the code point starting at `i` a letter? */
function letterAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const hi = s.charCodeAt(i);
  if (hi >= 0xd800 && hi <= 0xdbff && i + 1 < s.length) {
    const lo = s.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return LETTER.test(s.slice(i, i + 2));
  }
  return LETTER.test(s[i]);
}
/** Matches of CUE_WORD in `s`, in order. */
function cueWords(s: string): { index: number; word: string }[] {
  const out: { index: number; word: string }[] = [];
  if (s.includes('\u212a')) {
    for (const m of s.matchAll(CUE_WORD)) out.push({ index: m.index!, word: m[0] });
    return out;
  }
  CUE_WORD_FAST.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = CUE_WORD_FAST.exec(s));) {
    const end = m.index + m[0].length;
    if (!letterBefore(s, m.index) && !letterAt(s, end)) out.push({ index: m.index, word: m[0] });
  }
  return out;
}

/** Speech verbs in the narration of one paragraph, each with its subject and (for reported speech) its clause. */
function speechEvents(ctx: ExtractionContext, narration: string, pStart: number, pEnd: number, _pi: number): SpeechEvent[] {
  const out: SpeechEvent[] = [];
  // sentences of the narration: a blanked quote is a boundary too
  const bounds = /[.!?](?=\s+[^\s\p{Ll}]|\s*$)|\u2063+/gu;
  const para = narration.slice(pStart, pEnd);
  let last = 0;
  const sents: { start: number; end: number }[] = [];
  for (const m of para.matchAll(bounds)) {
    if (m[0] === '.' && isAbbreviationPeriod(ctx.nlp.text, pStart + m.index!) && pStart + m.index! + 1 < pEnd) continue; // "Cmdr. Sean Robertson"
    const end = m.index! + (m[0] === MASK || m[0].startsWith(MASK) ? 0 : 1);
    if (end > last) sents.push({ start: pStart + last, end: pStart + end });
    last = m.index! + m[0].length;
  }
  if (last < para.length) sents.push({ start: pStart + last, end: pEnd });
  for (const sent of sents) {
    const s = narration.slice(sent.start, sent.end);
    if (!/\p{L}/u.test(s)) continue;
    // "..., according to X" / "According to X, ..."
    const acc = /\baccording to\s+/i.exec(s);
    if (acc) {
      const refStart = sent.start + acc.index + acc[0].length;
      const commaAfter = s.indexOf(',', acc.index + acc[0].length);
      const initial = acc.index < 3;
      const refEnd = initial && commaAfter > 0 ? sent.start + commaAfter : sent.end;
      const ref = parseSpeaker(ctx, refStart, refEnd);
      if (ref) {
        const clause = initial ? trimSpan(ctx.nlp.text, refEnd + 1, sent.end) : trimSpan(ctx.nlp.text, sent.start, sent.start + acc.index);
        out.push({ pos: ref.start, ref, cue: 'according to', recipient: null, clause, sentence: sent });
        continue; // one speaker per sentence: "According to X, the country had admitted ..." has no second one
      }
    }
    for (const m of cueWords(s)) {
      const verb = m.word, lv = verb.toLowerCase();
      if (!isCueVerb(verb) || lv === 'continues' || lv === 'continued') continue;
      if (s[m.index! - 1] === '-' || s[m.index! + verb.length] === '-') continue; // "self-declared", "so-called"
      const pre = s.slice(0, m.index);
      const post = s.slice(m.index! + verb.length);
      if (/\b(?:is|are|was|were|be|been|being|it|to)\s+$/i.test(pre)) continue; // "is said to have": an allegation, not a speaker
      if (/\b(?:who|which|that)\s+(?:\w+\s+)?$/i.test(pre)) continue; // "a minister who spoke to X described ...": a relative clause
      if (lv === 'asked' && /^\s+(?:not\s+to|to\s+(?:not|remain|stay)|that\s+(?:his|her|their)\s+name)\b/i.test(post)) continue; // anonymity
      // inside a relative clause of the subject when the main verb follows: "a refugee who feared ... and asked ..., said that"
      const chunk = pre.slice(Math.max(pre.lastIndexOf(','), pre.lastIndexOf('(')) + 1);
      if (/\b(?:who|whom|which)\b/i.test(chunk) && /,\s*(?:\p{Ll}+\s+){0,2}(?:said|says|told|added|stated|wrote|explained|noted)\b/u.test(post)) continue;
      if (nounUse(ctx, sent.start + m.index!)) continue;
      // inverted attribution after a clause: "The city is calm, declared the spokesman of the government, X."
      const firstChunk = sent.start + (pre.indexOf(',') >= 0 ? pre.indexOf(',') : pre.length);
      if (REPORT_VERBS.has(lv) && /,\s*$/.test(pre) && /^\s+[\p{L}]/u.test(post)
          && tokensWithin(ctx.nlp.tokens, sent.start, firstChunk).some((t) => t.pos === 'VERB' || t.pos === 'AUX')
          && !tokensWithin(ctx.nlp.tokens, sent.start, firstChunk).some((t) => /^(?:who|whom|whose|which)$/i.test(t.text))) {
        const vEnd = sent.start + m.index! + verb.length;
        const ref = parseSpeaker(ctx, vEnd, sent.end);
        if (ref && ref.kind !== 'pronoun') {
          out.push({ pos: ref.start, ref, cue: lv, recipient: null, clause: trimSpan(ctx.nlp.text, sent.start, sent.start + pre.lastIndexOf(',')), sentence: sent });
          break;
        }
      }
      const subj = subjectBefore(ctx, sent.start, sent.start + m.index!);
      if (!subj) continue;
      const vEnd = sent.start + m.index! + verb.length;
      const recipient = recipientAt(ctx, vEnd, sent.end, lv);
      out.push({ pos: subj.start, ref: subj, cue: lv, recipient, clause: REPORT_VERBS.has(lv) ? reportedClause(ctx, narration, vEnd, sent, subj) : null, sentence: sent });
      break; // one speaker per sentence
    }
  }
  return out;
}

/** A chunk that can stand in apposition to a name: "a spokesman for X", "the U.S. commander", "who ...", "however". */
const APPOSITION = /^\s*(?:(?:a|an|the|his|her|its|their|one|who|whom|whose|which|also|now|formerly|himself|herself|however|meanwhile|too)\b|\p{Ll})/u;

/** The subject of a speech verb: the last clause chunk before it, with apposition ("X, a member of Y, told"). */
function subjectBefore(ctx: ExtractionContext, sStart: number, vStart: number): SpeakerRef | null {
  const text = ctx.nlp.text;
  const pre = text.slice(sStart, vStart);
  const cuts = [...pre.matchAll(/[,;:()]|\s[–—]\s/g)].map((m) => ({ at: m.index!, len: m[0].length, comma: m[0] === ',' }));
  let segStart = sStart, segEnd = vStart;
  if (cuts.length) {
    const lastCut = cuts[cuts.length - 1];
    const tail = pre.slice(lastCut.at + lastCut.len);
    if (!tail.trim() && cuts.length >= 2) {
      // "Name, apposition, (apposition,) told": the subject is the earliest chunk followed only by appositions
      // ("Cmdr. Sean Robertson, a spokesperson for X, the U.S. military operation against Y, told")
      const starts = [0, ...cuts.map((c) => c.at + c.len)];
      const chunks = starts.slice(0, -1).map((a, k) => ({ a, b: cuts[k].at, comma: cuts[k].comma }));
      let pick = Math.max(0, chunks.length - 2);
      for (let k = Math.max(0, chunks.length - 5); k < chunks.length - 1; k++) {
        const head = pre.slice(chunks[k].a, chunks[k].b);
        if (!chunks.slice(k).every((c) => c.comma)) continue;
        if (!/^\s*[\p{Lu}\p{Ll}]/u.test(head) || /^\s*(?:in|on|at|after|before|since|when|while|during|for|if|although|because|as|but|and|so|then|meanwhile|however)\b/i.test(head)) continue;
        if (!chunks.slice(k + 1).every((c) => APPOSITION.test(pre.slice(c.a, c.b)))) continue;
        pick = k; break;
      }
      segStart = sStart + chunks[pick].a;
    } else segStart = sStart + lastCut.at + lastCut.len;
  }
  // cut a preceding verb phrase: "Karim fought on the front lines and told" → "Karim" (not inside an apposition)
  const firstComma = text.slice(segStart, segEnd).indexOf(',');
  const toks = tokensWithin(ctx.nlp.tokens, segStart, firstComma >= 0 ? segStart + firstComma : segEnd);
  for (const t of toks) {
    if (/^(who|whom|which|whose|that)$/i.test(t.text)) break;
    if (text[t.start - 1] === '-' || text[t.end] === '-') continue; // "Washington-based", "so-called"
    if (t.start > segStart && /^\p{Lu}/u.test(t.text)) continue; // a capitalised word inside the phrase is a name ("VOA Extremism Watch Desk")
    if ((t.pos === 'VERB' || t.pos === 'AUX') && t.start > segStart) { segEnd = t.start; break; }
    if (t.pos === 'VERB' && t.start === segStart) return null;
  }
  // an introductory phrase without a comma is not a subject ("In 2020 officials said" is rare; skip prepositions)
  if (/^\s*(?:in|on|at|after|before|since|when|while|during|for|if|although|because|as)\b/i.test(text.slice(segStart, segEnd))) return null;
  const ref = parseSpeaker(ctx, segStart, segEnd);
  if (!ref) return null;
  if (ref.kind === 'name' && !ref.mention && ref.core.split(/\s+/).length > 5) return null;
  return ref;
}

/** The clause a reporting verb introduces: "that ..." (or, after "said", a bare clause); or the clause before a final "X said." */
function reportedClause(ctx: ExtractionContext, narration: string, vEnd: number, sent: { start: number; end: number }, subj: SpeakerRef) {
  const text = ctx.nlp.text;
  const after = narration.slice(vEnd, sent.end);
  // skip the recipient and time adverbials: "told the Daily Beast that", "confirmed to X on Tuesday that"
  // ("told reporters that", "told the local newspaper that", "said in a statement on Monday that", "wrote on Twitter that")
  const told = /^(?:told|tells|tell|informed|assured|briefed|warned|reminded)$/i.test(text.slice(subjVerb(text, vEnd), vEnd));
  const m = /^(?:\s+(?:to\s+)?(?:the\s+)?[\p{Lu}][\p{L}’'.-]*(?:\s+[\p{Lu}][\p{L}’'.-]*)*)?(?:\s+(?:on|last|this|in)\s+[\p{L}\d]+(?:\s+[\p{L}\d]+)?)?\s+that\s+/u.exec(after)
    ?? (told ? /^\s+(?:[^\s,.;:\u2063]+\s+){1,4}?that\s+/u.exec(after) : null)
    ?? /^(?:,?\s+(?:to|in|on|at|during|via|through|after|late|earlier|last|this)\s+(?:[^\s,.;:\u2063]+\s+){0,4}?[^\s,.;:\u2063]+)+,?\s+that\s+/u.exec(after)
    ?? /^\s+(?=(?:the|a|an|it|he|she|they|there|his|her|their|its|this|some|most|many|[\p{Lu}]))/u.exec(after)
    // a bare clause opening with a plain noun or number: "said supplies were short", "said 40 people died"
    ?? (bareClause(ctx, vEnd, sent.end) ? /^\s+/.exec(after) : null);
  if (m && /\S/.test(after.slice(m[0].length))) {
    const start = vEnd + m[0].length;
    let end = sent.end;
    // the sentence stops at a quote: "X added that the Taliban had “a large number ...”" is carried by the quote itself
    const next = narration.slice(sent.end).match(/^\s*(.)/s)?.[1];
    if (next === MASK && !/[:.!?]\s*$/.test(narration.slice(start, end))) return null;
    const colon = narration.slice(start, end).search(/:\s*\u2063|\u2063/);
    if (colon >= 0) {
      // the clause runs into a direct quote: reported only if the words before the quote stand alone
      const c = narration.slice(start, start + colon);
      if (/:\s*$/.test(c) || /:\s*\u2063/.test(narration.slice(start + colon, start + colon + 3))) end = start + colon;
      else return null;
    }
    return trimSpan(text, start, end);
  }
  // clause-final attribution: "The attack killed 12 people, police said."
  if (!/\p{L}/u.test(after) && subj.start > sent.start) {
    const before = text.slice(sent.start, subj.start);
    if (/,\s*$/.test(before)) return trimSpan(text, sent.start, sent.start + before.lastIndexOf(','));
  }
  return null;
}

/** Whether [s, e) reads as a clause that opens with a noun phrase: a noun, number or adjective first, a finite verb after it. */
function bareClause(ctx: ExtractionContext, s: number, e: number): boolean {
  const toks = tokensWithin(ctx.nlp.tokens, s, e);
  if (!toks.length || !['NOUN', 'NUM', 'ADJ', 'PROPN'].includes(toks[0].pos)) return false;
  return toks.slice(1).some((t) => t.pos === 'AUX' || (t.pos === 'VERB' && /(?:ed|s)$/.test(t.text)));
}

/** Start of the word that ends at `end`. */
function subjVerb(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\p{L}/u.test(text[i - 1])) i--;
  return i;
}

/** A verb outside a relative clause: the words are a clause, not a speaker phrase ("the group is said"). */
function hasVerb(ctx: ExtractionContext, s: number, e: number): boolean {
  for (const t of tokensWithin(ctx.nlp.tokens, s, e)) {
    if (/^(who|whom|which|whose|that)$/i.test(t.text) || t.text === ',') return false;
    if (t.pos === 'AUX' || (t.pos === 'VERB' && !/(ing|ed)$/.test(t.text))) return true;
  }
  return false;
}

function trimSpan(text: string, s: number, e: number): { start: number; end: number } | null {
  while (s < e && /[\s,;:–—"“”]/.test(text[s])) s++;
  while (e > s && /[\s,;:–—"“”]/.test(text[e - 1])) e--;
  return e - s > 3 && /\p{L}/u.test(text.slice(s, e)) ? { start: s, end: e } : null;
}
