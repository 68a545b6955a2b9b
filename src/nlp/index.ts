// nlp: sentences, tokens and POS tags from wink-nlp, with offsets mapped back to the cleaned text.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { NlpDocument, Sentence, Token } from '../types.js';

let engine: ReturnType<typeof winkNLP> | null = null;
function getEngine() {
  // Loading the model costs ~100 ms; do it once, lazily.
  // Only the annotations we read: sentence boundaries and POS. wink's default pipe also runs its own
  // NER, negation and sentiment automata (a third of readDoc's time); none of them changes tokens,
  // sentences or POS tags (POS runs on the tokens alone), and we never read their output.
  engine ??= winkNLP(model, ['sbd', 'pos']);
  return engine;
}

/** Tokenise, split sentences and tag POS. Whitespace tokens are dropped; a blank line always ends a sentence. */
export function analyzeText(text: string): NlpDocument {
  const nlp = getEngine();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const sentOf = new Int32Array(values.length).fill(-1);
  doc.sentences().each((s: any, k: number) => {
    s.tokens().each((t: any) => { sentOf[t.index()] = k; });
  });

  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let cursor = 0;
  let lastWinkSentence = -1;
  let lastEnd = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (tags[i] === 'SPACE' || /^\s+$/.test(value)) {
      // advance past it; a paragraph break closes the current sentence
      const at = text.indexOf(value, cursor);
      if (at >= 0) cursor = at + value.length;
      if (/\n/.test(value)) lastWinkSentence = -2;
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
    const gap = text.slice(lastEnd, start);
    const newSentence = sentences.length === 0 || ws !== lastWinkSentence || /\n/.test(gap);
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
