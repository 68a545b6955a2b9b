// nlp: sentences, tokens and POS tags from wink-nlp, with offsets mapped back to the cleaned text.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { NlpDocument, Sentence, Token } from '../types.js';

// wink keeps every token it has not seen before (its lexeme, lower-cased form, prefix/suffix/shape
// features) in a per-engine cache that never shrinks: ~45 new entries per article, and a long token is
// kept as a slice of the article's text, so it keeps the whole text alive. The engine is rebuilt with a
// fresh copy of the model once this many unseen tokens have accumulated (~70 ms, every few thousand
// articles). Output does not depend on the cache's history: an unseen token's features come from its
// text alone.
const MAX_CACHED_UNSEEN = 50_000;
type Engine = ReturnType<typeof winkNLP>;
let engine: Engine | null = null;
let lexemes: { list: unknown[]; intrinsicSize: number } | null = null;
// The model's metaCER() JSON-encodes its machines again on every call (the encoded string grows with
// each engine built); build every engine from the first result.
let cer: unknown;
function getEngine(): Engine {
  if (engine && lexemes && lexemes.list.length - lexemes.intrinsicSize > MAX_CACHED_UNSEEN) engine = null;
  if (!engine) {
    const m = model as any;
    const wrapped = Object.assign(Object.create(null), m, {
      core: () => { const core = m.core(); lexemes = core.features.lexeme; return core; },
      metaCER: () => (cer ??= m.metaCER()),
    });
    // Loading the model costs ~100 ms; do it once, lazily.
    // Only the annotations we read: sentence boundaries and POS. wink's default pipe also runs its own
    // NER, negation and sentiment automata (a third of readDoc's time); none of them changes tokens,
    // sentences or POS tags (POS runs on the tokens alone), and we never read their output.
    engine = winkNLP(wrapped, ['sbd', 'pos']);
  }
  return engine;
}

/** Does the text hold a line feed in [from, to)? */
function newlineIn(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

/** Tokenise, split sentences and tag POS. Whitespace tokens are dropped; a blank line always ends a sentence. */
export function analyzeText(text: string): NlpDocument {
  const nlp = getEngine();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const sentOf = new Int32Array(values.length).fill(-1);
  // each wink sentence's token range, without a token object per token
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  for (let k = 0; k < spans.length; k++) sentOf.fill(k, spans[k][0], spans[k][1] + 1);

  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let cursor = 0;
  let lastWinkSentence = -1;
  let lastEnd = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const c0 = value.charCodeAt(0); // (only a whitespace first character can start an all-\s value)
    if (tags[i] === 'SPACE' || ((c0 <= 32 || c0 === 0xa0 || c0 >= 0x1680) && /^\s+$/.test(value))) {
      // advance past it; a paragraph break closes the current sentence
      const at = text.indexOf(value, cursor);
      if (at >= 0) cursor = at + value.length;
      if (value.includes('\n')) lastWinkSentence = -2;
      continue;
    }
    let start = text.indexOf(value, cursor);
    if (start < 0) {
      // wink may normalise a token (e.g. expansions); fall back to the next non-space run
      const m = /\S+/g; m.lastIndex = cursor; const r = m.exec(text);
      if (!r) break;
      start = r.index;
    }
    const end = Math.min(text.length, start + value.length);
    cursor = end;
    const ws = sentOf[i];
    const newSentence = sentences.length === 0 || ws !== lastWinkSentence || newlineIn(text, lastEnd, start);
    if (newSentence) {
      if (sentences.length) {
        const prev = sentences[sentences.length - 1];
        prev.end = tokens[tokens.length - 1].end; prev.lastToken = tokens.length - 1;
      }
      sentences.push({ index: sentences.length, start, end, firstToken: tokens.length, lastToken: tokens.length });
    }
    lastWinkSentence = ws;
    tokens.push({ start, end, text: text.slice(start, end), pos: tags[i], sentence: sentences.length - 1, index: tokens.length });
    lastEnd = end;
  }
  if (sentences.length) {
    const prev = sentences[sentences.length - 1];
    prev.end = tokens[tokens.length - 1].end; prev.lastToken = tokens.length - 1;
  }
  return { text, tokens, sentences };
}

/** Paragraph spans of a text (blank-line separated), used by extractors that work per paragraph. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const s = m[0];
    const lead = s.length - s.trimStart().length;
    const trimmed = s.trim();
    if (trimmed) out.push({ start: m.index + lead, end: m.index + lead + trimmed.length });
  }
  return out;
}
